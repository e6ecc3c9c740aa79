"""supervision/corrections.py, `fazhi correct` and the web form and API: a reviewer corrects a
stored report's metadata; the correction is kept (who, when, old, new, reason) by the report key,
survives re-analysis and new versions, and lists, filters, dashboard, roster, panel, scores and
the opinion use the corrected values and say so. Real SQLite files and (FAZHI_TEST_PG) the real
PostgreSQL server; short team-written texts."""
from __future__ import annotations

import io
import json
import re

import pytest
from docx import Document

from conftest import sqlite_or_pg_store
from fazhi.cli import main
from fazhi.corpus import panel
from fazhi.model import Meta, Report
from fazhi.supervision import corrections as C
from fazhi.supervision.roster import roster


def report_text(year_in_title: int, signed: str, extra: str = "") -> str:
    """A short team-written report of 东乡族自治县 whose title names `year_in_title`."""
    return (f"东乡族自治县{year_in_title}年法治政府建设年度报告\n"
            f"东乡族自治县人民政府坚持依法行政，现将有关情况报告如下：\n"
            f"一、主要举措和成效\n全年办理行政复议案件12件，开展执法培训3次。{extra}\n"
            f"二、存在的不足和原因\n执法队伍专业力量不足。\n三、下一年度工作安排\n加强执法队伍建设。\n"
            f"东乡族自治县人民政府\n{signed}\n")


# the machine reads 2022 from the title; signed 2024-02-20, it is late for 2022, on time for 2023
MISREAD = report_text(2022, "2024年2月20日")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    yield from sqlite_or_pg_store(request, tmp_path, "corrections")


def _load(store, name="dongxiang.txt", text=MISREAD):
    s = store.ingest_items([(name, text.encode("utf-8"))], corpus=False)
    return s.report_ids[0] if s.report_ids else None


def _corrected(store, rid):
    return C.correct(store, rid, {"层级": "市级", "report_year": "2023"}, reason="按报送原件核对", user="张三")


def test_machine_reading_before_any_correction(store):
    rid = _load(store)
    doc = store.report_json(rid)
    assert (doc["meta"]["report_year"], doc["meta"]["level"]) == (2022, "county")
    assert doc["store"]["late"] is True and "corrections" not in doc
    assert C.history(store, rid) == []


def test_correction_is_used_everywhere_and_marked(store):
    rid = _load(store)
    res = _corrected(store, rid)
    assert [(c["field"], c["old"], c["new"]) for c in res["changes"]] == [("level", "county", "city"),
                                                                          ("report_year", 2022, 2023)]
    doc = store.report_json(rid)
    # the overlay: the values shown are the corrected ones, the machine's reading is kept
    assert (doc["meta"]["report_year"], doc["meta"]["level"]) == (2023, "city")
    by = {c["field"]: c for c in doc["corrections"]}
    assert (by["report_year"]["machine"], by["level"]["machine"]) == (2022, "county")
    assert by["report_year"]["machine_evidence"]          # where the machine read its year
    assert by["level"]["user"] == "张三" and by["level"]["reason"] == "按报送原件核对"
    # timeliness from the corrected year: 2024-02-20 is before the 2023 report's deadline
    assert doc["review"]["timeliness"] == "on_time" and doc["store"]["late"] is False
    assert not any(f["rule"] == "years.deadline" for f in doc["findings"])
    # lists and filters
    assert [r["id"] for r in store.list_reports(year=2023, level="city")] == [rid]
    assert store.list_reports(year=2022) == [] and store.list_reports(level="county") == []
    assert store.list_reports()[0]["corrected"] == "level,report_year"
    # dashboard counts
    dash = store.dashboard()
    assert dash["per_province_year"]["years"] == ["2023"]
    assert dash["on_time"] == [{"year": 2023, "on_time": 1, "late": 0, "unknown": 0, "rate": 1.0}]
    # roster: 东乡族自治县 reported for 2023 (on time), not for 2022
    r23 = {u.name: u for u in roster(store, "临夏回族自治州", 2023).units}
    assert (r23["东乡族自治县人民政府"].status, r23["东乡族自治县人民政府"].report_id) == ("on_time", rid)
    r22 = {u.name: u for u in roster(store, "临夏回族自治州", 2022).units}
    assert r22["东乡族自治县人民政府"].status == "missing"
    # indicator panel: the corrected year, and a mark
    rows = panel.indicator_panel(store, year=2023)
    assert rows and {r["report_id"] for r in rows} == {rid} and rows[0]["corrected"] == "level,report_year"
    assert panel.indicator_panel(store, year=2022) == []
    # score: on time from the corrected values
    from fazhi.supervision.scoring import score_report
    crit = {c.id: c for c in score_report(store, rid).criteria}
    assert crit["timeliness"].points == crit["timeliness"].max > 0
    # the opinion (HTML and Word) marks the corrected fields with what the machine read
    from fazhi.config import Config
    from fazhi.web.opinion import docx_bytes, html_text
    html = html_text(doc, Config.default())
    assert "2023年（人工更正，原为：2022年；张三" in html and "层级原为：县级" in html
    assert "层级、报告年度由张三于" in html and "理由：按报送原件核对" in html
    paras = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes(doc, Config.default()))).paragraphs)
    assert "人工更正，原为：2022年" in paras


def test_history_keeps_who_when_old_new(store):
    rid = _load(store)
    _corrected(store, rid)
    C.correct(store, rid, {"报告年度": 2024}, user="李四")
    h = C.history(store, rid)
    assert [(x["field"], x["old"], x["new"], x["user"]) for x in h] == [
        ("level", "county", "city", "张三"), ("report_year", 2022, 2023, "张三"), ("report_year", 2023, 2024, "李四")]
    assert all(x["at"] for x in h) and h[0]["reason"] == "按报送原件核对" and h[2]["reason"] is None
    assert (h[0]["old_text"], h[0]["new_text"]) == ("县级", "市级")
    # back to the machine's reading: the overlay goes, the history stays
    C.correct(store, rid, revert=["层级"], user="王五")
    doc = store.report_json(rid)
    assert doc["meta"]["level"] == "county" and [c["field"] for c in doc["corrections"]] == ["report_year"]
    assert C.history(store, rid)[-1]["action"] == "revert"


def test_reanalysis_and_new_version_keep_the_correction(store):
    rid = _load(store)
    _corrected(store, rid)
    store.reanalyze(analyzer=None)
    doc = store.report_json(rid)
    assert (doc["meta"]["report_year"], doc["meta"]["level"]) == (2023, "city")
    # the same file again: recognised by its hash, nothing new
    again = store.ingest_items([("dongxiang.txt", MISREAD.encode("utf-8"))], corpus=False)
    assert again.skipped == 1
    # a new version of the same report (same machine reading, other bytes): corrected too
    v2 = _load(store, "dongxiang-v2.txt", report_text(2022, "2024年2月20日", extra="新增一句。"))
    doc2 = store.report_json(v2)
    assert v2 != rid and doc2["store"]["version"] == 2
    assert doc2["store"]["report_key"] == doc["store"]["report_key"]
    assert (doc2["meta"]["report_year"], doc2["meta"]["level"]) == (2023, "city")
    assert [r["id"] for r in store.list_reports(year=2023)] == [v2]
    assert C.history(store, v2) == C.history(store, rid)


def test_jurisdiction_brings_its_gazetteer_fields(store):
    rid = _load(store)
    res = C.correct(store, rid, {"jurisdiction": "和政县"}, user="张三")
    # the text names no parent (the machine read none); the province stays the same
    assert {c["field"] for c in res["changes"]} == {"jurisdiction", "adcode", "parent"}
    m = store.report_json(rid)["meta"]
    assert (m["jurisdiction"], m["province"], m["parent"], m["level"]) == ("和政县", "甘肃省", "临夏回族自治州", "county")
    assert m["adcode"] != "622926"
    r = {u.name: u for u in roster(store, "临夏回族自治州", 2022).units}
    assert r["和政县人民政府"].report_id == rid and r["东乡族自治县人民政府"].status == "missing"


def test_township_is_corrected_with_its_county(store):
    # the gazetteer stops at counties: a township is written after its county, which becomes
    # the parent; the level is township and there is no adcode
    rid = _load(store)
    C.correct(store, rid, {"jurisdiction": "和政县买家集镇"}, user="张三")
    m = store.report_json(rid)["meta"]
    assert (m["jurisdiction"], m["parent"], m["province"], m["level"], m["adcode"]) == \
        ("买家集镇", "和政县", "甘肃省", "township", None)


@pytest.mark.parametrize("values, message", [
    ({"jurisdiction": "青禾县"}, "地名词典中没有这个地区"),
    ({"jurisdiction": "鼓楼区"}, "地区名称不唯一"),
    ({"jurisdiction": "城关镇"}, "乡镇街道请连同所属县区填写"),
    ({"level": "国家级"}, "层级不正确"),
    ({"report_year": "1899"}, "报告年度不正确"),
    ({"report_year": "明年"}, "报告年度不正确"),
    ({"report_date": "2024-02-30"}, "成文日期不存在"),
    ({"publish_date": "2999-01-01"}, "发布日期不正确"),
    ({"report_year": 2025}, "早于报告年度"),          # signed 2024-02-20: before a 2025 report's year
    ({"kind": "小说"}, "文本类型不正确"),
    ({"颜色": "红"}, "不能更正"),
    ({"level": "县级"}, "没有需要更正的内容"),        # the value shown already
])
def test_bad_values_are_refused(store, values, message):
    rid = _load(store)
    with pytest.raises(C.CorrectionError) as e:
        C.correct(store, rid, values, user="张三")
    assert message in e.value.message and e.value.status == 400
    assert C.history(store, rid) == [] and "corrections" not in store.report_json(rid)


def test_component_applies_only_what_differs():
    r = Report(text="x", meta=Meta(level="county", report_year=2022, evidence={"report_year": (0, 1)}))
    C.apply(r, {"report_year": {"value": 2023, "user": "张三", "at": "2026-12-02T01:00:00+00:00", "reason": None},
                "level": {"value": "county", "user": "张三", "at": None, "reason": None}})
    assert r.meta.report_year == 2023 and "report_year" not in r.meta.evidence
    assert [(c["field"], c["machine"], c["machine_evidence"]) for c in r.corrections] == [
        ("report_year", 2022, {"start": 0, "end": 1})]
    assert C.mark(r.corrections[0]) == "（人工更正，原为：2022年；张三 2026-12-02）"
    assert Report.from_json(r.to_json()).corrections == r.corrections
    plain = Report(text="x", meta=Meta(level="county"))
    C.apply(plain, {})
    assert plain.corrections == [] and "corrections" not in plain.to_json()


def test_cli_correct_and_history(tmp_path, capsys):
    db = str(tmp_path / "cli.db")
    f = tmp_path / "dongxiang.txt"
    f.write_text(MISREAD, encoding="utf-8")
    assert main(["ingest", str(f), "--db", db]) == 0
    capsys.readouterr()
    assert main(["correct", "1", "--level", "市级", "--report-year", "2023", "--reason", "核对原件",
                 "--user", "张三", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "层级：县级 → 更正为 市级" in out and "报告年度：2022年 → 更正为 2023年" in out
    assert "city" not in out and "county" not in out
    assert main(["correct", "1", "--level", "国家级", "--db", db]) == 2
    assert "层级不正确" in capsys.readouterr().err
    assert main(["correct", "1", "--history", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "张三" in out and "县级 → 市级" in out and "理由：核对原件" in out
    assert main(["show", "1", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "层级 市级" in out and "人工更正  报告年度：2023年（人工更正，原为：2022年；张三" in out
    assert main(["correct", "1", "--history", "--format", "json", "--db", db]) == 0
    assert [h["field"] for h in json.loads(capsys.readouterr().out)] == ["level", "report_year"]
    # a township, with its county: the parent it brings is said too
    assert main(["correct", "1", "--jurisdiction", "和政县买家集镇", "--user", "张三",
                 "--db", db]) == 0
    out = capsys.readouterr().out
    assert "所属地区：东乡族自治县 → 更正为 买家集镇" in out and "层级：市级 → 更正为 乡镇级" in out
    assert "上级地区：" in out and "和政县" in out
    assert "622" not in out                              # no adcode printed
    assert main(["correct", "1", "--jurisdiction", "城关镇", "--db", db]) == 2
    assert "乡镇街道请连同所属县区填写" in capsys.readouterr().err


def test_corrected_document_keeps_the_contract():
    """The analysis with corrections (as the store runs it) validates against the JSON schema; the
    machine's evidence of a corrected field points at the text it read."""
    import jsonschema
    from conftest import ROOT
    from fazhi.corpus.store import analyze_item
    schema = json.loads((ROOT / "docs/json-schema/fazhi.report-1.json").read_text("utf-8"))
    res = analyze_item(("dongxiang.txt", MISREAD.encode("utf-8")), corrections={
        "report_year": {"value": 2023, "user": "张三", "at": "2026-12-02T01:00:00+00:00", "reason": "核对"}})
    doc = res["json"]
    jsonschema.validate(doc, schema)
    (c,) = doc["corrections"]
    assert (c["field"], c["value"], c["machine"]) == ("report_year", 2023, 2022)
    assert "2022" in doc["text"][c["machine_evidence"]["start"]:c["machine_evidence"]["end"]]
    assert doc["meta"]["report_year"] == 2023 and doc["review"]["timeliness"] == "on_time"
    plain = analyze_item(("dongxiang.txt", MISREAD.encode("utf-8")))["json"]
    assert "corrections" not in plain and plain["review"]["timeliness"] == "late"


def test_numerals_in_names_stay_numerals_and_typed_years_are_read():
    # 二道区 and 两当县 keep their numerals (only a typed year or date reads them as digits)
    assert C.resolve_jurisdiction("二道区", 2023)["jurisdiction"] == "二道区"
    assert C.resolve_jurisdiction("两当县", 2023)["parent"] == "陇南市"
    assert C.parse_department("第一中学", None) == "第一中学"
    assert C.parse_year("二〇二三年") == 2023


def test_cli_history_has_place_names_not_the_division_code(store, capsys):
    """`fazhi correct N --history` lists what a reviewer changed in words (所属地区 …), as the
    correction itself prints it: not the 行政区划代码 the engine derives from the place."""
    rid = _load(store)
    db = store.engine.url.render_as_string(hide_password=False)
    assert main(["correct", str(rid), "--jurisdiction", "临夏回族自治州和政县", "--user", "张三", "--db", db]) == 0
    said = capsys.readouterr().out
    assert main(["correct", str(rid), "--history", "--db", db]) == 0
    hist = capsys.readouterr().out
    assert "和政县" in said and "和政县" in hist
    assert "行政区划代码" not in said and "行政区划代码" not in hist
    assert not re.search(r"(?<!\d)\d{6}(?!\d)", hist), hist
