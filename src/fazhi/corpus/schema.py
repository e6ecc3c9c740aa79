"""Tables of the corpus store (SQLAlchemy Core). The Alembic migrations in
`fazhi/corpus/migrations/versions/` create exactly these tables; a test compares the two.

Offsets (`start`, `end`) are character offsets into the stored report text."""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=True),            # original path or name as given
    sa.Column("media_type", sa.String(100), nullable=True),
    sa.Column("size", sa.Integer, nullable=True),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("report_key", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=True),  # the bytes, for `fazhi reanalyze`
    sa.Index("ix_sources_report_key", "report_key"),
    sa.Index("ix_sources_name", "name"),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),     # ingest | reanalyze
    sa.Column("engine_version", sa.String(40), nullable=True),
    sa.Column("rule_versions", sa.JSON, nullable=True),
    sa.Column("started", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished", sa.DateTime(timezone=True), nullable=True),
    sa.Column("counts", sa.JSON, nullable=True),
)

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False,
              unique=True),
    sa.Column("report_key", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
    sa.Column("title", sa.Text), sa.Column("jurisdiction", sa.Text), sa.Column("parent", sa.Text),
    sa.Column("province", sa.Text), sa.Column("level", sa.String(20)), sa.Column("department", sa.Text),
    sa.Column("adcode", sa.String(12)),
    sa.Column("report_year", sa.Integer), sa.Column("report_date", sa.String(10)),
    sa.Column("publish_date", sa.String(10)), sa.Column("kind", sa.String(20)),
    sa.Column("framework", sa.String(20)), sa.Column("verdict", sa.Text),
    sa.Column("n_major", sa.Integer, nullable=False, default=0),
    sa.Column("n_minor", sa.Integer, nullable=False, default=0),
    sa.Column("n_info", sa.Integer, nullable=False, default=0),
    # after the reviewers' decisions and added findings (null = no reviewer input)
    sa.Column("reviewed_verdict", sa.Text, nullable=True),
    sa.Column("reviewed_major", sa.Integer, nullable=True),
    sa.Column("reviewed_minor", sa.Integer, nullable=True),
    sa.Column("reviewed_info", sa.Integer, nullable=True),
    sa.Column("late", sa.Boolean, nullable=True),
    # fields a reviewer corrected (supervision/corrections.py), comma-separated; null = none
    sa.Column("corrected", sa.Text, nullable=True),
    sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("json", sa.Text, nullable=False),    # the full "fazhi.report/1" document
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_reports_key_current", "report_key", "current"),
    sa.Index("ix_reports_place_year", "province", "jurisdiction", "report_year"),
    sa.Index("ix_reports_province_year", "province", "report_year"),
    # the web app's reads over the current reports (migration 0009)
    sa.Index("ix_reports_current_state", "current", "analyzed_at", "id"),
    sa.Index("ix_reports_current_place", "current", "province", "jurisdiction", "department", "report_year"),
)

sections = sa.Table(
    "sections", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    sa.Column("sid", sa.String(40)), sa.Column("parent_sid", sa.String(40)),
    sa.Column("number", sa.String(40)), sa.Column("level", sa.Integer),
    sa.Column("heading", sa.Text), sa.Column("start", sa.Integer), sa.Column("end", sa.Integer),
    sa.Column("heading_start", sa.Integer), sa.Column("heading_end", sa.Integer),
    sa.Column("part", sa.String(30)), sa.Column("areas", sa.JSON),
    sa.Index("ix_sections_report", "report_id"),
)

facts = sa.Table(
    "facts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    sa.Column("fid", sa.String(40)), sa.Column("indicator", sa.String(100)),
    sa.Column("value", sa.Float), sa.Column("unit", sa.String(20)), sa.Column("year", sa.Integer),
    sa.Column("kind", sa.String(20)), sa.Column("subject", sa.Text), sa.Column("quote", sa.Text),
    sa.Column("start", sa.Integer), sa.Column("end", sa.Integer), sa.Column("section", sa.String(40)),
    sa.Index("ix_facts_report", "report_id"),
    sa.Index("ix_facts_indicator", "indicator"),
)

findings = sa.Table(
    "findings", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    sa.Column("rule", sa.String(100), nullable=False),
    sa.Column("family", sa.String(50), nullable=False),
    sa.Column("severity", sa.String(10), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("evidence", sa.JSON),
    sa.Column("suggestion", sa.Text),
    sa.Column("data", sa.JSON),
    sa.Column("key", sa.String(64), nullable=False),      # stable across re-analysis
    sa.Index("ix_findings_report", "report_id"),
    sa.Index("ix_findings_family", "family"),
)

decisions = sa.Table(
    "decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_key", sa.Text, nullable=False),
    sa.Column("finding_key", sa.String(64), nullable=False),
    sa.Column("user", sa.String(100), nullable=True),
    sa.Column("decision", sa.String(30), nullable=False),   # confirmed | rejected | fixed | ...
    sa.Column("comment", sa.Text),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_decisions_key", "report_key", "finding_key"),
)

reviewer_findings = sa.Table(
    "reviewer_findings", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_key", sa.Text, nullable=False),
    sa.Column("start", sa.Integer), sa.Column("end", sa.Integer),
    sa.Column("quote", sa.Text), sa.Column("message", sa.Text, nullable=False),
    sa.Column("severity", sa.String(10), nullable=False),
    sa.Column("user", sa.String(100)),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_reviewer_findings_key", "report_key"),
)

failures = sa.Table(
    "failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
    sa.Column("path", sa.Text), sa.Column("sha256", sa.String(64)),
    sa.Column("code", sa.String(40), nullable=False), sa.Column("message", sa.Text),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    # bumped to end every session of the user (log out everywhere, password or role change)
    sa.Column("session_version", sa.Integer, nullable=False, server_default="0"),
    # the region the user sees (corpus/scope.py): an adcode prefix, NULL = every report
    sa.Column("scope", sa.String(12), nullable=True),
    sa.Column("scope_name", sa.Text, nullable=True),
)

tokens = sa.Table(
    "tokens", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_used", sa.DateTime(timezone=True), nullable=True),
)

# ids of web sessions that were logged out, until the cookie would have expired anyway
revoked_sessions = sa.Table(
    "revoked_sessions", metadata,
    sa.Column("sid", sa.String(64), primary_key=True),
    sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_revoked_sessions_expires", "expires"),
)

# per-paragraph MinHash signatures (near-duplicate passages across reports)
paragraphs = sa.Table(
    "paragraphs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Index("ix_paragraphs_report", "report_id"),
)

# The search index (corpus/search.py) is created by migration 0008 outside the metadata:
# SQLite the FTS5 table search_fts, PostgreSQL the table search_docs (report_id, tsv tsvector).

# -- the supervision cycle (fazhi/supervision/): roster, links, 整改台账 ---------------------
roster_units = sa.Table(          # units imported from the office's list (departments, townships …)
    "roster_units", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("place", sa.Text, nullable=False),          # the roster's place as given at import
    sa.Column("name", sa.Text, nullable=False),           # 单位名称 as written (青石县司法局)
    sa.Column("level", sa.String(20), nullable=True),     # province/city/county/township/department
    sa.Column("region", sa.Text, nullable=True),          # 上级地区 (青石县)
    sa.Column("jurisdiction", sa.Text, nullable=True),    # the unit's place (青石县)
    sa.Column("department", sa.Text, nullable=True),      # its own name without the place (司法局)
    sa.Column("credit_code", sa.String(18), nullable=True),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("place", "name", name="uq_roster_units_place_name"),
)

roster_links = sa.Table(          # a reviewer's hand link (or unlink) of a report to a unit
    "roster_links", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_year", sa.Integer, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),           # unit key: adcode, or "list:<roster_units.id>"
    sa.Column("report_key", sa.Text, nullable=False),     # kept across re-analysis and new versions
    sa.Column("linked", sa.Boolean, nullable=False),      # True = link, False = unlink
    sa.Column("user", sa.Text, nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_roster_links_year_unit", "report_year", "unit"),
)

rectify_items = sa.Table(         # 整改台账: one problem tracked until 销号
    "rectify_items", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("origin", sa.String(20), nullable=False),   # finding | inspection | import
    sa.Column("problem", sa.Text, nullable=False),        # 问题
    sa.Column("quote", sa.Text, nullable=True),           # the report's words, when from a finding
    sa.Column("report_key", sa.Text, nullable=True),
    sa.Column("report_year", sa.Integer, nullable=True),  # the year of the report the problem was found in
    sa.Column("finding_key", sa.Text, nullable=True),
    sa.Column("measure", sa.Text, nullable=True),         # 整改措施
    sa.Column("unit", sa.Text, nullable=False),           # 责任单位
    sa.Column("person", sa.Text, nullable=True),          # 责任人
    sa.Column("deadline", sa.String(10), nullable=True),  # 整改时限 YYYY-MM-DD
    sa.Column("status", sa.String(20), nullable=False),   # 待整改 | 整改中 | 已整改 | 已销号
    sa.Column("progress", sa.Text, nullable=True),        # 完成情况
    sa.Column("created_by", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_rectify_items_unit", "unit"),
)

rectify_history = sa.Table(
    "rectify_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("item_id", sa.Integer, sa.ForeignKey("rectify_items.id", ondelete="CASCADE"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user", sa.Text, nullable=True),
    sa.Column("field", sa.String(20), nullable=False),    # created | status | progress | measure | deadline | evidence …
    sa.Column("old", sa.Text, nullable=True),
    sa.Column("new", sa.Text, nullable=True),
    sa.Index("ix_rectify_history_item", "item_id"),
)

rectify_evidence = sa.Table(      # 佐证材料
    "rectify_evidence", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("item_id", sa.Integer, sa.ForeignKey("rectify_items.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("user", sa.Text, nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

corrections = sa.Table(           # a reviewer's correction of a report's metadata (an overlay)
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_key", sa.Text, nullable=False),     # kept across re-analysis and new versions
    sa.Column("field", sa.String(20), nullable=False),    # jurisdiction | adcode | province | parent | level …
    sa.Column("action", sa.String(10), nullable=False),   # set | revert (back to the machine's reading)
    sa.Column("old", sa.Text, nullable=True),             # JSON: the value shown before this correction
    sa.Column("new", sa.Text, nullable=True),             # JSON: the corrected value (null = none)
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("user", sa.Text, nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_corrections_key", "report_key"),
)

# -- incremental corpus refresh (corpus/incremental.py, migration 0010) --------------------
# What the last corpus refresh saw: the LSH band keys of each current report's paragraphs
# (one row per band, key and report: the bucket's owners are one index range), and per report
# its analysis stamp, the fields the corpus rules group by and its band keys.
corpus_bands = sa.Table(
    "corpus_bands", metadata,
    sa.Column("band", sa.SmallInteger, nullable=False),
    sa.Column("key", sa.BigInteger, nullable=False),
    sa.Column("report_id", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("band", "key", "report_id"),
    sqlite_with_rowid=False,
)

corpus_seen = sa.Table(
    "corpus_seen", metadata,
    sa.Column("report_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("stamp", sa.Text, nullable=False),          # reports.analyzed_at as read
    sa.Column("meta", sa.JSON, nullable=False),           # province, jurisdiction, department, kind, year, key
    sa.Column("bands", sa.LargeBinary, nullable=False),   # (band uint8, key int64) records
)

corpus_state = sa.Table(
    "corpus_state", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.Text, nullable=True),
)
