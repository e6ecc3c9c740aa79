"""Fuzz `fazhi.analyze` with inputs mutated from real-looking reports.

    python -m bench fuzz --cases 100000            # on demand (hours on a shared 2-core machine)
    python -m bench fuzz --cases 2000 --seed 3     # what tests/test_fuzz.py runs, about a minute
    python -m bench fuzz --cases 20000 --save /tmp/fuzz-out   # keep crashing / slow inputs
    python -m bench fuzz --cases 100000 --state run.json      # resumable: rerun the same line to go on

Case i of a seed is the same input whatever was run before it (its own random stream), so a run
stopped at case 40,000 and resumed with --state goes on at 40,000 with the same inputs and the
counts it had: one run of 100,000 cases can span several sittings.

Seeds: the team texts (tests/texts, examples/) and, when present, the real seed reports
(../shared/corpus/seeds), also as DOCX, PDF and HTML (tests/build_formats.py). Each case takes
a seed and applies one or more mutations: truncation, deleted / repeated spans, control
characters, other encodings (GBK, Big5, UTF-16, broken UTF-8), long digit and numeral runs,
huge numbers, chains of "，其中N件", long CJK runs and 、-lists in the shortcomings part, one huge
line, deep or broken HTML, damaged or oversized ZIP/DOCX members, damaged PDFs and PDF streams
that inflate far (decompression bombs).

Every case runs in a worker process with a time limit (fazhi.worker.LimitedExecutor). A case
ends as "ok" (a Report), "error" (the documented FazhiError, with its code), "crash" (any other
exception: a bug) or "hang" (the time limit). The summary gives the counts, the crash
signatures, and the worst time per KB of input.
"""
from __future__ import annotations

import argparse
import functools
import io
import json
import random
import re
import sys
import time
import traceback
import zipfile
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
for _p in (ROOT / "src", ROOT / "tests"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))


# -- seeds -----------------------------------------------------------------------------------

def seed_texts(max_seed_chars: int | None = None) -> list[tuple[str, str]]:
    files = sorted((ROOT / "tests" / "texts").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    seeds = SHARED / "corpus" / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.glob("*.txt"))
    out = []
    for p in files:
        t = p.read_text(encoding="utf-8", errors="replace")
        out.append((p.name, t[:max_seed_chars] if max_seed_chars else t))
    return out


# -- mutations -------------------------------------------------------------------------------

CJK = "法治政府建设执法监督复议诉讼案件办理审查备案一二三四五六七八九十百千万亿其中等领域不足问题"
CTRL = "".join(chr(c) for c in list(range(0, 32)) + [0x7f, 0x85, 0x2028, 0x2029, 0xfeff, 0x200b, 0x202e])


CAP: int | None = None          # largest repeat / run length (tests/test_fuzz.py keeps cases small)


def _n(rng: random.Random, sizes: list[int]) -> int:
    v = rng.choice(sizes)
    return v if CAP is None else min(v, CAP)


def _span(rng: random.Random, n: int) -> tuple[int, int]:
    a = rng.randrange(n + 1)
    b = min(n, a + rng.randrange(1, max(2, n // 4 + 2)))
    return a, b


def _insert(rng: random.Random, t: str, s: str) -> str:
    k = rng.randrange(len(t) + 1)
    return t[:k] + s + t[k:]


def _in_shortcomings(rng: random.Random, t: str, s: str) -> str:
    k = t.find("不足")
    if k < 0:
        return _insert(rng, t, "\n二、存在的不足\n" + s + "\n")
    e = t.find("\n", k)
    e = len(t) if e < 0 else e + 1
    return t[:e] + s + "\n" + t[e:]


def m_truncate(rng, t): return t[:rng.randrange(len(t) + 1)]
def m_delete(rng, t):
    a, b = _span(rng, len(t)); return t[:a] + t[b:]
def m_repeat(rng, t):
    a, b = _span(rng, min(len(t), 2000))
    return t[:b] + t[a:b] * rng.randrange(2, 200 if CAP is None else max(3, CAP // 30)) + t[b:]
def m_control(rng, t):
    for _ in range(rng.randrange(1, 50)):
        t = _insert(rng, t, rng.choice(CTRL) * rng.randrange(1, 20))
    return t
def m_digits(rng, t): return _insert(rng, t, "办理" + "".join(rng.choice("0123456789") for _ in range(_n(rng, [20, 400, 5000, 20000]))) + rng.choice(["件", "", "%", "万元", "。"]))
def m_numeral_run(rng, t): return _insert(rng, t, rng.choice("一二十百千万亿零两") * _n(rng, [50, 2000, 10000]) + rng.choice(["件", "", "人次"]))
def m_huge_sum(rng, t):
    d = _n(rng, [17, 30, 400, 4000])
    return _insert(rng, t, "共办理" + "9" * d + "件，其中" + "9" * (d - 1) + "件，" + "8" * (d - 1) + "件。办结率" + "9" * d + "%。")
def m_qizhong(rng, t): return _insert(rng, t, "共办理案件100件" + "".join(f"，其中{rng.randrange(100)}件" for _ in range(_n(rng, [50, 800, 3000]))) + "。")
def m_cjk_run(rng, t): return _in_shortcomings(rng, t, "".join(rng.choice(CJK) for _ in range(_n(rng, [500, 5000, 30000]))))
def m_enum(rng, t): return _in_shortcomings(rng, t, "、".join("".join(rng.choice(CJK) for _ in range(rng.randrange(1, 4))) for _ in range(_n(rng, [100, 3000, 10000]))) + rng.choice(["等领域", "", "等"]))
def m_brackets(rng, t): return _insert(rng, t, rng.choice(["（", "(", "《", "“", "【"]) * _n(rng, [100, 5000]) + "1件" + rng.choice(["）", ")", ""]) * rng.randrange(3))
def m_one_line(rng, t): return t.replace("\n", rng.choice(["", " ", "。"]))
def m_huge_line(rng, t): return _insert(rng, t, "".join(rng.choice(CJK + "，。；12") for _ in range(_n(rng, [20000, 100000]))))
def m_unicode(rng, t):
    pool = ["\U0001F600", "\u0301", "\u200f", "\ufffd", "\U00020000", "Ａ", "１２３", "\ud7ff", "〇"]
    for _ in range(rng.randrange(1, 30)):
        t = _insert(rng, t, rng.choice(pool) * rng.randrange(1, 30))
    return t
def m_headings(rng, t): return _insert(rng, t, "".join(f"\n{rng.choice(['一', '（一）', '1.', '第一章', '（1）'])}{rng.choice(CJK)}\n" for _ in range(_n(rng, [100, 2000]))))
def m_years(rng, t): return _insert(rng, t, "".join(f"{rng.randrange(1900, 2100)}年{rng.randrange(0, 14)}月{rng.randrange(0, 40)}日" for _ in range(_n(rng, [10, 1000]))))
def m_shuffle_lines(rng, t):
    ls = t.split("\n"); rng.shuffle(ls); return "\n".join(ls)

TEXT_MUTATIONS = [m_truncate, m_delete, m_repeat, m_control, m_digits, m_numeral_run, m_huge_sum, m_qizhong,
                  m_cjk_run, m_enum, m_brackets, m_one_line, m_huge_line, m_unicode, m_headings, m_years,
                  m_shuffle_lines]


def encode(rng: random.Random, t: str) -> tuple[bytes, str]:
    enc = rng.choice(["utf-8"] * 6 + ["gbk", "gb18030", "big5", "utf-16", "utf-16-le", "utf-8-sig", "latin-1", "broken"])
    if enc == "broken":
        b = bytearray(t.encode("utf-8"))
        for _ in range(rng.randrange(1, 20)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b), enc
    return t.encode(enc, errors="replace"), enc


def to_html(rng: random.Random, t: str) -> bytes:
    from html import escape
    depth = _n(rng, [1, 50, 1000, 5000])
    body = "".join(f"<p>{escape(x)}</p>" for x in t.split("\n") if x.strip())
    open_, close = "<div>" * depth, "</div>" * rng.choice([0, depth])
    junk = rng.choice(["", "<script>" + "x" * 10000, "<!--", "<table>" * 500, "<meta charset='gbk'>", "&#" * 1000])
    return (f"<html><head><meta charset='utf-8'><title>年度报告</title></head><body>{open_}{junk}{body}{close}"
            "</body></html>").encode("utf-8")


def flip(rng: random.Random, b: bytes, n: int | None = None) -> bytes:
    b = bytearray(b)
    for _ in range(n or rng.randrange(1, 50)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def docx_case(rng: random.Random, t: str) -> bytes:
    import build_formats as bf
    data = bf.to_docx(t[:_n(rng, [500, 3000, 20000])])
    kind = rng.choice(["truncate", "flip", "member", "bomb", "many", "deep", "declared"])
    if kind == "truncate":
        return data[:rng.randrange(len(data))]
    if kind == "flip":
        return flip(rng, data)
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zin.infolist():
            d = zin.read(info.filename)
            if info.filename == "word/document.xml":
                if kind == "member":
                    d = flip(rng, d, rng.randrange(1, 10))
                elif kind == "bomb":
                    return _docx_bomb(rng.choice([250, 400]))
                elif kind == "deep":
                    n = _n(rng, [1000, 100000])
                    d = d.replace(b"<w:body>", b"<w:body>" + b"<w:p>" * n, 1)
            zo.writestr(info.filename, d)
        if kind == "many":
            for i in range(_n(rng, [100, 20000])):
                zo.writestr(f"word/media/x{i}.bin", b"")
    data = out.getvalue()
    if kind == "declared":                 # a member whose declared size is a lie
        data = data.replace(b"word/document.xml", b"word/document.xml", 1)
        k = data.find(b"PK\x01\x02")
        if k > 0:
            data = data[:k + 24] + (2 ** 31).to_bytes(4, "little") + data[k + 28:]
    return data


@functools.lru_cache(maxsize=4)
def _zeros_deflated(mb: int) -> bytes:
    d = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    return b"".join(d.compress(block) for _ in range(mb)) + d.flush()


@functools.lru_cache(maxsize=4)
def _docx_bomb(mb: int) -> bytes:
    """A small DOCX whose document.xml inflates to mb MB (of spaces inside the body)."""
    import build_formats as bf
    zin = zipfile.ZipFile(io.BytesIO(bf.to_docx("示例县法治政府建设年度报告\n一、主要工作\n")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zin.infolist():
            d = zin.read(info.filename)
            if info.filename == "word/document.xml":
                head, tail = d.split(b"<w:body>", 1)
                with zo.open(info.filename, "w", force_zip64=True) as fh:
                    fh.write(head + b"<w:body>")
                    block = b" " * (1 << 20)
                    for _ in range(mb):
                        fh.write(block)
                    fh.write(tail)
            else:
                zo.writestr(info.filename, d)
    return out.getvalue()


def pdf_case(rng: random.Random, t: str) -> bytes:
    import build_formats as bf
    data = bf.to_pdf(t[:_n(rng, [300, 2000, 8000])])
    kind = rng.choice(["truncate", "flip", "bomb", "streams", "garbage"])
    if kind == "truncate":
        return data[:rng.randrange(len(data))]
    if kind == "flip":
        return flip(rng, data)
    if kind == "bomb":
        z = _zeros_deflated(rng.choice([250, 500]))
        return data.replace(b"%%EOF", b"") + (b"\n99 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n"
                                             % len(z)) + z + b"\nendstream\nendobj\n%%EOF\n"
    if kind == "streams":
        return data + b"stream\nx\x9c" * _n(rng, [100, 20000])
    return b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(_n(rng, [10, 5000])))


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(t: str) -> str:
    return _XML_BAD.sub("", t)


def make_case(rng: random.Random, seeds: list[tuple[str, str]], i: int) -> tuple[str, bytes, str]:
    name, text = rng.choice(seeds)
    if rng.random() < 0.6:                 # most cases: a slice of the seed (keeps cases small)
        a = rng.randrange(max(1, len(text) - 3000))
        text = text[a:a + _n(rng, [500, 2000, 6000])] if rng.random() < 0.5 else text
    muts = rng.sample(TEXT_MUTATIONS, _n(rng, [1, 1, 1, 2, 3]))
    for m in muts:
        text = m(rng, text)
    label = "+".join(m.__name__[2:] for m in muts)
    r = rng.random()
    try:
        if r < 0.08:
            return f"{i:06d}.docx", docx_case(rng, _xml_safe(text)), "docx:" + label
        if r < 0.14:
            return f"{i:06d}.pdf", pdf_case(rng, _xml_safe(text)), "pdf:" + label
    except Exception:  # noqa: BLE001 - the builder refused the text: use it as text
        pass
    if r < 0.24:
        return f"{i:06d}.html", to_html(rng, text), "html:" + label
    data, enc = encode(rng, text)
    if rng.random() < 0.05:
        data = data[:rng.randrange(len(data) + 1)]
    return f"{i:06d}.txt", data, f"text/{enc}:" + label


# -- running ---------------------------------------------------------------------------------

def run_case(name: str, data: bytes) -> dict:
    """One analysis (in a worker): ok / error code / crash with its traceback, and its CPU
    seconds (the worker's own time: robust to other load on the machine)."""
    import fazhi
    from fazhi.errors import FazhiError
    t0 = time.process_time()
    try:
        r = fazhi.analyze(data, path=name)
        r.to_json()
        json.dumps(r.to_json(), ensure_ascii=False)
        errs = [d for d in r.diagnostics if d.code == "rule_failed"]
        if errs:                           # a rule that failed was skipped: a crash, not a result
            e0 = errs[0]
            out = {"status": "crash", "sig": f"rule {e0.rule}: {e0.message.split(':')[0]}",
                   "tb": json.dumps([e.to_json() for e in errs], ensure_ascii=False)[:3000]}
        else:
            out = {"status": "ok"}
    except FazhiError as e:
        out = {"status": "error", "code": e.code}
    except Exception as e:  # noqa: BLE001 - the point of fuzzing
        tb = traceback.extract_tb(e.__traceback__)
        where = next((f"{Path(f.filename).name}:{f.name}" for f in reversed(tb) if "fazhi" in f.filename), "?")
        out = {"status": "crash", "sig": f"{type(e).__name__} at {where}", "tb": traceback.format_exc()[-3000:]}
    out["seconds"] = time.process_time() - t0
    return out


def case_rng(seed: int, i: int) -> random.Random:
    """Case i's own random stream: the same input whatever ran before it (resumable runs)."""
    return random.Random(seed * 1_000_003 + i)


def _load_state(state: Path | None, seed: int) -> dict:
    if state is None or not state.exists():
        return {}
    st = json.loads(state.read_text(encoding="utf-8"))
    if st.get("seed") != seed:
        raise SystemExit(f"{state}: state of seed {st.get('seed')}, not {seed} (状态文件的种子不同)")
    return st


def fuzz(cases: int, seed: int = 0, workers: int = 1, timeout: float = 20.0, save: Path | None = None,
         max_seed_chars: int | None = None, progress: bool = False, cap: int | None = None,
         state: Path | None = None) -> dict:
    """Run cases 0..cases-1 of `seed` (with `state`: from where the saved state stopped, adding to
    its counts, and saving the state every 500 cases and at the end)."""
    global CAP
    CAP = cap
    from fazhi.api import warm_up
    from fazhi.worker import LimitedExecutor
    seeds = seed_texts(max_seed_chars)
    warm_up()
    st = _load_state(state, seed)
    start = st.get("next", 0)
    stats = Counter(st.get("outcomes", {}))
    crashes: Counter = Counter(st.get("crashes", {}))
    codes: Counter = Counter(st.get("error_codes", {}))
    examples: dict[str, str] = dict(st.get("crash_examples", {}))
    worst_per_kb = tuple(st.get("worst_per_kb", (0.0, "", 0)))
    worst = tuple(st.get("worst", (0.0, "", 0)))
    hangs: list[str] = list(st.get("hangs", []))
    elapsed = st.get("seconds", 0.0)
    hang_inputs: list[tuple[str, bytes]] = []     # to re-run alone: a load spike is not a hang
    t_start = time.perf_counter()
    window = 4 * workers
    with LimitedExecutor(workers, timeout=timeout, memory_mb=2048, initializer=warm_up) as ex:
        pending = []

        def collect(item) -> None:
            nonlocal worst_per_kb, worst
            name, data, label, fut = item
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - the worker's limits
                code = getattr(exc, "code", type(exc).__name__)
                res = {"status": "hang" if code == "timeout" else "crash", "sig": f"worker: {code}",
                       "seconds": timeout if code == "timeout" else 0.0}
            stats[res["status"]] += 1
            kb = max(1.0, len(data) / 1024)
            if res["status"] == "error":
                codes[res["code"]] += 1
            if res["status"] == "crash":
                crashes[res["sig"]] += 1
                examples.setdefault(res["sig"], f"{label} ({len(data)} bytes)\n{res.get('tb', '')}")
            if res["status"] == "hang":
                hangs.append(f"{label} ({len(data)} bytes)")
                if len(hang_inputs) < 20:
                    hang_inputs.append((name, data))
            if res["status"] in ("crash", "hang") and save:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"{res['status']}-{name}").write_bytes(data)
            # the worst times are over the cases that finished (hangs are listed apart)
            s = res.get("seconds", 0.0) if res["status"] != "hang" else 0.0
            if s / kb > worst_per_kb[0]:
                worst_per_kb = (s / kb, label, len(data))
            if s > worst[0]:
                worst = (s, label, len(data))
            if save and s > 2.0 and res["status"] != "hang":
                save.mkdir(parents=True, exist_ok=True)
                (save / f"slow-{s:.1f}s-{name}").write_bytes(data)

        def save_state(next_case: int) -> None:
            if state is None:
                return
            tmp = state.with_name(state.name + ".tmp")
            tmp.write_text(json.dumps({
                "seed": seed, "next": next_case, "outcomes": dict(stats), "crashes": dict(crashes),
                "error_codes": dict(codes), "crash_examples": examples, "hangs": hangs,
                "worst_per_kb": list(worst_per_kb), "worst": list(worst),
                "seconds": round(elapsed + time.perf_counter() - t_start, 1)}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(state)

        interrupted = False
        collected = start                   # cases whose outcome is counted (in order)
        try:
            for i in range(start, cases):
                name, data, label = make_case(case_rng(seed, i), seeds, i)
                pending.append((name, data, label, ex.submit(run_case, name, data)))
                while len(pending) >= window:
                    collect(pending.pop(0))
                    collected += 1
                    if collected % 500 == 0:
                        save_state(collected)
                if progress and i and i % 1000 == 0:
                    print(f"  {i} cases, {time.perf_counter() - t_start:.0f} s, {dict(stats)}", file=sys.stderr,
                          flush=True)
            for item in pending:
                collect(item)
                collected += 1
        except KeyboardInterrupt:           # Ctrl-C / kill -INT: the summary of the cases run so far
            interrupted = True
            for *_, fut in pending:
                fut.cancel()
            ex.shutdown(wait=False, cancel_futures=True)
        save_state(collected)               # the uncollected ones are run again on resume
    done = sum(stats.values())
    return {"cases": done, "interrupted": interrupted, "seed": seed, "resumed_at": start,
            "seconds": round(elapsed + time.perf_counter() - t_start, 1),
            "outcomes": dict(stats), "error_codes": dict(codes), "crashes": dict(crashes),
            "crash_examples": examples, "hangs": hangs, "hang_inputs": hang_inputs,
            "worst_s_per_kb": {"seconds_per_kb": round(worst_per_kb[0], 4), "case": worst_per_kb[1],
                               "bytes": worst_per_kb[2]},
            "worst_s": {"seconds": round(worst[0], 3), "case": worst[1], "bytes": worst[2]}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench fuzz", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="wall-clock seconds after which a case is a hang (the machine may be shared)")
    ap.add_argument("--save", type=Path, help="folder for crashing, hanging and slow (>2 s) inputs")
    ap.add_argument("--state", type=Path, help="JSON file of the run's counts: resume from it, keep it up to date")
    args = ap.parse_args(argv)
    import signal

    def _stop(*_):
        raise KeyboardInterrupt
    # kill -INT / kill -TERM print the summary of the cases run so far (a background job
    # started by a shell ignores SIGINT unless the handler is set again)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    res = fuzz(args.cases, args.seed, args.workers, args.timeout, args.save, progress=True, state=args.state)
    ex = res.pop("crash_examples")
    print(json.dumps(res, ensure_ascii=False, indent=2))
    for sig, tb in ex.items():
        print(f"\n--- {sig}\n{tb}", file=sys.stderr)
    return 0 if not res["crashes"] and not res["hangs"] else 1


if __name__ == "__main__":
    sys.exit(main())
