"""Gold evaluation of fazhi.analyze: meta fields (accuracy) and facts (span P/R/F1, value/unit
accuracy on matched facts, per fact kind)."""
from __future__ import annotations

from collections import defaultdict

from .common import (GoldReport, analyze, f1, locate, ratio, same_text, same_value, table)

META_FIELDS = ["title", "jurisdiction", "parent", "province", "level", "department", "issuers",
               "report_year", "report_date", "publish_date", "kind", "framework"]


def meta_table(golds: list[GoldReport], missing: list[str]) -> str:
    ok = defaultdict(int)
    wrong: dict[str, list[str]] = defaultdict(list)
    for g in golds:
        pred = analyze(g.path).meta
        gm = g.data.get("meta", {})
        alts = g.data.get("meta_alternatives", {}) or {}
        for f in META_FIELDS:
            pv = getattr(pred, f, None)
            accepted = [gm.get(f)] + list(alts.get(f, []))
            if f == "issuers":
                good = any(sorted(map(str, pv or [])) == sorted(map(str, a or [])) for a in accepted)
            elif f == "report_year":
                good = any((pv is None and a is None) or (pv is not None and a is not None and int(pv) == int(a))
                           for a in accepted)
            else:
                good = any(same_text(pv, a) for a in accepted)
            if good:
                ok[f] += 1
            else:
                wrong[f].append(g.id)
    n = len(golds)
    rows = [[f, f"{ok[f]}/{n}", ratio(ok[f], n), ", ".join(wrong[f]) or ""] for f in META_FIELDS]
    allok = sum(ok.values())
    rows.append(["(all fields)", f"{allok}/{n * len(META_FIELDS)}", ratio(allok, n * len(META_FIELDS)), ""])
    note = _missing_note(missing)
    return table(f"meta — fazhi vs gold ({n} reports), accuracy per field", ["field", "correct", "accuracy", "wrong in"],
                 rows, note)


def _missing_note(missing: list[str]) -> str | None:
    return f"not available (text not found): {', '.join(missing)}" if missing else None


def _pred_facts(report, source: str):
    if source == "facts":
        return [(f.start, f.end, f.value, f.unit, f.kind) for f in report.facts]
    from fazhi.extract.quantities import find_quantities
    return [(q.start, q.end, q.value, q.unit, q.kind) for q in find_quantities(report.norm)]


def score_facts(golds: list[GoldReport], source: str = "facts") -> dict:
    """source 'facts': report.facts from the pipeline; 'grammar': the quantity grammar alone."""
    tot = defaultdict(lambda: defaultdict(int))   # kind -> counters; kind "all" too
    unlocated = 0
    for g in golds:
        rep = analyze(g.path)
        gf = g.data.get("facts", [])
        spans = locate(rep.norm, [f["quote"] for f in gf])
        preds = _pred_facts(rep, source)
        used = set()
        for f, sp in zip(gf, spans):
            k = f.get("kind") or "count"
            opt = bool(f.get("optional"))
            if sp is None:
                unlocated += 0 if opt else 1
                if not opt:
                    for key in (k, "all"):
                        tot[key]["fn"] += 1
                continue
            best, best_ov = None, 0
            for i, (s, e, *_rest) in enumerate(preds):
                if i in used:
                    continue
                ov = min(e, sp[1]) - max(s, sp[0])
                if ov > best_ov:
                    best, best_ov = i, ov
            if best is None:
                if not opt:
                    for key in (k, "all"):
                        tot[key]["fn"] += 1
                continue
            used.add(best)
            if opt:
                continue
            _, _, pv, pu, pk = preds[best]
            for key in (k, "all"):
                c = tot[key]
                c["tp"] += 1
                c["value_ok"] += same_value(pv, f.get("value"))
                c["unit_ok"] += same_text(pu, f.get("unit"))
                c["kind_ok"] += (pk == k)
        for i, p in enumerate(preds):
            if i not in used:
                for key in (p[4] or "count", "all"):
                    tot[key]["fp"] += 1
    return {"counts": tot, "unlocated": unlocated}


def facts_table(golds: list[GoldReport], missing: list[str]) -> str:
    rows = []
    order = ["all", "count", "rate", "money", "duration", "ratio", "other"]
    for label, source in (("fazhi (pipeline facts)", "facts"), ("fazhi quantity grammar only", "grammar")):
        try:
            res = score_facts(golds, source)
        except ImportError:
            rows.append([label, "all", "not available", "", "", "", "", "", "", "", ""])
            continue
        for k in order:
            c = res["counts"].get(k)
            if not c:
                continue
            tp, fp, fn = c["tp"], c["fp"], c["fn"]
            p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
            rows.append([label, k, tp + fn, tp + fp, tp, p, r, f1(p, r), ratio(c["value_ok"], tp),
                         ratio(c["unit_ok"], tp), ratio(c["kind_ok"], tp)])
    ngold = sum(len([f for f in g.data.get("facts", []) if not f.get("optional")]) for g in golds)
    note = (f"{len(golds)} reports, {ngold} gold facts (optional ones neither rewarded nor penalised). "
            "Match: span overlap in report.text (gold quotes located in order). Precision per kind uses the "
            "predicted kind, recall the gold kind.")
    mn = _missing_note(missing)
    if mn:
        note += "\n" + mn
    return table("facts — P/R/F1 by span overlap; value/unit/kind accuracy on matched facts",
                 ["tool", "kind", "gold", "pred", "tp", "P", "R", "F1", "value acc", "unit acc", "kind acc"],
                 rows, note)


def run(fast: bool = False) -> str:
    from .common import load_gold
    golds, missing = load_gold(["own-township", "own-web-fused", "example-qinghe"] if fast else None)
    return meta_table(golds, missing) + "\n" + facts_table(golds, missing)
