"""用户管理 (admin): users, roles and scopes (the region a user sees, corpus/scope.py), passwords,
API tokens (create, list, revoke), ending a user's sessions, deleting users, public read on/off. Every change of password or role and every
deletion ends the user's sessions at once (accounts.py)."""
from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from . import accounts
from .accounts import ROLES
from ..corpus import scope as scopes
from ..errors import FazhiError
from .core import check_csrf, need, render, settings, store

router = APIRouter(include_in_schema=False)
NAME = re.compile(r"^[\w.\-@]{1,64}$", re.U)


def _page(request: Request, *, token=None, flash=None):
    engine = store(request).engine
    users = accounts.users(engine)
    for u in users:
        u["token_list"] = accounts.tokens(engine, u["name"]) if u["tokens"] else []
    return render(request, "users.html", users=users, roles=ROLES,
                  public_read=settings(request)["public_read"], flash=flash, token=token)


@router.get("/users")
def users_page(request: Request, user=Depends(need("admin"))):
    return _page(request, flash=request.session.pop("flash", None))


def _back(request: Request, message: str, error: bool = False):
    request.session["flash"] = {"error": error, "message": message}
    return RedirectResponse("/users", status_code=303)


def _admins(request: Request) -> list[str]:
    return [u["name"] for u in accounts.users(store(request).engine) if u["role"] == "admin"]


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
    if len(password) < accounts.MIN_PASSWORD:
        return _back(request, f"密码至少 {accounts.MIN_PASSWORD} 个字符", True)
    try:
        sc = scopes.parse(str(form.get("scope") or ""))
    except FazhiError as err:
        return _back(request, _scope_error(err), True)
    if accounts.get_user(store(request).engine, name=name) is not None:
        return _back(request, f"用户“{name}”已存在", True)
    await run_in_threadpool(accounts.add_user, store(request).engine, name, role, password, sc)
    return _back(request, f"已添加用户“{name}”（可查看：{sc.label}）")


def _scope_error(err: FazhiError) -> str:
    return f"地区“{err.path}”：{err.message_zh}" + (f"（{err.detail}）" if err.code == "ambiguous_place" else "")


@router.post("/users/{name}/scope", dependencies=[Depends(check_csrf)])
async def change_scope(request: Request, name: str, user=Depends(need("admin"))):
    form = await request.form()
    try:
        sc = scopes.parse(str(form.get("scope") or ""))
    except FazhiError as err:
        return _back(request, _scope_error(err), True)
    try:
        accounts.set_scope(store(request).engine, name, sc)
    except KeyError:
        return _back(request, f"用户“{name}”不存在", True)
    return _back(request, f"用户“{name}”可查看的地区已改为“{sc.label}”")


@router.post("/users/{name}/token", dependencies=[Depends(check_csrf)])
def new_token(request: Request, name: str, user=Depends(need("admin"))):
    try:
        token = accounts.create_token(store(request).engine, name)
    except KeyError:
        return _back(request, f"用户“{name}”不存在", True)
    # shown once, in this response only (never put in the session cookie)
    return _page(request, token={"user": name, "token": token})


@router.post("/users/{name}/tokens/revoke", dependencies=[Depends(check_csrf)])
async def revoke_tokens(request: Request, name: str, user=Depends(need("admin"))):
    form = await request.form()
    raw = str(form.get("token_id") or "").strip()
    tid = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 10 else None
    if raw and tid is None:
        return _back(request, "令牌编号不正确", True)
    try:
        n = accounts.revoke_tokens(store(request).engine, name, tid)
    except KeyError:
        return _back(request, f"用户“{name}”不存在", True)
    return _back(request, f"已吊销用户“{name}”的 {n} 个 API 令牌")


@router.post("/users/{name}/role", dependencies=[Depends(check_csrf)])
async def change_role(request: Request, name: str, user=Depends(need("admin"))):
    form = await request.form()
    role = str(form.get("role") or "")
    if role not in ROLES:
        return _back(request, "角色不正确", True)
    if role != "admin" and _admins(request) == [name]:
        return _back(request, "不能取消最后一位管理员的管理员角色", True)
    try:
        accounts.set_role(store(request).engine, name, role)
    except KeyError:
        return _back(request, f"用户“{name}”不存在", True)
    return _back(request, f"用户“{name}”的角色已改为“{role_name(role)}”，其已登录的会话已失效")


@router.post("/users/{name}/password", dependencies=[Depends(check_csrf)])
async def change_password(request: Request, name: str, user=Depends(need("admin"))):
    form = await request.form()
    password = str(form.get("password") or "")
    if len(password) < accounts.MIN_PASSWORD:
        return _back(request, f"密码至少 {accounts.MIN_PASSWORD} 个字符", True)
    try:
        await run_in_threadpool(accounts.set_password, store(request).engine, name, password)
    except KeyError:
        return _back(request, f"用户“{name}”不存在", True)
    return _back(request, f"已修改用户“{name}”的密码，其已登录的会话已失效")


@router.post("/users/{name}/logout", dependencies=[Depends(check_csrf)])
def end_sessions(request: Request, name: str, user=Depends(need("admin"))):
    try:
        accounts.end_sessions(store(request).engine, name)
    except KeyError:
        return _back(request, f"用户“{name}”不存在", True)
    return _back(request, f"用户“{name}”已在所有设备上退出登录")


@router.post("/users/{name}/delete", dependencies=[Depends(check_csrf)])
def delete_user(request: Request, name: str, user=Depends(need("admin"))):
    if _admins(request) == [name]:
        return _back(request, "不能删除最后一位管理员", True)
    try:
        accounts.delete_user(store(request).engine, name)
    except KeyError:
        return _back(request, f"用户“{name}”不存在", True)
    return _back(request, f"已删除用户“{name}”及其 API 令牌")


def role_name(role: str) -> str:
    from ..labels import ROLE_NAMES
    return ROLE_NAMES.get(role, role)


@router.post("/settings/public-read", dependencies=[Depends(check_csrf)])
async def public_read(request: Request, user=Depends(need("admin"))):
    form = await request.form()
    on = str(form.get("on") or "") == "1"
    settings(request)["public_read"] = on
    return _back(request, "已开放公开浏览（无需登录即可查看）" if on else "已关闭公开浏览")
