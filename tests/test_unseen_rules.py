"""Rules fixed after running fazhi on reports it had not seen (eval/data/reports_src: province,
department, 街道, 2019, 【】 headings, news, 政策解读, 工作要点, portal copies). Each fix has a case
that fires and a case that must not, on short texts written for the test, through the whole
pipeline (fazhi.analyze_text)."""
from __future__ import annotations

import pytest

from fazhi import analyze_text


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]


BODY = ("2023年，全市坚持以习近平法治思想为指导，认真落实《法治政府建设实施纲要（2021—2025年）》，"
        "推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长主持召开常务会议研究法治建设4次。\n"
        "三、存在的不足和原因\n执法人员不足，原因是编制紧张。\n"
        "四、2024年工作安排\n年内完成执法人员轮训，培训不少于40学时。\n")


# -- provenance.web_chrome: 发布时间/来源 is metadata, a pager is residue -------------------------
def test_publication_line_alone_is_not_web_chrome() -> None:
    text = ("松川市2023年法治政府建设年度报告\n发布时间：2024-03-28 10:15　　来源：松川市司法局　　作者：王明\n"
            + BODY + "中共松川市委　松川市人民政府\n2024年2月26日\n")
    r = analyze_text(text)
    assert r.meta.publish_date == "2024-03-28"
    assert rules(r, "provenance.web_chrome") == []


def test_pager_and_widget_inside_the_text_are_web_chrome() -> None:
    text = ("松川市2023年法治政府建设年度报告\n发布时间：2024-03-28　　来源：松川市司法局\n"
            + BODY.replace("审结110件。\n", "审结110件。\n上一页 1 2 下一页\n")
            + "中共松川市委　松川市人民政府\n2024年2月26日\n")
    r = analyze_text(text)
    out = rules(r, "provenance.web_chrome")
    assert len(out) == 1
    assert any("上一页" in e.quote for e in out[0].evidence)
    assert not any("发布时间" in e.quote for e in out[0].evidence)


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
    r = analyze_text("松川市2023年度法治政府建设情况报告\n" + BODY + "松川市人民政府\n2024年2月26日\n")
    assert r.meta.kind == "report"
    r = analyze_text("松川市人民政府关于《法治政府建设实施纲要》落实情况的报告\n" + BODY
                     + "松川市人民政府\n2024年2月26日\n")
    assert r.meta.kind == "report"


# -- meta.issuers: 街道办事处 signs ----------------------------------------------------------------
def test_street_office_signature_is_an_issuer() -> None:
    text = ("北岭街道2023年法治政府建设工作情况报告\n" + BODY.replace("全市", "街道")
            + "松川市东湖区北岭街道办事处\n2024年1月18日\n")
    r = analyze_text(text)
    assert r.meta.issuers == ["松川市东湖区北岭街道办事处"]
    assert r.meta.report_date == "2024-01-18"
    assert r.meta.level == "township"


def test_sentence_ending_in_office_is_not_an_issuer() -> None:
    text = ("北岭街道2023年法治政府建设工作情况报告\n" + BODY.replace("全市", "街道")
            + "2024年1月18日\n")
    r = analyze_text(text)
    assert r.meta.issuers == []


# -- statutory parts: "2024年主要工作安排" is the plan (catalog/structure.yaml phrase) -----------
def test_main_work_arrangements_heading_is_the_plan() -> None:
    r = analyze_text("松川市2023年法治政府建设年度报告\n"
                     + BODY.replace("四、2024年工作安排", "四、2024年主要工作安排")
                     + "松川市人民政府\n2024年2月26日\n")
    assert [s.part for s in r.sections] == ["measures", "first_responsible", "shortcomings", "plan"]
    assert rules(r, "structure.missing_part") == []
    r = analyze_text("松川市2023年法治政府建设年度报告\n"
                     + BODY.replace("四、2024年工作安排\n年内完成执法人员轮训，培训不少于40学时。\n", "")
                     + "松川市人民政府\n2024年2月26日\n")
    assert [f.data.get("part") for f in rules(r, "structure.missing_part")] == ["plan"]


# -- structure.heading_numbering: unnumbered lines among 【】 headings --------------------------
BRACKET = ("松川市2022年法治政府建设年度报告\n2022年，全市推进法治政府建设。现将有关情况报告如下。\n"
           "【主要举措和成效】\n政府职能依法全面履行\n政务服务事项全部进驻大厅，办件3,000件。\n"
           "依法行政制度建设\n审核规范性文件23件。\n社会矛盾纠纷依法化解\n调解纠纷1,200件。\n"
           "【党政主要负责人履行推进法治建设第一责任人职责情况】\n市长出庭应诉1次。\n"
           "【存在的不足及原因】\n执法人员缺编，原因是编制核定滞后。\n"
           "【2023年工作安排】\n年内完成执法人员轮训。\n松川市人民政府\n2023年2月10日\n")


def test_unnumbered_lines_among_bracket_headings_are_not_a_numbering_finding() -> None:
    r = analyze_text(BRACKET)
    assert rules(r, "structure.heading_numbering") == []


def test_unnumbered_line_among_numbered_siblings_is_a_numbering_finding() -> None:
    text = ("松川市2022年法治政府建设年度报告\n2022年，全市推进法治政府建设。现将有关情况报告如下。\n"
            "一、主要举措和成效\n（一）政府职能依法全面履行\n政务服务事项全部进驻大厅，办件3,000件。\n"
            "（二）依法行政制度建设\n审核规范性文件23件。\n"
            "（三）行政执法严格规范公正文明\n办理行政处罚案件240件。\n"
            "社会矛盾纠纷依法化解\n调解纠纷1,200件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长出庭应诉1次。\n"
            "三、存在的不足及原因\n执法人员缺编，原因是编制核定滞后。\n"
            "四、2023年工作安排\n年内完成执法人员轮训。\n松川市人民政府\n2023年2月10日\n")
    r = analyze_text(text)
    out = rules(r, "structure.heading_numbering")
    assert len(out) == 1 and out[0].data["anomaly"] == "unnumbered_sibling"
    assert "。，" not in out[0].message
    assert out[0].evidence[0].quote.startswith("社会矛盾纠纷依法化解")


# -- years.outdated_framework: not by heading look when the current 纲要 is named -------------
OLD_HEADINGS = ("一、主要举措和成效\n（一）依法全面履行政府职能\n办件3,000件。\n"
                "（二）完善依法行政制度体系\n审核规范性文件23件。\n"
                "（三）推进行政决策科学化、民主化、法治化\n重大行政决策4项。\n"
                "（四）坚持严格规范公正文明执法\n办理行政处罚案件240件。\n"
                "（五）强化对行政权力的制约和监督\n出庭应诉率100%。\n"
                "（六）依法有效化解社会矛盾纠纷\n调解纠纷1,200件。\n"
                "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长出庭应诉1次。\n"
                "三、存在的不足及原因\n执法人员缺编，原因是编制核定滞后。\n"
                "四、2023年工作安排\n年内完成执法人员轮训。\n松川市人民政府\n2023年2月10日\n")


def test_old_chapter_headings_without_citation_are_outdated() -> None:
    r = analyze_text("松川市2022年法治政府建设年度报告\n2022年，全市推进法治政府建设。现将有关情况报告如下。\n"
                     + OLD_HEADINGS)
    assert r.meta.framework == "2015-2020"
    assert [f.data.get("follows") for f in rules(r, "years.outdated_framework")] == ["2015-2020"]


def test_old_chapter_headings_with_current_outline_named_are_not_outdated() -> None:
    r = analyze_text("松川市2022年法治政府建设年度报告\n2022年，全市对照《法治政府建设实施纲要（2021—2025年）》"
                     "推进法治政府建设。现将有关情况报告如下。\n" + OLD_HEADINGS)
    assert rules(r, "years.outdated_framework") == []


# -- relations: 合格率 beside 优秀/不合格 categories; a numerator is no other rate's base -------
def rels(r, kind: str = "rate"):
    fs = {f.id: f for f in r.facts}
    return [(fs[x.rate].quote, fs[x.numerator].quote, fs[x.denominator].quote, x.holds)
            for x in r.relations if x.type == kind]


def test_pass_rate_beside_excellent_and_failed_categories_is_not_a_mismatch() -> None:
    r = analyze_text("抽查案卷240卷，其中优秀61卷、合格168卷、不合格11卷，合格率95.4%。\n")
    assert [x for x in rels(r) if not x[3]] == []
    assert rules(r, "figures.rate_mismatch") == []
    r = analyze_text("抽查案卷240卷，其中优秀61卷、合格168卷、不合格11卷，合格率90.4%。\n")
    assert len(rules(r, "figures.rate_mismatch")) == 1


def test_failure_rate_takes_the_failed_category() -> None:
    text = "评查案卷1,200卷，其中优秀216卷、合格930卷、不合格54卷，不合格率{}。\n"
    r = analyze_text(text.format("4.5%"))
    assert rels(r) == [("4.5%", "54卷", "1,200卷", True)]
    r = analyze_text(text.format("6.5%"))
    assert rels(r) == [("6.5%", "54卷", "1,200卷", False)]
    assert len(rules(r, "figures.rate_mismatch")) == 1


def test_numerator_of_one_rate_is_not_the_base_of_the_next() -> None:
    text = "全市行政诉讼一审案件97件，行政机关负责人出庭应诉95件，出庭应诉率97.9%；败诉4件，败诉率{}。\n"
    r = analyze_text(text.format("4.1%"))
    assert ("4.1%", "4件", "97件", True) in rels(r)
    assert rules(r, "figures.rate_mismatch") == []
    r = analyze_text(text.format("6.1%"))
    assert ("6.1%", "4件", "97件", False) in rels(r)
    # 其中 makes the next count a subset of the earlier numerator: that one is its base
    r = analyze_text("受理劳动争议案件3,656件，审结3,533件，结案率97%，其中调解结案2,574件，调解率73%。\n")
    assert ("73%", "2,574件", "3,533件", True) in rels(r)
    assert rules(r, "figures.rate_mismatch") == []


def test_tools_counted_in_ba_but_not_the_head_of_an_organ() -> None:
    r = analyze_text("储备风力灭火机860台、二号工具1.2万把。单位一把手带头述法，二是把法治建设摆在突出位置。\n")
    assert [(f.quote, f.value, f.unit) for f in r.facts] == [("860台", 860, "台"), ("1.2万把", 12000, "把")]


# -- facts: subjects and indicators on wording the seeds do not use ---------------------------
def fact(r, quote: str):
    return next(f for f in r.facts if f.quote == quote)


def test_subjects_keep_names_and_drop_run_in_markers_and_change_verbs() -> None:
    r = analyze_text("“赣服通”上线服务事项4,800余项，企业开办时间压缩至2个工作日以内。"
                     "对215起轻微违法行为免予处罚。全街道培养“法律明白人”186名；二是建成社区法治文化公园2个。"
                     "37个县级复议机构专职人员少于2名。报备率保持100%。\n")
    assert fact(r, "4,800余项").subject == "“赣服通”上线服务事项"
    assert fact(r, "2个工作日").subject == "企业开办时间"
    assert fact(r, "215起").subject.startswith("轻微违法行为")
    assert fact(r, "186名").subject == "培养“法律明白人”"
    assert fact(r, "2个").subject == "建成社区法治文化公园"
    assert fact(r, "37个").subject == "县级复议机构专职人员"
    assert fact(r, "100%").subject == "报备率"


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


# -- quality: a named project is a checkable plan item; listing functions is not specific -----
def _report(shortcomings: str, plan: str) -> str:
    return ("松川县2023年法治政府建设年度报告\n2023年，全县推进法治政府建设。现将有关情况报告如下：\n"
            "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议研究法治建设4次。\n"
            f"三、存在的不足\n{shortcomings}\n四、下一步工作打算\n{plan}\n松川县人民政府\n2024年2月26日\n")


VAGUE = "一是群众法治观念仍需提高，学法尊法守法用法的氛围还不够浓厚。二是工作力量薄弱，难以承担法制审核、执法监督、综合协调等职能。"
SPECIFIC = "一是食品药品、医疗器械、特种设备等领域专业执法人员缺乏。二是工作力量薄弱。"
SLOGANS = "一是进一步加强党对法治政府建设的领导。二是持续深化“放管服”改革，不断优化法治化营商环境。"
PROJECTS = "一是推动法治政府建设示范创建；二是深化行政执法协调监督工作体系建设；三是推进“八五”普法中期评估。"


def test_plan_of_named_projects_has_targets() -> None:
    assert rules(analyze_text(_report(SPECIFIC, PROJECTS)), "quality.plan_without_targets") == []
    out = rules(analyze_text(_report(SPECIFIC, SLOGANS)), "quality.plan_without_targets")
    assert [f.data["part"] for f in out] == ["plan"]


def test_functions_a_weak_office_cannot_carry_are_not_specific() -> None:
    out = rules(analyze_text(_report(VAGUE, PROJECTS)), "quality.vague_shortcomings")
    assert [f.data["part"] for f in out] == ["shortcomings"]
    assert rules(analyze_text(_report(SPECIFIC, PROJECTS)), "quality.vague_shortcomings") == []


# -- years.deadline: no lateness that depends only on which of two conflicting years is meant --
def test_deadline_not_judged_on_the_body_year_when_the_title_year_is_on_time() -> None:
    text = ("松川市2023年法治政府建设年度报告\n2022年，全市推进法治政府建设。现将有关情况报告如下：\n"
            "一、2022年法治政府建设主要举措和成效\n全年办理行政复议案件120件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长主持召开常务会议研究法治建设4次。\n"
            "三、存在的不足和原因\n执法人员不足，原因是编制紧张。\n"
            "四、下一步工作安排\n年内完成执法人员轮训，培训不少于40学时。\n松川市人民政府\n{date}\n")
    r = analyze_text(text.format(date="2024年2月20日"))
    assert r.meta.report_year == 2022
    assert [f.rule for f in r.findings if f.rule.startswith("years.")] == ["years.year_mismatch"]
    r = analyze_text(text.format(date="2024年3月20日"))      # late for 2023 as well
    assert "years.deadline" in [f.rule for f in r.findings]


# -- structure.shortcomings_without_causes: more ways of stating a cause ---------------------
@pytest.mark.parametrize("shortcomings,fires", [
    ("一是乡镇执法人员不足12人，受机构改革影响，编制调整滞后。", False),
    ("一是乡镇执法人员不足12人，这与编制调整滞后有关。", False),
    ("一是乡镇执法人员不足12人，归根结底在于编制调整滞后。", False),
    ("一是乡镇执法人员不足12人。主观上重视不够，客观上编制紧张。", False),
    ("一是乡镇执法人员不足12人。二是规范性文件备案不及时3件。", True),
    ("一是乡镇执法人员不足12人，问题在于执法力量不够。二是法治宣传影响力不大。", True),
])
def test_cause_wordings(shortcomings: str, fires: bool) -> None:
    out = rules(analyze_text(_report(shortcomings, PROJECTS)), "structure.shortcomings_without_causes")
    assert bool(out) is fires


# -- figures.rate_out_of_range: one finding per 办结 count, against the nearest 受理 -----------
def test_done_more_than_received_is_one_finding() -> None:
    out = rules(analyze_text("收到复议申请58件，受理52件，审结60件。\n"), "figures.rate_out_of_range")
    assert len(out) == 1
    assert [e.quote for e in out[0].evidence] == ["52件", "60件"]
    assert rules(analyze_text("收到复议申请58件，受理52件，审结50件。\n"), "figures.rate_out_of_range") == []
    assert rules(analyze_text("收到复议申请58件，受理52件，审结60件（含上年结转12件）。\n"),
                 "figures.rate_out_of_range") == []


# -- structure.missing_part: one heading naming two parts ------------------------------------
@pytest.mark.parametrize("heading,missing", [
    ("三、存在问题及下一步打算", []),
    ("三、存在的问题和下一步工作安排", []),
    ("三、存在的不足和原因", ["plan"]),
    ("三、工作成效和经验", ["shortcomings", "plan"]),
])
def test_combined_heading_covers_both_parts(heading: str, missing: list[str]) -> None:
    text = ("松川县2023年法治政府建设年度报告\n2023年，全县推进法治政府建设。现将有关情况报告如下：\n"
            "一、主要举措和成效\n全年办理行政复议案件120件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议研究法治建设4次。\n"
            f"{heading}\n一是执法人员不足，原因是编制紧张。下一步，年内完成执法人员轮训，培训不少于40学时。\n"
            "松川县人民政府\n2024年2月26日\n")
    out = rules(analyze_text(text), "structure.missing_part")
    assert [f.data["part"] for f in out] == missing


def test_two_headings_like_old_chapters_are_not_a_structure() -> None:
    text = ("松川市2023年法治政府建设年度报告\n2023年，全市推进法治政府建设。现将有关情况报告如下。\n"
            "一、主要举措和成效\n（一）全面履行政府职能\n办件3,000件。\n（二）持续提升执法规范化水平\n"
            "办理行政处罚案件240件。\n（三）依法化解社会矛盾纠纷\n调解纠纷1,200件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长出庭应诉1次。\n"
            "三、存在的不足及原因\n执法人员缺编，原因是编制核定滞后。\n"
            "四、2024年工作安排\n年内完成执法人员轮训。\n松川市人民政府\n2024年2月10日\n")
    assert rules(analyze_text(text), "years.outdated_framework") == []


# -- quantities: 半 after a duration ----------------------------------------------------------
def test_half_durations() -> None:
    r = analyze_text("会议时长约两个半小时，办理时间由3个半小时缩短至1个半小时，审查用时3天半。共有3个半成品。\n")
    assert [(f.quote, f.value, f.unit, f.kind) for f in r.facts] == [
        ("约两个半小时", 2.5, "个小时", "duration"), ("3个半小时", 3.5, "个小时", "duration"),
        ("1个半小时", 1.5, "个小时", "duration"), ("3天半", 3.5, "天", "duration"), ("3个", 3, "个", "count")]


# -- rates over 万-scaled counts and over 不予受理 ----------------------------------------------
def test_rate_over_rounded_scaled_counts() -> None:
    text = "热线受理群众诉求12.6万件，按时办结12.1万件，按时办结率{}。\n"
    r = analyze_text(text.format("96.4%"))                  # 12.05/12.65 … 12.15/12.55 = 95.3–96.8
    assert rules(r, "figures.rate_mismatch") == []
    assert [x[3] for x in rels(r)] == [True]
    assert len(rules(analyze_text(text.format("98.4%")), "figures.rate_mismatch")) == 1


def test_not_accepted_is_not_the_numerator_of_the_acceptance_rate() -> None:
    text = "共收到行政复议申请150件，受理140件，其中不予受理10件，受理率{}。\n"
    assert rels(analyze_text(text.format("93.3%"))) == [("93.3%", "140件", "150件", True)]
    assert len(rules(analyze_text(text.format("95.3%")), "figures.rate_mismatch")) == 1
