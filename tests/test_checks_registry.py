"""The rule registry, the `checks` component, `fazhi rules` and docs/rules.md."""
from __future__ import annotations

import json
import re

from conftest import ROOT, TEXTS
from checks_helpers import make_report

from fazhi.checks import FAMILIES, all_rules, registry, run_checks
from fazhi.cli import main
from fazhi.cli.rules import rules_markdown
from fazhi.config import Config
from fazhi.model import Finding

REQUIRED = {
    "structure.missing_part", "structure.part_nested", "structure.heading_numbering",
    "structure.shortcomings_without_causes", "structure.formal_elements", "structure.text_cut_short",
    "years.year_mismatch", "years.stale_data",
    "years.deadline", "years.early_report", "years.outdated_framework", "figures.sum_mismatch",
    "figures.rate_mismatch", "figures.rate_out_of_range", "provenance.masked_text",
    "provenance.template_site", "provenance.web_chrome", "quality.vague_shortcomings",
    "quality.plan_without_targets",
    "corpus.duplicate_text", "corpus.repeated_problem", "corpus.plan_not_followed", "corpus.rectify_followup",
    "language.punct_pairing", "language.halfwidth_punct", "language.doubled_punct",
    "language.number_form", "language.repeated_word", "language.typo", "language.standard_name",
    "language.name_anachronism",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_registry_has_the_documented_rule_ids_and_families():
    ids = {r.id for r in all_rules()}
    assert ids == REQUIRED
    # the fixed vocabulary of the issue, plus "corpus" for the cross-report analyses (corpus/analyses.py)
    # and "language" for proofreading (checks/language.py)
    assert set(FAMILIES) == {"structure", "years", "figures", "provenance", "quality", "language", "corpus"}
    for r in all_rules():
        assert r.family in FAMILIES and r.severity in r.severities
        for field in (r.title, r.why, r.basis, r.example):
            assert CJK.search(field), (r.id, field)


def test_docs_rules_md_is_generated_from_the_registry():
    assert (ROOT / "docs/rules.md").read_text("utf-8") == rules_markdown()


def test_cli_rules_json_and_text(capsys):
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["id"] for d in data} == REQUIRED
    assert all({"id", "severity", "title", "why", "basis", "example"} <= set(d) for d in data)
    assert main(["rules", "--family", "figures"]) == 0
    out = capsys.readouterr().out
    assert "figures.rate_mismatch" in out and "years.deadline" not in out
    assert main(["rules", "--family", "nonsense"]) == 2


def _masked_report():
    r = make_report((TEXTS / "checks_masked.txt").read_text("utf-8"), report_year=2022)
    return r


def test_component_numbers_findings_in_text_order_and_is_idempotent():
    r = _masked_report()
    run_checks(r, Config.default())
    rules = [f.rule for f in r.findings]
    assert {"provenance.masked_text", "provenance.template_site", "provenance.web_chrome"} <= set(rules)
    assert [f.id for f in r.findings] == [f"F{i}" for i in range(1, len(r.findings) + 1)]
    starts = [min(e.start for e in f.evidence) for f in r.findings if f.evidence]
    assert starts == sorted(starts)
    n = len(r.findings)
    run_checks(r, Config.default())        # re-running replaces, never duplicates
    assert len(r.findings) == n


def test_config_disables_rules_and_families_and_overrides_severity():
    cfg = Config.default()
    cfg.data["rules"]["disabled"] = ["provenance.masked_text"]
    r = _masked_report()
    run_checks(r, cfg)
    assert "provenance.masked_text" not in {f.rule for f in r.findings}
    assert "provenance.template_site" in {f.rule for f in r.findings}
    cfg.data["rules"]["disabled"] = ["provenance"]
    run_checks(r, cfg)
    assert not any(f.family == "provenance" for f in r.findings)
    cfg.data["rules"]["disabled"] = []
    cfg.data["rules"]["severity"] = {"provenance.web_chrome": "major"}
    run_checks(r, cfg)
    assert {f.severity for f in r.findings if f.rule == "provenance.web_chrome"} == {"major"}


def test_a_failing_rule_does_not_stop_the_others(monkeypatch):
    def broken(report, config):
        raise RuntimeError("boom")
    info = registry.RuleInfo("quality.broken_for_test", "info", "测试", "测试", "测试", "测试", ("info",), broken)
    monkeypatch.setitem(registry._RULES, info.id, info)
    monkeypatch.delenv("FAZHI_DEBUG", raising=False)
    r = _masked_report()
    run_checks(r, Config.default())
    d = next(d for d in r.diagnostics if d.code == "rule_failed")
    assert (d.stage, d.rule, d.message) == ("checks", "quality.broken_for_test", "RuntimeError: boom")
    assert d.detail == {"exception": "RuntimeError"}
    assert "provenance.masked_text" in {f.rule for f in r.findings}
    doc = r.to_json()
    assert doc["diagnostics"][0]["rule"] == "quality.broken_for_test"
    run_checks(r, Config.default())        # re-running replaces the stage's diagnostics
    assert [x.rule for x in r.diagnostics] == ["quality.broken_for_test"]


def test_evidence_that_does_not_quote_the_text_is_dropped(monkeypatch):
    def bad(report, config):
        yield Finding(rule="quality.bad_for_test", severity="info", message="测试", suggestion="测试",
                      evidence=[report.evidence(0, 3), registry.Evidence(0, 3, "不对")])
    info = registry.RuleInfo("quality.bad_for_test", "info", "测试", "测试", "测试", "测试", ("info",), bad)
    monkeypatch.setitem(registry._RULES, info.id, info)
    monkeypatch.delenv("FAZHI_DEBUG", raising=False)
    r = _masked_report()
    run_checks(r, Config.default())
    f = next(f for f in r.findings if f.rule == "quality.bad_for_test")
    assert [e.quote for e in f.evidence] == [r.text[0:3]]
    [d] = r.diagnostics
    assert (d.stage, d.code, d.rule) == ("checks", "evidence_dropped", "quality.bad_for_test")
    assert d.detail["quote"] == "不对" and (d.detail["start"], d.detail["end"]) == (0, 3)


def test_corpus_rules_are_listed_but_never_fire_on_a_single_report():
    from fazhi import analyze
    rep = analyze(next((ROOT / "examples").glob("*.txt")))
    assert not [f for f in rep.findings if f.rule.startswith("corpus.")]
    assert {"corpus.duplicate_text", "corpus.repeated_problem", "corpus.plan_not_followed"} <= {
        r.id for r in all_rules() if r.family == "corpus"}
