"""The range of Chinese characters, written once (zh/cjk.py)."""
import re

from fazhi.zh.cjk import CJK, CJK_CHAR, CJK_RUN


def test_the_range_is_the_unified_ideographs():
    assert re.fullmatch(rf"[{CJK}]", "\u4e00") and re.fullmatch(rf"[{CJK}]", "\u9fff")
    assert not re.fullmatch(rf"[{CJK}]", "\u3400")        # extension A is outside
    assert not re.fullmatch(rf"[{CJK}]", "。")


def test_one_character_and_runs():
    assert CJK_CHAR.findall("Ab县1，区") == ["县", "区"]
    assert CJK_RUN.findall("长河县2024年度report法治") == ["长河县", "年度", "法治"]
