"""考评: score each annual report against a rubric (catalog/scoring.yaml) and rank the reports of a
place and year.

    rubric = load_rubric()                      # rubric.py: or load_rubric("my.yaml"), key by key
    s = score_report(store, 12, rubric)         # Score(total, max, criteria=[CriterionScore(items)])
    rows = rank(store, place="芜湖市", year=2024)   # ranking.py: [RankRow(score, rank, percentile)]

Every item of a score points at its evidence: a finding id (F<n>, R<n> as the store shows them),
a statutory part, or a quote with its offsets in the report text. The findings are those after
review, as the store's `reviewed_*` columns and the web count them (`review.review_items` over
`store.review_inputs`): a dismissed finding deducts nothing, a finding a reviewer added counts
like the engine's own.
"""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import catalog
from ..errors import FazhiError
from ..labels import PART_NAMES, SEVERITY_NAMES, TIMELINESS_NAMES, indicator_names, rule_title
from ..zh.years import ARABIC_YEAR
from .rubric import CRITERIA, Rubric, load_rubric

REPORT_KINDS = ("report", "template")     # stored as reports (the roster links them)
RANKED_KINDS = ("report",)                 # a unit's own published report: only these are ranked
UNCHECKED = "未核对"

# -- scores -------------------------------------------------------------------------------------
@dataclass
class ScoreItem:
    label: str                     # what a reviewer reads: a part, an indicator, a rule's title
    points: float | None           # points given (None for a deduction item)
    max: float | None
    deduct: float                  # points lost by this item
    why: str
    finding: str | None = None     # F<n> / R<n>
    part: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    unchecked: bool = False        # could not be checked (text cut short…): 未核对, neither points nor max


@dataclass
class CriterionScore:
    id: str
    name: str
    points: float                  # over the items checked
    max: float                     # the maximum of the items checked (the rubric's, when all were)
    items: list[ScoreItem] = field(default_factory=list)
    full: float | None = None      # the rubric's maximum of the criterion (None: = max)

    @property
    def unchecked(self) -> list[ScoreItem]:
        return [it for it in self.items if it.unchecked]

    @property
    def none_checked(self) -> bool:
        """Nothing of the criterion could be checked: shown as 未核对, not as 0."""
        return bool(self.unchecked) and self.max == 0

    def cell(self) -> str:
        """The criterion's points as a table shows them: 未核对, 6, or 6/10 when part was not checked."""
        if self.none_checked:
            return UNCHECKED
        return f"{self.points:g}/{self.max:g}" if self.unchecked else f"{self.points:g}"


@dataclass
class Score:
    report_id: int | None          # None: a document scored outside the store
    total: float                   # over the items checked
    max: float                     # the maximum of the items checked (the rubric's full when all were)
    criteria: list[CriterionScore]
    full: float | None = None      # the rubric's maximum (None: = max)
    basis: str = ""                # over what the score was computed, when items were not checked

    @property
    def rate(self) -> float:
        """得分率 in % of the points that could be checked (what ranks reports with unchecked items)."""
        return round(100.0 * self.total / self.max, 2) if self.max else 0.0

    @property
    def complete(self) -> bool:
        return not any(c.unchecked for c in self.criteria)

    def unchecked_text(self) -> str:
        """未核对的项目, for a table cell: “法定内容齐全：存在的不足和原因、…；重点指标”."""
        out = []
        for c in self.criteria:
            if c.unchecked:
                labels = "、".join(it.label for it in c.unchecked)
                out.append(c.name if c.none_checked and len(c.items) == 1 else f"{c.name}：{labels}")
        return "；".join(out)

    def score_text(self) -> str:
        """62.5, or 40.5/60 when the score was computed over the items checked only."""
        return f"{self.total:g}" if self.complete else f"{self.total:g}/{self.max:g}"

    def criterion(self, cid: str) -> CriterionScore | None:
        return next((c for c in self.criteria if c.id == cid), None)

    def deductions(self) -> list[tuple[CriterionScore, ScoreItem]]:
        return [(c, it) for c in self.criteria for it in c.items if it.deduct > 0]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _r(x: float) -> float:
    return round(float(x) + 0.0, 2)


def _given(x: float | None) -> float:
    """Points (or maximum) of an item that gives points: never None there (only deduction
    items have none)."""
    assert x is not None
    return x


def score_report(store, report_id: int, rubric: Rubric | None = None, scope=None) -> Score:
    """With an account's scope, what the findings quote of reports outside it is taken out first."""
    doc = store.report_json(report_id)
    if doc is not None and scope is not None and not scope.everything:
        doc["findings"] = scope.redact(store, doc.get("findings") or [])
    if doc is None:
        raise FazhiError("no_report", f"#{report_id}")
    return score_document(doc, rubric or load_rubric(), store.config, report_id)


def score_document(doc: dict[str, Any], rubric: Rubric, config, report_id: int | None = None) -> Score:
    """The score of a stored document (`Store.report_json`), its findings after review."""
    from ..corpus.reports import review_inputs
    from ..review import review_items
    report, decs, extra = review_inputs(doc)
    items = review_items(report, decs, extra)
    ctx = _Ctx(doc, report, items, config)
    out = []
    for cid in CRITERIA:
        c = rubric.criterion(cid)
        if c is not None:
            out.append(_SCORERS[cid](ctx, c))
    rid = report_id if report_id is not None else (doc.get("store") or {}).get("id")
    for cs in out:
        cs.full = _r(cs.max + sum(it.max or 0 for it in cs.unchecked)) if cs.unchecked else cs.max
    total, top = _r(sum(cs.points for cs in out)), _r(sum(cs.max for cs in out))
    full = _r(sum(cs.full or 0 for cs in out))
    basis = ""
    if top < full:
        basis = (f"按已核对的项目计分（{_n(top)}分中得{_n(total)}分，得分率{_n(round(100 * total / top, 1)) if top else 0}%）；"
                 f"未核对：{Score(rid, total, top, out).unchecked_text()}（{ctx.why_unchecked}）。")
    return Score(rid, total, top, out, full, basis)


class _Ctx:
    def __init__(self, doc, report, items, config):
        self.doc, self.report, self.items, self.config = doc, report, items, config
        self.live = [it for it in items if not it.dismissed]
        from ..checks.structure import cut_short
        from ..review import _parts_unchecked
        # why the statutory parts were not checked (None: they were), and whether the text stops
        # short (what follows the cut, a part, an indicator, a target, could not be read)
        self.parts_unchecked = _parts_unchecked(report)
        self.cut = cut_short(report) if report.text else False
        self.why_unchecked = self.parts_unchecked or ("文本在句中或标题处截断，截断处之后的内容未能核对"
                                                      if self.cut else "")

    def of_rule(self, rule: str, part: str | None = None, live: bool | None = True):
        out = []
        for it in self.items:
            if it.finding.rule != rule or (live is not None and it.dismissed == live):
                continue
            if part is not None and (it.finding.data or {}).get("part") != part:
                continue
            out.append(it)
        return out


def _ev_of(it) -> tuple[str | None, int | None, int | None]:
    for e in it.finding.evidence or []:
        if e.quote and not e.removed:
            return e.quote, e.start, e.end
    ev = it.finding.evidence or []
    return (ev[0].quote or None, None, None) if ev else (None, None, None)


def _short(s: str, n: int = 60) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[:n] + "……"


_CODE = re.compile(r"（[a-z_.]+）")


def _plain(message: str) -> str:
    """A finding's message without an internal code in brackets (“…”（plan）)."""
    return _CODE.sub("", message or "")


# parts ------------------------------------------------------------------------------------------
def _score_parts(ctx: _Ctx, c: dict) -> CriterionScore:
    from ..checks.common import heading_ev
    from ..checks.structure import _presence, _required
    from ..corpus.parts import fallback_part_spans
    report = ctx.report
    pts = c["points"]
    wanted = c.get("parts") or [p["id"] for p in _required(ctx.config)]
    if any(s.part for s in report.all_sections()):
        top, nested = _presence(report)
        fallback = {}
    else:       # no part found by the engine: the heading fallback of the store
        spans = fallback_part_spans(report.text)
        top, nested = {p.part for p in spans}, {}
        fallback = {p.part: p for p in spans}
    items = []
    q: str | None
    a: int | None
    b: int | None
    for pid in wanted:
        name = PART_NAMES.get(pid, pid)
        full = pts["separate"]
        if pid in top:
            sec = next((s for s in report.sections if pid in s.covers()), None)
            if sec is None and pid == "measures":
                sec = next((s for s in report.sections if s.areas), None)
            if sec is not None:
                e = heading_ev(report, sec)
                q, a, b = e.quote, e.start, e.end
            elif pid in fallback:
                sp = fallback[pid]
                q, a, b = report.text[sp.start:sp.body_start], sp.start, sp.body_start
            else:
                q = a = b = None
            items.append(ScoreItem(name, full, full, 0, f"单列为一部分，得{_n(full)}分。", part=pid,
                                   quote=q, start=a, end=b))
            continue
        if pid in nested:
            e = heading_ev(report, nested[pid][0])
            gone = ctx.of_rule("structure.part_nested", pid, live=False)
            live = ctx.of_rule("structure.part_nested", pid)
            if gone and not live:
                items.append(ScoreItem(name, full, full, 0, "审核人已排除“法定内容未单列”的问题，按单列计分。",
                                       finding=gone[0].id, part=pid, quote=e.quote, start=e.start, end=e.end))
            else:
                got = pts["nested"]
                items.append(ScoreItem(name, got, full, _r(full - got),
                                       f"未单列，只作为小标题出现，得{_n(got)}分（单列为{_n(full)}分）。",
                                       finding=live[0].id if live else None, part=pid,
                                       quote=e.quote, start=e.start, end=e.end))
            continue
        gone = ctx.of_rule("structure.missing_part", pid, live=False)
        live = ctx.of_rule("structure.missing_part", pid)
        if gone and not live:
            items.append(ScoreItem(name, full, full, 0, "审核人已排除“缺少法定内容”的问题，按单列计分。",
                                   finding=gone[0].id, part=pid))
            continue
        if ctx.parts_unchecked and not live:     # not judged missing: not known to be missing
            items.append(ScoreItem(name, None, full, 0, f"{UNCHECKED}：{ctx.parts_unchecked}，不计分。",
                                   part=pid, unchecked=True))
            continue
        got = pts["missing"]      # nothing to quote: the finding lists the headings read
        items.append(ScoreItem(name, got, full, _r(full - got),
                               f"报告的一级标题和小标题中都没有这一法定内容，得{_n(got)}分。",
                               finding=live[0].id if live else None, part=pid))
    done = [i for i in items if not i.unchecked]
    return CriterionScore("parts", c["name"], _r(sum(_given(i.points) for i in done)),
                          _r(sum(_given(i.max) for i in done)), items)


def _n(x: float) -> str:
    return f"{x:g}"


# timeliness --------------------------------------------------------------------------------------
def _cn_date(iso: str) -> str:
    try:
        y, m, d = iso.split("-")
        return f"{int(y)}年{int(m)}月{int(d)}日"
    except ValueError:
        return iso


def _score_timeliness(ctx: _Ctx, c: dict) -> CriterionScore:
    from ..checks.years import timeliness
    pts = c["points"]
    full = max(pts.values())
    t = timeliness(ctx.report, ctx.config)
    state = (ctx.doc.get("review") or {}).get("timeliness") or t.state
    live, gone = ctx.of_rule("years.deadline"), ctx.of_rule("years.deadline", live=False)
    ev = ctx.report.meta.evidence
    item = None
    if state == "late" and gone and not live:
        item = ScoreItem(TIMELINESS_NAMES["on_time"], pts["on_time"], full, _r(full - pts["on_time"]),
                         "审核人已排除“逾期报送或公开”的问题，按按时计分。", finding=gone[0].id)
    elif state == "late":
        why, q, a, b = "报送或公开晚于规定时限。", None, None, None
        if t.late:
            fld, date, limit, what, act, _ = t.late[0]
            why = f"{what}为{_cn_date(date)}，晚于{act}时限{_cn_date(limit)}。"
            if fld in ev:
                a, b = ev[fld]
                q = ctx.report.text[a:b]
        if live and q is None:
            q, a, b = _ev_of(live[0])
        item = ScoreItem(TIMELINESS_NAMES["late"], pts["late"], full, _r(full - pts["late"]), why,
                         finding=live[0].id if live else None, quote=q, start=a, end=b)
    elif state == "on_time":
        q = a = b = None
        for fld in t.checked or ("report_date", "publish_date"):
            if fld in ev:
                a, b = ev[fld]
                q = ctx.report.text[a:b]
                break
        item = ScoreItem(TIMELINESS_NAMES["on_time"], pts["on_time"], full, _r(full - pts["on_time"]),
                         "落款或发布日期在规定时限内。", quote=q, start=a, end=b)
    elif ctx.cut:       # the signature and its date may follow the cut: not known to be missing
        item = ScoreItem(TIMELINESS_NAMES["unknown"], None, full, 0,
                         f"{UNCHECKED}：文本截断，落款（成文）日期可能在截断处之后，也没有发布日期，不计分。",
                         unchecked=True)
        return CriterionScore("timeliness", c["name"], 0, 0, [item])
    else:
        item = ScoreItem(TIMELINESS_NAMES["unknown"], pts["unknown"], full, _r(full - pts["unknown"]),
                         "没有可以核对的落款（成文）日期或发布日期，无法判断是否按时。")
    return CriterionScore("timeliness", c["name"], _r(_given(item.points)), _r(full), [item])


# findings ----------------------------------------------------------------------------------------
def _score_findings(ctx: _Ctx, c: dict) -> CriterionScore:
    top, floor = float(c["max"]), float(c.get("floor") or 0)
    exclude = set(c.get("exclude") or [])
    per_rule = c.get("rules") or {}
    cap = c.get("per_rule_cap")
    used: dict[str, float] = {}
    left = max(0.0, top - floor)
    items = []
    for it in ctx.items:
        f = it.finding
        if f.rule in exclude:
            continue
        title = rule_title(f.rule)
        q, a, b = _ev_of(it)
        sev = SEVERITY_NAMES.get(f.severity, f.severity)
        if it.dismissed:
            items.append(ScoreItem(title, None, None, 0, f"审核人已排除（{sev}问题），不扣分。",
                                   finding=it.id, quote=q, start=a, end=b))
            continue
        amount = float(per_rule.get(f.rule, c["deduct"].get(f.severity, 0)))
        if cap is not None:
            amount = min(amount, max(0.0, float(cap) - used.get(f.rule, 0.0)))
        amount = min(amount, left)
        used[f.rule] = used.get(f.rule, 0.0) + amount
        left -= amount
        why = f"{sev}问题：{' '.join(_plain(f.message).split())}"
        if amount == 0 and cap is not None and used[f.rule] >= float(cap):
            why += f"（同类问题已扣满{_n(float(cap))}分）"
        elif amount == 0 and left <= 0:
            why += "（本项已扣至最低分）"
        items.append(ScoreItem(title, None, None, _r(amount), why, finding=it.id, quote=q, start=a, end=b))
    got = top - sum(i.deduct for i in items)
    return CriterionScore("findings", c["name"], _r(max(floor, got)), _r(top), items)


# indicators --------------------------------------------------------------------------------------
def _key_indicators() -> list[str]:
    return [d["id"] for d in catalog.load("indicators").get("indicators") or [] if d.get("key")]


def _part_spans(report, part: str) -> list[tuple[int, int]]:
    from ..classify.parts import part_sections
    out = []
    for s, a, b in part_sections(report, part):
        hs = s.heading_end if s.heading_end > s.heading_start else s.start
        out.append((max(a, hs), b))
    return out


def _score_indicators(ctx: _Ctx, c: dict) -> CriterionScore:
    report = ctx.report
    per, top = float(c["per_indicator"]), float(c["max"])
    plan = [(a, b) for a, b in _part_spans(report, "plan")]
    names = indicator_names()
    first: dict[str, Any] = {}
    for f in sorted(report.facts, key=lambda f: f.start):
        if f.indicator and f.indicator not in first and not any(a <= f.start < b for a, b in plan):
            first[f.indicator] = f
    items, got = [], 0.0
    found = [k for k in _key_indicators() if k in first]
    for k in sorted(found, key=lambda k: first[k].start):
        f = first[k]
        add = min(per, top - got)
        if add <= 0:
            break       # full marks already: the others are not listed
        got += add
        items.append(ScoreItem(names.get(k, k), _r(add), _r(per), 0,
                               f"写明了{names.get(k, k)}，得{_n(add)}分。", quote=f.quote, start=f.start, end=f.end))
    if got < top and ctx.cut:       # the other indicators may follow the cut
        items.append(ScoreItem("其余重点指标", None, _r(top - got), 0,
                               f"{UNCHECKED}：文本截断，截断处之前写明重点指标{len(found)}项，"
                               f"其余{_n(top - got)}分不计。", unchecked=True))
        return CriterionScore("indicators", c["name"], _r(got), _r(got), items)
    if got < top:
        missing = [names.get(k, k) for k in _key_indicators() if k not in first]
        need = math.ceil(top / per) if per else 0
        items.append(ScoreItem("重点指标", None, None, _r(top - got),
                               f"写明重点指标{len(found)}项（每项{_n(per)}分，{need}项得满分）；"
                               f"未写明：{'、'.join(missing[:10]) or '无'}。"))
    return CriterionScore("indicators", c["name"], _r(got), _r(top), items)


# specificity -------------------------------------------------------------------------------------
# a year, a date or a span of years (2021—2025年) is not a figure of the report
YEAR = re.compile(rf"{ARABIC_YEAR}(?:\s*年度?(?:\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?)?|(?=\s*[—\-–~～至到、)）]))")
CLOSERS = "》”’）)」』"
QUOTED = re.compile(r"“[^”]{0,20}”|\"[^\"]{0,20}\"")


def _figure(s: str) -> bool:
    from ..checks.quality import CN_COUNT, DIGIT
    return bool(DIGIT.search(YEAR.sub("", s)) or CN_COUNT.search(QUOTED.sub("", s)))


def _concrete_shortcoming(s: str) -> bool:
    from ..checks.common import BOOK_RX
    from ..checks.quality import EXAMPLE
    return _figure(s) or bool(EXAMPLE.search(s) or BOOK_RX.search(s))


def _concrete_target(s: str) -> bool:
    from ..checks.quality import DEADLINE, NAMED_TASK, TARGET
    # (a document named only to be carried out, 贯彻落实《…》, is no target: NAMED_TASK reads the
    # documents to issue)
    if _figure(s) or NAMED_TASK.search(s):
        return True
    if any(not YEAR.fullmatch(m.group()) for m in DEADLINE.finditer(s)):
        return True
    return any(re.search(r"\d|全", m.group()) for m in TARGET.finditer(s))


def _sentences(report, part: str) -> list[tuple[int, int]]:
    from ..corpus.parts import sentence_items
    out = []
    for a, b in _part_spans(report, part):
        for s, e in sentence_items(report.text, a, b, 6):
            while e < b and report.text[e] in CLOSERS:      # keep a closing 》” of the quote
                e += 1
            out.append((s, e))
    return out


def _score_specificity(ctx: _Ctx, c: dict) -> CriterionScore:
    report = ctx.report
    items = []
    for part, rule, key, label in (("shortcomings", "quality.vague_shortcomings", "shortcomings_specific",
                                    "不足写得具体"),
                                   ("plan", "quality.plan_without_targets", "plan_targets", "安排有可检查的目标")):
        full = float(c[key])
        live, gone = ctx.of_rule(rule), ctx.of_rule(rule, live=False)
        name = PART_NAMES[part]
        if not _part_spans(report, part) and not gone and ctx.parts_unchecked:
            items.append(ScoreItem(label, None, full, 0, f"{UNCHECKED}：{ctx.parts_unchecked}，"
                                   f"未见“{name}”部分，不计分。", part=part, unchecked=True))
        elif not _part_spans(report, part) and not gone:
            items.append(ScoreItem(label, 0, full, _r(full), f"报告没有“{name}”部分，无从判断。", part=part))
        elif live:
            q, a, b = _ev_of(live[0])
            items.append(ScoreItem(label, 0, full, _r(full), f"{rule_title(rule)}：{' '.join(_plain(live[0].finding.message).split())}",
                                   finding=live[0].id, part=part, quote=q, start=a, end=b))
        elif gone:
            items.append(ScoreItem(label, full, full, 0, f"审核人已排除“{rule_title(rule)}”的问题，得{_n(full)}分。",
                                   finding=gone[0].id, part=part))
        else:
            items.append(ScoreItem(label, full, full, 0, f"“{name}”写得具体，得{_n(full)}分。", part=part))
    per, top = float(c["concrete"]["per_item"]), float(c["concrete"]["max"])
    got, n = 0.0, 0
    counted = []
    for part, test, what in (("shortcomings", _concrete_shortcoming, "不足中有数字或事例"),
                             ("plan", _concrete_target, "安排中有可检查的目标")):
        for a, b in _sentences(report, part):
            if test(report.norm[a:b]):
                n += 1
                add = min(per, top - got)
                if add <= 0:
                    continue
                got += add
                counted.append(ScoreItem(what, _r(add), _r(per), 0, f"{what}，得{_n(add)}分。", part=part,
                                         quote=report.text[a:b], start=a, end=b))
    items += counted
    if got < top and ctx.cut:
        items.append(ScoreItem("其余具体的数字、事例和目标", None, _r(top - got), 0,
                               f"{UNCHECKED}：文本截断，截断处之前有数字、事例或可检查目标的句子{n}句，"
                               f"其余{_n(top - got)}分不计。", unchecked=True))
    elif got < top:
        need = math.ceil(top / per) if per else 0
        items.append(ScoreItem("具体的数字、事例和目标", None, None, _r(top - got),
                               f"“不足”中有数字或事例、“安排”中有可检查目标的句子共{n}句（每句{_n(per)}分，"
                               f"{need}句得满分）。"))
    full = sum(float(c[k]) for k in ("shortcomings_specific", "plan_targets")) + top
    full -= sum(i.max or 0 for i in items if i.unchecked)
    pts = sum(i.points or 0 for i in items)
    return CriterionScore("specificity", c["name"], _r(pts), _r(full), items)


_SCORERS = {"parts": _score_parts, "timeliness": _score_timeliness, "findings": _score_findings,
            "indicators": _score_indicators, "specificity": _score_specificity}
