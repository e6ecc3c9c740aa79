"""Faults: kill -9 a real `fazhi ingest` / `fazhi reanalyze` at a random moment, rerun it, and
check the database (`fazhi check-db --deep`); two ingests on one SQLite file at once.

    python -m bench.reliability --kills 10                 # SQLite
    FAZHI_TEST_PG=postgresql+psycopg://… python -m bench.reliability --kills 10 --pg

Each trial starts from a fresh database: ingest (or ingest, then reanalyze) is started, killed
with SIGKILL after a random delay, and run again to the end. A trial passes when the rerun
exits 0, `fazhi check-db --deep` finds nothing, every input file is stored exactly once, and no
worker process of the killed command is left alive 3 s after the kill.
tests/test_store_faults.py runs a few trials; docs/reliability.md has the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "texts"


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)] + ([e["PYTHONPATH"]] if e.get("PYTHONPATH") else []))
    return e


def fazhi_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "fazhi", *args]


def make_inputs(folder: Path, n: int) -> int:
    """n distinct team-text files (the team texts, each copy with a line of its own: later
    copies of a text are new versions of the same report). Returns the number of files."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sorted(TEXTS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    for i in range(n):
        src = texts[i % len(texts)]
        body = src.read_text(encoding="utf-8")
        (folder / f"{i:03d}_{src.name}").write_text(body + f"\n（本文件编号 {i}）\n", encoding="utf-8")
    return n


def children_of(pid: int) -> list[int]:
    """Processes whose parent is pid (Linux /proc)."""
    out = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            stat = (p / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            out.append(int(p.name))
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def new_pg_db(base_url: str) -> str:
    """A fresh PostgreSQL database beside base_url's (dropped by drop_pg_db)."""
    import sqlalchemy as sa
    name = f"fazhi_rel_{uuid.uuid4().hex[:10]}"
    eng = sa.create_engine(base_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    eng.dispose()
    return base_url.rsplit("/", 1)[0] + "/" + name


def drop_pg_db(url: str) -> None:
    import sqlalchemy as sa
    base, name = url.rsplit("/", 1)
    eng = sa.create_engine(base + "/postgres", isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    eng.dispose()


def run(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env(), capture_output=True, text=True, timeout=timeout)


def kill_trial(db: str, inputs: Path, n_files: int, what: str = "ingest", workers: int = 2,
               delay: tuple[float, float] = (0.5, 8.0), rng: random.Random | None = None) -> dict:
    """One trial: start `what`, SIGKILL it after a random delay, rerun, check. Returns the figures."""
    rng = rng or random.Random()
    if what == "reanalyze":
        first = run(fazhi_cmd("ingest", str(inputs), "--db", db, "--workers", str(workers)))
        assert first.returncode == 0, first.stderr[-2000:]
        cmd = fazhi_cmd("reanalyze", "--db", db, "--workers", str(workers))
    else:
        cmd = fazhi_cmd("ingest", str(inputs), "--db", db, "--workers", str(workers))
    wait = rng.uniform(*delay)
    proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    t0 = time.monotonic()
    kids: set[int] = set()
    finished_before_kill = False
    while time.monotonic() - t0 < wait:
        kids.update(children_of(proc.pid))
        if proc.poll() is not None:
            finished_before_kill = True
            break
        time.sleep(0.05)
    if not finished_before_kill:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline and any(alive(k) for k in kids):
        time.sleep(0.05)
    left = [k for k in kids if alive(k)]
    for k in left:                      # do not leave them to the next trial
        try:
            os.kill(k, signal.SIGKILL)
        except OSError:
            pass
    t1 = time.monotonic()
    rerun = run(cmd)
    rerun_s = time.monotonic() - t1
    check = run(fazhi_cmd("check-db", "--db", db, "--deep", "--format", "json"))
    try:
        report = json.loads(check.stdout)
    except ValueError:
        report = {"ok": False, "problems": [{"message": check.stderr[-500:]}]}
    listed = run(fazhi_cmd("list", "--db", db, "--all-versions", "--format", "json"))
    rows = json.loads(listed.stdout) if listed.returncode == 0 else []
    names = [r.get("name") for r in rows]
    ok = (rerun.returncode == 0 and report.get("ok") and not left and len(rows) == n_files
          and len(set(names)) == n_files)
    return {"what": what, "killed_after_s": round(wait, 2), "finished_before_kill": finished_before_kill,
            "workers_seen": len(kids), "workers_left": len(left), "rerun_rc": rerun.returncode,
            "rerun_s": round(rerun_s, 1), "stored": len(rows), "distinct": len(set(names)),
            "problems": report.get("problems"), "ok": bool(ok),
            "stderr": rerun.stderr[-1500:] if rerun.returncode else ""}


def concurrent_ingest(db: str, a: Path, b: Path, workers: int = 1) -> dict:
    """Two `fazhi ingest` processes on one database at the same time (and a reader polling it)."""
    p1 = subprocess.Popen(fazhi_cmd("ingest", str(a), "--db", db, "--workers", str(workers), "--format", "json"),
                          env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p2 = subprocess.Popen(fazhi_cmd("ingest", str(b), "--db", db, "--workers", str(workers), "--format", "json"),
                          env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reads = read_errors = 0
    from fazhi.corpus.store import Store
    store = Store(db).migrate()
    while p1.poll() is None or p2.poll() is None:
        try:
            store.list_reports()
            reads += 1
        except Exception as exc:  # noqa: BLE001 - counted: the figure the test asserts on
            if "locked" in str(exc):
                read_errors += 1
            else:
                raise
        time.sleep(0.05)
    store.close()
    out = []
    for p in (p1, p2):
        so, se = p.communicate()
        out.append((p.returncode, so, se))
    locked = sum("database is locked" in so + se for _, so, se in out)
    return {"rc": [rc for rc, _, _ in out], "locked_messages": locked, "reads": reads,
            "read_errors": read_errors, "stderr": [se[-800:] for _, _, se in out]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.reliability", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--files", type=int, default=36)
    ap.add_argument("--pg", action="store_true", help="PostgreSQL at $FAZHI_TEST_PG as well")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-delay", type=float, default=20.0, help="kill after 0.5 to this many seconds")
    ap.add_argument("--what", default="ingest,reanalyze")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    backends = ["sqlite"] + (["postgresql"] if args.pg and os.environ.get("FAZHI_TEST_PG") else [])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        n = make_inputs(inputs, args.files)
        for backend in backends:
            for what in args.what.split(","):
                for k in range(args.kills):
                    if backend == "sqlite":
                        db = str(Path(tmp) / f"{what}-{k}.db")
                    else:
                        db = new_pg_db(os.environ["FAZHI_TEST_PG"])
                    delay = (0.5, args.max_delay)
                    try:
                        r = kill_trial(db, inputs, n, what, rng=rng, delay=delay)
                    finally:
                        if backend != "sqlite":
                            drop_pg_db(db)
                    r["backend"] = backend
                    rows.append(r)
                    print(json.dumps({k2: v for k2, v in r.items() if k2 != "stderr"}, ensure_ascii=False),
                          flush=True)
                    if r["stderr"]:
                        print(r["stderr"], file=sys.stderr)
        # two ingests at once on one SQLite file, with a reader
        half = sorted(inputs.iterdir())
        a, b = Path(tmp) / "a", Path(tmp) / "b"
        a.mkdir(); b.mkdir()
        for i, p in enumerate(half):
            (a if i % 2 else b).joinpath(p.name).write_bytes(p.read_bytes())
        c = concurrent_ingest(str(Path(tmp) / "two.db"), a, b, workers=2)
        print(json.dumps({k: v for k, v in c.items() if k != "stderr"}, ensure_ascii=False))
    print("\n| backend | command | kills | passed | killed after (s) | workers left alive | rerun s (max) |")
    print("|---|---|---|---|---|---|---|")
    for backend in backends:
        for what in args.what.split(","):
            rs = [r for r in rows if r["backend"] == backend and r["what"] == what]
            if not rs:
                continue
            print(f"| {backend} | fazhi {what} | {len(rs)} ({sum(not r['finished_before_kill'] for r in rs)} "
                  f"while running) | {sum(r['ok'] for r in rs)} | "
                  f"{min(r['killed_after_s'] for r in rs)}–{max(r['killed_after_s'] for r in rs)} | "
                  f"{sum(r['workers_left'] for r in rs)} | {max(r['rerun_s'] for r in rs)} |")
    return 0 if all(r["ok"] for r in rows) and c["rc"] == [0, 0] and not c["locked_messages"] else 1


if __name__ == "__main__":
    sys.exit(main())
