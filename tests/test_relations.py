"""extract/relations.py (component "relations"): sums, differences and rates between facts, with
holds/tolerance; rates beside categories, over 万-scaled counts and over 不予受理."""
from __future__ import annotations

import pytest

from conftest import TEXTS, seed_by_prefix, seed_paths
from fazhi import analyze_text
from fazhi.extract.facts import build_facts
from fazhi.extract.relations import build_relations
from fazhi.model import Report


def analyse(text: str) -> Report:
    r = Report(text=text)
    r.facts = build_facts(r)
    r.relations = build_relations(r)
    return r


def q(r: Report, fid: str | None) -> str | None:
    return r.fact(fid).quote if fid else None


def rels(r: Report, type_: str):
    return [x for x in r.relations if x.type == type_]


def test_design_worked_example():
    r = analyse("共受理行政复议案件15件，其中维持10件、纠错5件，纠错率33.3%。")
    (s,) = rels(r, "sum")
    assert q(r, s.total) == "15件" and [q(r, p) for p in s.parts] == ["10件", "5件"]
    assert (s.computed, s.stated, s.holds) == (15, 15, True)
    (rt,) = rels(r, "rate")
    assert (q(r, rt.rate), q(r, rt.numerator), q(r, rt.denominator)) == ("33.3%", "5件", "15件")
    assert rt.computed == pytest.approx(33.3333, abs=1e-3) and rt.holds and rt.tolerance == 0.05


def test_rate_mismatch_is_recorded():
    r = analyse("共受理行政复议案件15件，其中维持10件、纠错5件，纠错率35%。")
    (rt,) = rels(r, "rate")
    assert rt.holds is False and rt.stated == 35 and rt.tolerance == 0.5


def test_printed_precision_decides():
    text = ("共转办群众来电578件。其中，咨询类13件，求助类549件，投诉类11件，建议类5件。"
            "已办结531件，办结率为91.8%。")
    r = analyse(text)
    (s,) = rels(r, "sum")
    assert q(r, s.total) == "578件" and len(s.parts) == 4 and s.holds
    (rt,) = rels(r, "rate")
    assert (q(r, rt.numerator), q(r, rt.denominator)) == ("531件", "578件")
    assert rt.computed == pytest.approx(91.8685, abs=1e-3)
    assert rt.tolerance == 0.05 and rt.holds is False          # 91.87 prints as 91.9
    ok = analyse(text.replace("91.8%", "91.9%"))
    assert rels(ok, "rate")[0].holds is True


@pytest.mark.parametrize("text,num,den", [
    ("2020年，全区人民调解组织受理矛盾纠纷8275件，成功调处8265件，调解成功率达99.88%。", "8265件", "8275件"),
    ("2020年，全区受理行政调解15331件，调解成功12024件，成功率为78.43%。", "12024件", "15331件"),
    ("共排查各类矛盾纠纷729件，成功化解710件，化解率97.4%。", "710件", "729件"),
    ("共受理劳动争议案件3656件，审结3533件，结案率97%。", "3533件", "3656件"),
])
def test_rates_that_agree(text, num, den):
    r = analyse(text)
    (rt,) = rels(r, "rate")
    assert (q(r, rt.numerator), q(r, rt.denominator)) == (num, den)
    assert rt.holds is True


def test_appearance_rate_over_heard_cases():
    r = analyse("被诉行政案件40件，已开庭30件，其中副县长出庭应诉达11次，行政机关负责人出庭应诉比例约37%。")
    (rt,) = rels(r, "rate")
    assert (q(r, rt.numerator), q(r, rt.denominator)) == ("11次", "30件")
    assert rt.holds and rt.tolerance >= 1.0                  # 约 widens the tolerance
    r = analyse("被诉行政案件40件，负责人出庭应诉11次，出庭应诉率27.5%。")
    (rt,) = rels(r, "rate")
    assert q(r, rt.denominator) == "40件" and rt.holds


@pytest.mark.parametrize("text", [
    "被诉行政案件40件，行政机关负责人出庭应诉率50%。",                 # no numerator
    "新增市场主体1000户，新增率为20%。",                               # a rate of change
    "全县7913户市场主体完成年报，其中企业1391户，年报率95.97%。",     # no stated base
    "受理网上信访事项2314件次，接到来信1971件次，受理率100%。",       # base smaller than numerator
])
def test_no_rate_relation_when_wording_does_not_support_it(text):
    assert rels(analyse(text), "rate") == []


def test_share_of_total():
    r = analyse("政府购买服务执行金额24598.45万元，占全区政府采购执行总额170866.66万元的14.4%。")
    (rt,) = rels(r, "rate")
    assert (q(r, rt.numerator), q(r, rt.denominator)) == ("24598.45万元", "170866.66万元")
    assert rt.holds


def test_aside_sums_and_difference():
    r = analyse("市场主体新增1000户（其中：企业300户，个体工商户700户），注销200户（其中：企业50户，"
                "个体工商户150户），净增800户。")
    sums = rels(r, "sum")
    assert [(q(r, s.total), s.holds) for s in sums] == [("1000户", True), ("200户", True)]
    (d,) = rels(r, "difference")
    assert q(r, d.total) == "800户" and [q(r, p) for p in d.parts] == ["1000户", "200户"]
    assert d.computed == 800 and d.holds
    bad = analyse("市场主体新增1000户，注销200户，净增900户。")
    (d,) = rels(bad, "difference")
    assert d.holds is False and d.computed == 800


def test_sum_mismatch_and_money_precision():
    r = analyse("查出问题资金52.31亿元，其中违规金额2.35亿元，管理不规范金额49.96亿元。")
    (s,) = rels(r, "sum")
    assert s.holds and s.tolerance > 0
    r = analyse("共受理法律援助案件81件，其中刑事案件53件、民事案件29件。")
    (s,) = rels(r, "sum")
    assert s.holds is False and s.computed == 82


def test_aside_without_qizhong():
    r = analyse("组织开展县级应急演练2次（坝体开裂1次，森林防火1次），参演800余人次。")
    (s,) = rels(r, "sum")
    assert s.computed == 2 and s.holds


@pytest.mark.parametrize("text", [
    # parts split across clauses with an unrelated figure: not clearly a partition
    "全区共办理行政复议案件73件，其中区政府办理行政复议案件68件，纠错率13.6%；"
    "其他单位办理行政复议案件5件（上期转结1件）；以区政府为被申请人的案件21件。",
    # different units
    "2022年共接种疫苗1461049剂，其中第一剂545463人，完成两剂接种的542361人。",
    # a plain list of counts, no 共/其中
    "受理案件10件，办结8件，调解5件。",
    # only one part
    "全区行政诉讼408件，其中以区政府为被告的177件，出庭应诉率40%。",
])
def test_no_sum_when_not_explicit(text):
    assert rels(analyse(text), "sum") == []


def test_fixture_report_relations():
    r = analyse((TEXTS / "facts_report.txt").read_text("utf-8"))
    by_total = {q(r, s.total): s for s in rels(r, "sum")}
    assert by_total["36件"].holds and by_total["1,200件"].holds and by_total["1000户"].holds
    rates = {q(r, x.rate): x for x in rels(r, "rate")}
    assert rates["95.8%"].holds is True                     # 1150/1200 = 95.83
    assert rates["97.78%"].holds is True                    # 880/900 = 97.78
    assert (q(r, rates["80%"].numerator), q(r, rates["80%"].denominator)) == ("16次", "20件")
    assert "约96%" not in rates                              # no 通过 count given
    for x in r.relations:
        ids = [x.total, x.rate, x.numerator, x.denominator, *x.parts]
        assert all(r.fact(i) is not None for i in ids if i)


# ------------------------------------------------------------------ seeds
def test_seed_relations_are_well_formed():
    paths = seed_paths()
    if not paths:
        pytest.skip("shared/corpus/seeds is not beside the repository")
    for p in paths:
        r = analyse(p.read_text("utf-8"))
        for x in r.relations:
            if x.type in ("sum", "difference"):
                units = {r.fact(i).unit for i in [x.total, *x.parts]}
                assert len(units) == 1, (p.name, x)
            else:
                assert r.fact(x.rate).unit == "%"
                assert r.fact(x.numerator).value <= r.fact(x.denominator).value
            assert x.computed is not None and x.holds is not None and x.tolerance is not None


def test_seed_000_hotline_rate_does_not_hold():
    r = analyse(seed_by_prefix("000").read_text("utf-8"))
    rate = next(x for x in rels(r, "rate") if q(r, x.rate) == "91.8%")
    assert (q(r, rate.numerator), q(r, rate.denominator)) == ("531件", "578件")
    assert rate.holds is False and rate.computed == pytest.approx(91.87, abs=0.01)
    (s,) = [x for x in rels(r, "sum") if q(r, x.total) == "578件"]
    assert s.holds


def test_seed_002_rates_that_agree_are_not_flagged():
    r = analyse(seed_by_prefix("002").read_text("utf-8"))
    rates = {q(r, x.rate): x for x in rels(r, "rate")}
    assert rates["99.88%"].holds and rates["78.43%"].holds
    assert all(x.holds for x in rels(r, "sum"))
    # 73件 of which 68件 …; 5件 …; 21件: not a clean partition -> no sum on 73件
    assert not any(q(r, x.total) == "73件" for x in rels(r, "sum"))


def test_seed_001_market_entities_difference():
    r = analyse(seed_by_prefix("001").read_text("utf-8"))
    (d,) = rels(r, "difference")
    assert d.holds and [q(r, p) for p in d.parts] == ["28745户", "3126户"]
    assert not any(r.fact(x.total).unit == "剂" for x in rels(r, "sum"))


# ------------------------------------------------------------------ 其中: scope of total and parts
def _sum_quotes(r: Report):
    return [(q(r, s.total), [q(r, p) for p in s.parts], s.holds) for s in rels(r, "sum")]


def test_qizhong_total_skips_a_change_figure():
    r = analyse("全年发放补助资金2.38万元，比上年增加2000元。其中，县级资金1.55万元，乡镇资金8300元。")
    assert _sum_quotes(r) == [("2.38万元", ["1.55万元", "8300元"], True)]
    r = analyse("全年发放补助资金13500元，比上年增加1500元，其中县级资金9500元，乡镇资金4000元。")
    assert _sum_quotes(r) == [("13500元", ["9500元", "4000元"], True)]


def test_qizhong_parts_end_at_a_change_a_total_or_another_unit():
    # a change after a part is not a part: one part left -> no relation
    assert _sum_quotes(analyse("新建调解室740个，其中村级580个，比上年增加110个。")) == []
    # a stock figure (总…) is not a part of the new figures
    assert _sum_quotes(analyse("新增法律顾问60人，其中律师42人，法律顾问总数达956人。")) == []
    # another unit ends the chain: the later same-unit figure belongs to another subject
    assert _sum_quotes(analyse("新建公共法律服务站63个，其中村级站33个，培训调解员120人，新建工作室17个。")) == []
    # from-to pairs are not parts
    assert _sum_quotes(analyse("案件总数增加到715件。其中，复议案件由218件增加到266件，诉讼案件由497件增加到449件。")) == []


def test_qizhong_examples_are_not_a_partition():
    assert _sum_quotes(analyse("共办理案件92件。其中包括行政处罚案件15件，行政许可案件23件。")) == []


def test_qizhong_partition_that_holds_is_kept():
    r = analyse("共审查规范性文件964件，其中县政府文件271件，部门文件693件；备案率100%。")
    assert _sum_quotes(r) == [("964件", ["271件", "693件"], True)]


def test_rate_denominator_is_not_a_parallel_category():
    r = analyse("抽查行政许可案卷1,200卷，评为优秀案卷216卷、合格案卷930卷、不合格案卷54卷，不合格率4.5%。")
    (rt,) = rels(r, "rate")
    assert (q(r, rt.numerator), q(r, rt.denominator), rt.holds) == ("54卷", "1,200卷", True)
    # process counts joined by 、 are not categories: 审结 over 受理
    r = analyse("全年受理行政复议案件982件、审结905件，审结率92.2%。")
    (rt,) = rels(r, "rate")
    assert (q(r, rt.numerator), q(r, rt.denominator), rt.holds) == ("905件", "982件", True)


# -- patterns met on real pages (team-written texts) -------------------------------------------
def _figure_findings(text: str) -> list:
    import fazhi
    return [f for f in fazhi.analyze_text(text).findings if f.rule.startswith("figures.")]


def test_parts_with_their_own_rates_are_still_parts():
    r = analyse("全镇共有650户经营主体完成年报公示，其中企业120户，年报率92.1%，"
                "个体工商户500户，年报率80.2%，合作社30户。")
    (s,) = rels(r, "sum")
    assert q(r, s.total) == "650户" and [q(r, p) for p in s.parts] == ["120户", "500户", "30户"]
    assert s.holds


def test_a_rate_that_ends_the_list_is_no_part_and_no_qualifier_of_a_next_part():
    r = analyse("全镇共有650户，其中企业120户，个体工商户530户，年报率80.2%。全年检查30户。")
    (s,) = rels(r, "sum")
    assert [q(r, p) for p in s.parts] == ["120户", "530户"] and s.holds


def test_non_addend_in_the_aside_is_left_out():
    text = "共立案120件（其中简易程序40件，普通程序80件、撤销立案5件）。"
    r = analyse(text)
    (s,) = rels(r, "sum")
    assert [q(r, p) for p in s.parts] == ["40件", "80件"] and s.holds
    assert _figure_findings(text) == []


def test_aside_that_adds_up_to_nothing_is_still_reported():
    out = _figure_findings("共立案120件（其中简易程序40件，普通程序90件、撤销立案5件）。")
    assert [f.rule for f in out] == ["figures.sum_mismatch"]


def test_parts_across_semicolons_after_a_stated_total():
    ok = "检测能力每日最大2400管，其中甲实验室1100管；乙医院500管、丙车300管；丁医院500管。"
    r = analyse(ok)
    (s,) = rels(r, "sum")
    assert len(s.parts) == 4 and s.holds
    bad = ok.replace("丁医院500管", "丁医院600管")
    out = _figure_findings(bad)
    assert [f.rule for f in out] == ["figures.sum_mismatch"] and "600" in out[0].message


def test_parts_across_semicolons_without_a_stated_total_are_not_read():
    r = analyse("受理案件100件，其中复议60件；办结90件。")
    assert rels(r, "sum") == []


def test_a_modifier_before_the_first_part_is_read_through():
    r = analyse("检查企业共50家：其中开展3次（每季度一次）联合检查，检查企业42家；专项检查企业8家。")
    (s,) = rels(r, "sum")
    assert [q(r, p) for p in s.parts] == ["42家", "8家"] and s.holds


def test_part_larger_than_its_qizhong_total_is_a_finding():
    out = _figure_findings("共受理行政复议案件15件，其中维持10件、纠错25件。")
    assert len(out) == 1 and out[0].severity == "major" and "分项大于合计" in out[0].message
    assert [e.quote for e in out[0].evidence] == ["15件", "25件"]


def test_larger_count_without_qizhong_is_no_finding():
    assert _figure_findings("受理行政复议案件15件。维持10件、纠错25件。") == []


def test_rate_on_a_base_less_the_withdrawn_cases_is_no_mismatch():
    assert _figure_findings("审结行政诉讼案件50件，胜诉40件，撤诉5件，胜诉率88.9%。") == []
    out = _figure_findings("审结行政诉讼案件50件，胜诉40件，撤诉5件，胜诉率70%。")
    assert [f.rule for f in out] == ["figures.rate_mismatch"]


def test_rate_over_another_base_the_text_gives_is_recorded_over_it():
    r = analyse("审结案件50件，受理案件60件，调解结案40件，调解率80%。")
    (rt,) = rels(r, "rate")
    assert q(r, rt.denominator) == "50件" and rt.holds


def test_share_of_a_named_base_after_qizhong():
    ok = "共办理审批事项200项，其中即办件150项，占全部审批事项的75%。"
    r = analyse(ok)
    (rt,) = rels(r, "rate")
    assert (q(r, rt.numerator), q(r, rt.denominator), rt.holds) == ("150项", "200项", True)
    out = _figure_findings(ok.replace("75%", "80%"))
    assert [f.rule for f in out] == ["figures.rate_mismatch"]
    assert out[0].message.startswith("占全部审批事项的比例80%与150/200=75.00%不符")


def test_share_of_a_budget_after_a_comparison_base_is_not_read():
    r = analyse("支出比预算数3000元少支200元。其中建设费支出1000元，占预算数的96%。")
    assert rels(r, "rate") == []


def test_one_listed_figure_that_is_no_addend_is_left_out_anywhere_in_the_list():
    text = "共立案120件（其中简易程序40件，撤销立案5件、普通程序80件）。"
    r = analyse(text)
    (s,) = rels(r, "sum")
    assert [q(r, p) for p in s.parts] == ["40件", "80件"] and s.holds
    assert _figure_findings(text) == []
    # no part makes the excess: still a mismatch
    assert [f.rule for f in _figure_findings("共受理行政复议案件15件，其中维持10件、纠错6件、驳回2件。")] \
        == ["figures.sum_mismatch"]


def test_scores_are_not_added_up():
    r = analyse("综合得分中，最高分88.5分，最低分72.4分，平均得分为79.2分。其中：内部考核最高分89.8分，"
                "最低分70.1分。")
    assert rels(r, "sum") == []
    r = analyse("共受理案件100件，其中复议60件、诉讼40件。")
    assert len(rels(r, "sum")) == 1


@pytest.mark.parametrize("text", [
    "平均办理用时5天，其中最长8天，最短2天。",
    "平均办理用时5天（最长8天，最短2天）。",
    "全镇网格员平均年龄45岁，其中最大60岁，最小30岁。",
])
def test_averages_maxima_and_ages_are_not_added_up(text):
    assert rels(analyse(text), "sum") == [] and _figure_findings(text) == []


def test_durations_that_are_parts_are_still_added_up():
    (s,) = rels(analyse("办理时限共15天，其中受理3天，审查12天。"), "sum")
    assert s.holds and len(s.parts) == 2


def test_larger_part_that_counts_another_object_is_no_finding():
    assert _figure_findings("全县建成服务站15个，其中覆盖村120个、社区30个。") == []


def test_share_of_a_wider_base_is_not_read_over_the_local_total():
    r = analyse("共受理案件200件，其中行政复议50件，占全市复议案件的30%。")
    assert rels(r, "rate") == []


def test_parts_with_their_share_in_an_aside_are_still_parts():
    ok = "全镇共有经营主体650户，其中企业120户（占18.5%），个体工商户500户（占76.9%），合作社30户（占4.6%）。"
    (s,) = rels(analyse(ok), "sum")
    assert [q(analyse(ok), p) for p in s.parts] == ["120户", "500户", "30户"] and s.holds
    out = _figure_findings(ok.replace("个体工商户500户", "个体工商户520户"))
    assert [f.rule for f in out] == ["figures.sum_mismatch"]


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]


# -- relations: 合格率 beside 优秀/不合格 categories; a numerator is no other rate's base -------
def rate_relations(r, kind: str = "rate"):
    fs = {f.id: f for f in r.facts}
    return [(fs[x.rate].quote, fs[x.numerator].quote, fs[x.denominator].quote, x.holds)
            for x in r.relations if x.type == kind]


def test_pass_rate_beside_excellent_and_failed_categories_is_not_a_mismatch() -> None:
    r = analyze_text("抽查案卷240卷，其中优秀61卷、合格168卷、不合格11卷，合格率95.4%。\n")
    assert [x for x in rate_relations(r) if not x[3]] == []
    assert rules(r, "figures.rate_mismatch") == []
    r = analyze_text("抽查案卷240卷，其中优秀61卷、合格168卷、不合格11卷，合格率90.4%。\n")
    assert len(rules(r, "figures.rate_mismatch")) == 1


def test_failure_rate_takes_the_failed_category() -> None:
    text = "评查案卷1,200卷，其中优秀216卷、合格930卷、不合格54卷，不合格率{}。\n"
    r = analyze_text(text.format("4.5%"))
    assert rate_relations(r) == [("4.5%", "54卷", "1,200卷", True)]
    r = analyze_text(text.format("6.5%"))
    assert rate_relations(r) == [("6.5%", "54卷", "1,200卷", False)]
    assert len(rules(r, "figures.rate_mismatch")) == 1


def test_numerator_of_one_rate_is_not_the_base_of_the_next() -> None:
    text = "全市行政诉讼一审案件97件，行政机关负责人出庭应诉95件，出庭应诉率97.9%；败诉4件，败诉率{}。\n"
    r = analyze_text(text.format("4.1%"))
    assert ("4.1%", "4件", "97件", True) in rate_relations(r)
    assert rules(r, "figures.rate_mismatch") == []
    r = analyze_text(text.format("6.1%"))
    assert ("6.1%", "4件", "97件", False) in rate_relations(r)
    # 其中 makes the next count a subset of the earlier numerator: that one is its base
    r = analyze_text("受理劳动争议案件3,656件，审结3,533件，结案率97%，其中调解结案2,574件，调解率73%。\n")
    assert ("73%", "2,574件", "3,533件", True) in rate_relations(r)
    assert rules(r, "figures.rate_mismatch") == []


# -- rates over 万-scaled counts and over 不予受理 ----------------------------------------------
def test_rate_over_rounded_scaled_counts() -> None:
    text = "热线受理群众诉求12.6万件，按时办结12.1万件，按时办结率{}。\n"
    r = analyze_text(text.format("96.4%"))                  # 12.05/12.65 … 12.15/12.55 = 95.3–96.8
    assert rules(r, "figures.rate_mismatch") == []
    assert [x[3] for x in rate_relations(r)] == [True]
    assert len(rules(analyze_text(text.format("98.4%")), "figures.rate_mismatch")) == 1


def test_not_accepted_is_not_the_numerator_of_the_acceptance_rate() -> None:
    text = "共收到行政复议申请150件，受理140件，其中不予受理10件，受理率{}。\n"
    assert rate_relations(analyze_text(text.format("93.3%"))) == [("93.3%", "140件", "150件", True)]
    assert len(rules(analyze_text(text.format("95.3%")), "figures.rate_mismatch")) == 1
