"""checks/years.py: the years.* rules on hand-built reports and on short texts written for the test
through the whole pipeline (outdated framework, deadline)."""
from __future__ import annotations

from conftest import TEXTS
from checks_helpers import add_fact, make_report, run

from fazhi import analyze_text
from fazhi.config import Config
from fazhi.model import Removed

PARTS = {"主要举措和成效": "measures", "第一责任人": "first_responsible",
         "存在的不足": "shortcomings", "主要安排": "plan", "工作安排": "plan"}


def _confused():
    text = (TEXTS / "checks_years_confused.txt").read_text("utf-8")
    r = make_report(text, parts=PARTS, report_year=2021, title="2022年度法治政府建设自查报告")
    r.meta.evidence["title"] = (0, len("2022年度法治政府建设自查报告"))
    for q, v in (("73件", 73), ("8275件", 8275), ("886件", 886), ("619件", 619)):
        add_fact(r, q, v, "件", year=2020)
    add_fact(r, "64件", 64, "件", year=2021)
    return r


def _complete():
    text = (TEXTS / "checks_complete.txt").read_text("utf-8")
    r = make_report(text, parts=PARTS, report_year=2023, title="清溪县2023年法治政府建设情况报告",
                    report_date="2024-02-20", level="county", kind="report")
    r.meta.evidence["title"] = (0, len(r.meta.title))
    for q, v in (("1200项", 1200), ("1080项", 1080), ("15件", 15), ("10件", 10), ("5件", 5)):
        add_fact(r, q, v, q[-1], year=2023)
    return r


def test_year_mismatch_title_headings_and_plan():
    r = _confused()
    out = run("years.year_mismatch", r)
    kinds = {f.data["kind"]: f for f in out}
    assert set(kinds) == {"reported_year", "plan_year"}
    rep = kinds["reported_year"]
    assert rep.severity == "major" and rep.data["years"] == [2021, 2022]
    assert "2020年" in rep.message           # figures all labelled a third year
    assert {e.quote for e in rep.evidence} >= {"2022年度", "2021年度", "2021年"}
    plan = kinds["plan_year"]
    assert plan.data["years"] == [2021] and plan.evidence[0].quote == "2021年"
    assert "2022年" in plan.message


def test_year_mismatch_quiet_when_years_agree():
    r = _complete()
    assert run("years.year_mismatch", r) == []
    # a plan for the next year, and a title naming both years, are fine
    text = "清溪县关于2023年法治政府建设情况和2024年工作安排的报告\n一、2023年度主要举措和成效\n办理案件。\n二、2024年度工作安排\n加强培训。\n"
    r = make_report(text, parts=PARTS, report_year=2023, title=text.split("\n")[0])
    assert run("years.year_mismatch", r) == []


def test_stale_data():
    r = _confused()
    out = run("years.stale_data", r)
    assert len(out) == 1 and out[0].data == {"report_year": 2021, "stale": 4, "dated": 5,
                                             "facts": ["f1", "f2", "f3", "f4"]}
    assert out[0].evidence[0].quote == "73件"
    assert run("years.stale_data", _complete()) == []
    cfg = Config.default()
    cfg.data["thresholds"]["stale_min_facts"] = 6      # too few dated figures to judge
    assert run("years.stale_data", r, cfg) == []


def test_deadline_and_early_report():
    r = _complete()
    assert run("years.deadline", r) == [] and run("years.early_report", r) == []
    r.meta.report_date = "2024-03-20"
    r.meta.evidence["report_date"] = (r.text.index("2024年2月20日"), r.text.index("2024年2月20日") + 10)
    out = run("years.deadline", r)
    assert len(out) == 1 and "2024年3月1日前" in out[0].message
    assert out[0].evidence[0].quote == "2024年2月20日"
    # province level reports by 04-01
    r.meta.level = "province"
    assert run("years.deadline", r) == []
    # per-province override
    cfg = Config.default()
    cfg.data["deadlines"]["provinces"] = {"甲省": {"report_by": "03-15"}}
    r.meta.level, r.meta.province = "county", "甲省"
    assert len(run("years.deadline", r, cfg)) == 1
    r.meta.report_date = "2024-03-10"
    assert run("years.deadline", r, cfg) == []
    # publication date read from a removed metadata line
    r.meta.province = None
    r.meta.report_date, r.meta.publish_date = "2024-02-20", "2024-04-15"
    r.removed.append(Removed("metadata_table", "发布时间：2024-04-15", 0))
    out = run("years.deadline", r)
    assert len(out) == 1 and out[0].data["field"] == "publish_date" and out[0].evidence[0].removed
    # before 2019: first quarter
    r.meta.report_year, r.meta.report_date, r.meta.publish_date = 2017, "2018-03-30", None
    assert run("years.deadline", r) == []
    r.meta.report_date = "2018-04-02"
    assert len(run("years.deadline", r)) == 1
    # dated before the reported year ended
    r.meta.report_year, r.meta.report_date = 2019, "2019-12-27"
    early = run("years.early_report", r)
    assert len(early) == 1 and early[0].severity == "info"


def test_deadline_ignores_template_site_posting_date():
    r = _complete()
    r.meta.publish_date = "2024-06-30"
    r.hints["template_site"] = True
    assert run("years.deadline", r) == []


def test_outdated_framework():
    text = "2023年，我县认真贯彻《法治政府建设实施纲要（2015-2020年）》。\n"
    r = make_report(text, report_year=2023)
    out = run("years.outdated_framework", r)
    assert len(out) == 1 and out[0].evidence[0].quote == "法治政府建设实施纲要（2015-2020年）"
    r = make_report(text, report_year=2020)
    assert run("years.outdated_framework", r) == []
    text = "2019年，我县对照《法治政府建设实施纲要（2021—2025年）》推进工作。\n"
    out = run("years.outdated_framework", make_report(text, report_year=2019))
    assert len(out) == 1 and out[0].severity == "major"
    assert run("years.outdated_framework", make_report(text, report_year=2022)) == []
    # a different outline (法治社会) is not the 法治政府 outline
    text = "2023年，我县贯彻《法治社会建设实施纲要（2020-2025年）》。\n"
    assert run("years.outdated_framework", make_report(text, report_year=2019)) == []


def test_year_rules_do_not_judge_documents_that_are_not_reports():
    r = _confused()
    r.meta.kind = "other"          # e.g. a 政府工作报告 with "一、2021年工作回顾 二、2022年工作任务"
    for rid in ("years.year_mismatch", "years.stale_data", "years.deadline", "years.outdated_framework"):
        assert run(rid, r) == [], rid


def test_unclassified_plan_heading_is_not_a_reported_year():
    text = "一、2023年工作回顾\n办理案件。\n二、2024年工作任务\n加强培训。\n"
    r = make_report(text, report_year=2023)
    assert run("years.year_mismatch", r) == []


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]


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


# -- years.outdated_framework: two headings like the old chapters are no structure -----------
def test_two_headings_like_old_chapters_are_not_a_structure() -> None:
    text = ("松川市2023年法治政府建设年度报告\n2023年，全市推进法治政府建设。现将有关情况报告如下。\n"
            "一、主要举措和成效\n（一）全面履行政府职能\n办件3,000件。\n（二）持续提升执法规范化水平\n"
            "办理行政处罚案件240件。\n（三）依法化解社会矛盾纠纷\n调解纠纷1,200件。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长出庭应诉1次。\n"
            "三、存在的不足及原因\n执法人员缺编，原因是编制核定滞后。\n"
            "四、2024年工作安排\n年内完成执法人员轮训。\n松川市人民政府\n2024年2月10日\n")
    assert rules(analyze_text(text), "years.outdated_framework") == []
