"""The pages: log-in and roles, CSRF, cookies, escaping of untrusted report text and file
names, uploads (several files, zip, limits), list filters, report page marks, dashboard,
compare, search, users."""
from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from conftest import TEXTS
from fazhi.config import Config
from web_helpers import PASSWORD, client, csrf_of, example_file, login, make_app

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")

XSS_REPORT = """某县2023年法治政府建设年度报告<script>alert(1)</script>

一、主要举措和成效
2023年，我县全面推进依法行政<img src=x onerror=alert(2)>，行政复议案件办理质量稳步提升。

二、存在的不足和原因
一是法治宣传力度仍需加大。

三、党政主要负责人履行推进法治建设第一责任人职责情况
县委、县政府主要负责人认真履行第一责任人职责。

四、下一年度推进法治政府建设的主要安排
继续深化行政执法体制改革。
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("webpages") / "web.db")


def signed_in(app, name):
    c = client(app)
    assert login(c, name).status_code == 303
    return c


@pytest.fixture(scope="module")
def rev(app):
    return signed_in(app, "rev")


@pytest.fixture(scope="module")
def viewer(app):
    return signed_in(app, "look")


def upload(c, files, headers=None):
    token = csrf_of(c.get("/upload").text)
    return c.post("/upload", files=[("files", f) for f in files], data={"csrf_token": token},
                  headers=headers or {})


def test_pages_need_login_and_wrong_password_fails(app):
    c = client(app)
    r = c.get("/reports/1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/reports/1")
    bad = login(c, "rev", "wrong password")
    assert bad.status_code == 401 and "用户名或密码不正确" in bad.text
    ok = login(c, "rev")
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert c.get("/reports/1").status_code == 200


def test_login_redirect_stays_on_this_site(app):
    c = client(app)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": "rev", "password": PASSWORD, "csrf_token": token,
                               "next": "//evil.example/x"}, follow_redirects=False)
    assert r.headers["location"] == "/reports"


def test_forms_need_the_csrf_token(app, rev):
    fid = rev.get("/api/reports/1").json()["findings"][0]["db_id"]
    r = rev.post(f"/reports/1/findings/{fid}/decision", data={"decision": "confirmed"}, follow_redirects=False)
    assert r.status_code == 403 and "CSRF" in r.text
    c = client(app)
    r = c.post("/login", data={"username": "rev", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403


def test_viewer_can_read_but_not_upload_or_decide(app, viewer):
    assert viewer.get("/reports").status_code == 200
    page = viewer.get("/reports/1").text
    assert 'class="decide"' not in page and 'id="add-finding"' not in page and 'href="/upload"' not in page
    assert viewer.get("/upload").status_code == 403
    token = csrf_of(page)
    r = viewer.post("/upload", files=[("files", ("a.txt", "法治".encode(), "text/plain"))], data={"csrf_token": token})
    assert r.status_code == 403
    fid = viewer.get("/api/reports/1").json()["findings"][0]["db_id"]
    r = viewer.post(f"/reports/1/findings/{fid}/decision", data={"decision": "dismissed", "csrf_token": token})
    assert r.status_code == 403
    assert viewer.get("/users").status_code == 403


def test_untrusted_report_text_and_file_name_are_escaped(app, rev):
    r = upload(rev, [('<b onmouseover=alert(3)>x.txt', XSS_REPORT.encode("utf-8"), "text/plain")],
               headers={"X-Requested-With": "fetch"})
    res = r.json()["results"][0]
    assert res["ok"], res
    page = rev.get(f"/reports/{res['id']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    listing = rev.get("/reports").text
    assert "<script>alert(1)" not in listing
    # the upload result page (form fallback) escapes the file name
    r2 = upload(rev, [('<b onclick=x>evil.exe', b"MZ", "application/octet-stream")])
    assert "&lt;b onclick=x&gt;evil.exe" in r2.text and "<b onclick" not in r2.text


def test_upload_several_files_and_a_zip(app, rev):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("报告/岚溪县2023.txt", (TEXTS / "corpus_lanxi_2023.txt").read_bytes())
        zf.writestr("../../../etc/fengling.txt", (TEXTS / "corpus_fengling_2023.txt").read_bytes())
        zf.writestr("tool.exe", b"MZ")
        zf.writestr("__MACOSX/._x.txt", b"junk")
    r = upload(rev, [("baichuan.txt", (TEXTS / "corpus_baichuan_2023.txt").read_bytes(), "text/plain"),
                     ("bundle.zip", buf.getvalue(), "application/zip"),
                     ("empty.txt", b"", "text/plain")], headers={"X-Requested-With": "fetch"})
    assert r.status_code == 200
    results = {x["name"]: x for x in r.json()["results"]}
    assert results["baichuan.txt"]["ok"] and results["baichuan.txt"]["id"]
    assert results["bundle.zip › 岚溪县2023.txt"]["ok"]          # already stored: skipped, still ok
    assert results["bundle.zip › 岚溪县2023.txt"]["status"] == "skipped"
    assert results["bundle.zip › fengling.txt"]["ok"]            # folders removed from member names
    assert not results["bundle.zip › tool.exe"]["ok"] and "不支持的文件类型" in results["bundle.zip › tool.exe"]["message"]
    assert not results["empty.txt"]["ok"] and "空" in results["empty.txt"]["message"]
    assert not any("__MACOSX" in n for n in results)


def test_upload_limits(tmp_path):
    cfg = Config.default()
    cfg.data["web"] = {"max_upload_mb": 1, "max_zip_members": 2}
    app = make_app(tmp_path / "small.db", config=cfg, load=False)
    c = signed_in(app, "rev")
    big = ("法治政府建设" * 70000).encode("utf-8")          # > 1 MB
    res = upload(c, [("big.txt", big, "text/plain")], headers={"X-Requested-With": "fetch"}).json()["results"]
    assert not res[0]["ok"] and "1 MB" in res[0]["message"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(3):
            zf.writestr(f"r{i}.txt", f"报告{i}".encode())
    res = upload(c, [("many.zip", buf.getvalue(), "application/zip")], headers={"X-Requested-With": "fetch"}).json()["results"]
    assert len(res) == 1 and not res[0]["ok"] and "过多" in res[0]["message"]
    res = upload(c, [("bad.zip", b"PK\x03\x04 broken", "application/zip")], headers={"X-Requested-With": "fetch"}).json()["results"]
    assert not res[0]["ok"] and "压缩包" in res[0]["message"]


def test_report_page_marks_findings_and_facts_in_place(app, rev):
    doc = rev.get("/api/reports/1").json()
    page = rev.get("/reports/1").text
    m = re.search(r'<div id="fulltext"[^>]*>(.*?)</div>', page, re.S)
    assert m
    inner = m.group(1)
    # removing the marks gives back the report text (plus labels of removed residue)
    plain = re.sub(r'<mark class="[^"]*removed[^"]*"[^>]*>.*?</mark>', "", inner)
    plain = re.sub(r"<[^>]+>", "", plain)
    import html
    assert html.unescape(plain) == doc["text"]
    live = [f for f in doc["findings"] if f["evidence"] and f["evidence"][0]["end"] > f["evidence"][0]["start"]]
    assert live
    for f in live:
        assert f'data-finding="{f["id"]}"' in inner
        assert f'id="item-{f["id"]}"' in page
    assert 'class="fact"' in inner
    assert "法定内容清单" in page and "指标数据" in page
    for href in ("/reports/1/review.docx", "/reports/1/review.html", "/reports/1/report.json"):
        assert href in page
        assert rev.get(href).status_code == 200
    assert json.loads(rev.get("/reports/1/report.json").content)["schema"] == "fazhi.report/1"


def test_decision_form_and_reviewer_finding_form(app, rev):
    doc = rev.get("/api/reports/1").json()
    f = doc["findings"][-1]
    token = csrf_of(rev.get("/reports/1").text)
    r = rev.post(f"/reports/1/findings/{f['db_id']}/decision",
                 data={"decision": "confirmed", "comment": "属实，请修改", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    page = rev.get("/reports/1").text
    assert "已确认：属实，请修改（rev" in page
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", rev.get("/reports").text, re.S) if 'href="/reports/1"' in r)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert int(cells[-1]) >= 1                        # the 已审核 column counts decided findings
    text = doc["text"]
    s = text.index("\n", 10) + 1
    e = s + 6
    r = rev.post("/reports/1/reviewer-findings", data={"start": s, "end": e, "quote": text[s:e],
                                                       "message": "审核人发现的问题", "severity": "major",
                                                       "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and "#item-R" in r.headers["location"]
    page = rev.get("/reports/1").text
    assert "审核人发现的问题" in page and "审核人补充" in page
    r = rev.post("/reports/1/reviewer-findings", data={"start": "", "end": "", "message": "x", "csrf_token": token})
    assert "请先在正文中选中" in r.text


def test_list_filters_in_the_query_string(app, rev):
    page = rev.get("/reports", params={"year": "2022"}).text
    assert "岚溪县" in page and "青禾县" not in page
    assert 'value="2022" selected' in page
    page = rev.get("/reports", params={"sort": "-year"}).text
    assert 'class="sort desc"' in page
    page = rev.get("/reports", params={"year": "abc"}).text
    assert "年度应为数字" in page


def test_dashboard_carries_the_data_and_chart_holders(app, rev):
    page = rev.get("/dashboard").text
    m = re.search(r'<script type="application/json" id="dash-data">(.*?)</script>', page, re.S)
    data = json.loads(m.group(1))
    assert data["total"] == rev.get("/api/reports").json()["total"]
    assert sum(sum(s["counts"]) for s in data["per_province_year"]["series"]) == data["total"]
    assert [p["part"] for p in data["missing_parts"]]
    for cid in ("chart-province-year", "chart-on-time", "chart-missing", "chart-findings",
                "chart-indicators", "chart-coverage"):
        assert f'id="{cid}"' in page
    if app.state.vendor["echarts"]:
        assert "/static/vendor/echarts.min.js" in page
        assert rev.get("/static/vendor/echarts.min.js").status_code == 200


def test_box_rule_flags_outliers():
    from fazhi.corpus.dashboard import box
    b = box([90.0, 92.0, 95.0, 96.0, 97.0, 98.0, 99.0, 100.0, 12.0])
    assert b["low_fence"] > 12.0 and b["min"] == 90.0 and b["max"] == 100.0
    assert box([]) is None
    assert box([5.0])["median"] == 5.0


def test_compare_and_search_pages(app, rev):
    ids = {r["report_year"]: r["id"] for r in rev.get("/api/reports", params={"q": "岚溪"}).json()["items"]}
    page = rev.get("/compare", params={"a": ids[2022], "b": ids[2023]}).text
    assert "指标对照" in page and "相同或高度相似的段落" in page and 'id="text-a"' in page
    assert "连续性" in page          # same place, consecutive years
    assert rev.get("/compare", params={"a": 1, "b": 99999}).status_code == 404
    page = rev.get("/search", params={"q": "行政复议"}).text
    assert '<mark class="hit">行政复议</mark>' in page


def test_admin_manages_users_and_public_read(tmp_path):
    app = make_app(tmp_path / "admin.db", load=False)
    anon = client(app)
    assert anon.get("/reports", follow_redirects=False).status_code == 303
    boss = signed_in(app, "boss")
    token = csrf_of(boss.get("/users").text)
    r = boss.post("/users", data={"username": "new_reviewer", "role": "reviewer", "password": "abcdefgh1",
                                  "csrf_token": token})
    assert "已添加用户" in r.text
    assert app.state.store.verify_user("new_reviewer", "abcdefgh1")["role"] == "reviewer"
    r = boss.post("/users", data={"username": "<x>", "role": "reviewer", "password": "abcdefgh1", "csrf_token": token})
    assert "用户名只能包含" in r.text
    r = boss.post("/users/new_reviewer/token", data={"csrf_token": token})
    tok = re.search(r'id="new-token">.*?<code>([^<]+)</code>', r.text, re.S).group(1)
    assert app.state.store.user_by_token(tok)["name"] == "new_reviewer"
    boss.post("/settings/public-read", data={"on": "1", "csrf_token": token})
    assert anon.get("/reports").status_code == 200
    assert anon.get("/upload", follow_redirects=False).status_code == 303   # reading only
    boss.post("/settings/public-read", data={"on": "0", "csrf_token": token})
    assert anon.get("/reports", follow_redirects=False).status_code == 303


def test_public_read_app_option(tmp_path):
    app = make_app(tmp_path / "pub.db", public_read=True, load=False)
    c = client(app)
    assert c.get("/reports").status_code == 200
    assert c.get("/api/reports").status_code == 200
    r = c.post("/api/reports", files={"file": ("a.txt", example_file().read_bytes(), "text/plain")})
    assert r.status_code == 401


def test_cross_report_findings_after_upload_in_the_background(tmp_path):
    """On a large store (here: sync_corpus_max=0) the corpus pass runs after the upload, in a
    background thread; the near-copy is then flagged."""
    import time
    cfg = Config.default()
    cfg.data["web"] = {"sync_corpus_max": 0}
    app = make_app(tmp_path / "bg.db", config=cfg, load=False)
    c = signed_in(app, "rev")
    res = upload(c, [("lanxi.txt", (TEXTS / "corpus_lanxi_2023.txt").read_bytes(), "text/plain"),
                     ("baichuan.txt", (TEXTS / "corpus_baichuan_2023.txt").read_bytes(), "text/plain")],
                 headers={"X-Requested-With": "fetch"}).json()["results"]
    assert all(r["ok"] for r in res)
    deadline = time.time() + 60
    while app.state.refresher.busy() and time.time() < deadline:
        time.sleep(0.1)
    assert not app.state.refresher.busy()
    copy = next(r["id"] for r in res if r["name"] == "baichuan.txt")
    dup = [f for f in app.state.store.findings(report_id=copy) if f["rule"] == "corpus.duplicate_text"]
    assert len(dup) == 1


def test_repeated_failed_logins_are_paused(tmp_path):
    app = make_app(tmp_path / "throttle.db", load=False)
    c = client(app)
    codes = [login(c, "rev", "wrong").status_code for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    r = login(c, "rev")                       # even the right password waits
    assert r.status_code == 429 and "登录失败次数过多" in r.text
    assert login(client(app), "boss").status_code == 303     # other names are not affected


def test_corpus_cache_is_dropped_when_the_corpus_changes(tmp_path):
    from fazhi.web.cache import CorpusCache
    app = make_app(tmp_path / "cache.db", load=False)
    st = app.state.store
    cache, calls = CorpusCache(), []

    def compute():
        calls.append(1)
        return len(st.list_reports())

    assert cache.get(st, "n", compute) == 0 and cache.get(st, "n", compute) == 0
    assert len(calls) == 1
    st.ingest([example_file()])
    assert cache.get(st, "n", compute) == 1 and len(calls) == 2


def test_app_runs_without_the_vendored_chart_library(tmp_path, monkeypatch):
    import fazhi.web.app as webapp
    monkeypatch.setattr(webapp, "VENDOR", tmp_path / "no-vendor")
    app = make_app(tmp_path / "novendor.db", load=False)
    assert app.state.vendor == {"echarts": False, "swagger": False}
    c = signed_in(app, "look")
    page = c.get("/dashboard").text
    assert 'id="charts-missing"' in page and "图表库未安装" in page
    assert "echarts.min.js" not in page
    docs = c.get("/api/docs")
    assert docs.status_code == 200 and "/api/openapi.json" in docs.text and "swagger-ui-bundle" not in docs.text


def test_a_long_text_is_shown_page_by_page(tmp_path):
    cfg = Config.default()
    cfg.data["web"] = {"report_page_chars": 400}
    app = make_app(tmp_path / "pages.db", config=cfg)
    c = signed_in(app, "rev")
    text = app.state.store.report(1)["text"]
    first = c.get("/reports/1")
    assert first.status_code == 200 and "全文较长，分" in first.text and 'data-offset="0"' in first.text
    n = int(re.search(r"分 (\d+) 页显示", first.text).group(1))
    assert n == -(-len(text) // 400) or n >= 2
    assert re.search(r'href="/reports/1\?part=\d+#', first.text)       # anchors on other pages link there
    second = c.get("/reports/1?part=2")
    m = re.search(r'data-offset="(\d+)"', second.text)
    assert second.status_code == 200 and 0 < int(m.group(1)) < len(text)
    assert c.get(f"/reports/1?part={n + 1}").status_code == 404


def test_text_pages_cut_after_line_breaks():
    from fazhi.web.reports import text_pages
    text = ("一行文字。\n" * 50)
    pages = text_pages(text, 40)
    assert pages[0][0] == 0 and pages[-1][1] == len(text)
    assert all(a < b for a, b in pages) and all(p[1] == q[0] for p, q in zip(pages, pages[1:]))
    assert all(text[b - 1] == "\n" for _, b in pages)
    assert text_pages("短文", 40) == [(0, 2)]


def test_users_page_changes_roles_passwords_and_deletes(tmp_path):
    app = make_app(tmp_path / "admin.db", load=False)
    boss = signed_in(app, "boss")
    look = signed_in(app, "look")
    tok = csrf_of(boss.get("/users").text)
    assert boss.post("/users/boss/role", data={"role": "viewer", "csrf_token": tok}, follow_redirects=False).status_code == 303
    assert "最后一位管理员" in boss.get("/users").text           # the last admin stays admin
    assert boss.post("/users/look/role", data={"role": "reviewer", "csrf_token": tok}, follow_redirects=False).status_code == 303
    assert look.get("/reports", follow_redirects=False).status_code == 303     # session ended
    assert boss.post("/users/rev/password", data={"password": "brand new password", "csrf_token": tok}, follow_redirects=False).status_code == 303
    assert login(client(app), "rev", "brand new password").status_code == 303
    assert boss.post("/users/boss/delete", data={"csrf_token": tok}, follow_redirects=False).status_code == 303
    assert "不能删除最后一位管理员" in boss.get("/users").text
    assert boss.post("/users/rev/delete", data={"csrf_token": tok}, follow_redirects=False).status_code == 303
    assert all(u["name"] != "rev" for u in app.state.store.users())
    assert login(client(app), "rev", "brand new password").status_code == 401


def test_dashboard_missing_part_rate_is_among_annual_reports(tmp_path):
    """法定内容缺失率 counts the annual reports only: a news item is not checked for statutory
    parts, so it is neither a report with all parts nor one without them. The figure agrees with
    the stored findings and the report list's kinds."""
    partial = ("青石县2023年法治政府建设年度报告\n2023年，青石县人民政府坚持依法行政，现将有关情况报告如下：\n"
               "一、主要举措和成效\n（一）规范行政复议\n全年办理行政复议案件12件。\n"
               "二、依法决策\n重大行政决策均经合法性审查。\n青石县人民政府\n2024年2月20日\n")
    news = ("青石县召开法治政府建设工作推进会\n发布时间：2024-03-05\n3月4日，青石县召开法治政府建设工作推进会，"
            "副县长主持会议，要求各部门按时报送年度报告。\n")
    app = make_app(tmp_path / "d.db", load=False)
    st = app.state.store
    st.ingest_items([("p.txt", partial.encode()), ("n.txt", news.encode())], corpus=False)
    kinds = {r["kind"] for r in st.list_reports()}
    assert kinds == {"report", "news"}
    c = signed_in(app, "rev")
    data = c.get("/api/dashboard").json()
    assert data["total"] == 2 and data["reports_checked"] == 1
    shortcomings = next(p for p in data["missing_parts"] if p["part"] == "shortcomings")
    assert shortcomings["n"] == 1 and shortcomings["rate"] == 1.0      # 1 of 1 report, not 1 of 2 texts
    page = c.get("/dashboard").text
    assert "1 份年度报告中" in page
    # the headline rate says on how many reports it rests (only dated ones can be checked)
    known = data["on_time_known"]
    assert known == sum(r["on_time"] + r["late"] for r in data["on_time"])
    if data["on_time_rate"] is not None:
        assert f"（{known} 份可核对日期）" in page


def test_compare_choices_name_each_report_by_its_unit(tmp_path):
    """The 对比 pickers show 临邑县审计局 2023 for a department and the title for a report without a
    place, never the bare department name or the report's number alone."""
    from test_render_xlsx import DEPARTMENT
    untitled = ("2023年，坚持依法行政，现将有关情况报告如下：\n一、主要举措和成效\n全年办理行政复议案件12件。\n"
                "二、存在的不足和原因\n执法人员业务能力不强，主要原因是培训不够。\n")
    app = make_app(tmp_path / "c.db", load=False)
    app.state.store.ingest_items([("d.txt", DEPARTMENT.encode()), ("u.txt", untitled.encode())], corpus=False)
    rows = {r["department"] or r["jurisdiction"]: r for r in app.state.store.list_reports()}
    page = signed_in(app, "rev").get("/compare").text
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', page)
    labels = {int(i): t for i, t in options}
    dept = next(r for r in rows.values() if r["department"] == "审计局")
    assert labels[dept["id"]].startswith("临邑县审计局 2023（#")
    other = next(i for i in labels if i != dept["id"])
    assert not re.fullmatch(rf"{other} +（#{other}）", labels[other]), labels[other]


def test_upload_error_message_does_not_repeat_the_file_name(tmp_path):
    app = make_app(tmp_path / "u.db", load=False)
    c = signed_in(app, "rev")
    res = upload(c, [("坏文件.docx", bytes(range(256)) * 8, "application/octet-stream")],
                 headers={"X-Requested-With": "fetch"}).json()["results"]
    r, = res
    assert not r["ok"] and r["name"] == "坏文件.docx"
    assert r["message"].startswith("不是可识别的") and "坏文件.docx" not in r["message"], r["message"]
    assert not re.search(r"\[[a-z_]+\]", r["message"]) and " / " in r["message"]
