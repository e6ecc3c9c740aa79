"""The benchmark harness measures what it says: the same work in every executor, distinct
inputs, results collected, every step of analyze + to_json accounted. Small sizes; the
timings themselves belong to `python -m bench`, not to the test suite."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import bench.__main__ as B


def test_executor_rows_do_the_same_work() -> None:
    items = B.corpus_texts()[:2] * 2
    items = [(f"{i}-{n}", b + b"\n" * i) for i, (n, b) in enumerate(items)]
    assert len({b for _, b in items}) == len(items)          # distinct bytes: nothing to reuse
    ref = sum(B._analyze(it) for it in items)
    assert ref > 0
    with ProcessPoolExecutor(1, initializer=B.warm_up) as ex:
        wall, facts, cpu = B._run_executor(ex, items, 2)
    assert facts == ref and wall > 0 and cpu > 0


def test_stage_table_accounts_for_the_whole_analysis() -> None:
    stages, per = B._stage_table(B.corpus_texts()[:1], 1)
    assert {"ingest (bytes → clean text, Report, norm view)", "to_json", "sections", "facts",
            "checks", "review"} <= set(stages)
    assert 0.95 * per <= sum(stages.values()) <= per        # nothing left unaccounted


def test_batch_items_are_distinct() -> None:
    items = list(B._batch_items(12))
    assert len(items) == 12
    if items[0][0].startswith("synth/"):
        assert len({b for _, b in items}) == 12
