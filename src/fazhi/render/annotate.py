"""The drafter's own Word file, returned with 批注: one Word comment per finding, anchored on
the finding's evidence text.

    annotate_docx(source_docx_bytes, report, config, decisions, extra_findings) -> bytes
    annotate_text(report, config, decisions, extra_findings) -> bytes   # TXT/HTML/PDF inputs
    annotated(source_bytes, media_type, report, ...) -> bytes           # picks one of the two

The original is untouched otherwise: runs are split at the anchor boundaries (each half keeps
the run's w:rPr), and the comment range markers and reference runs are added; no paragraph
text, run formatting, table, header/footer or numbering changes.

Evidence offsets point into `report.text`, which the DOCX ingest builds from the document's
paragraphs (body, table cells, content controls, in body order; see ingest/docx.py) with list
markers rebuilt, lines trimmed and residue removed. The map back from text offsets to
paragraphs aligns each paragraph line, in order, with the text. Findings a reviewer dismissed
are not written; reviewer-added findings and reviewers' comments are. Findings without a text
anchor (a missing part, evidence that could not be placed) are anchored on the title.
"""
from __future__ import annotations

import copy
import io
import logging
from dataclasses import dataclass
from typing import Iterable

from docx import Document
from docx.text.run import Run

from ..config import Config
from ..labels import SEVERITY_NAMES
from ..model import Finding, Report
from ..review import Decisions, review_items

log = logging.getLogger(__name__)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_EDGE_WS = " \t\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\r\n"
DEFAULT_AUTHOR = "法治报告审核"


# -- run text and splitting ---------------------------------------------------

def _child_text(el) -> str:
    """Text python-docx gives a run's child element (CT_R.text)."""
    tag = el.tag
    if tag == W + "t":
        return el.text or ""
    if tag in (W + "tab", W + "ptab"):
        return "\t"
    if tag == W + "br":
        return "\n" if el.get(W + "type") in (None, "textWrapping") else ""
    if tag == W + "cr":
        return "\n"
    if tag == W + "noBreakHyphen":
        return "-"
    return ""


def _run_text(r) -> str:
    return "".join(_child_text(c) for c in r if c.tag != W + "rPr")


def _runs(p) -> list:
    """The w:r elements whose text makes up python-docx's `paragraph.text`, in order."""
    out = []
    for c in p:
        if c.tag == W + "r":
            out.append(c)
        elif c.tag == W + "hyperlink":
            out.extend(x for x in c if x.tag == W + "r")
    return out


def _split_run(r, k: int) -> None:
    """Split run r at character k (0 < k < len): r keeps the first k characters, a copy with
    the same w:rPr, inserted right after it, gets the rest."""
    second = copy.deepcopy(r)
    pos = 0
    firsts = [c for c in r if c.tag != W + "rPr"]
    seconds = [c for c in second if c.tag != W + "rPr"]
    for a, b in zip(firsts, seconds):
        n = len(_child_text(a))
        if (n and pos + n <= k) or (not n and pos < k):
            second.remove(b)               # wholly before the cut
        elif pos >= k:
            r.remove(a)                    # wholly after (zero-width content at the cut too)
        else:                              # a w:t straddling the cut
            cut = k - pos
            a.text, b.text = a.text[:cut], a.text[cut:]
            for t in (a, b):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pos += n
    r.addnext(second)


@dataclass
class _Seg:
    p: object          # w:p element
    p_off: int         # offset in the paragraph text
    t_off: int         # offset in report.text
    n: int


class _Doc:
    """The body paragraphs of a document and their lines aligned with report.text."""

    def __init__(self, document, text: str) -> None:
        self.document = document
        self.paras = list(_body_paragraphs(document))
        self.segs: list[_Seg] = []
        cursor = 0
        for p in self.paras:
            ptext = "".join(_run_text(r) for r in _runs(p))
            pos = 0
            for line in ptext.split("\n"):
                stripped = line.strip(_EDGE_WS)
                if stripped:
                    lead = len(line) - len(line.lstrip(_EDGE_WS))
                    at = text.find(stripped, cursor)
                    if at >= 0 and len(stripped) < 12 and at - cursor > 400:
                        at = -1      # a short line found far ahead: another line's words
                    if at >= 0:
                        self.segs.append(_Seg(p, pos + lead, at, len(stripped)))
                        cursor = at + len(stripped)
                pos += len(line) + 1

    def ptext(self, p) -> str:
        return "".join(_run_text(r) for r in _runs(p))

    def spans(self, start: int, end: int) -> list[tuple[object, int, int]]:
        """(paragraph, start, end) pieces of text range [start, end) that map to paragraphs."""
        out = []
        for s in self.segs:
            a, b = max(start, s.t_off), min(end, s.t_off + s.n)
            if a < b:
                out.append((s.p, s.p_off + a - s.t_off, s.p_off + b - s.t_off))
        return out

    def find(self, quote: str) -> list[tuple[object, int, int]]:
        q = quote.strip(_EDGE_WS)
        if not q:
            return []
        for p in self.paras:
            i = self.ptext(p).find(q)
            if i >= 0:
                return [(p, i, i + len(q))]
        return []

    def title(self) -> list[tuple[object, int, int]]:
        for p in self.paras:
            t = self.ptext(p)
            if t.strip(_EDGE_WS):
                lead = len(t) - len(t.lstrip(_EDGE_WS))
                return [(p, lead, len(t.rstrip(_EDGE_WS)))]
        return []

    def runs_between(self, p, a: int, b: int) -> list:
        """Split runs so that [a, b) of paragraph p starts and ends on run boundaries; return
        the runs covering it."""
        for cut in (a, b):
            pos = 0
            for r in _runs(p):
                n = len(_run_text(r))
                if pos < cut < pos + n:
                    _split_run(r, cut - pos)
                    break
                pos += n
        out, pos = [], 0
        for r in _runs(p):
            n = len(_run_text(r))
            if n and a <= pos and pos + n <= b:
                out.append(r)
            pos += n
        return out


def _body_paragraphs(document):
    """Paragraphs in the order ingest/docx.py reads them (body, table cells, content controls)."""
    def table(tbl):
        for tr in tbl.findall(W + "tr"):
            for tc in tr.findall(W + "tc"):
                for el in tc:
                    if el.tag == W + "p":
                        yield el
                    elif el.tag == W + "tbl":
                        yield from table(el)

    for child in document.element.body.iterchildren():
        if child.tag == W + "p":
            yield child
        elif child.tag == W + "tbl":
            yield from table(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            for p in (content.findall(W + "p") if content is not None else []):
                yield p


# -- comments -----------------------------------------------------------------

@dataclass
class Note:
    """One comment to write: the text and where it is anchored."""
    finding: Finding
    text: str


def comment_text(finding: Finding, decision: dict | None, added: bool) -> str:
    """【严重/一般/提示】message, 建议：suggestion, and the reviewer's comment, without internal ids."""
    from .quotes import plain
    sev = SEVERITY_NAMES.get(finding.severity, "")
    head = f"【{sev}】" if sev else ""
    if added:
        head += "（审核人补充）"
    parts = [head + (plain(finding.message) or "").strip()]
    if finding.suggestion:
        parts.append("建议：" + (plain(finding.suggestion) or "").strip())
    if decision and (decision.get("comment") or "").strip():
        who = (decision.get("user") or "").strip()
        parts.append(f"审核人意见{('（' + who + '）') if who else ''}：{decision['comment'].strip()}")
    return "\n".join(p for p in parts if p)


def notes(report: Report, decisions: Decisions | None = None,
          extra_findings: Iterable[Finding] | None = None) -> list[Note]:
    """The findings to write (dismissed ones left out), each with its comment text."""
    out = []
    for it in review_items(report, decisions, extra_findings):
        if it.dismissed:
            continue
        out.append(Note(it.finding, comment_text(it.finding, it.decision, it.added)))
    return out


def _write_comments(document, report: Report, items: list[Note], config: Config) -> int:
    author = str(config.get("annotate.author") or DEFAULT_AUTHOR)
    initials = str(config.get("annotate.initials") or author[:2])
    doc = _Doc(document, report.text)
    n = 0
    for note in items:
        pieces: list[tuple[object, int, int]] = []
        for e in note.finding.evidence:
            if e.removed:
                pieces = doc.find(e.quote)
            else:
                pieces = doc.spans(e.start, e.end) or doc.find(e.quote)
            if pieces:
                break
        first = last = None
        for cand in (pieces, doc.title()):
            if not cand:
                continue
            first = doc.runs_between(*cand[0])
            last = doc.runs_between(*cand[-1]) if len(cand) > 1 else first
            if first and last:
                break
        if not first or not last:
            continue
        # a Run's parent only gives it its part; these runs need none (mark_comment_range)
        document.add_comment([Run(first[0], document), Run(last[-1], document)], text=note.text,
                             author=author, initials=initials)
        n += 1
    return n


def annotate_docx(source: bytes, report: Report, config: Config | None = None,
                  decisions: Decisions | None = None,
                  extra_findings: Iterable[Finding] | None = None) -> bytes:
    """The source DOCX with one comment per (undismissed) finding."""
    config = config or Config.default()
    document = Document(io.BytesIO(source))
    _write_comments(document, report, notes(report, decisions, extra_findings), config)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def text_docx(report: Report) -> bytes:
    """The clean text as a 公文-format DOCX (render/docx.py conventions): the first line as the
    title, section headings in the heading styles, every other line a body paragraph."""
    from .docx import _page_number_footer, _setup
    document = Document()
    _setup(document)
    _page_number_footer(document)
    levels: dict[int, tuple[int, int]] = {}     # heading start -> (level, heading end)
    for s in report.all_sections():
        if s.heading_end > s.heading_start:
            levels[s.heading_start] = (min(max(s.level or 1, 1), 4), s.heading_end)
    title = (report.meta.title if getattr(report, "meta", None) else None) or ""
    squeeze = lambda x: "".join(x.split())  # noqa: E731
    title_done = False
    pos = 0
    for line in report.text.split("\n"):
        start = pos
        pos += len(line) + 1
        t = line.strip(_EDGE_WS)
        if not t:
            continue
        lead = start + len(line) - len(line.lstrip(_EDGE_WS))
        if not title_done:
            title_done = True
            # the first line is set as the title only when it is the report's title (or its first
            # line): an untitled report's opening sentence stays a body paragraph
            if title and squeeze(t) and squeeze(t) in squeeze(title):
                document.add_paragraph(t, style="Title")
                continue
        lvl, end = levels.get(lead, (0, 0))
        whole = lvl and end >= lead + len(t)      # a run-in heading ("一是……") stays body text
        document.add_paragraph(t, style=f"Heading {lvl}" if whole else None)
    if title:
        document.core_properties.title = title
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def annotate_text(report: Report, config: Config | None = None, decisions: Decisions | None = None,
                  extra_findings: Iterable[Finding] | None = None) -> bytes:
    """For TXT/HTML/PDF inputs: the clean text in 公文 format with the same comments."""
    return annotate_docx(text_docx(report), report, config, decisions, extra_findings)


def annotated(source: bytes | None, media_type: str | None, report: Report,
              config: Config | None = None, decisions: Decisions | None = None,
              extra_findings: Iterable[Finding] | None = None) -> bytes:
    """The annotated Word file: the original for a DOCX input, else the clean text."""
    from ..ingest import DOCX
    if source and media_type == DOCX:
        try:
            return annotate_docx(source, report, config, decisions, extra_findings)
        except Exception as exc:     # not readable as DOCX after all: fall back to the clean text
            log.warning("annotating the DOCX failed (%s: %s); writing the clean text instead",
                        type(exc).__name__, exc)
    return annotate_text(report, config, decisions, extra_findings)
