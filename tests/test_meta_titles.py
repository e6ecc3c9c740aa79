"""parse/title.py: the title, the header issuers and the signature. A title whose subject (an
organ or place) is broken onto the line above is read whole; organs above a complete title stay
header issuers; a signing 街道办事处 is an issuer (texts written for the test)."""
from __future__ import annotations

from meta_helpers import BODY_FOUR_PARTS, BODY_THREE_PARTS, BODY_TWO_PARTS, meta_of

import pytest

from fazhi import analyze_text

BODY = ("2023年，局党组坚持以习近平法治思想为指导，认真落实《法治政府建设实施纲要（2021—2025年）》，"
        "推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n")


@pytest.mark.parametrize("head,title", [
    ("临渊市市场监督管理局\n2023年法治政府建设年度报告\n", "临渊市市场监督管理局2023年法治政府建设年度报告"),
    ("临渊市司法局\n2023年度法治政府建设工作报告\n", "临渊市司法局2023年度法治政府建设工作报告"),
    ("临渊市市场监督管理局2023年\n法治政府建设年度报告\n", "临渊市市场监督管理局2023年法治政府建设年度报告"),
])
def test_subject_line_above_the_title_is_joined(head, title) -> None:
    r = analyze_text(head + BODY)
    assert r.meta.title == title
    a, b = r.meta.evidence["title"]
    assert r.text[a:b].replace("\n", "") == title
    assert r.meta.department == title.split("2023")[0].removeprefix("临渊市")   # without the place
    assert r.meta.jurisdiction == "临渊市"
    if head.split("\n")[0].endswith("局"):
        # no signature: the organ that opens the title is the issuer
        assert r.meta.issuers == [head.split("\n")[0]]


@pytest.mark.parametrize("head,title", [
    # a 关于 title is complete: the organ above is the header issuer
    ("临渊市人民政府\n关于2023年法治政府建设情况的报告\n", "关于2023年法治政府建设情况的报告"),
    # two organs on the line: joint header issuers
    ("中共临渊市委 临渊市人民政府\n2023年法治政府建设年度报告\n", "2023年法治政府建设年度报告"),
    # a blank line between: a header, not a broken title
    ("临渊市司法局\n\n2023年度法治政府建设工作报告\n", "2023年度法治政府建设工作报告"),
    # a document header (…文件) is not the title's subject
    ("临渊市人民政府文件\n2023年法治政府建设年度报告\n", "2023年法治政府建设年度报告"),
])
def test_header_lines_are_not_joined(head, title) -> None:
    r = analyze_text(head + BODY)
    assert r.meta.title == title


def test_column_name_of_the_breadcrumb_above_the_headline_is_not_part_of_the_title() -> None:
    text = ("法治动态\n当前位置: 首页 >> 工作动态 >> 法治动态\n"
            "青岚县人大常委会听取县政府2023年法治政府建设情况报告\n" + BODY)
    r = analyze_text(text)
    assert r.meta.title == "青岚县人大常委会听取县政府2023年法治政府建设情况报告"


def test_title_broken_over_two_lines_without_a_breadcrumb_is_still_joined() -> None:
    # the first line is no item of a breadcrumb: a title broken over two lines
    text = ("当前位置: 首页 >> 工作动态\n青岚县2023年度法治政府\n建设情况报告\n" + BODY)
    r = analyze_text(text)
    assert r.meta.title == "青岚县2023年度法治政府建设情况报告"






def test_a_department_line_above_a_title_opening_with_guanyu_is_the_issuer():
    text = ("寻乌县民政局\n关于2023年法治政府建设工作情况的报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY_THREE_PARTS)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == ("寻乌县", "department", "民政局")
    text = ("寻乌县人民政府门户网站\n关于2023年法治政府建设工作情况的报告\n2023年，我县坚持依法行政，成效明显。\n" + BODY_THREE_PARTS)
    assert meta_of(text).department is None                  # a portal's name, not an issuer




DISCLOSURE = ("根据《中华人民共和国政府信息公开条例》规定，编制本报告。本报告所列数据的统计期限为"
              "2022年1月1日至12月31日。如对本报告有疑问，请与本机关办公室联系。\n"
              "一、总体情况\n本年度主动公开政府信息310条，其中政策解读12篇。\n"
              "二、主动公开政府信息情况\n详见下表。\n")


# -- titles --------------------------------------------------------------------------
def test_title_broken_inside_its_name() -> None:
    r = analyze_text("临渊市商务局2022年政府信息公开\n工作年度报告\n" + DISCLOSURE)
    assert r.meta.title == "临渊市商务局2022年政府信息公开工作年度报告"
    assert r.meta.kind == "other"
    assert r.meta.report_year == 2022
    assert r.meta.department == "商务局"


@pytest.mark.parametrize("head,title", [
    ("长兴县柳湾镇人民政府2023年政府信息\n公开工作年度报告\n", "长兴县柳湾镇人民政府2023年政府信息公开工作年度报告"),
    ("柳湾镇人民政府2023年度法治政府\n建设情况报告\n", "柳湾镇人民政府2023年度法治政府建设情况报告"),
])
def test_title_broken_mid_word_is_joined(head, title) -> None:
    # the line break falls inside a word (信息 / 公开, 政府 / 建设): the two lines are one title,
    # and the township that opens it is the reporter
    r = analyze_text(head + DISCLOSURE.replace("局", "镇"))
    assert r.meta.title == title
    assert r.meta.jurisdiction == "柳湾镇" and r.meta.level == "township"


def test_a_complete_title_under_an_organ_line_is_not_joined_to_a_later_line() -> None:
    # a title line ending the genre, then a short line that is no tail: nothing joined
    r = analyze_text("柳湾镇2023年法治政府建设工作报告\n附件下载\n" + BODY_TWO_PARTS.replace("局党组", "镇党委"))
    assert r.meta.title == "柳湾镇2023年法治政府建设工作报告"


def test_a_genre_alone_in_a_catalogue_list_is_not_the_title() -> None:
    text = ("  • 000123/2024-00045\n  • 法制\n  • 工作报告\n  • 2024-03-01\n\n"
            "柳湾镇2023年法治政府建设工作报告\n\n" + BODY_TWO_PARTS.replace("局党组", "镇党委"))
    r = analyze_text(text)
    assert r.meta.title == "柳湾镇2023年法治政府建设工作报告"
    assert r.meta.report_year == 2023




# -- meta.issuers: 街道办事处 signs ----------------------------------------------------------------
def test_street_office_signature_is_an_issuer() -> None:
    text = ("北岭街道2023年法治政府建设工作情况报告\n" + BODY_FOUR_PARTS.replace("全市", "街道")
            + "松川市东湖区北岭街道办事处\n2024年1月18日\n")
    r = analyze_text(text)
    assert r.meta.issuers == ["松川市东湖区北岭街道办事处"]
    assert r.meta.report_date == "2024-01-18"
    assert r.meta.level == "township"


def test_sentence_ending_in_office_is_not_an_issuer() -> None:
    text = ("北岭街道2023年法治政府建设工作情况报告\n" + BODY_FOUR_PARTS.replace("全市", "街道")
            + "2024年1月18日\n")
    r = analyze_text(text)
    assert r.meta.issuers == []


# -- labels, column names, quoted titles, lines that are no title ----------------------------------
@pytest.mark.parametrize("label", ["标      题 ", "標  題 ", "标 题 | ", "名 称: ", "名稱：", "题名 "])
def test_a_title_field_label_spaced_or_traditional_is_dropped(label) -> None:
    text = f"{label}青岚县2023年法治政府建设年度报告\n索引号 000123/2024-00045\n" + BODY
    assert analyze_text(text).meta.title == "青岚县2023年法治政府建设年度报告"


def test_a_section_heading_below_the_opening_paragraph_is_not_a_title() -> None:
    # the page starts with the body (cut mid-sentence by the excerpt); the thematic line under
    # it is a heading of the body, and the page has no title
    opening = ("2023年，省水利厅坚持以习近平法治思想为指导，全面落实党中央决策部署，"
               "深入推进依法行政，统筹推进水利法治建设，着力提升依法治水管水能力，推动")
    text = opening + "\n持续深化水利法治政府建设\n坚持把学习贯彻习近平法治思想作为首要任务，全年组织集中学法6次。\n"
    assert analyze_text(text).meta.title is None


@pytest.mark.parametrize("column", ["通知公告", "计划规划", "政策文件"])
def test_a_portal_column_name_above_the_headline_is_not_the_title(column) -> None:
    text = f"{column}\n关于2023年度全县法治政府建设工作情况的报告\n发布时间: 2024-03-12 10:00:00\n" + BODY
    assert analyze_text(text).meta.title == "关于2023年度全县法治政府建设工作情况的报告"


@pytest.mark.parametrize("line", ["《青岚县林业局2023年法治政府建设年度报告》(全文)",
                                  "青林〔2024〕5号《青岚县林业局2023年法治政府建设年度报告》"])
def test_a_title_quoted_whole_on_its_line_is_read_without_the_marks(line) -> None:
    text = line + "\n青岚县林业局2023年法治政府建设年度报告\n" + BODY
    r = analyze_text(text)
    assert r.meta.title == "青岚县林业局2023年法治政府建设年度报告"
    a, b = r.meta.evidence["title"]
    assert r.text[a:b] == r.meta.title


def test_the_source_and_date_after_the_title_on_its_line_are_cut() -> None:
    text = "青岚县统计局2023年度法治政府建设情况报告 青岚县统计局 2024-02-20\n\n" + BODY
    assert analyze_text(text).meta.title == "青岚县统计局2023年度法治政府建设情况报告"


def test_a_guanyu_title_broken_after_its_year_is_joined() -> None:
    text = ("临渊市人民政府办公室关于2023年度\n依法行政工作考评结果的通报\n"
            "各县（市、区）人民政府，市政府各部门：\n根据考评办法，现将考评结果通报如下。\n一、考评结果\n")
    assert analyze_text(text).meta.title == "临渊市人民政府办公室关于2023年度依法行政工作考评结果的通报"


def test_the_items_of_a_bulleted_catalogue_record_are_not_the_title() -> None:
    text = ("- 青岚法治发展蓝皮书.2023\n- 青岚社会科学院\n- 6120字\n- 2023-11-02 10:12:00\n"
            "2022年青岚法治政府建设报告\n" + BODY)
    assert analyze_text(text).meta.title == "2022年青岚法治政府建设报告"


def test_a_column_name_or_list_item_is_the_title_when_no_other_line_is() -> None:
    assert analyze_text("通知公告\n" + BODY).meta.title == "通知公告"
    text = "- 青岚县2023年法治政府建设年度报告\n- 2024-02-20\n" + BODY
    assert analyze_text(text).meta.title == "青岚县2023年法治政府建设年度报告"


def test_the_first_heading_run_onto_the_title_line_is_cut() -> None:
    text = "青岚县法治政府建设实施方案参考一、总体要求\n" + BODY
    assert analyze_text(text).meta.title == "青岚县法治政府建设实施方案参考"


def test_a_part_heading_naming_only_the_years_work_is_not_a_title() -> None:
    text = "发布时间:2024-03-01\n2023年工作情况\n" + BODY
    assert analyze_text(text).meta.title is None


def test_a_title_run_into_the_body_on_one_line_is_cut_at_the_space() -> None:
    text = ("2023年镇依法行政工作总结报告 2023年以来，我镇坚持依法行政，围绕全镇中心工作，"
            "强化组织领导，狠抓工作落实，依法行政水平稳步提升。\n一、主要举措\n全年开展普法活动12场。\n")
    assert analyze_text(text).meta.title == "2023年镇依法行政工作总结报告"


@pytest.mark.parametrize("head", ["《青岚县司法局2023年法治政府建设情况报告.docx》由会员分享，可在线阅读，更多相关文档请搜索。\n",
                                  "青岚县司法局2023年法治政府建设情况报告.docx\n"])
def test_the_file_name_of_a_document_sharing_page_is_the_title(head) -> None:
    assert analyze_text(head + BODY).meta.title == "青岚县司法局2023年法治政府建设情况报告"


def test_a_bulleted_item_naming_the_report_is_the_title_before_a_linked_document_below() -> None:
    # the report's name among the page's bulleted cells; the line below names another document
    # (a plan), whose kind and year must not become the page's
    text = ("- 青岚县统计局2023年度法治政府建设情况报告\n- 发布时间: 2024-02-20\n"
            "关于印发青岚县2024年普法依法治理工作要点的通知\n" + BODY)
    m = analyze_text(text).meta
    assert m.title == "青岚县统计局2023年度法治政府建设情况报告"
    assert (m.kind, m.report_year, m.publish_date) == ("report", 2023, "2024-02-20")


def test_a_bulleted_catalogue_field_is_still_no_title() -> None:
    text = ("- 索引号: 000-2024-11\n- 信息分类: 专项规划\n- 发布日期: 2024-02-20\n"
            "青岚县统计局2023年度法治政府建设情况报告\n" + BODY)
    assert analyze_text(text).meta.title == "青岚县统计局2023年度法治政府建设情况报告"


@pytest.mark.parametrize("tail", ["青岚县统计局 2024-02-20", "2024-02-20 09:15"])
def test_the_post_date_cut_off_the_title_line_is_the_publish_date(tail) -> None:
    site = "本站为青岚县统计局门户，提供统计数据、政策法规和办事服务，如有疑问请联系办公室，联系电话见页面底部，感谢您的访问。"
    text = f"{site}\n青岚县统计局2023年度法治政府建设情况报告 {tail}\n" + BODY
    m = analyze_text(text).meta
    assert m.title == "青岚县统计局2023年度法治政府建设情况报告"
    assert m.publish_date == "2024-02-20"


def test_under_a_column_name_the_headline_right_above_the_body_is_the_title() -> None:
    # a linked headline (another document, a plan) listed above the page's own under the column
    text = ("通知公告\n青岚县统计局\n2024-02-20\n青岚县统计局关于印发2024年依法行政工作要点的通知\n"
            "青岚县统计局2023年度法治政府建设情况报告\n" + BODY)
    m = analyze_text(text).meta
    assert m.title == "青岚县统计局2023年度法治政府建设情况报告"
    assert (m.kind, m.report_year) == ("report", 2023)


def test_under_a_column_name_a_subtitle_line_does_not_take_the_title() -> None:
    text = "通知公告\n关于2023年度全县法治政府建设情况的报告\n——2024年2月在县政府常务会议上的报告\n" + BODY
    assert analyze_text(text).meta.title == "关于2023年度全县法治政府建设情况的报告"


def test_the_next_field_of_a_spaced_catalogue_row_is_no_part_of_the_title() -> None:
    # "名称 <title> 发布日期 <date>": the date is the row's next cell, not the title's (a dated
    # title reads as a news headline)
    text = "首页\n名称 青岚县统计局2023年度法治政府建设情况报告 发布日期 2024-02-20\n" + BODY
    m = analyze_text(text).meta
    assert m.title == "青岚县统计局2023年度法治政府建设情况报告"
    assert (m.kind, m.publish_date) == ("report", "2024-02-20")
