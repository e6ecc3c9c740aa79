"""Component "relations": sums, differences and rates the text states between facts.

A relation is only recorded where the wording makes it explicit:

- sum: a total followed by "其中" (in the same sentence, the next sentence, or an aside
  "（其中：…）") and at least two parts of the same unit that end a clause (咨询类13件，…).
  The total is the closest figure before 其中, skipping change figures of that sentence
  (比去年增加2000亿元); the parts are a chain that ends at a figure of another unit, a change
  or comparison-base figure (增加110万套, 由2187亿元) or a figure that is itself a total
  (总里程达…); "其中包括/主要…" lists examples, not a partition;
  a total followed directly by an aside listing parts ("2次（甲1次，乙1次）"); a total
  followed directly by category counts ("…类13件，…类549件"). The "其中" scope is the
  sentence when the parts listed there add up exactly (a partition may run across
  semicolons), otherwise the clause up to the first semicolon; parts inside a nested aside
  are never parts. Fewer than two parts -> no relation. A rate right after a part that is
  followed by a further part is that part's own qualifier (企业1310户，年报率95.2%，个体工商户
  3650户), not the end of the list; a total stated as such (共/合计/最大) takes parts across
  semicolons when its first clause lists fewer than two (and they come within 20% of it); when
  all parts do not add up but the first ones do exactly, those are the partition (a non-addend
  listed after it: 立案撤销8件).
- difference: 净增 = 新增 − 注销/减少 in the same sentence (total = the 净增 fact,
  parts = [新增, 注销]).
- rate: a stated rate (办结率91.8%) with the count whose wording shares its head word as
  numerator (办结531件) and the closest earlier base count of the same unit in the paragraph
  as denominator (转办…578件), never a parallel category listed with the numerator
  (优秀216卷、合格930卷、不合格54卷); 出庭 rates are taken over 开庭 cases when those are given,
  else over 应诉/被诉 cases; "A…X，占…Y的Z%" -> Z over X/Y. Rates of change (新增率, 增长率,
  压缩率 …) have no stated base and get no relation. "共Y…，其中X，占全部<noun>的Z%" -> Z over
  X/Y. A failing rate is first read again over the other bases the text gives (another count
  of the paragraph; the base less another count of its sentence, 审结 − 撤诉): when one makes
  it hold, the relation is recorded over that base (or, for a difference, not at all).

computed is the arithmetic result, stated the stated figure, tolerance the gap the printed
precision allows (91.8 -> 0.05; 100 -> 0.5; an approximate "约37%" at least 1 point; a
sum of 万/亿-scaled figures the rounding of each), holds whether they agree. Facts of
different units are never related (出庭 counts in 次 over 件 cases are the one accepted
pairing of event counts).
"""
from __future__ import annotations

import bisect
import operator
import re
from decimal import Decimal

from ..config import Config
from ..model import Fact, Relation, Report
from ..zh.sentences import SENT_END, SENT_STOPS
from ..pipeline import component
from ..zh.cjk import CJK
from .facts import reversed_text
from .quantities import QUANTITY_RE

_QIZHONG = re.compile(r"其中")
_CLAUSE_GAP = re.compile(r"^[\s,。;:(（]{0,3}$")
# the rest of the total's clause before 其中: what the figure counts ("7913户市场主体完成年报，其中")
_CLAUSE_TAIL = re.compile(r"^[^\d,。;:!?\n()“”]{1,16}[,。;:]\s{0,2}$")
_TERMINAL = frozenset(",。;:、)!?\n")
_CATEGORY = re.compile(r"类$")
_SEMI_OR_CLOSE = re.compile(r"[;)]")
_NEWLINE = re.compile(r"\n")
_CLOSE = re.compile(r"\)")

_RATE_SUBJECT = re.compile(r"(.{1,10}?)(?:率|比例|比率)$")
_NO_BASE_HEAD = re.compile(r"新增|净增|增长|增幅|下降|减少|注销|压缩|提速|覆盖|普及|跑动|公示|年报|占比|比重|参与|知晓|到位")
_HEAD_SYNONYMS = {
    "结案": ("结案", "审结", "办结"),
    "执结": ("执结", "结案"),
    "化解": ("化解", "调处成功", "成功调处"),
    "成功": ("成功",),
    "办结": ("办结",),
    "办复": ("办复", "答复"),
    "合格": ("合格",),
    "通过": ("通过",),
    "送达": ("送达",),
    "纠错": ("纠错",),
    "满意": ("满意",),
    "调解": ("调解",),
    "受理": ("受理",),
    "审查": ("审查", "审核"),
    "备案": ("备案", "报备"),
    "报备": ("报备", "备案"),
}
_APPEAR = re.compile(r"出庭")
_HEARD = re.compile(r"开庭")
_SUED = re.compile(r"应诉|被诉|诉讼|行政案件")
_EVENT_UNITS = frozenset({"件", "次", "起", "人次", "件次"})
_AT_LEAST = frozenset({"以上", "超过", "超", "逾", "不低于", "不少于", "多达"})
_AT_MOST = frozenset({"以下", "不足", "不到"})


# --------------------------------------------------------------------------- helpers
def _half_ulp(norm: str, f: Fact) -> float:
    """Half of the last printed digit of f, in f's value units (0 for exact integers)."""
    m = QUANTITY_RE.match(norm, f.start, f.end)
    if not m:
        return 0.0
    raw = m.group("num") or m.group("pct") or ""
    sep = "." if "." in raw else "点" if "点" in raw else None
    dec = len(raw.split(sep, 1)[1].rstrip("万亿")) if sep else 0
    scale_word = m.group("scale") or ("万" if raw[:1].isdigit() and raw.endswith("万") else "")
    scale = {"千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}.get(scale_word, 1.0)
    if dec == 0 and scale == 1.0:
        return 0.0 if f.unit != "%" else 0.5
    return 0.5 * (10 ** -dec) * scale


def _num(v: float | int | None) -> Decimal:
    assert v is not None        # _Ctx keeps only facts with a value
    return Decimal(str(v))


def _val(f: Fact | _Complement) -> float | int:
    """The value of a fact of the context (_Ctx keeps only facts with a value)."""
    assert f.value is not None
    return f.value


class _Ctx:
    def __init__(self, report: Report) -> None:
        self.norm = report.norm
        self.facts = [f for f in report.facts if f.value is not None and not f.ocr_low]
        self.sent_of: dict[str, int] = {}
        self.line_of: dict[str, int] = {}
        # positions of sentence ends and of ; ) (bisected: a search from every 其中 to the end of
        # a very long sentence was quadratic)
        self.sent_marks = [m.start() for m in SENT_END.finditer(self.norm)]
        starts = [0] + [p + 1 for p in self.sent_marks]          # (one-character marks)
        line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.norm)]
        bisect_right = bisect.bisect_right
        for f in self.facts:
            self.sent_of[f.id] = bisect_right(starts, f.start) - 1
            self.line_of[f.id] = bisect_right(line_starts, f.start) - 1
        self.facts_by_id = {f.id: f for f in self.facts}
        self.index = {f.id: k for k, f in enumerate(self.facts)}
        self.sum_parts: set[str] = set()
        self.closes = [m.start() for m in _CLOSE.finditer(self.norm)]
        self.semis = [m.start() for m in _SEMI_OR_CLOSE.finditer(self.norm)]
        self.newlines = line_starts[1:]
        self.relations: list[Relation] = []
        # facts in text order (starts and ends non-decreasing, as build_facts makes them): the
        # scans below can then bisect instead of walking every fact; otherwise they walk
        self.starts = [f.start for f in self.facts]
        self.ends = [f.end for f in self.facts]
        self.ordered = all(map(operator.le, self.starts, self.ends)) and \
            self.starts == sorted(self.starts) and self.ends == sorted(self.ends)

    def next_close(self, pos: int) -> int:
        """Position of the first ")" at or after pos, or -1 (norm.find without the scan)."""
        k = bisect.bisect_left(self.closes, pos)
        return self.closes[k] if k < len(self.closes) else -1

    @staticmethod
    def next_pos(marks: list[int], pos: int, default: int) -> int:
        """The first of the sorted positions at or after pos, or default (if it is not before it)."""
        k = bisect.bisect_left(marks, pos)
        return marks[k] if k < len(marks) and marks[k] < default else default

    def next_newline(self, pos: int) -> int:
        """Position of the first newline at or after pos, or len(norm)."""
        k = bisect.bisect_left(self.newlines, pos + 1)
        return self.newlines[k] - 1 if k < len(self.newlines) else len(self.norm)

    def subject(self, f: Fact) -> str:
        if f.subject_start is None or f.subject_end is None:
            return ""
        return self.norm[f.subject_start:f.subject_end]

    def terminal(self, f: Fact) -> bool:
        return f.end >= len(self.norm) or self.norm[f.end] in _TERMINAL

    def add(self, rel: Relation) -> None:
        rel.id = f"r{len(self.relations) + 1}"
        self.relations.append(rel)


def _depth_ok(norm: str, a: int, b: int) -> bool:
    """True when position b is not inside an aside opened after a."""
    seg = norm[a:b]
    return seg.count("(") <= seg.count(")")


# --------------------------------------------------------------------------- sums
def _sum_relation(ctx: _Ctx, total: Fact, parts: list[Fact]) -> Relation:
    norm = ctx.norm
    computed = sum((_num(p.value) for p in parts), Decimal(0))
    tol = _half_ulp(norm, total) + sum(_half_ulp(norm, p) for p in parts)
    if total.approx or any(p.approx for p in parts):
        tol = max(tol, 0.05 * float(_val(total)))
    computed_v = float(computed) if computed != computed.to_integral_value() else int(computed)
    holds = abs(float(computed) - float(_val(total))) <= tol + 1e-9
    if total.qualifier in _AT_LEAST:
        holds = float(computed) >= float(_val(total)) - tol - 1e-9
    return Relation(id="", type="sum", total=total.id, parts=[p.id for p in parts],
                    computed=computed_v, stated=total.value, holds=holds, tolerance=round(tol, 6))


def _countable(f: Fact) -> bool:
    # scores (最高分88.5分，平均得分79.2分) and ages are no amounts: they are not added up
    return f.kind in ("count", "money", "duration", "other") and f.unit not in ("分", "岁", "周岁")


# an average, a maximum or a minimum is not a total nor a part ("平均用时5天，其中最长8天")
_NON_ADDITIVE = re.compile(r"平均|人均|均值|最高|最低|最长|最短|最小|最快|最慢")


# A figure that states a change (比上年增加2000亿元, 多227个) or a base of comparison (由2187亿元,
# 比1980年的7159亿元) is neither a total nor a part of a partition.
_CHANGE_BEFORE = re.compile(
    r"(?<![新净])(?:增加|增长|减少|下降|提高|降低|上升|回落|压减)(?:了)?\s*$"
    r"|(?:比|较)[^,。;:!?\n]{0,16}(?:增|减|多|少|高|低|升|降)了?\s*$")
_BASE_BEFORE = re.compile(rf"(?:^|[^{CJK}])?(?:由|从)\s*$|比[^,。;:!?\n]{{0,16}}的\s*$")
# a figure that is itself a total (总里程, 累计…, 合计) is not a part of the figure before it
_TOTAL_SUBJECT = re.compile(r"总|累计|合计|共计|总计")
# "其中包括/其中主要有" introduces examples, not a partition
_SELECTIVE = re.compile(r"[,:\s]*(?:包括|主要|重点|比如|例如|如)")
# a figure stated as a total ("共…", "合计…", "每日最大…"): its 其中 list may run across semicolons
_TOTAL_MARK = re.compile(r"共|合计|总计|总数|最大|总量")
_WITHIN_CLAUSE = re.compile(rf"^[^{SENT_STOPS}]*$")


_LEAD_RUN = re.compile("[^,。;:!?、()\n]*")


def _lead(norm: str, f: Fact, n: int = 18) -> str:
    """The clause text right before f's number (back to the previous clause delimiter)."""
    size = len(norm)
    # back over the characters that are not delimiters: one match on the reversed text
    run = _LEAD_RUN.match(reversed_text(norm), size - f.start, size - max(0, f.start - n))
    assert run is not None          # a "[...]*" pattern matches every string
    return norm[f.start - (run.end() - (size - f.start)):f.start]


def _is_change_or_base(norm: str, f: Fact) -> bool:
    lead = _lead(norm, f)
    return bool(_CHANGE_BEFORE.search(lead) or _BASE_BEFORE.search(lead))


def _qizhong_total(ctx: _Ctx, pos: int) -> Fact | None:
    """The total a "其中" at pos refers to: the closest earlier figure right before it (same
    sentence, or the end of the previous one), skipping change and comparison-base figures of
    the same sentence ("赤字2.38万亿元，比去年增加2000亿元。其中…" -> 2.38万亿元)."""
    norm, facts = ctx.norm, ctx.facts
    k: int | None
    if ctx.ordered:
        last = bisect.bisect_right(ctx.ends, pos) - 1   # the last fact ending at or before pos
        k = None if last < 0 else last
    else:
        k = next((i for i in range(len(facts) - 1, -1, -1) if facts[i].end <= pos), None)
    # the gap is short (_CLAUSE_GAP: 3 characters, _CLAUSE_TAIL: 19): never slice further
    gap = norm[facts[k].end:pos] if k is not None and pos - facts[k].end <= 20 else None
    if k is None or gap is None or not (_CLAUSE_GAP.match(gap) or _CLAUSE_TAIL.match(gap)):
        return None
    nearest = facts[k]
    while k >= 0:
        f = facts[k]
        if ctx.sent_of[f.id] != ctx.sent_of[nearest.id]:
            return None
        if not _is_change_or_base(norm, f):
            return f if _countable(f) and not _NON_ADDITIVE.search(_lead(norm, f)) else None
        k -= 1
    return None


def _chain_parts(ctx: _Ctx, total: Fact, a: int, b: int) -> list[Fact]:
    """Parts listed in [a, b): consecutive figures of the total's unit, each ending its clause.
    The chain ends at a figure of another unit, a change or base figure, or a figure that is
    itself a total; figures inside a nested aside are read through, never parts."""
    norm = ctx.norm
    parts: list[Fact] = []
    facts = ctx.facts
    i0 = bisect.bisect_left(ctx.starts, a) if ctx.ordered else 0
    depth, at = 0, a                    # brackets opened minus closed in [a, at): _depth_ok, by steps
    for idx in range(i0, len(facts)):
        f = facts[idx]
        if ctx.ordered and f.start > b:
            break                       # every later fact ends after b as well
        if f.start < a or f.end > b:
            continue
        if f.start >= at:
            depth += norm.count("(", at, f.start) - norm.count(")", at, f.start)
            at = f.start
            inside = depth > 0
        else:
            inside = not _depth_ok(norm, a, f.start)
        if inside:
            continue
        if parts and _qualifies_part(ctx, parts[-1], f, facts, idx):
            continue                    # 企业1310户，年报率95.2%，个体工商户…: the part's own rate
        if f.unit != total.unit and not ctx.terminal(f) and not parts:
            continue                    # 其中开展4次（…）检查，检查企业40家: a modifier of the first part
        if f.unit != total.unit or not _countable(f) or _is_change_or_base(norm, f) or \
                _NON_ADDITIVE.search(_lead(norm, f)) or \
                _TOTAL_SUBJECT.search(ctx.subject(f)) or not (ctx.terminal(f) or _aside_ends(norm, f.end)):
            break
        parts.append(f)
    return parts


def _aside_ends(norm: str, pos: int) -> bool:
    """A short aside right after a part ends its clause: "企业120户（占18.5%），个体…"."""
    if not norm.startswith("(", pos):
        return False
    close = norm.find(")", pos, pos + 24)
    return close > 0 and "(" not in norm[pos + 1:close] and \
        (close + 1 >= len(norm) or norm[close + 1] in _TERMINAL)


def _qualifies_part(ctx: _Ctx, part: Fact, f: Fact, facts: list[Fact], idx: int) -> bool:
    """A rate in the clause right after a part, which itself ends its clause and is followed
    by a further figure of the part's unit: the part's own qualifier (企业1310户，年报率95.2%，
    个体工商户3650户), not the end of the list."""
    if f.unit != "%" or not ctx.terminal(f) or idx == 0 or facts[idx - 1].id != part.id:
        return False
    gap = ctx.norm[part.end:f.start]
    if not gap.startswith(",") or len(gap) > 12 or re.search(r"[。;!?\n]", gap):
        return False
    nxt = facts[idx + 1] if idx + 1 < len(facts) else None
    return nxt is not None and nxt.unit == part.unit and ctx.sent_of[nxt.id] == ctx.sent_of[f.id]


def _exact_run(parts: list[Fact], total: Fact) -> list[Fact] | None:
    """The first parts (at least two, not all) that add up to the total exactly, when all of
    them do not: "390件（其中简易程序110件，普通程序280件、立案撤销8件）" lists a non-addend
    after the partition; else all parts but one, when those do (the one left out is a subset
    or an aside). A reading that makes the text consistent is the one taken."""
    want = _num(total.value)
    whole = sum((_num(p.value) for p in parts), Decimal(0))
    if whole == want:
        return None
    acc = Decimal(0)
    for k, p in enumerate(parts[:-1]):
        acc += _num(p.value)
        if k >= 1 and acc == want:
            return parts[:k + 1]
    if len(parts) >= 3:         # one listed figure is a subset or an aside (其中…撤销8件，普通程序…)
        for k in range(len(parts) - 1, -1, -1):
            if whole - _num(parts[k].value) == want:
                return parts[:k] + parts[k + 1:]
    return None


def _find_sums(ctx: _Ctx) -> None:
    norm, facts = ctx.norm, ctx.facts
    used_totals: set[str] = set()
    # (a) 其中
    for m in _QIZHONG.finditer(norm):
        pos = m.start()
        if _SELECTIVE.match(norm, m.end()):
            continue
        total = _qizhong_total(ctx, pos)
        if total is None or total.id in used_totals:
            continue
        in_paren = "(" in norm[total.end:pos]
        if in_paren:
            close = ctx.next_close(m.end())
            if close < 0 or ctx.next_newline(m.end()) < close:
                continue
            ends = [close]
        else:
            sent_end = ctx.next_pos(ctx.sent_marks, m.end(), len(norm))
            semi = ctx.next_pos(ctx.semis, m.end(), sent_end)
            ends = [sent_end, semi] if semi < sent_end else [sent_end]
        # a later 其中 breaks down the figure before it: the parts of this total end there
        nxt = _QIZHONG.search(norm, m.end(), max(ends))
        if nxt:
            ends = list(dict.fromkeys(min(e, nxt.start()) for e in ends))
        chosen: list[Fact] | None = None
        whole: list[Fact] | None = None
        for k, end in enumerate(ends):
            parts = _chain_parts(ctx, total, m.end(), end)
            if len(parts) < 2:
                continue
            total_v = sum((_num(p.value) for p in parts), Decimal(0))
            if k == 0 and len(ends) > 1 and total_v != _num(total.value):
                whole = parts
                continue            # the whole sentence is not a partition: try the first clause
            chosen = parts
            break
        if chosen is None and whole and _TOTAL_MARK.search(_lead(norm, total)) and \
                abs(sum((_num(p.value) for p in whole), Decimal(0)) - _num(total.value)) <= _num(total.value) / 5:
            chosen = whole          # 共/合计/最大 total: parts listed across semicolons are parts
        if chosen:
            chosen = _exact_run(chosen, total) or chosen
            ctx.add(_sum_relation(ctx, total, chosen))
            ctx.sum_parts.update(p.id for p in chosen)
            used_totals.add(total.id)
    # (b) an aside right after the total: 2次（甲1次，乙1次）; (c) category counts after it
    # (an average, maximum or minimum is no total: tested only where a relation would be added,
    # the tests before it have no effect)
    for i, total in enumerate(facts):
        if total.id in used_totals or not _countable(total) or total.id in ctx.sum_parts:
            continue
        if norm.startswith("(", total.end):
            close = ctx.next_close(total.end)
            if close < 0 or ctx.next_newline(total.end) < close:
                continue
            # the facts after the total up to the bracket (in text order: stop at the first
            # one starting after it; it and every later one end after it)
            j = i + 1
            if ctx.ordered:
                while j < len(facts) and facts[j].start <= close:
                    j += 1
            else:
                j = len(facts)
            inside = [f for f in facts[i + 1:j] if f.end <= close]
            parts = [f for f in inside if f.unit == total.unit and _countable(f) and ctx.terminal(f)
                     and not _NON_ADDITIVE.search(_lead(norm, f))]
            if len(parts) >= 2 and len(parts) == len(inside) and \
                    not _NON_ADDITIVE.search(_lead(norm, total)):
                ctx.add(_sum_relation(ctx, total, parts))
                ctx.sum_parts.update(p.id for p in parts)
            continue
        if _CATEGORY.search(ctx.subject(total)):
            continue                            # a category count is a part, never the total
        parts = []
        prev_end = total.end
        for j in range(i + 1, len(facts)):     # (not facts[i + 1:]: a copy per total)
            f = facts[j]
            gap = norm[prev_end:f.start]
            if f.unit != total.unit or not _CATEGORY.search(ctx.subject(f)) or \
                    not (gap.startswith(",") or gap.startswith("。") or gap.startswith("、")) or \
                    len(gap) > 12 or not ctx.terminal(f):
                break
            if ctx.sent_of[f.id] - ctx.sent_of[total.id] > (1 if not parts else 0) + \
                    (ctx.sent_of[parts[-1].id] - ctx.sent_of[total.id] if parts else 0):
                break
            parts.append(f)
            prev_end = f.end
        if len(parts) >= 2 and not _NON_ADDITIVE.search(_lead(norm, total)):
            ctx.add(_sum_relation(ctx, total, parts))
            ctx.sum_parts.update(p.id for p in parts)


# --------------------------------------------------------------------------- differences
_NET = re.compile(r"净增|净增加|净增长")
_NEW = re.compile(r"新增|新登记|新设立|增加")
_GONE = re.compile(r"注销|减少|吊销|退出")


def _find_differences(ctx: _Ctx) -> None:
    norm = ctx.norm
    for j, net in enumerate(ctx.facts):
        if net.kind == "rate" or not _NET.search(ctx.subject(net)):
            continue
        new = gone = None
        for f in reversed(ctx.facts[:j]):
            if ctx.sent_of[f.id] != ctx.sent_of[net.id]:
                break
            if f.unit != net.unit or f.id in ctx.sum_parts:
                continue
            subj = ctx.subject(f)
            if gone is None and _GONE.search(subj):
                gone = f
            elif new is None and _NEW.search(subj) and not _NET.search(subj):
                new = f
        if new is None or gone is None or not new.start < gone.start:
            continue
        computed = _num(new.value) - _num(gone.value)
        tol = _half_ulp(norm, net) + _half_ulp(norm, new) + _half_ulp(norm, gone)
        if net.approx or new.approx or gone.approx:
            tol = max(tol, 0.05 * float(_val(net)))
        cv = int(computed) if computed == computed.to_integral_value() else float(computed)
        ctx.add(Relation(id="", type="difference", total=net.id, parts=[new.id, gone.id],
                         computed=cv, stated=net.value,
                         holds=abs(float(computed) - float(_val(net))) <= tol + 1e-9,
                         tolerance=round(tol, 6)))


# --------------------------------------------------------------------------- rates
def _rate_relation(ctx: _Ctx, rate: Fact, num: Fact | _Complement, den: Fact | _Complement) -> Relation | None:
    if float(_val(den)) == 0:
        return None
    computed = float(_num(num.value) / _num(den.value) * 100)
    tol = _half_ulp(ctx.norm, rate)
    if rate.qualifier and rate.qualifier not in _AT_LEAST and rate.qualifier not in _AT_MOST:
        tol = max(2 * tol, 1.0)                 # 约37% / 近90%
    if num.approx or den.approx:
        tol = max(tol, 1.0)
    stated = float(_val(rate))
    # 万/亿-scaled counts are rounded where printed (12.1万 is 12.05万–12.15万): the rate may be
    # anywhere between the smallest and the largest quotient they allow
    hn = _half_ulp(ctx.norm, num) if isinstance(num, Fact) else 0.0
    hd = _half_ulp(ctx.norm, den) if isinstance(den, Fact) else 0.0
    n, d = float(_val(num)), float(_val(den))
    lo, hi = computed, computed
    if (hn or hd) and d - hd > 0:
        lo, hi = min(computed, (n - hn) / (d + hd) * 100), max(computed, (n + hn) / (d - hd) * 100)
    if rate.qualifier in _AT_LEAST:
        holds = hi >= stated - tol - 1e-9
    elif rate.qualifier in _AT_MOST:
        holds = lo <= stated + tol + 1e-9
    else:
        holds = lo - tol - 1e-9 <= stated <= hi + tol + 1e-9
    return Relation(id="", type="rate", rate=rate.id, numerator=num.id, denominator=den.id,
                    computed=round(computed, 4), stated=rate.value, holds=holds,
                    tolerance=round(tol, 6))


def _heads(subject: str) -> list[str]:
    m = _RATE_SUBJECT.search(subject)
    if not m:
        return []
    head = m.group(1)
    head = re.split(r"[和及、与]", head)[-1] if re.search(r"[和及、与]", head) else head
    if not head or _NO_BASE_HEAD.search(head):
        return []
    keys: list[str] = []
    for key, syns in _HEAD_SYNONYMS.items():
        if head.endswith(key) or key in head:
            keys.extend(syns)
    if not keys and len(head) >= 2:
        keys.append(head[-2:])
    return list(dict.fromkeys(keys))


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _siblings(ctx: _Ctx, before: list[Fact], num: Fact) -> set[str]:
    """Counts listed with num as parallel categories ("优秀案卷216卷、合格案卷930卷、不合格案卷54卷"):
    joined by 、 and counting the same noun. A sibling is never num's denominator."""
    out: set[str] = set()
    cur = num
    for f in reversed(before):
        gap = ctx.norm[f.end:cur.start]
        if f.unit != num.unit or not gap.startswith("、") or len(gap) > 12 or \
                _common_tail(ctx.subject(f), ctx.subject(num)) < 2:
            break
        out.add(f.id)
        cur = f
    return out


def _find_rates(ctx: _Ctx) -> None:
    norm, facts = ctx.norm, ctx.facts
    index = {f.id: k for k, f in enumerate(facts)}
    num: Fact | None
    den: Fact | None
    for j, rate in enumerate(facts):
        if rate.unit != "%":
            continue
        subj = ctx.subject(rate)
        # "A…X，占…Y的Z%"
        if rate.start > 0 and norm[rate.start - 1] == "的" and j >= 2:
            den, num = facts[j - 1], facts[j - 2]
            if den.end == rate.start - 1 and num.unit == den.unit and _countable(num) and \
                    ctx.sent_of[num.id] == ctx.sent_of[rate.id] and "占" in norm[num.end:den.start]:
                rel = _rate_relation(ctx, rate, num, den)
                if rel:
                    ctx.add(rel)
                continue
        share = _named_share(ctx, rate, j)
        if share is not None:
            rel = _rate_relation(ctx, rate, *share)
            if rel:
                ctx.add(rel)
            continue
        if not subj:
            continue
        # facts are in text order, so the facts of this sentence before the rate are the
        # run that ends at j (a scan back to the sentence start, not over the whole list)
        same_sentence = []
        sent = ctx.sent_of[rate.id]
        for f in (facts[i] for i in range(j - 1, -1, -1)):
            if ctx.sent_of[f.id] != sent:
                break
            if f.unit != "%":
                same_sentence.append(f)
        if _APPEAR.search(subj):
            num = next((f for f in same_sentence if _APPEAR.search(ctx.subject(f))
                        and f.unit in _EVENT_UNITS), None)
            if num is None:
                continue
            earlier = [f for f in reversed(facts[:index[num.id]])
                       if ctx.line_of[f.id] == ctx.line_of[num.id] and f.unit in _EVENT_UNITS
                       and num.start - f.end < 200]
            den = next((f for f in earlier if _HEARD.search(ctx.subject(f))), None) or \
                next((f for f in earlier if _SUED.search(ctx.subject(f))
                      and not _APPEAR.search(ctx.subject(f))), None)
            if den is not None and float(_val(den)) >= float(_val(num)):
                rel = _second_reading(ctx, rate, num, _rate_relation(ctx, rate, num, den))
                if rel:
                    ctx.add(rel)
            continue
        keys = _heads(subj)
        if not keys:
            continue
        neg = any(_negated(subj, k) for k in keys)          # 不合格率: over 不合格 counts
        num = next((f for f in same_sentence if f.kind == "count"
                    and any(k in ctx.subject(f) and _negated(ctx.subject(f), k) == neg for k in keys)
                    and "率" not in ctx.subject(f)), None)
        if num is None:
            continue
        den = None
        siblings = _siblings(ctx, facts[:index[num.id]], num)
        numerators = {r.numerator for r in ctx.relations if r.type == "rate"}
        for f in reversed(facts[:index[num.id]]):
            if ctx.line_of[f.id] != ctx.line_of[num.id] or num.start - f.end > 300:
                break
            if f.unit != num.unit or f.kind != "count" or f.id in ctx.sum_parts or f.id in siblings:
                continue
            if f.id in numerators and "其中" not in norm[f.end:num.start]:
                continue        # the numerator of another stated rate (出庭95件 of 出庭率) is no
                                # base, unless 其中 makes num its subset (审结…其中调解结案…调解率)
            fs = ctx.subject(f)
            if "率" in fs or any(k in fs for k in keys if k != "调解"):
                continue
            if float(_val(f)) >= float(_val(num)):
                den = f
            break
        if den is None:
            continue
        rel = _rate_relation(ctx, rate, num, den)
        if rel and not rel.holds and not neg and _complement_holds(ctx, rate, den, same_sentence, keys):
            continue            # 优秀61、合格168、不合格11，合格率95.4%: 合格 may include 优秀
        rel = _second_reading(ctx, rate, num, rel)
        if rel:
            ctx.add(rel)


def _second_reading(ctx: _Ctx, rate: Fact, num: Fact, rel: Relation | None) -> Relation | None:
    """A failing rate is kept only when no other base the text gives makes it hold: another
    count of the numerator's unit in the paragraph ("of the concluded cases": 审结 rather than
    受理), or the chosen base less another count of its sentence (胜诉率 over 审结 − 撤诉). With
    another single base the relation is recorded over it; with a difference (which the model
    cannot name) no relation is recorded. A finding a second reading withdraws is no finding."""
    if rel is None or rel.holds is not False:
        return rel
    assert rel.denominator is not None      # a rate relation names its denominator
    den = ctx.facts_by_id[rel.denominator]
    k = ctx.index[num.id]
    near = [f for f in ctx.facts[max(0, k - 40):k + 6]
            if f.id not in (num.id, rate.id) and f.unit == num.unit and _countable(f)
            and ctx.line_of[f.id] == ctx.line_of[num.id] and abs(f.start - num.start) < 300]
    for f in near:
        if f.id != den.id and float(_val(f)) >= float(_val(num)):
            alt = _rate_relation(ctx, rate, num, f)
            if alt and alt.holds:
                return alt
    for g in near:
        if g.id == den.id or ctx.sent_of[g.id] not in (ctx.sent_of[den.id], ctx.sent_of[num.id]):
            continue
        rest = float(_val(den)) - float(_val(g))
        if rest >= float(_val(num)) and rest > 0:
            alt = _rate_relation(ctx, rate, num, _Complement(den, g))
            if alt and alt.holds:
                return None
    return rel


# "1331项，占全部政务服务事项的98.96%": the base named by its noun, not by a figure
_SHARE_OF = re.compile(rf"占(?:全部|所有|总)?(?P<noun>[{CJK}“”]{{2,16}}?)(?:总数|总量|总额|总和)?(?:的)?(?:比例|比重)?(?:为|达|是)?\s*$")


def _named_share(ctx: _Ctx, rate: Fact, j: int) -> tuple[Fact, Fact] | None:
    """(numerator, denominator) of "共Y…，其中X，占全部<noun>的Z%": X is the figure right before
    占; the base is the closest earlier figure of X's unit in the same sentence that counts the
    same noun (its subject holds the noun, or the noun its subject's last four characters: not
    "占全市复议案件" over "受理案件") and of which "其中" makes X a subset; never a change or
    comparison base (比预算数…)."""
    norm, facts = ctx.norm, ctx.facts
    if j < 2:
        return None
    num = facts[j - 1]
    between = norm[num.end:rate.start]
    k = between.find("占")
    if k < 0 or len(between) > 30 or not re.match(r"^[,\s]*$", between[:k]):
        return None
    m = _SHARE_OF.search(between, k)
    if not m or m.start() != k or not _countable(num) or ctx.sent_of[num.id] != ctx.sent_of[rate.id]:
        return None
    noun = m.group("noun").strip("“”")
    for f in reversed(facts[:j - 1]):
        if ctx.sent_of[f.id] != ctx.sent_of[num.id] or num.start - f.end > 200:
            break
        if f.unit != num.unit or not _countable(f) or float(_val(f)) < float(_val(num)) \
                or _is_change_or_base(norm, f):
            continue
        fs = ctx.subject(f)
        if (noun in fs or (len(fs) >= 4 and fs[-4:] in noun)) and "其中" in norm[f.end:num.start]:
            return num, f
    return None


_NEGATION = re.compile(r"(?:[不未非无]|不予|未予|未能|不能|没有)$")


def _negated(subject: str, key: str) -> bool:
    """不合格 / 未办结 / 不予受理: the count of the opposite category of the rate's head word."""
    k = subject.find(key)
    return k > 0 and bool(_NEGATION.search(subject, 0, k))


def _complement_holds(ctx: _Ctx, rate: Fact, den: Fact, same_sentence: list[Fact],
                      keys: list[str]) -> bool:
    """Whether the rate agrees with 1 − (negated category)/(base) when the sentence also
    counts the opposite category (不合格, 未办结): then the positive count need not be the
    whole numerator, and the text does not make the relation explicit."""
    for f in same_sentence:
        if f.kind == "count" and f.unit == den.unit and f.id != den.id and \
                any(_negated(ctx.subject(f), k) for k in keys):
            rel = _rate_relation(ctx, rate, _Complement(den, f), den)
            if rel and rel.holds:
                return True
    return False


class _Complement:
    """A stand-in numerator: base − opposite category."""
    def __init__(self, den: Fact, neg: Fact) -> None:
        self.value = _val(den) - _val(neg)
        self.approx = den.approx or neg.approx
        self.id = ""


def build_relations(report: Report) -> list[Relation]:
    ctx = _Ctx(report)
    _find_sums(ctx)
    _find_differences(ctx)
    _find_rates(ctx)
    return ctx.relations


@component("relations", reads=("norm", "facts"), writes=("relations",))
def extract_relations(report: Report, config: Config) -> None:
    report.relations = build_relations(report)
