"""Organiser news: a news story of a place's justice department checking others' rule-of-law
work is the place's (or the one township checked), not the department's report."""
from __future__ import annotations

import re

from ..zh.cjk import CJK
from .places import level_from_suffix, level_of


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
