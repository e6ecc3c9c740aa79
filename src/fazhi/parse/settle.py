"""Level, parent, province and adcode of the reporter's jurisdiction once its name is known:
parent and province only where written or certain (a unique name)."""
from __future__ import annotations

import re

from . import place as M  # the place helpers of the meta component
from .place_forms import prefix_place, resolve_written, short_written, written_form
from .places import level_from_suffix, level_of
from .provinces import _written_province
from ..textnorm import normalize_view


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
        joined = None if cue else _county_joined(c, name)
        if cue:
            M._set_parent(c, cue)
        elif joined is not None:
            # the county written joined to the township (发布机构: X区Y街道): its parent as
            # written, though the name be borne by several counties (the province then unknown)
            meta.parent = joined
            p = gaz.resolve(joined, year, norm)
            meta.province = p.province if p is not None else _written_province(c, view_exclude=name)
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
            elif place.parent and place.parent + name in norm:
                # the parent written joined to the county, if only inside a cited title
                # (《关于印发〈X市Y区2024年…要点〉的通知》): the county written as the city's
                meta.parent = place.parent
            elif place.parent and _source_joined(meta.source_site, place.parent, name):
                # the page's stated source, which ingest took out of the text, writes the county
                # joined to its parent (来源: X市Y区统计局): written on the page, if not in the text
                meta.parent = place.parent
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


def _source_joined(source: str | None, parent: str, name: str) -> bool:
    """The page's stated source (来源/信息来源, kept beside the text) writes the county `name`
    joined to its parent `parent` (X市Y区统计局, X市Y区人民政府)."""
    return bool(source) and parent + name in normalize_view(source or "")


def _county_joined(c, name: str) -> str | None:
    """A county-level place written right before the township `name` (X区Y街道), as written."""
    starts = {m.start() for m in re.finditer(re.escape(name), c.norm)}
    for st, en, nm in c.places():
        if en in starts and any(p.rank == "county" for p in c.g().lookup(nm)):
            return nm
    return None
