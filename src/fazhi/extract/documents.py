"""Named documents: every 《…》 title in the text -> report.documents [{name, start, end}].

`start`/`end` span the title including its book-title marks; `name` is the text between
them (nested 〈…〉 marks are kept as written). Titles never cross a line.
"""
from __future__ import annotations

import re

from ..model import Report

DOC_TITLE_RE = re.compile(r"《([^《》\n]{1,150})》")


def find_documents(norm: str) -> list[tuple[int, int]]:
    """Spans (start, end) of 《…》 titles in the matching view, in order."""
    return [(m.start(), m.end()) for m in DOC_TITLE_RE.finditer(norm)]


def extract_documents(report: Report) -> list[tuple[int, int]]:
    spans = find_documents(report.norm)
    report.documents = [{"name": report.text[s + 1:e - 1], "start": s, "end": e} for s, e in spans]
    return spans
