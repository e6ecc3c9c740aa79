"""A stored report back as a `Report` object with its reviewers' decisions, so the web app can
use the same review renderers (render/docx, render/html, render/opinion) as `fazhi review`.

Finding ids are "F<row id>" (the store's finding rows, engine and corpus findings alike) and
"R<row id>" for findings a reviewer added; decisions are the store's latest per finding key."""
from __future__ import annotations

import io
from typing import Any

from ..model import Evidence, Fact, Finding, Meta, Removed, Report, Section, Source
from ..review import Decisions


def _section(d: dict[str, Any]) -> Section:
    return Section(id=d.get("id") or "", number=d.get("number"), level=d.get("level") or 1,
                   heading=d.get("heading") or "", start=d.get("start") or 0, end=d.get("end") or 0,
                   heading_start=d.get("heading_start") or 0, heading_end=d.get("heading_end") or 0,
                   style=d.get("style"), ordinal=d.get("ordinal"), part=d.get("part"),
                   parts=list(d.get("parts") or []),
                   part_basis=d.get("part_basis"), areas=list(d.get("areas") or []),
                   numbering=list(d.get("numbering") or []),
                   children=[_section(c) for c in d.get("children") or []])


def _evidence(e: dict[str, Any]) -> Evidence:
    return Evidence(e.get("start") or 0, e.get("end") or 0, e.get("quote") or "", bool(e.get("removed")))


def report_from_json(doc: dict[str, Any]) -> Report:
    """A Report from a contract document (as `Store.report_json` returns it)."""
    m = doc.get("meta") or {}
    ev = {k: (v["start"], v["end"]) for k, v in (m.get("evidence") or {}).items()
          if isinstance(v, dict) and "start" in v}
    meta = Meta(**{k: m.get(k) for k in ("title", "jurisdiction", "parent", "province", "level",
                                          "department", "report_year", "report_date", "publish_date",
                                          "kind", "framework", "adcode", "source_site")},
                issuers=list(m.get("issuers") or []), evidence=ev)
    src = doc.get("source") or {}
    store = doc.get("store") or {}
    report = Report(
        text=doc.get("text") or "",
        source=Source(path=store.get("name") or src.get("path"), sha256=src.get("sha256"),
                      media_type=src.get("media_type"), encoding=src.get("encoding")),
        removed=[Removed(r.get("kind") or "other", r.get("text") or "", r.get("at") or 0)
                 for r in doc.get("removed") or []],
        meta=meta,
        sections=[_section(s) for s in doc.get("sections") or []],
        facts=[Fact(id=f["id"], quote=f.get("quote") or "", start=f["start"], end=f["end"],
                    value=f.get("value"), unit=f.get("unit"), approx=bool(f.get("approx")),
                    qualifier=f.get("qualifier"), kind=f.get("kind") or "count", subject=f.get("subject"),
                    indicator=f.get("indicator"), year=f.get("year"), section=f.get("section"))
               for f in doc.get("facts") or []],
        findings=[Finding(rule=f["rule"], severity=f.get("severity") or "info", message=f.get("message") or "",
                          evidence=[_evidence(e) for e in f.get("evidence") or []],
                          suggestion=f.get("suggestion"), id=f.get("id"), data=f.get("data") or {})
                  for f in doc.get("findings") or []],
        documents=list(doc.get("documents") or []),
        review=dict(doc.get("review") or {}),
    )
    return report


def reviewer_findings(doc: dict[str, Any]) -> list[Finding]:
    out = []
    text = doc.get("text") or ""
    for r in (doc.get("store") or {}).get("reviewer_findings") or []:
        s, e = r.get("start"), r.get("end")
        evs = [Evidence(s, e, text[s:e])] if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text) else []
        out.append(Finding(rule="quality.reviewer", severity=r.get("severity") or "minor",
                           message=r.get("message") or "", evidence=evs, id=f"R{r['id']}",
                           data={"user": r.get("user"), "at": r.get("at")}))
    return out


def decisions(doc: dict[str, Any]) -> Decisions:
    return {f["id"]: f["decision"] for f in doc.get("findings") or [] if f.get("decision")}


def stored(doc: dict[str, Any]) -> tuple[Report, Decisions, list[Finding]]:
    return report_from_json(doc), decisions(doc), reviewer_findings(doc)


def docx_bytes(doc: dict[str, Any], config) -> bytes:
    from ..render import render_docx
    report, decs, extra = stored(doc)
    buf = io.BytesIO()
    render_docx(report, buf, config, decs, extra)
    return buf.getvalue()


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
