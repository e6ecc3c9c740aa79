"""The evaluation harness runs on a fast subset and prints its tables (no assertion on scores)."""
from __future__ import annotations

import yaml

from eval.__main__ import main
from eval.common import DATA, heading_match, locate
from eval.extract import score


def test_harness_prints_all_tables(capsys):
    assert main(["--fast"]) == 0
    out = capsys.readouterr().out
    for title in ("### meta", "### facts", "### structure", "### extract", "### quantities"):
        assert title in out
    for tool in ("fazhi", "heading regex baseline", "trafilatura", "readability-lxml", "jusText",
                 "cn2an.cn2an(span", "cn2an.transform", "chinese2digits"):
        assert tool in out
    for metric in ("| P ", "| R ", "F1", "accuracy", "value acc", "unit acc", "tree acc", "part acc",
                   "residue lines", "FP rate"):
        assert metric in out


def test_one_suite_only(capsys):
    assert main(["quantities", "--fast"]) == 0
    out = capsys.readouterr().out
    assert "### quantities" in out and "### extract" not in out


def test_datasets_have_the_promised_size():
    q = yaml.safe_load((DATA / "quantities.yaml").read_text("utf-8"))
    assert len(q["positives"]) >= 300 and len(q["negatives"]) >= 100
    for it in q["positives"] + q["negatives"]:
        assert it["span"] in it["text"]
    assert len(list((DATA / "html").glob("*.html"))) >= 12
    assert len(list((DATA / "reports").glob("*.txt"))) >= 4


def test_scoring_helpers():
    assert heading_match("行政执法部门专业化程度不足，执法专业人才短缺", "行政执法部门专业化程度不足")
    assert not heading_match("存在的问题", "存在的不足")
    assert locate("共15件，其中15件办结", ["15件", "15件"]) == [(1, 4), (7, 10)]
    p, r, residue = score("首页 > 政务公开\n正文一段", "正文一段")
    assert r == 1.0 and p < 1.0 and residue == 1
