"""Quoting a report in a review opinion: figures as written, text without internal
identifiers, the clause around a short quote, Chinese dates."""
from __future__ import annotations

import re
from typing import Any


def fmt_number(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return str(v)


# a parenthesised code identifier left in a message, e.g. "（first_responsible）"
_CODE_ID = re.compile(r"\s*[（(][a-z][a-z0-9]*(?:[_.][a-z0-9]+)+[）)]|\s*[（(][a-z]{3,}[）)]")


def plain(s: str | None) -> str | None:
    """Text for the written opinion: drop internal identifiers in parentheses."""
    if not s:
        return s
    return _CODE_ID.sub("", s)


_CLAUSE_STOP = "。；;！？!?\n"


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == ".")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence (up to 。；！？ or a line end) containing text[start:end]."""
    a = start
    while a > 0 and text[a - 1] not in _CLAUSE_STOP:
        a -= 1
    b = end
    while b < len(text) and text[b] not in _CLAUSE_STOP:
        b += 1
    return a, b


def clause_parts(text: str, start: int, end: int, n: int) -> tuple[str, str, str]:
    """(before, span, after): the sentence containing text[start:end], cut to about n
    characters around the span, with … where shortened."""
    a, b = sentence_bounds(text, start, end)
    if b - a > n:        # too long: a window of about n characters around the span
        a = max(a, start - max(0, n - (end - start)) // 2)
        b = min(b, max(end, a + n))
        while a < start and _word(text[a - 1]) and _word(text[a]):
            a += 1          # never cut a number or a Latin word in two
        while b > end and _word(text[b]) and _word(text[b - 1]):
            b -= 1
    lead = "…" if a > 0 and text[a - 1] not in _CLAUSE_STOP else ""
    tail = "…" if b < len(text) and text[b] not in _CLAUSE_STOP else ""

    def flat(x: str) -> str:
        return " ".join(x.split())
    before = flat(text[a:start]).lstrip("，,、：: ")
    after = flat(text[end:b]).rstrip("，,、：: ")
    return lead + before, flat(text[start:end]), after + tail


def clause_around(text: str, start: int, end: int, n: int) -> str:
    """The sentence containing text[start:end] as one string (see clause_parts)."""
    return "".join(clause_parts(text, start, end, n))


def cn_date(iso: str | None) -> str | None:
    """"2019-12-27" → "2019年12月27日"; other strings unchanged."""
    if not iso:
        return iso
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", iso.strip())
    if not m:
        return iso
    y, mo, d = m.groups()
    return f"{int(y)}年{int(mo)}月" + (f"{int(d)}日" if d else "")
