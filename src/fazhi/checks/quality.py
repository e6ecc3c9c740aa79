"""Quality rules: stock phrases instead of specifics in the shortcomings and the plan."""
from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable

import ahocorasick

from .. import catalog
from ..config import Config
from ..model import Finding, Report
from ..classify.parts import part_sections
from ..zh.years import ARABIC_YEAR
from ..zh.numerals import ONE_TO_TEN
from ..zh.cjk import CJK
from .common import BOOK_RX, heading_ev, is_report
from .registry import rule

BASIS = "《法治政府建设与责任落实督察工作规定》关于年度报告内容的规定；审核惯例：不足要具体、安排要可检查"

DIGIT = re.compile(r"\d")
CN_COUNT = re.compile(rf"[{ONE_TO_TEN}百千万两]+(?:个|项|件|起|次|家|户|人|名|所|条|类|批|期|场)")
# "X、Y(、Z…)等领域" with every item of two characters or more. For search() this is the same as
# its last two items with the first cut to two characters, which scans each run once (the long
# form restarted at every character of a long run: quadratic time).
ENUM_LIST = re.compile(rf"[{CJK}“”\"]{{2}}、[{CJK}“”\"]{{2,}}等(?:领域|行业|部门|单位|方面|乡镇|环节|问题|事项)")
# (not "…等职能": the functions a weak office cannot carry out restate the stock phrase 力量薄弱)
EXAMPLE = re.compile(rf"例如|比如|如[{CJK}]{{2,12}}(?:案|事件|问题)|以[{CJK}]{{2,12}}为例|典型案例")
# (?<!\d): a number is tried from its first digit only (the same matches for search(); without it a
# long digit run costs quadratic time)
DEADLINE = re.compile(rf"(?:年底|年内|月底|季度|上半年|下半年|年末)(?:前|内)?|(?<!\d)\d+\s*月|{ARABIC_YEAR}\s*年")
# a discrete task next year's review can check even without a figure: a named project to create or
# evaluate, a pilot, a document or list to issue ("推动示范创建", "“八五”普法中期评估", "修订裁量基准")
NAMED_TASK = re.compile(
    r"示范创建|创建[^，。；;]{0,8}示范|中期评估|终期评估|评估验收|考核验收|试点|"
    r"(?:出台|制定|修订|编制|印发|发布|完成)[^，。；;]{0,16}(?:办法|规定|条例|方案|规划|清单|细则|指引|目录|基准|标准)")
TARGET = re.compile(r"(?<!\d)\d+(?:\.\d+)?\s*(?:%|％|个百分点)|全覆盖|达到|不低于|不少于|以上|以内|实现[^，。]{0,10}(?:100|全)")


def _body(report: Report, part: str) -> tuple[list, str, int, int]:
    found = part_sections(report, part)      # the part's half of a combined section only
    secs = [s for s, _, _ in found]
    spans = []
    for s, a, b in found:
        hs = s.heading_end if s.heading_end > s.heading_start else s.start
        spans.append((max(a, hs), b))
    text = "\n".join(report.norm[a:b] for a, b in spans)
    return secs, text, len(re.sub(r"\s", "", text)), len(spans)


@functools.lru_cache(maxsize=1)
def _area_terms() -> tuple[str, ...]:
    """Names of concrete objects of the 纲要 task areas (规范性文件, 重大行政决策, 行政调解…), from
    the classifier keywords of catalog/frameworks.yaml."""
    fw = catalog.load("frameworks")
    terms = {k for f in fw.get("frameworks", []) for a in f.get("areas", []) for k in a.get("keywords", [])}
    return tuple(sorted(t for t in terms if len(t) >= 2))


@functools.lru_cache(maxsize=1)
def _area_automaton() -> "ahocorasick.Automaton":
    """The area terms in one Aho-Corasick automaton (one pass over a passage, not one
    substring search per term)."""
    auto = ahocorasick.Automaton()
    for t in _area_terms():
        auto.add_word(t, t)
    auto.make_automaton()
    return auto


def _named_fields(text: str, minimum: int) -> bool:
    """The passage names at least `minimum` distinct task-area objects."""
    if not _area_terms() or not text:
        return minimum <= 0
    found: set[str] = set()
    for _, t in _area_automaton().iter(text):
        found.add(t)
        if len(found) >= minimum:
            return True
    return len(found) >= minimum


def _specifics(report: Report, part: str, text: str, fields_min: int = 4) -> list[str]:
    """What makes a passage specific: figures, named documents, named fields, cases."""
    found = []
    spans = [(a, b) for _, a, b in part_sections(report, part)]
    starts = sorted(f.start for f in report.facts)      # one binary search per span, not facts × spans
    if any(k < len(starts) and starts[k] < b for k, b in ((bisect.bisect_left(starts, a), b) for a, b in spans)):
        found.append("figure")
    unquoted = re.sub(r"“[^”]{0,20}”|\"[^\"]{0,20}\"", "", text)   # “三项制度” is a name, not a figure
    if DIGIT.search(text) or CN_COUNT.search(unquoted):
        found.append("number")
    if BOOK_RX.search(text):
        found.append("document")
    if ENUM_LIST.search(text) or _named_fields(text, fields_min):
        found.append("named_fields")
    if EXAMPLE.search(text):
        found.append("case")
    return found


@rule("quality.vague_shortcomings", severity="minor",
      title="不足写得空泛",
      why="“存在的不足”只有“有待加强”“仍需提高”之类套话，没有数字、具体领域、单位或事例，"
          "看不出问题在哪里、有多严重，也无法据此整改和检查。",
      basis=BASIS,
      example="“一是统筹协调合力不足。二是执法规范化还需加强。三是法治宣传方式不够灵活。”")
def vague_shortcomings(report: Report, config: Config) -> Iterable[Finding]:
    secs, text, size, _ = _body(report, "shortcomings")
    if not is_report(report) or not secs or size < 20:
        return
    if _specifics(report, "shortcomings", text, int(config.get("thresholds.vague_named_fields_min", 4))):
        return
    yield Finding(
        rule="quality.vague_shortcomings", severity="minor",
        message="“存在的不足”部分只有原则性表述，没有数字、具体领域、单位或事例，问题不具体，无法据此整改。",
        evidence=[heading_ev(report, s) for s in secs[:3]],
        suggestion="写明不足的具体表现：涉及的领域和单位、相关数据（如未达标的比率、积压案件数）或典型事例。",
        data={"part": "shortcomings"})


@rule("quality.plan_without_targets", severity="info",
      title="下一年度安排没有可检查的目标",
      why="“下一年度安排”没有量化目标、完成时限或具体任务名称，次年无法检查是否落实。",
      basis=BASIS,
      example="“一是完善工作机制。二是强化责任落实。三是加强宣传教育。”")
def plan_without_targets(report: Report, config: Config) -> Iterable[Finding]:
    secs, text, size, _ = _body(report, "plan")
    if not is_report(report) or not secs or size < 20:
        return
    if DEADLINE.search(text) or TARGET.search(text) or BOOK_RX.search(text) or DIGIT.search(text) \
            or NAMED_TASK.search(text):
        return
    yield Finding(
        rule="quality.plan_without_targets", severity="info",
        message="“下一年度安排”没有量化目标、完成时限或具体任务名称，次年难以检查是否落实。",
        evidence=[heading_ev(report, s) for s in secs[:3]],
        suggestion="为主要安排写明目标值（如“负责人出庭应诉率达到90%以上”）、完成时限和要制定的具体文件或项目。",
        data={"part": "plan"})
