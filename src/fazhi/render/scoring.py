"""考评 as an Excel workbook: sheet 考评 (one row per report: rank, unit, score, percentile, each
criterion's points) and sheet 扣分明细 (one row per item that lost points, with its reason and
the quoted text). Headers and values in Chinese; rule ids and internal codes are not shown."""
from __future__ import annotations

from typing import Iterable

from ..supervision.scoring import RankRow, Rubric, iter_deduction_rows, iter_rank_rows, rubric_criteria

RANK_HEADERS = ["排名", "单位", "地区", "层级", "得分", "百分位"]
DEDUCTION_HEADERS = ["排名", "单位", "考评项目", "扣分内容", "扣分", "原因", "原文", "问题编号", "报告编号"]


def rank_headers(rubric: Rubric) -> list[str]:
    return RANK_HEADERS + [name for _, name in rubric_criteria(rubric)] + ["报告编号"]


def render_scores_xlsx(rows: Iterable[RankRow], rubric: Rubric, path: str, *, by_year: bool = False) -> None:
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
    widths1 = ([10] if by_year else []) + [6, 30, 16, 8, 8, 8] + [12] * len(crit) + [9]
    widths2 = ([10] if by_year else []) + [6, 30, 14, 22, 6, 60, 60, 9, 9]
    for sheet, widths in ((ws, widths1), (ws2, widths2)):
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
