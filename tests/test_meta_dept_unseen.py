"""Department reports of kinds the dev pages did not show (a fresh hand-annotated page set
gathered for this): who reports, the kind and the year. Team-written texts; fictional places
where the gazetteer is not needed, real names only as gazetteer entries."""
from __future__ import annotations

from fazhi import pipeline
from fazhi.api import build_report


def meta_of(text: str):
    r = build_report(text.encode("utf-8"), media_type="text/plain")
    pipeline.run(r, None, ["sections", "meta"])
    return r.meta


BODY = ("一、主要举措和成效\n（一）依法全面履行职能。深化“放管服”改革，全年办理行政复议案件15件，"
        "行政执法人员持证率100%。\n二、存在的不足\n法治宣传的针对性有待加强。\n"
        "三、下一步工作安排\n持续推进严格规范公正文明执法。\n")


# -- the department's own name ------------------------------------------------------------
def test_a_title_issued_by_the_bureau_and_its_party_committee_names_the_bureau():
    text = ("中共临渊县卫生健康局委员会 临渊县卫生健康局 关于2023年法治政府建设情况的报告\n"
            "临渊县委、临渊县人民政府：\n2023年，我局坚持依法行政，各项工作取得明显成效。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == ("临渊县", "department", "卫生健康局")


def test_a_commission_named_in_full_keeps_its_name():
    text = ("临渊县卫生健康委员会2023年法治政府建设年度报告\n2023年，我委坚持依法行政，成效明显。\n" + BODY)
    assert meta_of(text).department == "卫生健康委员会"


# -- kind ------------------------------------------------------------------------------
def test_a_heading_on_completing_the_assigned_tasks_is_a_report_heading_not_a_plan_one():
    text = ("2023年，市农业农村局坚持以习近平法治思想为指导，扎实推进农业农村法治建设。\n"
            "一、深入学习贯彻习近平法治思想\n局党组集体学法4次，举办法治专题培训班3期。\n"
            "二、高质量完成市委依法治市委员会确定的工作任务\n"
            "对照年度工作要点逐项落实，全年审查规范性文件9件，办结行政复议案件2件。\n")
    assert meta_of(text).kind == "report"


def test_a_plans_task_heading_still_makes_a_plan():
    text = ("为推进农业农村法治建设，结合实际，现就有关事项通知如下。\n"
            "一、指导思想\n以习近平法治思想为指导，全面推进依法行政。\n"
            "二、工作任务\n健全依法决策机制，规范行政执法行为。\n")
    assert meta_of(text).kind == "plan"


def test_a_story_about_a_ministrys_published_report_is_news_of_that_year():
    text = ("完成行政法规审查项目40件，办结行政复议案件3000余件；\n"
            "组织开展执法检查12次，督促整改问题80余个；\n……\n"
            "4月2日公布的云岭部2022年法治政府建设年度报告，是一份厚重的成绩单。"
            "云岭部坚持依法行政，扎实推进法治政府建设。\n立法成果丰硕\n"
            "一年来，云岭部完成部门规章制定修订8件，清理规范性文件56件，举办法治培训班5期。\n")
    m = meta_of(text)
    assert (m.kind, m.report_year) == ("news", 2022)


def test_a_bureau_citing_its_own_published_report_stays_a_report():
    text = ("2023年，我局坚持依法行政，推进法治政府建设。\n一、主要举措和成效\n"
            "按时在门户网站公开发布的2022年法治政府建设情况报告获评优秀，全年办理行政复议案件6件，"
            "组织集中学法5次，审查规范性文件3件。\n")
    assert meta_of(text).kind == "report"


# -- province ----------------------------------------------------------------------------
def test_the_partner_province_of_a_cross_border_cooperation_is_not_the_reporters():
    text = ("区市场监管局关于2023年法治政府建设情况的报告\n2023年，区市场监管局坚持依法行政，推进法治建设。\n"
            "一、2023年工作情况\n（一）深化川渝执法协作\n向四川省有关市场监管部门移送案件线索6件，"
            "协助四川省查办案件2件。\n" + BODY)
    m = meta_of(text)
    assert (m.department, m.jurisdiction, m.province) == ("市场监管局", None, None)


def test_a_province_named_without_a_cooperation_group_is_still_taken():
    text = ("区市场监管局关于2023年法治政府建设情况的报告\n2023年，区市场监管局坚持依法行政，推进法治建设。\n"
            "一、2023年工作情况\n（一）落实《四川省市场监督管理条例》，查办案件6件。\n" + BODY)
    assert meta_of(text).province == "四川省"


# -- parent ------------------------------------------------------------------------------
def test_a_municipal_districts_department_takes_the_municipality_written_by_its_short_name():
    text = ("闵行区民政局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，落实上海法治建设规划要求，"
            "各项工作取得明显成效。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.parent, m.province) == ("闵行区", "上海市", "上海市")
    m = meta_of("闵行区民政局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY)
    assert (m.parent, m.province) == (None, "上海市")          # the municipality not written


def test_a_districts_city_named_in_the_instructions_to_it_is_the_parent():
    text = ("宝安区司法局2023年法治政府建设年度报告\n2023年，我局深入贯彻习近平总书记对广东、深圳系列重要讲话"
            "精神，坚持依法行政，成效明显。\n" + BODY)
    assert meta_of(text).parent == "深圳市"
    text = ("宝安区司法局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，组织干部赴深圳学习交流，"
            "成效明显。\n" + BODY)
    assert meta_of(text).parent is None                       # a visit, not the unit's city named


def test_a_city_bureau_named_by_its_level_takes_the_city_of_the_instructions_to_it():
    text = ("市交通运输局2023年法治政府建设年度报告\n2023年，市交通运输局深入贯彻习近平总书记在江西赣州考察时的"
            "重要讲话精神，坚持依法行政，成效明显。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.province, m.department) == ("赣州市", "江西省", "交通运输局")
    text = ("市交通运输局2023年法治政府建设年度报告\n2023年，市交通运输局坚持依法行政，组织执法人员赴赣州"
            "学习交流，成效明显。\n" + BODY)
    assert meta_of(text).jurisdiction is None                 # a visit, not the bureau's city


def test_a_metadata_label_before_the_title_is_not_part_of_the_parent():
    text = ("索引号: 1144/2020-00071 分类: 综合政务\n"
            "名称: 广州市南沙区人民政府办公室关于印发南沙区2020年依法行政工作要点的通知\n"
            "各镇(街),区政府各部门:\n现将《南沙区2020年依法行政工作要点》印发给你们,请认真组织实施。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.parent, m.province) == ("南沙区", "广州市", "广东省")


def test_news_of_a_meeting_reviewing_a_years_shu_fa_is_of_that_year():
    text = ("3月20日下午,云溪市组织召开2022年度党政主要负责人专题述法评议会议。副市长出席会议。\n"
            "会上,市教育局、市民政局等8家单位主要负责同志围绕法治建设责任履行情况进行了现场述法。"
            "评议团从依法全面履行职能等方面进行现场评议。\n")
    m = meta_of(text)
    assert (m.kind, m.report_year, m.department) == ("news", 2022, None)


def test_a_public_institution_centre_reports_as_a_department():
    text = ("临渊县住房公积金管理中心2023年法治政府建设年度报告\n2023年，我中心坚持依法行政，"
            "规范公积金归集使用，成效明显。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == ("临渊县", "department", "住房公积金管理中心")


def test_a_centre_named_inside_a_county_report_does_not_make_it_a_department():
    text = ("临渊县2023年法治政府建设情况报告\n2023年，临渊县坚持依法行政，县政务服务中心全年办理"
            "政务服务事项3万余件，法治政府建设取得新成效。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == ("临渊县", "county", None)


# -- post date ---------------------------------------------------------------------------
def test_a_metadata_list_above_the_title_gives_the_post_date():
    text = ("- 索引号:000011111/2024-00191\n- 发布机构:云岭省气象局\n- 发布日期:2024-02-27\n"
            "云岭省气象局2023年度法治政府建设工作情况的报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY)
    assert meta_of(text).publish_date == "2024-02-27"


def test_a_list_item_in_the_body_with_a_date_is_no_post_date():
    text = ("云岭省气象局2023年度法治政府建设工作情况的报告\n2023年，我局坚持依法行政，成效明显。\n"
            "- 2023年3月1日，组织全局干部集中学法，共开展专题培训2期。\n" + BODY)
    assert meta_of(text).publish_date is None


# -- year --------------------------------------------------------------------------------
def test_the_year_of_the_report_the_opening_publishes():
    text = ("根据《中华人民共和国政府信息公开条例》规定，现公布临渊县住房保障中心2022年政府信息公开工作年度报告。\n"
            "一、总体情况\n2022年，我中心积极推进政府信息公开工作，公开各类信息100余条。\n")
    assert meta_of(text).report_year == 2022


def test_a_report_cited_as_published_elsewhere_gives_no_year_by_itself():
    text = ("根据《中华人民共和国政府信息公开条例》规定，编制本报告。\n一、总体情况\n"
            "我中心积极推进政府信息公开工作，按照《关于公布2021年度报告的通知》要求，公开各类信息100余条。\n")
    assert meta_of(text).report_year is None


# -- the level a report speaks as --------------------------------------------------------
def test_a_county_speaking_as_wo_xian_is_not_the_province_of_its_superiors_and_honours():
    text = ("2024年，我县坚持以习近平法治思想为指导，认真落实省委省政府、市委市政府工作要求，"
            "全面加强法治政府建设。\n一、主要举措及成效\n（一）统筹推进法治政府建设。印发《关于做好创建全省"
            "法治政府建设示范县相关工作的通知》，制定《石城县优化营商环境责任分工》，办理行政复议案件9件。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("石城县", "county")


def test_a_province_speaking_as_wo_sheng_stays_the_province():
    text = ("2024年，我省坚持以习近平法治思想为指导，全省法治政府建设取得新成效，江西省人民政府"
            "常务会议专题学法4次。\n一、主要举措及成效\n（一）统筹推进法治政府建设。我省办理行政复议案件900件。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("江西省", "province")


def test_an_officials_shu_fa_opening_at_its_first_part_is_not_a_report():
    text = ("一、履职情况\n（一）深学笃行习近平法治思想\n全年参与党委理论中心组专题学习6次，"
            "制定《柳湾镇法治建设三年行动方案》。\n（二）落实“四个亲自”工作机制\n主持召开专题会议4次，"
            "研究解决土地承包纠纷等问题。\n二、存在问题\n法治队伍建设仍需加强。\n")
    assert meta_of(text).kind == "other"


def test_a_units_report_whose_first_part_tells_its_measures_stays_a_report():
    text = ("一、主要举措和成效\n（一）深学笃行习近平法治思想\n全年组织局党组专题学习6次，"
            "审查规范性文件3件。\n（二）规范行政执法\n办理行政处罚案件14件。\n二、存在问题\n法治队伍建设仍需加强。\n")
    assert meta_of(text).kind == "report"


def test_a_rural_revitalisation_bureau_is_a_department_though_its_name_opens_with_xiang():
    m = meta_of("2022年，石城县乡村振兴局坚持依法行政，推进法治政府建设，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("石城县", "department", "乡村振兴局")
    m = meta_of("县乡村振兴局2022年法治政府建设年度报告\n2022年，县乡村振兴局坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == (None, "department", "乡村振兴局")


def test_a_title_that_spaces_the_place_from_its_department_still_names_the_department():
    m = meta_of("石城县 民政局 2023年法治政府建设年度报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("石城县", "department", "民政局")
    m = meta_of("石城县 关于2023年法治政府建设情况的报告\n2023年，我县坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("石城县", "county", None)


def test_a_title_led_by_its_unit_in_brackets_is_no_yearbook_entry():
    text = ("【赣州市教育局】2023年法治政府建设年度报告\n2023年，我局坚持依法治教，扎实推进法治政府建设。\n" + BODY)
    m = meta_of(text)
    assert (m.kind, m.jurisdiction, m.department, m.report_year) == ("report", "赣州市", "教育局", 2023)
    assert meta_of("【依法行政】2023年，赣州市推进法治政府建设，办理行政复议案件80件。\n").kind == "article"


def test_a_department_line_above_a_title_opening_with_guanyu_is_the_issuer():
    text = ("石城县民政局\n关于2023年法治政府建设工作情况的报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == ("石城县", "department", "民政局")
    text = ("石城县人民政府门户网站\n关于2023年法治政府建设工作情况的报告\n2023年，我县坚持依法行政，成效明显。\n" + BODY)
    assert meta_of(text).department is None                  # a portal's name, not an issuer


def test_the_bureaus_organ_after_its_name_is_still_the_bureau():
    m = meta_of("石城县民政局机关2023年法治政府建设年度报告\n2023年，局机关坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("石城县", "department", "民政局")


def test_a_county_bureau_named_by_its_level_is_not_its_city_superior():
    text = ("2023年，在赣州市民政局的指导下，县民政局坚持依法行政，推进法治政府建设，成效明显。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == (None, "department", "民政局")
    text = ("2023年，在赣州市民政局的指导下，县民政局坚持依法行政，修订《石城县民政局行政执法公示办法》，"
            "成效明显。\n" + BODY)
    assert meta_of(text).jurisdiction == "石城县"             # its own full name at its level
