"""The scope of an account: the region whose reports a user may see.

A scope is a place of the gazetteer with its whole subtree, held as the prefix of the 6-digit
adcode (a province: 2 digits, a prefecture: 4, a county: 6), or everything (`ALL`). A report
belongs where its `reports.adcode` is (a department's report carries the adcode of the
department's place); a report without a known adcode is outside every place scope.

Every read of the web app goes through one `Scope`: `where()` is the SQL condition on a
reports table, `covers()` / `covers_report()` decide single things (outside is "not found", never
"forbidden"), `covers_unit()` places a unit named in words (整改台账), and `redact()` takes the
other region's text, title, place and id out of the cross-report findings (a duplicate passage
shared with a report outside the scope is kept, saying only that it also appears outside the
user's region).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Iterable

import sqlalchemy as sa

from ..errors import FazhiError
from . import schema as T

EVERYTHING = ("全部", "全国", "all", "*")
# the gazetteer year a scope's place name is resolved in (its latest)
SCOPE_YEAR = 2024
PREFIX_LEN = {"province": 2, "city": 4, "county": 6}
# data keys of cross-report findings naming another stored report
OTHER_KEYS = ("other_report_id", "previous_report_id")


@dataclass(frozen=True)
class Scope:
    prefix: str | None = None          # adcode prefix; None: every report
    name: str | None = None            # the place as a reviewer reads it

    @property
    def everything(self) -> bool:
        return self.prefix is None

    @property
    def label(self) -> str:
        return "全部" if self.prefix is None else (self.name or self.prefix)

    @property
    def key(self) -> str:
        """A cache key: aggregates are computed per scope."""
        return "*" if self.prefix is None else self.prefix

    def where(self, adcode=None):
        """SQL condition: the row's adcode (default `reports.adcode`) is inside the scope."""
        if self.prefix is None:
            return sa.true()
        col = T.reports.c.adcode if adcode is None else adcode
        return sa.and_(col.is_not(None), col.like(self.prefix + "%"))   # the prefix is digits only

    def covers(self, adcode: str | None) -> bool:
        if self.prefix is None:
            return True
        return bool(adcode) and str(adcode).startswith(self.prefix)

    def covers_report(self, store, rid: int | None) -> bool:
        """A stored report (any version) exists and lies inside the scope."""
        if rid is None:
            return False
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(T.reports.c.adcode).where(T.reports.c.id == int(rid))).first()
        return row is not None and self.covers(row[0])

    def covers_key(self, store, report_key: str | None) -> bool:
        """The current report of a report key lies inside the scope."""
        if self.prefix is None:
            return True
        if not report_key:
            return False
        with store.engine.connect() as conn:
            codes = [c for (c,) in conn.execute(sa.select(T.reports.c.adcode)
                                                .where(T.reports.c.report_key == report_key))]
        return bool(codes) and all(self.covers(c) for c in codes)

    def covers_unit(self, name: str | None) -> bool:
        """A unit named in words (和政县司法局, 和政县人民政府): inside when every place of the
        gazetteer its name can start with lies inside the scope (an ambiguous name with one
        reading outside is outside)."""
        if self.prefix is None:
            return True
        codes = unit_adcodes(name or "")
        return bool(codes) and all(self.covers(c) for c in codes)

    def covers_item(self, store, item: dict[str, Any]) -> bool:
        """A 整改台账 item: where its report is when it comes from a report, else where its
        责任单位 is."""
        if self.prefix is None:
            return True
        if item.get("report_key"):
            return self.covers_key(store, item["report_key"])
        return self.covers_unit(item.get("unit"))

    def covers_place(self, place) -> bool:
        """A gazetteer Place inside the scope (its adcode under the prefix)."""
        return self.covers(getattr(place, "adcode", None))

    def contains_place(self, place) -> bool:
        """The scope's region lies inside the place (a province contains a prefecture's scope)."""
        if self.prefix is None:
            return False
        p = prefix_of(place)
        if not p:
            return False
        return self.prefix.startswith(p)

    def redact(self, store, findings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The findings with what they quote of reports outside the scope taken out."""
        findings = list(findings)
        if self.prefix is None:
            return findings
        others = {int(v) for f in findings for k in OTHER_KEYS
                  if isinstance(v := (f.get("data") or {}).get(k), int)}
        inside = self.report_ids_inside(store, others)
        return [f if _others(f) <= inside else _redacted(f) for f in findings]

    def report_ids_inside(self, store, ids: Iterable[int]) -> set[int]:
        ids = sorted(set(ids))
        if not ids:
            return set()
        out: set[int] = set()
        r = T.reports
        with store.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                out |= {x for (x,) in conn.execute(sa.select(r.c.id).where(r.c.id.in_(ids[i:i + 500]))
                                                   .where(self.where()))}
        return out


ALL = Scope()


def _others(f: dict[str, Any]) -> set[int]:
    d = f.get("data") or {}
    return {int(d[k]) for k in OTHER_KEYS if isinstance(d.get(k), int)}


def _redacted(f: dict[str, Any]) -> dict[str, Any]:
    """A cross-report finding whose other report lies outside the scope: the own quotes and
    the figures stay; the other report's id, key, place, title and text go."""
    d = f.get("data") or {}
    g = dict(f)
    if f.get("rule") == "corpus.duplicate_text":
        passages = d.get("passages") or []
        share = d.get("share")
        g["message"] = (f"有{len(passages)}处段落与本账号地区范围以外的一份报告相同或高度相似"
                        f"（共约{d.get('shared_chars', 0)}字"
                        + (f"，占本报告正文的{share:.0%}" if isinstance(share, (int, float)) else "") + "）。")
        g["data"] = {"outside_scope": True, "shared_chars": d.get("shared_chars"), "share": share,
                     "passages": [{"start": p.get("start"), "end": p.get("end")} for p in passages]}
    else:
        g["message"] = "本报告与本账号地区范围以外的一份报告有关联（详情不在您的查看范围内）。"
        g["data"] = {"outside_scope": True}
    return g


def prefix_of(place) -> str | None:
    rank = getattr(place, "rank", None)
    code = getattr(place, "adcode", None)
    if not code or rank not in PREFIX_LEN:
        return None
    return str(code)[:PREFIX_LEN[rank]]


def parse(text: str | None) -> Scope:
    """A scope from what an admin writes: a place name (resolved in the gazetteer; unknown or
    ambiguous is a FazhiError), or 全部 / all for everything."""
    s = (text or "").strip()
    if not s or s.lower() in EVERYTHING:
        return ALL
    from ..supervision.roster import resolve_place
    place = resolve_place(s, SCOPE_YEAR)
    p = prefix_of(place)
    if p is None:
        raise FazhiError("unknown_place", s, "not a province, prefecture or county")
    return Scope(prefix=p, name=place.name)


def of_user(user: dict[str, Any] | None) -> Scope:
    """The scope of a signed-in user (a user row of web/accounts.py); nobody signed in (public
    read) and users without a scope see everything."""
    if not user or not user.get("scope"):
        return ALL
    return Scope(prefix=str(user["scope"]), name=user.get("scope_name"))


@functools.lru_cache(maxsize=4096)
def unit_adcodes(name: str) -> frozenset[str]:
    """Adcodes of the places a unit's name starts with (和政县司法局 -> 和政县's), empty when
    the name starts with no known place."""
    from ..parse.places import gazetteer
    g = gazetteer()
    name = name.strip()
    if not name:
        return frozenset()
    hits = g.find(name, free_text=False)
    head = [h for h in hits if h[0] == 0]
    if not head:
        return frozenset()
    # the longest run of names at the start (临夏回族自治州和政县司法局: the county, constrained
    # by the prefecture before it)
    chain = [head[0]]
    for h in hits:
        if h[0] == chain[-1][1]:
            chain.append(h)
    last = chain[-1][2]
    outer = [n for _, _, n in chain[:-1]]
    cands = [p for p in g.lookup(last, SCOPE_YEAR) or g.lookup(last)
             if all(o in (p.province, p.city) for o in outer)]
    return frozenset(p.adcode for p in cands)
