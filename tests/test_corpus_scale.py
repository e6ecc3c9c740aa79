"""Smoke tests of the synthetic corpus (bench/synth.py) and the scale benchmark
(bench/corpus_scale.py); the measured runs themselves are in docs/benchmarks.md ("Corpus at scale")."""
from __future__ import annotations

import hashlib
import json
import re
import sys

import pytest

from conftest import ROOT, seed_paths

sys.path.insert(0, str(ROOT))

pytestmark = pytest.mark.skipif(not seed_paths(), reason="shared/corpus/seeds is not beside the repository")


def test_synth_generates_valid_distinct_reports():
    from bench.synth import PARTS, generate
    from fazhi.api import analyze
    from fazhi.parse.places import gazetteer
    items = list(generate(20, seed=0))
    assert len(items) == 20
    assert len({hashlib.sha256(d).hexdigest() for _, d in items}) == 20
    assert len({n for n, _ in items}) == 20
    assert items == list(generate(20, seed=0))                     # deterministic
    assert [d for _, d in generate(5, seed=1)] != [d for _, d in items[:5]]
    gaz = gazetteer()
    places = set()
    for name, data in items:
        text = data.decode("utf-8")
        m = re.fullmatch(r"synth/\d{6}_(.+?)(20\d\d)\.txt", name)
        place, year = m.group(1), int(m.group(2))
        assert 2019 <= year <= 2024
        assert text.startswith(f"{place}{year}年法治政府建设年度报告\n")
        assert "{" not in text and "}" not in text                 # no template slot left
        doc = analyze(data, path=name).to_json()
        meta = doc["meta"]
        assert meta["jurisdiction"] == place
        assert meta["province"] == gaz.lookup(place)[0].province
        parts = {s.get("part") for s in doc["sections"]} - {None}
        assert "measures" in parts and parts <= set(PARTS)
        places.add(place)
    assert 1 < len(places) < 20          # a place has a run of years (year-over-year pairs)


def test_corpus_scale_runs_end_to_end(tmp_path, capsys):
    from bench import corpus_scale
    db = tmp_path / "scale.db"
    assert corpus_scale.main(["--n", "30", "--db", str(db), "--repeat", "2", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    steps = {d["step"]: d for d in (json.loads(x) for x in out.splitlines() if x.startswith("{"))}
    build = steps["build"]
    assert build["loaded"] == 30 and build["failed"] == 0 and build["db_mb"] > 0
    q = steps["queries"]
    assert q["reports"] >= 29 and q["search 行政复议"]["p50_ms"] > 0
    sim = steps["similar --all"]
    assert sim["paragraphs"] > 30 and sim["peak_rss_mb"] > 0
    assert sim["findings"].get("corpus.duplicate_text", 0) > 0       # the near-copies are found
    # resumable: a second build stores nothing new
    assert corpus_scale.main(["--n", "30", "--db", str(db), "--steps", "build"]) == 0
    again = json.loads([x for x in capsys.readouterr().out.splitlines() if x.startswith("{")][-1])
    assert again["loaded"] == 0 and again["skipped"] == 30


def test_ingest_cost_runs_end_to_end(tmp_path, capsys):
    from bench import ingest_cost
    assert ingest_cost.main(["--n", "4", "--rounds", "1"]) == 0
    res = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert res["step"] == "ingest" and res["store_ms"] > 0 and res["signatures_ms"] > 0
    db = tmp_path / "s.db"
    assert ingest_cost.main(["--search", "30", "--db", str(db), "--repeat", "1"]) == 0
    res = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert res["reports"] == 30 and res["复议"]["hits"] > 0 and res["没有这个词语"]["hits"] == 0
