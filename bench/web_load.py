"""Load test of `fazhi serve`: concurrent users on loopback for a bounded time.

    python -m bench.web_load --db /tmp/fazhi-load.db                       # SQLite, 1,000 reports
    python -m bench.web_load --db postgresql+psycopg://…/fazhi_load        # PostgreSQL
    python -m bench.web_load --db X --users 50 --seconds 60 --reports 1000

The store is filled to --reports synthetic reports first (bench/synth.py, resumable). The server
is `fazhi serve` in a subprocess on 127.0.0.1 (a free port; same settings as in production:
web/server.py). Each simulated user logs in (its own account and session), then until the time is
up repeats, with a pause of 0.5–1.5 s between requests (a person reading): the report list (a
random page and filter), a report page, a search, the dashboard, or - one request in eight - an
upload of a new synthetic report through the API (bearer token). Every answer must be a success;
every upload must be stored (checked in the database afterwards). Loopback only, bounded in users
(≤ 200), time (≤ 300 s) and uploads (≤ 2,000). Prints a Markdown table (p50/p95/max per route)
and one JSON line (for docs/benchmarks.md, "Web under load").
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
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

SEARCHES = ["出庭应诉", "行政复议", "法律顾问 合法性审查", "营商环境", "执法记录仪", "规范性文件"]
PASSWORD = "load-test-password"
MAX_USERS, MAX_SECONDS, MAX_UPLOADS = 200, 300, 2000


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(db: str, reports: int, users: int) -> dict[str, Any]:
    from fazhi.corpus.store import Store
    st = Store(db).migrate()
    have = len(st.list_reports())
    out: dict[str, Any] = {"had": have}
    if have < reports:
        from bench.synth import fill_store
        out["fill"] = fill_store(st, reports, workers=2)
    names = {u["name"] for u in st.users()}
    for i in range(users):
        if f"load{i:03d}" not in names:
            st.add_user(f"load{i:03d}", "reviewer", PASSWORD)
    out["reports"] = len(st.list_reports())
    with st.engine.connect() as conn:
        import sqlalchemy as sa
        from fazhi.corpus import schema as T
        out["ids"] = [r for (r,) in conn.execute(sa.select(T.reports.c.id).where(T.reports.c.current == sa.true()))]
    out["tokens"] = [st.create_token(f"load{i:03d}") for i in range(users)]
    st.close()
    return out


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if len(xs) < 2:
        return xs[0] if xs else float("nan")
    return statistics.quantiles(xs, n=100, method="inclusive")[int(q) - 1]


async def run_load(base: str, ids: list[int], tokens: list[str], users: int, seconds: float,
                   uploads: list[tuple[str, bytes]]) -> dict[str, Any]:
    import httpx
    lat: dict[str, list[float]] = {}
    errors: list[str] = []
    uploaded: list[int] = []
    upload_q = list(uploads)
    deadline = time.monotonic() + seconds

    async def timed(route: str, coro):
        t0 = time.monotonic()
        try:
            r = await coro
        except Exception as exc:
            errors.append(f"{route}: {type(exc).__name__}: {exc}")
            return None
        lat.setdefault(route, []).append(time.monotonic() - t0)
        if r.status_code >= 400 or (r.status_code >= 300 and route != "login"):
            errors.append(f"{route}: HTTP {r.status_code} {r.text[:120]!r}")
        return r

    async def user(k: int) -> None:
        rng = random.Random(k)
        async with httpx.AsyncClient(base_url=base, timeout=120, follow_redirects=False) as c:
            await asyncio.sleep(rng.random() * 2)             # users arrive over two seconds
            page = await c.get("/login")
            m = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            r = await timed("login", c.post("/login", data={"username": f"load{k:03d}", "password": PASSWORD,
                                                             "csrf_token": m.group(1) if m else "", "next": "/reports"}))
            if r is None or r.status_code != 303:
                errors.append(f"login load{k:03d} failed: {r.status_code if r is not None else 'no answer'}")
                return
            bearer = {"Authorization": f"Bearer {tokens[k]}"}
            while time.monotonic() < deadline:
                x = rng.random()
                if x < 0.125 and upload_q:
                    name, data = upload_q.pop()
                    r = await timed("upload (API)", c.post("/api/reports", files={"file": (name, data, "text/plain")},
                                                           headers=bearer))
                    if r is not None and r.status_code in (200, 201):
                        uploaded.append(r.json()["id"])
                elif x < 0.35:
                    params = {"page": rng.randint(1, 10)}
                    if rng.random() < 0.5:
                        params["year"] = rng.randint(2019, 2024)
                    await timed("list /reports", c.get("/reports", params=params))
                elif x < 0.65:
                    await timed("report page", c.get(f"/reports/{rng.choice(ids)}"))
                elif x < 0.85:
                    await timed("search", c.get("/search", params={"q": rng.choice(SEARCHES)}))
                else:
                    await timed("dashboard", c.get("/dashboard"))
                await asyncio.sleep(0.5 + rng.random())

    t0 = time.monotonic()
    await asyncio.gather(*(user(k) for k in range(users)))
    return {"lat": lat, "errors": errors, "uploaded": uploaded, "wall": time.monotonic() - t0,
            "upload_attempts": len(uploads) - len(upload_q)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--uploads", type=int, default=600, help="synthetic texts ready for upload (at most)")
    a = ap.parse_args(argv)
    users, seconds, n_up = min(a.users, MAX_USERS), min(a.seconds, MAX_SECONDS), min(a.uploads, MAX_UPLOADS)
    prep = prepare(a.db, a.reports, users)
    from bench.synth import generate
    uploads = [(f"upload_{i:04d}.txt", data) for i, (_, data) in enumerate(generate(n_up, seed=7919))]
    port = _port()
    env = dict(os.environ, FAZHI_SECRET_KEY=secrets.token_urlsafe(32),
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]))
    server = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--db", a.db, "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx
        t_end = time.time() + 60
        while time.time() < t_end:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except Exception:
                time.sleep(0.2)
        # warm-up, not measured: one of each page (the search segmenter's dictionary, the
        # dashboard's aggregates, the first analysis process)
        with httpx.Client(base_url=base, timeout=300, headers={"Authorization": f"Bearer {prep['tokens'][0]}"}) as w:
            for path in ("/api/reports", f"/api/reports/{prep['ids'][0]}", "/api/search?q=法治", "/api/dashboard"):
                w.get(path)
            w.post("/api/reports", files={"file": ("warmup.txt", uploads.pop()[1], "text/plain")})
        res = asyncio.run(run_load(base, prep["ids"], prep["tokens"], users, seconds, uploads))
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    from fazhi.corpus.store import Store
    st = Store(a.db)
    import sqlalchemy as sa
    from fazhi.corpus import schema as T
    with st.engine.connect() as conn:
        found = {r for (r,) in conn.execute(sa.select(T.reports.c.id).where(T.reports.c.id.in_(res["uploaded"] or [-1])))}
    st.close()
    missing = sorted(set(res["uploaded"]) - found)
    rows = []
    for route in ("login", "list /reports", "report page", "search", "dashboard", "upload (API)"):
        xs = res["lat"].get(route) or []
        if xs:
            rows.append({"route": route, "n": len(xs), "p50_ms": round(_pct(xs, 50) * 1000),
                         "p95_ms": round(_pct(xs, 95) * 1000), "max_ms": round(max(xs) * 1000)})
    dialect = "PostgreSQL" if a.db.startswith("postgresql") else "SQLite"
    print(f"\n{dialect}, {prep['reports']} reports at start, {users} users, {seconds:g} s "
          f"(wall {res['wall']:.0f} s), load average {os.getloadavg()[0]:.1f}\n")
    print("| route | requests | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['route']} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |")
    print(f"\nerrors: {len(res['errors'])}; uploads answered {len(res['uploaded'])} of {res['upload_attempts']}, "
          f"missing from the store afterwards: {len(missing)}")
    for e in res["errors"][:10]:
        print("  ", e)
    print(json.dumps({"db": dialect, "reports": prep["reports"], "users": users, "seconds": seconds, "rows": rows,
                      "errors": len(res["errors"]), "uploads": len(res["uploaded"]),
                      "upload_attempts": res["upload_attempts"], "missing": len(missing),
                      "loadavg": os.getloadavg()[0]}, ensure_ascii=False))
    return 0 if not res["errors"] and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
