"""考评: score each annual report against a rubric (catalog/scoring.yaml) and rank the reports of a
place and year.

    rubric = load_rubric()                      # or load_rubric("my.yaml"): overrides key by key
    s = score_report(store, 12, rubric)         # Score(total, max, criteria=[CriterionScore(items)])
    rows = rank(store, place="芜湖市", year=2024)   # [RankRow(score, rank, percentile)]

Every item of a score points at its evidence: a finding id (F<n>, R<n> as the store shows them),
a statutory part, or a quote with its offsets in the report text. The findings are those after
review, as the store's `reviewed_*` columns and the web count them (`review.review_items` over
`store.review_inputs`): a dismissed finding deducts nothing, a finding a reviewer added counts
like the engine's own.
"""
from __future__ import annotations

import copy
import functools
import math
import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..config import merge
from .. import catalog
from ..errors import FazhiError
from ..zh.years import ARABIC_YEAR
from ..labels import KIND_NAMES, LEVEL_NAMES, PART_NAMES, SEVERITY_NAMES, TIMELINESS_NAMES, indicator_names, rule_title

RUBRIC_FILE = "catalog/scoring.yaml"
REPORT_KINDS = ("report", "template")     # stored as reports (the roster links them)
RANKED_KINDS = ("report",)                 # a unit's own published report: only these are ranked
UNCHECKED = "未核对"

# -- the rubric ---------------------------------------------------------------------------------
NUM, OPT_NUM, BOOL, STR, PARTS, RULES, RULE_NUMS = ("num", "opt_num", "bool", "str", "parts", "rules",
                                                     "rule_nums")
SCHEMA: dict[str, Any] = {
    "schema": STR,
    "criteria": {
        "parts": {"name": STR, "enabled": BOOL, "parts": PARTS,
                  "points": {"separate": NUM, "nested": NUM, "missing": NUM}},
        "timeliness": {"name": STR, "enabled": BOOL, "points": {"on_time": NUM, "unknown": NUM, "late": NUM}},
        "findings": {"name": STR, "enabled": BOOL, "max": NUM, "floor": NUM,
                     "deduct": {"major": NUM, "minor": NUM, "info": NUM}, "per_rule_cap": OPT_NUM,
                     "rules": RULE_NUMS, "exclude": RULES},
        "indicators": {"name": STR, "enabled": BOOL, "per_indicator": NUM, "max": NUM},
        "specificity": {"name": STR, "enabled": BOOL, "shortcomings_specific": NUM, "plan_targets": NUM,
                        "concrete": {"per_item": NUM, "max": NUM}},
    },
}
CRITERIA = tuple(SCHEMA["criteria"])


def _bad(where: str, key: str, zh: str, en: str) -> FazhiError:
    return FazhiError("bad_rubric", where, f"{zh}：{key} / {en}: {key}")


def _rule_ids() -> set[str]:
    from ..checks.registry import all_rules
    return {r.id for r in all_rules()}


def _validate(data: Any, schema: Any, where: str, path: str = "") -> None:
    """One clear error for the first key or value that does not fit the schema."""
    key = path or "（顶层）"
    if isinstance(schema, dict):
        if not isinstance(data, dict):
            raise _bad(where, key, "应为键值表", "must be a mapping")
        for k, v in data.items():
            sub = f"{path}.{k}" if path else str(k)
            if k not in schema:
                known = "、".join(schema)
                raise FazhiError("bad_rubric", where,
                                 f"未知的键：{sub}（可用：{known}）/ unknown key: {sub} (known: {', '.join(schema)})")
            _validate(v, schema[k], where, sub)
        return
    if schema in (NUM, OPT_NUM):
        if data is None and schema == OPT_NUM:
            return
        if isinstance(data, bool) or not isinstance(data, (int, float)) or data < 0:
            raise _bad(where, key, "应为不小于0的数", "must be a number >= 0")
    elif schema == BOOL:
        if not isinstance(data, bool):
            raise _bad(where, key, "应为 true 或 false", "must be true or false")
    elif schema == STR:
        if not isinstance(data, str) or not data.strip():
            raise _bad(where, key, "应为文字", "must be a string")
    elif schema == PARTS:
        if data is None:
            return
        if not isinstance(data, list) or any(p not in PART_NAMES for p in data):
            raise _bad(where, key, f"应为法定部分的列表（{'、'.join(PART_NAMES)}）",
                       f"must be a list of parts ({', '.join(PART_NAMES)})")
    elif schema == RULES:
        if data is None:
            return
        if not isinstance(data, list):
            raise _bad(where, key, "应为规则编号的列表", "must be a list of rule ids")
        for r in data:
            if r not in _rule_ids():
                raise _bad(where, f"{key}: {r}", "没有这条规则", "no such rule")
    elif schema == RULE_NUMS:
        if data is None:
            return
        if not isinstance(data, dict):
            raise _bad(where, key, "应为“规则编号: 扣分”的键值表", "must map rule ids to points")
        for r, v in data.items():
            if r not in _rule_ids():
                raise _bad(where, f"{key}.{r}", "没有这条规则", "no such rule")
            _validate(v, NUM, where, f"{key}.{r}")




def _read_yaml(text: str, where: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"第{mark.line + 1}行" if mark else ""
        raise FazhiError("bad_rubric", where, f"YAML 无法解析{at} / not valid YAML") from None
    if data is None:
        return {}
    _validate(data, SCHEMA, where)
    return data


@functools.lru_cache(maxsize=1)
def _default_data() -> dict:
    text = resources.files("fazhi.catalog").joinpath("scoring.yaml").read_text("utf-8")
    return _read_yaml(text, RUBRIC_FILE)


@dataclass
class Rubric:
    data: dict[str, Any]
    source: str = RUBRIC_FILE

    def criterion(self, cid: str) -> dict[str, Any] | None:
        c = (self.data.get("criteria") or {}).get(cid)
        return c if c and c.get("enabled", True) else None


def load_rubric(path: str | Path | None = None) -> Rubric:
    """The default rubric, or a user's file over it (key by key). A key or value that does not
    fit is a FazhiError("bad_rubric") naming the file and the key."""
    base = copy.deepcopy(_default_data())
    if not path:
        return Rubric(base)
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise FazhiError("not_found", str(p)) from None
    over = _read_yaml(text, str(p))
    return Rubric(merge(base, over), str(p))


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


# -- ranking -----------------------------------------------------------------------------------
@dataclass
class RankRow:
    report_id: int
    unit: str
    region: str
    level: str | None
    year: int
    score: Score
    rank: int = 0
    percentile: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "unit": self.unit, "region": self.region,
                "level": self.level, "level_name": LEVEL_NAMES.get(self.level or "", self.level),
                "year": self.year, "rank": self.rank, "percentile": self.percentile,
                "total": self.score.total, "max": self.score.max, "full": self.score.full,
                "rate": self.score.rate, "complete": self.score.complete,
                "unchecked": self.score.unchecked_text(), "basis": self.score.basis,
                "score": self.score.to_json()}


@dataclass
class ApartRow:
    """A text of the scope that is not a unit's own published report (a 范文-site copy, news, a
    plan…): listed apart with the reason, never scored among the reports."""
    report_id: int
    unit: str
    region: str
    level: str | None
    year: int
    kind: str
    reason: str

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)

    def to_json(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "unit": self.unit, "region": self.region, "level": self.level,
                "year": self.year, "kind": self.kind, "kind_name": self.kind_name, "reason": self.reason}


@dataclass
class Ranking:
    rows: list[RankRow]
    apart: list[ApartRow] = field(default_factory=list)


def apart_reason(kind: str) -> str:
    name = KIND_NAMES.get(kind, kind)
    return f"文本被识别为{name}，不是本单位发布的年度报告，不参加考评排名。"


def unit_label(rep: dict[str, Any]) -> str:
    """单位 of a report: its department (with its place), else its government."""
    jur, dept = rep.get("jurisdiction") or "", rep.get("department") or ""
    if dept:
        return dept if dept.startswith(jur) else f"{jur}{dept}"
    if not jur:
        return f"单位不详（{_short(rep.get('title') or '', 30) or '无标题'}）"
    return f"{jur}办事处" if jur.endswith("街道") else f"{jur}人民政府"


def _below(rep: dict[str, Any], root, year: int) -> bool:
    """The report's place is the root or lies under it in the gazetteer of the year."""
    from ..parse.places import gazetteer
    g = gazetteer()
    for name, outer in ((rep.get("jurisdiction"), rep.get("parent")), (rep.get("parent"), None)):
        if not name:
            continue
        if name == root.name:
            return True
        cands = [p for p in g.lookup(name, year)
                 if (not rep.get("province") or p.province == rep["province"])
                 and (not outer or outer in (p.city, p.province))]
        under = {root.adcode in (p.adcode, p.city_adcode, p.province_adcode) for p in cands}
        if under == {True}:        # every reading of an ambiguous name (鼓楼区) must agree
            return True
    return False


def _scope(store, place: str | None, year: int) -> list[tuple[dict[str, Any], str | None, str | None]]:
    """(report row, unit name, region) of the reports of the scope, one per unit."""
    reps = [r for r in store.list_reports(year=year) if r["kind"] in REPORT_KINDS]
    if place is None:
        return _one_per_unit([(r, None, None) for r in reps])
    from .roster import resolve_place, roster
    try:
        root = resolve_place(place, year)
    except FazhiError as err:
        if err.code != "unknown_place":
            raise
        root = None
    out, seen = [], set()
    if root is not None:
        for u in roster(store, place, year).units:
            if u.report_id is not None and u.report_id not in seen:
                rep = next((r for r in reps if r["id"] == u.report_id), None)
                if rep is not None:
                    seen.add(rep["id"])
                    out.append((rep, u.name, u.region or "（本级）"))
    rest = [r for r in reps if r["id"] not in seen and
            (place in (r["province"], r["parent"], r["jurisdiction"]) or (root is not None and _below(r, root, year)))]
    if root is None and not rest:
        raise FazhiError("unknown_place", place, "地名词典和库中都没有这个地区 / no such place")
    matched_units = {(r["province"], r["jurisdiction"], r["department"]) for r, _, _ in out}
    rest = [r for r in rest if (r["province"], r["jurisdiction"], r["department"]) not in matched_units]
    return out + _one_per_unit([(r, None, None) for r in rest])


def _one_per_unit(rows: list[tuple[Any, Any, Any]]) -> list[tuple[Any, Any, Any]]:
    """One report per unit and year: a report before a 范文 copy, then the latest stored."""
    best: dict[tuple, tuple] = {}
    for r, name, region in rows:
        k: tuple = (r["province"], r["jurisdiction"], r["department"], r["report_year"])
        if k[1] is None:
            k = ("id", r["id"])
        cur = best.get(k)
        if cur is None or (r["kind"] != "report", -r["id"]) < (cur[0]["kind"] != "report", -cur[0]["id"]):
            best[k] = (r, name, region)
    return list(best.values())


def percentile(below: int, equal: int, n: int) -> float:
    """The share of the other reports of the scope scoring below (ties count half), in %."""
    if n <= 1:
        return 100.0
    return round(100.0 * (below + (equal - 1) / 2) / (n - 1), 1)


def rank(store, place: str | None = None, year: int | None = None,
         rubric: Rubric | None = None, scope=None) -> list[RankRow]:
    """The ranked rows of `ranking` (without the texts set apart)."""
    return ranking(store, place, year, rubric, scope).rows


def ranking(store, place: str | None = None, year: int | None = None,
            rubric: Rubric | None = None, scope=None) -> Ranking:
    """The reports of a place (its units by jurisdiction, parent or province, and the roster's
    units) and year, scored and ranked within each year: ties share a rank (1, 2, 2, 4). Only a
    unit's own report (kind report) is ranked; a 范文-site copy linked to a unit or found in the
    scope is set apart with its reason. Reports whose items could not all be checked (a text
    cut short) are scored over the items checked and ranked after the reports checked in full,
    by their 得分率 among themselves. With an account's scope (corpus/scope.py), only
    the reports inside it, ranked among themselves."""
    rubric = rubric or load_rubric()
    years = [year] if year else sorted({r["report_year"] for r in store.list_reports()
                                        if r["report_year"] and r["kind"] in REPORT_KINDS})
    out: list[RankRow] = []
    apart: list[ApartRow] = []
    for y in years:
        rows = []
        reps = _scope(store, place, y)
        if scope is not None and not scope.everything:
            inside = scope.report_ids_inside(store, [rep["id"] for rep, _, _ in reps])
            reps = [x for x in reps if x[0]["id"] in inside]
        for rep, name, region in reps:
            region = region or (rep["jurisdiction"] if place and rep["jurisdiction"] == place else None) \
                or rep["parent"] or rep["province"] or "（不详）"
            if rep["kind"] not in RANKED_KINDS:
                apart.append(ApartRow(rep["id"], name or unit_label(rep), region, rep["level"], y,
                                      rep["kind"], apart_reason(rep["kind"])))
                continue
            s = score_report(store, rep["id"], rubric, scope)
            rows.append(RankRow(rep["id"], name or unit_label(rep), region, rep["level"], y, s))
        keys = [_rank_key(r.score) for r in rows]
        for r in rows:
            k = _rank_key(r.score)
            higher = sum(1 for t in keys if t > k)
            equal = sum(1 for t in keys if t == k)
            r.rank = higher + 1
            r.percentile = percentile(len(keys) - higher - equal, equal, len(keys))
        rows.sort(key=lambda r: (r.rank, r.unit))
        out += rows
    return Ranking(out, apart)


def _rank_key(s: Score) -> tuple[bool, float]:
    """What ranks: the reports checked in full first, by their total; then those with items not
    checked (a text cut short), by their 得分率 over the items checked: a page opening whose
    weak parts could not be read never outranks a report read in full."""
    return (True, s.total) if s.complete else (False, s.rate)


def iter_rank_rows(rows: Iterable[RankRow], criteria: list[tuple[str, str]]) -> Iterable[list[Any]]:
    """The 考评 sheet: 排名, 单位, 地区, 层级, 得分, 百分位, each criterion's points (未核对 when
    none of it could be checked), 计分满分 (the maximum of the items checked), 得分率, 未核对项目,
    报告编号."""
    for r in rows:
        by: dict[str, Any] = {c.id: (UNCHECKED if c.none_checked else c.points) for c in r.score.criteria}
        yield ([r.rank, r.unit, r.region, LEVEL_NAMES.get(r.level or "", r.level), r.score.total, r.percentile]
               + [by.get(cid) for cid, _ in criteria]
               + [r.score.max, r.score.rate, r.score.unchecked_text() or None, r.report_id])


def iter_apart_rows(apart: Iterable[ApartRow], by_year: bool = False) -> Iterable[list[Any]]:
    """The 未排名 sheet: the texts of the scope that are not a unit's report, with the reason."""
    for a in apart:
        yield (([f"{a.year}年度"] if by_year else [])
               + [a.unit, a.region, LEVEL_NAMES.get(a.level or "", a.level), a.kind_name, a.reason, a.report_id])


def iter_unchecked_rows(rows: Iterable[RankRow], by_year: bool = False) -> Iterable[list[Any]]:
    """The 未核对 items of each report (not scored: neither points nor maximum)."""
    for r in rows:
        for c in r.score.criteria:
            for it in c.unchecked:
                yield (([f"{r.year}年度"] if by_year else [])
                       + [r.rank, r.unit, c.name, it.label, it.max, it.why, r.report_id])


def iter_deduction_rows(rows: Iterable[RankRow], by_year: bool = False) -> Iterable[list[Any]]:
    """The 扣分明细 sheet: one row per item that lost points."""
    for r in rows:
        for c, it in r.score.deductions():
            yield (([f"{r.year}年度"] if by_year else [])
                   + [r.rank, r.unit, c.name, it.label, it.deduct, it.why, it.quote, it.finding, r.report_id])


def rubric_criteria(rubric: Rubric) -> list[tuple[str, str]]:
    """(id, Chinese name) of the enabled criteria, in order."""
    return [(cid, c["name"]) for cid in CRITERIA if (c := rubric.criterion(cid))]
