"""Search on character bigrams (corpus/search.py): the tokens, the queries, and the search on
real databases giving exactly the reports that contain every term (a scan of the texts)."""
from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from fazhi.corpus import search
from fazhi.corpus.integrity import check_db
from fazhi.corpus.store import Store
from fazhi.textnorm import normalize_view
from test_store import db_url  # noqa: F401  (fixture)

TEXTS = {
    "a": "青石县推进出庭应诉工作。行政机关负责人出庭应诉率达到100%。\n法律顾问参与合法性审查。",
    "b": "白水镇深化“放管服”改革，开展行政执法公示；复议案件12件。Ａpp上线，API_key管理。",
    "c": "某某县：法。治。政府建设年度报告。行政复议、行政诉讼；执法记录仪全覆盖。",
    "d": "学习宣传宪法，开展普法活动。政府法律顾问制度全面推行，出庭率低。",
}


def doc(text: str) -> dict:
    return {"text": text, "meta": {}, "review": {"verdict": "合格"}, "findings": [], "sections": [], "facts": []}


def fill(store: Store, texts: dict[str, str]) -> dict[str, int]:
    """Store the texts (a minimal analysis: the search only reads the text); name -> report id."""
    s = store.ingest_items([(k, v.encode()) for k, v in texts.items()], len(texts),
                           analyzer=lambda item: {"ok": True, "json": doc(item[1].decode()), "paragraphs": []},
                           corpus=False)
    assert s.loaded == len(texts), s.to_json()
    return dict(zip(texts, s.report_ids))


def scan(store: Store, query: str) -> set[int]:
    """The reports whose text contains every term (what the search must find)."""
    terms = search.query_terms(query)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, text FROM reports")).all()
    return {rid for rid, text in rows if terms and all(t in normalize_view(text).lower() for t in terms)}


# -- tokens and queries ---------------------------------------------------------------------

def test_tokens_are_the_bigrams_of_each_run_and_its_last_character():
    assert search.index_tokens("出庭应诉。法；AB_1") == ["出庭", "庭应", "应诉", "诉", "法", "ab", "b_", "_1", "1"]
    assert search.index_tokens("。，") == []
    assert search.text_tokens("“放管服”") == ["放管", "管服", "服"]


def test_a_long_run_costs_linear_time_and_stays_bounded():
    toks = search.index_tokens("法治" * 1000 + "a" * 100_000)
    assert len(toks) == 102_000 and max(map(len, toks)) == 2


def test_queries_phrase_of_bigrams_prefix_for_one_character():
    assert search.fts_query(["出庭应诉"]) == '"出庭 庭应 应诉"'
    assert search.fts_query(["法", "复议"]) == '"法"* AND "复议"'
    assert search.fts_query(["《行政复议法》"]) == '"行政 政复 复议 议法"'
    assert search.fts_query(['"放管服"', "a-b"]) == '"放管 管服" AND "a"* AND "b"*'
    assert search.fts_query(["。", "——"]) is None
    assert search.ts_query(["出庭应诉", "法"]) == "'出庭' & '庭应' & '应诉' & '法':*"
    assert search.ts_query(["!!"]) is None


# -- search on real databases ---------------------------------------------------------------

@pytest.fixture
def store(db_url):  # noqa: F811
    s = Store(db_url).migrate()
    yield s
    s.close()


@pytest.mark.parametrize("query", ["法", "复", "%", "出庭", "庭应", "出庭应诉", "法律顾问 合法性审查",
                                   "行政 复议", "放管服", "“放管服”", '"放管服"', "app", "api_key", "100%",
                                   "12件", "县：法", "法。治", "没有这个词", "出庭率 出庭应诉", "a", "_"])
def test_search_finds_exactly_the_texts_that_contain_the_terms(store, query):
    fill(store, TEXTS)
    got = {r["report_id"] for r in store.search(query, limit=100)}
    assert got == scan(store, query), query


def test_hits_offsets_and_marks(store):
    ids = fill(store, TEXTS)
    res = store.search("出庭应诉 法律顾问")
    assert [r["report_id"] for r in res] == [ids["a"]]
    (r,) = res
    assert r["count"] == 3 and [h["quote"] for h in r["hits"]] == ["出庭应诉", "出庭应诉"]
    for h in r["hits"]:
        assert TEXTS["a"][h["start"]:h["end"]] == "出庭应诉"
        marked = [p for p, on in h["parts"] if on]
        assert set(marked) <= {"出庭应诉", "法律顾问"}
    one = store.search("法", limit=100)
    assert {x["report_id"] for x in one} == set(ids.values())


def test_random_substrings_match_a_scan(store):
    fill(store, TEXTS)
    rng = random.Random(7)
    alltext = "".join(TEXTS.values())
    for _ in range(60):
        k = rng.randint(1, 5)
        i = rng.randrange(len(alltext) - k)
        q = alltext[i:i + k].strip()
        if not q:
            continue
        if rng.random() < 0.3:
            j = rng.randrange(len(alltext) - 2)
            q += " " + alltext[j:j + 2]
        got = {r["report_id"] for r in store.search(q, limit=100)}
        assert got == scan(store, q), q


def test_reanalysis_and_versions_keep_the_index_consistent(store, tmp_path):
    ids = fill(store, TEXTS)
    texts = dict(TEXTS, a="青石县的报告换了内容：只谈营商环境。")
    res = {"ok": True, "json": doc(texts["a"]), "paragraphs": []}
    with store.engine.connect() as conn:
        sid = conn.execute(sa.text("SELECT source_id FROM reports WHERE id = :i"), {"i": ids["a"]}).scalar()
    from fazhi.corpus import reports
    reports.replace_analysis(store, sid, res, 1)
    assert ids["a"] not in {r["report_id"] for r in store.search("出庭应诉")}
    assert [r["report_id"] for r in store.search("营商环境")] == [ids["a"]]
    assert [p for p in check_db(store) if p["check"].startswith("search")] == []


def test_a_text_too_large_for_a_tsvector_is_always_a_candidate(store, monkeypatch):
    monkeypatch.setattr(search, "_TSV_MAX_BYTES", 40)
    ids = fill(store, TEXTS)
    assert {r["report_id"] for r in store.search("出庭应诉", limit=100)} == {ids["a"]}
    assert {r["report_id"] for r in store.search("普法", limit=100)} == {ids["d"]}
    assert [p for p in check_db(store) if p["check"].startswith("search")] == []


def test_the_migration_builds_the_index_of_an_existing_database(db_url):  # noqa: F811
    from alembic import command
    s = Store(db_url).migrate()
    try:
        ids = fill(s, TEXTS)
        cfg = s.alembic_config()
        with s.engine.begin() as conn:      # back to the jieba index of revision 0007
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0007")
        assert s.revision() == "0007"
        if s.dialect == "sqlite":
            with s.engine.connect() as conn:
                n = conn.exec_driver_sql("SELECT count(*) FROM search_fts WHERE search_fts MATCH '出庭'").scalar()
            assert n >= 1           # the jieba index was built again
    finally:
        s.close()
    s = Store(db_url).migrate()
    try:
        from alembic.script import ScriptDirectory
        assert s.revision() == ScriptDirectory.from_config(s.alembic_config()).get_current_head()
        assert {r["report_id"] for r in s.search("出庭")} == {ids["a"], ids["d"]}
        assert {r["report_id"] for r in s.search("法", limit=100)} == set(ids.values())
        assert [p for p in check_db(s) if p["check"].startswith("search")] == []
    finally:
        s.close()
