"""The lines of a report and the context the meta component's steps share (parse/meta.py,
title.py, dates.py, report_year.py, place.py, reporter.py): a line with its span in the text,
the patterns of page chrome, headings, organ names and cited titles, and `_Ctx`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Report
from ..zh.numerals import ONE_TO_TEN
from .places import gazetteer

TOP_LINES = 30            # the title block is within the first lines
TOP_CHARS = 3000
TAIL_LINES = 30           # the signature block is within the last lines
_BOOK = re.compile(r"《[^》\n]{0,80}》")   # a cited document


# -- lines -------------------------------------------------------------------
@dataclass
class Line:
    start: int      # stripped span in text
    end: int
    s: str          # stripped norm content


def _lines(norm: str) -> list[Line]:
    out = []
    for m in re.finditer(r"[^\n]+", norm):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        st = raw.strip()
        if st:
            out.append(Line(m.start() + lead, m.start() + lead + len(st), st))
    return out


_BREADCRUMB = re.compile(r"[>›»]|首页|当前位置|您的位置|您现在的位置|位置\s*:|^位置")
_BANNER = re.compile(r"今天是|星期[一二三四五六日天]|欢迎(您|访问|光临|来到)|登录|注册|ICP|无障碍|"
                     r"字体|【\s*大\s*[】\s]|纠错|打印|分享到|收藏|浏览次数|点击[:数量]|阅读[:数量]|来源\s*:|发布时间|"
                     r"网站地图|联系我们|版权所有|主办单位|承办单位|小编|推荐访问|猜你喜欢|投稿")
_TITLE_WORD = re.compile(r"(报告|情况|总结|方案|要点|计划|解读|一图读懂|图解|规划|意见|通知|通报|"
                         r"公告|纪实|综述|回眸|答记者问|指标体系|清单)")
_HEADING = re.compile(rf"^\s*(?:[{ONE_TO_TEN}]+\s*[、.．]|\(\s*[{ONE_TO_TEN}]+\s*\)|"
                      rf"第[{ONE_TO_TEN}]+部分)")
# a place name's suffix (the title subject line, the place fallbacks of place.py)
_PLACE_SUFFIX = r"(?:省|自治区|自治州|市|州|盟|地区|自治县|县|自治旗|旗|新区|区|镇|乡|街道|苏木)"
_ORG_END = re.compile(r"(人民政府|政府|委员会|党委|委|局|厅|办公室|办事处|管委会|办|中心|院|署|支队|大队|党组|管理处|所|站|部)$")


class _Ctx:
    """What the steps of the meta component share for one report: its lines, meta, the
    gazetteer (loaded when first asked), the body start and the organ joined to the title."""

    def __init__(self, report: Report):
        self.report = report
        self.text = report.text
        self.norm = report.norm
        self.lines = _lines(report.norm)
        self.meta = report.meta
        self.gaz = None
        self.body_start: int | None = None
        self.title_organ: Line | None = None     # an organ line joined to the title

    def g(self):
        if self.gaz is None:
            self.gaz = gazetteer()
        return self.gaz

    def places(self) -> list[tuple[int, int, str]]:
        """g().find(norm) of the whole text, computed once per report (several steps use it)."""
        if getattr(self, "_places", None) is None:
            self._places = self.g().find(self.norm)
        return self._places

    def ev(self, field: str, start: int, end: int) -> None:
        self.meta.evidence[field] = (start, end)
