"""The review opinion (审核意见) as a Word document following the 党政机关公文 format
(GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in
方正小标宋简体 2号 centred; body 仿宋_GB2312 3号; headings 一、 黑体, （一） 楷体_GB2312,
1. 仿宋_GB2312 bold; page numbers "— 1 —" in the footer (宋体 4号), odd pages right and even
pages left.

East-Asian font names are set through w:rFonts/@w:eastAsia (python-docx's `font.name` only
sets the Latin ones), and theme fonts/colours of the built-in heading styles are removed so
the headings look the same in Word and LibreOffice.
"""
from __future__ import annotations

from typing import IO, Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..config import Config
from ..model import Finding, Report
from ..review import Decisions
from ..textnorm import shorten as shorten_text
from .opinion import build_opinion
from .views import ItemView, Opinion
from .wording import (ANNEX_TITLE, CN_NUM, chapters, date_line, indicators_note, intro_sentence, office_line,
                      salutation, summary_sentence, title_lines)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
FOOTER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
SIZE_2 = Pt(22)     # 二号
SIZE_3 = Pt(16)     # 三号
SIZE_4 = Pt(14)     # 四号
SIZE_TABLE = Pt(12)  # 小四, for tables
LINE = Pt(28.95)    # 22 lines per page on the 公文 grid
INDENT = Pt(32)     # two characters of 三号
CELL_LINE = Pt(18)  # line pitch inside tables (小四)


def set_fonts(rpr_owner, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set w:rFonts ascii/hAnsi/eastAsia/cs on a run, a style or a run-properties holder,
    dropping theme-font attributes that would override them."""
    el = rpr_owner.element if hasattr(rpr_owner, "element") else rpr_owner._element
    rpr = el.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(doc, name: str, east: str, size, bold: bool = False, *, align=None,
           indent=True, before=0, after=0):
    st = doc.styles[name]
    st.font.size = size
    st.font.bold = bold
    st.font.italic = False
    st.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(st, east)
    pf = st.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.first_line_indent = INDENT if indent else Pt(0)
    pf.left_indent = Pt(0)
    if align is not None:
        pf.alignment = align
    return st


def _setup(doc) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.header_distance, sec.footer_distance = Mm(15), Mm(28)
    _style(doc, "Normal", BODY_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "Title", TITLE_FONT, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
           after=14)
    # the Title style carries a bottom border in the default template: remove it
    ppr = doc.styles["Title"].element.find(qn("w:pPr"))
    if ppr is not None:
        for b in ppr.findall(qn("w:pBdr")):
            ppr.remove(b)
    _style(doc, "Heading 1", H1_FONT, SIZE_3)
    _style(doc, "Heading 2", H2_FONT, SIZE_3)
    _style(doc, "Heading 3", BODY_FONT, SIZE_3, bold=True)
    _style(doc, "Heading 4", BODY_FONT, SIZE_3, bold=True)     # （1） level, same as 1.
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        doc.styles[name].paragraph_format.keep_with_next = True
    core = doc.core_properties
    core.language = "zh-CN"


def _page_number(footer, align, indent) -> None:
    """"— 1 —" with a PAGE field, 宋体 4号, in the footer's first paragraph."""
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = indent
    else:
        pf.left_indent = indent

    def run(text: str = ""):
        r = p.add_run(text)
        r.font.size = SIZE_4
        set_fonts(r, FOOTER_FONT, FOOTER_FONT)
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                        ("end", None)):
        r = run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
        elif instr == "1":
            r.text = "1"
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            r._r.append(it)
    run(" —")


def _page_number_footer(doc) -> None:
    """GB/T 9704 7.5: odd pages right, even pages left, one character (4号) from the edge
    of the text block."""
    doc.settings.odd_and_even_pages_header_footer = True
    sec = doc.sections[0]
    _page_number(sec.footer, WD_ALIGN_PARAGRAPH.RIGHT, SIZE_4)
    _page_number(sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, SIZE_4)


def keep_signature_with_body(doc) -> None:
    """The blank line before the signature, kept on one page with the last body paragraph and
    the signature (公文: the 落款 never stands alone on a page)."""
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.keep_with_next = True


def _para(doc, text: str = "", *, bold_lead: str | None = None, indent: bool = True,
          align=None):
    p = doc.add_paragraph()
    if not indent:
        p.paragraph_format.first_line_indent = Pt(0)
    if align is not None:
        p.alignment = align
    if bold_lead:
        r = p.add_run(bold_lead)
        r.bold = True
    if text:
        p.add_run(text)
    return p


def _cell(cell, text: str, bold: bool = False) -> None:
    p = cell.paragraphs[0]
    for r in list(p.runs):          # a fresh cell may hold an empty run without fonts
        r._r.getparent().remove(r._r)
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = CELL_LINE
    p.paragraph_format.space_before = Pt(2)
    p.paragraph_format.space_after = Pt(2)
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    r = p.add_run(text)
    r.font.size = SIZE_TABLE
    r.bold = bold
    set_fonts(r, H1_FONT if bold else BODY_FONT)


def _table(doc, header: list[str], rows: list[list[str]], widths_mm: Sequence[float]) -> None:
    t = doc.add_table(rows=1, cols=len(header))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(header):
        _cell(t.rows[0].cells[i], h, bold=True)
    # repeat the header row on every page
    trpr = t.rows[0]._tr.get_or_add_trPr()
    hdr = OxmlElement("w:tblHeader")
    hdr.set(qn("w:val"), "true")
    trpr.append(hdr)
    for row in rows:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            _cell(cells[i], v)
    t.autofit = False
    grid = t._tbl.tblGrid
    for i, gc in enumerate(grid.findall(qn("w:gridCol"))):
        if i < len(widths_mm):
            gc.set(qn("w:w"), str(int(Mm(widths_mm[i]).twips)))
    for row in t.rows:
        cant = OxmlElement("w:cantSplit")       # keep each row on one page
        row._tr.get_or_add_trPr().insert(0, cant)
        for i, w in enumerate(widths_mm):
            row.cells[i].width = Mm(w)
    doc.add_paragraph().paragraph_format.line_spacing = Pt(8)


def _item(doc, n: int, it: ItemView, dismissed: bool = False) -> None:
    tag = "（审核人补充）" if it.added else ""
    doc.add_paragraph(f"{n}. {it.title}（{it.severity_name}）{tag}", style="Heading 3")
    _para(doc, it.message, bold_lead="问题：")
    for q in it.shown_quotes:
        where = f"（位置：{q.location}）" if q.location else ""
        _para(doc, f"“{q.quote}”{where}", bold_lead="已清除的文字：" if q.removed else "原文：")
    if it.more_quotes:
        _para(doc, it.more_quotes)
    if it.suggestion and not dismissed:
        _para(doc, it.suggestion, bold_lead="建议：")
    if it.decision_line:
        _para(doc, it.decision_line, bold_lead="审核人意见：")


def add_title(doc, text: str):
    """The centred 2号 title, in lines that break where the meaning breaks (title_lines): Word and
    LibreOffice would otherwise wrap it at the margin, inside a word."""
    title = doc.add_paragraph(style="Title")
    for i, line in enumerate(title_lines(text)):
        if i:
            title.runs[-1].add_break()
        title.add_run(line)
    return title


def _write(doc, op: Opinion) -> None:
    add_title(doc, op.title)
    _para(doc, salutation(op), indent=False)
    _para(doc, intro_sentence(op))
    for label, value in op.info:
        if value:
            _para(doc, value, bold_lead=f"{label}：", indent=True)
    for key, heading in chapters(op):
        doc.add_paragraph(heading, style="Heading 1")
        if key == "verdict":
            p = _para(doc, "", bold_lead="审核结论：")
            r = p.add_run(op.verdict)
            r.bold = True
            p.add_run("。" + op.verdict_reason)
            _para(doc, summary_sentence(op))
        elif key == "parts":
            _table(doc, ["法定内容", "情况", "位置"],
                   [[p.name, p.status_name, p.where or "—"] for p in op.parts], [55, 35, 66])
        elif key == "findings":
            if not op.groups:
                _para(doc, "审核未发现问题。")
            for gi, g in enumerate(op.groups):
                doc.add_paragraph(f"（{CN_NUM[gi]}）{g.name}（{len(g.items)}项）", style="Heading 2")
                for n, it in enumerate(g.items, 1):
                    _item(doc, n, it)
        elif key == "dismissed":
            _para(doc, "以下问题经审核人复核后排除，不计入审核结论。")
            for n, it in enumerate(op.dismissed, 1):
                _item(doc, n, it, dismissed=True)
        elif key == "indicators":
            if not op.indicators:
                _para(doc, "未提取到可识别的指标。")
                continue
            if op.key_indicators:
                _table(doc, INDICATOR_HEADER, _indicator_cells(op.key_indicators), INDICATOR_WIDTHS)
            note = indicators_note(op)
            if note:
                _para(doc, note)
    keep_signature_with_body(doc)
    _para(doc, office_line(op), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT).paragraph_format.keep_with_next = True
    _para(doc, date_line(op), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if op.annex_indicators:
        # 附件 after the signature, on a new page: label at the left, title centred
        doc.add_page_break()
        set_fonts(_para(doc, "附件", indent=False).runs[0], H1_FONT)
        add_title(doc, ANNEX_TITLE)
        _table(doc, INDICATOR_HEADER, _indicator_cells(op.annex_indicators), INDICATOR_WIDTHS)


INDICATOR_HEADER = ["指标", "数值", "原文", "所在部分"]
INDICATOR_WIDTHS = [34, 22, 62, 38]
KEY_SECTION = 16        # characters of the section column (two lines)


def _indicator_cells(rows) -> list[list[str]]:
    return [[r.name, r.value_text, r.quote, shorten_text(r.section_short or "—", KEY_SECTION)]
            for r in rows]


def render_docx(report: Report, path_or_stream: str | IO[bytes], config: Config | None = None,
                decisions: Decisions | None = None,
                extra_findings: Iterable[Finding] | None = None) -> None:
    """Write the review opinion to a .docx path or a binary stream."""
    op = build_opinion(report, config or Config.default(), decisions, extra_findings)
    doc = Document()
    _setup(doc)
    _page_number_footer(doc)
    doc.core_properties.title = op.title
    doc.core_properties.author = "fazhi"
    doc.core_properties.subject = "法治政府建设年度报告审核意见"
    _write(doc, op)
    doc.save(path_or_stream)
