"""Component "meta": title, place, level, year, dates, issuers, kind."""
from __future__ import annotations

import json

import pytest

from conftest import SHARED, TEXTS, seed_by_prefix
from fazhi import pipeline
from fazhi.api import build_report
from fazhi.parse.meta import cn_number
from fazhi.parse.places import gazetteer, level_from_suffix


def meta_of(text: str, **hints):
    r = build_report(text.encode("utf-8"), media_type="text/plain")
    r.hints.update(hints)
    pipeline.run(r, None, ["sections", "meta"])
    return r


def ev(r, field):
    s, e = r.meta.evidence[field]
    return r.text[s:e]


def from_file(name: str):
    return meta_of((TEXTS / name).read_text("utf-8"))


def from_seed(prefix: str):
    p = seed_by_prefix(prefix)
    r = build_report(p.read_bytes(), path=str(p))
    pipeline.run(r, None, ["sections", "meta"])
    return r


BODY = ("一、主要举措和成效\n（一）依法全面履行政府职能。深化“放管服”改革，全年办理行政复议案件15件，"
        "行政执法人员持证率100%。\n二、存在的不足\n法治宣传的针对性有待加强。\n"
        "三、下一步工作安排\n持续推进严格规范公正文明执法。\n")


# -- gazetteer -----------------------------------------------------------------
def test_gazetteer_year_specific_lookup():
    g = gazetteer()
    # 巢湖市 was a prefecture-level city until 2011, then a county-level city under 合肥市
    early, late = g.lookup("巢湖市", 2005), g.lookup("巢湖市", 2015)
    assert [p.rank for p in early] == ["city"]
    assert [(p.rank, p.parent) for p in late] == [("county", "合肥市")]
    assert g.lookup("静海区", 2022)[0].parent == "天津市"       # 直辖市 district: parent is the province-level city
    assert g.lookup("不存在县", 2022) == []


def test_gazetteer_ambiguous_name_needs_context():
    g = gazetteer()
    assert len(g.lookup("鼓楼区", 2022)) > 1
    assert g.resolve("鼓楼区", 2022, "") is None
    p = g.resolve("鼓楼区", 2022, "在南京市委、市政府的坚强领导下")
    assert (p.parent, p.province) == ("南京市", "江苏省")


def test_level_from_suffix():
    assert level_from_suffix("城关镇") == "township"
    assert level_from_suffix("某某街道") == "township"
    assert level_from_suffix("临夏回族自治州") == "city"
    assert level_from_suffix("某某旗") == "county"
    assert level_from_suffix("某某市") is None          # city or county-level city: gazetteer decides


def test_cn_number():
    assert cn_number("二〇二三") == 2023
    assert cn_number("十二") == 12
    assert cn_number("二十三") == 23
    assert cn_number("三十一") == 31
    assert cn_number("7") == 7


# -- title ---------------------------------------------------------------------
def test_title_not_breadcrumb_nor_banner_and_publish_date():
    r = from_file("meta_department_web.txt")
    m = r.meta
    assert m.title == "武汉市司法局2023年法治政府建设年度报告"
    assert ev(r, "title") == m.title
    assert m.publish_date == "2024-03-28"              # not the banner's 今天是2024年5月6日
    assert m.report_date == "2024-03-25"
    assert m.source_site == "武汉市司法局"


def test_title_over_two_lines():
    r = meta_of("中共阳高县委 阳高县人民政府\n关于2022年度法治政府建设\n工作情况的报告\n"
                "2022年，阳高县坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n" + BODY)
    assert r.meta.title == "关于2022年度法治政府建设工作情况的报告"
    assert r.meta.jurisdiction == "阳高县"
    assert r.meta.report_year == 2022


def test_title_from_hint_when_text_has_none():
    r = meta_of("2022年，阳高县坚持以习近平法治思想为指导，全面推进法治政府建设，取得明显成效。\n" + BODY,
                title="阳高县2022年法治政府建设年度报告_阳高县人民政府")
    assert r.meta.title == "阳高县2022年法治政府建设年度报告"
    assert "title" not in r.meta.evidence


def test_site_label_and_site_suffix_are_not_title():
    r = meta_of("阳高县司法局法治政府建设专栏\n阳高县2022年法治政府建设年度报告_阳高县人民政府门户网站\n"
                "2022年，阳高县坚持以习近平法治思想为指导，全面推进法治政府建设，取得明显成效。\n" + BODY)
    assert r.meta.title == "阳高县2022年法治政府建设年度报告"
    assert ev(r, "title") == r.meta.title


def test_no_title_is_none():
    r = meta_of("2022年，阳高县坚持以习近平法治思想为指导，全面推进法治政府建设，取得明显成效。\n" + BODY)
    assert r.meta.title is None
    # a body wrapped into short lines (PDF) is not a title either
    r = meta_of("2022年，阳高县坚持以习近平法治思想为指导，全面\n推进法治政府建设，坚持依法行政，取得明\n显成效。\n" + BODY)
    assert r.meta.title is None


# -- year ------------------------------------------------------------------------
def test_plan_heading_year_is_not_report_year():
    r = from_file("meta_department_web.txt")
    assert r.meta.report_year == 2023                 # not 2024 (工作打算) nor 2021 (纲要)


def test_cited_plan_years_are_ignored():
    r = meta_of("阳高县人民政府关于法治政府建设情况的报告\n"
                "阳高县认真贯彻落实《法治政府建设实施纲要（2021－2025年）》和《山西省法治政府建设实施方案（2021-2025年）》，"
                "现将2022年度法治政府建设情况报告如下：\n" + BODY)
    assert r.meta.report_year == 2022
    assert ev(r, "report_year").startswith("2022")


def test_title_body_year_mismatch_keeps_both():
    r = from_file("meta_template_masked.txt")
    assert r.meta.report_year == 2022                 # headings say 2022
    assert ev(r, "title_year") == "2023年"            # the template's title says 2023
    assert r.hints["title_year"] == 2023


def test_year_unknown_is_none():
    r = meta_of("关于法治政府建设情况的报告\n我县坚持以习近平法治思想为指导，全面推进法治政府建设，取得明显成效。\n" + BODY)
    assert r.meta.report_year is None


def test_chinese_numeral_title_year():
    r = meta_of("阳高县二〇二二年法治政府建设年度报告\n阳高县坚持以习近平法治思想为指导，全面推进法治政府建设，取得明显成效。\n" + BODY)
    assert r.meta.report_year == 2022


# -- signature --------------------------------------------------------------------
def test_joint_issuers_and_chinese_numeral_date():
    r = meta_of("阳高县2022年法治政府建设年度报告\n"
                "2022年，阳高县坚持以习近平法治思想为指导，全面推进法治政府建设，取得明显成效。\n" + BODY +
                "\n中共阳高县委　　阳高县人民政府\n二〇二三年二月十五日\n")
    assert r.meta.issuers == ["中共阳高县委", "阳高县人民政府"]
    assert r.meta.report_date == "2023-02-15"
    assert ev(r, "report_date") == "二〇二三年二月十五日"
    assert r.meta.publish_date is None                # the signature date is not a publication date


def test_issuers_printed_above_title():
    r = meta_of("中共阳高县委　阳高县人民政府\n关于2022年度法治政府建设情况的报告\n"
                "2022年，全县坚持依法行政，扎实推进法治建设，各项工作取得明显成效。\n" + BODY)
    assert r.meta.issuers == ["中共阳高县委", "阳高县人民政府"]
    assert r.meta.jurisdiction == "阳高县"


def test_addressee_after_title():
    r = meta_of("阳高县人民政府关于2022年度法治政府建设情况的报告\n大同市人民政府：\n"
                "现将我县2022年度法治政府建设情况报告如下：\n" + BODY)
    assert ev(r, "addressee") == "大同市人民政府"
    assert r.meta.jurisdiction == "阳高县" and r.meta.report_year == 2022


def test_no_signature():
    r = meta_of("阳高县2022年法治政府建设年度报告\n"
                "2022年，阳高县坚持以习近平法治思想为指导，全面推进法治政府建设，取得明显成效。\n" + BODY)
    assert r.meta.issuers == [] and r.meta.report_date is None


# -- place ---------------------------------------------------------------------------
def test_department_report():
    m = from_file("meta_department_web.txt").meta
    assert (m.jurisdiction, m.department, m.level) == ("武汉市", "司法局", "department")
    assert m.province == "湖北省"
    assert m.issuers == ["武汉市司法局"]


def test_department_market_regulation():
    m = meta_of("阳高县市场监督管理局2022年度法治政府建设工作报告\n"
                "2022年，县市场监管局坚持以习近平法治思想为指导，全面推进依法行政，取得明显成效。\n" + BODY).meta
    assert m.department == "市场监督管理局"          # its own name, without the place
    assert m.jurisdiction == "阳高县" and m.level == "department" and m.province == "山西省"


def test_department_of_vertically_managed_system():
    m = meta_of("国家税务总局阳高县税务局2022年法治税务建设工作总结\n"
                "2022年，我局坚持依法治税，全面推进法治政府建设，取得明显成效。\n" + BODY).meta
    assert (m.jurisdiction, m.department, m.level) == ("阳高县", "税务局", "department")
    assert m.kind == "report"


def test_place_after_leading_year_in_title():
    m = meta_of("2022年度阳高县法治政府建设情况报告\n2022年，全县坚持依法行政，扎实推进法治建设，成效明显。\n" + BODY).meta
    assert (m.jurisdiction, m.parent) == ("阳高县", "大同市")


def test_county_city_province_levels():
    cases = {
        "阳高县2022年法治政府建设年度报告": ("阳高县", "county", "大同市", "山西省"),
        "天津市静海区2022年法治政府建设情况报告": ("静海区", "county", "天津市", "天津市"),
        "武汉市2022年法治政府建设情况报告": ("武汉市", "city", None, "湖北省"),   # a city: no parent
        "湖北省2022年法治政府建设情况报告": ("湖北省", "province", None, "湖北省"),
        "仙桃市2022年法治政府建设情况报告": ("仙桃市", "county", "湖北省", "湖北省"),
        "锡林郭勒盟2022年法治政府建设情况报告": ("锡林郭勒盟", "city", None, "内蒙古自治区"),
    }
    for title, want in cases.items():
        m = meta_of(title + "\n2022年，全面推进法治政府建设，各项工作取得明显成效，现将有关情况报告如下：\n" + BODY).meta
        assert (m.jurisdiction, m.level, m.parent, m.province) == want, title
        assert m.adcode and len(m.adcode) == 6


def test_first_sentence_place_not_superior():
    r = meta_of("2022年，在大同市委、市政府的坚强领导下，阳高县坚持以习近平法治思想为指导，全面推进法治政府建设。\n" + BODY)
    assert r.meta.jurisdiction == "阳高县"
    assert ev(r, "jurisdiction") == "阳高县"
    assert r.meta.parent == "大同市"


def test_we_county_resolved_from_text():
    r = meta_of("关于2022年度法治政府建设情况的报告\n2022年，我县坚持以习近平法治思想为指导，全面推进法治政府建设。\n"
                "一、主要举措\n阳高县政务服务中心进驻事项200项。阳高县司法局办理行政复议案件15件。\n" + BODY)
    assert r.meta.jurisdiction == "阳高县"
    assert r.meta.province == "山西省"


def test_township_report():
    m = meta_of("青石镇2022年法治政府建设工作报告\n"
                "2022年，在陇西县委、县政府的坚强领导下，青石镇坚持以习近平法治思想为指导，扎实推进依法行政。\n"
                "一、主要举措\n镇党委认真学习陇西县全面依法治县工作要点。\n" + BODY).meta
    assert (m.jurisdiction, m.level) == ("青石镇", "township")
    assert (m.parent, m.province) == ("陇西县", "甘肃省")
    assert m.adcode is None


def test_township_from_first_sentence():
    m = meta_of("关于2022年度法治政府建设情况的报告\n2022年，在阳高县委、县政府的坚强领导下，青石镇坚持以习近平法治思想为指导，"
                "全镇依法行政水平明显提升。\n" + BODY).meta
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("青石镇", "township", "阳高县", "山西省")


def test_ambiguous_county_name_left_unresolved():
    m = meta_of("鼓楼区2022年法治政府建设年度报告\n2022年，鼓楼区坚持以习近平法治思想为指导，全面推进法治政府建设。\n" + BODY).meta
    assert m.jurisdiction == "鼓楼区" and m.level == "county"
    assert m.parent is None and m.province is None and m.adcode is None


def test_ambiguous_county_name_settled_by_context():
    m = meta_of("鼓楼区2022年法治政府建设年度报告\n2022年，在福州市委、市政府的坚强领导下，鼓楼区坚持以习近平法治思想为指导，"
                "认真落实福建省法治政府建设部署。\n" + BODY).meta
    assert (m.parent, m.province) == ("福州市", "福建省")


def test_masked_place_is_none():
    r = from_file("meta_template_masked.txt")
    assert r.meta.jurisdiction is None and r.meta.province is None
    # the level it speaks of itself as (***县, 县政府) stays known, as for a masked township
    assert r.meta.level == "county"


def test_traditional_text():
    r = meta_of("陽高縣2022年法治政府建設工作報告\n2022年，陽高縣堅持以習近平法治思想為指導，全面推進法治政府建設。\n"
                "一、主要舉措和成效\n深化改革。\n", traditional=True)
    m = r.meta
    assert m.title == "陽高縣2022年法治政府建設工作報告"          # as written
    assert m.jurisdiction == "阳高县" and m.parent == "大同市"     # the gazetteer's simplified form
    assert m.report_year == 2022 and m.kind == "report"


# -- kind ---------------------------------------------------------------------------
def test_kind_template():
    assert from_file("meta_template_masked.txt").meta.kind == "template"
    # a real, unmasked report copied to a 范文 site is still a report; with a placeholder it is a template
    r = meta_of("阳高县2022年法治政府建设年度报告\n2022年，阳高县坚持依法行政，全面推进法治政府建设。\n" + BODY,
                template_site=True)
    assert r.meta.kind == "report"
    r = meta_of("阳高县2022年法治政府建设年度报告\n2022年，阳高县坚持依法行政，全面推进法治政府建设。\n" + BODY
                + "组织xx镇干部学法。\n", template_site=True)
    assert r.meta.kind == "template"


def test_kind_report_interpretation_plan_news_other():
    body = "2022年，阳高县坚持以习近平法治思想为指导，全面推进法治政府建设，取得明显成效。\n" + BODY
    assert meta_of("阳高县2022年法治政府建设年度报告\n" + body).meta.kind == "report"
    assert meta_of("《阳高县2022年法治政府建设年度报告》政策解读\n" + body).meta.kind == "interpretation"
    assert meta_of("一图读懂阳高县2022年法治政府建设年度报告\n" + body).meta.kind == "interpretation"
    assert meta_of("阳高县2023年法治政府建设工作要点\n一、总体要求\n坚持依法行政。\n").meta.kind == "plan"
    assert meta_of("阳高县法治政府建设实施方案（2021-2025年）\n一、总体要求\n坚持依法行政。\n").meta.kind == "plan"
    news = ("阳高县召开全面依法治县委员会会议\n3月15日，阳高县召开2023年全面依法治县委员会第一次会议，"
            "传达学习上级会议精神，审议年度工作要点。县委书记出席会议并讲话。\n")
    assert meta_of(news).meta.kind == "news"
    gwr = ("各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。\n"
           "一、2022年工作回顾\n过去一年，全市坚持依法行政，法治政府建设扎实推进。\n")
    assert meta_of(gwr).meta.kind == "other"
    assert meta_of("阳高县2022年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》编制。\n"
                   "一、总体情况\n主动公开政府信息情况良好。\n").meta.kind == "other"


def test_state_council_work_reports_are_other():
    path = SHARED / "corpus" / "other" / "government_work_reports.jsonl"
    if not path.exists():
        pytest.skip("shared/corpus/other is not beside the repository")
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    # the long reports of several eras, and the short resolutions on them
    picked = docs[:8] + docs[40:44] + docs[60:72:3]
    kinds = {d["title"]: meta_of(d["content"]).meta.kind for d in picked}
    assert set(kinds.values()) == {"other"}, kinds


# -- seeds ------------------------------------------------------------------------
def test_seed_inner_mongolia_2021():
    m = from_seed("000").meta
    assert m.report_year == 2021
    assert (m.jurisdiction, m.level, m.province) == ("磴口县", "county", "内蒙古自治区")
    assert m.parent == "巴彦淖尔市"
    assert m.kind == "report" and m.title is None


def test_seed_shanxi_web_copy():
    r = from_seed("001")
    m = r.meta
    assert m.title.endswith("法治政府建设工作情况报告")
    assert ev(r, "title") == m.title and not r.text[r.meta.evidence["title"][0] - 5:].startswith("首页")
    assert m.report_year == 2022
    assert (m.jurisdiction, m.parent, m.province) == ("洪洞县", "临汾市", "山西省")
    assert m.issuers == ["中共洪洞县委", "洪洞县人民政府"]
    assert m.report_date == "2023-02-01" and m.publish_date == "2023-03-16"
    assert m.kind == "report"


def test_seed_template_copy():
    r = from_seed("002")
    m = r.meta
    assert m.kind == "template"
    assert m.report_year == 2021                      # the body's headings, not the page title's 2022
    assert r.hints["title_year"] == 2022
    assert m.jurisdiction is None and m.province is None


def test_seed_gansu_autonomous_prefecture():
    m = from_seed("003").meta
    assert m.report_year == 2024
    assert (m.jurisdiction, m.parent, m.province) == ("康乐县", "临夏回族自治州", "甘肃省")


def test_seed_guangxi_2019_to_city_government():
    r = from_seed("004")
    m = r.meta
    assert m.report_year == 2019
    assert (m.jurisdiction, m.parent, m.province, m.level) == ("融安县", "柳州市", "广西壮族自治区", "county")
    assert m.report_date == "2019-12-27"
    assert m.kind == "report"
    assert ev(r, "addressee") == m.parent + "人民政府"      # reported to its city government


# ------------------------------------------------------------------ parent read from the text
def _town(addressee: str = "", body_extra: str = "", sig: str = "青柏镇人民政府") -> str:
    return (f"青柏镇2023年法治政府建设工作情况报告\n\n{addressee}"
            "2023年，青柏镇党委、政府在县委、县政府的领导下，认真落实法治政府建设各项任务。\n"
            f"{BODY}办理县12345热线转办工单86件。{body_extra}\n{sig}\n2024年1月10日\n")


def test_invented_township_is_not_matched_inside_a_word():
    # 理县 is a real county, but here it is the tail of 办理县12345: unknown stays null
    r = meta_of(_town())
    m = r.meta
    assert (m.jurisdiction, m.level, m.parent, m.province) == ("青柏镇", "township", None, None)


def test_township_parent_from_the_addressee():
    r = meta_of(_town("松台县人民政府：\n"))
    assert (r.meta.parent, r.meta.province) == ("松台县", None)
    assert ev(r, "parent") == "松台县"


def test_parent_from_issuer_prefix_of_an_unknown_district():
    text = ("清河口区2023年法治政府建设年度报告\n"
            "2023年，清河口区坚持把法治政府建设作为基础性工作。\n" + BODY +
            "\n中共临渊市清河口区委员会\n临渊市清河口区人民政府\n2024年3月8日\n")
    r = meta_of(text)
    assert (r.meta.jurisdiction, r.meta.parent, r.meta.province, r.meta.level) == \
        ("清河口区", "临渊市", None, "county")


def test_parent_from_leadership_phrase_and_province_from_a_known_parent():
    text = ("松台县2023年法治政府建设情况报告\n"
            "2023年，在柳州市委、市政府的坚强领导下，松台县深入推进依法行政。\n" + BODY +
            "\n松台县人民政府\n2024年2月1日\n")
    r = meta_of(text)
    assert (r.meta.jurisdiction, r.meta.parent, r.meta.province) == ("松台县", "柳州市", "广西壮族自治区")


def test_a_parent_below_the_jurisdiction_is_not_taken():
    # a township named before a county is not the county's parent
    text = ("松台县2023年法治政府建设情况报告\n石岭镇人民政府、松台县司法局：\n"
            "2023年，松台县深入推进依法行政。\n" + BODY + "\n松台县人民政府\n2024年2月1日\n")
    assert meta_of(text).meta.parent is None


def test_gazetteer_two_character_names_need_a_word_boundary():
    g = gazetteer()
    assert [n for _, _, n in g.find("办理县12345热线转办工单")] == []
    assert [n for _, _, n in g.find("赴理县开展对口帮扶")] == ["理县"]
    assert [n for _, _, n in g.find("阿坝州理县")][-1] == "理县"


@pytest.mark.parametrize("sig,parent,province", [
    ("南京市鼓楼区人民政府", "南京市", "江苏省"),      # same-name districts: the issuer settles it
    ("鼓楼区人民政府", None, None),                   # nothing in the text settles it: unknown
])
def test_ambiguous_district_parent_from_issuer(sig, parent, province):
    text = ("鼓楼区2023年法治政府建设年度报告\n2023年，鼓楼区深入推进依法行政。\n" + BODY +
            f"\n{sig}\n2024年2月1日\n")
    m = meta_of(text).meta
    assert (m.jurisdiction, m.parent, m.province) == ("鼓楼区", parent, province)


def test_plan_heading_for_the_next_year_does_not_override_the_title_year():
    from fazhi.api import analyze_text
    base = ("临川县2022年法治政府建设年度报告\n\n2022年，我县扎实推进法治政府建设。\n\n"
            "一、{h}\n（一）深化行政执法体制改革。\n二、存在的不足和原因\n执法队伍专业化程度不高。\n")
    for h in ("2023年度法治政府建设工作重点", "2023年主要任务"):
        assert analyze_text(base.format(h=h)).meta.report_year == 2022
    # headings of the year before the title (the year confusion of a copied report) still count
    assert analyze_text(base.format(h="2021年度法治政府建设主要举措和成效")).meta.report_year == 2021
