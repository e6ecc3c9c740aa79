"""The incremental corpus refresh (corpus/incremental.py) stores exactly the findings of a full
recompute: after several additions (one report, a few, a new version of a report, a change of
the 整改台账) on a synthetic corpus whose LSH buckets cross max_bucket (set low here, so that
additions withdraw and restore pairs), and after a refresh killed before its transaction."""
from __future__ import annotations

import json
import sys

import pytest
import sqlalchemy as sa

from conftest import ROOT, seed_paths, sqlite_or_pg_store

sys.path.insert(0, str(ROOT))

pytestmark = pytest.mark.skipif(not seed_paths(), reason="shared/corpus/seeds is not beside the repository")


def corpus_state(store) -> tuple[set, set]:
    """The stored corpus findings and every report's per-severity counts."""
    from fazhi.corpus import schema as T
    f, r = T.findings, T.reports
    with store.engine.connect() as conn:
        rows = {(x.report_id, x.rule, x.key, x.severity, x.message, x.suggestion,
                 json.dumps(x.evidence, ensure_ascii=False, sort_keys=True),
                 json.dumps(x.data, ensure_ascii=False, sort_keys=True))
                for x in conn.execute(sa.select(f).where(f.c.family == "corpus"))}
        counts = {tuple(x) for x in conn.execute(sa.select(r.c.id, r.c.n_major, r.c.n_minor, r.c.n_info))}
    return rows, counts


def make_store(path, max_bucket: int):
    from fazhi.config import Config
    from fazhi.corpus.store import Store
    cfg = Config.default()
    cfg.data["corpus"]["similarity"]["max_bucket"] = max_bucket
    cfg.data.setdefault("limits", {})["isolate"] = False
    return Store(path, config=cfg).migrate()


@pytest.fixture(params=["sqlite", "postgresql"])
def pg_or_sqlite(request, tmp_path):
    yield from sqlite_or_pg_store(request, tmp_path, "incr")


def versioned(item: tuple[str, bytes]) -> tuple[str, bytes]:
    """A new version of a report: the same file name, one more sentence at the end."""
    name, data = item
    return name, data + "\n我们将继续加强行政执法监督工作，切实提高依法行政水平。\n".encode("utf-8")


def reanalyse_as(store, rid: int, item: tuple[str, bytes]) -> None:
    """Report rid's analysis replaced by that of another text (another place and year), as a
    re-analysis does (same report id, a new analysis stamp)."""
    from fazhi.corpus import reports
    from fazhi.corpus import schema as T
    from fazhi.corpus.batch import analyze_item
    res = analyze_item(item, store.config.data)
    with store.engine.connect() as conn:
        sid, run_id = conn.execute(sa.select(T.reports.c.source_id, T.reports.c.run_id)
                                   .where(T.reports.c.id == rid)).one()
    reports.replace_analysis(store, sid, res, run_id)


def add_item(store) -> None:
    """An open 整改台账 item of a stored report whose place has the next year's report too."""
    from fazhi.corpus import schema as T
    from fazhi.corpus.db import now
    with store.engine.begin() as conn:
        key, year, place = conn.exec_driver_sql(
            "SELECT a.report_key, a.report_year, a.jurisdiction FROM reports a JOIN reports b "
            "ON a.jurisdiction = b.jurisdiction AND b.report_year = a.report_year + 1 "
            "WHERE a.current AND b.current ORDER BY a.id LIMIT 1").one()
        conn.execute(T.rectify_items.insert().values(
            origin="inspection", problem="城区老旧小区加装电梯审批流程衔接不畅，群众反映等候时间偏长",
            report_key=key, report_year=year, unit=place + "人民政府",
            status="待整改", created_at=now(), updated_at=now()))


@pytest.mark.parametrize("max_bucket", [3, 50])
def test_incremental_refresh_equals_full_recompute(tmp_path, max_bucket):
    store = make_store(tmp_path / "c.db", max_bucket)
    try:
        check_additions(store, max_bucket)
    finally:
        store.close()


def test_incremental_refresh_equals_full_recompute_on_both_databases(pg_or_sqlite):
    store = pg_or_sqlite
    store.config.data["corpus"]["similarity"]["max_bucket"] = 3
    store.config.data.setdefault("limits", {})["isolate"] = False
    check_additions(store, 3, n=110, crossing=False)


def check_additions(store, max_bucket: int, n: int = 150, crossing: bool = True) -> None:
    from bench.synth import generate
    from fazhi.corpus import incremental
    items = list(generate(n, seed=5))
    store.ingest_items(items[:90], corpus=False)
    store.refresh_corpus()                   # the first refresh is a full one (fills the tables)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT value FROM corpus_state WHERE name = 'ready'").scalar() == "1"
    steps = [items[90:91], items[91:92], items[92:96], [versioned(items[10])], items[96:110],
             [versioned(items[93])], "rectify"] + ([items[110:n]] if n > 110 else [])
    steps.insert(5, "reanalyse")
    crossed = 0
    for step in steps:
        incremental.last_stats.clear()
        if step == "rectify":
            add_item(store)
            store.refresh_corpus()
        elif step == "reanalyse":
            reanalyse_as(store, 20, items[n - 1])
            store.refresh_corpus()
        else:
            store.ingest_items(step)             # corpus=True: the incremental refresh
        assert "changed" in incremental.last_stats, "the refresh was not incremental"
        crossed += incremental.last_stats.get("buckets_crossed", 0)
        inc = corpus_state(store)
        store.refresh_corpus(full=True)
        full = corpus_state(store)
        assert inc[0] == full[0]
        assert inc[1] == full[1]
    assert any(r[1] == "corpus.duplicate_text" for r in full[0])
    assert any(r[1] == "corpus.rectify_followup" for r in full[0])
    if crossing and max_bucket < 5:
        assert crossed > 0             # additions pushed buckets over max_bucket (or back)


def test_a_killed_incremental_refresh_is_redone(tmp_path, monkeypatch):
    """A refresh that dies before its one transaction leaves the previous findings and
    bookkeeping; the next refresh computes the missing findings (the resumed ingest does it)."""
    from bench.synth import generate
    from fazhi.corpus import incremental
    items = list(generate(70, seed=2))
    store = make_store(tmp_path / "k.db", 4)
    try:
        store.ingest_items(items[:60], corpus=True)

        def die(self):
            raise KeyboardInterrupt("killed")
        monkeypatch.setattr(incremental._Work, "write", die)
        with pytest.raises(KeyboardInterrupt):
            store.ingest_items(items[60:70])
        monkeypatch.undo()
        from fazhi.corpus import schema as T
        with store.engine.begin() as conn:       # as after kill -9: the run's process is gone
            conn.execute(T.runs.update().where(T.runs.c.finished.is_(None)).values(counts={}))
        incremental.last_stats.clear()
        store.ingest_items(items[60:70])          # all stored: skipped, but the run resumes
        assert incremental.last_stats.get("changed") == 10
        inc = corpus_state(store)
        store.refresh_corpus(full=True)
        assert corpus_state(store) == inc
    finally:
        store.close()


def test_large_changes_and_config_changes_fall_back_to_the_full_recompute(tmp_path, monkeypatch):
    from bench.synth import generate
    from fazhi.corpus import incremental
    items = list(generate(40, seed=1))
    store = make_store(tmp_path / "f.db", 50)
    try:
        store.ingest_items(items[:20])
        monkeypatch.setattr(incremental, "MAX_CHANGED", 3)
        incremental.last_stats.clear()
        store.ingest_items(items[20:40])            # 20 changed > max(3, 5%): full
        assert "changed" not in incremental.last_stats and "snapshot_seconds" in incremental.last_stats
        store.config.data["corpus"]["similarity"]["min_shared_chars"] = 31
        assert incremental.refresh(store) is None   # another configuration: full
    finally:
        store.close()


def test_a_refresh_overtaken_by_another_is_redone(tmp_path, monkeypatch):
    """Two refreshes at once (the web app's after an upload, a command's): the one whose
    transaction finds that another wrote since its reads computes again from the new state."""
    from bench.synth import generate
    from fazhi.corpus import incremental
    items = list(generate(50, seed=4))
    store = make_store(tmp_path / "o.db", 4)
    try:
        store.ingest_items(items[:40])
        store.ingest_items(items[40:45], corpus=False)
        real = incremental._Work.continuity
        calls = []

        def overtaken(self):
            if not calls:
                calls.append(1)
                store.ingest_items(items[45:50])        # another refresh runs and writes first
            return real(self)
        monkeypatch.setattr(incremental._Work, "continuity", overtaken)
        store.refresh_corpus()
        monkeypatch.undo()
        assert calls
        inc = corpus_state(store)
        store.refresh_corpus(full=True)
        assert corpus_state(store) == inc
    finally:
        store.close()


def test_a_series_joins_a_departments_written_names(tmp_path):
    """2023 written by its short name (卫健委), 2024 in full (卫生健康委员会): one series, so the
    problem repeated word for word is found, by the incremental refresh as by the full one."""
    from fazhi.corpus import incremental

    def text(name: str, year: int) -> bytes:
        return (f"和政县{name}{year}年法治政府建设年度报告\n{year}年，县{name}坚持依法行政，现将有关情况报告如下：\n"
                "一、主要举措和成效\n全年开展执法培训3次，办理行政复议案件2件。\n二、存在的不足和原因\n"
                "一是基层执法人员的专业能力与执法任务的要求还有差距，案卷评查中发现的问题整改不够及时。\n"
                f"三、{year + 1}年工作安排\n加强执法队伍建设。\n和政县{name}\n{year + 1}年2月20日\n").encode("utf-8")

    store = make_store(tmp_path / "d.db", 50)
    try:
        store.ingest_items([("a.txt", text("卫健委", 2023))], corpus=False)
        store.refresh_corpus()
        incremental.last_stats.clear()
        store.ingest_items([("b.txt", text("卫生健康委员会", 2024))])
        assert "changed" in incremental.last_stats
        inc = corpus_state(store)
        assert [r[1] for r in inc[0]] == ["corpus.repeated_problem"]
        store.refresh_corpus(full=True)
        assert corpus_state(store) == inc
    finally:
        store.close()


def test_a_server_started_behind_its_corpus_runs_the_pass(tmp_path):
    """Reports stored after the last corpus pass (a server stopped between an upload and its
    pass, an ingest with --no-corpus): `behind` says so, and the web app's start-up runs the
    incremental pass, giving the same corpus findings as a full recompute."""
    from bench.synth import generate
    from fazhi.corpus import incremental
    from fazhi.web.app import create_app
    items = list(generate(40, seed=3))
    path = tmp_path / "behind.db"
    store = make_store(path, 4)
    try:
        store.ingest_items(items[:30], corpus=True)
        assert not incremental.behind(store)
        store.ingest_items(items[30:], corpus=False)
        assert incremental.behind(store)
    finally:
        store.close()
    from fazhi.config import Config
    cfg = Config.default()
    cfg.data["corpus"]["similarity"]["max_bucket"] = 4
    cfg.data.setdefault("limits", {})["isolate"] = False
    cfg.data.setdefault("web", {})["analysis_workers"] = 0       # the pass in this process
    app = create_app(str(path), secret_key="t", config=cfg)
    st = app.state.store
    import time
    deadline = time.monotonic() + 60
    while incremental.behind(st) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert app.state.refresher.wait(120)
    assert not incremental.behind(st)
    inc = corpus_state(st)
    st.refresh_corpus(full=True)
    assert corpus_state(st) == inc
