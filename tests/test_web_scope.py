"""Account scopes (corpus/scope.py and every route of web/): a reviewer scoped to one prefecture
sees, searches, compares, exports and calls the API only for the reports of units inside it;
anything outside is 404. The walk over every route of the app (`app.routes`) fails on a route
it does not know how to call, so a route added later must be registered here with its checks.

Real SQLite file, and the real PostgreSQL server when FAZHI_TEST_PG is set. Team-written short
reports: two counties and a department inside 临夏回族自治州, a county and a department of
another prefecture, and a fictional county without an adcode."""
from __future__ import annotations

import html
import io
import json
import re
import zipfile

import pytest

from conftest import sqlite_or_pg_store
from fazhi.corpus import scope as scopes
from fazhi.corpus.scope import ALL, Scope
from fazhi.errors import FazhiError
from web_helpers import PASSWORD, client, csrf_of, login

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")

# three paragraphs two reports of different regions share (a copied template)
SHARED = ("（一）深化综合行政执法改革。县司法局牵头梳理乡镇执法事项清单，明确执法主体、执法权限和执法程序，"
          "全年组织执法人员集中培训四期，覆盖乡镇执法队员二百一十人，执法文书规范率明显提升。\n"
          "（二）健全行政复议工作机制。设立行政复议受理窗口，推行繁简分流和调解和解，全年受理复议申请六十八件，"
          "审结六十一件，纠错九件，复议决定全部按期送达申请人和被申请人。\n"
          "（三）推进公共法律服务体系建设。建成县乡村三级公共法律服务平台，配备村居法律顾问一百三十名，"
          "开展法治宣传活动五十余场次，群众对法律服务的满意度持续提高。\n")


def report(unit: str, own: str, shared: bool = False, year: int = 2024) -> str:
    """A short annual report of `unit` with one sentence of its own (`own`)."""
    return (f"{unit}{year}年法治政府建设年度报告\n{year}年，{unit}坚持依法行政，现将有关情况报告如下：\n"
            f"一、主要举措和成效\n{own}\n" + (SHARED if shared else "全年办理行政复议案件12件，开展执法培训3次。\n") +
            f"二、存在的不足和原因\n执法队伍专业力量不足。\n三、{year + 1}年工作安排\n加强执法队伍建设。\n"
            f"{unit}\n{year + 1}年2月20日\n")


INSIDE = {   # file -> (text, words only this report has)
    "a.txt": (report("东乡族自治县人民政府", "东乡族自治县建成莲麓调解角十二处。", shared=True), "莲麓调解角"),
    "b.txt": (report("和政县人民政府", "和政县设立松鸣岩普法站三个。"), "松鸣岩普法站"),
    "f.txt": (report("东乡族自治县司法局", "东乡族自治县司法局编印胭脂湖法律手册两千册。"), "胭脂湖法律手册"),
}
OUTSIDE = {
    "c.txt": (report("夏河县人民政府", "夏河县建成拉卜楞法治长廊一处。", shared=True), "拉卜楞法治长廊"),
    "e.txt": (report("夏河县司法局", "夏河县司法局组建桑科草原调解队。"), "桑科草原调解队"),
    "d.txt": (report("青石县人民政府", "青石县开办青石法治书屋六家。"), "青石法治书屋"),
}
# nothing of these may appear in any answer to the scoped reviewer
LEAKS = ("夏河", "拉卜楞", "桑科", "青石")
SCOPED, ADMIN = "lx", "boss"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    """(app, ids by file, ids of findings, 整改 items and evidence in and out of the scope)."""
    from fazhi.supervision import rectify
    from fazhi.web import accounts
    from fazhi.web.app import create_app
    gen = sqlite_or_pg_store(request, tmp_path_factory.mktemp("scope"), "scope")
    st0 = next(gen)
    app = create_app(st0.url, secret_key="test-secret")
    st = app.state.store
    accounts.add_user(st.engine, ADMIN, "admin", PASSWORD)
    accounts.add_user(st.engine, SCOPED, "reviewer", PASSWORD, scope=scopes.parse("临夏回族自治州"))
    items = {**INSIDE, **OUTSIDE}
    st.ingest_items([(n, t.encode("utf-8")) for n, (t, _) in items.items()])
    by_name = {r["name"]: r for r in st.list_reports()}
    ids = {n: by_name[n]["id"] for n in items}
    adcodes = {n: st.report(i)["adcode"] for n, i in ids.items()}
    assert adcodes["a.txt"].startswith("6229") and adcodes["f.txt"].startswith("6229")
    assert adcodes["c.txt"].startswith("6230") and adcodes["e.txt"].startswith("6230")
    assert adcodes["d.txt"] is None
    # the copied passage is found on both reports (the redaction below has something to hide)
    dup = [f for f in st.findings(report_id=ids["a.txt"], family="corpus") if f["rule"] == "corpus.duplicate_text"]
    assert dup and dup[0]["data"]["other_report_id"] == ids["c.txt"]
    fids = {n: st.report(i)["findings"][0]["id"] for n, i in ids.items()}
    # an admin's decision with a comment on an outside report
    st.decide(ids["c.txt"], st.report(ids["c.txt"])["findings"][0]["key"], "dismissed", user=ADMIN,
              comment="夏河复核意见")
    it_in = rectify.add(st, unit="东乡族自治县人民政府", problem="督察反馈：莲麓调解角台账不全", user=ADMIN)
    it_out = rectify.add(st, unit="夏河县司法局", problem="督察反馈：桑科草原调解队记录缺失", user=ADMIN)
    it_rep = rectify.add(st, unit="夏河县人民政府", report_id=ids["c.txt"], finding="F1", user=ADMIN)
    for iid in (it_in, it_out, it_rep):
        rectify.update(st, iid, status="整改中", evidence=[("佐证.txt", f"佐证{iid}".encode())], user=ADMIN)
    ev = {iid: rectify.get(st, iid)["evidence"][0]["id"] for iid in (it_in, it_out, it_rep)}
    yield {"app": app, "ids": ids, "fids": fids, "items": {"in": it_in, "out": [it_out, it_rep]},
           "evidence": {"in": ev[it_in], "out": [ev[it_out], ev[it_rep]]}}
    st.close()
    next(gen, None)


# -- what an answer may contain -------------------------------------------------------------

def body_text(resp) -> str:
    """The text of a response as a reader gets it: a Word/Excel file's XML parts joined, character
    references resolved (openpyxl writes &#24247; for 康), JSON with its \\u escapes decoded."""
    data = resp.content
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return html.unescape("\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                                           if n.endswith((".xml", ".rels"))))
    text = data.decode("utf-8", "replace")
    if "json" in resp.headers.get("content-type", ""):
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return html.unescape(text)


def assert_no_leak(resp, world, where: str) -> None:
    text = body_text(resp)
    for word in LEAKS:
        assert word not in text, f"{where}: “{word}” of a report outside the scope in the answer"
    for n in OUTSIDE:
        rid = world["ids"][n]
        assert not re.search(rf"/reports/{rid}(?!\d)", text), f"{where}: a link to report {rid}"
        assert not re.search(rf'"(?:report_id|other_report_id|previous_report_id)": ?{rid}(?!\d)', text), \
            f"{where}: report id {rid}"
    for iid in world["items"]["out"]:
        assert not re.search(rf"/rectify/{iid}(?!\d)", text), f"{where}: a link to item {iid}"


# -- every route ----------------------------------------------------------------------------

def routes_of(app) -> set[tuple[str, str]]:
    """(method, path) of every route of the app, routers included."""
    out: set[tuple[str, str]] = set()

    def walk(routes):
        for r in routes:
            inner = getattr(r, "original_router", None)
            if inner is not None:                      # an included router
                walk(inner.routes)
            elif hasattr(r, "methods") and r.methods:
                out.update((m, r.path) for m in r.methods if m != "HEAD")
    walk(app.routes)
    return out


class Caller:
    """Requests as the scoped reviewer: pages by session (CSRF header), the API by token."""

    def __init__(self, world):
        self.w = world
        self.app = world["app"]
        self.c = client(self.app)
        assert login(self.c, SCOPED).status_code == 303
        self.csrf = csrf_of(self.c.get("/upload").text)
        self.api = {"Authorization": f"Bearer {self.app.state.store.create_token(SCOPED)}"}
        self.seen: list[tuple[str, object]] = []

    def get(self, url, api=False, record=True, **kw):
        """record=False: an answer that echoes the reviewer's own input (a query naming an
        outside place) is checked by the caller instead of by the leak scan."""
        r = self.c.get(url, headers=self.api if api else None, follow_redirects=False, **kw)
        if record:
            self.seen.append((f"GET {url} {kw.get('params') or ''}", r))
        return r

    def post(self, url, api=False, **kw):
        h = dict(self.api) if api else {"X-CSRF-Token": self.csrf}
        r = self.c.post(url, headers=h, follow_redirects=False, **kw)
        self.seen.append((f"POST {url}", r))
        return r


def ins(w):
    return [w["ids"][n] for n in INSIDE]


def outs(w):
    return [w["ids"][n] for n in OUTSIDE]


def _report_get(suffix, api=False, word=True):
    def call(k: Caller):
        pre = "/api" if api else ""
        for rid in outs(k.w):
            assert k.get(f"{pre}/reports/{rid}{suffix}", api=api).status_code == 404
        for n, rid in zip(INSIDE, ins(k.w)):
            r = k.get(f"{pre}/reports/{rid}{suffix}", api=api)
            assert r.status_code == 200, (suffix, r.status_code)
            if word:
                assert INSIDE[n][1] in body_text(r)
    return call


def _report_json(api):
    def call(k: Caller):
        _report_get("" if api else "/report.json", api=api)(k)
        doc = k.get(f"{'/api' if api else ''}/reports/{k.w['ids']['a.txt']}{'' if api else '/report.json'}",
                    api=api).json()
        dup = [f for f in doc["findings"] if f["rule"] == "corpus.duplicate_text"]
        # the copied passage is still reported, saying only that it appears outside the region
        assert dup and dup[0]["data"]["outside_scope"] is True
        assert "地区范围以外" in dup[0]["message"] and "other_report_id" not in dup[0]["data"]
        assert all(e["quote"] in doc["text"] for e in dup[0]["evidence"])
    return call


def _decision_page(k: Caller):
    st = k.app.state.store
    for n in OUTSIDE:
        rid, fid = k.w["ids"][n], k.w["fids"][n]
        assert k.post(f"/reports/{rid}/findings/{fid}/decision", data={"decision": "confirmed"}).status_code == 404
    # an inside report's id with an outside finding: not this report's
    r = k.post(f"/reports/{k.w['ids']['a.txt']}/findings/{k.w['fids']['c.txt']}/decision",
               data={"decision": "confirmed"})
    assert r.status_code == 303 and r.headers["location"] == f"/reports/{k.w['ids']['a.txt']}"
    rid, fid = k.w["ids"]["b.txt"], k.w["fids"]["b.txt"]
    r = k.post(f"/reports/{rid}/findings/{fid}/decision", data={"decision": "confirmed"})
    assert r.status_code == 303 and "#item-" in r.headers["location"]
    assert all(d is None or d["user"] != SCOPED for d in
               [f["decision"] for n in OUTSIDE for f in st.report(k.w["ids"][n])["findings"]])


def _decision_api(k: Caller):
    for n in OUTSIDE:
        rid = k.w["ids"][n]
        assert k.post(f"/api/reports/{rid}/findings/F1/decision", api=True,
                      json={"decision": "confirmed"}).status_code == 404
    r = k.post(f"/api/reports/{k.w['ids']['b.txt']}/findings/F1/decision", api=True, json={"decision": "confirmed"})
    assert r.status_code == 200 and r.json()["decision"] == "confirmed"


def _decision_by_db_id(k: Caller):
    for n in OUTSIDE:
        assert k.post(f"/api/findings/{k.w['fids'][n]}/decision", api=True,
                      json={"decision": "confirmed"}).status_code == 404
    r = k.post(f"/api/findings/{k.w['fids']['f.txt']}/decision", api=True, json={"decision": "dismissed"})
    assert r.status_code == 200


def _reviewer_finding(api):
    def call(k: Caller):
        pre = "/api" if api else ""
        body = {"start": 0, "end": 4, "message": "审核人补充"}
        send = (lambda url: k.post(url, api=True, json=body)) if api else \
            (lambda url: k.post(url, data={k2: str(v) for k2, v in body.items()}))
        for rid in outs(k.w):
            assert send(f"{pre}/reports/{rid}/reviewer-findings").status_code == 404
        r = send(f"{pre}/reports/{k.w['ids']['b.txt']}/reviewer-findings")
        assert r.status_code == (201 if api else 303)
    return call


def _list(api):
    def call(k: Caller):
        if api:
            r = k.get("/api/reports", api=True)
            assert r.json()["total"] == len(INSIDE)
            assert sorted(x["id"] for x in r.json()["items"]) == sorted(ins(k.w))
            assert k.get("/api/reports?q=夏河", api=True).json()["total"] == 0
        else:
            r = k.get("/reports")
            assert r.status_code == 200 and "东乡族自治县" in r.text and "和政县" in r.text
            assert f"共 {len(INSIDE)} 份" in r.text
            assert "共 0 份" in k.get("/reports", params={"q": "青石"}, record=False).text
    return call


def _dashboard(api):
    def call(k: Caller):
        r = k.get("/api/dashboard" if api else "/dashboard", api=api)
        assert r.status_code == 200
        if api:
            assert r.json()["total"] == len(INSIDE)
    return call


def _compare(k: Caller):
    a, b = k.w["ids"]["a.txt"], k.w["ids"]["b.txt"]
    for rid in outs(k.w):
        assert k.get(f"/compare?a={a}&b={rid}").status_code == 404
        assert k.get(f"/compare?a={rid}").status_code == 404
    r = k.get(f"/compare?a={a}&b={b}")
    assert r.status_code == 200 and "莲麓调解角" in r.text and "松鸣岩普法站" in r.text
    r = k.get(f"/compare?a={a}")
    assert r.status_code == 200 and "地区范围以外" in r.text      # the copied passage, redacted
    assert k.get("/compare").status_code == 200


def _search(api):
    def call(k: Caller):
        url = "/api/search" if api else "/search"
        for n, (_, word) in OUTSIDE.items():
            r = k.get(url, api=api, params={"q": word}, record=False)
            assert r.status_code == 200
            if api:
                assert r.json()["results"] == []
            else:
                assert "没有找到包含" in r.text
        r = k.get(url, api=api, params={"q": "行政复议"})
        if api:
            assert {x["report_id"] for x in r.json()["results"]} <= set(ins(k.w)) and r.json()["results"]
        else:
            assert "莲麓调解角" in r.text or "东乡族自治县" in r.text
        k.get(url, api=api, params={"q": "莲麓调解角"})
        if not api:
            k.get(url)
    return call


def _upload(api):
    def call(k: Caller):
        data = OUTSIDE["c.txt"][0].encode("utf-8")          # stored already, outside the region
        if api:
            r = k.post("/api/reports", api=True, files={"file": ("x.txt", data, "text/plain")})
            assert r.status_code in (200, 201) and "id" not in r.json()
        else:
            r = k.post("/upload", files={"files": ("x.txt", data, "text/plain")})
            assert r.status_code == 200 and "不属于本账号的地区" in r.text
    return call


def _roster(k: Caller):
    r = k.get("/roster", params={"place": "临夏回族自治州", "year": 2024})
    assert r.status_code == 200 and "东乡族自治县人民政府" in r.text
    r = k.get("/roster", params={"place": "甘南藏族自治州", "year": 2024}, record=False)
    assert "不在本账号的地区范围内" in r.text and "夏河县人民政府" not in r.text
    r = k.get("/roster", params={"place": "甘肃省", "year": 2024})        # the part inside the scope
    assert r.status_code == 200 and "东乡族自治县人民政府" in r.text and "兰州市人民政府" not in r.text
    assert "东乡族自治县人民政府" in k.get("/roster", params={"year": 2024}).text   # starts at the region
    k.get("/roster", params={"place": "临夏回族自治州", "year": 2024, "region": "东乡族自治县"})


def _roster_xlsx(k: Caller):
    r = k.get("/roster.xlsx", params={"place": "临夏回族自治州", "year": 2024})
    assert r.status_code == 200 and "东乡族自治县人民政府" in body_text(r)
    assert k.get("/roster.xlsx", params={"place": "甘南藏族自治州", "year": 2024}).status_code == 404


def _roster_link(k: Caller):
    import sqlalchemy as sa

    from fazhi.corpus import schema as T
    st = k.app.state.store

    def count():
        with st.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(T.roster_links)).scalar()
    before = count()
    form = {"place": "临夏回族自治州", "year": "2024", "unit": "临夏县人民政府", "action": "link"}
    r = k.post("/roster/link", data={**form, "report": str(k.w["ids"]["c.txt"])})     # an outside report
    assert r.status_code == 303
    assert k.get(r.headers["location"], record=False).text.count("不存在") >= 1
    r = k.post("/roster/link", data={**form, "place": "甘南藏族自治州", "unit": "夏河县人民政府",
                                     "report": str(ins(k.w)[0])})                    # an outside unit
    assert r.status_code == 303 and count() == before
    r = k.post("/roster/link", data={**form, "report": str(ins(k.w)[0])})
    assert r.status_code == 303 and count() == before + 1


def _rectify_list(k: Caller):
    r = k.get("/rectify")
    assert r.status_code == 200 and "莲麓调解角台账不全" in r.text
    r = k.get("/rectify", params={"unit": "夏河县司法局"}, record=False)
    assert "桑科草原调解队" not in r.text
    # a prefilled form naming an outside report: the form only (the add is refused, see _rectify_add)
    r = k.get("/rectify", params={"report": k.w["ids"]["c.txt"], "finding": "F1"}, record=False)
    assert r.status_code == 200 and "拉卜楞" not in r.text


def _rectify_item(k: Caller):
    for iid in k.w["items"]["out"]:
        assert k.get(f"/rectify/{iid}").status_code == 404
    assert k.get(f"/rectify/{k.w['items']['in']}").status_code == 200


def _rectify_add(k: Caller):
    from fazhi.supervision import rectify
    st = k.app.state.store
    before = len(rectify.items(st))
    r = k.post("/rectify", data={"unit": "夏河县人民政府", "report": str(k.w["ids"]["c.txt"]), "finding": "F1"})
    assert r.status_code == 303 and r.headers["location"] == "/rectify"
    r = k.post("/rectify", data={"unit": "夏河县司法局", "problem": "督察反馈：另一问题"})
    assert r.status_code == 303 and r.headers["location"] == "/rectify"
    assert len(rectify.items(st)) == before
    r = k.post("/rectify", data={"unit": "和政县人民政府", "problem": "督察反馈：松鸣岩普法站未挂牌"})
    assert r.status_code == 303 and re.match(r"/rectify/\d+$", r.headers["location"])


def _rectify_update(k: Caller):
    from fazhi.supervision import rectify
    st = k.app.state.store
    for iid in k.w["items"]["out"]:
        assert k.post(f"/rectify/{iid}", data={"status": "已整改", "progress": "改"}).status_code == 404
        assert rectify.get(st, iid)["status"] == "整改中"
    r = k.post(f"/rectify/{k.w['items']['in']}", data={"status": "已整改", "progress": "已完成"})
    assert r.status_code == 303


def _evidence(k: Caller):
    for eid in k.w["evidence"]["out"]:
        assert k.get(f"/rectify/evidence/{eid}").status_code == 404
    assert k.get(f"/rectify/evidence/{k.w['evidence']['in']}").status_code == 200


def _rectify_xlsx(k: Caller):
    r = k.get("/rectify.xlsx")
    assert r.status_code == 200 and "莲麓调解角台账不全" in body_text(r)


def _admin_only(method, path):
    def call(k: Caller):
        url = path.replace("{name}", ADMIN)
        r = k.get(url) if method == "GET" else k.post(url, data={"role": "reviewer", "scope": "全部"})
        assert r.status_code == 403
    return call


def _ok_get(path, api=False):
    def call(k: Caller):
        assert k.get(path, api=api).status_code in (200, 303)
    return call


def _check(api_path):
    def call(k: Caller):
        text = report("和政县人民政府", "和政县草稿。")
        if api_path == "/api/check":
            r = k.post(api_path, api=True, json={"text": text})
        else:
            r = k.post(api_path, api=True, files={"file": ("draft.txt", text.encode(), "text/plain")})
        assert r.status_code == 200
    return call


def _login(k: Caller):
    other = client(k.app)
    page = other.get("/login")
    r = other.post("/login", data={"username": SCOPED, "password": PASSWORD, "csrf_token": csrf_of(page.text),
                                   "next": "/reports"}, follow_redirects=False)
    assert r.status_code == 303
    k.seen.append(("POST /login", r))
    k.seen.append(("GET /login", page))


def _logout(path):
    def call(k: Caller):
        other = client(k.app)
        login(other, SCOPED)
        tok = csrf_of(other.get("/upload").text)
        r = other.post(path, headers={"X-CSRF-Token": tok}, follow_redirects=False)
        assert r.status_code == 303
        k.seen.append((f"POST {path}", r))
    return call


def _corrections(api, method):
    def call(k: Caller):
        path = "/api/reports/{}/corrections" if api else "/reports/{}/corrections"
        for rid in outs(k.w):
            if method == "GET":
                r = k.get(path.format(rid), api=True)
            elif api:
                r = k.post(path.format(rid), api=True, json={"report_year": 2023, "reason": "核对"})
            else:
                r = k.post(path.format(rid), data={"report_year": "2023"})
            assert r.status_code == 404
        rid = k.w["ids"]["b.txt"]
        if method == "GET":
            r = k.get(path.format(rid), api=True)
            assert r.status_code == 200 and r.json()["report_id"] == rid
    return call


def _score(xlsx):
    def call(k: Caller):
        if xlsx:
            assert k.get("/score.xlsx", params={"place": "甘肃省", "year": 2024}).status_code == 200
        else:
            r = k.get("/score", params={"place": "甘肃省", "year": 2024})
            assert r.status_code == 200 and "东乡族自治县" in r.text
            k.get("/score", params={"place": "甘南藏族自治州", "year": 2024}, record=False)
    return call


# every route of the app -> how to call it as the scoped reviewer and what must hold
CALLS = {
    ("GET", "/"): _ok_get("/"),
    ("GET", "/healthz"): _ok_get("/healthz"),
    ("GET", "/api/openapi.json"): _ok_get("/api/openapi.json"),
    ("GET", "/api/docs"): _ok_get("/api/docs"),
    ("GET", "/login"): _login,
    ("POST", "/login"): _login,
    ("POST", "/logout"): _logout("/logout"),
    ("POST", "/logout-all"): None,             # called last (it ends the walk's session too)
    ("GET", "/reports"): _list(api=False),
    ("GET", "/reports/{rid}"): _report_get(""),
    ("GET", "/reports/{rid}/review.docx"): _report_get("/review.docx", word=False),
    ("GET", "/reports/{rid}/annotated.docx"): _report_get("/annotated.docx", word=False),
    ("GET", "/reports/{rid}/review.html"): _report_get("/review.html", word=False),
    ("GET", "/reports/{rid}/report.json"): _report_json(api=False),
    ("POST", "/reports/{rid}/findings/{fid}/decision"): _decision_page,
    ("POST", "/reports/{rid}/reviewer-findings"): _reviewer_finding(api=False),
    ("GET", "/upload"): _ok_get("/upload"),
    ("POST", "/upload"): _upload(api=False),
    ("GET", "/dashboard"): _dashboard(api=False),
    ("GET", "/compare"): _compare,
    ("GET", "/search"): _search(api=False),
    ("GET", "/check"): _ok_get("/check"),
    ("GET", "/users"): _admin_only("GET", "/users"),
    ("POST", "/users"): _admin_only("POST", "/users"),
    ("POST", "/users/{name}/scope"): _admin_only("POST", "/users/{name}/scope"),
    ("POST", "/users/{name}/token"): _admin_only("POST", "/users/{name}/token"),
    ("POST", "/users/{name}/tokens/revoke"): _admin_only("POST", "/users/{name}/tokens/revoke"),
    ("POST", "/users/{name}/role"): _admin_only("POST", "/users/{name}/role"),
    ("POST", "/users/{name}/password"): _admin_only("POST", "/users/{name}/password"),
    ("POST", "/users/{name}/logout"): _admin_only("POST", "/users/{name}/logout"),
    ("POST", "/users/{name}/delete"): _admin_only("POST", "/users/{name}/delete"),
    ("POST", "/settings/public-read"): _admin_only("POST", "/settings/public-read"),
    ("POST", "/api/reports"): _upload(api=True),
    ("GET", "/api/reports"): _list(api=True),
    ("GET", "/api/reports/{rid}"): _report_json(api=True),
    ("GET", "/api/reports/{rid}/review.docx"): _report_get("/review.docx", api=True, word=False),
    ("GET", "/api/reports/{rid}/annotated.docx"): _report_get("/annotated.docx", api=True, word=False),
    ("GET", "/api/reports/{rid}/review.html"): _report_get("/review.html", api=True, word=False),
    ("POST", "/api/reports/{rid}/findings/{fid}/decision"): _decision_api,
    ("POST", "/api/findings/{fid}/decision"): _decision_by_db_id,
    ("POST", "/api/reports/{rid}/reviewer-findings"): _reviewer_finding(api=True),
    ("GET", "/api/search"): _search(api=True),
    ("GET", "/api/dashboard"): _dashboard(api=True),
    ("POST", "/api/check"): _check("/api/check"),
    ("POST", "/api/check/file"): _check("/api/check/file"),
    ("GET", "/roster"): _roster,
    ("GET", "/roster.xlsx"): _roster_xlsx,
    ("GET", "/rectify"): _rectify_list,
    ("GET", "/rectify/{iid}"): _rectify_item,
    ("POST", "/rectify"): _rectify_add,
    ("POST", "/roster/link"): _roster_link,
    ("POST", "/rectify/{iid}"): _rectify_update,
    ("GET", "/rectify/evidence/{eid}"): _evidence,
    ("GET", "/rectify.xlsx"): _rectify_xlsx,
    ("GET", "/api/reports/{rid}/corrections"): _corrections(True, "GET"),
    ("POST", "/api/reports/{rid}/corrections"): _corrections(True, "POST"),
    ("POST", "/reports/{rid}/corrections"): _corrections(False, "POST"),
    ("GET", "/score"): _score(False),
    ("GET", "/score.xlsx"): _score(True),
}


def unregistered(app) -> set[tuple[str, str]]:
    """Routes of the app the walk does not know how to call."""
    return routes_of(app) - set(CALLS)


def test_every_route_as_a_scoped_reviewer_leaks_nothing_outside_the_region(world):
    app = world["app"]
    new = unregistered(app)
    assert not new, f"routes without a scope check in this test (register them in CALLS): {sorted(new)}"
    stale = set(CALLS) - routes_of(app)
    assert not stale, f"CALLS names routes the app no longer has: {sorted(stale)}"
    k = Caller(world)
    for key, call in CALLS.items():
        if call is not None:
            call(k)
    _logout("/logout-all")(k)
    assert k.seen
    for where, resp in k.seen:
        assert resp.status_code < 500, where
        assert_no_leak(resp, world, where)


def test_the_walk_fails_on_a_route_it_does_not_know(world):
    from fastapi import FastAPI
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.router.routes.extend(world["app"].router.routes)

    @app.get("/new-page")
    def new_page():
        return {}
    assert unregistered(app) == {("GET", "/new-page")}
    assert unregistered(world["app"]) == set()


def test_the_admin_sees_everything_and_the_dashboard_is_cached_per_scope(world):
    app, ids = world["app"], world["ids"]
    boss = client(app)
    login(boss, ADMIN)
    # the admin first: the unscoped aggregates are cached, and must not be served to the reviewer
    assert boss.get("/api/dashboard").json()["total"] == len(INSIDE) + len(OUTSIDE)
    assert boss.get(f"/reports/{ids['c.txt']}").status_code == 200
    doc = boss.get(f"/reports/{ids['a.txt']}/report.json").json()
    dup = [f for f in doc["findings"] if f["rule"] == "corpus.duplicate_text"]
    assert dup[0]["data"]["other_report_id"] == ids["c.txt"] and "夏河" in dup[0]["message"]
    rev = client(app)
    login(rev, SCOPED)
    data = rev.get("/api/dashboard").json()
    assert data["total"] == len(INSIDE)
    assert "（未识别）" not in json.dumps(data, ensure_ascii=False)     # the report without an adcode
    assert boss.get("/api/dashboard").json()["total"] == len(INSIDE) + len(OUTSIDE)


def test_a_scope_change_applies_at_once(world):
    from fazhi.web import accounts
    app, ids = world["app"], world["ids"]
    st = app.state.store
    accounts.add_user(st.engine, "tmp-scope", "viewer", PASSWORD, scope=scopes.parse("夏河县"))
    c = client(app)
    login(c, "tmp-scope")
    assert c.get(f"/reports/{ids['c.txt']}").status_code == 200
    assert c.get(f"/reports/{ids['a.txt']}").status_code == 404
    accounts.set_scope(st.engine, "tmp-scope", ALL)
    assert c.get(f"/reports/{ids['a.txt']}").status_code == 200
    assert c.get(f"/reports/{ids['d.txt']}").status_code == 200      # all: even without an adcode
    accounts.delete_user(st.engine, "tmp-scope")


def test_admin_sets_a_scope_on_the_users_page(world):
    from fazhi.web import accounts
    app = world["app"]
    st = app.state.store
    boss = client(app)
    login(boss, ADMIN)
    tok = csrf_of(boss.get("/users").text)
    r = boss.post("/users", data={"username": "page-user", "role": "viewer", "password": PASSWORD,
                                  "scope": "东乡族自治县", "csrf_token": tok}, follow_redirects=True)
    assert "可查看：东乡族自治县" in r.text
    assert accounts.get_user(st.engine, name="page-user")["scope"] == "622926"
    r = boss.post("/users/page-user/scope", data={"scope": "鼓楼区", "csrf_token": tok}, follow_redirects=True)
    assert "地区名称不唯一" in r.text and accounts.get_user(st.engine, name="page-user")["scope"] == "622926"
    r = boss.post("/users/page-user/scope", data={"scope": "全部", "csrf_token": tok}, follow_redirects=True)
    assert accounts.get_user(st.engine, name="page-user")["scope"] is None and "“全部”" in r.text
    accounts.delete_user(st.engine, "page-user")


# -- the Scope itself -------------------------------------------------------------------------

def test_scope_from_a_place_name():
    assert scopes.parse("临夏回族自治州") == Scope("6229", "临夏回族自治州")
    assert scopes.parse("甘肃省").prefix == "62"
    assert scopes.parse("东乡族自治县").prefix == "622926"
    assert scopes.parse("全部") is ALL and scopes.parse("") is ALL
    with pytest.raises(FazhiError) as e:
        scopes.parse("鼓楼区")
    assert e.value.code == "ambiguous_place"
    with pytest.raises(FazhiError) as e:
        scopes.parse("青石县")
    assert e.value.code == "unknown_place"


def test_scope_covers_adcodes_units_and_nothing_without_an_adcode():
    lx = scopes.parse("临夏回族自治州")
    assert lx.covers("622926") and not lx.covers("623027") and not lx.covers(None)
    assert ALL.covers(None)
    assert lx.covers_unit("东乡族自治县司法局") and lx.covers_unit("临夏回族自治州人民政府")
    assert not lx.covers_unit("夏河县司法局") and not lx.covers_unit("某某局")
    assert not lx.covers_unit("鼓楼区司法局")                  # ambiguous: a reading outside
    assert scopes.parse("福州市").covers_unit("福州市鼓楼区司法局")


def test_redact_keeps_own_quotes_and_drops_the_other_region():
    class NoStore:
        pass
    f = {"rule": "corpus.duplicate_text", "message": "与夏河县2024年度报告有1处段落相同",
         "evidence": [{"start": 0, "end": 5, "quote": "本县的话"}],
         "data": {"other_report_id": 7, "other_report_key": "k", "other_place": "夏河县", "shared_chars": 40,
                  "share": 0.5, "passages": [{"start": 0, "end": 5, "other_start": 9, "other_end": 14,
                                              "other_quote": "对方的话"}]}}
    lx = scopes.parse("临夏回族自治州")
    lx_inside = Scope(lx.prefix, lx.name)
    out = scopes._redacted(f)
    assert "夏河" not in json.dumps(out, ensure_ascii=False) and "对方的话" not in json.dumps(out, ensure_ascii=False)
    assert out["evidence"] == f["evidence"] and out["data"]["passages"] == [{"start": 0, "end": 5}]
    assert "50%" in out["message"]
    assert ALL.redact(NoStore(), [f]) == [f]           # everything: nothing to hide
    assert lx_inside.redact(NoStore(), [{"rule": "x", "data": {}}]) == [{"rule": "x", "data": {}}]


def test_user_cli_sets_and_changes_scopes(tmp_path, monkeypatch, capsys):
    from fazhi.cli import main
    from fazhi.corpus.store import Store
    from fazhi.web import accounts
    db = str(tmp_path / "u.db")

    def run(argv, stdin=""):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main(argv)
    assert run(["user", "add", "lx", "--scope", "临夏回族自治州", "--password-stdin", "--db", db], "pw-12345678\n") == 0
    st = Store(db).migrate()
    assert accounts.get_user(st.engine, name="lx")["scope"] == "6229"
    capsys.readouterr()
    assert run(["user", "add", "gl", "--scope", "鼓楼区", "--password-stdin", "--db", db], "pw-12345678\n") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "地区名称不唯一" in err[0] and "ambiguous place name" in err[0]
    assert accounts.get_user(st.engine, name="gl") is None
    assert run(["user", "scope", "lx", "不存在的地方", "--db", db]) == 1
    assert "地名词典中没有这个地区" in capsys.readouterr().err
    assert run(["user", "scope", "lx", "全部", "--db", db]) == 0
    assert accounts.get_user(st.engine, name="lx")["scope"] is None
    assert run(["user", "scope", "lx", "东乡族自治县", "--db", db]) == 0
    capsys.readouterr()
    assert run(["user", "list", "--db", db]) == 0
    assert "东乡族自治县" in capsys.readouterr().out
    assert run(["user", "scope", "nobody", "东乡族自治县", "--db", db]) == 1
    st.close()


def test_migration_0006_keeps_existing_users_at_everything(tmp_path):
    import sqlalchemy as sa
    from fazhi.corpus.store import Store
    st = Store(f"sqlite:///{tmp_path / 'm.db'}").migrate("0005")
    with st.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO users (name, role, password_hash, created, session_version) "
                             "VALUES ('old', 'reviewer', 'x', '2026-01-01', 1)"))
    st.migrate()
    from fazhi.web import accounts
    u = accounts.get_user(st.engine, name="old")
    assert u["scope"] is None and scopes.of_user(u) is ALL
    st.close()


def test_outside_is_answered_exactly_as_missing(world):
    """The 404 of an outside id says what the 404 of an id that does not exist says."""
    def said(text: str) -> str:          # a page: its message (the CSRF token differs per request)
        m = re.search(r'class="err">(.*?)</p>', text, re.S)
        return m.group(1) if m else text

    def same(a, n_a, b, n_b) -> bool:
        return re.sub(rf"(?<!\d){n_a}(?!\d)", "N", said(a)) == re.sub(rf"(?<!\d){n_b}(?!\d)", "N", said(b))
    app, ids, fids = world["app"], world["ids"], world["fids"]
    c = client(app)
    h = {"Authorization": f"Bearer {app.state.store.create_token(SCOPED)}"}
    missing = 2 ** 31 - 2
    for out in (ids["c.txt"], ids["d.txt"]):
        for url in ("/api/reports/{}", "/reports/{}", "/api/reports/{}/review.docx", "/compare?a={}"):
            a, b = c.get(url.format(out), headers=h), c.get(url.format(missing), headers=h)
            assert a.status_code == b.status_code == 404
            assert same(a.text, out, b.text, missing), url
    a = c.post(f"/api/findings/{fids['c.txt']}/decision", headers=h, json={"decision": "confirmed"})
    b = c.post(f"/api/findings/{missing}/decision", headers=h, json={"decision": "confirmed"})
    assert a.status_code == b.status_code == 404
    assert same(a.json()["message"], fids["c.txt"], b.json()["message"], missing)
    for iid in world["items"]["out"]:
        page = client(app)
        login(page, SCOPED)
        assert same(page.get(f"/rectify/{iid}").text, iid, page.get(f"/rectify/{missing}").text, missing)


def test_scores_rank_only_the_reports_inside_the_scope(world):
    from fazhi.supervision.ranking import rank
    st = world["app"].state.store
    everyone = rank(st, year=2024)
    assert {r.report_id for r in everyone} == set(world["ids"].values())
    mine = rank(st, year=2024, scope=scopes.parse("临夏回族自治州"))
    assert {r.report_id for r in mine} == set(ins(world))
    assert max(r.rank for r in mine) <= len(INSIDE) and all(0 <= r.percentile <= 100 for r in mine)
