"""extract/quantities.py, durations with 半: 一个半月, 一年半, 两年半, 半年, 半个月 are read;
上半年, 下半年, 半年度, 每半年, 半年工作总结, 一半 are not quantities (sentences written for the test)."""
from __future__ import annotations

import pytest

from fazhi import analyze_text
from fazhi.extract.quantities import find_quantities


def read(text: str):
    return [(text[q.start:q.end], q.value, q.unit, q.kind, q.qualifier) for q in find_quantities(text)]


@pytest.mark.parametrize("text,expect", [
    ("平均审理期限压缩至一个半月。", ("一个半月", 1.5, "个月", "duration", None)),
    ("历时一年半完成清理。", ("一年半", 1.5, "年", "duration", None)),
    ("用两年半时间完成改革。", ("两年半", 2.5, "年", "duration", None)),
    ("专项行动持续半年，成效明显。", ("半年", 0.5, "年", "duration", None)),
    ("问题均在半个月内整改到位。", ("半个月", 0.5, "个月", "duration", None)),
    ("近半年来共受理投诉。", ("近半年", 0.5, "年", "duration", "近")),
    ("平均用时一个半小时。", ("一个半小时", 1.5, "个小时", "duration", None)),
])
def test_half_durations_are_read(text, expect) -> None:
    assert read(text) == [expect]


@pytest.mark.parametrize("text", [
    "上半年完成执法人员轮训。",
    "下半年开展案卷评查。",
    "按时报送半年度工作报告。",
    "每半年开展一次监督检查。",
    "认真做好半年工作总结。",
    "一半以上的案件通过调解化解。",
    "设立一个窗口集中受理。",
    "一年来，全县法治建设取得新进展。",
    "《半年报》按期印发。",
])
def test_half_words_that_are_not_durations(text) -> None:
    assert read(text) == []


def test_two_halves_in_one_sentence_keep_their_order() -> None:
    got = read("办理时限由一年半压缩至半年，三个半小时内办结。")
    assert got == [("一年半", 1.5, "年", "duration", None), ("半年", 0.5, "年", "duration", None),
                   ("三个半小时", 3.5, "个小时", "duration", None)]


# -- quantities: 半 after a duration ----------------------------------------------------------
def test_half_durations() -> None:
    r = analyze_text("会议时长约两个半小时，办理时间由3个半小时缩短至1个半小时，审查用时3天半。共有3个半成品。\n")
    assert [(f.quote, f.value, f.unit, f.kind) for f in r.facts] == [
        ("约两个半小时", 2.5, "个小时", "duration"), ("3个半小时", 3.5, "个小时", "duration"),
        ("1个半小时", 1.5, "个小时", "duration"), ("3天半", 3.5, "天", "duration"), ("3个", 3, "个", "count")]


def test_a_run_of_years_before_its_verb_is_a_duration() -> None:
    # 连续4年开展: the years are counted; 四年行动 / 5年规划 stay names
    assert [(v, u) for _, v, u, _, _ in read("区政府连续4年开展重大决策评审。")] == [(4, "年")]
    assert [(v, u) for _, v, u, _, _ in read("连续3年获评优秀，连续两个月开展巡查。")] == [(3, "年"), (2, "个月")]
    assert read("实施四年行动，编制5年规划。") == []
