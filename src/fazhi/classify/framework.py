"""Which 法治政府建设实施纲要 a report follows (component "framework").

Cues (catalog/frameworks.yaml detect_framework), never the report year:
- the goal words in a goal list (职能科学、权责法定…): 智能高效/廉洁诚信/人民满意 → 2021-2025,
  廉洁高效/守法诚信 → 2015-2020;
- a cited 纲要 name with its years, 《法治政府建设实施纲要（2015-2020年）》;
- headings that match one framework's area titles clearly better than the other's
  (依法全面履行政府职能 → 2015-2020; 健全突发事件应对体系 → 2021-2025).
Cues inside the plan part (下一年度安排) weigh less: a report often announces there the
new 纲要 it will follow next. The framework with the higher score wins; a tie or no cue
leaves meta.framework None. meta.evidence["framework"] points at the strongest cue.
"""
from __future__ import annotations

import functools
import re

from .. import catalog
from ..rx import may_match
from ..config import Config
from ..model import Report
from ..pipeline import component
from .areas import area_index, clauses, shared_bigrams
from .parts import classify_heading

_NAMES = re.compile(
    r"(?:法治政府建设)?实施纲要\s*[(（]?\s*(\d{4})\s*[-—–－~〜至到]{1,2}\s*(\d{4})\s*年?\s*[)）]?")
W_GOAL, W_CITE, W_HEADING = 2.0, 3.0, 2.0
PLAN_FACTOR = 1 / 3
HEADING_SIM, HEADING_GAP = 0.65, 0.15
MIN_HEADINGS = 3          # headings that must follow one framework's area titles to count


def _goal_words() -> dict[str, list[str]]:
    return {str(f["id"]): [str(w) for w in f.get("goal_words") or []]
            for f in catalog.load("frameworks")["frameworks"]}


@functools.lru_cache(maxsize=1)
def _goal_tables() -> tuple[dict[str, list[str]], dict[str, list[str]], frozenset[str]]:
    """The goal words per framework, those no other framework's words contain, and all of them
    (the catalogue is loaded once: built once per process, not per report)."""
    goals = _goal_words()
    specific = {fw: [w for w in ws if not any(w in o for f2, o2 in goals.items() if f2 != fw for o in o2)]
                for fw, ws in goals.items()}
    return goals, specific, frozenset(w for ws in goals.values() for w in ws)


def _framework_for_years(start: int, end: int) -> str | None:
    """The framework whose years overlap the cited ones most ((2016-2020) -> 2015-2020)."""
    best, best_overlap = None, 0
    for f in catalog.load("frameworks")["frameworks"]:
        a, b = (int(x) for x in str(f["id"]).split("-"))
        overlap = min(b, end) - max(a, start) + 1
        if overlap > best_overlap:
            best, best_overlap = str(f["id"]), overlap
    return best


@functools.lru_cache(maxsize=4096)
def _title_sim(heading: str, fw: str) -> float:
    """Best similarity between a heading clause and one of the framework's area titles."""
    idx = area_index(fw)
    areas = list(idx.title_clauses)
    best = 0.0      # clauses sharing no bigram with the heading have similarity 0
    for hc in clauses(heading):
        if len(hc) < 4:
            continue
        for (ai, j), common in shared_bigrams(hc, idx.title_clauses_bigram_counts).items():
            tc = idx.title_clauses[areas[ai]][j]
            sim = 1.0 if tc in hc else 2 * common / (len(hc) - 1 + len(tc) - 1)     # dice(hc, tc)
            if sim > best:
                best = sim
    return best


def _plan_spans(report: Report) -> list[tuple[int, int]]:
    out = []
    for s in report.sections:
        got = classify_heading(s.heading)
        if got and got[0] == "plan":
            out.append((s.start, s.end))
    return out


def detect(report: Report) -> tuple[str | None, tuple[int, int] | None, dict[str, float]]:
    """(framework, evidence span, scores)."""
    norm = report.norm
    goals, specific, all_goal = _goal_tables()
    plans = _plan_spans(report)

    def weight(pos: int, w: float) -> float:
        return w * PLAN_FACTOR if any(a <= pos < b for a, b in plans) else w

    scores: dict[str, float] = {fw: 0.0 for fw in goals}
    best: dict[str, tuple[float, tuple[int, int]]] = {}

    def add(fw: str, w: float, span: tuple[int, int]) -> None:
        scores[fw] += w
        if fw not in best or w > best[fw][0]:
            best[fw] = (w, span)

    # goal words, only inside a goal list (two other goal words nearby)
    for fw, words in specific.items():
        for w in words:
            if not may_match((w,), norm):
                continue                    # (a whole-text pass per goal word otherwise)
            for m in re.finditer(re.escape(w), norm):
                window = norm[max(0, m.start() - 30):m.end() + 30]
                if sum(1 for g in all_goal if g != w and g in window) >= 2:
                    add(fw, weight(m.start(), W_GOAL), (m.start(), m.end()))
    # cited 纲要 names
    cited: set[str] = set()
    for m in _NAMES.finditer(norm):
        named = _framework_for_years(int(m.group(1)), int(m.group(2)))
        if named is not None and named in scores:
            if not any(a <= m.start() < b for a, b in plans):
                cited.add(named)       # named as what the report follows (not a plan for next year)
            add(named, weight(m.start(), W_CITE), (m.start(), m.end()))
    # headings: a structure, not a resemblance. They count for a framework when at least
    # MIN_HEADINGS of them follow its area titles, and never against a 纲要 the report
    # names outside its plan part (the 2015 chapter titles live on as the 示范指标体系's indicator names, so
    # headings like 政府职能依法全面履行 do not make a report that cites the 2021 纲要 a
    # 2015 one).
    fws = list(scores)
    votes: dict[str, list[tuple[float, tuple[int, int]]]] = {}
    for sec in report.all_sections():
        if sec.style == "inline" or not sec.heading:
            continue
        sims = {fw: _title_sim(sec.heading, fw) for fw in fws}
        ranked = sorted(fws, key=lambda f: -sims[f])
        if len(ranked) >= 2 and sims[ranked[0]] >= HEADING_SIM and sims[ranked[0]] - sims[ranked[1]] >= HEADING_GAP:
            votes.setdefault(ranked[0], []).append((weight(sec.start, W_HEADING), (sec.heading_start, sec.heading_end)))
    for fw, vs in votes.items():
        if len(vs) >= MIN_HEADINGS and (not cited or fw in cited):
            for vw, span in vs:
                add(fw, vw, span)
    ordered = sorted(scores, key=lambda f: -scores[f])
    if not ordered or scores[ordered[0]] == 0 or (len(ordered) > 1 and scores[ordered[0]] == scores[ordered[1]]):
        return None, None, scores
    win = ordered[0]
    return win, best[win][1], scores


@component("framework", reads=("meta", "sections"), writes=("meta.framework",))
def framework(report: Report, config: Config) -> None:
    fw, span, _ = detect(report)
    report.meta.framework = fw
    if span is not None:
        report.meta.evidence["framework"] = span
    else:
        report.meta.evidence.pop("framework", None)
