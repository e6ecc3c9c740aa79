"""The web app tells the same story as the CLI and the documents: one row per rule among the most
frequent findings, every search term marked, times as a reviewer reads them, no rule ids shown."""
from __future__ import annotations

import re

from web_helpers import bearer, client, login, make_app


def test_dashboard_search_and_users_pages(tmp_path):
    app = make_app(tmp_path / "w.db")
    c = client(app)
    h = bearer(app, "boss")
    top = c.get("/api/dashboard", headers=h).json()["top_findings"]
    assert top and len({x["rule"] for x in top}) == len(top)
    assert all(sum(x["by_severity"].values()) == x["n"] for x in top)
    login(c, "boss")
    page = re.sub(r"<script.*?</script>", "", c.get("/dashboard").text, flags=re.S)   # data for the charts
    page = re.sub(r'\s(?:data-[a-z-]+|id|class)="[^"]*"', "", page)
    assert not re.search(r"\b(structure|figures|years|provenance|quality|corpus)\.[a-z_]+", page)
    # two terms: both are marked in the snippets
    res = c.get("/search", params={"q": "行政复议 案件"}).text
    marks = set(re.findall(r'<mark class="hit">([^<]+)</mark>', res))
    assert {"行政复议", "案件"} <= marks, marks
    users = c.get("/users").text
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", users)
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", users)


def test_when_filter():
    from fazhi.web.core import when
    assert when("2026-12-02T01:23:00+00:00") == "2026年12月2日 09:23"
    assert when(None) == "—"


def test_cli_user_list_says_roles_and_times_as_the_users_page(tmp_path, capsys):
    """`fazhi user list` printed the role code (admin) and the ISO time (…T01:23) the web's 用户
    page had stopped showing: both now say 管理员 and 2026年12月2日 09:23."""
    from fazhi.cli import main
    from fazhi.labels import ROLE_NAMES
    from fazhi.zh.dates import when
    db = tmp_path / "u.db"
    app = make_app(db, load=False)
    users = app.state.store.users()
    assert main(["user", "list", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert not re.search(r"\bT\d\d:\d\d|\b(admin|reviewer|viewer)\b", out.replace("fazhi user add", "")), out
    c = client(app)
    login(c, "boss")
    page = c.get("/users").text
    for u in users:
        line = next(x for x in out.splitlines() if x.startswith(u["name"] + "\t"))
        role, created = ROLE_NAMES[u["role"]], when(u["created"])
        assert role in line and created in line, line
        assert role in page and created in page, u["name"]
