"""meta.title: a title whose subject (an organ or place) is broken onto the line above is read
whole; organs above a complete title stay header issuers (texts written for the test)."""
from __future__ import annotations

import pytest

from fazhi import analyze_text

BODY = ("2023年，局党组坚持以习近平法治思想为指导，认真落实《法治政府建设实施纲要（2021—2025年）》，"
        "推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n")


@pytest.mark.parametrize("head,title", [
    ("临渊市市场监督管理局\n2023年法治政府建设年度报告\n", "临渊市市场监督管理局2023年法治政府建设年度报告"),
    ("临渊市司法局\n2023年度法治政府建设工作报告\n", "临渊市司法局2023年度法治政府建设工作报告"),
    ("临渊市市场监督管理局2023年\n法治政府建设年度报告\n", "临渊市市场监督管理局2023年法治政府建设年度报告"),
])
def test_subject_line_above_the_title_is_joined(head, title) -> None:
    r = analyze_text(head + BODY)
    assert r.meta.title == title
    a, b = r.meta.evidence["title"]
    assert r.text[a:b].replace("\n", "") == title
    assert r.meta.department == title.split("2023")[0].removeprefix("临渊市")   # without the place
    assert r.meta.jurisdiction == "临渊市"
    if head.split("\n")[0].endswith("局"):
        # no signature: the organ that opens the title is the issuer
        assert r.meta.issuers == [head.split("\n")[0]]


@pytest.mark.parametrize("head,title", [
    # a 关于 title is complete: the organ above is the header issuer
    ("临渊市人民政府\n关于2023年法治政府建设情况的报告\n", "关于2023年法治政府建设情况的报告"),
    # two organs on the line: joint header issuers
    ("中共临渊市委 临渊市人民政府\n2023年法治政府建设年度报告\n", "2023年法治政府建设年度报告"),
    # a blank line between: a header, not a broken title
    ("临渊市司法局\n\n2023年度法治政府建设工作报告\n", "2023年度法治政府建设工作报告"),
    # a document header (…文件) is not the title's subject
    ("临渊市人民政府文件\n2023年法治政府建设年度报告\n", "2023年法治政府建设年度报告"),
])
def test_header_lines_are_not_joined(head, title) -> None:
    r = analyze_text(head + BODY)
    assert r.meta.title == title


def test_column_name_of_the_breadcrumb_above_the_headline_is_not_part_of_the_title() -> None:
    text = ("法治动态\n当前位置: 首页 >> 工作动态 >> 法治动态\n"
            "青岚县人大常委会听取县政府2023年法治政府建设情况报告\n" + BODY)
    r = analyze_text(text)
    assert r.meta.title == "青岚县人大常委会听取县政府2023年法治政府建设情况报告"


def test_title_broken_over_two_lines_without_a_breadcrumb_is_still_joined() -> None:
    # the first line is no item of a breadcrumb: a title broken over two lines
    text = ("当前位置: 首页 >> 工作动态\n青岚县2023年度法治政府\n建设情况报告\n" + BODY)
    r = analyze_text(text)
    assert r.meta.title == "青岚县2023年度法治政府建设情况报告"
