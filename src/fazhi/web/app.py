"""The web application: `create_app(db_url)` returns a FastAPI app over a corpus store.

    uvicorn "fazhi.web.app:create_app" --factory        # or: fazhi serve

Pages (Chinese UI, every asset served by the app) and a JSON API under /api (OpenAPI docs at
/api/docs). Routes live in one small module each: auth, reports, upload, dashboard, compare,
search, users, api.
"""
from __future__ import annotations

import secrets
import sys
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from ..config import Config
from ..corpus.store import Store
from .core import CSRFError, Forbidden, LoginRequired, render
from .guard import BodyGuard, HostGuard
from .cache import CorpusCache, cache_name
from .upload import AnalysisPool, CorpusRefresher

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
DEFAULTS = {"max_upload_mb": 50, "max_zip_members": 200, "max_zip_total_mb": 200,
            "session_hours": 12, "sync_corpus_max": 500, "max_text_mb": 5,
            "max_body_kb": 1024,           # any request body other than an upload
            "allowed_hosts": None,         # Host names answered (None/"*": any; `fazhi serve` sets loopback names)
            "secure_cookies": "auto",      # auto (when the request came over HTTPS) | always | never
            "trusted_proxies": None,       # addresses whose X-Forwarded-For/-Proto count (server.py)
            "analysis_workers": 2,         # processes analysing uploads (0: threads of the server)
            "report_page_chars": 200_000}  # long reports: the text page by page


def _is_api(request: Request) -> bool:
    p = request.url.path
    return p.startswith("/api/") or p == "/api"


def create_app(db_url: str | None = None, *, config: Config | None = None, secret_key: str | None = None,
               public_read: bool = False, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the store at db_url (a URL or a SQLite file path; default as `fazhi ingest`).

    secret_key signs the session cookie (a random one per process when None: sessions end when
    the server restarts). public_read lets anybody read without signing in (an admin can switch
    it on and off on the users page)."""
    config = config or Config.default()
    store = Store(db_url, config=config).migrate()
    web_cfg: dict[str, Any] = dict(DEFAULTS)
    web_cfg.update(config.get("web", {}) or {})
    if allowed_hosts is not None:
        web_cfg["allowed_hosts"] = list(allowed_hosts)
    if str(web_cfg["secure_cookies"]).lower() in ("true", "1", "yes"):
        web_cfg["secure_cookies"] = "always"
    elif str(web_cfg["secure_cookies"]).lower() in ("false", "0", "no"):
        web_cfg["secure_cookies"] = "never"
    secret_key = secret_key or secrets.token_urlsafe(32)
    app = FastAPI(title="fazhi 法治政府建设年度报告审核 API", version=_version(),
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store
    app.state.config = config
    app.state.settings = {"public_read": bool(public_read), **web_cfg}
    app.state.cache = CorpusCache()
    app.state.secret_key = secret_key

    def warm_dashboard() -> None:
        from ..corpus.scope import ALL
        app.state.cache.get(store, cache_name("dashboard", ALL), store.dashboard)

    app.state.refresher = CorpusRefresher(store, int(web_cfg["sync_corpus_max"]), on_done=warm_dashboard,
                                          in_process=int(web_cfg["analysis_workers"]) == 0)
    app.state.analysis = AnalysisPool(int(web_cfg["analysis_workers"]))

    def resume_corpus() -> None:
        from ..corpus.incremental import behind
        if behind(store):     # stopped between an upload and its corpus pass: run the pass now
            app.state.refresher.after_ingest()
    threading.Thread(target=_quietly(resume_corpus), name="fazhi-corpus-resume", daemon=True).start()
    if not app.state.refresher.small():
        # a large corpus: compute the dashboard's aggregates now rather than on the first visit
        threading.Thread(target=_quietly(warm_dashboard), name="fazhi-dashboard-warm", daemon=True).start()
    # import the search module and start the analysis processes now, not in the
    # first search or upload
    threading.Thread(target=_quietly(_warm_search), name="fazhi-search-warm", daemon=True).start()
    from ..api import warm_up
    threading.Thread(target=_quietly(warm_up), name="fazhi-engine-warm", daemon=True).start()
    threading.Thread(target=_quietly(app.state.analysis.warm), name="fazhi-analysis-warm", daemon=True).start()
    app.state.vendor = {"echarts": (VENDOR / "echarts.min.js").is_file(),
                        "swagger": (VENDOR / "swagger-ui-bundle.js").is_file()}
    # added inside out: HostGuard sees the request first, BodyGuard after the session is read
    app.add_middleware(BodyGuard, settings=app.state.settings, store=store)
    app.add_middleware(SessionMiddleware, secret_key=secret_key,
                       session_cookie="fazhi_session", same_site="lax", https_only=False,
                       max_age=int(web_cfg["session_hours"]) * 3600)
    app.add_middleware(HostGuard, allowed_hosts=web_cfg["allowed_hosts"],
                       secure_cookies=str(web_cfg["secure_cookies"]))

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    from . import api, auth, compare, corrections, dashboard, reports, search, selfcheck, supervision, upload, users
    for mod in (auth, reports, upload, dashboard, compare, search, users, api, selfcheck, supervision, corrections):
        app.include_router(mod.router)
    app.include_router(selfcheck.page_router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"ok": True}

    @app.get("/", include_in_schema=False)
    def home():
        return RedirectResponse("/reports", status_code=303)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired):
        if _is_api(request):
            return JSONResponse({"error": "unauthorized", "message": "需要登录或 API 令牌 / authentication required"},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
        from urllib.parse import quote
        nxt = request.url.path + (("?" + request.url.query) if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(nxt)}", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden):
        return _error(request, 403, exc.message)

    @app.exception_handler(CSRFError)
    async def _csrf(request: Request, exc: CSRFError):
        return _error(request, 403, "表单已过期或来源不明，请刷新页面后重试 / CSRF token missing or invalid")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and msg == "Not Found":
            msg = "页面或报告不存在 / not found"
        return _error(request, exc.status_code, msg)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        loc = tuple(first.get("loc", ()))
        if loc[:1] == ("path",):                 # /reports/99999999999999999999: no such report
            return _error(request, 404, "页面或报告不存在 / not found")
        where = ".".join(str(x) for x in loc if x not in ("body", "query", "path"))
        status = 400 if loc[:1] == ("query",) else 422
        return _error(request, status, f"请求参数不正确：{where} {first.get('msg', '')} / invalid request".strip())

    return app


def _warm_search() -> None:
    from ..corpus import search  # noqa: F401  (search needs no dictionary: importing it is all)


def _quietly(fn):
    def run() -> None:
        try:
            fn()
        except Exception as exc:  # a failed warm-up only means the first visit computes it
            print(f"预热失败 / warm-up failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    return run


def _error(request: Request, status: int, message: str):
    if _is_api(request) or request.headers.get("x-requested-with") == "fetch":
        return JSONResponse({"error": status, "message": message}, status_code=status)
    return render(request, "error.html", status_code=status, status=status, message=message)


def _version() -> str:
    from .. import __version__
    return __version__
