"""The one obvious entry point: `fazhi.analyze(path_or_bytes) -> Report`."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .config import Config
from .errors import FazhiError
from .model import Report, Source
from . import pipeline


def read_bytes(path: str | os.PathLike, max_mb: float = 50) -> bytes:
    p = Path(path)
    if not p.exists():
        raise FazhiError("not_found", str(path))
    if not p.is_file():
        raise FazhiError("not_a_file", str(path))
    size = p.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise FazhiError("too_large", str(path), f"{size / 1024 / 1024:.1f} MB > {max_mb:g} MB")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise FazhiError("read_error", str(path), exc.strerror) from None


def build_report(data: bytes, path: str | None = None, media_type: str | None = None,
                 config: Config | None = None) -> Report:
    """Ingest bytes into a Report (text, removed residue, hints) without analysis."""
    from .ingest import ingest
    config = config or Config.default()
    doc = ingest(data, path=path, media_type=media_type,
                 max_mb=config.get("limits.max_file_mb", 50))
    source = Source(path=path, sha256=hashlib.sha256(data).hexdigest(),
                    media_type=doc.media_type, encoding=doc.encoding, size=len(data))
    return Report(text=doc.text, source=source, removed=doc.removed, hints=doc.hints)


def analyze(source: str | os.PathLike | bytes, *, path: str | None = None,
            media_type: str | None = None, config: Config | None = None,
            pipeline_names: list[str] | None = None) -> Report:
    """Read a report (a file path, or bytes) and run the whole pipeline.

    Raises FazhiError with a code and a bilingual message for input that cannot be read.
    """
    config = config or Config.default()
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        path = path or str(source)
        data = read_bytes(source, config.get("limits.max_file_mb", 50))
    report = build_report(data, path=path, media_type=media_type, config=config)
    return pipeline.run(report, config, pipeline_names)


def analyze_text(text: str, *, config: Config | None = None, path: str | None = None) -> Report:
    """Analyze a text that is already clean (tests, the web editor, drafters' paste)."""
    return analyze(text.encode("utf-8"), path=path, media_type="text/plain", config=config)
