"""checks/quality.py: the quality.* rules (and structure.* cases they share texts with), on
team-written texts."""
from __future__ import annotations

from checks_helpers import make_report, run

import fazhi
from fazhi import analyze_text

PARTS = {"主要举措": "measures", "第一责任人": "first_responsible", "存在的问题": "shortcomings",
         "存在的不足": "shortcomings", "工作打算": "plan", "工作安排": "plan"}


def test_shortcomings_naming_several_task_area_objects_are_not_vague():
    # no figure, no enumeration "A、B等领域", but four concrete objects of the 纲要 areas
    specific = ("二、存在的不足\n一是部分单位对规范性文件合法性审核重视不够。二是一些重大行政决策未开展后评估。"
                "三是行政调解工作不够规范。四是执法信息化建设相对落后。\n")
    assert run("quality.vague_shortcomings", make_report(specific, parts=PARTS)) == []
    # stock phrases naming one object or none stay vague
    vague = ("二、存在的不足\n一是统筹协调推动合力不足，工作推进不平衡。二是行政执法还需持续加强。"
             "三是法治宣传方式方法不够灵活多样。\n")
    (f,) = run("quality.vague_shortcomings", make_report(vague, parts=PARTS))
    assert f.data["part"] == "shortcomings"


def test_threshold_of_named_objects_is_configurable():
    from fazhi.config import Config
    text = "二、存在的不足\n一是规范性文件管理不严。二是重大行政决策程序执行不到位，工作推进仍不平衡。\n"
    r = make_report(text, parts=PARTS)
    assert len(run("quality.vague_shortcomings", r)) == 1
    cfg = Config.default()
    cfg.data.setdefault("thresholds", {})["vague_named_fields_min"] = 2
    assert run("quality.vague_shortcomings", r, cfg) == []


def test_a_change_named_as_origin_counts_as_a_cause():
    base = ("一、主要举措\n全年办理案件20件。\n二、存在的不足\n执法人员素质不高、业务不熟。\n"
            "三、下一年度工作安排\n加强培训。\n")
    r = make_report(base, parts=PARTS, report_year=2023)
    assert len(run("structure.shortcomings_without_causes", r)) == 1
    caused = base.replace("执法人员素质不高", "综合执法体制改革后，新组建部门的执法人员来自其他岗位，出现了素质不高")
    r = make_report(caused, parts=PARTS, report_year=2023)
    assert run("structure.shortcomings_without_causes", r) == []
    caused = base.replace("业务不熟。", "业务不熟，造成办案质量不高。")
    r = make_report(caused, parts=PARTS, report_year=2023)
    assert run("structure.shortcomings_without_causes", r) == []


_REPORT = ("松台县2023年法治政府建设年度报告\n"
           "2023年，松台县深入推进法治政府建设，现将有关情况报告如下。\n"
           "一、2023年法治政府建设主要举措和成效\n（一）深化放管服改革\n全年办理行政许可事项1,200件。\n"
           "（二）规范行政执法\n开展执法案卷评查2次。\n"
           "二、存在的不足和原因\n执法人员不足，原因是编制紧张，全县仅有执法人员30名。\n"
           "三、党政主要负责人履行推进法治建设第一责任人职责情况\n县委书记带头述法。\n"
           "{plan}\n松台县人民政府\n2024年2月1日\n")


def _numbering(plan: str):
    r = fazhi.analyze_text(_REPORT.format(plan=plan))
    return [f for f in r.findings if f.rule == "structure.heading_numbering"]


def test_items_fused_into_their_heading_line_are_not_a_gap():
    fused = "四、2024年工作安排一是推进示范创建；二是深化执法监督体系建设；三是开展普法中期评估。"
    assert _numbering(fused) == []


def test_items_that_really_start_at_two_are_a_gap():
    gap = "四、2024年工作安排\n二是深化执法监督体系建设。\n三是开展普法中期评估。"
    out = _numbering(gap)
    assert len(out) == 1 and out[0].data["anomaly"] == "skip"


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]


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
