"""The forms a place is written in: a short form the gazetteer knows (湘西州, 巴州), the city
and province certain from the head of a name it does not know (南昌高新区), and whether a
place (a county's parent) is written in a text — in full, by its short form with a level word,
or by its short name alone (a municipality's, a city's in the set phrase of instructions)."""
from __future__ import annotations

import re

from ..zh.cjk import CJK
from .places import Place


_INSTRUCTED = r"(?:工作|考察时?|时)?的?(?:一?系列)?重要(?:讲话|指示)"
_INSTRUCTED_RX = re.compile(_INSTRUCTED)
# what comes before the place instructed, up to it (searched with endpos at the place)
_INSTRUCTED_BEFORE = re.compile(rf"(?:视察|考察|对)(?:[{CJK}]{{2,3}}、)?\Z")
_LEVEL_WORDS = ("州", "市", "地区", "盟")     # a short name with a level word (湘西州)


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
    short = short if short and len(short) >= 2 and short != name else None
    # blanking cited documents never makes a name that was not there (names hold no space)
    if name not in s and (short is None or short not in s) and " " not in name + (short or ""):
        return None

    # a name inside a cited 《document》 (closed, or cut by the page's end) is the document's,
    # unless it opens the document's title: the place that issued it (《临夏州…办法》)
    def issuer(doc: str) -> bool:
        return doc.startswith("《" + name) or (short is not None and doc.startswith("《" + short)
                                               and doc.startswith(_LEVEL_WORDS, 1 + len(short)))

    if "《" in s:
        s = _CITED.sub(lambda m: m.group() if issuer(m.group()) else " " * len(m.group()), s)
    if name in s:
        return name
    if short is not None:
        j = s.find(short)
        while j >= 0:
            for word in _LEVEL_WORDS:
                if s.startswith(word, j + len(short)):
                    return short + word
            j = s.find(short, j + 1)
    return None


_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


def short_written(norm: str, place: Place, gaz, exclude: str | None = None) -> bool:
    """The parent of the county-level `place` written by its short name alone: a municipality's
    anywhere (上海法治建设, 重庆干部网络学院 — no other place bears it), a city's in the set
    phrase of the instructions to it (对广东、深圳系列重要讲话, 视察深圳, 在深圳考察时) or in the chain of
    the county's superiors (省、深圳、X区委)."""
    parent = place.parent or ""
    if parent in _MUNICIPALITIES:
        short = next((k for k, v in gaz.province_shorts.items() if v == parent), None)
    else:
        short = place.city_short
    if not short or len(short) < 2:
        return False
    if short not in norm and " " not in short:
        return False        # blanking cited documents never makes the name
    s = norm.replace(exclude, " " * len(exclude)) if exclude else norm
    if "《" in s:
        s = _CITED.sub(lambda m: m.group() if m.group().startswith("《" + short) else " " * len(m.group()), s)
    if parent in _MUNICIPALITIES:
        return short in s
    n = len(short)
    if exclude:             # the chain of its superiors' committees (中央和省、X、Y市委决策部署)
        j = norm.find(short)
        while j >= 0:
            if j >= 2 and norm[j - 1] in "、和" and norm[j + n:j + n + 1] in ("、", "和") and \
                    norm.startswith(exclude, j + n + 1) and norm.endswith(("省", "省委", "省政府"), 0, j - 1):
                return True
            j = norm.find(short, j + 1)
    # the set phrase of the instructions to it: (视察|考察|对)(X、)?short…重要讲话, 在short考察
    j = s.find(short)
    while j >= 0:
        if s.startswith("考察", j + n) and s[j - 1:j] == "在":
            return True
        if _INSTRUCTED_RX.match(s, j + n) and _INSTRUCTED_BEFORE.search(s, max(0, j - 6), j):
            return True
        j = s.find(short, j + 1)
    return False
