"""classify.parts: top-level headings named by theme are the measures part; more phrasings of
the measures heading (texts written for the test)."""
from __future__ import annotations

import pytest

from fazhi import analyze_text
from fazhi.classify.parts import classify_heading

OPEN = "2023年,青岚市坚持依法行政,推进法治政府建设,各项工作取得明显成效。\n"


def parts(text: str) -> list[tuple[str, str | None, str | None]]:
    r = analyze_text(OPEN + text)
    return [(s.heading, s.part, s.part_basis) for s in r.sections]


def test_thematic_headings_before_the_other_parts_are_measures() -> None:
    got = parts("一、强化政治担当\n正文。\n二、扛牢主体责任,夯实法治建设根基\n正文。\n"
                "三、存在的问题\n正文。\n四、下一步工作计划\n正文。\n")
    assert [p for _, p, _ in got] == ["measures", "measures", "shortcomings", "plan"]
    assert got[0][2] == "thematic"


def test_first_responsible_may_come_first() -> None:
    got = parts("一、党政主要负责人履行推进法治建设第一责任人职责情况\n正文。\n"
                "二、坚持良法善治,助力制度体系建设\n正文。\n三、存在的不足\n正文。\n")
    assert [p for _, p, _ in got] == ["first_responsible", "measures", "shortcomings"]


def test_a_theme_after_the_other_parts_is_not_a_measure() -> None:
    got = parts("一、主要举措和成效\n正文。\n二、存在的问题\n正文。\n三、附录材料\n正文。\n")
    assert got[2][1:] == ("other", "unmatched")


def test_a_theme_after_a_named_measures_section_is_not_a_measure() -> None:
    got = parts("一、主要举措和成效\n正文。\n二、附录材料\n正文。\n")
    assert got[1][1:] == ("other", "unmatched")


@pytest.mark.parametrize("heading", [
    "任务进展及成效", "2023年度推进法治政府建设的主要措施和成效", "2024年主要举措和突出成效",
    "2021年法治政府建设情况", "2023年度法治政府建设主要情况", "工作总体完成情况", "主要措施",
    "滨海新区2016年依法行政工作总体情况",
])
def test_measures_phrasings(heading) -> None:
    assert classify_heading(heading)[0] == "measures"


@pytest.mark.parametrize("heading,part", [
    ("法治政府建设存在的问题", "shortcomings"),
    ("2024年法治政府建设工作计划", "plan"),
    ("其他需要报告的情况", "other"),
    ("2024年工作計畫", "plan"),          # Taiwan spelling left by a wrong conversion
])
def test_other_parts_keep_their_names(heading, part) -> None:
    assert classify_heading(heading)[0] == part


def test_keyword_filter_blanks_do_not_hide_the_parts() -> None:
    got = parts("一、深学笃行_法治思想,筑牢思想根基\n正文。\n二、法治建设中存在的突出问题\n正文。\n"
                "三、下一步工作计划\n正文。\n")
    assert [p for _, p, _ in got] == ["measures", "shortcomings", "plan"]


def test_an_unusual_shortcomings_heading_ends_the_themes() -> None:
    got = parts("一、强化政治担当\n正文。\n二、工作中还需改进的短板\n正文。\n三、附录材料\n正文。\n")
    assert [p for _, p, _ in got][0] == "measures"
    assert got[1][1] != "measures" and got[2][1:] == ("other", "unmatched")


def test_themes_numbered_again_from_one_under_the_measures_heading() -> None:
    # "一、主要措施" followed by "一、…" "二、…": the numbering restarts for its themes
    got = parts("一、2023年法治政府建设主要措施\n一、强化领导责任,夯实法治政府建设基础\n正文。\n"
                "二、规范行政执法,提升执法质效\n正文。\n三、存在的问题\n正文。\n")
    assert [p for _, p, _ in got] == ["measures", "measures", "measures", "shortcomings"]


def test_a_heading_after_the_measures_section_without_a_restart_is_not_a_theme() -> None:
    got = parts("一、主要举措和成效\n正文。\n二、强化领导责任,夯实法治政府建设基础\n正文。\n")
    assert [p for _, p, _ in got] == ["measures", "other"]


def test_problem_oriented_is_a_theme_not_the_shortcomings() -> None:
    # "突出问题导向" names a way of working: the theme run goes on
    got = parts("一、加强组织领导,法治政府建设主体责任全面夯实\n正文。\n"
                "二、突出问题导向,人社服务效能全面提升\n正文。\n三、存在的问题\n正文。\n")
    assert [p for _, p, _ in got] == ["measures", "measures", "shortcomings"]


def test_a_heading_naming_problems_still_ends_the_theme_run() -> None:
    got = parts("一、强化政治担当\n正文。\n二、法治建设中的问题与整改方向\n正文。\n")
    assert got[1][1] != "measures"
