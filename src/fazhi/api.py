"""The one obvious entry point: `fazhi.analyze(path_or_bytes) -> Report`."""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
from pathlib import Path
from typing import Iterator

from .config import Config
from .errors import FazhiError
from .model import Report, Source
from . import pipeline


@functools.lru_cache(maxsize=1)
def _default_config() -> Config:
    """The default settings, built once per process. Components read the config and never
    change it; a caller that wants other settings passes its own Config."""
    return Config.default()


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
    config = config or _default_config()
    doc = ingest(data, path=path, media_type=media_type,
                 max_mb=config.get("limits.max_file_mb", 50),
                 max_unpacked_mb=config.get("limits.max_unpacked_mb", 200))
    source = Source(path=path, sha256=hashlib.sha256(data).hexdigest(),
                    media_type=doc.media_type, encoding=doc.encoding, size=len(data),
                    ocr=doc.hints.ocr)
    return Report(text=doc.text, source=source, removed=doc.removed, hints=doc.hints)


def analyze(source: str | os.PathLike | bytes, *, path: str | None = None,
            media_type: str | None = None, config: Config | None = None,
            pipeline_names: list[str] | None = None) -> Report:
    """Read a report (a file path, or bytes) and run the whole pipeline.

    Raises FazhiError with a code and a bilingual message for input that cannot be read.
    """
    config = config or _default_config()
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


_WARM_TEXT = ("示例县2023年法治政府建设年度报告\n"
              "2023年，示例县人民政府认真落实法治政府建设各项任务，现将有关情况报告如下：\n"
              "一、主要工作和成效\n（一）加强组织领导\n全年召开常务会议专题研究法治工作5次，办理行政复议案件12件。\n"
              "二、存在的不足\n执法人员不足。\n三、2024年工作打算\n加强队伍建设。\n"
              "示例县人民政府\n2024年3月1日\n")
_warm = False


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """The cyclic garbage collector paused while the engine loads (the first analysis imports
    the pipeline's modules, compiles their patterns, reads the catalogues and unpickles the
    gazetteer): hundreds of thousands of objects that live as long as the process, and no
    garbage worth a collection, but each 700 new objects start one (about 0.1 s of a process's
    start). What was loaded is then moved out of the collector's generations (`gc.freeze`), so
    no later collection walks it again; the garbage of that one analysis stays (its cycles, a
    few hundred kB at most). The collector's state is restored after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def warm_up() -> None:
    """Load once what the first analysis in a process loads (pipeline modules, catalogs,
    the gazetteer, compiled patterns), so that a worker pays it before its first report:
    `ProcessPoolExecutor(n, initializer=fazhi.api.warm_up)`. Idempotent and cheap when warm;
    call it in the parent before forking and the workers inherit the warm state."""
    global _warm
    if _warm:
        return
    with loading():
        analyze_text(_WARM_TEXT, path="warm-up.txt")
        try:      # the gazetteer is loaded lazily by meta when a text names a place
            from .parse.places import gazetteer
            gazetteer()
        except Exception:  # noqa: BLE001 - warming is best effort; analysis loads it when needed
            pass
    _warm = True
