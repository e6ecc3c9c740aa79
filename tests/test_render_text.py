"""`fazhi analyze` text summary (render/text.py): what a reviewer reads on the terminal."""
from __future__ import annotations

import re
from pathlib import Path

from fazhi.cli import main

TEXTS = Path(__file__).parent / "texts"


def test_summary_names_numbering_anomalies_and_missing_title_in_chinese(capsys):
    assert main(["analyze", str(TEXTS / "checks_numbering.txt")]) == 0
    out = capsys.readouterr().out
    first, structure = out.splitlines()[0], out.split("结构：")[1].split("法定内容：")[0]
    assert first == "（原文未写标题）"                 # not 《—》: there is no title to quote
    assert "地区      —  " in out and "（—）" not in out
    flags = re.findall(r"⚠(\S+)", structure)
    assert set(flags) == {"同级标题缺少编号", "编号跳号", "编号越级", "编号重复"}, structure
    assert not re.search(r"[a-z]{3,}", structure)      # no skip / level_jump / unnumbered_sibling
    # the same anomalies are the findings listed below the structure
    assert out.count("标题编号跳号、重号或层级混乱") >= 3


def test_summary_reads_a_figure_only_when_it_differs_from_the_quote():
    from fazhi.api import analyze_text
    from fazhi.render.text import summary
    r = analyze_text("青石县2023年法治政府建设年度报告\n一、主要举措和成效\n全年办理行政复议案件12件，"
                     "调解纠纷1.3万余件。\n", path="x.txt")
    facts = summary(r).split("数据：")[1].split("审核结论")[0]
    assert "12件  =" not in facts and "12件" in facts              # 12件 = 12件 said nothing
    assert "1.3万余件  = 13000件" in facts
