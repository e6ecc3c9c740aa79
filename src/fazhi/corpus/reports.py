"""Reports in the corpus database: writing an analysed file (source, report row, sections,
facts, findings, paragraph signatures, search index), reading reports back, and the
reviewers' decisions and added findings with the after-review verdicts they give.

Functions take the `Store` (corpus/store.py), whose methods of the same names delegate here.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from typing import TYPE_CHECKING, Any, Iterable, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..textnorm import normalize_view
from . import schema as T
from .db import new_id as _new_id
from .db import now

if TYPE_CHECKING:
    from .store import Store

_PUNCT = re.compile(r"[^\w]+")


def finding_key(rule: str, quote: str, extra: str = "") -> str:
    """Stable key of a finding: rule + normalized evidence quote (whitespace and punctuation
    dropped, full-width and traditional folded), so a re-analysis finds the same key."""
    q = _PUNCT.sub("", normalize_view(quote or "")).lower()
    return hashlib.sha1(f"{rule}\x1f{q}\x1f{extra}".encode("utf-8")).hexdigest()[:24]


def report_key_for(name: str | None, meta: dict[str, Any]) -> str | None:
    """The identity of a report across versions: place + year when both are known."""
    from .similarity import is_masked
    if meta.get("jurisdiction") and meta.get("report_year") and not is_masked(meta["jurisdiction"]):
        parts = [meta.get("province") or "", meta["jurisdiction"], meta.get("department") or "",
                 meta.get("kind") or "", str(meta["report_year"])]
        return "place:" + "|".join(parts)
    return None


def machine_meta(doc: dict[str, Any]) -> dict[str, Any]:
    from ..supervision.corrections import machine_meta
    return machine_meta(doc)


def reviewed_col(name: str):
    """The after-review value of a reports column ("verdict", "major", "minor", "info"):
    COALESCE(reviewed_*, the engine's column)."""
    r = T.reports
    engine = {"verdict": r.c.verdict, "major": r.c.n_major, "minor": r.c.n_minor, "info": r.c.n_info}[name]
    return sa.func.coalesce(r.c["reviewed_" + name], engine)


def review_inputs(doc: dict[str, Any]):
    """(Report, decisions, reviewer findings) of a stored document (`Store.report_json`), as
    `review.verdict` and the review renderers take them. Finding ids are numbered per
    report: F1…Fn in the order the store holds them, R1…Rn for findings reviewers added."""
    from ..model import Evidence, Finding, Report
    text = doc.get("text") or ""
    extra = []
    for k, r in enumerate((doc.get("store") or {}).get("reviewer_findings") or [], 1):
        s, e = r.get("start"), r.get("end")
        evs = ([Evidence(s, e, text[s:e])]
               if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text) else [])
        extra.append(Finding(rule="quality.reviewer", severity=r.get("severity") or "minor",
                             message=r.get("message") or "", evidence=evs, id=f"R{k}",
                             data={"user": r.get("user"), "at": r.get("at")}))
    decs = {f["id"]: f["decision"] for f in doc.get("findings") or [] if f.get("decision")}
    return Report.from_json(doc), decs, extra


def _iso(x) -> str | None:
    return x.isoformat() if isinstance(x, (dt.datetime, dt.date)) else x


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: _iso(v) for k, v in d.items()}


# -- writing a report -----------------------------------------------------------------
def has_sha(store: Store, sha: str) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(T.sources.c.id).where(T.sources.c.sha256 == sha)).first() is not None


def store_one(store: Store, name: str, sha: str, data: bytes, res: dict[str, Any],
              run_id: int) -> tuple[str, int | None]:
    """One file in its own transaction."""
    with store.engine.begin() as conn:
        return store_in(store, conn, name, sha, data, res, run_id)


def store_in(store: Store, conn: Connection, name: str, sha: str, data: bytes, res: dict[str, Any],
             run_id: int) -> tuple[str, int | None]:
    """Source row, report row (current), annotations, inside the caller's transaction.

    A document without a verdict was not analysed to the end: it is refused, never stored
    as a clean report."""
    doc = res["json"]
    if not (doc.get("review") or {}).get("verdict"):
        raise ValueError(f"{name}: analysis incomplete (no verdict), not stored")
    if conn.execute(sa.select(T.sources.c.id).where(T.sources.c.sha256 == sha)).first():
        return "skipped", None
    key = report_key_for(name, machine_meta(doc))   # the identity is what the machine read
    if key is None:
        prev = conn.execute(sa.select(T.sources.c.report_key).where(T.sources.c.name == name)
                            .order_by(T.sources.c.id.desc())).first()
        key = prev[0] if prev else f"file:{name}"
    version = (conn.execute(sa.select(sa.func.max(T.sources.c.version))
                            .where(T.sources.c.report_key == key)).scalar() or 0) + 1
    if version > 1:
        conn.execute(T.reports.update().where(T.reports.c.report_key == key).values(current=False))
    sid = _new_id(conn.execute(T.sources.insert().values(
        sha256=sha, name=name, media_type=(doc.get("source") or {}).get("media_type"),
        size=len(data), loaded_at=now(), report_key=key, version=version, content=data,
    )))
    sev = [f.get("severity") or "info" for f in doc.get("findings") or []]
    rid = _new_id(conn.execute(T.reports.insert().values(
        source_id=sid, report_key=key, version=version, current=True, run_id=run_id,
        n_major=sev.count("major"), n_minor=sev.count("minor"), n_info=sev.count("info"),
        **report_columns(store, res))))
    insert_children(store, conn, rid, res)
    return ("version" if version > 1 else "new"), rid


def report_columns(store: Store, res: dict[str, Any]) -> dict[str, Any]:
    doc = res["json"]
    meta = doc.get("meta") or {}
    verdict = doc.get("verdict") or (doc.get("review") or {}).get("verdict")
    if isinstance(verdict, dict):
        verdict = verdict.get("verdict") or verdict.get("level") or json.dumps(verdict, ensure_ascii=False)
    return dict(
        title=meta.get("title"), jurisdiction=meta.get("jurisdiction"), parent=meta.get("parent"),
        province=meta.get("province"), level=meta.get("level"), department=meta.get("department"),
        adcode=meta.get("adcode"), report_year=meta.get("report_year"),
        report_date=meta.get("report_date"), publish_date=meta.get("publish_date"),
        kind=meta.get("kind"), framework=meta.get("framework"),
        verdict=verdict if verdict is None else str(verdict),
        late=late(store, doc), analyzed_at=now(),
        corrected=",".join(c["field"] for c in doc.get("corrections") or []) or None,
        json=json.dumps({k: v for k, v in doc.items() if k != "text"}, ensure_ascii=False),
        text=doc.get("text") or "",
    )


def late(store: Store, doc: dict[str, Any]) -> bool | None:
    """True when a finding says late; else judged from the publication date and the
    publication deadline (corpus.deadline_publish of the following year); None if unknown."""
    state = (doc.get("review") or {}).get("timeliness")
    if state in ("late", "on_time", "unknown"):     # the engine's one computation (checks/years.py)
        return {"late": True, "on_time": False, "unknown": None}[state]
    # documents analysed before the engine stored timeliness
    names = set(store.config.get("corpus.late_rules") or [])
    for f in doc.get("findings") or []:
        if f.get("rule", "").split(".")[-1] in names:
            return True
    meta = doc.get("meta") or {}
    pub, year = meta.get("publish_date"), meta.get("report_year")
    if pub and year:
        return pub > f"{year + 1}-{store.config.get('corpus.deadline_publish', '04-01')}"
    return None


def insert_many(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """INSERT rows that all have the same keys, as one executemany through the driver.

    The values go through the columns' own bind processors (JSON serialised as SQLAlchemy
    does), so the stored values are those of `conn.execute(table.insert(), rows)`; what is
    left out is SQLAlchemy's per-row parameter processing, which costs about as much as
    the rows' SQL on SQLite."""
    if not rows:
        return
    cols = tuple(rows[0])
    sql, procs = _insert_plan(conn.dialect, table, cols)
    conn.exec_driver_sql(sql, [tuple(r[c] if p is None else p(r[c]) for c, p in zip(cols, procs)) for r in rows])


@functools.lru_cache(maxsize=64)
def _insert_plan(dialect, table: sa.Table, cols: tuple[str, ...]) -> tuple[str, tuple]:
    prep = dialect.identifier_preparer
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {prep.format_table(table)} ({', '.join(prep.quote(c) for c in cols)}) "
           f"VALUES ({', '.join([mark] * len(cols))})")
    return sql, tuple(table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in cols)


def insert_children(store: Store, conn: Connection, rid: int, res: dict[str, Any]) -> None:
    doc = res["json"]
    rows = []

    def walk(secs, parent):
        for s in secs or []:
            rows.append(dict(report_id=rid, sid=s.get("id"), parent_sid=parent, number=s.get("number"),
                             level=s.get("level"), heading=s.get("heading"), start=s.get("start"),
                             end=s.get("end"), heading_start=s.get("heading_start"),
                             heading_end=s.get("heading_end"), part=s.get("part"), areas=list(s.get("areas") or [])))
            walk(s.get("children"), s.get("id"))
    walk(doc.get("sections"), None)
    insert_many(conn, T.sections, rows)
    frows = [dict(report_id=rid, fid=f.get("id"), indicator=f.get("indicator"),
                  value=f.get("value"), unit=f.get("unit"), year=f.get("year"), kind=f.get("kind"),
                  subject=f.get("subject"), quote=f.get("quote"), start=f.get("start"),
                  end=f.get("end"), section=f.get("section"))
             for f in doc.get("facts") or []]
    insert_many(conn, T.facts, frows)
    insert_findings(store, conn, rid, doc.get("findings") or [])
    prows = [dict(report_id=rid, start=s, end=e, signature=sig) for s, e, sig in res.get("paragraphs") or []]
    insert_many(conn, T.paragraphs, prows)
    index_text(store, conn, rid, doc.get("text") or "")


def insert_findings(store: Store, conn: Connection, rid: int, findings: list[dict[str, Any]]) -> None:
    insert_many(conn, T.findings, finding_rows(rid, findings))


def finding_rows(rid: int, findings: list[dict[str, Any]],
                 used: dict[str, int] | None = None) -> list[dict[str, Any]]:
    rows, used = [], ({} if used is None else used)
    for f in findings:
        ev = f.get("evidence") or []
        quote = f.get("key_quote") or (ev[0].get("quote") if ev else "") or ""
        key = finding_key(f["rule"], quote, f.get("key_extra") or "")
        n = used.get(key, 0)
        used[key] = n + 1
        if n:
            key = f"{key}-{n + 1}"
        rows.append(dict(report_id=rid, rule=f["rule"], family=f.get("family") or f["rule"].split(".")[0],
                         severity=f.get("severity") or "info", message=f.get("message") or "",
                         evidence=ev, suggestion=f.get("suggestion"), data=f.get("data") or {},
                         key=key))
    return rows


def index_text(store: Store, conn: Connection, rid: int, text: str) -> None:
    """The report's stored text into the search index (corpus/search.py)."""
    from .search import index_text as add
    add(store.dialect, conn, rid, text)


def unindex_text(store: Store, conn: Connection, rid: int) -> None:
    """The report out of the search index (before its text is replaced)."""
    from .search import unindex_text as remove
    old = conn.execute(sa.select(T.reports.c.text).where(T.reports.c.id == rid)).scalar()
    remove(store.dialect, conn, rid, old)


def recount(conn: Connection, rids: Iterable[int] | None = None) -> None:
    """Finding counts per severity on the reports (all of them when rids is None), in one
    UPDATE with correlated counts."""
    f, r = T.findings, T.reports

    def n(sev):
        return (sa.select(sa.func.count()).select_from(f)
                .where(f.c.report_id == r.c.id, f.c.severity == sev).scalar_subquery())
    q = r.update().values(n_major=n("major"), n_minor=n("minor"), n_info=n("info"))
    if rids is not None:
        ids = list(rids)
        if not ids:
            return
        q = q.where(r.c.id.in_(ids))
    conn.execute(q)


def replace_analysis(store: Store, sid: int, res: dict[str, Any], run_id: int) -> None:
    with store.engine.begin() as conn:
        rid: int = conn.execute(sa.select(T.reports.c.id).where(T.reports.c.source_id == sid)).scalar_one()
        for t in (T.sections, T.facts, T.findings, T.paragraphs):
            conn.execute(t.delete().where(t.c.report_id == rid))
        unindex_text(store, conn, rid)
        conn.execute(T.reports.update().where(T.reports.c.id == rid).values(
            run_id=run_id, **report_columns(store, res)))
        insert_children(store, conn, rid, res)
        recount(conn, [rid])
        key: str = conn.execute(sa.select(T.reports.c.report_key).where(T.reports.c.id == rid)).scalar_one()
    store.refresh_reviewed(keys=[key])


# -- reading ----------------------------------------------------------------------------
def report(store: Store, rid: int) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(T.reports, T.sources.c.name, T.sources.c.sha256,
                                     T.sources.c.loaded_at)
                           .join(T.sources, T.sources.c.id == T.reports.c.source_id)
                           .where(T.reports.c.id == rid)).first()
        if row is None:
            return None
        d = dict(row._mapping)
        d["findings"] = [dict(r._mapping) for r in conn.execute(
            sa.select(T.findings).where(T.findings.c.report_id == rid).order_by(T.findings.c.id))]
        decs = decisions(conn, d["report_key"])
        for f in d["findings"]:
            f["decision"] = decs.get(f["key"])
        d["reviewer_findings"] = [dict(r._mapping) for r in conn.execute(
            sa.select(T.reviewer_findings).where(T.reviewer_findings.c.report_key == d["report_key"])
            .order_by(T.reviewer_findings.c.id))]
        d["versions"] = [dict(r._mapping) for r in conn.execute(
            sa.select(T.reports.c.id, T.reports.c.version, T.reports.c.current, T.sources.c.name,
                      T.sources.c.loaded_at)
            .join(T.sources, T.sources.c.id == T.reports.c.source_id)
            .where(T.reports.c.report_key == d["report_key"]).order_by(T.reports.c.version))]
    return d


def source_content(store: Store, rid: int) -> tuple[str | None, str | None, bytes | None]:
    """(file name, media type, the bytes as loaded) of a stored report's source."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(T.sources.c.name, T.sources.c.media_type, T.sources.c.content)
                           .join(T.reports, T.reports.c.source_id == T.sources.c.id)
                           .where(T.reports.c.id == rid)).first()
    if row is None:
        return None, None, None
    return row[0], row[1], (bytes(row[2]) if row[2] is not None else None)


def report_json(store: Store, rid: int) -> dict[str, Any] | None:
    """The stored contract document with the stored findings (engine + corpus), each with
    its stable key and the reviewers' latest decision, plus a "store" block."""
    d = store.report(rid)
    if d is None:
        return None
    doc = json.loads(d["json"])
    doc.setdefault("text", d["text"])       # the text is stored once, in reports.text
    # one numbering everywhere: F1…Fn per report, as `fazhi analyze`, the Excel and the
    # opinion number them; db_id is the finding's row (the web forms post it)
    doc["findings"] = [{"id": f"F{k}", "db_id": f["id"], "rule": f["rule"], "family": f["family"],
                        "severity": f["severity"], "message": f["message"],
                        "evidence": f["evidence"] or [], "suggestion": f["suggestion"],
                        "data": f["data"] or {}, "key": f["key"], "decision": f["decision"]}
                       for k, f in enumerate(d["findings"], 1)]
    doc["store"] = {"id": d["id"], "report_key": d["report_key"], "version": d["version"],
                    "current": bool(d["current"]), "name": d["name"],
                    "loaded_at": _iso(d["loaded_at"]), "late": d["late"], "verdict": d["verdict"],
                    "counts": {"major": d["n_major"], "minor": d["n_minor"], "info": d["n_info"]},
                    "reviewed": None if d["reviewed_verdict"] is None else {
                        "verdict": d["reviewed_verdict"],
                        "counts": {"major": d["reviewed_major"], "minor": d["reviewed_minor"],
                                   "info": d["reviewed_info"]}},
                    "versions": [{"id": v["id"], "version": v["version"], "current": bool(v["current"]),
                                  "name": v["name"]} for v in d["versions"]],
                    "reviewer_findings": [_jsonable(r) for r in d["reviewer_findings"]]}
    return doc


def list_reports(store: Store, *, province: str | None = None, year: int | None = None,
                 level: str | None = None, kind: str | None = None, severity: str | None = None,
                 jurisdiction: str | None = None, verdict: str | None = None,
                 all_versions: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored reports; verdict and severity filter on the values after the reviewers'
    decisions when there are any (`reviewed_*`), else on the engine's."""
    r = T.reports
    cols = [r.c.id, r.c.report_key, r.c.version, r.c.current, r.c.title, r.c.jurisdiction,
            r.c.parent, r.c.province, r.c.level, r.c.department, r.c.report_year, r.c.report_date,
            r.c.publish_date, r.c.kind, r.c.framework, r.c.verdict, r.c.n_major, r.c.n_minor,
            r.c.n_info, r.c.late, T.sources.c.name, r.c.reviewed_verdict, r.c.reviewed_major,
            r.c.reviewed_minor, r.c.reviewed_info, r.c.corrected]
    q = sa.select(*cols).join(T.sources, T.sources.c.id == r.c.source_id)
    if not all_versions:
        q = q.where(r.c.current == sa.true())
    if province:
        q = q.where(r.c.province == province)
    if year:
        q = q.where(r.c.report_year == int(year))
    if level:
        q = q.where(r.c.level == level)
    if kind:
        q = q.where(r.c.kind == kind)
    if jurisdiction:
        q = q.where(r.c.jurisdiction == jurisdiction)
    if verdict:
        q = q.where(reviewed_col("verdict") == verdict)
    if severity:
        q = q.where(reviewed_col(severity) > 0)
    q = q.order_by(r.c.province, r.c.jurisdiction, r.c.report_year, r.c.id)
    if limit:
        q = q.limit(limit)
    with store.engine.connect() as conn:
        return [dict(x._mapping) for x in conn.execute(q)]


def findings(store: Store, *, report_id: int | None = None, family: str | None = None,
             current: bool = True) -> list[dict[str, Any]]:
    r, f = T.reports, T.findings
    q = (sa.select(f, r.c.report_key, r.c.province, r.c.jurisdiction, r.c.department,
                   r.c.report_year, r.c.title, r.c.corrected)
         .join(r, r.c.id == f.c.report_id))
    if current:
        q = q.where(r.c.current == sa.true())
    if report_id is not None:
        q = q.where(f.c.report_id == report_id)
    if family:
        q = q.where(f.c.family == family)
    q = q.order_by(f.c.report_id, f.c.id)
    with store.engine.connect() as conn:
        rows = [dict(x._mapping) for x in conn.execute(q)]
        keys = {x["report_key"] for x in rows}
        if len(keys) <= 50:
            decs = {k: decisions(conn, k) for k in keys}
        else:                       # many reports: all decisions in one query
            decs = {k: {} for k in keys}
            for row in conn.execute(sa.select(T.decisions).order_by(T.decisions.c.at, T.decisions.c.id)):
                if row.report_key in decs:
                    decs[row.report_key][row.finding_key] = {
                        "decision": row.decision, "user": row.user, "comment": row.comment, "at": _iso(row.at)}
    for x in rows:
        x["decision"] = decs[x["report_key"]].get(x["key"])
    return rows


def facts(store: Store, *, current: bool = True, indicator_only: bool = True, province: str | None = None,
          year: int | None = None, report_ids: Iterable[int] | None = None,
          jurisdiction: str | None = None, indicator: str | None = None) -> list[dict[str, Any]]:
    r, f = T.reports, T.facts
    q = (sa.select(f, r.c.province, r.c.parent, r.c.jurisdiction, r.c.department, r.c.level,
                   r.c.report_year, r.c.report_key, r.c.corrected).join(r, r.c.id == f.c.report_id))
    if current:
        q = q.where(r.c.current == sa.true())
    if indicator_only:
        q = q.where(f.c.indicator.is_not(None))
    if province:
        q = q.where(r.c.province == province)
    if year:
        q = q.where(r.c.report_year == int(year))
    if report_ids is not None:
        q = q.where(f.c.report_id.in_(list(report_ids)))
    if jurisdiction:
        q = q.where(r.c.jurisdiction == jurisdiction)
    if indicator:
        q = q.where(f.c.indicator == indicator)
    with store.engine.connect() as conn:
        return [dict(x._mapping) for x in conn.execute(q.order_by(f.c.report_id, f.c.start))]


def sections(store: Store, report_id: int) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(x._mapping) for x in conn.execute(
            sa.select(T.sections).where(T.sections.c.report_id == report_id).order_by(T.sections.c.id))]


def current_reports_full(store: Store) -> list[dict[str, Any]]:
    """Current reports with their text and contract JSON (for corpus analyses)."""
    r = T.reports
    with store.engine.connect() as conn:
        return [dict(x._mapping) for x in conn.execute(
            sa.select(r.c.id, r.c.report_key, r.c.province, r.c.jurisdiction, r.c.department,
                      r.c.kind, r.c.report_year, r.c.publish_date, r.c.report_date, r.c.text, r.c.json)
            .where(r.c.current == sa.true()).order_by(r.c.id))]


def signature_table(store: Store):
    """Paragraph signatures of the current reports as arrays (similarity.SignatureTable),
    read with the driver's cursor in one pass (millions of rows at 100,000 reports)."""
    from .similarity import SignatureTable
    p, r = T.paragraphs, T.reports
    q = (sa.select(p.c.id, p.c.report_id, p.c.start, p.c.end, p.c.signature)
         .join(r, r.c.id == p.c.report_id).where(r.c.current == sa.true()).order_by(p.c.id))
    num_perm = store.config.get("corpus.similarity.num_perm")
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=50_000).execute(q)
        return SignatureTable.build((cast("tuple[int, int, int, int, bytes]", tuple(x)) for x in result), num_perm)


def paragraph_rows(store: Store, report_ids: Iterable[int] | None = None) -> list[tuple]:
    p, r = T.paragraphs, T.reports
    q = (sa.select(p.c.id, p.c.report_id, p.c.start, p.c.end, p.c.signature)
         .join(r, r.c.id == p.c.report_id).where(r.c.current == sa.true()))
    if report_ids is not None:
        q = q.where(p.c.report_id.in_(list(report_ids)))
    with store.engine.connect() as conn:
        rows = cast("Iterable[tuple[int, int, int, int, bytes]]", conn.execute(q.order_by(p.c.id)))
        return [(a, b, c, d, bytes(e)) for a, b, c, d, e in rows]


def report_text(store: Store, rid: int) -> str | None:
    """The text of a stored report (None when there is no such report)."""
    with store.engine.connect() as conn:
        return conn.execute(sa.select(T.reports.c.text).where(T.reports.c.id == rid)).scalar()


def report_title_verdict(store: Store, rid: int) -> tuple[str | None, str | None]:
    """(title, engine verdict) of a stored report (NoResultFound when there is no such report)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(T.reports.c.title, T.reports.c.verdict)
                           .where(T.reports.c.id == rid)).one()
    return cast("str | None", row[0]), cast("str | None", row[1])


def report_by_sha(store: Store, sha: str) -> dict[str, Any] | None:
    """id, title and engine verdict of a report of the source with this SHA-256 (None when the
    file was never stored)."""
    r = T.reports
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(r.c.id, r.c.title, r.c.verdict).join(T.sources, T.sources.c.id == r.c.source_id)
                           .where(T.sources.c.sha256 == sha)).first()
    return None if row is None else dict(row._mapping)


def current_count(store: Store) -> int:
    """How many current reports the corpus holds."""
    with store.engine.connect() as conn:
        n: int = conn.execute(sa.select(sa.func.count()).select_from(T.reports)
                              .where(T.reports.c.current == sa.true())).scalar_one()
    return n


def finding_row(store: Store, finding_id: int) -> dict[str, Any] | None:
    """A stored finding's id, report_id, key and rule (None when there is no such row)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(T.findings.c.id, T.findings.c.report_id, T.findings.c.key,
                                     T.findings.c.rule).where(T.findings.c.id == finding_id)).first()
    return None if row is None else dict(row._mapping)


def finding_number(store: Store, report_id: int, finding_id: int) -> int:
    """A finding's number in its report (F1…Fn, as `report_json` numbers them)."""
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(T.findings).where(
            T.findings.c.report_id == report_id, T.findings.c.id <= finding_id)).scalar() or 0)


# -- reviewers' data -----------------------------------------------------------------
def decisions(conn: Connection, report_key: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in conn.execute(sa.select(T.decisions).where(T.decisions.c.report_key == report_key)
                            .order_by(T.decisions.c.at, T.decisions.c.id)):
        out[row.finding_key] = {"decision": row.decision, "user": row.user, "comment": row.comment,
                                "at": _iso(row.at)}
    return out


def decide(store: Store, report_id: int, finding_key: str, decision: str, *, user: str | None = None,
           comment: str | None = None) -> None:
    """Record a reviewer's decision on a finding (kept across re-analysis and versions)."""
    with store.engine.begin() as conn:
        key: str = conn.execute(sa.select(T.reports.c.report_key).where(T.reports.c.id == report_id)).scalar_one()
        conn.execute(T.decisions.insert().values(report_key=key, finding_key=finding_key, user=user,
                                                 decision=decision, comment=comment, at=now()))
    store.refresh_reviewed(keys=[key])


def add_reviewer_finding(store: Store, report_id: int, start: int, end: int, message: str, *,
                         severity: str = "minor", user: str | None = None) -> int:
    with store.engine.begin() as conn:
        key, text = cast("tuple[str, str]", conn.execute(sa.select(T.reports.c.report_key, T.reports.c.text)
                                                         .where(T.reports.c.id == report_id)).one())
        if not (0 <= start <= end <= len(text)):
            raise ValueError("offsets outside the report text")
        new = _new_id(conn.execute(T.reviewer_findings.insert().values(
            report_key=key, start=start, end=end, quote=text[start:end], message=message,
            severity=severity, user=user, at=now())))
    store.refresh_reviewed(keys=[key])
    return new


def refresh_reviewed(store: Store, *, keys: Iterable[str] | None = None) -> int:
    """Store the verdict and per-severity counts after the reviewers' decisions and added
    findings (`reports.reviewed_*`, computed by `review.verdict` from the stored JSON, as the
    review opinion states them), for every version of the given report keys (all keys with
    reviewer input when None). Reports without reviewer input get nulls. Returns how many
    reports were computed."""
    from ..review import review_items, verdict
    r = T.reports
    with_input = sa.union(sa.select(T.decisions.c.report_key),
                          sa.select(T.reviewer_findings.c.report_key))
    with store.engine.connect() as conn:
        has: set[str] = {row[0] for row in conn.execute(with_input)}
        if keys is None:
            hl = sorted(has)
            ids: list[int] = [row[0] for j in range(0, len(hl), 500) for row in conn.execute(
                sa.select(r.c.id).where(r.c.report_key.in_(hl[j:j + 500])))]
            blank = []
        else:
            keys = list(keys)
            mine = [k for k in keys if k in has]
            ids = [row[0] for j in range(0, len(mine), 500) for row in conn.execute(
                sa.select(r.c.id).where(r.c.report_key.in_(mine[j:j + 500])))]
            blank = [k for k in keys if k not in has]
    values = []
    for rid in ids:
        doc = store.report_json(rid)
        if doc is None:
            continue
        report, decs, extra = review_inputs(doc)
        label, _ = verdict(report, store.config, decs, extra)
        live = [it for it in review_items(report, decs, extra) if not it.dismissed]
        values.append({"rid": rid, "v": label, **{s: sum(1 for it in live if it.finding.severity == s)
                                                   for s in ("major", "minor", "info")}})
    with store.engine.begin() as conn:
        if values:
            conn.execute(r.update().where(r.c.id == sa.bindparam("rid")).values(
                reviewed_verdict=sa.bindparam("v"), reviewed_major=sa.bindparam("major"),
                reviewed_minor=sa.bindparam("minor"), reviewed_info=sa.bindparam("info")), values)
        for i in range(0, len(blank), 500):   # chunks: an ingest of 100,000 files passes 100,000 keys
            conn.execute(r.update().where(r.c.report_key.in_(blank[i:i + 500])).values(
                reviewed_verdict=None, reviewed_major=None, reviewed_minor=None, reviewed_info=None))
    return len(values)
