"""考评 ranking: the reports of a place and year scored (scoring.score_report) and ranked, with the
texts that are not a unit's own published report listed apart, and the rows the Excel and the web
tables print.

    rows = rank(store, place="芜湖市", year=2024)   # [RankRow(score, rank, percentile)]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import FazhiError
from ..labels import KIND_NAMES, LEVEL_NAMES
from .rubric import Rubric, load_rubric
from .scoring import RANKED_KINDS, REPORT_KINDS, UNCHECKED, Score, _short, score_report


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
