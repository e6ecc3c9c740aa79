"""自查 (web/selfcheck.py): a draft analysed and returned with its findings in place, nothing stored."""
from __future__ import annotations

from web_helpers import client, csrf_of, example_file, login, make_app


def test_draft_checked_and_not_stored(tmp_path):
    app = make_app(tmp_path / "s.db", load=False)
    c = client(app)
    assert c.get("/check", follow_redirects=False).status_code in (302, 303)     # sign in first
    login(c, "look")                                        # a viewer may check a draft
    page = c.get("/check")
    assert page.status_code == 200 and 'id="draft"' in page.text and "/static/selfcheck.js" in page.text
    token = csrf_of(page.text)
    text = example_file().read_text("utf-8")
    before = len(app.state.store.list_reports())
    r = c.post("/api/check", json={"text": text}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["verdict"] in ("合格", "需修改", "不合格") and res["findings"]
    for f in res["findings"]:
        assert f["id"].startswith("F") and f["title"] and "_" not in f["message"]
        for a, b in f["spans"]:
            assert 0 <= a < b <= len(res["text"])
    rate = next(f for f in res["findings"] if f["title"] == "比率与其分子分母不符")
    a, b = rate["spans"][0]
    assert res["text"][a:b] == "85%"
    assert {p["name"]: p["present"] for p in res["parts"]}["存在的不足和原因"] is True
    assert len(app.state.store.list_reports()) == before == 0          # nothing stored
    # without the CSRF token a cookie-authenticated POST is refused
    assert c.post("/api/check", json={"text": text}).status_code in (400, 403)
    # a dropped file is read the same way
    r = c.post("/api/check/file", files={"file": ("草稿.txt", text.encode("utf-8"), "text/plain")},
               headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and len(r.json()["findings"]) == len(res["findings"])
    bad = c.post("/api/check/file", files={"file": ("x.pdf", b"%PDF-1.4\n garbage", "application/pdf")},
                 headers={"X-CSRF-Token": token})
    assert bad.status_code == 422 and "/" in bad.json()["message"]
