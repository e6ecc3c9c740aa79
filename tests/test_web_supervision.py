"""报送情况 and 整改台账 pages over a real SQLite file: the roster of a prefecture, a 整改 item raised
from a finding on the report page, marked 已整改 with a file, closed (销号) by a reviewer only."""
from __future__ import annotations

import re

from openpyxl import load_workbook

from web_helpers import client, csrf_of, login, make_app
from test_supervision_roster import report_text


def test_roster_and_rectify_pages(tmp_path):
    app = make_app(tmp_path / "s.db", load=False)
    st = app.state.store
    st.ingest_items([("k.txt", report_text("东乡族自治县人民政府", 2024, "2025年2月20日").encode()),
                     ("h.txt", report_text("和政县人民政府", 2024, "2025年3月21日").encode())], corpus=False)
    c = client(app)
    login(c, "rev")
    page = c.get("/roster", params={"place": "临夏回族自治州", "year": 2024}).text
    assert "应报 <b>9</b>，已报 <b>2</b>（按时 1、逾期 1" in page
    assert "逾期（20天）" in page and "和政县人民政府" in page
    drill = c.get("/roster", params={"place": "临夏回族自治州", "year": 2024, "region": "和政县"}).text
    units = re.search(r'id="roster-units".*?</table>', drill, re.S).group(0)
    assert "和政县人民政府" in units and "东乡族自治县人民政府" not in units
    x = c.get("/roster.xlsx", params={"place": "临夏回族自治州", "year": 2024})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    assert "地区名称不唯一" in c.get("/roster", params={"place": "鼓楼区", "year": 2024}).text
    # from the report page to the 台账
    rid = next(r["id"] for r in st.list_reports() if r["jurisdiction"] == "和政县")
    report = c.get(f"/reports/{rid}").text
    link = re.search(r'href="(/rectify\?report=\d+&(?:amp;)?finding=F\d+)(?:#add)?"', report).group(1).replace("&amp;", "&")
    form = c.get(link).text
    token = csrf_of(form)
    finding = re.search(r'name="finding" size="5" value="(F\d+)"', form).group(1)
    r = c.post("/rectify", data={"csrf_token": token, "unit": "和政县人民政府", "report": str(rid),
                                 "finding": finding, "deadline": "2099-06-30"}, follow_redirects=False)
    assert r.status_code == 303 and re.match(r"/rectify/\d+$", r.headers["location"])
    item_url = r.headers["location"]
    r = c.post(item_url, data={"csrf_token": token, "status": "已整改", "progress": "已补报并公开", "action": "update"},
               files={"evidence": ("佐证材料.pdf", b"%PDF-1.4 evidence", "application/pdf")}, follow_redirects=False)
    assert r.status_code == 303
    item = c.get(item_url).text
    assert "已整改" in item and "佐证材料.pdf" in item and 'id="rectify-close"' in item
    ev = re.search(r'href="(/rectify/evidence/\d+)"', item).group(1)
    assert c.get(ev).content == b"%PDF-1.4 evidence"
    # a viewer sees the item but cannot close it
    v = client(app)
    login(v, "look")
    assert 'id="rectify-close"' not in v.get(item_url).text
    assert v.post(item_url, data={"csrf_token": csrf_of(v.get(item_url).text), "action": "close"},
                  follow_redirects=False).status_code == 403
    r = c.post(item_url, data={"csrf_token": token, "action": "close"}, follow_redirects=False)
    assert r.status_code == 303
    assert "已销号" in c.get(item_url).text
    listing = c.get("/rectify").text
    assert "和政县人民政府" in listing and "已销号" in listing
    x = c.get("/rectify.xlsx")
    path = tmp_path / "t.xlsx"
    path.write_bytes(x.content)
    wb = load_workbook(path)
    hist = [row[3] for row in wb["变更记录"].iter_rows(min_row=2, values_only=True)]
    assert "登记" in hist and "佐证材料" in hist and hist.count("整改状态") == 2


def test_score_page_ranks_and_explains(tmp_path):
    app = make_app(tmp_path / "s.db", load=False)
    st = app.state.store
    st.ingest_items([("k.txt", report_text("东乡族自治县人民政府", 2024, "2025年2月20日").encode()),
                     ("h.txt", report_text("和政县人民政府", 2024, "2025年3月21日").encode())], corpus=False)
    c = client(app)
    login(c, "look")                                       # a viewer may read the 考评
    page = c.get("/score", params={"place": "临夏回族自治州", "year": 2024}).text
    rows = re.findall(r'<td class="num">(\d+)</td>\s*<td><a href="/reports/(\d+)">([^<]+)</a>', page)
    assert [(r[0], r[2]) for r in rows] == [("1", "东乡族自治县人民政府"), ("2", "和政县人民政府")]
    assert 'id="score-detail"' not in page
    hz = rows[1][1]
    detail = c.get("/score", params={"place": "临夏回族自治州", "year": 2024, "report": hz}).text
    table = re.search(r'id="score-detail".*?</table>', detail, re.S).group(0)
    assert "逾期" in table and "2025年3月21日" in table and "years." not in table
    x = c.get("/score.xlsx", params={"place": "临夏回族自治州", "year": 2024})
    path = tmp_path / "k.xlsx"
    path.write_bytes(x.content)
    ws = load_workbook(path)["考评"]
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == ["东乡族自治县人民政府", "和政县人民政府"]
    # a place the gazetteer and the store do not know: the reason, no table
    bad = c.get("/score", params={"place": "青禾县", "year": 2024}).text
    assert 'class="err"' in bad and 'id="score-rows"' not in bad
    # the add form opened from a finding names its report, finding and unit; a dismissed
    # finding offers no 列入整改台账
    rep = st.report(int(hz))
    login(c, "rev")
    form = c.get("/rectify", params={"report": hz, "finding": "F1"}).text
    assert re.search(r'name="unit" value="和政县人民政府"', form)
    assert "审核发现 F1（尚未确认）" in form
    st.decide(int(hz), rep["findings"][0]["key"], "dismissed", user="rev")
    page = c.get(f"/reports/{hz}").text
    cards = dict(re.findall(r'id="item-(F\d+)"(.*?)(?=id="item-F\d+"|id="add-finding")', page, re.S))
    assert "rectify-link" not in cards["F1"]
    assert "rectify-link" in cards["F2"]


def _unit_row(page: str, unit: str) -> str:
    units = re.search(r'id="roster-units".*?</table>', page, re.S).group(0)
    return next(row for row in units.split("<tr")[1:] if f"<td>{unit}</td>" in row)


def test_roster_link_and_unlink_from_the_page(tmp_path):
    """A report the engine did not match to a unit (here it reads as a department's) is linked by
    hand from the drilled-down roster, counted for the unit, then unlinked; a viewer cannot."""
    app = make_app(tmp_path / "s.db", load=False)
    st = app.state.store
    st.ingest_items([("x.txt", report_text("临夏县司法局", 2024, "2025年2月25日").encode())], corpus=False)
    rid = st.list_reports()[0]["id"]
    where = {"place": "临夏回族自治州", "year": 2024, "region": "临夏县"}
    c = client(app)
    login(c, "rev")
    page = c.get("/roster", params=where).text
    assert "未发现" in _unit_row(page, "临夏县人民政府") and 'action="/roster/link"' in page
    form = {"csrf_token": csrf_of(page), "place": "临夏回族自治州", "year": "2024", "region": "临夏县",
            "unit": "临夏县人民政府"}
    r = c.post("/roster/link", data={**form, "report": f"#{rid}", "action": "link"}, follow_redirects=False)
    assert r.status_code == 303 and "region=" in r.headers["location"]
    page = c.get(r.headers["location"]).text
    assert f"已关联：临夏县人民政府 ← 报告 #{rid}" in page
    row = _unit_row(page, "临夏县人民政府")
    assert "已报送（按时）" in row and "人工关联" in row and f'/reports/{rid}"' in row and "取消关联" in row
    # errors come back as a message, nothing stored
    for bad, says in ((dict(report="abc"), "请填写报告编号"), (dict(report="999"), "报告 #999 不存在"),
                      (dict(report=str(rid), unit="渭源县人民政府"), "没有应报单位")):
        page = c.get(c.post("/roster/link", data={**form, **bad, "action": "link"},
                            follow_redirects=False).headers["location"]).text
        assert says in page
    # a viewer has no form and is refused
    v = client(app)
    login(v, "look")
    vpage = v.get("/roster", params=where).text
    assert 'action="/roster/link"' not in vpage
    assert v.post("/roster/link", data={**form, "csrf_token": csrf_of(vpage), "report": str(rid)},
                  follow_redirects=False).status_code == 403
    # unlink: the unit is missing again
    r = c.post("/roster/link", data={**form, "report": str(rid), "action": "unlink"}, follow_redirects=False)
    page = c.get(r.headers["location"]).text
    assert "已取消关联" in page and "未发现" in _unit_row(page, "临夏县人民政府")


def test_rectify_add_with_a_wrong_finding_says_so_in_chinese(tmp_path):
    app = make_app(tmp_path / "s.db", load=False)
    st = app.state.store
    st.ingest_items([("h.txt", report_text("和政县人民政府", 2024, "2025年3月21日").encode())], corpus=False)
    rid = st.list_reports()[0]["id"]
    c = client(app)
    login(c, "rev")
    token = csrf_of(c.get("/rectify").text)
    for data, zh in (({"report": str(rid), "finding": "F99"}, "报告中没有这条审核发现"),
                     ({"report": "", "finding": ""}, "整改事项不完整")):
        r = c.post("/rectify", data={"csrf_token": token, "unit": "和政县人民政府", **data}, follow_redirects=False)
        assert r.status_code == 303
        page = c.get(r.headers["location"]).text
        flash = re.search(r'id="flash">(.*?)<', page, re.S).group(1)
        assert zh in flash and "文件不存在" not in flash and not re.search(r"[a-z]{4,}", flash), flash
