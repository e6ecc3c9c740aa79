"""Highlight possibly overlapping spans of a text as properly nested HTML.

Spans may overlap in any way (a fact inside a finding's quote, two findings that cross).
HTML needs a tree, so `nest` walks the text boundary by boundary keeping a stack of open
spans in a canonical order (earlier start first, then longer first); when a span ends while
spans opened after it are still going, those are closed and re-opened after it: a crossing
span is split into fragments, never mis-nested. Only the first fragment of a span carries
its id, so `#anchors` stay unique. Zero-width spans (start == end) are emitted as empty
markers at their position.

All text is HTML-escaped here; attributes are escaped too.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable, cast


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    cls: str                                  # CSS class(es)
    title: str | None = None                  # tooltip
    id: str | None = None                     # anchor id (put on the first fragment only)
    attrs: tuple[tuple[str, str], ...] = ()   # extra attributes, e.g. (("data-finding", "F3"),)
    label: str = ""                           # content of a zero-width marker


@dataclass
class Piece:
    """A run of text with the marks covering it, outermost first."""
    start: int
    end: int
    marks: list[Mark] = field(default_factory=list)


def _order(m: Mark) -> tuple:
    return (m.start, -m.end, m.cls, m.id or "", m.title or "")


def clip(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Drop marks outside [0, length]; clamp the rest."""
    out = []
    for m in marks:
        s, e = max(0, m.start), min(length, m.end)
        if s > e or s > length or e < 0:
            continue
        if (s, e) != (m.start, m.end):
            m = Mark(s, e, m.cls, m.title, m.id, m.attrs, m.label)
        out.append(m)
    return out


def pieces(length: int, marks: Iterable[Mark], cuts: Iterable[int] = ()) -> list[Piece]:
    """Cut [0, length) at every mark boundary; each piece lists its covering marks in nesting
    order (outermost first). Zero-width marks are ignored here."""
    ms = sorted((m for m in clip(marks, length) if m.end > m.start), key=_order)
    ms_index = {id(m): k for k, m in enumerate(ms)}
    at = sorted({0, length, *(m.start for m in ms), *(m.end for m in ms),
                 *(c for c in cuts if 0 <= c <= length)})
    # a sweep (linear in pieces + marks): the marks covering [a, b) are those with start <= a
    # < end (every end is a cut, so end > a means end >= b), kept in `ms` order
    out = []
    active: list[Mark] = []
    first_end = length + 1                   # the smallest end among the active marks
    i = 0
    for a, b in zip(at, at[1:]):
        if a == b:
            continue
        if first_end <= a:
            active = [m for m in active if m.end > a]
            first_end = min((m.end for m in active), default=length + 1)
        added = False
        while i < len(ms) and ms[i].start <= a:
            if ms[i].end > a:
                active.append(ms[i])
                first_end = min(first_end, ms[i].end)
                added = True
            i += 1
        if added:
            active.sort(key=lambda m: ms_index[id(m)])
        out.append(Piece(a, b, list(active)))
    return out


def nest(length: int, marks: Iterable[Mark]) -> list[tuple[str, object]]:
    """Events ("open", Mark) / ("close", Mark) / ("text", (start, end)) / ("point", Mark)
    forming a well-nested sequence over the whole text."""
    marks = clip(marks, length)
    points: dict[int, list[Mark]] = {}
    for m in marks:
        if m.start == m.end:
            points.setdefault(m.start, []).append(m)
    events: list[tuple[str, object]] = []
    stack: list[Mark] = []

    def emit_points(at: int) -> None:
        for p in points.pop(at, []):
            events.append(("point", p))

    for pc in pieces(length, marks, points):
        want = pc.marks
        k = 0
        while k < len(stack) and k < len(want) and stack[k] is want[k]:
            k += 1
        for m in reversed(stack[k:]):
            events.append(("close", m))
        del stack[k:]
        emit_points(pc.start)
        for m in want[k:]:
            events.append(("open", m))
            stack.append(m)
        events.append(("text", (pc.start, pc.end)))
    for m in reversed(stack):
        events.append(("close", m))
    for at in sorted(points):
        emit_points(at)
    return events


def _attr(s: str) -> str:
    return html.escape(s, quote=True)


def highlight(text: str, marks: Iterable[Mark], tag: str = "mark") -> str:
    """The whole text, HTML-escaped, with every mark as a <tag>; newlines kept as they are
    (render inside a `white-space: pre-wrap` block)."""
    seen_ids: set[str] = set()
    out: list[str] = []
    for kind, obj in nest(len(text), marks):
        if kind == "text":
            a, b = cast("tuple[int, int]", obj)
            out.append(html.escape(text[a:b], quote=False))
        elif kind == "close":
            out.append(f"</{tag}>")
        else:
            m = cast(Mark, obj)
            parts = [f'class="{_attr(m.cls)}"']
            if m.id and m.id not in seen_ids:
                seen_ids.add(m.id)
                parts.append(f'id="{_attr(m.id)}"')
            if m.title:
                parts.append(f'title="{_attr(m.title)}"')
            for k, v in m.attrs:
                parts.append(f'{_attr(k)}="{_attr(v)}"')
            if kind == "open":
                out.append(f"<{tag} {' '.join(parts)}>")
            else:
                out.append(f"<{tag} {' '.join(parts)}>{html.escape(m.label, quote=False)}</{tag}>")
    return "".join(out)
