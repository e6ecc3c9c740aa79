"""Dashboard aggregates over the current reports of a scope: reports per province and year,
on-time rate, verdicts, missing statutory parts, the most frequent findings (net of reviewers'
dismissals: `top_findings`), key indicators with outliers (IQR rule), 纲要 task-area coverage;
and the corpus state the web app caches them by.

Functions take the `Store` (corpus/store.py), whose methods of the same names delegate here
(the `store` of the aggregates is left unannotated: their rows are read as untyped tuples).
"""
from __future__ import annotations

import json

import statistics
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from .. import catalog
from ..labels import PART_NAMES
from . import schema as T
from .scope import ALL, Scope

if TYPE_CHECKING:
    from .store import Store


def corpus_state(store: Store) -> tuple:
    """(count, newest id, latest analysis time of the current reports; newest finding id): the
    aggregates computed over the corpus are valid while this stays the same."""
    r = T.reports
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(sa.func.count(), sa.func.max(r.c.id), sa.func.max(r.c.analyzed_at))
                           .where(r.c.current == sa.true())).one()
        nf = conn.execute(sa.select(sa.func.max(T.findings.c.id))).scalar()
    return (row[0], row[1], str(row[2]), nf)


KEY_INDICATORS = ("head_appearance_rate", "admin_reconsideration_correction_rate",
                  "admin_litigation_loss_rate", "normative_docs_filing_rate",
                  "major_decision_legality_review_rate", "legal_adviser_rate")


def indicator_names() -> dict[str, str]:
    """Chinese names of the catalogue's indicators by id."""
    return {i["id"]: i.get("name") or i["id"] for i in catalog.load("indicators").get("indicators") or []}


def box(values: list[float]) -> dict[str, Any] | None:
    """Five-number summary with the IQR rule (outside Q1 − 1.5·IQR … Q3 + 1.5·IQR = outlier)."""
    if not values:
        return None
    v = sorted(values)
    if len(v) >= 2:
        q1, med, q3 = statistics.quantiles(v, n=4, method="inclusive")
    else:
        q1 = med = q3 = v[0]
    iqr = q3 - q1
    lo_f, hi_f = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    inside = [x for x in v if lo_f <= x <= hi_f]
    return {"n": len(v), "min": inside[0] if inside else v[0], "q1": q1, "median": med, "q3": q3,
            "max": inside[-1] if inside else v[-1], "low_fence": lo_f, "high_fence": hi_f}


def dashboard(store, scope: Scope = ALL) -> dict[str, Any]:
    r, f = T.reports, T.findings
    cur = sa.and_(r.c.current == sa.true(), scope.where())
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(r).where(cur)).scalar_one()
        out["total"] = total
        # reports per province and year
        rows = conn.execute(sa.select(r.c.province, r.c.report_year, sa.func.count())
                            .where(cur).group_by(r.c.province, r.c.report_year)).all()
        provinces = sorted({p or "（未识别）" for p, _, _ in rows})
        years = sorted({y for _, y, _ in rows if y is not None})
        counts = {(p or "（未识别）", y): n for p, y, n in rows}
        out["per_province_year"] = {
            "provinces": provinces, "years": [str(y) for y in years] + (["未识别"] if any(y is None for _, y, _ in rows) else []),
            "series": [{"year": str(y) if y is not None else "未识别",
                        "counts": [counts.get((p, y), 0) for p in provinces]}
                       for y in years + ([None] if any(y is None for _, y, _ in rows) else [])]}
        # on-time rate per report year (known publication dates only)
        rows = conn.execute(sa.select(r.c.report_year, r.c.late, sa.func.count()).where(cur)
                            .group_by(r.c.report_year, r.c.late)).all()
        ot: dict[Any, dict[str, int]] = {}
        for y, late, n in rows:
            d = ot.setdefault(y, {"on_time": 0, "late": 0, "unknown": 0})
            d["unknown" if late is None else ("late" if late else "on_time")] += n
        out["on_time"] = [{"year": y, **d, "rate": (d["on_time"] / (d["on_time"] + d["late"]))
                           if d["on_time"] + d["late"] else None}
                          for y, d in sorted(ot.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))]
        known = sum(d["on_time"] + d["late"] for d in ot.values())
        out["on_time_known"] = known        # the rate's base: reports whose dates could be checked
        out["on_time_rate"] = (sum(d["on_time"] for d in ot.values()) / known) if known else None
        # verdicts
        out["verdicts"] = [{"verdict": v or "未判定", "n": n} for v, n in conn.execute(
            sa.select(r.c.verdict, sa.func.count()).where(cur).group_by(r.c.verdict).order_by(sa.func.count().desc()))]
        # missing statutory parts (the engine's structure.missing_part findings)
        missing: dict[str, set[int]] = {}
        for rid, data in conn.execute(sa.select(f.c.report_id, f.c.data).join(r, r.c.id == f.c.report_id)
                                      .where(cur).where(f.c.rule == "structure.missing_part")):
            part = (data or {}).get("part")
            if part:
                missing.setdefault(part, set()).add(rid)
        required = [p["id"] for p in catalog.load("frameworks")["statutory_parts"]["parts"] if p.get("required")]
        # the rate is among the annual reports (and 范文 copies of them): news, plans and other texts
        # are not checked for statutory parts, so they are not in the denominator (checks/common.is_report)
        from ..checks.common import NOT_REPORTS
        reports = conn.execute(sa.select(sa.func.count()).select_from(r).where(cur).where(
            sa.or_(r.c.kind.is_(None), r.c.kind.notin_(sorted(NOT_REPORTS))))).scalar_one()
        out["reports_checked"] = reports
        out["missing_parts"] = [{"part": p, "name": PART_NAMES.get(p, p), "n": len(missing.get(p, ())),
                                 "rate": (len(missing.get(p, ())) / reports) if reports else None}
                                for p in required]
        # most frequent findings
        # (all of them: reviewers' dismissals are taken off per request, see `top_findings`)
        # one row per rule (a rule that raises several severities is one problem), with the
        # counts per severity beside it
        rows = conn.execute(sa.select(f.c.rule, sa.func.count(), sa.func.count(sa.distinct(f.c.report_id)))
                            .join(r, r.c.id == f.c.report_id).where(cur)
                            .group_by(f.c.rule).order_by(sa.func.count().desc())).all()
        by_sev: dict[str, dict[str, int]] = {}
        for rule, sev, n in conn.execute(sa.select(f.c.rule, f.c.severity, sa.func.count())
                                         .join(r, r.c.id == f.c.report_id).where(cur)
                                         .group_by(f.c.rule, f.c.severity)):
            by_sev.setdefault(rule, {})[sev] = n
        out["findings_all"] = [{"rule": rule, "title": _rule_title(rule), "severity": _worst(by_sev.get(rule, {})),
                                "by_severity": by_sev.get(rule, {}), "n": n, "reports": nr}
                               for rule, n, nr in rows]
        out["top_findings"] = out["findings_all"][:TOP_FINDINGS]
        # key indicators: distributions and outliers
        names = indicator_names()
        vals: dict[str, list[tuple[float, int, str | None, int | None]]] = {}
        for ind, value, rid, juris, dept, year in conn.execute(
                sa.select(T.facts.c.indicator, T.facts.c.value, T.facts.c.report_id, r.c.jurisdiction,
                          r.c.department, r.c.report_year)
                .join(r, r.c.id == T.facts.c.report_id).where(cur)
                .where(T.facts.c.indicator.in_(KEY_INDICATORS)).where(T.facts.c.value.is_not(None))):
            place = dept if dept and juris and juris in dept else "".join(x for x in (juris, dept) if x) or None
            vals.setdefault(ind, []).append((float(value), rid, place, year))
    inds: list[dict[str, Any]] = []
    for ind in KEY_INDICATORS:
        pts = vals.get(ind) or []
        b = box([v for v, _, _, _ in pts])
        if b is None:
            inds.append({"indicator": ind, "name": names.get(ind, ind), "box": None, "outliers": []})
            continue
        outl: list[dict[str, Any]] = [{"value": v, "report_id": rid, "place": place, "year": year} for v, rid, place, year in pts
                if v < b["low_fence"] or v > b["high_fence"]]
        outl.sort(key=lambda o: o["value"])
        inds.append({"indicator": ind, "name": names.get(ind, ind), "box": b, "outliers": outl[:200],
                     "n_outliers": len(outl)})
    out["indicators"] = inds
    out["coverage"] = coverage_heatmap(store, scope)
    return out


TOP_FINDINGS = 15


def _worst(by_severity: dict[str, int]) -> str | None:
    return next((s for s in ("major", "minor", "info") if by_severity.get(s)), None)


def top_findings(store, findings_all: list[dict[str, Any]], n: int = TOP_FINDINGS,
                 scope: Scope = ALL) -> list[dict[str, Any]]:
    """The most frequent findings without those reviewers dismissed (their latest decision).

    The per-rule totals come from the cached aggregate; the dismissals are read fresh (the
    decisions table is small: one row per reviewer action), so a dismissal shows at once
    without recomputing the whole dashboard."""
    d, f, r = T.decisions, T.findings, T.reports
    with store.engine.connect() as conn:
        latest: dict[tuple[str, str], str] = {}
        for rk, fk, dec in conn.execute(sa.select(d.c.report_key, d.c.finding_key, d.c.decision)
                                        .order_by(d.c.at, d.c.id)):
            latest[(rk, fk)] = dec
        gone = {k for k, dec in latest.items() if dec == "dismissed"}
        if not gone:
            return findings_all[:n]
        keys = sorted({rk for rk, _ in gone})
        # (rule, report) -> [all, dismissed, {severity: dismissed}]
        per: dict[tuple[str, int], list[Any]] = {}
        for i in range(0, len(keys), 500):
            for rk, fk, rule, sev, rid in conn.execute(
                    sa.select(r.c.report_key, f.c.key, f.c.rule, f.c.severity, f.c.report_id)
                    .join(r, r.c.id == f.c.report_id).where(r.c.current == sa.true(), scope.where())
                    .where(r.c.report_key.in_(keys[i:i + 500]))):
                c = per.setdefault((rule, rid), [0, 0, {}])
                c[0] += 1
                if (rk, fk) in gone:
                    c[1] += 1
                    c[2][sev] = c[2].get(sev, 0) + 1
    minus: dict[str, list] = {}
    for (rule, _), (n_all, n_gone, sevs) in per.items():
        if n_gone:
            m = minus.setdefault(rule, [0, 0, {}])
            m[0] += n_gone
            m[1] += n_gone == n_all                            # no live finding of this rule left there
            for k, v in sevs.items():
                m[2][k] = m[2].get(k, 0) + v
    out = []
    for row in findings_all:
        gone_of = minus.get(row["rule"])
        if gone_of:
            left = {k: v - gone_of[2].get(k, 0) for k, v in (row.get("by_severity") or {}).items()}
            left = {k: v for k, v in left.items() if v > 0}
            row = dict(row, n=row["n"] - gone_of[0], reports=row["reports"] - gone_of[1], dismissed=gone_of[0],
                       by_severity=left, severity=_worst(left) or row["severity"])
        if row["n"] > 0:
            out.append(row)
    out.sort(key=lambda x: -x["n"])
    return out[:n]


def coverage_heatmap(store, scope: Scope = ALL) -> dict[str, Any]:
    """Share of reports (per province) whose sections cover each 纲要 task area."""
    r = T.reports
    fws = catalog.load("frameworks").get("frameworks") or []
    area_titles: dict[str, str] = {}
    for fw in fws:
        for a in fw.get("areas") or []:
            area_titles.setdefault(a["id"], a.get("title") or a["id"])
    with store.engine.connect() as conn:
        prov = {rid: (p or "（未识别）") for rid, p in conn.execute(
            sa.select(r.c.id, r.c.province).where(r.c.current == sa.true(), scope.where()))}
        tagged: dict[int, set[str]] = {}
        # the areas as stored (JSON text), each distinct list of a report once, each distinct
        # text parsed once: a corpus has tens of thousands of sections but few area lists
        raw = sa.cast(T.sections.c.areas, sa.Text)
        parsed: dict[str | None, list[str]] = {}
        for rid, text in conn.execute(sa.select(T.sections.c.report_id, raw)
                                      .join(r, r.c.id == T.sections.c.report_id)
                                      .where(r.c.current == sa.true(), scope.where())
                                      .group_by(T.sections.c.report_id, raw)):
            areas = parsed.get(text)
            if areas is None:
                areas = parsed[text] = _areas(text)
            if areas:
                tagged.setdefault(rid, set()).update(areas)
    per_prov: dict[str, int] = {}
    hits: dict[tuple[str, str], int] = {}
    for rid, p in prov.items():
        if rid not in tagged:
            continue                     # no area tagged at all: unknown, not "uncovered"
        per_prov[p] = per_prov.get(p, 0) + 1
        for a in tagged[rid]:
            hits[(p, a)] = hits.get((p, a), 0) + 1
    areas = [a for a in area_titles if any(k[1] == a for k in hits)] or list(area_titles)
    provinces = sorted(per_prov)
    cells = [[i, j, round(hits.get((p, a), 0) / per_prov[p], 3)]
             for j, p in enumerate(provinces) for i, a in enumerate(areas)]
    return {"areas": [area_titles.get(a, a) for a in areas], "area_ids": areas, "provinces": provinces,
            "reports": [per_prov[p] for p in provinces], "cells": cells}


def _areas(text: str | None) -> list[str]:
    """A section's task areas from their stored JSON text ([] when none or unreadable)."""
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [str(a) for a in value] if isinstance(value, list) else []


def _rule_title(rule: str) -> str:
    try:
        from ..checks.registry import get_rule
        return get_rule(rule).title
    except Exception:
        return rule
