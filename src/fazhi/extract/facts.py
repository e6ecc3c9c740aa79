"""Component "facts": every stated quantity becomes a Fact with what it counts.

For each quantity found by `quantities.find_quantities` (document titles excluded):
- subject: the short noun phrase the number counts, read from the text. Usually the words
  before the number back to the previous delimiter (共受理行政复议案件15件 -> 受理行政复议案件,
  办结率为91.8% -> 办结率), stripped of scope words (全县, 2020年, 共, 已 …) and trailing verbs
  (达, 为, 共计 …); for measure words that stand before their noun (64个调委会) the noun after
  the unit. Parenthesised asides and quoted names are read through, not cut at.
- indicator: the first entry of catalog/indicators.yaml whose patterns match, or None. Precision
  first: a figure is left without an indicator when the sentence says it is not the count the
  indicator means — a threshold or shortfall (少于5人, 不足20次, 仅37件), a part of a stated total
  (其中…), the faulty part of one (…有2件被提出修改意见), an average, a count of places or units
  named right after the number (4个社区…事项加载), or a negative cue of the entry (`context_not`,
  `clause_not`, `after_not`, `clause_scope`, `needs`), or a litigation figure of a page that
  reports a court's own published report. A figure shared by a list of rates
  (审核率、备案率均为100%) is read as the first rate of the list.
- year: the year the sentence ties the figure to ("2020年，…共受理…" -> 2020); a period
  ("2019年至今", "2017年以来") or no year -> None.
- section: id of the innermost section containing the quantity, when sections exist.
Named documents 《…》 are recorded in report.documents by the same component.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any

from .. import catalog
from ..config import Config
from ..model import Fact, Report
from ..pipeline import component
from ..zh.sentences import SENT_END
from ..zh.years import ARABIC_YEAR, year_value
from ..zh.numerals import ONE_TO_TEN
from ..zh.cjk import CJK
from .documents import extract_documents
from .quantities import CLASSIFIERS, Quantity, find_quantities

# --------------------------------------------------------------------------- subject
# Hard clause delimiters (in the normalized view: full-width punctuation is folded).
_DELIMS = frozenset(",。;:!?、\n\t|【】[]{}<>《》")
_OPEN = {")": "(", "”": "“", "’": "‘", "」": "「", "』": "『"}
_MAX_BACK = 60
_MAX_SUBJECT = 20

_LEAD = re.compile(
    r"(?:至今|以来|截至目前|截止目前|截至|截止到|截止|目前|当前|现有|今年以来|今年|本年度|本年|全年|年内|一年来|"
    r"同时|此外|另外|其中|共计|合计|累计|总计|共有|共(?![享性建治同])|计(?![划生])|已经|已|均|全部|都|并|还|又|再|"
    r"向|对|为|从|由|将|把|给|与|和|及(?!时)|到|达到|达|有(?![效关序力])|"
    r"\d{4}年(?:度|底|末|初)?(?:\d{1,2}月(?:底|末|份|初)?)?(?:\d{1,2}日)?(?:前|后)?|\d{1,2}月(?:份|底)?(?:\d{1,2}日)?(?:前|后)?|"
    r"[全各本我该](?:镇街|街道|[县区市州省盟旗乡镇])|各(?:镇街|乡镇|部门|单位|级)|"
    rf"[{ONE_TO_TEN}]是(?=[{CJK}“])|"         # run-in items: 二是建成…
    r"[\s“”\"'‘’()])"
)
_TRAIL = re.compile(
    r"(?:达到了?|达|(?<![行作认])为|是|有|共计|共有|共|计|约|累计|合计|总计|分别为|分别|均为|均达|(?<!平)均|已|了|的|占|"
    r"力争|争取|确保|保持|稳定|"
    r"(?:提高|提升|增加|增长|上升|扩大|压缩|精简|缩短|缩减|减少|减至|下降|降低|控制|保持|稳定|维持|调整)(?:到|至|在)|"
    r"增至|降至|少于|多于|低于|高于|不少于|不低于|不超过|不高于|仅有|只有|仅为|仅|只|[\s“”\"'‘’(:])$"
)
_AFTER_STOP = re.compile(
    r"和|及|与|、|的|等|在|被|已|平均|均|都|全部|全面|共|累计|完成|实现|开展|参加|参与|进行|发现|通过|取得|获得|"
    r"核定|达到|达|为(?<!行为)|是|有|仍|尚|还|仅|只|未|没有|对|向|将|从|由|按|入驻|进驻|纳入|实行|提供|办理|受理|开设|设立|发放|"
    r"接受|签订|全覆盖|覆盖|整合|参考|进入|完成|落实|建立|成立|组建|配备|聘请|开通|上线|实施|作为|以|"
    r"全年|年内|当年|先后|分别|申报|创建|获评|少于|多于|低于|高于|不足|超过|不少于|每[年月周日天季人]"
)
# verbs at which an over-long phrase is cut (the verb and its object are kept)
# the last character of every _TRAIL alternative (and whitespace, \s): a span ending in another
# character has no trailing word, so _TRAIL (tried at every position of the span) is not searched
_TRAIL_WIDTH = 3        # the longest _TRAIL alternative (不少于, 提高到, 达到了 …)
_TRAIL_LAST = frozenset("到了达为是有计共约别均已的占争取保持定至在于过仅只“”\"'‘’(:")
_VERB = re.compile(
    r"开展|发放|办理|受理|组织|完成|参加|参与|制定|印发|出台|配备|聘请|建立|成立|组建|设立|核查|"
    r"排查|录入|认领|接种|采样|检测|管控|清理|废止|审查|审核|查处|提供|解答|代写|挽回|收到|接到|"
    r"举办|召开|发送|推送|更新|建成|打造|培训|转办|办结|化解|调解|处理|编发|发布|推行|下发|"
    r"实现|进驻|入驻|整改|督办|评查|抽查|检查|指导|走访|接待|审结|立案|签订|聘任|选派|命名|认定"
)
_CJK_RUN = re.compile(rf"[{CJK}“”\"'‘’]+")
# characters _before_span steps over one by one: not a delimiter, opening or closing mark
_PLAIN_RUN = re.compile("[^" + re.escape("".join(sorted(_DELIMS | set("(“‘「『") | set(_OPEN)))) + "]*")


def _strip(norm: str, a: int, b: int) -> tuple[int, int]:
    """Strip scope words at the start and verbs at the end of [a, b)."""
    while a < b:
        m = _LEAD.match(norm, a, b)
        if not m or m.end() == a:
            break
        a = m.end()
    while a < b and (norm[b - 1] in _TRAIL_LAST or norm[b - 1].isspace()):
        # a match ends at b (or before a newline at b - 1) and is at most _TRAIL_WIDTH long:
        # searching from there finds the same leftmost match (look-behinds see before pos)
        m = _TRAIL.search(norm, max(a, b - _TRAIL_WIDTH - 1), b)
        if not m or m.start() == b:
            break
        b = m.start()
    while a < b and norm[a] in "“”\"'‘’()（） ":
        a += 1
    while a < b and norm[b - 1] in "“”\"'‘’(（ ":
        b -= 1
    return a, b


# the last text and its reverse (a text's figures are read in a row); one tuple, replaced whole,
# so that threads analysing other texts never see one text with another's reverse
_REVERSED: list[tuple[str, str]] = [("", "")]


def reversed_text(norm: str) -> str:
    """`norm[::-1]`, kept for the last text."""
    pair = _REVERSED[0]
    if pair[0] is not norm:
        pair = (norm, norm[::-1])
        _REVERSED[0] = pair
    return pair[1]


def _before_span(norm: str, pos: int, floor: int) -> tuple[int, int]:
    """The clause before `pos`, back to a delimiter, `floor`, or _MAX_BACK characters;
    balanced (…) and “…” are read through."""
    i = pos
    lo = max(floor, pos - _MAX_BACK)
    rev = reversed_text(norm)
    n = len(norm)
    while i > lo:
        # back over the plain characters in one regex match (on the reversed text)
        run = _PLAIN_RUN.match(rev, n - i, n - lo)
        assert run is not None          # a "[...]*" pattern matches every string
        i = n - run.end()
        if i <= lo:
            break
        ch = norm[i - 1]
        if ch in _OPEN:
            # jump over a balanced aside / quote
            opener = _OPEN[ch]
            j = norm.rfind(opener, lo, i - 1)
            if j < 0 or "。" in norm[j:i] or "\n" in norm[j:i]:
                break
            i = j
            continue
        break                                   # a delimiter or an opening mark
    return i, pos


def _after_span(norm: str, pos: int, limit: int) -> tuple[int, int, bool]:
    """The noun run right after a unit: (start, end, starts_with_stop_word)."""
    m = _CJK_RUN.match(norm, pos, min(pos + 16, limit))
    if not m:
        return pos, pos, False
    a, b = m.start(), m.end()
    if b < limit and norm[b - 1] in "近约逾超" and b - a > 1:
        b -= 1                                  # 26个县直部门近200项: 近 belongs to the next figure
    stop = _AFTER_STOP.search(norm, a, b)
    if stop and stop.start() == a:
        return a, b, True                       # starts with a verb: 563人参考, 200人通过考试
    if stop:
        b = stop.start()
    if b - a > 2 and norm[b - 1] == "中":
        b -= 1                                  # 30个乡镇中仍有9个 -> 乡镇
    while a < b and norm[a] in "“”\"'‘’":
        a += 1
    while a < b and norm[b - 1] in "“”\"'‘’":
        b -= 1
    return a, b, False


def _trim_window(norm: str, a: int, b: int) -> tuple[int, int]:
    """Cut [a, b) to its last _MAX_SUBJECT characters without starting inside a quote/aside."""
    a = b - _MAX_SUBJECT
    for closer, opener in (("”", "“"), (")", "(")):
        k = norm.rfind(closer, a, b)
        if k >= 0 and norm.rfind(opener, a, k) < 0 and b - k > 2:
            a = max(a, k + 1)
    return _strip(norm, a, b)


def subject_span(norm: str, q: Quantity, floor: int = 0, prev_end: int = -1,
                 limit: int | None = None) -> tuple[int, int] | None:
    """Offsets of the phrase that `q` counts, or None. `floor`: nothing before it is read;
    `prev_end`: end of the previous quantity (a phrase running on from it is cut at its verb)."""
    a, b = _before_span(norm, q.start, floor)
    run_on = a == prev_end
    a, b = _strip(norm, a, b)
    if b - a > 2 and norm[b - 1] == ")":
        k = norm.rfind("(", a, b)
        if k - a >= 2:
            a, b = _strip(norm, a, k)           # 执法主体(不含…)52个 -> 执法主体
    if b - a > _MAX_SUBJECT or (run_on and b - a > 4):
        # over-long, or running on from the previous quantity: keep the last verb + object
        last = None
        for m in _VERB.finditer(norm, a + 1, b - 1):
            last = m
        if last is not None:
            a = last.start()
        if b - a > _MAX_SUBJECT:
            a, b = _trim_window(norm, a, b)
    if b > a:
        a, b = _balance(norm, a, b)
    before = (a, b) if b > a else None
    after = None
    if q.kind in ("count", "other"):
        aa, ab, verbish = _after_span(norm, q.end, len(norm) if limit is None else limit)
        if ab > aa:
            after = (aa, ab, verbish)
    if after and not after[2] and q.unit in CLASSIFIERS:
        return _balance(norm, after[0], after[1])
    if before and (b - a >= 2 or not after or after[2]):
        return before
    if after:
        return after[0], after[1]
    return None


_PAIRS = (("“", "”"), ("(", ")"), ("‘", "’"))
_PAIR_MARK = re.compile("[“”()‘’]")


def _balance(norm: str, a: int, b: int) -> tuple[int, int]:
    """Take in the quote mark or bracket that closes or opens a name cut in half at the span's
    edge (赣服通”上线服务事项 -> “赣服通”上线服务事项; 培养“法律明白人 -> 培养“法律明白人”)."""
    if not _PAIR_MARK.search(norm, a, b):
        return a, b                             # no mark inside: nothing to balance
    for op, cl in _PAIRS:
        seg = norm[a:b]
        n_op, n_cl = seg.count(op), seg.count(cl)
        if not n_op or not n_cl:
            # one kind of mark only (the usual case): no character loop needed
            depth, low = n_op - n_cl, -n_cl
        else:
            depth, low = 0, 0
            for ch in seg:
                depth += (ch == op) - (ch == cl)
                low = min(low, depth)
        if low < 0 and a > 0 and norm[a - 1] == op:
            a -= 1
            depth += 1
        if depth > 0 and b < len(norm) and norm[b] == cl:
            b += 1
    return a, b


# --------------------------------------------------------------------------- year
# (19\d\d|20\d\d is ARABIC_YEAR written so that every alternative starts with a character: re
# then scans for 1, 2, 二 instead of trying the pattern at every position)
_YEAR_RE = re.compile(
    r"(?P<y>19\d{2}|20\d{2}|二[〇零][一二三四五六七八九〇零]{2})\s*年"
    r"(?P<period>度?(?:以来|至今|起|来|以前|之前|前|—|-|~|至|到))?"
)


def _year_value(s: str) -> int:
    return year_value(s)


# --------------------------------------------------------------------------- indicators
@dataclass
class _Indicator:
    id: str
    kind: str
    units: frozenset[str] | None
    subject: list[re.Pattern]
    scope: list[re.Pattern]
    not_: list[re.Pattern]
    data: dict[str, Any]
    context_not: list[re.Pattern]
    clause_scope: list[re.Pattern]
    clause_not: list[re.Pattern]
    after_not: list[re.Pattern]
    counts_places: bool
    needs: list[tuple[re.Pattern, re.Pattern]]
    court_null: bool
    counts_awards: bool
    counts_additions: bool              # its subject is the additions (新增市场主体)


_RATE_WORD = re.compile(r"(?:率|比例|比率)$")
_AVERAGE = re.compile(r"人均|平均|户均|每人|每名|每个")
# an average stated right before the number: 县级清单平均为295项 (the subject stops before 均为)
_AVERAGE_BEFORE = re.compile(r"(?:人均|平均|户均)(?:为|达到?|是|约)?$")
# inside "其中…" up to the clause end (balanced asides read through: 其中,乡镇(街道)、村(社区)…),
# or inside an aside listing what a total includes: 11件(含新制定6件,修改3件,废止2件)
_PART_OF = re.compile(r"(?:其中(?:[^;；。()（）]|\([^()]*\))*|\((?:含|包括|其中)[^()]*)$")
# the later items of a 其中 list run on past its semicolons (其中,咨询类120件,占60%;求助类50件)
# as long as each item is one short "X类…" or "X方面…" phrase
_PART_LIST = re.compile(r"其中[^。]*?[;；](?:[^;；。]{0,20}[;；])*[^;；。,]{0,12}(?:类|方面)[^;；。,]{0,8}$")
# a subset of the cases named by their domain or by how they ended: 涉企行政复议案件, 涉及民生领域…,
# 化解物业等领域纠纷, 通过调解、和解方式结案 (not the total the indicator counts)
_SUBSET = re.compile(r"涉企|涉外|涉及[^,;。]{0,12}领域|[^,;。]{1,12}等领域|通过[^,;。]{0,12}方式")
# things prevented or stopped are not counts of them: 制止群众集体上访151件, 防止民转刑案件22件
_PREVENTED = re.compile(r"防止|制止|避免|阻止")
# a habitual figure, not the year's: 每年化解纠纷50万件以上, 年均受理…, 每月开展1次 (a rate: in the
# sentence part before it, 每年化解…,调解成功率98%); a requirement (每年不少于4次) is a target
_HABITUAL = re.compile(r"每年|年均|每月|每季度?|每周")
_REQUIRED = re.compile(r"不少于|至少|不低于|不得少于")
# figures of some units named in the sentence: 有甲局、乙局等9个单位…办结率均为100%
_SOME_UNITS = re.compile(r"等\d+个(?:单位|部门|乡镇|镇|街道|村|社区)")
# one figure for two kinds of activity: 法治讲座和业务培训60场次, 宣传和咨询活动12场
_ACTS = r"(?:讲座|培训|学法|学习|宣讲|宣传|活动|会议|考试|研讨|授课)"
_TWO_KINDS = re.compile(_ACTS + r"(?:和|及|与|、)[^,;。和及与、]{0,8}" + _ACTS + "$")
# one activity on law and another subject at once: 业务和法律知识培训200余次, 法律及业务培训
_TWO_TOPICS = re.compile(r"(?:(?:业务|政治|技能)[^,;。和及与、]{0,4}(?:和|及|与|、)(?:法律|法治)"
                         r"|(?:法律|法治)[^,;。和及与、]{0,4}(?:和|及|与|、)(?:业务|政治|技能))"
                         r"[^,;。和及与、]{0,4}" + _ACTS + "$")
# one figure said of each of several bodies: 县委中心组、县政府党组分别开展4次
_EACH_OF = re.compile(r"、[^,;。\d]{1,20}分别[^,;。\d]{0,12}$")
# a count of lists (梳理事项清单31个), not of the items they hold
_LISTS = re.compile(r"清单$")
_LIST_UNITS = frozenset({"个", "份", "张"})
# a threshold or a shortfall right before the number: 少于5人, 仅37件 (the quote's own 不足/不到 too)
_BOUND_BEFORE = re.compile(r"(?:少于|多于|低于|高于|不足|不到|不超过|不高于|仅有|只有|仅为|仅|只)$")
_BOUND_QUOTE = re.compile(r"^(?:不足|不到|不超过)")
# a change stated right before the number: 同比增长12%, 较上年减少8件 (not the year's figure)
_CHANGE_BEFORE = re.compile(
    r"(?:同比|环比|较上年|比上年|较去年|比去年|较上年度|比上年度)?"
    r"(?:增长|下降|增加|减少|上升|降低|提高|提升)了?(?:约|近)?$")
# a figure of several years in an annual report: 五年来共受理…, 近三年, 十八大以来, “十四五”期间
_YEARS_SPAN = re.compile(
    rf"(?<![〇零○{ONE_TO_TEN}])[近这]?[两二三四五六七八九十]年(?:来|以来)|"
    r"近[两二三四五六七八九十]年|十[八九]大以来|"
    r"(?<!\d)[近这]?\d{1,2}年(?:来|以来)|近\d{1,2}年|"          # 近5年来 in Arabic figures
    r"“?十[三四五]五”?(?:以来|期间)|"
    # since a reform or a body began (改革以来, 中心成立至今): a running total, not the year's
    r"(?:改革|成立|启动|组建|设立|开通|上线|挂牌)(?:以来|至今)|"
    # since a law came into force (《法律援助法》实施以来)
    r"》(?:颁布|公布|施行|实施)以来|"
    # a period across years: 2008年1月至2010年5月底
    rf"(?<!\d)(?P<y0>{ARABIC_YEAR})年\d{{1,2}}月(?:\d{{1,2}}日)?(?:至|到|—|-|~)(?!(?P=y0)){ARABIC_YEAR}年")
# an addition named in the clause before the number: 新增持证执法人员3名 (not the stock); entries
# whose own subject is the additions (新增市场主体) keep it
_ADDED = re.compile(r"新增|净增|新取得|新聘")
# items removed, moved or handed over in the clause before a count of items (取消下放…244项,
# 承接…赋权184项) are not a list's size; the size it is changed to is (调整到2844项, 精简至…)
_ITEM_UNITS = frozenset({"项", "类", "条"})
_ITEMS_MOVED = re.compile(r"(?:取消|下放|承接|划转|移交|调整|暂停|削减|精简|赋权|委托|放权)(?!至|到|为|后)")
# the former value of a change: 审批事项从63项减少为40项, 由120件下降到95件 (the count it was, not is)
_FROM_BEFORE = re.compile(r"(?:从|由)$")
_CHANGE_AFTER = re.compile(
    r"^(?:减少|压减|精简|缩减|压缩|削减|下降|降低|降|减|增加|增长|上升|提高|提升|扩大|调整|缩短)了?"
    r"(?:为|到|至)|^(?:增至|降至|减至|缩至|压至)")
# an example of one case: 例如,某村通过议事会解决纠纷8起 (the sentence before the number)
_EXAMPLE = re.compile(r"例如|比如|譬如")
# a small count in Chinese numerals right before a quoted name: 三个“一号工程” (a slogan)
_SLOGAN_COUNT = re.compile(r"^[一二两三四五六七八九十]+[个项条]$")
# those honoured right after the number: 11名个人获全国表彰, 2个单位荣获…先进
_AWARD_AFTER = re.compile(
    r"^[^,;。]{0,8}?(?:荣获|获评|被评为|被授予|被命名|"
    r"获得?[^,;。]{0,12}(?:表彰|表扬|奖|称号|荣誉)|受到[^,;。]{0,12}(?:表彰|表扬))")
# the faulty part of a count: 备案审查中有2件被提出修改意见
_FAULTY_AFTER = re.compile(r"^\S{0,3}?(?:被提出|被纠正|被通报|存在问题)")
# a count whose noun right after the number is a place or a unit (4个社区…, 9个社区便民服务中心…)
# counts those places, not the items of the phrase; only entries with counts_places take it
_PLACE_NOUN = re.compile(r"^(?:社区|村|行政村|乡镇|乡|镇|街道|镇街|部门|单位|县|区|市|省|州|地区)")
# the clause before the number (back to , ; 。 :), for clause_scope / clause_not
_CLAUSE_DELIMS = ",;。:!?\n"
_AFTER_CLAUSE = re.compile(r"[^,;。:!?\n、]*")
# a list of rates sharing one figure: 合法性审核率、备案率均为100% -> the first rate
_RATE_LIST = re.compile(r"^(.*?(?:率|比例))(?:、|和|及|与)[^,;。]*(?:率|比例)")
_NUMBER_CHARS = re.compile(r"[\d%％]")


@functools.lru_cache(maxsize=1)
def indicators() -> list[_Indicator]:
    out = []
    for d in catalog.load("indicators")["indicators"]:
        out.append(_Indicator(
            id=d["id"], kind=d["kind"],
            units=frozenset(d["units"]) if d.get("units") else None,
            subject=[re.compile(p) for p in d.get("subject", [])],
            scope=[re.compile(p) for p in d.get("scope", [])],
            not_=[re.compile(p) for p in d.get("not", [])],
            data=d,
            context_not=[re.compile(p) for p in d.get("context_not", [])],
            clause_scope=[re.compile(p) for p in d.get("clause_scope", [])],
            clause_not=[re.compile(p) for p in d.get("clause_not", [])],
            after_not=[re.compile(p) for p in d.get("after_not", [])],
            counts_places=bool(d.get("counts_places")),
            needs=[(re.compile(a), re.compile(b)) for a, b in d.get("needs", [])],
            court_null=bool(d.get("not_in_court_report")),
            counts_awards=bool(d.get("counts_awards")),
            counts_additions=any(re.search(p, "新增") for p in d.get("subject", [])),
        ))
    return out


@functools.lru_cache(maxsize=None)
def _candidates(kind: str, unit: str | None) -> tuple[_Indicator, ...]:
    """The indicators of this kind that accept this unit, in catalog order."""
    return tuple(ind for ind in indicators()
                 if ind.kind == kind and (ind.units is None or unit in ind.units))


@functools.lru_cache(maxsize=None)
def _subject_prefilter(kind: str, unit: str | None) -> re.Pattern | None:
    """One pattern that matches a subject whenever any candidate's first subject pattern does:
    a subject it does not match can match no candidate (one search instead of one per
    candidate). None when it cannot be built safely (a candidate without subject patterns,
    back-references, inline flags)."""
    cands = _candidates(kind, unit)
    if not cands or any(not ind.subject for ind in cands):
        return None
    parts = [ind.subject[0].pattern for ind in cands]
    if any(re.search(r"\\[1-9]|\(\?P=|\(\?[aiLmsux-]+[:)]", p) for p in parts) or \
            any(ind.subject[0].flags != cands[0].subject[0].flags for ind in cands):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts), cands[0].subject[0].flags)
    except re.error:
        return None


# up to the last clause delimiter (greedy: one backward step from the end, not a search)
_TO_LAST_DELIM = re.compile(".*[" + re.escape(_CLAUSE_DELIMS) + "]", re.S)


def clause_of(context: str) -> str:
    """The last clause of `context` (back to , ; 。 : !)."""
    m = _TO_LAST_DELIM.match(context)
    return context[m.end():] if m else context


# a count of meetings that studied or heard topics (…研究…等工作N次), whatever the topics
_MEETINGS_ON = re.compile(r"(?:研究|听取|审议|部署)[^，,。；;]{0,40}等(?:工作|事项|议题)$")
_MEETINGS_TAIL = 48      # the end of the clause is enough (a clause may be a whole page long)
_NEXT_ITEM = re.compile(r"、([^、，,。；;：:]{1,10})")


def _scope_in(p: re.Pattern[str], context: str) -> bool:
    """The entry's scope written in the sentence before the figure — not as one of a list of
    alternatives of the same kind (整合人民调解、司法调解、行政调解资源: no one of them is the
    figure's kind)."""
    for m in p.finditer(context):
        a, b = m.span()
        tail = context[max(a, b - 2):b]          # the kind word the items share (调解)
        left = context[:a]
        sib_before = left.endswith("、") and left[:-1].endswith(tail)
        nxt = _NEXT_ITEM.match(context, b)
        sib_after = nxt is not None and tail in nxt.group(1)
        if not (sib_before or sib_after):
            return True
    return False


def _ends_with(s: str, tails: tuple[str, ...]) -> bool:
    """`re.search("(?:t1|t2|…)$", s)` for literal tails without a newline, without re (`$` also
    matches before a final newline)."""
    return s.endswith(tails) or (s[-1:] == "\n" and s[:-1].endswith(tails))


# The literal cues of the patterns above that match_indicator tests on every figure, so that most
# figures are decided by str methods (one C call each) instead of a regex search tried at every
# position of the sentence. Each is the same test as its pattern (tests/test_perf_equivalence.py):
# the tails of a "…$" pattern, or literals one of which every match of a pattern contains.
_BOUND_TAILS = ("少于", "多于", "低于", "高于", "不足", "不到", "不超过", "不高于", "仅有", "只有",
                "仅为", "仅", "只")                                        # _BOUND_BEFORE
_BOUND_QUOTE_HEADS = ("不足", "不到", "不超过")                             # _BOUND_QUOTE
# _CHANGE_BEFORE: its optional lead (同比, 较上年 …) does not change whether it matches
_CHANGE_TAILS = tuple(v + le + a for v in ("增长", "下降", "增加", "减少", "上升", "降低", "提高", "提升")
                      for le in ("", "了") for a in ("", "约", "近"))
_AVERAGE_TAILS = tuple(h + t for h in ("人均", "平均", "户均")
                       for t in ("", "为", "达", "达到", "是", "约"))       # _AVERAGE_BEFORE
_RATE_TAILS = ("率", "比例", "比率")                                        # _RATE_WORD
_MEETINGS_TAILS = ("等工作", "等事项", "等议题")                            # _MEETINGS_ON
_FROM_TAILS = ("从", "由")                                                  # _FROM_BEFORE
_YEARS_SPAN_CUE = re.compile("年来|以来|近|期间|至今|月")                 # _YEARS_SPAN
_SUBSET_CUE = re.compile("涉|领域|方式")                                    # _SUBSET


def match_indicator(kind: str, unit: str | None, subject: str, context: str, *,
                    after: str = "", quote: str = "", noun_after: bool = False,
                    topic: str = "") -> str | None:
    """The indicator of a figure: `subject` the counted phrase, `context` the sentence before
    the number, `after` the rest of the sentence after it, `quote` the figure as written,
    `noun_after`: the subject is the noun right after the number (64个调委会), `topic`: the
    sentence before when this one only says by what means (通过举办…) — read for `needs` cues.

    Every test before the catalogue entries only rules the figure out (None), so they are made
    in the order of their cost; a pattern is searched only when the literals it needs occur."""
    if not subject:
        return None
    # `$` also matches before a final newline: the tails are tested on the text without it
    ctx_end = context[:-1] if context[-1:] == "\n" else context
    if ctx_end.endswith(_BOUND_TAILS) or quote.startswith(_BOUND_QUOTE_HEADS):
        return None                     # 少于5人, 仅37件, 不足20次: a threshold, not a count
    if ("被" in after or "存在问题" in after) and _FAULTY_AFTER.search(after):
        return None                     # …有2件被提出修改意见: the faulty part of a count
    if ctx_end.endswith(_CHANGE_TAILS):
        return None                     # 同比增长12%, 较上年减少8件: a change, not the figure
    if kind != "rate" and ctx_end.endswith(_FROM_TAILS) and _CHANGE_AFTER.match(after):
        return None                     # 从63项减少为40项: the count before the change
    if "如" in context and _EXAMPLE.search(context):
        return None                     # 例如,某村…解决纠纷8起: one case told as an example
    if _YEARS_SPAN_CUE.search(context) and _YEARS_SPAN.search(context):
        return None                     # 五年来共受理…: several years' total, not the year's
    counts = kind == "count"
    if kind != "rate":
        if _ends_with(subject, _RATE_TAILS):
            return None                 # a count is never the rate its phrase names
        if "其中" in context and _PART_LIST.search(context):
            return None                 # 其中,咨询类120件;求助类50件: the later parts of the list
        if ("其中" in context or "(" in context) and _PART_OF.search(context):
            return None                 # 其中维持30件、撤销8件: parts of a stated total, not the total
    clause = clause_of(context)
    if counts:
        if (_SUBSET_CUE.search(clause) or _SUBSET_CUE.search(subject)) and \
                (_SUBSET.search(clause) or _SUBSET.search(subject)):
            return None                 # 涉企行政复议案件3.98万件: a subset of the cases
        if _PREVENTED.search(clause):
            return None                 # 制止群众集体上访151件: what was prevented
        if _AVERAGE.search(subject) or ctx_end.endswith(_AVERAGE_TAILS):
            return None                 # 人均办案量150件, 清单平均为295项: an average, not a count
        if "分别" in clause and _EACH_OF.search(clause):
            return None                 # 甲组、乙组分别开展4次: each one's figure, not the body's
        if _TWO_KINDS.search(subject) or _TWO_TOPICS.search(subject):
            return None                 # 法治讲座和业务培训60场次, 业务和法律知识培训: two at once
        if unit in _LIST_UNITS and _ends_with(subject, ("清单",)):
            return None                 # 各类政务服务事项清单31个: lists, not items
        if unit in _ITEM_UNITS and _ITEMS_MOVED.search(clause):
            return None                 # 取消下放行政权力244项: items removed or moved, not a list
        if clause.endswith(_MEETINGS_TAILS) and \
                _MEETINGS_ON.search(clause, max(0, len(clause) - _MEETINGS_TAIL)):
            return None                 # 研究行政立法、执法监督等工作11次: meetings on topics
    if "每" in context or "年均" in context or "等" in context:
        segment = context[max(context.rfind(";"), context.rfind("；")) + 1:]    # back to ; or 。
        habit = segment if kind == "rate" else clause
        if _HABITUAL.search(habit) and not _REQUIRED.search(clause + quote):
            return None                 # 每年化解…50万件以上 (每年不少于4次: a target)
        if _SOME_UNITS.search(segment):
            return None                 # 有甲局、乙局等9个单位…办结率均为100%
    if after.startswith(("“", "\"")) and _SLOGAN_COUNT.match(quote):
        return None                     # 三个“一号工程”: a slogan, not a count
    if kind == "rate":
        tail = _NUMBER_CHARS.split(clause)[-1].lstrip("、和及与")   # the rates after the last figure
        m = None if "分别" in clause else (_RATE_LIST.match(tail) or _RATE_LIST.match(subject))
        if m:
            subject = m.group(1)        # 合法性审核率、备案率均为100%: the first rate
    places = counts and noun_after and bool(_PLACE_NOUN.search(subject))
    after_m = _AFTER_CLAUSE.match(after)
    assert after_m is not None          # a "[...]*" pattern matches every string
    after_clause = after_m.group()
    if subject[0] == "等" and clause.endswith(subject):
        # 学习《宪法》《条例》等法律法规6次: the list of named acts is cut off; the titles
        # themselves say nothing of what is counted (《信访工作条例》 is no petition)
        subject = _TITLE.sub("《》", clause)
    found = _first_match(kind, unit, subject, context, clause, after, places, after_clause, topic)
    if found is None and places and _AWARD_AFTER.search(after_clause):
        # 6个村(社区)获评民主法治示范村: the places honoured, named by the award after them
        found = _first_match(kind, unit, subject + after_clause, context, clause, after, places,
                             after_clause, topic)
        if found is not None and not _by_id(found).counts_awards:
            found = None
    if found is None and counts and _COVERED.match(clause):
        # 举办法治培训班3期,覆盖干部600人次: those the activity of the previous clause reached
        prev = clause_of(context[:len(context) - len(clause) - 1])
        if prev:
            found = _first_match(kind, unit, prev + subject, context, clause, after, places, after_clause,
                                 topic)
    return found


@functools.lru_cache(maxsize=None)
def _by_id(ind_id: str) -> _Indicator:
    return next(ind for ind in indicators() if ind.id == ind_id)


_TITLE = re.compile(r"《[^《》]*》")
# a clause of the people an activity reached: 覆盖干部600人次, 惠及群众2万人
_COVERED = re.compile(r"\s*(?:覆盖|惠及)")


def _first_match(kind: str, unit: str | None, subject: str, context: str, clause: str, after: str,
                 places: bool, after_clause: str, topic: str = "") -> str | None:
    """The first catalogue entry of this kind and unit that `subject` and the sentence match;
    None as soon as an entry whose subject, scope and `not` match is ruled out by a negative cue
    of the sentence (`_ruled_out`)."""
    pre = _subject_prefilter(kind, unit)
    if pre is not None and not pre.search(subject):
        return None
    for ind in _candidates(kind, unit):
        # plain loops: this runs for every fact (all()/any() over generators cost more here)
        for p in ind.subject:
            if not p.search(subject):
                break
        else:
            for p in ind.scope:
                if not p.search(subject) and not _scope_in(p, context):
                    break
            else:
                for p in ind.not_:
                    if p.search(subject):
                        break
                else:
                    if _other_entry(ind, subject, context, clause, places, after_clause, topic):
                        continue        # 4个社区…, 为居民开展法治讲座: a later entry may take it
                    if _ruled_out(ind, context, clause, after, after_clause):
                        # the sentence says the figure is not this count: it is not a more
                        # general entry's either (no fall-through to a doubtful label)
                        return None
                    return ind.id
    return None


def _other_entry(ind: _Indicator, subject: str, context: str, clause: str, places: bool,
                 after_clause: str, topic: str = "") -> bool:
    """Cues that the figure is another entry's (a later one may take it): a count of places the
    entry does not count, its domain missing from the clause (`clause_scope`), a `needs` cue
    missing (a 讲座 for whom is not said)."""
    if places and not ind.counts_places:
        return True
    for p in ind.clause_scope:
        if not p.search(subject) and not p.search(clause) and not p.search(after_clause) \
                and not _bare_study_in(p, subject, context):
            return True
    for when, cue in ind.needs:
        if when.search(subject) and not cue.search(subject) and not cue.search(context) \
                and not cue.search(topic):
            return True
    return False


# a study count that names no topic (全年开展专题学习18次, 共计学习12次): its topic is what the
# sentence put on the leadership group's study programme before it (纳入…中心组学习内容)
_BARE_STUDY = re.compile(r"^(?:开展|组织|进行|共计|累计)?(?:专题|集中)?学习$")
_STUDY_GROUP = re.compile(r"中心组|党组|常务会|常委会|领导班子|会前")


def _bare_study_in(p: re.Pattern[str], subject: str, context: str) -> bool:
    if not _BARE_STUDY.match(subject):
        return False
    segment = context[max(context.rfind(";"), context.rfind("；")) + 1:]
    return bool(_STUDY_GROUP.search(segment)) and bool(p.search(segment))


def _ruled_out(ind: _Indicator, context: str, clause: str, after: str, after_clause: str) -> bool:
    """The entry's negative cues: does the sentence say the figure is not this count?"""
    if not ind.counts_additions and _ADDED.search(clause):
        return True                     # 新增持证执法人员3名: an addition, not the entry's count
    for p in ind.not_:
        if p.search(after_clause):
            return True                 # 2项行政许可…调整: the words after the number name it too
    if not ind.counts_awards and _AWARD_AFTER.search(after_clause):
        return True                     # 11名个人获全国表彰: the honoured, not the entry's count
    for p in ind.context_not:
        if p.search(context):
            return True
    for p in ind.clause_not:
        if p.search(clause):
            return True
    for p in ind.after_not:
        if p.search(after):
            return True
    return False


# a page that reports a court's own statistics (法院发布…司法审查报告/白皮书): its litigation
# figures are the courts', not those of a government answering suits
_COURT_REPORT = re.compile(r"法院[^。\n]{0,20}(?:发布|公布|通报|发表)[^。\n]{0,40}(?:报告|白皮书)")
_COURT_HEAD = 300       # the page's opening says whose report it is


@functools.lru_cache(maxsize=1)
def _court_null_ids() -> frozenset[str]:
    return frozenset(ind.id for ind in indicators() if ind.court_null)


def court_report(norm: str) -> bool:
    """Does the page open by reporting a court's published report on its cases?"""
    return bool(_COURT_REPORT.search(norm, 0, _COURT_HEAD))


# --------------------------------------------------------------------------- component
_AFTER_WINDOW = 16      # characters after the number read for after_not (up to the sentence end)
_CONTEXT_MAX = 600      # characters of the sentence before the number read for its cues (a sentence
                        # of a broken page can be the whole page: each figure must not rescan it)


# a list of parts on the lines after "其中:" (其中:\n1.省政府新收…188件\n2.省直部门…): the lines up
# to the next heading (（二）, 二、, 2.) are parts of the total stated before, whatever their wording
_PARTS_HEAD = re.compile(r"其中[:：]\s*\n")
_NEXT_HEADING = re.compile(rf"\n\s*(?:[（(][{ONE_TO_TEN}]+[)）]|[{ONE_TO_TEN}]+、|\d{{1,2}}[.．、](?!\d))")
_PARTS_MAX = 800        # characters a list of parts may run


def parts_lists(norm: str) -> list[tuple[int, int]]:
    """Spans of the lists of parts that follow a line ending in 其中: (see `_PARTS_HEAD`)."""
    out = []
    for m in _PARTS_HEAD.finditer(norm):
        end = min(len(norm), m.end() + _PARTS_MAX)
        nh = _NEXT_HEADING.search(norm, m.end() - 1, end)
        out.append((m.end(), nh.start() if nh else end))
    return out


# a sentence that opens with the means (通过举办…, 借助…): its purpose is the sentence before
_MEANS_START = re.compile(r"\s*(?:通过|借助|依托|利用)")


def _sentence_starts(norm: str) -> list[int]:
    return [0] + [m.end() for m in SENT_END.finditer(norm)]


def _section_lookup(report: Report) -> tuple[list[int], list[Any]]:
    """Every start and end of a section, sorted, with `report.section_at` of each: between two
    consecutive ones `section_at` is constant (it compares the offset with those values only),
    so a figure's section is one bisect instead of a descent of the tree."""
    bounds: set[int] = set()
    stack = list(report.sections)
    while stack:
        s = stack.pop()
        bounds.add(s.start)
        bounds.add(s.end)
        stack.extend(s.children)
    keys = sorted(bounds)
    return keys, [report.section_at(k) for k in keys]


def build_facts(report: Report) -> list[Fact]:
    norm, text = report.norm, report.text
    n = len(norm)
    doc_spans = extract_documents(report)
    quantities = find_quantities(norm, excluded=doc_spans)
    starts = _sentence_starts(norm)
    years = [m for m in _YEAR_RE.finditer(norm) if not _in_spans(doc_spans, m.start())]
    year_pos = [m.start() for m in years]
    sec_keys, sec_at = _section_lookup(report) if report.sections else ([], [])
    court_null = _court_null_ids() if court_report(norm) else frozenset()
    part_spans = parts_lists(norm)
    bisect_right, bisect_left = bisect.bisect_right, bisect.bisect_left
    facts: list[Fact] = []
    prev_end = 0
    prev_subject: tuple[int, int] | None = None
    nq = len(quantities)
    for i, q in enumerate(quantities, 1):
        qs, qe = q.start, q.end
        sent_start = starts[bisect_right(starts, qs) - 1]
        floor = sent_start if sent_start > prev_end else prev_end
        sec = None
        if sec_keys:
            k = bisect_right(sec_keys, qs) - 1
            sec = sec_at[k] if k >= 0 else None
        if sec is not None and sec.heading_end:
            if sec.heading_end <= qs:
                floor = max(floor, sec.heading_end)     # the heading is not the subject
            elif sec.heading_start <= qs:
                floor = max(floor, sec.heading_start + len(sec.number or ""))   # nor its number
        nxt = quantities[i].start if i < nq else n
        span = subject_span(norm, q, floor, prev_end if i > 1 else -1, nxt)
        if span is None and prev_subject and qs - prev_end <= 2 \
                and norm[prev_end:qs] in ("、", "和", "及", "与", ",", ""):
            span = prev_subject                     # 1971件次、4797人次 share a subject
        # year: the last year expression in this sentence before the number
        year = None
        k = bisect_left(year_pos, qs) - 1
        if k >= 0 and year_pos[k] >= sent_start:
            ym = years[k]
            y0 = year_pos[k]
            ranged = y0 > 1 and norm[y0 - 1] in "-—~至到–" \
                and (norm[y0 - 2].isdigit() or norm[y0 - 2] == "年")
            if not ym.group("period") and not ranged and ym.end() <= qs:
                year = _year_value(ym.group("y"))
        # the sentence before the figure (bounded), the rest of it after the figure (bounded)
        context = norm[max(sent_start, qs - _CONTEXT_MAX):qs]
        win = min(n, qe + _AFTER_WINDOW)
        m_end = SENT_END.search(norm, qe, win)
        after = norm[qe:m_end.start() if m_end else win]
        sa: int | None = None
        sb: int | None = None
        subject: str | None = None
        indicator: str | None = None                # no subject: no indicator
        if span:
            sa, sb = span
            topic = ""
            if sent_start > 0 and _MEANS_START.match(norm, sent_start):
                # 通过举办法治讲座4次…: the sentence before says what the means served
                prev_start = starts[max(0, bisect_right(starts, qs) - 2)]
                topic = norm[max(prev_start, sent_start - _CONTEXT_MAX):sent_start]
            indicator = match_indicator(q.kind, q.unit, norm[sa:sb], context, after=after,
                                        quote=norm[qs:qe], noun_after=sa >= qe, topic=topic)
            subject = text[sa:sb]
        if indicator is not None:
            if indicator in court_null:
                indicator = None                    # a court's statistics, not the reporter's suits
            elif part_spans and q.kind != "rate" and any(a <= qs < b for a, b in part_spans):
                indicator = None                    # a line of a 其中: list: a part, not the total
        facts.append(Fact(f"f{i}", text[qs:qe], qs, qe, q.value, q.unit, q.approx, q.qualifier,
                          q.kind, subject, sa, sb, indicator, year,
                          sec.id if sec is not None else None))
        prev_end = qe
        prev_subject = span
    _null_sibling_kinds(facts, norm)
    return facts


def _null_sibling_kinds(facts: list[Fact], norm: str) -> None:
    """串标案件4件、违法案件3件、转包案件1件: counts of the same unit listed side by side, each
    naming its own kind of the same entry, are kinds of the whole, none of them the entry's count
    (the whole is stated elsewhere or not at all)."""
    run: list[Fact] = []
    for f in facts + [None]:
        prev = run[-1] if run else None
        if f is not None and prev is not None and f.kind == "count" and f.unit == prev.unit \
                and f.subject_start is not None and f.subject_start >= prev.end \
                and norm[prev.end:f.subject_start] == "、" and _same_head(norm, prev, f):
            run.append(f)
            continue
        # 复议案件20件、行政诉讼案件15件: two entries, two things, each keeps its own
        if len(run) > 1 and len({g.indicator for g in run if g.indicator is not None}) == 1:
            for g in run:
                g.indicator = None
        run = [f] if f is not None and f.kind == "count" else []


def _same_head(norm: str, a: Fact, b: Fact) -> bool:
    """The two subjects end with the same noun (串标案件, 违法案件) and differ before it: two kinds
    of one thing, not two things (合同87份、规范性文件102份)."""
    if a.subject_start is None or a.subject_end is None or b.subject_start is None \
            or b.subject_end is None:
        return False
    sa, sb = norm[a.subject_start:a.subject_end], norm[b.subject_start:b.subject_end]
    return len(sa) > 2 and len(sb) > 2 and sa[-2:] == sb[-2:] and sa != sb


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, 1 << 60)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


@component("facts", reads=("text", "norm", "hints", "sections", "meta"), writes=("facts", "documents"))
def extract_facts(report: Report, config: Config) -> None:
    report.facts = build_facts(report)
    if report.hints.ocr_low:
        from ..ingest.ocr import mark_facts
        mark_facts(report)
