"""The review opinion as one self-contained HTML page (inline CSS/JS, no external URL):
the opinion itself, then the full report text with every fact and every finding marked in place."""
from __future__ import annotations

import functools
from typing import Iterable

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..config import Config
from ..model import Finding, Report
from ..review import Decisions
from .opinion import build_opinion
from .quotes import fmt_number
from .views import Opinion
from .wording import (ANNEX_TITLE, CN_NUM, chapters, date_line, indicators_note, intro_sentence, office_line,
                      salutation, summary_sentence, title_lines)
from .spans import Mark, highlight

VERDICT_CLASS = {"合格": "v-pass", "需修改": "v-revise", "不合格": "v-fail"}


@functools.lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("fazhi.render", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default=True),
                       trim_blocks=False, lstrip_blocks=False)


def report_marks(report: Report, op: Opinion) -> list[Mark]:
    """Marks for every fact and every finding's evidence (dismissed findings marked apart)."""
    marks: list[Mark] = []
    names = {r.fact_id: r.name for r in op.indicators}
    for f in report.facts:
        value = fmt_number(f.value)
        tip = [f"{value if value is not None else '?'}{f.unit or ''}"]
        if f.indicator:
            tip.append(names.get(f.id, f.indicator))
        elif f.subject:
            tip.append(f.subject)
        if f.year:
            tip.append(f"{f.year}年")
        marks.append(Mark(f.start, f.end, "fact", " · ".join(tip), f"fact-{f.id}"))
    for it in op.items:
        dismissed = it.decision == "dismissed"
        cls = f"finding sev-{it.severity}" + (" dismissed" if dismissed else "")
        note = f"［{it.severity_name}］{it.title}：{it.message[:100]}"
        if dismissed:
            note = "［已排除］" + note
        for q in it.quotes:
            if q.removed or q.end <= q.start:
                marks.append(Mark(q.start, q.start, cls + " removed", f"{note}（已清除：{q.quote}）",
                                  q.anchor, (("data-finding", it.id),), "⌫" + it.id))
            else:
                marks.append(Mark(q.start, q.end, cls, note, q.anchor, (("data-finding", it.id),)))
    return marks


def render_html(report: Report, config: Config | None = None, decisions: Decisions | None = None,
                extra_findings: Iterable[Finding] | None = None) -> str:
    config = config or Config.default()
    op = build_opinion(report, config, decisions, extra_findings)
    marks = report_marks(report, op)
    tpl = _env().get_template("opinion.html.j2")
    return tpl.render(
        op=op, title_lines=title_lines(op.title), chapters=chapters(op), cn=CN_NUM, intro=intro_sentence(op), salutation=salutation(op),
        summary=summary_sentence(op), verdict_class=VERDICT_CLASS.get(op.verdict, ""),
        office=office_line(op), date=date_line(op),
        indicators_note=indicators_note(op), annex_title=ANNEX_TITLE,
        fulltext=Markup(highlight(report.text, marks)),
        max_html_quotes=int(config.get("opinion.max_html_quotes", 6) or 6),
        n_facts=len(report.facts), n_marked=sum(1 for m in marks if m.cls.startswith("finding")))
