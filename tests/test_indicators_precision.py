"""Indicators are right or null (extract/facts.py match_indicator, catalog/indicators.yaml):
negative cues of the sentence, the noun counted right after the number, thresholds, lists of
rates. Short texts written for these tests (fictional places); each cue has a case that keeps
the indicator and one that drops it."""
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
