"""The dates of the page: the date patterns, a date's value, the signature's date line
test, and the post date (publish_date) read from the lines after the title."""
from __future__ import annotations

import re

from ..zh.dates import POST_TIME_WORD
from ..zh.numerals import ONE_TO_TEN, cn_number
from .lines import TOP_CHARS, Line, _Ctx

_YEAR = r"(?:\d{4}|[〇○零O一二三四五六七八九]{4})"
_NUM12 = rf"(?:\d{{1,2}}|[{ONE_TO_TEN}]{{1,3}})"
DATE_CN = re.compile(rf"({_YEAR})\s*年\s*({_NUM12})\s*月\s*({_NUM12})\s*[日号]")
DATE_ISO = re.compile(r"(?<!\d)(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)")
# a timestamp written day first with dots, and its time (16.04.2018 14:22): a line of its own
DATE_DMY_TIME = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s+\d{1,2}:\d{2}(?::\d{2})?")


def _ymd(y: str, m: str, d: str) -> str | None:
    yy, mm, dd = cn_number(y), cn_number(m), cn_number(d)
    if yy is None or mm is None or dd is None:
        return None
    if not (1949 <= yy <= 2100 and 1 <= mm <= 12 and 1 <= dd <= 31):
        return None
    return f"{yy:04d}-{mm:02d}-{dd:02d}"


_CLOCK = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")


def _is_date_line(s: str) -> bool:
    t = DATE_CN.sub("", s)
    t = DATE_ISO.sub("", t)
    t = _CLOCK.sub("", t)
    return len(t.strip(" ()（）")) <= 2 and t != s


# what may follow the post date at the end of the title's line: its time
_TIME_ONLY = re.compile(r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*")
_POST_CUE = re.compile(rf"(发布|更新|发表|{POST_TIME_WORD})")


def _publish_date(c: _Ctx, title_end: int | None, sig_line: Line | None) -> tuple[str, int, int] | None:
    start_i = 0
    lines = c.lines
    if title_end is not None:
        start_i = next((i for i, ln in enumerate(c.lines) if ln.start >= title_end), len(c.lines))
        held = c.lines[start_i - 1] if start_i > 0 else None
        rest = held.s[title_end - held.start:] if held is not None and held.start < title_end < held.end else ""
        if held is not None and rest.strip():
            # the title cut off its line before the post's source and date ('…报告 X局 2020-06-08'):
            # the rest of that line first
            lead = len(rest) - len(rest.lstrip())
            lines = [Line(title_end + lead, held.end, rest.strip()), *c.lines[start_i:]]
            start_i = 0
    tail = lines[0] if lines is not c.lines else None
    for ln in lines[start_i:start_i + 6]:
        if ln.start > TOP_CHARS or (len(ln.s) > 60 and ln.s.endswith("。")):
            break
        if re.search(r"今天是|星期|今日", ln.s) or (sig_line and ln.start == sig_line.start):
            continue
        dmy = DATE_DMY_TIME.fullmatch(ln.s)
        if dmy:
            # a mirror's timestamp line, day first (16.04.2018  14:22)
            d = _ymd(dmy.group(3), dmy.group(2), dmy.group(1))
            if d:
                return d, ln.start + dmy.start(), ln.start + dmy.end(3)
        m = DATE_ISO.search(ln.s)
        # a post-date cue; 发文日期/成文日期/施行日期 are the document's own dates, not its posting
        cue = _POST_CUE.search(ln.s)
        if not m:
            m2 = DATE_CN.search(ln.s)
            if m2 and cue:
                d = _ymd(*m2.groups())
                if d:
                    return d, ln.start + m2.start(), ln.start + m2.end()
            continue
        if m.start() > 0 and not cue and not (ln is tail and _TIME_ONLY.fullmatch(ln.s, m.end())):
            continue
        if cue and m.start() < cue.start():
            # "成文日期 2025-06-13 发布日期 2025-06-30": the date after the cue
            m = DATE_ISO.search(ln.s, cue.end()) or m
        d = _ymd(*m.groups())
        if d:
            return d, ln.start + m.start(), ln.start + m.end()
    return None
