"""The JSON API under /api (OpenAPI at /api/openapi.json, docs at /api/docs).

Authenticate with `Authorization: Bearer TOKEN` (`fazhi user token NAME`); a signed-in browser
session works too, with its CSRF token in the `X-CSRF-Token` header for POSTs."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from . import actions, queries
from .core import ID, check_csrf, need, reader, report_doc, require_report, scope, settings, store
from .opinion import annotated_bytes, docx_bytes, download_name, html_text
from .reports import _download
from .upload import ZIP, TooLarge, ext_of, ingest_upload, read_limited, safe_name, scoped_results, too_big

router = APIRouter(prefix="/api", tags=["reports"])


class Decision(BaseModel):
    decision: Literal["confirmed", "dismissed"] = Field(description="confirmed（确认）或 dismissed（驳回）")
    comment: str | None = Field(default=None, max_length=actions.MAX_COMMENT)


class ReviewerFinding(BaseModel):
    start: int
    end: int
    message: str = Field(max_length=actions.MAX_COMMENT)
    severity: Literal["major", "minor", "info"] = "minor"
    quote: str | None = None


def _fail(err: actions.ActionError) -> JSONResponse:
    return JSONResponse({"error": err.status, "message": err.message}, status_code=err.status)


@router.get("/docs", include_in_schema=False)
def docs(request: Request):
    if request.app.state.vendor["swagger"]:
        return get_swagger_ui_html(openapi_url="/api/openapi.json", title="fazhi API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")
    return HTMLResponse("<!doctype html><meta charset=utf-8><title>fazhi API</title>"
                        "<p>接口文档界面未安装（运行 scripts/vendor.sh）。OpenAPI 描述：<a href=/api/openapi.json>/api/openapi.json</a></p>")


@router.post("/reports", dependencies=[Depends(check_csrf)], summary="上传并分析一份报告")
async def upload_report(request: Request, file: UploadFile = File(...), user=Depends(need("reviewer"))) -> Any:
    """Multipart field `file` (TXT/HTML/DOCX/PDF). Returns the stored report in the JSON contract
    (`fazhi.report/1`) with its `id`; a .zip returns one result per member."""
    if too_big(request):
        return JSONResponse({"error": 413, "message": "上传内容过大 / request too large"}, status_code=413)
    cfg = settings(request)
    name = safe_name(file.filename)
    limit = int(cfg["max_upload_mb"]) << 20
    try:
        data = await read_limited(file, max(limit, int(cfg["max_zip_total_mb"]) << 20) if ext_of(name) == ZIP else limit)
    except TooLarge:
        return JSONResponse({"error": 413, "message": f"文件超过 {cfg['max_upload_mb']} MB 的上限 / file too large"},
                            status_code=413)
    from starlette.concurrency import run_in_threadpool
    results = await run_in_threadpool(ingest_upload, store(request), cfg, name, data, request.app.state.refresher,
                                      request.app.state.analysis)
    if ext_of(name) == ZIP:
        return {"results": [r.to_json() for r in scoped_results(request, results)]}
    res = results[0]
    if not res.ok:
        return JSONResponse({"error": 422, "name": res.name, "message": res.message}, status_code=422)
    if not scope(request).covers_report(store(request), res.id):
        # stored, but outside the uploader's region: nothing of it is shown
        return JSONResponse({"status": res.status, "name": res.name,
                             "message": "报告已保存，但不属于本账号的地区范围，无法查看 / stored, outside your region"},
                            status_code=201 if res.status != "skipped" else 200)
    assert res.id is not None       # covers_report is False without an id
    doc = report_doc(request, res.id)
    doc["id"] = res.id
    doc["status"] = res.status
    return JSONResponse(doc, status_code=201 if res.status != "skipped" else 200)


@router.get("/reports", summary="报告列表（与网页相同的筛选参数）")
def list_reports(request: Request, province: str | None = None, city: str | None = None, level: str | None = None,
                 year: Annotated[int | None, Query(ge=1, le=9999)] = None, kind: str | None = None,
                 verdict: str | None = None,
                 late: bool | None = None, severity: Literal["major", "minor", "info"] | None = None,
                 q: str | None = None, sort: str = "place", page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1,
                 page_size: Annotated[int, Query(ge=1, le=500)] = 100,
                 user=Depends(reader)) -> dict[str, Any]:
    params = {k: v for k, v in request.query_params.items()}
    lq = queries.ListQuery.from_params(params)
    if lq.errors:
        raise HTTPException(400, "；".join(lq.errors) + " / invalid query")
    total, rows = store(request).report_page(lq, scope(request))
    return {"total": total, "page": lq.page, "page_size": lq.page_size,
            "items": [{k: v for k, v in r.items()} for r in rows]}


@router.get("/reports/{rid}", summary="一份报告（JSON 契约 fazhi.report/1，含审核结论）")
def get_report(request: Request, rid: ID, user=Depends(reader)) -> Any:
    doc = report_doc(request, rid)
    doc["id"] = rid
    return JSONResponse(doc)


@router.get("/reports/{rid}/review.docx", summary="审核意见（Word）", response_class=Response)
def review_docx(request: Request, rid: ID, user=Depends(reader)):
    doc = report_doc(request, rid)
    return _download(docx_bytes(doc, request.app.state.config), download_name(doc, ".docx"),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@router.get("/reports/{rid}/annotated.docx", summary="批注版（原文加审核批注，Word）", response_class=Response)
def annotated_docx(request: Request, rid: ID, user=Depends(reader)):
    doc = report_doc(request, rid)
    return _download(annotated_bytes(doc, request.app.state.config, store(request)),
                     download_name(doc, ".docx").replace("_审核意见", "_审核批注"),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@router.get("/reports/{rid}/review.html", summary="审核意见（HTML）", response_class=Response)
def review_html(request: Request, rid: ID, user=Depends(reader)):
    doc = report_doc(request, rid)
    return _download(html_text(doc, request.app.state.config).encode("utf-8"), download_name(doc, ".html"),
                     "text/html; charset=utf-8")


@router.post("/reports/{rid}/findings/{fid}/decision", dependencies=[Depends(check_csrf)],
             summary="确认或驳回报告中的一条问题（F1…Fn：与报告 JSON、审核意见、Excel 的编号相同）")
def decide_in_report(request: Request, rid: ID, fid: str, body: Decision, user=Depends(need("reviewer"))) -> Any:
    doc = report_doc(request, rid)
    row = next((f for f in doc["findings"] if f["id"] == fid.strip().upper()), None)
    if row is None:
        return _fail(actions.ActionError(404, f"报告中没有问题 {fid[:20]} / finding not found"))
    try:
        res = actions.decide(store(request), row["db_id"], body.decision, body.comment, user["name"])
    except actions.ActionError as err:
        return _fail(err)
    return {**res, "finding": row["id"], "db_id": row["db_id"]}


@router.post("/findings/{fid}/decision", dependencies=[Depends(check_csrf)],
             summary="按问题的数据库编号（报告 JSON 中的 db_id）确认或驳回")
def decide(request: Request, fid: str, body: Decision, user=Depends(need("reviewer"))) -> Any:
    try:
        actions.finding_row(store(request), fid, scope(request))      # 404 outside the scope
        return actions.decide(store(request), fid, body.decision, body.comment, user["name"])
    except actions.ActionError as err:
        return _fail(err)


@router.post("/reports/{rid}/reviewer-findings", dependencies=[Depends(check_csrf)],
             summary="审核人在选中的原文上补充一条问题")
def add_finding(request: Request, rid: ID, body: ReviewerFinding, user=Depends(need("reviewer"))) -> Any:
    require_report(request, rid)
    try:
        new = actions.add_reviewer_finding(store(request), rid, body.start, body.end, body.message,
                                           body.severity, user["name"], quote=body.quote)
    except actions.ActionError as err:
        return _fail(err)
    return JSONResponse({"id": f"R{new}", "report_id": rid}, status_code=201)


@router.get("/search", summary="全文检索")
def search(request: Request, q: str, limit: Annotated[int, Query(ge=1, le=200)] = 20, user=Depends(reader)) -> Any:
    return {"query": q, "results": store(request).search(q[:200], limit=max(1, min(limit, 200)),
                                                         scope=scope(request))}


@router.get("/dashboard", summary="总览数据")
def dashboard(request: Request, user=Depends(reader)) -> Any:
    from .dashboard import dashboard_data
    return JSONResponse(dashboard_data(request))


