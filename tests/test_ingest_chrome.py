"""ingest: pager bars and visit counters with thousands separators are removed whole
(texts written for the test)."""
from __future__ import annotations

import pytest

from fazhi.ingest import ingest

HEAD = "松川市2023年法治政府建设年度报告\n"
PARA1 = "2023年，全市办理行政复议案件120件，审结110件，纠错率14.3%，行政机关负责人出庭应诉率100%。\n"
PARA2 = "全市开展执法案卷评查，抽查案卷300卷，优秀案卷210卷，合格案卷80卷，不合格案卷10卷。\n"


def removed(doc, kind):
    return [r.text for r in doc.removed if r.kind == kind]


@pytest.mark.parametrize("pager", [
    "上一页 1 2 下一页",
    "首页 上一页 1 2 3 下一页 尾页",
    "第1页 共3页",
    "共3页 当前第1页 首页 上一页 下一页 末页",
    "« 上一页 | 下一页 »",
    "下一页",
])
def test_pager_line_is_removed(pager: str) -> None:
    doc = ingest((HEAD + PARA1 + pager + "\n" + PARA2).encode())
    assert removed(doc, "pager") == [pager]
    assert "页" not in doc.text.replace("年度报告", "")
    assert PARA1.strip() in doc.text and PARA2.strip() in doc.text


@pytest.mark.parametrize("line", [
    "下一步，我们将持续推进执法规范化建设",
    "2023年",
    "1 2 3",
])
def test_pager_must_not_fire_on_body(line: str) -> None:
    doc = ingest((HEAD + PARA1 + line + "\n" + PARA2).encode())
    assert removed(doc, "pager") == []
    assert line in doc.text


def test_pager_words_inside_a_sentence_stay() -> None:
    body = "详见附件第2页至第5页所列事项清单，共5页，上一页所列事项已全部办结。\n"
    doc = ingest((HEAD + PARA1 + body + PARA2).encode())
    assert removed(doc, "pager") == []
    assert body.strip() in doc.text


@pytest.mark.parametrize("counter,expect", [
    ("浏览次数：1,208", "浏览次数：1,208"),
    ("阅读量：12,345,678次", "阅读量：12,345,678次"),
    ("点击数：1，208", "点击数：1，208"),
    ("浏览次数：865", "浏览次数：865"),
])
def test_counter_with_thousands_separator_is_removed_whole(counter: str, expect: str) -> None:
    line = f"发布时间：2024-03-22 09:30 来源：市司法局 {counter}\n"
    doc = ingest((HEAD + line + PARA1 + PARA2).encode())
    assert removed(doc, "counter") == [expect]
    assert doc.hints["publish_date"] == "2024-03-22"
    # nothing of the counter stays in the text or on the removed 发布时间 line
    assert not any(r.text.startswith((",", "，")) or r.text.endswith((",", "，"))
                   for r in doc.removed)
    assert "208" not in doc.text and "865" not in doc.text


def test_counter_number_does_not_swallow_the_next_figure() -> None:
    # a comma that is a list separator (not followed by three digits) ends the counter
    line = "浏览次数：12，来源：市司法局\n"
    doc = ingest((HEAD + line + PARA1).encode())
    assert removed(doc, "counter") == ["浏览次数：12"]
