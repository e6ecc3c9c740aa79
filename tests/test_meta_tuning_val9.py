"""Meta and heading rules found on a tuning page set (val9): texts written for the test, with
invented places (临渊市, 青禾县) or generic real ones; no sentence of a page."""
from __future__ import annotations

from fazhi import analyze_text

BODY = ("2023年，局党组坚持以习近平法治思想为指导，认真落实《法治政府建设实施纲要（2021—2025年）》，"
        "推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n"
        "二、存在的不足和原因\n执法人员培训不够。\n")
DISCLOSURE = ("根据《中华人民共和国政府信息公开条例》规定，编制本报告。本报告所列数据的统计期限为"
              "2022年1月1日至12月31日。如对本报告有疑问，请与本机关办公室联系。\n"
              "一、总体情况\n本年度主动公开政府信息310条，其中政策解读12篇。\n"
              "二、主动公开政府信息情况\n详见下表。\n")


# -- post dates ----------------------------------------------------------------------
def test_production_date_of_a_catalogue_row_is_not_the_post_date() -> None:
    head = "临渊市统计局关于2023年度法治政府建设情况的报告\n索取号 XY0001-2024-003 文 号 临统法2024001号\n"
    r = analyze_text(head + "产生日期 2024-01-22\n" + BODY)
    assert r.meta.publish_date is None
    r = analyze_text(head + "发布日期 2024-01-22\n" + BODY)
    assert r.meta.publish_date == "2024-01-22"


def test_bracketed_label_row_is_metadata_not_a_heading() -> None:
    text = ("临渊市统计局关于2023年度法治政府建设情况的报告\n"
            "【信息来源:【信息时间:2024-02-06  阅读次数: 】【字号 】【我要打印】【关闭\n\n" + BODY)
    r = analyze_text(text)
    assert r.meta.publish_date == "2024-02-06"
    assert [s.heading for s in r.sections] == ["主要举措和成效", "存在的不足和原因"]


def test_category_tag_before_the_title_is_no_heading() -> None:
    r = analyze_text("【工作总结】临渊市统计局关于2023年度法治政府建设情况的报告\n" + BODY)
    assert [s.heading for s in r.sections] == ["主要举措和成效", "存在的不足和原因"]
    assert r.meta.report_year == 2023
    assert r.meta.title == "临渊市统计局关于2023年度法治政府建设情况的报告"
    assert r.meta.department == "统计局"
    # a 【…】 heading over its body stays a heading
    r = analyze_text("临渊市统计局关于2023年度法治政府建设情况的报告\n" + BODY.split("一、")[0]
                     + "【主要举措和成效】\n全年办理行政复议案件120件。\n【存在的不足】\n培训不够。\n")
    assert [s.heading for s in r.sections] == ["主要举措和成效", "存在的不足"]


# -- titles --------------------------------------------------------------------------
def test_title_broken_inside_its_name() -> None:
    r = analyze_text("临渊市商务局2022年政府信息公开\n工作年度报告\n" + DISCLOSURE)
    assert r.meta.title == "临渊市商务局2022年政府信息公开工作年度报告"
    assert r.meta.kind == "other"
    assert r.meta.report_year == 2022
    assert r.meta.department == "商务局"


def test_a_genre_alone_in_a_catalogue_list_is_not_the_title() -> None:
    text = ("  • 000123/2024-00045\n  • 法制\n  • 工作报告\n  • 2024-03-01\n\n"
            "柳湾镇2023年法治政府建设工作报告\n\n" + BODY.replace("局党组", "镇党委"))
    r = analyze_text(text)
    assert r.meta.title == "柳湾镇2023年法治政府建设工作报告"
    assert r.meta.report_year == 2023


# -- years ---------------------------------------------------------------------------
def test_whole_year_period_with_the_end_year_left_out() -> None:
    r = analyze_text(DISCLOSURE)
    assert r.meta.report_year == 2022
    # a period of part of a year is no report year
    r = analyze_text(DISCLOSURE.replace("至12月31日", "至6月30日"))
    assert r.meta.report_year is None


# -- kinds ---------------------------------------------------------------------------
def test_magazine_byline_makes_an_article() -> None:
    body = ("近年来，临渊市委、市政府认真贯彻落实法治政府建设的部署要求，法治政府建设取得明显成效。\n"
            "临渊作为中心城市，坚持示范引领。一是优化政务服务流程。推行“一次办”，企业开办时间缩短至4小时。"
            "二是加强“互联网+政务服务”建设。将2万余个服务事项分类编码。三是推进工程项目审批改革。\n")
    assert analyze_text("■ 临渊市司法局\n" + body).meta.kind == "article"
    assert analyze_text("○ 张 三\n" + body).meta.kind == "article"
    assert analyze_text(body).meta.kind != "article"      # no byline: not read as an article


# -- who reports ---------------------------------------------------------------------
def test_government_office_reporting_its_own_year_is_a_department() -> None:
    text = ("武汉市江夏区人民政府办公室2022年政府信息公开工作年度报告(以下简称年报)是根据《中华人民共和国"
            "政府信息公开条例》编制的。如有疑问请与江夏区人民政府办公室联系。\n" + DISCLOSURE.split("\n", 1)[1])
    m = analyze_text(text).meta
    assert (m.level, m.department, m.jurisdiction, m.parent, m.province) == \
        ("department", "人民政府办公室", "江夏区", "武汉市", "湖北省")
    # the office named as the contact of the government's own report: the government reports
    text = ("2022年，江夏区坚持以公开为常态，扎实推进政务公开。如有疑问请与武汉市江夏区人民政府办公室联系。\n"
            + DISCLOSURE.split("\n", 1)[1])
    m = analyze_text(text).meta
    assert (m.level, m.department, m.jurisdiction) == ("county", None, "江夏区")
    # the office issuing the government's plan: the government's
    text = ("江夏区人民政府办公室\n关于印发江夏区2023年法治政府建设工作要点的通知\n各街道办事处，区政府各部门：\n"
            "现将《江夏区2023年法治政府建设工作要点》印发给你们，请认真贯彻执行。\n一、加强党的领导\n"
            "全面落实第一责任人职责。\n")
    m = analyze_text(text).meta
    assert m.department is None and m.level == "county"


def test_district_office_named_by_its_level() -> None:
    text = ("区政府办2024年度法治政府建设工作报告\n\n2024年，区政府办深入贯彻习近平法治思想，全面落实"
            "《武汉市江夏区2024年法治政府建设工作要点》，扎实推进法治政府建设。现将本年度工作情况报告如下：\n"
            "一、主要举措和成效\n全年组织集体学法10次。\n")
    m = analyze_text(text).meta
    assert (m.level, m.department, m.jurisdiction, m.parent) == ("department", "政府办", "江夏区", "武汉市")
    assert m.report_year == 2024


def test_autonomous_prefecture_named_by_its_slogan() -> None:
    text = ("今年以来，在自治区党委、政府坚强领导下，全州各级政府坚持依法行政，推进法治博州、法治政府、"
            "法治社会一体建设。现将工作情况报告如下：\n一、2024年工作回顾\n"
            "（一）坚持党的领导。召开自治州全面依法治州委员会会议3次，完成州县乡述法全覆盖。\n")
    m = analyze_text(text).meta
    assert (m.jurisdiction, m.province, m.level, m.parent) == ("博州", "新疆维吾尔自治区", "city", None)
    # without 自治州 in the text a one-character head is not read
    m = analyze_text(text.replace("自治州", "州").replace("自治区", "上级")).meta
    assert m.jurisdiction is None
