"""Shared set-up of the web tests: an app over a real SQLite file with three users."""
from __future__ import annotations

import re
import warnings

from conftest import EXAMPLES, TEXTS

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)

PASSWORD = "correct horse"
USERS = {"boss": "admin", "rev": "reviewer", "look": "viewer"}


def example_file():
    return next(EXAMPLES.glob("*.txt"))


def make_app(db_path, *, config=None, public_read=False, load=True):
    from fazhi.web.app import create_app
    app = create_app(str(db_path), config=config, secret_key="test-secret", public_read=public_read)
    st = app.state.store
    for name, role in USERS.items():
        st.add_user(name, role, PASSWORD)
    if load:
        st.ingest([example_file(), TEXTS / "corpus_lanxi_2022.txt", TEXTS / "corpus_lanxi_2023.txt"])
    return app


def client(app):
    from fastapi.testclient import TestClient
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(app)


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html) or re.search(r'data-csrf="([^"]+)"', html)
    assert m, "no CSRF token on the page"
    return m.group(1)


def login(c, name: str, password: str = PASSWORD):
    page = c.get("/login")
    r = c.post("/login", data={"username": name, "password": password, "csrf_token": csrf_of(page.text),
                               "next": "/reports"}, follow_redirects=False)
    return r


def bearer(app, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.state.store.create_token(name)}"}
