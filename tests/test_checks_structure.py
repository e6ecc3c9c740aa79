"""checks/structure.py: the structure.* rules on hand-built reports and on short texts written for
the test through the whole pipeline (heading numbering, shortcomings without causes)."""
from __future__ import annotations

import re

import pytest

from conftest import TEXTS
from checks_helpers import make_report, run

from fazhi import analyze_text

PARTS = {"主要举措和成效": "measures", "第一责任人": "first_responsible",
         "存在的不足": "shortcomings", "主要安排": "plan", "工作打算": "plan"}


def _complete(**kw):
    return make_report((TEXTS / "checks_complete.txt").read_text("utf-8"), parts=PARTS,
                       report_year=2023, kind="report", **kw)


def test_complete_report_has_no_structure_findings():
    r = _complete()
    for rid in ("structure.missing_part", "structure.part_nested",
                "structure.shortcomings_without_causes", "structure.heading_numbering"):
        assert run(rid, r) == [], rid


def test_missing_parts_one_finding_per_part():
    text = (TEXTS / "checks_incomplete.txt").read_text("utf-8")
    r = make_report(text, parts={}, report_year=2019, kind="report", report_date="2019-12-27")
    for s in r.sections:             # top-level sections named after 纲要 areas = measures
        s.part, s.areas = "measures", ["functions"]
    out = run("structure.missing_part", r)
    assert sorted(f.data["part"] for f in out) == ["first_responsible", "plan", "shortcomings"]
    for f in out:
        # the message names the part in Chinese, never by its code
        assert f.data["part"] not in f.message and f.severity == "major"
        assert re.search(r"缺少法定内容“[^”a-z]+”。", f.message), f.message
        assert any(e.quote.startswith("一、依法全面履行政府职能") for e in f.evidence)


def test_nested_part_is_not_missing():
    text = (TEXTS / "checks_incomplete.txt").read_text("utf-8")
    r = make_report(text, parts={"依法全面履行": "measures", "完善依法行政": "measures",
                                 "组织保障": "measures", "党对法治政府建设的领导": "first_responsible"},
                    report_year=2019, kind="report", report_date="2019-12-27")
    missing = {f.data["part"] for f in run("structure.missing_part", r)}
    assert missing == {"shortcomings", "plan"}
    nested = run("structure.part_nested", r)
    assert len(nested) == 1 and nested[0].data["part"] == "first_responsible"
    assert nested[0].severity == "minor"
    assert nested[0].evidence[0].quote == "(一)坚持党对法治政府建设的领导"


def test_no_sections_or_no_parts_means_no_structure_verdict():
    r = make_report("2023年，我县推进法治政府建设。", report_year=2023, kind="report")
    assert run("structure.missing_part", r) == []
    text = (TEXTS / "checks_incomplete.txt").read_text("utf-8")
    r = make_report(text, parts={}, report_year=2019, kind="report", report_date="2019-12-27")   # parts not classified
    assert run("structure.missing_part", r) == []
    r = make_report(text, parts={"依法": "measures"}, report_year=2019, kind="news")
    assert run("structure.missing_part", r) == []


def test_shortcomings_without_causes():
    text = ("一、主要举措和成效\n全年办理案件20件。\n"
            "二、存在的问题\n一是群众法治观念仍需提高。二是执法力量薄弱，专业人员少。\n"
            "三、下一步工作打算\n加强培训。\n")
    r = make_report(text, parts=PARTS | {"存在的问题": "shortcomings"}, report_year=2023)
    out = run("structure.shortcomings_without_causes", r)
    assert len(out) == 1 and out[0].evidence[0].quote == "二、存在的问题"
    fixed = text.replace("专业人员少。", "专业人员少，主要原因是编制不足。")
    r = make_report(fixed, parts=PARTS | {"存在的问题": "shortcomings"}, report_year=2023)
    assert run("structure.shortcomings_without_causes", r) == []
    fixed = text.replace("专业人员少。", "专业人员少，这是由于机构改革后人员调整。")
    r = make_report(fixed, parts=PARTS | {"存在的问题": "shortcomings"}, report_year=2023)
    assert run("structure.shortcomings_without_causes", r) == []


def test_heading_numbering_skip_repeat_jump_unnumbered():
    text = (TEXTS / "checks_numbering.txt").read_text("utf-8")
    r = make_report(text, parts=PARTS, unnumbered={"优化营商环境": 2})
    out = run("structure.heading_numbering", r)
    kinds = {f.data["anomaly"]: f for f in out}
    assert set(kinds) == {"skip", "repeat", "level_jump", "unnumbered_sibling"}
    skip = kinds["skip"]
    assert skip.evidence[0].quote == "(三)执法队伍专业化程度不足"
    assert "(一)(二)" in skip.message
    assert kinds["repeat"].evidence[0].quote == "2.推进示范创建"
    assert kinds["level_jump"].evidence[0].quote == "1.加强执法培训"
    assert kinds["unnumbered_sibling"].evidence[0].quote == "优化营商环境"


def test_heading_numbering_reads_parser_flags():
    r = _complete()
    r.sections[1].numbering = ["restart"]
    out = run("structure.heading_numbering", r)
    assert len(out) == 1 and out[0].data["anomaly"] == "restart"
    assert out[0].evidence[0].quote.startswith("二、党政主要负责人")


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]


# -- structure.heading_numbering: unnumbered lines among 【】 headings --------------------------
BRACKET = ("松川市2022年法治政府建设年度报告\n2022年，全市推进法治政府建设。现将有关情况报告如下。\n"
           "【主要举措和成效】\n政府职能依法全面履行\n政务服务事项全部进驻大厅，办件3,000件。\n"
           "依法行政制度建设\n审核规范性文件23件。\n社会矛盾纠纷依法化解\n调解纠纷1,200件。\n"
           "【党政主要负责人履行推进法治建设第一责任人职责情况】\n市长出庭应诉1次。\n"
           "【存在的不足及原因】\n执法人员缺编，原因是编制核定滞后。\n"
           "【2023年工作安排】\n年内完成执法人员轮训。\n松川市人民政府\n2023年2月10日\n")


def test_unnumbered_lines_among_bracket_headings_are_not_a_numbering_finding() -> None:
    r = analyze_text(BRACKET)
    assert rules(r, "structure.heading_numbering") == []


def test_unnumbered_line_among_numbered_siblings_is_a_numbering_finding() -> None:
    text = ("松川市2022年法治政府建设年度报告\n2022年，全市推进法治政府建设。现将有关情况报告如下。\n"
            "一、主要举措和成效\n（一）政府职能依法全面履行\n政务服务事项全部进驻大厅，办件3,000件。\n"
            "（二）依法行政制度建设\n审核规范性文件23件。\n"
            "（三）行政执法严格规范公正文明\n办理行政处罚案件240件。\n"
            "社会矛盾纠纷依法化解\n调解纠纷1,200件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长出庭应诉1次。\n"
            "三、存在的不足及原因\n执法人员缺编，原因是编制核定滞后。\n"
            "四、2023年工作安排\n年内完成执法人员轮训。\n松川市人民政府\n2023年2月10日\n")
    r = analyze_text(text)
    out = rules(r, "structure.heading_numbering")
    assert len(out) == 1 and out[0].data["anomaly"] == "unnumbered_sibling"
    assert "。，" not in out[0].message
    assert out[0].evidence[0].quote.startswith("社会矛盾纠纷依法化解")


# -- a county report with the given shortcomings and plan parts ------------------------------
def _report(shortcomings: str, plan: str) -> str:
    return ("松川县2023年法治政府建设年度报告\n2023年，全县推进法治政府建设。现将有关情况报告如下：\n"
            "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议研究法治建设4次。\n"
            f"三、存在的不足\n{shortcomings}\n四、下一步工作打算\n{plan}\n松川县人民政府\n2024年2月26日\n")


PROJECTS = "一是推动法治政府建设示范创建；二是深化行政执法协调监督工作体系建设；三是推进“八五”普法中期评估。"


# -- structure.shortcomings_without_causes: more ways of stating a cause ---------------------
@pytest.mark.parametrize("shortcomings,fires", [
    ("一是乡镇执法人员不足12人，受机构改革影响，编制调整滞后。", False),
    ("一是乡镇执法人员不足12人，这与编制调整滞后有关。", False),
    ("一是乡镇执法人员不足12人，归根结底在于编制调整滞后。", False),
    ("一是乡镇执法人员不足12人。主观上重视不够，客观上编制紧张。", False),
    ("一是乡镇执法人员不足12人。二是规范性文件备案不及时3件。", True),
    ("一是乡镇执法人员不足12人，问题在于执法力量不够。二是法治宣传影响力不大。", True),
])
def test_cause_wordings(shortcomings: str, fires: bool) -> None:
    out = rules(analyze_text(_report(shortcomings, PROJECTS)), "structure.shortcomings_without_causes")
    assert bool(out) is fires


_OPENING = ("石城县人民政府关于2023年度法治政府建设情况的报告\n"
            "2023年，石城县扎实推进法治政府建设，现将有关情况报告如下。\n"
            "一、主要举措和成效\n（一）深化行政复议改革。全年办理行政复议案件12件，其中")


def test_text_cut_short_is_not_missing_its_parts():
    """A page opening that stops mid-sentence: the parts after the cut are unknown, so no
    缺少法定内容 (a reviewer would withdraw it), one 提示 naming what was not seen, and a verdict
    reason that does not claim the parts are complete."""
    r = analyze_text(_OPENING)
    rules = [f.rule for f in r.findings]
    assert "structure.missing_part" not in rules
    cut = [f for f in r.findings if f.rule == "structure.text_cut_short"]
    assert len(cut) == 1 and cut[0].severity == "info"
    assert cut[0].data["unseen_parts"] == ["shortcomings", "first_responsible", "plan"]
    assert "存在的不足" in cut[0].message and "shortcomings" not in cut[0].message
    assert cut[0].evidence and cut[0].evidence[0].quote.endswith("其中")
    assert "未能核对" in r.review["reason"] and "齐全" not in r.review["reason"]


def test_complete_text_missing_parts_still_fails():
    """The same measures, ended with a full stop, a signature and a date: the parts are missing."""
    text = _OPENING + "3件。\n石城县人民政府\n2024年2月1日\n"
    r = analyze_text(text)
    rules = [f.rule for f in r.findings]
    assert "structure.text_cut_short" not in rules
    assert sorted(f.data["part"] for f in r.findings if f.rule == "structure.missing_part") == \
        ["first_responsible", "plan", "shortcomings"]
    assert r.review["verdict"] == "不合格"
