"""Years as reports write them, defined once: 2023 / 二〇二三 / 二○二三, a span of years
(2021-2025年, 2021年至2025年), and the value of a year written either way.

The patterns that find a year in a sentence (parse/report_year: the report's year, with Chinese
digits; checks/common: years a rule compares, Arabic only and not inside a decimal;
extract/facts: the year of a figure, with its period suffix 以来/至今) are built from these."""
from __future__ import annotations

import re

from .numerals import to_ascii_digits

ARABIC_YEAR = r"(?:19|20)\d{2}"
# a year in Chinese digits, digit by digit (二〇二三, 一九九九)
CN_YEAR = r"[〇○零一二][〇○零一二三四五六七八九]{3}"
# any four Chinese digits where a title or an organ line puts its year (not checked as CN_YEAR is)
CN_DIGITS_YEAR = r"[〇○零一二三四五六七八九]{4}"
# a span of years: 2021-2025年, 2021年至2025年, 2021—2025
YEAR_RANGE = re.compile(rf"{ARABIC_YEAR}\s*年?\s*[-—–~～至到]{{1,2}}\s*{ARABIC_YEAR}\s*年?")
# the years a report's own year, a page's date or a reviewer's entry can be (parse/report_year,
# ingest/clean, supervision/corrections, the web's year filter): a 2300年 read in the text is not one
YEAR_MIN, YEAR_MAX = 1990, 2100


def year_value(s: str) -> int:
    """'2023' / '二〇二三' → 2023."""
    return int(to_ascii_digits(s.strip()))
