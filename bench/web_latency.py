"""Web latency at N stored reports: p50/p95 of the main pages over real HTTP.

    python -m bench.web_latency --n 10000 --db /tmp/fazhi-web-10k.db            # build + measure
    python -m bench.web_latency --n 10000 --db /tmp/fazhi-web-10k.db --steps measure

The corpus is the synthetic one of bench/synth.py (real clauses recombined, real places),
ingested with the normal engine. The server is `fazhi.web.app:create_app` under uvicorn in a
separate process (one worker, as `fazhi serve` runs it); the client is httpx with a bearer
token, one request at a time. Every page is measured after 3 warm-up requests; the first
dashboard request after start (aggregates not yet cached) is reported on its own line.
Prints a Markdown table and one JSON line (for docs/benchmarks.md ("Web latency")).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "src"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from fazhi.corpus.store import Store  # noqa: E402

SEARCHES = ["出庭应诉", "行政复议", "法律顾问 合法性审查", "营商环境", "执法记录仪"]
USER, PASSWORD = "bench", "bench-password"


def build(db: str, n: int, workers: int) -> dict[str, Any]:
    from bench.synth import fill_store
    store = Store(db).migrate()
    have = len(store.list_reports())
    out: dict[str, Any] = {"had": have}
    if have < n:
        seen = [0]

        def progress(msg: str) -> None:       # one line per 1,000 files
            seen[0] += 1
            if seen[0] % 1000 == 0:
                print(msg, file=sys.stderr)

        out.update(fill_store(store, n, workers=workers, progress=progress))
    if not any(u["name"] == USER for u in store.users()):
        store.add_user(USER, "reviewer", PASSWORD)
    out["reports"] = len(store.list_reports())
    store.close()
    return out


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if len(xs) == 1:
        return xs[0]
    return statistics.quantiles(xs, n=100, method="inclusive")[int(q) - 1]


def measure(db: str, requests: int, seed: int = 0) -> dict[str, Any]:
    import httpx
    store = Store(db).migrate()
    token = store.create_token(USER)
    rows = store.list_reports()
    ids = [r["id"] for r in rows]
    provinces = sorted({r["province"] for r in rows if r["province"]},
                       key=lambda p: -sum(1 for r in rows if r["province"] == p))
    years = sorted({r["report_year"] for r in rows if r["report_year"]})
    store.close()
    port = _port()
    code = ("import uvicorn; from fazhi.web.app import create_app; "
            f"uvicorn.run(create_app({db!r}, secret_key='bench'), host='127.0.0.1', port={port}, "
            "log_level='warning')")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(seed)
    out: dict[str, Any] = {"reports": len(ids)}
    try:
        client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120)
        for _ in range(300):
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        t = time.perf_counter()
        r = client.get("/dashboard")
        r.raise_for_status()
        out["dashboard_cold_ms"] = round((time.perf_counter() - t) * 1000, 1)

        mid_year = years[len(years) // 2] if years else None
        draft = next((ROOT / "examples").glob("*.txt")).read_text("utf-8")

        def send(u):
            return client.post(u[0], json=u[1]) if isinstance(u, tuple) else client.get(u)
        cases = {
            "list, filtered (province + year, sorted by major findings)":
                lambda i: f"/reports?province={provinces[i % min(5, len(provinces))]}&year={mid_year}&sort=-major",
            "list, page 50 of all, sorted by year":
                lambda i: "/reports?sort=-year&page=50",
            "list, filtered by severity + level, sorted by minor findings":
                lambda i: "/reports?severity=major&level=county&sort=-minor",
            "report page (random report)":
                lambda i: f"/reports/{rng.choice(ids)}",
            "dashboard (cached aggregates)":
                lambda i: "/dashboard",
            "search (one or two words)":
                lambda i: f"/search?q={SEARCHES[i % len(SEARCHES)]}",
            "API list, filtered (JSON)":
                lambda i: f"/api/reports?year={mid_year}&page_size=100",
            "review opinion .docx (random report)":
                lambda i: f"/reports/{rng.choice(ids)}/review.docx",
            "self-check of a draft (POST /api/check, the example report; nothing stored)":
                lambda i: ("/api/check", {"text": draft}),
        }
        res = {}
        for name, url in cases.items():
            for i in range(3):
                send(url(i)).raise_for_status()
            times, sizes = [], []
            for i in range(requests):
                u = url(i)
                t = time.perf_counter()
                r = send(u)
                times.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
                sizes.append(len(r.content))
            res[name] = {"p50": round(_pct(times, 50), 1), "p95": round(_pct(times, 95), 1),
                         "max": round(max(times), 1), "n": len(times),
                         "kb": round(statistics.mean(sizes) / 1024, 1)}
        out["latency_ms"] = res
    finally:
        proc.terminate()
        proc.wait(10)
    return out


def machine() -> dict[str, Any]:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        info["mem_gb"] = round(int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024, 1)
        info["loadavg_before"] = os.getloadavg()
    except OSError:
        pass
    return info


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", default="/tmp/fazhi-web-10k.db")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--requests", type=int, default=60, help="timed requests per page")
    ap.add_argument("--steps", default="build,measure")
    a = ap.parse_args(argv)
    steps = set(a.steps.split(","))
    report: dict[str, Any] = {"machine": machine(), "command": "python -m bench.web_latency " + " ".join(argv or sys.argv[1:])}
    if "build" in steps:
        t = time.perf_counter()
        report["build"] = build(a.db, a.n, a.workers)
        report["build"]["wall_s"] = round(time.perf_counter() - t, 1)
    if "measure" in steps:
        report.update(measure(a.db, a.requests))
        size = Path(a.db).stat().st_size if Path(a.db).exists() else None
        report["db_mb"] = round(size / 2**20, 1) if size else None
        print(f"\n## Web latency at {report['reports']:,} reports\n")
        print(f"dashboard, first request after start (aggregates computed at start-up on a large store, else by this request): {report['dashboard_cold_ms']} ms\n")
        print("| page | p50 ms | p95 ms | max ms | requests | mean response KB |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, r in report["latency_ms"].items():
            print(f"| {name} | {r['p50']} | {r['p95']} | {r['max']} | {r['n']} | {r['kb']} |")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
