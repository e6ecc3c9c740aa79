"""报送情况 and 整改台账 pages: the roster of a place and year (counts per sub-region, drill-down
to the units, Excel export) and the 整改台账 (list, add from a finding or a 督察 feedback, status,
evidence files, 销号 by a reviewer, Excel export). The work is done by fazhi/supervision/; the
user's scope (core.scope) is passed to it: only units, reports and items inside the region."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from ..errors import FazhiError
from ..supervision import rectify
from ..supervision.roster import roster
from ..zh.years import YEAR_MAX, YEAR_MIN
from .core import ID, check_csrf, need, reader, render, scope, store

router = APIRouter(include_in_schema=False)
YEAR = Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)]


def _default_year() -> int:
    return dt.date.today().year - 1


@router.get("/roster")
def roster_page(request: Request, place: str = "", year: YEAR = None, region: str = "", user=Depends(reader)):
    sc = scope(request)
    place = place.strip()[:60] or (sc.name or "")     # a scoped reviewer starts at their region
    year = year or _default_year()
    data, error = None, None
    if place:
        try:
            data = roster(store(request), place, year, sc)
        except FazhiError as err:
            error = f"{err.message_zh}：{err.path}（{err.detail}）" if err.detail else err.message_zh
    units = [u for u in data.units if (u.region or "（本级）") == region] if data and region else None
    return render(request, "roster.html", place=place, year=year, data=data, error=error,
                  regions=data.by_region() if data else {}, region=region, units=units,
                  flash=request.session.pop("flash", None))


@router.post("/roster/link", dependencies=[Depends(check_csrf)])
async def roster_link(request: Request, user=Depends(need("reviewer"))):
    """A reviewer links a stored report to a unit that must report (or undoes a link): the
    report is counted for that unit from now on, whatever the engine matched."""
    from urllib.parse import urlencode

    from ..supervision.roster import find_unit, link
    form = await request.form()
    get = lambda k: str(form.get(k) or "").strip()  # noqa: E731
    place, region, linked = get("place")[:60], get("region")[:60], get("action") != "unlink"
    try:
        year = int(get("year"))
    except ValueError:
        year = _default_year()
    back = "/roster?" + urlencode({"place": place, "year": year, **({"region": region} if region else {})})
    try:
        rid = int(get("report").lstrip("#"))
    except ValueError:
        return _back(request, back, "请填写报告编号（如 12）", error=True)
    sc, st = scope(request), store(request)
    rep = st.report(rid) if sc.covers_report(st, rid) else None
    if rep is None:
        return _back(request, back, f"报告 #{rid} 不存在", error=True)
    try:
        unit = find_unit(st, place, year, get("unit"))
    except FazhiError:
        return _back(request, back, f"{place} {year}年度没有应报单位“{get('unit')[:30]}”", error=True)
    if not (sc.covers(unit.adcode) if unit.adcode else sc.covers_unit(unit.name)):
        return _back(request, back, f"“{unit.name}”不在本账号可查看的地区内", error=True)
    link(st, year, unit.key, rep["report_key"], linked=linked, user=user["name"])
    return _back(request, back, f"{'已关联' if linked else '已取消关联'}：{unit.name} ← 报告 #{rid}")


@router.get("/roster.xlsx")
def roster_xlsx(request: Request, place: str, year: YEAR = None, user=Depends(reader)):
    from ..render.roster import render_roster_xlsx
    try:
        r = roster(store(request), place.strip()[:60], year or _default_year(), scope(request))
    except FazhiError as err:
        raise HTTPException(404, f"{err.message_zh} / {err.message_en}") from None
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "r.xlsx")
        render_roster_xlsx(r, path)
        data = open(path, "rb").read()
    from urllib.parse import quote
    name = quote(f"{r.place}{r.year}年度报送情况.xlsx")
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


@router.get("/rectify")
def rectify_page(request: Request, unit: str = "", status: str = "", overdue: bool = False,
                 report: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
                 finding: str = "", user=Depends(reader)):
    try:
        items = rectify.items(store(request), unit=unit.strip() or None, status=status or None, overdue=overdue,
                              scope=scope(request))
    except FazhiError as err:
        items, status = [], ""
        request.session["flash"] = {"error": True, "message": err.message_zh}
    return render(request, "rectify.html", items=items, unit=unit, status=status, overdue=overdue,
                  statuses=rectify.STATUSES, prefill=_prefill(request, report, finding[:10]),
                  flash=request.session.pop("flash", None))


def _prefill(request: Request, report: int | None, finding: str) -> dict:
    """The add form opened from a finding of a report: its number, the finding, the unit of the
    report (as the 考评 and the roster name it) and the finding's text, shown above the form."""
    out = {"report": report, "finding": finding, "unit": "", "problem": "", "title": "", "decision": None}
    rep = store(request).report(report) if report else None
    if rep is None:
        return out
    from ..render.opinion import plain
    from ..supervision.ranking import unit_label
    out["unit"] = unit_label(rep) if rep.get("jurisdiction") else ""
    out["title"] = rep.get("title") or ""
    for i, f in enumerate(rep.get("findings") or [], 1):
        if finding in (f"F{i}", f.get("key")):
            out["problem"] = plain(f["message"])
            out["decision"] = (f.get("decision") or {}).get("decision")
    return out


@router.get("/rectify/{iid}")
def rectify_item_page(request: Request, iid: ID, user=Depends(reader)):
    try:
        item = rectify.get(store(request), iid, scope(request))
    except FazhiError:
        return render(request, "error.html", status_code=404, message="整改事项不存在 / item not found")
    return render(request, "rectify_item.html", item=item, statuses=rectify.STATUSES[:3],
                  field_names=rectify.FIELD_NAMES, flash=request.session.pop("flash", None))


def _back(request: Request, url: str, message: str, error: bool = False):
    request.session["flash"] = {"error": error, "message": message}
    return RedirectResponse(url, status_code=303)


@router.post("/rectify", dependencies=[Depends(check_csrf)])
async def rectify_add(request: Request, user=Depends(need("reviewer"))):
    form = await request.form()
    get = lambda k: (str(form.get(k) or "").strip() or None)  # noqa: E731
    try:
        report = get("report")
        rid = int(report) if report else None
        iid = rectify.add(store(request), unit=get("unit") or "", problem=get("problem"), report_id=rid,
                          finding=get("finding"), measure=get("measure"), person=get("person"),
                          deadline=get("deadline"), user=user["name"], scope=scope(request))
    except (FazhiError, ValueError) as err:
        msg = getattr(err, "message_zh", None) or "登记失败"
        detail = (getattr(err, "detail", None) or "").split(" / ")[0]   # the page is in Chinese
        return _back(request, "/rectify", f"{msg}{'：' + detail if detail else ''}", error=True)
    return _back(request, f"/rectify/{iid}", f"已登记整改事项 #{iid}")


@router.post("/rectify/{iid}", dependencies=[Depends(check_csrf)])
async def rectify_update(request: Request, iid: ID, user=Depends(need("reviewer"))):
    form = await request.form()
    get = lambda k: (str(form.get(k) or "").strip() or None)  # noqa: E731
    try:
        rectify.get(store(request), iid, scope(request))
    except FazhiError:
        return render(request, "error.html", status_code=404, message="整改事项不存在 / item not found")
    files = []
    for up in form.getlist("evidence"):
        if isinstance(up, UploadFile) and up.filename:
            files.append((up.filename.replace("\u202e", ""), await up.read()))
    try:
        if get("action") == "close":
            rectify.close(store(request), iid, user=user["name"], role=user["role"])
            return _back(request, f"/rectify/{iid}", "已销号")
        rectify.update(store(request), iid, status=get("status"), note=get("progress"), measure=get("measure"),
                       deadline=get("deadline"), person=get("person"), evidence=files, user=user["name"])
    except FazhiError as err:
        return _back(request, f"/rectify/{iid}", f"{err.message_zh}{'：' + err.detail if err.detail else ''}", error=True)
    return _back(request, f"/rectify/{iid}", "已更新")


@router.get("/rectify/evidence/{eid}")
def rectify_evidence(request: Request, eid: ID, user=Depends(reader)):
    try:
        name, data = rectify.evidence_file(store(request), eid, scope(request))
    except FazhiError:
        return render(request, "error.html", status_code=404, message="文件不存在 / file not found")
    from urllib.parse import quote
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


@router.get("/rectify.xlsx")
def rectify_xlsx(request: Request, user=Depends(reader)):
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "t.xlsx")
        rectify.export_xlsx(store(request), path, scope=scope(request))
        data = open(path, "rb").read()
    from urllib.parse import quote
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote('整改台账.xlsx')}"})



@router.get("/score")
def score_page(request: Request, place: str = "", year: YEAR = None,
               report: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None, user=Depends(reader)):
    """考评: the reports of a place and year ranked by the default rubric; ?report= shows one
    report's breakdown (each criterion, each point lost, with its reason and quote)."""
    from ..supervision.ranking import ranking
    from ..supervision.rubric import load_rubric, rubric_criteria
    place = place.strip()[:60]
    year = year or _default_year()
    rows, apart, error, rubric = [], [], None, load_rubric()
    if place:
        try:
            result = ranking(store(request), place, year, rubric, scope=scope(request))
            rows, apart = result.rows, result.apart
        except FazhiError as err:
            error = f"{err.message_zh}：{err.path}（{err.detail}）" if err.detail else err.message_zh
    chosen = next((r for r in rows if r.report_id == report), None)
    return render(request, "score.html", place=place, year=year, rows=rows, apart=apart, error=error,
                  criteria=rubric_criteria(rubric), chosen=chosen,
                  partial=sum(1 for r in rows if not r.score.complete))


@router.get("/score.xlsx")
def score_xlsx(request: Request, place: str, year: YEAR = None, user=Depends(reader)):
    from ..render.scoring import render_scores_xlsx
    from ..supervision.ranking import ranking
    from ..supervision.rubric import load_rubric
    rubric = load_rubric()
    place, year = place.strip()[:60], year or _default_year()
    result = ranking(store(request), place, year, rubric, scope=scope(request))
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "s.xlsx")
        render_scores_xlsx(result.rows, rubric, path, apart=result.apart)
        data = open(path, "rb").read()
    from urllib.parse import quote
    name = quote(f"{place}{year}年度考评.xlsx")
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})
