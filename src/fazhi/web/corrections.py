"""Corrections of a report's metadata by a reviewer: the form on the report page and the API
(`POST /api/reports/{id}/corrections`, `GET` for the history). The logic is in
supervision/corrections.py; the report is analysed again with the correction, and the corpus
findings follow in the background pass (as after an upload)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from ..labels import KIND_NAMES, LEVEL_NAMES
from ..supervision import corrections as C
from .core import ID, check_csrf, need, reader, require_report, store

router = APIRouter()


def form_values(meta: dict[str, Any]) -> dict[str, str]:
    """The form's fields as a reviewer reads and writes them (Chinese names, no codes)."""
    return {"jurisdiction": meta.get("jurisdiction") or "",
            "level": LEVEL_NAMES.get(meta.get("level") or "", ""),
            "department": meta.get("department") or "",
            "report_year": str(meta.get("report_year") or ""),
            "report_date": meta.get("report_date") or "",
            "publish_date": meta.get("publish_date") or "",
            "kind": KIND_NAMES.get(meta.get("kind") or "", "")}


def view(st, doc: dict[str, Any]) -> dict[str, Any]:
    """What the report page shows: the corrections in force, the history, the form."""
    rid = (doc.get("store") or {}).get("id")
    applied = [dict(c, name=C.FIELD_NAMES.get(c["field"], c["field"]), line=C.line(c))
               for c in doc.get("corrections") or [] if c["field"] not in ("adcode", "parent")]
    try:
        hist = C.history(st, rid) if rid else []
    except C.CorrectionError:
        hist = []
    return {"applied": applied, "history": hist, "form": form_values(doc.get("meta") or {}),
            "fields": [(f, C.FIELD_NAMES[f]) for f in C.FIELDS], "levels": list(LEVEL_NAMES.values()),
            "kinds": list(KIND_NAMES.values())}


def _changed(meta: dict[str, Any], form) -> dict[str, str]:
    """The fields whose posted value differs from the one the form showed (blank = unchanged;
    "无" clears a department or a date)."""
    shown = form_values(meta)
    out = {}
    for f in C.FIELDS:
        v = str(form.get(f) or "").strip()
        if v and v != shown[f]:
            out[f] = v
    return out


def _run(request: Request, rid: int, values: dict[str, Any], reason: str | None, user: str,
         revert: list[str]) -> dict[str, Any]:
    res = C.correct(store(request), rid, values, reason=reason, user=user, revert=revert, corpus=False)
    request.app.state.refresher.after_ingest()      # corpus findings: the background pass
    return res


@router.post("/reports/{rid}/corrections", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def correction_form(request: Request, rid: ID, user=Depends(need("reviewer"))):
    require_report(request, rid)
    form = await request.form()
    doc = store(request).report_json(rid)
    if doc is None:
        return RedirectResponse("/reports", status_code=303)
    values = _changed(doc.get("meta") or {}, form)
    revert = [str(x) for x in form.getlist("revert")]
    try:
        res = await run_in_threadpool(_run, request, rid, values, str(form.get("reason") or ""), user["name"],
                                      revert)
    except C.CorrectionError as err:
        request.session["flash"] = {"error": True, "message": err.message}
        return RedirectResponse(f"/reports/{rid}#corrections", status_code=303)
    said = "、".join(f"{c['name']}：{c['new_text']}" for c in res["changes"] if c["field"] not in ("adcode", "parent"))
    request.session["flash"] = {"error": False, "message": f"已更正 {said}，报告已按更正后的信息重新审核"}
    return RedirectResponse(f"/reports/{rid}#corrections", status_code=303)


@router.post("/api/reports/{rid}/corrections", dependencies=[Depends(check_csrf)], tags=["reports"],
             summary="更正报告信息（地区、层级、部门、年度、日期、类型），保留更正记录")
async def correct_api(request: Request, rid: ID, body: dict[str, Any] = Body(
        ..., examples=[{"level": "县级", "report_year": 2023, "reason": "按原件核对"}]),
        user=Depends(need("reviewer"))) -> Any:
    """Body: `{field: value, …, "reason": "…", "revert": [field, …]}`. Fields: jurisdiction（所属地区）,
    level（层级：省级/市级/县级/乡镇级/部门）, department（部门）, report_year（报告年度）, report_date（成文日期）,
    publish_date（发布日期）, kind（文本类型）; the Chinese names are accepted as keys too. The report is
    analysed again with the corrected values. 400 with a Chinese message for a value that cannot be."""
    require_report(request, rid)
    if not isinstance(body, dict):
        return JSONResponse({"error": 400, "message": "请求内容应为 JSON 对象"}, status_code=400)
    values = {k: v for k, v in body.items() if k not in ("reason", "revert", "理由")}
    reason = body.get("reason") or body.get("理由")
    revert = body.get("revert") or []
    if not isinstance(revert, list) or not all(isinstance(x, str) for x in revert) \
            or not (reason is None or isinstance(reason, str)):
        return JSONResponse({"error": 400, "message": "reason 应为文字，revert 应为项目名列表"}, status_code=400)
    try:
        res = await run_in_threadpool(_run, request, rid, values, reason, user["name"], revert)
    except C.CorrectionError as err:
        return JSONResponse({"error": err.status, "message": err.message}, status_code=err.status)
    doc = store(request).report_json(rid) or {}
    return {**res, "meta": doc.get("meta"), "corrections": doc.get("corrections") or []}


@router.get("/api/reports/{rid}/corrections", tags=["reports"], summary="报告信息的更正记录")
def corrections_api(request: Request, rid: ID, user=Depends(reader)) -> Any:
    require_report(request, rid)
    doc = store(request).report_json(rid)
    if doc is None:
        return JSONResponse({"error": 404, "message": f"报告 {rid} 不存在 / report not found"}, status_code=404)
    return {"report_id": rid, "corrections": doc.get("corrections") or [],
            "history": C.history(store(request), rid)}
