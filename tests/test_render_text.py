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
