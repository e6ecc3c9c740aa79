"""Who reports: the reporting unit of a report — its place (jurisdiction, parent, province),
its level and, for a department, the department's own name.

Called from the meta component (`meta._place` -> `resolve`), which gives the title, the issuer lines and
the body start; the place helpers it uses (`M`) are in parse/place.py. The rules, in order:

1. A department written as the reporter — at the head of the title / an issuer line
   (湛江市司法局2023年…, 区卫健委2022年度…, 水利部2023年度…), as the subject of the
   opening (2023年,民政部坚持…; 现将市财政局2023年…), or only as self-references
   (我局, 局党组) with its full name elsewhere in the text (《广州市人力资源和社会保障局…》).
   The department is its own name without the place (司法局, 教委, 审计署); a central body
   (…部, …署, …总局 with no place) has no jurisdiction; a department named without its place
   (市财政局, 省统计局, 司法厅) takes the place the text names at that level, else none.
2. Otherwise a government: the place at the head of the title / an issuer / an organ line of
   the header (中共X镇委员会), then the subject of the opening sentence, then the place of
   the level the report speaks of itself as (我市/全县/县人民政府/镇党委) named in the text.
   Place words alone (全市, 我省, 新区) are never a place.
3. parent and province only where written or certain: a city's or province's parent is none;
   a county's parent is the gazetteer's when its name is unique and the parent is written in
   the text (or, for a county government, is a prefecture-level 市); a township's parent is
   a county written in the text.

Pages whose traditional-to-simplified conversion left pinyin after characters
('自治区(qū)') are read through a view without the pinyin (`Clean`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..zh.departments import HEAD_POSTS, MINISTRY_STEMS, SECTOR_STEMS, department_key
from ..zh.masks import MASK_RX, SOME_RX
from . import place as M  # the place helpers of the meta component
from .dates import _is_date_line
from .lines import TOP_LINES, _BANNER, _BREADCRUMB, _ORG_END
from .place import plausible_place
from .places import GENERIC_NAMES, MAX_YEAR, Place, level_from_suffix, level_of

CJK = "\u4e00-\u9fff"

# -- a view of a string without inserted pinyin ------------------------------------
from ..textnorm import PINYIN_ANY as _PINYIN  # noqa: E402 - one pattern, in textnorm


class Clean:
    """`s` without pinyin in brackets; `at(i)` maps an offset of the view back to `s`."""

    def __init__(self, s: str, offset: int = 0):
        self.src, self.offset = s, offset
        if not _PINYIN.search(s):
            self.s, self._pos = s, None
            return
        parts: list[str] = []
        pos: list[int] = []
        last = 0
        for m in _PINYIN.finditer(s):
            parts.append(s[last:m.start()])
            pos.extend(range(last, m.start()))
            last = m.end()
        parts.append(s[last:])
        pos.extend(range(last, len(s)))
        self.s, self._pos = "".join(parts), pos

    def at(self, i: int) -> int:
        if self._pos is None:
            return self.offset + i
        if i >= len(self._pos):
            return self.offset + len(self.src)
        return self.offset + self._pos[i]

    def inv(self, i: int) -> int:
        """The view offset of text offset `i` (offset-relative)."""
        i -= self.offset
        if self._pos is None:
            return i
        import bisect
        return bisect.bisect_left(self._pos, i)

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.at(a), (self.at(b - 1) + 1 if b > a else self.at(a))


# -- departments -------------------------------------------------------------------
# (a public institution that reports as a department: 住房保障中心, 住房公积金管理中心)
_DEPT_END = r"(?:委员会|研究室|政研室|办公室|总局|海关|监狱|(?:管理|保障|服务|事务|登记|交易|救助)中心|局|厅|委|署|部)"
_YEAR_AHEAD = r"(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3}\s*年"
# (委员会 after 局/厅/署: the bureau's party committee, 中共X县教育局委员会 -> 教育局)
_TITLE_AFTER = (rf"(?=\s|$|[,，。:：;；《》()】\]]|{_YEAR_AHEAD}|年度|关于|法治|依法|主要负责|党组|党委|(?<=[局厅署])委员会|(?<=[局厅署委])机关|被|"
                r"政府信息|信息公开|政务|普法|执法|行政|上半年|半年|工作|述法|推进|召开|举办|开展|组织|获|荣获|再次|连续|首次|入选|印发|发布|部署|多措并举|扎实|全力|强化|加强|深化)")
_SUBJECT_VERB = (r"(?:坚持|深入|认真|始终|紧紧|全面|持续|围绕|聚焦|扎实|积极|牢固|紧扣|以|在|按照|高度|严格|"
                 r"贯彻|立足|切实|不断|着力|进一步|结合|大力|发布|党组|党委|领导班子|机关|紧密|主动|"
                 r"把|将|自觉|强化|依法|着眼|注重|坚定|加快|推进|锚定|牢牢|对标|全力|统筹|致力|秉持|秉承|抓好|"
                 r"有序|稳步)")
_SUBJECT_AFTER = rf"(?=\s*(?:{_SUBJECT_VERB}|{_YEAR_AHEAD}|年度|关于|法治|主要负责|政府信息公开|信息公开))"
_DEPT_CORE_T = re.compile(rf"[{CJK}]{{1,14}}?{_DEPT_END}{_TITLE_AFTER}")
_DEPT_CORE_S = re.compile(rf"[{CJK}]{{1,14}}?{_DEPT_END}{_SUBJECT_AFTER}")
# at the head of the opening ('2023年，X局…') any verb may follow, not a word that continues the name
_DEPT_CORE_L = re.compile(rf"[{CJK}]{{1,14}}?{_DEPT_END}(?![长属机系内办务领直干的和与、及所处科室员会副主任])(?=[{CJK}])")
# words of a sentence, never of a department's name
_VERBISH = re.compile(r"坚持|深入|认真|始终|紧紧|持续|围绕|聚焦|扎实|积极|牢固|紧扣|按照|高度|严格|贯彻|立足|切实|"
                      r"不断|着力|进一步|结合|大力|学习|落实|推动|推进|加强|完善|提升|开展|领导|决策|指导")
_NOT_DEPT = re.compile(r"人民政府|政府|人大|政协|常委会|依法治|法院|检察院|工委|纪委|政法委|管委会|党委|"
                       r"^委员会$|^办公室$|^研究室$|^总局$|^[我本全该各分其此原总]|^[省区县州旗盟镇]|^乡(?!村振兴)|^市(?!场)"
                       r"|^(?:国务院|中央|党中央|中共中央|中共|现|经)|[、和及与]$|领导小组|[我本将]|"
                       r"(?:镇|乡|街道|县|市|区|州|省|党)(?:委员会|党委|委)$|[了的是]|召开|听取|会议|通过|审议|印发|组织|开展|法治")
# a masked place before a department (XX县教育局, ×市财政局, 某县): the placeholders of zh/masks
_MASKED_PLACE = re.compile(rf"(?:{MASK_RX.pattern}|{SOME_RX.pattern})(?:自治区|自治州|自治县|省|市|区|县|州|旗)")
_CENTRAL_END = re.compile(r"(?:部|署|总局)$")
# a government's general office right before the year of its own account
_GOV_OFFICE = re.compile(r"((?:人民)?政府办(?:公室|公厅)?)(?=\s*(?:(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年)")
_STRIP_HEAD = re.compile(r"(?:管理委员会|管委会|人民政府)")
_LABEL = re.compile(r"\s*(?:标\s*题|名\s*称|题\s*名|文章标题)\s*[:：]?\s*")
_DOCNO = re.compile(rf"[{CJK}]{{1,8}}[〔\[［(]\d{{4}}[〕\]］)]\s*\d+\s*号\s*")
_LEAD = re.compile(rf"(?:\s|《|“|\"|【|\[|(?:{_YEAR_AHEAD})\s*年?度?|关于|印发|转发|中共|中国共产党|中华人民共和国|原)+")


@dataclass
class Unit:
    dept: str                        # own name without the place
    dept_span: tuple[int, int]
    place: str | None = None         # the place written with it, as written
    place_span: tuple[int, int] | None = None
    before: list[tuple[int, int, str]] = field(default_factory=list)   # places written before `place`
    level_char: str | None = None    # 市 of 市财政局 (a place named only by its level)
    central: bool = False
    masked: bool = False             # its place is masked (XX县教育局): unknown, not looked up

    def located(self) -> tuple[str, int, int]:
        """(place, start, end) of a unit written with its place."""
        assert self.place is not None and self.place_span is not None
        return (self.place, *self.place_span)


def _core_ok(core: str) -> bool:
    return len(core) >= 2 and not _NOT_DEPT.search(core) and not _VERBISH.search(core)


def parse_unit(view: Clean, i: int, gaz, subject: bool = False, loose: bool = False) -> Unit | None:
    """The organ written at view.s[i:]: [place chain][level char][管理委员会]department."""
    s = view.s
    j = i
    chain: list[tuple[int, int, str]] = []
    hits = [h for h in gaz.find(s[i:i + 40], free_text=False) if h[2] not in GENERIC_NAMES]
    for st, en, name in hits:
        if i + st != j:
            break
        chain.append((i + st, i + en, name))
        j = i + en
    if not chain:
        zone = r"新区|经开区|高新区|开发区" if subject and not loose else r"新区|经开区|高新区|开发区|自治州|自治县|州|市|区|县|旗"
        m = re.match(rf"[{CJK}]{{2,8}}?(?:{zone})", s[j:j + 12])
        rx0 = _DEPT_CORE_L if loose else _DEPT_CORE_S if subject else _DEPT_CORE_T
        if m and plausible_place(m.group(), gaz) and (rx0.match(s, j + m.end()) or
                                                      rx0.match(s, j + m.end() + 5)):
            chain.append((j, j + m.end(), m.group()))
            j += m.end()
    level_char = None
    masked = None if chain else _MASKED_PLACE.match(s, j)
    if masked:
        j = masked.end()               # XX县教育局, ××市财政局: a place the text masks
    auto = re.match(r"自治(区|州|县|旗)(?!委|党委|人民政府|政府)", s[j:j + 6]) if not chain and not masked else None
    if auto:
        level_char = "省" if auto.group(1) == "区" else auto.group(1)   # 自治区司法厅: the region's
        j += auto.end()
    elif not chain and not masked and j < len(s) and s[j] in "省市区县旗州" and s[j + 1:j + 2] not in ("委", "场"):
        level_char = s[j]
        j += 1
    office = _GOV_OFFICE.match(s, j) if (chain or level_char) and not masked else None
    if office:
        # the government's office reporting its own year (X区人民政府办公室2021年…报告, 区政府办2025年度…):
        # a department of its place, named with 人民政府/政府 (a 关于印发 title is the government's)
        core = office.group(1)
        u = Unit(dept=core, dept_span=view.span(j, j + len(core)), level_char=level_char)
        if chain:
            st, en, name = chain[-1]
            u.place, u.place_span, u.before = name, view.span(st, en), chain[:-1]
        return u
    mh = _STRIP_HEAD.match(s, j)
    if mh and chain:
        j = mh.end()
    if chain and not subject:
        # a title that spaces the place from its department ("青禾县 民政局 2023年…")
        sp = re.match(r"[ \t\u3000]{1,2}(?=[\u4e00-\u9fff])", s[j:j + 3])
        if sp and (_DEPT_CORE_L if loose else _DEPT_CORE_T).match(s, j + sp.end()):
            j += sp.end()
    if chain and s[j:j + 1] == chain[-1][2][-1] and s[j:j + 1] in "省市区县旗" and s[j + 1:j + 2] not in ("场", "委"):
        j += 1                         # the level written twice: X县县卫生健康局
    if not chain and not level_char and s.startswith("原", j):
        j += 1                         # 原环境保护部: the unit under its former name
    rx = _DEPT_CORE_L if loose else _DEPT_CORE_S if subject else _DEPT_CORE_T
    m = rx.match(s, j)
    if not m:
        return None
    core = m.group()
    if not chain and not level_char and s[j:j + 2] in ("市委", "县委", "区委", "省委") and \
            re.fullmatch(rf"[省市区县]委[{CJK}]{{0,6}}(?:研究室|政研室|办公室|部)", core) and "依法治" not in core:
        pass                           # a party office named with its level: 市委政研室
    elif not _core_ok(core) or (not chain and not level_char and not masked and len(core) < 3):
        return None
    if not chain and not level_char and not masked:
        # a place the gazetteer does not know, written before the department (松台县财政局)
        mp = re.match(rf"[{CJK}]{{2,8}}?(?:自治州|自治县|县|市|区|州|旗)", core)
        if mp and _core_ok(core[mp.end():]) and len(core) - mp.end() >= 2 and plausible_place(mp.group(), gaz):
            chain = [(j, j + mp.end(), mp.group())]
            j, core = j + mp.end(), core[mp.end():]
    # a city department's branch in a district: 公安局X区分局, 交通运输局X管理局 -> X区, the whole
    # name is the department and the city written before it is the district's parent
    br = branch_place(core, view.s, gaz, city=chain[-1][2] if chain else None)
    if br is not None:
        st, en, name = br
        chain = chain + [(j + st, j + en, name)]
    # a vertically managed department: 国家税务总局X县税务局 -> X县, 税务局
    inner = [h for h in gaz.find(core, free_text=False) if h[2] not in GENERIC_NAMES and 0 < h[0] and h[1] < len(core)]
    if inner and not chain and br is None:
        st, en, name = inner[-1]
        rest = core[en:]
        if _core_ok(rest):
            chain = [(j + st, j + en, name)]
            j, core = j + en, rest
    u = Unit(dept=core, dept_span=view.span(j, j + len(core)), level_char=level_char, masked=bool(masked))
    if masked:
        pass
    elif chain:
        st, en, name = chain[-1]
        u.place, u.place_span, u.before = name, view.span(st, en), chain[:-1]
    elif not level_char and ((_CENTRAL_END.search(core) and not core.endswith("分局")) or core.startswith("国家")):
        u.central = True               # 司法部, 审计署, 国家卫生健康委
    return u


_BRANCH = re.compile(rf"^[{CJK}]{{2,10}}?(?:局|委)([{CJK}]{{2,6}}?)(?:分局|管理局)$")
_COUNTY_SUFFIXES = ("区", "县", "市", "旗")


def branch_place(core: str, text: str, gaz, city: str | None = None) -> tuple[int, int, str] | None:
    """The district of a city department's branch (公安局X区分局, 交通运输局X管理局): (start, end in
    `core`, the district's name), when the district is a county-level place of the gazetteer,
    written in full in the name or, for a short form (X管理局), elsewhere in `text`, or — the
    city written before the department (Y市生态环境局X分局) — the one county-level place of that
    city today whose name is the short form and a suffix."""
    m = _BRANCH.match(core)
    if not m:
        return None
    inner = m.group(1)
    if inner in GENERIC_NAMES:
        return None
    if any(p.rank == "county" for p in gaz.lookup(inner)):
        return m.start(1), m.end(1), inner
    if inner.endswith(_COUNTY_SUFFIXES):
        return None
    fulls = [inner + sfx for sfx in _COUNTY_SUFFIXES
             if inner + sfx in text and any(p.rank == "county" for p in gaz.lookup(inner + sfx))]
    if len(fulls) == 1:
        return m.start(1), m.end(1), fulls[0]
    if not fulls and city:
        own = [inner + sfx for sfx in _COUNTY_SUFFIXES
               if any(p.rank == "county" and p.parent == city and p.year == MAX_YEAR
                      for p in gaz.lookup(inner + sfx))]
        if len(own) == 1:
            return m.start(1), m.end(1), own[0]
    return None


def title_unit(view: Clean, gaz) -> Unit | None:
    s = view.s
    k = 0
    for rx in (_LABEL, _DOCNO, _LEAD):
        m = rx.match(s, k)
        if m:
            k = m.end()
    return parse_unit(view, k, gaz)


_BOUNDARY = set(",，。;；:：、 \t\n《“\"(（")


def subject_unit(view: Clean, start: int, end: int, gaz) -> Unit | None:
    """A department as the subject of the opening: '2023年,民政部坚持…', '现将市财政局2023年…'."""
    s = view.s
    for i in range(start, min(end, len(s))):
        prev = s[i - 1] if i > 0 else "\n"
        if not (prev in _BOUNDARY or prev == "年" or s[i - 2:i] in ("现将", "下,", "作为") or i == start):
            continue
        if s[i] in "在以为根据按" or (prev == "《" and s[i - 3:i - 1] not in ("现将", "将《"[:2])):
            continue
        u = parse_unit(view, i, gaz, subject=True)
        if u is None and s[i - 2:i] == "现将":
            u = parse_unit(view, i, gaz)
        if u is None and (i == start or s[i - 2:i] in ("年,", "来,") or s[i - 1] == "\n"):
            u = parse_unit(view, i, gaz, subject=True, loose=True)
        if u is not None:
            return u
    return None


_SELF_DEPT = re.compile(r"(?:我|本)(局|厅|委|署|部)(?![员会])|(?<![省市县区州镇乡党工纪委])(局|厅|委|署|部)党[组委]|"
                        r"(?:(?<=[,，。;；、\s])|^)分(局)|"
                        r"(?<=[由,，。;；、])(局|厅|委)(?=主要领导|主要负责|班子成员|领导班子|机关)")


_SELF_SUBJECT = re.compile(rf"(?:^|[,，。]|下)(?:我|本)(局|厅|委|署)(?=[{CJK}]{{0,2}}{_SUBJECT_VERB})|"
                           rf"现将(?:我|本)(局|厅|委|署)")


def self_department(norm: str, opening: str = "") -> str | None:
    """The department suffix the report speaks of itself with (我局, 厅党组, 局党委), when it does so
    at least twice, or once as the subject of the opening sentence (…领导下，我局坚持…)."""
    cnt = Counter(m.group(m.lastindex or 0) for m in _SELF_DEPT.finditer(norm))
    m = _SELF_SUBJECT.search(opening.split("。")[0]) if opening else None
    if m:
        cnt[m.group(m.lastindex or 0)] += 2
    if not cnt:
        return None
    suf, n = cnt.most_common(1)[0]
    return suf if n >= 2 else None


# an official's post right after a department: the department is a person's, not the subject
_PERSON_POST = re.compile(r"(?:党委|党组)?(?:书记|副?(?:局长|厅长|主任|署长|部长)|主要负责同志|相关负责人|负责人)")

# a heading numbered in words at a line start (一、 (一) 一是): where the opening paragraph ends
# (a digit at a line start may be a page-chunk marker of a document site, 1、…)
_HEADING_AFTER = re.compile(r"\n\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|"
                            r"[一二三四五六七八九十]是)")
_YEAR_LED = re.compile(rf"^(?:{_YEAR_AHEAD})\s*年度?\s*(?:以来)?[,，]|^(?:今年|本年度|一年)以来[,，]")
# the contact sentence of a report (如对本报告有疑问，请与X局办公室联系): X is the reporter
_CONTACT = re.compile(rf"请(?:与|联系)([{CJK}]{{2,24}}?{_DEPT_END})(?:办公室|[{CJK}]{{1,6}}?[处科股])?(?:联系|[(（])")


def _same_level(place: str, level_char: str | None) -> bool:
    """A department named by its level (县教育局) belongs to `place` only at that level."""
    if level_char is None:
        return False
    return place.endswith(level_char) or (level_char == "省" and place.endswith("自治区"))


def contact_unit(view: Clean, gaz) -> Unit | None:
    """The department named by the contact sentence near the top (政府信息公开年度报告)."""
    m = _CONTACT.search(view.s, 0, 1500)
    if not m:
        return None
    for st, en, name in gaz.find(m.group(1), free_text=False):
        if st == 0:
            if re.search(r"(?:人民政府|政府)(?:办公室|办公厅)?(?:政务公开|信息公开)?[{CJK}]{0,4}办公室$".replace("{CJK}", CJK),
                         m.group(1)):
                return None    # the government's own (信息公开) office: the government reports
            u = _unit_between(view, m.start(1), m.end(1), gaz)
            return u
        break
    return None


def named_units(view: Clean, gaz, suffix: str | None = None, core: str | None = None) -> list[Unit]:
    """Departments written with their place anywhere in the text (《广州市人力资源和社会保障局…》)."""
    s = view.s
    out = []
    ends = [m.end() for m in re.finditer(re.escape(core), s)] if core else \
        [m.end() for m in re.finditer(re.escape(suffix), s)] if suffix else []
    for e in ends:
        for st, en, name in _places_ending_before(s, e, gaz):
            u = _unit_between(view, st, e, gaz)
            if u and (core is None or u.dept == core) and (suffix is None or u.dept.endswith(suffix)):
                out.append(u)
                break
    return out


def _unit_between(view: Clean, st: int, e: int, gaz) -> Unit | None:
    """The department s[st:e] when it is [place chain][管理委员会]department, exactly."""
    s = view.s
    chain: list[tuple[int, int, str]] = []
    j = st
    for a, b, name in gaz.find(s[st:e], free_text=False):
        if st + a != j:
            break
        if name in GENERIC_NAMES:
            break
        chain.append((st + a, st + b, name))
        j = st + b
    if not chain:
        return None
    mh = _STRIP_HEAD.match(s, j)
    if mh:
        j = mh.end()
    core = s[j:e]
    if not re.fullmatch(rf"[{CJK}]{{2,14}}", core) or not re.search(_DEPT_END + "$", core) or not _core_ok(core):
        return None
    a, b, name = chain[-1]
    return Unit(dept=core, dept_span=view.span(j, e), place=name, place_span=view.span(a, b), before=chain[:-1])


def _places_ending_before(s: str, e: int, gaz):
    """Gazetteer names that start a unit ending at e (searched from up to 30 characters back)."""
    lo = max(0, e - 30)
    seen = []
    for st, en, name in gaz.find(s[lo:e], free_text=False):
        if name in GENERIC_NAMES:
            continue
        seen.append((lo + st, lo + en, name))
    return seen


# -- places of a level named in the text -------------------------------------------
_WE = re.compile(r"(?:我|全|本)(省|自治区|市|州|县|区|旗|盟|镇|乡|街道)")
_ORGAN_SELF = re.compile(r"(?:^|(?<=[,，。:：;；\s、])|(?<=现将)|(?<=年))(省|市|州|县|区|镇|乡|街道)"
                         r"(?:人民政府|政府|党委|党工委|办事处)(?!办|研究室|法制办)")
# the government of a level, with or without its name (市政府党组, 湘西州政府, 自治区政府)
_GOV_OF = re.compile(r"(自治区|省|市|州|县|区|镇|乡|街道)(?:人民政府|政府)(?!办|研究室|法制办|网站|门户)")
_SUFFIX_OF = {"自治区": "省", "街道": "街道"}
_AUTONOMOUS_ORGAN = re.compile(r"自治区(?:人民政府|政府|党委)")


_SUPERIOR_CLAUSE = re.compile(r"在[^，,。；;\n]{0,40}?(?:领导|指导|关心|支持|帮助)下|"
                              r"(?:落实|贯彻|按照)[^，,。；;\n]{0,12}?(?:关于|的)[^，,。；;\n]{0,30}?(?:部署|要求|安排)")


_SCOPE_OF_HONOUR = re.compile(r"[^，,。；;、\n]{0,14}?(?:示范|先进|优秀|第一|前列|首批|标兵)")


def self_level(norm: str) -> str | None:
    """The suffix of the place the report speaks of itself as: 我市/全县/县人民政府/镇党委."""
    cnt: Counter = Counter()
    # the organs of the clause naming who leads or guides the reporter (在县委、县政府的领导下,
    # 认真落实县委、县政府关于…的部署) are its superiors, not itself
    norm = _SUPERIOR_CLAUSE.sub(lambda m: " " * len(m.group()), norm)
    spans = set()
    for m in _ORGAN_SELF.finditer(norm):
        cnt[m.group(1)] += 1
        spans.add(m.start(1))
    for m in _GOV_OF.finditer(norm):
        if m.start(1) not in spans and not (m.group(1) == "区" and norm[max(0, m.start() - 2):m.start()] == "自治"):
            cnt[_SUFFIX_OF.get(m.group(1), m.group(1))] += 1
    # 全区 / 我区 of a text that speaks of 自治区人民政府 and of no district's organs: the region
    region = cnt["省"] > 0 and cnt["区"] == 0 and _AUTONOMOUS_ORGAN.search(norm) is not None
    for m in _WE.finditer(norm):
        if m.group(0)[0] == "全" and _SCOPE_OF_HONOUR.match(norm, m.end()):
            continue          # 创建全省法治政府建设示范县, 全市先进: the scope of an honour
        suf = _SUFFIX_OF.get(m.group(1), m.group(1))
        # 我县/本县 is the text speaking as itself; 全省 may be a superior's scope (创建全省…
        # 示范县) and 省政府 a superior named outside the leadership clause: 我 counts double
        cnt["省" if region and suf == "区" else suf] += 2 if m.group(0)[0] in "我本" else 1
    if not cnt:
        return None
    (suf, n), *rest = cnt.most_common(2) + [(None, 0)]
    if rest and rest[0][1] == n:
        return None
    return suf


def _blank(s: str, a: int, b: int) -> str:
    return s[:a] + " " * (b - a) + s[b:]


def _inside_place(s: str, a: int, b: int, gaz) -> bool:
    """s[a:b] lies inside a longer gazetteer name (the 镇 of a city named X镇市)."""
    lo = max(0, a - 6)
    return any(lo + st <= a and b < lo + en for st, en, _ in gaz.find(s[lo:b + 4], free_text=False))


# a particle, or a place word after a verb or preposition (促进了全镇, 对全乡, 把我镇): no town's name
_NOT_TOWN = re.compile(r"[了的]|[把将对从向让使被由给是为在到][全我本该各此](?:镇|乡|街道|苏木)$")


def _township_names(s: str, gaz=None) -> Counter:
    """Township names (X镇, X乡, X街道) in a text: the longest left extension of each suffix
    occurrence that is as frequent as the shortest one, written at least twice. A 镇 that is
    part of a county or city name (a city named X镇市) is not a township."""
    counts: Counter = Counter()
    for m in re.finditer(r"(?:镇|乡|街道|苏木)", s):
        if gaz is not None and _inside_place(s, m.start(), m.end(), gaz):
            continue
        for k in (2, 3, 4):
            a = m.start() - k
            if a < 0:
                break
            stem = s[a:m.start()]
            if not re.fullmatch(rf"[{CJK}]+", stem):
                break
            counts[stem + m.group()] += 1
    out: Counter = Counter()
    for name, n in counts.items():
        if n < 2 or re.match(r"[我全本该各驻到在乡城村集重强小大各个每该和与及、的]", name) or \
                _NOT_TOWN.search(name) is not None or \
                name.endswith(("乡镇", "城镇", "村镇", "城乡")) or \
                re.search(r"法治(?:镇|乡|街道|苏木)$", name) is not None:
            # 依法治镇, 全面依法治乡: a slogan, not a town
            continue
        longer = [o for o in counts if o.endswith(name) and len(o) == len(name) + 1 and counts[o] == n]
        if longer:
            continue
        out[name] = n
    # drop a name contained in a longer kept one with the same count
    for name in list(out):
        if any(o != name and o.endswith(name) and out[o] == out[name] for o in out):
            del out[name]
    return out


_SELF_PROVINCE = re.compile(r"(?:我|本)(?:省|自治区)|(?<![市县区州镇乡])(?:省|自治区)(?:人民)?政府(?!办|网)")
# the span of a place inferred, not written (the one province of the places a text names)
INFERRED = -2


def level_place(view: Clean, gaz, suffix: str, year, exclude: str | None = None) -> tuple[str, int, int] | None:
    """The place of the level `suffix` (省/市/县/区/镇…) the text names most often — unique,
    else None. For 省: a province's full name, else its short name (法治江西), else the one
    province of the unique places the text names."""
    s = view.s
    if exclude:
        for m in re.finditer(re.escape(exclude), s):
            s = _blank(s, m.start(), m.end())
    if suffix in ("镇", "乡", "街道"):
        names = {n: c for n, c in _township_names(s, gaz).items() if n.endswith(suffix)}
        if not names:
            return None
        best = sorted(names.items(), key=lambda kv: -kv[1])
        if len(best) > 1 and best[1][1] == best[0][1]:
            return None
        name = best[0][0]
        i = s.find(name)
        return (name, *view.span(i, i + len(name)))
    hits = gaz.find(s)
    counts: Counter = Counter()
    first: dict[str, tuple[int, int]] = {}
    for st, en, name in hits:
        places = gaz.lookup(name, year)
        if suffix == "省":
            ok = any(p.rank == "province" for p in places)
        elif suffix == "市":
            ok = name.endswith("市")      # prefecture, municipality or county-level city
        elif suffix == "州":
            ok = name.endswith("州") and any(p.rank == "city" for p in places)
        else:
            ok = name.endswith(suffix) and any(p.rank == "county" for p in places)
        if ok:
            counts[name] += 1
            first.setdefault(name, (st, en))
    if suffix in ("州", "市"):
        for m in re.finditer(rf"([{CJK}]{{2,4}}?)州(?=人民政府|政府|委|党委|本级|级|[,，。、])", s):
            fulls = gaz.city_shorts.get(m.group(1)) or set()
            if len(fulls) == 1 and next(iter(fulls)).endswith("州"):
                counts[m.group()] += 1
                first.setdefault(m.group(), m.span())
        if "自治州" in s:
            # a text speaking of its 自治州 names it by a one-character head in its slogan
            # (法治X州、法治政府、法治社会一体建设): the one autonomous 州 of that head
            for m in re.finditer(rf"{_SHORT_BEFORE}(([{CJK}])州)(?=[、,，。]|建设)", s):
                if _autonomous_of_head(gaz, m.group(2)) is not None:
                    counts[m.group(1)] += 1
                    first.setdefault(m.group(1), m.span(1))
    if not counts and suffix == "省":
        # no province written in full: its short name (法治江西, 《江西日报》)
        for short in gaz.province_shorts:
            n = len(re.findall(re.escape(short) + r"(?![省市])", s))
            if n and len(short) >= 2:
                counts[short] += n
                first.setdefault(short, (s.find(short), s.find(short) + len(short)))
        if not counts:
            # nor by its short name: the one province of the unique places the text names
            provs = {p.province for st, en, n in hits for p in [gaz.resolve(n, year)] if p is not None}
            if len(provs) == 1:
                prov = provs.pop()
                return prov, INFERRED, INFERRED
            return None
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2) + [(None, 0)]
    if rest and rest[0][1] == n:
        tied = [nm for nm, k in counts.items() if k == n]
        name = _prefecture_of_tied(gaz, tied, year) if suffix == "市" else None
        if name is None:
            return None
    if suffix == "省" and name in gaz.province_shorts:
        st, en = first[name]
        return gaz.province_shorts[name], *view.span(st, en)
    st, en = first[name]
    return name, *view.span(st, en)


_SHORT_BEFORE = r"(?:法治|平安|美丽|幸福|魅力|建设|服务|助力|推动|全面建设)"
_SHORT_AFTER = r"(?:振兴|发展|高质量|经济社会|经济|建设|特色|实际)"
_INSTRUCTED = r"(?:工作|考察时?|时)?的?(?:一?系列)?重要(?:讲话|指示)"


def city_short_place(view: Clean, gaz) -> tuple[str, int, int] | None:
    """The city of a text that names no city in full but one by its short name (为大连振兴…):
    the one city of that short name, when it is the only city short name the text writes."""
    s = view.s
    found = {}
    for short, fulls in gaz.city_shorts.items():
        if len(short) < 2 or short not in s or short in gaz.province_shorts:
            continue                   # (吉林: the province's short name as well)
        # a place by its use (为大连振兴发展, 法治大连, 建设美丽大连), not a word (社会长治久安)
        # …or in the set phrase of the instructions to it (在湖北武汉考察时的重要讲话)
        m = re.search(rf"{_SHORT_BEFORE}{re.escape(short)}(?![市州县区盟])|"
                      rf"{re.escape(short)}(?={_SHORT_AFTER})|"
                      rf"(?:视察|考察|对|在)(?:[{CJK}]{{2,3}}、?)?{re.escape(short)}{_INSTRUCTED}", s)
        if m:
            found[short] = (fulls, m.start() + m.group().find(short))
    if len(found) != 1:
        return None
    short, (fulls, i) = found.popitem()
    cities = [f for f in fulls if f.endswith("市")]
    # one city of that name (a former X地区 of the same name is the city's predecessor)
    if len(cities) != 1 or any(f not in cities and not f.endswith("地区") for f in fulls):
        return None
    return (cities[0], *view.span(i, i + len(short)))


def _prefecture_of_tied(gaz, names: list[str], year) -> str | None:
    """Of 市 names named equally often, the one prefecture when all the others are
    county-level cities inside it (全市 of 商丘市 naming 永城市 once): else None."""
    places = {nm: gaz.resolve(nm, year) for nm in names}
    prefs = [nm for nm, p in places.items() if p is not None and p.rank == "city"]
    if len(prefs) != 1:
        return None
    pref = prefs[0]
    others = [p for nm, p in places.items() if nm != pref]
    if all(p is not None and p.rank == "county" and p.parent == pref for p in others):
        return pref
    return None


def _autonomous_of_head(gaz, head: str) -> str | None:
    """The one autonomous 州 whose name starts with the one character `head` (巴 -> 巴音郭楞蒙古
    自治州), unless head + 州 is a city's own short name (德州 is 德州市)."""
    if len(head) != 1 or (head + "州") in gaz.city_shorts:
        return None
    fulls = {n for n in _autonomous_names(gaz) if n.startswith(head)}
    return next(iter(fulls)) if len(fulls) == 1 else None


def _autonomous_names(gaz) -> list[str]:
    names = getattr(gaz, "_autonomous_prefectures", None)
    if names is None:
        names = gaz._autonomous_prefectures = sorted({n for fulls in gaz.city_shorts.values() for n in fulls
                                                      if n.endswith("自治州")})
    return names


def resolve_written(gaz, name: str, year, autonomous: bool = False) -> Place | None:
    """A place named in a short form the gazetteer knows: 湘西州 -> 湘西土家族苗族自治州,
    大通县 -> 大通回族土族自治县; in a text that speaks of its 自治州 (`autonomous`), a
    one-character head as well (巴州 -> 巴音郭楞蒙古自治州)."""
    full = gaz.full_of_short(name)
    if full is not None:
        return gaz.resolve(full, year)
    if autonomous and len(name) == 2 and name.endswith("州") and \
            (one := _autonomous_of_head(gaz, name[0])) is not None:
        return gaz.resolve(one, year)
    m = re.fullmatch(rf"([{CJK}]{{2,4}}?)州", name)
    if m:
        fulls = gaz.city_shorts.get(m.group(1)) or set()
        fulls = {f for f in fulls if f.endswith("州")} or fulls    # X州: an autonomous 州, not X地区
        if len(fulls) == 1:
            return gaz.resolve(next(iter(fulls)), year)
    return None


def prefix_place(gaz, name: str, year) -> tuple[Place | None, Place | None]:
    """(city, province) certain from the head of a name the gazetteer does not know:
    南昌高新区 -> 南昌市, 江西省; 江西赣江新区 -> (None, 江西省)."""
    for k in (4, 3, 2):
        head = name[:k]
        fulls = gaz.city_shorts.get(head) or set()
        if len(fulls) == 1 and len(name) > k:
            city = gaz.resolve(next(iter(fulls)), year)
            if city is not None:
                return city, None
    for k in (3, 2):
        full = gaz.province_shorts.get(name[:k])
        if full and len(name) > k:
            return None, gaz.resolve(full, year)
    return None, None


_CITED = re.compile(r"《[^》\n]*(?:》|$)", re.M)


def written(norm: str, name: str, exclude: str | None = None, short: str | None = None) -> bool:
    """`name` (a place) occurs in the text outside the jurisdiction's own name — in full, or
    as its short name with a level word (湘西州, 某某地区)."""
    return written_form(norm, name, exclude, short) is not None


def written_form(norm: str, name: str, exclude: str | None = None, short: str | None = None) -> str | None:
    """The form in which `name` is written (see `written`): the name, or its short form with a
    level word (湘西州), else None."""
    s = norm.replace(exclude, " " * len(exclude)) if exclude else norm
    short_rx = re.escape(short) + r"(?:州|市|地区|盟)" if short and len(short) >= 2 and short != name else None

    # a name inside a cited 《document》 (closed, or cut by the page's end) is the document's,
    # unless it opens the document's title: the place that issued it (《临夏州…办法》)
    def issuer(doc: str) -> bool:
        return doc.startswith("《" + name) or (short_rx is not None and re.match("《" + short_rx, doc) is not None)

    s = _CITED.sub(lambda m: m.group() if issuer(m.group()) else " " * len(m.group()), s)
    if name in s:
        return name
    if short_rx is not None:
        m = re.search(short_rx, s)
        return m.group() if m else None
    return None


_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


def short_written(norm: str, place: Place, gaz, exclude: str | None = None) -> bool:
    """The parent of the county-level `place` written by its short name alone: a municipality's
    anywhere (上海法治建设, 重庆干部网络学院 — no other place bears it), a city's in the set
    phrase of the instructions to it (对广东、深圳系列重要讲话, 视察深圳, 在深圳考察时)."""
    parent = place.parent or ""
    if parent in _MUNICIPALITIES:
        short = next((k for k, v in gaz.province_shorts.items() if v == parent), None)
    else:
        short = place.city_short
    if not short or len(short) < 2:
        return False
    s = norm.replace(exclude, " " * len(exclude)) if exclude else norm
    s = _CITED.sub(lambda m: m.group() if m.group().startswith("《" + short) else " " * len(m.group()), s)
    if parent in _MUNICIPALITIES:
        return short in s
    return bool(re.search(rf"(?:视察|考察|对)(?:[{CJK}]{{2,3}}、)?{re.escape(short)}{_INSTRUCTED}|"
                          rf"在{re.escape(short)}考察", s))


def source_unit(source: str | None, dept: str, gaz) -> Unit | None:
    """The page's stated source (信息来源: 浏阳市医疗保障局) when it is the same department
    with its place."""
    if not source:
        return None
    v = Clean(source)
    for st, en, name in gaz.find(v.s, free_text=False):
        u = _unit_between(v, st, len(v.s), gaz)
        if u is not None and u.dept == dept:
            return u
    return None


def province_subject(sent: str, gaz) -> tuple[str, int, int] | None:
    """A province named by its short name as the subject of the opening: '2021年,江西坚持…'."""
    for short, full in gaz.province_shorts.items():
        for m in re.finditer(rf"(?:^|(?<=[,，。]))({re.escape(short)}){_SUBJECT_AFTER}", sent):
            return full, m.start(1), m.end(1)
    return None


# -- the resolution (called by the meta component) -------------------------------------
def resolve(c, title_norm: str, title_span, issuer_lines) -> None:
    """Who reports: sets jurisdiction, parent, province, level, adcode and department of
    c.meta (`c` is the meta component's context)."""
    meta, norm = c.meta, c.norm
    year = meta.report_year
    gaz = c.g()
    view = _view(c)
    found: tuple[str, int, int] | None = None     # (name, start, end) of a government's place
    unit = None           # a department
    place_only = None     # the place of a title that names no organ
    sources: list[tuple[str, int]] = []
    if title_norm and title_span:
        sources.append((title_norm, title_span[0]))
    for ln in issuer_lines:
        sources.append((ln.s, ln.start))
    if c.title_organ is not None and all(c.title_organ.start != ln.start for ln in issuer_lines):
        sources.append((c.title_organ.s, c.title_organ.start))
    sources.extend(_header_organs(c, title_span))
    sources.extend(_catalogue_issuers(c))
    for s, off in sources:
        v = Clean(s, off)
        u = title_unit(v, gaz)
        if u is not None:
            unit = u
            break
        lm = _LABEL.match(v.s)
        k = lm.end() if lm else 0
        dm = _DOCNO.match(v.s, k)
        k = dm.end() if dm else k
        r = M._place_in(c, v.s[k:], k, year)
        if r and plausible_place(r[0], gaz):
            found = (r[0], *v.span(r[1], r[2]))
            d = M._department(v.s, r[2])
            if d and re.search(rf"[{CJK}]{{2,}}(?:局|厅|委员会|委|办公室|中心|支队|大队|管理处|署)$", v.s[r[2]:d[1]]):
                # a department the title grammar above does not read (…支队, …中心)
                own = re.sub(r"^(?:管理委员会|管委会)", "", v.s[r[2]:d[1]])
                unit = Unit(dept=own, dept_span=v.span(d[1] - len(own), d[1]), place=r[0],
                              place_span=found[1:])
                found = None
                break
            if "政府" not in v.s[:r[2] + 6]:
                # a title naming only the place ('X省…规划', 'X县教育系统…报告') issued by one of
                # its departments, written in another source or as the opening's subject
                place_only = r[0]
                for s2, off2 in sources:
                    if off2 != off:
                        u = title_unit(Clean(s2, off2), gaz)
                        if u is not None and not u.central and u.place in (None, r[0]):
                            unit, found = u, None
                            break
            break
    opening = c.body_start if c.body_start is not None else 0
    title_found = found
    if unit is None and (found is None or place_only is not None):
        # a department as the subject of the opening sentence, unless a government's place
        # comes first there
        starts = [opening]
        first_long = next((ln.start for ln in c.lines[:TOP_LINES] if len(ln.s) >= 40 and
                           re.search(r"[。，,；;]", ln.s) and not _BANNER.search(ln.s[:20])), None)
        if first_long is not None and first_long < opening:
            starts.append(first_long)      # an opening paragraph above a heading taken for the title
        after = title_span[1] if title_span else 0
        first_line = next((ln.start for ln in c.lines[:TOP_LINES] if ln.start >= after and
                           re.search(r"[。，,]", ln.s) and not _BANNER.search(ln.s[:20])
                           and not _BREADCRUMB.search(ln.s[:20])), None)
        if first_line is not None and first_line < opening:
            starts.append(first_line)      # a short opening sentence
        year_line = next((ln.start for ln in c.lines[:TOP_LINES] if ln.start >= after and
                          ln.start <= opening + 800 and _YEAR_LED.match(ln.s)), None)
        if year_line is not None and year_line not in starts:
            starts.append(year_line)       # the year-led opening of the account ('2024年,X局坚持…')
        found = None
        for st in starts:
            vs = view.inv(st)
            end = vs
            for _ in range(2):             # the first two sentences, at most 400 characters
                nxt = view.s.find("。", end + 1)
                end = nxt if vs < nxt < vs + 400 else min(vs + 400, len(view.s))
            hd = _HEADING_AFTER.search(view.s, vs, end)
            if hd:
                end = hd.start()           # the opening ends at the first heading
            unit = subject_unit(view, vs, end, gaz)
            if unit is not None and _PERSON_POST.match(norm, unit.dept_span[1]):
                unit = None    # 市司法局党委书记、局长…汇报: a speaker's post, not the reporter
            if unit is not None and c.body_start is not None and not unit.central:
                gov = M._first_sentence_place(c)
                if gov is not None and unit.dept_span and gov[2] <= (unit.place_span or unit.dept_span)[0] and \
                        not (gov[0] == unit.place and c.norm.startswith(unit.dept, gov[2])):
                    # a government opening the text before the department's sentence reports; the
                    # same department written there too (根据《条例》，X市公安局编制…) does not
                    unit, found = None, gov
            if unit is not None or found is not None:
                break
        if unit is None and found is None:
            unit = contact_unit(view, gaz)
        if place_only is not None and (unit is None or unit.central or unit.place not in (None, place_only) or
                                       (unit.place is None and not _same_level(place_only, unit.level_char))):
            unit, found = None, title_found
    self_dept = None
    outside = False       # the unit read from the page's stated source, outside the text
    if unit is None and found is None:
        self_dept = self_department(view.s, view.s[view.inv(opening):view.inv(opening) + 200])
        if self_dept:
            named = named_units(view, gaz, suffix=self_dept)
            if named:
                best = Counter((u.dept, u.place) for u in named).most_common(2)
                if len(best) == 1 or best[0][1] > best[1][1]:
                    unit = next(u for u in named if (u.dept, u.place) == best[0][0])
            elif meta.source_site:
                # the page's stated source is the same kind of unit (来源: 区卫健委 of a 我委 text),
                # in the text or, where ingest took the line out, beside it
                a0 = meta.evidence["source_site"][0] if "source_site" in meta.evidence else None
                u = parse_unit(view, view.inv(a0), gaz) if a0 is not None else \
                    parse_unit(Clean(meta.source_site), 0, gaz)
                if u is not None and not u.central and u.dept.endswith(self_dept):
                    unit, outside = u, a0 is None
            if unit is None and c.body_start is not None:
                # 局党组 of a text opening on its place's sector (X区教育系统…): 区教育局
                fs = M._first_sentence_place(c)
                unit = _sector_unit(c, view, fs, gaz) if fs is not None else None
    if unit is None and found is None and not self_dept:
        lead = _lead_line(c, title_span)
        at = c.body_start
        if lead is not None:
            # a short opening line above the body (2024年，X市坚持依法行政，现将…报告如下。):
            # its subject, with or without a 在…领导下 clause before it
            found = M._first_sentence_place(c, lead)
            at = lead if found is not None else at
        if found is None and c.body_start is not None:
            found = M._first_sentence_place(c)
        if found is None:
            found = _self_level_place(c, view)
        if found is not None and at is not None:
            u = _department_of_place(c, view, found, gaz, at) or _sector_unit(c, view, found, gaz, at)
            if u is not None:
                unit, found = u, None
    contradicted = False
    if unit is None and found is not None and found is not title_found and \
            _masked_level(c) == "township" and level_from_suffix(found[0]) != "township":
        # the text speaks of itself as a township (我镇, 镇党委) but its opening names a county
        # or city: the township's own name where written, else the reporter is unknown
        found = level_place(view, gaz, _self_suffix(c) or "镇", year)
        contradicted = found is None
    if unit is not None:
        meta.department = unit.dept
        if not outside:
            c.ev("department", *unit.dept_span)
        meta.level = "department"
        if unit.central:
            return
        if unit.place:
            found = (unit.place, -1, -1) if outside else unit.located()
        elif unit.masked:
            found = None
        else:
            named = named_units(view, gaz, core=unit.dept)
            if unit.level_char:
                # 县民政局 guided by its city's 市民政局: the same department at another level is its
                # superior, not its full name
                named = [u for u in named if u.place and _same_level(u.place, unit.level_char)]
            places = Counter(u.place for u in named)
            if places and (len(places) == 1 or places.most_common(2)[0][1] > places.most_common(2)[1][1]):
                nm = places.most_common(1)[0][0]
                u2 = next(u for u in named if u.place == nm)
                found, unit = u2.located(), u2
            elif (u3 := source_unit(meta.source_site, unit.dept, gaz)) is not None and u3.place:
                found = (u3.place, -1, -1)    # the page's stated source, outside the text
            else:
                suffix = unit.level_char or ("省" if unit.dept.endswith("厅") else None)
                lp = level_place(view, gaz, suffix, year) if suffix else None
                if lp is None and suffix == "市":
                    lp = city_short_place(view, gaz)
                if lp is not None:
                    found = lp
    elif self_dept:
        meta.level = "department"
        # a department that names only itself (我委, 局党组): its place is that of the level
        # it speaks of itself as (我市 …, 北京)
        found = _self_level_place(c, view) if _self_suffix(c) else None
        if found is None and _self_suffix(c) == "市":
            found = _municipality_named(c)
        named_self = _self_named_department(view.s, self_dept, _self_suffix(c),
                                            view.s[view.inv(opening):view.inv(opening) + 200])
        if named_self is not None:
            meta.department = named_self[0]
            c.ev("department", *view.span(named_self[1], named_self[2]))
    if found is not None and found[1] == INFERRED and not _SELF_PROVINCE.search(norm):
        # a province inferred from the places the text names, never written, in a text that
        # only speaks of 全省 (an announcement to the province): where it is from, not who
        # wrote it. A text that speaks as the province (我省, 省政府) is that province's.
        meta.province = found[0]
        if meta.level is None:
            meta.level = "province"
        return
    if found is None:
        if meta.level is None and not contradicted:
            meta.level = _masked_level(c) or _unnamed_level(c)
        # the reporter is unknown, its province may still be written (《X省…办法》)
        meta.province = _written_province(c)
        return
    name, a, b = found
    if M._masked(name):
        return
    meta.jurisdiction = name
    if a >= 0:
        c.ev("jurisdiction", a, b)
    _settle(c, name, a, unit, title_norm, title_span, issuer_lines, dept=bool(self_dept))


def _department_of_place(c, view, found, gaz, at: int | None = None) -> Unit | None:
    """The opening (at `at`, else the body's start) names its place only as the place of a
    department (为…，提升X市医疗保障局…工作质量): the department reports, unless the place is
    the subject of the sentence."""
    name, a, _ = found
    if a < 0:
        return None
    vs = view.inv(c.body_start if at is None else at)
    end = view.s.find("。", vs)
    end = end if vs < end < vs + 400 else vs + 300
    for m in re.finditer(re.escape(name), view.s[vs:end]):
        i = vs + m.end()
        if re.match(rf"(?:人民政府|政府)?\s*{_SUBJECT_VERB}", view.s[i:i + 8]):
            return None                # '2023年，X市坚持…': the place is the subject
    for m in re.finditer(re.escape(name), view.s[vs:end]):
        u = parse_unit(view, vs + m.start(), gaz) or parse_unit(view, vs + m.start(), gaz, loose=True)
        if u is not None and u.place == name and not u.central:
            return u
    return None


_SECTOR = re.compile(rf"([{CJK}]{{2,6}}?)系统")


# a text speaking as 我局/我厅 names itself without its place in three ways:
# its head's post (区司法局党委书记、局长: the level it speaks as, then the department),
# the ministry guiding a province's 厅 (在交通运输部的指导下…我厅: 交通运输厅),
# the sector its opening sentence is the subject of (全市司法行政系统在市委…领导下: 司法局)
_MINISTRY_GUIDE = re.compile(rf"(?:在|得到|受到)({'|'.join(MINISTRY_STEMS)})部[的]?[{CJK}、]{{0,8}}?(?:指导|支持|关心)")


def _self_named_department(s: str, self_dept: str, self_level: str | None,
                           opening: str) -> tuple[str, int, int] | None:
    """(name, start, end in s) of the department a 我局/我厅 text is, where it names itself
    without its place; None unless every such naming agrees."""
    names: dict[str, tuple[int, int]] = {}
    post = HEAD_POSTS.get(self_dept)
    if post and self_level and len(self_level) == 1:
        rx = rf"(?<![{CJK}]){re.escape(self_level)}([{CJK}]{{2,10}}?{self_dept})(?:党[组委])?(?:书记)?[、,，]?{post}"
        for m in re.finditer(rx, s):
            names.setdefault(m.group(1), m.span(1))
    if self_dept == "厅":
        for m in _MINISTRY_GUIDE.finditer(s):
            names.setdefault(m.group(1) + "厅", m.span(1))
    first = opening.split("。")[0]
    sector = re.search(rf"全[省市县区]([{CJK}]{{2,6}}?)系统", first)
    if sector is not None and (k := s.find(sector.group(0))) >= 0:
        stem = SECTOR_STEMS.get(sector.group(1), sector.group(1))
        names.setdefault(stem + self_dept, (k + 2, k + 2 + len(sector.group(1))))
    if len({department_key(n) for n in names}) != 1:
        return None
    name, (a, b) = next(iter(names.items()))
    return name, a, b


def _sector_unit(c, view, found, gaz, at: int | None = None) -> Unit | None:
    """The opening's subject is a sector of its place (X区教育系统法治建设工作坚持…): the report
    is that sector's department, where the text names it with the place or its level (区教育局
    党组书记, X区教育局); not named, the reporter stays the place."""
    name, a, b = found
    if a < 0:
        return None
    vs = view.inv(c.body_start if at is None else at)
    i = view.s.find(name, vs, vs + 300)
    m = _SECTOR.match(view.s, i + len(name)) if i >= 0 else None
    if m is None:
        return None
    sector = m.group(1)
    for mm in re.finditer(re.escape(sector), view.s):
        for k in (mm.start() - len(name), mm.start() - 1):
            u = parse_unit(view, k, gaz) if k >= 0 else None
            if u is None or u.central or not u.dept.startswith(sector) or u.dept.endswith("系统"):
                continue
            if u.place == name:
                return u
            if u.place is None and u.level_char == name[-1]:
                u.place, u.place_span = name, (a, b)
                return u
    return None


def _lead_line(c, title_span) -> int | None:
    """Start of a year-led opening line too short to be taken for the body's first line
    (2024年，X县坚持依法行政，现将有关情况报告如下。, or the first line of a hard-wrapped
    opening), above the body, after the title."""
    after = title_span[1] if title_span else 0
    for ln in c.lines[:TOP_LINES]:
        if ln.start < after:
            continue
        if c.body_start is not None and ln.start >= c.body_start:
            return None
        if _YEAR_LED.match(ln.s) and not _BANNER.search(ln.s[:20]) and not _BREADCRUMB.search(ln.s[:20]):
            return ln.start
    return None


def _header_organs(c, title_span) -> list[tuple[str, int]]:
    """Organ lines of the header above the title or the body (中共X镇委员会, X镇人民政府)."""
    end = title_span[0] if title_span else (c.body_start if c.body_start is not None else 0)
    out = []
    lines = c.lines[:TOP_LINES]
    for i, ln in enumerate(lines):
        if ln.start < end and len(ln.s) <= 24 and re.fullmatch(
                rf"(?:中共)?[{CJK}]{{2,16}}?(?:委员会|人民政府|人民政|党委|党工委|办事处)", ln.s):
            out.append((ln.s, ln.start))
        elif len(ln.s) <= 30 and i + 1 < len(lines) and _is_date_line(lines[i + 1].s) and \
                _ORG_END.search(re.sub(r"(党组|党委)$", "", ln.s)):
            out.append((ln.s, ln.start))      # the signature of a transmittal notice at the top
    return out


_ISSUER_FIELD = re.compile(r"^[\s\-–•·*]*(?:发布机构|制发机构|发文机关|发文单位|发布单位)\s*[:：]\s*")


def _catalogue_issuers(c) -> list[tuple[str, int]]:
    """The issuer field of a catalogue header (- 发布机构: X镇人民政府)."""
    out = []
    for ln in c.lines[:TOP_LINES]:
        m = _ISSUER_FIELD.match(ln.s)
        if m and len(ln.s) - m.end() >= 3:
            out.append((ln.s[m.end():], ln.start + m.end()))
    return out


def _view(c) -> Clean:
    """The text without inserted pinyin, built once per report."""
    if getattr(c, "_view", None) is None:
        c._view = Clean(c.norm)
    return c._view


def _self_suffix(c) -> str | None:
    """`self_level` of the report's text (through `_view`), computed once per report."""
    if not hasattr(c, "_self_suffix"):
        c._self_suffix = self_level(_view(c).s)
    return c._self_suffix


def _masked_level(c) -> str | None:
    """A township report whose name is masked or never given (我镇, 全乡, *乡): township."""
    suf = _self_suffix(c)
    if suf in ("镇", "乡", "街道"):
        n = len(re.findall(rf"(?:我|全|本){suf}|{suf}(?:党委|政府|人民政府)", c.norm))
        if n >= 2:
            return "township"
    return None


_UNNAMED_LEVEL = {"省": "province", "市": "city", "州": "city", "县": "county", "旗": "county"}


def _unnamed_level(c) -> str | None:
    """The level of a reporter never named, from the level it speaks of itself as (市政府,
    我县): a 市 is read as a prefecture (the county-level city's own texts name it); 区 is left
    unknown (a district or an autonomous region)."""
    view = _view(c)
    if c.body_start is not None:
        vs = view.inv(c.body_start)
        m = _MASKED_SUBJECT.search(view.s, vs, vs + 200)
        if m:
            # the opening's subject is a masked place (xx市人民政府坚持…): the level of its suffix
            return _MASKED_LEVEL.get(m.group(1))
    return _UNNAMED_LEVEL.get(_self_suffix(c) or "")


_MASKED_LEVEL = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city",
                 "县": "county", "区": "county", "旗": "county", "镇": "township", "乡": "township",
                 "街道": "township"}
_MASKED_SUBJECT = re.compile(rf"(?:^|[,，]|下)\s*(?:{MASK_RX.pattern}|{SOME_RX.pattern})"
                             rf"(自治区|省|市|州|盟|县|区|旗|镇|乡|街道)(?:人民政府|政府|党委)?\s*(?={_SUBJECT_VERB})")


_REGION_ORGAN = re.compile(r"自治区(?:党委|人民政府|政府|主席|直属)")
_REGION_ORGAN_MIN = 3


def _self_level_place(c, view) -> tuple[str, int, int] | None:
    """The place of the level the report speaks of itself as (我市/全县/县人民政府), named in the
    text; the older rule (the most frequent place with the 我/全 suffix) otherwise."""
    if c.body_start is not None:
        vs = view.inv(c.body_start)
        end = view.s.find("。", vs)
        ps = province_subject(view.s[vs:end if end > vs else vs + 200], c.g())
        if ps is not None:
            return ps[0], *view.span(vs + ps[1], vs + ps[2])
    suf = _self_suffix(c)
    if suf:
        found = level_place(view, c.g(), "市" if suf == "州" else suf, c.meta.report_year)
        if found is None and suf == "区" and _AUTONOMOUS_ORGAN.search(view.s):
            # 我区/全区 of an autonomous region's own report
            found = level_place(view, c.g(), "省", c.meta.report_year)
        return found
    if len(_REGION_ORGAN.findall(view.s)) >= _REGION_ORGAN_MIN:
        # a text that speaks of no level of its own but of the region's organs throughout
        # (自治区党委…, 自治区主席…, 自治区直属部门): the region, named in full or by its short
        # name (法治内蒙古建设)
        found = level_place(view, c.g(), "省", c.meta.report_year)
        if found is not None and found[1] != INFERRED:
            return found
    return M._we_place(c)


def _settle(c, name: str, at: int, unit, title_norm: str, title_span, issuer_lines, dept: bool = False) -> None:
    """Level, parent, province and adcode of the jurisdiction `name`: parent and province only
    where written or certain (a unique name)."""
    meta, norm = c.meta, c.norm
    year = meta.report_year
    gaz = c.g()
    is_dept = unit is not None or dept     # a department, named or only by itself (我局)
    hint = None
    for kind, rx in M._PARENT_CUE:
        if rx.search(norm[:4000]):
            hint = kind
            break
    level = level_from_suffix(name)
    cue = M._parent_cue(c, name, title_norm, title_span, issuer_lines) if at >= 0 else None
    if unit is not None and unit.before:
        st, en, nm = unit.before[-1]
        if M._above_ok(name, nm):
            cue = (nm, st, en)
    if level == "township":
        if cue:
            M._set_parent(c, cue)
        else:
            county = M._township_county(c, at) or M._county_by_short(c)
            if county:
                meta.parent = county.name
                meta.province = county.province
            else:
                meta.province = _written_province(c, view_exclude=name)
        if not is_dept:
            meta.level = "township"
        return
    place = gaz.resolve(name, year, norm, hint)
    if place is None and cue:
        # same-name places: the parent the issuer/title/text names settles it
        fits = [p for p in gaz.lookup(name, year) if M._parent_fits(p, cue[0])]
        place = fits[0] if len(fits) == 1 else None
    if place is None and not gaz.lookup(name, year):
        place = resolve_written(gaz, name, year, autonomous="自治州" in norm)
    if place is not None:
        plevel: str | None = level_of(place)
        meta.province = place.province
        meta.adcode = place.adcode
        if plevel == "county":
            if cue and M._parent_fits(place, cue[0]) and place.parent:
                meta.parent = place.parent
                c.ev("parent", cue[1], cue[2])
            elif cue:
                M._set_parent(c, cue)
                meta.province = place.province
            elif place.parent and (form := written_form(norm, place.parent, exclude=name, short=place.city_short)):
                meta.parent = form          # as written: in full, or its short form (湘西州)
            elif place.parent and (short_written(norm, place, gaz, exclude=name) or
                                   (not is_dept and (place.parent.endswith("市") or place.city is None))):
                meta.parent = place.parent
    elif not gaz.lookup(name, year):
        plevel = level
        if cue:
            M._set_parent(c, cue)   # a place the gazetteer does not know: the stated parent
        else:
            city, prov = prefix_place(gaz, name, year)
            if city is not None:
                meta.parent, meta.province = city.name, city.province
            elif prov is not None:
                meta.province = prov.name
            else:
                meta.province = _written_province(c, view_exclude=name)   # the one the text names
    else:
        plevel = M._common_level(c, name, year)
        if plevel in ("province", "city"):
            meta.parent = None
    if not is_dept:
        meta.level = plevel


# cross-border cooperation named by the provinces' abbreviations (川渝执法协作, 京津冀协同): a
# province of the group written in the text may be the partner, not the reporter's own
_REGION_GROUPS = {
    "川渝": ("四川省", "重庆市"), "成渝": ("四川省", "重庆市"),
    "京津冀": ("北京市", "天津市", "河北省"),
    "长三角": ("上海市", "江苏省", "浙江省", "安徽省"), "沪苏浙皖": ("上海市", "江苏省", "浙江省", "安徽省"),
    "江浙沪": ("上海市", "江苏省", "浙江省"), "苏浙沪": ("上海市", "江苏省", "浙江省"),
    "湘鄂赣": ("湖南省", "湖北省", "江西省"), "陕甘宁": ("陕西省", "甘肃省", "宁夏回族自治区"),
    "晋陕豫": ("山西省", "陕西省", "河南省"), "闽浙赣": ("福建省", "浙江省", "江西省"),
    "粤桂": ("广东省", "广西壮族自治区"),
}
_REGION_GROUP_RX = re.compile("|".join(sorted(_REGION_GROUPS, key=len, reverse=True)))


def _partner_province(norm: str, prov: str) -> bool:
    """`prov` is one of a cooperation group the text names (川渝, 长三角): possibly the partner."""
    return any(prov in _REGION_GROUPS[m.group()] for m in _REGION_GROUP_RX.finditer(norm))


def _written_province(c, view_exclude: str | None = None) -> str | None:
    """The one province the text names (in full, or as the province of the one city it names),
    unless it is one of a cooperation group the text names (川渝协作: the partner, maybe)."""
    gaz = c.g()
    provs, cities = set(), set()
    for _, _, n in c.places():
        for p in gaz.lookup(n, c.meta.report_year)[:2]:
            if p.rank == "province" and len(gaz.lookup(n)) == 1:
                provs.add(p.name)
            elif p.rank == "city" and len(gaz.lookup(n)) == 1:
                cities.add(p.province)
    if len(provs) == 1:
        prov = provs.pop()
        return None if _partner_province(c.norm, prov) else prov
    if not provs and len(cities) == 1:
        prov = cities.pop()
        return None if _partner_province(c.norm, prov) else prov
    if not provs and not cities:
        # the province named by its short name in the set phrase of the instructions to it
        # (视察X重要讲话, 对X(一)系列重要讲话, 对X工作重要讲话, 在X考察时的重要讲话)
        shorts = {m.group(1) for m in _short_province_rx(gaz).finditer(c.norm)}
        if len(shorts) == 1:
            return gaz.province_shorts[shorts.pop()]
    return None


def _municipality_named(c) -> tuple[str, int, int] | None:
    """The municipality (北京/上海/天津/重庆) a 我市 text names by its short name, the only
    province it names."""
    gaz = c.g()
    hits = [m for m in _short_province_rx(gaz).finditer(c.norm)]
    names = {gaz.province_shorts[m.group(1)] for m in hits}
    if len(names) != 1:
        return None
    name = names.pop()
    if not name.endswith("市"):
        return None
    return name, hits[0].start(1), hits[0].end(1)


_SHORT_PROVINCE_RX: dict[int, re.Pattern[str]] = {}


def _short_province_rx(gaz):
    rx = _SHORT_PROVINCE_RX.get(id(gaz))
    if rx is None:
        alt = "|".join(sorted((re.escape(k) for k in gaz.province_shorts if len(k) >= 2), key=len, reverse=True))
        rx = re.compile(rf"(?:视察|考察|对|在)({alt})(?:工作|考察时?|时)?的?(?:一?系列)?重要(?:讲话|指示)")
        _SHORT_PROVINCE_RX[id(gaz)] = rx
    return rx


# a news story whose subject is the justice department checking others' rule-of-law work (县司法局
# 对青禾镇法治政府建设工作进行督导检查, 开展对乡镇法治政府建设报告集中评议): the organiser of
# the place's work, not a department reporting on its own
_ORGANISER = re.compile(r"(?:司法局|司法厅|依法治[县市区省旗州]办|依法治[县市区省旗州]委员会办公室)[^。;]{0,40}?"
                        r"(?:开展)?对([^。;]{1,40}?)的?(?:法治政府建设|依法行政|法治建设)[^。;]{0,30}?"
                        r"(?:评议|督导|检查|督察|考核|考评|调研|指导)")
_ORGANISER_CHARS = 300     # how far into the body the story's first sentences are read
_OBJECT_TOWN = re.compile(rf"^([{CJK}]{{2,6}}?(?:镇|乡|街道|苏木))(?:人民政府|政府|办事处)?$")


def organiser_news(c) -> None:
    """A news story of a place's justice department checking others' rule-of-law work: the
    reporter is the place (a county, city…), or the one township checked; not the department."""
    meta = c.meta
    if meta.kind != "news" or not meta.jurisdiction:
        return
    as_dept = meta.level == "department" and bool(meta.department) and \
        re.search(r"司法|依法治", meta.department or "") is not None
    if not as_dept and meta.level not in ("county", "city"):
        return
    start = c.body_start or 0
    m = _ORGANISER.search(c.norm, max(0, start - 120), start + _ORGANISER_CHARS)
    if m is None or (not as_dept and not c.norm[max(0, m.start() - len(meta.jurisdiction)):m.start()]
                     == meta.jurisdiction):
        return
    place_name = meta.jurisdiction
    gaz = c.g()
    meta.department = None
    meta.evidence.pop("department", None)
    town = _OBJECT_TOWN.match(m.group(1).strip())
    if town and not re.match(r"[各全本该我]", town.group(1)) and not re.search(r"[及和与、]|乡镇$|城镇$", town.group(1)):
        meta.jurisdiction = town.group(1)
        meta.level = "township"
        meta.parent = place_name
        c.ev("jurisdiction", m.start(1), m.start(1) + len(town.group(1)))
        return
    place = gaz.resolve(place_name, meta.report_year, c.norm)
    level = level_from_suffix(place_name) or (level_of(place) if place is not None else None)
    meta.level = level
    if place is not None and level == "county" and meta.parent is None and place.parent \
            and place.parent.endswith("市"):
        meta.parent = place.parent
