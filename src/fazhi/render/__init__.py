"""Outputs of the review.

    render_docx(report, path_or_stream, config=None, decisions=None, extra_findings=None)
    render_html(report, config=None, decisions=None, extra_findings=None) -> str
    render_markdown(report, config=None, decisions=None, extra_findings=None) -> str
    render_xlsx(rows, path, config=None)     rows: BatchItem | Report | (path, report, error)

`decisions`: {finding_id: {"decision": "confirmed"|"dismissed", "comment", "user", "at"}};
`extra_findings`: Finding objects a reviewer added. Dismissed findings are shown apart
(已排除) and do not count in the verdict. The terminal summary is `render.text.summary`.
"""
from __future__ import annotations

from .docx import render_docx
from .html import render_html
from .markdown import render_markdown
from .opinion import Opinion, build_opinion
from .xlsx import BatchItem, render_xlsx

__all__ = ["render_docx", "render_html", "render_markdown", "render_xlsx", "BatchItem",
           "Opinion", "build_opinion"]
