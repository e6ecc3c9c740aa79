"""The article title of HTML pages without title metadata (ingest/html.py): old table
layouts whose <title> is only the site name, <title> = "article_site", centred bold lines,
and what must never become the title (links in side menus, numbered section headings, a
line after the content). Pages written for these tests."""
from __future__ import annotations

import fazhi
from fazhi.ingest import ingest

BODY = ("<br>某县人民政府：<br>2023年，我局认真落实法治政府建设各项任务，现将有关情况报告如下：<br>"
        "一、主要工作<br>全年办理行政复议案件12件，纠错2件，切实维护群众合法权益。<br>"
        "二、存在的问题<br>执法人员法律专业背景的仅有2人，队伍力量不足。<br>")


def table_page(title_cell: str, head_title: str = "某县政府网", side: str = "") -> bytes:
    return ("<html><head><meta charset='gbk'><title>" + head_title + "</title></head><body>"
            "<table width='1000' align='center'><tr><td><img src='logo.png'></td></tr>"
            "<tr><td><table><tr><td><a>首页</a></td><td><a>政务公开</a></td><td><a>办事服务</a></td></tr></table></td></tr>"
            "<tr><td><table width='100%'><tr><td width='220' valign='top'>" + side + "</td><td valign='top'>"
            "<table width='100%'>" + title_cell +
            "<tr><td align='center'>发布日期：2024-03-20　点击数：356</td></tr>"
            "<tr><td class='bt_content'>" + BODY + "</td></tr></table></td></tr></table></td></tr>"
            "<tr><td align='center'>版权所有：某县人民政府 ICP备05001234号</td></tr></table></body></html>"
            ).encode("gbk")


CENTRED_BOLD = "<tr><td align='center'><b><font size='4'>某县司法局2023年法治政府建设年度报告</font></b></td></tr>"


def test_table_layout_title_is_the_centred_bold_line_not_the_site_name() -> None:
    doc = ingest(table_page(CENTRED_BOLD))
    assert doc.hints["title"] == "某县司法局2023年法治政府建设年度报告"
    assert doc.text.splitlines()[0] == "某县司法局2023年法治政府建设年度报告"
    assert "某县政府网" not in doc.text
    r = fazhi.analyze(table_page(CENTRED_BOLD), path="p.html")
    assert r.meta.title == "某县司法局2023年法治政府建设年度报告"


def test_side_menu_links_are_never_the_title() -> None:
    side = ("<table><tr><td align='center'><b><a>关于印发某县2024年政务公开工作要点的通知</a></b></td></tr>"
            "<tr><td><a>某县召开2024年第一次常务会议</a></td></tr></table>")
    doc = ingest(table_page(CENTRED_BOLD, side=side))
    assert doc.hints["title"] == "某县司法局2023年法治政府建设年度报告"


def test_styled_title_and_head_title_part() -> None:
    cell = ("<tr><td><div style='text-align:center;font-weight:bold;font-size:22px'>"
            "某镇2023年法治政府建设工作情况报告</div></td></tr>")
    doc = ingest(table_page(cell, head_title="某镇2023年法治政府建设工作情况报告_某县人民政府门户网站"))
    assert doc.hints["title"] == "某镇2023年法治政府建设工作情况报告"


def test_fallbacks_must_not_invent_a_title() -> None:
    # nothing heading-like on the page: the <title> (cut at its separator) stays the title
    doc = ingest(table_page("", head_title="某县政府网"))
    assert doc.hints["title"] == "某县政府网"
    # a numbered section heading opening the content is not the article title
    page = ("<html><head><title>某县报告_某县人民政府</title></head><body><div id='zoom'>"
            "<p align='center'><b>一、主要工作</b></p><p>全年办理行政复议案件12件，纠错2件，切实维护群众合法权益。</p>"
            "</div></body></html>").encode()
    assert ingest(page).hints["title"] == "某县报告"
    # metadata wins over anything shown on the page
    page = ("<html><head><meta name='ArticleTitle' content='某县2023年法治政府建设年度报告'><title>某县政府网</title>"
            "</head><body><p align='center'><b>欢迎访问某县政府网站</b></p><div class='TRS_Editor'>"
            "<p>全年办理行政复议案件12件，纠错2件，切实维护群众合法权益。</p></div></body></html>").encode()
    assert ingest(page).hints["title"] == "某县2023年法治政府建设年度报告"
