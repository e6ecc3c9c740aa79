"""The parts of a review opinion as the renderers read them (render/opinion.py builds them): a
quote and where it stands, a finding with its quotes and the reviewer's decision, a family of
findings, a row of the statutory-part checklist, a row of the indicator tables, and the
`Opinion` that holds them all. Every field that is unknown stays None."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .quotes import cn_date

_QUOTED = re.compile(r"“([^“”]+)”")


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
