"""classify/parts.py, one section with two statutory parts: a heading such as 存在问题及下一步打算 covers both
(Section.parts), the checklist shows both, and the part-specific rules read the right half of
the section (texts written for the test, through the whole pipeline)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from fazhi import analyze_text
from fazhi.classify.parts import combined_parts, part_sections
from fazhi.config import Config
from fazhi.corpus.parts import part_spans
from fazhi.render.opinion import part_rows
from fazhi.render.text import summary

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs/json-schema/fazhi.report-1.json").read_text("utf-8"))

HEAD = ("松川市2023年法治政府建设年度报告\n2023年，全市坚持以习近平法治思想为指导，推进法治政府建设。"
        "现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长主持召开常务会议研究法治建设4次。\n")
TAIL = "松川市人民政府\n2024年2月26日\n"
VAGUE_SHORT = "一是执法力量仍需加强，二是法治宣传仍有短板，原因是重视不够、投入不足。\n"
SPECIFIC_SHORT = "全市30个乡镇中仍有9个未配备专职法制审核人员，原因是乡镇编制紧张、人员兼职较多。\n"
VAGUE_PLAN = "下一步，我们将继续完善工作机制，强化责任落实，加强宣传教育。\n"
SPECIFIC_PLAN = "下一步，我们将在2024年底前完成执法人员轮训，培训不少于40学时。\n"


def report(heading: str, body: str):
    return analyze_text(HEAD + f"三、{heading}\n" + body + TAIL)


def rules(r, rule):
    return [f for f in r.findings if f.rule == rule]


@pytest.mark.parametrize("heading,expect", [
    ("存在问题及下一步打算", ["shortcomings", "plan"]),
    ("问题不足和下步打算", ["shortcomings", "plan"]),
    ("存在的不足及下一步工作计划", ["plan", "shortcomings"]),     # part first, then the others
])
def test_combined_heading_covers_both_parts(heading, expect) -> None:
    r = report(heading, SPECIFIC_SHORT + SPECIFIC_PLAN)
    s = r.sections[2]
    assert s.parts == expect and s.part == expect[0]
    assert rules(r, "structure.missing_part") == []
    rows = {row.part: row.status for row in part_rows(r, Config.default())}
    assert rows["shortcomings"] == rows["plan"] == "present"
    checklist = summary(r).split("法定内容：")[1].splitlines()[0]
    assert checklist.count("✓") == 4 and "✗" not in checklist


@pytest.mark.parametrize("heading", ["存在的不足和原因", "主要举措和成效", "问题和不足"])
def test_single_part_headings_are_not_split(heading) -> None:
    assert combined_parts(heading) == []


def test_single_part_section_keeps_one_part_and_the_missing_plan_is_reported() -> None:
    r = report("存在的不足和原因", SPECIFIC_SHORT)
    assert r.sections[2].parts == ["shortcomings"]
    assert [f.data["part"] for f in rules(r, "structure.missing_part")] == ["plan"]
    rows = {row.part: row.status for row in part_rows(r, Config.default())}
    assert rows["plan"] == "missing"


def test_json_has_parts_and_validates_with_and_without_it() -> None:
    doc = report("存在问题及下一步打算", SPECIFIC_SHORT + SPECIFIC_PLAN).to_json()
    jsonschema.validate(doc, SCHEMA)
    assert doc["sections"][2]["parts"] == ["shortcomings", "plan"]
    assert doc["sections"][0]["parts"] == ["measures"]
    old = copy.deepcopy(doc)
    for s in old["sections"]:
        s.pop("parts")
    jsonschema.validate(old, SCHEMA)
    bad = copy.deepcopy(doc)
    bad["sections"][2]["parts"] = ["problems"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_split_at_the_plan_cue() -> None:
    r = report("存在问题及下一步打算", VAGUE_SHORT + SPECIFIC_PLAN)
    (_, a, b), = part_sections(r, "shortcomings")
    (_, c, d), = part_sections(r, "plan")
    assert r.text[c:d].startswith("下一步") and b == c
    assert r.text[a:b].startswith("三、存在问题及下一步打算\n")
    body = r.text[a:b].split("\n", 1)[1]
    assert "下一步" not in body and "原因是重视不够" in body


def test_vague_shortcomings_reads_the_shortcomings_half() -> None:
    # the plan half's figures must not make the shortcomings specific
    r = report("存在问题及下一步打算", VAGUE_SHORT + SPECIFIC_PLAN)
    assert len(rules(r, "quality.vague_shortcomings")) == 1
    assert rules(r, "quality.plan_without_targets") == []
    # must not fire: specific shortcomings
    r = report("存在问题及下一步打算", SPECIFIC_SHORT + SPECIFIC_PLAN)
    assert rules(r, "quality.vague_shortcomings") == []


def test_plan_without_targets_reads_the_plan_half() -> None:
    # the shortcomings half's figures must not make the plan checkable
    r = report("存在问题及下一步打算", SPECIFIC_SHORT + VAGUE_PLAN)
    assert len(rules(r, "quality.plan_without_targets")) == 1
    assert rules(r, "quality.vague_shortcomings") == []
    r = report("问题不足和下步打算", SPECIFIC_SHORT + SPECIFIC_PLAN)
    assert rules(r, "quality.plan_without_targets") == []


def test_split_at_a_plan_subheading_and_at_next_year() -> None:
    body = ("（一）存在的问题\n" + SPECIFIC_SHORT + "（二）下一步打算\n" + VAGUE_PLAN)
    r = report("存在问题及下一步打算", body)
    (_, c, d), = part_sections(r, "plan")
    assert r.text[c:d].startswith("（二）下一步打算")
    assert len(rules(r, "quality.plan_without_targets")) == 1
    body = SPECIFIC_SHORT + "2024年，我们将继续完善工作机制，强化责任落实，加强宣传教育。\n"
    r = report("存在问题及下一步打算", body)
    (_, c, d), = part_sections(r, "plan")
    assert r.text[c:d].startswith("2024年，我们将")


def test_no_reliable_split_uses_the_whole_section() -> None:
    # no plan cue: both parts read the whole section, so the figures count for both
    body = ("全市30个乡镇中仍有9个未配备专职法制审核人员，原因是编制紧张，"
            "我们将继续完善工作机制，强化责任落实。\n")
    r = report("存在问题及下一步打算", body)
    s = r.sections[2]
    assert [(a, b) for _, a, b in part_sections(r, "plan")] == [(s.start, s.end)]
    assert [(a, b) for _, a, b in part_sections(r, "shortcomings")] == [(s.start, s.end)]
    assert rules(r, "quality.plan_without_targets") == []


def test_corpus_part_spans_use_parts() -> None:
    r = report("存在问题及下一步打算", SPECIFIC_SHORT + SPECIFIC_PLAN)
    doc = r.to_json()
    found = [p.part for p in part_spans(doc["sections"], doc["text"])]
    assert found == ["measures", "first_responsible", "shortcomings", "plan"]
    for s in doc["sections"]:
        s.pop("parts")            # output of earlier versions: one part per section
    found = [p.part for p in part_spans(doc["sections"], doc["text"])]
    assert found == ["measures", "first_responsible", "shortcomings"]


def test_stored_report_keeps_both_parts_in_the_checklist() -> None:
    from fazhi.model import Report
    doc = report("存在问题及下一步打算", SPECIFIC_SHORT + SPECIFIC_PLAN).to_json()
    back = Report.from_json(doc)
    assert back.sections[2].parts == ["shortcomings", "plan"]
    rows = {row.part: row.status for row in part_rows(back, Config.default())}
    assert rows["shortcomings"] == rows["plan"] == "present"


# -- structure.missing_part: one heading naming two parts ------------------------------------
@pytest.mark.parametrize("heading,missing", [
    ("三、存在问题及下一步打算", []),
    ("三、存在的问题和下一步工作安排", []),
    ("三、存在的不足和原因", ["plan"]),
    ("三、工作成效和经验", ["shortcomings", "plan"]),
])
def test_combined_heading_covers_both_parts_missing_part(heading: str, missing: list[str]) -> None:
    text = ("松川县2023年法治政府建设年度报告\n2023年，全县推进法治政府建设。现将有关情况报告如下：\n"
            "一、主要举措和成效\n全年办理行政复议案件120件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议研究法治建设4次。\n"
            f"{heading}\n一是执法人员不足，原因是编制紧张。下一步，年内完成执法人员轮训，培训不少于40学时。\n"
            "松川县人民政府\n2024年2月26日\n")
    out = rules(analyze_text(text), "structure.missing_part")
    assert [f.data["part"] for f in out] == missing
