"""Proofreading (the `language` rule family) on real texts: every finding it raises on the five
seeds, the real page openings (dev and test split apart) and the long texts of
../shared/corpus/other, counted per rule and corpus. The judgement (correct / wrong) of each
finding was made by reading it; the counts are in docs/evaluation.md. `--show` is not needed:
with FAZHI_LANGUAGE_SHOW=dev (or seeds, other, test) the findings of that corpus are printed
with their quotes, for reading (never commit them: the texts are third-party)."""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from .common import ROOT, table
from .real import load_pages, real_dir

RULES = ["language.punct_pairing", "language.halfwidth_punct", "language.doubled_punct",
         "language.number_form", "language.repeated_word", "language.typo",
         "language.standard_name", "language.name_anachronism"]


def _corpora(fast: bool = False):
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    for p in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        yield "seeds", p.name, p.read_bytes(), p.name
    if real_dir().is_dir():
        for pg in load_pages():
            yield f"real-{pg.split}", pg.id, pg.path.read_bytes(), pg.path.name
    other = Path(os.environ.get("FAZHI_OTHER", ROOT.parent / "shared" / "corpus" / "other"))
    for fp in sorted(other.glob("*.jsonl")) if other.is_dir() and not fast else []:
        for i, line in enumerate(fp.read_text("utf-8").splitlines()):
            if line.strip():
                item = json.loads(line)
                text = f"{item.get('title', '')}\n\n{item.get('content', '')}"
                yield "other", f"{fp.stem}:{i}", text.encode("utf-8"), "x.txt"


def findings(fast: bool = False):
    import fazhi
    for corpus, name, data, fname in _corpora(fast):
        rep = fazhi.analyze(data, path=fname)
        for f in rep.findings:
            if f.family == "language":
                yield corpus, name, rep, f


def run(fast: bool = False) -> str:
    show = os.environ.get("FAZHI_LANGUAGE_SHOW", "")
    counts: Counter = Counter()
    shown = []
    for corpus, name, rep, f in findings(fast):
        counts[(corpus, f.rule)] += 1
        if show and corpus.endswith(show):
            q = " | ".join(e.quote for e in f.evidence[:3])
            shown.append(f"{name}\t{f.rule}\t{f.message[:70]}\t{q[:90]}")
    corpora = ["seeds", "real-dev", "real-test", "other"]
    rows = [[r] + [counts[(c, r)] for c in corpora] + [sum(counts[(c, r)] for c in corpora)] for r in RULES]
    rows.append(["all"] + [sum(counts[(c, r)] for r in RULES) for c in corpora] + [sum(counts.values())])
    out = table("language — proofreading findings raised, per rule and corpus", ["rule"] + corpora + ["all"], rows,
                "Judged by reading every finding: see docs/evaluation.md, “Proofreading (language family)”.")
    if shown:
        out += "\n" + "\n".join(shown) + "\n"
    return out
