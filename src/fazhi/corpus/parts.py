"""Where the statutory parts of a stored report lie, and how a part splits into items.

The engine's section tree (sections[].part) is used when it carries parts. When it does not
(an older engine version, or a report whose headings it could not read), a small fallback reads
top-level heading lines (一、… / 第一部分 …) and matches them against the part phrases and
patterns of catalog/frameworks.yaml."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

from .. import catalog
from ..zh.numerals import ONE_TO_TEN

PART_ORDER = ("measures", "shortcomings", "first_responsible", "plan", "other")


@dataclass
class PartSpan:
    part: str
    start: int        # start of the heading
    body_start: int   # first character after the heading
    end: int


def _flatten(sections: list[dict]) -> Iterator[dict]:
    for s in sections or []:
        yield s
        yield from _flatten(s.get("children") or [])


def part_spans(sections: list[dict[str, Any]], text: str) -> list[PartSpan]:
    """Part spans from the engine's sections (a tree as in the JSON contract, or flat rows of
    the sections table), else from the heading fallback. Nested part sections inside a part
    section are not repeated."""
    flat = sorted((s for s in _flatten(sections) if s.get("part") in PART_ORDER
                   and s.get("start") is not None and s.get("end") is not None),
                  key=lambda s: (s["start"], -s["end"]))
    out: list[PartSpan] = []
    for s in flat:
        if out and s["start"] < out[-1].end and s["end"] <= out[-1].end:
            continue
        he = s.get("heading_end")
        body = he if he and s["start"] < he <= s["end"] else s["start"]
        # a section whose heading names two parts (存在问题及下一步打算) stands for each of them
        for part in [p for p in (s.get("parts") or [s["part"]]) if p in PART_ORDER] or [s["part"]]:
            out.append(PartSpan(part, s["start"], body, s["end"]))
    if out:
        return out
    return fallback_part_spans(text)


def nested_parts(sections: list[dict[str, Any]]) -> set[str]:
    """Statutory parts the engine found only as a subsection of another part (未单列: e.g. the
    first-responsible duties as （一） under the measures). They are present, not missing."""
    spans = part_spans(sections, "")
    top = {p.part for p in spans}
    out = set()
    for s in _flatten(sections):
        for part in s.get("parts") or ([s["part"]] if s.get("part") else []):
            if part in PART_ORDER and part not in top:
                out.add(part)
    return out


@functools.lru_cache(maxsize=1)
def _part_matchers():
    data = catalog.load("frameworks")["statutory_parts"]["parts"]
    out = []
    for p in data:
        pats = [re.compile(x) for x in p.get("heading_patterns") or []]
        out.append((p["id"], list(p.get("heading_phrases") or []), pats))
    return out


def classify_heading(heading: str) -> str | None:
    """The part a heading names: longest phrase or pattern match; ties by PART_ORDER."""
    best: tuple[int, int, str] | None = None
    for pid, phrases, pats in _part_matchers():
        length = max([len(ph) for ph in phrases if ph in heading] +
                     [m.end() - m.start() for pat in pats for m in [pat.search(heading)] if m] + [0])
        if length:
            cand = (length, -PART_ORDER.index(pid), pid)
            if best is None or cand > best:
                best = cand
    return best[2] if best else None


_TOP = re.compile(rf"^[ \t\u3000]*(?:(?P<cn>[{ONE_TO_TEN}]{{1,3}})[、．.]|第[{ONE_TO_TEN}]{{1,3}}部分[、:：,，]?)[ \t\u3000]*")
_HEAD_END = re.compile(r"[。：:；;！？\n]")


def fallback_part_spans(text: str) -> list[PartSpan]:
    heads: list[tuple[int, int, str | None]] = []   # (line start, heading end, part)
    pos = 0
    for line in text.splitlines(keepends=True):
        m = _TOP.match(line)
        if m:
            rest = line[m.end():]
            stop = _HEAD_END.search(rest)
            head = rest[:stop.start()] if stop else rest
            head = head[:60].rstrip()
            heads.append((pos, pos + m.end() + len(head), classify_heading(head)))
        pos += len(line)
    out = []
    for i, (s, he, part) in enumerate(heads):
        if part is None:
            continue
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        out.append(PartSpan(part, s, he, end))
    return out


_MARKER = re.compile(
    rf"(?:^|(?<=[。；;\n]))[ \t\u3000]*(?:[{ONE_TO_TEN}]+是|[（(][{ONE_TO_TEN}\d]+[)）]|\d+[.．、]|"
    rf"[{ONE_TO_TEN}]+[、．.])")
_SENT = re.compile(r"[^。；;！!？?\n]+")
_LEAD = re.compile(rf"[ \t\u3000]*(?:[{ONE_TO_TEN}]+是|[（(][{ONE_TO_TEN}\d]+[)）]|\d+[.．、]|"
                   rf"[{ONE_TO_TEN}]+[、．.])?[ \t\u3000，,、：:]*")
_CJK_OR_WORD = re.compile(r"\w")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    m = _LEAD.match(text, s, e)
    s = m.end() if m else s
    while e > s and not _CJK_OR_WORD.match(text[e - 1]):
        e -= 1
    return s, e


def _long_enough(text: str, s: int, e: int, min_chars: int) -> bool:
    return len(_CJK_OR_WORD.findall(text[s:e])) >= min_chars


def sentence_items(text: str, start: int, end: int, min_chars: int = 8) -> list[tuple[int, int]]:
    out = []
    for m in _SENT.finditer(text, start, end):
        s, e = _trim(text, m.start(), m.end())
        if e > s and _long_enough(text, s, e, min_chars):
            out.append((s, e))
    return out


def marker_items(text: str, start: int, end: int, min_chars: int = 8) -> list[tuple[int, int]]:
    """Numbered points (一是 / （一） / 1. / 一、) of a span; sentences when it has fewer than two."""
    cuts = [m.start() for m in _MARKER.finditer(text, start, end)]
    if len(cuts) < 2:
        return sentence_items(text, start, end, min_chars)
    bounds = ([start] if cuts[0] > start else []) + cuts + [end]
    out = []
    for i, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if i == 0 and a != cuts[0] and text[a:b].rstrip().endswith(("：", ":")):
            continue    # an introduction ("……重点做好以下工作：")
        s, e = _trim(text, a, b)
        if e > s and _long_enough(text, s, e, min_chars):
            out.append((s, e))
    return out
