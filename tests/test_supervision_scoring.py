"""supervision/scoring.py and `fazhi score`: the rubric (catalog/scoring.yaml, validated on load),
each report's score with its evidence, reviewers' decisions, ranks and percentiles within a place
and year, the Excel and JSON, on real SQLite files (and the real PostgreSQL server when
FAZHI_TEST_PG is set). The reports are short texts written for these tests."""
from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook

from conftest import sqlite_or_pg_store
from fazhi.cli import main
from fazhi.errors import FazhiError
from fazhi.supervision.ranking import percentile, rank
from fazhi.supervision.rubric import load_rubric
from fazhi.supervision.scoring import score_report


def full_report(unit: str, year: int, signed: str) -> str:
    """Every statutory part as a part of its own, key indicators, specific 不足 and 安排."""
    return (f"{unit}{year}年法治政府建设年度报告\n"
            f"{year}年，{unit}坚持依法行政，现将有关情况报告如下：\n"
            f"一、{year}年推进法治政府建设的主要举措和成效\n"
            f"全年办理行政复议案件40件，行政复议纠错率为15%。行政机关负责人出庭应诉率达到100%。"
            f"规范性文件报备率100%。重大行政决策合法性审查率100%。\n"
            f"二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
            f"政府主要负责人主持召开常务会议4次专题研究法治政府建设。\n"
            f"三、存在的不足和原因\n一是执法人员中具有法律职业资格的仅占9%，原因是招录渠道窄。"
            f"二是2件规范性文件备案审查被提出修改意见，原因是审核把关不严。\n"
            f"四、{year + 1}年推进法治政府建设的主要安排\n一是6月底前完成全部执法人员轮训。"
            f"二是年内出台《行政执法监督办法》。\n"
            f"{unit}\n{signed}\n")


def thin_report(unit: str, year: int, signed: str) -> str:
    """No first-responsible part, no key indicator, stock phrases in 不足 and 安排."""
    return (f"{unit}{year}年法治政府建设年度报告\n"
            f"{year}年，{unit}坚持依法行政，现将有关情况报告如下：\n"
            f"一、{year}年推进法治政府建设的主要举措和成效\n全年开展执法培训3次，办理行政复议案件12件。\n"
            f"二、存在的不足和原因\n一是执法队伍专业力量还需加强。二是法治宣传方式不够灵活。\n"
            f"三、{year + 1}年工作安排\n一是完善工作机制。二是强化责任落实。三是加强宣传教育。\n"
            f"{unit}\n{signed}\n")


WRONG_RATE = ("行政机关负责人出庭应诉率达到100%。",
              "全年行政应诉案件20件，负责人出庭应诉16件，出庭应诉率为90%。")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    yield from sqlite_or_pg_store(request, tmp_path, "scoring")


def _ingest(store, items):
    res = store.ingest_items([(n, t.encode("utf-8")) for n, t in items], corpus=False)
    assert res.failed == 0
    return res.report_ids


def _items(score, cid):
    return score.criterion(cid).items


def test_complete_on_time_report_scores_more_than_late_one_missing_a_part(store):
    good, bad = _ingest(store, [("dongxiang.txt", full_report("东乡族自治县人民政府", 2024, "2025年2月20日")),
                                ("hezheng.txt", thin_report("和政县人民政府", 2024, "2025年3月21日"))])
    g, b = score_report(store, good), score_report(store, bad)
    assert g.max == b.max == 100
    assert g.total > b.total
    assert g.criterion("parts").points == 40 and b.criterion("parts").points == 30
    missing = next(it for it in _items(b, "parts") if it.part == "first_responsible")
    assert missing.points == 0 and missing.deduct == 10
    assert missing.finding and missing.finding.startswith("F")          # the 缺少法定内容 finding
    part = next(it for it in _items(g, "parts") if it.part == "first_responsible")
    assert part.quote == "二、党政主要负责人履行推进法治建设第一责任人职责情况"
    # on time / late, with the date quoted
    assert g.criterion("timeliness").points == 10
    late = _items(b, "timeliness")[0]
    assert late.points == 0 and late.quote == "2025年3月21日" and "2025年3月1日" in late.why
    # key indicators: four stated outside the plan
    assert g.criterion("indicators").points == 8 and b.criterion("indicators").points == 0
    assert {it.label for it in _items(g, "indicators") if it.points} == {
        "行政复议纠错率", "行政机关负责人出庭应诉率", "规范性文件报备率", "重大行政决策合法性审查率"}
    # specificity: the vague 不足 and the 安排 without targets lose their points, with the findings
    spec = {it.label: it for it in _items(b, "specificity")}
    assert spec["不足写得具体"].points == 0 and spec["不足写得具体"].finding
    assert spec["安排有可检查的目标"].points == 0 and spec["安排有可检查的目标"].finding
    concrete = [it.quote for it in _items(g, "specificity") if it.points and it.label.endswith(("事例", "目标"))
                and it.max == 1]
    assert "二是年内出台《行政执法监督办法》" not in concrete                      # the marker is not quoted
    assert "年内出台《行政执法监督办法》" in concrete and "6月底前完成全部执法人员轮训" in concrete
    # the rules the other criteria read are not deducted a second time
    assert g.criterion("findings").points == 25 and b.criterion("findings").points == 25
    # evidence offsets point at the quoted text
    doc = store.report_json(good)
    for c in g.criteria:
        for it in c.items:
            if it.start is not None:
                assert doc["text"][it.start:it.end] == it.quote


def test_concrete_targets_are_counted_but_a_year_alone_is_not(store):
    text = full_report("东乡族自治县人民政府", 2024, "2025年2月20日").replace(
        "一是6月底前完成全部执法人员轮训。二是年内出台《行政执法监督办法》。",
        "2025年，我县将继续完善工作机制。二是6月底前完成全部执法人员轮训。")
    rid, = _ingest(store, [("dongxiang.txt", text)])
    quotes = [it.quote for it in _items(score_report(store, rid), "specificity") if it.max == 1]
    assert "6月底前完成全部执法人员轮训" in quotes
    assert not any(q.startswith("2025年，我县将继续完善工作机制") for q in quotes)


def test_a_dismissed_finding_restores_its_points(store):
    text = full_report("东乡族自治县人民政府", 2024, "2025年2月20日").replace(*WRONG_RATE)
    bad, thin = _ingest(store, [("dongxiang.txt", text), ("hezheng.txt", thin_report("和政县人民政府", 2024, "2025年2月21日"))])
    before = score_report(store, bad)
    deducted = [it for it in _items(before, "findings") if it.deduct > 0]
    assert deducted and deducted[0].label == "比率与其分子分母不符" and deducted[0].quote
    lost = sum(it.deduct for it in deducted)
    row = next(f for f in store.report(bad)["findings"] if f["rule"] == "figures.rate_mismatch")
    assert deducted[0].finding == f"F{row['id']}"
    store.decide(bad, row["key"], "dismissed", user="王审核")
    after = score_report(store, bad)
    assert after.total == pytest.approx(before.total + lost)
    gone = next(it for it in _items(after, "findings") if it.finding == f"F{row['id']}")
    assert gone.deduct == 0 and "已排除" in gone.why
    # a dismissed 缺少法定内容 gives the part its points
    t0 = score_report(store, thin)
    miss = next(f for f in store.report(thin)["findings"] if f["rule"] == "structure.missing_part")
    store.decide(thin, miss["key"], "dismissed", user="王审核")
    t1 = score_report(store, thin)
    assert t1.criterion("parts").points == t0.criterion("parts").points + 10
    # a finding a reviewer adds deducts like the engine's
    store.add_reviewer_finding(thin, 0, 4, "标题与正文单位名称不一致", severity="major", user="王审核")
    t2 = score_report(store, thin)
    assert t2.total == pytest.approx(t1.total - 6)
    assert any(it.finding and it.finding.startswith("R") and it.deduct == 6 for it in _items(t2, "findings"))


def test_ties_share_a_rank_and_percentiles(store):
    _ingest(store, [
        ("dongxiang.txt", full_report("东乡族自治县人民政府", 2024, "2025年2月20日")),
        ("guanghe.txt", full_report("广河县人民政府", 2024, "2025年2月20日")),          # the same score
        ("hezheng.txt", thin_report("和政县人民政府", 2024, "2025年3月21日")),
        ("yongjing.txt", thin_report("永靖县人民政府", 2023, "2024年2月20日")),      # another year
        ("minle.txt", full_report("民乐县人民政府", 2024, "2025年2月20日")),           # another province
    ])
    rows = rank(store, place="临夏回族自治州", year=2024)
    by = {r.unit: r for r in rows}
    assert set(by) == {"东乡族自治县人民政府", "广河县人民政府", "和政县人民政府"}
    assert by["东乡族自治县人民政府"].score.total == by["广河县人民政府"].score.total
    assert by["东乡族自治县人民政府"].rank == by["广河县人民政府"].rank == 1 and by["和政县人民政府"].rank == 3
    assert by["东乡族自治县人民政府"].percentile == 75.0 and by["和政县人民政府"].percentile == 0.0
    assert by["和政县人民政府"].region == "和政县" and by["和政县人民政府"].level == "county"
    assert [r.rank for r in rows] == sorted(r.rank for r in rows)
    # without a year: each year ranked on its own
    every = rank(store, place="临夏回族自治州")
    assert {(r.year, r.unit, r.rank) for r in every if r.year == 2023} == {(2023, "永靖县人民政府", 1)}
    # the percentile rule itself
    assert percentile(0, 1, 1) == 100.0
    assert percentile(2, 1, 3) == 100.0 and percentile(0, 2, 3) == 25.0 and percentile(1, 1, 3) == 50.0


def test_rubric_typo_is_one_clear_error(tmp_path):
    bad = tmp_path / "my.yaml"
    bad.write_text("criteria:\n  parts:\n    point: {separate: 8}\n", "utf-8")
    with pytest.raises(FazhiError) as e:
        load_rubric(bad)
    msg = str(e.value)
    assert e.value.code == "bad_rubric" and str(bad) in msg
    assert "未知的键：criteria.parts.point" in msg and "unknown key: criteria.parts.point" in msg
    bad.write_text("criteria:\n  findings:\n    rules: {quality.no_such_rule: 3}\n", "utf-8")
    with pytest.raises(FazhiError) as e:
        load_rubric(bad)
    assert "quality.no_such_rule" in str(e.value) and "没有这条规则" in str(e.value)
    bad.write_text("criteria:\n  timeliness:\n    points: {late: -2}\n", "utf-8")
    with pytest.raises(FazhiError) as e:
        load_rubric(bad)
    assert "criteria.timeliness.points.late" in str(e.value)
    # a right file overrides key by key and keeps the rest of the default
    good = tmp_path / "ok.yaml"
    good.write_text("criteria:\n  parts:\n    points: {nested: 8}\n  indicators:\n    enabled: false\n", "utf-8")
    r = load_rubric(good)
    assert r.criterion("parts")["points"] == {"separate": 10, "nested": 8, "missing": 0}
    assert r.criterion("indicators") is None and r.criterion("timeliness")["points"]["on_time"] == 10


def test_user_rubric_changes_the_score(store, tmp_path):
    rid, = _ingest(store, [("hezheng.txt", thin_report("和政县人民政府", 2024, "2025年3月21日"))])
    my = tmp_path / "my.yaml"
    my.write_text("criteria:\n  timeliness:\n    points: {late: 4}\n  indicators:\n    enabled: false\n", "utf-8")
    base, mine = score_report(store, rid), score_report(store, rid, load_rubric(my))
    assert mine.max == base.max - 10
    assert mine.criterion("timeliness").points == 4 and mine.criterion("indicators") is None


def test_cli_json_and_excel(store, tmp_path, capsys):
    db = store.engine.url.render_as_string(hide_password=False)
    _ingest(store, [("dongxiang.txt", full_report("东乡族自治县人民政府", 2024, "2025年2月20日")),
                    ("hezheng.txt", thin_report("和政县人民政府", 2024, "2025年3月21日"))])
    xlsx = tmp_path / "考评.xlsx"
    assert main(["score", "--place", "临夏回族自治州", "--year", "2024", "--db", db, "--format", "json",
                 "-o", str(xlsx)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["unit"] for r in out["rows"]] == ["东乡族自治县人民政府", "和政县人民政府"]
    assert out["rows"][0]["rank"] == 1 and out["rows"][0]["percentile"] == 100.0
    assert [c["name"] for c in out["criteria"]][:2] == ["法定内容齐全", "按时报送和公开"]
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["考评", "扣分明细", "未核对", "未排名"]
    rows = list(wb["考评"].iter_rows(values_only=True))
    assert rows[0][:6] == ("排名", "单位", "地区", "层级", "得分", "百分位")
    assert rows[0][6:11] == ("法定内容齐全", "按时报送和公开", "审核发现问题", "重点指标", "不足和安排具体")
    assert rows[1][:2] == (1, "东乡族自治县人民政府") and rows[2][3] == "县级"
    assert rows[1][4] == out["rows"][0]["total"]
    detail = list(wb["扣分明细"].iter_rows(values_only=True))
    assert detail[0][:6] == ("排名", "单位", "考评项目", "扣分内容", "扣分", "原因")
    late = next(r for r in detail[1:] if r[1] == "和政县人民政府" and r[2] == "按时报送和公开")
    assert late[4] == 10 and late[6] == "2025年3月21日"
    assert any(r[3] == "党政主要负责人履行推进法治建设第一责任人职责情况" for r in detail[1:])
    code = re.compile(r"\b(?:structure|years|quality|figures|language|provenance|corpus)\.[a-z_]+|"
                      r"\b(?:first_responsible|shortcomings|measures|on_time|county|report)\b")
    for sheet in wb:
        for r in sheet.iter_rows(values_only=True):
            for v in r:
                assert not (isinstance(v, str) and code.search(v)), v
    # text output, and a typo in a rubric: exit 2, one line naming the file and the key
    assert main(["score", "--place", "临夏回族自治州", "--year", "2024", "--db", db]) == 0
    text = capsys.readouterr().out
    assert "东乡族自治县人民政府" in text and "排名" in text
    bad = tmp_path / "bad.yaml"
    bad.write_text("criteria:\n  timeliness:\n    point: {late: 1}\n", "utf-8")
    assert main(["score", "--place", "临夏回族自治州", "--db", db, "--rubric", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(bad) in err and "criteria.timeliness.point" in err


def test_default_rubric_is_valid_and_sums_to_100(store):
    r = load_rubric()
    rid, = _ingest(store, [("dongxiang.txt", full_report("东乡族自治县人民政府", 2024, "2025年2月20日"))])
    s = score_report(store, rid, r)
    assert s.max == 100 and 0 <= s.total <= 100
    with pytest.raises(FazhiError) as e:
        score_report(store, 99999, r)
    assert e.value.code == "no_report" and "没有这份报告" in e.value.line()


@pytest.mark.parametrize("sentence, concrete", [
    ("6月底前完成全部执法人员轮训", True),
    ("年内出台《行政执法监督办法》", True),
    ("力争政务服务事项网上可办率达到95%以上", True),
    ("实现村（社区）法律顾问全覆盖", True),
    ("2025年，我县将继续完善工作机制", False),              # a year alone is no target
    ("按照纲要（2021—2025年）的部署推进各项工作", False),   # nor a span of years
    ("深入贯彻落实《行政复议法》", False),                  # a document carried out, not issued
    ("力争法治建设达到新水平", False),
])
def test_what_counts_as_a_checkable_target(sentence, concrete):
    from fazhi.supervision.scoring import _concrete_target
    assert _concrete_target(sentence) is concrete


@pytest.mark.parametrize("sentence, concrete", [
    ("2件规范性文件备案审查被提出修改意见", True),
    ("执法人员中具有法律职业资格的仅占9%", True),
    ("例如某乡镇拆除违建未履行法定程序", True),
    ("执法队伍专业力量还需加强", False),
    ("“三项制度”落实还不到位", False),                      # a quoted name is not a figure
    ("2024年审核把关不够严格", False),
])
def test_what_counts_as_a_specific_shortcoming(sentence, concrete):
    from fazhi.supervision.scoring import _concrete_shortcoming
    assert _concrete_shortcoming(sentence) is concrete


def test_scope_takes_the_units_below_the_place(store):
    _ingest(store, [("sfj.txt", full_report("东乡族自治县司法局", 2024, "2025年2月20日")),
                    ("yongdeng.txt", full_report("永登县人民政府", 2024, "2025年2月20日")),   # 兰州市
                    ("news.txt", "东乡族自治县召开法治政府建设推进会\n本报讯 3月5日，东乡族自治县召开会议部署全年工作。\n")])
    units = {r.unit: r for r in rank(store, place="临夏回族自治州", year=2024)}
    assert set(units) == {"东乡族自治县司法局"} and units["东乡族自治县司法局"].level == "department"
    assert {r.unit for r in rank(store, place="兰州市", year=2024)} == {"永登县人民政府"}
    assert {r.unit for r in rank(store, year=2024)} == {"东乡族自治县司法局", "永登县人民政府"}
    with pytest.raises(FazhiError) as e:
        rank(store, place="青禾县", year=2024)          # in neither the gazetteer nor the store
    assert e.value.code == "unknown_place"


def _right_edges(line: str, cells: list[str]) -> list[int]:
    """The terminal column where each cell ends in `line` (a Chinese character takes two)."""
    import unicodedata
    w = lambda s: sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)  # noqa: E731
    out, pos = [], 0
    for c in cells:
        i = line.index(c, pos)
        out.append(w(line[:i + len(c)]))
        pos = i + len(c)
    return out


def test_cli_text_columns_line_up_under_their_headers(store, capsys):
    """The score table: each figure ends under its header, whatever the length of the unit's
    Chinese name (the 得分 column is not pushed right by a long 自治县 name)."""
    db = store.engine.url.render_as_string(hide_password=False)
    _ingest(store, [("dongxiang.txt", full_report("东乡族自治县人民政府", 2024, "2025年2月20日")),
                    ("hezheng.txt", thin_report("和政县人民政府", 2024, "2025年3月21日"))])
    capsys.readouterr()
    assert main(["score", "--place", "临夏回族自治州", "--year", "2024", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert main(["score", "--place", "临夏回族自治州", "--year", "2024", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(ln for ln in lines if "排名" in ln)
    head = _right_edges(header, ["得分", "百分位", "法定内容齐全"])
    for r in rows:
        line = next(ln for ln in lines if r["unit"] in ln)
        crit = f"{r['criteria'][0]['points']:g}" if "criteria" in r else None
        cells = [f"{r['total']:g}", f"{r['percentile']:g}"] + ([crit] if crit else [])
        after = line[line.index(r["unit"]) + len(r["unit"]):]
        edges = [e + _right_edges(line, [r["unit"]])[0] for e in _right_edges(after, cells)]
        assert edges == head[:len(cells)], (header, line)
