"""Chinese numerals, written once: the value of a numeral (十二, 二〇二三, ②), a number as a
numeral (12 → 十二), and digit-by-digit numerals read as ASCII digits (二〇二三 → 2023).

Used by parse/dates and parse/report_year (dates, years), parse/sections (heading ordinals), checks/structure
(expected heading markers), extract/facts (years) and supervision/corrections (typed years).
Quantities inside the text (一千二百余人, 两万) are read by extract/quantities with cn2an on the
spans its grammar found."""
from __future__ import annotations

import functools

# a digit written as a character (〇/○/零, and the letter O or full-width Ｏ that stands in for
# 〇 in converted texts)
DIGIT_VALUE = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
               "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# the characters of a heading numeral or ordinal (一、 / （十二） / 第三部分)
NUMERAL_CHARS = "一二三四五六七八九十百零〇两"
_TO_ASCII = str.maketrans({k: str(v) for k, v in DIGIT_VALUE.items()})


def to_ascii_digits(s: str) -> str:
    """二〇二三 → 2023: every character digit replaced by its ASCII digit, the rest kept."""
    return s.translate(_TO_ASCII)


def cn_number(s: str) -> int | None:
    """The value of a small number as written: '12' / '十二' / '二十三' / '二〇二三' → int; None
    for anything else (百 and larger units are not read here)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if s and all(ch in DIGIT_VALUE for ch in s) and len(s) >= 2:   # digit by digit: 二〇二三
        return int(to_ascii_digits(s))
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = DIGIT_VALUE.get(head, None) if head else 1
        ones = DIGIT_VALUE.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in DIGIT_VALUE:
        return DIGIT_VALUE[s]
    return None


@functools.lru_cache(maxsize=4096)
def cn_ordinal(s: str) -> int | None:
    """The ordinal of a heading number: '三' → 3, '十二' → 12, '7' → 7, '⑶' → 3, '②' → 2."""
    if not s:
        return None
    if s.isdigit() and s.isascii():
        return int(s)
    if len(s) == 1 and 0x2460 <= ord(s) <= 0x2473:
        return ord(s) - 0x2460 + 1
    if len(s) == 1 and 0x2474 <= ord(s) <= 0x2487:
        return ord(s) - 0x2474 + 1
    try:
        import cn2an
        v = cn2an.cn2an(s, "smart")
        return int(v) if v else None
    except Exception:  # noqa: BLE001 - not a number
        return None


def numeral(i: int) -> str:
    """12 → 十二, 10 → 十, 23 → 二十三 (for 0 ≤ i < 100)."""
    digits = "零一二三四五六七八九"
    if i <= 10:
        return "十" if i == 10 else digits[i]
    if i < 20:
        return "十" + digits[i - 10]
    return digits[i // 10] + "十" + (digits[i % 10] if i % 10 else "")
