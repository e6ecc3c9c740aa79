"""`fazhi check-db`: is the stored corpus consistent?

Checks (each problem is one line in Chinese, with a count and a few ids):
- every source has exactly one report and every report its source; no rows of sections,
  facts, findings or paragraphs without their report;
- per report key exactly one current report, the one of the highest version;
- every report has a verdict and its severity counts match its findings;
- the search index holds exactly the reports (SQLite search_fts, PostgreSQL search_docs);
- no interrupted run is left (an ingest or reanalyze whose process is gone before it finished:
  running the same command again resumes it);
- with deep=True, the stored corpus findings are those the current reports give now.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from . import schema as T


def _ids(rows, n: int = 5) -> str:
    xs = [str(r[0]) for r in rows]
    return "、".join(xs[:n]) + ("…" if len(xs) > n else "")


def check_db(store, deep: bool = False) -> list[dict[str, Any]]:
    """Problems found, each {"check", "count", "message"}; empty when the database is consistent."""
    out: list[dict[str, Any]] = []

    def problem(check: str, rows: list, message: str) -> None:
        if rows:
            out.append({"check": check, "count": len(rows), "message": f"{message}（{len(rows)} 处：{_ids(rows)}）"})

    s, r, f = T.sources, T.reports, T.findings
    with store.engine.connect() as conn:
        problem("source_without_report", conn.execute(
            sa.select(s.c.id).where(~sa.exists().where(r.c.source_id == s.c.id))).all(),
            "文件已入库但没有分析结果")
        problem("report_without_source", conn.execute(
            sa.select(r.c.id).where(~sa.exists().where(s.c.id == r.c.source_id))).all(),
            "分析结果没有对应的文件")
        for t in (T.sections, T.facts, T.findings, T.paragraphs):
            problem(f"orphan_{t.name}", conn.execute(
                sa.select(t.c.report_id).where(~sa.exists().where(r.c.id == t.c.report_id)).distinct()).all(),
                f"表 {t.name} 中有不属于任何报告的记录")
        problem("duplicate_sha", conn.execute(
            sa.select(s.c.sha256).group_by(s.c.sha256).having(sa.func.count() > 1)).all(),
            "同一文件重复入库")
        problem("current_count", conn.execute(
            sa.select(r.c.report_key).group_by(r.c.report_key)
            .having(sa.func.sum(sa.case((r.c.current == sa.true(), 1), else_=0)) != 1)).all(),
            "同一报告的当前版本不是恰好一个")
        cur = r.alias("cur")
        problem("current_not_latest", conn.execute(
            sa.select(cur.c.id).where(cur.c.current == sa.true(),
                                      cur.c.version != sa.select(sa.func.max(r.c.version))
                                      .where(r.c.report_key == cur.c.report_key).scalar_subquery())).all(),
            "当前版本不是最新版本")
        problem("no_verdict", conn.execute(
            sa.select(r.c.id).where(sa.or_(r.c.verdict.is_(None), r.c.verdict == ""))).all(),
            "报告没有审核结论（分析未完成）")

        def n(sev):
            return (sa.select(sa.func.count()).select_from(f)
                    .where(f.c.report_id == r.c.id, f.c.severity == sev).scalar_subquery())
        problem("counts", conn.execute(
            sa.select(r.c.id).where(sa.or_(r.c.n_major != n("major"), r.c.n_minor != n("minor"),
                                           r.c.n_info != n("info")))).all(),
            "报告的问题计数与问题清单不符")
        if store.dialect in ("sqlite", "postgresql"):
            from .search import indexed_ids
            ids = {x for (x,) in conn.execute(sa.select(r.c.id))}
            indexed = set(indexed_ids(conn))
            problem("search_missing", [(x,) for x in sorted(ids - indexed)], "报告不在全文检索索引中")
            problem("search_orphan", [(x,) for x in sorted(indexed - ids)], "全文检索索引中有已不存在的报告")
        if store.dialect == "sqlite":
            try:
                conn.exec_driver_sql("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
            except Exception as exc:  # noqa: BLE001 - SQLITE_CORRUPT_VTAB: index and content differ
                out.append({"check": "search_fts", "count": 1,
                            "message": f"全文检索索引与内容不一致（{type(exc).__name__}）"})
            conn.rollback()
    runs = store.interrupted_runs()
    if runs:
        kinds = {"ingest": "入库", "reanalyze": "重新分析"}
        out.append({"check": "interrupted_run", "count": len(runs),
                    "message": "有中断的运行（再次运行同一命令即可继续）：" +
                               "；".join(f"#{x['id']} {kinds.get(x['kind'], x['kind'])}" for x in runs)})
    if deep:
        out += _check_corpus_findings(store)
    return out


def _check_corpus_findings(store) -> list[dict[str, Any]]:
    """The stored corpus findings against those computed now from the current reports."""
    from collections import Counter
    from .analyses import iter_corpus_findings
    from .reports import finding_rows
    used: dict[int, dict[str, int]] = {}
    want: Counter[tuple[Any, Any, Any]] = Counter()
    for fd in iter_corpus_findings(store):
        for row in finding_rows(fd["report_id"], [fd], used.setdefault(fd["report_id"], {})):
            want[(row["report_id"], row["rule"], row["key"])] += 1
    f = T.findings
    with store.engine.connect() as conn:
        have = Counter((x.report_id, x.rule, x.key) for x in conn.execute(
            sa.select(f.c.report_id, f.c.rule, f.c.key).where(f.c.family == "corpus")))
    missing, extra = want - have, have - want
    out = []
    if missing:
        out.append({"check": "corpus_missing", "count": sum(missing.values()),
                    "message": f"跨报告分析的问题缺失 {sum(missing.values())} 条（报告 "
                               f"{_ids(sorted((k[0],) for k in missing))}），请运行 fazhi similar --all --full"})
    if extra:
        out.append({"check": "corpus_stale", "count": sum(extra.values()),
                    "message": f"跨报告分析的问题已过时 {sum(extra.values())} 条（报告 "
                               f"{_ids(sorted((k[0],) for k in extra))}），请运行 fazhi similar --all --full"})
    return out
