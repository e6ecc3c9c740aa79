"""Year-over-year continuity for the same place:

- `corpus.repeated_problem`: a shortcoming of year N repeats one of year N-1 (near-verbatim or
  reworded), by character-bigram Jaccard between shortcoming sentences.
- `corpus.plan_not_followed`: an item of year N-1's plan whose key phrases year N's measures
  part never mentions."""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from ..textnorm import normalize_view
from .parts import PartSpan, marker_items, sentence_items

_WORD = re.compile(r"\w")


@dataclass
class YearReport:
    id: int
    series: tuple            # (province, jurisdiction, department, kind)
    year: int
    label: str
    text: str
    parts: list[PartSpan]

    def spans(self, part: str) -> list[PartSpan]:
        return [p for p in self.parts if p.part == part]


def bigrams(s: str) -> set[str]:
    c = "".join(_WORD.findall(normalize_view(s))).lower()
    return {c[i:i + 2] for i in range(len(c) - 1)} if len(c) > 1 else {c}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _series_pairs(reports: list[YearReport]) -> list[tuple[YearReport, YearReport]]:
    by: dict[tuple, dict[int, YearReport]] = {}
    for r in reports:
        by.setdefault(r.series, {})[r.year] = r
    out = []
    for years in by.values():
        for y, r in sorted(years.items()):
            prev = years.get(y - 1)
            if prev is not None:
                out.append((prev, r))
    return out


def repeated_problems(prev: YearReport, cur: YearReport, cfg: dict[str, Any]) -> list[dict[str, Any]]:
    mn = cfg["min_item_chars"]
    old = [(s, e, bigrams(prev.text[s:e])) for p in prev.spans("shortcomings")
           for s, e in sentence_items(prev.text, p.body_start, p.end, mn)]
    if not old:
        return []
    out = []
    for p in cur.spans("shortcomings"):
        for s, e in sentence_items(cur.text, p.body_start, p.end, mn):
            g = bigrams(cur.text[s:e])
            best = max(((jaccard(g, og), os_, oe) for os_, oe, og in old), default=(0.0, 0, 0))
            score, os_, oe = best
            if score < cfg["repeat_reworded"]:
                continue
            verbatim = score >= cfg["repeat_near_verbatim"]
            how = "几乎原样重复" if verbatim else "换了说法但内容相近"
            out.append({
                "report_id": cur.id, "rule": "corpus.repeated_problem",
                "severity": "minor",
                "message": f"本年度“存在的不足”与{prev.label}所列问题{how}（相似度{score:.0%}），"
                           f"说明该问题连续两年未见改进，或上年问题被照抄。",
                "suggestion": "说明上年度问题的整改情况；问题确未解决的，写明原因和新的整改措施。",
                "evidence": [{"start": s, "end": e, "quote": cur.text[s:e]}],
                "data": {"previous_report_id": prev.id, "previous_year": prev.year,
                         "previous": {"start": os_, "end": oe, "quote": prev.text[os_:oe]},
                         "similarity": round(score, 3), "near_verbatim": verbatim},
            })
    return out


@functools.lru_cache(maxsize=1)
def _jieba_analyse():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    import jieba.analyse
    return jieba.analyse


def key_phrases(item: str, generic: frozenset[str], k: int) -> list[str]:
    ja = _jieba_analyse()
    tags = ja.extract_tags(normalize_view(item), topK=k * 3)
    out = []
    for t in tags:
        if len(t) < 2 or t in generic or t.isdigit() or re.fullmatch(r"[\d.%年月日]+", t):
            continue
        out.append(t)
        if len(out) >= k:
            break
    return out


def plan_not_followed(prev: YearReport, cur: YearReport, cfg: dict[str, Any],
                      generic: frozenset[str]) -> list[dict[str, Any]]:
    plan = prev.spans("plan")
    if not plan:
        return []
    measures = cur.spans("measures")
    if measures:
        where = [(p.start, p.end) for p in measures]
    else:   # no measures part found: everything but shortcomings and plan
        skip = [(p.start, p.end) for p in cur.parts if p.part in ("shortcomings", "plan")]
        where, pos = [], 0
        for s, e in sorted(skip):
            where.append((pos, s))
            pos = e
        where.append((pos, len(cur.text)))
    body = normalize_view("".join(cur.text[s:e] for s, e in where))
    place_words = {w for w in re.split(r"\W+", cur.label) if w}
    out = []
    for p in plan:
        for s, e in marker_items(prev.text, p.body_start, p.end, cfg["min_item_chars"]):
            phrases = [x for x in key_phrases(prev.text[s:e], generic, cfg["plan_max_phrases"])
                       if not any(x in w for w in place_words)]
            if len(phrases) < cfg["plan_min_phrases"]:
                continue
            found = [x for x in phrases if x in body]
            if len(found) / len(phrases) >= cfg["plan_found_ratio"]:
                continue
            missing = [x for x in phrases if x not in body]
            m0 = measures[0] if measures else None
            ev = ([{"start": m0.start, "end": m0.body_start, "quote": cur.text[m0.start:m0.body_start]}]
                  if m0 and m0.body_start > m0.start else [])
            out.append({
                "report_id": cur.id, "rule": "corpus.plan_not_followed",
                "severity": "minor",
                "message": f"{prev.label}在“下一年度安排”中提出“{_short(prev.text[s:e])}”，"
                           f"本年度报告的工作举措部分未见相应内容（未提及：{'、'.join(missing)}）。",
                "suggestion": "补充说明该项安排的落实情况；未落实的，说明原因。",
                "evidence": ev,
                "data": {"previous_report_id": prev.id, "previous_year": prev.year,
                         "plan_item": {"start": s, "end": e, "quote": prev.text[s:e]},
                         "key_phrases": phrases, "found": found, "missing": missing},
                "key_quote": prev.text[s:e],
            })
    return out


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n] + "……"


def continuity_findings(reports: list[YearReport], cfg: dict[str, Any]) -> list[dict[str, Any]]:
    generic = frozenset(cfg.get("generic_words") or [])
    out = []
    for prev, cur in _series_pairs(reports):
        out += repeated_problems(prev, cur, cfg)
        out += plan_not_followed(prev, cur, cfg, generic)
    return out
