"""supervision/rectify.py, `fazhi rectify` and the next-year check (supervision/followup.py) on
real SQLite files and, when FAZHI_TEST_PG is set, the real PostgreSQL server."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from conftest import sqlite_or_pg_store
from fazhi.cli import main
from fazhi.errors import FazhiError
from fazhi.supervision import rectify

Y2023 = """东乡族自治县2023年法治政府建设年度报告
2023年，东乡族自治县人民政府坚持依法行政，现将有关情况报告如下：
一、主要举措和成效
（一）规范行政复议
全年办理行政复议案件12件，纠错2件。
（二）推进严格执法
开展执法案卷评查，评查案卷80卷。
二、存在的不足和原因
一是行政复议纠错案件的整改跟踪不到位，个别单位纠错后未及时整改。
二是乡镇综合行政执法队伍人员不足，执法人员持证率偏低。
三是重大行政决策公众参与程序落实不到位，部分决策未公开征求意见。
三、2024年工作安排
加强执法队伍建设。
东乡族自治县人民政府
2024年2月20日
"""

Y2024 = """东乡族自治县2024年法治政府建设年度报告
2024年，东乡族自治县人民政府坚持依法行政，现将有关情况报告如下：
一、主要举措和成效
（一）规范行政复议
全年办理行政复议案件15件，对行政复议纠错案件逐件建立台账、跟踪整改，纠错后整改全部完成。
（二）加强法治宣传
开展“法律进乡村”活动20场。
二、存在的不足和原因
一是重大行政决策公众参与程序落实仍不到位，部分决策未公开征求意见。
二是法治宣传的针对性还不强。
三、2025年工作安排
深化法治宣传教育。
东乡族自治县人民政府
2025年2月18日
"""

OTHER = Y2024.replace("东乡族自治县", "和政县").replace("跟踪整改，纠错后整改全部完成", "依法审结")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    yield from sqlite_or_pg_store(request, tmp_path, "rectify")


def _rid(store, year, place="东乡族自治县"):
    return next(r["id"] for r in store.list_reports() if r["report_year"] == year and r["jurisdiction"] == place)


def test_lifecycle_history_evidence_and_close(store):
    store.ingest_items([("2023.txt", Y2023.encode())], corpus=False)
    rid = _rid(store, 2023)
    fid = next(f"F{i}" for i, f in enumerate(store.report(rid)["findings"], 1))
    later = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    a = rectify.add(store, unit="东乡族自治县司法局", report_id=rid, finding=fid, deadline=later,
                    measure="逐项整改", user="王审核")
    b = rectify.add(store, unit="东乡族自治县人民政府", problem="督察反馈：行政执法公示不全", deadline="2000-01-01")
    item = rectify.get(store, a)
    assert item["origin"] == "finding" and item["finding_key"] and item["report_year"] == 2023
    assert "（first_responsible）" not in item["problem"] and "_" not in item["problem"]
    assert item["status"] == "待整改" and item["history"][0]["field"] == "created"
    assert rectify.get(store, b)["overdue"] and not rectify.get(store, a)["overdue"]
    assert [x["id"] for x in rectify.items(store, overdue=True)] == [b]
    with pytest.raises(FazhiError):
        rectify.close(store, a, user="王审核", role="reviewer")          # not 已整改 yet
    rectify.update(store, a, status="整改中", user="张")
    d = rectify.update(store, a, status="已整改", note="已完成", evidence=[("佐证.pdf", b"%PDF-1.4 x")], user="张")
    assert d["status"] == "已整改" and d["evidence"][0]["name"] == "佐证.pdf"
    with pytest.raises(FazhiError):
        rectify.close(store, a, user="张", role="viewer")                # only a reviewer
    with pytest.raises(FazhiError):
        rectify.update(store, a, status="已销号")
    d = rectify.close(store, a, user="李", role="reviewer")
    assert d["status"] == "已销号" and not d["overdue"]
    fields = [(h["field"], h["new"], h["user"]) for h in d["history"]]
    assert ("status", "整改中", "张") in fields and ("evidence", "佐证.pdf", "张") in fields
    assert fields[-1] == ("status", "已销号", "李")
    with pytest.raises(FazhiError):
        rectify.update(store, a, note="再改")


def test_cli_export_import_roundtrip(store, tmp_path, capsys):
    db = store.engine.url.render_as_string(hide_password=False)
    assert main(["rectify", "add", "--unit", "东乡族自治县人民政府", "--problem", "督察反馈：执法公示不全",
                 "--deadline", "2025-09-30", "--db", db]) == 0
    assert main(["rectify", "set", "1", "--status", "整改中", "--note", "已部署", "--user", "张", "--db", db]) == 0
    out = tmp_path / "整改台账.xlsx"
    assert main(["rectify", "export", "-o", str(out), "--db", db]) == 0
    wb = load_workbook(out)
    rows = list(wb["整改台账"].iter_rows(values_only=True))
    assert list(rows[0][:8]) == rectify.EXPORT_HEADERS
    assert rows[1][1] == "督察反馈：执法公示不全" and rows[1][6] == "整改中" and rows[1][7] == "已部署"
    hist = list(wb["变更记录"].iter_rows(values_only=True))
    assert ("整改状态" in [h[3] for h in hist]) and len(hist) == 1 + 3
    # a hand-kept 台账: one row updates item 1, one is new
    ws = wb["整改台账"]
    ws.cell(row=2, column=7, value="已整改")
    ws.append([None, "督察反馈：复议决定履行监督不到位", "建立监督台账", "东乡族自治县司法局", "马", "2025-10-31", "待整改", None])
    wb.save(out)
    assert main(["rectify", "import", str(out), "--user", "导入", "--db", db]) == 0
    capsys.readouterr()
    assert main(["rectify", "list", "--format", "json", "--db", db]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["id"], i["status"]) for i in items] == [(1, "已整改"), (2, "待整改")]
    assert items[1]["unit"] == "东乡族自治县司法局" and items[1]["origin"] == "import"
    assert main(["rectify", "close", "1", "--user", "nobody", "--db", db]) == 2      # not a reviewer
    assert "只有审核人" in capsys.readouterr().err


def test_next_year_report_is_checked_against_open_items(store):
    store.ingest_items([("2023.txt", Y2023.encode())], corpus=False)
    rid = _rid(store, 2023)
    fixed = rectify.add(store, unit="东乡族自治县人民政府", report_id=rid,
                        problem="行政复议纠错案件的整改跟踪不到位，纠错后未及时整改")
    ignored = rectify.add(store, unit="东乡族自治县人民政府", report_id=rid,
                          problem="乡镇综合行政执法队伍人员不足，执法人员持证率偏低")
    repeated = rectify.add(store, unit="东乡族自治县人民政府", report_id=rid,
                           problem="重大行政决策公众参与程序落实不到位，部分决策未公开征求意见")
    closed = rectify.add(store, unit="东乡族自治县人民政府", report_id=rid, problem="乡镇执法人员持证率偏低")
    rectify.update(store, closed, status="已整改")
    rectify.close(store, closed, user="李", role="reviewer")
    store.ingest_items([("2024.txt", Y2024.encode()), ("other.txt", OTHER.encode())])   # corpus analyses run
    new = _rid(store, 2024)
    fs = [f for f in store.report(new)["findings"] if f["rule"] == "corpus.rectify_followup"]
    by_item = {f["data"]["rectify_item"]["item_id"]: f for f in fs}
    assert set(by_item) == {ignored, repeated}, [f["message"] for f in fs]
    assert by_item[repeated]["data"]["how"] == "repeated"
    assert "重大行政决策公众参与" in by_item[repeated]["evidence"][0]["quote"]
    assert by_item[ignored]["data"]["how"] == "unreported"
    assert fixed not in by_item and closed not in by_item
    other = _rid(store, 2024, "和政县")
    assert not [f for f in store.report(other)["findings"] if f["rule"] == "corpus.rectify_followup"]


def test_cli_missing_report_finding_or_item_is_named_as_such(store, tmp_path, capsys):
    """A wrong report, finding or item number is one line that says which (not 文件不存在, the
    message of a missing file), in Chinese and English, and lists the findings the report has."""
    db = store.engine.url.render_as_string(hide_password=False)
    src = tmp_path / "东乡.txt"
    src.write_text(Y2023, encoding="utf-8")
    assert main(["ingest", str(src), "--db", db]) == 0
    rid = _rid(store, 2023)
    capsys.readouterr()
    assert main(["show", str(rid), "--db", db, "--format", "json"]) == 0
    n = len(json.loads(capsys.readouterr().out)["findings"])
    cases = [(["--report", str(rid), "--finding", f"F{n + 5}"], "报告中没有这条审核发现", f"F1–F{n}"),
             (["--report", "9999", "--finding", "F1"], "库中没有这份报告", "#9999")]
    for extra, zh, detail in cases:
        rc = main(["rectify", "add", "--unit", "东乡族自治县人民政府", *extra, "--db", db])
        err = capsys.readouterr().err
        assert rc != 0 and err.count("\n") == 1 and zh in err and detail in err and " / " in err, err
        assert "文件不存在" not in err and "Traceback" not in err
    assert main(["rectify", "set", "777", "--status", "整改中", "--db", db]) != 0
    err = capsys.readouterr().err
    assert "没有这个整改事项" in err and "文件不存在" not in err
