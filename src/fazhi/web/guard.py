"""Pure ASGI middleware that runs before any route reads a request.

`HostGuard` (outermost): the Host header must be one of the allowed names (DNS rebinding: a
page on another site that resolves its own name to 127.0.0.1 would otherwise talk to a local
`--demo` or `--public-read` instance); then the response headers every answer gets (CSP,
nosniff, frame denial, `Cache-Control: no-store` except for static files) and the `Secure` flag
on cookies when the request came over HTTPS (or always / never, `web: secure_cookies`).

`BodyGuard` (inside the session middleware, so it sees the session): a request body larger than
its route's limit is refused from its `Content-Length` before anything is read, and cut off
while streaming when it has none (chunked) or lies; a state-changing request (other than the
login form) without a signed-in user or valid API token is refused before its body is read, and
an upload by a user who may not upload likewise.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from starlette.concurrency import run_in_threadpool

from .core import ROLE_RANK, resolve_user

UPLOAD_PATHS = ("/upload", "/api/reports")
# a drafter's file checked and never stored (自查): an upload's size, any signed-in user
CHECK_PATHS = ("/api/check/file",)
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")


def _header(scope, name: bytes) -> str | None:
    for k, v in scope.get("headers") or ():
        if k == name:
            return v.decode("latin-1")
    return None


async def _send_plain(send, status: int, message: str, *, api: bool, extra: Iterable[tuple[bytes, bytes]] = ()):
    if api:
        body = json.dumps({"error": status, "message": message}, ensure_ascii=False).encode("utf-8")
        ctype = b"application/json"
    else:
        body = (f"<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{status}</title>"
                f"<p>{message.split(' / ')[0]}</p></html>").encode("utf-8")
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *extra]})
    await send({"type": "http.response.body", "body": body})


def _is_api(scope) -> bool:
    p = scope.get("path") or ""
    return p.startswith("/api/") or p == "/api" or _header(scope, b"x-requested-with") == "fetch"


class HostGuard:
    def __init__(self, app, *, allowed_hosts: list[str] | None, secure_cookies: str = "auto") -> None:
        self.app = app
        self.allowed = None if not allowed_hosts or "*" in allowed_hosts else {h.lower() for h in allowed_hosts}
        self.secure = secure_cookies

    def host_ok(self, scope) -> bool:
        if self.allowed is None:
            return True
        host = (_header(scope, b"host") or "").strip().lower()
        if host.startswith("["):                      # [::1]:8000
            name = host[: host.find("]") + 1]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.allowed

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.host_ok(scope):
            await _send_plain(send, 400, "不允许的主机名（Host）/ host not allowed", api=_is_api(scope))
            return
        path = scope.get("path") or ""
        static = path.startswith("/static/")
        docs = path.startswith("/api/docs")
        https = scope.get("scheme") == "https"
        secure = self.secure == "always" or (self.secure == "auto" and https)

        async def send_wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                add = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                       (b"referrer-policy", b"same-origin")]
                if not static:
                    add.append((b"cache-control", b"no-store"))
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if ctype.startswith(b"text/html") and not docs:
                    add.append((b"content-security-policy", CSP.encode()))
                headers += [(k, v) for k, v in add if k not in names]
                if secure:
                    headers = [(k, v + b"; Secure") if k.lower() == b"set-cookie" and b"secure" not in v.lower()
                               else (k, v) for k, v in headers]
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, send_wrapped)


class BodyTooLarge(Exception):
    pass


class BodyGuard:
    def __init__(self, app, *, settings: dict[str, Any], store) -> None:
        self.app = app
        self.settings = settings
        self.store = store

    def limit(self, scope) -> int:
        s = self.settings
        path = scope.get("path") or ""
        if path in UPLOAD_PATHS:
            return (max(int(s["max_upload_mb"]), int(s["max_zip_total_mb"])) + 1) << 20
        if path in CHECK_PATHS:
            return (int(s["max_upload_mb"]) + 1) << 20
        return int(s.get("max_body_kb") or 1024) << 10

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") not in UNSAFE:
            await self.app(scope, receive, send)
            return
        api = _is_api(scope)
        path = scope.get("path") or ""
        limit = self.limit(scope)
        cl = _header(scope, b"content-length")
        if cl is not None:
            if not cl.strip().isdigit() or len(cl.strip()) > 15:
                await _send_plain(send, 400, "Content-Length 不正确 / bad Content-Length", api=api)
                return
            if int(cl) > limit:
                await _send_plain(send, 413, f"请求内容过大（上限 {limit >> 20 or 1} MB）/ request body too large", api=api)
                return
        if path != "/login":
            # who is asking, before a byte of the body is read
            user = await run_in_threadpool(resolve_user, self.store, scope, _header(scope, b"authorization"))
            scope["fazhi_user"] = user
            if user is None:
                if api or path in UPLOAD_PATHS:
                    await _send_plain(send, 401, "需要登录或 API 令牌 / authentication required", api=True,
                                      extra=[(b"www-authenticate", b"Bearer")])
                else:
                    await send({"type": "http.response.start", "status": 303,
                                "headers": [(b"location", b"/login"), (b"content-length", b"0"),
                                            (b"connection", b"close")]})
                    await send({"type": "http.response.body", "body": b""})
                return
            if path in UPLOAD_PATHS and ROLE_RANK.get(user["role"], 0) < ROLE_RANK["reviewer"]:
                await _send_plain(send, 403, "需要“审核人”及以上权限 / requires role reviewer", api=api)
                return
        state = {"read": 0, "over": False, "started": False}

        async def receive_limited():
            message = await receive()
            if message["type"] == "http.request":
                state["read"] += len(message.get("body") or b"")
                if state["read"] > limit:
                    state["over"] = True
                    raise BodyTooLarge()
            return message

        async def send_checked(message):
            if state["over"]:
                return                           # the app's answer to a cut body is replaced below
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, receive_limited, send_checked)
        except BodyTooLarge:
            pass
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await _send_plain(send, 413, f"请求内容过大（上限 {limit >> 20 or 1} MB）/ request body too large", api=api)
