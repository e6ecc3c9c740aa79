"""报告列表 and 报告详情: the filtered table, one report with everything marked in its text,
downloads, and the reviewer's decisions and own findings."""
from __future__ import annotations

import bisect
import json
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from ..render.html import report_marks
from ..render.opinion import build_opinion
from ..render.spans import Mark, highlight
from ..labels import KIND_NAMES, PART_NAMES
from . import actions, queries
from .cache import cache_name
from .core import ID, check_csrf, need, reader, render, report_doc, require_report, scope, store
from .opinion import annotated_bytes, docx_bytes, download_name, html_text, stored

router = APIRouter(include_in_schema=False)

MAX_ITEMS = 300          # findings listed beside the text; the rest on request (?all=1) and in the downloads
COLUMNS = [("place", "地区/部门"), ("province", "省份"), ("level", "层级"), ("year", "年度"),
           ("kind", "类型"), ("verdict", "结论"), ("late", "逾期"), ("major", "严重"), ("minor", "一般"),
           ("info", "提示"), ("published", "发布日期")]
# not sortable: how many findings a reviewer has decided on (decisions are kept per report key)


def load_doc(request: Request, rid: ID) -> dict[str, Any]:
    """The report inside the user's scope (404 otherwise), see core.report_doc."""
    return report_doc(request, rid)


@router.get("/reports")
def list_page(request: Request, user=Depends(reader)):
    q = queries.ListQuery.from_params(request.query_params)
    st = store(request)
    sc = scope(request)
    total, rows = st.report_page(q, sc)
    options = request.app.state.cache.get_recent(st, cache_name("filter_options", sc),
                                                 lambda: st.filter_options(sc))
    pages = max(1, -(-total // q.page_size))

    def url(**over) -> str:
        params = q.params(**over)
        return "/reports" + ("?" + urlencode(params) if params else "")

    sort_links = {}
    for key, _ in COLUMNS:
        desc = q.sort == key and not q.desc
        sort_links[key] = url(sort=("-" if desc else "") + key, page=None)
    return render(request, "reports.html", status_code=400 if q.errors else 200, q=q, rows=rows, total=total, page=q.page, pages=pages,
                  options=options, columns=COLUMNS, sort_links=sort_links, default_page_size=queries.PAGE_SIZE,
                  prev_url=url(page=q.page - 1) if q.page > 1 else None,
                  next_url=url(page=q.page + 1) if q.page < pages else None,
                  export_url="/api/reports" + ("?" + urlencode(q.params(page=None)) if q.params(page=None) else ""))


def page_title(doc: dict[str, Any]) -> str:
    """The report's own title; without one, a label from what is known (place, year, kind), never
    the upload's file name (which is often a hash or a number)."""
    m = doc.get("meta") or {}
    if m.get("title"):
        return m["title"]
    place = m.get("department") or m.get("jurisdiction")
    if m.get("department") and m.get("jurisdiction") and m["jurisdiction"] not in m["department"]:
        place = m["jurisdiction"] + m["department"]
    year = f"{m['report_year']}年度" if m.get("report_year") else None
    kind = KIND_NAMES.get(m.get("kind") or "", None)
    label = " ".join(x for x in (place, year, kind) if x)
    return label or f"报告 {(doc.get('store') or {}).get('id', '')}".strip()


def _merge_removed(marks: list[Mark]) -> list[Mark]:
    """Zero-width markers of removed residue: one visible label per finding and offset
    ("⌫F12×5" instead of five "⌫F12" in a row). The others stay as empty anchors so that each
    quote's "定位" link still has its target; their tooltips are joined into the visible one."""
    groups: dict[tuple[int, str], list[int]] = {}
    for i, m in enumerate(marks):
        if m.start == m.end and m.label:
            groups.setdefault((m.start, dict(m.attrs).get("data-finding", m.label)), []).append(i)
    out = list(marks)
    for idx in groups.values():
        if len(idx) < 2:
            continue
        first = marks[idx[0]]
        tips = []
        for i in idx:
            t = marks[i].title or ""
            if t not in tips:
                tips.append(t)
        out[idx[0]] = replace(first, label=f"{first.label}×{len(idx)}", title="\n".join(tips)[:2000])
        for i in idx[1:]:
            out[i] = replace(marks[i], label="")
    return out


def _outline(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []

    def walk(secs, depth):
        for s in secs or []:
            parts = list(s.get("parts") or ([s["part"]] if s.get("part") else []))
            out.append({"id": s.get("id"), "depth": depth, "number": s.get("number") or "",
                        "heading": s.get("heading") or "", "part": s.get("part"), "parts": parts,
                        "part_names": [PART_NAMES.get(p, p) for p in parts], "areas": s.get("areas") or []})
            if depth < 3:
                walk(s.get("children"), depth + 1)
    walk(sections, 1)
    return out


def text_pages(text: str, size: int) -> list[tuple[int, int]]:
    """[start, end) of each page of a long text: about `size` characters, cut after a line
    break (else anywhere) so that a page starts with a paragraph."""
    if size <= 0 or len(text) <= size:
        return [(0, len(text))]
    out, a = [], 0
    while a < len(text):
        b = min(len(text), a + size)
        if b < len(text):
            nl = text.rfind("\n", a + size // 2, b)
            b = nl + 1 if nl >= 0 else b
        out.append((a, b))
        a = b
    return out


def _page_marks(marks: list[Mark], a: int, b: int, last: bool) -> list[Mark]:
    """The marks of [a, b), shifted to the page (a mark across a page cut shows on both)."""
    out = []
    for m in marks:
        if m.start == m.end:
            inside = a <= m.start < b or (last and m.start == b)
        else:
            inside = m.start < b and m.end > a
        if inside:
            out.append(replace(m, start=max(m.start, a) - a, end=min(m.end, b) - a))
    return out


@router.get("/reports/{rid}")
def report_page(request: Request, rid: ID, part: Annotated[int, Query(ge=1, le=100_000)] = 1,
                all_items: Annotated[bool, Query(alias="all")] = False, user=Depends(reader)):
    doc = load_doc(request, rid)
    config = request.app.state.config
    report, decs, extra = stored(doc)
    op = build_opinion(report, config, decs, extra)
    marks = _merge_removed(report_marks(report, op))
    for s in report.all_sections():
        if s.heading_end > s.heading_start:
            marks.append(Mark(s.heading_start, s.heading_end, "heading", None, f"sec-{s.id}"))
    # a long text is shown page by page (the marks, outline and findings know their page)
    pages = text_pages(report.text, int(request.app.state.settings.get("report_page_chars") or 0))
    if part > len(pages):
        raise HTTPException(404, f"报告 {rid} 没有第 {part} 页 / no such page")
    a, b = pages[part - 1]
    starts = [p[0] for p in pages]
    page_of: dict[str, int] = {}
    for m in marks:
        if m.id and m.id not in page_of:
            page_of[m.id] = bisect.bisect_right(starts, m.start)

    def href(anchor: str | None) -> str:
        k = page_of.get(anchor or "", part)
        return f"#{anchor}" if k == part else f"/reports/{rid}?part={k}#{anchor}"

    fulltext = Markup(highlight(report.text[a:b], _page_marks(marks, a, b, part == len(pages))))
    st = doc["store"]
    fid_rows = {f["id"]: f for f in doc["findings"]}
    items = []
    n_items = len(op.items)
    shown = op.items if all_items or n_items <= MAX_ITEMS else op.items[:MAX_ITEMS]
    for it in shown:
        row = fid_rows.get(it.id)
        items.append({"view": it, "db": row.get("db_id") if row else None, "key": row["key"] if row else None,
                      "anchor": it.quotes[0].anchor if it.quotes else None})
    from .corrections import view as corrections_view
    return render(request, "report.html", doc=doc, meta=doc["meta"], st=st, op=op, items=items,
                  corr=corrections_view(store(request), doc),
                  fulltext=fulltext, outline=_outline(doc.get("sections") or []), page_title=page_title(doc),
                  flash=request.session.pop("flash", None),
                  text_len=len(report.text), href=href, n_items=n_items,
                  more_url=f"/reports/{rid}?all=1" + (f"&part={part}" if part > 1 else "") if len(items) < n_items else None, part=part, n_parts=len(pages), part_start=a,
                  part_urls=[f"/reports/{rid}?part={k}" for k in range(1, len(pages) + 1)])


@router.get("/reports/{rid}/review.docx")
def review_docx(request: Request, rid: ID, user=Depends(reader)):
    doc = load_doc(request, rid)
    return _download(docx_bytes(doc, request.app.state.config), download_name(doc, ".docx"),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@router.get("/reports/{rid}/annotated.docx")
def annotated_docx(request: Request, rid: ID, user=Depends(reader)):
    doc = load_doc(request, rid)
    return _download(annotated_bytes(doc, request.app.state.config, store(request)),
                     download_name(doc, ".docx").replace("_审核意见", "_审核批注"),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@router.get("/reports/{rid}/review.html")
def review_html(request: Request, rid: ID, user=Depends(reader)):
    doc = load_doc(request, rid)
    return _download(html_text(doc, request.app.state.config).encode("utf-8"), download_name(doc, ".html"),
                     "text/html; charset=utf-8")


@router.get("/reports/{rid}/report.json")
def report_json(request: Request, rid: ID, user=Depends(reader)):
    doc = load_doc(request, rid)
    name = download_name(doc, ".json").replace("_审核意见", "")
    return _download(json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"), name,
                     "application/json; charset=utf-8")


def _download(data: bytes, name: str, media_type: str) -> Response:
    ascii_name = "".join(c if c.isascii() and c.isalnum() or c in "._-" else "_" for c in name)
    disp = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disp})


@router.post("/reports/{rid}/findings/{fid}/decision", dependencies=[Depends(check_csrf)])
async def decision_form(request: Request, rid: ID, fid: str, user=Depends(need("reviewer"))):
    require_report(request, rid)
    form = await request.form()
    try:
        row = actions.finding_row(store(request), fid)
        if row["report_id"] != rid:
            raise actions.ActionError(404, "问题不属于这份报告 / finding not in this report")
        res = actions.decide(store(request), fid, str(form.get("decision") or ""),
                             str(form.get("comment") or ""), user["name"])
    except actions.ActionError as err:
        request.session["flash"] = {"error": True, "message": err.message}
        return RedirectResponse(f"/reports/{rid}", status_code=303)
    word = "确认" if res["decision"] == "confirmed" else "驳回"
    request.session["flash"] = {"error": False, "message": f"已{word}问题 {res['finding']}"}
    return RedirectResponse(f"/reports/{rid}#item-{res['finding']}", status_code=303)


@router.post("/reports/{rid}/reviewer-findings", dependencies=[Depends(check_csrf)])
async def reviewer_finding_form(request: Request, rid: ID, user=Depends(need("reviewer"))):
    require_report(request, rid)
    form = await request.form()
    try:
        new = actions.add_reviewer_finding(store(request), rid, form.get("start"), form.get("end"),
                                           str(form.get("message") or ""), str(form.get("severity") or "minor"),
                                           user["name"], quote=str(form.get("quote") or ""))
    except actions.ActionError as err:
        request.session["flash"] = {"error": True, "message": err.message}
        return RedirectResponse(f"/reports/{rid}", status_code=303)
    request.session["flash"] = {"error": False, "message": f"已添加审核人问题 R{new}"}
    return RedirectResponse(f"/reports/{rid}#item-R{new}", status_code=303)
