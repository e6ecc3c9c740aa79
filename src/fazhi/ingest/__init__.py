"""Bytes -> clean text. `ingest(data, path)` sniffs the type and encoding, extracts the
text (plain text, HTML, DOCX, PDF), removes what is not the report (portal chrome,
template-site residue) and records what it removed."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import FazhiError
from ..model import Removed


@dataclass
class Ingested:
    text: str
    media_type: str
    encoding: str | None = None
    removed: list[Removed] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)


def ingest(data: bytes, path: str | None = None, media_type: str | None = None,
           max_mb: float = 50) -> Ingested:
    # placeholder until the ingest package lands: UTF-8 text only
    if not data:
        raise FazhiError("empty", path)
    if len(data) > max_mb * 1024 * 1024:
        raise FazhiError("too_large", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FazhiError("encoding", path) from None
    return Ingested(text=text.replace("\r\n", "\n"), media_type="text/plain", encoding="utf-8")
