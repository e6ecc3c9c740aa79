"""The batch summary table (汇总.xlsx): sheet "报告" one row per report, sheet "问题" one row per
finding, sheet "指标" one row per extracted indicator (all of them, the key ones marked: the
opinion shows only the key ones and lists the rest in its annex). A report that could not be
read is a row with its error. 按时报送公开 is 按时 / 逾期 / 无法判断 (checks/years.py `timeliness`,
the same computation as the stored column and the web)."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..config import Config
from ..model import Report
from ..labels import FAMILIES, LEVEL_NAMES, TIMELINESS_NAMES, unit_name
from ..review import (KIND_NAMES, PART_NAMES, SEVERITY_NAMES, Decisions, missing_parts,
                      review_items, verdict)
from .indicators import indicator_rows, key_indicator_ids
from .opinion import SHORT_QUOTE, rule_title
from .quotes import clause_around, plain
from .sections import section_path

REPORT_HEADERS = ["文件", "报告标题", "地区", "层级", "省份", "报告年度", "成文日期", "发布日期", "类型", "结论",
                  "严重", "一般", "提示", "缺少的法定内容", "按时报送公开", "错误", "结论依据"]
REPORT_WIDTHS = [40, 36, 16, 8, 10, 9, 12, 12, 12, 8, 6, 6, 6, 36, 9, 40, 60]
FINDING_HEADERS = ["文件", "地区", "问题名称", "类别", "严重程度", "说明", "原文", "建议", "编号", "位置"]
FINDING_WIDTHS = [40, 16, 24, 14, 9, 70, 50, 50, 7, 40]
INDICATOR_HEADERS = ["文件", "地区", "报告年度", "指标", "重点指标", "数值", "单位", "原文", "位置"]
INDICATOR_WIDTHS = [40, 16, 9, 30, 9, 12, 8, 60, 40]
DATE_FORMAT = "yyyy-mm-dd"
MAX_CELL = 32000          # Excel's cell limit is 32,767 characters


@dataclass
class BatchItem:
    """One input of a batch: the analysed report, or the error that stopped it."""
    path: str
    report: Report | None = None
    error: str | None = None
    decisions: Decisions | None = None


def _cell(v: Any) -> Any:
    if isinstance(v, str):
        v = "".join(ch for ch in v if ch in "\t\n" or ord(ch) >= 32)   # no control characters
        if len(v) > MAX_CELL:
            v = v[:MAX_CELL] + "……"
        if v[:1] in ("=", "+", "-", "@"):       # report text is untrusted: never a formula
            v = "'" + v
    return v


def as_date(v: str | None) -> dt.date | str | None:
    """"2024-02-20" → a real date (Excel sorts and filters it as a date); anything else as is."""
    if not v:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(v).strip())
    if not m:
        return v
    try:
        return dt.date(*map(int, m.groups()))
    except ValueError:
        return v


def report_row(item: BatchItem, config: Config) -> list[Any]:
    r = item.report
    if r is None:
        row = dict.fromkeys(REPORT_HEADERS)
        row.update({"文件": item.path, "错误": item.error or "未知错误"})
        return list(row.values())
    m = r.meta
    items = [it for it in review_items(r, item.decisions) if not it.dismissed]
    label, reason = verdict(r, config, item.decisions)
    counts = {s: sum(1 for it in items if it.finding.severity == s) for s in SEVERITY_NAMES}
    missing = "、".join(PART_NAMES.get(p, p) for p in missing_parts(items))
    from ..checks.years import timeliness
    late = TIMELINESS_NAMES[timeliness(r, config).state]
    row = {
        "文件": item.path, "报告标题": m.title, "地区": unit_name(m.jurisdiction, m.department),
        "层级": LEVEL_NAMES.get(m.level or "", m.level), "省份": m.province,
        "报告年度": m.report_year, "成文日期": as_date(m.report_date),
        "发布日期": as_date(m.publish_date), "类型": KIND_NAMES.get(m.kind or "", m.kind),
        "结论": label, "严重": counts["major"], "一般": counts["minor"], "提示": counts["info"],
        "缺少的法定内容": missing or None, "按时报送公开": late, "错误": item.error, "结论依据": reason,
    }
    return list(row.values())


def finding_rows(item: BatchItem) -> list[list[Any]]:
    r = item.report
    if r is None:
        return []
    place = unit_name(r.meta.jurisdiction, r.meta.department)
    out = []
    for it in review_items(r, item.decisions):
        if it.dismissed:
            continue
        f = it.finding
        quotes: list[str] = []
        for e in f.evidence:
            q = " ".join(e.quote.split())
            if not e.removed and len(q) < SHORT_QUOTE and r.text[e.start:e.end] == e.quote:
                q = clause_around(r.text, e.start, e.end, 80)   # a bare figure says little
            if q and q not in quotes:
                quotes.append(q[:200])
        quote = " / ".join(quotes[:3]) or None
        first = next((e for e in f.evidence if not e.removed), None)
        where = section_path(r, first.start) if first is not None else None
        out.append([item.path, place, rule_title(f), FAMILIES.get(f.family, f.family),
                    SEVERITY_NAMES.get(f.severity, f.severity), plain(f.message), quote,
                    plain(f.suggestion), it.id, where])
    return out


def indicator_sheet_rows(item: BatchItem) -> list[list[Any]]:
    r = item.report
    if r is None:
        return []
    key = set(key_indicator_ids())
    place = unit_name(r.meta.jurisdiction, r.meta.department)
    facts = {f.id: f for f in r.facts}
    out = []
    for row in indicator_rows(r, 120):
        f = facts.get(row.fact_id)
        out.append([item.path, place, r.meta.report_year, row.name,
                    "是" if row.indicator in key else "否",
                    f.value if f is not None else None, row.unit, row.quote, row.section])
    return out


def _sheet(ws, headers: list[str], rows: Iterable[list[Any]], widths: list[int]) -> None:
    ws.append(headers)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for c in ws[1]:
        c.font = bold
        c.fill = fill
        c.alignment = Alignment(vertical="center", wrap_text=True)
    n = 1
    for row in rows:
        ws.append([_cell(v) for v in row])
        n += 1
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = wrap
            if isinstance(c.value, (dt.date, dt.datetime)):
                c.number_format = DATE_FORMAT
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(n, 1)}"


def _as_item(x: Any) -> BatchItem:
    if isinstance(x, BatchItem):
        return x
    if isinstance(x, Report):
        return BatchItem(x.source.path or "", x)
    if isinstance(x, tuple):
        path, report, error = (list(x) + [None, None])[:3]
        return BatchItem(str(path), report, None if error is None else str(error))
    raise TypeError(f"render_xlsx: cannot use {type(x).__name__} as a row")


def render_xlsx(rows: Iterable[BatchItem | Report | tuple], path, config: Config | None = None) -> None:
    """Write the batch table. `rows`: BatchItem, Report, or (path, report|None, error|None)."""
    config = config or Config.default()
    items = [_as_item(x) for x in rows]
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)            # a new workbook has one worksheet
    ws.title = "报告"
    _sheet(ws, REPORT_HEADERS, (report_row(it, config) for it in items), REPORT_WIDTHS)
    ws2 = wb.create_sheet("问题")
    _sheet(ws2, FINDING_HEADERS, (r for it in items for r in finding_rows(it)), FINDING_WIDTHS)
    ws3 = wb.create_sheet("指标")
    _sheet(ws3, INDICATOR_HEADERS, (r for it in items for r in indicator_sheet_rows(it)),
           INDICATOR_WIDTHS)
    if isinstance(path, (str, os.PathLike)):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    wb.save(path)
