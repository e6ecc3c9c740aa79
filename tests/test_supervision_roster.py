"""supervision/roster.py and `fazhi roster`: who must report (gazetteer of the year + the office's
list), who did (matched stored reports), hand links, the Excel and the 通报, on real SQLite files
(and the real PostgreSQL server when FAZHI_TEST_PG is set)."""
from __future__ import annotations

import json

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from fazhi.cli import main
from fazhi.corpus.store import Store
from fazhi.errors import FazhiError
from fazhi.supervision.roster import government_units, import_units, link, resolve_place, roster


def report_text(unit: str, year: int, signed: str | None, title: str | None = None) -> str:
    """A short team-written annual report of `unit` (a government or a department)."""
    title = title or f"{unit}{year}年法治政府建设年度报告"
    sig = f"{unit}\n{signed}\n" if signed else ""
    return (f"{title}\n{year}年，{unit}坚持依法行政，现将有关情况报告如下：\n"
            f"一、主要举措和成效\n全年办理行政复议案件12件，开展执法培训3次。\n"
            f"二、存在的不足和原因\n执法队伍专业力量不足。\n三、{year + 1}年工作安排\n加强执法队伍建设。\n{sig}")


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'roster.db'}").migrate()
    yield s
    s.close()


def _ingest(store, items):
    return store.ingest_items([(n, t.encode("utf-8")) for n, t in items], corpus=False)


def test_units_follow_the_divisions_of_each_year():
    """芜湖市: 芜湖县 and 三山区 exist in 2019; in 2020 湾沚区 and 繁昌区 (gazetteer of each year)."""
    u19 = {u.name for u in government_units(resolve_place("芜湖市", 2019), 2019)}
    u20 = {u.name for u in government_units(resolve_place("芜湖市", 2020), 2020)}
    assert {"芜湖市人民政府", "芜湖县人民政府", "三山区人民政府", "繁昌县人民政府"} <= u19
    assert "湾沚区人民政府" not in u19
    assert {"湾沚区人民政府", "繁昌区人民政府"} <= u20
    assert not {"芜湖县人民政府", "三山区人民政府", "繁昌县人民政府"} & u20


def test_place_names_resolve_or_fail_clearly():
    assert resolve_place("福州市鼓楼区", 2023).adcode == "350102"
    with pytest.raises(FazhiError) as e:
        resolve_place("鼓楼区", 2023)
    assert e.value.code == "ambiguous_place" and "福州市" in str(e.value)
    with pytest.raises(FazhiError) as e:
        resolve_place("青禾县", 2023)
    assert e.value.code == "unknown_place"


def test_status_of_each_unit(store, tmp_path):
    _ingest(store, [
        ("dongxiang.txt", report_text("东乡族自治县人民政府", 2024, "2025年2月20日")),
        ("hezheng.txt", report_text("和政县人民政府", 2024, "2025年3月21日")),
        ("guanghe.txt", "广河县2025年法治政府建设工作要点\n一、加强组织领导\n召开专题会议。\n"
                        "广河县人民政府\n2025年2月10日\n"),
        ("yongjing.txt", report_text("永靖县人民政府", 2024, None)),
        ("other.txt", report_text("东乡族自治县人民政府", 2023, "2024年2月20日")),       # another year
    ])
    r = roster(store, "临夏回族自治州", 2024)
    by = {u.name: u for u in r.units}
    assert by["东乡族自治县人民政府"].status == "on_time" and by["东乡族自治县人民政府"].report_id
    assert by["和政县人民政府"].status == "late" and by["和政县人民政府"].days_late == 20
    assert by["和政县人民政府"].status_name == "逾期（20天）"
    assert by["广河县人民政府"].status == "lookalike"
    assert by["永靖县人民政府"].status == "undated"
    assert by["临夏回族自治州人民政府"].status == "missing"
    c = r.counts
    assert c["total"] == 9 and c["reported"] == 3 and c["missing"] == 5 and c["lookalike"] == 1
    regions = r.by_region()
    assert regions["和政县"] == {"应报": 1, "已报": 1, "按时": 0, "逾期": 1, "未报": 0}


def test_imported_departments_and_hand_links(store, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称", "层级", "上级地区", "统一社会信用代码"])
    ws.append(["东乡族自治县司法局", "部门", "东乡族自治县", "11622926MB0000000X"])
    ws.append(["东乡族自治县教育局", "部门", "东乡族自治县", None])
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    assert import_units(store, path, "临夏回族自治州") == 2
    assert import_units(store, path, "临夏回族自治州") == 2          # again: updated, not doubled
    res = _ingest(store, [("sfj.txt", report_text("东乡族自治县司法局", 2024, "2025年2月26日")),
                          ("odd.txt", report_text("某某单位", 2024, "2025年2月26日", title="年度工作情况"))])
    r = roster(store, "临夏回族自治州", 2024)
    by = {u.name: u for u in r.units}
    assert len(r.units) == 11
    assert by["东乡族自治县司法局"].status == "on_time" and by["东乡族自治县教育局"].status == "missing"
    # a reviewer links the odd file to the education bureau by hand, then to nobody
    odd = next(x for x in store.list_reports() if x["id"] == res.report_ids[1])
    unit = by["东乡族自治县教育局"].unit_key
    link(store, 2024, unit, odd["report_key"], user="王审核")
    again = {u.name: u for u in roster(store, "临夏回族自治州", 2024).units}
    assert again["东乡族自治县教育局"].report_id == odd["id"] and again["东乡族自治县教育局"].linked == "hand"
    store.reanalyze()                                     # the link names the report key: it stays
    again = {u.name: u for u in roster(store, "临夏回族自治州", 2024).units}
    assert again["东乡族自治县教育局"].linked == "hand"
    link(store, 2024, unit, odd["report_key"], linked=False)
    assert {u.name: u for u in roster(store, "临夏回族自治州", 2024).units}["东乡族自治县教育局"].status == "missing"


def test_cli_json_excel_and_notice(store, tmp_path, capsys):
    db = str(store.engine.url)
    _ingest(store, [("dongxiang.txt", report_text("东乡族自治县人民政府", 2024, "2025年2月20日")),
                    ("hezheng.txt", report_text("和政县人民政府", 2024, "2025年3月21日"))])
    xlsx = tmp_path / "报送情况.xlsx"
    assert main(["roster", "show", "--place", "临夏回族自治州", "--year", "2024", "--db", db,
                 "--format", "json", "-o", str(xlsx)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["place"] == "临夏回族自治州" and out["year"] == 2024
    assert set(out["units"][0]) >= {"name", "level", "adcode", "status", "report_id", "days_late"}
    assert out["counts"]["late"] == 1 and out["counts"]["on_time"] == 1
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["报送情况", "分地区汇总"]
    rows = list(wb["报送情况"].iter_rows(values_only=True))
    assert rows[0][:4] == ("所属地区", "单位名称", "层级", "报送情况") and len(rows) == 10
    notice = tmp_path / "通报.docx"
    assert main(["roster", "notice", "--place", "临夏回族自治州", "--year", "2024", "--db", db,
                 "-o", str(notice)]) == 0
    doc = Document(str(notice))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于临夏回族自治州2024年度\n法治政府建设年度报告报送情况的通报"     # title_lines
    assert any("逾期报送的单位（1个）" in t for t in texts) and any("未报送的单位（7个）" in t for t in texts)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "和政县人民政府" in cells and "逾期（20天）" in cells and "东乡族自治县人民政府" not in cells
    rc = main(["roster", "show", "--place", "鼓楼区", "--year", "2024", "--db", db])
    assert rc == 2 and "地区名称不唯一" in capsys.readouterr().err


def test_notice_signature_does_not_stand_alone_on_a_page(store, tmp_path):
    """公文: the 落款 stays on one page with the end of the body. With eight units missing the
    table fills the first page; the signature must take the last paragraph with it."""
    import shutil
    import subprocess
    import pypdfium2
    from docx import Document
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice not installed")
    db = str(store.engine.url)
    _ingest(store, [("dongxiang.txt", report_text("东乡族自治县人民政府", 2024, "2025年2月20日"))])
    notice = tmp_path / "通报.docx"
    assert main(["roster", "notice", "--place", "临夏回族自治州", "--year", "2024", "--db", db,
                 "-o", str(notice)]) == 0
    paras = Document(str(notice)).paragraphs
    office = next(i for i, p in enumerate(paras) if "盖章" in p.text)
    assert all(p.paragraph_format.keep_with_next for p in paras[office - 2:office + 1])
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(notice)],
                   check=True, capture_output=True, timeout=180)
    pdf = pypdfium2.PdfDocument(str(tmp_path / "通报.pdf"))
    last = pdf[len(pdf) - 1].get_textpage().get_text_range()
    assert "盖章" in last and "审核意见修改后重新报送" in last.replace("\n", "").replace("\r", ""), last
