"""fazhi.pipeline: loading is thread-safe, unknown names are errors, incomplete reports are not stored."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from fazhi import pipeline
from fazhi.api import analyze_text
from fazhi.corpus.store import Store, analyze_item

TEXT = ("示例县2023年法治政府建设年度报告\n"
        "2023年，示例县人民政府坚持依法行政，现将有关情况报告如下：\n"
        "一、主要工作\n全年办理行政复议案件12件，其中撤销3件、维持9件。\n"
        "二、存在的不足\n执法队伍力量不足。\n三、2024年工作安排\n加强执法队伍建设。\n"
        "示例县人民政府\n2024年3月1日\n")


def test_first_analyses_in_fresh_process_run_every_step_in_threads():
    """Two threads analysing at once as the first work of a fresh process (two uploads to a
    freshly started server) both get every pipeline step; this failed 10 of 10 times when
    the loader marked the components loaded before their imports finished."""
    code = textwrap.dedent(f"""
        import threading, json
        from fazhi.api import analyze_text
        from fazhi.pipeline import is_complete
        text = {TEXT!r}
        out = []
        barrier = threading.Barrier(4)
        def work():
            barrier.wait()
            r = analyze_text(text, path="t.txt")
            out.append((is_complete(r), len(r.sections), len(r.facts), bool(r.review.get("verdict"))))
        ts = [threading.Thread(target=work) for _ in range(4)]
        [t.start() for t in ts]; [t.join() for t in ts]
        print(json.dumps(out))
    """)
    for _ in range(3):
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, res.stderr
        import json
        rows = json.loads(res.stdout.strip().splitlines()[-1])
        assert len(rows) == 4
        for complete, n_sections, n_facts, has_verdict in rows:
            assert complete and n_sections >= 3 and n_facts >= 3 and has_verdict


def test_unknown_component_is_an_error():
    report = analyze_text(TEXT)
    with pytest.raises(pipeline.UnknownComponent, match="sectoins"):
        pipeline.run(report, pipeline=["sections", "sectoins"])


def test_partial_pipeline_is_not_complete():
    from fazhi.api import build_report
    report = build_report(TEXT.encode("utf-8"), path="t.txt")
    pipeline.run(report, pipeline=["sections", "meta"])
    assert not pipeline.is_complete(report)
    assert pipeline.is_complete(analyze_text(TEXT))


def test_store_refuses_a_report_without_verdict(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'f.db'}").migrate()

    def half_analysed(item):
        res = analyze_item(item)
        res["json"]["review"] = None      # what an analysis with no step run looked like
        return res

    summary = store.ingest_bytes("a.txt", TEXT.encode("utf-8"), analyzer=half_analysed, corpus=False)
    assert summary.loaded == 0 and summary.failed == 1
    assert "incomplete" in summary.failures[0]["message"] or "verdict" in summary.failures[0]["message"]
    ok = store.ingest_bytes("a.txt", TEXT.encode("utf-8"), corpus=False)
    assert ok.loaded == 1


def test_a_stage_that_runs_again_replaces_its_own_diagnostics():
    r = analyze_text(TEXT)
    assert r.diagnostics == []
    r.diagnose("facts", "rule_failed", "old")
    r.diagnose("meta", "rule_failed", "kept")
    pipeline.run(r, pipeline=["facts"])
    assert [(d.stage, d.message) for d in r.diagnostics] == [("meta", "kept")]


def test_every_component_declares_what_it_reads_and_writes():
    for name in pipeline.DEFAULT_PIPELINE:
        s = pipeline.spec(name)
        assert s.writes, name
        assert set(s.reads) | set(s.writes) <= pipeline.FIELDS, name
    pipeline.validate(pipeline.DEFAULT_PIPELINE)


def test_a_component_before_the_one_that_writes_what_it_reads_is_an_error():
    with pytest.raises(pipeline.PipelineOrder, match="'facts' reads meta.*'meta' writes"):
        pipeline.validate(["sections", "facts", "meta"])
    with pytest.raises(pipeline.PipelineOrder, match="'checks'.*'parts'"):
        pipeline.validate(["sections", "meta", "framework", "checks", "parts"])
    # a part another component only adds to (sections.part) leaves a reader of the tree alone
    pipeline.validate(["sections", "meta", "framework", "parts"])
    # what no component of the pipeline writes is taken as there (a stored report, one step again)
    pipeline.validate(["checks", "review"])


def test_an_unknown_report_part_is_an_error_at_registration():
    with pytest.raises(ValueError, match="unknown report part.*secitons"):
        pipeline.component("x", reads=("secitons",))
