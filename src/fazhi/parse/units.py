"""Organs and departments written in a line: the unit (place chain, level, department's own
name) at a position (`parse_unit`), at the head of a title, as the subject of the opening, in
the contact sentence, anywhere with its place, in the page's stated source; the department
suffix a text speaks of itself with (我局, 局党组) and the name it gives itself without a place."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..zh.departments import HEAD_POSTS, MINISTRY_STEMS, SECTOR_STEMS, department_key
from ..zh.cjk import CJK
from ..zh.masks import MASK_RX, SOME_RX
from ..zh.years import ARABIC_YEAR, CN_YEAR
from .clean_view import Clean
from .place import plausible_place
from .places import GENERIC_NAMES, MAX_YEAR

# -- departments -------------------------------------------------------------------


# (a public institution that reports as a department: 住房保障中心, 住房公积金管理中心)
_DEPT_END = r"(?:委员会|研究室|政研室|办公室|总局|海关|监狱|(?:管理|保障|服务|事务|登记|交易|救助)中心|局|厅|委|署|部)"
_YEAR_AHEAD = rf"{ARABIC_YEAR}|{CN_YEAR}\s*年"     # a year after the name (zh/years)
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
                       r"(?:镇|乡|街道|县|市|区|州|省|党)(?:委员会|党委|委)$|[了的是]|召开|听取|会议|通过|审议|印发|组织|开展|法治"
                       # a sector (司法行政系统), and words ending in a body's character: 部署, 干部, 全部
                       r"|系统|(?:部署|签署|干部|全部|内部|外部)$")
# a masked place before a department (XX县教育局, ×市财政局, 某县): the placeholders of zh/masks
_MASKED_PLACE = re.compile(rf"(?:{MASK_RX.pattern}|{SOME_RX.pattern})(?:自治区|自治州|自治县|省|市|区|县|州|旗)")
_CENTRAL_END = re.compile(r"(?:部|署|总局)$")
# a government's general office right before the year of its own account, or before the 法治
# work it accounts for (现将县政府办公室法治政府建设情况报告如下)
_GOV_OFFICE = re.compile(rf"((?:人民)?政府办(?:公室|公厅)?)(?=\s*(?:(?:{ARABIC_YEAR}|{CN_YEAR})\s*年|法治政府|依法行政))")
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
        sp = re.match(rf"[ \t\u3000]{{1,2}}(?=[{CJK}])", s[j:j + 3])
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


# (not 本部门: any unit a rule addresses, 各部门将本部门…, no ministry speaking as 本部)
_SELF_DEPT = re.compile(r"(?:我|本)(局|厅|委|署|部)(?![员会门])|(?<![省市县区州镇乡党工纪委])(局|厅|委|署|部)党[组委]|"
                        r"(?:(?<=[,，。;；、\s])|^)分(局)|"
                        r"(?<=[由,，。;；、])(局|厅|委)(?=主要领导|主要负责|班子成员|领导班子|机关)|"
                        # the whole bureau's staff (全局干部职工), not 全局 the overall situation
                        r"全(局)(?=干部|职工|执法人员|党员|工作人员|上下)")


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
