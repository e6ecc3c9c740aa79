"""Place helpers of the reporting unit (called by parse/reporter.py, self_place.py and
settle.py): the place at the start of an organ name or title, a department after it, the parent
the text states, the subject of the first sentence, the place the text speaks as (我县, 全区),
and place words."""
from __future__ import annotations

import functools
import re
from collections import Counter

from ..zh.masks import is_masked
from ..zh.cjk import CJK
from ..zh.years import ARABIC_YEAR, CN_DIGITS_YEAR
from .lines import _BOOK, _PLACE_SUFFIX, Line, _Ctx
from .places import GENERIC_NAMES, Place, gazetteer, level_from_suffix, level_of

# a place written at the start of an organ name / title, when the gazetteer does not know it
_PLACE_FALLBACK = re.compile(rf"([{CJK}]{{1,10}}?{_PLACE_SUFFIX})(?=人民政府|政府|委员会|党委|"
                             rf"\d|[〇○一二]{{4}}年|关于|法治|依法|[{CJK}]{{1,12}}(?:局|厅|委|办))")
_TOWNSHIP = re.compile(rf"([{CJK}]{{1,8}}?(?:镇|乡|街道|苏木))(?=人民政|政府|党委|党工委|委员会|办事处|\d|[〇○一二]{{4}}年|关于|法治|依法)")
_SUBJECT_VERB = r"(?:坚持|深入|认真|紧紧|紧密|始终|全面|持续|围绕|聚焦|扎实|积极|牢固|紧扣|以|在)"
_TOWNSHIP_SUBJECT = re.compile(rf"([{CJK}]{{2,6}}?(?:镇|乡|街道|苏木))(?:(?:党委|党工委)[、和]?)?(?:人民政府|政府|办事处)?"
                               rf"[\s,，]*{_SUBJECT_VERB}")
_DEPT = re.compile(rf"^([{CJK}()（）]{{2,24}}?(?:局|厅|委员会|办公室|中心|支队|大队|管理处|院|署|所|站))"
                   rf"(?=\d|[〇○一二]{{4}}年|关于|法治|依法|年度|$|\s)")
_NOT_DEPT = re.compile(r"^(人民政府|政府|中共|党委|委员会$|全面依法治|依法治)")
_WE = re.compile(r"(?:我|全|本)(省|区|市|州|县|旗|盟|镇|乡)")
_LEAD_BY = re.compile(r"在[^，,。；;]{0,40}?(?:领导|指导|关心|支持|帮助)下")
_PARENT_CUE = [("自治州", re.compile(r"州委|州政府|州人民政府")), ("盟", re.compile(r"盟委|盟行政公署|盟行署")),
               ("地区", re.compile(r"地委|行署|行政公署")), ("市", re.compile(r"市委|市政府|市人民政府"))]


def _masked(s: str) -> bool:
    return is_masked(s)


# -- place words -------------------------------------------------------------------
_LEVEL_CHARS = "省市区县州旗盟镇乡"
_PLACE_WORD = re.compile(rf"^(?:[全我本该各此现原其]|[{_LEVEL_CHARS}](?![{CJK}]*(?:自治)))")
# (nor a label's colon or a space: 名称: 某市 is a metadata label before the place)
_NOT_IN_PLACE = re.compile(r"[厅局委办被的和与及、按照向对在为【】《》“”\":：\s]|人民|政府|部门|单位|印发|转发")


def plausible_place(name: str, gaz) -> bool:
    """A name read by the suffix fallback is a place, not a place word (全市, 我省, 现按照区,
    新区) or a phrase ending in a suffix (市财政局被市委市)."""
    if name in gaz:
        return name not in GENERIC_NAMES
    core = re.sub(r"(?:自治区|自治州|自治县|自治旗|特别行政区|地区|新区|街道|苏木|[省市区县州旗盟镇乡])$", "", name)
    if len(core) < 2 or name in GENERIC_NAMES:
        return False
    if _PLACE_WORD.match(name) or _NOT_IN_PLACE.search(name):
        return False
    return True


# -- the place at the head of an organ name or title -----------------------------------
# what leads a title before the reporter's name: a column label (【文字解读】), quotes, 关于印发,
# 中共, the year
_TITLE_LEAD = r"(?:\s|【[^】]{0,10}】|[《“\"]|关于|印发|转发|中共|中国共产党)*"
_LEAD_SKIP = re.compile(rf"^{_TITLE_LEAD}(?:{ARABIC_YEAR}\s*年度?|{CN_DIGITS_YEAR}年度?)?(?:关于)?")
# a mirror's region label in brackets before the title ('(内蒙古)2022年X旗人民政府工作报告')
_REGION_LABEL = re.compile(rf"^\s*[(（][{CJK}]{{2,8}}[)）]")


def _place_in(c: _Ctx, s: str, offset: int, year: int | None) -> tuple[str, int, int, Place | None] | None:
    """The reporting place written at the start of an organ name / title (lowest level of
    a leading chain 'X省Y市Z县'), with its span in text; after a bracketed region label, the
    place the title names after it."""
    label = _REGION_LABEL.match(s)
    if label:
        r = _place_in(c, s[label.end():], offset + label.end(), year)
        if r is not None:
            return r
    lead = _LEAD_SKIP.match(s)
    skip = lead.end() if lead else 0      # (the pattern matches the empty string)
    if _masked(s[skip:skip + 6]):
        return None
    hits = [h for h in c.g().find(s, free_text=False) if h[0] >= skip]
    chain: list[tuple[int, int, str]] = []
    pos = skip
    for st, en, name in hits:
        if st != pos:
            break
        chain.append((st, en, name))
        pos = en
    # township after the chain (or at the start)
    # a township name may follow its organ ("人民政府金龙街道"): the name without the prefix
    org = re.match(rf"人民政府(?=[{CJK}]{{2,8}}?(?:镇|乡|街道|苏木))", s[pos:])
    tpos = pos + org.end() if org else pos
    m = _TOWNSHIP.match(s, tpos)
    if m and not _masked(m.group(1)) and not m.group(1).endswith(("城乡", "乡镇")) and \
            not re.search(r"[我本](?:镇|乡|街道|苏木)$", m.group(1)):
        return m.group(1), offset + m.start(1), offset + m.end(1), None
    if chain:
        st, en, name = chain[-1]
        return name, offset + st, offset + en, None
    # a department of a vertically managed system: 国家税务总局X县税务局
    for st, en, name in hits:
        if st - skip > 8 or not re.fullmatch(rf"[{CJK}]*", s[skip:st]):
            break
        if _department(s, en):
            return name, offset + st, offset + en, None
    m = _PLACE_FALLBACK.match(s, skip)
    if m and not _masked(m.group(1)):
        name = m.group(1)
        if name.endswith(("人民", "县委", "市委")):
            return None
        return name, offset + m.start(1), offset + m.end(1), None
    return None


def _department(s: str, place_end_rel: int) -> tuple[str, int] | None:
    rest = s[place_end_rel:]
    m = _DEPT.match(rest)
    if not m or _NOT_DEPT.match(m.group(1)):
        return None
    dept = m.group(1)
    if re.search(r"(人民政府|政府)$", dept) or re.search(r"依法治", dept):
        return None
    return dept, place_end_rel + m.end(1)

# -- parent stated in the text ------------------------------------------------------------
_ORG_AFTER = r"(?:委员会|人民政府|政府|党委|委|人大|政协)"
_LEADERSHIP = re.compile(rf"在(?:中共)?([{CJK}]{{2,12}}?(?:市|州|盟|地区|县|旗|区))委")
# suffixes of a place one level above: a township's parent is a county-level unit, a county's
# a city-level unit, a city's a province
_ABOVE = {
    "township": ("县", "旗", "区", "市", "自治县", "自治旗"),
    "county": ("市", "州", "盟", "地区", "自治州"),
    "city": ("省", "自治区"),
}


def _suffix_level(name: str) -> str | None:
    lv = level_from_suffix(name)
    if lv is None and name.endswith("市"):
        return "county_or_city"
    return lv


def _above_ok(jurisdiction: str, parent: str) -> bool:
    if not parent or parent == jurisdiction or _masked(parent) or len(parent) < 2:
        return False
    lv = _suffix_level(jurisdiction)
    if lv == "county_or_city":
        lv = "county"
    allowed = _ABOVE.get(lv or "", ())
    return parent.endswith(allowed)


_TOKEN_END = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|旗|区)$")


@functools.lru_cache(maxsize=4096)
def _chain(prefix: str) -> tuple[str, ...] | None:
    """prefix split into administrative names (广西壮族自治区柳州市 -> (广西壮族自治区, 柳州市)),
    the last name as short as possible; None when prefix is not such a chain."""
    if not prefix:
        return ()
    for i in range(len(prefix) - 2, -1, -1):
        tail = prefix[i:]
        if _TOKEN_END.search(tail) and not _TOKEN_END.fullmatch(tail):
            head = _chain(prefix[:i])
            if head is not None:
                return head + (tail,)
    return None


def _last_token(prefix: str) -> str | None:
    prefix = re.sub(rf"^{_TITLE_LEAD}", "", prefix)
    toks = _chain(prefix) if len(prefix) <= 24 else None
    return toks[-1] if toks and plausible_place(toks[-1], gazetteer()) else None


def _parent_cue(c: _Ctx, name: str, title_norm: str, title_span,
                issuer_lines: list[Line]) -> tuple[str, int, int] | None:
    """The superior place the report itself names (name, start, end in text), or None:
    1. a place written right before the jurisdiction in an issuer or the title
       ("临渊市清河口区人民政府" -> 临渊市);
    2. the addressee above the body ("松台县人民政府：" in a township report);
    3. the leadership phrase of the opening ("在临渊市委、市政府…领导下").
    Only a name whose suffix is one level above the jurisdiction's is accepted."""
    sources = [(ln.s, ln.start) for ln in issuer_lines]
    if title_norm and title_span:
        sources.append((title_norm, title_span[0]))
    for s, off in sources:
        i = s.find(name)
        if i > 0:
            tok = _last_token(s[:i])
            if tok and _above_ok(name, tok):
                j = s.rfind(tok, 0, i)
                return tok, off + j, off + j + len(tok)
    span = c.meta.evidence.get("addressee")
    if span:
        line = c.norm[span[0]:span[1]]
        m = re.match(rf"(?:中共)?([{CJK}]{{2,12}}?(?:市|州|盟|地区|县|旗|区))(?={_ORG_AFTER})", line)
        if m and _above_ok(name, m.group(1)) and plausible_place(m.group(1), c.g()):
            return m.group(1), span[0] + m.start(1), span[0] + m.end(1)
    start = title_span[1] if title_span else (c.body_start or 0)
    head = c.norm[start:start + 600]
    for m in _LEADERSHIP.finditer(head):
        tok = _last_token(m.group(1))
        if tok and _above_ok(name, tok):
            st = start + m.start(1) + m.group(1).rfind(tok)
            return tok, st, st + len(tok)
    return None


def _parent_fits(p: Place, parent: str) -> bool:
    return parent in (p.parent, p.city, p.province) or bool(
        p.city_short and len(p.city_short) >= 2 and parent.startswith(p.city_short))


def _set_parent(c: _Ctx, cue: tuple[str, int, int]) -> None:
    """Parent from the text; its province from the gazetteer when the parent is known there
    and unambiguous, else None."""
    parent, a, b = cue
    c.meta.parent = c.text[a:b] if c.norm[a:b] == parent else parent
    c.ev("parent", a, b)
    place = c.g().resolve(parent, c.meta.report_year, c.norm)
    c.meta.province = place.province if place is not None and place.rank != "province" else (
        place.name if place is not None else None)


def _common_level(c: _Ctx, name: str, year) -> str | None:
    levels = {level_of(p) for p in c.g().lookup(name, year)}
    return levels.pop() if len(levels) == 1 else level_from_suffix(name)


def _township_county(c: _Ctx, at: int) -> Place | None:
    counts = Counter(n for _, _, n in c.places() if c.g().lookup(n)[0].rank == "county")
    for name, _ in counts.most_common(3):
        p = c.g().resolve(name, c.meta.report_year, c.norm)
        if p:
            return p
    return None


# a county named by its short name in use: 法治云和, 平安X, X特色
_COUNTY_SHORT = re.compile(rf"(?:法治|平安|美丽|幸福|魅力)([{CJK}]{{2}})(?![{CJK}]*?[县区市旗])|"
                           rf"([{CJK}]{{2}})(?=特色)")


def _county_by_short(c: _Ctx) -> Place | None:
    """The county a township text names only by its short name in use (创建法治X, 具有X特色),
    at least twice (once may be a word: 法治资源): the one county of that name + 县/区/市/旗,
    when the text names no other such county."""
    uses = Counter(m.group(1) or m.group(2) for m in _COUNTY_SHORT.finditer(c.norm))
    found: dict[str, tuple[Place, int]] = {}
    for short, n in uses.items():
        places = [p for sfx in "县区市旗" for p in c.g().lookup(short + sfx) if p.rank == "county"]
        if len({(p.name, p.adcode) for p in places}) == 1:
            found[places[0].name] = (places[0], n)
    if len(found) != 1:
        return None
    place, n = next(iter(found.values()))
    return place if n >= 2 else None


# the addressees of a notice (主送机关): 各市(含…)人民政府,各县(市、区)人民政府,省政府各部门:
_ADDRESSEE_LIST = re.compile(r"各[^。\n]{0,200}[:：]\s*(?:\n|$)")


def _first_sentence_place(c: _Ctx, line_start: int | None = None) -> tuple[str, int, int] | None:
    """The subject place of the opening sentence: that of the body, or (line_start) that of a
    short opening line above it, read up to the line's end."""
    start = c.body_start if line_start is None else line_start
    if start is None:
        return None
    m = _ADDRESSEE_LIST.match(c.norm, start)
    if m:
        start = m.end()      # the addressees are not the reporter
    end = c.norm.find("。", start)
    end = end if end != -1 and end - start < 400 else start + 300
    if line_start is not None:
        nl = c.norm.find("\n", start)
        end = min(end, nl) if nl != -1 else end
    sent = c.norm[start:end]
    # drop "在…领导下" clauses: they name the superior
    masked = _LEAD_BY.sub(lambda m: " " * len(m.group()), sent)
    # and cited documents: 《X省法治政府建设实施方案》 is not the reporter
    masked = _BOOK.sub(lambda m: m.group() if re.search(r"报告》$", m.group()) else " " * len(m.group()), masked)
    best = None
    for st, en, name in c.g().find(masked):
        nxt = masked[en:en + 1]
        if nxt == "委" or _masked(masked[max(0, st - 3):en]):
            continue
        if re.match(rf"(?:人民政府|政府)?\s*{_SUBJECT_VERB}", masked[en:]):
            # the subject of the sentence ('2024年,上海市坚持…支持浦东新区…'), unless a
            # lower place follows right after it (X省Y市坚持 is read as a chain below)
            chain_end = en
            for st2, en2, _ in c.g().find(masked[en:]):
                if st2 == 0:
                    chain_end = en + en2
                break
            if chain_end == en:
                return name, start + st, start + en
        rank = min(level_rank(p) for p in c.g().lookup(name, c.meta.report_year))
        if best is None or rank > best[0]:
            best = (rank, name, start + st, start + en)
    for m in _TOWNSHIP_SUBJECT.finditer(masked):
        nm = m.group(1)
        if re.search(r"(城乡|乡镇|[省市县区])", nm[:-1]) or len(nm) > 6 or nm + "市" in c.g() or \
                re.search(r"[我本](?:镇|乡|街道|苏木)$", nm):
            continue          # the 镇 of a city named X镇市 makes no town, nor 一年来我镇 one
        return nm, start + m.start(1), start + m.end(1)
    if best:
        we = _WE.search(masked[:best[2] - start])
        if we and not best[1].endswith(we.group(1)):
            return None   # '本市…支持浦东新区…': the sentence speaks as the city, not the district
        return best[1], best[2], best[3]
    short = _short_city_subject(c, masked)
    if short is not None:
        return short[0], start + short[1], start + short[2]
    m = re.search(rf"([{CJK}]{{1,6}}(?:县|旗|区|州))(?:人民政府|委|政府)?{_SUBJECT_VERB}", masked)
    if m and not re.search(r"[全本我该各]", m.group(1)[0]) and plausible_place(m.group(1), c.g()):
        return m.group(1), start + m.start(1), start + m.end(1)
    return None


# the head of an opening sentence before its subject: the year (2021年，), the masked 在…领导下
_SENTENCE_HEAD = re.compile(rf"^\s*(?:{ARABIC_YEAR}\s*年度?(?:以来)?)?[\s,，]*")


def _short_city_subject(c: _Ctx, masked: str) -> tuple[str, int, int] | None:
    """A prefecture city named by its short name alone as the sentence's subject (2021年，X坚持…,
    X the short name of one city and of no province): (the city's name, start, end in masked)."""
    head = _SENTENCE_HEAD.match(masked)
    i = head.end() if head else 0
    gaz = c.g()
    for n in (3, 2):
        short = masked[i:i + n]
        if len(short) < n or not re.fullmatch(rf"[{CJK}]+", short) or short in gaz.province_shorts:
            continue
        if not re.match(_SUBJECT_VERB, masked[i + n:]):
            continue
        cities = [f for f in gaz.city_shorts.get(short, ()) if f.endswith("市")]
        if len(cities) == 1 and all(f in cities or f.endswith("地区") for f in gaz.city_shorts[short]):
            return cities[0], i, i + n
    return None


def level_rank(p: Place) -> int:
    return {"province": 1, "city": 2, "county": 3}[p.rank]


def _we_place(c: _Ctx) -> tuple[str, int, int] | None:
    """我县 / 全区 …: the place named most often with that suffix."""
    sfx = Counter(m.group(1) for m in _WE.finditer(c.norm))
    if not sfx:
        return None
    suffix = sfx.most_common(1)[0][0]
    counts: Counter = Counter()
    first: dict[str, tuple[int, int]] = {}
    for st, en, name in c.places():
        if not name.endswith(suffix):
            continue
        counts[name] += 1
        first.setdefault(name, (st, en))
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2) + [(None, 0)]
    if n < 2 or (rest and rest[0][1] == n):
        return None
    return name, first[name][0], first[name][1]
