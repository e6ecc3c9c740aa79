"""Who reports: the reporting unit of a report — its place (jurisdiction, parent, province),
its level and, for a department, the department's own name.

Called from the meta component (`meta._place` -> `resolve`), which gives the title, the issuer lines and
the body start. This module settles the order of the rules below; what they read is in
parse/units.py (departments written in a line), parse/self_place.py (the level and place a text
speaks of itself as), parse/provinces.py, parse/place_forms.py and parse/place.py (`M`, the
place helpers); the level, parent and province of the place found are set by parse/settle.py.
The rules, in order:

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
('自治区(qū)') are read through a view without the pinyin (`Clean`, parse/clean_view.py).
"""
from __future__ import annotations

import re
from collections import Counter

from ..zh.cjk import CJK
from ..zh.numerals import ONE_TO_TEN
from . import place as M  # the place helpers of the meta component
from .clean_view import Clean, _view
from .dates import _is_date_line
from .lines import TOP_LINES, _BANNER, _BREADCRUMB, _ORG_END
from .place import plausible_place
from .places import level_from_suffix
from .provinces import _municipality_named, _written_province
from .self_place import (_SELF_PROVINCE, INFERRED, _masked_level, _self_level_place, _self_suffix, _unnamed_level,
                         city_short_place, level_place)
from .settle import _settle
from .units import (_DOCNO, _LABEL, _core_ok, _SUBJECT_VERB, _YEAR_AHEAD, Unit, _same_level, _self_named_department,
                    contact_unit, named_units, parse_unit, self_department, source_unit, subject_unit,
                    title_unit)


# an official's post right after a department: the department is a person's, not the subject
_PERSON_POST = re.compile(r"(?:党委|党组)?(?:书记|副?(?:局长|厅长|主任|署长|部长)|主要负责同志|相关负责人|负责人)")

# a heading numbered in words at a line start (一、 (一) 一是): where the opening paragraph ends
# (a digit at a line start may be a page-chunk marker of a document site, 1、…)
_HEADING_AFTER = re.compile(rf"\n\s*(?:[{ONE_TO_TEN}]{{1,3}}\s*[、.．]|[(（]\s*[{ONE_TO_TEN}]{{1,3}}\s*[)）]|"
                            rf"[{ONE_TO_TEN}]是)")
# a run-in sub-heading at a line start ('(一)主动公开情况。'): the line's sentence follows it
_RUN_IN = re.compile(rf"[(（]\s*[{ONE_TO_TEN}]{{1,3}}\s*[)）][^。\n]{{2,16}}。")


_RUN_IN_YEAR = re.compile(rf"(?:{_YEAR_AHEAD})\s*年度?\s*[,，]?(?=[{CJK}])")


def _run_in_end(s: str) -> int:
    m = _RUN_IN.match(s)
    return m.end() if m else 0


_YEAR_LED = re.compile(rf"^(?:{_YEAR_AHEAD})\s*年度?\s*(?:以来)?[,，]|^(?:今年|本年度|一年)以来[,，]")


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
    sources.extend(_congress_sessions(c))
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
            own = re.sub(r"^(?:管理委员会|管委会)", "", v.s[r[2]:d[1]]) if d else ""
            if d and re.search(rf"[{CJK}]{{2,}}(?:局|厅|委员会|委|办公室|中心|支队|大队|管理处|署)$", own) \
                    and _core_ok(own):
                # a department the title grammar above does not read (…支队, …中心); not a
                # headline's verb ending in a body's character (X县全面安排部署…)
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
        year_line = next((ln.start + k for ln in c.lines[:TOP_LINES] if ln.start >= after and
                          ln.start <= opening + 800 and
                          (_YEAR_LED.match(ln.s) if not (k := _run_in_end(ln.s)) else
                           _RUN_IN_YEAR.match(ln.s, k))), None)
        if year_line is not None and year_line not in starts:
            # the year-led opening of the account ('2024年,X局坚持…'), also after a run-in
            # sub-heading ('(一)主动公开情况。2022年X局全面贯彻…', a 政府信息公开 report's first section)
            starts.append(year_line)
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
    sector = False        # the opening's subject is a sector of its place whose bureau is not named
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
            elif _sector_opening(c, view, found, at):
                sector = True
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
    if sector:
        meta.level = "department"   # X区司法行政系统…: the sector's bureau, its name not written
    _settle(c, name, a, unit, title_norm, title_span, issuer_lines, dept=bool(self_dept) or sector)


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


def _sector_after(c, view, found, at: int | None = None) -> re.Match[str] | None:
    """The 系统 after the opening's place (X区教育系统…), read within 300 characters of the body's
    start (or of `at`); None when the place was not found in the text."""
    name, a, _b = found
    if a < 0:
        return None
    vs = view.inv(c.body_start if at is None else at)
    i = view.s.find(name, vs, vs + 300)
    return _SECTOR.match(view.s, i + len(name)) if i >= 0 else None


def _sector_unit(c, view, found, gaz, at: int | None = None) -> Unit | None:
    """The opening's subject is a sector of its place (X区教育系统法治建设工作坚持…): the report
    is that sector's department, where the text names it with the place or its level (区教育局
    党组书记, X区教育局); not named, the reporter stays the place."""
    name, a, b = found
    m = _sector_after(c, view, found, at)
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


# sectors that are a government's own (全县政府系统): no bureau's
_GOV_SECTOR = re.compile(r"^(?:人民政府|政府|党政|行政|机关|党委|党组)$")


def _sector_opening(c, view, found, at: int | None = None) -> bool:
    """The opening's subject is a sector of its place (X区司法行政系统坚持…), not the place's
    government: the report is the sector's bureau's, though its name is not written."""
    m = _sector_after(c, view, found, at)
    return m is not None and not _GOV_SECTOR.search(m.group(1))


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


_ORGAN_LINE = re.compile(rf"(?:中共)?[{CJK}]{{2,16}}?(?:委员会|人民政府|人民政|党委|党工委|办事处)")
_PARTY_GROUP_END = re.compile(r"(党组|党委)$")


def _header_organs(c, title_span) -> list[tuple[str, int]]:
    """Organ lines of the header above the title or the body (中共X镇委员会, X镇人民政府)."""
    end = title_span[0] if title_span else (c.body_start if c.body_start is not None else 0)
    out = []
    lines = c.lines[:TOP_LINES]
    for i, ln in enumerate(lines):
        if ln.start < end and len(ln.s) <= 24 and _ORGAN_LINE.fullmatch(ln.s):
            out.append((ln.s, ln.start))
        elif len(ln.s) <= 30 and i + 1 < len(lines) and _is_date_line(lines[i + 1].s) and \
                _ORG_END.search(_PARTY_GROUP_END.sub("", ln.s)):
            out.append((ln.s, ln.start))      # the signature of a transmittal notice at the top
    return out


# the subtitle of a report made to a people's congress ('——2021年3月30日在X旗第十五届人民代表大会
# 第四次会议上', the line may break after 届): X's government reports
_CONGRESS_SESSION = re.compile(rf"^[\s—\-–]*(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)?\s*在"
                               rf"([{CJK}]{{2,16}}?)第[{ONE_TO_TEN}]{{1,3}}届(?:\s*人民代表大会|$)")


def _congress_sessions(c) -> list[tuple[str, int]]:
    """The place of a congress session subtitle at the top, read as its government's organ
    name (X人民政府)."""
    out = []
    for ln in c.lines[:TOP_LINES]:
        m = _CONGRESS_SESSION.match(ln.s)
        if m and not re.search(r"(?:人民代表大会|人大|政协|委员会)$", m.group(1)):
            out.append((m.group(1) + "人民政府", ln.start + m.start(1)))
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
