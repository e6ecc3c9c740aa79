"""The correction form on the report page and `POST/GET /api/reports/{id}/corrections`: a reviewer
corrects, the page, the list, the downloads say so; a viewer or nobody cannot; bad values are a
400 with a Chinese message. Real SQLite file and (FAZHI_TEST_PG) the real PostgreSQL server."""
from __future__ import annotations

import re

import pytest

from conftest import sqlite_or_pg_store
from test_supervision_corrections import MISREAD
from web_helpers import bearer, client, csrf_of, login, make_app


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request, tmp_path):
    for st in sqlite_or_pg_store(request, tmp_path, "webcorr"):
        a = make_app(st.url, load=False)
        a.state.store.ingest_items([("dongxiang.txt", MISREAD.encode("utf-8"))], corpus=False)
        yield a
        a.state.refresher.wait()
        a.state.store.close()


def _rid(app):
    return app.state.store.list_reports()[0]["id"]


def test_reviewer_corrects_on_the_report_page(app):
    rid = _rid(app)
    c = client(app)
    login(c, "rev")
    page = c.get(f"/reports/{rid}").text
    assert 'id="correct-form"' in page and 'name="report_year" value="2022"' in page
    r = c.post(f"/reports/{rid}/corrections", follow_redirects=False, data={
        "csrf_token": csrf_of(page), "jurisdiction": "东乡族自治县", "level": "市级", "department": "",
        "report_year": "2023", "report_date": "2024-02-20", "publish_date": "", "kind": "年度报告",
        "reason": "按报送原件核对"})
    assert r.status_code == 303 and r.headers["location"].endswith("#corrections")
    page = c.get(f"/reports/{rid}").text
    assert "已更正 层级：市级、报告年度：2023年" in page
    applied = re.search(r'id="corrections-applied">(.*?)</ul>', page, re.S).group(1)
    assert "层级：市级（人工更正，原为：县级；rev " in applied and "理由：按报送原件核对" in applied
    history = re.search(r'id="corrections-history">(.*?)</table>', page, re.S).group(1)
    assert "rev" in history and "县级" in history and "市级" in history and "2022年" in history
    assert "2023年（人工更正，原为：2022年" in page            # the info line on top of the page
    assert "county" not in applied + history and "report_year" not in history
    listing = c.get("/reports").text
    assert "人工更正" in listing
    assert "人工更正，原为：2022年" in c.get(f"/reports/{rid}/review.html").text
    # an unchanged form saves nothing
    r = c.post(f"/reports/{rid}/corrections", follow_redirects=False,
               data={"csrf_token": csrf_of(page), "level": "市级", "report_year": "2023"})
    assert "没有需要更正的内容" in c.get(f"/reports/{rid}").text
    # without the CSRF token: refused
    assert c.post(f"/reports/{rid}/corrections", data={"level": "省级"}, follow_redirects=False).status_code == 403


def test_viewer_and_anonymous_cannot_correct(app):
    rid = _rid(app)
    v = client(app)
    login(v, "look")
    page = v.get(f"/reports/{rid}").text
    assert 'id="correct-form"' not in page
    r = v.post(f"/reports/{rid}/corrections", data={"csrf_token": csrf_of(page), "level": "市级"},
               follow_redirects=False)
    assert r.status_code == 403
    api = client(app)
    assert api.post(f"/api/reports/{rid}/corrections", json={"level": "市级"}).status_code == 401
    assert api.post(f"/api/reports/{rid}/corrections", json={"level": "市级"},
                    headers=bearer(app, "look")).status_code == 403
    assert app.state.store.report_json(rid)["meta"]["level"] == "county"


def test_api_correct_and_history(app):
    rid = _rid(app)
    api = client(app)
    h = bearer(app, "rev")
    r = api.post(f"/api/reports/{rid}/corrections", headers=h,
                 json={"level": "市级", "报告年度": 2023, "reason": "按报送原件核对"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["meta"]["level"], body["meta"]["report_year"]) == ("city", 2023)
    assert {c["field"]: c["machine"] for c in body["corrections"]} == {"level": "county", "report_year": 2022}
    bad = api.post(f"/api/reports/{rid}/corrections", headers=h, json={"jurisdiction": "青禾县"})
    assert bad.status_code == 400 and "地名词典中没有这个地区" in bad.json()["message"]
    bad = api.post(f"/api/reports/{rid}/corrections", headers=h, json={"report_date": "2024-13-01"})
    assert bad.status_code == 400 and "成文日期" in bad.json()["message"]
    assert api.post(f"/api/reports/{rid}/corrections", headers=h, json=["level"]).status_code in (400, 422)
    assert api.post("/api/reports/99999/corrections", headers=h, json={"level": "市级"}).status_code == 404
    hist = api.get(f"/api/reports/{rid}/corrections", headers=bearer(app, "look")).json()
    assert [(x["field"], x["old"], x["new"], x["user"]) for x in hist["history"]] == [
        ("level", "county", "city", "rev"), ("report_year", 2022, 2023, "rev")]
    assert all(x["at"] for x in hist["history"])
    items = api.get("/api/reports", headers=h, params={"year": 2023, "level": "city"}).json()["items"]
    assert [(x["id"], x["corrected"]) for x in items] == [(rid, ["level", "report_year"])]
    assert api.get("/api/reports", headers=h, params={"year": 2022}).json()["total"] == 0
