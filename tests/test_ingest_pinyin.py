"""ingest: the pinyin a broken traditional conversion inserts after characters is cut out as
residue (kind "pinyin"); the engine then finds the parts and the year (texts written for the
test)."""
from __future__ import annotations

import pytest

from fazhi import analyze_text
from fazhi.ingest import ingest
from fazhi.textnorm import PINYIN, strip_pinyin

BROKEN = ("2022年,青嵐區(qū)堅持依法行政,推進(jìn)法治政府建設(shè),各項工作取得明顯成效。\n"
          "一、全面加強黨對法治政府建設(shè)工作的領(lǐng)導(dǎo)\n正文。\n"
          "二、存在的問題\n正文。\n")


def test_pinyin_is_cut_and_recorded() -> None:
    doc = ingest(BROKEN.encode("utf-8"))
    assert "(shè)" not in doc.text and "建設工作的領導" in doc.text
    cut = [r for r in doc.removed if r.kind == "pinyin"]
    assert [r.text for r in cut] == ["(qū)", "(jìn)", "(shè)", "(shè)", "(lǐng)", "(dǎo)"]
    # each removal points where it stood
    assert doc.text[cut[0].at - 1] == "區"


def test_engine_finds_parts_and_year_through_the_pinyin() -> None:
    r = analyze_text(BROKEN)
    assert r.meta.report_year == 2022
    assert [s.part for s in r.sections] == ["measures", "shortcomings"]
    assert len(r.norm) == len(r.text)
    assert not any(f.rule == "provenance.web_chrome" for f in r.findings)


@pytest.mark.parametrize("s", ["《青岚市行政规范性文件管理办法(试行)》", "××县(xx镇)", "附件(A)", "报告(2021)",
                               "青岚(yes)", "Beijing (běi)"])
def test_brackets_that_are_not_inserted_pinyin_stay(s) -> None:
    assert PINYIN.search(s) is None
    assert strip_pinyin(s) == s


def test_strip_pinyin() -> None:
    assert strip_pinyin("清遠(yuǎn)市") == "清遠市"
    assert strip_pinyin("結（jié）果") == "結果"
