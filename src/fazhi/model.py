"""The data model: one `Report` carries the clean text and every annotation as
character-offset spans into that text (the way spaCy's Doc/Span work).

Pipeline components (see `fazhi.pipeline`) add annotations to a Report; they never
rewrite `Report.text`. `Report.norm` is a matching view of the text with exactly the
same length (full-width ASCII folded to half-width, traditional characters folded to
simplified where the mapping is one character to one character), so an offset found in
`norm` is an offset in `text`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, fields
from typing import Any, Iterator

SCHEMA = "fazhi.report/1"

PARTS = ("measures", "shortcomings", "first_responsible", "plan", "other")
LEVELS = ("province", "city", "county", "township", "department")
KINDS = ("report", "template", "interpretation", "plan", "news", "article", "other")
FACT_KINDS = ("count", "rate", "money", "duration", "ratio", "other")
SEVERITIES = ("major", "minor", "info")


@dataclass
class Source:
    path: str | None = None
    sha256: str | None = None
    media_type: str | None = None
    encoding: str | None = None
    size: int | None = None
    ocr: dict[str, Any] | None = None   # pages read by OCR: {"engine", "pages": [1-based], "mean_confidence"}

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path, "sha256": self.sha256, "media_type": self.media_type,
                             "encoding": self.encoding}
        if self.ocr:
            d["ocr"] = dict(self.ocr)
        return d


@dataclass
class Removed:
    """Something ingest removed from the source because it is not the report
    (portal navigation, footer, template-site residue...). `at` is the offset in
    the clean text where it stood (a zero-width position)."""
    kind: str          # nav | banner | widget | counter | metadata_table | footer | template_site | pinyin | other
    text: str
    at: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "at": self.at}


@dataclass
class Meta:
    title: str | None = None
    jurisdiction: str | None = None
    parent: str | None = None
    province: str | None = None
    level: str | None = None
    department: str | None = None
    issuers: list[str] = field(default_factory=list)
    report_year: int | None = None
    report_date: str | None = None
    publish_date: str | None = None
    kind: str | None = None
    framework: str | None = None
    adcode: str | None = None
    source_site: str | None = None     # 来源 as written on the page
    # evidence for each field: field name -> (start, end) in text, when the value was read from the text
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title, "jurisdiction": self.jurisdiction, "parent": self.parent,
            "province": self.province, "level": self.level, "department": self.department,
            "issuers": list(self.issuers), "report_year": self.report_year,
            "report_date": self.report_date, "publish_date": self.publish_date,
            "kind": self.kind, "framework": self.framework, "adcode": self.adcode,
            "source_site": self.source_site,
            "evidence": {k: {"start": s, "end": e} for k, (s, e) in self.evidence.items()},
        }


@dataclass
class Section:
    id: str
    number: str | None          # the marker as written, e.g. "一、", "(三)", "1.", "一是"; None if unnumbered
    level: int                   # depth in the tree, 1 = top
    heading: str                 # heading text without the marker (the run-in body is not part of it)
    start: int                   # start of the section (its heading line) in text
    end: int                     # end of the section (exclusive) in text
    heading_start: int = 0       # span of the heading (marker + heading text) in text
    heading_end: int = 0
    style: str | None = None     # marker style: cn_dun, paren_cn, arabic_dot, paren_arabic, circled, inline, bracket, unnumbered ...
    ordinal: int | None = None   # the number the marker stands for (三 -> 3)
    part: str | None = None      # statutory part (PARTS) for top-level sections (and nested ones that carry a part)
    part_basis: str | None = None  # why: the phrase/pattern/area rule that decided the part
    # every statutory part the section covers, first = part; more than one when the heading
    # names several ("存在问题及下一步打算" -> ["shortcomings", "plan"]); empty when part is None
    parts: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    numbering: list[str] = field(default_factory=list)  # numbering anomalies seen at this section: skip, repeat, restart, level_jump, unnumbered_sibling
    children: list["Section"] = field(default_factory=list)

    def covers(self) -> list[str]:
        """The statutory parts of this section: `parts`, else [`part`] (sections built
        before `parts` existed), else []."""
        if self.parts:
            return list(self.parts)
        return [self.part] if self.part else []

    def walk(self) -> Iterator["Section"]:
        yield self
        for c in self.children:
            yield from c.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "number": self.number, "level": self.level, "heading": self.heading,
            "start": self.start, "end": self.end,
            "heading_start": self.heading_start, "heading_end": self.heading_end,
            "style": self.style, "ordinal": self.ordinal,
            "part": self.part, "parts": self.covers(), "part_basis": self.part_basis,
            "areas": list(self.areas),
            "numbering": list(self.numbering),
            "children": [c.to_json() for c in self.children],
        }


@dataclass
class Fact:
    id: str
    quote: str
    start: int
    end: int
    value: float | int | None
    unit: str | None
    approx: bool = False
    qualifier: str | None = None   # 余 / 多 / 近 / 约 / 左右 / 以上 / 逾 / 超 ...
    kind: str = "count"            # FACT_KINDS
    subject: str | None = None     # what is counted, a short phrase from the text
    subject_start: int | None = None
    subject_end: int | None = None
    indicator: str | None = None   # canonical id from catalog/indicators.yaml
    year: int | None = None
    section: str | None = None     # id of the innermost section containing the fact
    ocr_low: bool = False          # read by OCR with an uncertain character: no sum/rate is built on it

    def to_json(self) -> dict[str, Any]:
        d = {
            "id": self.id, "quote": self.quote, "start": self.start, "end": self.end,
            "value": self.value, "unit": self.unit, "approx": self.approx,
            "qualifier": self.qualifier, "kind": self.kind, "subject": self.subject,
            "indicator": self.indicator, "year": self.year, "section": self.section,
        }
        if self.subject_start is not None and self.subject_end is not None:
            d.update(subject_start=self.subject_start, subject_end=self.subject_end)
        if self.ocr_low:
            d["ocr_low"] = True
        return d


@dataclass
class Relation:
    id: str
    type: str                       # sum | rate | difference
    total: str | None = None        # sum/difference: fact id of the total (difference: the result)
    parts: list[str] = field(default_factory=list)  # sum: fact ids; difference: [minuend, subtrahend]
    rate: str | None = None         # rate: fact id of the stated rate
    numerator: str | None = None
    denominator: str | None = None
    computed: float | None = None
    stated: float | None = None
    holds: bool | None = None
    tolerance: float | None = None  # allowed gap given the printed precision

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type in ("sum", "difference"):
            d.update(total=self.total, parts=list(self.parts))
        if self.type == "rate":
            d.update(rate=self.rate, numerator=self.numerator, denominator=self.denominator)
        d.update(computed=self.computed, stated=self.stated, holds=self.holds,
                 tolerance=self.tolerance)
        return d


@dataclass
class Evidence:
    start: int
    end: int
    quote: str
    removed: bool = False   # True when the quote was removed by ingest (start == end == where it stood)

    def to_json(self) -> dict[str, Any]:
        d = {"start": self.start, "end": self.end, "quote": self.quote}
        if self.removed:
            d["removed"] = True
        return d


@dataclass
class Finding:
    rule: str                 # "family.name"
    severity: str             # SEVERITIES
    message: str              # Chinese
    evidence: list[Evidence] = field(default_factory=list)
    suggestion: str | None = None
    id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)   # machine-readable details (e.g. {"part": "plan"})

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "rule": self.rule, "family": self.family, "severity": self.severity,
            "message": self.message, "evidence": [e.to_json() for e in self.evidence],
            "suggestion": self.suggestion, "data": self.data,
        }


def _is_set(value: Any) -> bool:
    """A hint is given unless it is None, False or an empty list/dict (ingest never writes those)."""
    return value is not None and value is not False and value != [] and value != {}


@dataclass
class Hints:
    """What the stages pass on besides the text: ingest fills most fields (what the source file says
    outside its text), `meta` adds `title_year`, the store adds `corrections`. Every field is optional:
    None, False or empty means "not given", and such a field is left out of `to_json()` (the JSON is
    the dict ingest used to build, key for key).

    The dict-like methods (`get`, `[]`, `in`, `update`) are kept for callers written against the dict;
    a name that is not a field is a ValueError that names it, never a key kept on the side."""
    # page/document title: HTML <title>/meta tags, DOCX core properties, PDF metadata
    title: str | None = None
    # "YYYY-MM-DD": the page's 发布时间/更新时间 (not a banner showing today's date)
    publish_date: str | None = None
    # 来源 as written on the page
    source_site: str | None = None
    # HTML: how the content block was found: the selector that matched (".TRS_Editor") or "density"
    html_content: str | None = None
    # PDF / image: number of pages read
    pdf_pages: int | None = None
    # [[start, level], ...]: line starts that DOCX styles/outline levels (HTML <h*>) mark as headings
    heading_lines: list[list[int]] = field(default_factory=list)
    # starts of lines that are entirely bold in DOCX/HTML
    bold_lines: list[int] = field(default_factory=list)
    # the text is written in traditional characters
    traditional: bool = False
    # the page came from a 范文/template site (its residue was found and removed)
    template_site: bool = False
    # pages read by OCR: {"engine", "pages": [1-based], "mean_confidence"} (also Source.ocr)
    ocr: dict[str, Any] | None = None
    # [[start, end], ...]: characters OCR read with low confidence (sorted)
    ocr_low: list[list[int]] = field(default_factory=list)
    # set by `meta`: the report year its title names (read by checks/years.py)
    title_year: int | None = None
    # set by the store for a report it holds reviewers' corrections for: field -> {value, user, at,
    # reason}; applied by the "corrections" component (supervision/corrections.py)
    corrections: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def _check(cls, key: str) -> None:
        if key not in cls.__dataclass_fields__:        # a dict lookup: called on every access
            raise ValueError(f"unknown hint {key!r}; known hints: {', '.join(cls.keys())}")

    def get(self, key: str, default: Any = None) -> Any:
        self._check(key)
        value = getattr(self, key)
        return value if _is_set(value) else default

    def __getitem__(self, key: str) -> Any:
        self._check(key)
        value = getattr(self, key)
        if not _is_set(value):
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self._check(key)
        setattr(self, key, value)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        self._check(key)
        return _is_set(getattr(self, key))

    def update(self, other: "dict[str, Any] | Hints | None" = None, **kw: Any) -> None:
        items = dict(other.to_json() if isinstance(other, Hints) else other or {}, **kw)
        for k in items:
            self._check(k)
        for k, v in items.items():
            setattr(self, k, v)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in self.keys():
            v = getattr(self, k)
            if not _is_set(v):
                continue
            if isinstance(v, list):
                v = [list(x) if isinstance(x, (list, tuple)) else x for x in v]
            elif isinstance(v, dict):
                v = {a: dict(b) if isinstance(b, dict) else b for a, b in v.items()}
            out[k] = v
        return out

    @classmethod
    def from_json(cls, d: "dict[str, Any] | Hints | None") -> "Hints":
        """Hints from a dict (the JSON of `to_json`, or what an extractor built); an unknown key
        is a ValueError."""
        h = cls()
        h.update(d)
        return h


DIAGNOSTIC_CODES = ("rule_failed", "evidence_dropped")


@dataclass
class Diagnostic:
    """Something a stage could not do on this report and went on without, e.g. a check rule that
    raised (its findings are missing) or evidence that did not quote the text (dropped from its
    finding). Not a finding about the report: a note about the analysis itself (bench/fuzz.py counts
    a "rule_failed" as a crash)."""
    stage: str                 # the pipeline component that recorded it ("checks", ...)
    code: str                  # DIAGNOSTIC_CODES
    message: str               # one line, e.g. "ZeroDivisionError: division by zero"
    rule: str | None = None    # the check rule concerned, when there is one
    detail: dict[str, Any] = field(default_factory=dict)   # machine-readable details

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "code": self.code, "message": self.message, "rule": self.rule,
                "detail": dict(self.detail)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Diagnostic":
        return cls(stage=d.get("stage") or "", code=d.get("code") or "", message=d.get("message") or "",
                   rule=d.get("rule"), detail=dict(d.get("detail") or {}))


_LINE = re.compile(r"[^\n]+")


def _section_start(s: "Section") -> int:
    return s.start


@dataclass
class Report:
    text: str
    source: Source = field(default_factory=Source)
    norm: str = ""                                   # same length as text; see module docstring
    removed: list[Removed] = field(default_factory=list)
    # what ingest (and meta, the store) pass on besides the text: see Hints
    hints: Hints = field(default_factory=Hints)
    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)   # named documents 《…》 {name,start,end}
    review: dict[str, Any] = field(default_factory=dict)   # {"verdict": 合格|需修改|不合格, "reason": …}
    # reviewers' corrections of meta applied by the "corrections" component (supervision/corrections.py):
    # [{field, value, machine, user, at, reason}]; meta holds the corrected values, "machine" what
    # the engine read (an overlay: the machine's reading stays in the document)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)   # component -> seconds (pipeline.run)
    # what stages could not do and went on without (a rule that raised ...): see Diagnostic
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # lookup index of fact() (not part of the report)
    _fact_pos: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _fact_key: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.hints, Hints):     # a plain dict from an older caller
            self.hints = Hints.from_json(self.hints)
        if not self.norm:
            from .textnorm import normalize_view
            self.norm = normalize_view(self.text)
        if len(self.norm) != len(self.text):
            raise ValueError("Report.norm must have the same length as Report.text")

    # -- navigation helpers -------------------------------------------------
    def lines(self) -> Iterator[tuple[int, int]]:
        """(start, end) of every non-empty line of the text."""
        for m in _LINE.finditer(self.text):
            yield m.start(), m.end()

    def all_sections(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def section_at(self, offset: int) -> Section | None:
        """Innermost section containing offset.

        Descends the tree (children lie inside their parent and siblings do not overlap, as
        parse/sections.py builds them): a binary search per level instead of a walk over
        every section, which made fact extraction quadratic in the number of sections."""
        best = None
        nodes = self.sections
        while nodes:
            # the last sibling starting at or before offset (siblings are in text order)
            k = bisect.bisect_right(nodes, offset, key=_section_start) - 1
            if k < 0 or not offset < nodes[k].end:
                return best
            best, nodes = nodes[k], nodes[k].children
        return best

    def top_section_at(self, offset: int) -> Section | None:
        """The top-level section containing offset (a binary search: the top sections are in
        text order and do not overlap; a linear scan made a report page with thousands of
        findings quadratic)."""
        nodes = self.sections
        k = bisect.bisect_right(nodes, offset, key=_section_start) - 1
        if k >= 0 and nodes[k].start <= offset < nodes[k].end:
            return nodes[k]
        return None

    def fact(self, fid: str) -> Fact | None:
        """The first fact with this id. An index (id -> first position, rebuilt when the
        list is replaced or changes length) makes a lookup O(1) instead of a scan, which
        made relations and checks quadratic in the number of facts; a hit is checked
        against the current list, a miss falls back to the scan."""
        facts = self.facts
        key = (id(facts), len(facts))
        if self._fact_key != key:
            idx: dict[str, int] = {}
            for i, f in enumerate(facts):
                idx.setdefault(f.id, i)
            self._fact_pos, self._fact_key = idx, key
        pos = self._fact_pos.get(fid)
        if pos is not None and facts[pos].id == fid:
            return facts[pos]
        for f in facts:
            if f.id == fid:
                return f
        return None

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(start, end, self.text[start:end])

    def diagnose(self, stage: str, code: str, message: str, rule: str | None = None,
                 **detail: Any) -> Diagnostic:
        """Record what a stage could not do (see Diagnostic)."""
        d = Diagnostic(stage=stage, code=code, message=message, rule=rule, detail=detail)
        self.diagnostics.append(d)
        return d

    def to_json(self, include_text: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": SCHEMA, "source": self.source.to_json()}
        if include_text:
            d["text"] = self.text
        d.update({
            "meta": self.meta.to_json(),
            "sections": [s.to_json() for s in self.sections],
            "facts": [f.to_json() for f in self.facts],
            "relations": [r.to_json() for r in self.relations],
            "findings": [f.to_json() for f in self.findings],
            "removed": [r.to_json() for r in self.removed],
            "documents": list(self.documents),
            "review": dict(self.review) if self.review else None,
        })
        if self.corrections:
            d["corrections"] = [dict(c) for c in self.corrections]
        hints = self.hints.to_json()
        if hints:
            d["hints"] = hints
        if self.diagnostics:
            d["diagnostics"] = [x.to_json() for x in self.diagnostics]
        if self.timings:
            d["timings"] = dict(self.timings)
        return d

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> "Report":
        """A Report back from a contract document (`to_json`, or `Store.report_json`, whose
        "store" block supplies the stored file name). Everything `to_json` writes is restored: relations,
        hints, diagnostics and timings (so `pipeline.is_complete` holds for a report read back)."""
        m = doc.get("meta") or {}
        ev = {k: (v["start"], v["end"]) for k, v in (m.get("evidence") or {}).items()
              if isinstance(v, dict) and "start" in v}
        meta = Meta(**{k: m.get(k) for k in ("title", "jurisdiction", "parent", "province", "level",
                                              "department", "report_year", "report_date", "publish_date",
                                              "kind", "framework", "adcode", "source_site")},
                    issuers=list(m.get("issuers") or []), evidence=ev)
        src = doc.get("source") or {}
        store = doc.get("store") or {}

        def section(d: dict[str, Any]) -> Section:
            return Section(id=d.get("id") or "", number=d.get("number"), level=d.get("level") or 1,
                           heading=d.get("heading") or "", start=d.get("start") or 0, end=d.get("end") or 0,
                           heading_start=d.get("heading_start") or 0, heading_end=d.get("heading_end") or 0,
                           style=d.get("style"), ordinal=d.get("ordinal"), part=d.get("part"),
                           parts=list(d.get("parts") or []),
                           part_basis=d.get("part_basis"), areas=list(d.get("areas") or []),
                           numbering=list(d.get("numbering") or []),
                           children=[section(c) for c in d.get("children") or []])

        def evidence(e: dict[str, Any]) -> Evidence:
            return Evidence(e.get("start") or 0, e.get("end") or 0, e.get("quote") or "", bool(e.get("removed")))

        return cls(
            text=doc.get("text") or "",
            source=Source(path=store.get("name") or src.get("path"), sha256=src.get("sha256"),
                          media_type=src.get("media_type"), encoding=src.get("encoding"),
                          ocr=src.get("ocr")),
            removed=[Removed(r.get("kind") or "other", r.get("text") or "", r.get("at") or 0)
                     for r in doc.get("removed") or []],
            meta=meta,
            sections=[section(s) for s in doc.get("sections") or []],
            facts=[Fact(id=f["id"], quote=f.get("quote") or "", start=f["start"], end=f["end"],
                        value=f.get("value"), unit=f.get("unit"), approx=bool(f.get("approx")),
                        qualifier=f.get("qualifier"), kind=f.get("kind") or "count", subject=f.get("subject"),
                        subject_start=f.get("subject_start"), subject_end=f.get("subject_end"),
                        indicator=f.get("indicator"), year=f.get("year"), section=f.get("section"),
                        ocr_low=bool(f.get("ocr_low")))
                   for f in doc.get("facts") or []],
            findings=[Finding(rule=f["rule"], severity=f.get("severity") or "info", message=f.get("message") or "",
                              evidence=[evidence(e) for e in f.get("evidence") or []],
                              suggestion=f.get("suggestion"), id=f.get("id"), data=f.get("data") or {})
                      for f in doc.get("findings") or []],
            relations=[Relation(id=r["id"], type=r["type"], total=r.get("total"), parts=list(r.get("parts") or []),
                                rate=r.get("rate"), numerator=r.get("numerator"), denominator=r.get("denominator"),
                                computed=r.get("computed"), stated=r.get("stated"), holds=r.get("holds"),
                                tolerance=r.get("tolerance"))
                       for r in doc.get("relations") or []],
            documents=list(doc.get("documents") or []),
            review=dict(doc.get("review") or {}),
            corrections=[dict(c) for c in doc.get("corrections") or []],
            hints=Hints.from_json(doc.get("hints")),
            diagnostics=[Diagnostic.from_json(x) for x in doc.get("diagnostics") or []],
            timings={str(k): float(v) for k, v in (doc.get("timings") or {}).items()},
        )
