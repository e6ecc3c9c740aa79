"""The supervision cycle around the reports: who must report and who did (roster), problems
tracked through 整改 until 销号 (rectify). Each module has one job; the CLI is cli/supervision.py."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import FazhiError


def sheet_rows(path: str | Path) -> list[tuple[Any, ...]]:
    """The values of an .xlsx file's active sheet, row by row; of its first worksheet when the
    file names no sheet of its own as active (an active tab past the last sheet, as tools that
    removed sheets leave it, reads as none)."""
    import zipfile
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    if not Path(path).is_file():
        raise FazhiError("not_found", str(path))
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):
        # a .csv, .xls or damaged file: one line, not openpyxl's exception
        raise FazhiError("bad_list", str(path), "须为 Excel 工作簿（.xlsx）/ must be an .xlsx workbook") from None
    active = wb.active
    ws = active if isinstance(active, ReadOnlyWorksheet) else \
        next((s for s in wb.worksheets if isinstance(s, ReadOnlyWorksheet)), None)
    if ws is None:
        raise FazhiError("empty", str(path))
    return [tuple(r) for r in ws.iter_rows(values_only=True)]
