"""extract/facts.py (component "facts"): subjects, indicators, years, sections and named documents."""
from __future__ import annotations

import re

import pytest

from conftest import TEXTS, seed_by_prefix, seed_paths
from fazhi import analyze_text
from fazhi.extract.facts import build_facts, match_indicator, indicators
from fazhi.model import Report, Section


def facts_of(text: str):
    r = Report(text=text)
    r.facts = build_facts(r)
    return r


def by_quote(r: Report, quote: str, nth: int = 0):
    found = [f for f in r.facts if f.quote == quote]
    assert len(found) > nth, (quote, [f.quote for f in r.facts])
    return found[nth]


@pytest.mark.parametrize("text,quote,subject", [
    ("共受理行政复议案件15件。", "15件", "受理行政复议案件"),
    ("已办结531件，办结率为91.8%。", "91.8%", "办结率"),
    ("已办结531件，办结率为91.8%。", "531件", "办结"),
    ("全县共有64个调委会，254名调解员。", "64个", "调委会"),
    ("全县共有64个调委会，254名调解员。", "254名", "调解员"),
    ("2020年，全区人民调解组织受理矛盾纠纷8275件。", "8275件", "人民调解组织受理矛盾纠纷"),
    ("全区各镇街共有“法律明白人”1535人。", "1535人", "法律明白人"),
    ("受理劳动争议案件3656件，其中，调解(含撤回)结案2574件。", "2574件", "调解(含撤回)结案"),
    ("接到群众来信来访1971件次、4797人次。", "4797人次", "接到群众来信来访"),
])
def test_subject(text, quote, subject):
    r = facts_of(text)
    f = by_quote(r, quote)
    assert f.subject == subject
    assert r.text[f.subject_start:f.subject_end] == subject


@pytest.mark.parametrize("text,quote,indicator", [
    ("2023年新收行政复议申请40件，受理36件，审结30件。", "40件", "admin_reconsideration_received"),
    ("2023年新收行政复议申请40件，受理36件，审结30件。", "36件", "admin_reconsideration_accepted"),
    ("2023年新收行政复议申请40件，受理36件，审结30件。", "30件", "admin_reconsideration_concluded"),
    ("行政复议综合纠错率13.6%。", "13.6%", "admin_reconsideration_correction_rate"),
    ("代理县政府行政应诉案件6件。", "6件", "admin_litigation_cases"),
    ("行政机关负责人出庭应诉率为100%。", "100%", "head_appearance_rate"),
    ("行政案件败诉率2%。", "2%", "admin_litigation_loss_rate"),
    ("转办12345热线来电578件，已办结531件，办结率为91.8%。", "578件", "hotline_cases"),
    ("转办12345热线来电578件，已办结531件，办结率为91.8%。", "91.8%", "hotline_completion_rate"),
    ("全区受理行政调解15331件，调解成功12024件，成功率为78.43%。", "78.43%", "admin_mediation_success_rate"),
    ("人民调解组织受理矛盾纠纷8275件，调解成功率达99.88%。", "99.88%", "people_mediation_success_rate"),
    ("共受理法律援助案件81件。", "81件", "legal_aid_cases"),
    ("办理人大代表建议13件，政协委员提案66件。", "13件", "npc_suggestions"),
    ("办理人大代表建议13件，政协委员提案66件。", "66件", "cppcc_proposals"),
    ("共受理劳动争议案件3656件。", "3656件", "labor_arbitration_cases"),
    ("依申请类事项网上可办率达93.3%。", "93.3%", "online_availability_rate"),
    ("“全程网办”率达到99.88%。", "99.88%", "online_full_process_rate"),
    ("报备率及审查率均达100%。", "100%", "normative_docs_filing_rate"),
    ("出台规范性文件23件。", "23件", "normative_docs_issued"),
    ("全区共有市场主体12.9万户。", "12.9万户", "market_entities"),
    ("行政权责清单4787项。", "4787项", "power_list_items"),
    ("发现不合格案卷11卷。", "11卷", None),      # the failed files, not the files reviewed
    ("共组织1922人参加国家工作人员网上学法考试，通过率97%。", "97%", "law_exam_pass_rate"),
    ("接到群众来信来访1971件次。", "1971件次", "petitions"),
])
def test_indicator(text, quote, indicator):
    assert by_quote(facts_of(text), quote).indicator == indicator


def test_no_indicator_for_unrelated_counts():
    r = facts_of("引导摊贩进入市场划定摊位91户，清理占道电动车3714辆。")
    assert [f.indicator for f in r.facts] == [None, None]


def test_catalogue_size_and_shape():
    inds = indicators()
    assert len(inds) >= 40
    ids = [i.id for i in inds]
    assert len(ids) == len(set(ids))
    kinds = {"count", "rate", "money", "duration", "ratio", "other"}
    areas = {"functions", "rules", "decisions", "enforcement", "emergency", "disputes",
             "oversight", "digital", "leadership", "thought"}
    for i in inds:
        assert i.kind in kinds and i.data["name"] and i.data["area"] in areas, i.id
        assert i.subject or i.scope, i.id
    # a rate indicator never matches a count and vice versa
    assert match_indicator("count", "件", "纠错率", "行政复议") is None


@pytest.mark.parametrize("text,year", [
    ("2020年，全区共受理行政复议案件15件。", 2020),
    ("截至2019年6月18日，共取消行政审批事项153项。", 2019),
    ("2019年至今我县共办理行政复议案件11件。", None),
    ("2017年以来，审查议题619件。", None),
    ("共办理行政复议案件11件。", None),
    ("2020年工作很多。共办理行政复议案件11件。", None),
    ("按照《实施方案（2021—2025年）》要求，共清理文件15件。", None),
])
def test_year(text, year):
    r = facts_of(text)
    assert r.facts and r.facts[-1].year == year


def test_section_and_documents():
    text = "一、举措\n制定了《某县行政规范性文件管理办法（2021-2025年）》《三年行动方案》，出台文件3件。\n二、不足\n无。"
    r = Report(text=text)
    r.sections = [Section(id="s1", number="一、", level=1, heading="举措", start=0, end=text.index("二、")),
                  Section(id="s2", number="二、", level=1, heading="不足", start=text.index("二、"), end=len(text))]
    r.facts = build_facts(r)
    assert [f.quote for f in r.facts] == ["3件"]          # nothing inside the titles
    assert r.facts[0].section == "s1"
    assert [d["name"] for d in r.documents] == ["某县行政规范性文件管理办法（2021-2025年）", "三年行动方案"]
    for d in r.documents:
        assert text[d["start"]:d["end"]] == "《" + d["name"] + "》"


def test_fixture_report():
    text = (TEXTS / "facts_report.txt").read_text("utf-8")
    r = facts_of(text)
    assert by_quote(r, "36件").indicator == "admin_reconsideration_accepted"
    assert by_quote(r, "36件").year == 2023
    assert by_quote(r, "1,200件").value == 1200
    assert by_quote(r, "25件").year is None                  # 2022年至今 is a period
    assert by_quote(r, "约96%").approx and by_quote(r, "约96%").qualifier == "约"
    assert by_quote(r, "18个").subject == "调委会"
    assert not any(f.quote.startswith("2023") or f.quote.startswith("2025") for f in r.facts)
    assert not any(f.value == 12345 for f in r.facts)


# ------------------------------------------------------------------ seeds
def test_seed_invariants():
    paths = seed_paths()
    if not paths:
        pytest.skip("shared/corpus/seeds is not beside the repository")
    year_like = re.compile(r"^(19|20)\d\d年")
    for p in paths:
        r = facts_of(p.read_text("utf-8"))
        assert len(r.facts) >= 20, p.name
        for f in r.facts:
            assert r.text[f.start:f.end] == f.quote
            assert f.value is not None and f.unit
            assert not year_like.match(f.quote), (p.name, f.quote)
            if f.subject is not None:
                assert r.text[f.subject_start:f.subject_end] == f.subject
                assert 0 < len(f.subject) <= 20
        assert sum(f.subject is not None for f in r.facts) >= 0.9 * len(r.facts)


def test_seed_000_hotline_figures():
    r = facts_of(seed_by_prefix("000").read_text("utf-8"))
    rate = by_quote(r, "91.8%")
    assert rate.subject == "办结率" and rate.kind == "rate"
    assert by_quote(r, "578件").indicator == "hotline_cases"
    assert by_quote(r, "1728.7万元").value == 17287000
    assert by_quote(r, "553余起").qualifier == "余"
    assert by_quote(r, "13件", 1).year == 2021             # 2021年办理人大代表建议13件
    assert not any("12·4" in f.quote for f in r.facts)


def test_seed_001_web_residue_is_not_counted():
    r = facts_of(seed_by_prefix("001").read_text("utf-8"))
    quotes = {f.quote for f in r.facts}
    assert not any(q.startswith(("768", "0357", "6222148", "12000921", "1410")) for q in quotes)
    assert "28745户" in quotes and "90%以上" in quotes
    assert not any(f.quote in ("一个", "两个") for f in r.facts)


def test_seed_002_money_and_percentages():
    r = facts_of(seed_by_prefix("002").read_text("utf-8"))
    assert by_quote(r, "52.31亿元").value == 5231000000 and by_quote(r, "52.31亿元").kind == "money"
    assert by_quote(r, "99.88%").indicator == "people_mediation_success_rate"
    assert by_quote(r, "99.88%").year == 2020
    assert not any(f.quote.endswith("次") and r.text[f.start - 1] == "第" for f in r.facts)


# -- facts: subjects and indicators on wording the seeds do not use ---------------------------
def fact(r, quote: str):
    return next(f for f in r.facts if f.quote == quote)


def test_subjects_keep_names_and_drop_run_in_markers_and_change_verbs() -> None:
    r = analyze_text("“赣服通”上线服务事项4,800余项，企业开办时间压缩至2个工作日以内。"
                     "对215起轻微违法行为免予处罚。全街道培养“法律明白人”186名；二是建成社区法治文化公园2个。"
                     "37个县级复议机构专职人员少于2名。报备率保持100%。\n")
    assert fact(r, "4,800余项").subject == "“赣服通”上线服务事项"
    assert fact(r, "2个工作日").subject == "企业开办时间"
    assert fact(r, "215起").subject.startswith("轻微违法行为")
    assert fact(r, "186名").subject == "培养“法律明白人”"
    assert fact(r, "2个").subject == "建成社区法治文化公园"
    assert fact(r, "37个").subject == "县级复议机构专职人员"
    assert fact(r, "100%").subject == "报备率"
