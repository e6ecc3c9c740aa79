"""Indicators: which catalogue indicator a figure is an instance of (catalog/indicators.yaml and
extract/facts.py match_indicator), on short texts written for these tests, and the indicator
evaluation (eval/indicators.py) on small hand-made gold."""
from __future__ import annotations

import pytest
import yaml

from fazhi import analyze_text
from fazhi.extract.facts import build_facts, indicators
from fazhi.model import Report


def ind_of(text: str, quote: str, nth: int = 0) -> str | None:
    r = Report(text=text)
    r.facts = build_facts(r)
    found = [f for f in r.facts if f.quote == quote]
    assert len(found) > nth, (quote, [f.quote for f in r.facts])
    return found[nth].indicator


# ------------------------------------------------------------------ must fire
@pytest.mark.parametrize("text,quote,indicator", [
    ("本年度市政府收到行政复议申请58件，审结52件，纠错7件。", "7件", "admin_reconsideration_corrected"),
    ("区政府公布年度重大行政决策事项目录，列入事项5项。", "5项", "major_decisions"),
    ("县政府法律顾问列席常务会议18次，审查合同协议66份。", "18次", "legal_adviser_matters"),
    ("县政府法律顾问列席常务会议18次，审查合同协议66份。", "66份", "legal_adviser_matters"),
    ("法律顾问参与审查县政府合同、协议77件。", "77件", "legal_adviser_matters"),
    ("省审计厅完成审计项目120个，促进增收节支5.6亿元。", "5.6亿元", "audit_funds"),
    ("全市政务服务事项“一网通办”率达97.3%。", "97.3%", "online_availability_rate"),
    ("社区便民服务中心可办事项达到52项，群众办事满意率98.8%。", "52项", "gov_services_items"),
    ("社区便民服务中心可办事项达到52项，群众办事满意率98.8%。", "98.8%", "gov_services_satisfaction_rate"),
    ("开展集中宣传活动300余场，受众12万人次。", "12万人次", "pufa_participants"),
    ("全县新登记市场主体2,310户，实有市场主体4.1万户。", "4.1万户", "market_entities"),
    ("全年办理行政处罚案件412件。", "412件", "enforcement_cases"),
    ("开展行政执法案卷评查，抽查案卷150卷，合格率96%。", "150卷", "case_file_reviews"),
    ("镇综合行政执法队现有执法人员14名。", "14名", "enforcement_personnel"),
    ("全县持有行政执法证件的人员共305人。", "305人", "enforcement_certified"),
    ("清理规范性文件90件，废止8件。", "90件", "normative_docs_cleanup"),
    ("人民调解组织调解矛盾纠纷1,020件，调解成功率98%。", "1,020件", "people_mediation_cases"),
    ("全年受理劳动争议案件410件，审结398件。", "410件", "labor_arbitration_cases"),
    ("办理法律援助案件230件，办结221件。", "230件", "legal_aid_cases"),
    ("行政诉讼一审案件30件，行政机关负责人出庭应诉28件。", "28件", "head_appearance_count"),
    ("县本级保留行政许可事项205项。", "205项", "admin_licensing_items"),
    ("县级权责清单保留事项2,870项。", "2,870项", "power_list_items"),
    # indicators added to the catalogue with the indicator evaluation
    ("全年办理行政处罚案件412件，罚没款356.2万元。", "356.2万元", "enforcement_fines"),
    ("查处违法行为900起，处罚金额0.8亿元。", "0.8亿元", "enforcement_fines"),
    ("办理法律援助案件230件，为受援人挽回经济损失640万元。", "640万元", "legal_aid_recovered_losses"),
    ("县政府收到行政复议申请80件，审结72件，办结率90%。", "90%", "admin_reconsideration_completion_rate"),
    ("行政复议案件审结率提高到95%以上。", "95%以上", "admin_reconsideration_completion_rate"),
    ("12345热线受理诉求5,000件，办结率99%。", "99%", "hotline_completion_rate"),
])
def test_fires(text, quote, indicator):
    assert ind_of(text, quote) == indicator


# ------------------------------------------------------------------ must not fire
@pytest.mark.parametrize("text,quote", [
    # parts of a stated total ("其中 …" up to the end of the clause)
    ("受理行政复议案件40件，其中维持25件、撤销6件、确认违法2件。", "25件"),
    ("受理行政复议案件40件，其中维持25件、撤销6件、确认违法2件。", "6件"),
    ("办理法律援助案件500件，其中刑事案件120件、民事案件380件。", "120件"),
    ("查出问题资金3.2亿元，其中违规金额0.4亿元。", "0.4亿元"),
    ("全县新增市场主体900户(其中:企业200户，个体工商户700户)。", "200户"),
    # an outcome is not the corrections total
    ("被法院撤销或确认违法的行政行为4件。", "4件"),
    # the leader's own appearance is not the jurisdiction's count
    ("县长带头出庭应诉2次。", "2次"),
    ("局长带队出庭应诉1次。", "1次"),
    # successes and graded files are parts of the cases and files
    ("调委会全年调解纠纷300件，调解成功296件。", "296件"),
    ("抽查案卷100卷，评为优秀案卷20卷、合格案卷75卷、不合格案卷5卷。", "20卷"),
    ("抽查案卷100卷，评为优秀案卷20卷、合格案卷75卷、不合格案卷5卷。", "5卷"),
    ("全年受理劳动争议案件410件，审结398件。", "398件"),
    ("办理法律援助案件230件，办结221件。", "221件"),
    # lenient enforcement, exam takers, new cards, shortcomings
    ("推行包容审慎监管，对88起轻微违法行为免予处罚。", "88起"),
    ("组织执法人员参加执法资格考试60人。", "60人"),
    ("执法人员中具有法律专业背景的仅有3人。", "3人"),
    # amended documents, drafts and the stock in force are not cleanup or issuing counts
    ("开展规范性文件专项清理，修改12件。", "12件"),
    ("全区共保留行政规范性文件140件。", "140件"),
    # what was done for market entities, not how many exist
    ("将1,200户经营主体列入经营异常名录。", "1,200户"),
    ("县级领导包联企业80家。", "80家"),
    # licensing items removed or decided, list sub-counts, hotline lines merged
    ("取消和下放行政许可事项30项。", "30项"),
    ("作出行政许可决定9,000件。", "9,000件"),
    ("明确共性权力9项、与行政权力相对应的责任事项1,800项。", "9项"),
    ("12345热线整合各类政务热线30条。", "30条"),
    ("“零跑动”事项600项、“最多跑一次”事项300项。", "600项"),
    ("“一窗受理”综合窗口由30个整合为12个。", "12个"),
    # policy interpretations and phone lines are not disclosed items; backlog petitions resolved
    ("开展重要文件政策解读40件。", "40件"),
    ("化解信访积案15件。", "15件"),
    # 法治政府示范项目 and culture parks are not 民主法治示范村
    ("力争新增省级法治政府建设示范项目2个。", "2个"),
    ("建成法治文化公园3个。", "3个"),
    # honorary supervisors are people, not supervision acts
    ("聘请特邀行政执法监督员12位。", "12位"),
    # money that is neither fines nor legal-aid recoveries
    ("对300家市场主体依法不予处罚，涉及金额约50万元。", "约50万元"),
    ("受理投诉举报6,000件，为消费者挽回经济损失210万元。", "210万元"),
])
def test_does_not_fire(text, quote):
    assert ind_of(text, quote) is None


def test_part_of_total_rule_stops_at_clause_end():
    text = "受理行政复议案件40件，其中维持25件；行政应诉案件12件。"
    assert ind_of(text, "25件") is None
    assert ind_of(text, "12件") == "admin_litigation_cases"
    # rates in the same sentence keep their indicator
    assert ind_of("行政复议审结案件45件，其中撤销5件，纠错率为11.1%。", "11.1%") == "admin_reconsideration_correction_rate"


def test_catalogue_ids_unique_and_patterns_compile():
    ids = [i.id for i in indicators()]
    assert len(ids) == len(set(ids))
    for i in indicators():
        assert i.kind in {"count", "rate", "money", "duration", "ratio", "other"}, i.id


# ------------------------------------------------------------------ evaluation
def test_family_covers_every_catalogue_indicator():
    from eval.indicators import family
    assert {i.id for i in indicators() if family(i.id) == "其他"} == set()


def test_baseline_reads_only_the_window():
    from eval.indicators import baseline_indicator
    norm = "全市行政机关负责人出庭应诉率为95%。"
    assert baseline_indicator(norm, norm.index("95"), "rate", "%") == "head_appearance_rate"
    far = "行政机关负责人出庭应诉工作不断加强，全年各项工作的完成率为95%。"
    assert baseline_indicator(far, far.index("95"), "rate", "%") is None


def test_scores_on_a_hand_made_gold(tmp_path):
    from eval.common import GoldReport
    from eval import indicators as ev
    p = tmp_path / "r.txt"
    p.write_text("本年度受理行政复议案件40件，其中维持25件。全年开展巡查120次。\n", "utf-8")
    g = GoldReport("t", p, {"facts": [
        {"quote": "40件", "kind": "count", "unit": "件", "indicator": "admin_reconsideration_accepted"},
        {"quote": "25件", "kind": "count", "unit": "件", "indicator": None},
        {"quote": "120次", "kind": "count", "unit": "次", "indicator": "random_inspections"},
    ]})
    c = ev.score([g])["counts"]["fazhi"]
    assert (c["(all)"]["tp"], c["(all)"]["fp"], c["(all)"]["fn"]) == (1, 0, 1)
    assert c["行政执法"]["fn"] == 1 and c["行政复议"]["tp"] == 1
    out = ev.indicators_table([g], [])
    assert "### indicators" in out and "keyword baseline" in out


def test_gold_indicator_ids_exist():
    from eval.common import DATA
    ids = {i.id for i in indicators()}
    for gp in (DATA / "gold").glob("*.yaml"):
        g = yaml.safe_load(gp.read_text("utf-8"))
        assert g.get("indicators_annotated") in ("full", "partial"), gp.name
        for f in g.get("facts", []):
            assert f.get("indicator") is None or f["indicator"] in ids, (gp.name, f)


def test_real_pages_and_their_indicators_can_be_another_set(tmp_path, monkeypatch):
    import json
    from eval import indicators as ev
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a901.txt").write_text(
        "某县2099年法治政府建设情况报告\n全年受理行政复议案件40件，开展巡查120次。\n", "utf-8")
    (tmp_path / "a" / "a901.json").write_text(json.dumps(
        {"kind": "report", "numbers": [{"quote": "复议案件40件"}, {"quote": "巡查120次"}]}), "utf-8")
    gold = tmp_path / "ind.yaml"
    gold.write_text("schema: fazhi.real-indicators/1\npages:\n  a901:\n"
                    "    - {quote: 复议案件40件, indicator: admin_reconsideration_accepted}\n"
                    "    - {quote: 巡查120次, indicator: emergency_drills}\n", "utf-8")   # wrong on purpose
    monkeypatch.setenv("FAZHI_REAL", str(tmp_path))
    monkeypatch.setenv("FAZHI_REAL_INDICATORS", str(gold))
    assert ev.real_indicators_path() == gold and set(ev.load_real_gold()) == {"a901"}
    pairs = list(ev.real_pairs())
    assert [(pid, g) for pid, _s, g, _p, _c in pairs] == [
        ("a901", "admin_reconsideration_accepted"), ("a901", "emergency_drills")]
    out = ev.summary_table([])
    assert "real pages (all)" in out and str(gold) in out
    assert "emergency_drills" not in out      # a held-out set stays blind by default
    monkeypatch.setenv("FAZHI_REAL_ERRORS", "1")
    assert "emergency_drills" in ev.summary_table([])
    monkeypatch.delenv("FAZHI_REAL_INDICATORS")
    assert ev.real_indicators_path().name == "real_indicators.yaml"


def test_indicators_do_not_conflate_neighbouring_figures() -> None:
    r = analyze_text("评查案卷600卷，优秀率35.5%，合格率96.0%，不合格率4.0%。"
                     "国家工作人员参加网上学法考试58.3万人，参考率99.2%，通过率97.2%。"
                     "提请省人大常委会审议地方性法规草案9件，办理省人大代表建议812件。"
                     "纠正违法或不当文件17件，办理行政处罚案件3,412件。"
                     "行政机关负责人出庭应诉1,286件，应出庭案件1,372件。"
                     "市本级复议案件人均办案量超过150件。部分社区每月坐班不足2次，举办法治培训班3期。"
                     "新登记经营主体8,906户，对1,735家市场主体依法不予处罚。\n")
    ind = {f.quote: f.indicator for f in r.facts}
    assert ind["35.5%"] == "case_file_excellent_rate"
    assert ind["96.0%"] == "case_file_pass_rate"
    assert ind["4.0%"] != "case_file_pass_rate"
    assert ind["99.2%"] == "law_exam_participation_rate" and ind["97.2%"] == "law_exam_pass_rate"
    assert ind["9件"] != "npc_suggestions" and ind["812件"] == "npc_suggestions"
    assert ind["17件"] != "enforcement_cases" and ind["3,412件"] == "enforcement_cases"
    assert ind["1,286件"] == "head_appearance_count" and ind["1,372件"] != "head_appearance_count"
    assert ind["超过150件"] is None
    assert ind["不足2次"] != "training_sessions" and ind["3期"] == "training_sessions"
    assert ind["8,906户"] == "market_entities_new" and ind["1,735家"] is None


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


@pytest.mark.parametrize("text,quote,indicator", [
    # a count of places named right after the number is not a count of items
    ("完成全镇8个村和4个社区政务服务事项加载工作。", "4个", None),
    ("镇便民服务中心进驻政务服务事项126项。", "126项", "gov_services_items"),
    ("推动改革向社区延伸，6个社区便民服务中心可办事项达到70项。", "6个", None),
    ("全镇11个村（社区）均设立人民调解委员会。", "11个", None),     # 村 counted, not committees
    ("新建调解委员会12个。", "12个", "mediation_committees"),
    # a drill's participants are not 普法 audiences
    ("全县中小学均开展了消防演练，参与师生2.1万人。", "2.1万人", None),
    ("开展宪法宣传周活动，参与师生2.1万人。", "2.1万人", "pufa_participants"),
    ("组织各级领导干部参加法治讲座，累计参加人数达3万余人次。", "3万余人次", None),
    # records entered on a platform are not random inspections
    ("在监管平台录入行政检查信息960条、行政处罚信息21条。", "960条", None),
    ("全年开展“双随机、一公开”抽查52次。", "52次", "random_inspections"),
    # entities that filed their annual report, a private subset: not the stock of entities
    ("全镇共有2650户市场主体完成年报公示。", "2650户", None),
    ("全镇共有市场主体2650户。", "2650户", "market_entities"),
    ("全县共有民营经济市场主体1.8万户。", "1.8万户", None),
    # thresholds and shortfalls
    ("部分执法所执法人员少于4人。", "4人", None),
    ("全区共有行政执法人员512人。", "512人", "enforcement_personnel"),
    ("社区法律顾问提供法律咨询不足15次。", "不足15次", None),
    ("全年查办网络交易违法案件仅12件。", "12件", None),
    ("全年查办各类违法案件412件。", "412件", "enforcement_cases"),
    # bodies acted on, or merged: not the bodies that exist
    ("对22个执法部门开展执法监督检查。", "22个", None),
    ("将原有的17支执法队伍整合为5支。", "17支", None),
    ("全区保留行政执法队伍5支。", "5支", "enforcement_bodies"),
    # discipline cases are not enforcement cases
    ("纪检监察机关共立案查处31件40人，纪律处分28人。", "31件", None),
    # a figure shared by a list of rates carries the first rate
    ("规范性文件合法性审核率、备案率均为100%。", "100%", "normative_docs_review_rate"),
    ("重大决策合法性审查率100%，规范性文件备案率100%。", "100%", "major_decision_legality_review_rate"),
    ("受理率、办结率分别为98%、95%，涉及规范性文件。", "95%", None),
    # 调解成功率 alone is the people's mediation
    ("排查纠纷120件，调解成功118件，调解成功率98.3%。", "98.3%", "people_mediation_success_rate"),
    ("行政调解成功率达90%。", "90%", "admin_mediation_success_rate"),
    # study of other subjects, staff-wide activities, political training
    ("局党组会学习9次。", "9次", None),
    ("局党组会专题学法9次。", "9次", "law_study_sessions"),
    ("全年开展各类学法活动25次。", "25次", None),
    ("开展学习贯彻全会精神政治轮训6场次。", "6场次", None),
    ("举办依法行政专题培训班3期。", "3期", "training_sessions"),
    # attended, not held
    ("主要负责人参加上级组织的法治培训2次。", "2次", None),
    # mail to an official is not a petition; suggestions and proposals together
    ("办理局长信箱来信18件。", "18件", None),
    ("接待群众来访48批次。", "48批次", "petitions"),
    ("办结人大代表建议、政协提案212件。", "212件", None),
    ("办理政协提案35件。", "35件", "cppcc_proposals"),
    # normative documents: cleanup of policy documents, faulty filed ones
    ("清理妨碍公平竞争的政策文件6件。", "6件", None),
    ("开展规范性文件集中清理，清理规范性文件140件。", "140件", "normative_docs_cleanup"),
    ("市级规范性文件备案审查中有3件被提出修改意见。", "3件", None),
    ("报送备案规范性文件41件。", "41件", "normative_docs_filed"),
    # attended someone else's training vs organised it
    ("组织全体干部职工参加法治专题培训4期。", "4期", "training_sessions"),
    # trainees of a course vs passers of an exam
    ("在主体班次中开设法治专题课程5次，累计覆盖学员260人次。", "5次", "training_sessions"),
    ("在主体班次中开设法治专题课程5次，累计覆盖学员260人次。", "260人次", "training_participants"),
    ("全镇31名学员全部通过学法考试。", "31名", None),
    # the object after the number says what was studied
    ("全年2次专题学习《法治政府建设实施纲要》。", "2次", "law_study_sessions"),
    ("全年2次专题学习《统计工作条例》。", "2次", "law_study_sessions"),    # 条例: still law
    ("全年2次专题学习会议精神。", "2次", None),
    ("“三类人员”考法3120人次。", "3120人次", "law_exam_participants"),
    ("126名行政机关负责人出庭应诉。", "126名", "head_appearance_count"),
    ("司法所共审核合同8份。", "8份", "legal_adviser_matters"),
    ("全县共编制行政审批清单186项。", "186项", "admin_licensing_items"),
    # 废止/失效 counts: the cleanup's count, unless they are the results of a stated cleanup count
    ("开展规范性文件专项清理，废止9件、修改4件。", "9件", "normative_docs_cleanup"),
    ("开展规范性文件集中清理，清理文件210件，废止18件。", "210件", "normative_docs_cleanup"),
    ("开展规范性文件集中清理，清理文件210件，废止18件。", "18件", None),
    ("全年有2件规范性文件失效。", "2件", "normative_docs_cleanup"),
    # the first rate of a list after the last figure
    ("出庭应诉率100%，败诉率和纠错率均为0。", "100%", "head_appearance_rate"),
    ("法律顾问参与率、合法性审查率均达100%。", "100%", "legal_adviser_rate"),
    ("普法公众号全年更新52期。", "52期", None),
    # opinions and services to firms are not the government's legal adviser matters
    ("审查重大决策、合同等42件，提出审查意见85条。", "85条", None),
    ("审查重大决策、合同等42件，提出审查意见85条。", "42件", "legal_adviser_matters"),
])
def test_indicator_right_or_null(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


# -- cues from pages the engine was not written on (issue #10, blind pages) ----------------
@pytest.mark.parametrize("text,quote,indicator", [
    # a kind named only as one of a list of alternatives does not type the figure
    ("依托综治平台，整合人民调解、司法调解、行政调解资源，全年排查化解矛盾纠纷280件。", "280件", "disputes_screened"),
    ("开展行政调解工作，全年调解纠纷280件。", "280件", "admin_mediation_cases"),
    # meetings that studied topics count meetings, not the topics
    ("县政府主要负责同志先后研究行政立法、行政执法监督等工作9次。", "9次", None),
    ("开展行政执法监督检查6次。", "6次", "enforcement_supervision_count"),
    # staff-wide study is not the leadership's collective study of law
    ("开展党委理论学习中心组法治学习5次，组织干部职工学法6次。", "6次", None),
    ("开展党委理论学习中心组法治学习5次，组织干部职工学法6次。", "5次", "law_study_sessions"),
    # an exam's pass rate in a sentence that cited the petition regulation
    ("组织学习《信访工作条例》等法规，执法人员法律知识在线考试通过率100%。", "100%", "law_exam_pass_rate"),
    ("全年受理信访事项120件，信访事项按期办结率100%。", "100%", "petition_rate"),
    # banners hung are displays, not materials handed out
    ("开展法治宣传活动，悬挂宣传横幅15条，发放宣传资料3000份。", "15条", None),
    ("开展法治宣传活动，悬挂宣传横幅15条，发放宣传资料3000份。", "3000份", "pufa_materials"),
    ("开展法治宣传活动，发放普法小册子1500余册。", "1500余册", "pufa_materials"),
    # one figure for reconsideration and litigation together
    ("办理涉政府信息公开的行政复议、行政诉讼案件46件。", "46件", None),
    ("全年办理行政诉讼案件46件。", "46件", "admin_litigation_cases"),
    # words of the genre the catalogue lacked
    ("法律顾问全年办理征求法律意见事项210件次。", "210件次", "legal_adviser_matters"),
    ("将法治课程纳入党校主体班次，受训人员达到450人。", "450人", "training_participants"),
    ("在8个行政村开展“法治流动课堂”22次。", "22次", "pufa_events"),
])
def test_blind_page_cues(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


@pytest.mark.parametrize("text,quote,indicator", [
    # requests handled for the public are not items published
    ("全年办理群众政府信息公开10件、履职申请9件。", "10件", None),
    ("全年主动公开政府信息1200条。", "1200条", "info_disclosure_items"),
    # one figure for study and work deployment together
    ("开展法治学习和工作部署共计12次。", "12次", None),
    # those required to hold an enforcement card are not the holders
    ("全局应持执法证人员84人，已持证83人。", "84人", None),
    ("全局应持执法证人员84人，已持证83人。", "83人", "enforcement_certified"),
    # staff at internal study are not the public audience of 普法
    ("开展季考4次，参加学习人员1200余人次。", "1200余人次", None),
    ("开展宪法宣传活动，参加群众3000余人次。", "3000余人次", "pufa_participants"),
    ("“好差评”满意率100%。", "100%", "gov_services_satisfaction_rate"),
])
def test_blind_page_cues_second_set(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


# -- cues from a third set of pages nobody had tuned on (issue #10, tuning set) -------------
@pytest.mark.parametrize("text,quote,indicator", [
    # 其中… read through balanced asides: the parts of the total stay parts
    ("全县共有人民调解委员会120个。其中，乡镇(街道)、村(社区)人民调解委员会112个。", "112个", None),
    ("全县共有人民调解委员会120个。", "120个", "mediation_committees"),
    # an aside listing what a total includes: its figures are parts of the total
    ("发布市政府规章11件(含新制定6件，修改3件，废止2件)。", "2件", None),
    ("全年废止市政府规章2件。", "2件", "normative_docs_cleanup"),
    # an average stated right before the number; a list adjusted to a size is the list
    ("县级部门权力清单平均为295项。", "295项", None),
    ("县级行政权力清单调整到2950项。", "2950项", "power_list_items"),
    ("全年调整行政权力事项36项。", "36项", None),
    # items removed, transferred or outsourced are not the list; what is kept is
    ("全年取消下放行政权力85项。", "85项", None),
    ("清理规范行政权力中介服务事项40项。", "40项", None),
    ("各部门共梳理出权力事项5120项，保留权力事项2310项。", "5120项", None),
    ("各部门共梳理出权力事项5120项，保留权力事项2310项。", "2310项", "power_list_items"),
    # documents published are not documents issued
    ("全年制定行政规范性文件31件。", "31件", "normative_docs_issued"),
    ("在政府网站主动公开行政规范性文件31件。", "31件", "info_disclosure_items"),
    # rounds of case-file review count; grades of files do not
    ("全年开展行政执法案卷评查3次。", "3次", "case_file_reviews"),
    ("评选优秀案卷3次。", "3次", None),
    # newly certified officers are an addition, not the holders
    ("新增持证执法人员6名。", "6名", None),
    ("全镇持证执法人员26名。", "26名", "enforcement_certified"),
    ("全镇5名执法人员全部取得行政执法证。", "5名", None),
    ("全镇现有执法人员5名，均持证上岗。", "5名", "enforcement_personnel"),
    # licensing requests received and service items completed at the service hall
    ("全年受理行政许可业务5230件。", "5230件", "gov_services_cases"),
    ("全年办结各类审批服务事项860件。", "860件", "gov_services_cases"),
    ("政务窗口受理群众投诉申请52件。", "52件", None),
    # firms visited are not the stock of firms
    ("深入30余家企业了解生产经营情况。", "30余家", None),
    ("全镇共有企业30余家。", "30余家", "market_entities"),
    # the body's own staff lawyers are not the advisers it retains
    ("聘请法律顾问4名，公职律师2名。", "4名", "legal_advisers"),
    ("聘请法律顾问4名，公职律师2名。", "2名", None),
    # legal opinions given count as adviser matters, remarks on items reviewed do not
    ("法律顾问审查合同协议60件，提出法律意见85条。", "85条", "legal_adviser_matters"),
    ("全年审查合同协议60件，提出审查意见85条。", "85条", None),
    # a speech at a study meeting is not a study session
    ("县政府党组理论学习中心组集中学法8次。", "8次", "law_study_sessions"),
    ("党组成员围绕宪法学习作研讨发言2次。", "2次", None),
    # a lecture is the leadership's study, or 普法, only when the sentence says for whom
    ("举办领导干部法治专题讲座3期。", "3期", "law_study_sessions"),
    ("走进社区为居民开展法治讲座12场。", "12场", "pufa_events"),
    ("2024年开展法治讲座3场。", "3场", None),
    # general Party-member education is not 法治培训; Party-member officials' law training is
    ("围绕法治建设，组织党员教育培训210期，培训党员1.2万人次。", "210期", None),
    ("围绕法治建设，组织党员教育培训210期，培训党员1.2万人次。", "1.2万人次", None),
    ("组织党员干部法治培训21期，参训党员干部3200人次。", "3200人次", "training_participants"),
    # the public named in a later clause does not make trainees an audience; the next one does
    ("组织执法人员法治培训5场，参训人员150人次，全面规范执法流程，群众满意度不断提高。", "150人次",
     "training_participants"),
    ("组织法治培训，参训820人次，群众占六成。", "820人次", None),
    # a group reached by a 普法 event; a bare "N人次参加" needs the sentence to name the event
    ("开展普法进校园活动6场，覆盖特殊群体500余人次。", "500余人次", "pufa_participants"),
    ("开展宪法宣传活动，近2万人次参加。", "近2万人次", "pufa_participants"),
    ("举办实务讲堂，面向高校师生授课，近2万人次参加。", "近2万人次", None),
    # a list of named acts before 等: the clause is the subject, the titles do not type it
    ("组织学习《宪法》《信访工作条例》等法律法规6次。", "6次", "law_study_sessions"),
    ("组织学习《乡村振兴战略规划》等文件6次。", "6次", None),
    # those an activity of the previous clause reached
    ("举办领导干部法治专题培训班3期，覆盖科级干部600余人次。", "600余人次", "training_participants"),
    ("举办乡村振兴专题培训班3期，覆盖科级干部600余人次。", "600余人次", None),
    # a page reporting a court's published report: the litigation figures are the courts'
    ("某省高级人民法院发布2023年行政案件司法审查报告。报告显示，全省法院审结一审行政案件9000件，"
     "行政机关负责人出庭应诉率达98%。", "98%", None),
    ("全省法院审理的行政诉讼案件中，行政机关负责人出庭应诉率达98%。", "98%", "head_appearance_rate"),
])
def test_tuning_set_cues(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


# -- structural rules for pages no rule was tuned on (issue #10, indgen) ----------------------
@pytest.mark.parametrize("text,quote,indicator", [
    # a change stated right before the number is not the year's figure
    ("全年共受理行政复议案件42件。", "42件", "admin_reconsideration_accepted"),
    ("全年共受理行政复议案件42件，同比增加9件。", "9件", None),
    ("行政复议案件较上年减少6件。", "6件", None),
    ("全区行政机关负责人出庭应诉率达到96%。", "96%", "head_appearance_rate"),
    ("全区行政机关负责人出庭应诉率同比提高12%。", "12%", None),
    # a case told as an example is one village's, not the reporter's count
    ("全镇共排查化解矛盾纠纷64起。", "64起", "disputes_screened"),
    ("例如，某村依托议事会化解宅基地纠纷5起。", "5起", None),
    # several years' total in an annual report is not the year's count
    ("本年度办理法律援助案件230件。", "230件", "legal_aid_cases"),
    ("五年来累计办理法律援助案件1100件。", "1100件", None),
    ("“十四五”期间共办理法律援助案件1100件。", "1100件", None),
    ("二〇二三年以来，全县办理法律援助案件230件。", "230件", "legal_aid_cases"),
    # a small Chinese-numeral count before a quoted name is a slogan, not a count
    ("全年作出重大行政决策5项。", "5项", "major_decisions"),
    ("按照三个“先行区”决策部署推进工作。", "三个", None),
    # those honoured right after the number are awards, not the entry's count
    ("全年开展普法宣传活动32场，受众1.5万人次。", "1.5万人次", "pufa_participants"),
    ("4个集体、6名个人荣获省级普法工作先进表彰。", "6名", None),
    ("全县现有行政执法人员320名。", "320名", "enforcement_personnel"),
    ("全县行政执法人员320名获评年度优秀执法人员。", "320名", None),
    # the entry's `not` words right after the number name the figure too
    ("全县保留行政许可事项128项。", "128项", "admin_licensing_items"),
    ("将12项行政许可经办权限由县级调整至乡镇。", "12项", None),
    # 行政协议 is a contract: a figure for it is no CPPCC proposal
    ("全年办理政协提案38件。", "38件", "cppcc_proposals"),
    ("签订行政协议38件。", "38件", None),
    # a 普法 event needs its field in the sentence: an activity of another field is none
    ("开展宪法进社区活动8场。", "8场", "pufa_events"),
    ("开展银企对接活动8场。", "8场", None),
    # items removed, moved or handed over are not a list's size; the size it is changed to is
    ("全县政务服务事项共计1460项。", "1460项", "gov_services_items"),
    ("全年取消政务服务事项18项。", "18项", None),
    ("乡镇承接县级下放政务服务事项65项。", "65项", None),
    ("县级政务服务事项精简至1320项。", "1320项", "gov_services_items"),
    # an addition is not the stock, unless the entry counts the additions
    ("全县现有专职人民调解员48名。", "48名", "mediators"),
    ("全年新增专职人民调解员6名。", "6名", None),
    ("全年新增市场主体2300户。", "2300户", "market_entities_new"),
    # an initial review of a document is not a document issued
    ("全年制定行政规范性文件9件。", "9件", "normative_docs_issued"),
    ("完成行政规范性文件初审9件。", "9件", None),
])
def test_structural_rules(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


def test_ruled_out_entry_does_not_fall_through():
    """A figure a sentence rules out for its entry gets no more general entry instead."""
    from fazhi.extract.facts import match_indicator
    # normative_docs_reviewed is ruled out by 备案审查 in the clause: not legal_adviser_matters
    text = "县政府备案审查乡镇(街道)政府和县直部门规范性文件51件。"
    assert indicator_of(text, "51件") is None
    # a `needs` cue missing only says which entry: the lecture goes on to 普法
    assert match_indicator("count", "场", "走进社区为居民开展法治讲座", "走进社区为居民开展法治讲座") \
        == "pufa_events"


def test_awards_counted_by_entries_that_count_them():
    """Demonstration units are the honoured: the award cue after the number keeps them."""
    from fazhi.extract.facts import match_indicator
    assert match_indicator("count", "个", "民主法治示范村", "全县民主法治示范村",
                           after="获评省级先进") == "rule_of_law_demo_units"
    assert match_indicator("count", "名", "执法人员", "全县执法人员", after="获评省级先进") is None


@pytest.mark.parametrize("text,quote,indicator", [
    # entities served, with the place's scope between the verb and the number, or taking part
    ("全县实有市场主体4.1万户。", "4.1万户", "market_entities"),
    ("今年已为全县120家企业办理信用修复。", "120家", None),
    ("今年已为辖区内120家企业办理开业指导。", "120家", None),
    ("举办银企座谈会20场,参与企业300余家。", "300余家", None),
    # a training's attendances are not the headcount of the staff trained
    ("全区现有行政执法人员420名。", "420名", "enforcement_personnel"),
    ("举办执法业务培训班,培训执法人员260人次。", "260人次", "training_participants"),
    # the party branches' study is not the leadership's
    ("县政府党组集体学法12次。", "12次", "law_study_sessions"),
    ("组织各党支部集体学法12次。", "12次", None),
    # the leadership's study forms listed before 等活动 name whose activities they are
    ("组织党组会会前学法、中心组学法等活动6次。", "6次", "law_study_sessions"),
    ("组织干部开展学法等活动8次。", "8次", None),
    # one training on law and another subject at once
    ("开展法律知识培训30余次。", "30余次", "training_sessions"),
    ("开展业务和法律知识培训30余次。", "30余次", None),
    ("开展法律法规和业务知识培训12次。", "12次", None),
    # a 学法 exam's 达标率 is its pass rate; a card holders' 达标率 is no exam
    ("全体干部学法考试达标率100%。", "100%", "law_exam_pass_rate"),
    ("执法人员持证达标率100%。", "100%", None),
])
def test_eleventh_set_classes(text, quote, indicator):
    assert indicator_of(text, quote) == indicator


def test_kinds_listed_side_by_side_are_parts():
    """串标案件4件、违法案件3件: kinds of one thing listed with their figures are none of them the
    entry's count; two different things reviewed (合同30份、规范性文件12件) keep theirs."""
    text = "查处无证经营案件6件、超范围经营案件4件、虚假宣传案件2件。"
    assert [indicator_of(text, q) for q in ("6件", "4件", "2件")] == [None, None, None]
    assert indicator_of("全年查处行政处罚案件50件。", "50件") == "enforcement_cases"
    text = "县政府法律顾问审查合同30份、协议12份。"
    assert indicator_of(text, "30份") == "legal_adviser_matters"
    # one head noun, two entries: two things, each its own figure
    text = "全年审结行政复议案件20件、行政诉讼案件15件。"
    assert indicator_of(text, "20件") == "admin_reconsideration_concluded"
    assert indicator_of(text, "15件") == "admin_litigation_cases"


# ------------------------------------------------------------------ audit of fazhi's own assignments
# (a sample of 133 assignments on the tuning pages judged by hand; the figure counts what an action
# was done to, or what each of several bodies did, not the indicator's population)
@pytest.mark.parametrize("text,quote,indicator", [
    # the bodies a case-file review sampled are not the body's enforcement bodies
    ("开展执法案卷评查,抽查31个执法单位的案卷160宗。", "31个", None),
    ("开展执法案卷评查,抽查31个执法单位的案卷160宗。", "160宗", "case_file_reviews"),
    ("全县现有行政执法单位31个,执法人员420名。", "31个", "enforcement_bodies"),
    # what the audited bodies did is no audit project
    ("全年完成审计项目52个,被审计单位制定整改措施210项。", "210项", None),
    ("全年完成审计项目52个,被审计单位制定整改措施210项。", "52个", "audit_projects"),
    # licensing applications decided are not licensing items
    ("受理林业类行政许可申请90个,办结行政许可77个。", "77个", None),
    ("目前保留行政许可事项160项。", "160项", "admin_licensing_items"),
    # one figure for each of several bodies (甲、乙分别…N次)
    ("镇党委理论学习中心组、镇政府党组中心组分别开展法治专题学习5次。", "5次", None),
    ("镇党委理论学习中心组开展法治专题学习5次。", "5次", "law_study_sessions"),
    # 重大执法决定/决策 belong to the enforcement review, not to 重大行政决策
    ("主要负责人主持审议重大行政执法决策3件。", "3件", None),
    ("全年作出重大行政决策9项。", "9项", "major_decisions"),
])
def test_own_assignment_audit_classes(text, quote, indicator):
    assert ind_of(text, quote) == indicator


# ------------------------------------------------------------------ prefer null to a doubtful label
# (a set of figure-rich reports: each exclusion with a case it rules out and one it keeps)
@pytest.mark.parametrize("text,quote,indicator", [
    # 各级各类调解组织: all kinds of mediation at once, not the people's mediation alone
    ("今年以来,全省各级各类调解组织受理矛盾纠纷2.6万件,调解成功率达97%。", "2.6万件", None),
    ("今年以来,全省各级各类调解组织受理矛盾纠纷2.6万件,调解成功率达97%。", "97%", None),
    ("全县人民调解组织调解矛盾纠纷860件,调解成功率达97%。", "860件", "people_mediation_cases"),
    ("全县人民调解组织调解矛盾纠纷860件,调解成功率达97%。", "97%", "people_mediation_success_rate"),
    # a helper's share or one channel's share of the disputes resolved
    ("召开联席会议12期,涉及案件90件,助力化解30件。", "30件", None),
    ("全年通过“访调对接”化解矛盾纠纷410件。", "410件", None),
    ("全年排查化解矛盾纠纷410件。", "410件", "disputes_screened"),
    # items that reached a state are a subset of the catalogue of items
    ("统一办事指南,65个服务事项实现“网上办”。", "65个", None),
    ("县政务服务中心进驻事项865项。", "865项", "gov_services_items"),
    # key enterprises served are a selection, not the number of entities
    ("开展法律服务进园区活动,对接重点企业320家。", "320家", None),
    ("全县实有市场主体4.3万户。", "4.3万户", "market_entities"),
    # another campaign's booklets are not law materials; 民法典读本 are
    ("开展宣传活动12次,发放民法典读本800余本,禁毒手册600余本。", "800余本", "pufa_materials"),
    ("开展宣传活动12次,发放民法典读本800余本,禁毒手册600余本。", "600余本", None),
    # a bare study framed as the cadres' training too is everyone's, not the leadership's
    ("将习近平法治思想纳入党委中心组学习、干部教育培训内容,全年开展专题学习9次。", "9次", None),
    ("将习近平法治思想纳入党委中心组学习、干部教育培训内容,全年党委中心组学法9次。", "9次",
     "law_study_sessions"),
    # papers issued in reconsideration are not its cases
    ("全年制发检察建议12件、行政复议意见书3件。", "3件", None),
    ("全年办理行政复议案件3件。", "3件", "admin_reconsideration_cases"),
])
def test_doubtful_labels_are_null(text, quote, indicator):
    assert ind_of(text, quote) == indicator
