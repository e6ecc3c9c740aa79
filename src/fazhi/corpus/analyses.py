"""Corpus analyses over the current stored reports -> findings of family "corpus"."""
from __future__ import annotations

from typing import Any, Iterator

import sqlalchemy as sa

from ..zh.departments import department_key
from . import schema as T
from .continuity import YearReport, continuity_findings
from .parts import part_spans
from .similarity import ReportInfo, is_masked, iter_duplicate_findings


def load_texts(store, ids: set[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    ids_l = sorted(ids)
    with store.engine.connect() as conn:
        for i in range(0, len(ids_l), 500):
            for rid, text in conn.execute(sa.select(T.reports.c.id, T.reports.c.text)
                                          .where(T.reports.c.id.in_(ids_l[i:i + 500]))):
                out[rid] = text
    return out


def sections_by_report(store, ids: set[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    ids_l = sorted(ids)
    s = T.sections
    with store.engine.connect() as conn:
        for i in range(0, len(ids_l), 500):
            for row in conn.execute(sa.select(s.c.report_id, s.c.start, s.c.end, s.c.heading_start,
                                              s.c.heading_end, s.c.part, s.c.areas, s.c.level, s.c.heading)
                                    .where(s.c.report_id.in_(ids_l[i:i + 500]))):
                out[row.report_id].append(dict(row._mapping))
    return out


def current_infos(store, ids: list[int] | None = None) -> dict[int, ReportInfo]:
    """The current reports' infos (only those of ids, when given), by id."""
    r = T.reports
    q = sa.select(r.c.id, r.c.report_key, r.c.province, r.c.jurisdiction, r.c.department, r.c.report_year,
                  r.c.publish_date, r.c.report_date, r.c.kind).where(r.c.current == sa.true())
    with store.engine.connect() as conn:
        if ids is None:
            rows = conn.execute(q.order_by(r.c.id)).all()
        else:
            rows = sorted((x for i in range(0, len(ids), 500)
                           for x in conn.execute(q.where(r.c.id.in_(ids[i:i + 500])))), key=lambda x: x.id)
    infos = {}
    for x in rows:
        info = ReportInfo(x.id, x.report_key, x.province, x.jurisdiction, x.department, x.report_year,
                          x.publish_date, x.report_date, "")
        info.kind = x.kind  # type: ignore[attr-defined]
        infos[x.id] = info
    return infos


def year_series(infos: dict[int, ReportInfo]) -> list[tuple[tuple, dict[int, int]]]:
    """Per place (province, place, department, kind): {year: report id}, for the places that
    have two consecutive years."""
    series: dict[tuple, dict[int, int]] = {}
    for i in infos.values():
        if i.jurisdiction and not is_masked(i.jurisdiction) and i.report_year:
            key = (i.province, i.jurisdiction, department_key(i.department), getattr(i, "kind", None))
            series.setdefault(key, {})[i.report_year] = i.id
    return [(key, ys) for key, ys in series.items() if any(y + 1 in ys for y in ys)]


def year_reports(store, infos: dict[int, ReportInfo], series=None) -> list[YearReport]:
    """Reports that have a same-place report of the year before or after."""
    wanted: dict[int, tuple] = {}
    for key, years in (series if series is not None else year_series(infos)):
        for y, rid in years.items():
            if y - 1 in years or y + 1 in years:
                wanted[rid] = key
    if not wanted:
        return []
    texts = load_texts(store, set(wanted))
    secs = sections_by_report(store, set(wanted))
    out = []
    for rid, key in wanted.items():
        info = infos[rid]
        text = texts[rid]
        assert info.report_year is not None     # year_series keeps only reports with a year
        out.append(YearReport(rid, key, info.report_year, info.label(), text, part_spans(secs[rid], text)))
    return out


def iter_corpus_findings(store, table=None) -> Iterator[dict[str, Any]]:
    """The corpus findings one by one (duplicates pair by pair, continuity place by place), so
    that 100,000 reports' findings need not be held in memory at once. table: the signature
    table when the caller has read it (store.signature_table())."""
    cfg = store.config
    infos = current_infos(store)
    for f in iter_duplicate_findings(infos, table if table is not None else store.signature_table(),
                                     cfg.get("corpus.similarity"),
                                     cfg.get("corpus.similarity.stock_phrases") or [],
                                     lambda ids: load_texts(store, ids)):
        if cfg.rule_enabled(f["rule"]):
            yield f
    series = year_series(infos)
    for i in range(0, len(series), 2000):      # a few thousand places' texts in memory at a time
        for f in continuity_findings(year_reports(store, infos, series[i:i + 2000]), cfg.get("corpus.continuity")):
            if cfg.rule_enabled(f["rule"]):
                yield f
    if cfg.rule_enabled("corpus.rectify_followup"):
        from ..supervision.followup import followup_findings

        def text_of(rid: int) -> str:
            return load_texts(store, {rid})[rid]

        def parts_of(rid: int, text: str):
            return part_spans(sections_by_report(store, {rid})[rid], text)

        yield from followup_findings(store, infos, text_of, parts_of, cfg.get("corpus.continuity"))


def corpus_findings(store) -> list[dict[str, Any]]:
    return list(iter_corpus_findings(store))
