"""Report.from_json(r.to_json()) restores the whole contract: the corpus and the web layer can work on
Report objects read back from the store. Checked on the seeds, the team's texts and the real page
openings (where present)."""
from __future__ import annotations

from conftest import ROOT, TEXTS, seed_paths

import fazhi
from fazhi.model import Report

REAL = ROOT.parent / "shared" / "corpus" / "real"


def _inputs():
    paths = seed_paths() + sorted(TEXTS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    paths += sorted((ROOT / "eval" / "data" / "html").glob("*.html"))
    if REAL.is_dir():
        paths += sorted(REAL.glob("[ab]/*.txt"))[::4]
    return paths


def test_round_trip_is_the_identity_on_the_contract():
    n = rels = 0
    for p in _inputs():
        r = fazhi.analyze(p)
        doc = r.to_json()
        back = Report.from_json(doc)
        assert back.to_json() == doc, p.name
        n += 1
        rels += len(r.relations)
    assert n >= 15 and rels >= 5
