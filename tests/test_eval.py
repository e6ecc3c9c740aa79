"""The evaluation harness runs on a fast subset and prints its tables (no assertion on scores)."""
from __future__ import annotations

import yaml

from eval.__main__ import main
from eval.common import DATA, heading_match, locate
from eval.extract import score


def test_harness_prints_all_tables(capsys):
    assert main(["--fast"]) == 0
    out = capsys.readouterr().out
    for title in ("### meta", "### facts", "### structure", "### extract", "### quantities", "### findings"):
        assert title in out
    for tool in ("fazhi", "heading regex baseline", "trafilatura", "readability-lxml", "jusText",
                 "cn2an.cn2an(span", "cn2an.transform", "chinese2digits", "keyword baseline"):
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


def test_findings_matching_rules():
    from eval.findings import Pred, matches
    text = "二、存在的不足\n(三)执法力量不足。\n"
    a = text.index("(三)")
    pred = Pred("structure.heading_numbering", spans=[(a, a + 8)], quotes=["(三)执法力量不足"])
    assert matches({"rule": "structure.heading_numbering", "quote": "(三)执法力量不足"}, pred, text)
    assert matches({"rule": "structure.heading_numbering", "quote": ["别处", "执法力量"]}, pred, text)
    assert not matches({"rule": "structure.missing_part", "quote": "(三)执法力量不足"}, pred, text)
    assert not matches({"rule": "structure.heading_numbering", "quote": "二、存在的不足"}, pred, text)
    part = Pred("structure.missing_part", part="plan", message="缺少下一年度安排（plan）")
    assert matches({"rule": "structure.missing_part", "part": "plan"}, part, text)
    assert not matches({"rule": "structure.missing_part", "part": "shortcomings"}, part, text)
    # removed residue has no span: the quote is found in the evidence quote
    chrome = Pred("provenance.web_chrome", quotes=["网站地图 联系我们"])
    assert matches({"rule": "provenance.web_chrome", "quote": "网站地图"}, chrome, text)


def test_gold_findings_quote_the_report_text():
    from eval.common import load_gold
    from eval.findings import _occurrences
    from conftest import enough
    golds, _ = load_gold()
    assert sum(len(g.data.get("findings") or []) for g in golds) >= enough(25, 10)
    for g in golds:
        text = g.path.read_text("utf-8")
        for f in g.data.get("findings") or []:
            assert f["rule"].split(".")[0] in ("structure", "years", "figures", "provenance", "quality")
            quotes = f.get("quote") or []
            for q in [quotes] if isinstance(quotes, str) else quotes:
                assert _occurrences(text, q), (g.id, q)
