"""checks/figures.py: the figures.* rules on hand-built reports and short written texts: findings
only where the stated figures disagree."""
from __future__ import annotations

from checks_helpers import add_fact, add_rate, add_sum, make_report, run

from fazhi import analyze_text
from fazhi.config import Config


def _rate_report(text, rate_q, rate_v, num_q, num_v, den_q, den_v, holds=False, **kw):
    r = make_report(text)
    den = add_fact(r, den_q, den_v, "件")
    num = add_fact(r, num_q, num_v, "件")
    rate = add_fact(r, rate_q, rate_v, "%", kind="rate", **kw)
    add_rate(r, rate, num, den, holds=holds)
    return r


def test_rate_mismatch_minor_at_printed_precision():
    text = "共转办群众来电578件。已办结531件，办结率为91.8%。"
    r = _rate_report(text, "91.8%", 91.8, "531件", 531, "578件", 578)
    out = run("figures.rate_mismatch", r)
    assert len(out) == 1
    f = out[0]
    assert f.severity == "minor"
    assert f.message == "办结率91.8%与531/578=91.87%不符（按一位小数应为91.9%）。"
    assert [e.quote for e in f.evidence] == ["91.8%", "531件", "578件"]
    assert f.data["expected"] == 91.9


def test_rate_mismatch_major_for_whole_points():
    text = "受理执行案件400件，执结250件，执行案件执结率55.00%。"
    r = _rate_report(text, "55.00%", 55.0, "250件", 250, "400件", 400)
    out = run("figures.rate_mismatch", r)
    assert len(out) == 1 and out[0].severity == "major"
    assert "250/400=62.50%" in out[0].message
    # a whole-point gap may be another base the text does not state: the reviewer is asked, not told
    assert "需核实数据或统计口径" in out[0].message and "失实" not in out[0].message
    assert "统计口径" in out[0].suggestion
    cfg = Config.default()
    cfg.data["thresholds"]["rate_major_gap_pp"] = 20
    assert run("figures.rate_mismatch", r, cfg)[0].severity == "minor"


def test_rates_that_agree_are_never_flagged():
    cases = [
        ("受理矛盾纠纷8275件，成功调处8265件，调解成功率达99.88%。", "99.88%", 99.88, "8265件", 8265, "8275件", 8275),
        ("受理劳动争议案件3656件，审结3533件，立案结案率97%。", "97%", 97, "3533件", 3533, "3656件", 3656),
        ("排查矛盾纠纷729件，已化解710件，化解率97.4%。", "97.4%", 97.4, "710件", 710, "729件", 729),
        ("受理案件15件，纠错5件，纠错率33.3%。", "33.3%", 33.3, "5件", 5, "15件", 15),
        ("受理案件8件，纠错1件，纠错率12.5%。", "12.5%", 12.5, "1件", 1, "8件", 8),   # exact half
    ]
    for text, rq, rv, nq, nv, dq, dv in cases:
        r = _rate_report(text, rq, rv, nq, nv, dq, dv, holds=True)
        assert run("figures.rate_mismatch", r) == [], text
        # even if another component wrongly said it does not hold
        r.relations[0].holds = False
        assert run("figures.rate_mismatch", r) == [], text
    # an approximate rate within a point is not judged at its printed precision
    r = _rate_report("已开庭30件，负责人出庭11次，出庭应诉比例约36%。", "36%", 36, "11次", 11, "30件", 30,
                     approx=True, qualifier="约")
    assert run("figures.rate_mismatch", r) == []


def test_undecided_relations_are_ignored():
    r = _rate_report("共578件。已办结531件，办结率为91.8%。", "91.8%", 91.8, "531件", 531, "578件", 578,
                     holds=None)
    assert run("figures.rate_mismatch", r) == []


def test_sum_and_difference_mismatch():
    text = "共受理行政复议案件15件，其中维持10件、纠错6件。"
    r = make_report(text)
    t, a, b = add_fact(r, "15件", 15, "件"), add_fact(r, "10件", 10, "件"), add_fact(r, "6件", 6, "件")
    add_sum(r, t, [a, b])
    out = run("figures.sum_mismatch", r)
    assert len(out) == 1 and "10+6=16" in out[0].message and out[0].severity == "major"
    text = "新增市场主体28745户，注销3126户，净增25620户。"
    r = make_report(text)
    n, c, d = add_fact(r, "28745户", 28745, "户"), add_fact(r, "3126户", 3126, "户"), add_fact(r, "25620户", 25620, "户")
    add_sum(r, d, [n, c], type="difference")
    out = run("figures.sum_mismatch", r)
    assert len(out) == 1 and "28745−3126=25619" in out[0].message


def test_sums_that_agree_or_are_approximate_are_not_flagged():
    text = "新增市场主体28745户，注销3126户，净增25619户。"
    r = make_report(text)
    n, c, d = add_fact(r, "28745户", 28745, "户"), add_fact(r, "3126户", 3126, "户"), add_fact(r, "25619户", 25619, "户")
    add_sum(r, d, [n, c], type="difference", holds=False)
    assert run("figures.sum_mismatch", r) == []
    text = "共办理案件300余件，其中行政复议200件、行政应诉150件。"
    r = make_report(text)
    t = add_fact(r, "300余件", 300, "件", approx=True, qualifier="余")
    add_sum(r, t, [add_fact(r, "200件", 200, "件"), add_fact(r, "150件", 150, "件")])
    assert run("figures.sum_mismatch", r) == []


def test_rate_out_of_range():
    text = "群众满意率103%，GDP同比增长108%，完成率120%。"
    r = make_report(text)
    add_fact(r, "103%", 103, "%", kind="rate", subject="群众满意率")
    add_fact(r, "108%", 108, "%", kind="rate", subject="GDP同比增长")
    add_fact(r, "120%", 120, "%", kind="rate", subject="完成率")
    out = run("figures.rate_out_of_range", r)
    assert len(out) == 1 and out[0].evidence[0].quote == "103%"


def test_done_more_than_received():
    text = "全年受理信访事项120件，办结135件。"
    r = make_report(text)
    add_fact(r, "120件", 120, "件")
    add_fact(r, "135件", 135, "件")
    out = run("figures.rate_out_of_range", r)
    assert len(out) == 1 and [e.quote for e in out[0].evidence] == ["120件", "135件"]
    for ok, q, v, unit in (("全年受理信访事项120件，办结135件（含上年结转20件）。", "135件", 135, "件"),
                           ("全年受理信访事项120件，办结115件。", "115件", 115, "件"),
                           ("全年受理信访事项120件，接待群众135人次。", "135人次", 135, "人次")):
        r = make_report(ok)
        add_fact(r, "120件", 120, "件")
        add_fact(r, q, v, unit)
        assert run("figures.rate_out_of_range", r) == [], ok


def test_sum_guards_against_changes_partial_lists_and_mis_scoped_parts():
    # a change is not a total of what follows
    text = "中央财政赤字1.55万亿元，比去年增加2000亿元，其中甲8300亿元、乙7200亿元。"
    r = make_report(text)
    t = add_fact(r, "2000亿元", 2e11, "元")
    add_sum(r, t, [add_fact(r, "8300亿元", 8.3e11, "元"), add_fact(r, "7200亿元", 7.2e11, "元")])
    assert run("figures.sum_mismatch", r) == []
    # "其中" naming a few of many parts
    text = "新增发电装机容量4.45亿千瓦，其中水电9601万千瓦、核电384万千瓦。"
    r = make_report(text)
    t = add_fact(r, "4.45亿千瓦", 4.45e8, "千瓦")
    add_sum(r, t, [add_fact(r, "9601万千瓦", 9.601e7, "千瓦"), add_fact(r, "384万千瓦", 3.84e6, "千瓦")])
    assert run("figures.sum_mismatch", r) == []
    # a small shortfall is reported, as minor
    text = "共受理行政复议案件15件，其中维持10件、纠错4件。"
    r = make_report(text)
    t = add_fact(r, "15件", 15, "件")
    add_sum(r, t, [add_fact(r, "10件", 10, "件"), add_fact(r, "4件", 4, "件")])
    out = run("figures.sum_mismatch", r)
    assert len(out) == 1 and out[0].severity == "minor"


def test_guards_against_misread_figures():
    # a numerator read an order of magnitude wrong is an extraction slip, not a miscalculation
    text = "共有棉田三千六百四十八万四千亩，占棉田实收面积八千五百多万亩的百分之四十二。"
    r = make_report(text)
    den = add_fact(r, "八千五百多万亩", 85000000, "亩")
    num = add_fact(r, "三千六百四十八万四千亩", 4000, "亩")
    rate = add_fact(r, "百分之四十二", 42, "%", kind="rate")
    add_rate(r, rate, num, den)
    assert run("figures.rate_mismatch", r) == []
    # "X的百分之一百四十" is a ratio, not a bounded rate
    text = "造价达三百元，超过国家规定造价一百二十五元的百分之一百四十。"
    r = make_report(text)
    add_fact(r, "百分之一百四十", 140, "%", kind="rate")
    assert run("figures.rate_out_of_range", r) == []
    # "其中…增加110万套" lists a change, not a part
    text = "今年保障性安居工程新安排740万套，其中棚户区改造580万套，增加110万套。"
    r = make_report(text)
    t = add_fact(r, "740万套", 7.4e6, "套")
    add_sum(r, t, [add_fact(r, "580万套", 5.8e6, "套"), add_fact(r, "110万套", 1.1e6, "套")])
    assert run("figures.sum_mismatch", r) == []


def test_rate_over_an_approximate_base():
    # "占…8500多万亩的42%": 8500多万 is at least 8500万, so 42% is possible -> no finding
    text = "共有棉田3648万亩，占实收面积8500多万亩的42%。"
    r = make_report(text)
    den = add_fact(r, "8500多万亩", 85000000, "亩", approx=True, qualifier="多")
    num = add_fact(r, "3648万亩", 36480000, "亩")
    rate = add_fact(r, "42%", 42, "%", kind="rate")
    add_rate(r, rate, num, den)
    assert run("figures.rate_mismatch", r) == []
    # the same base cannot give 30%: more than "多" allows -> a finding
    text = "共有棉田3648万亩，占实收面积8500多万亩的30%。"
    r = make_report(text)
    den = add_fact(r, "8500多万亩", 85000000, "亩", approx=True, qualifier="多")
    num = add_fact(r, "3648万亩", 36480000, "亩")
    rate = add_fact(r, "30%", 30, "%", kind="rate")
    add_rate(r, rate, num, den)
    (f,) = run("figures.rate_mismatch", r)
    assert f.severity == "major"


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]


# -- figures.rate_out_of_range: one finding per 办结 count, against the nearest 受理 -----------
def test_done_more_than_received_is_one_finding() -> None:
    out = rules(analyze_text("收到复议申请58件，受理52件，审结60件。\n"), "figures.rate_out_of_range")
    assert len(out) == 1
    assert [e.quote for e in out[0].evidence] == ["52件", "60件"]
    assert rules(analyze_text("收到复议申请58件，受理52件，审结50件。\n"), "figures.rate_out_of_range") == []
    assert rules(analyze_text("收到复议申请58件，受理52件，审结60件（含上年结转12件）。\n"),
                 "figures.rate_out_of_range") == []
