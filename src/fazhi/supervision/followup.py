"""Next year's report checked against the 整改台账 (corpus rule `corpus.rectify_followup`).

An item that is not closed (已销号) and concerns a unit's report of year N (or, for a 督察 feedback
entered as text, the year the item was registered) is looked for in the same unit's report of
year N+1:

- it reappears among the new report's shortcomings (character-bigram Jaccard of the item's
  problem with a shortcoming sentence ≥ `corpus.continuity.repeat_reworded`): the problem is
  still there — a finding;
- else the new report's measures do not name it (fewer than `plan_found_ratio` of its key phrases,
  as for `corpus.plan_not_followed`): the 整改 is not reported — a finding;
- else the new report gives account of it: nothing.

Each finding quotes the item and the new report's words (or the measures heading) as evidence.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

import sqlalchemy as sa

from ..corpus import schema as T
from ..corpus.continuity import bigrams, jaccard, key_phrases
from ..corpus.parts import sentence_items
from ..textnorm import normalize_view

RULE = "corpus.rectify_followup"


def _unit_place(unit: str) -> tuple[str | None, str | None]:
    """(jurisdiction, department) named by a 责任单位: 青石县人民政府 -> (青石县, None)."""
    from .roster import split_department
    for suffix in ("人民政府", "政府", "办事处"):
        if unit.endswith(suffix) and len(unit) > len(suffix):
            return unit[: -len(suffix)], None
    jur, dept = split_department(unit, None)
    return (jur, dept) if jur and dept else (None, None)


def followup_findings(store, infos: dict[int, Any], texts_of, parts_of, cfg: dict[str, Any],
                      items: set[int] | None = None) -> Iterator[dict[str, Any]]:
    """The findings of the open items (only those whose id is in items, when given)."""
    generic = frozenset(cfg.get("generic_words") or [])
    for it, target, year in followup_targets(store, infos):
        if target is None or (items is not None and it["id"] not in items):
            continue
        text = texts_of(target)
        parts = parts_of(target, text)
        f = _check(it, target, year, text, parts, cfg, generic, infos[target])
        if f is not None:
            yield f


def followup_targets(store, infos: dict[int, Any]) -> list[tuple[dict[str, Any], int | None, int | None]]:
    """(item, the report of the next year it is checked against or None, that year) of each
    open item, in item order."""
    out: list[tuple[dict[str, Any], int | None, int | None]] = []
    with store.engine.connect() as conn:
        items = [dict(r._mapping) for r in conn.execute(
            sa.select(T.rectify_items).where(T.rectify_items.c.status != "已销号").order_by(T.rectify_items.c.id))]
        if not items:
            return out
        keys = {i["report_key"] for i in items if i["report_key"]}
        series_of: dict[str, tuple] = {}
        for k in sorted(keys):
            row = conn.execute(sa.select(T.reports.c.province, T.reports.c.jurisdiction, T.reports.c.department,
                                         T.reports.c.kind).where(T.reports.c.report_key == k)
                               .order_by(T.reports.c.id.desc())).first()
            if row is not None:
                series_of[k] = tuple(row)
    by_series: dict[tuple, dict[int, int]] = {}
    by_place: dict[tuple, dict[int, int]] = {}
    for i in infos.values():
        if i.report_year and i.jurisdiction:
            kind = getattr(i, "kind", None)
            by_series.setdefault((i.province, i.jurisdiction, i.department, kind), {})[i.report_year] = i.id
            if kind in ("report", "template"):
                dept = i.department or None
                if dept and dept.startswith(i.jurisdiction):
                    dept = dept[len(i.jurisdiction):]
                by_place.setdefault((i.jurisdiction, dept), {})[i.report_year] = i.id
    for it in items:
        target = None
        if it["report_key"] and it["report_key"] in series_of and it["report_year"]:
            target = by_series.get(series_of[it["report_key"]], {}).get(it["report_year"] + 1)
            year = it["report_year"] + 1
        else:
            jur, dept = _unit_place(it["unit"])
            year = it["created_at"].year if it["created_at"] else None
            if jur and year:
                target = by_place.get((jur, dept), {}).get(year)
        out.append((it, target, year))
    return out


def _check(it, rid, year, text, parts, cfg, generic, info) -> dict[str, Any] | None:
    problem = it["problem"]
    about = " ".join(x for x in (problem, it.get("quote"), it.get("measure")) if x)
    g = bigrams(problem)
    best = (0.0, 0, 0)
    for p in parts:
        if p.part != "shortcomings":
            continue
        for s, e in sentence_items(text, p.body_start, p.end, cfg["min_item_chars"]):
            score = jaccard(g, bigrams(text[s:e]))
            if score > best[0]:
                best = (score, s, e)
    item_ev = {"item_id": it["id"], "problem": problem, "quote": it.get("quote"), "unit": it["unit"],
               "status": it["status"]}
    if best[0] >= cfg["repeat_reworded"]:
        _, s, e = best
        return {
            "report_id": rid, "rule": RULE, "severity": "minor",
            "message": f"整改台账第{it['id']}项（{it['unit']}，状态：{it['status']}）所列问题“{_short(problem)}”"
                       f"在本年度报告的“存在的不足”中再次出现（相似度{best[0]:.0%}），整改未见成效。",
            "suggestion": "说明该问题的整改措施和进展；确未整改到位的，写明原因和新的时限。",
            "evidence": [{"start": s, "end": e, "quote": text[s:e]}],
            "data": {"rectify_item": item_ev, "how": "repeated", "similarity": round(best[0], 3),
                     "year": year},
            "key_quote": f"rectify:{it['id']}",
        }
    measures = [p for p in parts if p.part == "measures"]
    where = [(p.start, p.end) for p in measures] or [(0, len(text))]
    body = normalize_view("".join(text[s:e] for s, e in where))
    place_words = {w for w in re.split(r"\W+", info.label() if hasattr(info, "label") else "") if w}
    phrases = [x for x in key_phrases(about, generic, cfg["plan_max_phrases"])
               if not any(x in w for w in place_words)]
    if len(phrases) < cfg["plan_min_phrases"]:
        return None      # too little to look for: a second reading could not tell either
    found = [x for x in phrases if x in body]
    if len(found) / len(phrases) >= cfg["plan_found_ratio"]:
        return None
    m0 = measures[0] if measures else None
    ev = ([{"start": m0.start, "end": m0.body_start, "quote": text[m0.start:m0.body_start]}]
          if m0 and m0.body_start > m0.start else [])
    return {
        "report_id": rid, "rule": RULE, "severity": "minor",
        "message": f"整改台账第{it['id']}项（{it['unit']}，状态：{it['status']}）所列问题“{_short(problem)}”"
                   f"尚未销号，本年度报告的工作举措部分未交代其整改情况（未提及：{'、'.join(x for x in phrases if x not in found)}）。",
        "suggestion": "在报告中说明该问题的整改措施和完成情况。",
        "evidence": ev,
        "data": {"rectify_item": item_ev, "how": "unreported", "key_phrases": phrases, "found": found,
                 "year": year},
        "key_quote": f"rectify:{it['id']}",
    }


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n] + "……"
