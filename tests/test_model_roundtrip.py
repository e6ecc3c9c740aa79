"""Report.from_json(r.to_json()) restores the whole contract: the corpus and the web layer can work on
Report objects read back from the store. Checked on the seeds, the team's texts and the real page
openings (where present); and on the objects themselves: relations, timings, hints, diagnostics."""
from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import ROOT, TEXTS, seed_paths

import fazhi
from fazhi import pipeline
from fazhi.checks import registry
from fazhi.model import DIAGNOSTIC_CODES, Diagnostic, Hints, Report

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


# -- every part of the Report object, not only the JSON ------------------------------------------

def _same_report(back: Report, r: Report) -> None:
    assert back.text == r.text and back.norm == r.norm
    assert (back.source.path, back.source.sha256, back.source.media_type, back.source.encoding,
            back.source.ocr) == (r.source.path, r.source.sha256, r.source.media_type, r.source.encoding,
                                 r.source.ocr)
    assert back.meta == r.meta
    assert back.sections == r.sections
    assert back.facts == r.facts
    assert back.relations == r.relations
    assert back.findings == r.findings
    assert back.removed == r.removed
    assert back.documents == r.documents and back.review == r.review
    assert back.corrections == r.corrections
    assert back.hints == r.hints
    assert back.diagnostics == r.diagnostics
    assert back.timings == r.timings


def _through_json(r: Report) -> Report:
    return Report.from_json(json.loads(json.dumps(r.to_json(), ensure_ascii=False)))


def _broken(report, config):
    raise ZeroDivisionError("division by zero")


@pytest.mark.parametrize("path", [TEXTS / "ingest_webcopy.txt", TEXTS / "facts_report.txt",
                                  next((ROOT / "examples").glob("*.txt"))], ids=lambda p: p.stem[:14])
def test_from_json_restores_relations_timings_hints_and_diagnostics(path, monkeypatch):
    info = registry.RuleInfo("quality.broken_for_test", "info", "测试", "测试", "测试", "测试", ("info",), _broken)
    monkeypatch.setitem(registry._RULES, info.id, info)
    monkeypatch.delenv("FAZHI_DEBUG", raising=False)
    r = fazhi.analyze(path)
    assert r.relations and r.hints.title_year and pipeline.is_complete(r)
    assert [(d.stage, d.code, d.rule) for d in r.diagnostics] == [("checks", "rule_failed", info.id)]
    back = _through_json(r)
    _same_report(back, r)
    assert pipeline.is_complete(back)                      # the timings came back
    assert back.to_json() == r.to_json()


def test_from_json_restores_the_hints_of_a_docx_and_a_portal_page():
    from build_formats import to_docx
    text = (TEXTS / "structure_report.txt").read_text("utf-8")
    r = fazhi.analyze(to_docx(text), path="r.docx")
    assert r.hints.heading_lines
    _same_report(_through_json(r), r)
    page = next((ROOT / "eval" / "data" / "html").glob("*.html"))
    r = fazhi.analyze(page)
    assert r.hints.title and r.hints.html_content
    _same_report(_through_json(r), r)


def test_a_report_without_hints_or_diagnostics_writes_neither():
    r = fazhi.analyze_text("某县2023年法治政府建设年度报告\n一、主要举措\n全年办理案件12件。\n")
    doc = r.to_json()
    assert "diagnostics" not in doc
    assert set(doc.get("hints", {})) <= set(Hints.keys())
    _same_report(Report.from_json(doc), r)


# -- Hints -----------------------------------------------------------------------------------------

def test_hints_are_typed_fields_with_the_dict_methods_kept():
    h = Hints(title="某县报告", heading_lines=[[0, 1]])
    assert h.title == h["title"] == h.get("title") == "某县报告"
    assert "title" in h and "publish_date" not in h and h.get("publish_date", "无") == "无"
    with pytest.raises(KeyError):
        h["publish_date"]
    h.update(publish_date="2024-03-01", traditional=True)
    h["template_site"] = True
    assert h.to_json() == {"title": "某县报告", "publish_date": "2024-03-01", "heading_lines": [[0, 1]],
                           "traditional": True, "template_site": True}
    assert Hints.from_json(h.to_json()) == h
    assert Hints().to_json() == {}


@pytest.mark.parametrize("use", [
    lambda h: h.update(titel="x"), lambda h: h.__setitem__("check_errors", []), lambda h: h.get("titel"),
    lambda h: h["titel"], lambda h: "titel" in h, lambda h: Hints.from_json({"titel": "x"}),
    lambda h: Report(text="某县报告", hints={"titel": "x"}),
], ids=["update", "setitem", "get", "getitem", "in", "from_json", "Report"])
def test_an_unknown_hint_is_a_value_error_naming_it(use):
    with pytest.raises(ValueError, match="titel|check_errors"):
        use(Hints())


def test_a_plain_dict_of_hints_is_still_accepted():
    r = Report(text="某县报告", hints={"title": "某县报告", "bold_lines": [0]})
    assert isinstance(r.hints, Hints) and r.hints.bold_lines == [0]


def test_the_schema_lists_every_hint_and_diagnostic_code():
    schema = json.loads((ROOT / "docs/json-schema/fazhi.report-1.json").read_text("utf-8"))
    assert set(schema["properties"]["hints"]["properties"]) == set(Hints.keys())
    items = schema["properties"]["diagnostics"]["items"]
    assert tuple(items["properties"]["code"]["enum"]) == DIAGNOSTIC_CODES
    assert set(items["required"]) == {f.name for f in dataclasses.fields(Diagnostic)}
