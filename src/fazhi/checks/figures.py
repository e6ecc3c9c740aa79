"""Figure rules: totals and parts, rates and their numerators and denominators.

These rules read `report.relations` built by the relations component; they never invent a
relation the text does not state. A relation whose `holds` is None (undecided) is ignored, and
the arithmetic is redone here from the facts' values at the printed precision of the stated
figure, so the verdict does not depend on the tolerance another component chose.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Iterable

from ..config import Config
from ..model import Fact, Finding, Relation, Report
from ..zh.sentences import SENT_END
from .common import clause_before, ev, fact_label, fmt_num, named_rate, rate_name, sentence_bounds
from .registry import rule

BASIS = "数据应当真实准确、前后一致（审核惯例；比率按报告自身给出的分子、分母核算）"


def _facts(report: Report, ids: Iterable[str | None]) -> list[Fact] | None:
    out = []
    for i in ids:
        f = report.fact(i) if i else None
        if f is None or f.value is None:
            return None
        out.append(f)
    return out


def _val(f: Fact) -> float | int:
    """The value of a fact that _facts returned (or that has one: it is never None there)."""
    assert f.value is not None
    return f.value


def _decimals(f: Fact) -> int:
    """Decimals printed in a figure's quote ('91.8%' -> 1, '100%' -> 0)."""
    m = re.search(r"\d+(?:\.(\d+))?\s*(?:%|％|个百分点)?", f.quote.replace("．", "."))
    if m and m.group(1):
        return len(m.group(1))
    if m:
        return 0
    return 0 if float(_val(f)).is_integer() else len(repr(float(_val(f))).split(".")[1])


# a float holds about 17 significant digits: more printed decimals (a run of digits glued to a
# rate, 97.123123…%) change nothing, and quantizing to them would overflow Decimal's precision
_MAX_DECIMALS = 15


def _round(x: float, decimals: int) -> float:
    q = Decimal(1).scaleb(-min(decimals, _MAX_DECIMALS))
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP, context=Context(prec=60)))


def _approx(*facts: Fact) -> bool:
    return any(f.approx or f.qualifier for f in facts)


# -- sums and differences ---------------------------------------------------------------
CHANGE = re.compile(r"增加|增长|减少|下降|提高|降低|比上年|比去年|较上年|较去年|同比|环比")
@rule("figures.sum_mismatch", severity="major",
      title="合计与分项不符",
      why="总数与其分项之和（或新增、减少与净增）对不上，或“其中”所列分项大于总数，说明数据有误或分项有遗漏，"
          "报告数据不可信。",
      basis=BASIS,
      example="“共受理行政复议案件15件，其中维持10件、纠错6件”：10+6=16≠15。",
      severities=("major", "minor"))
def sum_mismatch(report: Report, config: Config) -> Iterable[Finding]:
    for r in report.relations:
        if r.type not in ("sum", "difference") or r.holds is None:
            continue
        total = _facts(report, [r.total])
        parts = _facts(report, r.parts)
        if not total or not parts or len(parts) < 2:
            continue
        t = total[0]
        if _approx(t, *parts):
            continue     # "300余件，其中…" cannot be checked exactly
        units = {f.unit for f in [t, *parts] if f.unit}
        if len(units) > 1:
            continue
        if r.type == "sum":
            computed = sum(float(_val(p)) for p in parts)
            expr = "+".join(fmt_num(_val(p)) for p in parts)
        else:
            computed = float(_val(parts[0])) - sum(float(_val(p)) for p in parts[1:])
            expr = "−".join(fmt_num(_val(p)) for p in parts)
        tol = r.tolerance if r.tolerance is not None else 0.0
        stated = float(_val(t))
        if abs(computed - stated) <= max(tol, 1e-9):
            continue
        unit = t.unit or ""
        label = fact_label(report, t)
        severity, note = "major", ""
        if r.type == "sum":
            if CHANGE.search(label) or CHANGE.search(clause_before(report.norm, t.start, 12)):
                continue      # "比上年增加2000亿元" is a change, not a total of what follows
            if any(CHANGE.search(clause_before(report.norm, p.start, 8)) for p in parts):
                continue      # "增加110万套" is a change, not a part
            big = next((p for p in parts if float(_val(p)) > stated), None)
            if big is not None:
                if _under_qizhong(report, t, parts) and \
                        not OTHER_OBJECT.search(clause_before(report.norm, big.start, 12)):
                    yield _part_exceeds(report, r, t, big)   # 共15件，其中…20件: self-contradictory
                continue      # otherwise a part larger than the whole: not a partition the text states
            if computed < stated:
                # "其中" may list only some of the parts: a shortfall is weaker evidence
                if (stated - computed) / stated > float(config.get("thresholds.sum_shortfall_max", 0.2)):
                    continue
                severity, note = "minor", "（如“其中”所列并非全部分项，请核实是否遗漏）"
        what = "净增（差额）" if r.type == "difference" else "合计"
        yield Finding(
            rule="figures.sum_mismatch", severity=severity,
            message=f"{what}与分项不符：“{label}”{fmt_num(_val(t))}{unit}，"
                    f"而{expr}={fmt_num(computed)}{unit}，相差{fmt_num(abs(computed - stated))}{unit}{note}。",
            evidence=[ev(report, f.start, f.end) for f in [t, *parts]],
            suggestion="核对总数和各分项数据，补齐遗漏的分项或更正错误的数字。",
            data={"relation": r.id, "computed": computed, "stated": float(_val(t))})


# a part that counts something the total does not ("建成服务站15个，其中覆盖村120个"): a
# larger figure there is no contradiction
OTHER_OBJECT = re.compile(r"涉及|覆盖|惠及|带动|辐射|服务|受益|参与|参加|培训|接待|组织|开展|召开|举办|"
                          r"发放|印发|走访|联系|包括|包含|含|累计|次数|人数")


def _under_qizhong(report: Report, total: Fact, parts: list[Fact]) -> bool:
    """The parts follow "其中" right after the total's clause ("共15件，其中…"), or an aside
    opened right after the total ("2次（甲1次，乙1次）")."""
    gap = report.norm[total.end:parts[0].start]
    if gap.startswith("(") and ")" not in report.norm[total.end:parts[-1].start]:
        return True
    return "其中" in gap and len(gap) <= 40 and not SENT_END.search(gap[:gap.find("其中")])


def _part_exceeds(report: Report, r: Relation, total: Fact, part: Fact) -> Finding:
    unit = total.unit or ""
    return Finding(
        rule="figures.sum_mismatch", severity="major",
        message=f"分项大于合计：“{fact_label(report, part)}”{fmt_num(_val(part))}{unit}，"
                f"大于其所属的“{fact_label(report, total)}”{fmt_num(_val(total))}{unit}。",
        evidence=[ev(report, total.start, total.end), ev(report, part.start, part.end)],
        suggestion="核对总数和该分项数据，“其中”所列分项不应大于总数。",
        data={"relation": r.id, "part": part.id, "stated": float(_val(total)),
              "part_value": float(_val(part))})


# -- rates ------------------------------------------------------------------------------
def _rate_check(report: Report, r: Relation) -> tuple[Fact, Fact, Fact, float, int] | None:
    """(rate, numerator, denominator, computed %, decimals) or None when not checkable."""
    fs = _facts(report, [r.rate, r.numerator, r.denominator])
    if not fs:
        return None
    rate, num, den = fs
    if float(_val(den)) == 0:
        return None
    computed = float(_val(num)) / float(_val(den)) * 100.0
    if rate.unit and rate.unit not in ("%", "％", "百分之"):
        if rate.kind != "rate":
            return None
    return rate, num, den, computed, _decimals(rate)


@rule("figures.rate_mismatch", severity="minor",
      title="比率与其分子分母不符",
      why="报告给出的比率与报告自己给出的分子、分母算出的结果不一致：差距在四舍五入范围外即为计算或"
          "抄录错误；差距达整数个百分点的，数据明显不符，或比率另有未写明的统计口径（如分母含上年结转）。",
      basis=BASIS,
      example="“已办结531件，办结率为91.8%”（共578件）：531/578=91.87%，按一位小数应为91.9%。",
      severities=("minor", "major"))
def rate_mismatch(report: Report, config: Config) -> Iterable[Finding]:
    major_gap = float(config.get("thresholds.rate_major_gap_pp", 1.0))
    for r in report.relations:
        if r.type != "rate" or r.holds is None:
            continue
        got = _rate_check(report, r)
        if not got:
            continue
        rate, num, den, computed, dec = got
        stated = float(_val(rate))
        if computed <= 0 or stated <= 0 or max(stated / computed, computed / stated) >= 10:
            continue              # an order of magnitude apart: a mis-read figure, not a miscalculation
        expected = _round(computed, dec)
        if math.isclose(expected, stated, abs_tol=10 ** -(dec + 3)):
            continue              # agrees at its own printed precision
        gap = abs(computed - stated)
        if _approx(rate) and gap < major_gap:
            continue              # "约37%" is not precise to begin with
        if _approx(num, den) and _within_approx(stated, num, den):
            continue              # "占8500多万亩的42%": an approximate base admits the stated rate
        if _within_rounding(report, rate, num, den):
            continue              # 按时办结12.1万件/受理12.6万件 = 95.3%–96.8%: 96.4% is possible
        severity = "major" if gap >= major_gap else "minor"
        name = rate_name(report, rate)
        if name.startswith("占") and not re.search(r"(?:率|比例|比重|占比)$", name):
            name += "的比例"      # "占全部审批事项的比例80%", not "占全部审批事项80%"
        shown = fmt_num(computed, 2)
        prec = {0: "取整", 1: "按一位小数", 2: "按两位小数"}.get(dec, f"按{dec}位小数")
        if severity == "minor":
            msg = (f"{name}{rate.quote.strip()}与{fmt_num(_val(num))}/{fmt_num(_val(den))}={shown}%不符"
                   f"（{prec}应为{fmt_num(expected, dec)}%）。")
        else:
            msg = (f"{name}{rate.quote.strip()}与{fmt_num(_val(num))}/{fmt_num(_val(den))}={shown}%不符，"
                   f"相差{fmt_num(gap, 2)}个百分点，需核实数据或统计口径。")
        yield Finding(
            rule="figures.rate_mismatch", severity=severity, message=msg,
            evidence=[ev(report, f.start, f.end) for f in (rate, num, den)],
            suggestion=f"核对{fact_label(report, num) or '分子'}和{fact_label(report, den) or '分母'}，"
                       f"按实际数据重新计算{name}（{prec}为{fmt_num(expected, dec)}%）"
                       + ("；比率另有统计口径的（如分母含上年结转），在报告中写明。" if severity == "major" else "。"),
            data={"relation": r.id, "computed": round(computed, 4), "stated": stated,
                  "expected": expected, "decimals": dec, "gap_pp": round(gap, 4)})


def _within_rounding(report: Report, rate: Fact, num: Fact, den: Fact) -> bool:
    """Whether the stated rate lies between the smallest and largest quotient that counts
    printed with decimals or 万/亿 (12.1万 = 12.05万–12.15万) allow."""
    from ..extract.relations import _half_ulp
    hn, hd = _half_ulp(report.norm, num), _half_ulp(report.norm, den)
    n, d = float(_val(num)), float(_val(den))
    if not (hn or hd) or d - hd <= 0:
        return False
    lo, hi = (n - hn) / (d + hd) * 100, (n + hn) / (d - hd) * 100
    tol = _half_ulp(report.norm, rate)
    return lo - tol - 1e-9 <= float(_val(rate)) <= hi + tol + 1e-9


# how far an approximate figure may lie from its printed value: 多/余/以上/超过 mean "more than"
# (up to the next unit of its last printed digit, at most 10%); 近/不足/不到 "a little less";
# 约/左右 either way
_MORE = frozenset({"多", "余", "以上", "超过", "超", "逾", "不少于", "不低于", "多达"})
_LESS = frozenset({"近", "将近", "接近", "不足", "不到", "以下"})


def _bounds(f: Fact) -> tuple[float, float]:
    v = float(_val(f))
    if not (f.approx or f.qualifier):
        return v, v
    q = f.qualifier or ""
    if q in _MORE:
        return v, v * 1.1
    if q in _LESS:
        return v * 0.9, v
    return v * 0.95, v * 1.05


def _within_approx(stated: float, num: Fact, den: Fact) -> bool:
    """True when some value of the approximate numerator/denominator gives the stated rate."""
    (n0, n1), (d0, d1) = _bounds(num), _bounds(den)
    if d0 <= 0:
        return True
    lo, hi = n0 / d1 * 100.0, n1 / d0 * 100.0
    return lo - 0.5 <= stated <= hi + 0.5


# rates that can exceed 100% or be negative: changes, growth, completion against a target
UNBOUNDED = re.compile(r"增长|增幅|增速|增加|提高|提升|上升|下降|降低|减少|同比|环比|比上年|较上年|完成率|"
                       r"超额|倍|新增率|净增率|净增|变化|扩大|压缩|节约|回收率|利润")
BOUNDED = re.compile(r"率|占比|比例|比重|覆盖面")
RECEIVED = re.compile(r"受理|收到|接到|立案|收案|新收|交办|转办|登记|排查|呼入")
DONE = re.compile(r"办结|审结|执结|结案|化解|调处|调解成功|成功调解|办复|答复|回复|处理完毕|接通")
CARRY = re.compile(r"结转|上年|旧存|旧案|累计|往年|以来|含")


@rule("figures.rate_out_of_range", severity="major",
      title="比率或计数自相矛盾",
      why="办结率、覆盖率、出庭率等比率不可能超过100%或为负数；办结数多于受理数（又未说明结转）也自相矛盾。",
      basis=BASIS,
      example="“受理信访事项120件，办结135件”；“群众满意率103%”。")
def rate_out_of_range(report: Report, config: Config) -> Iterable[Finding]:
    for f in report.facts:
        if f.value is None or f.ocr_low or f.unit not in ("%", "％") and f.kind != "rate":
            continue
        if f.unit not in (None, "%", "％"):
            continue
        v = float(f.value)
        if 0 <= v <= 100:
            continue                    # (tested first: the name lookup below is the costly part)
        name = named_rate(report, f)
        context = report.norm[max(0, f.start - 12):f.start]
        if not name or not BOUNDED.search(name) or UNBOUNDED.search(name) or UNBOUNDED.search(context) \
                or (f.subject and UNBOUNDED.search(f.subject)):
            continue
        yield Finding(
            rule="figures.rate_out_of_range", severity="major",
            message=f"{name}{f.quote.strip()}{'超过100%' if v > 100 else '为负数'}，这一比率不可能"
                    f"{'超过100%' if v > 100 else '小于0'}。",
            evidence=[ev(report, f.start, f.end)],
            suggestion=f"核对{name}的分子和分母，更正数据。",
            data={"fact": f.id, "value": v})
    # done > received, stated as numerator and denominator of a rate
    seen: set[tuple[str, str]] = set()
    reported: set[str] = set()
    for r in report.relations:
        if r.type != "rate" or r.holds is None:
            continue
        fs = _facts(report, [r.numerator, r.denominator])
        if not fs:
            continue
        num, den = fs
        a, b = sentence_bounds(report.norm, num.start)
        if float(_val(num)) > float(_val(den)) and not _approx(num, den) \
                and not CARRY.search(report.norm[a:b]) and (num.unit == den.unit or not num.unit or not den.unit):
            rate = report.fact(r.rate) if r.rate else None
            if rate is not None and UNBOUNDED.search(rate_name(report, rate)):
                continue
            seen.add((num.id, den.id))
            reported.add(num.id)
            yield _count_finding(report, num, den)
    # done > received in the same sentence, no relation needed; one finding per done count,
    # against the received count closest before it (收到58件，受理52件，审结60件 -> 60 vs 52)
    pairs: dict[str, tuple[Fact, Fact]] = {}
    leads: dict[int, str] = {}          # _lead once per fact, not once per pair in a sentence

    def lead(k: int, x: Fact) -> str:
        if k not in leads:
            leads[k] = _lead(report, x)
        return leads[k]

    for i, f in enumerate(report.facts):
        if f.value is None or f.ocr_low or f.kind != "count":
            continue
        if not RECEIVED.search(report.norm, max(0, f.start - 20), f.start) and \
                not (f.subject and RECEIVED.search(f.subject)):
            continue            # the lead is the subject and a part of these 20 characters: no 受理 there
        lf = lead(i, f)
        if not RECEIVED.search(lf) or DONE.search(lf):
            continue
        a, b = sentence_bounds(report.norm, f.start)
        if CARRY.search(report.norm[a:b]):
            continue
        for j in range(i + 1, len(report.facts)):
            g = report.facts[j]
            if g.start >= b:
                break
            if g.value is None or g.ocr_low or g.kind != "count" or g.unit != f.unit or (g.id, f.id) in seen:
                continue
            lg = lead(j, g)
            if DONE.search(lg) and not RECEIVED.search(lg) and _same_object(lf, lg) \
                    and float(g.value) > float(f.value) and not _approx(f, g):
                if g.id not in reported and (g.id not in pairs or pairs[g.id][1].start < f.start):
                    pairs[g.id] = (g, f)
                break
    for g, f in pairs.values():
        yield _count_finding(report, g, f)


def _lead(report: Report, f: Fact) -> str:
    """Words just before a count, within its clause (what it counts and the 口径 verb)."""
    return (f.subject or "") + "|" + clause_before(report.norm, f.start, 20)


def _same_object(lf: str, lg: str) -> bool:
    """Both counts are about the same kind of thing, or the later one names nothing else."""
    nouns = re.compile(r"(案件|事项|件|诉求|纠纷|来信|来访|信访|申请|投诉|举报|工单|咨询|提案|建议)")
    a, b = set(nouns.findall(lf)), set(nouns.findall(lg))
    return not a or not b or bool(a & b)


def _count_finding(report: Report, done: Fact, received: Fact) -> Finding:
    unit = done.unit or ""
    return Finding(
        rule="figures.rate_out_of_range", severity="major",
        message=f"办结（审结）数多于受理数：“{fact_label(report, done)}”{fmt_num(_val(done))}{unit}，"
                f"而“{fact_label(report, received)}”只有{fmt_num(_val(received))}{unit}，"
                f"又未说明含上年结转，数据自相矛盾。",
        evidence=[ev(report, received.start, received.end), ev(report, done.start, done.end)],
        suggestion="核对受理数和办结数；如办结数含上年结转案件，应写明结转数。",
        data={"done": done.id, "received": received.id})
