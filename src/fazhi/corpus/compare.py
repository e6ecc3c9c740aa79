"""Two stored reports side by side: metadata, parts, indicators, shared passages and, for the
same place in consecutive years, the continuity checks."""
from __future__ import annotations

from typing import Any

from .. import catalog
from ..textnorm import normalize_view
from ..zh.departments import same_department
from .analyses import sections_by_report
from .continuity import YearReport, plan_not_followed, repeated_problems
from .parts import nested_parts, part_spans
from .similarity import ReportInfo, align, candidate_pairs, is_masked, stock_mask


def compare(store, id1: int, id2: int) -> dict[str, Any] | None:
    a, b = store.report(id1), store.report(id2)
    if a is None or b is None:
        return None
    cfg = store.config
    secs = sections_by_report(store, {id1, id2})
    required = [p["id"] for p in catalog.load("frameworks")["statutory_parts"]["parts"] if p.get("required")]
    parts = {r["id"]: part_spans(secs[r["id"]], r["text"]) for r in (a, b)}

    def side(r):
        found = {p.part for p in parts[r["id"]]}
        nested = nested_parts(secs[r["id"]]) - found
        return {"id": r["id"], "place": "".join(x for x in (r["jurisdiction"], r["department"]) if x) or None,
                "province": r["province"], "report_year": r["report_year"], "kind": r["kind"],
                "framework": r["framework"], "publish_date": r["publish_date"], "late": r["late"],
                "verdict": r["verdict"], "major": r["n_major"], "minor": r["n_minor"], "info": r["n_info"],
                # after the reviewers' decisions, as `fazhi list`, the report page and the opinion say
                **({"verdict": r["reviewed_verdict"], "major": r["reviewed_major"], "minor": r["reviewed_minor"],
                    "info": r["reviewed_info"]} if r.get("reviewed_verdict") is not None else {}),
                "parts": sorted(found), "nested_parts": [p for p in required if p in nested],
                "missing_parts": [p for p in required if p not in found and p not in nested]}

    facts: dict[Any, dict[Any, Any]] = {}
    for f in store.facts(current=False, report_ids=[id1, id2]):
        if f["report_id"] in (id1, id2):
            facts.setdefault(f["indicator"], {}).setdefault(f["report_id"], f)
    indicators = [{"indicator": k,
                   "a": v[id1]["value"] if id1 in v else None, "a_quote": v[id1]["quote"] if id1 in v else None,
                   "a_unit": v[id1]["unit"] if id1 in v else None,
                   "b": v[id2]["value"] if id2 in v else None, "b_quote": v[id2]["quote"] if id2 in v else None,
                   "b_unit": v[id2]["unit"] if id2 in v else None}
                  for k, v in sorted(facts.items())]

    sim = cfg.get("corpus.similarity")
    rows = store.paragraph_rows([id1, id2]) if a["current"] and b["current"] else _paragraphs(store, [id1, id2])
    spans = {pid: (rid, s, e) for pid, rid, s, e, _ in rows}
    na, nb = normalize_view(a["text"]), normalize_view(b["text"])
    stock = cfg.get("corpus.similarity.stock_phrases") or []
    ma, mb = stock_mask(na, stock), stock_mask(nb, stock)
    shared = []
    for pa, pb in sorted(candidate_pairs(((pid, rid, sig) for pid, rid, _, _, sig in rows), sim)):
        if spans[pa][0] != id1:
            pa, pb = pb, pa
        _, sa, ea = spans[pa]
        _, sb, eb = spans[pb]
        p = align(na, (sa, ea), nb, (sb, eb), ma, mb, sim)
        if p:
            shared.append({"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end,
                           "shared": p.shared, "quote": a["text"][p.a_start:p.a_end]})
    shared.sort(key=lambda x: x["a_start"])

    continuity = []
    same = (a["jurisdiction"] and not is_masked(a["jurisdiction"]) and
            (a["province"], a["jurisdiction"]) == (b["province"], b["jurisdiction"]) and
            same_department(a["department"], b["department"]))
    if same and a["report_year"] and b["report_year"] and abs(a["report_year"] - b["report_year"]) == 1:
        prev, cur = (a, b) if a["report_year"] < b["report_year"] else (b, a)
        label = lambda r: ReportInfo(r["id"], r["report_key"], r["province"], r["jurisdiction"], r["department"],
                                     r["report_year"], None, None, "").label()
        yp = YearReport(prev["id"], (), prev["report_year"], label(prev), prev["text"], parts[prev["id"]])
        yc = YearReport(cur["id"], (), cur["report_year"], label(cur), cur["text"], parts[cur["id"]])
        cc = cfg.get("corpus.continuity")
        continuity = repeated_problems(yp, yc, cc) + plan_not_followed(
            yp, yc, cc, frozenset(cc.get("generic_words") or []))
    return {"reports": [side(a), side(b)], "indicators": indicators, "shared": shared,
            "continuity": continuity}


def value_text(value, unit: str | None) -> str | None:
    """An indicator's value as the compare page and `fazhi compare` show it: 26件, 85%, None."""
    from ..render.quotes import fmt_number
    text = fmt_number(value)
    return None if text is None else f"{text}{unit or ''}"


def _paragraphs(store, ids):
    import sqlalchemy as sa
    from . import schema as T
    p = T.paragraphs
    with store.engine.connect() as conn:
        return [(x, y, s, e, bytes(g)) for x, y, s, e, g in conn.execute(
            sa.select(p.c.id, p.c.report_id, p.c.start, p.c.end, p.c.signature).where(p.c.report_id.in_(ids)))]
