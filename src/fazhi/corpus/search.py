"""Full-text search over the stored reports, on character bigrams (no word segmentation).

The index holds, per run of word characters of the text's matching view (`normalize_view`,
lower-cased), its overlapping character bigrams and its last character alone (`index_tokens`):
"出庭应诉。" gives 出庭 庭应 应诉 诉. A query term is found by its own runs: a run of two or more
characters as the phrase of its bigrams, a run of one character as a prefix (a bigram that
starts with it, or a run's last character), so the index finds every text that contains the
term, whatever the word boundaries; terms are AND-ed. Every candidate is then confirmed in the
report text, which also gives the snippets and their offsets. A query none of whose terms
has a word character (punctuation only) is answered by a LIKE scan.

SQLite: a contentless FTS5 table `search_fts` (tokenizer `ascii`, which keeps every non-ASCII
character inside a token: a space-separated bigram is one token), rowid = reports.id; a
report is removed from it with the tokens of its stored text, computed again
(`unindex_text`). When more than `rank_window` reports match (a common term in a large
corpus), only the newest rank_window matches (by rowid) are ranked by bm25. PostgreSQL:
table `search_docs` (report_id, tsv), a tsvector of the distinct tokens (no positions) with
a GIN index; a text whose tokens would not fit in a tsvector (1 MB) gets tsv NULL and is
always a candidate. Matches are taken in id order and the first `limit` confirmed ones are
ranked by their number of hits. Candidates are confirmed 50 texts per query, and
confirmation stops once `limit` reports are confirmed.

Migration 0008 builds both indexes from the stored texts; a change of `index_tokens` needs a
migration that builds them again (SQLite removes a report with the tokens it computes now)."""
from __future__ import annotations

import re
from typing import Any, Iterable, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..textnorm import normalize_view, view_preimages
from . import schema as T

_RUN = re.compile(r"\w+")
# PostgreSQL: a tsvector holds at most 1 MB; a text with more distinct tokens than fit is
# stored with tsv NULL (always a candidate), never refused
_TSV_MAX_BYTES = 900_000


def index_tokens(norm: str) -> list[str]:
    """The search tokens of a text's matching view, in text order: for every run of word
    characters (lower-cased), its overlapping bigrams, then its last character alone."""
    out: list[str] = []
    ext, add = out.extend, out.append
    for run in _RUN.findall(norm.lower()):
        ext(map("".join, zip(run, run[1:])))
        add(run[-1])
    return out


def text_tokens(text: str) -> list[str]:
    """index_tokens of a stored report text (what the index holds for it)."""
    return index_tokens(normalize_view(text))


def query_terms(query: str) -> list[str]:
    return [normalize_view(t).lower() for t in query.split() if t.strip()]


def _runs(terms: list[str]) -> list[str]:
    """The runs of word characters of all terms, each once, in order."""
    return list(dict.fromkeys(run for t in terms for run in _RUN.findall(t)))


def fts_query(terms: list[str]) -> str | None:
    """The FTS5 query of the terms (None when no term has a word character)."""
    parts = []
    for run in _runs(terms):
        if len(run) == 1:
            parts.append(f'"{run}"*')
        else:
            parts.append('"' + " ".join(map("".join, zip(run, run[1:]))) + '"')
    return " AND ".join(parts) or None


def ts_query(terms: list[str]) -> str | None:
    """The PostgreSQL tsquery (text form) of the terms (None when no term has a word character)."""
    parts = []
    for run in _runs(terms):
        if len(run) == 1:
            parts.append(_lexeme(run) + ":*")
        else:
            parts.extend(_lexeme(b) for b in dict.fromkeys(map("".join, zip(run, run[1:]))))
    return " & ".join(parts) or None


def _lexeme(tok: str) -> str:
    return "'" + tok.replace("\\", "\\\\").replace("'", "''") + "'"


# -- the index (reports.py writes and removes a report through these) ----------------------
_DOCS = sa.table("search_docs", sa.column("report_id", sa.Integer), sa.column("tsv"))


def index_text(dialect: str, conn: Connection, rid: int, text: str) -> None:
    """Add a stored report's text to the search index."""
    toks = text_tokens(text)
    if dialect == "sqlite":
        conn.exec_driver_sql("INSERT INTO search_fts(rowid, seg) VALUES (?, ?)", (rid, " ".join(toks)))
    elif dialect == "postgresql":
        distinct = set(toks)
        # a token is at most 2 characters of at most 4 bytes, plus 4 bytes of its entry
        if 12 * len(distinct) > _TSV_MAX_BYTES and \
                sum(len(t.encode("utf-8")) + 4 for t in distinct) > _TSV_MAX_BYTES:
            conn.execute(sa.text("INSERT INTO search_docs (report_id, tsv) VALUES (:rid, NULL)"), {"rid": rid})
        else:       # one text parameter, split by the server (not an array of a thousand strings)
            conn.execute(sa.text("INSERT INTO search_docs (report_id, tsv) "
                                 "VALUES (:rid, array_to_tsvector(string_to_array(:toks, ' ')))"),
                         {"rid": rid, "toks": " ".join(distinct)})


def unindex_text(dialect: str, conn: Connection, rid: int, text: str | None) -> None:
    """Remove a report from the search index; `text` is the text it was indexed with (the
    stored one, before it is replaced)."""
    if dialect == "sqlite":
        if text is not None:
            conn.exec_driver_sql("INSERT INTO search_fts(search_fts, rowid, seg) VALUES ('delete', ?, ?)",
                                 (rid, " ".join(text_tokens(text))))
    elif dialect == "postgresql":
        conn.execute(sa.text("DELETE FROM search_docs WHERE report_id = :rid"), {"rid": rid})


def build_index(conn: Connection, batch: int = 500) -> int:
    """Index every stored report (the index is empty): the migration that creates it."""
    dialect = conn.dialect.name
    last, n = 0, 0
    while True:
        rows = conn.execute(sa.text("SELECT id, text FROM reports WHERE id > :last ORDER BY id LIMIT :n"),
                            {"last": last, "n": batch}).all()
        if not rows:
            return n
        for rid, text in cast("list[tuple[int, str | None]]", rows):
            index_text(dialect, conn, rid, text or "")
        last, n = rows[-1][0], n + len(rows)


def indexed_ids(conn: Connection) -> Iterable[int]:
    """The report ids the search index holds (check-db)."""
    if conn.dialect.name == "sqlite":
        return [r[0] for r in conn.exec_driver_sql("SELECT rowid FROM search_fts")]
    return [r[0] for r in conn.execute(sa.select(_DOCS.c.report_id))]


# -- searching ------------------------------------------------------------------------------
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
    cond = sa.true() if scope is None else scope.where()
    with store.engine.connect() as conn:
        fq = fts_query(terms) if store.dialect == "sqlite" else ts_query(terms)
        if fq is None:      # punctuation only: nothing the index holds, scan the texts
            q = sa.select(r.c.id).where(r.c.current == sa.true(), cond)
            for term in terms:       # the text as written: "：" or ":" for the term ":"
                q = q.where(sa.or_(*(r.c.text.like(_like(raw), escape="\\") for raw in view_preimages(term))))
            ids: list[tuple[int, float | None]] = [
                (rid, None) for (rid,) in conn.execute(q.order_by(r.c.id).limit(candidates))]
        elif store.dialect == "sqlite":
            ids = _sqlite_candidates(conn, fq, scope, candidates, rank_window)
        else:
            d = _DOCS
            q = (sa.select(r.c.id).join(d, d.c.report_id == r.c.id)
                 .where(sa.or_(d.c.tsv.op("@@")(sa.cast(sa.literal(fq, sa.Text), _TSQuery())), d.c.tsv.is_(None)),
                        r.c.current == sa.true(), cond))
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
                break       # FTS candidates come best first; the others in id order
    out.sort(key=lambda x: (-x["score"], x["report_id"]))
    return out[:limit]


class _TSQuery(sa.types.UserDefinedType):
    cache_ok = True

    def get_col_spec(self, **kw) -> str:
        return "tsquery"


def _sqlite_candidates(conn: Connection, fq: str, scope, candidates: int,
                       rank_window: int) -> list[tuple[int, float | None]]:
    """(report id, score) of the FTS5 matches, best first (bm25 over the newest rank_window)."""
    prefix = getattr(scope, "prefix", None)
    # the scope in the raw FTS statements: the adcode prefix is digits only (corpus/scope.py)
    in_scope = "" if prefix is None else " AND r.adcode LIKE ?"
    scope_args: tuple = () if prefix is None else (prefix + "%",)
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
    return [(rid, -score) for rid, score in cast("list[tuple[int, float]]", rows)]   # bm25: lower is better
