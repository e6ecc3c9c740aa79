"""Faults in the store: kill -9 during ingest and reanalyze, interrupted runs resumed, workers
that die with their parent, two ingests at once, and `fazhi check-db`."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bench import reliability as R
from fazhi.corpus import schema as T
from fazhi.corpus.integrity import check_db
from fazhi.corpus.store import Store

PG = os.environ.get("FAZHI_TEST_PG")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, int]:
    d = tmp_path_factory.mktemp("faults") / "in"
    return d, R.make_inputs(d, 10)


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


@pytest.mark.parametrize("what,seed", [("ingest", 1), ("ingest", 2), ("reanalyze", 3)])
def test_kill_9_then_rerun_is_consistent_sqlite(tmp_path, inputs, what, seed):
    folder, n = inputs
    r = R.kill_trial(str(tmp_path / "k.db"), folder, n, what, rng=random.Random(seed), delay=(1.0, 6.0))
    assert r["ok"], str(r)


@pytest.mark.skipif(not PG, reason="FAZHI_TEST_PG not set")
def test_kill_9_then_rerun_is_consistent_postgresql(inputs):
    folder, n = inputs
    url = R.new_pg_db(PG)
    try:
        r = R.kill_trial(url, folder, n, "ingest", rng=random.Random(4), delay=(1.0, 6.0))
    finally:
        R.drop_pg_db(url)
    assert r["ok"], str(r)


def test_interrupted_ingest_resumes_and_computes_corpus_findings(tmp_path, inputs, monkeypatch):
    folder, n = inputs
    db = tmp_path / "r.db"
    store = Store(db).migrate()
    # a run killed after the last file was stored, before the corpus analyses
    monkeypatch.setattr(Store, "refresh_corpus", lambda self: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        store.ingest([folder])
    monkeypatch.undo()
    with store.engine.begin() as conn:           # its process is gone
        conn.execute(T.runs.update().values(counts={"pid": _dead_pid(), "host": __import__("socket").gethostname()}))
    problems = check_db(store, deep=True)
    assert {p["check"] for p in problems} >= {"interrupted_run"}
    s = store.ingest([folder])
    assert (s.loaded, s.skipped) == (0, n)
    assert check_db(store, deep=True) == []
    runs = store.runs()
    assert len(runs) == 1 and runs[0]["finished"] is not None and runs[0]["counts"].get("resumed")
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(T.findings)
                            .where(T.findings.c.family == "corpus")).scalar() > 0
    store.close()


def test_interrupted_reanalyze_resumes_where_it_stopped(tmp_path, inputs):
    folder, n = inputs
    store = Store(tmp_path / "ra.db").migrate()
    store.ingest([folder])
    calls = []
    from fazhi.corpus import store as S

    def failing(item):
        calls.append(item[0])
        if len(calls) > 4:
            raise KeyboardInterrupt
        return S.analyze_item(item, store.config.data)
    with pytest.raises(KeyboardInterrupt):
        store.reanalyze(analyzer=failing)
    with store.engine.begin() as conn:
        conn.execute(T.runs.update().where(T.runs.c.finished.is_(None))
                     .values(counts={"pid": _dead_pid(), "host": __import__("socket").gethostname()}))
    res = store.reanalyze()
    assert res["resumed"] == 4 and res["updated"] == n - 4
    assert check_db(store, deep=True) == []
    store.close()


def _survivors_of_kill_9(p: subprocess.Popen, kids: list[int], within: float) -> list[int]:
    """Kill -9 the parent p, then wait up to `within` seconds for its children to die: the
    children still alive after that."""
    p.send_signal(signal.SIGKILL)
    p.wait()
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(R.alive(k) for k in kids):
        time.sleep(0.05)
    return [k for k in kids if R.alive(k)]


def test_workers_die_with_their_parent(tmp_path):
    code = ("import sys, time\n"
            "from fazhi.worker import LimitedExecutor\n"
            "ex = LimitedExecutor(2, timeout=600)\n"
            "fs = [ex.submit(time.sleep, 600) for _ in range(2)]\n"
            "print('up', flush=True)\n"
            "time.sleep(600)\n")
    p = subprocess.Popen([sys.executable, "-c", code], env=R.env(), stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "up"
    deadline = time.monotonic() + 20
    kids = []
    while time.monotonic() < deadline and len(kids) < 2:
        kids = R.children_of(p.pid)
        time.sleep(0.1)
    assert len(kids) == 2
    assert _survivors_of_kill_9(p, kids, within=5) == []


def test_two_ingests_and_a_reader_on_one_sqlite_file(tmp_path, inputs):
    folder, _ = inputs
    files = sorted(folder.iterdir())
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(); b.mkdir()
    for i, p in enumerate(files):
        (a if i % 2 else b).joinpath(p.name).write_bytes(p.read_bytes())
    (a / files[0].name).write_bytes(files[0].read_bytes())          # one file in both
    db = str(tmp_path / "two.db")
    r = R.concurrent_ingest(db, a, b)
    assert r["rc"] == [0, 0], r["stderr"]
    assert r["locked_messages"] == 0 and r["read_errors"] == 0 and r["reads"] > 0
    store = Store(db).migrate()
    assert check_db(store, deep=True) == []
    assert len(store.list_reports(all_versions=True)) == len(files)
    store.close()


def test_check_db_finds_damage(tmp_path, inputs):
    folder, _ = inputs
    store = Store(tmp_path / "d.db").migrate()
    store.ingest([folder])
    assert check_db(store) == []
    with store.engine.begin() as conn:
        rid = conn.execute(sa.select(T.reports.c.id)).first()[0]
        conn.execute(T.reports.update().where(T.reports.c.id == rid).values(n_major=99))
        conn.execute(T.findings.delete().where(T.findings.c.family == "corpus"))
    checks = {p["check"] for p in check_db(store, deep=True)}
    assert "counts" in checks
    assert "corpus_missing" in checks or not store.findings(family="corpus")
    out = subprocess.run([sys.executable, "-m", "fazhi", "check-db", "--db", str(tmp_path / "d.db")],
                         env=R.env(), capture_output=True, text=True)
    assert out.returncode == 1 and "问题计数" in out.stdout
    store.close()


def test_interrupted_schema_creation_leaves_nothing_half_done(tmp_path, monkeypatch):
    from alembic import command
    orig = command.upgrade

    def upgrade_then_die(cfg, rev):
        orig(cfg, "0001")                 # the first tables are created, then the process dies
        raise KeyboardInterrupt
    monkeypatch.setattr(command, "upgrade", upgrade_then_die)
    store = Store(tmp_path / "m.db")
    with pytest.raises(KeyboardInterrupt):
        store.migrate()
    monkeypatch.undo()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type='table'").scalar() == 0
    assert store.migrate().revision() is not None     # the rerun creates the schema
    store.close()


def test_the_servers_pool_workers_die_with_the_server(tmp_path):
    # the web app's analysis and corpus-pass pools (spawned processes): stopping the server
    # (here: SIGKILL, the harshest) leaves none of them behind
    code = ("import time\n"
            "from fazhi.web.upload import _spawn_pool\n"
            "for kind in ('analysis', 'corpus'):\n"
            "    ex = _spawn_pool(1, kind)\n"
            "    ex.submit(time.sleep, 0).result()\n"
            "print('up', flush=True)\n"
            "time.sleep(600)\n")
    p = subprocess.Popen([sys.executable, "-c", code], env=R.env(), stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "up"
    kids = [k for k in R.children_of(p.pid)
            if b"resource_tracker" not in Path(f"/proc/{k}/cmdline").read_bytes()]
    assert len(kids) == 2, kids
    assert _survivors_of_kill_9(p, kids, within=10) == []
