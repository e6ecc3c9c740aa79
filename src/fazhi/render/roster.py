"""The roster as an Excel table (报送情况) and the 通报 of late and missing units as a Word draft
in 公文 format (same page set-up, fonts and page numbers as the review opinion)."""
from __future__ import annotations

import datetime as dt
from typing import IO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ..config import Config
from ..supervision.roster import Roster, iter_rows
from .docx import _page_number_footer, _para, _setup, _table, add_title, keep_signature_with_body
from .quotes import cn_date
from .wording import CN_NUM

ROSTER_HEADERS = ["所属地区", "单位名称", "层级", "报送情况", "逾期天数", "审核结论", "报告编号", "关联方式"]
REGION_HEADERS = ["地区", "应报", "已报", "按时", "逾期", "未报"]


def render_roster_xlsx(r: Roster, path: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)            # a new workbook has one worksheet
    ws.title = "报送情况"
    ws.append(ROSTER_HEADERS)
    for row in iter_rows(r):
        ws.append(row)
    ws2 = wb.create_sheet("分地区汇总")
    ws2.append(REGION_HEADERS)
    for region, c in r.by_region().items():
        ws2.append([region] + [c[h] for h in REGION_HEADERS[1:]])
    for sheet, widths in ((ws, [16, 30, 8, 18, 9, 10, 9, 9]), (ws2, [18, 7, 7, 7, 7, 7])):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, w in enumerate(widths):
            sheet.column_dimensions[chr(65 + i)].width = w
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    wb.save(path)


def notice_title(r: Roster) -> str:
    return f"关于{r.place}{r.year}年度法治政府建设年度报告报送情况的通报"


def render_notice_docx(r: Roster, path_or_stream: str | IO[bytes], config: Config | None = None) -> None:
    """A draft 通报: the counts, then late and missing units by sub-region. The issuing office and
    date come from the config (opinion.office / opinion.date) or stay as blanks to fill in."""
    config = config or Config.default()
    doc = Document()
    _setup(doc)
    _page_number_footer(doc)
    doc.core_properties.title = notice_title(r)
    add_title(doc, notice_title(r))
    _para(doc, "各有关单位：", indent=False)
    c = r.counts
    _para(doc, f"根据法治政府建设年度报告报送和公开的有关规定，现将{r.place}{r.year}年度法治政府建设年度报告"
               f"报送情况通报如下。应报送单位{c['total']}个，已报送{c['reported']}个，其中按时报送{c['on_time']}个、"
               f"逾期报送{c['late']}个、报送日期不详{c['undated']}个、审核结论为不合格{c['failed']}个；"
               f"未发现报告{c['missing'] + c['lookalike']}个（其中只发现非年度报告文本{c['lookalike']}个）。")
    sections = [("late", "逾期报送的单位"), ("missing", "未报送的单位"), ("failed", "审核结论为不合格的单位")]
    n = 0
    for status, heading in sections:
        units = [u for u in r.units if u.status == status or (status == "missing" and u.status == "lookalike")]
        if not units:
            continue
        doc.add_paragraph(f"{CN_NUM[n]}、{heading}（{len(units)}个）", style="Heading 1")
        n += 1
        rows = []
        for u in sorted(units, key=lambda u: (u.region or "", u.name)):
            what = u.status_name
            rows.append([u.region or "（本级）", u.name, what])
        _table(doc, ["所属地区", "单位名称", "情况"], rows, [40, 76, 40])
    doc.add_paragraph(f"{CN_NUM[n]}、工作要求", style="Heading 1")
    _para(doc, "请逾期和未报送的单位于收到本通报后及时报送并向社会公开年度报告，说明逾期原因；"
               "审核结论为不合格的单位按审核意见修改后重新报送。")
    keep_signature_with_body(doc)
    office = config.get("opinion.office") or "（印发单位名称，盖章）"
    date = config.get("opinion.date")
    _para(doc, office, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT).paragraph_format.keep_with_next = True
    _para(doc, (cn_date(str(date)) if date else None) or "　　　　年　　月　　日", indent=False,
          align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, f"（本通报依据截至{cn_date(dt.date.today().isoformat())}已收集的报告生成，发布前请核对。）",
          indent=False)
    doc.save(path_or_stream)
