"""Corpus analyses on the corpus_* texts (two years of one county, a template copy under
another county's name, an unrelated county) and on the seed reports."""
from __future__ import annotations

import pytest

from conftest import seed_paths
from fazhi.corpus import panel
from fazhi.corpus.parts import classify_heading, fallback_part_spans, marker_items
from fazhi.corpus.similarity import candidate_pairs, paragraph_signatures
from fazhi.corpus.store import Store
from fazhi.config import Config
from test_store import FIXTURES, copy_fixtures, db_url  # noqa: F401  (fixture)


@pytest.fixture
def loaded(db_url, tmp_path):  # noqa: F811
    copy_fixtures(tmp_path / "in")
    s = Store(db_url).migrate()
    s.ingest([tmp_path / "in"])
    ids = {(r["jurisdiction"], r["report_year"]): r["id"] for r in s.list_reports()}
    yield s, ids
    s.close()


def _corpus(store, rid, rule):
    return [f for f in store.findings(report_id=rid, family="corpus") if f["rule"] == rule]


def test_template_copy_is_flagged_on_both_reports_with_offsets(loaded):
    store, ids = loaded
    copy, orig = ids[("柏川县", 2023)], ids[("岚溪县", 2023)]
    fc = _corpus(store, copy, "corpus.duplicate_text")
    fo = _corpus(store, orig, "corpus.duplicate_text")
    assert len(fc) == 1 and len(fo) == 1
    assert fc[0]["data"]["other_report_id"] == orig and fo[0]["data"]["other_report_id"] == copy
    assert fc[0]["severity"] == "major"
    # the original was signed earlier: the copy is the likely borrower
    assert fc[0]["data"]["likely_source"] == "other" and fo[0]["data"]["likely_source"] == "this"
    tc, to = store.report(copy)["text"], store.report(orig)["text"]
    for p in fc[0]["data"]["passages"]:
        assert to[p["other_start"]:p["other_end"]] == p["other_quote"]
        assert tc[p["start"]:p["end"]] and p["end"] - p["start"] >= 30
    quotes = [e["quote"] for e in fc[0]["evidence"]]
    assert any(q.startswith("（一）深化乡镇综合行政执法改革") for q in quotes)
    assert all(tc[e["start"]:e["end"]] == e["quote"] for e in fc[0]["evidence"])


def test_what_must_not_be_flagged(loaded):
    store, ids = loaded
    # the unrelated county shares only the stock political opening: nothing
    assert store.findings(report_id=ids[("枫岭县", 2023)], family="corpus") == []
    # two years of the same county share text, but that is not copying from another place
    for key in (("岚溪县", 2022), ("岚溪县", 2023)):
        for f in _corpus(store, ids[key], "corpus.duplicate_text"):
            assert f["data"]["other_report_id"] not in (ids[("岚溪县", 2022)], ids[("岚溪县", 2023)])
    # continuity is only judged for the same place: 柏川县 has no year before
    assert _corpus(store, ids[("柏川县", 2023)], "corpus.repeated_problem") == []
    assert _corpus(store, ids[("岚溪县", 2022)], "corpus.repeated_problem") == []


def test_repeated_problems_year_over_year(loaded):
    store, ids = loaded
    rep = _corpus(store, ids[("岚溪县", 2023)], "corpus.repeated_problem")
    quotes = sorted(f["evidence"][0]["quote"] for f in rep)
    assert len(rep) == 2
    assert any(q.startswith("部分乡镇行政执法人员数量不足") for q in quotes)   # verbatim
    assert any(q.startswith("基层法律服务人员短缺") for q in quotes)          # reworded
    assert not any("数字政府" in q for q in quotes)                            # a new problem
    verbatim = {f["data"]["near_verbatim"] for f in rep}
    assert verbatim == {True, False}
    for f in rep:
        assert f["data"]["previous_report_id"] == ids[("岚溪县", 2022)]


def test_plan_item_not_reported_next_year(loaded):
    store, ids = loaded
    fs = _corpus(store, ids[("岚溪县", 2023)], "corpus.plan_not_followed")
    assert len(fs) == 1
    item = fs[0]["data"]["plan_item"]["quote"]
    assert "行政执法协调监督平台" in item
    prev_text = store.report(ids[("岚溪县", 2022)])["text"]
    p = fs[0]["data"]["plan_item"]
    assert prev_text[p["start"]:p["end"]] == item


def test_panels(loaded):
    store, ids = loaded
    rows = panel.indicator_panel(store)
    for r in rows:
        text = store.report(r["report_id"])["text"]
        assert text[r["start"]:r["end"]] == r["quote"]
        assert r["indicator"]
        assert r["part"] != "plan" and r["target"] is False   # plan targets are not results
    with_targets = panel.indicator_panel(store, include_targets=True)
    targets = [r for r in with_targets if r["target"]]
    assert len(with_targets) == len(rows) + len(targets)
    assert all(r["part"] == "plan" for r in targets)
    comp = {(r["jurisdiction"], r["report_year"]): r for r in panel.compliance(store)}
    assert set(comp) == set(ids)
    assert comp[("柏川县", 2023)]["shares_text"] and not comp[("枫岭县", 2023)]["shares_text"]
    # none of the four texts has a 第一责任人 part; all have measures, shortcomings and plan
    for r in comp.values():
        assert "first_responsible" in r["missing_parts"]
        assert not {"measures", "shortcomings", "plan"} & set(r["missing_parts"])
    cov = panel.coverage(store)
    assert {r["report_id"] for r in cov} <= set(ids.values())
    assert all(r["covered"] in (True, False, None) for r in cov)


def test_fallback_parts_and_items():
    text = ("一、工作开展情况\n做了很多事。\n二、存在的问题：一是执法力量不足，执法程序不规范。二是公众参与渠道少。\n"
            "三、下一步工作打算\n（一）推进乡镇综合执法改革工作。\n（二）建设行政执法协调监督平台。\n")
    spans = fallback_part_spans(text)
    assert [s.part for s in spans] == ["measures", "shortcomings", "plan"]
    plan = spans[2]
    items = [text[s:e] for s, e in marker_items(text, plan.body_start, plan.end, 6)]
    assert items == ["推进乡镇综合执法改革工作", "建设行政执法协调监督平台"]
    assert classify_heading("推进法治政府建设存在的不足和原因") == "shortcomings"
    assert classify_heading("依法全面履行政府职能") is None


def test_lsh_candidates_only_for_similar_paragraphs():
    cfg = Config.default().get("corpus.similarity")
    a = "县司法局组织全县行政执法人员开展执法资格考试，参考人数三百二十人，合格率达到百分之九十六。"
    b = "县司法局组织全县行政执法人员开展执法资格考试，参考人数三百一十人，合格率达到百分之九十五。"
    c = "县自然资源局联合林业部门开展卫片执法检查，核查图斑四百余个，立案查处非法占用林地案件十九件。"
    rows = []
    for rid, t in enumerate((a, b, c)):
        (s, e, sig), = paragraph_signatures(t, None, cfg)
        rows.append((rid, rid, sig))
    assert candidate_pairs(rows, cfg) == {(0, 1)}


def test_seeds_no_false_duplicates_and_a_renamed_copy_is_found(tmp_path):
    paths = seed_paths()
    if not paths:
        pytest.skip("shared/corpus/seeds is not beside the repository")
    store = Store(tmp_path / "seeds.db").migrate()
    store.ingest(paths)
    # five real reports of five different places: none copies another
    assert [f for f in store.findings(family="corpus") if f["rule"] == "corpus.duplicate_text"] == []
    # a template copy: a real report re-issued under an invented place name
    src = next(r for r in store.list_reports() if r["jurisdiction"] and r["report_year"])
    text = store.report(src["id"])["text"]
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace(src["jurisdiction"], "青石县"), "utf-8")
    s = store.ingest([copy])
    new = s.report_ids[0]
    assert store.report(new)["jurisdiction"] == "青石县"
    dup = [f for f in store.findings(report_id=new) if f["rule"] == "corpus.duplicate_text"]
    assert len(dup) == 1 and dup[0]["data"]["other_report_id"] == src["id"]
    assert dup[0]["data"]["share"] > 0.5 and dup[0]["severity"] == "major"
    store.close()
