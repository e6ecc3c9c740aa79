"""Corpus at scale: ingest rate, database size, query latency and `similar --all` on a
synthetic corpus (bench/synth.py).

    python -m bench.corpus_scale --n 10000                      # build + queries + similar
    python -m bench.corpus_scale --n 100000 --db /tmp/c100k.db --steps build
    python -m bench.corpus_scale --n 100000 --db /tmp/c100k.db --steps queries,similar
    python -m bench.corpus_scale --n 10000 --db postgresql+psycopg://…/fazhi_bench --steps build
    python -m bench.corpus_scale --db /tmp/c20k.db --steps incremental   # 1 report added: incremental vs full

Prints Markdown tables and one JSON line per step (for docs/benchmarks.md ("Corpus at scale")). The build
is resumable: rerunning it on the same database skips the stored texts. Not part of the
test suite (a smoke test runs it at n=30).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from bench.machine import machine  # noqa: E402
from bench.synth import fill_store  # noqa: E402
from fazhi.corpus.store import Store  # noqa: E402

SEARCHES = ["出庭应诉", "行政复议", "法律顾问 合法性审查", "营商环境", "执法记录仪"]


def db_size_mb(store: Store) -> float | None:
    if store.dialect == "sqlite":
        path = Path(store.engine.url.database)
        total = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
        return round(total / 2**20, 1)
    if store.dialect == "postgresql":
        with store.engine.connect() as conn:
            return round(conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar() / 2**20, 1)
    return None


def timed(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    fn()                                  # warm caches (connection pool, statements)
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1000)
    ts.sort()
    p95 = ts[min(len(ts) - 1, max(0, round(0.95 * len(ts)) - 1))]
    return {"p50_ms": round(statistics.median(ts), 1), "p95_ms": round(p95, 1), "runs": repeat}


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (the workers)."""
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def step_build(store: Store, n: int, workers: int, seed: int) -> dict[str, Any]:
    """Ingest n synthetic reports (resumable). Besides wall-clock time, the CPU seconds of
    this process and its workers: on a shared machine the CPU time per report is what the
    analysis and the store cost, whatever else runs."""
    c0 = cpu_seconds()
    out = fill_store(store, n, workers=workers, seed=seed, corpus=False,
                     progress=_progress(n))
    cpu = cpu_seconds() - c0
    out.update({"step": "build", "n": n, "workers": workers, "db_mb": db_size_mb(store),
                "cpu_seconds": round(cpu, 1),
                "cpu_ms_per_report": round(1000 * cpu / out["loaded"], 1) if out["loaded"] else None})
    with store.engine.connect() as conn:
        out["reports_in_db"] = conn.exec_driver_sql("SELECT count(*) FROM reports").scalar()
    return out


def _progress(n: int):
    t0 = time.perf_counter()
    step = max(1, n // 20)
    shown = [0]

    def say(msg: str) -> None:
        if msg.startswith("["):
            done = int(msg[1:msg.index("/")])
            if done // step > shown[0]:
                shown[0] = done // step
                el = time.perf_counter() - t0
                print(f"  {done}/{n} {el:.0f}s {done / el:.1f}/s", file=sys.stderr, flush=True)
    return say


def step_queries(store: Store, repeat: int, seed: int) -> dict[str, Any]:
    from fazhi.corpus import compare, panel
    rng = random.Random(seed)
    one = store.list_reports(limit=1)
    if not one:
        raise SystemExit("the database is empty: run --steps build first")
    with store.engine.connect() as conn:
        provinces = [r[0] for r in conn.exec_driver_sql(
            "SELECT DISTINCT province FROM reports WHERE province IS NOT NULL ORDER BY province")]
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM reports WHERE current ORDER BY id"
                                                  if store.dialect == "postgresql" else
                                                  "SELECT id FROM reports WHERE current = 1 ORDER BY id")]
        pairs = conn.exec_driver_sql(
            "SELECT a.id, b.id FROM reports a JOIN reports b ON a.province = b.province AND "
            "a.jurisdiction = b.jurisdiction AND a.department IS NULL AND b.department IS NULL AND "
            "b.report_year = a.report_year + 1 ORDER BY a.id LIMIT 200").all()
    prov = lambda: rng.choice(provinces)  # noqa: E731
    res: dict[str, Any] = {"step": "queries", "reports": len(ids)}
    res["list province+year"] = timed(lambda: store.list_reports(province=prov(), year=rng.choice(range(2019, 2025))), repeat)
    res["list province+level+severity"] = timed(
        lambda: store.list_reports(province=prov(), level="county", severity="major"), repeat)
    res["list first page (50)"] = timed(lambda: store.list_reports(limit=50), repeat)
    res["show"] = timed(lambda: store.report_json(rng.choice(ids)), repeat)
    for q in SEARCHES:
        res[f"search {q}"] = timed(lambda: store.search(q, limit=20), max(5, repeat // 4))
    with store.engine.connect() as conn:
        places = conn.exec_driver_sql(
            "SELECT DISTINCT province, jurisdiction FROM reports WHERE jurisdiction IS NOT NULL "
            "ORDER BY province, jurisdiction").all()
        indicators = [r[0] for r in conn.exec_driver_sql(
            "SELECT indicator FROM facts WHERE indicator IS NOT NULL GROUP BY indicator "
            "ORDER BY count(*) DESC LIMIT 10")]
    res["panel (one place, all years)"] = timed(
        lambda: panel.indicator_panel(store, **dict(zip(("province", "jurisdiction"), rng.choice(places)))), repeat)
    res["panel (one indicator, one province, one year)"] = timed(
        lambda: panel.indicator_panel(store, province=prov(), year=rng.choice(range(2019, 2025)),
                                      indicator=rng.choice(indicators)), repeat)
    res["panel (one province)"] = timed(lambda: panel.indicator_panel(store, province=prov()), max(5, repeat // 4))
    res["compare (same place, consecutive years)"] = timed(
        lambda: compare.compare(store, *rng.choice(pairs)) if pairs else None, repeat)
    res["compare (two places)"] = timed(lambda: compare.compare(store, rng.choice(ids), rng.choice(ids)), repeat)
    t0 = time.perf_counter()
    rows = panel.indicator_panel(store)
    res["panel (whole corpus)"] = {"ms": round((time.perf_counter() - t0) * 1000, 1), "rows": len(rows)}
    return res


def step_similar(store: Store) -> dict[str, Any]:
    """`similar --all` (all corpus analyses) in a child process, for its own peak memory."""
    code = ("import json,resource,sys,time;sys.path.insert(0,%r);from fazhi.corpus.store import Store;"
            "s=Store(%r);t=time.perf_counter();c0=time.process_time();c=s.refresh_corpus(full=True);"
            "print(json.dumps({'seconds':round(time.perf_counter()-t,1),"
            "'cpu_seconds':round(time.process_time()-c0,1),'findings':c,"
            "'peak_rss_mb':round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)}))"
            % (str(ROOT / "src"), store.url))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    with store.engine.connect() as conn:
        res["paragraphs"] = conn.exec_driver_sql("SELECT count(*) FROM paragraphs").scalar()
    return {"step": "similar --all", **res}


def corpus_digest(store: Store) -> tuple[int, str]:
    """(number, digest) of the stored corpus findings (an order-free hash of their rows) and
    of the per-severity counts: equal digests = the same stored findings."""
    import hashlib
    h = [0, 0]
    n = 0
    with store.engine.connect() as conn:
        for row in conn.exec_driver_sql(
                "SELECT report_id, rule, key, severity, message, suggestion, evidence, data FROM findings "
                "WHERE family = 'corpus'"):
            d = int.from_bytes(hashlib.sha1(repr(tuple(row)).encode("utf-8")).digest()[:8], "little")
            h[0] = (h[0] + d) % 2**64
            h[1] ^= d
            n += 1
        for row in conn.exec_driver_sql("SELECT id, n_major, n_minor, n_info FROM reports"):
            h[0] = (h[0] + int.from_bytes(hashlib.sha1(repr(tuple(row)).encode()).digest()[:8], "little")) % 2**64
    return n, f"{h[0]:016x}{h[1]:016x}"


def step_incremental(store: Store, n: int, seed: int, adds: int = 3) -> dict[str, Any]:
    """Refresh after adding one report to an n-report corpus: incremental vs full.

    The corpus must hold the first n synthetic reports (--steps build). A full refresh first
    when the incremental bookkeeping of migration 0010 is not ready (it fills it), then `adds`
    times: store report n+k (no corpus pass) and time the incremental refresh; then time a
    full recompute of the same corpus and compare the stored findings (digest)."""
    from bench.synth import generate
    from fazhi.corpus import incremental

    def timed_refresh(**kw) -> dict[str, Any]:
        t, c = time.perf_counter(), time.process_time()
        incremental.last_stats.clear()
        counts = store.refresh_corpus(**kw)
        return {"seconds": round(time.perf_counter() - t, 3), "cpu_seconds": round(time.process_time() - c, 3),
                "findings": sum(counts.values()), "stats": dict(incremental.last_stats)}
    res: dict[str, Any] = {"step": "incremental", "n": n}
    with store.engine.connect() as conn:
        ready = conn.exec_driver_sql("SELECT value FROM corpus_state WHERE name = 'ready'").scalar()
    if ready != "1":          # the bookkeeping is filled by a full refresh
        res["first full refresh"] = timed_refresh(full=True)
    items = list(generate(n + adds, seed))[n:]
    runs = []
    for name, data in items:
        store.ingest_items([(name, data)], 1, workers=1, corpus=False)
        runs.append(timed_refresh())
    res["incremental"] = runs
    inc = corpus_digest(store)
    res["full"] = timed_refresh(full=True)
    full = corpus_digest(store)
    res["findings_stored"] = full[0]
    res["identical"] = inc == full
    inc_s = statistics.median(r["seconds"] for r in runs)
    inc_c = statistics.median(r["cpu_seconds"] for r in runs)
    res["ratio_wall"] = round(res["full"]["seconds"] / inc_s, 1) if inc_s else None
    res["ratio_cpu"] = round(res["full"]["cpu_seconds"] / inc_c, 1) if inc_c else None
    return res


def table(res: dict[str, Any]) -> str:
    lines = ["| query | p50 ms | p95 ms |", "|---|---:|---:|"]
    for k, v in res.items():
        if isinstance(v, dict) and "p50_ms" in v:
            lines.append(f"| {k} | {v['p50_ms']} | {v['p95_ms']} |")
        elif isinstance(v, dict) and "ms" in v:
            lines.append(f"| {k} ({v['rows']} rows) | {v['ms']} (one run) | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", help="SQLite file or database URL (default: a temporary SQLite file)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=40, help="runs per query")
    ap.add_argument("--steps", default="build,queries,similar",
                    help="build, queries, similar, incremental (refresh after adding one report: incremental vs full)")
    ap.add_argument("--adds", type=int, default=3, help="incremental: reports added one at a time")
    a = ap.parse_args(argv)
    steps = [s.strip() for s in a.steps.split(",") if s.strip()]
    tmp = None
    db = a.db
    if not db:
        tmp = tempfile.TemporaryDirectory(prefix="fazhi-scale-")
        db = os.path.join(tmp.name, "corpus.db")
    print(f"machine: {machine()}", flush=True)
    store = Store(db).migrate()
    try:
        for step in steps:
            if step == "build":
                res = step_build(store, a.n, a.workers, a.seed)
            elif step == "queries":
                res = step_queries(store, a.repeat, a.seed)
                print(table(res))
            elif step == "similar":
                res = step_similar(store)
            elif step == "incremental":
                with store.engine.connect() as conn:
                    have = conn.exec_driver_sql("SELECT count(*) FROM sources").scalar()
                res = step_incremental(store, have, a.seed, a.adds)
            else:
                raise SystemExit(f"unknown step {step}")
            print(json.dumps(res, ensure_ascii=False), flush=True)
    finally:
        store.close()
        if tmp:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
