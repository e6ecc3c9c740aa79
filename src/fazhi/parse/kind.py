"""Document kind (meta.kind): report / template / interpretation / plan / news / article / other.

Markers live in catalog/kinds.yaml; matching is done on Report.norm (half-width, simplified).
"""
from __future__ import annotations

import re

from .. import catalog
from ..model import Report

_BOOK = re.compile(r"《[^》\n]{0,80}》")


def _any(s: str, words) -> bool:
    return any(w in s for w in words or [])


def _any_rx(s: str, pats, flags=0) -> bool:
    return any(re.search(p, s, flags) for p in pats or [])


def classify(report: Report, title: str | None, body_start: int | None) -> str:
    k = catalog.load("kinds")
    norm, hints = report.norm, report.hints
    t = title or ""
    tpl = k["template"]
    residue = sum(1 for w in tpl["residue"] if w in norm[:4000] or w in norm[-3000:])
    masked = sum(len(re.findall(p, norm)) for p in tpl["masked_patterns"])
    if (hints.get("template_site") or any(r.kind == "template_site" for r in report.removed)
            or residue >= tpl["residue_min"] or masked >= tpl["masked_min"]):
        return "template"
    if _any(t, k["interpretation"]["title"]):
        return "interpretation"
    pl = k["plan"]
    if t and _any_rx(t, pl["title_patterns"]) and not _any(t, pl["not_if_title"]):
        return "plan"
    ot = k["other"]
    head = norm[:600]
    if _any(t, ot["title"]) or _any_rx(head, ot["opening_patterns"], re.M) or _any(norm[:3000], ot["body"]):
        return "other"
    rp = k["report"]
    # a title that names the report only inside 《》 is about the report (审议通过《…报告》), not it
    t_own = _BOOK.sub("", t)
    title_report = bool(t_own) and _any_rx(t_own, rp["title_patterns"]) and _any(t_own, rp["title_report"])
    body_hits = sum(1 for p in rp["body_patterns"] if re.search(p, norm))
    terms = sum(norm.count(w) for w in rp["body_terms"])
    nw = k["news"]
    body = norm[body_start:body_start + 200] if body_start is not None else norm[:200]
    if (len(norm) <= nw["max_chars"] and not title_report and _any_rx(body, nw["opening_patterns"])
            and _any(norm[:600], nw["event"])):
        return "news"
    if title_report or (body_hits >= rp["body_min"] and terms >= rp["body_terms_min"]):
        return "report"
    if terms >= rp["body_terms_min"] or (t and _any_rx(t, rp["title_patterns"])):
        return "article"
    return "other"
