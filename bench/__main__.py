"""`python -m bench [throughput scaling memory html workers] [--quick]`

Prints one Markdown table per benchmark. Inputs: the team's example reports and, when
../shared is beside the repository, the five seed reports and the long State Council
reports (shared/corpus/other). Figures go to docs/benchmarks.md with date and machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

import fazhi  # noqa: E402


def corpus_texts() -> list[tuple[str, bytes]]:
    items = [(p.name, p.read_bytes()) for p in sorted((ROOT / "examples").glob("*.txt"))]
    seeds = SHARED / "corpus" / "seeds"
    if seeds.is_dir():
        items += [(p.name, p.read_bytes()) for p in sorted(seeds.glob("*.txt"))]
    return items


def long_reports(n: int = 5) -> list[str]:
    path = SHARED / "corpus" / "other" / "government_work_reports.jsonl"
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["content"])
            if len(out) >= n:
                break
    return out


def table(title: str, header: list[str], rows: list[list]) -> str:
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(lines) + "\n"


def _time(fn, repeat: int) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t0) / repeat


def bench_throughput(quick: bool) -> str:
    items = corpus_texts()
    fazhi.analyze(items[0][1], path=items[0][0])          # warm up (catalogs, gazetteer)
    rounds = 3 if quick else 20
    total_bytes = sum(len(b) for _, b in items)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for name, data in items:
            fazhi.analyze(data, path=name)
    dt = time.perf_counter() - t0
    n = rounds * len(items)
    stage: dict[str, float] = {}
    for name, data in items:
        r = fazhi.analyze(data, path=name)
        for k, v in r.timings.items():
            stage[k] = stage.get(k, 0.0) + v
    rows = [["plain text (examples + seeds)", n, f"{n / dt:.1f}",
             f"{total_bytes * rounds / dt / 1e6:.2f}", f"{dt / n * 1000:.1f}"]]
    out = table("Throughput, one process", ["input", "reports", "reports/s", "MB/s", "ms/report"], rows)
    tot = sum(stage.values()) or 1
    out += "\n" + table("Time per pipeline stage (share of analysis time)", ["stage", "ms per report", "share"],
                        [[k, f"{v / len(items) * 1000:.2f}", f"{v / tot:.0%}"] for k, v in
                         sorted(stage.items(), key=lambda kv: -kv[1])])
    return out


def bench_scaling(quick: bool) -> str:
    items = corpus_texts()
    base = max(items, key=lambda kv: len(kv[1]))[1].decode("utf-8", "replace")
    rows = []
    for k in (1, 10) if quick else (1, 10, 100):
        text = "\n".join([base] * k)
        t = _time(lambda: fazhi.analyze_text(text), 1 if k >= 10 else 3)
        rows.append([f"{k}×", f"{len(text):,}", f"{t:.3f}", f"{t / len(text) * 1e6:.2f}"])
    return table("Growth with report length (largest text repeated k times)",
                 ["k", "characters", "seconds", "µs per character"], rows)


def _batch_worker(n: int) -> None:
    items = corpus_texts()
    for i in range(n):
        name, data = items[i % len(items)]
        r = fazhi.analyze(data, path=name)
        r.to_json()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def bench_memory(quick: bool) -> str:
    n = 200 if quick else 1000
    proc = subprocess.run([sys.executable, "-m", "bench", "_batch", str(n)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    kb = int(proc.stdout.strip().splitlines()[-1])
    return table("Peak memory of a batch in one process", ["reports", "peak RSS (MB)"],
                 [[n, f"{kb / 1024:.0f}"]])


def _analyze_bytes(args):
    name, data = args
    r = fazhi.analyze(data, path=name)
    return len(r.facts)


def run_batch(executor: Executor, items) -> float:
    t0 = time.perf_counter()
    list(executor.map(_analyze_bytes, items, chunksize=8))
    return time.perf_counter() - t0


def bench_workers(quick: bool) -> str:
    items = corpus_texts() * (10 if quick else 40)
    rows = []
    t0 = time.perf_counter()
    for it in items:
        _analyze_bytes(it)
    t1 = time.perf_counter() - t0
    rows.append(["in process", 1, f"{len(items) / t1:.1f}"])
    for w in (1, 2):
        with ProcessPoolExecutor(w) as ex:
            list(ex.map(_analyze_bytes, items[:4]))  # warm
            t = run_batch(ex, items)
        rows.append(["ProcessPoolExecutor", w, f"{len(items) / t:.1f}"])
    try:
        from dask.distributed import Client, LocalCluster
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            ex = client.get_executor()
            list(ex.map(_analyze_bytes, items[:4]))
            t = run_batch(ex, items)
            rows.append(["Dask distributed (LocalCluster, 2 workers)", 2, f"{len(items) / t:.1f}"])
    except Exception as exc:  # report, do not hide
        rows.append(["Dask distributed", 2, f"failed: {type(exc).__name__}: {exc}"])
    return table(f"Batch analysis scaling ({len(items)} reports)", ["executor", "workers", "reports/s"], rows)


def bench_html(quick: bool) -> str:
    from html import escape
    items = corpus_texts()
    pages = []
    for name, data in items:
        body = "".join(f"<p>{escape(line)}</p>" for line in data.decode("utf-8").splitlines() if line.strip())
        pages.append((name + ".html", (
            "<html><head><meta charset='utf-8'><title>法治政府建设年度报告</title></head><body>"
            "<div class='nav'>首页 &gt; 政务公开 &gt; 法治政府建设</div>"
            f"<div class='TRS_Editor'>{body}</div>"
            "<div class='footer'>网站地图 | 联系我们 主办单位：某某县人民政府办公室 ICP备00000000号</div>"
            "</body></html>").encode("utf-8")))
    rounds = 2 if quick else 10
    t_fazhi = _time(lambda: [fazhi.analyze(b, path=n) for n, b in pages], rounds)
    rows = [["fazhi (ingest + full analysis)", f"{t_fazhi / len(pages) * 1000:.1f}", "1.00"]]
    try:
        import trafilatura
        t_traf = _time(lambda: [trafilatura.extract(b.decode("utf-8")) for _, b in pages], rounds)
        rows.append(["trafilatura.extract (extraction only)", f"{t_traf / len(pages) * 1000:.1f}",
                     f"{t_traf / t_fazhi:.2f}"])
        ratio = t_fazhi / t_traf
    except ImportError:
        ratio = float("nan")
    return table(f"HTML pages: fazhi's whole pipeline vs the peer's extraction (ratio fazhi/peer = {ratio:.2f})",
                 ["tool", "ms per page", "peer time / this"], rows)


BENCHES = {"throughput": bench_throughput, "scaling": bench_scaling, "memory": bench_memory,
           "html": bench_html, "workers": bench_workers}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_batch"]:
        _batch_worker(int(argv[1]))
        return 0
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("names", nargs="*", choices=[[], *BENCHES], default=[])
    ap.add_argument("--quick", action="store_true", help="fewer rounds (used by the test suite)")
    args = ap.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}\n")
    for name in args.names or list(BENCHES):
        print(BENCHES[name](args.quick))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
