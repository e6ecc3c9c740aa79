"""The JSON API (/api) against a real SQLite file: bearer tokens, roles, the JSON contract,
filters, decisions that reach the Word opinion and survive re-analysis, reviewer findings."""
from __future__ import annotations

import io
import json

import pytest
from docx import Document

from conftest import ROOT, TEXTS
from web_helpers import bearer, client, csrf_of, login, make_app

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("webapi") / "web.db")


@pytest.fixture(scope="module")
def c(app):
    return client(app)


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_healthz_needs_no_login_and_everything_else_does(c):
    assert c.get("/healthz").status_code == 200
    r = c.get("/api/reports")
    assert r.status_code == 401
    assert "登录" in r.json()["message"]
    assert c.get("/api/reports", headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    assert c.get("/api/reports/1").status_code == 401


def test_openapi_lists_the_endpoints(c):
    spec = c.get("/api/openapi.json").json()
    paths = spec["paths"]
    for p in ("/api/reports", "/api/reports/{rid}", "/api/reports/{rid}/review.docx",
              "/api/findings/{fid}/decision"):
        assert p in paths
    assert "post" in paths["/api/reports"]
    assert c.get("/api/docs").status_code == 200


def test_upload_returns_the_stored_report_in_the_contract(app, c):
    import jsonschema
    schema = json.loads((ROOT / "docs" / "json-schema" / "fazhi.report-1.json").read_text("utf-8"))
    text = (TEXTS / "checks_incomplete.txt").read_bytes()
    r = c.post("/api/reports", files={"file": ("../../etc/checks_incomplete.txt", text, "text/plain")},
               headers=bearer(app, "rev"))
    assert r.status_code == 201, r.text
    doc = r.json()
    jsonschema.validate(doc, schema)
    assert isinstance(doc["id"], int) and doc["status"] == "new"
    assert doc["store"]["name"] == "checks_incomplete.txt"          # folders stripped from the name
    assert doc["text"] and doc["findings"]
    assert all(f["id"].startswith("F") and f["key"] for f in doc["findings"])
    # the same bytes again: not stored twice, the existing report is returned
    again = c.post("/api/reports", files={"file": ("x.txt", text, "text/plain")}, headers=bearer(app, "rev"))
    assert again.status_code == 200 and again.json()["id"] == doc["id"] and again.json()["status"] == "skipped"


def test_upload_errors_are_plain_words(app, c):
    h = bearer(app, "rev")
    r = c.post("/api/reports", files={"file": ("virus.exe", b"MZ\x90\x00", "application/octet-stream")}, headers=h)
    assert r.status_code == 422 and "不支持的文件类型" in r.json()["message"]
    r = c.post("/api/reports", files={"file": ("broken.pdf", b"%PDF-1.4 not really", "application/pdf")}, headers=h)
    assert r.status_code == 422
    assert r.json()["message"] and "Traceback" not in r.json()["message"]


def test_viewer_cannot_upload_or_decide(app, c):
    h = bearer(app, "look")
    r = c.post("/api/reports", files={"file": ("a.txt", "法治政府建设".encode(), "text/plain")}, headers=h)
    assert r.status_code == 403
    fid = c.get("/api/reports/1", headers=h).json()["findings"][0]["db_id"]
    r = c.post(f"/api/findings/{fid}/decision", json={"decision": "dismissed"}, headers=h)
    assert r.status_code == 403


def test_list_filters_sort_and_pages(app, c):
    h = bearer(app, "look")
    everything = c.get("/api/reports", headers=h).json()
    assert everything["total"] >= 3
    y22 = c.get("/api/reports", params={"year": 2022}, headers=h).json()
    assert y22["total"] >= 1 and all(r["report_year"] == 2022 for r in y22["items"])
    major = c.get("/api/reports", params={"severity": "major"}, headers=h).json()
    assert all(r["n_major"] > 0 for r in major["items"])
    by_year = c.get("/api/reports", params={"sort": "-year"}, headers=h).json()["items"]
    years = [r["report_year"] for r in by_year if r["report_year"] is not None]
    assert years == sorted(years, reverse=True)
    page = c.get("/api/reports", params={"page_size": 1, "page": 2}, headers=h).json()
    assert page["total"] == everything["total"] and len(page["items"]) == 1
    assert page["items"][0]["id"] == everything["items"][1]["id"]
    verdict = everything["items"][0]["verdict"]
    same = c.get("/api/reports", params={"verdict": verdict}, headers=h).json()["items"]
    assert same and all(r["verdict"] == verdict for r in same)


def test_get_report_and_404(app, c):
    h = bearer(app, "look")
    doc = c.get("/api/reports/1", headers=h).json()
    assert doc["id"] == 1 and doc["schema"] == "fazhi.report/1"
    r = c.get("/api/reports/99999", headers=h)
    assert r.status_code == 404 and "不存在" in r.json()["message"]


def test_dismissal_reaches_the_word_opinion_and_survives_reanalysis(app, c):
    h = bearer(app, "rev")
    doc = c.get("/api/reports/1", headers=h).json()
    target = next(f for f in doc["findings"] if f["severity"] == "major")
    comment = "经核对原始台账，该比率按全年口径计算，无误。"
    r = c.post(f"/api/findings/{target['db_id']}/decision", json={"decision": "dismissed", "comment": comment}, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["user"] == "rev"
    after = c.get("/api/reports/1", headers=h).json()
    dec = next(f for f in after["findings"] if f["id"] == target["id"])["decision"]
    assert dec["decision"] == "dismissed" and dec["comment"] == comment and dec["user"] == "rev" and dec["at"]
    word = c.get("/api/reports/1/review.docx", headers=h)
    assert word.status_code == 200
    assert word.headers["content-type"].startswith("application/vnd.openxmlformats")
    text = _docx_text(word.content)
    assert comment in text and "rev" in text
    # re-analysis writes new finding rows; the decision is keyed by the stable finding key
    app.state.store.reanalyze()
    again = c.get("/api/reports/1", headers=h).json()
    same = next(f for f in again["findings"] if f["key"] == target["key"])
    assert same["decision"]["comment"] == comment
    assert comment in _docx_text(c.get("/api/reports/1/review.docx", headers=h).content)


def test_bad_decisions_are_refused(app, c):
    h = bearer(app, "rev")
    assert c.post("/api/findings/F999999/decision", json={"decision": "dismissed"}, headers=h).status_code == 404
    assert c.post("/api/findings/abc/decision", json={"decision": "dismissed"}, headers=h).status_code == 404
    fid = c.get("/api/reports/1", headers=h).json()["findings"][0]["db_id"]
    r = c.post(f"/api/findings/{fid}/decision", json={"decision": "maybe"}, headers=h)
    assert r.status_code == 422 and "message" in r.json()


def test_reviewer_finding_on_a_passage(app, c):
    h = bearer(app, "rev")
    doc = c.get("/api/reports/1", headers=h).json()
    text = doc["text"]
    start = text.index("法治")
    end = start + 10
    r = c.post("/api/reports/1/reviewer-findings",
               json={"start": start, "end": end, "message": "表述过于笼统", "severity": "minor", "quote": text[start:end]},
               headers=h)
    assert r.status_code == 201, r.text
    rf = c.get("/api/reports/1", headers=h).json()["store"]["reviewer_findings"]
    assert any(x["quote"] == text[start:end] and x["user"] == "rev" for x in rf)
    assert "表述过于笼统" in _docx_text(c.get("/api/reports/1/review.docx", headers=h).content)
    bad = c.post("/api/reports/1/reviewer-findings",
                 json={"start": start, "end": end, "message": "x", "quote": "不是这段文字"}, headers=h)
    assert bad.status_code == 422
    outside = c.post("/api/reports/1/reviewer-findings",
                     json={"start": len(text) - 1, "end": len(text) + 5, "message": "x"}, headers=h)
    assert outside.status_code == 422


def test_session_post_needs_csrf_header(app):
    c2 = client(app)
    assert login(c2, "rev").status_code == 303
    fid = c2.get("/api/reports/1").json()["findings"][0]["db_id"]
    r = c2.post(f"/api/findings/{fid}/decision", json={"decision": "confirmed"})
    assert r.status_code == 403
    token = csrf_of(c2.get("/reports").text)
    r = c2.post(f"/api/findings/{fid}/decision", json={"decision": "confirmed"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200


def test_search_api(app, c):
    h = bearer(app, "look")
    res = c.get("/api/search", params={"q": "复议"}, headers=h).json()["results"]
    assert res and all("复议" in hit["quote"] for r in res for hit in r["hits"])


def test_the_app_on_postgresql(tmp_path):
    """The same app over PostgreSQL (CI sets FAZHI_TEST_PG): list, report page, decision, Word."""
    import os
    import uuid

    import sqlalchemy as sa
    pg = os.environ.get("FAZHI_TEST_PG")
    if not pg:
        pytest.skip("FAZHI_TEST_PG is not set (CI sets it and starts PostgreSQL)")
    schema = "w_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(pg)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.engine.make_url(pg).update_query_dict({"options": f"-csearch_path={schema},public"}) \
        .render_as_string(hide_password=False)
    try:
        app = make_app(url)
        c = client(app)
        h = bearer(app, "rev")
        items = c.get("/api/reports", params={"year": 2023, "sort": "-major"}, headers=h).json()["items"]
        assert items and all(r["report_year"] == 2023 for r in items)
        rid = items[0]["id"]
        assert c.get(f"/reports/{rid}", headers=h).status_code == 200
        assert c.get("/dashboard", headers=h).status_code == 200
        f = c.get(f"/api/reports/{rid}", headers=h).json()["findings"][0]
        assert c.post(f"/api/findings/{f['db_id']}/decision", json={"decision": "dismissed", "comment": "PG 驳回"},
                      headers=h).status_code == 200
        assert "PG 驳回" in _docx_text(c.get(f"/api/reports/{rid}/review.docx", headers=h).content)
        assert c.get("/search", params={"q": "复议"}, headers=h).status_code == 200
        app.state.store.close()
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_db(request, tmp_path):
    """An empty database: a SQLite file, or a fresh schema on FAZHI_TEST_PG's server."""
    import os
    import uuid

    import sqlalchemy as sa
    if request.param == "sqlite":
        yield str(tmp_path / "reviewed.db")
        return
    pg = os.environ.get("FAZHI_TEST_PG")
    if not pg:
        pytest.skip("FAZHI_TEST_PG is not set (CI sets it and starts PostgreSQL)")
    schema = "v_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(pg)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield sa.engine.make_url(pg).update_query_dict({"options": f"-csearch_path={schema},public"}) \
            .render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def test_list_filters_on_the_verdict_after_review(fresh_db, tmp_path):
    from review_helpers import write_pair
    app = make_app(fresh_db, load=False)
    try:
        st = app.state.store
        st.ingest(list(write_pair(tmp_path / "in")))
        c = client(app)
        h = bearer(app, "rev")

        def listed(**params):
            return sorted(r["id"] for r in c.get("/api/reports", params=params, headers=h).json()["items"])
        by_place = {r["jurisdiction"]: r["id"] for r in c.get("/api/reports", headers=h).json()["items"]}
        a, b = by_place["栖霞岭县"], by_place["白鹭洲县"]
        assert listed(verdict="合格") == [b] and listed(verdict="需修改") == [a]

        major = next(f for f in c.get(f"/api/reports/{a}", headers=h).json()["findings"] if f["severity"] == "major")
        assert c.post(f"/api/findings/{major['db_id']}/decision", json={"decision": "dismissed"},
                      headers=h).status_code == 200
        assert listed(verdict="合格") == sorted([a, b]) and listed(verdict="需修改") == []
        assert listed(severity="major") == []
        item = next(r for r in c.get("/api/reports", params={"verdict": "合格"}, headers=h).json()["items"]
                    if r["id"] == a)
        assert item["adjusted"] and item["engine_verdict"] == "需修改" and item["n_major"] == 0
        page = c.get("/reports", params={"verdict": "合格"}, headers=h).text
        assert "审核后（原需修改）" in page

        text = c.get(f"/api/reports/{b}", headers=h).json()["text"]
        i = text.index("带头旁听庭审")
        r = c.post(f"/api/reports/{b}/reviewer-findings", headers=h,
                   json={"start": i, "end": i + 6, "message": "未说明旁听次数", "severity": "major"})
        assert r.status_code == 201, r.text
        assert listed(verdict="合格") == [a] and listed(verdict="需修改") == [b]
        assert listed(severity="major") == [b]
        assert [x["id"] for x in c.get("/api/reports", params={"sort": "-major"}, headers=h).json()["items"]][0] == b

        st.reanalyze()
        assert listed(verdict="合格") == [a] and listed(verdict="需修改") == [b]
    finally:
        app.state.store.close()
