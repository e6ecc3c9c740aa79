"""上传: several files at once (TXT/HTML/DOCX/PDF or a .zip of them). The page sends one file
per request (XHR, so each file shows its own progress and its own error); without JavaScript
the form posts all files at once and a result page lists each.

Limits (config `web:`): max_upload_mb per file (default 50), max_zip_members (200) and
max_zip_total_mb (200) for the unpacked content of a .zip. File names are reduced to a safe
base name; they are shown escaped like any other text."""
from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import threading
import unicodedata
import zipfile
from dataclasses import asdict, dataclass
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from .core import check_csrf, need, render, settings, store

router = APIRouter(include_in_schema=False)

ALLOWED = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".mht", ".docx", ".pdf"}
ZIP = ".zip"
# plain-text formats: their size is the size of the text the analysis has to index, so they get
# the lower `max_text_mb` limit (a year's report is some 10–200 KB; a 50 MB text file is not a
# report and would take the indexing many minutes and many GB of memory)
TEXT_LIKE = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".mht"}
MAX_FILES_PER_REQUEST = 50
_CTRL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _strip_format(s: str) -> str:
    """Without bidi controls (U+202E can make "gpj.exe" look like "exe.jpg") and other invisible
    format characters (Unicode category Cf: U+200B–U+200F, U+2066–U+2069, U+FEFF …)."""
    return "".join(c for c in s if unicodedata.category(c) != "Cf")


@dataclass
class UploadResult:
    name: str
    ok: bool
    status: str                    # new | version | skipped | error
    id: int | None = None
    title: str | None = None
    verdict: str | None = None
    message: str | None = None     # plain Chinese (and English) when not ok

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class TooLarge(Exception):
    pass


def safe_name(name: str | None) -> str:
    """The base name only (no folders, no control characters, no leading dots), ≤ 120 chars."""
    s = unicodedata.normalize("NFC", str(name or ""))
    s = re.split(r"[\\/]", s)[-1]
    s = _strip_format(_CTRL.sub("", s)).strip().lstrip(".").strip()
    s = re.sub(r"\s+", " ", s)
    if len(s) > 120:
        stem, dot, ext = s.rpartition(".")
        s = (stem[: 120 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 8 else s[:120]
    return s or "未命名"


def ext_of(name: str) -> str:
    i = name.rfind(".")
    return name[i:].lower() if i > 0 else ""


async def read_limited(f: UploadFile, limit: int) -> bytes:
    buf = bytearray()
    while True:
        chunk = await f.read(1 << 20)
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > limit:
            raise TooLarge()


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Member names written by Chinese Windows tools are GBK without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _existing(st, data: bytes) -> dict[str, Any] | None:
    sha = hashlib.sha256(data).hexdigest()
    return st.report_by_sha(sha)


def _refresh_in_child(url: str, config_data: dict | None) -> dict[str, int]:
    """Runs in a worker process: the corpus pass over the store at url."""
    from ..config import Config
    from ..corpus.store import Store
    st = Store(url, config=Config(config_data) if config_data is not None else None)
    try:
        return st.refresh_corpus()
    finally:
        st.close()


def _pool_worker_start() -> None:
    """In every worker process of the server's pools: exit when the server is gone (stopped by
    SIGTERM, or killed), instead of staying behind idle."""
    from ..worker import die_with_parent
    die_with_parent(None, kernel=False)


def _background_priority() -> None:
    """In the corpus-pass process: a lower CPU priority (nice +10), so that on a busy machine the
    server's answers go first and the pass (seconds of CPU over the whole corpus) takes what is
    left; its results are the same, only later."""
    _pool_worker_start()
    try:
        os.nice(10)
    except (AttributeError, OSError):   # no nice on this platform: the pass keeps the priority
        pass


_POOLS: dict[str, Any] = {}
_POOLS_LOCK = threading.Lock()


def _spawn_pool(workers: int, kind: str = "analysis"):
    """One pool of worker processes per kind and size in this process, shared by every app (the
    jobs carry everything they need: the file and the configuration, or the store's URL)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    key = f"{kind}:{workers}"
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None or getattr(pool, "_broken", False) or getattr(pool, "_shutdown_thread", False):
            # spawn, not fork: the server has threads (a forked child could inherit a held lock)
            pool = _POOLS[key] = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_background_priority if kind == "corpus" else _pool_worker_start)
        return pool


class AnalysisPool:
    """Worker processes that analyse uploaded files (`web: analysis_workers`, default 2; 0 runs
    the analysis in the server's own threads). An analysis in a process neither blocks the
    event loop nor holds the server's GIL, so other requests are answered meanwhile."""

    def __init__(self, workers: int) -> None:
        self.workers = max(0, int(workers))
        self.ready = threading.Event()        # set when the worker processes have started

    def executor(self):
        """The worker processes, or None (analyse in the calling thread) when there are none or
        they are still starting (a slow machine can take many seconds to start them)."""
        if self.workers == 0 or not self.ready.is_set():
            return None
        return _spawn_pool(self.workers, "analysis")

    def warm(self) -> None:
        """Start the worker processes and load the engine in them (at server start, so that the
        first upload does not pay for it); uploads use them from then on."""
        if self.workers == 0:
            return
        ex = _spawn_pool(self.workers, "analysis")
        for f in [ex.submit(_warm_worker) for _ in range(self.workers)]:
            f.result()
        self.ready.set()


def _warm_worker() -> None:
    from ..corpus.batch import analyze_item
    analyze_item(("warm-up.txt", "某县2023年法治政府建设年度报告\n一、主要工作\n依法行政。\n".encode("utf-8")))


class CorpusRefresher:
    """Runs `Store.refresh_corpus` (cross-report findings) after uploads, always off the request
    path: one background thread hands the pass to a worker process (its own, not the upload
    analysers', running at a lower CPU priority: nice +10), so no request waits for it and the
    server's answers go first on a busy machine;
    uploads arriving meanwhile are covered by one more pass (passes coalesce, so a burst of
    uploads costs at most two passes; between passes the thread pauses as long as the last one
    took, so that a stream of uploads keeps at most half a core busy with corpus passes). With `in_process` (tests, or no multiprocessing) the
    pass runs in the background thread itself."""

    def __init__(self, store, sync_max: int = 0, on_done=None, in_process: bool = False):
        self.store = store
        self.on_done = on_done          # called after a background pass (warms the dashboard)
        self.sync_max = sync_max        # kept for the configuration's sake: every pass is background
        self.in_process = in_process
        self._lock = threading.Lock()
        self._dirty = False
        self._thread: threading.Thread | None = None
        self.passes = 0

    def small(self) -> bool:
        return self.store.current_count() <= self.sync_max

    def after_ingest(self) -> None:
        with self._lock:
            self._dirty = True
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="fazhi-corpus-refresh", daemon=True)
                self._thread.start()

    def _pass(self) -> None:
        if self.in_process:
            self.store.refresh_corpus()
            return
        _spawn_pool(1, "corpus").submit(_refresh_in_child, self.store.url, self.store.config.data).result()

    def _run(self) -> None:
        import time
        last = 0.0
        while True:
            if last:
                # uploads keep arriving: pause as long as the last pass took (at most a minute),
                # so the corpus passes use at most half of one core while the server is busy
                time.sleep(min(60.0, last))
            with self._lock:
                if not self._dirty:
                    self._thread = None
                    return
                self._dirty = False
            t0 = time.monotonic()
            try:
                self._pass()
                last = time.monotonic() - t0
                self.passes += 1
                if self.on_done is not None and not self._dirty:
                    self.on_done()
            except Exception as exc:  # logged, never kills the server
                if sys.is_finalizing() or "interpreter shutdown" in str(exc):
                    return    # the server is stopping: the next start resumes the pass (corpus.incremental.behind)
                print(f"跨报告分析失败 / corpus refresh failed: {type(exc).__name__}: {exc}", file=sys.stderr)

    def busy(self) -> bool:
        with self._lock:
            return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float = 120) -> bool:
        """Until no pass is running or due (tests, benchmarks); True when idle."""
        import time
        deadline = time.monotonic() + timeout
        while self.busy() and time.monotonic() < deadline:
            time.sleep(0.05)
        return not self.busy()


def ingest_one(st, name: str, data: bytes, refresher: CorpusRefresher | None = None,
               pool: AnalysisPool | None = None) -> UploadResult:
    executor = pool.executor() if pool is not None else None
    summary = st.ingest_bytes(name, data, corpus=refresher is None, executor=executor)
    if refresher is not None and summary.loaded:
        refresher.after_ingest()
    if summary.failed:
        fail = summary.failures[0]
        msg = fail.get("message") or "无法分析 / cannot analyse"
        if msg.startswith(f"{name}: "):       # FazhiError.line(): the row already names the file
            msg = msg[len(name) + 2:]
        msg = re.sub(r"\s*\[[a-z_]+\]$", "", msg)       # nor the error code
        if fail.get("code") == "internal" and " / " not in msg:
            msg = "分析时发生内部错误 / internal error during analysis"   # never a Python exception text
        return UploadResult(name, False, "error", message=msg)
    if summary.skipped:
        old = _existing(st, data)
        return UploadResult(name, True, "skipped", id=old["id"] if old else None,
                            title=old["title"] if old else None, verdict=old["verdict"] if old else None,
                            message="同样的文件已经入库，未重复保存 / already stored")
    rid = summary.report_ids[0]
    title, verdict = st.report_title_verdict(rid)
    return UploadResult(name, True, "version" if summary.versions else "new", id=rid, title=title, verdict=verdict)


def ingest_upload(st, cfg: dict[str, Any], filename: str | None, data: bytes,
                  refresher: CorpusRefresher | None = None, pool: AnalysisPool | None = None) -> list[UploadResult]:
    """Store one uploaded file (or every supported member of a .zip); one result per file."""
    name = safe_name(filename)
    ext = ext_of(name)
    if ext == ZIP:
        return _ingest_zip(st, cfg, name, data, refresher, pool)
    if ext not in ALLOWED:
        return [UploadResult(name, False, "error", message=(
            f"不支持的文件类型“{ext or '无扩展名'}”，请上传 TXT、HTML、Word（.docx）、PDF 或 ZIP / unsupported file type"))]
    if not data:
        return [UploadResult(name, False, "error", message="文件是空的 / empty file")]
    if (msg := text_too_big(cfg, name, len(data))):
        return [UploadResult(name, False, "error", message=msg)]
    return [ingest_one(st, name, data, refresher, pool)]


def text_too_big(cfg: dict[str, Any], name: str, size: int) -> str | None:
    """The message for a TXT/HTML file above `max_text_mb`, else None."""
    mb = float(cfg.get("max_text_mb") or 5)
    if ext_of(name) in TEXT_LIKE and size > mb * (1 << 20):
        return (f"文本文件过大（{size / (1 << 20):.1f} MB，TXT/HTML 上限 {mb:g} MB）；年度报告通常不到 1 MB，"
                f"请检查是否选错了文件 / text file too large")
    return None


def _ingest_zip(st, cfg: dict[str, Any], name: str, data: bytes,
                refresher: CorpusRefresher | None = None, pool: AnalysisPool | None = None) -> list[UploadResult]:
    limit = int(cfg["max_upload_mb"]) << 20
    total_limit = int(cfg["max_zip_total_mb"]) << 20
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return [UploadResult(name, False, "error", message="压缩包已损坏或不是 ZIP 文件 / not a valid zip file")]
    members = []
    for i in infos:
        inner = _zip_name(i)
        base = safe_name(inner)
        parts = re.split(r"[\\/]", inner)
        if any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" for p in parts) or base.startswith("~$"):
            continue
        members.append((i, base))
    if len(members) > int(cfg["max_zip_members"]):
        return [UploadResult(name, False, "error", message=(
            f"压缩包内文件过多（{len(members)} 个，上限 {cfg['max_zip_members']} 个），请分批上传 / too many files in the zip"))]
    if sum(i.file_size for i, _ in members) > total_limit:
        return [UploadResult(name, False, "error", message=(
            f"压缩包解压后超过 {cfg['max_zip_total_mb']} MB，请分批上传 / zip content too large"))]
    if not members:
        return [UploadResult(name, False, "error", message="压缩包中没有文件 / the zip is empty")]
    out = []
    for info, base in members:
        label = f"{name} › {base}"
        ext = ext_of(base)
        if ext not in ALLOWED:
            out.append(UploadResult(label, False, "error", message=(
                f"不支持的文件类型“{ext or '无扩展名'}”（压缩包内只处理 TXT、HTML、DOCX、PDF）/ unsupported file type")))
            continue
        if info.file_size > limit:
            out.append(UploadResult(label, False, "error", message=(
                f"文件超过 {cfg['max_upload_mb']} MB / file too large")))
            continue
        try:
            with zf.open(info) as fh:
                blob = fh.read(limit + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
            out.append(UploadResult(label, False, "error", message="无法解压此文件（已损坏或加密）/ cannot extract"))
            continue
        if len(blob) > limit:
            out.append(UploadResult(label, False, "error", message=f"文件超过 {cfg['max_upload_mb']} MB / file too large"))
            continue
        if not blob:
            out.append(UploadResult(label, False, "error", message="文件是空的 / empty file"))
            continue
        if (msg := text_too_big(cfg, base, len(blob))):
            out.append(UploadResult(label, False, "error", message=msg))
            continue
        res = ingest_one(st, base, blob, refresher, pool)
        res.name = label
        out.append(res)
    return out


async def handle_files(request: Request, files: list) -> list[UploadResult]:
    cfg = settings(request)
    limit = int(cfg["max_upload_mb"]) << 20
    zlimit = max(limit, int(cfg["max_zip_total_mb"]) << 20)
    st = store(request)
    results: list[UploadResult] = []
    for f in files[:MAX_FILES_PER_REQUEST]:
        if not isinstance(f, UploadFile):
            continue
        name = safe_name(f.filename)
        try:
            data = await read_limited(f, zlimit if ext_of(name) == ZIP else limit)
        except TooLarge:
            results.append(UploadResult(name, False, "error", message=(
                f"文件超过 {cfg['max_upload_mb']} MB 的上限 / file larger than the limit")))
            continue
        finally:
            await f.close()
        from starlette.concurrency import run_in_threadpool
        results += await run_in_threadpool(ingest_upload, st, cfg, name, data, request.app.state.refresher,
                                           request.app.state.analysis)
    if len(files) > MAX_FILES_PER_REQUEST:
        results.append(UploadResult(f"其余 {len(files) - MAX_FILES_PER_REQUEST} 个文件", False, "error",
                                    message=f"一次最多上传 {MAX_FILES_PER_REQUEST} 个文件 / too many files"))
    return scoped_results(request, results)


OUTSIDE = "已保存，但不属于本账号的地区范围，无法查看 / stored, outside your region"


def scoped_results(request: Request, results: list[UploadResult]) -> list[UploadResult]:
    """Results of an upload as the uploader may see them: a report that lies outside the
    user's region (a new one, or one stored before) keeps no id, title or verdict."""
    from .core import scope
    sc = scope(request)
    if sc.everything:
        return results
    st = store(request)
    for r in results:
        if r.ok and r.id is not None and not sc.covers_report(st, r.id):
            r.id, r.title, r.verdict, r.message = None, None, None, OUTSIDE
    return results


def too_big(request: Request) -> bool:
    cfg = settings(request)
    cl = request.headers.get("content-length")
    cap = (max(int(cfg["max_upload_mb"]), int(cfg["max_zip_total_mb"])) + 1) * MAX_FILES_PER_REQUEST << 20
    return bool(cl and cl.isdigit() and int(cl) > cap)


@router.get("/upload")
def upload_page(request: Request, user=Depends(need("reviewer"))):
    return render(request, "upload.html", results=None, cfg=settings(request), accept=",".join(sorted(ALLOWED | {ZIP})))


@router.post("/upload")
async def upload(request: Request, user=Depends(need("reviewer"))):
    wants_json = request.headers.get("x-requested-with") == "fetch"
    if too_big(request):
        msg = "上传内容过大 / request too large"
        return JSONResponse({"results": [], "error": msg}, status_code=413) if wants_json else \
            render(request, "upload.html", status_code=413, results=[], error=msg, cfg=settings(request),
                   accept=",".join(sorted(ALLOWED | {ZIP})))
    await check_csrf(request)
    form = await request.form(max_files=MAX_FILES_PER_REQUEST + 50)
    files = form.getlist("files") or form.getlist("file")
    results = await handle_files(request, files)
    if wants_json:
        return JSONResponse({"results": [r.to_json() for r in results]})
    return render(request, "upload.html", results=results, cfg=settings(request),
                  accept=",".join(sorted(ALLOWED | {ZIP})))
