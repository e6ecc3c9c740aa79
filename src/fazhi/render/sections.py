"""Where things stand in a report, as a review opinion names them: a section's heading as a
location, the path of headings to an offset, and the statutory-part checklist drawn from the
section tree."""
from __future__ import annotations

import re

from ..config import Config
from ..labels import PART_NAMES
from ..model import Report, Section
from .views import PartRow

DEFAULT_REQUIRED = ("measures", "shortcomings", "first_responsible", "plan")
HEADING_CHARS = 30
_HEADING_CUT = re.compile(r"[，,。；;：:！？]")


def heading_of(report: Report, s: Section) -> str:
    """A section's heading as a location. A long heading (a run-in "一是……，……" heading is
    the whole first sentence) is cut at its first clause, or at HEADING_CHARS, with …."""
    if s.heading_end > s.heading_start:
        h = report.text[s.heading_start:s.heading_end]
    else:
        h = f"{s.number or ''}{s.heading}"
    h = " ".join(h.split())
    if len(h) <= HEADING_CHARS:
        return h
    m = _HEADING_CUT.search(h, 6)
    cut = m.start() if m and m.start() <= HEADING_CHARS else HEADING_CHARS
    return h[:cut].rstrip() + "…"


def section_path(report: Report, offset: int, depth: int = 2) -> str | None:
    """"一、… › （二）…": the top-level section and the innermost one containing offset."""
    top = report.top_section_at(offset)
    if top is None:
        return None
    inner = report.section_at(offset)
    if inner is None or inner is top or depth < 2:
        return heading_of(report, top)
    return f"{heading_of(report, top)} › {heading_of(report, inner)}"


def _required_parts(config: Config) -> list[str]:
    want = config.get("rules.required_parts")
    if want:
        return list(want)
    try:
        from .. import catalog
        parts = catalog.load("frameworks")["statutory_parts"]["parts"]
        return [p["id"] for p in parts if p.get("required")] or list(DEFAULT_REQUIRED)
    except Exception:
        return list(DEFAULT_REQUIRED)


def part_rows(report: Report, config: Config) -> list[PartRow]:
    """The statutory-part checklist from the section tree."""
    known = any(s.covers() for s in report.all_sections()) or any(s.areas for s in report.sections)
    rows = []
    for pid in _required_parts(config):
        name = PART_NAMES.get(pid, pid)
        if not known:
            rows.append(PartRow(pid, name, None, "未识别", None))
            continue
        # a section whose heading names two parts (存在问题及下一步打算) counts for both
        top = [s for s in report.sections if pid in s.covers()]
        if pid == "measures" and not top:
            # a run of top-level sections named after 纲要 task areas is the measures part
            top = [s for s in report.sections if s.areas and s.part in (None, "measures")]
        nested = [s for t in report.sections for s in t.walk() if s is not t and pid in s.covers()]
        if top:
            where = "；".join(heading_of(report, s) for s in top[:3]) + ("等" if len(top) > 3 else "")
            rows.append(PartRow(pid, name, "present", "已单列", where))
        elif nested:
            where = "；".join(section_path(report, s.start) or heading_of(report, s)
                             for s in nested[:3])
            rows.append(PartRow(pid, name, "nested", "未单列（仅作为小节）", where))
        else:
            rows.append(PartRow(pid, name, "missing", "缺少", None))
    return rows
