"""search on character bigrams instead of jieba words (corpus/search.py)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

SQLite: the FTS5 table over jieba-segmented text (external content table search_docs) is
replaced by a contentless FTS5 table of character bigrams (tokenizer ascii, a prefix index
for one-character queries); PostgreSQL: the pg_trgm index on reports.text is replaced by the
table search_docs (report_id, tsv) with a GIN index on the bigram tsvector. Both are built
from the stored texts. Downgrading builds the jieba index again.
"""
from __future__ import annotations

import logging
import re

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

FTS = ("CREATE VIRTUAL TABLE search_fts USING fts5(seg, content='', "
       "tokenize=\"ascii tokenchars '_'\", prefix='1')")


def upgrade() -> None:
    from fazhi.corpus.search import build_index
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.drop_table('search_docs')
        op.execute(FTS)
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_reports_text_trgm")
        op.drop_table('search_docs')
        op.execute("CREATE TABLE search_docs (report_id integer PRIMARY KEY "
                   "REFERENCES reports (id) ON DELETE CASCADE, tsv tsvector)")
        op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")
        # the texts too large for a tsvector: always candidates (corpus/search.py)
        op.execute("CREATE INDEX ix_search_docs_untokenized ON search_docs (report_id) WHERE tsv IS NULL")
    else:
        return
    build_index(bind)
    if bind.dialect.name == "postgresql":
        # the planner's statistics of the new table now, not at the next autovacuum: without
        # them a common term's query reads every tsvector (seconds at 20,000 reports)
        op.execute("ANALYZE search_docs")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS search_docs")
    op.create_table('search_docs',
                    sa.Column('report_id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('seg', sa.Text(), nullable=False),
                    sa.PrimaryKeyConstraint('report_id'))
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(seg, content='search_docs', "
                   "content_rowid='report_id', tokenize='unicode61')")
        for rid, text in bind.execute(sa.text("SELECT id, text FROM reports ORDER BY id")).all():
            seg = _jieba_segment(str(text or ""))
            bind.execute(sa.text("INSERT INTO search_docs (report_id, seg) VALUES (:r, :s)"), {"r": rid, "s": seg})
            bind.execute(sa.text("INSERT INTO search_fts (rowid, seg) VALUES (:r, :s)"), {"r": rid, "s": seg})
    elif bind.dialect.name == "postgresql":
        nested = bind.begin_nested()
        try:
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            bind.exec_driver_sql("CREATE INDEX ix_reports_text_trgm ON reports USING gin (text gin_trgm_ops)")
            nested.commit()
        except Exception:   # no pg_trgm on this server: search falls back to plain LIKE
            nested.rollback()


def _jieba_segment(text: str) -> str:
    """The segmentation of revision 0007's index (jieba cut_for_search, a sentence at a time)."""
    import jieba
    from fazhi.textnorm import normalize_view
    jieba.setLogLevel(logging.WARNING)
    word = re.compile(r"\w", re.U)
    pieces = re.findall(r"[^。！？；!?;\n]{1,256}", normalize_view(text))
    return " ".join(t.lower() for p in pieces for t in jieba.cut_for_search(p) if word.search(t))
