"""eval/real.py on a page set written here: per-field scoring, the fixed split and the kinds of miss."""
from __future__ import annotations

import json

import pytest

from eval import real

REPORT = ("石城县人民政府关于2023年度法治政府建设情况的报告\n"
          "2023年，石城县坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下。\n"
          "一、主要举措和成效\n全年办理行政复议案件12件。\n"
          "二、存在的不足\n法治宣传的针对性还不强。\n"
          "三、下一步工作打算\n持续深化法治政府建设。\n")

GOLD = {"kind": "report", "jurisdiction": "石城县", "province": "江西省", "parent": "赣州市",
        "level": "county", "department": None, "report_year": 2023, "publish_date": None,
        "statutory_parts": [["一、主要举措和成效", "measures"]],
        "numbers": [{"quote": "行政复议案件12件", "value": 12, "approx": False}]}


def _set(tmp_path, pages):
    for name, (text, gold) in pages.items():
        d = tmp_path / name[0]
        d.mkdir(exist_ok=True)
        (d / f"{name}.txt").write_text(text, "utf-8")
        (d / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return real.load_pages(tmp_path)


def test_split_is_fixed_by_the_last_digit():
    assert [real.split_of(p) for p in ("a010", "a013", "b017", "a011", "b019")] == \
        ["test", "test", "test", "dev", "dev"]


def test_miss_kind_tells_a_guess_from_unknown():
    assert real.miss_kind(None, "石城县") == "null"
    assert real.miss_kind("石城县", None) == "spurious"
    assert real.miss_kind("瑞金市", "石城县") == "wrong"


def test_scores_and_miss_kinds_on_pages_written_here(tmp_path):
    wrong = dict(GOLD, jurisdiction="瑞金市", report_year=None)   # a gold the engine cannot match
    pages = _set(tmp_path, {"a001": (REPORT, GOLD), "a002": (REPORT, wrong)})
    res = real.evaluate(pages)[("all", "dev")]
    assert res["is_report"].ok == 2 and res["quantities"].ok == 2 and res["parts"].ok == 2
    assert (res["jurisdiction"].ok, res["jurisdiction"].n) == (1, 2)
    assert res["jurisdiction"].kinds == {"wrong": 1, "null": 0, "spurious": 0}
    assert res["report_year"].kinds == {"wrong": 0, "null": 0, "spurious": 1}
    assert any(m.startswith("a002: 瑞金市 → 石城县") for m in res["jurisdiction"].misses)


def test_run_prints_the_guess_table(tmp_path, monkeypatch):
    _set(tmp_path, {"a001": (REPORT, GOLD)})
    monkeypatch.setenv("FAZHI_REAL", str(tmp_path))
    out = real.run()
    assert "meta misses by kind" in out
    line = next(ln for ln in out.splitlines() if ln.startswith("| all meta fields"))
    assert [c.strip() for c in line.strip("|").split("|")] == ["all meta fields", "0 / 0 / 0", "0 / 0 / 0"]


@pytest.mark.parametrize("field", real.META)
def test_every_meta_field_is_scored(tmp_path, field):
    pages = _set(tmp_path, {"a001": (REPORT, GOLD)})
    assert real.evaluate(pages)[("all", "dev")][field].n == 1
