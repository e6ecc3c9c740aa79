"""classify/parts.py, classify/framework.py and classify/areas.py: statutory parts, 纲要 framework
and task areas — own texts and the seed reports."""
from __future__ import annotations

from meta_helpers import BODY_FOUR_PARTS as BODY
from meta_helpers import BRACKET_REPORT as BRACKET

import pytest

import fazhi
from fazhi import analyze_text, pipeline
from fazhi.classify.areas import heading_areas, title_matches
from fazhi.classify.framework import detect
from fazhi.classify.parts import classify_heading, missing_parts, parts_present
from fazhi.model import Report

from conftest import TEXTS, seed_by_prefix

STRUCTURE = ["sections", "framework", "parts", "areas"]


def run(text: str) -> Report:
    r = Report(text=text)
    pipeline.run(r, pipeline=STRUCTURE)
    return r


def text(name: str) -> str:
    return (TEXTS / name).read_text("utf-8")


# ---------------------------------------------------------------------------
# headings -> parts

@pytest.mark.parametrize("heading,part", [
    ("2023年度推进法治政府建设的主要举措和成效", "measures"),
    ("工作开展情况", "measures"),
    ("存在的问题和不足", "shortcomings"),
    ("2022年度推进法治政府建设存在的不足", "shortcomings"),
    ("党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", "first_responsible"),
    ("下一步工作打算", "plan"),
    ("2024年度法治政府建设工作重点", "plan"),
    ("“十四五”期间及下阶段推进法治政府建设的工作思路目标举措", "plan"),
    ("2024年度推进法治政府建设的主要安排", "plan"),
    ("对全市加强法治政府建设的建议", "other"),
    ("其他需要报告的情况", "other"),
])
def test_classify_heading(heading: str, part: str) -> None:
    got = classify_heading(heading)
    assert got is not None and got[0] == part, got


def test_longest_phrase_wins_and_basis_is_recorded() -> None:
    # 工作情况 (measures) is inside, but the first_responsible phrase is longer
    assert classify_heading("主要负责人履行推进法治建设第一责任人职责情况") == (
        "first_responsible", "主要负责人履行推进法治建设第一责任人职责情况")
    part, basis = classify_heading("对全市加强法治政府建设的建议")
    assert part == "other" and basis.startswith("pattern:")
    assert classify_heading("统筹推进重点工作") is None
    assert classify_heading("") is None


def test_parts_of_own_report() -> None:
    r = run(text("structure_report.txt"))
    assert [(s.part, s.part_basis) for s in r.sections] == [
        ("measures", "推进法治政府建设的主要举措和成效"),
        ("shortcomings", "推进法治政府建设存在的不足"),
        ("first_responsible", "党政主要负责人履行推进法治建设第一责任人职责"),
        ("plan", "主要安排"),
        ("other", "其他需要报告的情况"),
    ]
    assert all(s.part is None for s in r.all_sections() if s.level > 1)
    assert missing_parts(r) == []


def test_area_named_top_levels_are_measures_and_nested_first_responsible() -> None:
    r = run(text("structure_areas.txt"))
    assert [(s.part, s.part_basis) for s in r.sections] == [
        ("measures", "areas"), ("measures", "areas"), ("measures", "areas_run"),
        ("measures", "areas"), ("measures", "areas"), ("plan", "下一步工作打算")]
    nested = r.sections[4].children[0]
    assert nested.part == "first_responsible" and nested.level == 2
    present = parts_present(r)
    assert present["first_responsible"] == [nested]
    assert parts_present(r, nested=False)["first_responsible"] == []
    assert [s.id for s in present["measures"]] == ["s1", "s2", "s3", "s4", "s5"]
    assert missing_parts(r) == ["shortcomings"]


def test_nested_part_only_when_missing_at_top() -> None:
    r = run("一、主要举措和成效\n（一）党政主要负责人履行推进法治建设第一责任人职责情况\n正文。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n正文。\n")
    assert r.sections[0].children[0].part is None
    assert r.sections[1].part == "first_responsible"


def test_generic_nested_heading_does_not_become_plan() -> None:
    r = run("一、主要举措和成效\n（一）突出工作重点\n正文。\n二、存在的问题\n正文。\n")
    assert r.sections[0].children[0].part is None
    assert missing_parts(r) == ["first_responsible", "plan"]


def test_unmatched_top_level_is_other_unmatched() -> None:
    r = run("一、主要举措和成效\n正文。\n二、附录材料\n正文。\n")
    assert (r.sections[1].part, r.sections[1].part_basis) == ("other", "unmatched")


# ---------------------------------------------------------------------------
# framework

def test_framework_from_goal_words() -> None:
    r = run(text("structure_report.txt"))
    assert r.meta.framework == "2021-2025"
    s, e = r.meta.evidence["framework"]
    assert r.text[s:e] in ("智能高效", "廉洁诚信", "人民满意")


def test_framework_from_cited_name_and_headings() -> None:
    r = run(text("structure_areas.txt"))
    assert r.meta.framework == "2015-2020"
    fw, _, scores = detect(r)
    assert scores["2015-2020"] > scores["2021-2025"] == 0


def test_framework_not_from_year() -> None:
    r = run("2023年法治政府建设工作报告\n一、主要工作\n正文。\n二、存在的问题\n正文。\n")
    assert r.meta.framework is None and "framework" not in r.meta.evidence
    r = run("2023年，我县继续对照2015年以来的要求，推进依法行政，建设廉洁高效、守法诚信的政府。\n一、主要工作\n正文。\n")
    assert r.meta.framework is None           # goal words outside a goal list are not a cue


def test_framework_plan_cues_weigh_less() -> None:
    # three headings follow the 2015 纲要's chapters; the 2021 纲要 is named only in the plan
    body = ("一、主要举措和成效\n（一）依法全面履行政府职能\n正文。\n（二）完善依法行政制度体系\n正文。\n"
            "（三）坚持严格规范公正文明执法\n正文。\n"
            "二、下一步工作打算\n认真对照《法治政府建设实施纲要（2021—2025年）》。\n（一）健全突发事件应对体系\n正文。\n")
    assert run(body).meta.framework == "2015-2020"


def test_framework_needs_a_structure_not_a_resemblance() -> None:
    # two headings that resemble 2015 chapters among others are not a structure
    body = ("一、主要举措和成效\n（一）全面履行政府职能\n正文。\n（二）持续提升执法规范化水平\n正文。\n"
            "（三）依法化解社会矛盾纠纷\n正文。\n（四）加强法治宣传教育\n正文。\n")
    assert run(body).meta.framework is None
    # a 纲要 the report names as what it follows beats headings phrased like the other one
    body = ("2022年，全市对照《法治政府建设实施纲要（2021—2025年）》推进法治政府建设。\n"
            "一、主要举措和成效\n（一）依法全面履行政府职能\n正文。\n（二）完善依法行政制度体系\n正文。\n"
            "（三）坚持严格规范公正文明执法\n正文。\n")
    assert run(body).meta.framework == "2021-2025"


# ---------------------------------------------------------------------------
# areas

def test_heading_areas_by_keyword_and_title() -> None:
    assert "functions" in heading_areas("深化“放管服”改革", "2021-2025")
    assert title_matches("坚持严格规范公正文明执法", "2015-2020") == {"enforcement": 1.0}
    assert "emergency" in heading_areas("健全突发事件应对体系", None)
    assert "emergency" not in heading_areas("健全突发事件应对体系", "2015-2020")


def test_section_areas() -> None:
    r = run(text("structure_report.txt"))
    s = {x.heading: x for x in r.all_sections()}
    assert s["健全政府机构职能体系，推动更好发挥政府作用"].areas[0] == "functions"
    assert s["加强规范性文件管理"].areas == ["rules"]
    assert "disputes" in s["强化行政复议应诉"].areas
    # body evidence needs more than one keyword: a lone 普法 mention gives nothing
    r = run("一、主要工作\n开展普法活动。\n")
    assert r.sections[0].areas == []
    r = run("一、主要工作\n开展行政复议工作，办理复议案件10件，推进诉源治理，加强人民调解。\n")
    assert r.sections[0].areas == ["disputes"]


def test_areas_follow_framework() -> None:
    body = "应对突发事件，完善应急预案，组织应急演练，做好防汛准备。"
    r21 = run("2024年建设智能高效、廉洁诚信、人民满意的法治政府。\n一、主要工作\n" + body + "\n")
    r15 = run("建设廉洁高效、守法诚信、职能科学的法治政府。\n一、主要工作\n" + body + "\n")
    assert r21.meta.framework == "2021-2025" and r21.sections[0].areas == ["emergency"]
    assert r15.meta.framework == "2015-2020" and r15.sections[0].areas == []


# ---------------------------------------------------------------------------
# seeds

SEED_PARTS = {
    "000": ["measures", "shortcomings", "plan"],
    "001": ["measures", "shortcomings", "first_responsible", "plan", "other"],
    "002": ["measures", "first_responsible", "shortcomings", "plan"],
    "003": ["measures", "shortcomings", "plan"],
    "004": ["measures"] * 8,
}
SEED_FRAMEWORK = {"000": None, "001": "2021-2025", "002": "2015-2020", "003": "2021-2025", "004": "2015-2020"}


def seed_report(prefix: str) -> Report:
    return fazhi.analyze(seed_by_prefix(prefix), pipeline_names=STRUCTURE)


@pytest.mark.parametrize("prefix", sorted(SEED_PARTS))
def test_seed_parts(prefix: str) -> None:
    r = seed_report(prefix)
    assert [s.part for s in r.sections] == SEED_PARTS[prefix]
    assert all(s.part_basis for s in r.sections)
    assert r.meta.framework == SEED_FRAMEWORK[prefix]


def test_seed_nested_first_responsible() -> None:
    r = seed_report("000")
    nested = parts_present(r)["first_responsible"]
    assert [(s.id, s.level, s.style) for s in nested] == [("s1.1", 2, "paren_cn")]
    r = seed_report("003")
    nested = parts_present(r)["first_responsible"]
    assert [(s.id, s.style) for s in nested] == [("s1.1.2", "inline")]
    assert missing_parts(seed_report("004")) == ["shortcomings", "first_responsible", "plan"]


def test_seed_area_named_parts_get_their_area() -> None:
    r = seed_report("004")
    assert [s.areas[0] for s in r.sections] == [
        "functions", "rules", "decisions", "enforcement", "oversight", "disputes", "capacity", "leadership"]
    r = seed_report("002")
    assert [c.areas[0] for c in r.sections[0].children] == [
        "functions", "rules", "decisions", "enforcement", "oversight", "disputes", "capacity", "leadership"]


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]




# -- statutory parts: "2024年主要工作安排" is the plan (catalog/structure.yaml phrase) -----------
def test_main_work_arrangements_heading_is_the_plan() -> None:
    r = analyze_text("松川市2023年法治政府建设年度报告\n"
                     + BODY.replace("四、2024年工作安排", "四、2024年主要工作安排")
                     + "松川市人民政府\n2024年2月26日\n")
    assert [s.part for s in r.sections] == ["measures", "first_responsible", "shortcomings", "plan"]
    assert rules(r, "structure.missing_part") == []
    r = analyze_text("松川市2023年法治政府建设年度报告\n"
                     + BODY.replace("四、2024年工作安排\n年内完成执法人员轮训，培训不少于40学时。\n", "")
                     + "松川市人民政府\n2024年2月26日\n")
    assert [f.data.get("part") for f in rules(r, "structure.missing_part")] == ["plan"]




def test_bracket_headings_alone_are_top_level_parts() -> None:
    """What works today (kept as a guard for the fix above)."""
    r = analyze_text(BRACKET)
    tops = [s for s in r.sections if s.level == 1]
    assert {s.part for s in tops} >= {"measures", "first_responsible", "shortcomings", "plan"}


def test_cited_current_outline_beats_indicator_style_headings() -> None:
    # was a strict xfail: five headings phrased like the 示范指标体系's 一级 indicators (which mirror
    # the 2015 纲要 chapters) outweighed the explicit citation of the 2021-2025 纲要
    assert analyze_text(BRACKET).meta.framework == "2021-2025"


def test_measures_heading_with_its_words_joined_by_a_pause_mark():
    # 举措、成效 names the measures part as 举措和成效 does, even with a shortcoming after it
    assert classify_heading("一、2023年推进法治政府建设主要举措、成效和不足")[0] == "measures"
    assert classify_heading("主要举措、成效")[0] == "measures"
    # a shortcomings heading joined the same way stays shortcomings
    assert classify_heading("存在的问题、不足和原因")[0] == "shortcomings"
