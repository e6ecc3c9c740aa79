"""Two short reports of my own for the after-review verdict tests: one with a single major
finding (a statutory part missing → 需修改), one without problems (合格)."""
from __future__ import annotations

from pathlib import Path

# no part on the 党政主要负责人 duties: one structure.missing_part (major) → 需修改;
# the signature date is left open for the deadline tests (tests/test_store.py)
LATE = """栖霞岭县2022年法治政府建设年度报告

2022年，栖霞岭县坚持以习近平新时代中国特色社会主义思想为指导，深入推进法治政府建设。现将有关情况报告如下。

一、2022年度推进法治政府建设的主要举措和成效
全年办理行政复议案件12件，行政机关负责人出庭应诉率100%。

二、存在的不足和原因
一是基层执法力量不足，原因是编制紧张。

三、2023年度推进法治政府建设的主要安排
一是加强基层执法队伍建设。

栖霞岭县人民政府
{date}
"""
REVISE = LATE.format(date="2023年2月10日")

# every statutory part present, signed in time: no major finding → 合格
PASS = """白鹭洲县2022年法治政府建设年度报告

过去一年，白鹭洲县围绕建设人民满意的法治政府目标，扎实推进各项工作，现报告如下。

一、2022年度推进法治政府建设的主要举措和成效
修订规范性文件管理办法，审查县政府规范性文件8件，开展执法案卷评查两轮。

二、党政主要负责人履行推进法治建设第一责任人职责情况
县政府主要负责人主持召开常务会议专题研究法治政府建设工作3次，带头旁听庭审。

三、存在的不足和原因
乡镇合法性审查力量薄弱，主要原因是专业人员缺乏。

四、2023年度推进法治政府建设的主要安排
推动乡镇合法性审查全覆盖。

白鹭洲县人民政府
2023年2月15日
"""


def write_pair(folder: Path) -> tuple[Path, Path]:
    """(the 需修改 report, the 合格 report) as UTF-8 files in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    a, b = folder / "qixialing_2022.txt", folder / "bailuzhou_2022.txt"
    a.write_text(REVISE, "utf-8")
    b.write_text(PASS, "utf-8")
    return a, b
