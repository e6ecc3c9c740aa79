"""The indicator tables of a review opinion: every extracted indicator with the clause it
stands in (the annex), and one row per key indicator of the catalogue (`key: true` in
catalog/indicators.yaml), at most KEY_ROWS rows with quotes of KEY_QUOTE characters so that the
chapter's table fits on one page."""
from __future__ import annotations

from ..model import Report, Section
from .quotes import clause_around, fmt_number
from .sections import heading_of, section_path
from .views import IndicatorRow

KEY_ROWS = 10              # rows of the key-indicator table (one page of the Word opinion)
KEY_QUOTE = 36             # characters of a key-indicator quote (three lines of its column)
_NOT_MEASURES = ("plan", "shortcomings")   # targets and problems: not the year's results


def key_indicator_ids() -> list[str]:
    from .. import catalog
    try:
        return [d["id"] for d in catalog.load("indicators")["indicators"] if d.get("key")]
    except Exception:       # noqa: BLE001 - no catalogue: no key table
        return []


def key_indicator_rows(report: Report, rows: list[IndicatorRow],
                       max_rows: int = KEY_ROWS) -> list[IndicatorRow]:
    """One row per key indicator: its first figure outside the plan and the shortcomings (its
    first figure at all when every one is there); at most `max_rows` (the catalogue marks no
    more), in text order, the quote cut to KEY_QUOTE characters."""
    order = {k: i for i, k in enumerate(key_indicator_ids())}
    best: dict[str, tuple[bool, int, IndicatorRow]] = {}
    for r in rows:
        if r.indicator not in order:
            continue
        rank = (_top_part(report, r.start) in _NOT_MEASURES, r.start, r)
        if r.indicator not in best or rank[:2] < best[r.indicator][:2]:
            best[r.indicator] = rank
    chosen = sorted((b[2] for b in best.values()), key=lambda r: order[r.indicator])[:max_rows]
    out = []
    for r in sorted(chosen, key=lambda r: r.start):
        q = clause_around(report.text, r.start, r.end, KEY_QUOTE) or r.quote
        out.append(IndicatorRow(r.fact_id, r.indicator, r.name, r.value, r.unit, q, r.section,
                                r.start, r.end, r.written))
    return out


def _top_part(report: Report, offset: int) -> str | None:
    top = next((s for s in report.sections if s.start <= offset < s.end), None)
    return top.part if top is not None else None


def _indicator_names() -> dict[str, str]:
    try:
        from .. import catalog
        return {d["id"]: d.get("name", d["id"]) for d in catalog.load("indicators")["indicators"]}
    except Exception:   # the catalogue is optional for rendering
        return {}


def indicator_rows(report: Report, max_quote: int = 120) -> list[IndicatorRow]:
    names = _indicator_names()
    rows = []
    by_id: dict[str, Section] | None = None
    for f in report.facts:
        if not f.indicator:
            continue
        value = fmt_number(f.value)
        if value is not None and f.qualifier:
            value = f"{value}（{f.qualifier}）"
        sec = None
        if f.section:
            if by_id is None:                 # once per report, not once per fact
                by_id = {}
                for x in report.all_sections():
                    by_id.setdefault(x.id, x)
            s = by_id.get(f.section)
            if s is not None:
                sec = section_path(report, s.start) if s.level > 1 else heading_of(report, s)
        if sec is None:
            sec = section_path(report, f.start)
        quote = clause_around(report.text, f.start, f.end, min(max_quote, 48)) or f.quote
        as_written = " ".join((f.quote or "").split())
        written = as_written if 0 < len(as_written) <= 24 and f.value is not None else None
        rows.append(IndicatorRow(f.id, f.indicator, names.get(f.indicator, f.indicator), value,
                                 f.unit, quote, sec, f.start, f.end, written))
    return rows
