"""The document-kind classifier (parse/kind.py, catalog/kinds.yaml) and the masks it shares
(zh/masks.py): reports, templates with fill-in markers, plans, news (of meetings, quoting a report),
articles (yearbook entries, magazine bylines) and their lookalikes.

Every text here is written by the team (fictional places: 青禾县, 云溪市, 柳湾镇 …). Each class
has a case that must be recognised and a near miss that must not.
"""
from __future__ import annotations

from meta_helpers import BODY_FOUR_PARTS, BODY_THREE_PARTS as BODY, meta_of, report_of

import pytest

from fazhi import analyze_text, pipeline
from fazhi.api import build_report
from fazhi.parse.kind import view
from fazhi.zh import masks


def kind_of(text: str, **hints) -> str:
    r = build_report(text.encode("utf-8"), media_type="text/plain")
    r.hints.update(hints)
    pipeline.run(r, None, ["sections", "meta"])
    return r.meta.kind


MEASURES = ("一、主要举措和成效\n（一）坚持党的领导，统筹推进法治政府建设。县政府常务会议专题学法6次，"
            "研究部署依法行政工作，全年办理行政复议案件12件。\n（二）深化“放管服”改革。"
            "动态调整权责清单，取消行政许可事项3项。\n")
OPENING = ("2023年，青禾县坚持以习近平法治思想为指导，全面落实法治政府建设实施纲要，"
           "扎实推进依法行政，法治政府建设取得新成效。")


# -- reports --------------------------------------------------------------------------
def test_report_with_its_title():
    assert kind_of("青禾县2023年法治政府建设年度报告\n" + OPENING + "\n" + MEASURES) == "report"


@pytest.mark.parametrize("opening", [
    OPENING,                                                                    # year, subject
    "2023年是全面贯彻党的二十大精神的开局之年。一年来，青禾县坚持依法行政，推进法治政府建设。",
    "在县委的坚强领导下，青禾县政府坚持依法行政，全面推进法治政府建设，取得明显成效。",
    "根据《法治政府建设与责任落实督察工作规定》要求，县司法局认真总结2023年度法治政府建设情况，现报告如下。",
])
def test_report_without_its_title(opening):
    # a mirror that dropped the title: the opening sentence, the formula or the measures decide
    assert kind_of(opening + "\n" + MEASURES) == "report"


def test_report_without_title_or_opening():
    # the excerpt starts at the first heading: numbered measures of a 法治 text
    assert kind_of(MEASURES + "（三）强化行政执法监督，落实行政执法三项制度，推进法治建设。\n") == "report"


def test_report_on_a_broken_conversion():
    # traditional characters with pinyin inserted after some of them
    text = ("2023年，雲溪市堅(jiān)持以習(xí)近平法治思想為指導(dǎo)，全面推進(jìn)法治政府建設(shè)，"
            "依法行政水平不斷提高。\n一、主要舉措和成效\n（一）加強(qiáng)組織領(lǐng)導(dǎo)。\n")
    assert kind_of(text) == "report"
    assert view("建设(shè)法治") == "建设法治" and view("深入贯 彻") == "深入贯彻"


def test_report_title_run_into_the_body():
    # a doc-share extraction without line breaks, own title in mid-line
    text = ("1、青禾县2016年法治政府建设情况的报告2016 年，青禾县政府认真贯彻落实上级部署，"
            "全面推进依法行政。一、依法行政工作总体情况(一)加强组织领导，法治政府建设整体推进。")
    assert kind_of(text) == "report"


def test_topic_text_without_report_evidence_is_not_a_report():
    # near miss: a 法治 text with neither a report title, formula, opening nor measures
    text = ("法治是最好的营商环境。推进法治政府建设，需要把依法行政贯穿政府工作全过程，"
            "让法治成为干部的思维习惯。\n")
    assert kind_of(text) == "article"


# -- templates ---------------------------------------------------------------------
@pytest.mark.parametrize("title, opening", [
    ("XX镇2023年法治政府建设工作报告", OPENING),
    ("20xx年度法治政府建设情况报告", "20xx年，我镇坚持依法行政，推进法治政府建设。"),
    ("乡依法行政工作总结", "2023年以来，*乡依法行政工作坚持以习近平法治思想为指导，取得明显成效。"),
    ("某县2023年法治政府建设年度报告", OPENING),
    ("x镇2023年法治政府建设年度报告", OPENING),
])
def test_template_masked_reporter(title, opening):
    assert kind_of(title + "\n" + opening + "\n" + MEASURES) == "template"


def test_template_masks_in_the_body():
    body = OPENING + "\n一、主要举措\n组织××同志参加培训，开展***专项行动，走访XX村。\n"
    assert kind_of("青禾县2023年法治政府建设年度报告\n" + body) == "template"


def test_unmasked_report_on_a_template_site_is_a_report():
    # near miss: site residue but every name written
    text = ("青禾县2023年法治政府建设年度报告\n" + OPENING + "\n" + MEASURES
            + "仅展示628字，全文共2002字\n")
    assert kind_of(text) == "report"
    assert kind_of("青禾县2023年法治政府建设年度报告\n" + OPENING + "\n" + MEASURES,
                   template_site=True) == "report"
    # residue plus one placeholder
    assert kind_of("青禾县2023年法治政府建设年度报告\n" + OPENING + "\n" + MEASURES
                   + "组织xx村干部学法。\n仅展示628字，全文共2002字\n") == "template"


def test_one_real_letter_or_case_word_is_not_a_mask():
    # near misses: X-ray machines, a case story with 某公司
    text = ("青禾县2023年法治政府建设年度报告\n" + OPENING + "\n" + MEASURES
            + "配备X光安检机2台。查处某公司违法排污案件1件。\n")
    assert kind_of(text) == "report"


def test_masks_module():
    assert [m.group() for m in masks.mask_hits("20xx年，xx县、X镇、*乡、××同志、x01x年")] == \
        ["20xx", "xx", "X", "*", "××", "x01x"]
    assert masks.mask_hits("2023年，X光机、Excel表格、1×2米") == []
    assert masks.is_masked("某某县") and masks.is_masked("ＸＸ市") and not masks.is_masked("青禾县")


# -- interpretations ---------------------------------------------------------------
def test_interpretation():
    assert kind_of("《青禾县2023年法治政府建设年度报告》解读\n" + OPENING + "\n") == "interpretation"
    text = ("一、起草背景\n根据上级要求，县司法局起草了《青禾县2023年法治政府建设工作要点》。\n"
            "二、主要内容\n" + MEASURES)
    assert kind_of(text) == "interpretation"
    text = ("坚定不移推进依法行政wYm县研究室\n——2023年《青禾县政府工作报告》解读wYm县研究室\n"
            "县人大审议通过了《政府工作报告》，报告系统总结了过去一年的工作。\n")
    assert kind_of(text) == "interpretation"


def test_breadcrumb_naming_interpretations_is_not_one():
    # near miss: a report posted under a portal column called 政策解读
    text = "首页 > 政策解读\n青禾县2023年法治政府建设年度报告\n" + OPENING + "\n" + MEASURES
    assert kind_of(text) == "report"


# -- plans -------------------------------------------------------------------------
def test_plan():
    assert kind_of("青禾县2024年法治政府建设工作要点\n一、总体要求\n坚持依法行政。\n") == "plan"
    text = ("各乡镇人民政府，县政府各部门：\n现将《青禾县法治政府建设实施方案》印发给你们，请认真贯彻落实。\n"
            "为加快建设法治政府，结合我县实际，制定本实施方案。\n一、总体要求\n（一）指导思想\n坚持依法行政。\n")
    assert kind_of(text) == "plan"
    text = ("为加快建设法治政府，推进依法行政，现结合本县实际，提出如下意见。\n"
            "一、指导思想\n坚持依法行政。\n二、主要任务\n推进法治政府建设。\n")
    assert kind_of(text) == "plan"


def test_report_on_a_plan_is_a_report():
    # near miss: a report on carrying out a plan, and a report that names next year's 工作要点
    assert kind_of("青禾县法治政府建设实施方案落实情况的报告\n" + OPENING + "\n" + MEASURES) == "report"
    assert kind_of(OPENING + "制定《2024年法治政府建设工作要点》。\n" + MEASURES) == "report"


# -- news --------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "县政府党组召开会议审议2023年度法治政府建设情况报告\n3月12日，县长主持召开县政府党组会议，"
    "审议《青禾县2023年度法治政府建设情况报告》。会议强调，要加快推进法治政府建设。\n",
    "本网讯（通讯员 李明）5月6日，青禾县法治政府建设推进会召开，总结2023年法治政府建设工作。\n",
    "本站讯 近日，云溪市司法局发布2023年法治政府建设年度报告，全面总结依法行政工作。\n"
    "2023年，云溪市司法局坚持以习近平法治思想为指导，推进法治政府建设。\n",
    "县司法局被评为全省法治政府建设先进单位\n近日，省委依法治省办通报了2023年度考核情况。\n",
])
def test_news(text):
    assert kind_of(text) == "news"


def test_report_mentioning_a_meeting_is_not_news():
    # near miss: the report's own measures name meetings and dates
    text = ("青禾县2023年法治政府建设年度报告\n" + OPENING + "\n一、主要举措和成效\n"
            "3月12日，县政府召开法治政府建设推进会，部署全年工作。\n")
    assert kind_of(text) == "report"


# -- other documents ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # 政府信息公开工作年度报告, with and without its title
    "青禾县2023年政府信息公开工作年度报告\n一、总体情况\n2023年，县政府依法推进政务公开。\n",
    "一、总体情况\n2023年，我局认真贯彻《中华人民共和国政府信息公开条例》，加大主动公开力度，"
    "规范依申请公开办理，推进依法行政。\n",
    # an assessment 通报 and a list of model units
    "关于2023年度全县法治政府建设考核结果的通报\n各乡镇：\n现将考核结果通报如下：\n一、优秀单位（3个）\n",
    "为推广法治政府建设经验，省里开展典型培树活动。经评审，10个单位入选法治政府建设先进典型，名单如下。\n",
    # one official's 述法 report
    "县林业局局长2023年述法报告\n2023年以来，我作为县林业局主要负责人，认真履行推进法治建设第一责任人职责。\n",
    "云溪市委政研室主要负责人履行推进法治建设第一责任人职责情况报告\n2023年，我带领全室干部学法用法。\n",
    # an exam question built from a report
    "2023年，云溪市法治政府建设取得新成效，依法行政水平不断提升。\n结合材料，谈谈推进法治政府建设的启示。\n",
    # a yardstick, not a report
    "云溪市法治政府建设指标体系（试行）\n一、依法全面履行政府职能（占总分值的15%）\n",
    # a catalogue record in English
    "青禾县2023年法治政府建设年度报告\nEnglish title (machine-translated)\nQinghe County report on the "
    "2023 construction of a rule-of-law government. Published 2024-03-01. Type: policy. Summary: the county "
    "government adhered to the rule of law and made progress in administrative law enforcement reform.\n",
])
def test_other(text):
    assert kind_of(text) == "other"


def test_report_citing_the_disclosure_regulation_is_a_report():
    # a town's report that opens on a document number and applies 《政府信息公开条例》 in one of its
    # measures: a cited regulation is not the disclosure genre's own voice
    text = ("青禾府〔2024〕12号\n2024年以来，在县委、县政府的坚强领导下，我镇全面依法行政，推进“法治青禾”建设。"
            "现将有关情况报告如下:\n一、健全法治政府建设体制机制\n一是强化组织领导。我镇调整法治政府建设领导小组。"
            "二是深化政务公开，全面落实《政府信息公开条例》，及时公开财政预算等信息。\n")
    assert kind_of(text) == "report"


def test_news_signed_by_its_reporter_with_keyword_tags():
    # a story about a province's report heard by its congress, signed (记者 …) and followed by the
    # portal's 关键词 tags: news, not research and not the report
    text = ("青川省2023年法治政府建设成效明显\n发布日期: 2024-03-20 来源: 青川日报\n"
            "省人大常委会会议听取了省人民政府2023年度法治政府建设情况报告。报告显示，2023年，"
            "全省法治政府建设取得新成效，建成公共法律服务中心120个，办理法律援助案件1.5万件。\n"
            "报告显示，全省推行柔性执法，办理案件3万件。\n(记者 王一)\n关键词: 法治政府 法律援助\n")
    assert kind_of(text) == "news"
    # a paper's keywords above its body stay research
    paper = "法治政府建设的路径研究\n关键词：法治政府；依法行政\n摘要：本文考察近年的法治政府建设。\n一、问题的提出\n"
    assert kind_of(paper) == "article"


def test_report_heading_on_first_responsible_duty_is_still_a_report():
    # near miss: a government report whose part names the leaders' first-responsible duty
    text = ("青禾县2023年法治政府建设年度报告\n" + OPENING + "\n"
            "一、党政主要负责人履行推进法治建设第一责任人职责情况\n县长带头学法，主持县政府常务会议学法6次。\n")
    assert kind_of(text) == "report"


# -- articles ----------------------------------------------------------------------
def test_article_blue_book_chapter():
    text = ("- 云溪法治发展报告.2024\n- 云溪社会科学院\n2023年云溪法治政府建设报告\n张明 李华\n"
            + OPENING + "\n" + MEASURES)
    assert kind_of(text) == "article"
    text = ("法治政府建设年度报告制度研究\n摘要：年度报告制度是推动法治政府建设的重要机制。\n"
            "关键词：法治政府；年度报告\n2023年，各地普遍公开了年度报告。\n")
    assert kind_of(text) == "article"


def test_news_told_without_a_news_lead():
    # a meeting story whose first words are a purpose clause, not a date
    text = ("为推动领导干部履行推进法治建设第一责任人职责，2024年3月21日，青禾县述法评议会在县委会议室召开。"
            "会上，8个部门主要负责人现场述法。会议强调，要把法治建设抓在手上。\n")
    assert kind_of(text) == "news"
    # near miss: a 法治 commentary that tells no meeting stays an article
    assert kind_of("推进法治政府建设，关键在于领导干部带头尊法学法守法用法，让依法行政成为习惯。\n") == "article"


@pytest.mark.parametrize("label", ["政策解读", "公示公告", "新闻发布", "工作要点"])
def test_column_label_above_a_report_decides_nothing(label):
    # a portal's column label picked as the title: the body still makes the report
    assert kind_of(label + "\n\n" + OPENING + "现将有关情况报告如下。\n" + MEASURES) == "report"


def test_table_of_contents_is_other():
    toc = "".join(f"{i}.{name}法治政府建设工作综述{10 * i}\n" for i, name in
                  enumerate(["青禾县", "云溪市", "柳湾镇", "石门县", "白沙区", "东林市"], 1))
    assert kind_of("目录\n" + toc) == "other"
    # near miss: a report with a small table whose rows end with figures
    table = "行政复议案件 12\n行政诉讼案件 8\n行政调解案件 30\n行政执法人员 415\n"
    assert kind_of(OPENING + "\n" + MEASURES + table) == "report"


def test_address_to_a_congress():
    # a 政府工作报告 read to the people's congress is not a 法治 report
    gwr = ("各位代表：\n现在，我代表县人民政府，向大会报告政府工作，请予审议。\n"
           "一、2023年工作回顾\n过去一年，全县经济持续回升，坚持依法行政，法治建设扎实推进。\n")
    assert kind_of(gwr) == "other"
    # near miss: the 法治政府建设 report read to the standing committee is a report
    own = ("主任、副主任、各位委员：\n我受县人民政府委托，向本次会议报告2023年度法治政府建设情况，请予审议。\n"
           + MEASURES)
    assert kind_of(own) == "report"


def test_one_official_speaking_is_other():
    text = ("今年以来，我认真贯彻上级关于法治建设的部署，带头尊法学法守法用法，"
            "现将我履行推进法治建设第一责任人职责情况报告如下：\n一、履职情况\n（一）带头学法。\n")
    assert kind_of(text) == "other"
    # near miss: 我县/我们/我局 speak for the unit
    text = ("2023年，我县认真贯彻上级部署，我们坚持依法行政，推进法治政府建设，"
            "现将我局2023年法治政府建设情况报告如下：\n" + MEASURES)
    assert kind_of(text) == "report"


def test_more_lookalikes():
    assert kind_of("青禾县2023年度信息公开工作年度报告\n一、总体情况\n2023年，县政府推进依法行政。\n") == "other"
    assert kind_of("同志们：\n今天召开全县法治政府建设工作会议，主要任务是推进依法行政。\n") == "other"
    assert kind_of("云溪年鉴2024\n【依法行政】2023年，云溪市推进法治政府建设，办理行政复议案件80件。\n") == "article"
    assert kind_of("现提出2024年法治政府建设工作要点如下：\n一、加强党的领导\n推进依法行政。\n") == "plan"
    assert kind_of("央视网消息：近日，多地公布法治政府建设年度报告，推进依法行政。\n") == "news"


def test_report_naming_its_plan_and_year_stays_a_report():
    # near miss: a report whose opening cites a plan and whose chrome shows a date
    text = ("发布时间：2024-03-01\n青禾县2023年法治政府建设年度报告\n" + OPENING
            + "按照《青禾县2023年法治政府建设工作要点》，现将有关情况报告如下。\n" + MEASURES)
    assert kind_of(text) == "report"


def test_fragment_after_a_cut_opening_is_a_report():
    # a doc-share page that hides the opening: a run of counted measures remains
    text = ("（开头部分已省略650字）\n（一）加强组织领导。县政府常务会议学法4次，落实行政执法三项制度。\n"
            "（二）规范行政执法。开展执法案卷评查2次，评查案卷120件。\n")
    assert kind_of(text) == "report"
    # near miss: a plan's fragment, headings of a plan
    text = ("（开头部分已省略650字）\n（一）指导思想。坚持依法行政，推进法治政府建设。\n"
            "（二）工作目标。到2025年，法治政府基本建成。\n")
    assert kind_of(text) == "plan"


def test_site_disclaimer_placeholder_is_not_a_mask():
    text = ("青禾县2023年法治政府建设年度报告\n" + OPENING + "\n" + MEASURES
            + "凡本网注明“来源：XXX”的作品，均转载自其他媒体。\n仅展示628字，全文共2002字\n")
    assert kind_of(text) == "report"


# -- rules that generalise to fragments and lookalikes (fresh public pages, not the real set) --
def test_footnote_stars_after_a_name_are_no_mask():
    assert [m.group() for m in masks.mask_hits("王明**\n摘要")] == []
    assert [m.group() for m in masks.mask_hits("法治的根基**——论纲要")] == []
    assert [m.group() for m in masks.mask_hits("区委共召开会议**次")] == ["**"]
    assert [m.group() for m in masks.mask_hits("联系人：***\n")] == ["***"]


def test_research_paper_titled_as_an_interpretation_is_an_article():
    text = ("法治政府的三个支点*——《法治政府建设实施纲要》精神解读\n王明**\n"
            "摘 要：纲要为法治政府建设确定了路线图。\n关键词：法治政府 纲要\n"
            "纲要公布以来，各地普遍建立了年度报告制度。\n")
    assert kind_of(text) == "article"
    # near miss: an official explanation keeps its kind
    text = ("关于《青禾县2023年法治政府建设情况的报告》的解读\n一、起草背景\n按照督察工作规定，县司法局起草了报告。\n"
            "二、主要内容\n报告包括主要举措和成效、存在的不足、下一步安排。\n")
    assert kind_of(text) == "interpretation"


def test_interpretation_cue_must_be_a_heading():
    text = ("行政立法评估制度的价值\n行政立法评估对行政立法的制定过程进行全程控制，"
            "是法治政府建设和依法行政的新气象，也有利于规范性文件的审查。\n")
    assert kind_of(text) != "interpretation"
    text = ("一、背景\n为推进法治政府建设，县政府编写了年度报告。\n二、研判和起草过程\n"
            "县委依法治县办在梳理各单位情况的基础上形成初稿。\n")
    assert kind_of(text) == "interpretation"


def test_survey_report_title_is_not_the_annual_report():
    text = ("法治政府建设调查报告\n第1篇：云溪法治政府评估\n课题组对12个城市的依法行政和行政执法情况进行了评估，"
            "形成了评估报告。评估指标包括行政决策、行政复议等。\n")
    assert kind_of(text) != "report"
    assert kind_of("青禾县法治政府建设情况报告\n" + OPENING + "\n" + MEASURES) == "report"


def test_headline_telling_of_a_plan_is_news():
    text = ("青禾县出台法治政府建设工作要点\n日前，青禾县出台2024年法治政府建设工作要点，"
            "明确依法行政、行政执法等八个方面的任务。（县司法局）\n")
    assert kind_of(text) == "news"
    text = ("青禾县2024年法治政府建设工作要点\n为深入推进依法行政，制定本要点。\n一、总体要求\n"
            "坚持依法行政，推进法治政府建设。\n二、重点任务\n（一）健全行政执法监督机制。\n")
    assert kind_of(text) == "plan"


def test_document_published_in_full_takes_the_document_kind():
    text = ("云溪市司法局发布2023年法治政府建设年度报告\n发布时间：2024-03-29\n"
            "本网讯 据云溪市司法局网站消息，市司法局发布2023年法治政府建设年度报告。具体报告如下：\n" + MEASURES)
    assert kind_of(text) == "report"
    # near miss: the news summarises the report and gives no text of it
    text = ("云溪市司法局发布2023年法治政府建设年度报告\n本网讯 近日，云溪市司法局发布2023年法治政府建设年度报告，"
            "全面总结了一年来依法行政、行政执法等工作。\n")
    assert kind_of(text) == "news"


@pytest.mark.parametrize("text", [
    "为在新发展阶段推进依法行政，根据中央部署，结合本市实际，制定本纲要。\n一、深入推进依法行政\n（一）健全行政决策机制。\n",
    "为落实第一责任人职责，制定青禾县党政主要负责人履行推进法治建设第一责任人职责清单如下。\n一、基本原则\n（一）坚持党的领导。\n",
    ("各镇人民政府，县政府各部门：\n现将《青禾县全面推进依法行政第五个五年规划（2011—2015年）》印发给你们，请认真贯彻施行。\n"
     "为推进依法行政，编制本规划。\n一、指导思想\n"),
])
def test_plan_formulas(text):
    assert kind_of(text) == "plan"


def test_comment_on_duty_reports_is_not_a_duty_report():
    text = ("用好年终述法 推动法治建设\n来源：云溪日报\n领导干部是推进法治建设的关键少数，述法工作有利于"
            "压实法治建设第一责任人职责，推动依法行政。\n")
    assert kind_of(text) != "other"
    text = "青禾县司法局局长2023年度述法报告\n一年来，我认真履行推进法治建设第一责任人职责。\n"
    assert kind_of(text) == "other"


def test_fragment_starting_at_a_plan_heading_is_a_plan():
    text = ("一、总体要求\n坚持以习近平法治思想为指导，全面推进依法行政。到2025年，政府行为全面纳入法治轨道。\n"
            "二、主要任务\n（一）健全政府机构职能体系。\n")
    assert kind_of(text) == "plan"
    text = ("一、工作目标和总体要求\n全面推进依法行政，建设法治政府。\n")
    assert kind_of(text) == "plan"


def test_fragment_with_a_statutory_part_heading_is_a_report():
    text = ("发展提供坚强法治保障。\n一、区政府主要负责同志履行推进法治建设第一责任人职责情况\n"
            "区长主持召开区政府常务会议审议年度报告，研究部署法治政府建设和依法行政工作。\n")
    assert kind_of(text) == "report"
    # near miss: a theme heading names no part of the report, and nothing is counted
    text = ("发展提供坚强法治保障。\n一、加强组织领导\n坚持依法行政，推进法治政府建设，强化行政执法监督。\n")
    assert kind_of(text) != "report"


def test_fragment_telling_work_done_is_a_report():
    text = ("党组先后召开会议研究法治建设，组织开展了行政执法培训。\n（二）规范行政执法。"
            "累计评查行政执法案卷56件，推进依法行政。\n")
    assert kind_of(text) == "report"
    # near miss: a plan's fragment prescribes work
    text = ("（二）规范行政执法。各地各部门要严格落实行政执法三项制度，推进依法行政。"
            "到2025年，行政执法全面规范。力争法治政府建设取得突破。\n")
    assert kind_of(text) != "report"


@pytest.mark.parametrize("text", [
    "度法治建设工作情况进行现场述法，书记一一点评。\n就推进法治建设工作，李明强调：述法工作是推动依法行政的重要抓手。\n",
    "不足。\n记者从发布会上获悉，评估报告显示云溪市法治政府建设和依法行政水平持续提升。\n",
    "为推进法治政府建设，3月12日上午，青禾县召开依法行政工作推进会，部署行政执法监督工作。\n",
])
def test_news_fragments(text):
    assert kind_of(text) == "news"


def test_report_quoting_the_general_secretary_is_not_news():
    text = (OPENING + "\n" + "习近平总书记强调：法治是最好的营商环境。\n" + MEASURES)
    assert kind_of(text) == "report"


def test_research_by_affiliation_line_or_citations():
    text = ("王明\n（云溪大学 法学院，云溪 100038）\n依法行政是法治政府建设的核心，本文讨论行政执法的规范化。\n")
    assert kind_of(text) == "article"
    text = ("依法行政是法治政府建设的核心[1]。学界对行政执法规范化已有讨论[2]，行政复议亦受关注。\n")
    assert kind_of(text) == "article"


@pytest.mark.parametrize("text", [
    "经过自愿申报、省级初审、第三方评估等程序，决定对第二批法治政府建设示范地区予以命名。各地要推进依法行政。\n",
    "中央依法治国办确定了拟命名的法治政府建设示范地区名单。现将名单公示，接受监督。依法行政。\n",
])
def test_naming_and_list_announcements_are_other(text):
    assert kind_of(text) == "other"


def test_blank_form_date_is_no_template():
    text = ("云溪市地方标准 法治政府建设评估规范（征求意见稿）\nXXXX-XX-XX发布 XXXX-XX-XX实施\n"
            "本文件规定了法治政府建设评估的指标体系、依法行政和行政执法的评估方法。\n")
    assert kind_of(text) != "template"
    assert kind_of("XX县2023年法治政府建设工作报告\n" + OPENING + "\n" + MEASURES) == "template"


def test_cited_report_or_reporting_system_is_no_inline_title():
    text = ("法治政府建设年度报告制度指政府将上年度法治政府建设情况向上级报告并公开的制度，"
            "是推动依法行政的重要机制。\n")
    assert kind_of(text) != "report"


def test_report_fragment_on_open_government_work_is_still_a_report():
    text = ("一、2023年度推进法治政府建设的主要举措和成效\n（一）深化政务公开，推进依法行政。全年主动公开政府信息320条，"
            "办理依申请公开12件，政务公开平台运行良好。\n")
    assert kind_of(text) == "report"
    # near miss: an open-government annual report keeps its kind
    text = ("一、总体情况\n2023年，县政府深化政务公开，主动公开政府信息320条，办理依申请公开12件。\n")
    assert kind_of(text) == "other"


def test_fragment_on_the_first_task_area_is_a_report():
    text = ("一、依法全面履行政府职能\n（一）深化“放管服”改革。县政府完成23个部门权责清单调整，"
            "取消行政许可事项4项。\n")
    assert kind_of(text) == "report"


# -- blind-page patterns (issue #10) ----------------------------------------------------
TABLE_HEAD = ("| 索 引 号: | 000123/2023-00456 | 信息分类: | |\n"
              "| 发文机构: | 生成日期/有效期: | 2023-02-10 09:30:00 | |\n"
              "| 发文字号: | 关键词: | ||\n"
              "| 标 题: | 青禾县交通运输局2022年政府信息公开工作年度报告 | ||\n"
              "青禾县交通运输局2022年政府信息公开工作年度报告\n"
              "依据《中华人民共和国政府信息公开条例》规定，编制本报告。\n一、总体情况\n"
              "2022年，我局深入推进政务公开工作，主动公开政府信息350条。\n")


def test_empty_keyword_cell_of_a_metadata_table_makes_no_article():
    r = build_report(TABLE_HEAD.encode("utf-8"), media_type="text/plain")
    pipeline.run(r, None, ["sections", "meta"])
    assert r.meta.title == "青禾县交通运输局2022年政府信息公开工作年度报告"
    assert r.meta.kind == "other"
    assert r.meta.report_year == 2022
    # 生成日期 in its own cell is the document's date, not the post date
    assert r.meta.publish_date is None


def test_keyword_line_of_a_paper_is_still_an_article():
    text = ("法治政府建设的实践与思考\n张三\n摘要：本文分析了近年来法治政府建设的进展。\n"
            "关键词：法治政府；依法行政\n一、问题的提出\n法治政府建设是全面依法治国的重点任务。\n")
    assert kind_of(text) == "article"


def test_model_text_that_leaves_the_reporter_open_is_a_template():
    text = ("撰写法治政府建设工作总结十分必要。本文将呈现多篇不同风格的法治政府建设工作总结范文，供读者参考。\n"
            "篇一：法治政府建设工作总结\n一、总体工作回顾\n过去一年，我部门（或本地区）坚持以习近平法治思想为指导，"
            "全面推进依法行政，取得明显成效。\n二、存在的不足\n法治宣传有待加强。\n")
    assert kind_of(text) == "template"


def test_real_report_on_a_model_text_site_is_still_a_report():
    text = ("范文网 > 工作总结\n青禾县2022年法治政府建设年度报告\n" + OPENING + "现将有关情况报告如下。\n" + MEASURES)
    assert kind_of(text) == "report"


def test_post_evaluation_of_a_plan_is_not_a_report():
    text = ("《青禾县加强法治政府建设实施意见(2021-2025年)》后评估情况报告\n"
            "2025年7月，县司法局对《实施意见》组织开展后评估，现将有关情况报告如下。\n"
            "一、评估工作的目的和方法\n（一）评估目的\n二、实施成效\n全县办理行政复议案件30件。\n")
    assert kind_of(text) == "other"


def test_a_units_whole_year_of_work_is_not_its_rule_of_law_report():
    text = ("青禾县司法局2024年工作总结和2025年工作思路\n2024年以来，全县司法行政工作紧扣主题年要求，"
            "为高质量发展提供法治保障。\n一、2024年主要工作\n（一）统筹推进全面依法治县。\n"
            "（二）人民调解。调解纠纷300件。\n二、2025年工作思路\n")
    r = build_report(text.encode("utf-8"), media_type="text/plain")
    pipeline.run(r, None, ["sections", "meta"])
    assert r.meta.title == "青禾县司法局2024年工作总结和2025年工作思路"
    assert (r.meta.kind, r.meta.level, r.meta.department) == ("other", "department", "司法局")
    # the same unit's 法治政府建设 summary stays a report
    assert kind_of(text.replace("2024年工作总结和2025年工作思路", "2024年法治政府建设工作总结", 1)) == "report"


def test_empty_abstract_field_of_a_news_portal_makes_no_article():
    text = ("首页 >> 新闻 >> 法治\n青禾县召开2023年度法治政府建设工作推进会\n2024年01月14日 来源:青禾新闻网\n\n"
            "内容摘要:\n\n作者简介:\n\n  本网讯 1月12日，青禾县召开法治政府建设工作推进会，"
            "县委副书记出席会议并讲话。会议通报了2023年度法治政府建设考核情况。\n")
    assert kind_of(text) == "news"


def test_withheld_figures_under_a_named_title_are_a_report():
    # the figures alone are masked: a real report with its numbers withheld, not a model text
    body = ("2023年，青禾县坚持依法行政，县政府常务会议专题学法**次，办理行政复议案件××件，"
            "行政机关负责人出庭应诉率达XX%，开展执法检查**次。\n" + MEASURES)
    assert kind_of("青禾县2023年法治政府建设年度报告\n" + body) == "report"
    # near misses: the same figures under a masked or an unnamed title, or names masked as well
    assert kind_of("XX县2023年法治政府建设年度报告\n" + body) == "template"
    assert kind_of("2023年法治政府建设年度报告\n" + body) == "template"
    assert kind_of("青禾县2023年法治政府建设年度报告\n" + body + "组织××同志参加培训，走访XX村，开展***专项行动。\n") \
        == "template"


def test_figure_masks():
    s = "召开会议**次，办理××件，占比XX%，走访XX村，20xx年"
    assert [m.group() for m in masks.mask_hits(s) if masks.is_figure_mask(s, m)] == ["**", "××", "XX"]


# a unit's work told as done, without title, formula or numbered headings
_STORY = ("县司法局围绕全县工作大局，发挥职能优势，多渠道夯实法治根基，为基层治理注入法治元素。\n"
          "加强队伍建设，激活乡村法治细胞。培育“法律明白人”工作持续推进，全县共培育1200名“法律明白人”、"
          "150户学法用法示范户。\n建强村居法律顾问，提高法律服务质效。2023年共接待群众咨询3000余次，"
          "开展法治宣传200余次，协助排查化解矛盾纠纷900余次，代理法律援助案件40余件。\n")


def test_work_of_a_unit_told_under_a_newsroom_credit_is_news():
    assert kind_of("2024-01-20 10:15:00 编辑: 王青 审核人: 李禾\n" + _STORY) == "news"
    # the unit called 该局 by the writer
    assert kind_of(_STORY.replace("建强村居法律顾问", "该局建强村居法律顾问")) == "news"


def test_work_of_a_unit_told_in_its_own_voice_under_a_credit_is_a_report():
    story = _STORY.replace("建强村居法律顾问", "我局建强村居法律顾问")
    assert kind_of("2024-01-20 10:15:00 编辑: 王青 审核人: 李禾\n" + story) == "report"
    # no credit, no 该局: the fragment of an account
    assert kind_of(_STORY) == "report"


def test_lead_on_the_same_day_is_news():
    assert kind_of("当天，青禾县人民法院发布2023年行政案件司法审查报告，介绍全县行政诉讼案件审理情况。"
                   "全年受理行政一审案件320件，行政机关负责人出庭应诉率达95%。\n") == "news"
    # 当天 inside the opening, not at its head
    assert kind_of("青禾县2023年法治政府建设年度报告\n" + OPENING + "当天即完成审查。\n" + MEASURES) == "report"


_WHOLE = ("2024年，市司法局党委始终坚持以习近平新时代中国特色社会主义思想为指导，各项工作不断取得新成效。"
          "全市2个集体荣获全国先进集体。\n一、坚持政治引领，确保司法行政工作正确政治方向\n"
          "（一）坚持党的领导。召开党委会20次，研究重大议题120个，开展理论学习中心组学习12次。\n"
          "（二）严明纪律规矩。修订完善制度4项，全年开展警示教育6次。\n"
          "二、履行法治职能\n（一）推进法治宣传。开展法治讲座10场，办理行政复议案件30件。\n")


def test_untitled_account_of_a_units_whole_work_is_other():
    assert kind_of(_WHOLE) == "other"


def test_untitled_account_whose_first_heading_names_rule_of_law_work_is_a_report():
    assert kind_of(_WHOLE.replace("确保司法行政工作正确政治方向", "统筹推进法治政府建设")) == "report"
    # the opening names the rule-of-law work it reports
    assert kind_of(_WHOLE.replace("各项工作不断取得新成效", "法治政府建设各项工作不断取得新成效")) == "report"


_WHOLE_YEAR = ("2024年，青禾区住房建设系统深入学习贯彻习近平法治思想，落实省、市、区有关法治建设要求，"
               "在区委区政府坚强领导下，以有力的法治保障助力高质量发展，各项工作稳步推进。\n"
               "一、2024年工作总结\n（一）坚持党建引领，不断加强党对住房建设工作的全面领导\n"
               "1.加强政治建设。开展理论学习中心组学习12次，专题研讨4次。\n"
               "2.推进重点项目。完成城市更新项目6个，办理群众诉求320件，开展法治培训3次。\n"
               "（二）坚持依法行政，推进法治建设\n1.规范执法。办理行政处罚案件20件。\n")


def test_untitled_account_whose_first_heading_is_the_units_whole_year_is_other():
    # 一、2024年工作总结: the unit's whole year of work (a 法治 word in the opening is not enough)
    assert kind_of(_WHOLE_YEAR) == "other"


def test_whole_year_heading_under_an_opening_on_rule_of_law_government_is_a_report():
    assert kind_of(_WHOLE_YEAR.replace("各项工作稳步推进", "法治政府建设各项工作稳步推进")) == "report"
    assert kind_of(_WHOLE_YEAR.replace("各项工作稳步推进", "现将2024年法治建设工作情况报告如下")) == "report"
    # the year's rule-of-law work as the heading
    assert kind_of(_WHOLE_YEAR.replace("一、2024年工作总结", "一、2024年法治政府建设工作总结")) == "report"


# -- a report published under a headline; one piece of work without a year; figures withheld --
PUBLISHED_BODY = ("2023年，云溪市审计局坚持以习近平法治思想为指导，依法全面履行审计监督职责，法治建设取得新进展。\n"
                  "一、加强党对法治建设的领导\n（一）强化组织领导。局党组专题研究法治工作4次。\n"
                  "二、完善依法行政制度体系\n（一）推进制度建设。制定内部制度5项。\n")


def test_a_report_printed_under_a_headline_announcing_it_is_the_report():
    text = "云溪市审计局2023年法治政府建设情况报告发布\n作者:来源:云溪市审计局时间:2024-03-02\n" + PUBLISHED_BODY
    assert kind_of(text) == "report"


def test_a_news_lead_telling_of_a_report_published_stays_news():
    text = ("云溪市审计局2023年法治政府建设情况报告发布\n"
            "本网讯 近日，云溪市审计局发布2023年法治政府建设情况报告，全面总结一年来的法治工作。\n"
            "报告显示，该局全年专题研究法治工作4次，制定内部制度5项。\n")
    assert kind_of(text) == "news"


ITEM = ("市交通运输局结合工作实际，在全市交通系统开展法治宣传月活动。\n"
        "一是在办公场所电子屏滚动播放法治宣传标语，提升干部职工的知晓度。\n"
        "二是执法人员深入客运站、物流企业发放宣传资料300余份，凝聚守法共识。\n"
        "三是在公交站台显示屏播放宣传标语，营造人人参与的良好氛围。\n")


def test_one_piece_of_work_told_in_a_run_of_items_without_a_year_is_news():
    assert kind_of(ITEM) == "news"


def test_a_run_of_items_that_names_the_year_is_still_a_report():
    assert kind_of(ITEM.replace("在全市交通系统开展", "2023年在全市交通系统开展")) == "report"




# -- a portal's buttons in 【…】 are neither a yearbook entry nor a heading ------------------
PORTAL = ("云溪市人民政府关于2021年度法治政府建设情况的报告\n\n来源: 发布日期:2022-03-01 09:00\n"
          "【 打印 】 【 扫一扫 】\n【 字体:  】\n\n"
          "2021年,云溪市坚持以习近平法治思想为指导,扎实推进依法行政,法治政府建设取得新成效。现将有关情况报告如下:\n\n"
          "一、2021年工作情况\n\n（一）党对法治政府建设的领导更加有力。市政府常务会议研究法治议题9次,"
          "全年办理行政复议案件40件。\n\n（二）行政决策更加规范。出台重大行政决策程序规定。\n")


def test_portal_buttons_are_not_a_yearbook_entry():
    r = report_of(PORTAL)
    assert r.meta.kind == "report"
    assert r.meta.report_year == 2021


# -- a yearbook volume over its 【…】 entries --------------------------------------------------
def test_yearbook_volume_is_an_article():
    text = ("2019卷\n【加强党对法治政府建设的全面领导】 省委将法治政府建设摆在全局工作重要位置,先后召开常委会会议、"
            "全面依法治省委员会会议,对法治政府建设作出部署。省长主持召开常务会议,听取了工作汇报。"
            "对8个市和15个省直部门开展实地督察,累计制定整改措施46项,除2项持续整改外全部完成整改。\n"
            "【服务型政府建设】 推进法治化营商环境建设,出台优化营商环境措施12项,评查执法案卷320卷。\n")
    r = report_of(text)
    assert r.meta.kind == "article"
    assert r.meta.report_year is None


# -- a speech 范文 with its names left to fill in; the years it recalls are none reported -----
SPEECH = ("在全县依法行政工作推进会议上的讲话\n刚才,会议通报了全县依法行政工作情况,总结了成绩。\n"
          "下面,我讲两点意见。\n一、提高认识,增强推进依法行政的责任感\n"
          "2016年,{mask}印发《法治政府建设实施纲要》,提出了7项主要任务。\n县委、县政府高度重视依法行政工作。\n")


def test_fill_in_markers_make_a_template():
    assert report_of(SPEECH.format(mask="(四字名称替换)")).meta.kind == "template"


def test_parenthesis_without_fill_in_marker_is_no_template():
    assert report_of(SPEECH.format(mask="(中共中央)")).meta.kind != "template"


# -- a year's work named and run into its first item: that year's work plan -------------------
def test_glued_year_work_title_is_a_plan():
    text = ("2022年依法治乡工作一、认真落实县依法治县工作要点1、全乡各单位要对照考核指标开展自查,"
            "查漏补缺,完善考核机制。2、发挥党委的领导核心作用,完善议事决策制度。二、加强法治政府建设"
            "1、健全乡便民服务中心运行机制,全面提高窗口效能。2、全面落实行政执法责任制,严格遵循法定程序。")
    assert report_of(text).meta.kind == "plan"


def test_glued_year_report_title_is_not_a_plan():
    text = ("2022年依法治乡工作情况一、主要举措和成效1、全乡开展法治宣传活动12场次,覆盖群众3000余人次。"
            "2、办理行政复议案件3件,化解矛盾纠纷46起。二、存在的不足1、执法人员专业化程度不高。")
    assert report_of(text).meta.kind != "plan"


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


def test_an_officials_shu_fa_opening_at_its_first_part_is_not_a_report():
    text = ("一、履职情况\n（一）深学笃行习近平法治思想\n全年参与党委理论中心组专题学习6次，"
            "制定《柳湾镇法治建设三年行动方案》。\n（二）落实“四个亲自”工作机制\n主持召开专题会议4次，"
            "研究解决土地承包纠纷等问题。\n二、存在问题\n法治队伍建设仍需加强。\n")
    assert meta_of(text).kind == "other"


def test_a_units_report_whose_first_part_tells_its_measures_stays_a_report():
    text = ("一、主要举措和成效\n（一）深学笃行习近平法治思想\n全年组织局党组专题学习6次，"
            "审查规范性文件3件。\n（二）规范行政执法\n办理行政处罚案件14件。\n二、存在问题\n法治队伍建设仍需加强。\n")
    assert meta_of(text).kind == "report"


def test_a_title_led_by_its_unit_in_brackets_is_no_yearbook_entry():
    text = ("【赣州市教育局】2023年法治政府建设年度报告\n2023年，我局坚持依法治教，扎实推进法治政府建设。\n" + BODY)
    m = meta_of(text)
    assert (m.kind, m.jurisdiction, m.department, m.report_year) == ("report", "赣州市", "教育局", 2023)
    assert meta_of("【依法行政】2023年，赣州市推进法治政府建设，办理行政复议案件80件。\n").kind == "article"


# -- kinds ---------------------------------------------------------------------------
def test_magazine_byline_makes_an_article() -> None:
    body = ("近年来，临渊市委、市政府认真贯彻落实法治政府建设的部署要求，法治政府建设取得明显成效。\n"
            "临渊作为中心城市，坚持示范引领。一是优化政务服务流程。推行“一次办”，企业开办时间缩短至4小时。"
            "二是加强“互联网+政务服务”建设。将2万余个服务事项分类编码。三是推进工程项目审批改革。\n")
    assert analyze_text("■ 临渊市司法局\n" + body).meta.kind == "article"
    assert analyze_text("○ 张 三\n" + body).meta.kind == "article"
    assert analyze_text(body).meta.kind != "article"      # no byline: not read as an article


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]




# -- meta.kind: a title that names the report inside 《》 -------------------------------------
NEWS_BODY = ("2月27日上午，市长主持召开市政府第36次常务会议，审议通过《松川市2023年度法治政府建设情况报告》。"
             "会议指出，2023年全市办理行政复议案件120件，行政机关负责人出庭应诉率100%，依法行政、行政执法、"
             "行政复议工作取得新进展。会议强调，要推进法治政府建设，提升行政执法质量，做好行政复议工作，"
             "加强法治建设，确保报告按时向社会公开。\n")


def test_news_title_quoting_the_report_is_news() -> None:
    r = analyze_text("市政府常务会议审议通过《松川市2023年度法治政府建设情况报告》\n" + NEWS_BODY)
    assert r.meta.kind == "news"
    assert rules(r, "structure.missing_part") == []


def test_report_title_is_still_a_report() -> None:
    r = analyze_text("松川市2023年度法治政府建设情况报告\n" + BODY_FOUR_PARTS + "松川市人民政府\n2024年2月26日\n")
    assert r.meta.kind == "report"
    r = analyze_text("松川市人民政府关于《法治政府建设实施纲要》落实情况的报告\n" + BODY_FOUR_PARTS
                     + "松川市人民政府\n2024年2月26日\n")
    assert r.meta.kind == "report"


# -- round of fazhi#10: classes seen on real pages (texts written for the test) ------------------
def test_underscore_blanks_make_a_template() -> None:
    # a 范文 copy whose names and years are blanks of underscores (20__年, 以____思想, __县)
    text = ("农业农村局2023年度法治建设工作报告\n"
            "20__年，局党组坚持以____思想为指导，全面落实__县法治政府建设工作要求，推进依法行政。"
            "现将主要情况报告如下：\n一、主要举措和成效\n（一）加强组织领导。成立了领导小组。\n")
    assert kind_of(text) == "template"
    assert [m.group() for m in masks.mask_hits("20__年在__县以____思想")] == ["20__", "__", "____"]
    # a rule line of underscores and a file name are no blanks
    assert masks.mask_hits("__________\nt2023_0101.html a__b") == []


def test_a_metadata_row_without_colons_is_not_part_of_the_title() -> None:
    text = ("组配分类 工作计划与总结 发布机构 市林业局\n生成日期 2023-03-10 公开方式 主动公开\n"
            "青禾县林业局2022年度法治政府建设工作情况报告\n" + OPENING + "\n" + MEASURES)
    r = analyze_text(text)
    assert r.meta.title == "青禾县林业局2022年度法治政府建设工作情况报告"
    assert r.meta.kind == "report"


def test_a_report_published_in_full_under_a_news_headline() -> None:
    text = ("司法部发布2023年法治政府建设年度报告\n"
            "本网讯 据司法部网站消息，司法部发布2023年法治政府建设年度报告。具体内容如下：\n"
            "一、加强党对法治政府建设的领导\n（一）深入学习贯彻习近平法治思想。全年举办专题培训12期。\n"
            "（二）健全工作机制。部务会议先后6次研究法治工作。\n")
    assert kind_of(text) == "report"


@pytest.mark.parametrize("text", [
    # a day alone as the dateline of a local paper
    ("柳湾镇全面依法治镇委员会办公室揭牌\n云溪融媒记者 李明 通讯员 王芳\n"
     "7日上午，柳湾镇全面依法治镇委员会办公室揭牌。这是全市首个镇级法治建设议事协调机构的办事机构，"
     "标志着基层法治建设又向前迈进了一步。据悉，办公室将统筹推进全镇依法行政、法治宣传和行政执法监督。\n"),
    # a purpose clause, then the unit and 近日 with the act
    ("为全面总结2023年度法治建设工作，青禾县推进依法行政工作领导小组办公室近日印发《2023年度法治政府建设"
     "考核工作方案》，启动对各乡镇和县直单位的年度考核。本次考核采取日常考核和实地督察相结合的方式，"
     "重点考核第一责任人职责落实、行政执法规范化等情况。\n"),
    # no title, and the first line (a newsroom lead) taken for a header
    ("本报讯3月15日，云溪市行政执法工作会议召开。副市长出席会议。\n"
     "会议总结了2023年全市行政执法和行政复议工作，部署了2024年法治政府建设重点任务。\n"
     "会议要求，各部门要严格规范公正文明执法，推进行政执法三项制度落实。（本报记者 周林）\n"),
])
def test_news_leads_of_local_papers(text) -> None:
    assert kind_of(text) == "news"


@pytest.mark.parametrize("text", [
    # a paper or an explainer that speaks of itself
    ("一、背景概述\n随着法治建设不断深入，县级法治建设是法治政府建设的基础。本文将对县级法治政府建设"
     "工作计划进行解析与展望。\n二、工作计划解析\n1. 深化法治宣传教育\n- 目标：提高全民法治意识。\n"
     "2. 加强法治政府建设\n- 措施：完善依法决策机制，加强合法性审查，规范行政执法。\n"),
    # a book's chapter and section headings
    ("第三章 推进依法行政的地方实践\n第一节 行政决策领域\n一、重大行政决策程序制度的建立\n"
     "2008年以来，各地陆续制定重大行政决策程序规定，法治政府建设不断推进，依法行政水平逐步提高。"
     "至2015年，已有20余个省份出台了相关规章，累计审查决策事项3000余件。\n"),
])
def test_papers_and_book_chapters_are_articles(text) -> None:
    assert kind_of(text) == "article"


def test_a_periodical_issue_as_the_source_makes_an_article() -> None:
    text = ("云溪市委依法治市办：以述法压实责任 推动法治建设\n"
            "党的二十大以来，云溪市坚持把述法工作作为推动党政主要负责人履职尽责的重要举措，"
            "法治建设取得新成效，全市共有2个县获评省级法治政府建设示范县，累计推出惠民实事项目300余个。\n"
            "一、强化思想引领，压实领导干部法治建设责任\n（一）坚持学法制度。全年组织专题学法12次。\n")
    assert kind_of(text, source_site="《法治前沿》2024年第2期") == "article"
    assert kind_of(text, source_site="《云溪市人民政府公报》2024年第2期") != "article"


@pytest.mark.parametrize("text", [
    ("（三）强化宪法学习宣传\n4. 在全省继续开展宪法学习宣传活动，认真组织好国家宪法日宣传活动。\n"
     "5. 把宪法法律学习列入各级党委（党组）理论学习中心组学习内容。\n"
     "6. 加强青少年法治教育，推进法治副校长制度全覆盖。\n7. 认真落实宪法宣誓制度，规范宣誓程序。\n"),
    ("31.各级政府及其部门结合实际，积极开展法治政府建设示范创建活动，激发法治政府建设内生动力。\n\n"
     "32.积极到示范地区学习，对标对表找差距，互学互鉴促提升。\n\n"
     "33.完善法治政府建设考核制度，根据年度任务细化考核指标，强化考核结果运用。\n"),
])
def test_a_plans_numbered_tasks_without_its_title_are_a_plan(text) -> None:
    assert kind_of(text) == "plan"


def test_numbered_measures_told_as_done_stay_a_report() -> None:
    text = ("1. 加强组织领导。局党组先后4次研究法治政府建设工作，成立了领导小组。\n"
            "2. 完善制度建设。全年审查规范性文件12件，清理文件5件。\n"
            "3. 推进严格执法。开展执法检查20次，办理行政处罚案件35件。\n")
    assert kind_of(text) == "report"


def test_a_cut_report_opening_at_its_next_year_plan_stays_a_report() -> None:
    # the excerpt starts at the report's plan part: its heading names the part, so the numbered
    # tasks are the report's own plan, not a plan document
    text = ("四、下一步工作打算\n1. 加强组织领导，压实法治建设第一责任人职责。\n"
            "2. 完善依法行政制度体系，推进规范性文件合法性审核。\n"
            "3. 推进严格规范公正文明执法，落实行政执法三项制度。\n")
    assert kind_of(text) == "report"


# -- a notice asking for reports, a rule on reporting ------------------------------------------
def test_notice_asking_for_reports_is_no_report():
    # the page's own title asks units to report: a notice, whatever its numbered items list
    text = ("云溪市人民政府办公室关于报送2023年度法治政府建设情况报告的通知\n"
            "各县（区）人民政府，市直各部门：\n按照法治政府建设工作要求，现将有关事项通知如下：\n"
            "一、报送内容。（一）推进依法行政的主要举措和成效；（二）存在的问题；（三）下一年度工作安排。\n"
            "二、报送时间。请于3月1日前报送市司法局。\n")
    assert kind_of(text) == "other"


def test_report_citing_the_notice_is_a_report():
    # the same notice cited in a report's opening decides nothing: the report's own title does
    text = ("青禾县2023年法治政府建设年度报告\n根据《云溪市人民政府办公室关于报送2023年度法治政府建设"
            "情况报告的通知》要求，现将青禾县2023年度法治政府建设情况报告如下。\n" + MEASURES)
    assert kind_of(text) == "report"


def test_rule_on_reporting_is_no_report():
    # a county's rule on reporting names what a report contains; it enacts the rule
    text = ("青禾县依法行政报告制度\n为加快法治政府建设，及时掌握全县依法行政情况，结合我县实际，特制定依法行政"
            "报告制度。\n一、报告的主体\n县政府工作部门、直属事业单位。\n二、报告的内容\n（一）推进依法行政的"
            "主要措施和成效。\n1、健全科学民主决策机制情况；\n2、规范行政执法行为情况。\n")
    assert kind_of(text) == "other"


def test_rule_made_as_a_measure_is_still_a_report():
    # a report telling of a rule it made (制定了《…制度》) is a report
    text = (OPENING + "\n一、主要举措和成效\n（一）健全依法行政制度体系。结合我县实际，制定了《青禾县重大行政"
            "决策程序规定》，特制定了领导干部学法制度。全年办理行政复议案件12件。\n（二）深化“放管服”改革。"
            "取消行政许可事项3项。\n")
    assert kind_of(text) == "report"


# -- a story about a unit put on a list, closed by the portal's tag line -----------------------
STORY = ("近日，中央依法治国办公布第二批全国法治政府建设示范地区名单，云溪市青禾县上榜。近年来，青禾县对照"
         "示范创建指标体系，建立台账，逐项推进法治政府建设示范创建。下一步，该县将努力提升依法行政水平。\n")


def test_unit_put_on_a_list_is_news_despite_the_tag_line():
    text = ("青禾县入选第二批全国法治政府建设示范地区名单\n来源：云溪网 2023-01-13 10:04\n" + STORY
            + "关键词：法治政府，示范地区，青禾县责任编辑：张明\n")
    assert kind_of(text) == "news"


def test_the_list_itself_and_a_paper_keep_their_kinds():
    # the list published (…名单的公示) is no story; a paper's own 关键词 line still makes an article
    assert kind_of("关于第二批法治政府建设示范地区名单的公示\n" + STORY) == "other"
    paper = ("论县级政府法治政府建设的路径\n摘要：本文分析县级政府依法行政的现状与问题。\n"
             "关键词：法治政府；县级政府；依法行政\n一、问题的提出\n县级政府是法治政府建设的基础。\n")
    assert kind_of(paper) == "article"


def test_account_and_next_years_plan_announced_together_is_a_report():
    # 现将2024年度…工作情况总结和2025年工作计划如下: the year's account comes first
    text = ("今年以来，我县坚持依法行政，持续推进法治政府建设。现将2024年度我县法治政府建设工作情况总结和2025年"
            "工作计划如下。\n" + MEASURES)
    assert kind_of(text) == "report"
    assert meta_of(text).report_year == 2024
    # a plan announcing its own items (2025年法治政府建设工作计划如下) is still a plan
    plan = ("为深入推进依法行政，结合我县实际，现将2025年法治政府建设工作计划如下。\n一、总体要求\n（一）指导思想\n"
            "坚持依法行政。\n二、重点任务\n（一）深化“放管服”改革。\n")
    assert kind_of(plan) == "plan"
