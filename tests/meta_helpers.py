"""Shared by the tests of who reports, the kind, titles, years and sections: a team-written
text run through the sections and meta components, and three report bodies (statutory parts
under their usual headings) to put after a test's own title and opening."""
from __future__ import annotations

from fazhi import pipeline
from fazhi.api import build_report
from fazhi.model import Meta, Report


def report_of(text: str, **hints) -> Report:
    """The report of a plain text after the sections and meta components (hints set first)."""
    r = build_report(text.encode("utf-8"), media_type="text/plain")
    r.hints.update(hints)
    pipeline.run(r, None, ["sections", "meta"])
    return r


def meta_of(text: str, **hints) -> Meta:
    return report_of(text, **hints).meta


BODY_THREE_PARTS = ("一、主要举措和成效\n（一）依法全面履行职能。深化“放管服”改革，全年办理行政复议案件15件，"
        "行政执法人员持证率100%。\n二、存在的不足\n法治宣传的针对性有待加强。\n"
        "三、下一步工作安排\n持续推进严格规范公正文明执法。\n")

BODY_TWO_PARTS = ("2023年，局党组坚持以习近平法治思想为指导，认真落实《法治政府建设实施纲要（2021—2025年）》，"
        "推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n"
        "二、存在的不足和原因\n执法人员培训不够。\n")

BODY_FOUR_PARTS = ("2023年，全市坚持以习近平法治思想为指导，认真落实《法治政府建设实施纲要（2021—2025年）》，"
        "推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件120件，审结110件。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n市长主持召开常务会议研究法治建设4次。\n"
        "三、存在的不足和原因\n执法人员不足，原因是编制紧张。\n"
        "四、2024年工作安排\n年内完成执法人员轮训，培训不少于40学时。\n")

# a report whose statutory parts are 【】 headings, the 纲要 areas unnumbered lines under the first
BRACKET_REPORT = ("松川市2022年法治政府建设年度报告\n"
                  "2022年，全市对照《法治政府建设实施纲要（2021—2025年）》推进法治政府建设。现将有关情况报告如下。\n"
                  "【主要举措和成效】\n"
                  "政府职能依法全面履行\n政务服务事项全部进驻大厅，办件3,000件。\n"
                  "依法行政制度建设\n审核规范性文件23件。\n"
                  "行政决策科学民主依法\n列入年度重大行政决策事项目录4项。\n"
                  "行政执法严格规范公正文明\n办理行政处罚案件240件。\n"
                  "社会矛盾纠纷依法化解\n调解纠纷1,200件。\n"
                  "【党政主要负责人履行推进法治建设第一责任人职责情况】\n市长出庭应诉1次。\n"
                  "【存在的不足及原因】\n执法人员缺编，原因是编制核定滞后。\n"
                  "【2023年工作安排】\n年内完成执法人员轮训。\n松川市人民政府\n2023年2月10日\n")
