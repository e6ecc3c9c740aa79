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



def test_not_a_workbook_is_one_line_not_openpyxl_s_exception(tmp_path, capsys):
    """`fazhi rectify import 台账.csv` (or a damaged .xlsx, or a missing file): one line that says
    the 台账 must be an .xlsx workbook, exit 2, no 内部错误 with openpyxl's exception text."""
    from fazhi.cli import main
    csv_file = tmp_path / "台账.csv"
    csv_file.write_text("问题,责任单位\n执法公示不全,临邑县司法局\n", encoding="utf-8")
    broken = tmp_path / "台账.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    db = str(tmp_path / "t.db")
    for f, zh in ((csv_file, "须为 Excel 工作簿"), (broken, "须为 Excel 工作簿"), (tmp_path / "无.xlsx", "文件不存在")):
        capsys.readouterr()
        rc = main(["rectify", "import", str(f), "--db", db])
        err = capsys.readouterr().err
        assert rc == 2 and err.count("\n") == 1 and zh in err, err
        assert "内部错误" not in err and "openpyxl" not in err and "Exception" not in err
