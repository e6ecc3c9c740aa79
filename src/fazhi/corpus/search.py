"""Chinese-aware full-text search over the stored reports.

SQLite: an FTS5 table (unicode61) over jieba `cut_for_search` segmented text, external content
table `search_docs`; the query is segmented the same way (the tokens of one query term are
OR-ed, the terms AND-ed), then every hit is confirmed in the report text, which also gives
the snippets and their offsets. When more than `rank_window` reports match (a common term in
a large corpus), only the newest rank_window matches (by rowid) are ranked. A term's tokens are also tried as single characters, since the
text around it may be segmented differently from the query; when the index finds nothing
(a string across word boundaries), the texts are scanned with LIKE. Candidates are confirmed
in rank order, 50 texts per query, and confirmation stops once `limit` reports are confirmed. PostgreSQL: `ILIKE` on reports.text, served by the pg_trgm GIN
index when the extension is available (plain LIKE scan otherwise); its matches are taken in id
order and the first `limit` confirmed ones are ranked by their number of hits."""
from __future__ import annotations

import functools
import logging
import re
from typing import Any

import sqlalchemy as sa

from ..textnorm import normalize_view
from . import schema as T

_TOKEN = re.compile(r"\w", re.U)


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


# jieba treats a run of Han characters, letters and digits as one block and builds a DAG over it;
# a pathological run (megabytes without punctuation) costs minutes and gigabytes. Sentences are
# segmented one at a time, and a run longer than 256 characters is cut; real prose is unchanged
# (jieba splits at punctuation anyway).
_PIECE = re.compile(r"[^。！？；!?;\n]{1,256}")


def tokens(text: str) -> list[str]:
    cut = _jieba().cut_for_search
    return [t.lower() for piece in _PIECE.findall(text) for t in cut(piece) if _TOKEN.search(t)]


def segment(norm: str) -> str:
    """The text as space-separated jieba search tokens (for the FTS5 index)."""
    return " ".join(tokens(norm))


def query_terms(query: str) -> list[str]:
    return [normalize_view(t).lower() for t in query.split() if t.strip()]


def _fts_query(terms: list[str]) -> str | None:
    groups = []
    for term in terms:
        toks = sorted(set(tokens(term)))
        if not toks:
            return None
        alts = ['"' + t.replace('"', '""') + '"' for t in toks]
        chars = sorted({c for c in term if _TOKEN.match(c)})
        if len(chars) > 1:   # the text may be segmented differently (茶企 -> 茶 / 企)
            alts.append("(" + " AND ".join('"' + c + '"' for c in chars) + ")")
        groups.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(groups)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _marked(text: str, norm: str, s0: int, e0: int, terms: list[str]) -> list[tuple[str, bool]]:
    """The snippet text[s0:e0] as (piece, is_a_term) pieces: every term is marked, not only the
    one the snippet was cut around."""
    spans: list[tuple[int, int]] = []
    for t in terms:
        j = norm.find(t, s0)
        while 0 <= j and j + len(t) <= e0:
            spans.append((j, j + len(t)))
            j = norm.find(t, j + len(t))
    out, pos = [], s0
    for a, b in sorted(spans):
        if a < pos:
            continue
        if a > pos:
            out.append((text[pos:a].replace("\n", " "), False))
        out.append((text[a:b], True))
        pos = b
    if pos < e0:
        out.append((text[pos:e0].replace("\n", " "), False))
    return out


def _confirm(row, score, terms: list[str], per_report: int, context: int) -> dict[str, Any] | None:
    """The hits of all terms in one report's text (offsets into the text), or None."""
    norm = normalize_view(row.text).lower()
    if not all(t in norm for t in terms):
        return None         # the tokens matched but not the phrase
    hits: list[dict[str, Any]] = []
    count = 0
    for t in terms:
        i = norm.find(t)
        while i >= 0:
            count += 1
            if t == terms[0] and len(hits) < per_report:
                s0, e0 = max(0, i - context), min(len(row.text), i + len(t) + context)
                hits.append({"start": i, "end": i + len(t), "quote": row.text[i:i + len(t)],
                             "snippet": row.text[s0:e0].replace("\n", " "), "snippet_start": s0,
                             "parts": _marked(row.text, norm, s0, e0, terms)})
            i = norm.find(t, i + len(t))
    return {"report_id": row.id, "title": row.title, "province": row.province,
            "jurisdiction": row.jurisdiction, "department": row.department,
            "report_year": row.report_year, "score": score if score is not None else count,
            "count": count, "hits": hits}


def search(store, query: str, *, limit: int = 20, per_report: int = 3,
           context: int = 40, candidates: int = 2000, rank_window: int = 2000,
           scope=None) -> list[dict[str, Any]]:
    """Reports matching every term, best first; `scope` (corpus/scope.Scope) keeps only the
    reports inside it (in the candidate queries, before ranking and the limit)."""
    terms = query_terms(query)
    if not terms:
        return []
    r = T.reports
    prefix = getattr(scope, "prefix", None)
    # the scope in the raw FTS statements: the adcode prefix is digits only (corpus/scope.py)
    in_scope = "" if prefix is None else " AND r.adcode LIKE ?"
    scope_args: tuple = () if prefix is None else (prefix + "%",)
    cond = sa.true() if scope is None else scope.where()
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            fq = _fts_query(terms)
            if fq is None:
                return []
            # bm25 ranks every match; for a common term (most of 100,000 reports) that is the
            # cost of the query, so only the newest `rank_window` matches are ranked
            if prefix is None:
                floor = conn.exec_driver_sql(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                    (fq, rank_window - 1)).scalar()
            else:       # the window counts the matches inside the scope only
                floor = conn.exec_driver_sql(
                    "SELECT search_fts.rowid FROM search_fts JOIN reports r ON r.id = search_fts.rowid "
                    "WHERE search_fts MATCH ?" + in_scope + " ORDER BY search_fts.rowid DESC LIMIT 1 OFFSET ?",
                    (fq, *scope_args, rank_window - 1)).scalar()
            rows = conn.exec_driver_sql(
                "SELECT r.id, bm25(search_fts) AS score FROM search_fts "
                "JOIN reports r ON r.id = search_fts.rowid "
                "WHERE search_fts MATCH ? AND search_fts.rowid >= ? AND r.current = 1" + in_scope +
                " ORDER BY score LIMIT ?",
                (fq, floor or 0, *scope_args, candidates)).all()
            ids = [(rid, -score) for rid, score in rows]   # bm25: lower is better
            if not ids:     # a string that crosses word boundaries: scan the texts
                q = sa.select(r.c.id).where(r.c.current == sa.true(), cond)
                for term in terms:
                    q = q.where(r.c.text.like(_like(term), escape="\\"))
                ids = [(rid, 0.0) for (rid,) in conn.execute(q.order_by(r.c.id).limit(candidates))]
        else:
            q = sa.select(r.c.id).where(r.c.current == sa.true(), cond)
            for term in terms:
                q = q.where(r.c.text.ilike(_like(term), escape="\\"))
            ids = [(rid, None) for (rid,) in conn.execute(q.order_by(r.c.id).limit(candidates))]
        out = []
        # confirm the candidates in rank order, a chunk at a time, until `limit` are confirmed
        for i in range(0, len(ids), 50):
            chunk = ids[i:i + 50]
            rows = {row.id: row for row in conn.execute(
                sa.select(r.c.id, r.c.text, r.c.title, r.c.province, r.c.jurisdiction, r.c.department,
                          r.c.report_year).where(r.c.id.in_([rid for rid, _ in chunk])))}
            for rid, score in chunk:
                hit = _confirm(rows[rid], score, terms, per_report, context)
                if hit is not None:
                    out.append(hit)
            if len(out) >= limit:
                break       # FTS candidates come best first; LIKE/ILIKE ones in id order
    out.sort(key=lambda x: (-x["score"], x["report_id"]))
    return out[:limit]
