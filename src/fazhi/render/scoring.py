"""考评 as an Excel workbook: sheet 考评 (one row per report: rank, unit, score, percentile, each
criterion's points, the maximum the score was computed over, 得分率, the items not checked),
sheet 扣分明细 (one row per item that lost points, with its reason and the quoted text), sheet
未核对 (the items that could not be checked, not scored) and sheet 未排名 (the texts of the scope
that are not a unit's own report, with the reason). Headers and values in Chinese; rule ids and
internal codes are not shown."""
from __future__ import annotations

from typing import Iterable

from ..supervision.ranking import (ApartRow, RankRow, iter_apart_rows, iter_deduction_rows, iter_rank_rows,
                                   iter_unchecked_rows)
from ..supervision.rubric import Rubric, rubric_criteria

RANK_HEADERS = ["排名", "单位", "地区", "层级", "得分", "百分位"]
TAIL_HEADERS = ["计分满分", "得分率（%）", "未核对项目", "报告编号"]
UNCHECKED_HEADERS = ["排名", "单位", "考评项目", "未核对内容", "未计分值", "原因", "报告编号"]
APART_HEADERS = ["单位", "地区", "层级", "文本类型", "未排名原因", "报告编号"]
DEDUCTION_HEADERS = ["排名", "单位", "考评项目", "扣分内容", "扣分", "原因", "原文", "问题编号", "报告编号"]


def rank_headers(rubric: Rubric) -> list[str]:
    return RANK_HEADERS + [name for _, name in rubric_criteria(rubric)] + TAIL_HEADERS


def render_scores_xlsx(rows: Iterable[RankRow], rubric: Rubric, path: str, *, by_year: bool = False,
                       apart: Iterable[ApartRow] = ()) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet
    rows = list(rows)
    crit = rubric_criteria(rubric)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)            # a new workbook has one worksheet
    ws.title = "考评"
    head = (["年度"] if by_year else []) + rank_headers(rubric)
    ws.append(head)
    for r, line in zip(rows, iter_rank_rows(rows, crit)):
        ws.append(([f"{r.year}年度"] if by_year else []) + line)
    ws2 = wb.create_sheet("扣分明细")
    ws2.append((["年度"] if by_year else []) + DEDUCTION_HEADERS)
    for line in iter_deduction_rows(rows, by_year):
        ws2.append(line)
    ws3 = wb.create_sheet("未核对")
    ws3.append((["年度"] if by_year else []) + UNCHECKED_HEADERS)
    for line in iter_unchecked_rows(rows, by_year):
        ws3.append(line)
    ws4 = wb.create_sheet("未排名")
    ws4.append((["年度"] if by_year else []) + APART_HEADERS)
    for line in iter_apart_rows(apart, by_year):
        ws4.append(line)
    y = [10] if by_year else []
    widths1 = y + [6, 30, 16, 8, 8, 8] + [12] * len(crit) + [9, 10, 40, 9]
    widths2 = y + [6, 30, 14, 22, 6, 60, 60, 9, 9]
    widths3 = y + [6, 30, 14, 22, 8, 60, 9]
    widths4 = y + [30, 16, 8, 14, 60, 9]
    for sheet, widths in ((ws, widths1), (ws2, widths2), (ws3, widths3), (ws4, widths4)):
        for c in sheet[1]:
            c.font = Font(bold=True)
        for i, w in enumerate(widths):
            sheet.column_dimensions[_col(i)].width = w
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    wb.save(path)


def _col(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out
