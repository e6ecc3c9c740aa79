"""用户管理 (admin): users and roles, API tokens, public read on/off."""
from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from ..corpus.store import ROLES
from .core import check_csrf, need, render, settings, store

router = APIRouter(include_in_schema=False)
NAME = re.compile(r"^[\w.\-@]{1,64}$", re.U)


@router.get("/users")
def users_page(request: Request, user=Depends(need("admin"))):
    return render(request, "users.html", users=store(request).users(), roles=ROLES,
                  public_read=settings(request)["public_read"], flash=request.session.pop("flash", None),
                  token=None)


def _back(request: Request, message: str, error: bool = False):
    request.session["flash"] = {"error": error, "message": message}
    return RedirectResponse("/users", status_code=303)


@router.post("/users", dependencies=[Depends(check_csrf)])
async def add_user(request: Request, user=Depends(need("admin"))):
    form = await request.form()
    name = str(form.get("username") or "").strip()
    role = str(form.get("role") or "")
    password = str(form.get("password") or "")
    if not NAME.match(name):
        return _back(request, "用户名只能包含字母、数字、汉字和 . - _ @，最长 64 个字符", True)
    if role not in ROLES:
        return _back(request, "角色不正确", True)
    if len(password) < 8:
        return _back(request, "密码至少 8 个字符", True)
    if any(u["name"] == name for u in store(request).users()):
        return _back(request, f"用户“{name}”已存在", True)
    store(request).add_user(name, role, password)
    return _back(request, f"已添加用户“{name}”")


@router.post("/users/{name}/token", dependencies=[Depends(check_csrf)])
def new_token(request: Request, name: str, user=Depends(need("admin"))):
    try:
        token = store(request).create_token(name)
    except KeyError:
        return _back(request, f"用户“{name}”不存在", True)
    # shown once, in this response only (never put in the session cookie)
    return render(request, "users.html", users=store(request).users(), roles=ROLES,
                  public_read=settings(request)["public_read"], flash=None,
                  token={"user": name, "token": token})


@router.post("/settings/public-read", dependencies=[Depends(check_csrf)])
async def public_read(request: Request, user=Depends(need("admin"))):
    form = await request.form()
    on = str(form.get("on") or "") == "1"
    settings(request)["public_read"] = on
    return _back(request, "已开放公开浏览（无需登录即可查看）" if on else "已关闭公开浏览")
