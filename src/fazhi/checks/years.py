"""Year and time rules: which year is reported, stale figures, deadlines, the 纲要 in force."""
from __future__ import annotations

from dataclasses import dataclass

import bisect
import re
from collections import Counter
from typing import Iterable

from ..config import Config
from ..model import Evidence, Fact, Finding, Report
from ..zh.years import ARABIC_YEAR
from .common import Sentences, ev, heading_ev, is_report, sections_with_part, sentence_bounds, years_in
from .registry import rule

BASIS_REPORT = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）：年度报告应当报告上一年度的情况和下一年度的安排"
PLAN_WORDS = re.compile(r"^[^，,。；;]{0,14}?(安排|计划|打算|思路|重点|要点|目标|任务)")
PLAN_HEADING = re.compile(r"安排|计划|打算|思路|重点|要点|目标|任务|展望|下一步|下步|下阶段")
REVIEW_HEADING = re.compile(r"成效|举措|做法|情况|回顾|不足|问题|原因|履行|成绩|进展")


def _title_span(report: Report) -> tuple[int, int] | None:
    span = report.meta.evidence.get("title")
    if span:
        return span
    t = report.meta.title
    if t:
        i = report.text.find(t)
        if i != -1:
            return i, i + len(t)
    return None


def _not_plan(report: Report, years: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop years that label a plan ('2023年工作安排') rather than the year reported."""
    return [y for y in years if not PLAN_WORDS.match(report.norm[y[2]:y[2] + 20])]


def _fact_year(report: Report, f: Fact, use_fallback: bool) -> int | None:
    if f.year is not None or not use_fallback:
        return f.year
    a, _ = sentence_bounds(report.norm, f.start)
    ys = years_in(report, a, f.start)
    return ys[-1][0] if ys else None


def _plan_spans(report: Report) -> list[tuple[int, int]]:
    top, nested = sections_with_part(report, "plan")
    return [(s.start, s.end) for s in (top or nested)]


def _dated_facts(report: Report) -> list[tuple[Fact, int]]:
    """Year-labelled facts outside the plan part, with their year."""
    fallback = bool(report.facts) and all(f.year is None for f in report.facts)
    # the plan spans merged and sorted: one binary search per fact, not a scan of every span
    merged: list[list[int]] = []
    for a, b in sorted(sp for sp in _plan_spans(report) if sp[0] < sp[1]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    sentences = Sentences(report.norm) if fallback else None      # found once, not per fact
    out = []
    for f in report.facts:
        k = bisect.bisect_right(starts, f.start) - 1
        if k >= 0 and f.start < merged[k][1]:
            continue
        if sentences is not None and f.year is None:
            ys = years_in(report, sentences.bounds(f.start)[0], f.start)   # = _fact_year(report, f, True)
            y = ys[-1][0] if ys else None
        else:
            y = _fact_year(report, f, fallback)
        if y is not None:
            out.append((f, y))
    return out


def _cn_year(y: int) -> str:
    return f"{y}年"


@rule("years.year_mismatch", severity="major",
      title="报告年度前后不一",
      why="标题、各部分标题和正文对所报告的年度说法不一，或“下一年度安排”写的是报告年度本身，"
          "通常是套用往年文本或拼接不同年度材料的迹象，报告内容不可信。",
      basis=BASIS_REPORT,
      example="标题为“2022年度……自查报告”，一级标题为“2021年度推进法治政府建设的主要举措”，数据均为“2020年”。")
def year_mismatch(report: Report, config: Config) -> Iterable[Finding]:
    R = report.meta.report_year
    if not is_report(report):
        return
    signals: list[tuple[str, int, Evidence]] = []
    ts = _title_span(report)
    if ts:
        for y, a, b in _not_plan(report, years_in(report, *ts)):
            signals.append(("标题", y, ev(report, a, b)))
    for s in report.sections:
        if "plan" in s.covers():
            continue
        e = heading_ev(report, s)
        if PLAN_HEADING.search(e.quote) and not REVIEW_HEADING.search(e.quote):
            continue    # a plan heading the part classifier did not mark
        for y, a, b in _not_plan(report, years_in(report, e.start, e.end)):
            signals.append(("一级标题", y, ev(report, a, b)))
    years = {y for _, y, _ in signals}
    if len(years) > 1:
        by_src: dict[str, list[int]] = {}
        for src, y, _ in signals:
            if y not in by_src.setdefault(src, []):
                by_src[src].append(y)
        parts = [f"{src}为{'、'.join(_cn_year(y) for y in ys)}" for src, ys in by_src.items()]
        dated = _dated_facts(report)
        if dated:
            cnt = Counter(y for _, y in dated)
            top, n = cnt.most_common(1)[0]
            if n >= 2 and n / len(dated) >= 0.5:
                parts.append(f"正文数据多标注为{_cn_year(top)}（{n}/{len(dated)}项）")
        yield Finding(
            rule="years.year_mismatch", severity="major",
            message="报告所述年度前后不一：" + "，".join(parts) + "。同一份年度报告应只报告一个年度的情况。",
            evidence=[e for _, _, e in signals][:10],
            suggestion="核对报告年度，统一标题、各部分标题和数据所属年度；如套用了往年文本，应按本年度实际情况重写。",
            data={"kind": "reported_year", "years": sorted(years), "report_year": R})
    if R is None:
        return
    # the plan part should plan the next year
    plan_top, nested = sections_with_part(report, "plan")
    plan_secs = [x for s in (plan_top or nested) for x in s.walk()]
    bad: list[tuple[int, Evidence]] = []
    for s in plan_secs:
        e = heading_ev(report, s)
        for y, a, b in years_in(report, e.start, e.end):
            if y <= R:
                bad.append((y, ev(report, a, b)))
    for s in (plan_top or nested):
        hs = s.heading_end if s.heading_end > s.heading_start else s.start
        m = re.match(rf"\s*({ARABIC_YEAR})\s*年度?[,，]?\s*[^。]{{0,8}}?将", report.norm[hs:hs + 40])
        if m and int(m.group(1)) <= R:
            bad.append((int(m.group(1)), ev(report, hs + m.start(1), hs + m.end(1) + 1)))
    if bad:
        ys = sorted({y for y, _ in bad})
        yield Finding(
            rule="years.year_mismatch", severity="major",
            message=f"“下一年度安排”部分写的是{'、'.join(_cn_year(y) for y in ys)}的安排，"
                    f"而报告年度为{R}年，应当报告{R + 1}年的主要安排。",
            evidence=[e for _, e in bad][:10],
            suggestion=f"将“下一年度安排”改写为{R + 1}年的工作安排，并核对报告年度。",
            data={"kind": "plan_year", "years": ys, "report_year": R})


@rule("years.stale_data", severity="minor",
      title="数据多为往年数据",
      why="年度报告应以报告年度的数据说明成效；大部分数据标注为往年，说明报告沿用了旧材料，"
          "不能反映本年度的工作。",
      basis=BASIS_REPORT,
      example="2021年度报告中，“2020年共受理……”“2020年办结……”等数据占了大多数。")
def stale_data(report: Report, config: Config) -> Iterable[Finding]:
    R = report.meta.report_year
    if R is None or not is_report(report):
        return
    share = float(config.get("thresholds.stale_share", 0.5))
    minimum = int(config.get("thresholds.stale_min_facts", 5))
    dated = [(f, y) for f, y in _dated_facts(report) if y <= R]   # later years are targets
    if len(dated) < minimum:
        return
    stale = [(f, y) for f, y in dated if y < R]
    if len(stale) / len(dated) < share:
        return
    years = Counter(y for _, y in stale)
    desc = "、".join(f"{y}年{n}项" for y, n in sorted(years.items(), reverse=True))
    yield Finding(
        rule="years.stale_data", severity="minor",
        message=f"报告年度为{R}年，但标注了年份的{len(dated)}项数据中有{len(stale)}项"
                f"（{len(stale) * 100 // len(dated)}%）属于往年（{desc}），未反映报告年度的情况。",
        evidence=[ev(report, f.start, f.end) for f, _ in stale[:10]],
        suggestion=f"改用{R}年的数据；确需引用往年数据作对比的，应同时给出{R}年数据。",
        data={"report_year": R, "stale": len(stale), "dated": len(dated),
              "facts": [f.id for f, _ in stale]})


# -- deadlines ------------------------------------------------------------------------
def _deadlines(report: Report, config: Config) -> tuple[str | None, str | None, str]:
    """(report-by MM-DD, publish-by MM-DD, description of the basis) for this reporter."""
    R = report.meta.report_year
    d = config.get("deadlines", {}) or {}
    since = int(d.get("from_report_year", 2019))
    if R is not None and R < since:
        old = d.get("before", {}) or {}
        rep, pub = old.get("report_by", "03-31"), old.get("publish_by")
        basis = old.get("basis", "《法治政府建设实施纲要（2015-2020年）》：每年第一季度报告")
    else:
        rep, pub = d.get("report_by", "03-01"), d.get("publish_by", "04-01")
        basis = d.get("basis", "《法治政府建设与责任落实督察工作规定》")
        if report.meta.level == "province":
            rep = d.get("province_report_by", "04-01")
    over = (d.get("provinces", {}) or {}).get(report.meta.province or "", {}) or {}
    if over:
        level_over = (over.get("levels", {}) or {}).get(report.meta.level or "", {}) or {}
        rep = level_over.get("report_by", over.get("report_by", rep))
        pub = level_over.get("publish_by", over.get("publish_by", pub))
        basis = over.get("basis", basis)
    return rep, pub, basis


def _date_cn(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def _date_evidence(report: Report, field: str, iso: str) -> list[Evidence]:
    span = report.meta.evidence.get(field)
    if span:
        return [ev(report, *span)]
    y, m, d = iso.split("-")
    pats = [iso, f"{y}-{int(m)}-{int(d)}", f"{y}年{int(m)}月{int(d)}日", f"{y}/{m}/{d}", f"{y}.{m}.{d}"]
    for r in report.removed:
        if any(p in r.text for p in pats):
            return [Evidence(r.at, r.at, r.text, removed=True)]
    return []


def _is_template(report: Report) -> bool:
    return report.hints.template_site or report.meta.kind == "template" or \
        any(r.kind == "template_site" for r in report.removed)


@rule("years.deadline", severity="minor",
      title="逾期报送或公开",
      why="年度报告有法定的报送和公开时限；落款日期或发布日期晚于时限，属于未按时报告、公开。",
      basis="《法治政府建设与责任落实督察工作规定》：县级以上政府部门和地方政府每年3月1日前报送、"
            "4月1日前向社会公开，省级每年4月1日前报送；2019年以前为每年第一季度",
      example="2022年度县政府报告落款“2023年3月20日”（应在2023年3月1日前报送）。")
def deadline(report: Report, config: Config) -> Iterable[Finding]:
    R = report.meta.report_year
    for field, date, limit, what, act, basis in timeliness(report, config).late:
        yield Finding(
            rule="years.deadline", severity="minor",
            message=f"报告{what}为{_date_cn(date)}，晚于{R}年度报告的{act}时限"
                    f"（{_date_cn(limit)}前；依据：{basis}）。",
            evidence=_date_evidence(report, field, date),
            suggestion=f"按时限{act}年度报告；如落款日期有误，应更正为实际日期。",
            data={"field": field, "date": date, "deadline": limit})


ON_TIME, LATE, UNKNOWN = "on_time", "late", "unknown"


@dataclass
class Timeliness:
    """Whether a report was submitted and published on time: one computation for the rule,
    the stored column, the CLI, the Excel and the web.

    state: "late" when a known date is after its deadline; "on_time" when at least one date
    could be checked and none is late; "unknown" when nothing could be checked (no report year,
    no 落款 date, only a 范文 site's posting date, which is not a government's publication)."""
    state: str
    late: list[tuple[str, str, str, str, str, str]]   # (field, date, deadline, what, act, basis)
    checked: list[str]                                 # fields whose date was compared


def timeliness(report: Report, config: Config) -> Timeliness:
    R = report.meta.report_year
    if R is None or not is_report(report):
        return Timeliness(UNKNOWN, [], [])
    rep, pub, basis = _deadlines(report, config)
    checks = [("report_date", report.meta.report_date, rep, "落款（成文）日期", "报送")]
    if not _is_template(report):   # a 范文 site's posting date is not the publication
        checks.append(("publish_date", report.meta.publish_date, pub, "发布日期", "公开"))
    late, checked = [], []
    title_year = report.hints.title_year
    for field, date, by, what, act in checks:
        if not date or not by:
            continue    # undated: the deadline cannot be checked; structure.formal_elements
                        # reports the missing 成文日期 and the opinion says the 时限 were not checked
        limit = f"{R + 1}-{by}"
        if date > limit and isinstance(title_year, int) and title_year != R \
                and date <= f"{title_year + 1}-{by}":
            continue    # late only for the body's year, on time for the title's: the conflict
                        # itself is the finding (years.year_mismatch), not a deadline; undecided
        checked.append(field)
        if date > limit:
            late.append((field, date, limit, what, act, basis))
    return Timeliness(LATE if late else ON_TIME if checked else UNKNOWN, late, checked)


@rule("years.early_report", severity="info",
      title="报告早于年度结束",
      why="报告落款或发布在所报告的年度结束之前，全年数据尚不完整，报告可能是年中材料或年度写错。",
      basis=BASIS_REPORT,
      example="2019年度报告落款“2019年12月27日”。")
def early_report(report: Report, config: Config) -> Iterable[Finding]:
    R = report.meta.report_year
    if R is None or not is_report(report):
        return
    for field, what in (("report_date", "落款（成文）日期"), ("publish_date", "发布日期")):
        date = getattr(report.meta, field)
        if field == "publish_date" and _is_template(report):
            continue
        if date and date <= f"{R}-12-31":
            yield Finding(
                rule="years.early_report", severity="info",
                message=f"报告{what}为{_date_cn(date)}，早于所报告的{R}年度结束，全年情况和数据可能不完整。",
                evidence=_date_evidence(report, field, date),
                suggestion="核对报告年度和落款日期；年度报告应在年度结束后，以全年数据为准编写。",
                data={"field": field, "date": date})


# -- the 纲要 in force ------------------------------------------------------------------
OUTLINE_RX = re.compile(rf"法治政府建设实施纲要\s*[》]?\s*[(（]\s*({ARABIC_YEAR})\s*年?\s*[-—–~～至到]{{1,2}}"
                        rf"\s*({ARABIC_YEAR})\s*年?\s*[)）]")


def _old_outline_cues(report: Report) -> float:
    """How many cues (headings like 2015 chapters, 2015 goal words) point at the 2015-2020 outline,
    in units of one heading cue."""
    from ..classify.framework import W_HEADING, detect
    return detect(report)[2].get("2015-2020", 0.0) / W_HEADING


@rule("years.outdated_framework", severity="minor",
      title="依据的纲要与报告年度不符",
      why="2015—2020年纲要适用至2020年，2021—2025年纲要于2021年8月印发；报告年度与所引用或遵循的纲要不符，"
          "说明报告套用了旧结构或年度有误。",
      basis="《法治政府建设实施纲要（2015-2020年）》（中发〔2015〕36号）；《法治政府建设实施纲要（2021-2025年）》（中发〔2021〕33号）",
      example="2023年度报告写“认真贯彻《法治政府建设实施纲要（2015-2020年）》”。",
      severities=("minor", "major"))
def outdated_framework(report: Report, config: Config) -> Iterable[Finding]:
    R = report.meta.report_year
    if R is None or not is_report(report):
        return
    old_from = int(config.get("thresholds.outdated_framework_from", 2022))
    old, new = [], []
    for m in OUTLINE_RX.finditer(report.norm):
        start, end = int(m.group(1)), int(m.group(2))
        if end <= 2020:
            old.append(m)
        elif start >= 2021:
            new.append(m)
    if old and R >= old_from:
        yield Finding(
            rule="years.outdated_framework", severity="minor",
            message=f"报告年度为{R}年，却引用已经到期的《法治政府建设实施纲要（2015-2020年）》，"
                    f"当年适用的是《法治政府建设实施纲要（2021-2025年）》。",
            evidence=[ev(report, m.start(), m.end()) for m in old[:5]],
            suggestion="对照《法治政府建设实施纲要（2021-2025年）》组织报告内容并更正引用。",
            data={"cited": "2015-2020", "report_year": R})
    elif not old and not new and R >= old_from and report.meta.framework == "2015-2020" \
            and _old_outline_cues(report) >= 3:
        # a report that names the current 纲要 is not judged by the look of its headings: the
        # 2015 chapter titles live on as the 一级 indicators of the 示范指标体系; and one or two
        # headings that resemble 2015 chapters (全面履行政府职能, 依法化解社会矛盾纠纷) are common
        # wording, not a structure
        e = report.meta.evidence.get("framework")
        evs = [ev(report, *e)] if e else [heading_ev(report, s) for s in report.sections if s.areas][:8]
        if evs:
            yield Finding(
                rule="years.outdated_framework", severity="minor",
                message=f"报告年度为{R}年，但报告按已经到期的《法治政府建设实施纲要（2015-2020年）》的结构编写。",
                evidence=evs,
                suggestion="按《法治政府建设实施纲要（2021-2025年）》的十个方面组织“主要举措和成效”。",
                data={"follows": "2015-2020", "report_year": R})
    if new and R <= 2020:
        yield Finding(
            rule="years.outdated_framework", severity="major",
            message=f"报告年度为{R}年，却引用2021年8月才印发的《法治政府建设实施纲要（2021-2025年）》，"
                    f"年度与内容矛盾。",
            evidence=[ev(report, m.start(), m.end()) for m in new[:5]],
            suggestion="核对报告年度；如为后来改写的文本，应注明并按当年情况报告。",
            data={"cited": "2021-2025", "report_year": R})
