"""登录 / 退出 (session cookie: HttpOnly, SameSite=Lax, signed)."""
from __future__ import annotations

import time

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from .core import check_csrf, current_user, render, store

router = APIRouter(include_in_schema=False)
MAX_FAILURES, WINDOW_S = 5, 300      # failed log-ins per user name and address, then a pause


def _throttled(request: Request, name: str, failed: bool = False) -> bool:
    """True when this name/address pair failed MAX_FAILURES times within WINDOW_S seconds."""
    book = request.app.state.__dict__.setdefault("login_failures", {})
    key = (request.client.host if request.client else "", name.lower())
    now = time.monotonic()
    recent = [t for t in book.get(key, []) if now - t < WINDOW_S]
    if failed:
        recent.append(now)
    if recent:
        book[key] = recent
    else:
        book.pop(key, None)
    return len(recent) >= MAX_FAILURES


def _safe_next(nxt: str | None) -> str:
    """Only local paths: never redirect to another site after logging in."""
    if not nxt or not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt:
        return "/reports"
    return nxt


@router.get("/login")
def login_page(request: Request, next: str | None = None):
    if current_user(request):
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login", dependencies=[Depends(check_csrf)])
async def login(request: Request):
    form = await request.form()
    name = str(form.get("username") or "").strip()
    password = str(form.get("password") or "")
    nxt = _safe_next(str(form.get("next") or ""))
    if _throttled(request, name):
        return render(request, "login.html", status_code=429, next=nxt,
                      error=f"登录失败次数过多，请 {WINDOW_S // 60} 分钟后再试")
    user = store(request).verify_user(name, password) if name and password else None
    if user is None:
        _throttled(request, name, failed=True)
        return render(request, "login.html", status_code=401, next=nxt, error="用户名或密码不正确")
    csrf = request.session.get("csrf")
    request.session.clear()                 # a fresh session on login
    request.session["user"] = user["name"]
    if csrf:
        request.session["csrf"] = csrf
    request.scope.pop("fazhi_user", None)
    return RedirectResponse(nxt, status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request):
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
