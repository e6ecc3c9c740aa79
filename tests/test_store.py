"""The corpus store against real databases: a SQLite file and, when FAZHI_TEST_PG is set
(CI starts a PostgreSQL server), a fresh schema on that PostgreSQL server per test."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import ROOT, TEXTS
from review_helpers import LATE
from fazhi.corpus import schema as T
from fazhi.corpus.store import Store, analyze_item, finding_key, resolve_url

PG = os.environ.get("FAZHI_TEST_PG")
FIXTURES = sorted(TEXTS.glob("corpus_*.txt"))


def head_revision(store) -> str:
    """The newest migration (the one `migrate()` brings a database to)."""
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(store.alembic_config()).get_current_head()


def _pg_url(schema: str) -> str:
    url = sa.engine.make_url(PG)
    return url.update_query_dict({"options": f"-csearch_path={schema},public"}).render_as_string(
        hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A database URL for an empty database: SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fazhi.db'}"
        return
    if not PG:
        pytest.skip("FAZHI_TEST_PG is not set (CI sets it and starts PostgreSQL)")
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield _pg_url(schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def store(db_url):
    s = Store(db_url).migrate()
    yield s
    s.close()


def _count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def copy_fixtures(dst: Path, names=None) -> list[Path]:
    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for p in FIXTURES:
        if names is None or any(n in p.name for n in names):
            q = dst / p.name
            q.write_bytes(p.read_bytes())
            out.append(q)
    return out


# -- schema -------------------------------------------------------------------------------

def test_migration_creates_the_schema_of_the_metadata(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    assert store.revision() == head_revision(store)
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "include_object": lambda o, n, t, r, c: not (t == "table" and n.startswith("search_fts"))
            and n not in ("alembic_version", "search_docs") and not n.startswith("ix_search_docs")})
        diff = compare_metadata(ctx, T.metadata)
    assert diff == []
    # migrating again is a no-op
    store.migrate()
    assert store.revision() == head_revision(store)


def test_resolve_url_paths_and_env(tmp_path, monkeypatch):
    assert resolve_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("FAZHI_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"


# -- ingest -------------------------------------------------------------------------------

def test_ingest_is_idempotent_and_versions_changed_files(store, tmp_path):
    files = copy_fixtures(tmp_path / "in")
    s1 = store.ingest([tmp_path / "in"])
    assert (s1.loaded, s1.skipped, s1.failed) == (len(files), 0, 0)
    n_reports, n_findings = _count(store, T.reports), _count(store, T.findings)
    s2 = store.ingest([tmp_path / "in"])
    assert (s2.loaded, s2.skipped) == (0, len(files))
    assert (_count(store, T.reports), _count(store, T.findings)) == (n_reports, n_findings)

    # the same file changed: a new version of the same report; the old one is kept
    lanxi = next(p for p in files if "lanxi_2023" in p.name)
    old_id = next(r["id"] for r in store.list_reports() if r["name"] == str(lanxi.resolve()))
    lanxi.write_text(lanxi.read_text("utf-8").replace("培训3期", "培训4期"), "utf-8")
    s3 = store.ingest([lanxi])
    assert (s3.loaded, s3.versions) == (1, 1)
    new_id = s3.report_ids[0]
    cur = store.report(new_id)
    assert cur["version"] == 2 and cur["current"]
    old = store.report(old_id)
    assert old["version"] == 1 and not old["current"] and old["report_key"] == cur["report_key"]
    assert len(store.list_reports()) == len(files)
    assert len(store.list_reports(all_versions=True)) == len(files) + 1

    # another file name, same place and year: also a new version of that report
    other = tmp_path / "岚溪县报告网页版.txt"
    other.write_text(lanxi.read_text("utf-8") + "\n（来源：县政府网站）\n", "utf-8")
    s4 = store.ingest([other])
    assert s4.versions == 1
    assert store.report(s4.report_ids[0])["version"] == 3
    assert [r["id"] for r in store.list_reports(jurisdiction="岚溪县", year=2023)] == s4.report_ids


def test_failures_are_recorded_and_the_batch_goes_on(store, tmp_path):
    d = tmp_path / "in"
    copy_fixtures(d, ["fengling"])
    (d / "empty.txt").write_bytes(b"")
    (d / "garbage.bin").write_bytes(bytes(range(256)) * 40)
    s = store.ingest([d, tmp_path / "missing.txt"])
    assert s.loaded == 1 and s.failed == 3
    fails = store.failures()
    assert {Path(f["path"]).name for f in fails} == {"empty.txt", "garbage.bin", "missing.txt"}
    assert all(f["code"] and f["message"] for f in fails)
    assert {f["code"] for f in fails} >= {"empty", "not_found"}


def test_a_file_whose_write_fails_leaves_nothing_behind(store, tmp_path):
    d = tmp_path / "in"
    copy_fixtures(d, ["fengling", "lanxi_2022"])

    def analyzer(item):
        res = analyze_item(item)
        if "lanxi" in item[0]:
            res["json"]["findings"].append({"message": "no rule id"})   # fails after rows were written
        return res

    s = store.ingest([d], analyzer=analyzer)
    assert (s.loaded, s.failed) == (1, 1) and s.failures[0]["code"] == "store_error"
    assert _count(store, T.sources) == 1 and _count(store, T.reports) == 1
    with store.engine.connect() as conn:
        orphans = conn.execute(sa.select(sa.func.count()).select_from(T.sections).where(
            T.sections.c.report_id.not_in(sa.select(T.reports.c.id)))).scalar_one()
    assert orphans == 0
    s = store.ingest([d])                      # a rerun stores the file that failed
    assert (s.loaded, s.skipped) == (1, 1)


def test_an_interrupted_batch_resumes(store, tmp_path):
    d = tmp_path / "in"
    files = copy_fixtures(d)
    seen = []

    def progress(msg):
        seen.append(msg)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.ingest([d], progress=progress, batch_size=2)
    # files are written in batches (one transaction each); a message follows the commit of its
    # file, so two messages mean at least two files stored (a batch may hold a third: how many
    # results are ready at once depends on how fast the workers start)
    stored = _count(store, T.reports)
    assert 2 <= stored < len(files) and _count(store, T.sources) == stored
    s = store.ingest([d])
    assert (s.loaded, s.skipped) == (len(files) - stored, stored)
    assert _count(store, T.reports) == len(files)


def test_killed_subprocess_mid_batch_leaves_a_consistent_db(db_url, tmp_path):
    d = tmp_path / "in"
    files = copy_fixtures(d)
    Store(db_url).migrate().close()
    script = (
        "import os, signal, sys\n"
        "from fazhi.corpus.store import Store\n"
        "n = []\n"
        "def progress(msg):\n"
        "    n.append(msg)\n"
        "    if len(n) == 2:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "Store(sys.argv[1]).ingest([sys.argv[2]], progress=progress, batch_size=1)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, db_url, str(d)], cwd=ROOT,
                          capture_output=True, timeout=120)
    assert proc.returncode == -9
    store = Store(db_url).migrate()
    try:
        assert _count(store, T.sources) == 2 == _count(store, T.reports)
        with store.engine.connect() as conn:
            per_key = conn.execute(sa.select(T.reports.c.report_key, sa.func.count())
                                   .where(T.reports.c.current == sa.true())
                                   .group_by(T.reports.c.report_key)).all()
        assert all(n == 1 for _, n in per_key)
        s = store.ingest([d])
        assert (s.loaded, s.skipped, s.failed) == (len(files) - 2, 2, 0)
        assert _count(store, T.reports) == len(files)
    finally:
        store.close()


def test_workers_and_any_executor_give_the_same_store(tmp_path):
    d = tmp_path / "in"
    copy_fixtures(d)
    a = Store(tmp_path / "a.db").migrate()
    b = Store(tmp_path / "b.db").migrate()
    c = Store(tmp_path / "c.db").migrate()
    a.ingest([d])
    b.ingest([d], workers=2)
    with ThreadPoolExecutor(2) as ex:
        c.ingest([d], executor=ex)

    def snapshot(s):
        return sorted((r["name"], r["jurisdiction"], r["report_year"], r["n_major"], r["n_minor"])
                      for r in s.list_reports())
    assert snapshot(a) == snapshot(b) == snapshot(c)
    assert len(snapshot(a)) == len(FIXTURES)


# -- re-analysis and reviewers' data ---------------------------------------------------------

def test_finding_key_ignores_spacing_and_width():
    assert finding_key("figures.x", "纠错率 35%。") == finding_key("figures.x", "纠错率３５％")
    assert finding_key("figures.x", "纠错率35%") != finding_key("figures.y", "纠错率35%")


def test_reanalyze_keeps_decisions_and_reviewer_findings(store, tmp_path):
    copy_fixtures(tmp_path / "in")
    store.ingest([tmp_path / "in"])
    rid = next(r["id"] for r in store.list_reports() if r["jurisdiction"] == "岚溪县" and r["report_year"] == 2023)
    before = store.report(rid)["findings"]
    dup = next(f for f in before if f["rule"] == "corpus.duplicate_text")
    store.decide(rid, dup["key"], "confirmed", user="审核员甲", comment="确认照搬")
    text = store.report(rid)["text"]
    i = text.index("多头跑")
    store.add_reviewer_finding(rid, i, i + 3, "表述口语化", user="审核员甲")

    res = store.reanalyze()
    assert res["updated"] == len(FIXTURES) and res["failed"] == 0
    runs = store.runs()
    assert [r["kind"] for r in runs] == ["ingest", "reanalyze"]
    assert all(r["finished"] is not None and r["engine_version"] for r in runs)

    after = store.report(rid)
    assert {f["key"] for f in after["findings"]} == {f["key"] for f in before}
    again = next(f for f in after["findings"] if f["key"] == dup["key"])
    assert again["id"] != dup["id"]                    # rows were rewritten ...
    assert again["decision"]["decision"] == "confirmed"  # ... the decision survived
    assert [r["quote"] for r in after["reviewer_findings"]] == ["多头跑"]
    doc = store.report_json(rid)
    assert doc["schema"] == "fazhi.report/1"
    assert any(f.get("decision") for f in doc["findings"])
    for f in doc["findings"]:
        for e in f["evidence"]:
            assert doc["text"][e["start"]:e["end"]] == e["quote"]


# -- search -----------------------------------------------------------------------------------

def test_search_chinese_words_with_offsets(store, tmp_path):
    copy_fixtures(tmp_path / "in")
    store.ingest([tmp_path / "in"])
    res = store.search("出庭应诉")
    names = {r["jurisdiction"] for r in res}
    assert names == {"岚溪县", "柏川县"}                  # 枫岭县 never mentions it
    assert len([r for r in res if r["jurisdiction"] == "岚溪县"]) == 2
    for r in res:
        text = store.report(r["report_id"])["text"]
        for h in r["hits"]:
            assert text[h["start"]:h["end"]] == "出庭应诉"
            assert text[h["snippet_start"]:].replace("\n", " ").startswith(h["snippet"])
    two = store.search("茶企 生产许可")
    assert [r["jurisdiction"] for r in two] == ["枫岭县"]
    assert store.search("茶企 出庭应诉") == []
    assert store.search("   ") == []


# -- users ----------------------------------------------------------------------------------

def test_users_and_tokens(store):
    store.add_user("alice", "admin", "s3cret-密码")
    store.add_user("bob", "viewer", "pw")
    with pytest.raises(ValueError):
        store.add_user("eve", "root", "pw")
    with pytest.raises(sa.exc.IntegrityError):
        store.add_user("alice", "viewer", "other")
    assert store.verify_user("alice", "s3cret-密码")["role"] == "admin"
    assert store.verify_user("alice", "wrong") is None
    assert store.verify_user("nobody", "pw") is None
    with store.engine.connect() as conn:
        h = conn.execute(sa.select(T.users.c.password_hash).where(T.users.c.name == "alice")).scalar_one()
    assert h.startswith("$argon2") and "s3cret" not in h
    tok = store.create_token("bob")
    assert store.user_by_token(tok)["name"] == "bob"
    assert store.user_by_token(tok + "x") is None
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(T.tokens.c.token_hash)).scalar_one()
    assert stored != tok


# -- review verdict and late flag ---------------------------------------------------------

def test_verdict_from_the_review_block_is_stored_and_listed(db_url, tmp_path, capsys, example_path):
    from fazhi.api import analyze
    from fazhi.cli import main
    expected = analyze(example_path.read_bytes(), path=str(example_path)).to_json()["review"]["verdict"]
    assert expected in ("合格", "需修改", "不合格")
    s = Store(db_url).migrate()
    try:
        rid = s.ingest([example_path]).report_ids[0]
        assert s.report(rid)["verdict"] == expected
        assert s.report_json(rid)["store"]["verdict"] == expected
    finally:
        s.close()
    capsys.readouterr()
    assert main(["list", "--db", db_url, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["verdict"]) for r in rows] == [(rid, expected)]
    assert main(["list", "--db", db_url]) == 0
    line = capsys.readouterr().out.splitlines()[1]   # the text table shows the verdict and the kind in Chinese
    assert expected in line and "年度报告" in line




@pytest.mark.parametrize("date,late", [("2023年5月20日", True), ("2023年2月10日", False)])
def test_a_report_signed_after_the_deadline_is_late(store, date, late):
    from fazhi.api import analyze
    text = LATE.format(date=date)
    doc = analyze(text.encode("utf-8"), path="late.txt").to_json()
    assert doc["meta"]["report_year"] == 2022
    assert any(f["rule"] == "years.deadline" for f in doc["findings"]) is bool(late)
    rid = store.ingest_bytes("late.txt", text.encode("utf-8")).report_ids[0]
    # late: a deadline finding; signed before the deadline: on time (False), although the
    # publication date is unknown (checks/years.py `timeliness`: one checked date suffices)
    assert store.report(rid)["late"] is late
    assert store.list_reports()[0]["late"] is late


# -- verdict after review (stored, filterable) -----------------------------------------------

def test_reviewers_decisions_set_the_verdict_lists_filter_on(db_url, tmp_path, capsys):
    from fazhi.cli import main
    from review_helpers import write_pair
    write_pair(tmp_path / "in")
    s = Store(db_url).migrate()

    def ids(**kw):
        return sorted(r["id"] for r in s.list_reports(**kw))

    def cli_ids(*args):
        capsys.readouterr()
        assert main(["list", "--db", db_url, "--format", "json", *args]) == 0
        return sorted(r["id"] for r in json.loads(capsys.readouterr().out))
    try:
        s.ingest([tmp_path / "in"])
        by_place = {r["jurisdiction"]: r for r in s.list_reports()}
        a, b = by_place["栖霞岭县"]["id"], by_place["白鹭洲县"]["id"]
        assert by_place["栖霞岭县"]["verdict"] == "需修改" and by_place["白鹭洲县"]["verdict"] == "合格"
        assert by_place["栖霞岭县"]["reviewed_verdict"] is None          # no reviewer input yet
        assert ids(verdict="合格") == [b] and ids(verdict="需修改") == [a] and ids(severity="major") == [a]

        # dismissing the only major finding: 需修改 → 合格
        major = next(f for f in s.report(a)["findings"] if f["severity"] == "major")
        s.decide(a, major["key"], "dismissed", user="审核员甲")
        assert ids(verdict="合格") == sorted([a, b]) and ids(verdict="需修改") == []
        assert ids(severity="major") == []
        assert cli_ids("--verdict", "合格") == sorted([a, b])
        assert cli_ids("--severity", "major") == []
        row = next(r for r in s.list_reports() if r["id"] == a)
        assert (row["verdict"], row["reviewed_verdict"], row["n_major"], row["reviewed_major"]) == \
            ("需修改", "合格", 1, 0)                                     # the engine's columns stay
        capsys.readouterr()
        assert main(["list", "--db", db_url, "--verdict", "合格"]) == 0
        assert "合格（审核后）" in capsys.readouterr().out

        # a reviewer-added major finding: 合格 → 需修改
        text = s.report(b)["text"]
        i = text.index("带头旁听庭审")
        s.add_reviewer_finding(b, i, i + 6, "未说明旁听次数", severity="major", user="审核员甲")
        assert ids(verdict="合格") == [a] and ids(verdict="需修改") == [b] and ids(severity="major") == [b]
        assert cli_ids("--verdict", "需修改") == [b]
        st = s.report_json(b)["store"]
        assert st["verdict"] == "合格" and st["reviewed"]["verdict"] == "需修改"
        assert st["reviewed"]["counts"]["major"] == 1

        # re-analysis rewrites the finding rows; the after-review values are kept
        assert s.reanalyze()["failed"] == 0
        assert ids(verdict="合格") == [a] and ids(verdict="需修改") == [b] and ids(severity="major") == [b]
        assert cli_ids("--verdict", "合格") == [a]
    finally:
        s.close()


def test_a_confirmation_keeps_the_verdict_but_marks_it_reviewed(store, tmp_path):
    from review_helpers import write_pair
    write_pair(tmp_path / "in")
    store.ingest([tmp_path / "in"])
    a = next(r["id"] for r in store.list_reports() if r["jurisdiction"] == "栖霞岭县")
    major = next(f for f in store.report(a)["findings"] if f["severity"] == "major")
    store.decide(a, major["key"], "confirmed")
    row = next(r for r in store.list_reports() if r["id"] == a)
    assert (row["reviewed_verdict"], row["reviewed_major"]) == ("需修改", 1)
    assert [r["id"] for r in store.list_reports(verdict="需修改")] == [a]
    # a later decision on the same finding wins
    store.decide(a, major["key"], "dismissed")
    assert [r["id"] for r in store.list_reports(verdict="需修改")] == []


def test_upgrading_an_older_database_computes_the_verdicts_after_review(db_url, tmp_path):
    from alembic import command
    from review_helpers import write_pair
    write_pair(tmp_path / "in")
    s = Store(db_url).migrate()
    try:
        s.ingest([tmp_path / "in"])
        a = next(r["id"] for r in s.list_reports() if r["jurisdiction"] == "栖霞岭县")
        major = next(f for f in s.report(a)["findings"] if f["severity"] == "major")
        s.decide(a, major["key"], "dismissed")
        cfg = s.alembic_config()
        with s.engine.begin() as conn:          # back to a database from before revision 0003
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        assert s.revision() == "0002"
    finally:
        s.close()
    s = Store(db_url).migrate()
    try:
        assert s.revision() == head_revision(s)
        assert [r["id"] for r in s.list_reports(verdict="需修改")] == []
        assert a in [r["id"] for r in s.list_reports(verdict="合格")]
    finally:
        s.close()


def test_two_processes_migrating_a_new_sqlite_file_at_once_leave_no_lock_file(tmp_path):
    db = tmp_path / "new.db"
    script = ("import sys\nfrom fazhi.corpus.store import Store\n"
              "s = Store(sys.argv[1]).migrate()\nprint(s.revision())\ns.close()\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(db)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _, e in outs]
    revisions = {o.strip() for o, _ in outs}
    assert len(revisions) == 1 and None not in revisions
    left = {p.name for p in tmp_path.iterdir()}
    assert not any("lock" in name for name in left), left
    assert "new.db" in left


def test_insert_many_stores_what_sqlalchemy_stores(store, monkeypatch):
    """reports.insert_many (the driver's executemany) stores what conn.execute(insert) stores."""
    from fazhi.corpus import reports
    data = FIXTURES[0].read_bytes()
    res = analyze_item((FIXTURES[0].name, data))
    store.ingest_items([("a.txt", data)], 1, analyzer=lambda item: res, corpus=False)
    with monkeypatch.context() as m:
        m.setattr(reports, "insert_many", lambda conn, t, rows: rows and conn.execute(t.insert(), rows))
        store.ingest_items([("b.txt", data + b" ")], 1, analyzer=lambda item: res, corpus=False)
    a, b = sorted(r["id"] for r in store.list_reports(all_versions=True))
    with store.engine.connect() as conn:
        for t in (T.sections, T.facts, T.findings, T.paragraphs):
            cols = [c for c in t.c if c.name not in ("id", "report_id")]
            got = {k: [tuple(r) for r in conn.execute(
                sa.select(*cols, *(sa.cast(c, sa.Text) for c in cols if not isinstance(c.type, sa.LargeBinary))).where(t.c.report_id == k).order_by(t.c.id))]
                for k in (a, b)}
            assert got[a] and got[a] == got[b], t.name   # values and their stored text (JSON too)
