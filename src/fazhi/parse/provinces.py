"""Provinces a text names: by its short name as the subject of the opening, the one province
the text names (unless a cooperation group's partner: 川渝协作), the municipality a 我市 text
names by its short name."""
from __future__ import annotations

import re

from .units import _SUBJECT_AFTER


def province_subject(sent: str, gaz) -> tuple[str, int, int] | None:
    """A province named by its short name as the subject of the opening: '2021年,江西坚持…'."""
    for short, full in gaz.province_shorts.items():
        for m in re.finditer(rf"(?:^|(?<=[,，。]))({re.escape(short)}){_SUBJECT_AFTER}", sent):
            return full, m.start(1), m.end(1)
    return None


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
        # (视察X重要讲话, 对X(一)系列重要讲话, 对X工作重要讲话, 在X考察时的重要讲话, 关于X工作的重要讲话)
        shorts = {m.group(1) or m.group(2) for m in _short_province_rx(gaz).finditer(c.norm)}
        if len(shorts) == 1:
            return gaz.province_shorts[shorts.pop()]
    return None


def _municipality_named(c) -> tuple[str, int, int] | None:
    """The municipality (北京/上海/天津/重庆) a 我市 text names by its short name, the only
    province it names."""
    gaz = c.g()
    hits = [m for m in _short_province_rx(gaz).finditer(c.norm)]
    names = {gaz.province_shorts[m.group(1) or m.group(2)] for m in hits}
    if len(names) != 1:
        return None
    name = names.pop()
    if not name.endswith("市"):
        return None
    g = 1 if hits[0].group(1) else 2
    return name, hits[0].start(g), hits[0].end(g)


_SHORT_PROVINCE_RX: dict[int, re.Pattern[str]] = {}


def _short_province_rx(gaz):
    rx = _SHORT_PROVINCE_RX.get(id(gaz))
    if rx is None:
        alt = "|".join(sorted((re.escape(k) for k in gaz.province_shorts if len(k) >= 2), key=len, reverse=True))
        rx = re.compile(rf"(?:视察|考察|对|在)({alt})(?:工作|考察时?|时)?的?(?:一?系列)?重要(?:讲话|指示)|"
                        rf"关于({alt})工作的?(?:一?系列)?重要(?:讲话|指示|论述)")
        _SHORT_PROVINCE_RX[id(gaz)] = rx
    return rx
