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
# the numerals 一 to 十: the characters of a small number in words (a heading's 三、 / （十二） / 二是,
# a month or a day 十二月, a count 三项)
ONE_TO_TEN = "一二三四五六七八九十"
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


_UNIT_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_CANONICAL_CHARS = frozenset("零一二三四五六七八九十百千万亿")


def _under_10k(n: int, inner: bool) -> str:
    """0 < n < 10000 as written inside a larger numeral (inner: 一十 keeps its 一)."""
    out: list[str] = []
    zero = False
    for unit, ch in _SMALL_UNITS:
        d = n // unit
        n %= unit
        if d:
            if zero:
                out.append("零")
            zero = False
            if not (ch == "十" and d == 1 and not out and not inner):
                out.append(_UNIT_DIGITS[d])
            out.append(ch)
        elif out:
            zero = True
    if n:
        if zero:
            out.append("零")
        out.append(_UNIT_DIGITS[n])
    return "".join(out)


def canonical_numeral(n: int) -> str:
    """0 ≤ n < 10¹² as a standard numeral: 10 → 十, 110 → 一百一十, 1005 → 一千零五,
    100500 → 十万零五百, 1120000000 → 十一亿二千万."""
    if n == 0:
        return "零"
    out: list[str] = []
    pending_zero = False
    for unit, ch in ((10 ** 8, "亿"), (10 ** 4, "万"), (1, "")):
        g = n // unit
        n %= unit
        if not g:
            if out:
                pending_zero = True
            continue
        if out and (pending_zero or g < 1000):
            out.append("零")
        pending_zero = False
        out.append(_under_10k(g, inner=bool(out)) + ch)
    return "".join(out)


def _read_canonical(s: str) -> int | None:
    """The value of s read as a standard numeral, without checking its form."""
    total = section = digit = 0
    for ch in s:
        if ch in _UNIT_DIGITS:
            digit = _UNIT_DIGITS.index(ch)
        elif ch == "十":
            section += (digit or 1) * 10
            digit = 0
        elif ch == "百":
            section += digit * 100
            digit = 0
        elif ch == "千":
            section += digit * 1000
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10 ** 4
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 10 ** 8
            section = digit = 0
        else:
            return None
    return total + section + digit


@functools.lru_cache(maxsize=4096)
def canonical_value(s: str) -> int | None:
    """The value of a numeral written in the standard form (十二, 一百三十六, 一千零五, 十一亿二千万)
    without importing cn2an (about 0.2 s of start-up); None for any other form (两千, 二〇二三,
    三点五, 一十二), which callers read with cn2an. For every string it accepts it gives what
    `cn2an.cn2an(s, "smart")` gives (tests/test_zh_numerals.py compares them)."""
    if s == "两":
        return 2
    if not s or len(s) > 24 or not _CANONICAL_CHARS.issuperset(s):
        return None
    v = _read_canonical(s)
    if v is None or v >= 10 ** 12 or canonical_numeral(v) != s:
        return None
    return v


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
    v = canonical_value(s)
    if v is not None:
        return v or None
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
