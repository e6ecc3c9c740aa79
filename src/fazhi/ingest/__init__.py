"""Bytes -> clean text. `ingest(data, path)` sniffs the type and encoding, extracts the
text (plain text, HTML, DOCX, PDF), removes what is not the report (portal chrome,
template-site residue) and records what it removed."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import FazhiError
from ..model import Hints, Removed
from .lines import Line, assemble, split_lines
from .sniff import DOCX, HTML, IMAGES, PDF, TEXT, decode, is_html, sniff

__all__ = ["Ingested", "ingest", "TEXT", "HTML", "DOCX", "PDF"]

_MEDIA_ALIASES = {
    "text/plain": TEXT, "text": TEXT, "txt": TEXT,
    "text/html": HTML, "html": HTML, "application/xhtml+xml": HTML,
    "docx": DOCX, DOCX: DOCX,
    "pdf": PDF, PDF: PDF,
}


@dataclass
class Ingested:
    text: str
    media_type: str
    encoding: str | None = None
    removed: list[Removed] = field(default_factory=list)
    hints: Hints = field(default_factory=Hints)


def ingest(data: bytes, path: str | None = None, media_type: str | None = None,
           max_mb: float = 50, max_unpacked_mb: float | None = None) -> Ingested:
    """Read one report from bytes. Raises FazhiError (a code and a one-line message) for
    input that cannot be read; never anything else for bad input."""
    if data is None or len(data) == 0:
        raise FazhiError("empty", path)
    if len(data) > max_mb * 1024 * 1024:
        raise FazhiError("too_large", path, f"{len(data) / 1024 / 1024:.3g} MB > {max_mb:g} MB")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FazhiError("empty", path)

    sniffed = sniff(data, path, max_unpacked_mb)
    declared = _MEDIA_ALIASES.get((media_type or "").lower())
    # a declared text type is trusted for text; binary formats are always decided by content
    kind = sniffed if sniffed in (DOCX, PDF) or sniffed in IMAGES.values() else (declared if declared in (TEXT, HTML) else sniffed)

    encoding: str | None = None
    hints: dict[str, Any] = {}
    if kind == DOCX:
        from . import docx
        lines, hints = docx.extract(data, path)
    elif kind == PDF:
        from . import pdf
        lines, hints = pdf.extract(data, path, max_unpacked_mb)
    elif kind in IMAGES.values():
        from . import ocr
        lines, hints = ocr.extract_image(data, path)
    else:
        text, encoding = decode(data, path)
        if kind == TEXT and declared != TEXT and is_html(text):
            kind = HTML
        if kind == HTML:
            from . import html
            lines, hints = html.extract(text)
        else:
            lines = split_lines(text)
    return finish(lines, kind, encoding, hints, path)


def finish(lines: list[Line], media_type: str, encoding: str | None, hints: dict[str, Any],
           path: str | None = None) -> Ingested:
    """Clean the extracted lines, assemble the text and turn line flags into hints (the extractors'
    dict becomes `Hints`: a key that is no hint is a ValueError)."""
    from ..textnorm import traditional_ratio
    from .clean import clean

    clean(lines, hints)
    for ln in lines:
        if ln.source == "outside" and not ln.drop:
            ln.drop = "page_chrome"
    done = assemble(lines)
    if not done.text.strip():
        raise FazhiError("no_text", path)
    heading_lines = [[s, ln.level] for ln, s in zip(lines, done.starts)
                     if s is not None and ln.level]
    bold_lines = [s for ln, s in zip(lines, done.starts) if s is not None and ln.bold]
    if heading_lines:
        hints["heading_lines"] = heading_lines
    if bold_lines:
        hints["bold_lines"] = bold_lines
    low_rows = hints.pop("ocr_low_rows", None)
    if low_rows:
        from .ocr import locate_low
        hints["ocr_low"] = locate_low(done.text, low_rows)
    if traditional_ratio(done.text) > 0.05:
        hints["traditional"] = True
    return Ingested(text=done.text, media_type=media_type, encoding=encoding,
                    removed=done.removed, hints=Hints.from_json(hints))
