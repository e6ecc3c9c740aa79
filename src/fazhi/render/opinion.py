"""The content of a review opinion (审核意见), independent of the output format.

`build_opinion(report, config, decisions, extra_findings)` gathers everything the Word, HTML and
Markdown renderers show: title and identity of the report, the verdict and the rule behind it,
findings grouped by family (dismissed ones apart), the statutory-part checklist, the extracted
indicators and the signature line. The indicator chapter shows the catalogue's key indicators
(`key: true` in catalog/indicators.yaml), at most KEY_ROWS rows with short quotes so that the
table fits on one page; the full list of extracted indicators is the opinion's annex (附件). Every field that is unknown stays None; the renderers decide
how to show "unknown".
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..config import Config
from ..textnorm import shorten
from ..model import Finding, Report, Section
from ..review import (KIND_NAMES, PART_NAMES, SEVERITY_NAMES, Decisions, ReviewItem,
                      review_items, verdict)
from ..labels import DECISION_NAMES, FAMILIES, LEVEL_NAMES  # noqa: F401 (re-exported)

SEVERITY_ORDER = {"major": 0, "minor": 1, "info": 2}
DEFAULT_REQUIRED = ("measures", "shortcomings", "first_responsible", "plan")
GENERIC_TITLE = "法治政府建设年度报告"
_QUOTED = re.compile(r"“([^“”]+)”")
SHORT_QUOTE = 16           # quotes shorter than this are cited with their clause
KEY_ROWS = 10              # rows of the key-indicator table (one page of the Word opinion)
KEY_QUOTE = 36             # characters of a key-indicator quote (three lines of its column)
_NOT_MEASURES = ("plan", "shortcomings")   # targets and problems: not the year's results


@dataclass
class QuoteView:
    quote: str                 # shortened for display
    location: str | None       # section path, e.g. "一、… › （二）…"; None when outside any section
    start: int
    end: int
    removed: bool = False
    anchor: str | None = None  # HTML id of the highlight in the full text
    context: str | None = None  # the clause around a short quote (a bare figure says little)
    parts: tuple[str, str, str] | None = None   # context split as (before, quote, after)
    sentence: tuple[int, int] | None = None     # bounds of the sentence the context comes from

    @property
    def key(self) -> object:
        """Quotes with the same key are cited once: quotes widened to the same sentence."""
        return self.sentence or (self.quote, self.start, self.end)


@dataclass
class ItemView:
    id: str
    rule: str
    family: str
    family_name: str
    severity: str
    severity_name: str
    message: str
    suggestion: str | None
    quotes: list[QuoteView]
    title: str = ""                           # the rule's short Chinese title
    max_quotes: int = 3                       # how many quotes the written opinion shows

    @property
    def citable_quotes(self) -> list[QuoteView]:
        """Quotes not already cited word for word in the message (a missing-part finding lists
        the headings in its message; repeating each heading as a quote adds nothing)."""
        cited = _QUOTED.findall(" ".join(self.message.split()))

        def in_message(q: str) -> bool:     # cited whole, or cut short by the message
            return any(q == c or (len(c) >= 8 and q.startswith(c)) for c in cited)
        return [q for q in self.quotes if q.removed or not q.quote or not in_message(q.quote)]

    @property
    def written_quotes(self) -> list[QuoteView]:
        """Quotes for the written opinion: short ones widened to their clause, and quotes that
        fall in the same clause cited once."""
        out: list[QuoteView] = []
        seen: set[object] = set()
        for q in self.citable_quotes:
            if q.key in seen:
                continue
            seen.add(q.key)
            out.append(QuoteView(q.context or q.quote, q.location, q.start, q.end, q.removed,
                                 q.anchor))
        return out

    @property
    def linked_quotes(self) -> list[tuple[QuoteView, list[str]]]:
        """Quotes for the HTML page: those not already cited in the message, the ones in the
        same sentence shown once with links to each of their places
        ((first quote, anchors of the others)). Every quote stays marked in the full text."""
        out: list[tuple[QuoteView, list[str]]] = []
        by_text: dict[object, list[str]] = {}
        for q in self.citable_quotes:
            key = q.key
            if key in by_text and not q.removed:
                by_text[key].append(q.anchor or "")
                continue
            others: list[str] = []
            by_text[key] = others
            out.append((q, others))
        return out

    @property
    def shown_quotes(self) -> list[QuoteView]:
        return self.written_quotes[: self.max_quotes]

    @property
    def more_quotes(self) -> str | None:
        """"另有5处，从略。" when quotes were left out of the written opinion."""
        n = len(self.written_quotes) - self.max_quotes
        return f"另有{n}处，从略。" if n > 0 else None
    added: bool = False                       # added by a reviewer
    decision: str | None = None               # confirmed | dismissed | None
    decision_name: str | None = None
    comment: str | None = None
    user: str | None = None
    at: str | None = None

    @property
    def decision_line(self) -> str | None:
        """"已确认：comment（user，2025-03-02）" or None when no decision was given."""
        if not (self.decision or self.comment):
            return None
        head = self.decision_name or "审核意见"
        when = cn_date((self.at or "")[:10]) or None
        who = "，".join(x for x in (self.user, when) if x)
        body = f"：{self.comment}" if self.comment else ""
        return f"{head}{body}" + (f"（{who}）" if who else "")


@dataclass
class FamilyGroup:
    family: str
    name: str
    items: list[ItemView]


@dataclass
class PartRow:
    part: str
    name: str
    status: str | None          # present | nested | missing | None (unknown: no parts recognised)
    status_name: str
    where: str | None


@dataclass
class IndicatorRow:
    fact_id: str
    indicator: str
    name: str
    value: str | None
    unit: str | None
    quote: str                  # the clause around the figure, shortened with …
    section: str | None
    start: int
    end: int

    written: str | None = None  # the figure as the report writes it ("12.9万户", "约37%")

    @property
    def section_short(self) -> str | None:
        """The innermost heading of `section` (tables have no room for the whole path)."""
        return self.section.rsplit(" › ", 1)[-1] if self.section else None

    @property
    def value_text(self) -> str:
        """The figure as written ("12.9万户"), else value and unit ("3310项", "37%（约）");
        "—" when the value is unknown."""
        if self.written:
            return self.written
        if self.value is None:
            return "—"
        unit = self.unit or ""
        if "（" in self.value:
            v, q = self.value.split("（", 1)
            return f"{v}{unit}（{q}"
        return f"{self.value}{unit}"


@dataclass
class Opinion:
    title: str                      # 关于《…》的审核意见
    report_title: str | None        # meta.title (None when unknown)
    display_title: str              # 《title》, or a description without 《》 when untitled
    info: list[tuple[str, str | None]]   # (label, value) lines about the report
    verdict: str
    verdict_reason: str
    counts: dict[str, int]          # severity -> count of undismissed findings
    groups: list[FamilyGroup]
    dismissed: list[ItemView]
    parts: list[PartRow]
    indicators: list[IndicatorRow]          # every extracted indicator (the annex)
    office: str | None
    date: str | None
    file: str | None
    unit: str | None = None         # the reporting unit: department or jurisdiction as written
    addressee: str | None = None    # 称谓: the issuing organs as written in the report
    items: list[ItemView] = field(default_factory=list)   # every finding, in text order
    key_indicators: list[IndicatorRow] = field(default_factory=list)   # the chapter's table
    undated: tuple[str, ...] = ()   # what the deadlines need and the report lacks: "report"
                                    # (成文日期), "publish" (发布日期), "year" (报告年度)

    @property
    def annex_indicators(self) -> list[IndicatorRow]:
        """The annex lists every indicator when the chapter's table does not show them all."""
        return self.indicators if len(self.indicators) > len(self.key_indicators) else []

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def has_decisions(self) -> bool:
        return any(i.decision or i.comment or i.added for i in self.items)


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


HEADING_CHARS = 30
_HEADING_CUT = re.compile(r"[，,。；;：:！？]")


def heading_of(report: Report, s: Section) -> str:
    """A section's heading as a location. A long heading (a run-in "一是……，……" heading is
    the whole first sentence) is cut at its first clause, or at HEADING_CHARS, with …."""
    if s.heading_end > s.heading_start:
        h = report.text[s.heading_start:s.heading_end]
    else:
        h = f"{s.number or ''}{s.heading}"
    h = " ".join(h.split())
    if len(h) <= HEADING_CHARS:
        return h
    m = _HEADING_CUT.search(h, 6)
    cut = m.start() if m and m.start() <= HEADING_CHARS else HEADING_CHARS
    return h[:cut].rstrip() + "…"


def section_path(report: Report, offset: int, depth: int = 2) -> str | None:
    """"一、… › （二）…": the top-level section and the innermost one containing offset."""
    top = report.top_section_at(offset)
    if top is None:
        return None
    inner = report.section_at(offset)
    if inner is None or inner is top or depth < 2:
        return heading_of(report, top)
    return f"{heading_of(report, top)} › {heading_of(report, inner)}"


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


def _required_parts(config: Config) -> list[str]:
    want = config.get("rules.required_parts")
    if want:
        return list(want)
    try:
        from .. import catalog
        parts = catalog.load("frameworks")["statutory_parts"]["parts"]
        return [p["id"] for p in parts if p.get("required")] or list(DEFAULT_REQUIRED)
    except Exception:
        return list(DEFAULT_REQUIRED)


def part_rows(report: Report, config: Config) -> list[PartRow]:
    """The statutory-part checklist from the section tree."""
    known = any(s.covers() for s in report.all_sections()) or any(s.areas for s in report.sections)
    rows = []
    for pid in _required_parts(config):
        name = PART_NAMES.get(pid, pid)
        if not known:
            rows.append(PartRow(pid, name, None, "未识别", None))
            continue
        # a section whose heading names two parts (存在问题及下一步打算) counts for both
        top = [s for s in report.sections if pid in s.covers()]
        if pid == "measures" and not top:
            # a run of top-level sections named after 纲要 task areas is the measures part
            top = [s for s in report.sections if s.areas and s.part in (None, "measures")]
        nested = [s for t in report.sections for s in t.walk() if s is not t and pid in s.covers()]
        if top:
            where = "；".join(heading_of(report, s) for s in top[:3]) + ("等" if len(top) > 3 else "")
            rows.append(PartRow(pid, name, "present", "已单列", where))
        elif nested:
            where = "；".join(section_path(report, s.start) or heading_of(report, s)
                             for s in nested[:3])
            rows.append(PartRow(pid, name, "nested", "未单列（仅作为小节）", where))
        else:
            rows.append(PartRow(pid, name, "missing", "缺少", None))
    return rows


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


_CJK = re.compile(r"[\u4e00-\u9fff]")


def report_label(report: Report) -> str | None:
    """The report's own title, else a file name that reads as a title (has Chinese characters;
    a hash or a number is no title); None when neither exists."""
    if report.meta.title:
        return report.meta.title.strip("《》 ")
    if report.source.path:
        stem = os.path.splitext(os.path.basename(report.source.path))[0].strip()
        if _CJK.search(stem):
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
    if place and level:
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


def summary_sentence(op: Opinion) -> str:
    """"审核发现问题N项，其中严重a项、一般b项、提示c项；审核人排除d项。" """
    if op.total == 0:
        s = "审核未发现问题"
    else:
        parts = [f"{SEVERITY_NAMES[k]}{n}项" for k, n in op.counts.items() if n]
        s = f"审核发现问题{op.total}项，其中" + "、".join(parts)
    if op.dismissed:
        s += f"；审核人已排除{len(op.dismissed)}项"
    return s + "。"


def date_line(op: Opinion) -> str:
    if op.date:
        return cn_date(str(op.date)) or str(op.date)
    return "　　　　年　　月　　日"


def office_line(op: Opinion) -> str:
    return op.office or "（审核单位名称，盖章）"


CN_NUM = "一二三四五六七八九十"


def chapters(op: Opinion) -> list[tuple[str, str]]:
    """(key, numbered heading) of the opinion's chapters, numbered 一、二、… in order."""
    keys = [("verdict", "审核结论"), ("parts", "法定内容检查"), ("findings", "审核发现的问题")]
    if op.dismissed:
        keys.append(("dismissed", "已排除的问题"))
    keys.append(("indicators", "提取的主要指标"))
    # the annex (附件, after the signature) is not a chapter: see annex_title
    return [(k, f"{CN_NUM[i]}、{name}") for i, (k, name) in enumerate(keys)]


ANNEX_TITLE = "提取的全部指标"


def indicators_note(op: Opinion) -> str | None:
    """The sentence under the key-indicator table, or None when the table shows everything."""
    if not op.indicators or not op.annex_indicators:
        return None
    if not op.key_indicators:
        return f"报告中未提取到重点指标，提取的全部{len(op.indicators)}项指标数据见附件。"
    return (f"上表列出重点指标{len(op.key_indicators)}项；"
            f"提取的全部{len(op.indicators)}项指标数据见附件。")


def salutation(op: Opinion) -> str:
    """称谓: the issuing organs as written in the report; a report without 落款 says so."""
    return f"{op.addressee or '（报告未署名）'}："


TITLE_LINE_CHARS = 22     # characters of a 2号 title line on an A4 公文 page (GB/T 9704: 28 mm/26 mm margins)


def title_lines(title: str, width: int = TITLE_LINE_CHARS) -> list[str]:
    """The opinion's title in lines that break where the meaning breaks — after 关于, after the
    place and year, before 的审核意见 — never inside a word (Word would break "审/核")."""
    if len(title) <= width:
        return [title]
    breaks = set()
    for m in re.finditer(r"关于(?=《)|(?:19|20)\d{2}年度?|法治政府建设|》(?=的审核意见)|\s+|"
                         r"(?:人民政府|委员会|县|区|市|州|盟|旗|省|局|厅|委|办)(?=\d|关于|\s)", title):
        breaks.add(m.end())
    cuts = sorted(c for c in breaks if 0 < c < len(title))
    lines, start = [], 0
    while len(title) - start > width:
        fit = [c for c in cuts if start + 6 <= c <= start + width]     # no 2-character line
        if fit:
            end = fit[-1]
        else:      # no meaning break fits: the last place that splits no number and no bracket
            end = next((p for p in range(start + width, start + 5, -1)
                        if not (title[p - 1].isdigit() and title[p].isdigit())
                        and title[p] not in "》）」，、。" and title[p - 1] not in "《（「"), start + width)
        lines.append(title[start:end].rstrip())
        start = end
        while start < len(title) and title[start].isspace():
            start += 1
    lines.append(title[start:])
    return lines


BASIS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）"


def intro_sentence(op: Opinion) -> str:
    """The opening paragraph. An undated report's deadline cannot be checked: the sentence says
    so instead of claiming the 时限 were checked."""
    src = f"{op.unit}报送的" if op.unit else "你单位报送的"
    if "report" in op.undated:
        checked = "报告结构、年度、数据、来源和内容质量"
        if "publish" in op.undated:
            gap = "报告未注明成文日期，也未见发布日期，报送和公开时限无法核对"
        else:
            gap = "报告未注明成文日期，报送时限无法核对"
    elif "year" in op.undated:
        checked = "报告结构、数据、来源和内容质量"
        gap = "报告未写明所报告的年度，报送和公开时限无法核对"
    else:
        checked, gap = "报告结构、年度与时限、数据、来源和内容质量", None
    shown = op.display_title
    if op.unit and shown.startswith(op.unit):       # "某县报送的某县2021年度…": name the unit once
        shown = shown[len(op.unit):]
    return (f"{src}{shown}收悉。依据{BASIS}关于法治政府建设年度报告内容和公开的要求，"
            f"经逐项核对{checked}"
            + ("，并经审核人复核" if op.has_decisions else "")
            + "，现提出审核意见如下。"
            + (f"{gap}。" if gap else ""))
