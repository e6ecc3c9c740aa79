"""Indicators: which catalogue indicator a figure is an instance of (catalog/indicators.yaml and
extract/facts.py match_indicator), on short texts written for these tests, and the indicator
evaluation (eval/indicators.py) on small hand-made gold."""
from __future__ import annotations

import pytest
import yaml

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
