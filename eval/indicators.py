"""Indicator evaluation: does each fact get the right catalogue indicator (catalog/indicators.yaml)?

Gold: the `indicator` of every gold fact (eval/data/gold/*.yaml; null = the figure is not an
instance of any catalogue indicator), annotated by reading the sentence, not fazhi's output.
Scored on the facts fazhi found (gold span overlaps a predicted fact, as in eval/facts.py):
  tp  predicted indicator == gold indicator (not null)
  fp  predicted indicator not null and different from the gold one (null or another id)
  fn  gold indicator not null and the prediction differs (null or another id)
A wrong id counts as one fp (its family) and one fn (the gold's family). "end-to-end R" also
counts the gold indicator facts whose span fazhi did not find at all.

Real page openings (../shared/corpus/real): eval/data/real_indicators.yaml gives the indicator
(or null) of every gold quote of the pages' `numbers`, annotated by reading the sentence. Scored
the same way on the fact over each quote, per split (pages ending in 0/3/7 are test; only the
dev split's errors are printed). The seeds (seed-*) of the team gold get their own row.
Another page set: FAZHI_REAL (its folder, as in eval/real.py) and FAZHI_REAL_INDICATORS (its
yaml, same schema) score it instead; the summary then adds a row over all its pages and prints
no per-quote errors (a held-out set stays blind) unless FAZHI_REAL_ERRORS=1, which prints them
for every page.

Baseline (keyword): the gold span and kind, and the first catalogue entry of that kind whose
subject and scope patterns all occur in the 10 characters before the number (no subject
phrase, no exclusions) — what a keyword lookup next to the figure gives.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .common import GoldReport, analyze, f1, locate, ratio, table

# family of an indicator id (first pattern that matches); order matters
FAMILIES: list[tuple[str, str]] = [
    ("行政复议", r"^admin_reconsideration"),
    ("行政应诉", r"^(head_appearance|admin_litigation)"),
    ("规范性文件", r"^normative_docs"),
    ("决策与法律顾问", r"^(major_decision|legal_adviser)"),
    ("行政执法", r"^(case_file|enforcement|random_inspections)"),
    ("政务服务与职能", r"^(hotline|online|time_limit|gov_services|admin_licensing|power_list|market_entities)"),
    ("调解信访法援", r"mediat|^dispute|^labor_arbitration|^petition|^legal_aid"),
    ("监督与公开", r"^(deputy|npc|cppcc|info_disclosure|audit|judicial)"),
    ("学法普法培训", r"^(law_exam|law_study|training|pufa|rule_of_law|legal_literate)"),
    ("应急", r"^emergency"),
]
_FAM = [(name, re.compile(p)) for name, p in FAMILIES]


def family(ind: str) -> str:
    for name, p in _FAM:
        if p.search(ind):
            return name
    return "其他"


WINDOW = 10


def baseline_indicator(norm: str, start: int, kind: str, unit: str | None) -> str | None:
    from fazhi.extract.facts import indicators
    window = norm[max(0, start - WINDOW):start]
    for ind in indicators():
        if ind.kind != kind or (ind.units is not None and unit not in ind.units):
            continue
        if all(p.search(window) for p in ind.subject) and all(p.search(window) for p in ind.scope):
            return ind.id
    return None


def _pairs(golds: list[GoldReport]):
    """(report id, gold fact, predicted indicator or MISSING, baseline indicator, quote context)."""
    for g in golds:
        rep = analyze(g.path)
        gf = [f for f in g.data.get("facts", []) if not f.get("optional")]
        spans = locate(rep.norm, [f["quote"] for f in gf])
        preds = rep.facts
        used: set[int] = set()
        for f, sp in zip(gf, spans):
            best, best_ov = None, 0
            if sp is not None:
                for i, p in enumerate(preds):
                    if i in used:
                        continue
                    ov = min(p.end, sp[1]) - max(p.start, sp[0])
                    if ov > best_ov:
                        best, best_ov = i, ov
            if best is not None:
                used.add(best)
            base = baseline_indicator(rep.norm, sp[0], f.get("kind") or "count", f.get("unit")) \
                if sp is not None else None
            ctx = rep.norm[max(0, sp[0] - 30):sp[1]].replace("\n", " ") if sp else f["quote"]
            yield g.id, f, (preds[best].indicator if best is not None else MISSING), base, ctx


MISSING = object()


def score(golds: list[GoldReport]) -> dict:
    out = {"fazhi": defaultdict(Counter), "keyword baseline": defaultdict(Counter)}
    confusions: Counter = Counter()
    examples: dict = {}
    for rid, f, pred, base, ctx in _pairs(golds):
        gi = f.get("indicator")
        if gi:
            for tool in out:
                out[tool]["(all)"]["gold_all"] += 1
                out[tool][family(gi)]["gold_all"] += 1
        for tool, p in (("fazhi", pred), ("keyword baseline", base)):
            if p is MISSING:
                continue        # fact not found: outside the matched-facts scores
            c = out[tool]
            if gi and p == gi:
                for key in ("(all)", family(gi)):
                    c[key]["tp"] += 1
                continue
            if p:
                for key in ("(all)", family(p)):
                    c[key]["fp"] += 1
            if gi:
                for key in ("(all)", family(gi)):
                    c[key]["fn"] += 1
            if tool == "fazhi" and (p or gi):
                confusions[(gi, p)] += 1
                examples.setdefault((gi, p), (rid, ctx))
    return {"counts": out, "confusions": confusions, "examples": examples}


def indicators_table(golds: list[GoldReport], missing: list[str]) -> str:
    res = score(golds)
    fams = ["(all)"] + [name for name, _ in FAMILIES] + ["其他"]
    rows = []
    for tool, counts in res["counts"].items():
        for fam in fams:
            c = counts.get(fam)
            if not c or not (c["tp"] + c["fp"] + c["fn"] + c["gold_all"]):
                continue
            tp, fp, fn = c["tp"], c["fp"], c["fn"]
            p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
            rows.append([tool, fam, c["gold_all"], tp + fn, tp + fp, tp, p, r, f1(p, r),
                         ratio(tp, c["gold_all"])])
    n_facts = sum(len([f for f in g.data.get("facts", []) if not f.get("optional")]) for g in golds)
    partial = [g.id for g in golds if g.data.get("indicators_annotated") != "full"]
    note = (f"{len(golds)} reports, {n_facts} gold facts. gold: facts with a gold indicator; "
            "gold (matched): of those, the ones whose span fazhi found (P/R/F1 are on matched facts); "
            "end-to-end R: tp / gold. Baseline scored on the same matched facts.")
    if partial:
        note += f"\nindicators not fully annotated in: {', '.join(partial)}"
    if missing:
        note += f"\nnot available (text not found): {', '.join(missing)}"
    out = table("indicators — P/R/F1 of the fact's catalogue indicator, per family",
                ["tool", "family", "gold", "gold (matched)", "pred", "tp", "P", "R", "F1", "end-to-end R"],
                rows, note)
    conf = res["confusions"].most_common(15)
    crow = []
    for (g, p), n in conf:
        rid, ctx = res["examples"][(g, p)]
        crow.append([g or "(none)", p or "(none)", n, f"{rid}: …{ctx[-40:]}"])
    out += "\n" + table("indicators — most frequent fazhi errors (gold → predicted)",
                        ["gold", "predicted", "n", "first example"], crow)
    return out


def errors(golds: list[GoldReport]):
    """Every disagreement, for working on the catalogue: (report, gold, predicted, context)."""
    for rid, f, pred, _base, ctx in _pairs(golds):
        if pred is MISSING:
            continue
        if (pred or None) != (f.get("indicator") or None):
            yield rid, f.get("indicator"), pred, ctx


# --------------------------------------------------------------------------- real pages
def real_indicators_path():
    """The gold yaml: $FAZHI_REAL_INDICATORS, or eval/data/real_indicators.yaml."""
    import os
    from pathlib import Path
    from .common import DATA
    env = os.environ.get("FAZHI_REAL_INDICATORS")
    return Path(env) if env else DATA / "real_indicators.yaml"


def load_real_gold() -> dict[str, list[dict]]:
    import yaml
    path = real_indicators_path()
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text("utf-8")).get("pages") or {}


def real_pairs(fast: bool = False):
    """(page id, split, gold indicator, predicted indicator or MISSING, context) per gold quote."""
    import fazhi
    from .real import _find, load_pages
    gold = load_real_gold()
    pages = [p for p in load_pages() if p.id in gold]
    if fast:
        pages = pages[::8]
    for p in pages:
        rep = fazhi.analyze(p.path.read_bytes(), path=p.path.name)
        norm = rep.norm
        for e in gold[p.id]:
            span = _find(norm, e["quote"])
            if span is None:
                yield p.id, p.split, e.get("indicator"), MISSING, e["quote"]
                continue
            a, b = span
            over = [f for f in rep.facts if f.start < b and f.end > a]
            # the fact whose number is the quote's (the last one in the quote: 办理1.3万件)
            pred = over[-1].indicator if over else MISSING
            ctx = norm[max(0, a - 30):b].replace("\n", " ")
            yield p.id, p.split, e.get("indicator"), pred, ctx


def _count(pairs) -> Counter:
    c: Counter = Counter()
    for gi, p in pairs:
        if gi:
            c["gold_all"] += 1
        if p is MISSING:
            continue
        if gi and p == gi:
            c["tp"] += 1
            continue
        if p:
            c["fp"] += 1
        if gi:
            c["fn"] += 1
    return c


def _row(name: str, c: Counter) -> list:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return [name, c["gold_all"], tp + fn, tp + fp, tp, p, r, f1(p, r), ratio(tp, c["gold_all"])]


def summary_table(golds: list[GoldReport], fast: bool = False) -> str:
    """One row per gold set: team gold, its seeds, the real pages' dev and test splits."""
    import os
    from .real import real_dir
    team = [(f.get("indicator"), pred) for _rid, f, pred, _b, _c in _pairs(golds)]
    seeds = [(f.get("indicator"), pred) for rid, f, pred, _b, _c in _pairs(golds) if rid.startswith("seed-")]
    real = list(real_pairs(fast))
    rows = [_row("team gold (all)", _count(team)), _row("team gold: seeds", _count(seeds))]
    for split in ("dev", "test"):
        rows.append(_row(f"real pages {split}", _count([(g, p) for _i, s, g, p, _c in real if s == split])))
    other = os.environ.get("FAZHI_REAL_INDICATORS")
    if other:
        rows.append(_row("real pages (all)", _count([(g, p) for _i, _s, g, p, _c in real])))
        note = (f"real pages: every gold quote of {real_dir()} `numbers`, indicator annotated in "
                f"{other} (FAZHI_REAL_INDICATORS). P/R on the quotes fazhi found.")
    else:
        note = ("real pages: every gold quote of ../shared/corpus/real `numbers`, indicator annotated in "
                "eval/data/real_indicators.yaml (test = pages ending in 0/3/7). P/R on the quotes fazhi found.")
    out = table("indicators — summary per gold set",
                ["set", "gold", "gold (matched)", "pred", "tp", "P", "R", "F1", "end-to-end R"], rows, note)
    shown = {"dev"} if not other else ({"dev", "test"} if os.environ.get("FAZHI_REAL_ERRORS") == "1" else set())
    errs = [[pid, g or "(none)", p or "(none)", f"…{ctx[-40:]}"] for pid, s, g, p, ctx in real
            if s in shown and p is not MISSING and (p or None) != (g or None)]
    if errs:
        title = "dev split errors" if not other else "errors"
        out += "\n" + table(f"indicators — real pages, {title} (gold → predicted)",
                            ["page", "gold", "predicted", "context"], errs)
    return out


def run(fast: bool = False) -> str:
    from .common import load_gold
    golds, missing = load_gold(["own-township", "own-web-fused", "example-qinghe"] if fast else None)
    return summary_table(golds, fast) + "\n" + indicators_table(golds, missing)
