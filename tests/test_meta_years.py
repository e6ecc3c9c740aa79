"""parse/report_year.py (the report year: the year whose work is reported) and parse/dates.py (the
publication date), on short texts written for the test (fictional places)."""
from __future__ import annotations

from meta_helpers import BODY_TWO_PARTS as BODY, meta_of

import pytest

from fazhi import analyze_text, pipeline
from fazhi.api import build_report
from fazhi.parse.report_year import _FIRST_YEAR

SECTION = "\n一、主要举措和成效\n全年办理行政复议案件12件。\n"


def year(text: str):
    return analyze_text(text).meta.report_year


# -- the opening sentence ------------------------------------------------------
def test_first_year_pattern_anchors_at_pos() -> None:
    # the pattern is used with .match(s, pos): it must match at pos > 0 (a "^" cannot)
    s = "某某市人民政府:\n2019年,在市委的坚强领导下,我市推进依法行政。"
    assert _FIRST_YEAR.match(s, s.index("2019")) is not None
    # "2020年中央…" names a meeting, not the year of the work
    t = "2020年中央全面依法治国工作会议召开。"
    assert _FIRST_YEAR.match(t, 0) is None


def test_opening_after_an_addressee_gives_the_year() -> None:
    text = ("省政府、市委:\n2019年,在省委、省政府的坚强领导下,青岚市坚持以法治思维推进各项工作,"
            "法治政府建设取得新进展。" + SECTION)
    assert year(text) == 2019


def test_opening_without_a_title_after_a_counter_line() -> None:
    text = ("浏览:次\n2020年是青岚县法治政府建设收官之年,全县上下攻坚克难,各项工作取得明显成效。" + SECTION)
    assert year(text) == 2020


def test_second_sentence_of_the_first_paragraph() -> None:
    text = ("2023年5月,青岚市召开新闻发布会。2022年,青岚市法治政府建设工作取得明显成效,"
            "群众满意度持续提升。\n")
    assert year(text) == 2022


def test_opening_after_the_leadership_clause() -> None:
    text = "在市委、市政府的坚强领导下,2021年,青岚市扎实推进法治政府建设,取得明显成效。" + SECTION
    assert year(text) == 2021
    # a year later in the sentence is not the opening
    text = "在市委、市政府的坚强领导下,青岚市落实2021年工作要点,扎实推进法治政府建设。" + SECTION
    assert year(text) is None


def test_a_year_inside_a_sentence_is_not_an_opening() -> None:
    text = ("为提升青岚市医疗保障局2023年政务公开工作质量,制定了《2023年青岚市医疗保障局政务公开工作要点》。\n"
            "一、起草背景\n2023年是全面推进政务公开标准化建设的关键之年,结合工作实际进行部署。\n")
    assert year(text) is None


def test_flattened_page_opening_after_the_title() -> None:
    text = ("2016年某乡依法行政工作总结报告 2016年以来,某乡依法行政工作坚持以创新促规范,"
            "依法行政工作顺利推进,取得明显成效。 一、2016年主要工作 (一)健全制度。\n")
    assert year(text) == 2016


# -- title, opening and headings ------------------------------------------------
def test_title_and_opening_agree_over_a_stale_heading() -> None:
    text = ("青岚街道办事处2025年法治政府建设年度报告\n"
            "2025年,青岚街道办事处坚持以习近平法治思想为指导,推进法治街道建设,现将全年工作情况报告如下:\n"
            "一、2024年法治政府建设基本情况\n全年开展普法活动12次。\n")
    assert year(text) == 2025


def test_body_wins_over_a_title_that_disagrees() -> None:
    text = ("青岚县2025年法治政府建设年度报告\n"
            "2024年,青岚县坚持依法行政,推进法治政府建设,各项工作取得明显成效。\n"
            "一、2024年法治政府建设主要举措和成效\n全年开展普法活动12次。\n")
    assert year(text) == 2024


def test_five_year_review_opening_yields_to_the_title() -> None:
    text = ("青岚市人民政府关于2025年法治政府建设情况的报告\n"
            "2021年以来,青岚市深入贯彻纲要,如期完成五年规划重点任务,法治政府建设取得新成效。" + SECTION)
    assert year(text) == 2025


def test_since_opening_alone_gives_the_year() -> None:
    text = "2025年以来,我作为区林业局主要负责人,坚持依法行政,认真履行推进法治建设第一责任人职责。" + SECTION
    assert year(text) == 2025


# -- the announcing sentence ------------------------------------------------------
def test_announcing_sentence_without_lead() -> None:
    text = ("根据《法治政府建设与责任落实督察工作规定》要求,区财政局认真梳理总结2025年度法治政府建设情况,"
            "现报告如下。" + SECTION)
    assert year(text) == 2025


def test_announcing_sentence_skips_the_plan_year() -> None:
    text = ("根据上级要求,现将青岚区2022年法治政府建设情况和2023年工作计划报告如下:" + SECTION)
    assert year(text) == 2022


def test_report_published_rather_than_reported() -> None:
    text = "根据有关要求,现将市人社局2022年法治政府建设情况报告予以公开。" + SECTION
    assert year(text) == 2022


def test_summed_up_year_of_a_meeting() -> None:
    text = ("本网讯 5月6日,青岚县法治政府建设推进会召开。会议总结了2018年全县法治政府建设工作,"
            "并就2019年工作进行了安排部署。\n")
    assert year(text) == 2018


def test_no_year_stated_is_null() -> None:
    text = "根据有关要求,现将有关情况报告如下。" + SECTION
    assert year(text) is None


# -- publication date ------------------------------------------------------------
@pytest.mark.parametrize("head,date", [
    ("来源:青岚日报 2026-03-16 08:15\n", "2026-03-16"),
    ("2020-03-11 16:35:10  来源:区司法局  责任编辑:区司法局\n", "2020-03-11"),
    ("2020-03-13 08:45:00来源:\n", "2020-03-13"),
    ("青岚市人民政府 2020-05-12 09:01:00\n", "2020-05-12"),
    ("青岚市统计局2019年度法治政府建设情况报告 青岚市统计局 2020-06-08\n", "2020-06-08"),
    ("- 2021-12-22 18:17:43\n", "2021-12-22"),
    ("来源:青岚县司法局 作者: 发布时间 2025年09月05日 点击数:\n", "2025-09-05"),
    ("成文日期 | 2025-06-13 | 发布日期 | 2025-06-30 |\n", "2025-06-30"),
    ("| [ 成文日期 ] | 2026-01-30 | [ 发布日期 ] | 2026-02-25 |\n| [ 发布日期 ] | 2026-02-25 |\n"
     "青岚市统计局关于2019年法治政府建设情况的报告\n", "2026-02-25"),       # the table above the title
    ("青岚县司法局召开专题述法会 (2024-01-15)\n", "2024-01-15"),
    ("2022-07-31 版权声明 我要投稿\n", "2022-07-31"),
    ("来源:某学术网 作者:某老师\n发布于:2015-01-21 共9246字\n", "2015-01-21"),
    ("青岚县人民政府 2024年01月08日\n", "2024-01-08"),
])
def test_post_date_of_the_page(head, date) -> None:
    text = head + "2019年,青岚市坚持依法行政,推进法治政府建设,各项工作取得明显成效。" + SECTION
    assert analyze_text(text).meta.publish_date == date


@pytest.mark.parametrize("head", [
    "发文日期2021年12月21日\n施行日期2021年12月21日\n",       # the document's own dates
    "成文日期:2020-05-06 10:00\n",
    "天津市某区人民政府 2019年12月3日星期二\n",                # a date banner
    "| [ 成文日期 ] | 2026-01-30 | [ 有效性 ] | 有效 |\n青岚市统计局关于2019年法治政府建设情况的报告\n",
    "青岚县八五普法规划 (2021-2025)\n",                        # a period in brackets, no date
])
def test_not_a_post_date(head) -> None:
    text = head + "2019年,青岚市坚持依法行政,推进法治政府建设,各项工作取得明显成效。" + SECTION
    assert analyze_text(text).meta.publish_date is None


def test_this_year_opening_takes_the_post_year() -> None:
    text = ("发布时间:2023-12-20 10:00\n今年以来,青岚县司法局坚持依法行政,法治政府建设取得新成效。" + SECTION)
    r = analyze_text(text)
    assert r.meta.publish_date == "2023-12-20" and r.meta.report_year == 2023
    a, b = r.meta.evidence["report_year"]
    assert r.text[a:b] == "今年"


def test_this_year_without_a_post_date_is_null() -> None:
    text = "今年以来,青岚县司法局坚持依法行政,法治政府建设取得新成效。" + SECTION
    assert year(text) is None


def test_since_heading_is_not_the_reported_year() -> None:
    text = ("青岚市人民政府关于2025年法治政府建设情况的报告\n根据有关要求,现将有关情况报告如下。\n"
            "一、2021年以来法治政府建设主要成效\n正文。\n")
    assert year(text) == 2025


def test_the_year_of_a_plan_title_is_not_a_reported_year() -> None:
    text = ("青岚市2022年法治政府建设工作要点\n为深入推进依法行政,结合我市实际,制定本要点。\n"
            "一、加强党对法治政府建设的领导\n正文。\n")
    assert year(text) is None
    # a report's title keeps its year
    text = ("青岚市2022年法治政府建设工作情况报告\n根据有关要求,现将有关情况报告如下。" + SECTION)
    assert year(text) == 2022


def test_title_broken_after_its_year() -> None:
    text = ("青岚市人民政府办公室关于2015年度\n依法行政工作考评结果的通报\n各县(市、区)人民政府:\n"
            "市政府对各县级政府依法行政工作情况开展了全面考评,现将考评结果通报如下:\n一、考评结果及等次\n正文。\n")
    assert year(text) == 2015
    # a blank line between: a header, not a broken title
    text = ("青岚市人民政府办公室关于2015年度\n\n依法行政工作考评结果的通报\n各县(市、区)人民政府:\n"
            "市政府对各县级政府依法行政工作情况开展了全面考评,现将考评结果通报如下:\n一、考评结果及等次\n正文。\n")
    assert year(text) is None


def test_year_named_as_this_year_in_the_body() -> None:
    text = ("一、推进法治政府建设的主要举措和成效\n(一)强化组织领导。市政府于2020年初制定了本年度法治政府建设"
            "工作要点,按时报送年度报告。\n")
    assert year(text) == 2020
    text = ("一、推进法治政府建设的主要举措和成效\n(一)强化组织领导。市政府印发《2020年初步方案》,"
            "按时报送本年度报告。\n")
    assert year(text) is None


# -- fresh-sample classes (2): date lines, short announcing lines, 总结如下 -------
def test_a_source_and_date_line_is_not_a_year_heading() -> None:
    # an interpretation page: the line under its title names the organ and the posting date;
    # the year of the work is the one the body sums up
    text = ("【政策解读】关于《青岚县人民政府关于青岚县2023年度法治政府建设工作总结的报告》的政策解读\n\n"
            "青岚县人民政府 2024年01月08日\n\n"
            "      《青岚县人民政府关于青岚县2023年度法治政府建设工作总结的报告》政策解读\n\n"
            "      按照上级要求,我县总结2023年全县法治政府建设工作,印发了工作总结的报告,现解读如下:\n\n"
            "      一、起草背景\n\n      党中央、国务院高度重视法治政府建设,要求每年报告上一年度情况。\n")
    assert year(text) == 2023


def test_a_numbered_heading_year_still_counts() -> None:
    text = ("青岚县法治政府建设情况报告\n"
            "青岚县坚持以法治思维推进各项工作,法治政府建设取得新进展,群众满意度持续提升。\n"
            "一、2021年推进法治政府建设的主要举措和成效\n全年办理行政复议案件12件。\n")
    assert year(text) == 2021


def test_a_short_announcing_line_before_the_body_gives_the_year() -> None:
    text = ("首页>政务公开>法治政府建设年度报告 > 部门\n"
            "按照工作要求,现将2024年法治政府建设情况报告如下。\n"
            "一、工作成效\n(一)深入学习贯彻习近平法治思想。局党组把学习习近平法治思想列为党组会第一议题,"
            "全年组织专题学习6次,干部法治意识持续增强。\n")
    assert year(text) == 2024


def test_a_summary_announced_as_zongjie_rugao_gives_the_year() -> None:
    text = ("根据市、区对法治建设工作的具体部署,青岚街道以深入学习贯彻习近平法治思想为核心,"
            "全面深入开展法治政府建设。现对2023年所做工作总结如下:\n"
            "一、推进法治建设的主要举措和突出成效\n全年组织专题学习4次。\n")
    assert year(text) == 2023


def test_a_plan_announced_without_a_report_is_not_summed() -> None:
    # "安排如下" announces a plan, not a report: no year from the announcement
    text = ("为做好全年工作,现就2021年度青岚县依法行政工作安排如下:\n"
            "一、依法全面履行政府职能\n加强规范性文件备案审查。\n")
    assert year(text) is None


def test_a_flattened_page_opening_glued_to_its_title() -> None:
    text = ("文库网—每日更新www.example.com青岚市人民政府关于2023年度法治政府建设情况的报告2023年,"
            "市政府坚持依法行政,法治政府建设取得新成效。一、坚持党的领导,扛牢法治政府建设政治责任"
            "市政府常务会议专题研究法治政府建设工作12次。")
    assert year(text) == 2023
    spaced = ("某县 2025 年度法治政府建设情况报告2025 年,全县坚持依法行政,政府治理效能持续提升。"
              "一、以思想引领为先导,凝聚法治共识(一)强化理论武装。全年开展专题学习 18 次。")
    assert year(spaced) == 2025


def test_a_year_glued_after_a_report_word_mid_sentence_is_not_an_opening() -> None:
    # a year after 报告 that opens no clause (no comma after it) is a cited figure's year
    text = ("青岚市政府召开常务会议,审议通过了有关工作的报告2023年度考核结果随后公布并通报全市各部门。"
            "会议要求各部门抓好落实,推进各项工作。")
    assert year(text) is None


def test_a_plan_issued_by_a_notice_reports_no_year() -> None:
    text = ("青政办〔2020〕20号\n青岚县人民政府办公室\n关于印发青岚县2020年度法治政府建设\n工作安排的通知\n"
            "各乡镇人民政府,县直有关单位:\n《青岚县2020年度法治政府建设工作安排》已经县政府同意,现印发给你们。\n"
            "青岚县2020年度法治政府建设工作安排\n"
            "2020年是“十三五”规划收官之年,今年全县法治政府建设工作要坚持稳中求进,推动各项任务全面落实。\n"
            "一、依法全面履行政府职能\n加强规范性文件备案审查。\n")
    r = analyze_text(text)
    assert r.meta.report_year is None
    assert r.meta.kind == "plan"


def test_a_report_naming_next_years_arrangements_keeps_its_year() -> None:
    text = ("青岚县关于2020年度法治政府建设工作总结和2021年工作安排的报告\n"
            "2020年,青岚县坚持依法行政,法治政府建设取得新进展,群众满意度持续提升。\n"
            "一、主要举措和成效\n全年办理行政复议案件12件。\n")
    assert year(text) == 2020


def test_a_whole_calendar_year_statistics_period_gives_the_year() -> None:
    text = ("根据政府信息公开条例,我局编制了本单位政府信息公开工作年度报告。本报告所列数据的统计期限"
            "自2017年1月1日起至2017年12月31日止。\n一、主动公开政府信息情况\n全年主动公开信息36条。\n")
    assert year(text) == 2017


def test_a_period_shorter_than_a_year_gives_no_year() -> None:
    text = ("根据政府信息公开条例,我局编制了本单位政务公开工作情况说明。本说明所列数据的统计期限"
            "自2017年1月1日起至2017年6月30日止。\n一、主动公开政府信息情况\n上半年主动公开信息16条。\n")
    assert year(text) is None


def test_an_interpretation_of_a_report_takes_the_year_of_the_cited_report() -> None:
    text = ("【文字解读】《中共青岚区委青岚区人民政府关于2024年法治政府建设情况的报告》文件解读\n"
            "字体大小:【\n浏览次数:信息来源: 区司法局发布时间:2025-11-07 16:34\n"
            "一、背景依据\n为全面检测贯彻落实上级关于法治政府建设工作决策部署的成果,区人民政府编写了年度报告,并予以发布。\n"
            "二、起草过程\n2025年2月6日形成报告初稿,2025年2月13日形成讨论稿。\n")
    r = analyze_text(text)
    assert r.meta.kind == "interpretation"
    assert r.meta.report_year == 2024
    assert r.meta.publish_date == "2025-11-07"


def test_an_interpretation_of_a_plan_or_of_a_government_work_report_has_no_year() -> None:
    plan = ("【政策解读】《青岚县2024年法治政府建设工作要点》解读\n"
            "一、制定依据\n为深入推进依法行政,结合我县实际,制定本工作要点。\n")
    assert year(plan) is None
    gwr = ("【政策解读】《2019年青岚市政府工作报告》解读\n"
           "一、报告的主要内容\n报告回顾了过去一年的工作,提出了今年的目标任务。\n")
    assert year(gwr) is None


def test_a_news_portal_stamp_with_the_year_apart_is_the_post_date() -> None:
    text = ("青岚市法治政府评估结果发布-青岚新闻网\n青岚新闻网 > > 正文\n2024 04/22 16:19:48\n来源:青岚新闻网\n\n"
            "青岚市法治政府评估结果发布\n\n4月21日,青岚市法治政府研究院发布年度评估报告,全市法治政府水平稳步提升。\n")
    assert analyze_text(text).meta.publish_date == "2024-04-22"


def test_a_year_and_a_fraction_without_a_time_is_no_post_date() -> None:
    text = ("青岚市法治政府评估结果发布\n档案编号 2024 04/22\n\n"
            "4月21日,青岚市法治政府研究院发布年度评估报告,全市法治政府水平稳步提升。\n")
    assert analyze_text(text).meta.publish_date is None


def test_a_title_that_only_quotes_a_plan_notice_reports_no_year() -> None:
    text = ("青政办发〔2016〕26号《青岚市人民政府办公厅关于印发〈青岚市2016年政务公开工作要点〉的通知》\n"
            "《青岚市人民政府办公厅关于印发〈青岚市2016年政务公开工作要点〉的通知》\n"
            "各区人民政府,市政府各委、办、局:\n《青岚市2016年政务公开工作要点》已经市政府同意,现印发给你们。\n"
            "青岚市人民政府办公厅\n2016年5月28日\n"
            "2016年是全面建成小康社会决胜阶段的开局之年,今年政务公开工作要以完善公开内容和方式为核心。\n"
            "一、围绕深化改革推进公开\n(一)进一步推进权力清单和责任清单公开\n")
    r = analyze_text(text)
    assert r.meta.report_year is None
    assert r.meta.kind == "plan"


def test_a_title_quoting_a_report_keeps_the_reports_year() -> None:
    text = ("《青岚市人民政府关于2016年度法治政府建设情况的报告》\n"
            "2016年,青岚市坚持依法行政,法治政府建设取得新进展。现将有关情况报告如下:\n"
            "一、主要做法和成效\n全年办理行政复议案件12件。\n")
    assert year(text) == 2016


def test_news_about_a_years_work_takes_that_year_not_a_plans():

    def meta(text):
        r = build_report(text.encode("utf-8"), media_type="text/plain")
        pipeline.run(r, None, ["sections", "meta"])
        return r.meta
    m = meta("青禾县 不断推进法治政府建设工作\n\n本报讯 近日，市人大常委会副主任带队调研青禾县2020年度法治政府建设情况，"
             "区级相关部门负责人陪同调研。调研组一行深入社区了解情况。\n")
    assert (m.kind, m.report_year) == ("news", 2020)
    m = meta("青禾县出台法治政府建设工作要点\n\n日前，青禾县出台2018年法治政府建设工作要点及任务分解，明确目标任务，"
             "推动工作有序开展。\n")
    assert m.kind == "news" and m.report_year is None
    # a year's work assessed (印发《2023年度全县法治政府建设考核工作方案》): the assessed year
    m = meta("为全面总结和评价2023年度法治建设工作，青禾县依法治县办近日印发《2023年度全县法治政府建设考核"
             "工作方案》，启动对各乡镇和县直单位的年度考核。考核采取日常考核和实地督察相结合的方式。\n")
    assert (m.kind, m.report_year) == ("news", 2023)


# -- an account of several years -------------------------------------------------
def test_title_naming_a_span_of_years_reports_no_year() -> None:
    text = ("青岚县人民政府关于2016-2020年度法治政府建设有关情况的报告\n"
            "青岚县人民政府坚持依法行政，推进全县法治政府建设各项工作取得明显成效。\n"
            "一、强化组织领导\n一是落实第一责任人职责，2020年，青岚县被确定为示范县。\n")
    assert year(text) is None
    text = ("2023年区五年法治政府建设工作情况报告\n"
            "五年来，青岚区严格落实第一责任人职责，全面推进依法行政，法治政府建设成效显著。" + SECTION)
    assert year(text) is None


def test_one_year_beside_a_cited_span_or_a_year_ending_in_three_is_still_the_year() -> None:
    # the span is that of a cited plan; 二〇二三年 holds 三年 but counts no years
    text = ("青岚县2022年度法治政府建设情况报告\n2022年，青岚县对照《法治政府建设实施纲要（2021-2025年）》，"
            "全面推进依法行政，各项工作取得新成效。" + SECTION)
    assert year(text) == 2022
    text = ("青岚县二〇二三年法治政府建设情况报告\n二〇二三年，青岚县全面推进依法行政，"
            "各项工作取得新成效。" + SECTION)
    assert year(text) == 2023


def test_day_first_timestamp_line_under_the_title_is_the_post_date() -> None:
    text = ("关于2022年度全县法治政府建设工作情况的报告\n\n07.03.2023  09:15\n\n"
            "2022年，青岚县全面推进依法行政，各项工作取得新成效。" + SECTION)
    assert analyze_text(text).meta.publish_date == "2023-03-07"


def test_day_first_date_without_a_time_or_inside_a_sentence_is_no_post_date() -> None:
    text = ("关于2022年度全县法治政府建设工作情况的报告\n\n07.03.2023\n\n"
            "2022年，青岚县全面推进依法行政，各项工作取得新成效。" + SECTION)
    assert analyze_text(text).meta.publish_date is None
    text = ("关于2022年度全县法治政府建设工作情况的报告\n\n版本 07.03.2023 09:15 修订\n\n"
            "2022年，青岚县全面推进依法行政，各项工作取得新成效。" + SECTION)
    assert analyze_text(text).meta.publish_date is None


def test_opening_year_that_lost_its_nian_before_yilai_is_the_year() -> None:
    text = ("2024以来，在县委、县政府的指导下，青禾镇切实推进法治政府建设，各项工作有序开展。"
            "现将有关情况汇报如下：" + SECTION)
    assert year(text) == 2024


def test_bare_number_before_yilai_inside_a_sentence_is_no_year() -> None:
    # not at the head of the opening: a figure, not the year
    text = ("在县委的指导下，青禾镇切实推进法治政府建设，累计化解纠纷2024以来未发生反弹，"
            "各项工作有序开展。" + SECTION)
    assert year(text) is None


def test_a_story_of_an_officials_duty_review_takes_the_year_reviewed() -> None:
    text = ("青岚县司法局召开法治建设第一责任人专题述法会\n近日，青岚县司法局召开专题述法会，局长进行专题述法。\n"
            "会上，局长围绕2023年履行推进法治建设第一责任人职责情况进行履职回顾，与会人员开展了民主测评。\n")
    r = analyze_text(text)
    assert r.meta.kind == "news" and r.meta.report_year == 2023


def test_a_story_that_only_cites_the_duty_rule_has_no_year() -> None:
    text = ("青岚县司法局召开法治建设第一责任人专题述法会\n近日，青岚县司法局召开专题述法会，局长进行专题述法。\n"
            "会上，局长对照《党政主要负责人履行推进法治建设第一责任人职责规定》进行履职回顾，与会人员开展了民主测评。\n")
    r = analyze_text(text)
    assert r.meta.kind == "news" and r.meta.report_year is None


# -- a report whose title and opening were cut: the year its sentences of work open with ------
CUT = ("一、主要举措和成效\n（一）强化组织领导\n柳湾镇把法治建设纳入重要议事日程。\n（二）强化重点工作\n"
       "1. 加强规范性文件管理。认真清理规范性文件。{y1}年我镇新制发规范性文件2件。\n"
       "2. 积极开展行政执法。{y2}年柳湾镇开展行政执法检查130余次,作出行政处罚5件。\n")


def test_cut_report_year_from_sentences_of_work():
    assert analyze_text(CUT.format(y1=2021, y2=2021)).meta.report_year == 2021


def test_cut_report_two_years_stays_unknown():
    assert analyze_text(CUT.format(y1=2020, y2=2021)).meta.report_year is None


def test_cut_report_one_sentence_year_stays_unknown():
    text = CUT.format(y1=2021, y2=2021).replace("2021年柳湾镇", "全年柳湾镇")
    assert analyze_text(text).meta.report_year is None


def test_cut_report_plan_year_is_not_told():
    text = CUT.format(y1=2021, y2=2021).replace("2021年我镇新制发", "2021年工作计划明确制发").replace(
        "2021年柳湾镇开展", "2021年工作要点要求开展")
    assert analyze_text(text).meta.report_year is None


# -- a speech 范文 with its names left to fill in; the years it recalls are none reported -----
SPEECH = ("在全县依法行政工作推进会议上的讲话\n刚才,会议通报了全县依法行政工作情况,总结了成绩。\n"
          "下面,我讲两点意见。\n一、提高认识,增强推进依法行政的责任感\n"
          "2016年,{mask}印发《法治政府建设实施纲要》,提出了7项主要任务。\n县委、县政府高度重视依法行政工作。\n")


def test_speech_title_reports_no_year():
    assert analyze_text(SPEECH.format(mask="中共中央、国务院")).meta.report_year is None


def test_speech_title_pattern():
    from fazhi.parse.report_year import _SPEECH_TITLE
    assert _SPEECH_TITLE.search("在全市法治政府建设工作推进会上的讲话")
    assert _SPEECH_TITLE.search("县长在依法行政培训班上的讲话稿")
    assert not _SPEECH_TITLE.search("青禾县2021年度法治政府建设情况报告")




def test_news_of_a_meeting_reviewing_a_years_shu_fa_is_of_that_year():
    text = ("3月20日下午,云溪市组织召开2022年度党政主要负责人专题述法评议会议。副市长出席会议。\n"
            "会上,市教育局、市民政局等8家单位主要负责同志围绕法治建设责任履行情况进行了现场述法。"
            "评议团从依法全面履行职能等方面进行现场评议。\n")
    m = meta_of(text)
    assert (m.kind, m.report_year, m.department) == ("news", 2022, None)


# -- year --------------------------------------------------------------------------------
def test_the_year_of_the_report_the_opening_publishes():
    text = ("根据《中华人民共和国政府信息公开条例》规定，现公布临渊县住房保障中心2022年政府信息公开工作年度报告。\n"
            "一、总体情况\n2022年，我中心积极推进政府信息公开工作，公开各类信息100余条。\n")
    assert meta_of(text).report_year == 2022


def test_a_report_cited_as_published_elsewhere_gives_no_year_by_itself():
    text = ("根据《中华人民共和国政府信息公开条例》规定，编制本报告。\n一、总体情况\n"
            "我中心积极推进政府信息公开工作，按照《关于公布2021年度报告的通知》要求，公开各类信息100余条。\n")
    assert meta_of(text).report_year is None




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


# -- years ---------------------------------------------------------------------------
def test_whole_year_period_with_the_end_year_left_out() -> None:
    r = analyze_text(DISCLOSURE)
    assert r.meta.report_year == 2022
    # a period of part of a year is no report year
    r = analyze_text(DISCLOSURE.replace("至12月31日", "至6月30日"))
    assert r.meta.report_year is None


def test_template_body_blanking_its_year_reports_none() -> None:
    # a 范文 page titled with a year whose body blanks it (20__年): body over title, no year
    text = ("卫生健康局2022年度法治政府建设报告\n20__年，局党组坚持以____为指导，推进依法行政。现将情况报告如下：\n"
            "一、20__年推进法治政府建设的主要举措和成效\n（一）加强学习。组织学法4次。\n")
    assert meta_of(text).report_year is None
    # the same page with its year written keeps it
    assert meta_of(text.replace("20__年", "2022年")).report_year == 2022


def test_year_of_the_report_a_cited_notice_asks_for():
    # nothing else states the year: the superior's notice asking for that year's report does
    office = "一、主要举措和成效\n局机关规范合同管理，审查合同12份。\n"
    m = meta_of("根据《中共青禾县委依法治县办关于做好2023年度法治政府建设情况报告工作的通知》，"
                "现将县政府办公室法治政府建设工作情况报告如下。\n" + office)
    assert m.report_year == 2023
    # a notice issuing a plan asks for no report: no year
    m = meta_of("根据《关于印发2024年法治政府建设工作要点的通知》，现将县政府办公室法治政府建设工作情况报告如下。\n"
                + office)
    assert m.report_year is None
