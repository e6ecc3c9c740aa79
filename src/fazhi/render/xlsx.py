"""The batch summary table (汇总.xlsx): sheet "报告" one row per report, sheet "问题" one row per
finding. A report that could not be read is a row with its error."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..config import Config
from ..model import Report
from ..review import (KIND_NAMES, PART_NAMES, SEVERITY_NAMES, Decisions, missing_parts,
                      review_items, verdict)
from .opinion import FAMILIES, LEVEL_NAMES

REPORT_HEADERS = ["文件", "地区", "层级", "省份", "报告年度", "成文日期", "发布日期", "类型", "结论",
                  "严重", "一般", "提示", "缺少的法定内容", "是否逾期", "错误", "结论依据"]
REPORT_WIDTHS = [40, 16, 8, 10, 9, 12, 12, 12, 8, 6, 6, 6, 36, 9, 40, 60]
FINDING_HEADERS = ["文件", "地区", "规则", "类别", "严重程度", "说明", "原文", "建议"]
FINDING_WIDTHS = [40, 16, 30, 14, 9, 70, 50, 50]
DEADLINE_RULE = "years.deadline"
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


def report_row(item: BatchItem, config: Config) -> list[Any]:
    r = item.report
    if r is None:
        return [item.path] + [None] * 13 + [item.error or "未知错误", None]
    m = r.meta
    items = [it for it in review_items(r, item.decisions) if not it.dismissed]
    label, reason = verdict(r, config, item.decisions)
    counts = {s: sum(1 for it in items if it.finding.severity == s) for s in SEVERITY_NAMES}
    missing = "、".join(PART_NAMES.get(p, p) for p in missing_parts(items))
    late = "是" if any(it.finding.rule == DEADLINE_RULE for it in items) else "否"
    return [item.path, m.department or m.jurisdiction, LEVEL_NAMES.get(m.level or "", m.level),
            m.province, m.report_year, m.report_date, m.publish_date,
            KIND_NAMES.get(m.kind or "", m.kind), label,
            counts["major"], counts["minor"], counts["info"], missing or None, late,
            item.error, reason]


def finding_rows(item: BatchItem) -> list[list[Any]]:
    r = item.report
    if r is None:
        return []
    place = r.meta.department or r.meta.jurisdiction
    out = []
    for it in review_items(r, item.decisions):
        if it.dismissed:
            continue
        f = it.finding
        quote = " / ".join(" ".join(e.quote.split())[:200] for e in f.evidence[:3]) or None
        out.append([item.path, place, f.rule, FAMILIES.get(f.family, f.family),
                    SEVERITY_NAMES.get(f.severity, f.severity), f.message, quote, f.suggestion])
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
    ws.title = "报告"
    _sheet(ws, REPORT_HEADERS, (report_row(it, config) for it in items), REPORT_WIDTHS)
    ws2 = wb.create_sheet("问题")
    _sheet(ws2, FINDING_HEADERS, (r for it in items for r in finding_rows(it)), FINDING_WIDTHS)
    if isinstance(path, (str, os.PathLike)):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    wb.save(path)
