"""A section whose heading names two parts counts for both in the rules (checks/common.sections_with_part)."""
from __future__ import annotations

from fazhi.api import analyze_text
from fazhi.checks.common import sections_with_part

T = """云溪县2023年法治政府建设年度报告

2023年，云溪县扎实推进法治政府建设，现将有关情况报告如下。

一、2023年推进法治政府建设的主要举措和成效
全年办理行政复议案件12件，调解矛盾纠纷1200件。

二、党政主要负责人履行推进法治建设第一责任人职责情况
县委书记、县长带头学法4次。

三、存在问题及2024年工作打算
基层执法力量不足，原因是编制有限。2024年，我县将完善重大行政决策目录管理，全年开展执法培训6期。

中共云溪县委  云溪县人民政府
2024年3月1日
"""
r = analyze_text(T)
print([ (s.heading, s.covers()) for s in r.sections])
print([(f.rule, f.message[:60]) for f in r.findings])


def test_two_part_section_counts_as_shortcomings_and_plan_without_year_alarms():
    r = analyze_text(T)
    for part in ("shortcomings", "plan"):
        top, _ = sections_with_part(r, part)
        assert [s.heading for s in top] == ["存在问题及2024年工作打算"]
    assert not [f for f in r.findings if f.rule.startswith(("years.", "structure.missing_part"))]
