"""A stored report back as a `Report` object with its reviewers' decisions, so the web app can
use the same review renderers (render/docx, render/html, render/opinion) as `fazhi review`.

Finding ids are "F<row id>" (the store's finding rows, engine and corpus findings alike) and
"R<row id>" for findings a reviewer added; decisions are the store's latest per finding key."""
from __future__ import annotations

import io
from typing import Any

from ..corpus.reports import review_inputs
from ..model import Finding, Report
from ..review import Decisions


def stored(doc: dict[str, Any]) -> tuple[Report, Decisions, list[Finding]]:
    """(Report, decisions, reviewer findings) of a stored document (`Store.report_json`)."""
    return review_inputs(doc)


def docx_bytes(doc: dict[str, Any], config) -> bytes:
    from ..render import render_docx
    report, decs, extra = stored(doc)
    buf = io.BytesIO()
    render_docx(report, buf, config, decs, extra)
    return buf.getvalue()


def annotated_bytes(doc: dict[str, Any], config, st) -> bytes:
    """批注版: the stored source (a DOCX as loaded, else the clean text in 公文 format) with one
    Word comment per finding, the reviewers' decisions applied."""
    from ..render.annotate import annotated
    report, decs, extra = stored(doc)
    _name, media_type, data = st.source_content((doc.get("store") or {}).get("id"))
    return annotated(data, media_type, report, config, decs, extra)


def html_text(doc: dict[str, Any], config) -> str:
    from ..render import render_html
    report, decs, extra = stored(doc)
    return render_html(report, config, decs, extra)


def download_name(doc: dict[str, Any], suffix: str) -> str:
    """审核意见 file name from the report's place and year (falls back to the store id)."""
    m = doc.get("meta") or {}
    label = "".join(str(x) for x in (m.get("department") or m.get("jurisdiction") or "",
                                      f"{m['report_year']}年" if m.get("report_year") else "") if x)
    label = label or f"报告{(doc.get('store') or {}).get('id', '')}"
    return f"{label}_审核意见{suffix}"
