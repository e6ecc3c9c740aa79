"""整改台账: every problem — a confirmed finding, a 督察 feedback, a row of an imported Excel — tracked
through 整改 until it is closed (销号), with the full history of who changed what, when.

    item = add(store, unit="青石县司法局", problem="督察反馈：…", deadline="2025-09-30", user="王")
    set_status(store, item, "已整改", note="…", evidence=[("佐证.pdf", b"…")], user="王")
    close(store, item, user="李")          # 销号: a reviewer, and only after 已整改

The statuses go 待整改 → 整改中 → 已整改 → 已销号; an item past its 整改时限 and not yet 已整改/已销号
is overdue.

With a scope (corpus/scope.py) an account sees and changes only the items inside its region
(`Scope.covers_item`: where the item's report is, else where its 责任单位 is); any other item
is "not found".
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Iterable

import sqlalchemy as sa

from ..corpus import schema as T
from ..corpus.scope import ALL, Scope
from ..errors import FazhiError
from ..zh.dates import read_day

STATUSES = ("待整改", "整改中", "已整改", "已销号")
DONE = ("已整改", "已销号")
EXPORT_HEADERS = ["序号", "问题", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成情况"]
HISTORY_HEADERS = ["序号", "时间", "操作人", "变更", "原值", "新值"]
FIELD_NAMES = {"created": "登记", "status": "整改状态", "progress": "完成情况", "measure": "整改措施",
               "deadline": "整改时限", "unit": "责任单位", "person": "责任人", "evidence": "佐证材料",
               "import": "导入"}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _date(value: str | None, what: str = "整改时限") -> str | None:
    if value in (None, ""):
        return None
    try:
        return read_day(value).isoformat()
    except ValueError:
        raise FazhiError("bad_date", str(value).strip(),
                         f"{what}须为 YYYY-MM-DD / {what} must be a date") from None


def _history(conn, item_id: int, field: str, old: Any, new: Any, user: str | None) -> None:
    conn.execute(T.rectify_history.insert().values(
        item_id=item_id, at=_now(), user=user, field=field,
        old=None if old is None else str(old), new=None if new is None else str(new)))


def add(store, *, unit: str, problem: str | None = None, report_id: int | None = None,
        finding: str | None = None, measure: str | None = None, person: str | None = None,
        deadline: str | None = None, user: str | None = None, origin: str | None = None,
        scope: Scope = ALL) -> int:
    """A new item. With report_id and finding (a finding's id F<n> as the report shows it, or its
    key), the problem and quote come from that finding; else `problem` is the free text of a
    督察 feedback."""
    quote = report_key = finding_key = year = None
    if report_id is not None:
        rep = store.report(report_id) if scope.covers_report(store, report_id) else None
        if rep is None:
            raise FazhiError("no_report", f"#{report_id}")
        report_key, year = rep["report_key"], rep["report_year"]
        if finding:
            f = _finding(rep, finding)
            finding_key = f["key"]
            ev = f.get("evidence") or []
            quote = "；".join(e.get("quote", "") for e in ev[:3] if e.get("quote")) or None
            from ..render.opinion import plain
            problem = problem or plain(f["message"])      # no internal codes in what a reviewer reads
    elif not scope.covers_unit(unit):
        raise FazhiError("outside_scope", unit, f"本账号只能查看{scope.label} / the account sees {scope.label} only")
    if not problem:
        raise FazhiError("bad_item", unit, "没有问题描述 / no problem text (give --problem or --finding)")
    now = _now()
    with store.engine.begin() as conn:
        iid = conn.execute(T.rectify_items.insert().values(
            origin=origin or ("finding" if finding_key else "inspection"), problem=problem, quote=quote,
            report_key=report_key, report_year=year, finding_key=finding_key, measure=measure, unit=unit,
            person=person, deadline=_date(deadline), status="待整改", progress=None, created_by=user,
            created_at=now, updated_at=now)).inserted_primary_key[0]
        _history(conn, iid, "created", None, problem, user)
    return int(iid)


def _finding(rep: dict[str, Any], ref: str) -> dict[str, Any]:
    fs = rep["findings"]
    for i, f in enumerate(fs, 1):
        if ref in (f["key"], f"F{i}"):
            return f
    known = f"F1–F{len(fs)}" if fs else "无"
    raise FazhiError("no_finding", ref, f"报告 #{rep['id']} 的审核发现编号为 {known} / findings of report "
                                        f"#{rep['id']}: {known if fs else 'none'}")


def get(store, item_id: int, scope: Scope = ALL) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(T.rectify_items).where(T.rectify_items.c.id == item_id)).first()
        if row is None or not scope.covers_item(store, row._mapping):
            raise FazhiError("no_item", f"#{item_id}")
        d = dict(row._mapping)
        d["history"] = [dict(r._mapping) for r in conn.execute(
            sa.select(T.rectify_history).where(T.rectify_history.c.item_id == item_id)
            .order_by(T.rectify_history.c.id))]
        d["evidence"] = [dict(r._mapping) for r in conn.execute(
            sa.select(T.rectify_evidence.c.id, T.rectify_evidence.c.name, T.rectify_evidence.c.sha256,
                      T.rectify_evidence.c.user, T.rectify_evidence.c.at)
            .where(T.rectify_evidence.c.item_id == item_id).order_by(T.rectify_evidence.c.id))]
    d["overdue"] = is_overdue(d)
    return d


def is_overdue(item: dict[str, Any], today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    return bool(item.get("deadline")) and item["status"] not in DONE \
        and dt.date.fromisoformat(item["deadline"]) < today


def items(store, *, unit: str | None = None, status: str | None = None, overdue: bool = False,
          report_key: str | None = None, scope: Scope = ALL) -> list[dict[str, Any]]:
    q = sa.select(T.rectify_items).order_by(T.rectify_items.c.id)
    if unit:
        q = q.where(T.rectify_items.c.unit == unit)
    if status:
        if status not in STATUSES:
            raise FazhiError("bad_status", status, f"状态须为 {'/'.join(STATUSES)}")
        q = q.where(T.rectify_items.c.status == status)
    if report_key:
        q = q.where(T.rectify_items.c.report_key == report_key)
    with store.engine.connect() as conn:
        out = [dict(r._mapping) for r in conn.execute(q)]
    out = [d for d in out if scope.covers_item(store, d)]
    for d in out:
        d["overdue"] = is_overdue(d)
    return [d for d in out if d["overdue"]] if overdue else out


def update(store, item_id: int, *, status: str | None = None, note: str | None = None,
           measure: str | None = None, deadline: str | None = None, person: str | None = None,
           evidence: Iterable[tuple[str, bytes]] = (), user: str | None = None) -> dict[str, Any]:
    """Change an item (each change goes to its history). 已销号 is set only by `close`."""
    cur = get(store, item_id)
    if cur["status"] == "已销号":
        raise FazhiError("closed", f"#{item_id}", "已销号的问题不能再修改 / the item is closed")
    if status is not None:
        if status not in STATUSES:
            raise FazhiError("bad_status", status, f"状态须为 {'/'.join(STATUSES)}")
        if status == "已销号":
            raise FazhiError("bad_status", status, "销号请用 close，由审核人办理 / use close to 销号")
    changes = {"status": status, "progress": note, "measure": measure,
               "deadline": _date(deadline) if deadline else None, "person": person}
    changes = {k: v for k, v in changes.items() if v is not None and v != cur.get(k)}
    with store.engine.begin() as conn:
        for k, v in changes.items():
            _history(conn, item_id, k, cur.get(k), v, user)
        for name, data in evidence:
            conn.execute(T.rectify_evidence.insert().values(
                item_id=item_id, name=Path(name).name, sha256=hashlib.sha256(data).hexdigest(),
                content=data, user=user, at=_now()))
            _history(conn, item_id, "evidence", None, Path(name).name, user)
        if changes or evidence:
            conn.execute(T.rectify_items.update().where(T.rectify_items.c.id == item_id)
                         .values(**changes, updated_at=_now()))
    return get(store, item_id)


def close(store, item_id: int, *, user: str | None, role: str | None = None) -> dict[str, Any]:
    """销号: only a reviewer (or admin), and only an item marked 已整改."""
    if role not in ("reviewer", "admin"):
        raise FazhiError("forbidden", user or "", "只有审核人可以销号 / only a reviewer can close an item")
    cur = get(store, item_id)
    if cur["status"] != "已整改":
        raise FazhiError("bad_status", cur["status"], "须先标记为“已整改”才能销号 / mark it 已整改 first")
    with store.engine.begin() as conn:
        _history(conn, item_id, "status", cur["status"], "已销号", user)
        conn.execute(T.rectify_items.update().where(T.rectify_items.c.id == item_id)
                     .values(status="已销号", updated_at=_now()))
    return get(store, item_id)


def evidence_file(store, evidence_id: int, scope: Scope = ALL) -> tuple[str, bytes]:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(T.rectify_evidence.c.name, T.rectify_evidence.c.content,
                                     T.rectify_evidence.c.item_id)
                           .where(T.rectify_evidence.c.id == evidence_id)).first()
    if row is not None:
        get(store, row[2], scope)          # not_found outside the scope
    if row is None:
        raise FazhiError("no_evidence", f"#{evidence_id}")
    return row[0], bytes(row[1])


# -- Excel --------------------------------------------------------------------------------------
def export_xlsx(store, path: str, rows: list[dict[str, Any]] | None = None, scope: Scope = ALL) -> int:
    """The 台账 in the columns offices use, plus a sheet with every item's history."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet
    rows = items(store, scope=scope) if rows is None else [r for r in rows if scope.covers_item(store, r)]
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)            # a new workbook has one worksheet
    ws.title = "整改台账"
    ws.append(EXPORT_HEADERS + ["是否逾期"])
    for r in rows:
        ws.append([r["id"], r["problem"] + (f"（原文：{r['quote']}）" if r.get("quote") else ""), r["measure"],
                   r["unit"], r["person"], r["deadline"], r["status"], r["progress"],
                   "是" if r["overdue"] else "否"])
    hs = wb.create_sheet("变更记录")
    hs.append(HISTORY_HEADERS)
    for r in rows:
        for h in get(store, r["id"])["history"]:
            hs.append([r["id"], h["at"].strftime("%Y-%m-%d %H:%M") if h["at"] else None, h["user"],
                       FIELD_NAMES.get(h["field"], h["field"]), h["old"], h["new"]])
    for sheet, widths in ((ws, [6, 50, 40, 20, 10, 12, 10, 40, 9]), (hs, [6, 17, 10, 10, 30, 30])):
        for c in sheet[1]:
            c.font = Font(bold=True)
        for i, w in enumerate(widths):
            sheet.column_dimensions[chr(65 + i)].width = w
        for row in sheet.iter_rows(min_row=2):
            for c in row:
                c.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    wb.save(path)
    return len(rows)


def import_xlsx(store, path: str, *, user: str | None = None) -> int:
    """Items from a hand-kept 台账 (.xlsx with the columns of EXPORT_HEADERS; 序号 optional). A row
    whose 序号 names an existing item updates it (history kept); other rows are added."""
    from . import sheet_rows
    rows = [list(r) for r in sheet_rows(path)]
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        raise FazhiError("empty", path)
    header = [str(c or "").strip() for c in rows[0]]
    idx = {h: i for i, h in enumerate(header)}
    for need in ("问题", "责任单位"):
        if need not in idx:
            raise FazhiError("bad_list", path, f"缺少“{need}”列 / no {need} column")

    def cell(r, h):
        i = idx.get(h)
        v = r[i] if i is not None and i < len(r) else None
        return None if v in (None, "") else (v if isinstance(v, (dt.date, dt.datetime)) else str(v).strip())

    n = 0
    for k, r in enumerate(rows[1:], 2):
        problem, unit = cell(r, "问题"), cell(r, "责任单位")
        if not problem or not unit:
            raise FazhiError("bad_list", path, f"第{k}行缺少问题或责任单位 / row {k}")
        status = cell(r, "整改状态") or "待整改"
        if status not in STATUSES:
            raise FazhiError("bad_status", status, f"第{k}行 / row {k}")
        existing = None
        sid = cell(r, "序号")
        if sid and str(sid).isdigit():
            try:
                existing = get(store, int(sid))
            except FazhiError:
                existing = None
        if existing and existing["problem"] == problem:
            if existing["status"] != "已销号":
                st = status if status != "已销号" else None
                update(store, existing["id"], status=st, note=cell(r, "完成情况"), measure=cell(r, "整改措施"),
                       deadline=cell(r, "整改时限"), person=cell(r, "责任人"), user=user)
        else:
            iid = add(store, unit=unit, problem=problem, measure=cell(r, "整改措施"), person=cell(r, "责任人"),
                      deadline=cell(r, "整改时限"), user=user, origin="import")
            if status != "待整改":
                with store.engine.begin() as conn:
                    _history(conn, iid, "import", "待整改", status, user)
                    conn.execute(T.rectify_items.update().where(T.rectify_items.c.id == iid)
                                 .values(status=status, progress=cell(r, "完成情况")))
        n += 1
    return n
