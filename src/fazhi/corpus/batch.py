"""Batch jobs on the corpus store: ingest (files, bytes, (name, bytes) streams), re-analysis,
the reviewers' corrections applied again, the corpus findings recomputed, and the run and
failure records they write.

Each file is stored in one transaction, so an interrupted batch leaves the database
consistent and a rerun resumes (stored files are recognised by their SHA-256 and skipped).
Analysis may run in any `concurrent.futures.Executor` (a ProcessPoolExecutor, or a Dask
client's `get_executor()`); database writes stay in the calling process.

Functions take the `Store` (corpus/store.py), whose methods of the same names delegate here.
"""
from __future__ import annotations

import functools
import hashlib
import os
import time
from collections import deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import __version__
from ..config import Config
from ..textnorm import normalize_view
from . import db, reports
from . import schema as T
from .db import new_id as _new_id
from .db import now

if TYPE_CHECKING:
    from .store import Store


# --------------------------------------------------------------------------------------
# analysis (runs in worker processes: only picklable, top-level functions)
# --------------------------------------------------------------------------------------

def analyze_item(item: tuple[str, bytes], config_data: dict | None = None,
                 corrections: dict[str, dict] | None = None) -> dict[str, Any]:
    """Analyse one file's bytes. Returns {"ok": True, "json", "paragraphs"} or
    {"ok": False, "code", "message"}; never raises for bad input. `corrections` (field ->
    {value, user, at, reason}, supervision/corrections.py) are applied right after "meta"."""
    from ..api import analyze, build_report
    from ..errors import FazhiError
    from .. import pipeline
    name, data = item
    config = Config(config_data) if config_data is not None else Config.default()
    try:
        if corrections:
            report = build_report(data, path=name, config=config)
            report.hints["corrections"] = dict(corrections)
            report = pipeline.run(report, config)
        else:
            report = analyze(data, path=name, config=config)
    except FazhiError as err:
        return {"ok": False, "code": err.code, "message": err.line()}
    except Exception as exc:  # a bug in the engine must not stop a batch
        return {"ok": False, "code": "internal", "message": f"{type(exc).__name__}: {exc}"}
    from ..pipeline import is_complete
    if not is_complete(report):
        return {"ok": False, "code": "incomplete",
                "message": FazhiError("incomplete", name, "pipeline did not run every step").line()}
    return enrich(report.to_json(), report.norm, config)


def enrich(doc: dict[str, Any], norm: str | None, config: Config) -> dict[str, Any]:
    """Add what the store needs besides the contract: the paragraph signatures (the search
    index is computed from the stored text, corpus/search.py)."""
    from .similarity import paragraph_signatures
    text = doc["text"]
    norm = norm if norm is not None else normalize_view(text)
    cfg = config.get("corpus.similarity")
    heads = []

    def walk(secs):
        for s in secs or []:
            if s.get("heading_start") is not None and s.get("heading_end") is not None:
                heads.append((s["heading_start"], s["heading_end"]))
            walk(s.get("children"))
    walk(doc.get("sections"))
    return {"ok": True, "json": doc, "paragraphs": paragraph_signatures(text, norm, cfg, heads)}


# --------------------------------------------------------------------------------------

def _done(result: dict[str, Any]) -> Future:
    """A future that already holds `result` (a skipped or unreadable file, queued in order)."""
    f: Future = Future()
    f.set_result(result)
    return f


class _InlineExecutor(Executor):
    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        f: Future = Future()
        try:
            f.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - re-raised by result()
            f.set_exception(exc)
        return f


@dataclass
class IngestSummary:
    files: int = 0
    loaded: int = 0
    versions: int = 0         # loaded files that are a new version of a stored report
    skipped: int = 0
    failed: int = 0
    run_id: int | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)
    report_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"files": self.files, "loaded": self.loaded, "versions": self.versions,
                "skipped": self.skipped, "failed": self.failed, "run_id": self.run_id,
                "failures": self.failures, "report_ids": self.report_ids}


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files and folders (recursively, sorted); hidden files are left out."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for q in sorted(p.rglob("*")):
                if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts):
                    yield q
        else:
            yield p


def _corrected_by(analyzer, entries: dict[str, dict], item: tuple[str, bytes]) -> dict[str, Any]:
    """A custom analyzer's result with the corrections laid over its document."""
    from ..supervision.corrections import apply_doc
    res = analyzer(item)
    if res.get("ok"):
        apply_doc(res["json"], entries)
    return res


def _failed_result(name: str, exc: BaseException) -> dict[str, Any]:
    """The result of a task the executor could not complete (a timeout, a worker out of memory)."""
    from ..errors import FazhiError
    if isinstance(exc, FazhiError):
        return {"ok": False, "code": exc.code, "message": FazhiError(exc.code, name, exc.detail).line()}
    return {"ok": False, "code": "internal", "message": f"{type(exc).__name__}: {exc}"}


def _host() -> str:
    import socket
    return socket.gethostname()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def rule_versions() -> dict[str, Any]:
    """Versions of the review rules when the checks registry exposes them."""
    try:
        from .. import checks
    except Exception:
        return {}
    for name in ("rule_versions", "versions"):
        fn = getattr(checks, name, None)
        if callable(fn):
            try:
                return dict(fn())
            except Exception:
                return {}
    reg = getattr(checks, "REGISTRY", None) or getattr(checks, "RULES", None)
    out = {}
    if isinstance(reg, dict):
        for rid, r in reg.items():
            out[str(rid)] = getattr(r, "version", None) or (r.get("version") if isinstance(r, dict) else None)
    return out


# -- ingest -------------------------------------------------------------------
def ingest(store: Store, paths: Iterable[str | os.PathLike], *, workers: int = 1,
           executor: Executor | None = None, progress: Callable[[str], None] | None = None,
           analyzer: Callable[[tuple[str, bytes]], dict] | None = None,
           window: int | None = None, corpus: bool = True, batch_size: int = 64) -> IngestSummary:
    """Store every file under paths. Returns counts; failures are recorded, not raised.

    Analysed files are written batch_size at a time (or after one second), each batch in
    one transaction; a batch that fails is retried file by file."""
    own_files = db.own_files(store.engine)
    files = [p for p in iter_files(paths) if p.resolve() not in own_files]
    items = ((str(p.resolve()) if p.exists() else str(p), p) for p in files)
    return ingest_stream(store, items, len(files), workers=workers, executor=executor,
                         progress=progress, analyzer=analyzer, window=window, corpus=corpus,
                         batch_size=batch_size)


def ingest_bytes(store: Store, name: str, data: bytes, **kw) -> IngestSummary:
    return ingest_stream(store, iter([(name, data)]), 1, **kw)


def ingest_items(store: Store, items: Iterable[tuple[str, bytes]], total: int | None = None,
                 **kw) -> IngestSummary:
    """Store (name, bytes) pairs, e.g. from a generator; same options as ingest()."""
    return ingest_stream(store, iter(items), total or 0, **kw)


def ingest_stream(store: Store, items, total: int, *, workers: int = 1, executor: Executor | None = None,
                  progress=None, analyzer=None, window=None, corpus: bool = True,
                  batch_size: int = 64, batch_seconds: float = 1.0) -> IngestSummary:
    summary = IngestSummary(files=total)
    run_id, resumed = start_run(store, "ingest")
    summary.run_id = run_id
    fn = analyzer or functools.partial(analyze_item, config_data=store.config.data)
    own = None
    if executor is None:
        executor = own = executor_for(store, workers, analyzer is None)
    window = window or max(4, 4 * max(1, workers))
    pending: deque = deque()
    done = 0

    def say(msg: str, at: int | None = None) -> None:
        if progress:
            progress(f"[{done if at is None else at}/{total}] {msg}")

    def failed_line(name: str, message: str | None) -> str:
        """'失败 name：why' with the file named once (FazhiError lines start with the path)."""
        why = (message or "").removeprefix(f"{name}: ")
        return f"失败 {name}：{why}"

    batch: list[tuple[str, str, bytes, dict]] = []
    position: dict[str, int] = {}      # name -> its [n/total] when its analysis finished
    corrected = has_corrections(store)
    last_flush = [time.monotonic()]

    def stored(name: str, status: str, rid: int | None) -> None:
        at = position.pop(name, None)
        if status == "skipped":
            summary.skipped += 1
            say(f"跳过（已入库） {name}", at)
            return
        summary.loaded += 1
        assert rid is not None          # a stored (not skipped) file has its report id
        summary.report_ids.append(rid)
        if status == "version":
            summary.versions += 1
        say(f"{'新版本' if status == 'version' else '入库'} {name} → #{rid}", at)

    def store_failed(name: str, sha: str, exc: Exception) -> None:
        msg = f"{type(exc).__name__}: {exc}"
        record_failure(store, run_id, name, sha, "store_error", msg)
        summary.failed += 1
        summary.failures.append({"path": name, "code": "store_error", "message": msg})
        say(failed_line(name, msg), position.pop(name, None))

    def flush() -> None:
        """Write the analysed files: one transaction for the batch; when it fails, one
        transaction per file, so a bad file is recorded and the others are stored."""
        items = batch[:]
        batch.clear()
        last_flush[0] = time.monotonic()
        if not items:
            return
        try:
            with store.engine.begin() as conn:
                results = [reports.store_in(store, conn, name, sha, data, res, run_id)
                           for name, sha, data, res in items]
        except Exception:
            for name, sha, data, res in items:
                try:
                    with store.engine.begin() as conn:
                        st, rid = reports.store_in(store, conn, name, sha, data, res, run_id)
                except Exception as exc:  # this file's transaction was rolled back
                    store_failed(name, sha, exc)
                else:
                    stored(name, st, rid)
            return
        for (name, *_), (st, rid) in zip(items, results):
            stored(name, st, rid)

    def finish(name: str, sha: str, data: bytes, fut: Future) -> None:
        nonlocal done
        done += 1
        try:
            res = fut.result()
        except Exception as exc:  # the executor itself failed on this item (or timed out)
            res = _failed_result(name, exc)
        if res.get("skipped"):
            flush()      # the files analysed before this one are reported first, in order
            summary.skipped += 1
            say(f"跳过（已入库） {name}")
            return
        if not res.get("ok"):
            flush()      # the files analysed before this one are reported first, in order
            record_failure(store, run_id, name, sha, res.get("code", "internal"), res.get("message"))
            summary.failed += 1
            summary.failures.append({"path": name, "code": res.get("code"), "message": res.get("message")})
            say(failed_line(name, res.get("message")))
            return
        if corrected:          # a new version of a report reviewers corrected
            res = with_corrections(store, name, data, res, analyzer)
        position[name] = done
        batch.append((name, sha, data, res))
        if len(batch) >= batch_size or time.monotonic() - last_flush[0] >= batch_seconds:
            flush()

    try:
        seen: set[str] = set()
        for name, src in items:
            if isinstance(src, (bytes, bytearray)):
                data = bytes(src)
            else:
                try:
                    from ..api import read_bytes
                    data = read_bytes(src, store.config.get("limits.max_file_mb", 50))
                except Exception as exc:
                    # queued behind the files before it (reported in order, nobody waits)
                    pending.append((name, None, b"", _done({"ok": False, "code": getattr(exc, "code", "read_error"),
                                                            "message": str(exc)})))
                    continue
            sha = hashlib.sha256(data).hexdigest()
            if sha in seen or reports.has_sha(store, sha):
                pending.append((name, sha, b"", _done({"ok": False, "skipped": True})))
                continue
            seen.add(sha)
            pending.append((name, sha, data, executor.submit(fn, (name, data))))
            while len(pending) >= window:
                finish(*pending.popleft())
        while pending:
            finish(*pending.popleft())
        flush()
    finally:
        for *_, fut in pending:
            fut.cancel()
        if own is not None:
            own.shutdown(wait=True, cancel_futures=True)
    if summary.loaded:
        store.optimize()
    # an interrupted run stored files whose corpus analyses were never done: do them now
    if corpus and (summary.loaded or resumed):
        store.refresh_corpus()
    elif summary.loaded:
        ids = list(summary.report_ids)
        with store.engine.connect() as conn:
            keys: set[str] = {row[0] for i in range(0, len(ids), 500) for row in conn.execute(
                sa.select(T.reports.c.report_key).where(T.reports.c.id.in_(ids[i:i + 500])))}
        store.refresh_reviewed(keys=keys)
    finish_run(store, run_id, summary.to_json() | {"report_ids": None, "failures": None, "resumed": resumed or None})
    return summary


# -- runs and failures ---------------------------------------------------------
def executor_for(store: Store, workers: int, isolate: bool) -> Executor:
    """Worker processes with a per-file timeout and an address-space limit (limits.* in the
    config), which die with this process; in process when isolation is off."""
    if not isolate or not store.config.get("limits.isolate", True):
        return ProcessPoolExecutor(workers) if workers > 1 else _InlineExecutor()
    from ..api import warm_up
    from ..worker import LimitedExecutor, analysis_timeout
    warm_up()          # forked workers inherit the warm state
    cfg = store.config
    return LimitedExecutor(workers, timeout=lambda args: analysis_timeout(cfg, len(args[0][1])),
                           memory_mb=float(cfg.get("limits.worker_memory_mb", 2048) or 0))


def start_run(store: Store, kind: str) -> tuple[int, bool]:
    """A run record for this process. An interrupted run of the same kind (its process is
    gone) is resumed: its id is reused and (run id, True) returned."""
    owner = {"pid": os.getpid(), "host": _host()}
    with store.engine.begin() as conn:
        dead = [r for r in interrupted(conn) if r["kind"] == kind]
        if dead:
            run_id = dead[-1]["id"]
            for r in dead[:-1]:       # older interrupted runs: closed, superseded by this one
                conn.execute(T.runs.update().where(T.runs.c.id == r["id"]).values(
                    finished=now(), counts={"interrupted": True, "resumed_by": run_id}))
            conn.execute(T.runs.update().where(T.runs.c.id == run_id).values(
                counts=owner | {"resumed": True}))
            return run_id, True
        return _new_id(conn.execute(T.runs.insert().values(
            kind=kind, engine_version=__version__, rule_versions=rule_versions(), started=now(),
            counts=owner,
        ))), False


def interrupted(conn: Connection) -> list[dict[str, Any]]:
    """Unfinished runs whose process is gone (same host, pid not alive; or no owner)."""
    out = []
    for r in conn.execute(sa.select(T.runs).where(T.runs.c.finished.is_(None)).order_by(T.runs.c.id)):
        c = r.counts or {}
        if c.get("host") not in (None, _host()):
            continue                  # another machine's run: it may be running
        if c.get("pid") is None or not _alive(int(c["pid"])):
            out.append(dict(r._mapping))
    return out


def interrupted_runs(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return interrupted(conn)


def finish_run(store: Store, run_id: int, counts: dict[str, Any]) -> None:
    counts = {k: v for k, v in counts.items() if v is not None}
    with store.engine.begin() as conn:
        conn.execute(T.runs.update().where(T.runs.c.id == run_id).values(finished=now(), counts=counts))


def record_failure(store: Store, run_id, path, sha, code, message) -> None:
    with store.engine.begin() as conn:
        f = T.failures
        if conn.execute(sa.select(f.c.id).where(f.c.run_id == run_id, f.c.path == path,
                                               f.c.code == code)).first():
            return                    # a resumed run meets the same failure again
        conn.execute(T.failures.insert().values(run_id=run_id, path=path, sha256=sha, code=code,
                                                message=message, at=now()))


def runs(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(T.runs).order_by(T.runs.c.id))]


def failures(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(T.failures).order_by(T.failures.c.id))]


# -- re-analysis ---------------------------------------------------------------
def reanalyze(store: Store, *, workers: int = 1, executor: Executor | None = None,
              progress: Callable[[str], None] | None = None,
              analyzer: Callable[[tuple[str, bytes]], dict] | None = None) -> dict[str, Any]:
    """Re-run the analysis on every stored source; keep decisions and reviewer findings
    (they are keyed by report key and stable finding key). A new run record is written."""
    run_id, resumed = start_run(store, "reanalyze")
    fn = analyzer or functools.partial(analyze_item, config_data=store.config.data)
    own = None
    if executor is None:
        executor = own = executor_for(store, workers, analyzer is None)
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(T.sources.c.id).order_by(T.sources.c.id))]
        # a resumed run: the sources it already re-analysed are done
        done = {r[0] for r in conn.execute(sa.select(T.reports.c.source_id)
                                           .where(T.reports.c.run_id == run_id))} if resumed else set()
    counts = {"sources": len(ids), "updated": 0, "failed": 0, "resumed": len(done)}
    ids = [i for i in ids if i not in done]
    try:
        window = max(4, 4 * max(1, workers))
        pending: deque = deque()

        def finish(sid, name, sha, fut):
            try:
                res = fut.result()
            except Exception as exc:
                res = _failed_result(name, exc)
            if not res.get("ok"):
                counts["failed"] += 1
                record_failure(store, run_id, name, sha, res.get("code", "internal"), res.get("message"))
                return
            reports.replace_analysis(store, sid, res, run_id)
            counts["updated"] += 1
            if progress:
                progress(f"[{counts['updated'] + counts['failed']}/{len(ids)}] 重新分析 {name}")

        for sid in ids:
            with store.engine.connect() as conn:
                row = conn.execute(sa.select(T.sources.c.name, T.sources.c.sha256,
                                             T.sources.c.content, T.sources.c.report_key)
                                   .where(T.sources.c.id == sid)).one()
                name, sha, data, key = cast("tuple[str, str, bytes | None, str | None]", row)
                entries = corrections_of(conn, key)
            if data is None:
                continue
            task = fn
            if entries:            # the reviewers' corrections are applied in the analysis
                task = (functools.partial(analyze_item, config_data=store.config.data, corrections=entries)
                        if analyzer is None else functools.partial(_corrected_by, analyzer, entries))
            pending.append((sid, name, sha, executor.submit(task, (name, bytes(data)))))
            while len(pending) >= window:
                finish(*pending.popleft())
        while pending:
            finish(*pending.popleft())
    finally:
        if own is not None:
            own.shutdown(wait=True, cancel_futures=True)
    store.refresh_corpus(full=True)
    finish_run(store, run_id, counts)
    return counts | {"run_id": run_id}


# -- reviewers' corrections of meta (supervision/corrections.py) -------------------------
def has_corrections(store: Store) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(T.corrections.c.id).limit(1)).first() is not None


def corrections_of(conn: Connection, key: str | None) -> dict[str, dict[str, Any]]:
    from ..supervision.corrections import effective
    return effective(conn, key) if key else {}


def key_of(conn: Connection, name: str, doc: dict[str, Any]) -> str | None:
    """The report key reports.store_in would give this document (without writing)."""
    key = reports.report_key_for(name, reports.machine_meta(doc))
    if key is None:
        prev = conn.execute(sa.select(T.sources.c.report_key).where(T.sources.c.name == name)
                            .order_by(T.sources.c.id.desc())).first()
        key = prev[0] if prev else None
    return key


def with_corrections(store: Store, name: str, data: bytes, res: dict[str, Any], analyzer) -> dict[str, Any]:
    """The analysis of a new file, again with the corrections its report key holds (if any)."""
    with store.engine.connect() as conn:
        entries = corrections_of(conn, key_of(conn, name, res["json"]))
    if not entries:
        return res
    if analyzer is not None:
        return _corrected_by(analyzer, entries, (name, data))
    again = analyze_item((name, data), store.config.data, corrections=entries)
    return again if again.get("ok") else res


def apply_corrections(store: Store, key: str, *, corpus: bool = True) -> list[int]:
    """Analyse every version of the report key again with its corrections (from the stored
    source), then the reviewed verdicts and (corpus=True) the cross-report findings."""
    with store.engine.connect() as conn:
        entries = corrections_of(conn, key)
        rows = conn.execute(sa.select(T.reports.c.id, T.reports.c.source_id, T.reports.c.run_id,
                                      T.sources.c.name, T.sources.c.content)
                            .join(T.sources, T.sources.c.id == T.reports.c.source_id)
                            .where(T.reports.c.report_key == key).order_by(T.reports.c.id)).all()
    done = []
    for rid, sid, run_id, name, data in cast("Sequence[tuple[int, int, int, str, bytes | None]]", rows):
        if data is None:
            continue
        res = analyze_item((name, bytes(data)), store.config.data, corrections=entries or None)
        if res.get("ok"):
            reports.replace_analysis(store, sid, res, run_id)
            done.append(rid)
    if corpus and done:
        store.refresh_corpus()
    return done


# -- corpus analyses -----------------------------------------------------------
def refresh_corpus(store: Store, *, full: bool = False) -> dict[str, int]:
    """The corpus findings (family "corpus") over the current reports.

    By default incremental (corpus/incremental.py): only the findings the reports added or
    changed since the last refresh can alter are recomputed and replaced, in one short
    transaction, with the same result as a full recompute. It falls back to the full
    recompute (full=True forces it) when the bookkeeping is not ready (first refresh after
    migration 0010), the configuration changed, or the change is large.

    The full recompute spills findings to a temporary file as they are found (memory stays
    bounded at 100,000 reports), then swaps them in with one short transaction, so that
    ingest and reviewers are not locked out while the analyses run."""
    import pickle
    import tempfile
    from . import incremental
    from .analyses import current_infos, iter_corpus_findings
    if not full:
        done = incremental.refresh(store)
        if done is not None:
            return done
    out: dict[str, int] = {}
    used: dict[int, dict[str, int]] = {}
    with store.engine.connect() as conn:
        at = incremental.stamps(conn)
    infos = {r: i for r, i in current_infos(store).items() if r in at}
    table = store.signature_table()
    with tempfile.TemporaryFile() as spill:
        rows: list[dict[str, Any]] = []
        for f in iter_corpus_findings(store, table):
            out[f["rule"]] = out.get(f["rule"], 0) + 1
            rows += reports.finding_rows(f["report_id"], [f], used.setdefault(f["report_id"], {}))
            if len(rows) >= 5000:
                pickle.dump(rows, spill, protocol=pickle.HIGHEST_PROTOCOL)
                rows = []
        if rows:
            pickle.dump(rows, spill, protocol=pickle.HIGHEST_PROTOCOL)
        t0 = time.perf_counter()
        incremental.snapshot_full(store, infos, at, table)
        incremental.last_stats.clear()
        incremental.last_stats["snapshot_seconds"] = round(time.perf_counter() - t0, 3)
        del table
        spill.seek(0)
        with store.engine.begin() as conn:
            conn.execute(T.findings.delete().where(T.findings.c.family == "corpus"))
            while True:
                try:
                    chunk = pickle.load(spill)
                except EOFError:
                    break
                conn.execute(T.findings.insert(), chunk)
            reports.recount(conn)
            incremental.mark_ready(conn, store)
    store.refresh_reviewed()
    return out
