"""Component "meta": title, place (jurisdiction, parent, province, level, adcode,
department), report year, signature date, publication date, issuers and document kind.

Everything is searched in `report.norm` (half-width, simplified; same offsets as
`report.text`). Values read from the text get an evidence span in `meta.evidence`.
Unknown stays None: a place the text does not settle, a year nothing states.
"""
from __future__ import annotations

import re

from ..config import Config
from ..model import Report
from ..pipeline import component
from ..zh.numerals import cn_number  # noqa: F401 - re-exported (tests, callers)
from .dates import DATE_CN, _publish_date
from .kind import classify as classify_kind
from ..zh.cjk import CJK
from .lines import TOP_CHARS, TOP_LINES, _BANNER, _BREADCRUMB, Line, _Ctx
from .organiser import organiser_news
from .report_year import _NEWS_YEAR, _NEWS_YEAR_CHARS, _report_year, told_year
from .reporter import resolve
from .title import _find_title, _header_issuers, _hint_title, _signature

_SALUTATION = re.compile(rf"^[{CJK}、，,() ]{{2,60}}[:：]$")


# -- the component -------------------------------------------------------------
@component("meta", reads=("text", "norm", "hints", "removed", "sections"), writes=("meta",))
def extract_meta(report: Report, config: Config) -> None:
    c = _Ctx(report)
    meta = report.meta
    meta.evidence = dict(meta.evidence)
    hints = report.hints

    # title
    found = _find_title(c)
    title_span = None
    if found:
        meta.title, a, b = found
        title_span = (a, b)
        c.ev("title", a, b)
    elif hints.title:
        meta.title = _hint_title(hints.title)
    title_norm = c.norm[title_span[0]:title_span[1]] if title_span else (
        _normalize(meta.title) if meta.title else "")

    # signature: date and issuers
    sig_line, sig_date, issuer_lines = _signature(c)
    if sig_date and sig_line is not None:
        meta.report_date = sig_date
        m = DATE_CN.search(sig_line.s)
        if m:
            c.ev("report_date", sig_line.start + m.start(), sig_line.start + m.end())
    if not issuer_lines and title_span:
        issuer_lines = _header_issuers(c, title_span[0])
        if not issuer_lines and c.title_organ is not None:
            issuer_lines = [c.title_organ]       # the organ that opens the title
    meta.issuers = [c.text[ln.start:ln.end] for ln in issuer_lines]
    if issuer_lines:
        c.ev("issuers", issuer_lines[0].start, issuer_lines[-1].end)

    # publication date
    if hints.publish_date:
        meta.publish_date = hints.publish_date
    else:
        pd = _publish_date(c, title_span[1] if title_span else None, sig_line)
        if pd and pd[0] != meta.report_date:
            meta.publish_date = pd[0]
            c.ev("publish_date", pd[1], pd[2])
    if hints.source_site:
        meta.source_site = hints.source_site
    else:
        m = re.search(rf"来源\s*:\s*([{CJK}A-Za-z0-9()（）]{{2,30}})", c.norm[:TOP_CHARS])
        if m:
            meta.source_site = c.text[m.start(1):m.end(1)]
            c.ev("source_site", m.start(1), m.end(1))

    # body start: the first long line after the title block
    c.body_start = _body_start(c, title_span)

    # addressee (主送机关) between title and body: "X市人民政府:"
    for ln in c.lines[:TOP_LINES]:
        if c.body_start is not None and ln.start >= c.body_start:
            break
        if title_span and ln.start < title_span[1]:
            continue
        if _SALUTATION.match(ln.s) and re.search(r"(人民政府|政府|委|委员会|办公室|局|厅)[:]$", ln.s):
            c.ev("addressee", ln.start, ln.end - 1)
            break

    # year
    _report_year(c, title_norm, title_span)

    # kind
    meta.kind = classify_kind(report, title_norm or None, c.body_start)
    if meta.kind == "article":
        # a research or blue-book chapter on a year is no unit's account of that year's work
        meta.report_year = None
        meta.evidence.pop("report_year", None)
    elif meta.kind == "report" and meta.report_year is None and not meta.title:
        # a report whose title and opening were cut: the year its sentences of work open with
        ty = told_year(c)
        if ty:
            meta.report_year = ty[0]
            c.ev("report_year", ty[1], ty[2])
    elif meta.kind == "news" and meta.report_year is None:
        # news about a year's work (调研东坡区2020年度法治政府建设情况): that year, where the
        # story names it
        m = _NEWS_YEAR.search(c.norm, 0, min(len(c.norm), _NEWS_YEAR_CHARS))
        if m:
            meta.report_year = int(m.group(1))
            c.ev("report_year", m.start(1), m.end(1))

    # place
    _place(c, title_norm, title_span, issuer_lines)


def _normalize(s: str) -> str:
    from ..textnorm import normalize_view
    return normalize_view(s)


def _body_start(c: _Ctx, title_span) -> int | None:
    after = title_span[1] if title_span else 0
    for ln in c.lines:
        if ln.start < after:
            continue
        if ln.start > TOP_CHARS * 2:
            break
        if len(ln.s) >= 40 and re.search(r"[。，,；;]", ln.s) and not _BANNER.search(ln.s[:20]) \
                and not _BREADCRUMB.search(ln.s[:20]):
            return ln.start
    return None


def _place(c: _Ctx, title_norm: str, title_span, issuer_lines: list[Line]) -> None:
    """Who reports: jurisdiction, parent, province, level, adcode, department (parse/reporter.py)."""
    resolve(c, title_norm, title_span, issuer_lines)
    organiser_news(c)
