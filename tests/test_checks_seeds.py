"""The review rules through the full pipeline: the five seed reports and our own texts.

What a careful reviewer finds in the seeds (by rule id and quoted text), and nothing flagged on
figures that agree: every rate relation is re-checked here with an independent rounding oracle.
"""
from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

import pytest

import fazhi
from conftest import TEXTS, seed_by_prefix, seed_paths


@functools.lru_cache(maxsize=None)
def _analyze(prefix: str):
    return fazhi.analyze(seed_by_prefix(prefix))


def _by_rule(r, rule):
    return [f for f in r.findings if f.rule == rule]


def test_2019_report_lacks_shortcomings_plan_and_first_responsible_part():
    r = _analyze("004")
    missing = {f.data["part"] for f in _by_rule(r, "structure.missing_part")}
    assert missing == {"shortcomings", "plan", "first_responsible"}
    assert all(f.severity == "major" for f in _by_rule(r, "structure.missing_part"))
    early = _by_rule(r, "years.early_report")       # signed 2019-12-27 for the year 2019
    assert len(early) == 1 and early[0].evidence[0].quote == "2019年12月27日"


def test_2022_report_numbering_gap():
    r = _analyze("001")
    skips = [f for f in _by_rule(r, "structure.heading_numbering") if f.data["anomaly"] == "skip"]
    assert len(skips) == 1
    assert skips[0].evidence[0].quote.startswith("(三)行政执法部门专业化程度不足")
    assert "(一)(二)" in skips[0].message
    assert not _by_rule(r, "structure.missing_part")
    assert not _by_rule(r, "years.year_mismatch")
    assert not _by_rule(r, "years.deadline")        # signed 2023-02-01, published 2023-03-16
    chrome = _by_rule(r, "provenance.web_chrome")
    assert len(chrome) == 1 and chrome[0].severity == "info"


def test_self_inspection_copy_year_confusion_masking_and_template_site():
    r = _analyze("002")
    ym = {f.data["kind"]: f for f in _by_rule(r, "years.year_mismatch")}
    assert set(ym) == {"reported_year", "plan_year"}
    quotes = [e.quote for e in ym["reported_year"].evidence]
    assert "2022年" in quotes and "2021年度" in quotes
    assert ym["plan_year"].evidence[0].quote == "2021年"
    assert _by_rule(r, "years.stale_data")
    masked = _by_rule(r, "provenance.masked_text")
    assert len(masked) == 1 and masked[0].severity == "major" and masked[0].data["count"] >= 10
    assert all(set(e.quote) == {"*"} for e in masked[0].evidence)
    tpl = _by_rule(r, "provenance.template_site")
    assert len(tpl) == 1 and any("小编" in e.quote for e in tpl[0].evidence)
    assert not _by_rule(r, "years.deadline")        # a 范文 site's posting date is not publication


def test_rates_that_disagree_with_their_own_numerator_and_denominator():
    r0 = _analyze("000")
    (f,) = _by_rule(r0, "figures.rate_mismatch")
    assert f.severity == "minor" and f.evidence[0].quote == "91.8%"
    assert "531/578=91.87%" in f.message and "91.9%" in f.message
    r3 = _analyze("003")
    found = {f.evidence[0].quote: f.severity for f in _by_rule(r3, "figures.rate_mismatch")}
    assert found == {"64.03%": "major", "91.61%": "minor"}


def _disagrees(r, rel) -> bool:
    rate, num, den = (r.fact(x) for x in (rel.rate, rel.numerator, rel.denominator))
    text = rate.quote
    dec = len(text.split(".")[1].rstrip("%％以上")) if "." in text else 0
    computed = Decimal(num.value) / Decimal(den.value) * 100
    expected = computed.quantize(Decimal(1).scaleb(-dec), rounding=ROUND_HALF_UP)
    gap = abs(computed - Decimal(str(rate.value)))
    if rate.approx and gap < 1:
        return False
    return expected != Decimal(str(rate.value)).quantize(Decimal(1).scaleb(-dec))


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_no_false_alarms_on_figures_that_agree(path):
    r = _analyze(path.name[:3])
    flagged = {e.start for f in _by_rule(r, "figures.rate_mismatch") for e in f.evidence[:1]}
    for rel in r.relations:
        if rel.type == "rate" and rel.holds is not None:
            assert (r.fact(rel.rate).start in flagged) == _disagrees(r, rel), r.fact(rel.rate).quote
    assert not _by_rule(r, "figures.sum_mismatch")      # every total in the seeds adds up
    assert not _by_rule(r, "figures.rate_out_of_range")


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_every_finding_is_complete_and_quotes_the_text(path):
    r = _analyze(path.name[:3])
    assert not r.diagnostics                             # no rule failed, no evidence dropped
    assert [f.id for f in r.findings] == [f"F{i}" for i in range(1, len(r.findings) + 1)]
    for f in r.findings:
        assert f.message and f.suggestion and f.severity in ("major", "minor", "info")
        for e in f.evidence:
            if not e.removed:
                assert r.text[e.start:e.end] == e.quote


def test_our_texts_through_the_pipeline():
    r = fazhi.analyze(TEXTS / "checks_complete.txt")
    assert [f.rule for f in r.findings] == []
    r = fazhi.analyze(TEXTS / "checks_incomplete.txt")
    assert {f.data["part"] for f in _by_rule(r, "structure.missing_part")} == \
        {"shortcomings", "first_responsible", "plan"}
    r = fazhi.analyze(TEXTS / "checks_years_confused.txt")
    assert {f.data["kind"] for f in _by_rule(r, "years.year_mismatch")} == {"reported_year", "plan_year"}
    assert _by_rule(r, "years.stale_data")
