"""zh/numerals.py: the one place that reads and writes Chinese numerals."""
from __future__ import annotations

import pytest

from fazhi.zh.numerals import ONE_TO_TEN, cn_number, cn_ordinal, numeral, to_ascii_digits


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


def test_canonical_value_agrees_with_cn2an():
    """The standard-form reader (no cn2an import) gives cn2an's value for every numeral it
    accepts, and accepts exactly the standard form of each number."""
    import random

    import cn2an
    from fazhi.zh.numerals import canonical_numeral, canonical_value
    rnd = random.Random(3)
    ns = list(range(0, 3000)) + [rnd.randrange(10 ** 12) for _ in range(2000)] + \
        [rnd.randrange(1, 10 ** 4) * 10 ** rnd.choice([4, 5, 6, 7, 8]) for _ in range(500)]
    for n in ns:
        s = canonical_numeral(n)
        assert canonical_value(s) == n, (n, s)
        v = cn2an.cn2an(s, "smart")
        assert v == n and type(v) is int, (n, s, v)


def test_canonical_value_leaves_other_forms_to_cn2an():
    from fazhi.zh.numerals import canonical_numeral, canonical_value
    assert [canonical_numeral(n) for n in (10, 110, 1005, 100500, 1120000000)] == \
        ["十", "一百一十", "一千零五", "十万零五百", "十一亿二千万"]
    assert canonical_value("两") == 2
    for s in ("一十二", "两千", "二〇二三", "三点五", "零五", "十零", "一百零", "百", "万", "一万万",
              "十十", "二二", "一万零", "万一", "", "3", "十二个"):
        assert canonical_value(s) is None, s


def test_one_to_ten_are_the_characters_of_small_numbers():
    assert [cn_ordinal(c) for c in ONE_TO_TEN] == list(range(1, 11))
