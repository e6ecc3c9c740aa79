"""The opinion's indicator chapter shows the key indicators only (catalog/indicators.yaml
`key: true`) in a table that fits on one page; the full list is the annex (附件) after the
signature. A seed-sized report written for these tests (fictional county)."""
from __future__ import annotations

import io

from docx import Document

import fazhi
from fazhi.catalog import load
from fazhi.render import render_docx, render_html, render_markdown
from fazhi.render.opinion import KEY_ROWS, build_opinion

# a report of seed size: 29 figures with an indicator, most of them counts, 10 key ones
REPORT = """清水县2023年法治政府建设年度报告

一、主要举措和成效
（一）依法全面履行政府职能
全县政务服务事项网上可办率达96.2%，“全程网办”率达到88.5%。12345热线受理群众诉求8,210件，办结率为97.3%。县政务服务中心进驻政务服务事项612项。
（二）完善依法行政制度体系
全年制定行政规范性文件14件，规范性文件报备率达100%。规范性文件合法性审核率为100%。重大行政决策合法性审查率达100%。
（三）严格规范公正文明执法
全县行政执法人员共486人。全年查办各类违法案件1,036件。组织行政执法案卷评查，评查案卷320卷，案卷评查合格率为96.5%。
（四）化解矛盾纠纷
全年受理行政复议案件37件，行政复议纠错率为10.8%。全县发生行政应诉案件52件，行政机关负责人出庭应诉率达100%，行政诉讼败诉率为3.8%。全县人民调解组织调解纠纷1,450件，调解成功率达98.6%。受理法律援助案件265件，解答法律咨询3,120人次。
（五）提升法治素养
县政府常务会议会前学法12次。举办法治专题培训班6期，培训干部1,280人次。开展普法宣传活动215场次，发放普法资料4.6万份。组织1,930名国家工作人员参加学法考试，通过率98.1%。

二、存在的不足和原因
部分乡镇执法人员少于3人，执法力量不足。

三、党政主要负责人履行推进法治建设第一责任人职责情况
县政府主要负责人主持研究法治政府建设工作4次。

四、下一年度工作打算
力争行政复议纠错率保持在10%以下。

清水县人民政府
2024年1月20日
"""

# the Word page: A4 minus the margins (37 mm top, 35 mm bottom), 小四 cells at an 18 pt pitch
PAGE_MM = 297 - 37 - 35
LINE_MM = 18 * 25.4 / 72
PAD_MM = 4 * 25.4 / 72
CHAR_MM = 12 * 25.4 / 72
CELL_MARGIN_MM = 3.8


def _report():
    return fazhi.analyze(REPORT.encode("utf-8"), path="qingshui-2023.txt")


def _docx(report) -> Document:
    buf = io.BytesIO()
    render_docx(report, buf)
    buf.seek(0)
    return Document(buf)


def _table_height_mm(table) -> float:
    """Upper bound of the table's height: every character counted full width."""
    widths = [c.width.mm for c in table.rows[0].cells]
    total = 0.0
    for row in table.rows:
        lines = 1
        for cell, w in zip(row.cells, widths):
            per_line = max(1, int((w - CELL_MARGIN_MM) // CHAR_MM))
            n = len(cell.text)
            lines = max(lines, -(-n // per_line) if n else 1)
        total += lines * LINE_MM + PAD_MM
    return total


def test_key_ids_marked_in_catalogue():
    key = [d["id"] for d in load("indicators")["indicators"] if d.get("key")]
    assert 5 <= len(key) <= KEY_ROWS       # every key indicator has its row
    # activity counts are not key indicators
    assert "pufa_events" not in key and "law_study_sessions" not in key


def test_chapter_table_shows_key_indicators_and_fits_one_page():
    r = _report()
    op = build_opinion(r)
    assert len(op.indicators) > len(op.key_indicators) > 0
    assert len(op.key_indicators) <= KEY_ROWS
    key = {d["id"] for d in load("indicators")["indicators"] if d.get("key")}
    assert all(k.indicator in key for k in op.key_indicators)
    assert len({k.indicator for k in op.key_indicators}) == len(op.key_indicators)
    doc = _docx(r)
    texts = [p.text for p in doc.paragraphs]
    h = next(i for i, t in enumerate(texts) if t.endswith("提取的主要指标"))
    # tables in document order: parts checklist, key indicators, annex
    chapter_table, annex_table = doc.tables[1], doc.tables[2]
    assert len(chapter_table.rows) - 1 == len(op.key_indicators) <= KEY_ROWS
    assert _table_height_mm(chapter_table) <= PAGE_MM
    names = [row.cells[0].text for row in chapter_table.rows[1:]]
    assert "普法宣传活动场次" not in names and "领导干部集体学法（中心组学法）次数" not in names
    assert "行政复议纠错率" in names and "行政机关负责人出庭应诉率" in names
    assert "学法考试通过率/合格率" in names and "人民调解成功率" in names
    assert "行政执法（处罚）案件数" not in names        # a count: in the annex
    assert any("见附件" in t for t in texts[h:])
    # the annex after the signature lists every indicator, the key ones included
    sig = texts.index("（审核单位名称，盖章）")
    annex = texts.index("附件")
    assert annex > sig > h
    assert len(annex_table.rows) - 1 == len(op.indicators)
    annex_names = [row.cells[0].text for row in annex_table.rows[1:]]
    assert "普法宣传活动场次" in annex_names and set(names) <= set(annex_names)


def test_target_in_plan_is_not_the_key_row():
    op = build_opinion(_report())
    row = next(k for k in op.key_indicators if k.indicator == "admin_reconsideration_correction_rate")
    assert row.value_text == "10.8%"        # the year's figure, not the plan's target


def test_few_key_indicators_no_annex():
    text = ("青禾镇2023年法治政府建设情况报告\n一、主要举措和成效\n"
            "行政复议纠错率为8%，行政机关负责人出庭应诉率达100%。\n")
    r = fazhi.analyze(text.encode("utf-8"), path="qinghe.txt")
    op = build_opinion(r)
    assert len(op.indicators) == len(op.key_indicators) == 2
    assert op.annex_indicators == []
    doc = _docx(r)
    assert "附件" not in [p.text for p in doc.paragraphs]


def test_no_key_indicator_points_to_annex():
    text = ("青禾镇2023年法治政府建设情况报告\n一、主要举措和成效\n"
            "开展普法宣传活动32场次，镇党委理论学习中心组集体学法6次。\n")
    op = build_opinion(fazhi.analyze(text.encode("utf-8"), path="qinghe.txt"))
    assert op.indicators and not op.key_indicators
    md = render_markdown(fazhi.analyze(text.encode("utf-8"), path="qinghe.txt"))
    assert "报告中未提取到重点指标" in md and "\n附件\n" in md


def test_html_and_markdown_have_the_annex():
    r = _report()
    html = render_html(r)
    assert 'id="annex"' in html and "提取的全部指标" in html
    assert html.index("提取的全部指标") > html.index('class="signature"')
    md = render_markdown(r)
    assert md.index("## 提取的全部指标") > md.index("（审核单位名称，盖章）")
