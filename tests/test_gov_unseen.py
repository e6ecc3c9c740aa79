"""Government reports and lookalikes of shapes the dev pages did not show (team-written texts,
fictional places where the gazetteer is not needed; real county names only as gazetteer
entries): a portal's 【字体:】 button over the body, a yearbook volume, 促进了全镇 read as a town,
a county's prefecture written only as the issuer of a cited 《…》, a cut report's year, 3大类."""
from __future__ import annotations

from fazhi import analyze_text, pipeline
from fazhi.api import build_report
from fazhi.extract.quantities import find_quantities
from fazhi.textnorm import normalize_view


def meta_of(text: str):
    r = build_report(text.encode("utf-8"), media_type="text/plain")
    pipeline.run(r, None, ["sections", "meta"])
    return r


# -- a portal's buttons in 【…】 are neither a yearbook entry nor a heading ------------------
PORTAL = ("云溪市人民政府关于2021年度法治政府建设情况的报告\n\n来源: 发布日期:2022-03-01 09:00\n"
          "【 打印 】 【 扫一扫 】\n【 字体:  】\n\n"
          "2021年,云溪市坚持以习近平法治思想为指导,扎实推进依法行政,法治政府建设取得新成效。现将有关情况报告如下:\n\n"
          "一、2021年工作情况\n\n（一）党对法治政府建设的领导更加有力。市政府常务会议研究法治议题9次,"
          "全年办理行政复议案件40件。\n\n（二）行政决策更加规范。出台重大行政决策程序规定。\n")


def test_portal_buttons_are_not_a_yearbook_entry():
    r = meta_of(PORTAL)
    assert r.meta.kind == "report"
    assert r.meta.report_year == 2021


def test_portal_buttons_are_not_headings():
    r = meta_of(PORTAL)
    assert [s.heading for s in r.sections] == ["2021年工作情况"]


def test_bracket_heading_still_a_heading():
    r = meta_of("【主要举措和成效】\n全年办理行政复议案件40件,行政诉讼败诉率下降。\n【存在的不足】\n执法队伍专业化程度不高。\n")
    assert [s.heading for s in r.sections] == ["主要举措和成效", "存在的不足"]


# -- a yearbook volume over its 【…】 entries --------------------------------------------------
def test_yearbook_volume_is_an_article():
    text = ("2019卷\n【加强党对法治政府建设的全面领导】 省委将法治政府建设摆在全局工作重要位置,先后召开常委会会议、"
            "全面依法治省委员会会议,对法治政府建设作出部署。省长主持召开常务会议,听取了工作汇报。"
            "对8个市和15个省直部门开展实地督察,累计制定整改措施46项,除2项持续整改外全部完成整改。\n"
            "【服务型政府建设】 推进法治化营商环境建设,出台优化营商环境措施12项,评查执法案卷320卷。\n")
    r = meta_of(text)
    assert r.meta.kind == "article"
    assert r.meta.report_year is None


# -- 促进了全镇: a particle before a place word is no town's name ----------------------------
def test_particle_before_place_word_is_not_a_town():
    text = ("关于2023年度法治政府建设情况报告\n\n县委、县政府:\n\n今年以来,我镇全面推进依法行政,"
            "促进了全镇社会治理规范化水平的提升。\n一、主要举措和成效\n（一）深化改革。提升了全镇依法行政"
            "工作水平,全年公开政府信息36条。\n")
    m = meta_of(text).meta
    assert m.jurisdiction is None
    assert m.level == "township"


def test_town_named_twice_still_read():
    text = ("关于2023年度法治政府建设情况报告\n\n今年以来,柳湾镇全面推进依法行政,我镇法治建设取得成效。\n"
            "一、主要举措和成效\n（一）深化改革。柳湾镇全年公开政府信息36条。\n")
    assert meta_of(text).meta.jurisdiction == "柳湾镇"


# -- the prefecture written only as the issuer of a cited document: the parent as written -----
def test_parent_written_as_issuer_of_cited_document_short_form():
    # 雷山县 (a real county, gazetteer entry) of 黔东南苗族侗族自治州, written 黔东南州 only in
    # the titles of cited plans
    text = ("雷山县2022年法治政府建设情况报告\n2022年,雷山县认真贯彻《黔东南州法治政府建设实施方案》,"
            "落实《黔东南州2022年法治政府建设工作要点》,扎实推进依法行政。\n一、主要举措和成效\n"
            "（一）深化改革。全年办理行政复议案件8件。\n")
    m = meta_of(text).meta
    assert (m.jurisdiction, m.parent, m.province) == ("雷山县", "黔东南州", "贵州省")


def test_autonomous_prefecture_not_written_stays_unknown():
    text = ("雷山县2022年法治政府建设情况报告\n2022年,雷山县扎实推进依法行政。\n一、主要举措和成效\n"
            "（一）深化改革。全年办理行政复议案件8件。\n")
    m = meta_of(text).meta
    assert (m.jurisdiction, m.parent, m.province) == ("雷山县", None, "贵州省")


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


# -- categories counted: 3大类 ------------------------------------------------------------
def test_categories_counted():
    norm = normalize_view("将职责细化为4大类、60项措施。")
    qs = [(norm[q.start:q.end], q.value) for q in find_quantities(norm)]
    assert qs == [("4大类", 4), ("60项", 60)]


# -- a speech 范文 with its names left to fill in; the years it recalls are none reported -----
SPEECH = ("在全县依法行政工作推进会议上的讲话\n刚才,会议通报了全县依法行政工作情况,总结了成绩。\n"
          "下面,我讲两点意见。\n一、提高认识,增强推进依法行政的责任感\n"
          "2016年,{mask}印发《法治政府建设实施纲要》,提出了7项主要任务。\n县委、县政府高度重视依法行政工作。\n")


def test_fill_in_markers_make_a_template():
    assert meta_of(SPEECH.format(mask="(四字名称替换)")).meta.kind == "template"


def test_parenthesis_without_fill_in_marker_is_no_template():
    assert meta_of(SPEECH.format(mask="(中共中央)")).meta.kind != "template"


def test_speech_title_reports_no_year():
    assert analyze_text(SPEECH.format(mask="中共中央、国务院")).meta.report_year is None


def test_speech_title_pattern():
    from fazhi.parse.report_year import _SPEECH_TITLE
    assert _SPEECH_TITLE.search("在全市法治政府建设工作推进会上的讲话")
    assert _SPEECH_TITLE.search("县长在依法行政培训班上的讲话稿")
    assert not _SPEECH_TITLE.search("青禾县2021年度法治政府建设情况报告")


# -- a year's work named and run into its first item: that year's work plan -------------------
def test_glued_year_work_title_is_a_plan():
    text = ("2022年依法治乡工作一、认真落实县依法治县工作要点1、全乡各单位要对照考核指标开展自查,"
            "查漏补缺,完善考核机制。2、发挥党委的领导核心作用,完善议事决策制度。二、加强法治政府建设"
            "1、健全乡便民服务中心运行机制,全面提高窗口效能。2、全面落实行政执法责任制,严格遵循法定程序。")
    assert meta_of(text).meta.kind == "plan"


def test_glued_year_report_title_is_not_a_plan():
    text = ("2022年依法治乡工作情况一、主要举措和成效1、全乡开展法治宣传活动12场次,覆盖群众3000余人次。"
            "2、办理行政复议案件3件,化解矛盾纠纷46起。二、存在的不足1、执法人员专业化程度不高。")
    assert meta_of(text).meta.kind != "plan"


# -- news of a justice department checking others' work: the place is the reporter ------------
def test_news_of_a_department_inspecting_a_town_is_the_towns():
    # 蒲城县: a real county (gazetteer entry); 柳湾镇 fictional
    text = ("时间:2022-05-10 09:30 来源:柳湾镇人民政府\n5月9日,蒲城县司法局副局长一行4人对柳湾镇法治政府建设"
            "工作进行督导检查。镇长从组织领导、普法宣传等方面汇报了柳湾镇法治政府建设工作开展情况。督导组对"
            "柳湾镇取得的成效给予肯定,并提出了意见建议。\n")
    m = analyze_text(text).meta
    assert m.kind == "news"
    assert (m.jurisdiction, m.level, m.department, m.parent) == ("柳湾镇", "township", None, "蒲城县")


def test_news_of_a_county_department_reviewing_reports_is_the_countys():
    # 临邑县 (a real county, gazetteer entry) of 德州市
    text = ("6月4日,临邑县司法局开展对县直部门及乡镇法治政府建设报告集中评议活动,对全县40个单位报送的"
            "报告进行书面评议。评议小组逐一打分,并对发现的问题进行梳理汇总。评议结果将作为年度法治建设考核的"
            "参考依据。\n")
    m = analyze_text(text).meta
    assert m.kind == "news"
    assert (m.jurisdiction, m.level, m.department, m.parent, m.province) == ("临邑县", "county", None, "德州市", "山东省")


def test_news_of_a_department_about_itself_keeps_the_department():
    text = ("近日,临邑县司法局被评为全市法治政府建设先进单位。该局坚持依法行政,全年办理行政复议案件26件,"
            "开展普法活动40余场。\n")
    m = analyze_text(text).meta
    if m.kind == "news":
        assert m.department == "司法局"


# -- a text that speaks of the region's organs throughout, naming the region only in 法治X -----
def test_region_named_by_short_name_when_its_organs_speak():
    text = ("【加强党的领导】 自治区党委将法治政府建设纳入年度工作要点,自治区主席主持召开常务会议研究法治政府建设,"
            "对各盟市和自治区直属部门开展实地督察,一体推进法治宁夏建设,制定整改措施28项。\n")
    m = analyze_text(text).meta
    assert (m.jurisdiction, m.level, m.province) == ("宁夏回族自治区", "province", "宁夏回族自治区")


def test_region_organs_once_decide_nothing():
    text = ("【加强党的领导】 按照自治区党委部署,推进法治宁夏建设,全年开展普法活动30场。\n")
    assert analyze_text(text).meta.jurisdiction is None


# -- a story of a meeting whose lead opens on a purpose clause, then 近日 … 召开 …会议 ----------
def test_meeting_after_purpose_clause_is_news():
    text = ("“法者,治之端也”。为深入推进基层法治建设,进一步压实第一责任人职责。近日,青禾县柳湾镇、桃源镇先后组织召开"
            "镇各部门及村居主要负责人述法评议会议。\n会议由各镇党委书记主持,部分村(社区)主要负责人现场述法,"
            "其余书面述法,评议团进行现场评分。\n此次评议会进一步提升了基层干部法治意识。(王明 李华)\n")
    assert analyze_text(text).meta.kind == "news"


def test_report_telling_of_a_meeting_stays_a_report():
    text = ("2023年,柳湾镇坚持以习近平法治思想为指导,扎实推进依法行政。现将有关情况报告如下:\n一、主要举措和成效\n"
            "（一）强化组织领导。近日,镇党委组织召开法治建设专题会议,研究部署年度工作,全年开展普法活动20场。\n")
    assert analyze_text(text).meta.kind == "report"
