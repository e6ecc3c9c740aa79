"""Read queries of the web app: the filtered, sorted, paged report list and the dashboard
aggregates. Aggregates over the whole corpus are cached per corpus state (count, newest id,
latest analysis time), so they are recomputed only after an ingest or re-analysis.

Every query takes the user's scope (corpus/scope.py, `ALL` by default) and reads only the
reports inside it; the cached aggregates are cached per scope (`cache_name`)."""
from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import sqlalchemy as sa

from .. import catalog
from ..corpus import schema as T
from ..corpus.scope import ALL, Scope
from ..corpus.reports import reviewed_col
from ..labels import PART_NAMES

PAGE_SIZE = 50
MAX_PAGE = 1_000_000
SORTS = {
    "place": (T.reports.c.province, T.reports.c.jurisdiction, T.reports.c.department),
    "province": (T.reports.c.province,),
    "level": (T.reports.c.level,),
    "year": (T.reports.c.report_year,),
    "kind": (T.reports.c.kind,),
    "verdict": (reviewed_col("verdict"),),
    "late": (T.reports.c.late,),
    "major": (reviewed_col("major"),),
    "minor": (reviewed_col("minor"),),
    "info": (reviewed_col("info"),),
    "published": (T.reports.c.publish_date,),
    "id": (T.reports.c.id,),
}
FILTERS = ("q", "province", "city", "level", "year", "kind", "verdict", "late", "severity")


@dataclass
class ListQuery:
    province: str | None = None
    city: str | None = None          # the report's own place or its parent (a city's counties)
    level: str | None = None
    year: int | None = None
    kind: str | None = None
    verdict: str | None = None
    late: bool | None = None
    severity: str | None = None      # at least one finding of this severity
    q: str | None = None             # words in the title / place
    sort: str = "place"
    desc: bool = False
    page: int = 1
    page_size: int = PAGE_SIZE
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, p: Mapping[str, str]) -> "ListQuery":
        q = cls()
        for k in ("province", "city", "level", "kind", "verdict", "q"):
            v = (p.get(k) or "").strip()
            setattr(q, k, v or None)
        y = (p.get("year") or "").strip()
        if y:
            if y.isascii() and y.isdigit() and len(y) <= 4:
                q.year = int(y)
            else:
                q.errors.append(f"年度应为数字（四位年份）：{y[:20]}")
        late = (p.get("late") or "").strip().lower()
        q.late = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}.get(late)
        sev = (p.get("severity") or "").strip()
        q.severity = sev if sev in ("major", "minor", "info") else None
        s = (p.get("sort") or "place").strip()
        q.desc = s.startswith("-")
        s = s.lstrip("-")
        q.sort = s if s in SORTS else "place"
        q.page = _int_param(p.get("page"), 1, 1, MAX_PAGE, "页码", q.errors)
        q.page_size = _int_param(p.get("page_size"), PAGE_SIZE, 1, 500, "每页条数", q.errors)
        return q

    def params(self, **over: Any) -> dict[str, str]:
        """Query-string parameters of this query (with overrides), empty ones left out."""
        d: dict[str, Any] = {"province": self.province, "city": self.city, "level": self.level,
                             "year": self.year, "kind": self.kind, "verdict": self.verdict,
                             "late": None if self.late is None else int(self.late),
                             "severity": self.severity, "q": self.q,
                             "sort": ("-" if self.desc else "") + self.sort if self.sort != "place" or self.desc else None,
                             "page": self.page if self.page > 1 else None,
                             "page_size": self.page_size if self.page_size != PAGE_SIZE else None}
        d.update(over)
        return {k: str(v) for k, v in d.items() if v not in (None, "")}


def _int_param(raw: str | None, default: int, lo: int, hi: int, label: str, errors: list[str]) -> int:
    """An integer query parameter within [lo, hi]; anything else is noted in errors (never a
    number too large for the database)."""
    s = (raw or "").strip()
    if not s:
        return default
    if not (s.isascii() and s.lstrip("-").isdigit()) or len(s) > 12 or not (lo <= int(s) <= hi):
        errors.append(f"{label}应为 {lo}–{hi} 之间的整数：{s[:20]}")
        return default
    return int(s)


def cache_name(name: str, scope: Scope) -> str:
    """The cache entry of an aggregate for a scope (never one scope's value for another)."""
    return f"{name}@{scope.key}"


def _where(q: ListQuery, stmt, scope: Scope = ALL):
    r = T.reports
    stmt = stmt.where(scope.where())
    if q.province:
        stmt = stmt.where(r.c.province == q.province)
    if q.city:
        stmt = stmt.where(sa.or_(r.c.jurisdiction == q.city, r.c.parent == q.city))
    if q.level:
        stmt = stmt.where(r.c.level == q.level)
    if q.year:
        stmt = stmt.where(r.c.report_year == q.year)
    if q.kind:
        stmt = stmt.where(r.c.kind == q.kind)
    if q.verdict:
        stmt = stmt.where(reviewed_col("verdict") == q.verdict)
    if q.late is not None:
        stmt = stmt.where(r.c.late == sa.true() if q.late else r.c.late == sa.false())
    if q.severity:
        stmt = stmt.where(reviewed_col(q.severity) > 0)
    if q.q:
        for word in q.q.split():
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = stmt.where(sa.or_(r.c.title.like(like, escape="\\"), r.c.jurisdiction.like(like, escape="\\"),
                                     r.c.department.like(like, escape="\\")))
    return stmt


def list_reports(store, q: ListQuery, config=None, scope: Scope = ALL) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, the rows of the requested page) over the current reports.

    Verdict and severity counts are the values after the reviewers' decisions when a reviewer
    has decided on (or added to) the report's findings — stored by the store in `reports.reviewed_*`
    with the same rule as the review opinion (`review.verdict`) — else the engine's. Filtering and
    sorting use the same values (SQL-side, for paging). For a reviewed row `engine_verdict` keeps
    the engine's verdict and `adjusted` is True. (`config` is unused: the store's config decides.)"""
    r = T.reports
    total_stmt = _where(q, sa.select(sa.func.count()).select_from(r).where(r.c.current == sa.true()), scope)
    cols = [r.c.id, r.c.title, r.c.province, r.c.parent, r.c.jurisdiction, r.c.department, r.c.level,
            r.c.report_year, r.c.kind, r.c.verdict, r.c.late, r.c.n_major, r.c.n_minor, r.c.n_info,
            r.c.publish_date, r.c.version, r.c.report_key, r.c.reviewed_verdict, r.c.reviewed_major,
            r.c.reviewed_minor, r.c.reviewed_info, r.c.corrected]
    order = []
    for c in SORTS[q.sort]:
        order.append(c.desc().nulls_last() if q.desc else c.asc().nulls_last())
    order.append(r.c.id.desc() if q.desc else r.c.id)
    stmt = (_where(q, sa.select(*cols).where(r.c.current == sa.true()), scope).order_by(*order)
            .limit(q.page_size).offset((q.page - 1) * q.page_size))
    with store.engine.connect() as conn:
        total = conn.execute(total_stmt).scalar_one()
        rows = [dict(x._mapping) for x in conn.execute(stmt)]
        keys = list({x["report_key"] for x in rows})
        reviewed = dict(conn.execute(
            sa.select(T.decisions.c.report_key, sa.func.count(sa.distinct(T.decisions.c.finding_key)))
            .where(T.decisions.c.report_key.in_(keys)).group_by(T.decisions.c.report_key)).all()) if keys else {}
        added = {k for (k,) in conn.execute(sa.select(T.reviewer_findings.c.report_key).distinct()
                                            .where(T.reviewer_findings.c.report_key.in_(keys)))} if keys else set()
    for x in rows:
        key = x.pop("report_key")
        x["reviewed"] = reviewed.get(key, 0)   # findings with a reviewer's decision
        x["added"] = key in added
        x["engine_verdict"] = x["verdict"]
        x["corrected"] = corrected_fields(x.get("corrected"))
        rv = {s: x.pop("reviewed_" + s) for s in ("verdict", "major", "minor", "info")}
        x["adjusted"] = rv["verdict"] is not None
        if x["adjusted"]:
            x["verdict"] = rv["verdict"]
            x["n_major"], x["n_minor"], x["n_info"] = rv["major"], rv["minor"], rv["info"]
    return total, rows


def corrected_fields(value: str | None) -> list[str]:
    """The fields of a report a reviewer corrected (`reports.corrected`), as the API names them."""
    return [f for f in (value or "").split(",") if f and f not in ("adcode", "parent")]


def effective(store, rid: int, config=None) -> dict[str, Any] | None:
    """The verdict and per-severity counts of a stored report after its reviewers' decisions
    (dismissed findings left out, reviewer findings added), as the review opinion states them."""
    from ..review import review_items, verdict
    from .opinion import stored
    doc = store.report_json(rid)
    if doc is None:
        return None
    report, decs, extra = stored(doc)
    label, _ = verdict(report, config, decs, extra)
    live = [it for it in review_items(report, decs, extra) if not it.dismissed]
    counts = {s: sum(1 for it in live if it.finding.severity == s) for s in ("major", "minor", "info")}
    return {"verdict": label, "counts": counts}


# -- cache ---------------------------------------------------------------------------------

class CorpusCache:
    """Values computed over the whole corpus, dropped when the corpus changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple | None = None
        self._values: dict[str, Any] = {}
        self._busy: dict[str, threading.Lock] = {}
        self._last: dict[str, Any] = {}            # the latest value of each name, any state
        self._running: set[str] = set()
        self._started: dict[str, float] = {}
        self._took: dict[str, float] = {}

    @staticmethod
    def state(store) -> tuple:
        r = T.reports
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(sa.func.count(), sa.func.max(r.c.id), sa.func.max(r.c.analyzed_at))
                               .where(r.c.current == sa.true())).one()
            nf = conn.execute(sa.select(sa.func.max(T.findings.c.id))).scalar()
        return (row[0], row[1], str(row[2]), nf)

    def get(self, store, name: str, compute: Callable[[], Any]) -> Any:
        """The cached value, or compute it (one computation at a time per name: a caller that
        arrives while it runs waits for it instead of computing it again)."""
        st = self.state(store)
        with self._lock:
            if st != self._state:
                self._state, self._values = st, {}
            if name in self._values:
                return self._values[name]
            busy = self._busy.setdefault(name, threading.Lock())
        with busy:
            with self._lock:
                if self._state == st and name in self._values:
                    return self._values[name]
            value = compute()
            with self._lock:
                self._last[name] = value
                if self._state == st:
                    self._values[name] = value
        return value

    def get_recent(self, store, name: str, compute: Callable[[], Any], wait_s: float = 0.2,
                   min_interval_s: float = 5.0) -> Any:
        """Like `get`, but never keeps a request waiting long for a recomputation: when the corpus
        changed and an earlier value exists, the new value is computed in a background thread;
        the caller gets it when it is ready within wait_s seconds, else the earlier value (the
        dashboard after an upload shows the previous aggregates for a moment instead of making
        every visitor wait for the pass over the corpus)."""
        st = self.state(store)
        with self._lock:
            if st == self._state and name in self._values:
                return self._values[name]
            if name not in self._last:
                earlier = None
            else:
                earlier = self._last[name]
            now = time.monotonic()
            # while uploads keep arriving, a slow aggregate is recomputed at most every
            # min(min_interval_s, 4 × its last duration) seconds (a quick one at once)
            gap = min(min_interval_s, 4 * self._took.get(name, 0.0))
            start = name not in self._running and (name not in self._last or
                                                   now - self._started.get(name, 0.0) >= gap)
            if start:
                self._running.add(name)
                self._started[name] = now
        if earlier is None and name not in self._last:
            try:
                return self.get(store, name, compute)
            finally:
                with self._lock:
                    self._running.discard(name)
        done = threading.Event()
        if start:
            def run() -> None:
                t0 = time.monotonic()
                try:
                    self.get(store, name, compute)
                    self._took[name] = time.monotonic() - t0
                except Exception as exc:  # the earlier value stays; logged
                    import sys
                    print(f"总览计算失败 / aggregate failed: {type(exc).__name__}: {exc}", file=sys.stderr)
                finally:
                    with self._lock:
                        self._running.discard(name)
                    done.set()
            threading.Thread(target=run, name=f"fazhi-cache-{name}", daemon=True).start()
            done.wait(wait_s)
        with self._lock:
            if name in self._values and self._state == st:
                return self._values[name]
            return self._last.get(name, earlier)


# -- dashboard -------------------------------------------------------------------------------

KEY_INDICATORS = ("head_appearance_rate", "admin_reconsideration_correction_rate",
                  "admin_litigation_loss_rate", "normative_docs_filing_rate",
                  "major_decision_legality_review_rate", "legal_adviser_rate")


def _indicator_names() -> dict[str, str]:
    return {i["id"]: i.get("name") or i["id"] for i in catalog.load("indicators").get("indicators") or []}


def filter_options(store, scope: Scope = ALL) -> dict[str, list]:
    r = T.reports
    out: dict[str, list] = {}
    with store.engine.connect() as conn:
        for name, col in (("province", r.c.province), ("year", r.c.report_year), ("level", r.c.level),
                          ("kind", r.c.kind), ("verdict", reviewed_col("verdict"))):
            out[name] = [v for (v,) in conn.execute(sa.select(col).where(r.c.current == sa.true(), scope.where())
                                                    .where(col.is_not(None)).distinct().order_by(col))]
    return out


def box(values: list[float]) -> dict[str, Any] | None:
    """Five-number summary with the IQR rule (outside Q1 − 1.5·IQR … Q3 + 1.5·IQR = outlier)."""
    if not values:
        return None
    v = sorted(values)
    if len(v) >= 2:
        q1, med, q3 = statistics.quantiles(v, n=4, method="inclusive")
    else:
        q1 = med = q3 = v[0]
    iqr = q3 - q1
    lo_f, hi_f = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    inside = [x for x in v if lo_f <= x <= hi_f]
    return {"n": len(v), "min": inside[0] if inside else v[0], "q1": q1, "median": med, "q3": q3,
            "max": inside[-1] if inside else v[-1], "low_fence": lo_f, "high_fence": hi_f}


def dashboard(store, scope: Scope = ALL) -> dict[str, Any]:
    r, f = T.reports, T.findings
    cur = sa.and_(r.c.current == sa.true(), scope.where())
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(r).where(cur)).scalar_one()
        out["total"] = total
        # reports per province and year
        rows = conn.execute(sa.select(r.c.province, r.c.report_year, sa.func.count())
                            .where(cur).group_by(r.c.province, r.c.report_year)).all()
        provinces = sorted({p or "（未识别）" for p, _, _ in rows})
        years = sorted({y for _, y, _ in rows if y is not None})
        counts = {(p or "（未识别）", y): n for p, y, n in rows}
        out["per_province_year"] = {
            "provinces": provinces, "years": [str(y) for y in years] + (["未识别"] if any(y is None for _, y, _ in rows) else []),
            "series": [{"year": str(y) if y is not None else "未识别",
                        "counts": [counts.get((p, y), 0) for p in provinces]}
                       for y in years + ([None] if any(y is None for _, y, _ in rows) else [])]}
        # on-time rate per report year (known publication dates only)
        rows = conn.execute(sa.select(r.c.report_year, r.c.late, sa.func.count()).where(cur)
                            .group_by(r.c.report_year, r.c.late)).all()
        ot: dict[Any, dict[str, int]] = {}
        for y, late, n in rows:
            d = ot.setdefault(y, {"on_time": 0, "late": 0, "unknown": 0})
            d["unknown" if late is None else ("late" if late else "on_time")] += n
        out["on_time"] = [{"year": y, **d, "rate": (d["on_time"] / (d["on_time"] + d["late"]))
                           if d["on_time"] + d["late"] else None}
                          for y, d in sorted(ot.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))]
        known = sum(d["on_time"] + d["late"] for d in ot.values())
        out["on_time_rate"] = (sum(d["on_time"] for d in ot.values()) / known) if known else None
        # verdicts
        out["verdicts"] = [{"verdict": v or "未判定", "n": n} for v, n in conn.execute(
            sa.select(r.c.verdict, sa.func.count()).where(cur).group_by(r.c.verdict).order_by(sa.func.count().desc()))]
        # missing statutory parts (the engine's structure.missing_part findings)
        missing: dict[str, set[int]] = {}
        for rid, data in conn.execute(sa.select(f.c.report_id, f.c.data).join(r, r.c.id == f.c.report_id)
                                      .where(cur).where(f.c.rule == "structure.missing_part")):
            part = (data or {}).get("part")
            if part:
                missing.setdefault(part, set()).add(rid)
        required = [p["id"] for p in catalog.load("frameworks")["statutory_parts"]["parts"] if p.get("required")]
        out["missing_parts"] = [{"part": p, "name": PART_NAMES.get(p, p), "n": len(missing.get(p, ())),
                                 "rate": (len(missing.get(p, ())) / total) if total else None}
                                for p in required]
        # most frequent findings
        # (all of them: reviewers' dismissals are taken off per request, see `top_findings`)
        # one row per rule (a rule that raises several severities is one problem), with the
        # counts per severity beside it
        rows = conn.execute(sa.select(f.c.rule, sa.func.count(), sa.func.count(sa.distinct(f.c.report_id)))
                            .join(r, r.c.id == f.c.report_id).where(cur)
                            .group_by(f.c.rule).order_by(sa.func.count().desc())).all()
        by_sev: dict[str, dict[str, int]] = {}
        for rule, sev, n in conn.execute(sa.select(f.c.rule, f.c.severity, sa.func.count())
                                         .join(r, r.c.id == f.c.report_id).where(cur)
                                         .group_by(f.c.rule, f.c.severity)):
            by_sev.setdefault(rule, {})[sev] = n
        out["findings_all"] = [{"rule": rule, "title": _rule_title(rule), "severity": _worst(by_sev.get(rule, {})),
                                "by_severity": by_sev.get(rule, {}), "n": n, "reports": nr}
                               for rule, n, nr in rows]
        out["top_findings"] = out["findings_all"][:TOP_FINDINGS]
        # key indicators: distributions and outliers
        names = _indicator_names()
        vals: dict[str, list[tuple[float, int, str | None, int | None]]] = {}
        for ind, value, rid, juris, dept, year in conn.execute(
                sa.select(T.facts.c.indicator, T.facts.c.value, T.facts.c.report_id, r.c.jurisdiction,
                          r.c.department, r.c.report_year)
                .join(r, r.c.id == T.facts.c.report_id).where(cur)
                .where(T.facts.c.indicator.in_(KEY_INDICATORS)).where(T.facts.c.value.is_not(None))):
            place = dept if dept and juris and juris in dept else "".join(x for x in (juris, dept) if x) or None
            vals.setdefault(ind, []).append((float(value), rid, place, year))
    inds: list[dict[str, Any]] = []
    for ind in KEY_INDICATORS:
        pts = vals.get(ind) or []
        b = box([v for v, _, _, _ in pts])
        if b is None:
            inds.append({"indicator": ind, "name": names.get(ind, ind), "box": None, "outliers": []})
            continue
        outl: list[dict[str, Any]] = [{"value": v, "report_id": rid, "place": place, "year": year} for v, rid, place, year in pts
                if v < b["low_fence"] or v > b["high_fence"]]
        outl.sort(key=lambda o: o["value"])
        inds.append({"indicator": ind, "name": names.get(ind, ind), "box": b, "outliers": outl[:200],
                     "n_outliers": len(outl)})
    out["indicators"] = inds
    out["coverage"] = coverage_heatmap(store, scope)
    return out


TOP_FINDINGS = 15


def _worst(by_severity: dict[str, int]) -> str | None:
    return next((s for s in ("major", "minor", "info") if by_severity.get(s)), None)


def top_findings(store, findings_all: list[dict[str, Any]], n: int = TOP_FINDINGS,
                 scope: Scope = ALL) -> list[dict[str, Any]]:
    """The most frequent findings without those reviewers dismissed (their latest decision).

    The per-rule totals come from the cached aggregate; the dismissals are read fresh (the
    decisions table is small: one row per reviewer action), so a dismissal shows at once
    without recomputing the whole dashboard."""
    d, f, r = T.decisions, T.findings, T.reports
    with store.engine.connect() as conn:
        latest: dict[tuple[str, str], str] = {}
        for rk, fk, dec in conn.execute(sa.select(d.c.report_key, d.c.finding_key, d.c.decision)
                                        .order_by(d.c.at, d.c.id)):
            latest[(rk, fk)] = dec
        gone = {k for k, dec in latest.items() if dec == "dismissed"}
        if not gone:
            return findings_all[:n]
        keys = sorted({rk for rk, _ in gone})
        # (rule, report) -> [all, dismissed, {severity: dismissed}]
        per: dict[tuple[str, int], list[Any]] = {}
        for i in range(0, len(keys), 500):
            for rk, fk, rule, sev, rid in conn.execute(
                    sa.select(r.c.report_key, f.c.key, f.c.rule, f.c.severity, f.c.report_id)
                    .join(r, r.c.id == f.c.report_id).where(r.c.current == sa.true(), scope.where())
                    .where(r.c.report_key.in_(keys[i:i + 500]))):
                c = per.setdefault((rule, rid), [0, 0, {}])
                c[0] += 1
                if (rk, fk) in gone:
                    c[1] += 1
                    c[2][sev] = c[2].get(sev, 0) + 1
    minus: dict[str, list] = {}
    for (rule, _), (n_all, n_gone, sevs) in per.items():
        if n_gone:
            m = minus.setdefault(rule, [0, 0, {}])
            m[0] += n_gone
            m[1] += n_gone == n_all                            # no live finding of this rule left there
            for k, v in sevs.items():
                m[2][k] = m[2].get(k, 0) + v
    out = []
    for row in findings_all:
        gone_of = minus.get(row["rule"])
        if gone_of:
            left = {k: v - gone_of[2].get(k, 0) for k, v in (row.get("by_severity") or {}).items()}
            left = {k: v for k, v in left.items() if v > 0}
            row = dict(row, n=row["n"] - gone_of[0], reports=row["reports"] - gone_of[1], dismissed=gone_of[0],
                       by_severity=left, severity=_worst(left) or row["severity"])
        if row["n"] > 0:
            out.append(row)
    out.sort(key=lambda x: -x["n"])
    return out[:n]


def coverage_heatmap(store, scope: Scope = ALL) -> dict[str, Any]:
    """Share of reports (per province) whose sections cover each 纲要 task area."""
    r = T.reports
    fws = catalog.load("frameworks").get("frameworks") or []
    area_titles: dict[str, str] = {}
    for fw in fws:
        for a in fw.get("areas") or []:
            area_titles.setdefault(a["id"], a.get("title") or a["id"])
    with store.engine.connect() as conn:
        prov = {rid: (p or "（未识别）") for rid, p in conn.execute(
            sa.select(r.c.id, r.c.province).where(r.c.current == sa.true(), scope.where()))}
        tagged: dict[int, set[str]] = {}
        for rid, areas in conn.execute(sa.select(T.sections.c.report_id, T.sections.c.areas)
                                       .join(r, r.c.id == T.sections.c.report_id)
                                       .where(r.c.current == sa.true(), scope.where())):
            if areas:
                tagged.setdefault(rid, set()).update(areas)
    per_prov: dict[str, int] = {}
    hits: dict[tuple[str, str], int] = {}
    for rid, p in prov.items():
        if rid not in tagged:
            continue                     # no area tagged at all: unknown, not "uncovered"
        per_prov[p] = per_prov.get(p, 0) + 1
        for a in tagged[rid]:
            hits[(p, a)] = hits.get((p, a), 0) + 1
    areas = [a for a in area_titles if any(k[1] == a for k in hits)] or list(area_titles)
    provinces = sorted(per_prov)
    cells = [[i, j, round(hits.get((p, a), 0) / per_prov[p], 3)]
             for j, p in enumerate(provinces) for i, a in enumerate(areas)]
    return {"areas": [area_titles.get(a, a) for a in areas], "area_ids": areas, "provinces": provinces,
            "reports": [per_prov[p] for p in provinces], "cells": cells}


def _rule_title(rule: str) -> str:
    try:
        from ..checks.registry import get_rule
        return get_rule(rule).title
    except Exception:
        return rule
