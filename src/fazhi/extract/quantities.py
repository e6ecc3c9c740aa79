"""The quantity grammar: find every stated quantity in a text and read its value.

`find_quantities(norm)` scans the matching view of a report (`Report.norm`: half-width,
simplified) with one precompiled regular expression and returns `Quantity` spans with
offsets that are valid in `Report.text` (the view has the same length).

What counts as a quantity: a number (Arabic with optional thousands separators and
decimals, "2亿3000万"; or a Chinese numeral such as 二十三 / 一千二百 / 两 / 十余, with inner
万/亿 sections and 零: 两万三千, 三千六百四十八万四千, 一万零五百, and 点 decimals: 一点二三) with an
optional scale (千/万/亿/万亿), optional approximation words (约/近/逾/超过/不足… before, 余/多
inside, 以上/以下/左右 after; a bare scale after 近/逾/超: 近万人), an optional range (3至5天,
10%—20%), and a unit from a closed list (件, 人次, %, 百分之… (any numeral, 百分之百), 千分之…,
个百分点, 元, 天, 个工作日, …; a score in 分 and pairs in 对 only after an Arabic number and at
the end of a clause; a space between number and unit likewise only at a clause end: "法规 11
件，"). Pinyin a broken conversion left after a scale or 余 is read through (1.2萬(wàn)人);
English copies: counts of a closed list of nouns (106,000 leaders). Digit words side by side
(三五个, 二〇二二) are not a number. A number without a unit is never a quantity:
that single rule already rejects years and dates (2022年 / 12月7日 are not units here),
document numbers (〔2022〕14号), phone and ICP numbers, resolutions (1366*768), hotline
names (12345政府服务热线) and numbered slogans (“1355”战略, 3221标准).

The remaining traps are filtered explicitly: ordinals (第140次, 第二批, 前3名), numbers glued
to ASCII letters or codes, a lone 一 (一批 / 一次办 / 一个窗口 / 一起), numerals inside short
quoted slogans (“三个形象”), and fixed political phrases (三项制度, 四个意识, 两个维护, …).

Value conventions (documented in docs and relied on by relations):
- counts/durations/ratios: the number times its scale ("1.3万余份" -> 13000, approx, 余);
- money: always in 元 ("52.31亿元" -> 5231000000, unit "元"; "1728.7万元" -> 17287000); a
  foreign currency in its own unit ("1.98亿美元" -> 198000000, unit "美元");
- percentages: the percent number (91.8 with unit "%"); 个百分点 keeps its own unit;
- ranges: the first bound, qualifier "范围", approx True;
- value is an int when the scaled number is integral, otherwise a float.
cn2an is used only on numeral spans this grammar found, never on the whole text.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterator
from decimal import Decimal, InvalidOperation

from ..zh.numerals import ONE_TO_TEN, canonical_value
from ..zh.cjk import CJK

# cn2an is imported where it is first needed (parse_number, for numerals not in the standard
# form that zh/numerals.canonical_value reads): importing it costs ~0.2 s

# --------------------------------------------------------------------------- units
# unit -> kind. Order inside the regex is longest first.
_UNIT_KIND: dict[str, str] = {}
for _u in ("%", "‰"):
    _UNIT_KIND[_u] = "rate"
for _u in ("个百分点", "百分点", "倍"):
    _UNIT_KIND[_u] = "ratio"
_UNIT_KIND["元"] = "money"
for _u in ("美元", "港元", "欧元", "日元", "英镑", "美金"):     # kept in their own currency: never summed with 元
    _UNIT_KIND[_u] = "money"
for _u in ("个工作日", "工作日", "个小时", "小时", "分钟", "个月", "天", "周", "年", "学时", "课时"):
    _UNIT_KIND[_u] = "duration"
for _u in ("平方公里", "平方米", "立方米", "公里", "千米", "公顷", "亩", "吨", "公斤", "千克",
           "千瓦", "岁", "周岁", "周年", "米"):
    _UNIT_KIND[_u] = "other"
for _u in ("件次", "人次", "场次", "户次", "批次", "期次", "车次", "架次", "班次", "课次",
           "件", "人", "次", "户", "家", "项", "个", "卷", "份", "条", "起", "场", "名", "位",
           "批", "期", "类", "支", "所", "座", "台", "辆", "张", "本", "册", "篇", "部", "处",
           "宗", "单", "剂", "管", "套", "间", "栋", "株", "头", "只", "艘", "架", "轮", "堂",
           "节", "种", "门", "例", "页", "封", "盒", "吨次", "组", "队", "把", "对", "幅", "块",
           "大类", "大项", "大板块"):      # 3大类、75项措施: categories counted
    _UNIT_KIND.setdefault(_u, "count")
_UNIT_KIND["分"] = "other"        # a score (得分93.21分); read only where it ends a clause, below

# Units that usually stand before the noun they count (64个调委会): the subject is then
# the noun after the unit.
CLASSIFIERS = frozenset("个名家所支位座台辆套张本处批类间部种门组队艘架栋株头只")

_UNITS_RE = "|".join(re.escape(u) for u in sorted(_UNIT_KIND, key=len, reverse=True))

# --------------------------------------------------------------------------- numbers
# Arabic: thousands separators, decimals; "2亿3000万" (an 亿 section followed by a 万 section)
_AR = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_AR_BIG = rf"{_AR}亿\d{{1,4}}(?:\.\d+)?万(?=[^\d万亿])"
# Chinese: a numeral starts with a digit word or 十 (never with 百/千/万: 千人拥有, 百日攻坚) and
# runs through inner 十百千 and section markers 万/亿 (两万三千, 三千六百四十八万四千, 一亿二千万,
# 一万零五百), with an optional 点 decimal tail; 零点五 starts with 零.
_CD = "零〇一二三四五六七八九两"
_CN = (rf"(?:[一二三四五六七八九两十][{_CD}十百千万亿]*|零(?=点))"
       rf"(?:点[零〇一二三四五六七八九]+)?")
_NUM = rf"(?:{_AR_BIG}|{_AR}|{_CN})"
_SCALE = r"(?:万亿|亿|万|千)"
_PRE = r"(?P<pre>大约|约|将近|接近|近|逾|超过|超|不少于|不低于|不足|不到|多达)?"
_RSEP = r"(?:至|到|~|～|-|—|－|–)"
# pinyin a broken traditional-character conversion left after a character: 1.2萬(wàn)人, 30餘(yú)場
_PY = r"(?:\([a-z\u00e0-\u00fc\u0101-\u01dc]{1,6}\))?"

QUANTITY_RE = re.compile(
    rf"""(?=[\d{_CD}十百千万大约将接近逾超不多])   # fail fast where no quantity can start
    {_PRE}(?(pre)[ \u3000]{{0,2}})
    (?:
        (?P<pctw>百|千)分之(?P<pct>{_AR}|{_CN}|百(?!分))(?P<pctq>多|余)?
      |
        (?P<num>(?<![\d{_CD}十百千万亿]){_NUM}|(?<=[近逾超])[百千万](?=[余多]?(?:{_UNITS_RE}))|(?<![数几])[百千万](?=[余多](?:{_UNITS_RE})))(?P<sp0>[ \u3000]{{1,2}}(?=[万亿千余多]))?(?P<q1>余|多)?{_PY}(?P<scale>{_SCALE})?{_PY}(?P<q2>余|多)?{_PY}
        (?:(?P<rsep>{_RSEP})(?P<num2>{_NUM})(?P<scale2>{_SCALE})?)?
        (?P<sp>[ \u3000]{{1,2}}(?=[^ \u3000]))?(?P<unit>{_UNITS_RE})
    )
    (?P<post>以上|以下|左右|上下)?
    """,
    re.VERBOSE,
)
# A number never starts inside a longer numeral or digit run (the lookbehind before `num`, the
# same test as _NUMERAL_BEFORE / _BAD_BEFORE below): without it every position of a long run
# is a new start and scanning a run of n digits costs n² steps.
# a numeral character right before a match means the match began inside a longer numeral
_NUMERAL_BEFORE = re.compile(rf"[{_CD}十百千万亿]$")
_NUMERAL_CHARS = frozenset(_CD + "十百千万亿")          # the same test on one character

# No stated quantity of a report reaches 10^16 (a thousand 万亿元): a longer number is an
# identifier or a typing accident, and its value would not fit a float downstream.
_MAX_VALUE = Decimal(10) ** 16

_SCALES = {"千": Decimal(1000), "万": Decimal(10000), "亿": Decimal(100000000),
           "万亿": Decimal(10 ** 12)}

# Fixed political phrases and slogans whose numerals are not quantities.
SLOGAN_RE = re.compile(
    r"(?:三项制度|四个意识|四个自信|四个全面|两个维护|两个确立|两个一百年|三个代表|五个坚决防止|"
    r"三集中三到位|三重一大|三个务必|五大发展理念|四个最严|两个毫不动摇|三项改革|三个形象|"
    r"三个监管|三级政务服务体系|一带一路|一网通办|一网统管|一窗受理|一次办|一件事|一站式|"
    r"一把手|两法衔接|收支两条线|两个清单|两单融合|三调联动|三治结合|三位一体|五级书记|"
    + "".join(f"{d}[{ONE_TO_TEN}]?五普法|" for d in ONE_TO_TEN)   # [一…十]{1,2}五普法
    + r"十[一二三四五]五)"   # bounded: a long numeral run is never rescanned
)
# (every alternative starts with a character, so re scans for those characters only)
# Ordinals and codes: a quantity preceded by one of these is not a quantity.
_BAD_BEFORE = re.compile(r"(?:第|前|排名|列|No\.?|NO\.?|[A-Za-z0-9.·*+#/_\-〔\[])$")
_NONE_BEFORE = re.compile(r"(?:无|未有|没有)$")
# _BAD_BEFORE as str tests (the same test, tests/test_perf_equivalence.py): the window's last
# character (before a final newline, where `$` also matches) is one of these, or it ends in 排名
# (No/No./NO/NO. end in a letter or a dot)
_BAD_BEFORE_CHARS = frozenset("第前列.·*+#/_-〔[0123456789"
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _bad_before(norm: str, lo: int, e: int) -> bool:
    """`_BAD_BEFORE.search(norm, lo, e)`, without re."""
    if e <= lo:
        return False
    c = norm[e - 1]
    if c == "\n":
        e -= 1
        if e <= lo:
            return False
        c = norm[e - 1]
    return c in _BAD_BEFORE_CHARS or (c == "名" and e - 2 >= lo and norm[e - 2] == "排")


# a name after the quantity (3个行动方案, 5个攻坚): applied with .match(norm, pos), so no "^"
# (it would only match at pos 0). Not a digit (8项1级指标, 49件59人 are quantities) nor 计划
# (123个计划 counts plans; 三年计划 is a name already by the duration rule)
_BAD_AFTER = re.compile(r"(?:行动|规划|工作方案|攻坚|[*·])")


# units read only where they end the clause (a score 93.21分, pairs 1291对; not 分局, 对接), and
# for Arabic numbers only; any unit after a space ("地方性法规 11 件") likewise
_CLAUSE_END_UNITS = frozenset({"分", "对"})
_CJK_AT = re.compile(rf"[{CJK}A-Za-z0-9]")   # a word goes on
_ATTRIBUTIVE = re.compile(rf"[{CJK}](?<![来内间里中的后前以左多余全])")
# 连续3年开展…: a run of years told before its verb is a duration, not a name (三年行动)
_RUN_OF = re.compile(r"连续\s*$")


@dataclass
class Quantity:
    start: int            # span of the whole quantity (qualifiers included)
    end: int
    num_start: int        # span of the number itself
    num_end: int
    value: int | float
    unit: str
    kind: str
    approx: bool = False
    qualifier: str | None = None
    arabic: bool = True
    upper: int | float | None = None   # upper bound of a range


def _to_number(dec: Decimal) -> int | float:
    if dec == dec.to_integral_value():
        return int(dec)
    return float(dec)


_BARE_SCALE = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000)}
_ADJACENT_DIGITS = re.compile(r"[一二三四五六七八九两][〇零一二三四五六七八九两]")
_AR_BIG_RE = re.compile(r"(?P<yi>[\d.,]+)亿(?P<wan>[\d.]+)万")
_TRAILING_SCALE = re.compile(r"(万亿|亿|万|千)$")


@functools.lru_cache(maxsize=4096)
def parse_number(s: str) -> Decimal | None:
    """An Arabic or Chinese numeral (a scale inside or at the end is allowed) -> Decimal, or None.

    Chinese numerals with inner sections (两万三千, 三千六百四十八万四千, 一亿二千万) are read by
    cn2an; digit words side by side (三五, 二〇二二) are not a cardinal number -> None.
    """
    if not s:
        return None
    if s in _BARE_SCALE:
        return _BARE_SCALE[s]                # 近万人: the scale word alone
    if s[0].isdigit():
        big = _AR_BIG_RE.fullmatch(s)
        try:
            if big:
                return (Decimal(big["yi"].replace(",", "")) * _SCALES["亿"]
                        + Decimal(big["wan"]) * _SCALES["万"])
            return Decimal(s.replace(",", ""))
        except InvalidOperation:
            return None
    if _ADJACENT_DIGITS.search(s.split("点", 1)[0]):
        return None
    if len(s) > 40:
        return None                          # no Chinese numeral of a real figure is this long
    std = canonical_value(s)                 # the standard form, without importing cn2an
    if std is not None:
        return Decimal(std)
    import cn2an                         # lazily (start-up); a dict lookup after the first call
    try:
        v = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        tail = _TRAILING_SCALE.search(s)
        if not tail or tail.start() == 0:
            return None
        head = parse_number(s[:tail.start()])
        return None if head is None else head * _SCALES[tail.group(1)]
    try:
        return Decimal(str(v))
    except InvalidOperation:
        return None


def _quote_spans(norm: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SHORT_QUOTE.finditer(norm)]


_SHORT_QUOTE = re.compile(r"“[^“”\n]{1,10}”|\"[^\"\n]{1,10}\"|‘[^‘’\n]{1,10}’")
_DOC_TITLE = re.compile(r"《[^《》\n]{1,120}》")


class _Spans:
    """Sorted spans with a binary search for "is [a, b) inside one of them": the spans
    starting at or before a are a prefix of the list; one of them holds [a, b) iff the
    largest end in that prefix reaches b."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        m = -1
        for _, e in spans:
            m = max(m, e)
            self.max_end.append(m)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def holds(self, a: int, b: int) -> bool:
        k = bisect.bisect_right(self.starts, a)
        return k > 0 and self.max_end[k - 1] >= b


def find_quantities(norm: str, excluded: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity stated in `norm`, in text order.

    `excluded` are sorted spans (e.g. 《document titles》) inside which nothing is a quantity;
    by default document titles found in `norm` are excluded.
    """
    if excluded is None:
        excluded = [(m.start(), m.end()) for m in _DOC_TITLE.finditer(norm)]
    quotes = _Spans(_quote_spans(norm))
    excluded_spans = _Spans(sorted(excluded))
    slogans = _Spans([(m.start(), m.end()) for m in SLOGAN_RE.finditer(norm)])
    has_excluded, has_slogans, has_quotes = bool(excluded_spans), bool(slogans), bool(quotes)
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(norm):
        q = _read(m, norm)
        if q is None:
            continue
        ns = q.num_start
        if _bad_before(norm, max(0, ns - 3), m.start() if m.group("pre") else ns):
            continue
        if ns and norm[ns - 1] in _NUMERAL_CHARS:
            continue                         # began inside a longer numeral
        if _BAD_AFTER.match(norm, q.end):
            continue
        if q.value == 1 and _NONE_BEFORE.search(norm, max(0, q.start - 2), q.start):
            continue                         # 无1件出现… means none, not one
        if has_excluded and excluded_spans.holds(q.start, q.end):
            continue
        if has_slogans and slogans.holds(ns, ns + 1):
            continue
        if not q.arabic and has_quotes and quotes.holds(q.start, q.end):
            continue
        if q.unit in _HALF_UNITS and q.upper is None:
            q = _half(q, norm)               # (it leaves every other quantity as it is)
        out.append(q)
    out = _bare_halves(norm, out, excluded_spans, quotes)
    out = _english_counts(norm, out)
    return _merge_percent_ranges(norm, out)


# English copies of a report: "106,000 leaders and cadres", "35 cases" (a count of a closed
# list of nouns; a bare number, a year or a number before any other word is not a quantity)
_EN_UNITS = {"people": "人", "persons": "人", "leaders": "人", "cadres": "人", "officials": "人",
             "staff": "人", "lawyers": "人", "cases": "件", "times": "次", "items": "项",
             "documents": "件", "regulations": "件", "enterprises": "家", "sessions": "场"}
_EN_COUNT = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s(?P<noun>"
                       + "|".join(_EN_UNITS) + r")\b")


def _english_counts(norm: str, qs: list[Quantity]) -> list[Quantity]:
    if not re.search(r"[a-z]{3} \d", norm):
        return qs
    extra = []
    for m in _EN_COUNT.finditer(norm):
        if any(q.start < m.end() and m.start() < q.end for q in qs):
            continue
        dec = parse_number(m.group("num"))
        if dec is None:
            continue
        extra.append(Quantity(m.start(), m.end(), m.start("num"), m.end("num"), _to_number(dec),
                              _EN_UNITS[m.group("noun")], "count"))
    return sorted(qs + extra, key=lambda q: q.start) if extra else qs


_HALF_AFTER_GE = re.compile(r"半(小时|月(?![形刊亮])|钟头)")     # 两个半小时, 一个半月: 个 is not the unit
_HALF_DURATION = frozenset({"天", "年", "小时", "个小时", "个月", "周", "工作日", "个工作日"})
_HALF_UNITS = _HALF_DURATION | {"个"}       # the units _half reads a 半 after


def _half_follows(norm: str, pos: int, unit: str) -> bool:
    """A 半 after the unit that _half reads into the number (一个半月, 一年半)."""
    if unit == "个":
        return bool(_HALF_AFTER_GE.match(norm, pos))
    return unit in _HALF_DURATION and norm.startswith("半", pos) \
        and not norm.startswith(("半年", "半月", "半天"), pos)


# 半年 / 半个月 / 半天 alone: 0.5 of the unit. Not 上半年/下半年/前半年 (a period), 每半年 (a
# frequency), 半年度 (a name), nor 三个半小时 (read above); 年/个月 followed by a word are a name
# (半年工作总结), as for 三年行动.
_BARE_HALF = re.compile(rf"(?P<pre>近|约|逾)?(?<![上下前后大多每个\d{ONE_TO_TEN}两半])半"
                        r"(?P<unit>个工作日|个小时|小时|个月|年|天)(?![度刊程])")


# every _BARE_HALF match starts with one of these; the pattern opens with an optional group and a
# look-behind, so re would try it at every position of the text
_BARE_HALF_FIRST = re.compile(r"[近约逾半]")


def _bare_half_matches(norm: str) -> Iterator[re.Match[str]]:
    """Exactly _BARE_HALF.finditer(norm) (its matches are never empty), tried only where a match
    can start."""
    pos = 0
    while True:
        c = _BARE_HALF_FIRST.search(norm, pos)
        if c is None:
            return
        m = _BARE_HALF.match(norm, c.start())      # look-behinds see the text before the position
        if m is not None:
            yield m
            pos = m.end()
        else:
            pos = c.start() + 1


def _bare_halves(norm: str, qs: list[Quantity], excluded: "_Spans", quotes: "_Spans") -> list[Quantity]:
    if "半" not in norm:
        return qs
    extra = []
    for m in _bare_half_matches(norm):
        unit = m.group("unit")
        if unit in ("年", "个月") and _ATTRIBUTIVE.match(norm, m.end()):
            continue
        if any(q.start < m.end() and m.start() < q.end for q in qs):
            continue
        if (excluded and excluded.holds(m.start(), m.end())) or (quotes and quotes.holds(m.start(), m.end())):
            continue
        pre = m.group("pre")
        num = m.start() + (len(pre) if pre else 0)
        extra.append(Quantity(m.start(), m.end(), num, num + 1, 0.5, unit, "duration", bool(pre), pre,
                              arabic=False))
    if not extra:
        return qs
    return sorted(qs + extra, key=lambda q: q.start)


def _half(q: Quantity, norm: str) -> Quantity:
    """"两个半小时" is 2.5 个小时 and "3天半" 3.5 天, not 2 个 / 3 天 followed by 半."""
    if q.upper is not None:
        return q
    if q.unit == "个":
        m = _HALF_AFTER_GE.match(norm, q.end)
        if m:
            q.value = _to_number(Decimal(str(q.value)) + Decimal("0.5"))
            q.unit, q.kind, q.end = "个" + ("小时" if m.group(1) == "钟头" else m.group(1)), "duration", m.end()
            return q
    elif q.unit in _HALF_DURATION and q.end < len(norm) and norm[q.end] == "半" \
            and not norm.startswith(("半年", "半月", "半天"), q.end):
        q.value = _to_number(Decimal(str(q.value)) + Decimal("0.5"))
        q.end += 1
    return q


_PCT_RANGE_TAIL = re.compile(r"(?:至|到|~|～|-|—|－|–){1,2}(\d+(?:\.\d+)?)%")


def _merge_percent_ranges(norm: str, qs: list[Quantity]) -> list[Quantity]:
    """10%—20% is one quantity (a range), not two rates (nor a rate and a code)."""
    out: list[Quantity] = []
    for q in qs:
        if out and out[-1].start <= q.start < out[-1].end:
            continue                          # the upper bound already merged into the range
        if q.unit == "%" and q.upper is None:
            m = _PCT_RANGE_TAIL.match(norm, q.end)
            if m and Decimal(str(q.value)) < Decimal(m.group(1)) < _MAX_VALUE:
                q.end, q.upper = m.end(), _to_number(Decimal(m.group(1)))
                q.approx, q.qualifier = True, "范围"
        out.append(q)
    return out


def _read(m: re.Match, norm: str) -> Quantity | None:
    # groups are read several at a time (one call each: this runs for every match)
    pre, post, raw = m.group("pre", "post", "pct")
    if raw is not None:
        dec = Decimal(100) if raw == "百" else parse_number(raw)
        if dec is None or dec >= _MAX_VALUE:
            return None
        pctw, pctq = m.group("pctw", "pctq")
        pct_qual = [pre] if pre else []
        if pctq:
            pct_qual.append(pctq)
        if post:
            pct_qual.append(post)
        unit = "‰" if pctw == "千" else "%"
        pct_start, pct_end = m.span("pct")
        return Quantity(m.start(), m.end(), pct_start - 3, pct_end, _to_number(dec),
                        unit, "rate", bool(pct_qual), pct_qual[0] if pct_qual else None,
                        arabic=raw[0].isdigit())
    raw, unit, sp, sp0, scale, rsep = m.group("num", "unit", "sp", "sp0", "scale", "rsep")
    kind = _UNIT_KIND[unit]
    arabic = raw[0].isdigit()
    end = m.end()
    if (sp or sp0 or unit in _CLAUSE_END_UNITS) and not post \
            and _CJK_AT.match(norm, m.end("unit")):
        return None                          # "11 件," / "93.21分," / "1291对,"; not "3 个人", 分局
    num_start, num_end = m.span("num")
    if unit in _CLAUSE_END_UNITS and (not arabic or (num_start and norm[num_start - 1] in "时点:")):
        return None                          # 8时30分 is a time
    if not arabic and raw == "一" and kind != "ratio" and not _half_follows(norm, end, unit):
        return None                          # 一批 / 一次办 / 一个窗口 / 一起 (一个半月, 一年半 are)
    if unit == "年" and (not raw or len(raw.replace(",", "").split(".")[0]) > 2):
        return None                          # 2022年 is a date, not a duration
    if unit in ("年", "周", "个月") and _ATTRIBUTIVE.match(norm, end) \
            and not _half_follows(norm, end, unit) and not _RUN_OF.search(norm, max(0, num_start - 4), num_start):
        return None                          # 三年行动 / 五年规划 / 70周年: a name, not a duration
    dec = parse_number(raw)
    if dec is None:
        return None
    if scale:
        dec *= _SCALES[scale]
    if dec >= _MAX_VALUE:
        return None                          # a digit run of an identifier, not a quantity
    q1, q2 = m.group("q1", "q2")
    qual: list[str] = []
    if pre:
        qual.append(pre)
    if q1:
        qual.append(q1)
    if q2:
        qual.append(q2)
    upper = None
    if rsep:
        # a range 3至5天 (also 3-5天); a dash between two long numbers is a code, not a range
        num2, scale2 = m.group("num2", "scale2")
        if rsep in "-—－–" and (len(raw) >= 4 or len(num2) >= 4):
            return None
        d2 = parse_number(num2)
        if d2 is None:
            return None
        if scale2:
            d2 *= _SCALES[scale2]
        elif scale:
            d2 *= _SCALES[scale]
        if d2 <= dec or d2 >= _MAX_VALUE:
            return None
        upper = _to_number(d2)
        qual.insert(0, "范围")
    if post:
        qual.append(post)
    return Quantity(m.start(), end, num_start, num_end, _to_number(dec), unit, kind,
                    bool(qual), qual[0] if qual else None, arabic=arabic, upper=upper)


def printed_decimals(norm: str, q: Quantity) -> int:
    """How many decimals the number was printed with (91.8 -> 1, 100 -> 0)."""
    s = norm[q.num_start:q.num_end]
    if "." in s:
        return len(s.split(".", 1)[1])
    if "点" in s:
        return len(s.split("点", 1)[1])
    return 0
