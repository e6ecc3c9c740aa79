"""The review opinion as plain Markdown (same content as the Word file)."""
from __future__ import annotations

import re
from typing import Iterable

from ..config import Config
from ..model import Finding, Report
from ..review import Decisions
from .opinion import build_opinion
from .views import ItemView
from .wording import (ANNEX_TITLE, CN_NUM, chapters, date_line, indicators_note, intro_sentence, office_line,
                      salutation, summary_sentence)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def md(s: str | None) -> str:
    """Escape Markdown/HTML-significant characters in report text; one line."""
    if s is None:
        return "—"
    s = " ".join(str(s).split())
    return _MD_SPECIAL.sub(r"\\\1", s)


def _item(lines: list[str], n: int, it: ItemView, dismissed: bool = False) -> None:
    tag = "（审核人补充）" if it.added else ""
    lines.append(f"{n}. **［{it.severity_name}］{md(it.title)}**{tag}　{it.id}")   # the title, never the rule id
    lines.append(f"   - 问题：{md(it.message)}")
    for q in it.shown_quotes:
        where = f"（{md(q.location)}）" if q.location else ""
        lead = "已清除" if q.removed else "原文"
        lines.append(f"   - {lead}：“{md(q.quote)}”{where}")
    if it.more_quotes:
        lines.append(f"   - {it.more_quotes}")
    if it.suggestion and not dismissed:
        lines.append(f"   - 建议：{md(it.suggestion)}")
    if it.decision_line:
        lines.append(f"   - 审核人意见：{md(it.decision_line)}")


def render_markdown(report: Report, config: Config | None = None, decisions: Decisions | None = None,
                    extra_findings: Iterable[Finding] | None = None) -> str:
    op = build_opinion(report, config or Config.default(), decisions, extra_findings)
    L: list[str] = [f"# {md(op.title)}", "", md(salutation(op)), "", md(intro_sentence(op)), ""]
    for label, value in op.info:
        L.append(f"- {label}：{md(value) if value else '未识别'}")
    L.append("")
    for key, heading in chapters(op):
        L += [f"## {heading}", ""]
        if key == "verdict":
            L += [f"审核结论：**{op.verdict}**。{md(op.verdict_reason)}", "", summary_sentence(op), ""]
        elif key == "parts":
            L += ["| 法定内容 | 情况 | 位置 |", "| --- | --- | --- |"]
            for p in op.parts:
                L.append(f"| {md(p.name)} | {p.status_name} | {md(p.where) if p.where else '—'} |")
            L.append("")
        elif key == "findings":
            if not op.groups:
                L += ["审核未发现问题。", ""]
            for gi, g in enumerate(op.groups):
                L += [f"### （{CN_NUM[gi]}）{g.name}（{len(g.items)}项）", ""]
                for n, it in enumerate(g.items, 1):
                    _item(L, n, it)
                L.append("")
        elif key == "dismissed":
            L += ["以下问题经审核人复核后排除，不计入审核结论。", ""]
            for n, it in enumerate(op.dismissed, 1):
                _item(L, n, it, dismissed=True)
            L.append("")
        elif key == "indicators":
            if not op.indicators:
                L += ["未提取到可识别的指标。", ""]
                continue
            if op.key_indicators:
                _indicator_table(L, op.key_indicators)
            note = indicators_note(op)
            if note:
                L += [note, ""]
    L += ["", f"{office_line(op)}", "", f"{date_line(op)}", ""]
    if op.annex_indicators:
        L += ["附件", "", f"## {ANNEX_TITLE}", ""]
        _indicator_table(L, op.annex_indicators)
    return "\n".join(L)


def _indicator_table(L: list[str], rows) -> None:
    L += ["| 指标 | 数值 | 原文 | 所在部分 |", "| --- | --- | --- | --- |"]
    for r in rows:
        L.append(f"| {md(r.name)} | {md(r.value_text)} | {md(r.quote)} | {md(r.section)} |")
    L.append("")
