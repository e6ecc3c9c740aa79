"""Statutory part of each top-level section (component "parts").

The five parts of a 法治政府建设年度报告 (督察工作规定): measures, shortcomings,
first_responsible, plan, other. A top-level heading is matched against the heading_phrases
of catalog/frameworks.yaml statutory_parts (plus catalog/structure.yaml extra_heading_phrases) (the longest phrase wins; on a tie the order
measures > shortcomings > first_responsible > plan > other), then against the
heading_patterns. A top-level section whose heading names a 纲要 task area is part of
`measures` (part_basis "areas"), and so is an unmatched section inside a run of such
sections ("areas_run"). Anything else is "other" (part_basis "unmatched").

When a required part has no top-level section but a nested section carries it (e.g.
第一责任人 as (一) of part 一, or an inline item 二是切实履行第一责任人职责), that nested
section gets `part` too, so checks can report the part as nested and say where.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import catalog
from ..config import Config
from ..model import PARTS, Report, Section
from ..pipeline import component
from ..textnorm import normalize_view
from ..zh.numerals import ONE_TO_TEN
from .areas import framework_ids, heading_areas

REQUIRED = ("measures", "shortcomings", "first_responsible", "plan")
# parts whose heading_patterns are specific enough to find a nested section
_NESTED_PATTERNS = {"first_responsible"}


@dataclass(frozen=True)
class _PartRules:
    phrases: tuple[tuple[str, str], ...]            # (normalized phrase, part)
    patterns: tuple[tuple[re.Pattern[str], str, str], ...]   # (regex, part, source)


@functools.lru_cache(maxsize=1)
def _rules() -> _PartRules:
    data = catalog.load("frameworks")["statutory_parts"]["parts"]
    phrases, patterns = [], []
    for p in data:
        pid = p["id"]
        for ph in p.get("heading_phrases") or []:
            phrases.append((normalize_view(str(ph)), pid))
        for pat in p.get("heading_patterns") or []:
            patterns.append((re.compile(str(pat)), pid, str(pat)))
    structure = catalog.load("structure") or {}
    extra = structure.get("extra_heading_phrases") or {}
    for pid, phs in extra.items():
        for ph in phs or []:
            if pid in PARTS and (normalize_view(str(ph)), pid) not in phrases:
                phrases.append((normalize_view(str(ph)), pid))
    for pid, pats in (structure.get("extra_heading_patterns") or {}).items():
        for pat in pats or []:
            if pid in PARTS:
                patterns.append((re.compile(str(pat)), pid, str(pat)))
    return _PartRules(tuple(phrases), tuple(patterns))


def _order(part: str) -> int:
    return PARTS.index(part)


def classify_heading(heading: str, *, patterns: bool | set[str] = True) -> tuple[str, str] | None:
    """(part, basis) for a heading, or None. basis is the phrase that decided, or
    "pattern:<regex>". `patterns` may be a set of parts whose patterns are allowed."""
    if patterns is True or patterns is False:
        return _classify_heading_cached(heading, patterns)
    return _classify_heading(heading, patterns)


@functools.lru_cache(maxsize=4096)
def _classify_heading_cached(heading: str, patterns: bool) -> tuple[str, str] | None:
    """classify_heading with all or no patterns: headings recur within and across reports (the
    rules are read once per process, `_rules`)."""
    return _classify_heading(heading, patterns)


def _classify_heading(heading: str, patterns: bool | set[str]) -> tuple[str, str] | None:
    h = normalize_view(heading)
    if not h:
        return None
    rules = _rules()
    found = [(len(ph), -_order(part), part, ph) for ph, part in rules.phrases if ph in h]
    if found:
        _, _, part, ph = max(found)
        return part, ph
    if patterns is False:
        return None
    best = None
    for rx, part, src in rules.patterns:
        if patterns is not True and part not in patterns:
            continue
        m = rx.search(h)
        if m:
            key = (m.end() - m.start(), -_order(part))
            if best is None or key > best[0]:
                best = (key, part, src)
    if best:
        return best[1], f"pattern:{best[2]}"
    return None


_SPECIFIC = ("下一", "下步", "下阶段", "存在", "不足", "问题", "责任人", "短板", "差距")


def _nested_phrase_ok(phrase: str) -> bool:
    """Generic short phrases (工作重点, 工作安排, 基本情况…) are too weak to mark a nested
    subsection as a statutory part; longer or specific ones are not."""
    return len(phrase) >= 5 or any(k in phrase for k in _SPECIFIC)


def classify_top(sections: list[Section], framework: str | None) -> list[tuple[str, str]]:
    """(part, basis) for each top-level section, without touching them."""
    fw = framework if framework in framework_ids() else None
    out: list[tuple[str, str] | None] = []
    for s in sections:
        got = classify_heading(s.heading)
        if got is None and s.heading and heading_areas(s.heading, fw):
            got = ("measures", "areas")
        out.append(got)
    # unmatched sections inside a run of area-named sections belong to the run
    area_idx = [i for i, g in enumerate(out) if g and g[1] == "areas"]
    for i, g in enumerate(out):
        if g is None and area_idx and area_idx[0] < i < area_idx[-1]:
            between = out[area_idx[0]:area_idx[-1] + 1]
            if all(x is None or x[0] == "measures" for x in between):
                out[i] = ("measures", "areas_run")
    structure = catalog.load("structure") or {}
    if structure.get("thematic_measures"):
        not_theme = tuple(structure.get("thematic_not") or ())
        not_theme_except = tuple(structure.get("thematic_not_except") or ())
        # headings named by theme before the first section named after a part are the
        # measures part (a first-responsible section may come first); after a section named
        # "主要举措和成效" an unmatched heading is not one of its themes
        for i, g in enumerate(out):
            if g is None:
                h = normalize_view(sections[i].heading or "")
                for x in not_theme_except:
                    h = h.replace(x, "")
                if any(w in h for w in not_theme):
                    break
                if _theme_ok(sections[i]):
                    out[i] = ("measures", "thematic")
                continue
            if g[0] != "first_responsible" and not (g[0] == "measures" and g[1] in ("areas", "thematic")):
                # the named section itself still counts; themes right after it do not, unless
                # the numbering restarts under it ("一、主要措施" / "一、强化领导责任…"): its
                # themes follow, numbered again from 一
                nxt = sections[i + 1] if i + 1 < len(sections) else None
                if g[0] == "measures" and nxt is not None and out[i + 1] is None \
                        and "repeat" in (nxt.numbering or []):
                    continue
                break
    return [g if g else ("other", "unmatched") for g in out]


def _theme_ok(s: Section) -> bool:
    """A heading that can name a theme: some words, not a bare number or a cut fragment."""
    return len(re.sub(r"[\W\d_]", "", s.heading or "")) >= 4


_JOIN = re.compile(r"及|和|与|以及|暨|、|并")


def combined_parts(heading: str) -> list[str]:
    """Statutory parts named by the pieces of a heading joined by 及/和/与/、 (each piece at
    least 4 characters, so 举措和成效 or 不足和原因 are not split into parts), in heading
    order; [] unless at least two different parts are named."""
    pieces = [p for p in _JOIN.split(heading or "") if len(p) >= 4]
    if len(pieces) < 2:
        return []
    out: list[str] = []
    for p in pieces:
        got = classify_heading(p)
        if got and got[0] != "other" and got[0] not in out:
            out.append(got[0])
    return out if len(out) >= 2 else []


def _fill_parts(s: Section) -> None:
    if not s.part:
        s.parts = []
        return
    extra = combined_parts(s.heading) if s.part != "other" else []
    s.parts = [s.part] + [p for p in extra if p != s.part] if s.part in extra else [s.part]


@component("parts", reads=("sections", "meta.framework"), writes=("sections.part",))
def parts(report: Report, config: Config) -> None:
    for s in report.all_sections():
        s.part = s.part_basis = None
        s.parts = []
    for s, (part, basis) in zip(report.sections, classify_top(report.sections, report.meta.framework)):
        s.part, s.part_basis = part, basis
        _fill_parts(s)
    top = {p for s in report.sections for p in s.parts}
    missing = [p for p in REQUIRED if p not in top]
    if not missing:
        return
    for top_sec in report.sections:
        for s in top_sec.walk():
            if s is top_sec or not s.heading:
                continue
            got = classify_heading(s.heading, patterns=_NESTED_PATTERNS & set(missing))
            if got and not got[1].startswith("pattern:") and not _nested_phrase_ok(got[1]):
                continue
            if got and got[0] in missing and got[0] != top_sec.part:
                s.part, s.part_basis = got
                _fill_parts(s)


def parts_present(report: Report, nested: bool = True) -> dict[str, list[Section]]:
    """part -> sections carrying it, in document order, for every part in PARTS (empty list
    when absent). Top-level sections come first; with nested=True, sections below the top
    level that carry a part (level > 1: the part exists only as a nested subsection) follow.
    A part is "nested only" when its list is non-empty and every section has level > 1."""
    out: dict[str, list[Section]] = {p: [] for p in PARTS}
    for s in report.sections:
        for p in s.covers():
            if p in out:
                out[p].append(s)
    if nested:
        for s in report.all_sections():
            if s.level > 1:
                for p in s.covers():
                    if p in out:
                        out[p].append(s)
    return out


# -- where each part lies inside a section that covers two ---------------------------------
# The plan half of a combined section ("存在问题及下一步打算") starts at a sub-heading naming the
# plan, or else at the first line or sentence that opens with a plan cue (下一步, 下步, 下阶段,
# 今后, 新的一年, 明年, or the year after the report year).
_PLAN_CUES = ("下一步", "下步", "下阶段", "下一阶段", "今后", "新的一年", "明年", "来年")
_ENUM = rf"(?:[{ONE_TO_TEN}]+是|[（(][{ONE_TO_TEN}\d]+[)）]|\d+[.．、])?"
_MIN_HALF = 10      # non-space characters each half must keep, else no split


def _plan_start(report: Report, s: Section) -> int | None:
    """Offset where the plan half of combined section `s` begins, or None if not reliable."""
    body = s.heading_end if s.heading_end > s.heading_start else s.start
    body = max(body, s.start)
    text = report.norm

    def enough(a: int, b: int) -> bool:
        return len(re.sub(r"\s", "", text[a:b])) >= _MIN_HALF

    for c in s.children:
        got = classify_heading(c.heading) if c.heading else None
        if got and got[0] == "plan":
            return c.start if enough(body, c.start) and enough(c.start, s.end) else None
    cues = list(_PLAN_CUES)
    if report.meta.report_year:
        cues.append(f"{report.meta.report_year + 1}年")
    cue = "|".join(map(re.escape, cues))
    rx = re.compile(rf"(?:^|(?<=[。！？!?\n]))[ \t\u3000]*{_ENUM}[ \t\u3000]*(?:{cue})", re.M)
    for m in rx.finditer(text, body, s.end):
        a = m.start() + len(m.group()) - len(m.group().lstrip(" \t\u3000"))
        if enough(body, a) and enough(a, s.end):
            return a
        if enough(body, a):
            return None
    return None


def part_span(report: Report, s: Section, part: str) -> tuple[int, int]:
    """(start, end) of the text of section `s` that belongs to `part`: the whole section,
    except in a section covering several parts whose heading names the plan last, where the
    plan is what follows the point the plan starts (see _plan_start) and the other parts
    what precedes it. Without a reliable split point, the whole section."""
    cov = s.covers()
    if len(cov) < 2 or part not in cov:
        return s.start, s.end
    order = combined_parts(s.heading)
    if not order or order[-1] != "plan":
        return s.start, s.end
    at = _plan_start(report, s)
    if at is None:
        return s.start, s.end
    return (at, s.end) if part == "plan" else (s.start, at)


def part_sections(report: Report, part: str) -> list[tuple[Section, int, int]]:
    """(section, start, end) for the text of a statutory part: the top-level sections that
    cover it, else the nested sections that cover it; spans cut to the part's half in a
    section that covers two parts (part_span)."""
    top = [s for s in report.sections if part in s.covers()]
    secs = top or [x for t in report.sections for x in t.walk() if x is not t and part in x.covers()]
    return [(x, *part_span(report, x, part)) for x in secs]


def missing_parts(report: Report) -> list[str]:
    """Required parts with no section at all (neither top-level nor nested)."""
    present = parts_present(report)
    return [p for p in REQUIRED if not present[p]]
