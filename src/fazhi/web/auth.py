"""登录 / 退出 (session cookie: HttpOnly, SameSite=Lax, signed; holds user id, session version
and a session id, see accounts.py).

Failed log-ins are budgeted in several ways at once (`LoginGuard`), each with exponential
backoff once its budget is spent: per (address, name), per name (from every address), per
address (every name), and per password (one password tried against many names). A browser that
has logged in successfully as a name before carries a signed "device" cookie for it; its
attempts at that name are counted on their own, so guessers on the same (shared) address or
guessing the same name cannot lock the real user out. The client address is the socket's
peer: `X-Forwarded-For` counts only when the server is told to trust the proxy (`web:
trusted_proxies`, see server.py). Password hashing (argon2) runs in a small thread pool, never
on the event loop, and an unknown name costs the same hash as a known one.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from . import accounts
from .core import check_csrf, current_user, render, store

router = APIRouter(include_in_schema=False)

# (budget of failures within WINDOW_S, then backoff) per kind of key
WINDOW_S = 900
BUDGETS = {"pair": 5, "name": 20, "addr": 30, "password": 10, "device": 10}
BACKOFF_BASE_S, BACKOFF_MAX_S = 60, 900
MAX_KEYS = 100_000
DEVICE_COOKIE = "fazhi_device"
DEVICE_DAYS = 180
# 4 threads (argon2 releases the GIL; 19 MiB each): a burst of log-ins on a busy 2-core machine
# is not queued behind two hashes at a time
_HASH_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fazhi-argon2")


class LoginGuard:
    """In-memory failure book of the login form (per process)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret
        self._lock = threading.Lock()
        self._book: dict[tuple[str, str], list[float]] = {}

    def fingerprint(self, password: str) -> str:
        """A keyed hash of a tried password (never the password itself)."""
        return hmac.new(self._secret, password.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:32]

    def keys(self, addr: str, name: str, password: str, device: str | None) -> list[tuple[str, str]]:
        n = name.lower()
        if device:                   # a browser that logged in as this name before: its own budget
            return [("device", device)]
        keys = [("pair", f"{addr}\x1f{n}"), ("name", n), ("addr", addr)]
        if password:
            keys.append(("password", self.fingerprint(password)))
        return keys

    def wait(self, keys: list[tuple[str, str]], now: float | None = None) -> float:
        """Seconds until an attempt under these keys is allowed (0 = now)."""
        now = time.monotonic() if now is None else now
        longest = 0.0
        with self._lock:
            for key in keys:
                times = [t for t in self._book.get(key, ()) if now - t < WINDOW_S]
                over = len(times) - BUDGETS[key[0]]
                if over >= 0 and times:
                    pause = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** min(over, 10))
                    longest = max(longest, times[-1] + pause - now)
        return max(0.0, longest)

    def failed(self, keys: list[tuple[str, str]], now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._book) > MAX_KEYS:
                self._prune(now)
            for key in keys:
                times = [t for t in self._book.get(key, ()) if now - t < WINDOW_S]
                times.append(now)
                self._book[key] = times[-64:]

    def succeeded(self, keys: list[tuple[str, str]]) -> None:
        with self._lock:
            for key in keys:
                if key[0] in ("pair", "device"):
                    self._book.pop(key, None)

    def _prune(self, now: float) -> None:
        for k in [k for k, v in self._book.items() if not v or now - v[-1] >= WINDOW_S]:
            del self._book[k]
        if len(self._book) > MAX_KEYS:           # still full: forget the oldest half
            order = sorted(self._book, key=lambda k: self._book[k][-1])
            for k in order[: len(order) // 2]:
                del self._book[k]


def guard(request: Request) -> LoginGuard:
    g = getattr(request.app.state, "login_guard", None)
    if g is None:
        g = request.app.state.login_guard = LoginGuard(secrets.token_bytes(32))
    return g


def _device_sig(request: Request, uid: int, nonce: str) -> str:
    key = request.app.state.secret_key.encode("utf-8")
    return hmac.new(key, f"device\x1f{uid}\x1f{nonce}".encode(), hashlib.sha256).hexdigest()[:32]


def _device_for(request: Request, user: dict | None) -> str | None:
    """The nonce of a valid device cookie for this (existing) user, else None."""
    raw = request.cookies.get(DEVICE_COOKIE) or ""
    if user is None or len(raw) > 200:
        return None
    parts = raw.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or int(parts[0]) != user["id"]:
        return None
    if not hmac.compare_digest(parts[2], _device_sig(request, user["id"], parts[1])):
        return None
    return parts[1]


def _safe_next(nxt: str | None) -> str:
    """Only local paths: never redirect to another site after logging in."""
    if not nxt or not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt or len(nxt) > 2000:
        return "/reports"
    return nxt


@router.get("/login")
def login_page(request: Request, next: str | None = None):
    if current_user(request):
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "login.html", next=_safe_next(next), error=None)


def _too_many(request: Request, nxt: str, wait: float):
    minutes = max(1, int(-(-wait // 60)))
    resp = render(request, "login.html", status_code=429, next=nxt,
                  error=f"登录失败次数过多，请 {minutes} 分钟后再试")
    resp.headers["Retry-After"] = str(int(wait) + 1)
    return resp


@router.post("/login", dependencies=[Depends(check_csrf)])
async def login(request: Request):
    form = await request.form()
    name = str(form.get("username") or "").strip()[:100]
    password = str(form.get("password") or "")[:1000]
    nxt = _safe_next(str(form.get("next") or ""))
    st = store(request)
    loop = asyncio.get_running_loop()
    known = await loop.run_in_executor(None, lambda: accounts.get_user(st.engine, name=name)) if name else None
    device = _device_for(request, known)
    addr = request.client.host if request.client else ""
    g = guard(request)
    keys = g.keys(addr, name, password, device)
    wait = g.wait(keys)
    if wait > 0:
        return _too_many(request, nxt, wait)
    # always one hash (a dummy one for unknown names): the answer takes the same time either way
    user = await loop.run_in_executor(_HASH_POOL, accounts.verify, st.engine, name, password)
    if user is None:
        g.failed(keys)
        return render(request, "login.html", status_code=401, next=nxt, error="用户名或密码不正确")
    g.succeeded(keys)
    request.session.clear()                 # a fresh session on login, with a new CSRF token
    request.session.update(uid=user["id"], sv=user["sv"], sid=accounts.new_session_id(),
                           csrf=secrets.token_urlsafe(24))
    request.scope.pop("fazhi_user", None)
    resp = RedirectResponse(nxt, status_code=303)
    nonce = device or secrets.token_urlsafe(12)
    resp.set_cookie(DEVICE_COOKIE, f"{user['id']}.{nonce}.{_device_sig(request, user['id'], nonce)}",
                    max_age=DEVICE_DAYS * 86400, path="/login", httponly=True, samesite="lax")
    return resp


@router.post("/logout", dependencies=[Depends(check_csrf)])
async def logout(request: Request):
    sid = request.session.get("sid")
    st = store(request)
    max_age = int(request.app.state.settings["session_hours"]) * 3600
    await asyncio.get_running_loop().run_in_executor(None, accounts.revoke_session, st.engine, sid, max_age)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.post("/logout-all", dependencies=[Depends(check_csrf)])
async def logout_all(request: Request):
    """退出所有设备: every session of the signed-in user ends."""
    user = current_user(request)
    if user is not None:
        await asyncio.get_running_loop().run_in_executor(None, accounts.end_sessions, store(request).engine,
                                                         user["name"])
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
