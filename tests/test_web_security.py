"""Attacks on `fazhi serve`, replayed against a real uvicorn server on 127.0.0.1 (a free port,
in a thread of the test process, run with the same settings as `fazhi serve`: web/server.py).

Each test is one attack of one class (body before identity, one upload slowing everyone,
sessions that cannot be revoked, login guessing, smaller holes); the test passes when the
server defends. Raw sockets are used where a client library would hide the attack (a body
announced but never sent, an endless chunked body, a forged Host header).
"""
from __future__ import annotations

import io
import re
import socket
import statistics
import threading
import time
import warnings
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, TEXTS

warnings.filterwarnings("ignore", category=DeprecationWarning)
httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")

PASSWORD = "correct horse"
USERS = {"boss": "admin", "rev": "reviewer", "look": "viewer"}
MB = 1 << 20


# -- a live server ----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Live:
    """create_app + uvicorn in a thread on 127.0.0.1, as `fazhi serve --host 127.0.0.1` runs it."""

    def __init__(self, db: Path, *, public_read: bool = False, config=None, trusted_proxies=None,
                 load: bool = True) -> None:
        from fazhi.config import Config
        from fazhi.web.app import create_app
        self.port = _free_port()
        self.host = "127.0.0.1"
        cfg = config or Config.default()
        try:
            from fazhi.web.server import default_allowed_hosts, uvicorn_config
            self.app = create_app(str(db), config=cfg, secret_key="test-secret", public_read=public_read,
                                  allowed_hosts=default_allowed_hosts(self.host, None))
            ucfg = uvicorn_config(self.app, self.host, self.port, trusted_proxies=trusted_proxies)
        except ImportError:                      # the code before these defences (for counting holes)
            self.app = create_app(str(db), config=cfg, secret_key="test-secret", public_read=public_read)
            ucfg = uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning")
        st = self.app.state.store
        for name, role in USERS.items():
            st.add_user(name, role, PASSWORD)
        if load:
            st.ingest([next(EXAMPLES.glob("*.txt")), TEXTS / "corpus_lanxi_2023.txt"])
        self.server = uvicorn.Server(ucfg)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started and time.time() < deadline:
            time.sleep(0.02)
        assert self.server.started, "server did not start"
        self.base = f"http://{self.host}:{self.port}"

    def client(self, **kw) -> "httpx.Client":
        return httpx.Client(base_url=self.base, timeout=kw.pop("timeout", 60), follow_redirects=False, **kw)

    def token(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.app.state.store.create_token(name)}"}

    def reset_login_book(self) -> None:
        """Each attack starts with an empty failure book (they all come from 127.0.0.1)."""
        self.app.state._state.pop("login_guard", None)
        self.app.state.__dict__.pop("login_failures", None)

    def stop(self) -> None:
        getattr(self.app.state.refresher, "wait", lambda t: None)(120)
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    srv = Live(tmp_path_factory.mktemp("sec") / "sec.db")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    """A loopback instance anybody may read (`--public-read`), the DNS rebinding target."""
    srv = Live(tmp_path_factory.mktemp("pub") / "pub.db", public_read=True)
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def _fresh_login_book(request):
    for name in ("live", "public"):
        if name in request.fixturenames:
            request.getfixturevalue(name).reset_login_book()


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html) or re.search(r'data-csrf="([^"]+)"', html)
    assert m, "no CSRF token on the page"
    return m.group(1)


def login(c, name: str, password: str = PASSWORD, headers=None):
    page = c.get("/login")
    return c.post("/login", data={"username": name, "password": password, "csrf_token": csrf_of(page.text),
                                  "next": "/reports"}, headers=headers or {})


def signed_in(live: Live, name: str):
    c = live.client()
    r = login(c, name)
    assert r.status_code == 303, r.text[:300]
    return c


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def raw_request(port: int, head: str, body_chunks=(), *, chunked: bool = False, max_send: int = 0,
                timeout: float = 10.0) -> tuple[int | None, int, float]:
    """Send a request head, then body chunks until the server answers (or max_send bytes or the
    timeout). Returns (status or None, body bytes sent, seconds until the answer)."""
    import select
    t0 = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 16)
    sent = 0
    resp = b""
    try:
        s.sendall(head.encode("latin-1"))
        chunks = iter(body_chunks)
        while time.monotonic() - t0 < timeout:
            r, _, _ = select.select([s], [], [], 0.0)
            if r:
                data = s.recv(65536)
                if not data:
                    break
                resp += data
                if b"\r\n" in resp:
                    break
                continue
            if max_send and sent >= max_send:
                r, _, _ = select.select([s], [], [], 0.05)
                if not r and time.monotonic() - t0 > timeout:
                    break
                continue
            chunk = next(chunks, None)
            if chunk is None:
                r, _, _ = select.select([s], [], [], max(0.0, timeout - (time.monotonic() - t0)))
                if not r:
                    break
                continue
            try:
                s.sendall((f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n") if chunked else chunk)
            except (BrokenPipeError, ConnectionResetError):
                resp += s.recv(65536) if select.select([s], [], [], 1)[0] else b""
                break
            sent += len(chunk)
    except (ConnectionResetError, socket.timeout):
        pass
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", resp)
    return (int(m.group(1)) if m else None), sent, time.monotonic() - t0


def _endless(chunk: int = MB, total: int = 300 * MB):
    block = b"x" * chunk
    for _ in range(total // chunk):
        yield block


# -- 1. body before identity --------------------------------------------------------------------

def test_body_announced_300mb_without_credentials_is_refused_before_reading(live):
    head = (f"POST /api/findings/F1/decision HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {300 * MB}\r\n\r\n")
    status, sent, secs = raw_request(live.port, head, (), timeout=5)
    assert status in (401, 413) and secs < 2, (status, secs)


def test_chunked_300mb_json_without_credentials_is_refused_before_reading(live):
    head = (f"POST /api/findings/F1/decision HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    before = _rss_mb()
    status, sent, secs = raw_request(live.port, head, _endless(), chunked=True, max_send=64 * MB, timeout=20)
    assert status in (401, 413) and sent < 8 * MB, (status, sent)
    assert _rss_mb() - before < 100


def test_chunked_300mb_multipart_upload_without_credentials_is_refused_before_reading(live):
    head = (f"POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Content-Type: multipart/form-data; boundary=XYZ\r\nTransfer-Encoding: chunked\r\n\r\n")
    first = b'--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
    status, sent, secs = raw_request(live.port, head, [first, *_endless()], chunked=True,
                                     max_send=64 * MB, timeout=20)
    assert status == 401 and sent < 8 * MB, (status, sent)


def test_chunked_300mb_login_form_is_cut_off(live):
    head = (f"POST /login HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Content-Type: multipart/form-data; boundary=XYZ\r\nTransfer-Encoding: chunked\r\n\r\n")
    first = b'--XYZ\r\nContent-Disposition: form-data; name="username"\r\n\r\n'
    before = _rss_mb()
    status, sent, secs = raw_request(live.port, head, [first, *_endless()], chunked=True,
                                     max_send=64 * MB, timeout=30)
    assert status in (400, 403, 413) and sent < 8 * MB, (status, sent)
    assert _rss_mb() - before < 100


def test_upload_by_a_viewer_is_refused_before_reading(live):
    head = (f"POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Authorization: {live.token('look')['Authorization']}\r\n"
            f"Content-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: {100 * MB}\r\n\r\n")
    status, sent, secs = raw_request(live.port, head, (), timeout=5)
    assert status == 403 and secs < 2, (status, secs)


def test_oversized_json_from_a_reviewer_is_refused_from_its_length(live):
    head = (f"POST /api/findings/F1/decision HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Authorization: {live.token('rev')['Authorization']}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {300 * MB}\r\n\r\n")
    status, sent, secs = raw_request(live.port, head, (), timeout=5)
    assert status == 413 and secs < 2, (status, secs)


def test_page_upload_without_session_is_refused_before_reading(live):
    head = (f"POST /upload HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Content-Type: multipart/form-data; boundary=XYZ\r\nTransfer-Encoding: chunked\r\n\r\n")
    status, sent, secs = raw_request(live.port, head, _endless(), chunked=True, max_send=64 * MB, timeout=20)
    assert status in (401, 303) and sent < 8 * MB, (status, sent)


# -- 2. one upload slows everyone ------------------------------------------------------------

def _texts(n: int, kb: int) -> list[tuple[str, bytes]]:
    """n distinct team-written-style texts of about kb KB each (sentences of the test texts,
    shuffled per file)."""
    import random
    base = [s for p in sorted(TEXTS.glob("corpus_*.txt")) for s in p.read_text("utf-8").split("。") if s.strip()]
    out = []
    for i in range(n):
        rng = random.Random(i)
        lines, size = [f"清溪县{2000 + i}年法治政府建设年度报告"], 0
        while size < kb * 1024:
            s = rng.choice(base).strip() + f"，第{rng.randint(1, 10 ** 6)}项。"
            lines.append(s)
            size += len(s.encode("utf-8"))
        out.append((f"doc{i}.txt", "\n".join(lines).encode("utf-8")))
    return out


def _zip(items) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)
    return buf.getvalue()


def test_others_are_answered_while_a_large_zip_is_analysed(live):
    h = live.token("rev")
    blob = _zip(_texts(4, 200))
    done = {}

    def big():
        with live.client(timeout=600) as c:
            done["zip"] = c.post("/api/reports", files={"file": ("many.zip", blob, "application/zip")}, headers=h)

    t = threading.Thread(target=big)
    t.start()
    time.sleep(1.0)
    lat = []
    with live.client(timeout=30) as c:
        small_start = time.monotonic()
        small = c.post("/api/reports", files={"file": ("small.txt", _texts(1, 8)[0][1] + b"\xe3\x80\x82",
                                                        "text/plain")}, headers=h)
        small_secs = time.monotonic() - small_start
        for _ in range(20):
            t0 = time.monotonic()
            assert c.get("/healthz").status_code == 200
            assert c.get("/api/reports", headers=h).status_code == 200
            lat.append(time.monotonic() - t0)
    t.join(600)
    assert small.status_code in (200, 201), small.text[:200]
    assert small_secs < 30, small_secs
    assert max(lat) < 1.0, max(lat)
    assert done["zip"].status_code == 200 and all(r["ok"] for r in done["zip"].json()["results"])


def test_a_long_report_page_answers_quickly(live):
    h = live.token("rev")
    text = b"\n".join(d for _, d in _texts(4, 300))          # ~1.2 MB, ~400,000 characters
    with live.client(timeout=600) as c:
        r = c.post("/api/reports", files={"file": ("long.txt", text, "text/plain")}, headers=h)
        assert r.status_code == 201, r.text[:200]
        rid = r.json()["id"]
        s = signed_in(live, "look")
        getattr(live.app.state.refresher, "wait", lambda t: None)(300)   # the corpus pass is done
        t0, c0 = time.monotonic(), time.process_time()
        page = s.get(f"/reports/{rid}")
        secs, cpu = time.monotonic() - t0, time.process_time() - c0
    # (was 25 s for a 6.5 MB report: quadratic span nesting and section look-ups.) The server is
    # a thread of this process, so its CPU time is measured, which other jobs on a shared
    # machine do not inflate (unloaded, the wall time is about the same: ~1.5 s)
    assert page.status_code == 200 and cpu < 4.0, (cpu, secs)
    assert secs < 30, secs
    assert len(page.content) < 8 * MB


# -- 3. sessions that cannot be revoked --------------------------------------------------------

def _cookie_copy(c) -> dict[str, str]:
    return {"fazhi_session": c.cookies.get("fazhi_session")}


def _reads(live, cookies) -> bool:
    with live.client(cookies=cookies) as thief:
        return thief.get("/api/reports").status_code == 200


def test_copied_cookie_dies_at_logout(live):
    c = signed_in(live, "look")
    stolen = _cookie_copy(c)
    assert _reads(live, stolen)
    page = c.get("/reports")
    c.post("/logout", data={"csrf_token": csrf_of(page.text)})
    assert not _reads(live, stolen)


def test_copied_cookie_dies_at_password_change(live):
    st = live.app.state.store
    st.add_user("pw1", "viewer", PASSWORD)
    c = signed_in(live, "pw1")
    stolen = _cookie_copy(c)
    assert _reads(live, stolen)
    st.set_password("pw1", "another long password")
    assert not _reads(live, stolen)


def test_deleted_user_recreated_as_admin_does_not_revive_old_cookie(live):
    import sqlalchemy as sa
    from fazhi.corpus import schema as T
    st = live.app.state.store
    st.add_user("temp1", "viewer", PASSWORD)
    stolen = _cookie_copy(signed_in(live, "temp1"))
    try:
        from fazhi.web import accounts
        accounts.delete_user(st.engine, "temp1")
    except ImportError:
        with st.engine.begin() as conn:
            conn.execute(sa.delete(T.users).where(T.users.c.name == "temp1"))
    st.add_user("temp1", "admin", "a different password")
    with live.client(cookies=stolen) as thief:
        assert thief.get("/users").status_code in (303, 401, 403)
        assert thief.get("/api/reports").status_code == 401


def test_role_change_ends_sessions(live):
    import sqlalchemy as sa
    from fazhi.corpus import schema as T
    st = live.app.state.store
    st.add_user("demote1", "reviewer", PASSWORD)
    stolen = _cookie_copy(signed_in(live, "demote1"))
    try:
        from fazhi.web import accounts
        accounts.set_role(st.engine, "demote1", "viewer")
    except ImportError:
        with st.engine.begin() as conn:
            conn.execute(sa.update(T.users).where(T.users.c.name == "demote1").values(role="viewer"))
    assert not _reads(live, stolen)


def test_logout_everywhere_ends_other_devices(live):
    live.app.state.store.add_user("multi1", "viewer", PASSWORD)
    laptop, phone = signed_in(live, "multi1"), signed_in(live, "multi1")
    page = laptop.get("/reports")
    r = laptop.post("/logout-all", data={"csrf_token": csrf_of(page.text)})
    assert r.status_code == 303
    assert phone.get("/api/reports").status_code == 401


def test_revoked_token_stops_working(live):
    h = live.token("look")
    with live.client() as c:
        assert c.get("/api/reports", headers=h).status_code == 200
        boss = signed_in(live, "boss")
        page = boss.get("/users")
        assert page.status_code == 200 and "吊销" in page.text
        r = boss.post("/users/look/tokens/revoke", data={"csrf_token": csrf_of(page.text)})
        assert r.status_code == 303
        assert c.get("/api/reports", headers=h).status_code == 401


def test_deleted_users_token_stops_working(live):
    st = live.app.state.store
    st.add_user("gone1", "reviewer", PASSWORD)
    h = live.token("gone1")
    boss = signed_in(live, "boss")
    page = boss.get("/users")
    assert boss.post("/users/gone1/delete", data={"csrf_token": csrf_of(page.text)}).status_code == 303
    with live.client() as c:
        assert c.get("/api/reports", headers=h).status_code == 401
    assert all(u["name"] != "gone1" for u in st.users())


# -- 4. login guessing --------------------------------------------------------------------------

def test_rotating_x_forwarded_for_does_not_reset_the_budget(live):
    codes = []
    with live.client() as c:
        for i in range(8):
            codes.append(login(c, "rev", f"guess-{i}", headers={"X-Forwarded-For": f"10.0.{i}.{i + 1}"}).status_code)
    assert 429 in codes[:7], codes


def test_one_password_across_many_names_is_throttled(live):
    codes = []
    with live.client() as c:
        for i in range(16):
            codes.append(login(c, f"u{i}x", "Spring2026!", headers={"X-Forwarded-For": f"10.1.{i}.1"}).status_code)
    assert 429 in codes, codes


def test_guesses_from_a_shared_address_do_not_lock_the_real_user_out(live):
    st = live.app.state.store
    st.add_user("real1", "viewer", PASSWORD)
    real = signed_in(live, "real1")                  # the user's own browser, used before
    real.post("/logout", data={"csrf_token": csrf_of(real.get("/reports").text)})
    with live.client() as attacker:                  # same address (127.0.0.1), no history
        codes = [login(attacker, "real1", f"wrong-{i}").status_code for i in range(7)]
    assert codes[-1] == 429, codes
    assert login(real, "real1").status_code == 303


def test_unknown_names_take_as_long_as_known_ones(live):
    def timed(name: str, i: int) -> float:
        with live.client() as c:
            page = c.get("/login")
            t0 = time.monotonic()
            r = c.post("/login", data={"username": name, "password": f"nope-{name}-{i}",
                                       "csrf_token": csrf_of(page.text), "next": "/reports"})
            assert r.status_code == 401
            return time.monotonic() - t0
    known = statistics.median(timed("look", i) for i in range(4))
    unknown = statistics.median(timed(f"nobody{i}", i) for i in range(4))
    assert 0.5 < unknown / known < 2.0, (known, unknown)


def test_password_hashing_does_not_stall_the_server(live):
    stop = threading.Event()

    def guesser(k: int):
        with live.client() as c:
            i = 0
            while not stop.is_set() and i < 6:
                login(c, f"g{k}n{i}", f"pw-{k}-{i}")
                i += 1
    threads = [threading.Thread(target=guesser, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    lat = []
    with live.client() as c:
        t_end = time.monotonic() + 3
        while time.monotonic() < t_end:
            t0 = time.monotonic()
            c.get("/healthz")
            lat.append(time.monotonic() - t0)
            time.sleep(0.02)
    stop.set()
    for t in threads:
        t.join(30)
    lat.sort()
    assert lat[int(len(lat) * 0.95)] < 0.25, lat[-5:]


# -- 5. smaller holes ---------------------------------------------------------------------------

def test_csrf_token_changes_at_login(live):
    with live.client() as c:
        before = csrf_of(c.get("/login").text)
        assert login(c, "look").status_code == 303
        after = csrf_of(c.get("/reports").text)
    assert before != after


HUGE = "9" * 30


@pytest.mark.parametrize("path, ok", [
    (f"/reports?year={HUGE}", (400,)),
    (f"/reports?page={HUGE}", (400,)),
    (f"/reports/{HUGE}", (404,)),
    (f"/compare?a={HUGE}&b=1", (400, 404)),
    (f"/api/reports/{HUGE}", (404,)),
    (f"/api/reports?page={HUGE}", (400,)),
    (f"/api/reports?year={HUGE}", (400,)),
])
def test_huge_integers_are_refused_not_500(live, path, ok):
    c = signed_in(live, "look")
    assert c.get(path).status_code in ok


def test_huge_finding_id_is_not_found(live):
    with live.client() as c:
        r = c.post(f"/api/findings/F{HUGE}/decision", json={"decision": "dismissed"}, headers=live.token("rev"))
    assert r.status_code == 404


def test_dns_rebinding_host_is_refused(public):
    with public.client() as c:
        assert c.get("/reports").status_code == 200
        assert c.get("/reports", headers={"Host": "attacker.example"}).status_code == 400
        assert c.get("/api/reports", headers={"Host": f"rebind.attacker.example:{public.port}"}).status_code == 400
        assert c.get("/healthz", headers={"Host": f"localhost:{public.port}"}).status_code == 200


def test_cookies_are_secure_behind_a_trusted_https_proxy(tmp_path):
    srv = Live(tmp_path / "proxy.db", trusted_proxies=["127.0.0.1"], load=False)
    try:
        with srv.client() as c:
            plain = c.get("/login")
        with srv.client() as c:
            https = c.get("/login", headers={"X-Forwarded-Proto": "https"})
        assert "secure" not in plain.headers.get("set-cookie", "").lower()
        assert "secure" in https.headers.get("set-cookie", "").lower()
    finally:
        srv.stop()


def test_cookies_can_be_forced_secure(tmp_path):
    from fazhi.config import Config
    cfg = Config.default()
    cfg.data["web"] = {"secure_cookies": "always"}
    srv = Live(tmp_path / "secure.db", config=cfg, load=False)
    try:
        with srv.client() as c:
            assert "secure" in c.get("/login").headers.get("set-cookie", "").lower()
    finally:
        srv.stop()


def test_untrusted_forwarded_proto_does_not_count(live):
    with live.client() as c:
        r = c.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "secure" not in r.headers.get("set-cookie", "").lower()


def test_pages_with_report_data_are_not_cached(live):
    c = signed_in(live, "look")
    for path in ("/reports", "/reports/1", "/api/reports/1", "/dashboard", "/search?q=法治"):
        assert "no-store" in c.get(path).headers.get("cache-control", ""), path


def test_bidi_controls_are_stripped_from_file_names(live):
    with live.client() as c:
        name = "报告\u202egpj.txt"
        r = c.post("/api/reports", files={"file": (name, _texts(1, 4)[0][1] + b"\n\xe5\x8f\xb8", "text/plain")},
                   headers=live.token("rev"))
    assert r.status_code == 201, r.text[:200]
    stored = r.json()["store"]["name"]
    assert "\u202e" not in stored and stored.endswith(".txt")
