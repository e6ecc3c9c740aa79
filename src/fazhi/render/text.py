"""Chinese terminal summary of one analysed report."""
from __future__ import annotations

from collections import Counter

from ..labels import (KIND_NAMES, LEVEL_NAMES, NUMBERING_NAMES, REMOVED_NAMES, SEVERITY_NAMES, indicator_names,
                      rule_title)
from ..labels import PART_SHORT as PART_NAMES
from ..model import Report
from .quotes import fmt_number, plain


def _v(x) -> str:
    return "—" if x in (None, "", []) else str(x)


def _pages(pages: list[int]) -> str:
    """1,2,3,5 -> 1–3、5"""
    out, i = [], 0
    while i < len(pages):
        j = i
        while j + 1 < len(pages) and pages[j + 1] == pages[j] + 1:
            j += 1
        out.append(str(pages[i]) if i == j else f"{pages[i]}–{pages[j]}")
        i = j + 1
    return "、".join(out)


def summary(report: Report, max_facts: int = 30, config=None) -> str:
    m = report.meta
    lines = [f"《{m.title}》" if m.title else "（原文未写标题）", ""]
    lines.append(f"  文件      {_v(report.source.path)}（{_v(report.source.media_type)}，{_v(report.source.encoding)}）")
    ocr = report.source.ocr
    if ocr:
        pages = ocr.get("pages") or []
        conf = ocr.get("mean_confidence")
        low = sum(1 for f in report.facts if f.ocr_low)
        lines.append(f"  文字识别  扫描件，{len(pages)} 页经 OCR 识别（第 {_pages(pages)} 页），"
                     f"平均置信度 {f'{conf:.1%}' if conf is not None else '—'}"
                     + (f"；{low} 项数据识别不确定，未参与合计和比率核对" if low else ""))
    level = LEVEL_NAMES.get(m.level or "", m.level)
    lines.append(f"  地区      {_v(m.jurisdiction)}{f'（{level}）' if level else ''}"
                 f"  上级 {_v(m.parent)}  省份 {_v(m.province)}")
    if m.department:
        lines.append(f"  部门      {m.department}")
    lines.append(f"  报告年度  {_v(m.report_year)}    成文日期 {_v(m.report_date)}    发布日期 {_v(m.publish_date)}")
    lines.append(f"  类型      {KIND_NAMES.get(m.kind or '', _v(m.kind))}    纲要 {_v(m.framework)}")
    lines.append(f"  落款      {'、'.join(m.issuers) if m.issuers else '—'}")
    lines.append("")
    lines.append("结构：")
    for s in report.all_sections():
        if s.level > 2:
            continue
        part = f" ［{'、'.join(PART_NAMES.get(p, p) for p in s.covers())}］" if s.part else ""
        flags = f" ⚠{'、'.join(NUMBERING_NAMES.get(k, '编号有误') for k in s.numbering)}" if s.numbering else ""
        lines.append(f"  {'  ' * (s.level - 1)}{s.number or ''}{s.heading[:40]}{part}{flags}")
    present = {p for s in report.all_sections() for p in s.covers()}
    lines.append("")
    lines.append("法定内容：" + "  ".join(
        f"{'✓' if p in present else '✗'}{PART_NAMES[p]}" for p in
        ("measures", "shortcomings", "first_responsible", "plan")))
    lines.append("")
    lines.append(f"数据：共 {len(report.facts)} 项" + ("（仅列前 %d 项）" % max_facts if len(report.facts) > max_facts else ""))
    names = indicator_names()
    for f in report.facts[:max_facts]:
        ind = f" → {names.get(f.indicator, '（未收录的指标）')}" if f.indicator else ""
        unsure = "  （识别不确定）" if f.ocr_low else ""
        value = f"{fmt_number(f.value) or '—'}{f.unit or ''}"
        read = "" if value == "".join(f.quote.split()) else f"  = {value}"      # 2次 = 2次 says nothing
        lines.append(f"  {f.quote}{read}  {_v(f.subject)}{ind}{unsure}")
    lines.append("")
    from ..review import verdict
    if report.review:   # computed by the pipeline's `review` component with the same config
        label, reason = report.review["verdict"], report.review["reason"]
    else:
        label, reason = verdict(report, config)
    lines.append(f"审核结论：{label}（{reason}）")
    if report.findings:
        lines.append(f"审核发现：{len(report.findings)} 项")
        for fd in report.findings:
            q = fd.evidence[0].quote[:40] if fd.evidence else ""
            # numbered F1…Fn as the web, the Excel and `fazhi rectify add --finding` number them
            lines.append(f"  {fd.id} [{SEVERITY_NAMES.get(fd.severity, fd.severity)}] {rule_title(fd.rule)}：{plain(fd.message)}"
                         + (f"  “{q}”" if q else ""))
    else:
        lines.append("审核发现：无")
    if report.removed:
        lines.append("")
        counts = Counter(r.kind for r in report.removed)
        lines.append(f"已从正文中去除 {len(report.removed)} 处：" + "、".join(
            f"{REMOVED_NAMES.get(k, k)}{n}处" for k, n in counts.items()))
    return "\n".join(lines)
