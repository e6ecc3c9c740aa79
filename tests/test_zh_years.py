"""Years as reports write them, written once (zh/years.py)."""
import re

from fazhi.zh.years import ARABIC_YEAR, CN_DIGITS_YEAR, CN_YEAR, YEAR_MAX, YEAR_MIN, YEAR_RANGE, year_value


def test_a_year_written_either_way():
    assert re.fullmatch(ARABIC_YEAR, "2023") and not re.fullmatch(ARABIC_YEAR, "1875")
    assert re.fullmatch(CN_YEAR, "二〇二三") and re.fullmatch(CN_YEAR, "二○二三")
    assert not re.fullmatch(CN_YEAR, "三〇二三")
    assert year_value("二〇二三") == year_value(" 2023 ") == 2023


def test_a_span_of_years():
    assert YEAR_RANGE.fullmatch("2021-2025年") and YEAR_RANGE.fullmatch("2021年至2025年")


def test_the_window_of_years_a_report_can_name():
    assert YEAR_MIN <= year_value("2023") <= YEAR_MAX
    assert not YEAR_MIN <= year_value("1985") <= YEAR_MAX


def test_four_chinese_digits_in_a_year_place():
    assert re.fullmatch(CN_DIGITS_YEAR, "二〇二三") and re.fullmatch(CN_DIGITS_YEAR, "三〇二三")
    assert not re.fullmatch(CN_DIGITS_YEAR, "二〇二") and not re.fullmatch(CN_DIGITS_YEAR, "二十二年")
