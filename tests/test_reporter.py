"""Who reports (fazhi.parse.reporter, called by the meta component, with the units, self_place,
place_forms, provinces, settle and place modules of fazhi.parse): jurisdiction, parent, province, level and department. Team-written texts; fictional places where the gazetteer is
not needed, real names only as gazetteer entries."""
from __future__ import annotations

from meta_helpers import BODY_THREE_PARTS as BODY, meta_of, report_of

import pytest

from fazhi import analyze_text
from fazhi.parse.clean_view import Clean
from fazhi.parse.place import plausible_place
from fazhi.parse.place_forms import resolve_written
from fazhi.parse.self_place import _township_names, city_short_place, self_level
from fazhi.parse.places import gazetteer
from fazhi.parse.units import branch_place, self_department




def who(m):
    return (m.jurisdiction, m.level, m.department, m.parent, m.province)




# -- departments ------------------------------------------------------------------------
def test_department_in_the_title_is_its_own_name_without_the_place():
    m = meta_of("临渊市司法局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，各项工作取得明显成效。\n" + BODY)
    assert who(m) == ("临渊市", "department", "司法局", None, None)
    a, b = m.evidence["department"]


def test_department_of_a_district_parent_only_where_written():
    m = meta_of("萧山区司法局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY)
    assert who(m) == ("萧山区", "department", "司法局", None, "浙江省")     # 杭州 not written
    m = meta_of("杭州市萧山区司法局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.parent, m.province) == ("萧山区", "杭州市", "浙江省")


def test_central_body_has_no_place():
    m = meta_of("2023年，审计署认真履行监督职责，规范审计程序，完善内部制度，全年各项法治任务按期完成。\n" + BODY)
    assert who(m) == (None, "department", "审计署", None, None)
    m = meta_of("2017年，原环境保护部认真清理规章和规范性文件，改进审批方式，加强执法监督，"
                "全年法治工作按计划完成，机构改革后由新的部门接续。\n" + BODY)
    assert (m.department, m.jurisdiction, m.level) == ("环境保护部", None, "department")


def test_department_named_by_its_level_takes_the_place_written_at_that_level():
    m = meta_of("市财政局2023年度法治政府建设情况报告\n"
                "按照中共汕头市委的部署，现将市财政局2023年度法治政府建设情况报告如下。\n" + BODY)
    assert who(m) == ("汕头市", "department", "财政局", None, "广东省")


def test_provincial_department_without_the_province_named_stays_without_place():
    m = meta_of("2023年，省林业厅坚持依法行政，修订执法文书格式，开展护林执法检查，办理许可事项按时办结，"
                "干部学法形成制度。\n" + BODY)
    assert who(m) == (None, "department", "林业厅", None, None)


def test_provincial_department_takes_the_province_the_text_names():
    m = meta_of("2022年，司法厅统筹行政立法、执法监督和公共法律服务，推动法治江西建设各项任务落实落地。\n" + BODY)
    assert who(m) == ("江西省", "department", "司法厅", None, "江西省")


def test_self_references_and_the_full_name_elsewhere():
    text = ("2023年，我局坚持依法行政，全面推进法治建设。\n一、主要举措\n我局制定了《大同市交通运输局"
            "行政执法公示办法》，我局党组专题研究法治工作。\n")
    m = meta_of(text)
    assert who(m) == ("大同市", "department", "交通运输局", None, "山西省")


def test_self_references_without_any_name_leave_the_department_null():
    m = meta_of("2023年，我局坚持依法行政，全面推进法治建设。\n一、主要举措\n我局党组专题研究法治工作。\n")
    assert who(m) == (None, "department", None, None, None)


def test_party_office_keeps_its_level_word():
    m = meta_of("市委政研室2023年度法治建设工作情况报告\n"
                "2023年，室领导班子定期集体学法，调研报告均经合法性把关，全室干部参加法治培训。\n" + BODY)
    assert (m.department, m.jurisdiction, m.level) == ("市委政研室", None, "department")


def test_development_zone_department():
    m = meta_of("南昌高新区市场监管局2023年法治建设工作总结\n一年来，局机关规范执法程序，办结投诉举报。\n" + BODY)
    assert who(m) == ("南昌高新区", "department", "市场监管局", "南昌市", "江西省")


def test_a_government_report_mentioning_a_bureau_is_not_a_department_report():
    m = meta_of("2023年，松台县坚持依法行政，县司法局牵头起草了本报告，各项工作取得明显成效。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("松台县", "county", None)


def test_department_place_from_the_page_source():
    m = meta_of("2022年度医疗保障局法治建设工作报告\n2022年，我局规范基金监管执法，成效明显。\n" + BODY,
                source_site="浏阳市医疗保障局")
    assert (m.jurisdiction, m.level, m.department, m.province) == ("浏阳市", "department", "医疗保障局", "湖南省")
    m = meta_of("2022年度医疗保障局法治建设工作报告\n2022年，我局规范基金监管执法，成效明显。\n" + BODY,
                source_site="浏阳市人民政府")
    assert (m.jurisdiction, m.department) == (None, "医疗保障局")


# -- townships and streets ------------------------------------------------------------------
def test_township_name_without_its_organ_prefix():
    m = meta_of("人民政府金龙街道2023年法治政府建设情况报告\n2023年，金龙街道坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level) == ("金龙街道", "township")


def test_town_named_like_a_district_elsewhere():
    # 江北区 exists twice; 江北镇 is a town, named on the header's organ lines (one cut short)
    m = meta_of("中共江北镇委员会\n\n江北镇人民政\n\n关于2021年法治政府建设工作的报告\n\n县委、县政府：\n\n"
                "一年来，镇党委镇政府把依法行政列入重要议程，现将本镇2021年工作报告如下。\n" + BODY)
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("江北镇", "township", None, None)


def test_street_as_subject_before_the_leadership_clause():
    m = meta_of("2024年，青柳街道在区委、区政府的正确领导下，聚焦社区矛盾化解，办理居民诉求，法律顾问进驻各社区。\n" + BODY)
    assert who(m) == ("青柳街道", "township", None, None, None)


def test_town_named_only_in_passing():
    text = ("2022年，我镇坚持依法行政，推进法治政府建设。\n一、主要举措\n"
            "我镇组织干部学法，石坪镇法律明白人培训覆盖各村，石坪镇司法所全年调解纠纷，全镇干部参加考试。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("石坪镇", "township")


def test_self_reference_after_a_word_names_no_township():
    # 推进我镇 / 一年来我镇: the self-reference 我镇 after a verb or a time phrase, never a town's name
    text = ("乡镇法治建设工作方案\n为全面提高我镇各项事业法治化水平，加快推进我镇建设进程，特制定本方案。"
            "一、指导思想：促进我镇经济协调发展，推进我镇依法行政。\n二、主要任务\n一年来我镇全面落实依法治县工作要求，"
            "一年来我镇坚持依法决策。\n")
    m = meta_of(text)
    assert m.jurisdiction is None and m.level == "township"
    assert not any("我镇" in n for n in _township_names("加快推进我镇建设，推进我镇发展，一年来我镇持续推进"))


def test_masked_township_template_is_a_township_without_a_name():
    text = ("××乡2020年依法行政工作总结\n2020年，××乡推进依法行政。全乡干部参加学法，乡党委政府定期研究，"
            "本乡各站所积极配合。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == (None, "township")


def test_town_written_once_and_by_its_slogan_stem():
    # 石坪镇 once in full, once as the stem of its slogan (法治石坪): the town; a stem of one
    # character is no name
    text = ("2023年以来，在县委、县政府的坚强领导下，我镇推进“法治石坪”建设，营造良好环境。\n"
            "一、健全机制\n石坪镇坚持依法决策，我镇班子集体研究重大事项，镇党委每季度听取汇报。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("石坪镇", "township")
    assert "坪镇" not in _township_names("法治坪，我镇，石坪镇")
    # the town named once in passing (not as a sentence's subject), or sharing its county's stem: no name
    assert "石坪镇" not in _township_names("推进法治石坪建设，走访石坪镇群众。")
    assert "石坪镇" not in _township_names("石坪县推进法治石坪建设。\n石坪镇坚持依法决策。")


def test_street_that_opens_its_sentences_with_its_name():
    # no 我街道 or 街道党工委: the street's name opening sentence after sentence is the reporter
    text = ("2023年是攻坚之年，也是青柳街道发展的关键一年。青柳街道坚持依法行政，全力推进法治政府建设。"
            "现将工作情况报告如下：\n一、主要举措\n强化学习。青柳街道组织学法12次。\n"
            "落实责任。青柳街道主要负责人履行第一责任人职责。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("青柳街道", "township")
    # named three times but opening only one sentence: not read as the reporter
    once = text.replace("强化学习。青柳街道", "强化学习，青柳街道").replace("落实责任。青柳街道", "落实责任，青柳街道")
    assert meta_of(once).jurisdiction is None


def test_bureau_named_by_its_party_group_and_its_whole_staff():
    # untitled, unit never named: 局党组 once and the whole bureau's staff (全局执法人员) — a department
    text = ("一、党政主要负责人履行法治建设第一责任人职责情况\n局党组书记扛起法治建设第一责任，"
            "将法治建设与业务工作同部署。全年组织学法活动5次。\n二、2024年推进法治政府建设的主要举措\n"
            "（一）强化学习。组织全局执法人员参加法治考试，通过率100%。\n")
    assert meta_of(text).level == "department"
    assert self_department("局党组书记带头学法，全局工作统筹推进，服务全局。") is None   # 全局: the whole picture


def test_unnamed_capital_is_a_municipality():
    # 我市 of a text that never names itself but speaks as the capital: province level
    text = ("2023年，我市坚持依法行政，以建设法治中国首善之区为目标，促进首都经济社会持续健康发展。\n"
            "一、主要举措\n（一）加强领导。市政府常务会议听取区政府依法行政情况汇报4次。\n")
    assert meta_of(text).level == "province"
    # a neighbour serving the capital is a city
    near = text.replace("以建设法治中国首善之区为目标，促进首都经济社会", "主动服务首都，促进本地经济社会")
    assert meta_of(near).level == "city"


def test_parent_by_its_short_name_in_the_chain_of_superiors():
    # a county-level city's bureau: its city named only by its short name among its superiors
    text = ("桐城市司法局2023年法治政府建设年度报告\n2023年，市司法局坚决贯彻落实中央和省、安庆、桐城市委决策部署，"
            "推进依法行政，各项工作取得明显成效。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.parent, m.department) == ("桐城市", "安庆市", "司法局")
    # without the chain the department's parent is left unwritten
    assert meta_of(text.replace("中央和省、安庆、桐城市委", "市委")).parent is None


def test_unnamed_city_by_the_short_name_of_its_slogan():
    # 我市 and the city's organs, its name only in its slogan (法治临沂): that city
    text = ("2023年，市政府坚持依法行政，一体推进法治临沂、法治政府、法治社会建设，确保我市法治政府建设走在全省前列。\n"
            "一、主要举措\n（一）加强领导。市政府常务会议研究法治建设4次。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.province) == ("临沂市", "city", "山东省")


def test_province_by_the_instructions_on_its_work():
    # a prefecture that never names itself (我州); its region by 关于X工作的重要讲话
    text = ("自治区人民政府：\n2022年，我州坚持依法行政，贯彻落实习近平总书记关于西藏工作的重要讲话精神，"
            "推进依法治州。现将情况报告如下：\n一、主要举措\n（一）加强领导。州政府常务会议研究法治建设3次。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.province) == (None, "西藏自治区")
    assert meta_of(text.replace("关于西藏工作的", "")).province is None


# -- place words are never the place -----------------------------------------------------------
def test_place_word_in_the_title_gives_way_to_the_issuer():
    m = meta_of("临渊市人民政府\n关于全市2021年度依法行政工作评议情况的通报\n各区县人民政府：\n"
                "经评议，清河口区人民政府等三个单位等次为好，现予通报。\n临渊市人民政府\n2022年4月8日\n")
    assert m.jurisdiction == "临渊市"


def test_place_words_alone_stay_null():
    m = meta_of("我省公布第二批全省依法行政示范单位\n本报讯 日前，省里公布了第二批示范单位名单，"
                "共有二十个单位入选。\n")
    assert m.jurisdiction is None
    gaz = gazetteer()
    for word in ("全市", "我省公布第二批全省", "现按照区", "新区", "市财政局被市委市"):
        assert not plausible_place(word, gaz), word
    assert plausible_place("湖南湘江新区", gaz) and plausible_place("临渊市", gaz)


def test_autonomous_region_speaking_of_itself_as_the_region():
    m = meta_of("2022年，我区坚持以习近平法治思想为指导，全区法治政府建设取得新成效。\n"
                "自治区人民政府把法治建设摆在重要位置，建设法治广西，全区上下统一行动。\n" + BODY)
    assert (m.jurisdiction, m.level, m.province) == ("广西壮族自治区", "province", "广西壮族自治区")


# -- reports without their title ---------------------------------------------------------------
def test_untitled_county_report_named_only_in_cited_titles():
    text = ("2021年，县政府深入推进依法行政，认真落实《贵州省法治政府建设实施方案》，全县法治政府建设取得新成效。\n"
            "一、主要举措\n县政府印发《桐梓县重大行政决策程序规定》《桐梓县行政执法公示办法》，全县各部门抓好落实。\n")
    m = meta_of(text)
    assert who(m) == ("桐梓县", "county", None, "遵义市", "贵州省")


def test_untitled_city_report_with_we():
    text = ("2019年，我市清理规范性文件，按照《黑龙江省行政执法监督办法》开展检查，执法案卷合格率上升。\n"
            "一、主要做法\n我市推行权责清单，齐齐哈尔市人民政府印发了实施意见，我市各部门抓好落实。\n")
    m = meta_of(text)
    assert who(m) == ("齐齐哈尔市", "city", None, None, "黑龙江省")


def test_untitled_province_report_from_its_short_name_or_its_cities():
    m = meta_of("2023年，全省法治政府建设工作深入推进，省政府党组带头学法。\n"
                "一、主要举措\n全省各级政府在《河北日报》刊发学习文章，省政府常务会议研究法治工作。\n")
    assert (m.jurisdiction, m.level) == ("河北省", "province")
    m = meta_of("2020年，全省各级政府清理证明事项，推行告知承诺，省政府常务会议定期听取法治工作汇报。\n"
                "一、主要举措\n洛阳市、开封市的经验在全省推广，我省各地落实。\n")
    assert (m.jurisdiction, m.level) == ("河南省", "province")


def test_untitled_report_never_naming_its_place_stays_null():
    m = meta_of("2023年，全县坚持依法行政，县政府常务会议定期学法，全县法治政府建设取得新成效。\n" + BODY)
    assert m.jurisdiction is None and m.parent is None and m.province is None


def test_subject_of_the_opening_over_a_place_it_mentions():
    m = meta_of("2024年，上海市坚持以习近平法治思想为指导，支持浦东新区打造引领区，法治政府建设取得新成效。\n" + BODY)
    assert (m.jurisdiction, m.level, m.parent) == ("上海市", "province", None)


# an untitled report opening on one short line (shorter than the body's first line): its subject
# reports, whether or not a 在…领导下 clause precedes it
@pytest.mark.parametrize("opening", [
    "2024年，衡阳市坚持依法行政，全面推进法治政府建设，现将有关情况报告如下。",
    "2024年，在市委、市政府的坚强领导下，衡阳市坚持依法行政，全面推进法治政府建设，现将有关情况报告如下。",
    "2024年，衡阳市坚持依法行政，现将有关情况报告如下：",
    "2024年，衡阳市坚持依法行政，全面推进法治政府建设",          # the first line of a hard-wrapped sentence
])
def test_short_untitled_opening_names_its_city(opening):
    m = meta_of(opening + "\n" + BODY)
    assert who(m) == ("衡阳市", "city", None, None, "湖南省")
    assert (m.kind, m.report_year) == ("report", 2024)


def test_short_untitled_opening_of_a_county_or_a_town():
    m = meta_of("2023年，衡东县坚持依法行政，现将有关情况报告如下：\n" + BODY)
    assert who(m) == ("衡东县", "county", None, "衡阳市", "湖南省")
    m = meta_of("2024年，在衡阳市委的领导下，衡东县坚持依法行政。\n" + BODY)
    assert who(m) == ("衡东县", "county", None, "衡阳市", "湖南省")
    m = meta_of("2023年，临溪镇坚持依法行政，法治政府建设取得成效。\n" + BODY)
    assert (m.jurisdiction, m.level) == ("临溪镇", "township")


def test_short_untitled_opening_near_misses():
    # the superior named in the opening's clause is not the reporter
    m = meta_of("2024年，在衡阳市委、市政府的领导下，我县坚持依法行政。\n" + BODY)
    assert (m.jurisdiction, m.level) == (None, "county")
    m = meta_of("2024年，全县坚持依法行政，在衡阳市委的统一部署下，全面推进法治政府建设。\n" + BODY)
    assert (m.jurisdiction, m.level) == (None, "county")
    # a place the speaking county supports is not the subject
    m = meta_of("2024年，我县坚持依法行政，支持衡阳市法治建设。\n" + BODY)
    assert (m.jurisdiction, m.level) == (None, "county")
    # a department's short opening stays the department's
    m = meta_of("2022年，市司法局坚持依法行政，推进法治政府建设。\n" + BODY)
    assert (m.level, m.department, m.jurisdiction) == ("department", "司法局", None)
    # a year alone on the first line: the subject of the body's first line
    m = meta_of("2024年，\n衡东县坚持依法行政，全面推进法治政府建设，为全县经济社会高质量发展提供了坚实有力的法治保障。\n"
                + BODY)
    assert (m.jurisdiction, m.level) == ("衡东县", "county")
    # a real title keeps its place over the short opening below it
    m = meta_of("衡阳市2024年法治政府建设情况报告\n2024年，衡东县坚持依法行政。\n" + BODY)
    assert (m.jurisdiction, m.level) == ("衡阳市", "city")


def test_prefecture_written_by_its_short_form():
    m = meta_of("2021年度法治政府建设情况报告\n2021年，湘西州政府清理规章，规范执法，法治政府建设稳步推进。\n"
                "一、主要举措\n湘西州人民政府常务会议专题学法4次，州人民政府各部门落实三项制度。\n")
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("湘西州", "city", None, "湖南省")


# -- traditional pages with pinyin -----------------------------------------------------------------
def test_pinyin_inserted_after_characters_is_read_through():
    m = meta_of("標(biāo)題 內蒙古自治區(qū)人民政府 2021年法治政府建設(shè)情況報告\n"
                "2021年，自治區(qū)各級政府清理規章，規範執法，法治政府建設(shè)穩步推進。\n" + BODY)
    assert (m.jurisdiction, m.level, m.province) == ("内蒙古自治区", "province", "内蒙古自治区")
    m = meta_of("2021年，水(shuǐ)利部堅持依法治水(shuǐ)，修訂規章，規範河湖執法，全年任務按期完成。\n" + BODY)
    assert (m.department, m.level, m.jurisdiction) == ("水利部", "department", None)
    v = Clean("內蒙古自治區(qū)人民政府", 100)
    assert v.s == "內蒙古自治區人民政府" and v.span(0, 6) == (100, 106) and v.span(6, 10) == (110, 114)


# -- parent and province --------------------------------------------------------------------------
@pytest.mark.parametrize("title,want", [
    ("九江市2023年法治政府建设年度报告", ("九江市", "city", None, "江西省")),          # a city: no parent
    ("正定县2023年法治政府建设年度报告", ("正定县", "county", "石家庄市", "河北省")),   # unique county, city parent
    ("和田县2022年法治政府建设年度报告", ("和田县", "county", None, "新疆维吾尔自治区")),  # 地区 not written
])
def test_parent_only_where_written_or_certain(title, want):
    m = meta_of(title + "\n2023年，全面推进法治政府建设，各项工作取得明显成效，现将有关情况报告如下：\n" + BODY)
    assert (m.jurisdiction, m.level, m.parent, m.province) == want


def test_county_parent_written_in_the_text_is_filled():
    m = meta_of("和田县2022年法治政府建设年度报告\n2022年，按照和田地区的部署，和田县坚持依法行政，成效明显。\n" + BODY)
    assert (m.parent, m.province) == ("和田地区", "新疆维吾尔自治区")


def test_place_only_title_issued_by_a_department():
    m = meta_of("各设区市市场监督管理局：\n现将方案印发你们，请结合本地实际抓好实施，实施中的问题及时报告。\n"
                "江西省市场监督管理局\n2022年3月10日\n江西省市场监管执法规范化实施方案\n"
                "为规范全省市场监管执法行为，统一执法尺度，提高执法质量，结合工作实际，制定本方案。\n")
    assert (m.jurisdiction, m.level, m.department, m.province) == ("江西省", "department", "市场监督管理局", "江西省")
    m = meta_of("江西省法治政府建设实施方案\n为规范政府行为，全面建设法治政府，结合本省实际，制定本方案。\n"
                "江西省人民政府\n2022年3月10日\n")
    assert (m.jurisdiction, m.level, m.department) == ("江西省", "province", None)


def test_department_news_title():
    m = meta_of("青禾县卫生健康局召开法治政府建设推进会\n近日，县卫生健康局召开2023年法治政府建设推进会，"
                "局党组书记、局长出席会议并讲话，会议总结了上一年度工作。\n")
    assert (m.jurisdiction, m.level, m.department) == ("青禾县", "department", "卫生健康局")
    m = meta_of("正定县召开法治政府建设推进会\n近日，正定县召开2023年法治政府建设推进会，县长出席会议并讲话，"
                "会议总结了上一年度工作，部署了下一阶段任务。\n")
    assert (m.jurisdiction, m.level, m.department) == ("正定县", "county", None)


def test_short_opening_sentence():
    m = meta_of("2023年，省林业厅坚持依法行政，成效明显。\n" + BODY)
    assert (m.level, m.department, m.jurisdiction) == ("department", "林业厅", None)


def test_unknown_reporter_keeps_a_written_province():
    m = meta_of("2023年，我局坚持依法行政，按照《安徽省行政执法公示办法》公开执法信息，成效明显。\n"
                "一、主要举措\n我局党组专题研究法治工作。\n")
    assert (m.jurisdiction, m.level, m.province) == (None, "department", "安徽省")
    m = meta_of("2023年，审计署规范审计程序，组织开展对安徽省等地区的专项审计调查，"
                "审计结果依法公告，全年任务按期完成。\n" + BODY)
    assert (m.jurisdiction, m.department, m.province) == (None, "审计署", None)


def test_banner_department_named_by_its_level():
    m = meta_of("2023年度法治政府建设情况报告\n2023年，旗教育局在旗委、旗政府的坚强领导下，坚持依法治教，推进教育系统法治建设。"
                "全旗各校落实《鄂托克前旗教育系统法治建设实施方案》。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department, m.province) == ("鄂托克前旗", "department", "教育局", "内蒙古自治区")


def test_department_county_parent_written_by_its_short_name():
    m = meta_of("弥勒市司法局2023年法治政府建设年度报告\n2023年，我局认真落实红河州法治建设部署，坚持依法行政，成效明显。\n" + BODY)
    # the parent as written (its short form with 州), as the corpus records it
    assert (m.jurisdiction, m.parent, m.province) == ("弥勒市", "红河州", "云南省")
    m = meta_of("弥勒市司法局2023年法治政府建设年度报告\n2023年，我局认真落实上级法治建设部署，坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.parent, m.province) == ("弥勒市", None, "云南省")


def test_county_level_city_speaking_of_itself_as_the_city():
    text = ("2023年，我市按照长沙市委部署清理证明事项，全市法治政府建设稳步推进。\n一、主要举措\n"
            "浏阳市人民政府常务会议学法6次，浏阳市各部门落实行政执法三项制度，我市获评示范单位。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("浏阳市", "county", "长沙市", "湖南省")


def test_national_commission_is_central():
    m = meta_of("国家卫生健康委2022年法治政府建设年度报告\n2022年，国家卫生健康委修订部门规章，规范卫生监督执法，任务按期完成。\n" + BODY)
    assert who(m) == (None, "department", "国家卫生健康委", None, None)


def test_department_suffixes_beyond_the_usual():
    m = meta_of("正定县公安局交通警察大队2023年法治政府建设工作报告\n2023年，我大队坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("正定县", "department", "公安局交通警察大队")


def test_department_of_an_autonomous_region_named_by_its_level():
    m = meta_of("2022年，自治区司法厅坚持以习近平法治思想为指导，为建设法治宁夏提供有力保障，各项工作取得新成效。\n" + BODY)
    assert who(m) == ("宁夏回族自治区", "department", "司法厅", None, "宁夏回族自治区")


def test_department_heading_the_opening_with_any_verb():
    m = meta_of("2023年，临渊市应急管理局紧盯安全生产重点领域，推动依法行政，取得明显成效，全市安全形势稳定。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("临渊市", "department", "应急管理局")
    m = meta_of("2023年，正定县坚持学习贯彻党中央决策部署，推动依法行政，取得明显成效，全县法治建设水平提升。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("正定县", "county", None)


@pytest.mark.parametrize("title", [
    "关于印发《正定县司法局2023年普法依法治理工作要点》的通知",
    "正定县司法局普法工作总结",
])
def test_department_title_forms(title):
    m = meta_of(title + "\n各科室：\n现将有关材料印发给你们，请结合实际认真贯彻落实，确保各项任务落地见效。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("正定县", "department", "司法局")


def test_a_city_whose_name_holds_a_town_suffix_is_not_a_town():
    gaz = gazetteer()
    assert "景德镇" not in _township_names("景德镇市坚持依法行政，景德镇市各部门落实。石坪镇、石坪镇", gaz)
    assert _township_names("景德镇市坚持依法行政，景德镇市各部门落实。石坪镇、石坪镇", gaz)["石坪镇"] == 2


def test_city_written_without_its_suffix_is_not_a_town():
    m = meta_of("2017年，景德镇坚持以习近平新时代中国特色社会主义思想为指导，深入推进依法行政，法治政府建设取得新进展。\n"
                "一、主要举措\n景德镇市人民政府常务会议学法12次，景德镇市各部门落实三项制度。\n")
    assert (m.jurisdiction, m.level, m.province) == ("景德镇市", "city", "江西省")


def test_opening_speaking_as_the_city_is_not_the_district_it_names():
    m = meta_of("2023年，本市坚持以习近平法治思想为指导，支持浦东新区打造社会主义现代化建设引领区，法治政府建设取得新成效。\n"
                "一、主要举措\n上海市人民政府常务会议学法10次，市政府各部门落实三项制度。\n")
    assert (m.jurisdiction, m.level) == ("上海市", "province")
    m = meta_of("2023年，浦东新区坚持以习近平法治思想为指导，深入推进依法行政，法治政府建设取得新成效，全区上下统一行动。\n" + BODY)
    assert (m.jurisdiction, m.level, m.parent) == ("浦东新区", "county", "上海市")


# -- classes found on a fresh sample of department and township pages ---------------------
LONG = "，规范行政执法行为，完善重大决策程序，各项工作取得明显成效。"


def test_labelled_title_field_of_a_catalogue_header():
    head = ("- 索 引 号:000000/2023-00001\n- 主题分类:法治政府建设\n- 发布机构:教育局\n"
            "- 标 题:桐庐县教育局2022年度法治政府建设情况报告\n")
    m = meta_of(head + "2022年，县教育局坚持依法治教" + LONG + "\n" + BODY)
    assert m.title == "桐庐县教育局2022年度法治政府建设情况报告"
    assert (m.jurisdiction, m.level, m.department) == ("桐庐县", "department", "教育局")
    # a catalogue field is never the title, even when it says 法治
    m = meta_of("- 主题分类:法治政府建设\n2022年，桐庐县坚持依法行政" + LONG + "\n" + BODY)
    assert m.title != "- 主题分类:法治政府建设"
    assert (m.jurisdiction, m.level, m.department) == ("桐庐县", "county", None)


@pytest.mark.parametrize("title,dept", [("XX县教育局2021年度法治政府建设工作报告", "教育局"),
                                        ("××市财政局2021年度法治政府建设工作报告", "财政局"),
                                        ("某县卫生健康局2021年度法治政府建设工作报告", "卫生健康局")])
def test_masked_place_before_a_department(title, dept):
    m = meta_of(title + "\n2021年，我局坚持依法行政" + LONG + "\n" + BODY)
    assert who(m) == (None, "department", dept, None, None)


def test_real_county_before_a_department_is_not_masked():
    m = meta_of("新县教育局2021年度法治政府建设工作报告\n2021年，我局坚持依法行政" + LONG + "\n" + BODY)
    assert (m.jurisdiction, m.department) == ("新县", "教育局")


def test_state_name_before_a_central_body_is_not_part_of_it():
    m = meta_of("中华人民共和国生态环境部2023年法治政府建设年度报告\n"
                "2023年，生态环境部坚持依法行政" + LONG + "\n" + BODY)
    assert who(m) == (None, "department", "生态环境部", None, None)


def test_place_only_title_of_a_system_report_takes_the_department_of_the_opening():
    m = meta_of("桐庐县教育系统2022年度法治政府建设工作报告\n"
                "2022年，桐庐县教育局在县委、县政府的领导下，坚持依法治教" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("桐庐县", "department", "教育局")
    # the opening's subject is the county itself: a county report
    m = meta_of("桐庐县2022年度法治政府建设工作报告\n"
                "2022年，桐庐县坚持依法行政，县司法局牵头开展执法监督" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("桐庐县", "county", None)


def test_year_led_account_after_an_introduction():
    m = meta_of("本年度报告根据政府信息公开条例和年度报告格式的要求编制而成，包括总体情况、主动公开情况等部分。"
                "本年度报告所列数据的统计期限为2024年1月1日至12月31日。\n一、总体情况\n"
                "2024年，湖州市医疗保障局坚持依法公开" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("湖州市", "department", "医疗保障局")


def test_contact_sentence_names_the_reporter():
    m = meta_of("本报告依照条例编制。如对本报告有疑问，请与湖州市统计局办公室联系（地址：中山路1号）。\n"
                "一、总体情况\n全年主动公开信息120条，办理依申请公开2件。\n" + BODY)
    assert who(m)[:3] == ("湖州市", "department", "统计局")
    m = meta_of("本报告依照条例编制。如对本报告有疑问，请拨打电话联系。\n"
                "一、总体情况\n全年主动公开信息120条，办理依申请公开2件。\n" + BODY)
    assert m.department is None


def test_self_reference_as_the_subject_of_the_opening_sentence():
    text = ("2025年，在区委、区政府的领导下，我局坚持依法行政" + LONG + "现将情况报告如下：\n"
            "一、主要举措\n审议通过了《湖州市吴兴区卫生健康局示范创建实施方案》等文件。\n" + BODY)
    m = meta_of(text)
    assert who(m)[:3] == ("吴兴区", "department", "卫生健康局")
    # once in passing, not as the subject: still the district
    m = meta_of("2025年，吴兴区坚持依法行政，区卫生健康局等部门协同推进" + LONG + "我局配合开展检查。\n" + BODY)
    assert who(m)[:3] == ("吴兴区", "county", None)


def test_level_written_twice_after_the_place():
    m = meta_of("2022年，桐庐县县卫生健康局在县委、县政府的领导下，深入推进依法行政" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("桐庐县", "department", "卫生健康局")
    m = meta_of("2022年，湖州市市场监督管理局坚持依法监管" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("湖州市", "department", "市场监督管理局")


def test_committee_of_the_city_addressed_is_not_a_parent():
    m = meta_of("市委全面依法治市委员会：\n2025年，青石乡法治政府建设工作在市委、市政府的领导下，坚持依法行政"
                + LONG + "我乡制定了《青石乡2025年法治政府建设工作计划》，乡党委政府定期研究法治工作。\n" + BODY)
    assert (m.jurisdiction, m.level, m.parent) == ("青石乡", "township", None)


def test_unknown_place_keeps_the_one_province_written():
    m = meta_of("青原旗人民政府关于2020年度法治政府建设情况的报告\n"
                "青原旗人民政府认真贯彻《内蒙古自治区法治政府建设实施方案》，推进全旗法治政府建设" + LONG + "\n" + BODY)
    assert (m.jurisdiction, m.level, m.province) == ("青原旗", "county", "内蒙古自治区")
    m = meta_of("青原旗人民政府关于2020年度法治政府建设情况的报告\n"
                "青原旗人民政府认真贯彻上级部署，推进全旗法治政府建设" + LONG + "\n" + BODY)
    assert m.province is None


def test_prefecture_short_form_with_zhou_is_the_autonomous_prefecture():
    m = meta_of("今年以来，伊犁州深入学习贯彻习近平法治思想，推进依法行政" + LONG + "\n" + BODY)
    assert (m.jurisdiction, m.level, m.province) == ("伊犁州", "city", "新疆维吾尔自治区")


def test_department_news_title_with_an_adverb():
    m = meta_of("省统计局连续获评依法行政考核先进单位\n"
                "日前，江苏省依法行政考核结果公布，我局名列前茅。这是我局第三年获此评价。\n")
    assert (m.jurisdiction, m.level, m.department) == ("江苏省", "department", "统计局")


def test_issuer_field_of_a_catalogue_header_names_the_reporter():
    head = "- 索 引 号: 000000-2025-00003\n- 发布机构: 青石镇人民政府\n中共桐庐县委员会，桐庐县人民政府：\n"
    m = meta_of(head + "2024年，青石镇法治政府建设工作在县委、县政府的指导下，坚持依法行政" + LONG + "\n" + BODY)
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("青石镇", "township", "桐庐县", "浙江省")
    # a field naming an office without a place names no reporter: the opening decides
    m = meta_of("- 发布机构: 人民政府办公室\n2024年，桐庐县坚持依法行政" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("桐庐县", "county", None)


def test_county_written_by_its_short_form():
    m = meta_of("2023年以来，张家川县财政局坚持依法理财" + LONG + "\n" + BODY)
    assert who(m) == ("张家川县", "department", "财政局", None, "甘肃省")
    assert resolve_written(gazetteer(), "张家川县", 2023).name == "张家川回族自治县"
    assert resolve_written(gazetteer(), "松台县", 2023) is None          # no such county


def test_place_the_gazetteer_does_not_know_before_a_department():
    m = meta_of("2023年，松台县医疗保障局坚持依法行政" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("松台县", "department", "医疗保障局")
    # a department name that holds a level character is not split
    m = meta_of("2023年，湖州市城市管理局坚持依法行政" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("湖州市", "department", "城市管理局")


def test_opening_naming_the_place_only_as_a_department_s_place():
    m = meta_of("为做好医保领域信息发布，推动德清县医疗保障局2023年各项公开任务落到实处，"
                "印发了《德清县医疗保障局2023年公开工作安排》。\n" + BODY)
    assert who(m)[:3] == ("德清县", "department", "医疗保障局")
    # the place is the subject of the opening: the county reports
    m = meta_of("2023年，德清县坚持依法行政，德清县医疗保障局等部门协同推进" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("德清县", "county", None)


def test_place_only_title_keeps_the_place_when_the_opening_names_a_department_of_another_level():
    m = meta_of("桐庐县2023年法治政府建设年度报告\n"
                "市市场监管局坚持依法监管" + LONG + "现将桐庐县2023年法治政府建设情况报告如下。\n" + BODY)
    assert who(m)[:3] == ("桐庐县", "county", None)
    m = meta_of("桐庐县教育系统2023年法治政府建设年度报告\n县教育局坚持依法治教" + LONG + "\n" + BODY)
    assert who(m)[:3] == ("桐庐县", "department", "教育局")


# -- a province written only by its short name in the set phrase of instructions to it ---------
def test_unnamed_department_takes_the_province_of_the_instructions_phrase():
    m = meta_of("2024年，区农业农村局深入学习习近平总书记视察江西重要讲话精神，依法履行职责，"
                "各项工作取得新进展。现将有关情况报告如下：\n" + BODY)
    assert (m.level, m.department, m.jurisdiction, m.province) == ("department", "农业农村局", None, "江西省")
    m = meta_of("县委、县政府：\n2024年以来，教育局认真贯彻习近平总书记对山西工作的重要讲话精神，"
                "扎实推进依法治教。\n" + BODY)
    assert (m.level, m.department, m.province) == ("department", "教育局", "山西省")


def test_a_short_province_name_outside_the_phrase_or_two_of_them_give_no_province():
    m = meta_of("2024年，区农业农村局组织干部赴江西学习交流，依法履行职责，各项工作取得新进展。\n" + BODY)
    assert (m.department, m.province) == ("农业农村局", None)
    m = meta_of("2024年，区农业农村局学习习近平总书记视察江西重要讲话和对湖南工作的重要指示精神，"
                "依法履行职责。\n" + BODY)
    assert (m.department, m.province) == ("农业农村局", None)


# -- 有序/稳步 after the department subject of the year-led account ------------------------------
def test_department_subject_followed_by_an_adverb_of_manner():
    m = meta_of("根据有关规定编制本报告。所列数据统计期限为2024年1月1日至2024年12月31日。\n一、总体情况\n"
                "2024年，按照省委、省政府的部署要求，省林业厅有序推进政府信息公开工作。\n" + BODY)
    assert (m.level, m.department, m.jurisdiction) == ("department", "林业厅", None)
    m = meta_of("根据有关规定编制本报告。\n一、总体情况\n"
                "2024年，按照上级部署要求，全省有序推进政府信息公开工作。\n" + BODY)
    assert m.department is None


# -- a page widget after the title on its line ------------------------------------------------
def test_title_line_with_a_trailing_widget_word():
    m = meta_of("卫生健康部政府信息公开工作2021年度报告 二维码\n发表时间:2022-01-29 来源:本站\n"
                "根据条例要求，编制本报告。\n" + BODY)
    assert m.title == "卫生健康部政府信息公开工作2021年度报告"
    assert (m.level, m.department, m.jurisdiction) == ("department", "卫生健康部", None)
    m = meta_of("二维码\n发表时间:2022-01-29 来源:本站\n根据条例要求，编制本报告。\n" + BODY)
    assert m.title != "二维码" and m.department is None


# -- reporters the text never names (issue #10, dev misses) -------------------------------
def test_announcement_naming_cities_of_one_province_gives_the_province_not_a_reporter():
    # a selection announcement: 全省 and a list of its cities' departments, no province written
    text = ("近年来，全省各级政府及其工作部门坚持以习近平法治思想为指导，全面推进依法行政，"
            "加快建设法治政府，涌现出一批经得起实践检验的先进典型。\n"
            "为推广典型，省委依法治省办部署开展典型选树活动，各市广泛宣传发动，认真组织实施。\n"
            "经评审，洛阳市财政局、开封市司法局、南阳市自然资源局等单位入选全省法治政府建设先进典型。"
            "全省各地要学习先进，全面推进依法行政。\n")
    m = meta_of(text)
    assert m.kind != "report"
    assert (m.jurisdiction, m.province, m.level) == (None, "河南省", "province")


def test_province_report_that_never_names_itself_still_takes_its_one_province():
    # the same inference for a report of 全省 / 我省: the reporter is that province
    text = ("2023年，在省委的坚强领导下，全省各级政府深入推进依法行政，现将有关情况报告如下。\n"
            "一、主要举措和成效\n省政府主要负责人履行第一责任人职责，我省洛阳市、开封市获评示范市。"
            "全省办理行政复议案件1200件。\n二、存在的不足\n我省基层执法力量不足。\n"
            "三、下一步工作安排\n全省持续推进严格规范公正文明执法。\n")
    m = meta_of(text)
    assert m.kind == "report"
    assert (m.jurisdiction, m.province, m.level) == ("河南省", "河南省", "province")


def test_commission_that_names_only_itself_takes_the_municipality_it_speaks_of():
    # 我委 / 委党组 only; 我市 and the municipality's short name in a set phrase
    text = ("2022年，我委坚持以习近平法治思想为指导，深入贯彻习近平总书记对天津工作重要指示精神，"
            "全面落实市委市政府法治政府建设部署，在依法履职等方面取得成效。现将有关情况报告如下。\n"
            "一、主要举措和成效\n委党组落实第一责任人职责，我委制定我市管理规定2件，开展执法检查30次。\n"
            "二、存在的不足\n我委执法队伍专业化水平有待提高。\n三、下一步工作安排\n我委将持续推进依法行政。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department, m.province) == ("天津市", "department", None, "天津市")
    a, b = m.evidence["jurisdiction"]
    assert text[a:b] == "天津"


def test_township_voice_with_a_county_in_the_opening_leaves_the_reporter_unknown():
    # the opening names a county office; the content speaks as a township (我镇, 镇党委) that
    # never gives its name: who wrote it is not certain
    text = ("一、起草背景\n根据有关规定和凤台县依法治县办要求，每年3月1日前各单位报送上一年度法治政府建设年度报告。\n"
            "二、主要内容\n一是加强党的领导。镇党委结合我镇工作实际，确定年度法治政府建设目标。"
            "二是完善决策机制。我镇全年召开专题会议4次。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.parent) == (None, None, None)


def test_township_voice_takes_the_township_named_in_the_text():
    text = ("一、起草背景\n根据有关规定和凤台县依法治县办要求，每年3月1日前各单位报送上一年度法治政府建设年度报告。\n"
            "二、主要内容\n一是加强党的领导。镇党委结合我镇工作实际，李冲回族乡……不，桂集镇确定年度目标。"
            "二是完善决策机制。桂集镇全年召开专题会议4次，我镇落实合法性审查。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("桂集镇", "township")


def test_news_naming_only_city_organs_is_city_level_with_no_place():
    text = ("市人大常委会调研法治政府建设工作\n\n3月17日，市人大常委会副主任带队到市司法局开展专题调研。"
            "调研组听取了工作汇报，为市人大常委会审议市政府法治政府建设工作情况报告提供参考。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == (None, "city", None)


def test_article_on_a_year_has_no_report_year():
    text = ("- 法治发展报告.2021\n- 社会科学院\n2020年江西法治政府建设报告\n张三 李四\n"
            "摘要：本文梳理2020年法治政府建设的进展，分析存在的问题并提出对策建议。\n"
            "关键词：法治政府 依法行政\n一、法治政府建设成效\n（一）坚持高位推动\n2020年以来，各地持续推进依法行政。\n")
    m = meta_of(text)
    if m.kind == "article":
        assert m.report_year is None and "report_year" not in m.evidence
    else:
        pytest.fail(f"a blue-book chapter read as {m.kind}")


def test_title_lead_words_and_labels_are_not_part_of_the_place():
    m = meta_of("永城市人民政府办公室\n关于印发睢县2021年度法治政府建设工作安排的通知\n"
                "各乡镇人民政府：现将工作安排印发给你们，请认真贯彻执行。\n")
    assert m.jurisdiction == "睢县"
    m = meta_of("【文字解读】《中共商丘市睢县委睢县人民政府关于2023年法治政府建设情况的报告》文件解读\n"
                "一、背景依据\n法治政府建设是全面依法治国的重点任务。\n二、主要内容\n报告分为三个部分。\n")
    assert (m.jurisdiction, m.parent) == ("睢县", "商丘市")


def test_rule_of_law_slogan_ending_in_a_township_suffix_is_no_town():
    m = meta_of("镇长2023年述法报告\n今年以来，我认真履行推进法治建设第一责任人职责，现报告如下：\n"
                "一、强化领导责任\n成立全面依法治镇委员会，负责全镇依法治镇工作，镇党委定期研究法治工作。"
                "我镇召开依法治镇委员会会议3次。\n")
    assert m.jurisdiction is None or not m.jurisdiction.endswith("治镇")


def test_contact_office_of_the_government_makes_no_department():
    m = meta_of("睢县2022年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》编制。"
                "如有疑问，请与睢县人民政府信息公开办公室联系（地址：县政府大楼）。\n一、总体情况\n"
                "2022年，睢县人民政府主动公开政府信息1200条。\n")
    assert (m.jurisdiction, m.level, m.department) == ("睢县", "county", None)


def test_commission_named_only_by_the_source_line_takes_it_and_the_district_it_names():
    text = ("日期:2023-03-20来源:区卫健委\n现将我委2022年度法治政府建设工作开展情况总结如下:\n"
            "一、主要举措和成效\n成立由委主要领导任组长、委班子成员任副组长的法治建设领导小组。"
            "落实《梁平区卫生健康事业发展规划》，开展执法检查45次。\n二、存在的不足\n执法力量不足。\n")
    m = meta_of(text)
    assert (m.level, m.department, m.jurisdiction) == ("department", "卫健委", "梁平区")


def test_addressee_list_of_a_notice_is_not_the_reporter():
    text = ("各市(含定州、辛集市)人民政府,各县(市、区)人民政府,雄安新区管委会,省政府各部门:\n"
            "2022年，在省委、省政府的坚强领导下，全省各级各部门深入贯彻习近平法治思想，法治政府建设取得新成效。"
            "按照《河北省依法行政考核办法》，省全面推进依法行政工作领导小组办公室组织了年度考核，现将结果通报如下。\n")
    m = meta_of(text)
    assert m.jurisdiction != "辛集市"
    assert (m.jurisdiction, m.level) == ("河北省", "province")


def test_speaker_from_a_department_in_news_is_not_the_reporter():
    text = ("市政府常务会议听取2022年度法治政府建设工作情况汇报\n\n"
            "4月20日，市长主持召开市政府常务会议，听取2022年度法治政府建设工作情况汇报。\n\n"
            "会上，市司法局党委书记、局长从五个方面汇报了2022年全市法治政府建设工作情况。\n")
    m = meta_of(text)
    assert (m.department, m.level) == (None, "city")


def test_region_wide_voice_of_an_autonomous_region_with_pinyin_is_province_level():
    text = ("2021年,在党中央坚强领(lǐng)导下,自治区(qū)人民政府坚持以习近平法治思想为指导,"
            "推动法治政府建设取得新进展。现将有关情况报告如下:\n一、加强党的领导\n全区(qū)各级政府落实第一责任人职责。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == (None, "province")


def test_masked_subject_gives_the_level_of_its_suffix():
    text = ("法治政府建设情况年度报告\n2019年，xx市人民政府坚持以习近平法治思想为指导，深入推进依法行政，"
            "法治xx建设考评全省排名逐年提升，xx市排名全省第x，全省综合考评优秀。\n一、主要举措\n落实xx省部署。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == (None, "city")


def test_department_known_only_as_itself_gets_no_parent_that_is_not_written():
    text = ("2022年，我局深入贯彻习近平法治思想，认真落实略阳县委县政府决策部署，扎实推进依法行政，"
            "现将有关情况报告如下。\n一、主要举措和成效\n局党组落实第一责任人职责，我局全年办理行政许可120件。"
            "全县执法人员持证率100%。\n二、存在的不足\n我局执法力量不足。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("略阳县", "department", None, "陕西省")


def test_customs_district_and_prison_are_departments():
    m = meta_of("青岛海关2022年法治政府建设年度报告\n" + BODY)
    assert (m.level, m.department) == ("department", "青岛海关")
    m = meta_of("广东省韶关监狱2022年法治政府建设工作报告\n" + BODY)
    assert (m.level, m.department, m.jurisdiction) == ("department", "韶关监狱", "广东省")


def test_city_wide_notice_naming_its_prefecture_and_one_of_its_cities_equally_is_the_prefecture():
    text = ("关于2022年度全市法治政府建设考核结果的通报\n各县（市、区）人民政府，市政府各部门：\n"
            "根据《商丘市法治政府建设考核办法》，市依法治市办组织开展了2022年度考核。现将考核结果通报如下：\n"
            "一、考核优秀等次单位\n睢县、永城市、市司法局、市财政局。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("商丘市", "city")


def test_department_named_only_by_the_source_beside_the_text():
    # ingest takes the 发布时间/来源 line out of the text; the source names the unit and its place
    text = ("2022年度法治政府建设情况报告\n发布时间：2023-03-10 来源：睢县自然资源局\n"
            "2022年，我局坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下。\n"
            "一、主要举措和成效\n局党组研究法治工作。我局办理行政许可事项20件。\n")
    m = meta_of(text)
    assert (m.level, m.department, m.jurisdiction) == ("department", "自然资源局", "睢县")
    assert "department" not in m.evidence and "jurisdiction" not in m.evidence   # not in the text


def test_parent_of_a_district_department_written_in_the_page_source():
    # the source line (taken out of the text by ingest) writes the district joined to its city
    text = "萧山区统计局2023年法治政府建设年度报告\n2023年，区统计局坚持依法统计，成效明显。\n" + BODY
    m = meta_of(text, source_site="杭州市萧山区统计局")
    assert (m.jurisdiction, m.department, m.parent, m.province) == ("萧山区", "统计局", "杭州市", "浙江省")
    assert "parent" not in m.evidence          # not in the text
    m = meta_of(text, source_site="萧山区统计局")
    assert (m.jurisdiction, m.parent) == ("萧山区", None)


_OFFICE_BODY = "一、主要举措和成效\n县政府办公室规范合同管理，审查合同12份。\n"


def test_government_office_reporting_its_own_rule_of_law_work():
    # 现将县政府办公室法治政府建设…: the office's own account; its county written only in the
    # cited notice's issuer (中共X县县委…, a two-character county after 中共)
    m = meta_of("根据《中共沛县县委全面依法治县委员会办公室关于做好2023年度法治政府建设情况报告工作的通知》，"
                "现将县政府办公室法治政府建设工作情况报告如下。\n" + _OFFICE_BODY)
    assert who(m) == ("沛县", "department", "政府办公室", None, "江苏省")
    # the county government's report naming its office's task force after its own opening
    m = meta_of("2023年，沛县坚持依法行政，全面推进法治政府建设。县政府办公室法治政府建设专班统筹推进各项任务，"
                "成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("沛县", "county", None)


def test_two_character_county_after_zhonggong_is_found():
    gaz = gazetteer()
    assert gaz.find("中共沛县县委全面依法治县委员会") == [(2, 4, "沛县")]
    assert gaz.find("管理沛县事务") == []        # glued to a word: not a place


_GOVINFO_HEAD = ("一、总体情况\n本报告依据《中华人民共和国政府信息公开条例》编制。数据统计期限为2023年1月1日至"
                 "2023年12月31日。\n")


def test_department_opening_after_a_run_in_sub_heading():
    # a 政府信息公开 report whose account opens after its first run-in sub-heading
    m = meta_of(_GOVINFO_HEAD + "（一）主动公开情况。2023年萧山区民政局全面落实《条例》，全年公开信息120条。\n"
                "（二）依申请公开情况。全年未收到申请。\n")
    assert (m.jurisdiction, m.level, m.department) == ("萧山区", "department", "民政局")
    # the place itself as the subject there: no department reports
    m = meta_of(_GOVINFO_HEAD + "（一）主动公开情况。2023年萧山区全面落实《条例》，全年公开信息120条。\n"
                "（二）依申请公开情况。全年未收到申请。\n")
    assert m.department is None and m.level != "department"


def test_township_party_committee_and_government_as_the_subject():
    m = meta_of("2022年，城关镇党委、政府坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下。\n"
                "一、主要举措和成效\n镇党委研究法治工作4次。我镇化解矛盾纠纷40件。\n")
    assert (m.jurisdiction, m.level) == ("城关镇", "township")


def test_district_branch_of_a_city_department_reports_for_the_district():
    m = meta_of("杭州市公安局萧山区分局关于2023年度法治政府建设情况的报告\n"
                "2023年，我分局在市局党委和区委、区政府的领导下，坚持依法行政，成效明显。\n" + BODY)
    assert who(m) == ("萧山区", "department", "公安局萧山区分局", "杭州市", "浙江省")
    # the branch named by the district's short name: the district written in the text
    m = meta_of("2023年度，市交通运输局萧山管理局深入落实萧山区委区政府部署，扎实推进法治建设各项工作。"
                "现将我局2023年度法治政府建设工作开展情况报告如下：\n" + BODY)
    assert (m.jurisdiction, m.department, m.parent, m.province) == ("萧山区", "交通运输局萧山管理局", None, "浙江省")


def test_bureau_of_a_city_department_that_names_no_district_stays_the_citys():
    # 交通管理局 of a city's police: no district in its name
    m = meta_of("杭州市公安局交通管理局关于2023年度法治政府建设情况的报告\n"
                "2023年，我局坚持依法行政，规范执法程序，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.department) == ("杭州市", "公安局交通管理局")
    # a short name the text never writes as a district: not read as one
    assert branch_place("交通运输局萧山管理局", "全市交通运输工作", gazetteer()) is None


def test_words_of_a_heading_below_the_opening_are_no_department():
    text = ("2023年以来，在市委、市政府的领导下，我局深入学习贯彻习近平法治思想，扎实推进各项任务，"
            "现将我局本年度法治政府建设情况报告如下：\n一、主要举措和成效\n（一）加强组织领导\n"
            "一是及时调整领导小组。根据人员变动，跟进调整局法治建设领导小组，明确责任分工。\n"
            "二是压实责任。公示《杭州市交通运输局关于2022年法治政府建设情况的报告》，局党组定期研究法治工作。\n")
    m = meta_of(text)
    assert (m.department, m.jurisdiction, m.level) == ("交通运输局", "杭州市", "department")


def test_department_subject_of_the_opening_above_the_first_heading_is_still_read():
    m = meta_of("2023年，杭州市司法局坚持依法行政，全面落实工作部署。各项任务有序推进。\n"
                "一、主要举措和成效\n一是调整领导小组。\n" + BODY)
    assert (m.department, m.jurisdiction) == ("司法局", "杭州市")


def test_street_as_the_subject_of_an_opening_led_by_its_guide():
    m = meta_of("在县全面依法治县办的指导下，青禾街道紧密围绕法治建设总体要求，以规范依法行政为着力点，"
                "统筹推进各项工作。现将2024年青禾街道法治政府建设工作总结报告如下：\n" + BODY)
    assert (m.jurisdiction, m.level) == ("青禾街道", "township")
    # the street only in the clause of who guides it: not the subject
    m = meta_of("在青禾街道党工委的指导下，社区紧密围绕法治建设总体要求，统筹推进各项工作。"
                "现将2024年法治社区建设工作总结报告如下：\n" + BODY)
    assert m.jurisdiction != "青禾街道"


def test_organs_of_the_guide_clause_are_no_voice_of_the_reporter():
    text = ("2024年以来，在县委、县政府的精心指导下，本人切实履行推进法治建设第一责任人职责，认真落实"
            "县委、县政府关于法治政府建设的各项部署，推动青禾镇法治政府建设迈上新台阶。\n"
            "一、履职情况\n制定《青禾镇法治政府建设三年行动方案》，将全镇划分为10个网格，"
            "青禾镇办结涉法事项83件。\n")
    assert self_level(text) == "镇"
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("青禾镇", "township")


def test_a_county_speaking_of_its_own_government_under_the_citys_guide_stays_a_county():
    text = ("2024年，在市委、市政府的坚强领导下，县政府坚持依法行政，县政府常务会议研究法治工作4次，"
            "全县法治政府建设取得新成效。\n" + BODY)
    assert self_level(text) == "县"


def test_parent_of_a_department_named_only_inside_a_cited_title_is_not_written():
    head = "萧山区司法局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，成效明显。"
    m = meta_of(head + "公开征集社会各界对《2023年度省、杭州市重点民生实事项目》的意见。\n" + BODY)
    assert (m.jurisdiction, m.parent, m.province) == ("萧山区", None, "浙江省")
    # cut by the page's end inside the citation: still the document's
    m = meta_of(head + "\n" + BODY + "公开征集社会各界对《2023年度省、杭州市重点民生")
    assert m.parent is None


def test_parent_written_with_the_place_at_the_head_of_a_cited_title_is_written():
    m = meta_of("萧山区司法局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，清理"
                "《杭州市萧山区行政执法公示办法》等文件。\n" + BODY)
    assert (m.jurisdiction, m.parent, m.province) == ("萧山区", "杭州市", "浙江省")


def test_parent_joined_to_the_county_inside_a_nested_cited_title_is_written():
    # the notice's title cites the district's own plan with its city: the district as the city's
    m = meta_of("2024年，区司法局认真落实区政府办公室《关于印发〈杭州市萧山区2024年法治政府建设工作要点〉"
                "的通知》要求，坚持依法行政。现将有关情况报告如下。\n" + BODY)
    assert (m.jurisdiction, m.department, m.parent, m.province) == ("萧山区", "司法局", "杭州市", "浙江省")
    # the city inside the same citation but not joined to the district: the document's
    m = meta_of("2024年，区司法局认真落实区政府办公室《关于转发〈杭州市2024年法治政府建设工作要点〉"
                "的通知》要求，萧山区司法局坚持依法行政。现将有关情况报告如下。\n" + BODY)
    assert (m.jurisdiction, m.parent) == ("萧山区", None)


def test_a_city_named_by_its_short_name_as_the_openings_subject_is_the_reporter():
    m = meta_of("关于2022年法治政府建设情况的报告\n2022年，宜宾坚持以习近平法治思想为指导，深入推进依法行政，"
                "全市法治政府建设取得新成效。现将有关情况报告如下。\n" + BODY)
    assert (m.jurisdiction, m.level, m.province) == ("宜宾市", "city", "四川省")
    # after the superior's 在…领导下 clause
    m = meta_of("2022年，在省委、省政府的坚强领导下，宜宾深入推进法治政府建设，全市依法行政水平不断提升。"
                "现将有关情况报告如下。\n" + BODY)
    assert (m.jurisdiction, m.level) == ("宜宾市", "city")
    # a province's short name is the province's; a short name not followed by the subject's verb is no subject
    assert meta_of("2022年，吉林坚持依法行政，全省法治政府建设取得新成效。\n" + BODY).jurisdiction == "吉林省"
    m = meta_of("关于2022年法治政府建设情况的报告\n2022年，宜宾籍干部座谈会召开，与会人员交流依法行政经验。\n" + BODY)
    assert m.jurisdiction is None


def test_city_department_whose_city_is_named_only_by_its_short_name():
    text = ("关于2024年法治政府建设情况的报告\n2024年，在市委、市政府正确领导下，市司法局深入学习贯彻习近平法治思想，"
            "切实推动全市法治政府建设，为杭州高质量发展提供有力法治保障。现将有关工作情况报告如下。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.department, m.province) == ("杭州市", "司法局", "浙江省")


def test_short_name_that_is_a_word_or_two_cities_leaves_the_city_unknown():
    # 长治久安 is a slogan, not the city
    text = ("关于2024年法治政府建设情况的报告\n2024年，市司法局深入学习贯彻习近平法治思想，"
            "为社会长治久安提供有力法治保障。现将有关工作情况报告如下。\n" + BODY)
    assert meta_of(text).jurisdiction is None
    # two cities by their short names: which is the reporter's is not certain
    two = text.replace("为社会长治久安", "建设美丽杭州，助力宁波发展，")
    assert city_short_place(Clean(two), gazetteer()) is None
    one = text.replace("为社会长治久安", "助力宁波发展，")
    assert city_short_place(Clean(one), gazetteer())[0] == "宁波市"


def test_a_county_written_joined_to_the_township_is_its_parent_as_written():
    # 鼓楼区 is the name of several districts: the parent as written, the province unknown
    text = ("索 引 号: | 000012345/2025-0000021 | 公开目录: | 法治政府建设 |\n发布机构: | 鼓楼区青禾街道 |\n"
            "2024年，青禾街道在区委、区政府的坚强领导下，坚持依法行政。现将有关情况报告如下。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("青禾街道", "township", "鼓楼区", None)
    # joined in a sentence of the body, a district of one name: its province as well
    m = meta_of("2024年，青禾街道在区委、区政府的坚强领导下，坚持依法行政，萧山区青禾街道综合执法队办理案件20件。"
                "现将有关情况报告如下。\n" + BODY)
    assert (m.parent, m.province) == ("萧山区", "浙江省")


def test_township_whose_county_is_named_only_by_its_short_name_in_use():
    text = ("在县全面依法治县办的指导下，青禾街道紧密围绕创建法治安吉建设工作的总体要求，以构建具有安吉特色的"
            "治理模式为导向，统筹推进各项工作。现将2024年青禾街道法治政府建设工作总结报告如下：\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("青禾街道", "township", "安吉县", "浙江省")
    # a short name of several counties (a county that became a district) is not certain
    m = meta_of(text.replace("安吉", "萧山"))
    assert (m.parent, m.province) == (None, None)


def test_short_name_used_once_may_be_a_word_and_gives_no_county():
    # 法治资源: a word, once; 资源县 is no parent of this street
    text = ("在县全面依法治县办的指导下，青禾街道紧密围绕法治建设总体要求，推动法治资源向基层一线倾斜，"
            "统筹推进各项工作。现将2024年青禾街道法治政府建设工作总结报告如下：\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.parent, m.province) == ("青禾街道", None, None)


def test_parent_opening_a_cited_title_is_the_place_that_issued_it():
    m = meta_of("萧山区司法局2023年法治政府建设年度报告\n2023年，我局坚持依法行政，严格执行"
                "《杭州市行政规范性文件管理办法》。\n" + BODY)
    assert (m.jurisdiction, m.parent) == ("萧山区", "杭州市")


# -- a place's sector as the opening's subject; a bureau speaking only of its party committee --
def test_a_sector_of_a_place_opening_is_its_department_where_the_text_names_it():
    text = ("2024年，萧山区教育系统法治建设工作坚持依法治教，全面落实上级部署，推动依法治校工作提质增效。\n"
            "一、主要举措和成效\n（一）落实第一责任人职责。区教育局党组书记、局长带头学法，局党组会议专题研究法治工作3次，"
            "局党组理论学习中心组集中学法4次。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department, m.province) == ("萧山区", "department", "教育局", "浙江省")


def test_a_sector_opening_whose_bureau_is_never_named_keeps_the_department_unknown():
    text = ("2024年，萧山区教育系统法治建设工作坚持依法治教，全面落实上级部署，推动依法治校工作提质增效。\n"
            "一、主要举措和成效\n（一）落实第一责任人职责。局党组会议专题研究法治工作3次，"
            "局党组理论学习中心组集中学法4次。\n" + BODY)
    m = meta_of(text)
    assert (m.level, m.department) == ("department", None)     # a bureau, its name never written


def test_a_sector_opening_without_any_self_reference_is_still_a_bureaus():
    # X区Y系统 as the subject: the sector's bureau reports, its name not written
    text = ("2024年，萧山区住房建设系统坚持依法行政，全面落实上级部署，推动各项工作提质增效。\n"
            "一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，集中学法4次。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == ("萧山区", "department", None)
    # the government's own system (全区政府系统) is the government's
    m = meta_of(text.replace("住房建设系统", "政府系统"))
    assert (m.jurisdiction, m.level) == ("萧山区", "county")


def test_a_verb_phrase_ending_in_a_bodys_character_is_no_department():
    # 区…动员部署 ends in 署 (as 审计署 does), 干部 in 部: words, not an organ's name
    text = ("2024年，萧山区教育系统深入践行习近平法治思想，全区教育系统及时动员部署，组织全体干部集中学习。\n"
            "一、主要举措和成效\n（一）落实第一责任人职责。召开专题会议3次，集中学法4次。\n" + BODY)
    m = meta_of(text)
    assert m.department is None and m.jurisdiction == "萧山区"


def test_a_bureau_that_names_only_its_party_committee_is_a_department():
    text = ("2024年，在区委、区政府的领导下，坚持依法行政，推进各项工作。\n一、加强组织领导\n"
            "局党委牵头抓总，明确局党委班子成员分工，局党委每季度听取法治工作汇报。\n" + BODY)
    m = meta_of(text)
    assert (m.level, m.department, m.jurisdiction) == ("department", None, None)


def test_a_bureau_party_committee_named_once_does_not_make_a_department():
    text = ("2024年，在区委、区政府的领导下，坚持依法行政，推进各项工作。\n一、加强组织领导\n"
            "公安局党委研究了执法规范化工作，各乡镇落实了普法责任。\n" + BODY)
    assert meta_of(text).level != "department"


def test_a_city_bureaus_branch_named_by_a_districts_short_form_is_that_district():
    text = ("杭州市生态环境局萧山分局2023年法治政府建设工作报告\n2023年，我局坚持依法行政，严格环境执法，"
            "全面完成年度法治建设任务，各项工作取得新成效。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.parent, m.department) == ("萧山区", "杭州市", "生态环境局萧山分局")


def test_a_branch_short_form_that_is_no_district_of_the_written_city_stays_with_the_city():
    text = ("杭州市生态环境局宿城分局2023年法治政府建设工作报告\n2023年，我局坚持依法行政，严格环境执法，"
            "全面完成年度法治建设任务，各项工作取得新成效。\n" + BODY)
    assert meta_of(text).jurisdiction == "杭州市"          # 宿城区 is another city's district


# -- a 我局/我厅 text that names itself without its place ----------------------------------
def test_untitled_bureau_named_by_its_heads_post():
    text = ("2023年，我局在区委、区政府的正确领导下，服务全区发展大局，为全区高质量发展提供法治保障。"
            "现将我局2023年法治政府建设情况报告如下。\n"
            "一、主要举措和成效\n区司法局党组书记、局长带头讲法治课，全年办理行政复议案件15件。\n"
            "二、存在的不足\n法治宣传的针对性有待加强。\n三、下一步工作安排\n持续推进严格规范公正文明执法。\n")
    m = meta_of(text)
    assert (m.level, m.department) == ("department", "司法局")
    a, b = m.evidence["department"]
    assert text[a:b] == "司法局"
    # the head of the city's bureau visiting a district bureau names the superior, not the reporter
    m = meta_of(text.replace("区司法局党组书记、局长带头", "市司法局局长到我局"))
    assert (m.level, m.department) == ("department", None)


def test_untitled_provincial_department_named_by_its_ministry():
    text = ("2022年，在省委、省政府坚强领导下，在水利部的指导支持下，我厅认真贯彻落实法治政府建设部署，"
            "现将有关情况报告如下。\n" + BODY)
    m = meta_of(text)
    assert (m.level, m.department) == ("department", "水利厅")
    # two ministries named as guides: which one is ours is not said
    m = meta_of(text.replace("在水利部的指导支持下", "在水利部、民政部的指导支持下，在民政部的关心下"))
    assert m.department is None


def test_untitled_bureau_named_by_its_sector():
    text = ("2023年，全市司法行政系统在市委、市政府的正确领导下，坚持以法治引领发展。局党组高度重视，"
            "我局认真履行职责，现将有关情况报告如下。\n" + BODY)
    m = meta_of(text)
    assert (m.level, m.department) == ("department", "司法局")
    m = meta_of(text.replace("全市司法行政系统", "全市教育系统"))
    assert m.department == "教育局"
    # the sector named later, not as the opening's subject, says nothing
    m = meta_of(text.replace("全市司法行政系统在", "我们在").replace("局党组高度重视", "全市教育系统高度重视"))
    assert m.department is None


def test_a_department_named_in_a_formula_before_its_opening_sentence():
    # the disclosure-report formula (根据《条例》，X市公安局编制…) names the department before the
    # sentence that opens its work: the department reports, not its city
    text = ("根据《中华人民共和国政府信息公开条例》，衡阳市公安局编制完成2024年政府信息公开年度报告，"
            "所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n一、总体情况\n"
            "2024年，衡阳市公安局在市委、市政府的领导下，认真落实条例要求。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == ("衡阳市", "department", "公安局")
    # a city opening the text still reports when one of its departments speaks later
    m = meta_of("2024年，在市委、市政府的坚强领导下，衡阳市坚持依法行政，全面推进法治政府建设，现将有关情况报告如下。\n"
                "一、主要举措和成效\n"
                "衡阳市公安局在市委、市政府的领导下，深化执法规范化建设。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("衡阳市", "city", None)




# -- 促进了全镇: a particle before a place word is no town's name ----------------------------
def test_particle_before_place_word_is_not_a_town():
    text = ("关于2023年度法治政府建设情况报告\n\n县委、县政府:\n\n今年以来,我镇全面推进依法行政,"
            "促进了全镇社会治理规范化水平的提升。\n一、主要举措和成效\n（一）深化改革。提升了全镇依法行政"
            "工作水平,全年公开政府信息36条。\n")
    m = report_of(text).meta
    assert m.jurisdiction is None
    assert m.level == "township"


def test_town_named_twice_still_read():
    text = ("关于2023年度法治政府建设情况报告\n\n今年以来,柳湾镇全面推进依法行政,我镇法治建设取得成效。\n"
            "一、主要举措和成效\n（一）深化改革。柳湾镇全年公开政府信息36条。\n")
    assert report_of(text).meta.jurisdiction == "柳湾镇"


# -- the prefecture written only as the issuer of a cited document: the parent as written -----
def test_parent_written_as_issuer_of_cited_document_short_form():
    # 荔波县 (a real county, gazetteer entry) of 黔南布依族苗族自治州, written 黔南州 only in
    # the titles of cited plans
    text = ("荔波县2022年法治政府建设情况报告\n2022年,荔波县认真贯彻《黔南州法治政府建设实施方案》,"
            "落实《黔南州2022年法治政府建设工作要点》,扎实推进依法行政。\n一、主要举措和成效\n"
            "（一）深化改革。全年办理行政复议案件8件。\n")
    m = report_of(text).meta
    assert (m.jurisdiction, m.parent, m.province) == ("荔波县", "黔南州", "贵州省")


def test_autonomous_prefecture_not_written_stays_unknown():
    text = ("荔波县2022年法治政府建设情况报告\n2022年,荔波县扎实推进依法行政。\n一、主要举措和成效\n"
            "（一）深化改革。全年办理行政复议案件8件。\n")
    m = report_of(text).meta
    assert (m.jurisdiction, m.parent, m.province) == ("荔波县", None, "贵州省")


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
    # 庆云县 (a real county, gazetteer entry) of 德州市
    text = ("5月12日,庆云县司法局开展对县直部门及乡镇法治政府建设报告集中评议活动,对全县35个单位报送的"
            "报告进行书面评议。评议小组逐一打分,并对发现的问题进行梳理汇总。评议结果将作为年度法治建设考核的"
            "参考依据。\n")
    m = analyze_text(text).meta
    assert m.kind == "news"
    assert (m.jurisdiction, m.level, m.department, m.parent, m.province) == ("庆云县", "county", None, "德州市", "山东省")


def test_news_of_a_department_about_itself_keeps_the_department():
    text = ("近日,庆云县司法局被评为全市法治政府建设先进单位。该局坚持依法行政,全年办理行政复议案件26件,"
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


# -- the department's own name ------------------------------------------------------------
def test_a_title_issued_by_the_bureau_and_its_party_committee_names_the_bureau():
    text = ("中共临渊县卫生健康局委员会 临渊县卫生健康局 关于2023年法治政府建设情况的报告\n"
            "临渊县委、临渊县人民政府：\n2023年，我局坚持依法行政，各项工作取得明显成效。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == ("临渊县", "department", "卫生健康局")


def test_a_commission_named_in_full_keeps_its_name():
    text = ("临渊县卫生健康委员会2023年法治政府建设年度报告\n2023年，我委坚持依法行政，成效明显。\n" + BODY)
    assert meta_of(text).department == "卫生健康委员会"


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
            "名称: 广州市番禺区人民政府办公室关于印发番禺区2020年依法行政工作要点的通知\n"
            "各镇(街),区政府各部门:\n现将《番禺区2020年依法行政工作要点》印发给你们,请认真组织实施。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.parent, m.province) == ("番禺区", "广州市", "广东省")


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


# -- the level a report speaks as --------------------------------------------------------
def test_a_county_speaking_as_wo_xian_is_not_the_province_of_its_superiors_and_honours():
    text = ("2024年，我县坚持以习近平法治思想为指导，认真落实省委省政府、市委市政府工作要求，"
            "全面加强法治政府建设。\n一、主要举措及成效\n（一）统筹推进法治政府建设。印发《关于做好创建全省"
            "法治政府建设示范县相关工作的通知》，制定《寻乌县优化营商环境责任分工》，办理行政复议案件9件。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("寻乌县", "county")


def test_a_province_speaking_as_wo_sheng_stays_the_province():
    text = ("2024年，我省坚持以习近平法治思想为指导，全省法治政府建设取得新成效，江西省人民政府"
            "常务会议专题学法4次。\n一、主要举措及成效\n（一）统筹推进法治政府建设。我省办理行政复议案件900件。\n")
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("江西省", "province")


def test_a_rural_revitalisation_bureau_is_a_department_though_its_name_opens_with_xiang():
    m = meta_of("2022年，寻乌县乡村振兴局坚持依法行政，推进法治政府建设，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("寻乌县", "department", "乡村振兴局")
    m = meta_of("县乡村振兴局2022年法治政府建设年度报告\n2022年，县乡村振兴局坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == (None, "department", "乡村振兴局")


def test_a_title_that_spaces_the_place_from_its_department_still_names_the_department():
    m = meta_of("寻乌县 民政局 2023年法治政府建设年度报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("寻乌县", "department", "民政局")
    m = meta_of("寻乌县 关于2023年法治政府建设情况的报告\n2023年，我县坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("寻乌县", "county", None)


def test_the_bureaus_organ_after_its_name_is_still_the_bureau():
    m = meta_of("寻乌县民政局机关2023年法治政府建设年度报告\n2023年，局机关坚持依法行政，成效明显。\n" + BODY)
    assert (m.jurisdiction, m.level, m.department) == ("寻乌县", "department", "民政局")


def test_a_county_bureau_named_by_its_level_is_not_its_city_superior():
    text = ("2023年，在赣州市民政局的指导下，县民政局坚持依法行政，推进法治政府建设，成效明显。\n" + BODY)
    m = meta_of(text)
    assert (m.jurisdiction, m.level, m.department) == (None, "department", "民政局")
    text = ("2023年，在赣州市民政局的指导下，县民政局坚持依法行政，修订《寻乌县民政局行政执法公示办法》，"
            "成效明显。\n" + BODY)
    assert meta_of(text).jurisdiction == "寻乌县"             # its own full name at its level


DISCLOSURE = ("根据《中华人民共和国政府信息公开条例》规定，编制本报告。本报告所列数据的统计期限为"
              "2022年1月1日至12月31日。如对本报告有疑问，请与本机关办公室联系。\n"
              "一、总体情况\n本年度主动公开政府信息310条，其中政策解读12篇。\n"
              "二、主动公开政府信息情况\n详见下表。\n")


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


# -- reports made to a people's congress ------------------------------------------------------
_CONGRESS_BODY = ("各位代表：\n现在，我代表旗人民政府向大会报告工作，请予审议，并请政协委员和列席会议的同志提出意见。\n"
                  "一、过去一年工作回顾\n")


def test_congress_session_subtitle_names_the_reporting_government():
    # the title names no place; the subtitle names the congress whose government reports
    m = meta_of("政府工作报告\n——2023年1月6日在阿巴嘎旗第十六届人民代表大会第二次会议上\n" + _CONGRESS_BODY)
    assert (m.jurisdiction, m.level, m.province) == ("阿巴嘎旗", "county", "内蒙古自治区")
    # the subtitle broken after 届, no title line
    m = meta_of("——2023年1月6日在阿巴嘎旗第十六届\n人民代表大会第二次会议上\n阿巴嘎旗人民政府 某某\n" + _CONGRESS_BODY)
    assert (m.jurisdiction, m.level) == ("阿巴嘎旗", "county")


def test_region_label_before_a_mirrored_title():
    # a mirror's bracketed region label ahead of the title: the place the title names after it
    m = meta_of("（内蒙古）2023年阿巴嘎旗人民政府工作报告（全文）\n发布时间：2023-03-01\n" + _CONGRESS_BODY)
    assert (m.jurisdiction, m.level, m.province) == ("阿巴嘎旗", "county", "内蒙古自治区")


# -- a league (盟) speaking of itself by its organs ----------------------------------------------
LEAGUE_BODY = ("一、工作开展情况\n（一）坚持党的领导。盟委、行署主要领导同志履行法治建设第一责任人职责，"
               "召开依法治盟委员会会议研究部署相关工作，推动整改问题20个。\n（二）全面履行政府职能。制发盟本级"
               "权责清单300项，印发《阿拉善盟诚信建设实施方案》，办结政府失信问题9件。\n")


def test_league_report_named_only_in_a_cited_title_is_the_league():
    # no title, no opening: the organs 盟委/行署 say a league, the one league the text names
    m = meta_of(LEAGUE_BODY)
    assert self_level(LEAGUE_BODY) == "盟"
    assert (m.jurisdiction, m.level, m.province) == ("阿拉善盟", "city", "内蒙古自治区")


def test_banner_report_addressed_to_the_league_is_not_the_league():
    # the league's organs on the addressee line and in the leadership clause are the superiors
    text = ("盟委、行署：\n2023年，在盟委、行署的正确领导下，额济纳旗坚持依法行政，全旗法治政府建设取得新成效。"
            "现将有关情况报告如下：\n一、主要举措和成效\n（一）旗委、旗政府高度重视法治建设，旗政府常务会议"
            "学法6次，我旗办理行政复议案件12件。\n（二）深化“放管服”改革，取消行政许可事项3项。\n")
    assert self_level(text) != "盟"
    m = meta_of(text)
    assert (m.jurisdiction, m.level) == ("额济纳旗", "county")


def test_this_department_of_a_rule_is_no_ministry_speaking():
    # 本部门 in a county's rule (各部门将本部门…报送): each unit addressed, not a 部 speaking as itself
    assert self_department("各部门于每年2月底前将本部门上年度情况报送县政府；各单位负责人对本部门工作负责。") is None
    text = ("青禾县依法行政报告制度\n为加快法治政府建设，结合我县实际，特制定依法行政报告制度。\n一、报告的主体\n"
            "报告的主体为县政府工作部门。\n二、报告的时间\n各部门于每年2月底前将本部门上年度推进依法行政的情况"
            "报送县政府，各单位行政首长应当加强对本部门推进依法行政工作的领导。\n")
    m = meta_of(text)
    assert m.level != "department" and m.department is None
    # a ministry speaking as 本部 / 我部 still does
    assert self_department("本部坚持依法行政。我部党组研究部署法治政府建设。") == "部"


def test_headline_verb_ending_in_a_body_character_is_no_department():
    # X县全面安排部署…: 部署 is the headline's verb, not a body (审计署); the county reports
    text = ("长兴县全面安排部署2024年法治政府建设督察工作\n时间:2024-05-10\n5月8日，长兴县召开全县法治政府建设"
            "督察工作部署会，县委依法治县办对督察工作进行安排。会议要求各部门按时报送资料。\n")
    m = meta_of(text)
    assert m.department is None and m.level == "county" and m.jurisdiction == "长兴县"


def test_a_unit_the_title_grammar_does_not_read_is_still_a_department():
    text = "长兴县公安局交通警察大队2023年法治政府建设工作报告\n" + BODY
    m = meta_of(text)
    assert m.level == "department" and m.department and m.department.endswith("大队")
