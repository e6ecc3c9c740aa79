"""Panels over the current stored reports: rows (dicts) for export and the web dashboard.

- indicator_panel: place × year × indicator, each value with its quote and offsets
- coverage: 纲要 task areas per report (for a heatmap)
- compliance: per place and year: late, missing statutory parts, verdict, finding counts
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .. import catalog
from . import schema as T
from .analyses import sections_by_report
from .parts import part_spans


def indicator_panel(store, *, province: str | None = None, year: int | None = None,
                    jurisdiction: str | None = None, indicator: str | None = None,
                    include_targets: bool = False) -> list[dict[str, Any]]:
    """Rows of place × year × indicator. Each row names the statutory part its figure stands in;
    figures in the next-year plan part are targets, not results, and are left out unless
    `include_targets` (then `target` is True on them)."""
    facts = store.facts(province=province, year=year, jurisdiction=jurisdiction, indicator=indicator)
    secs = sections_by_report(store, {f["report_id"] for f in facts})
    spans = {rid: sorted(part_spans(ss, ""), key=lambda p: (p.start, p.end)) for rid, ss in secs.items()}
    rows = []
    for f in facts:
        part = _part_at(spans.get(f["report_id"]) or [], f["start"])
        if part == "plan" and not include_targets:
            continue
        rows.append({
            "province": f["province"], "parent": f["parent"], "jurisdiction": f["jurisdiction"],
            "department": f["department"], "level": f["level"], "report_year": f["report_year"],
            "year": f["year"] if f["year"] is not None else f["report_year"],
            "indicator": f["indicator"], "value": f["value"], "unit": f["unit"], "quote": f["quote"],
            "part": part, "target": part == "plan",
            "report_id": f["report_id"], "start": f["start"], "end": f["end"],
            "corrected": f.get("corrected"),
        })
    rows.sort(key=lambda r: (r["province"] or "", r["jurisdiction"] or "", r["department"] or "",
                             r["year"] or 0, r["indicator"] or "", r["report_id"], r["start"] or 0))
    return rows


def _part_at(spans, offset: int | None) -> str | None:
    """The statutory part whose span holds the offset (innermost, i.e. the last that starts before it)."""
    if offset is None:
        return None
    hit = None
    for p in spans:
        if p.start <= offset < p.end:
            hit = p.part
    return hit


def _framework_areas() -> dict[str, list[tuple[str, str]]]:
    return {fw["id"]: [(a["id"], a.get("title") or a["id"]) for a in fw.get("areas") or []]
            for fw in catalog.load("frameworks").get("frameworks") or []}


def _current(store) -> list[dict[str, Any]]:
    r = T.reports
    with store.engine.connect() as conn:
        return [dict(x._mapping) for x in conn.execute(
            sa.select(r.c.id, r.c.province, r.c.jurisdiction, r.c.department, r.c.level, r.c.report_year,
                      r.c.framework, r.c.kind, r.c.late, r.c.verdict, r.c.publish_date, r.c.report_date,
                      r.c.n_major, r.c.n_minor, r.c.n_info, r.c.corrected)
            .where(r.c.current == sa.true())
            .order_by(r.c.province, r.c.jurisdiction, r.c.report_year, r.c.id))]


def coverage(store) -> list[dict[str, Any]]:
    """One row per report × task area of its 纲要: sections tagged with the area, and whether
    it is covered. `covered` is None when the engine tagged no area at all in the report."""
    reports = _current(store)
    secs = sections_by_report(store, {r["id"] for r in reports})
    fw_areas = _framework_areas()
    titles = {aid: t for areas in fw_areas.values() for aid, t in areas if t != aid}   # any 纲要's title
    rows = []
    for r in reports:
        counts: dict[str, int] = {}
        for s in secs[r["id"]]:
            for a in s.get("areas") or []:
                counts[a] = counts.get(a, 0) + 1
        areas = fw_areas.get(r["framework"] or "") or [(a, titles.get(a, a)) for a in sorted(counts)]
        tagged = bool(counts)
        for aid, title in areas:
            rows.append({"report_id": r["id"], "province": r["province"], "jurisdiction": r["jurisdiction"],
                         "department": r["department"], "report_year": r["report_year"],
                         "framework": r["framework"], "area": aid, "area_title": title,
                         "sections": counts.get(aid, 0),
                         "covered": (counts.get(aid, 0) > 0) if tagged else None,
                         "corrected": r["corrected"]})
    return rows


def compliance(store) -> list[dict[str, Any]]:
    """One row per current report: late flag, required statutory parts missing, verdict, counts."""
    reports = _current(store)
    required = [p["id"] for p in catalog.load("frameworks")["statutory_parts"]["parts"] if p.get("required")]
    f = T.findings
    with store.engine.connect() as conn:
        dup = {rid for (rid,) in conn.execute(sa.select(f.c.report_id).where(
            f.c.rule == "corpus.duplicate_text").distinct())}
        # the parts the review found missing (structure.missing_part, as the verdict, the opinion and
        # the 总览 count them): a part written as a sub-heading is 未单列, not missing, and a news
        # item or plan is not checked for parts at all
        gone: dict[int, set[str]] = {}
        for rid, data in conn.execute(sa.select(f.c.report_id, f.c.data).where(f.c.rule == "structure.missing_part")):
            if (data or {}).get("part"):
                gone.setdefault(rid, set()).add(data["part"])
    rows = []
    for r in reports:
        missing = [p for p in required if p in gone.get(r["id"], ())]
        rows.append({"report_id": r["id"], "province": r["province"], "jurisdiction": r["jurisdiction"],
                     "department": r["department"], "level": r["level"], "report_year": r["report_year"],
                     "kind": r["kind"], "publish_date": r["publish_date"], "late": r["late"],
                     "missing_parts": missing, "verdict": r["verdict"], "major": r["n_major"],
                     "minor": r["n_minor"], "info": r["n_info"], "shares_text": r["id"] in dup,
                     "corrected": r["corrected"]})
    return rows
