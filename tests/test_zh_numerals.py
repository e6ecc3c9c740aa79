"""zh/numerals.py: the one place that reads and writes Chinese numerals."""
from __future__ import annotations

import pytest

from fazhi.zh.numerals import cn_number, cn_ordinal, numeral, to_ascii_digits


@pytest.mark.parametrize("s,v", [("12", 12), ("十", 10), ("十二", 12), ("二十三", 23), ("二〇二三", 2023),
                                 ("二○二二", 2022), ("二O二一", 2021), ("三", 3), ("两", 2), ("一百", None),
                                 ("", None), ("甲", None)])
def test_cn_number(s, v):
    assert cn_number(s) == v


@pytest.mark.parametrize("s,v", [("三", 3), ("十二", 12), ("7", 7), ("⑶", 3), ("②", 2), ("", None), ("甲", None)])
def test_cn_ordinal(s, v):
    assert cn_ordinal(s) == v


def test_numeral_round_trips_every_heading_ordinal():
    for i in range(1, 100):
        assert cn_number(numeral(i)) == i


def test_digits_read_one_by_one():
    assert to_ascii_digits("二〇二三年十二月") == "2023年十2月"
    assert to_ascii_digits("Ｏ") == "0"
