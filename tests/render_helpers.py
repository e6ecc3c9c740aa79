"""A small hand-built Report for the renderer tests (no pipeline involved)."""
from __future__ import annotations

from fazhi.model import Evidence, Fact, Finding, Meta, Report, Section

TEXT = (
    "青石县2023年法治政府建设年度报告\n"
    "一、主要举措和成效\n"
    "全年共受理行政复议案件15件，其中维持10件、纠错5件，纠错率35%。\n"
    "网页残片<script>alert(\"x\")</script> & <b>粗体</b>\n"
    "二、存在的不足和原因\n"
    "部分单位学法不够深入。\n"
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def ev(text: str, needle: str, nth: int = 0) -> Evidence:
    s, e = span(text, needle, nth)
    return Evidence(s, e, text[s:e])


def sample_report(meta: bool = True) -> Report:
    t = TEXT
    r = Report(text=t)
    h1 = span(t, "一、主要举措和成效")
    h2 = span(t, "二、存在的不足和原因")
    r.sections = [
        Section("s1", "一、", 1, "主要举措和成效", h1[0], h2[0], h1[0], h1[1], part="measures"),
        Section("s2", "二、", 1, "存在的不足和原因", h2[0], len(t), h2[0], h2[1], part="shortcomings"),
    ]
    facts = [("15件", 15, "件", "admin_reconsideration_accepted"), ("10件", 10, "件", None),
             ("5件", 5, "件", None), ("35%", 35.0, "%", "admin_reconsideration_correction_rate")]
    for i, (q, v, u, ind) in enumerate(facts, 1):
        s, e = span(t, q) if q != "5件" else span(t, "纠错5件")
        if q == "5件":
            s += 2
        r.facts.append(Fact(f"f{i}", t[s:e], s, e, v, u, kind="rate" if u == "%" else "count",
                            indicator=ind, section="s1"))
    if meta:
        r.meta = Meta(title="青石县2023年法治政府建设年度报告", jurisdiction="青石县", level="county",
                      province="某某省", report_year=2023, report_date="2024-02-20", kind="report")
    r.findings = [
        Finding("figures.rate_mismatch", "minor", "纠错率35%与5/15=33.33%不符。",
                [ev(t, "纠错率35%"), ev(t, "15件"), ev(t, "纠错5件")], "核对纠错率。", id="F1"),
        Finding("structure.missing_part", "major", "报告缺少法定内容“党政主要负责人履行第一责任人职责情况”。",
                [ev(t, "一、主要举措和成效"), ev(t, "二、存在的不足和原因")], "增设一部分。", id="F2",
                data={"part": "first_responsible"}),
        Finding("structure.missing_part", "major", "报告缺少法定内容“下一年度主要安排”。",
                [ev(t, "一、主要举措和成效")], "增设一部分。", id="F3", data={"part": "plan"}),
        # crosses the F1 quote "纠错率35%" and the fact "35%"
        Finding("provenance.web_chrome", "info", "正文中有网页残留<script>。",
                [ev(t, "5件，纠错率3"), ev(t, "<script>alert(\"x\")</script>"),
                 Evidence(span(t, "网页残片")[0], span(t, "网页残片")[0], "【打印本页】", removed=True)],
                None, id="F4"),
    ]
    return r
