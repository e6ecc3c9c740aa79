"""What every route needs: the store, the signed-in user, roles, CSRF, templates, errors.

A request is authenticated by the session cookie (pages) or by `Authorization: Bearer TOKEN`
(the API). Roles are ordered viewer < reviewer < admin. A POST authenticated by the session must
carry the session's CSRF token (form field `csrf_token` or header `X-CSRF-Token`); a POST
authenticated by a bearer token needs none (a browser never sends one on its own).
"""
from __future__ import annotations

import json
import secrets
from typing import Any, MutableMapping

from typing import Annotated

from fastapi import HTTPException, Path, Request
from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from starlette.templating import Jinja2Templates

from ..corpus.scope import Scope, of_user
from ..corpus.store import Store
from ..labels import KIND_NAMES, LATE_NAMES, LEVEL_NAMES, ROLE_NAMES, SEVERITY_NAMES
from ..zh.dates import when  # noqa: F401 - a template filter, imported from here by the CLI and the tests

ROLE_RANK = {"viewer": 1, "reviewer": 2, "admin": 3}
MAX_ID = 2 ** 31 - 1                 # row ids (and any integer a query takes) fit a 32-bit column
# a report id in a path: anything else (0, 10**30, "abc") is "not found", never a 500
ID = Annotated[int, Path(ge=1, le=MAX_ID)]


class LoginRequired(Exception):
    """No signed-in user (and public read is off)."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this."""

    def __init__(self, message: str = "没有权限执行此操作 / not allowed for your role"):
        super().__init__(message)
        self.message = message


class CSRFError(Exception):
    pass


def store(request: Request) -> Store:
    return request.app.state.store


def settings(request: Request) -> dict[str, Any]:
    return request.app.state.settings


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization") or ""
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return None


def current_user(request: Request) -> dict[str, Any] | None:
    """The user of this request, or None. Cached on the request (scope "fazhi_user")."""
    if "fazhi_user" in request.scope:
        return request.scope["fazhi_user"]
    user = resolve_user(request.app.state.store, request.scope, request.headers.get("authorization"))
    request.scope["fazhi_user"] = user
    return user


def resolve_user(st: Store, scope: MutableMapping[str, Any], authorization: str | None) -> dict[str, Any] | None:
    """The user a bearer token or the session in scope (uid + session version) names, or None.
    A revoked session (user deleted, session version bumped) is emptied."""
    auth = authorization or ""
    if auth[:7].lower() == "bearer ":
        token = auth[7:].strip()
        user = st.user_by_token(token) if token else None
        return dict(user, via="token") if user else None
    session = scope.get("session")
    if session is None:
        return None
    uid, sv, sid = session.get("uid"), session.get("sv"), session.get("sid")
    if uid is None:
        return None
    user = st.session_user(uid, sv, sid)
    if user is None:                          # revoked: drop the identity, keep nothing
        session.clear()
        return None
    return dict(user, via="session")


def user_by_name(request: Request, name: str) -> dict[str, Any] | None:
    return store(request).get_user(name=name)


def can(user: dict[str, Any] | None, role: str) -> bool:
    if not user:
        return False
    return ROLE_RANK.get(user["role"], 0) >= ROLE_RANK[role]


def reader(request: Request) -> dict[str, Any] | None:
    """Dependency: anyone allowed to read (signed in, or anybody when public read is on)."""
    user = current_user(request)
    if user is None and not settings(request)["public_read"]:
        raise LoginRequired()
    return user


# -- scope: the region the user sees (corpus/scope.py) ---------------------------------------

def scope(request: Request) -> Scope:
    """The scope of this request's user (everything when nobody is signed in and public read
    is on, or the user has no scope). Every route reads the corpus through it."""
    return of_user(current_user(request))


def not_found(what: str = "报告") -> HTTPException:
    """Outside the scope is "not found", exactly as a missing id (never "forbidden")."""
    return HTTPException(404, f"{what}不存在 / not found")


def require_report(request: Request, rid: int) -> None:
    """404 unless the report exists and lies inside the user's scope."""
    sc = scope(request)
    if not sc.covers_report(store(request), rid):
        raise HTTPException(404, f"报告 {rid} 不存在 / report not found")


def report_doc(request: Request, rid: int) -> dict[str, Any]:
    """The stored document of a report inside the user's scope, its cross-report findings
    redacted of other regions' reports (404 when missing or outside)."""
    require_report(request, rid)
    st = store(request)
    doc = st.report_json(rid)
    if doc is None:
        raise HTTPException(404, f"报告 {rid} 不存在 / report not found")
    doc["findings"] = scope(request).redact(st, doc["findings"])
    return doc


def need(role: str):
    """Dependency factory: a signed-in user with at least `role`; POSTs by session need CSRF."""
    def dep(request: Request) -> dict[str, Any]:
        user = current_user(request)
        if user is None:
            raise LoginRequired()
        if not can(user, role):
            raise Forbidden(f"需要“{ROLE_NAMES[role]}”及以上权限 / requires role {role}")
        return user
    dep.__name__ = f"need_{role}"
    return dep


# -- CSRF ------------------------------------------------------------------------------------

def csrf_token(request: Request) -> str:
    tok = request.session.get("csrf")
    if not tok:
        tok = secrets.token_urlsafe(24)
        request.session["csrf"] = tok
    return tok


async def check_csrf(request: Request) -> None:
    """Reject a state-changing request authenticated by cookie without the session's token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if _bearer(request):
        return
    if request.url.path != "/login" and current_user(request) is None:
        raise LoginRequired()
    expected = request.session.get("csrf") if "session" in request.scope else None
    sent: object = request.headers.get("x-csrf-token")
    if not sent:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            sent = form.get("csrf_token")
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(expected, sent):
        raise CSRFError()


# -- templates -------------------------------------------------------------------------------

def tojson_script(data: Any) -> Markup:
    """JSON safe to put inside <script type="application/json">."""
    s = json.dumps(data, ensure_ascii=False, default=str)
    s = s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(s)


def zh_part(message: Any) -> str:
    """The Chinese part of a bilingual "中文 / English" message (pages show Chinese only)."""
    s = str(message or "")
    return s.split(" / ")[0] if " / " in s else s


def _env() -> Environment:
    env = Environment(loader=PackageLoader("fazhi.web", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["script_json"] = tojson_script
    env.filters["zh"] = zh_part
    env.filters["when"] = when
    env.globals.update(LEVEL_NAMES=LEVEL_NAMES, KIND_NAMES=KIND_NAMES, SEVERITY_NAMES=SEVERITY_NAMES,
                       ROLE_NAMES=ROLE_NAMES, LATE_NAMES=LATE_NAMES)
    return env


templates = Jinja2Templates(env=_env())


def render(request: Request, name: str, status_code: int = 200, **ctx: Any):
    user = current_user(request)
    ctx.update(request=request, user=user, csrf=csrf_token(request),
               can_review=can(user, "reviewer"), is_admin=can(user, "admin"),
               vendor=request.app.state.vendor)
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
