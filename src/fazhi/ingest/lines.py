"""Lines: the common intermediate form of every extractor, and the assembly of the
clean text (offsets of kept lines, positions of removed residue)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Removed

# whitespace trimmed at both ends of a line (ASCII, NBSP, ideographic and other wide spaces, BOM)
_EDGE_WS = " \t\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
# what may remain of a line once its residue is cut, and still count as an empty line
_SEPARATORS = re.compile(r"^[\s|｜/／·•>＞»›\-—_=*、,，:：]*$")


@dataclass
class Line:
    text: str
    level: int | None = None          # heading level from the source (DOCX styles / outline levels, HTML h1-h6)
    bold: bool = False                # the whole line is bold in the source
    source: str | None = None         # extractor-specific tag ("content", "outside", "title", ...)
    drop: str | None = None           # kind, when the whole line is removed
    cuts: list[tuple[int, int, str]] = field(default_factory=list)   # (start, end, kind) removed inside the line

    @property
    def remainder(self) -> str:
        """The line without its cuts."""
        if not self.cuts:
            return self.text
        out, pos = [], 0
        for s, e, _ in sorted(self.cuts):
            if s >= pos:
                out.append(self.text[pos:s])
                pos = e
            else:
                pos = max(pos, e)
        out.append(self.text[pos:])
        return "".join(out)

    @property
    def blank(self) -> bool:
        return not self.text.strip(_EDGE_WS + "\n\r")

    def add_cut(self, start: int, end: int, kind: str) -> None:
        if end <= start:
            return
        for s, e, _ in self.cuts:
            if start < e and s < end:   # overlaps an existing cut: extend nothing, keep the first
                return
        self.cuts.append((start, end, kind))


def split_lines(text: str, **kw) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(t, **kw) for t in text.split("\n")]


def trim(lines: list[Line]) -> None:
    """Strip both ends of every line (keeping cut offsets valid)."""
    for ln in lines:
        new = ln.text.rstrip().strip(_EDGE_WS)
        if new == ln.text:
            continue
        lead = len(ln.text) - len(ln.text.lstrip(_EDGE_WS))
        n = len(new)
        ln.cuts = [(max(0, s - lead), min(n, e - lead), k) for s, e, k in ln.cuts
                   if min(n, e - lead) > max(0, s - lead)]
        ln.text = new


@dataclass
class Assembled:
    text: str
    removed: list[Removed]
    starts: list[int | None]       # for each input line, its start offset in text (None if not emitted)


def assemble(lines: list[Line]) -> Assembled:
    """Join kept lines with "\\n" (one blank line at most between paragraphs), drop removed
    lines and cuts, and record each removal at the offset where it stood."""
    parts: list[str] = []
    length = 0
    removed: list[Removed] = []
    starts: list[int | None] = [None] * len(lines)
    pending_blank = False
    emitted = False
    for i, ln in enumerate(lines):
        if ln.drop:
            _record_line_drop(ln, removed, length, emitted)
            continue
        if ln.blank:
            pending_blank = emitted
            continue
        keep = ln.remainder
        if ln.cuts and _SEPARATORS.match(keep):
            # nothing of the report is left on this line: the whole line is residue
            _record_line_drop(ln, removed, length, emitted)
            continue
        keep_l = keep.strip(_EDGE_WS)
        if emitted:
            sep = "\n\n" if pending_blank else "\n"
            parts.append(sep)
            length += len(sep)
        pending_blank = False
        start = length
        starts[i] = start
        if ln.cuts:
            lead = len(keep) - len(keep.lstrip(_EDGE_WS))
            pos = 0      # position in ln.text
            out = 0      # characters emitted from this line (before lstrip adjustment)
            for s, e, kind in sorted(ln.cuts):
                if s < pos:
                    continue
                out += s - pos
                at = start + max(0, min(out - lead, len(keep_l)))
                removed.append(Removed(kind, ln.text[s:e], at))
                pos = e
        parts.append(keep_l)
        length += len(keep_l)
        emitted = True
    text = "".join(parts)
    for r in removed:
        if r.at > len(text):
            r.at = len(text)
    return Assembled(text, removed, starts)


def _record_line_drop(ln: Line, removed: list[Removed], at: int, emitted: bool) -> None:
    pos = at   # zero-width: the end of the last kept line (0 before the first)
    if ln.cuts:
        kinds = [k for _, _, k in sorted(ln.cuts)]
        for s, e, kind in sorted(ln.cuts):
            removed.append(Removed(kind, ln.text[s:e], pos))
        rest = ln.remainder.strip(_EDGE_WS)
        if rest and not _SEPARATORS.match(rest):
            removed.append(Removed(ln.drop or kinds[0], rest, pos))
    else:
        removed.append(Removed(ln.drop or "other", ln.text, pos))
