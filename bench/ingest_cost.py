"""What `fazhi ingest` costs per report beyond the analysis, and search latency on a large table.

    python -m bench.ingest_cost --n 400                          # SQLite: analysis, enrich, store
    python -m bench.ingest_cost --n 400 --pg postgresql+psycopg://…/db
    python -m bench.ingest_cost --search 20000 --db /tmp/s20k.db  # search latency (SQLite)
    python -m bench.ingest_cost --search 20000 --pg URL           # search latency (PostgreSQL)

Ingest: n synthetic reports (bench/synth.py) are analysed once (`fazhi.analyze` + to_json, CPU
time); then, each measured on its own in CPU time of this process, best of --rounds: the
store's additions to a document (`batch.enrich`: the paragraph signatures; before issue 13 also
the jieba segmentation), the paragraph signatures and the search tokens alone, and storing the
analysed documents through `Store.ingest_items` into an empty database (corpus=False: the
corpus analyses are measured by bench/corpus_scale.py). On PostgreSQL the server's CPU for our connections is
read from /proc (same machine) and reported beside the client's.

Search: a table of `--search` reports is built by copying the stored texts of a few hundred
analysed synthetic reports (the index and the search only see the text), then queries of one,
two, four characters, several terms and a term found nowhere are timed (median of the runs,
wall-clock and CPU time of this process: for SQLite the whole query, for PostgreSQL the client's part).
Prints one JSON line per step (for docs/benchmarks.md, "Ingest cost").
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "src"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench.machine import machine  # noqa: E402
from bench.synth import generate  # noqa: E402

QUERIES = ["法", "复议", "出庭应诉", "法律顾问 合法性审查", "行政执法 公示", "没有这个词语"]


def _cpu() -> float:
    return time.process_time()


def analysed(n: int, seed: int) -> tuple[list[tuple[str, bytes]], list[Any], float]:
    """The items, their analysed reports, CPU seconds of the analysis."""
    from fazhi.api import analyze, warm_up
    warm_up()
    items = list(generate(n, seed))
    c0 = _cpu()
    reps = []
    for name, data in items:
        r = analyze(data, path=name)
        reps.append((r, r.to_json()))
    return items, reps, _cpu() - c0


def step_ingest(n: int, seed: int, url: str | None, rounds: int) -> dict[str, Any]:
    from fazhi.config import Config
    from fazhi.corpus import batch, search, similarity
    from fazhi.textnorm import normalize_view
    items, reps, analysis = analysed(n, seed)
    cfg = Config.default()
    scfg = cfg.get("corpus.similarity")
    out: dict[str, Any] = {"step": "ingest", "n": n, "analysis_ms": round(1000 * analysis / n, 2)}

    def best(fn) -> float:
        ts = []
        for _ in range(rounds):
            c0 = _cpu()
            fn()
            ts.append(_cpu() - c0)
        return round(1000 * min(ts) / n, 2)

    def heads(doc):
        hs = []

        def walk(secs):
            for s in secs or []:
                if s.get("heading_start") is not None and s.get("heading_end") is not None:
                    hs.append((s["heading_start"], s["heading_end"]))
                walk(s.get("children"))
        walk(doc.get("sections"))
        return hs
    out["enrich_ms"] = best(lambda: [batch.enrich(doc, r.norm, cfg) for r, doc in reps])
    out["signatures_ms"] = best(lambda: [similarity.paragraph_signatures(doc["text"], r.norm, scfg, heads(doc))
                                         for r, doc in reps])
    index_fn = getattr(search, "index_tokens", None) or getattr(search, "segment")
    out["search_tokens_ms"] = best(lambda: [index_fn(normalize_view(doc["text"])) for _, doc in reps])
    results = {name: batch.enrich(doc, r.norm, cfg) for (name, _), (r, doc) in zip(items, reps)}
    runs = [_store_round(items, results, url) for _ in range(rounds)]
    best = min(runs, key=lambda x: x["store_ms"] + x.get("store_server_ms", 0))
    out.update(best)
    out["store_ms_rounds"] = [x["store_ms"] for x in runs]
    out["beyond_analysis_ms"] = round(out["enrich_ms"] + out["store_ms"] + (out.get("store_server_ms") or 0), 2)
    return out


def _store_round(items, results, url: str | None) -> dict[str, Any]:
    """One store of the analysed items into an empty database (a temporary SQLite file, or
    the PostgreSQL database emptied afterwards)."""
    from fazhi.corpus.store import Store
    n = len(items)
    tmp = None
    if url is None:
        tmp = tempfile.TemporaryDirectory(prefix="fazhi-ingest-cost-")
        url = os.path.join(tmp.name, "c.db")
    store = Store(url).migrate()
    pids: set[int] = set()
    out: dict[str, Any] = {}
    if store.dialect == "postgresql":
        import sqlalchemy as sa

        @sa.event.listens_for(store.engine, "connect")
        def _pid(dbapi_conn, _rec):
            cur = dbapi_conn.cursor()
            cur.execute("SELECT pg_backend_pid()")
            pids.add(cur.fetchone()[0])
            cur.close()
    store.engine.dispose()          # the next connections are new ones: their pids are recorded
    try:
        with store.engine.connect():
            pass
        server0 = _server_cpu(pids)
        c0, w0 = _cpu(), time.perf_counter()
        summary = store.ingest_items(items, n, analyzer=lambda item: results[item[0]], corpus=False)
        cpu, wall = _cpu() - c0, time.perf_counter() - w0
        server = _server_cpu(pids) - server0 if pids else None
        assert summary.loaded == n, summary.to_json()
        out.update({"dialect": store.dialect, "store_ms": round(1000 * cpu / n, 2),
                    "store_wall_ms": round(1000 * wall / n, 2)})
        if server is not None:
            out["store_server_ms"] = round(1000 * server / n, 2)
    finally:
        if store.dialect == "postgresql":
            _drop_all(store)
        store.close()
        if tmp:
            tmp.cleanup()
    return out


def _server_cpu(pids: set[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(f[11]) + int(f[12])) / tick
    return total


def _drop_all(store) -> None:
    import sqlalchemy as sa
    with store.engine.begin() as conn:
        names = [r[0] for r in conn.execute(sa.text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))]
        for t in names:
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{t}" CASCADE')


def step_search(url: str, size: int, seed: int, repeat: int) -> dict[str, Any]:
    """Search latency on a table of `size` reports (built once, then reused)."""
    from fazhi.corpus.store import Store
    store = Store(url).migrate()
    try:
        with store.engine.connect() as conn:
            have = conn.exec_driver_sql("SELECT count(*) FROM reports").scalar() or 0
        if have < size:
            _fill_copies(store, size, seed)
        store.optimize()
        res: dict[str, Any] = {"step": "search", "dialect": store.dialect, "reports": size}
        for q in QUERIES:
            store.search(q, limit=20)
            ts, cs = [], []
            for _ in range(repeat):
                t0, c0 = time.perf_counter(), _cpu()
                hits = store.search(q, limit=20)
                ts.append((time.perf_counter() - t0) * 1000)
                cs.append((_cpu() - c0) * 1000)
            res[q] = {"p50_ms": round(statistics.median(ts), 2), "cpu_ms": round(statistics.median(cs), 2),
                      "hits": len(hits)}
        return res
    finally:
        store.close()


def _fill_copies(store, size: int, seed: int) -> None:
    """`size` reports: a few hundred analysed synthetic reports, their documents stored again
    under new names (distinct bytes) until the table holds `size` rows."""
    from fazhi.config import Config
    from fazhi.corpus import batch
    _, reps, _ = analysed(min(300, size), seed)
    cfg = Config.default()
    base = [batch.enrich(doc, r.norm, cfg) for r, doc in reps]
    for res in base:
        res["paragraphs"] = []       # search only: no signatures needed
    with store.engine.connect() as conn:
        have = conn.exec_driver_sql("SELECT count(*) FROM reports").scalar() or 0
    items = [(f"copy/{i:06d}.txt", f"{i}".encode()) for i in range(have, size)]

    def analyzer(item):
        i = int(item[0][5:11])
        res = dict(base[i % len(base)])
        doc = dict(res["json"])
        doc["meta"] = dict(doc.get("meta") or {}, report_year=None, jurisdiction=None)
        res["json"] = doc
        return res
    store.ingest_items(items, len(items), analyzer=analyzer, corpus=False, batch_size=500)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pg", help="PostgreSQL URL (default: a temporary SQLite file)")
    ap.add_argument("--search", type=int, help="measure search on a table of this many reports")
    ap.add_argument("--db", help="SQLite file for --search (kept, reused)")
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args(argv)
    print(f"machine: {machine()}", flush=True)
    if a.search:
        url = a.pg or a.db
        if not url:
            raise SystemExit("--search needs --db FILE or --pg URL")
        res = step_search(url, a.search, a.seed, a.repeat)
    else:
        res = step_ingest(a.n, a.seed, a.pg, a.rounds)
    print(json.dumps(res, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
