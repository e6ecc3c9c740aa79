"""supervision.sheet_rows: the rows of an .xlsx list, also when the file names no existing sheet
as active (an active tab past the last sheet: openpyxl then has no active sheet)."""
from __future__ import annotations

import re
import zipfile

from openpyxl import Workbook

from fazhi.supervision import sheet_rows
from fazhi.supervision.roster import read_unit_list


def _workbook(path, rows, active_tab: int | None = None):
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    if active_tab is None:
        return path
    odd = path.with_name("odd_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(odd, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/workbook.xml":
                tab = f'activeTab="{active_tab}"'.encode()
                data = re.sub(rb'activeTab="\d+"', tab, data) if b"activeTab=" in data else \
                    data.replace(b"<workbookView", b"<workbookView " + tab, 1)
            dst.writestr(name, data)
    return odd


def test_rows_of_the_active_sheet(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [["甲", 1], ["乙", None]])
    assert sheet_rows(path) == [("甲", 1), ("乙", None)]


def test_active_tab_past_the_last_sheet_reads_the_first(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [["单位名称", "层级"], ["示例县司法局", "部门"]], active_tab=3)
    assert sheet_rows(path) == [("单位名称", "层级"), ("示例县司法局", "部门")]
    assert [u["name"] for u in read_unit_list(path)] == ["示例县司法局"]

