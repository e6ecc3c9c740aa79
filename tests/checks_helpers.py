"""Build Report objects by hand for the review-rule tests (independent of the parsers)."""
from __future__ import annotations

import re

from fazhi.config import Config
from fazhi.model import Fact, Meta, Relation, Report, Section

CN = "一二三四五六七八九十"
LEVELS = [
    (1, "cn_dun", re.compile(rf"^([{CN}]+)、")),
    (2, "paren_cn", re.compile(rf"^[(（]([{CN}]+)[)）]")),
    (3, "arabic_dot", re.compile(r"^(\d+)\.(?!\d)")),
    (4, "paren_arabic", re.compile(r"^[(（](\d+)[)）]")),
]


def _cn(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN.index(s[1]) + 1
    if "十" in s:
        a, _, b = s.partition("十")
        return (CN.index(a) + 1) * 10 + (CN.index(b) + 1 if b else 0)
    return CN.index(s) + 1


def make_report(text: str, parts: dict[str, str] | None = None,
                unnumbered: dict[str, int] | None = None, **meta) -> Report:
    """Sections from heading lines: '一、' level 1, '(一)' level 2, '1.' level 3, '(1)' level 4;
    `unnumbered` maps a whole heading line to its level. `parts` maps a substring of a
    heading to its statutory part. The heading is the line up to the first '。'."""
    parts = parts or {}
    unnumbered = unnumbered or {}
    r = Report(text=text)
    r.meta = Meta(**meta)
    flat: list[Section] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        head = stripped.split("。")[0]
        found = None
        for level, style, rx in LEVELS:
            m = rx.match(stripped)
            if m:
                num = m.group(0)
                val = _cn(m.group(1)) if style in ("cn_dun", "paren_cn") else int(m.group(1))
                found = (level, style, num, val)
                break
        if found is None and stripped in unnumbered:
            found = (unnumbered[stripped], "unnumbered", None, None)
        if found is None:
            continue
        level, style, num, val = found
        heading = head[len(num):] if num else head
        s = Section(id=f"s{len(flat) + 1}", number=num, level=level, heading=heading,
                    start=start, end=len(text), heading_start=start,
                    heading_end=start + len(head), style=style, ordinal=val)
        for key, part in parts.items():
            if key in head:
                s.part = part
        flat.append(s)
    # nest and set ends
    stack: list[Section] = []
    for s in flat:
        while stack and stack[-1].level >= s.level:
            stack.pop().end = s.start
        if stack:
            stack[-1].children.append(s)
        else:
            r.sections.append(s)
        stack.append(s)
    for s in stack:
        s.end = len(text)
    # close ends of parents at their last child's end is implicit (end = next sibling start)
    _fix_ends(r.sections, len(text))
    return r


def _fix_ends(secs: list[Section], end: int) -> None:
    for i, s in enumerate(secs):
        s.end = secs[i + 1].start if i + 1 < len(secs) else end
        _fix_ends(s.children, s.end)


def add_fact(r: Report, quote: str, value, unit=None, nth: int = 0, **kw) -> Fact:
    """A fact on the nth occurrence of quote in the text."""
    i = -1
    for _ in range(nth + 1):
        i = r.text.index(quote, i + 1)
    f = Fact(id=f"f{len(r.facts) + 1}", quote=quote, start=i, end=i + len(quote),
             value=value, unit=unit, **kw)
    r.facts.append(f)
    return f


def add_rate(r: Report, rate: Fact, num: Fact, den: Fact, holds=False) -> Relation:
    rel = Relation(id=f"r{len(r.relations) + 1}", type="rate", rate=rate.id,
                   numerator=num.id, denominator=den.id,
                   computed=num.value / den.value * 100, stated=rate.value, holds=holds)
    r.relations.append(rel)
    return rel


def add_sum(r: Report, total: Fact, parts: list[Fact], holds=False, type="sum") -> Relation:
    rel = Relation(id=f"r{len(r.relations) + 1}", type=type, total=total.id,
                   parts=[p.id for p in parts], holds=holds)
    r.relations.append(rel)
    return rel


def run(rule_id: str, r: Report, config: Config | None = None):
    """Run one rule; every evidence span must quote the text exactly."""
    from fazhi.checks import get_rule
    info = get_rule(rule_id)
    out = list(info.check(r, config or Config.default()) or ())
    assert_evidence_quotes(r, out)
    for f in out:
        assert f.rule == rule_id
    return out


def assert_evidence_quotes(r: Report, findings) -> None:
    for f in findings:
        assert f.message and f.suggestion, f
        for e in f.evidence:
            if not e.removed:
                assert r.text[e.start:e.end] == e.quote, (f.rule, e)
