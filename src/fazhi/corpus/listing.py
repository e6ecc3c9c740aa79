"""The list of current reports as the web app and the API show it: filtered, sorted and paged
in SQL (`report_page`), with the verdict and counts after the reviewers' decisions; the values
its filters can take (`filter_options`); and the reports to pick from for a comparison
(`report_choices`). Every query reads only the reports inside the given scope (corpus/scope.py).

Functions take the `Store` (corpus/store.py), whose methods of the same names delegate here
(`report_page`'s `store` is left unannotated: its rows are read as untyped tuples).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from . import schema as T
from .reports import reviewed_col
from .scope import ALL, Scope

if TYPE_CHECKING:
    from .store import Store

PAGE_SIZE = 50
SORTS = {
    "place": (T.reports.c.province, T.reports.c.jurisdiction, T.reports.c.department),
    "province": (T.reports.c.province,),
    "level": (T.reports.c.level,),
    "year": (T.reports.c.report_year,),
    "kind": (T.reports.c.kind,),
    "verdict": (reviewed_col("verdict"),),
    "late": (T.reports.c.late,),
    "major": (reviewed_col("major"),),
    "minor": (reviewed_col("minor"),),
    "info": (reviewed_col("info"),),
    "published": (T.reports.c.publish_date,),
    "id": (T.reports.c.id,),
}


@dataclass
class ReportFilter:
    """What the report list shows: filters (None = any), the sort column and the page."""
    province: str | None = None
    city: str | None = None          # the report's own place or its parent (a city's counties)
    level: str | None = None
    year: int | None = None
    kind: str | None = None
    verdict: str | None = None
    late: bool | None = None
    severity: str | None = None      # at least one finding of this severity
    q: str | None = None             # words in the title / place
    sort: str = "place"              # a key of SORTS
    desc: bool = False
    page: int = 1
    page_size: int = PAGE_SIZE


def _where(q: ReportFilter, stmt, scope: Scope = ALL):
    r = T.reports
    stmt = stmt.where(scope.where())
    if q.province:
        stmt = stmt.where(r.c.province == q.province)
    if q.city:
        stmt = stmt.where(sa.or_(r.c.jurisdiction == q.city, r.c.parent == q.city))
    if q.level:
        stmt = stmt.where(r.c.level == q.level)
    if q.year:
        stmt = stmt.where(r.c.report_year == q.year)
    if q.kind:
        stmt = stmt.where(r.c.kind == q.kind)
    if q.verdict:
        stmt = stmt.where(reviewed_col("verdict") == q.verdict)
    if q.late is not None:
        stmt = stmt.where(r.c.late == sa.true() if q.late else r.c.late == sa.false())
    if q.severity:
        stmt = stmt.where(reviewed_col(q.severity) > 0)
    if q.q:
        for word in q.q.split():
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = stmt.where(sa.or_(r.c.title.like(like, escape="\\"), r.c.jurisdiction.like(like, escape="\\"),
                                     r.c.department.like(like, escape="\\")))
    return stmt


def report_page(store, q: ReportFilter, scope: Scope = ALL) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, the rows of the requested page) over the current reports.

    Verdict and severity counts are the values after the reviewers' decisions when a reviewer
    has decided on (or added to) the report's findings — stored by the store in `reports.reviewed_*`
    with the same rule as the review opinion (`review.verdict`) — else the engine's. Filtering and
    sorting use the same values (SQL-side, for paging). For a reviewed row `engine_verdict` keeps
    the engine's verdict and `adjusted` is True."""
    r = T.reports
    total_stmt = _where(q, sa.select(sa.func.count()).select_from(r).where(r.c.current == sa.true()), scope)
    cols = [r.c.id, r.c.title, r.c.province, r.c.parent, r.c.jurisdiction, r.c.department, r.c.level,
            r.c.report_year, r.c.kind, r.c.verdict, r.c.late, r.c.n_major, r.c.n_minor, r.c.n_info,
            r.c.publish_date, r.c.version, r.c.report_key, r.c.reviewed_verdict, r.c.reviewed_major,
            r.c.reviewed_minor, r.c.reviewed_info, r.c.corrected]
    order = []
    for c in SORTS[q.sort]:
        order.append(c.desc().nulls_last() if q.desc else c.asc().nulls_last())
    order.append(r.c.id.desc() if q.desc else r.c.id)
    stmt = (_where(q, sa.select(*cols).where(r.c.current == sa.true()), scope).order_by(*order)
            .limit(q.page_size).offset((q.page - 1) * q.page_size))
    with store.engine.connect() as conn:
        total = conn.execute(total_stmt).scalar_one()
        rows = [dict(x._mapping) for x in conn.execute(stmt)]
        keys = list({x["report_key"] for x in rows})
        reviewed = dict(conn.execute(
            sa.select(T.decisions.c.report_key, sa.func.count(sa.distinct(T.decisions.c.finding_key)))
            .where(T.decisions.c.report_key.in_(keys)).group_by(T.decisions.c.report_key)).all()) if keys else {}
        added = {k for (k,) in conn.execute(sa.select(T.reviewer_findings.c.report_key).distinct()
                                            .where(T.reviewer_findings.c.report_key.in_(keys)))} if keys else set()
    for x in rows:
        key = x.pop("report_key")
        x["reviewed"] = reviewed.get(key, 0)   # findings with a reviewer's decision
        x["added"] = key in added
        x["engine_verdict"] = x["verdict"]
        x["corrected"] = corrected_fields(x.get("corrected"))
        rv = {s: x.pop("reviewed_" + s) for s in ("verdict", "major", "minor", "info")}
        x["adjusted"] = rv["verdict"] is not None
        if x["adjusted"]:
            x["verdict"] = rv["verdict"]
            x["n_major"], x["n_minor"], x["n_info"] = rv["major"], rv["minor"], rv["info"]
    return total, rows


def corrected_fields(value: str | None) -> list[str]:
    """The fields of a report a reviewer corrected (`reports.corrected`), as the API names them."""
    return [f for f in (value or "").split(",") if f and f not in ("adcode", "parent")]


def report_choices(store: Store, scope: Scope = ALL, limit: int = 1000) -> list[dict[str, Any]]:
    """Up to `limit` current reports (id, title, place, year) by province, place and year."""
    r = T.reports
    with store.engine.connect() as conn:
        return [dict(x._mapping) for x in conn.execute(
            sa.select(r.c.id, r.c.title, r.c.jurisdiction, r.c.department, r.c.report_year)
            .where(r.c.current == sa.true(), scope.where())
            .order_by(r.c.province, r.c.jurisdiction, r.c.report_year)
            .limit(limit))]


def filter_options(store: Store, scope: Scope = ALL) -> dict[str, list]:
    """The values each filter of the list can take among the current reports of the scope."""
    r = T.reports
    out: dict[str, list] = {}
    with store.engine.connect() as conn:
        for name, col in (("province", r.c.province), ("year", r.c.report_year), ("level", r.c.level),
                          ("kind", r.c.kind), ("verdict", reviewed_col("verdict"))):
            out[name] = [v for (v,) in conn.execute(sa.select(col).where(r.c.current == sa.true(), scope.where())
                                                    .where(col.is_not(None)).distinct().order_by(col))]
    return out
