"""The content of a review opinion (审核意见), independent of the output format.

`build_opinion(report, config, decisions, extra_findings)` gathers everything the Word, HTML and
Markdown renderers show: title and identity of the report, the verdict and the rule behind it,
findings grouped by family (dismissed ones apart), the statutory-part checklist, the extracted
indicators and the signature line. The indicator chapter shows the catalogue's key indicators
(`key: true` in catalog/indicators.yaml), at most KEY_ROWS rows with short quotes so that the
table fits on one page; the full list of extracted indicators is the opinion's annex (附件). Every
field that is unknown stays None; the renderers decide how to show "unknown".

The parts live in one module each, their names importable from here as well:
render/views.py (the dataclasses the renderers read: `Opinion`, `ItemView`, …),
render/quotes.py (figures, clauses, dates as quoted), render/sections.py (locations and the
statutory-part checklist), render/indicators.py (the indicator tables), render/wording.py
(title lines, opening paragraph, chapters and the other fixed sentences). The Word, HTML and
Markdown writers are render/docx.py, render/html.py, render/markdown.py.
"""
from __future__ import annotations

import os
from typing import Iterable

from ..config import Config
from ..textnorm import shorten
from ..zh.cjk import CJK_CHAR
from ..model import Finding, Report
from ..review import (KIND_NAMES, PART_NAMES, SEVERITY_NAMES, Decisions, ReviewItem,  # noqa: F401 (re-exported)
                      review_items, verdict)
from ..labels import DECISION_NAMES, FAMILIES, LEVEL_NAMES  # noqa: F401 (re-exported)
# the parts of the opinion live in one module per job; their names stay importable from here
from .indicators import (KEY_QUOTE, KEY_ROWS, indicator_rows, key_indicator_ids,  # noqa: F401
                         key_indicator_rows)
from .quotes import (clause_around, clause_parts, cn_date, fmt_number, plain,  # noqa: F401
                     sentence_bounds)
from .sections import DEFAULT_REQUIRED, HEADING_CHARS, heading_of, part_rows, section_path  # noqa: F401
from .views import FamilyGroup, IndicatorRow, ItemView, Opinion, PartRow, QuoteView  # noqa: F401
from .wording import (ANNEX_TITLE, BASIS, CN_NUM, TITLE_LINE_CHARS, chapters, date_line,  # noqa: F401
                      indicators_note, intro_sentence, office_line, salutation, summary_sentence,
                      title_lines)

SEVERITY_ORDER = {"major": 0, "minor": 1, "info": 2}
GENERIC_TITLE = "法治政府建设年度报告"
SHORT_QUOTE = 16           # quotes shorter than this are cited with their clause


def _item_view(report: Report, it: ReviewItem, max_quote: int, max_quotes: int = 3) -> ItemView:
    f: Finding = it.finding
    quotes = []
    for k, e in enumerate(f.evidence):
        loc = None if e.removed else section_path(report, e.start)
        if loc and " ".join(e.quote.split()) and loc.endswith(" ".join(e.quote.split())):
            loc = section_path(report, e.start, depth=1)   # the quote is the heading itself
            if loc == " ".join(e.quote.split()):
                loc = None
        anchor = f"hl-{it.id}" if k == 0 else f"hl-{it.id}-{k + 1}"
        context = parts = sentence = None
        # a reviewer's own finding quotes exactly what the reviewer marked
        if not it.added and not e.removed and e.end > e.start and len(e.quote.strip()) < SHORT_QUOTE \
                and report.text[e.start:e.end] == e.quote:
            parts = clause_parts(report.text, e.start, e.end, max_quote)
            context = "".join(parts)
            sentence = sentence_bounds(report.text, e.start, e.end)
            if loc and context == loc.rsplit(" › ", 1)[-1]:
                context = parts = sentence = None      # the quote is (part of) its own heading
        quotes.append(QuoteView(shorten(e.quote, max_quote), loc, e.start, e.end, e.removed, anchor,
                                context, parts, sentence))
    d = it.decision or {}
    decision = d.get("decision") if d.get("decision") in DECISION_NAMES else None
    return ItemView(
        id=it.id, rule=f.rule, family=f.family, family_name=FAMILIES.get(f.family, f.family),
        severity=f.severity, severity_name=SEVERITY_NAMES.get(f.severity, f.severity),
        message=plain(f.message) or "", suggestion=plain(f.suggestion), quotes=quotes, added=it.added,
        title=rule_title(f), max_quotes=max_quotes,
        decision=decision, decision_name=DECISION_NAMES.get(decision) if decision else None,
        comment=(d.get("comment") or None), user=(d.get("user") or None),
        at=(str(d["at"]) if d.get("at") else None))


def rule_title(f: Finding) -> str:
    """The registered rule's Chinese title; else the first clause of the message."""
    try:
        from ..checks.registry import get_rule
        return get_rule(f.rule).title
    except Exception:   # rule not registered (reviewer-added, or checks not loaded)
        pass
    head = f.message
    for stop in "。；，：（(":
        head = head.split(stop, 1)[0]
    return shorten(head, 30) or f.rule


def _first_offset(v: ItemView) -> int:
    live = [q.start for q in v.quotes]
    return min(live) if live else 1 << 60




def report_label(report: Report) -> str | None:
    """The report's own title, else a file name that reads as a title (has Chinese characters;
    a hash or a number is no title); None when neither exists."""
    if report.meta.title:
        return report.meta.title.strip("《》 ")
    if report.source.path:
        stem = os.path.splitext(os.path.basename(report.source.path))[0].strip()
        if CJK_CHAR.search(stem):
            return stem
    return None


def display_name(report: Report) -> str:
    """How the opinion names the report: 《title》 when there is one, else a description built
    from what is known (place, year) without 《》, since it is not the report's own title."""
    label = report_label(report)
    if label:
        return f"《{label}》"
    m = report.meta
    place = m.department or m.jurisdiction or ""
    year = f"{m.report_year}年度" if m.report_year else ""
    return f"{place}{year}法治政府建设报告" if (place or year) else GENERIC_TITLE


def build_opinion(report: Report, config: Config | None = None, decisions: Decisions | None = None,
                  extra_findings: Iterable[Finding] | None = None) -> Opinion:
    config = config or Config.default()
    extra_findings = list(extra_findings or ())
    max_quote = int(config.get("opinion.max_quote_chars", 120) or 120)
    label, reason = verdict(report, config, decisions, extra_findings)
    max_quotes = int(config.get("opinion.max_quotes_per_finding", 3) or 3)
    items = [_item_view(report, it, max_quote, max_quotes)
             for it in review_items(report, decisions, extra_findings)]
    items.sort(key=lambda v: (_first_offset(v), SEVERITY_ORDER.get(v.severity, 3)))
    live = [v for v in items if v.decision != "dismissed"]
    dismissed = [v for v in items if v.decision == "dismissed"]
    order = list(FAMILIES)
    groups = []
    for fam in sorted({v.family for v in live}, key=lambda x: (order.index(x) if x in order else 99, x)):
        members = sorted((v for v in live if v.family == fam),
                         key=lambda v: (SEVERITY_ORDER.get(v.severity, 3), _first_offset(v)))
        groups.append(FamilyGroup(fam, FAMILIES.get(fam, fam), members))
    counts = {s: sum(1 for v in live if v.severity == s) for s in ("major", "minor", "info")}

    m = report.meta
    display = display_name(report)
    level = LEVEL_NAMES.get(m.level or "", m.level) if m.level else None
    place = m.jurisdiction
    if place and level and not m.department:     # a department's level (部门) is not its place's
        place = f"{place}（{level}）"
    info: list[tuple[str, str | None]] = [("报告单位", m.department or place)]
    if m.department:
        info.append(("所属地区", place))
    info += [
        ("所属省份", m.province),
        ("报告年度", f"{m.report_year}年" if m.report_year else None),
        ("成文日期", cn_date(m.report_date)),
        ("发布日期", cn_date(m.publish_date)),
        ("文本类型", KIND_NAMES.get(m.kind or "", m.kind) if m.kind else None),
    ]   # no file name: an upload's file name is not an official reference
    if report.corrections:
        info = corrected_info(info, report.corrections, bool(m.department))
    rows = indicator_rows(report, max_quote)
    return Opinion(
        title=f"关于{display}的审核意见", report_title=m.title, display_title=display,
        info=info, verdict=label, verdict_reason=reason, counts=counts, groups=groups,
        dismissed=dismissed, parts=part_rows(report, config),
        indicators=rows, key_indicators=key_indicator_rows(report, rows),
        office=config.get("opinion.office"), date=config.get("opinion.date"),
        file=report.source.path, unit=m.department or m.jurisdiction, items=items,
        addressee="、".join(m.issuers) if m.issuers else m.department,
        undated=tuple(k for k, d in (("report", m.report_date), ("publish", m.publish_date),
                                     ("year", m.report_year)) if not d))


# the report's fields each info line shows (a reviewer's correction is marked on its line)
_INFO_FIELDS = {"所属地区": ("jurisdiction", "level"), "所属省份": ("province",), "报告年度": ("report_year",),
                "成文日期": ("report_date",), "发布日期": ("publish_date",), "文本类型": ("kind",)}


def corrected_info(info: list[tuple[str, str | None]], corrections: list[dict],
                   department: bool) -> list[tuple[str, str | None]]:
    """The info lines with each corrected value marked "（人工更正，原为：…；who date）" and a last
    line naming the corrected fields, who corrected them and why (supervision/corrections.py)."""
    from ..supervision.corrections import day, mark, names
    by = {c["field"]: c for c in corrections}
    fields = dict(_INFO_FIELDS, 报告单位=("department",) if department else ("jurisdiction", "level"))
    out = []
    for label, value in info:
        cs = [by[f] for f in fields.get(label, ()) if f in by]
        if cs:
            many = len(fields.get(label, ())) > 1
            value = (value or "未识别") + "".join(mark(c, named=many) for c in cs)
        out.append((label, value))
    shown = [c for c in corrections if c["field"] not in ("adcode", "parent")]
    groups: dict[tuple, list[str]] = {}
    for c in shown:
        groups.setdefault((c.get("user"), day(c.get("at")), c.get("reason")), []).append(c["field"])
    notes = []
    for (user, on, reason), fs in groups.items():
        who = "".join(x for x in (user and f"由{user}", on and f"于{on}") if x)
        notes.append(f"{names(fs)}{who}人工更正" + (f"，理由：{reason}" if reason else ""))
    if notes:
        out.append(("人工更正", "；".join(notes) + "。以上信息以更正后的为准，机器识别的原值见括注。"))
    return out
