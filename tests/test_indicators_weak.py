"""Indicators only on strong evidence (extract/facts.py match_indicator, catalog/indicators.yaml):
parts of a listed total, subsets named by domain or manner, prevented events, running totals,
habitual figures, figures of some named units, counts of lists, and other things that share an
entry's keyword. Short texts written for these tests (fictional places and figures); each cue
has a case that keeps the indicator and one that drops it."""
from __future__ import annotations

import pytest

from fazhi.extract.facts import build_facts
from fazhi.model import Report


def indicator_of(text: str, quote: str) -> str | None:
    r = Report(text=text)
    r.facts = build_facts(r)
    found = [f for f in r.facts if f.quote == quote]
    assert found, (quote, [f.quote for f in r.facts])
    return found[0].indicator


@pytest.mark.parametrize("text,quote,indicator", [
    # the later items of a 其中 list, past its semicolons, are parts too
    ("全年12345热线共受理群众诉求8200件。其中,咨询类诉求4100件,占50%;求助类诉求2100件,占25.6%;"
     "投诉类诉求900件。", "8200件", "hotline_cases"),
    ("全年12345热线共受理群众诉求8200件。其中,咨询类诉求4100件,占50%;求助类诉求2100件,占25.6%;"
     "投诉类诉求900件。", "2100件", None),
    ("全年12345热线共受理群众诉求8200件。其中,咨询类诉求4100件,占50%;求助类诉求2100件,占25.6%;"
     "投诉类诉求900件。", "900件", None),
    # a subset named by its domain or by how the cases ended
    ("全县共办理行政复议案件86件。", "86件", "admin_reconsideration_cases"),
    ("全县共办理涉企行政复议案件21件。", "21件", None),
    ("依法办理涉及民生领域行政复议案件30件。", "30件", None),
    ("全县共审结行政复议案件64件。", "64件", "admin_reconsideration_concluded"),
    ("通过调解、和解方式结案行政复议案件18件。", "18件", None),
    ("化解物业、婚姻家庭等领域矛盾纠纷420件。", "420件", None),
    # what was prevented or stopped is not a count of it
    ("全年受理群众信访事项132件。", "132件", "petitions"),
    ("制止群众集体上访12件,涉及群众260人。", "12件", None),
    ("制止群众集体上访12件,涉及群众260人。", "260人", None),
    # a running total since a body or a reform began, a period across years
    ("2023年,县行政复议中心共受理行政复议案件40件。", "40件", "admin_reconsideration_accepted"),
    ("县行政复议中心挂牌以来共受理行政复议案件95件。", "95件", None),
    ("2019年3月至2023年6月,全县法院共收一审行政诉讼案件510件。", "510件", None),
    # a habitual figure (每年…) is not the year's; a requirement (每年不少于…) is a target
    ("全市各级调解组织调解矛盾纠纷1.2万件,调解成功率98%。", "98%", "people_mediation_success_rate"),
    ("全市调解组织每年化解矛盾纠纷1.2万件以上,调解成功率达98%。", "1.2万件以上", None),
    ("全市调解组织每年化解矛盾纠纷1.2万件以上,调解成功率达98%。", "98%", None),
    ("区政府常务会议会前学法每年不少于4次。", "不少于4次", "law_study_sessions"),
    # rates of some units named in the sentence, not of the reporting body
    ("全县12345热线按期办结率达99%。", "99%", "hotline_completion_rate"),
    ("12345热线回访中,县教育局、县民政局等6个单位按期办结率均为100%。", "100%", None),
    # a count of lists, not of the items they hold
    ("县级保留政务服务事项520项。", "520项", "gov_services_items"),
    ("梳理确认各类政务服务事项清单28个。", "28个", None),
])
def test_weak_evidence(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


@pytest.mark.parametrize("text,quote,indicator", [
    # normative documents: another object named in the subject
    ("市合法性审核机构审核政府规范性文件52件,审核政府合作协议130件。", "52件", "normative_docs_reviewed"),
    ("市合法性审核机构审核政府规范性文件52件,审核政府合作协议130件。", "130件", "legal_adviser_matters"),
    ("备案审查规范性文件40件,处理公民提出的审查建议6件。", "6件", None),
    # the major decisions reviewed are the decisions
    ("司法局审查重大行政决策事项14件。", "14件", "major_decisions"),
    # hotline: calls handled directly, another line
    ("全年12345热线共办理工单5600件,热线办直办900件。", "5600件", "hotline_cases"),
    ("全年12345热线共办理工单5600件,热线办直办900件。", "900件", None),
    ("办理市效能热线交办重要来电8件。", "8件", None),
    ("12345热线直接办结率82%。", "82%", None),
    # reconsideration settled before it was accepted
    ("县政府受理行政复议案件60件。", "60件", "admin_reconsideration_accepted"),
    ("复议受理前协商化解案件9件。", "9件", None),
    # lawyers' mediation studios are not people's mediation committees
    ("全县建立律师调解工作室15个。", "15个", None),
    # advice to the government on its documents is not the public's legal questions (an adviser's
    # advice is the adviser's matters)
    ("全年解答群众法律咨询320人次。", "320人次", "legal_aid_consultations"),
    ("对政府拟发布的政策性文件提供咨询9件次。", "9件次", None),
    ("法律顾问对政府拟发布的政策性文件提供咨询9件次。", "9件次", "legal_adviser_matters"),
    # a court's docket is not the suits the government answers
    ("全县行政机关共办理行政应诉案件36件。", "36件", "admin_litigation_cases"),
    ("市中级法院共受理二审行政案件140件。", "140件", None),
    # advice given on petitions is not petitions
    ("全年受理信访事项45件次。", "45件次", "petitions"),
    ("对信访等事件出具法律意见书共计20余人次。", "20余人次", None),
    # an activity of officials' own study is no 普法 event
    ("开展“法律进社区”普法宣传活动12场。", "12场", "pufa_events"),
    ("组织党员干部“人人讲法治”活动15场。", "15场", None),
    # mediation is not dispute screening; a campaign's 督办单 is not enforcement supervision
    ("全年共排查矛盾纠纷230件。", "230件", "disputes_screened"),
    ("全年共调解各类纠纷230件。", "230件", None),
    ("开展行政执法监督,发出督办单7件。", "7件", "enforcement_supervision_count"),
    ("开展法治建设攻坚行动,编发周报8期、督办单7件。", "7件", None),
])
def test_other_things_sharing_a_keyword(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


@pytest.mark.parametrize("text,quote,indicator", [
    # 审查 as "after a review" (经审查予以立案) is no legal adviser's matter
    ("县司法局全年审查合同协议58件。", "58件", "legal_adviser_matters"),
    ("共收到委员提案70件,经审查予以立案52件。", "52件", None),
    # letters to a leaders' mailbox are not petitions
    ("全年受理群众来信来访96件次。", "96件次", "petitions"),
    ("优化领导信箱等互动机制,办理群众来信41件。", "41件", None),
    # 来电 alone: calls to whom is not said
    ("12345热线全年受理来电3800件。", "3800件", "hotline_cases"),
    ("法律援助中心另提供来访、来电等咨询900人次。", "900人次", "legal_aid_consultations"),
    # case files of another field than enforcement
    ("组织行政执法案卷评查,抽查案卷150卷。", "150卷", "case_file_reviews"),
    ("随机抽取法律援助机构办结归档的案卷80件。", "80件", None),
    # a helper's share of mediation
    ("村人民调解组织调解矛盾纠纷52件。", "52件", "people_mediation_cases"),
    ("村人民调解组织协助法庭化解疑难案件3件。", "3件", None),
    # published what: bare 公开 needs the information named
    ("全年主动公开政府信息230条。", "230条", "info_disclosure_items"),
    ("办理群众来信41件,公开发布30件。", "30件", None),
    # one figure for two kinds of activity
    ("开展送法进村普法宣传活动12场次。", "12场次", "pufa_events"),
    ("开展法治宣传和法律咨询活动12场次。", "12场次", None),
    ("镇党委理论学习中心组全年开展学法12次。", "12次", "law_study_sessions"),
    ("镇党委理论学习中心组全年开展学法和业务培训12次。", "12次", None),
])
def test_held_out_classes(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


@pytest.mark.parametrize("text,quote,indicator", [
    # running totals: 近5年来 in Arabic figures, since a law came into force, since a body began
    ("全年全县办理法律援助案件420件。", "420件", "legal_aid_cases"),
    ("近5年来,全省办理法律援助案件3.6万件。", "3.6万件", None),
    ("《法律援助法》实施以来,全市共受理法律援助案件1.2万件。", "1.2万件", None),
    ("县法律援助基金会成立至今,共资助办理案件310件。", "310件", None),
    # 工单 alone: tickets of what is not said (政务服务差评工单)
    ("12345热线全年派发工单2600个。", "2600个", "hotline_cases"),
    ("全市产生有效差评工单96个。", "96个", None),
    # a qualifying exam for an enforcement card is not 学法考试
    ("全县领导干部学法考试参考率100%。", "100%", "law_exam_participation_rate"),
    ("新进人员执法资格证考试参考率100%。", "100%", None),
])
def test_third_set_classes(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


LIST_OF_PARTS = ("全省各级行政复议机构新收行政复议申请3200件,受理行政复议案件2100件。其中:\n"
                 "省政府新收行政复议申请140件,受理90件。\n"
                 "省直部门共收到行政复议申请260件,受理170件。\n"
                 "(二)行政应诉案件情况\n"
                 "全省行政机关共办理行政应诉案件1800件。")


@pytest.mark.parametrize("quote,indicator", [
    # the lines after "其中:" are parts of the total, up to the next heading
    ("3200件", "admin_reconsideration_received"),
    ("140件", None),
    ("170件", None),
    ("1800件", "admin_litigation_cases"),
])
def test_lines_of_a_list_of_parts(quote, indicator):
    assert indicator_of(LIST_OF_PARTS, quote) == indicator


@pytest.mark.parametrize("text,quote,indicator", [
    # posters put up are displays, like banners; leaflets handed out are materials
    ("开展宪法宣传活动,悬挂宣传横幅8条、张贴宣传海报40张、发放宣传资料1500份。", "40张", None),
    ("开展宪法宣传活动,悬挂宣传横幅8条、张贴宣传海报40张、发放宣传资料1500份。", "1500份", "pufa_materials"),
    # the count before a change (从N项减少为M项) is what the list was, not what it is
    ("全面梳理行政许可事项,全县行政许可事项从420项减少为365项。", "420项", None),
    ("全县共有行政许可事项365项。", "365项", "admin_licensing_items"),
    # licensing items and another kind of items in one figure
    ("梳理行政许可和公共服务类事项共980项。", "980项", None),
    # reviewed and filed at once: two counts in one figure
    ("审查和备案规范性文件36件,其中审查县级规范性文件20件。", "36件", None),
    ("备案审查规范性文件36件。", "36件", "normative_docs_filed"),
    ("对规范性文件实施合法性审查14件次。", "14件次", "normative_docs_reviewed"),
    # documents of another kind reviewed (上会文件) are not the sentence's 规范性文件
    ("法律顾问参与审查,完成9件规范性文件、41件上会文件合法性审查。", "41件", "legal_adviser_matters"),
    # decisions of every kind reviewed are not the 重大行政决策 the entry counts
    ("审查计划、方案、请示等行政决策210件。", "210件", None),
    ("县政府审议重大行政决策事项7项。", "7项", "major_decisions"),
    # legal affairs handled and legal-adviser services
    ("县司法局审查政府合同48件,研究和办理各类涉法事务33件。", "33件", "legal_adviser_matters"),
    ("全年组织开展法律顾问服务30余次。", "30余次", "legal_adviser_matters"),
    # the contracts remarks were given on count; the remarks themselves do not
    ("县政府法律顾问全年提供服务40次,对15个政府投资项目合同出具审查意见。", "15个", "legal_adviser_matters"),
    ("县司法局对重大事项提出审查意见26条。", "26条", None),
    # a study count naming no topic: the leadership group's study topic said before it
    ("把《民法典》纳入县政府党组理论学习中心组学习内容,全年开展专题学习9次。", "9次", "law_study_sessions"),
    ("把党的二十大精神纳入县政府党组理论学习中心组学习内容,全年开展专题学习9次。", "9次", None),
    ("组织《民法典》知识竞赛,全年开展专题学习9次。", "9次", None),
    # a sentence of means (通过举办…): the sentence before says whom it was for
    ("围绕反诈、禁毒等主题开展法治宣传活动。通过举办法治讲座6次、发放资料800份,营造氛围。", "6次", "pufa_events"),
    ("围绕年度重点工作开展调研。通过举办法治讲座6次,提升能力。", "6次", None),
    # places honoured: the award after them names the entry
    ("全县5个村(社区)获评省级民主法治示范村(社区)。", "5个", "rule_of_law_demo_units"),
    ("全县5个村(社区)获评省级文明村(社区)。", "5个", None),
])
def test_eighth_set_classes(text, quote, indicator):
    assert indicator_of(text, quote) == indicator
