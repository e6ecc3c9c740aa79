"""自查: a drafter pastes a draft (or drops a file) and sees the findings in place as they type.
Nothing is stored: the text is analysed in the server's analysis threads and returned; a reviewer
may then save it as a report through the ordinary upload."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..errors import FazhiError
from ..labels import KIND_NAMES, LEVEL_NAMES, PART_SHORT, SEVERITY_NAMES, rule_title, unit_name
from .core import check_csrf, reader, render, settings

router = APIRouter(prefix="/api", tags=["self-check"])
page_router = APIRouter(include_in_schema=False)


class Draft(BaseModel):
    text: str = Field(..., description="草稿全文")


def _result(report, config) -> dict[str, Any]:
    from ..render.opinion import plain
    m = report.meta
    present = {p for s in report.all_sections() for p in s.covers()}
    findings = []
    for k, f in enumerate(report.findings, 1):
        spans = [[e.start, e.end] for e in f.evidence if not e.removed and e.end > e.start]
        findings.append({"id": f"F{k}", "title": rule_title(f.rule), "severity": f.severity,
                         "severity_name": SEVERITY_NAMES.get(f.severity, f.severity),
                         "message": plain(f.message), "suggestion": plain(f.suggestion) if f.suggestion else None,
                         "spans": spans})
    return {
        "text": report.text,
        "verdict": (report.review or {}).get("verdict"), "reason": (report.review or {}).get("reason"),
        "meta": {"地区": unit_name(m.jurisdiction, m.department), "层级": LEVEL_NAMES.get(m.level or "", None),
                 "报告年度": m.report_year, "成文日期": m.report_date,
                 "类型": KIND_NAMES.get(m.kind or "", None)},
        "parts": [{"name": PART_SHORT[p], "present": p in present}
                  for p in ("measures", "shortcomings", "first_responsible", "plan")],
        "findings": findings,
    }


def _analyse_text(text: str, config) -> dict[str, Any]:
    from ..api import analyze_text
    return _result(analyze_text(text, config=config, path="草稿.txt"), config)


def _analyse_bytes(name: str, data: bytes, config) -> dict[str, Any]:
    from ..api import analyze
    return _result(analyze(data, path=name, config=config), config)


@page_router.get("/check")
def check_page(request: Request, user=Depends(reader)):
    return render(request, "selfcheck.html")


async def _run(request: Request, fn, *args):
    """In the analysis worker processes when they are up (the server's GIL stays free for the
    other requests), else in the server's threads."""
    import asyncio
    ex = request.app.state.analysis.executor()
    if ex is None:
        return await run_in_threadpool(fn, *args)
    return await asyncio.get_running_loop().run_in_executor(ex, fn, *args)


@router.post("/check", dependencies=[Depends(check_csrf)], summary="自查：分析一段草稿（不保存）")
async def check_text(request: Request, body: Draft, user=Depends(reader)) -> Any:
    limit = int(float(settings(request).get("max_text_mb") or 5) * 1024 * 1024)
    if len(body.text.encode("utf-8")) > limit:
        return JSONResponse({"error": "too_large", "message": "草稿过长 / draft too long"}, status_code=413)
    if not body.text.strip():
        return {"text": "", "findings": [], "verdict": None, "reason": None, "meta": {}, "parts": []}
    return await _run(request, _analyse_text, body.text, request.app.state.config)


@router.post("/check/file", dependencies=[Depends(check_csrf)], summary="自查：分析一个文件（不保存）")
async def check_file(request: Request, file: UploadFile = File(...), user=Depends(reader)) -> Any:
    data = await file.read()
    name = (file.filename or "草稿").replace("\u202e", "")[:200]
    try:
        return await _run(request, _analyse_bytes, name, data, request.app.state.config)
    except FazhiError as err:
        return JSONResponse({"error": err.code, "message": f"{err.message_zh} / {err.message_en}"}, status_code=422)
