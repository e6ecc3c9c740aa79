"""Family `corpus`: rules that need other reports of the corpus, so they do not run on a single
report. They are computed by `fazhi ingest`/`reanalyze` in `fazhi.corpus.analyses` (similarity.py,
continuity.py) and registered here only so that `fazhi rules`, docs/rules.md, rule switches
(`rules.disabled`) and severity names cover them like every other rule."""
from __future__ import annotations

from typing import Iterable

from ..config import Config
from ..model import Finding, Report
from .registry import rule

BASIS = "审核惯例：年度报告应当如实反映本地区本年度工作，不得照抄他人或往年文本；上年部署应有落实情况"


def _corpus_only(report: Report, config: Config) -> Iterable[Finding]:
    return ()   # computed over the corpus in fazhi.corpus.analyses, not per report


rule("corpus.duplicate_text", severity="minor", severities=("major", "minor"),
     title="与其他地方的报告文字雷同",
     why="与另一地方报告相同或高度相似的段落，说明报告可能照抄他人文本，未反映本地实际；"
         "共享文字占正文 30% 以上为严重。较早发布的一方是可能的来源。",
     basis=BASIS,
     example="甲县与乙县报告中整段相同：“坚持把法治政府建设摆在全局工作的突出位置……”")(_corpus_only)
rule("corpus.repeated_problem", severity="minor",
     title="不足与上一年度重复",
     why="同一地方本年度“存在的不足”与上一年度几乎相同或换了说法，说明问题年年讲而未解决。",
     basis=BASIS,
     example="2022年、2023年报告都写“基层执法人员法律素质有待提高”。")(_corpus_only)
rule("corpus.plan_not_followed", severity="minor",
     title="上一年度安排没有下文",
     why="上一年度报告“下一年度安排”中的事项，在本年度“主要举措和成效”中没有任何交代。",
     basis=BASIS,
     example="上年计划“推行重大行政决策目录化管理”，本年举措部分未提及决策目录。")(_corpus_only)
rule("corpus.rectify_followup", severity="minor",
     title="整改事项在本年度报告中没有交代或再次出现",
     why="整改台账中尚未销号的问题，在同一单位下一年度报告的工作举措中没有交代整改情况，"
         "或者又出现在“存在的不足”中，说明整改没有落实或没有如实报告。",
     basis="《法治政府建设与责任落实督察工作规定》：督察发现的问题应当整改，整改情况应当报告",
     example="上年督察反馈“行政复议纠错后未跟踪整改”尚未销号，本年度报告未提及复议纠错的整改。")(_corpus_only)
