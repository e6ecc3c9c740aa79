"""Helpers shared by the rule families: parts, headings, evidence, sentences, years."""
from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator

from .. import catalog
from ..model import Evidence, Fact, Report, Section
from ..labels import PART_NAMES  # noqa: F401 (re-exported)
from ..zh.years import ARABIC_YEAR, YEAR_RANGE


YEAR_RX = re.compile(rf"(?<![\d.])({ARABIC_YEAR})\s*(年度?|年)(?!\d)")
RANGE_RX = YEAR_RANGE
from ..zh.titles import CITED_TITLE as BOOK_RX  # noqa: E402 - one pattern, in zh/titles.py
from ..zh.numerals import ONE_TO_TEN
from ..zh.cjk import CJK
SENT_END = "。！？!?；;\n"


NOT_REPORTS = {"news", "article", "other", "interpretation", "plan"}


def is_report(report: Report) -> bool:
    """Rules about a report's structure and years apply to reports (and 范文 copies of them),
    not to news, plans or other documents that meta classified as such."""
    return report.meta.kind not in NOT_REPORTS


def statutory_parts() -> list[dict]:
    return catalog.load("frameworks")["statutory_parts"]["parts"]


def ev(report: Report, start: int, end: int) -> Evidence:
    return Evidence(start, end, report.text[start:end])


def heading_ev(report: Report, s: Section) -> Evidence:
    """The heading span of a section; its first line when the parser gave no heading span."""
    if s.heading_end > s.heading_start:
        return ev(report, s.heading_start, s.heading_end)
    nl = report.text.find("\n", s.start, s.end)
    end = nl if nl != -1 else s.end
    end = min(end, s.start + 60)
    return ev(report, s.start, end)


def heading_text(report: Report, s: Section) -> str:
    e = heading_ev(report, s)
    return e.quote.strip()


def top_sections(report: Report) -> list[Section]:
    return list(report.sections)


def sections_with_part(report: Report, part: str) -> tuple[list[Section], list[Section]]:
    """(top-level sections with the part, nested sections with the part). A section whose heading
    names two parts (存在问题及下一步打算) counts for both (`Section.covers()`)."""
    top = [s for s in report.sections if part in s.covers()]
    nested = [s for t in report.sections for s in t.walk() if s is not t and part in s.covers()]
    return top, nested


def part_spans(report: Report, part: str) -> list[tuple[int, int]]:
    """Spans of text belonging to a statutory part: the top-level sections that carry it,
    else nested sections that carry it."""
    top, nested = sections_with_part(report, part)
    secs = top or nested
    return [(s.start, s.end) for s in secs]


def body_spans(report: Report, part: str) -> list[tuple[int, int]]:
    """Like part_spans, without the part's own heading line."""
    top, nested = sections_with_part(report, part)
    out = []
    for s in top or nested:
        hs = s.heading_end if s.heading_end > s.heading_start else s.start
        out.append((max(s.start, hs), s.end))
    return out


def span_text(report: Report, spans: Iterable[tuple[int, int]], norm: bool = True) -> str:
    src = report.norm if norm else report.text
    return "\n".join(src[a:b] for a, b in spans)


def finditer(rx: re.Pattern, report: Report, spans: Iterable[tuple[int, int]]) -> Iterator[re.Match]:
    for a, b in spans:
        yield from rx.finditer(report.norm, a, b)


# runs of characters that are not sentence ends / clause stops (matched in C, not char by char)
_IN_SENTENCE = re.compile("[^" + re.escape(SENT_END) + "]*")
_IN_CLAUSE = re.compile("[^" + re.escape(SENT_END + ",，、:：(（)）") + "]*")


def _run(rx: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> int:
    """End of the match of a "[...]*" pattern at pos (it matches every string)."""
    m = rx.match(text, pos) if endpos is None else rx.match(text, pos, endpos)
    assert m is not None
    return m.end()


def sentence_bounds(text: str, pos: int, limit: int = 400) -> tuple[int, int]:
    """The sentence around pos: back and forward to a sentence end, at most `limit` characters
    each way."""
    lo = max(0, pos - limit)
    return pos - _run(_IN_SENTENCE, text[lo:pos][::-1]), _run(_IN_SENTENCE, text, pos, min(len(text), pos + limit))


class Sentences:
    """The sentence ends of a text, found once: `bounds(pos, limit)` equals
    `sentence_bounds(text, pos, limit)` by binary search (for rules that ask about many
    positions of the same text)."""

    _END = re.compile("[" + re.escape(SENT_END) + "]")

    def __init__(self, text: str) -> None:
        self.text = text
        self.after = [m.end() for m in self._END.finditer(text)]   # right after each end mark

    def bounds(self, pos: int, limit: int = 400) -> tuple[int, int]:
        n = len(self.text)
        if not 0 <= pos <= n:
            return sentence_bounds(self.text, pos, limit)
        lo, hi = max(0, pos - limit), min(n, pos + limit)
        k = bisect.bisect_right(self.after, pos)
        a = max(lo, self.after[k - 1]) if k else lo
        b = min(hi, self.after[k] - 1) if k < len(self.after) else hi
        return a, b


def clause_before(text: str, pos: int, limit: int = 24) -> str:
    """The text of the clause that ends at pos (stops at punctuation)."""
    lo = max(0, pos - limit)
    return text[pos - _run(_IN_CLAUSE, text[lo:pos][::-1]):pos]


def masked_spans(s: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of year ranges and cited document titles (years there are not the report's)."""
    return [(m.start() + offset, m.end() + offset) for m in RANGE_RX.finditer(s)] + \
           [(m.start() + offset, m.end() + offset) for m in BOOK_RX.finditer(s)]


def years_in(report: Report, start: int, end: int) -> list[tuple[int, int, int]]:
    """(year, start, end) of 'YYYY年/年度' in text[start:end], outside ranges, 《titles》 and
    '以来/至今/起' phrases (those name a period, not the year reported)."""
    s = report.norm[start:end]
    out: list[tuple[int, int, int]] = []
    if "年" not in s:
        return out                          # YEAR_RX needs 年 (most sentences: no regex work)
    masks = None
    for m in YEAR_RX.finditer(s):
        if masks is None:
            masks = masked_spans(s)         # only when there is a year to mask
        if any(a <= m.start() < b for a, b in masks):
            continue
        tail = s[m.end():m.end() + 4]
        if re.match(rf"\s*(\d{{1,2}}\s*月|[{ONE_TO_TEN}]{{1,2}}月|以来|至今|起|底前|前)", tail):
            continue   # a date or a period ('2019年至今'), not the label of a year
        out.append((int(m.group(1)), start + m.start(), start + m.start(1) + 4 + len(m.group(2))))
    return out


def fact_label(report: Report, f: Fact) -> str:
    """What a fact counts: its subject, else the clause just before its quote."""
    if f.subject:
        return f.subject
    return clause_before(report.text, f.start).strip()


def rate_name(report: Report, f: Fact) -> str:
    """The name of a rate ('办结率') for messages; '比率' when the text names none."""
    return named_rate(report, f) or (f.subject or "比率").strip()


def named_rate(report: Report, f: Fact) -> str | None:
    """The name of a rate ('办结率') from the subject or the words just before the figure."""
    for src in (f.subject or "", clause_before(report.norm, f.start, 30)):
        m = re.search(rf"([{CJK}\"“”]{{0,10}}?(?:率|比例|占比|比重))(?:[{CJK}]{{0,3}})?\s*$",
                      re.sub(r"(为|达到|达|是|均为|均达|约|近|超过|提高到|提升至|保持)\s*$", "", src))
        if m:
            return m.group(1).strip("\"“”")
    return None


def fmt_num(x: float, decimals: int | None = None) -> str:
    if decimals is None:
        if float(x).is_integer():
            return str(int(x))
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return f"{x:.{decimals}f}"


def cap_evidence(evs: list[Evidence], cap: int) -> tuple[list[Evidence], int]:
    return evs[:cap], len(evs)
