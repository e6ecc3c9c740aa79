"""The corpus store: reports, their annotations and reviewers' data in a real database.

SQLAlchemy 2 Core; SQLite by default (a file in the user's data directory), PostgreSQL by URL
(`postgresql+psycopg://…`). The schema is created and upgraded by the Alembic migrations shipped
in this package (`Store(url).migrate()`).

    store = Store("fazhi.db"); store.migrate()
    summary = store.ingest(["reports/"], workers=2)

`Store` is a facade; the work is done in
- corpus/db.py: the URL, the engine, the migrations and their lock;
- corpus/reports.py: writing and reading reports, the reviewers' decisions and added findings;
- corpus/listing.py: the filtered, sorted, paged report list of the web app and the API;
- corpus/dashboard.py: the dashboard's aggregates and the corpus state they are cached by;
- corpus/batch.py: ingest (with executors), re-analysis, corrections applied again, the corpus
  findings, run and failure records;
- web/accounts.py: users, API tokens, sessions;
- corpus/search.py: full-text search.
"""
from __future__ import annotations

import os
from concurrent.futures import Executor
from typing import Any, Callable, Iterable

from sqlalchemy.engine import Engine

from ..config import Config
from .scope import ALL, Scope
from . import batch, dashboard, db, listing, reports
from .batch import IngestSummary, analyze_item, enrich, iter_files, rule_versions  # noqa: F401 - re-exported
from .db import default_url, now, resolve_url  # noqa: F401 - re-exported
from .dashboard import TOP_FINDINGS
from .listing import ReportFilter
from .reports import finding_key, report_key_for, review_inputs, reviewed_col  # noqa: F401 - re-exported

ROLES = ("admin", "reviewer", "viewer")


class Store:
    def __init__(self, url: str | os.PathLike | None = None, *, config: Config | None = None,
                 echo: bool = False):
        self.url = resolve_url(url)
        self.config = config or Config.default()
        self.engine: Engine = db.create_engine(self.url, echo=echo)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema (corpus/db.py) --------------------------------------------------------
    def alembic_config(self):
        return db.alembic_config(self.url)

    def migrate(self, revision: str = "head") -> "Store":
        """Create or upgrade the schema (Alembic). A database from before revision 0003 gets its
        after-review verdicts computed from the decisions it already holds."""
        before = db.migrate(self.engine, self.url, revision)
        if before in ("0001", "0002") and self.revision() not in ("0001", "0002"):
            self.refresh_reviewed()
        return self

    def revision(self) -> str | None:
        return db.current_revision(self.engine)

    # -- batch jobs (corpus/batch.py) -------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike], *, workers: int = 1,
               executor: Executor | None = None, progress: Callable[[str], None] | None = None,
               analyzer: Callable[[tuple[str, bytes]], dict] | None = None,
               window: int | None = None, corpus: bool = True, batch_size: int = 64) -> IngestSummary:
        return batch.ingest(self, paths, workers=workers, executor=executor, progress=progress, analyzer=analyzer,
                            window=window, corpus=corpus, batch_size=batch_size)

    def ingest_bytes(self, name: str, data: bytes, **kw) -> IngestSummary:
        return batch.ingest_bytes(self, name, data, **kw)

    def ingest_items(self, items: Iterable[tuple[str, bytes]], total: int | None = None,
                     **kw) -> IngestSummary:
        return batch.ingest_items(self, items, total, **kw)

    def interrupted_runs(self) -> list[dict[str, Any]]:
        return batch.interrupted_runs(self)

    def runs(self) -> list[dict[str, Any]]:
        return batch.runs(self)

    def failures(self) -> list[dict[str, Any]]:
        return batch.failures(self)

    def reanalyze(self, *, workers: int = 1, executor: Executor | None = None,
                  progress: Callable[[str], None] | None = None,
                  analyzer: Callable[[tuple[str, bytes]], dict] | None = None) -> dict[str, Any]:
        return batch.reanalyze(self, workers=workers, executor=executor, progress=progress, analyzer=analyzer)

    def apply_corrections(self, key: str, *, corpus: bool = True) -> list[int]:
        return batch.apply_corrections(self, key, corpus=corpus)

    def refresh_corpus(self, *, full: bool = False) -> dict[str, int]:
        return batch.refresh_corpus(self, full=full)

    def optimize(self) -> None:
        """SQLite: refresh the planner's statistics (db.optimize)."""
        db.optimize(self.engine)

    # -- reading (corpus/reports.py) -------------------------------------------------
    def report(self, rid: int) -> dict[str, Any] | None:
        return reports.report(self, rid)

    def source_content(self, rid: int) -> tuple[str | None, str | None, bytes | None]:
        return reports.source_content(self, rid)

    def report_json(self, rid: int) -> dict[str, Any] | None:
        return reports.report_json(self, rid)

    def list_reports(self, *, province: str | None = None, year: int | None = None,
                     level: str | None = None, kind: str | None = None, severity: str | None = None,
                     jurisdiction: str | None = None, verdict: str | None = None,
                     all_versions: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
        return reports.list_reports(self, province=province, year=year, level=level, kind=kind, severity=severity,
                                    jurisdiction=jurisdiction, verdict=verdict, all_versions=all_versions,
                                    limit=limit)

    def findings(self, *, report_id: int | None = None, family: str | None = None,
                 current: bool = True) -> list[dict[str, Any]]:
        return reports.findings(self, report_id=report_id, family=family, current=current)

    def facts(self, *, current: bool = True, indicator_only: bool = True, province: str | None = None,
              year: int | None = None, report_ids: Iterable[int] | None = None,
              jurisdiction: str | None = None, indicator: str | None = None) -> list[dict[str, Any]]:
        return reports.facts(self, current=current, indicator_only=indicator_only, province=province, year=year,
                             report_ids=report_ids, jurisdiction=jurisdiction, indicator=indicator)

    def sections(self, report_id: int) -> list[dict[str, Any]]:
        return reports.sections(self, report_id)

    def current_reports_full(self) -> list[dict[str, Any]]:
        return reports.current_reports_full(self)

    def signature_table(self):
        return reports.signature_table(self)

    def paragraph_rows(self, report_ids: Iterable[int] | None = None) -> list[tuple]:
        return reports.paragraph_rows(self, report_ids)

    def report_text(self, rid: int) -> str | None:
        return reports.report_text(self, rid)

    def finding_row(self, finding_id: int) -> dict[str, Any] | None:
        return reports.finding_row(self, finding_id)

    def finding_number(self, report_id: int, finding_id: int) -> int:
        return reports.finding_number(self, report_id, finding_id)

    def report_title_verdict(self, rid: int) -> tuple[str | None, str | None]:
        return reports.report_title_verdict(self, rid)

    def report_by_sha(self, sha: str) -> dict[str, Any] | None:
        return reports.report_by_sha(self, sha)

    def current_count(self) -> int:
        return reports.current_count(self)

    # -- the report list (corpus/listing.py) -------------------------------------------
    def report_page(self, q: ReportFilter, scope: Scope = ALL) -> tuple[int, list[dict[str, Any]]]:
        """(total matching, the rows of the requested page) over the current reports of scope."""
        return listing.report_page(self, q, scope)

    def report_choices(self, scope: Scope = ALL, limit: int = 1000) -> list[dict[str, Any]]:
        return listing.report_choices(self, scope, limit)

    def filter_options(self, scope: Scope = ALL) -> dict[str, list]:
        return listing.filter_options(self, scope)

    # -- dashboard aggregates (corpus/dashboard.py) -----------------------------------
    def corpus_state(self) -> tuple:
        return dashboard.corpus_state(self)

    def dashboard(self, scope: Scope = ALL) -> dict[str, Any]:
        return dashboard.dashboard(self, scope)

    def top_findings(self, findings_all: list[dict[str, Any]], n: int = TOP_FINDINGS,
                     scope: Scope = ALL) -> list[dict[str, Any]]:
        return dashboard.top_findings(self, findings_all, n, scope)

    # -- reviewers' data (corpus/reports.py) -------------------------------------------
    def decide(self, report_id: int, finding_key: str, decision: str, *, user: str | None = None,  # noqa: F811
               comment: str | None = None) -> None:
        reports.decide(self, report_id, finding_key, decision, user=user, comment=comment)

    def add_reviewer_finding(self, report_id: int, start: int, end: int, message: str, *,
                             severity: str = "minor", user: str | None = None) -> int:
        return reports.add_reviewer_finding(self, report_id, start, end, message, severity=severity, user=user)

    def refresh_reviewed(self, *, keys: Iterable[str] | None = None) -> int:
        return reports.refresh_reviewed(self, keys=keys)

    # -- users and tokens (the logic lives in web/accounts.py) ---------------------
    def add_user(self, name: str, role: str, password: str) -> int:
        from ..web import accounts
        return accounts.add_user(self.engine, name, role, password)

    def set_password(self, name: str, password: str) -> None:
        from ..web import accounts
        accounts.set_password(self.engine, name, password)

    def verify_user(self, name: str, password: str) -> dict[str, Any] | None:
        """The user ({id, name, role, sv}) when the password is right, else None."""
        from ..web import accounts
        return accounts.verify(self.engine, name, password)

    def users(self) -> list[dict[str, Any]]:
        from ..web import accounts
        return accounts.users(self.engine)

    def create_token(self, name: str) -> str:
        """A new API token for the user; only its hash is stored. Returns the plaintext."""
        from ..web import accounts
        return accounts.create_token(self.engine, name)

    def user_by_token(self, token: str) -> dict[str, Any] | None:
        from ..web import accounts
        return accounts.user_by_token(self.engine, token)

    def session_user(self, uid: Any, sv: Any, sid: Any = None) -> dict[str, Any] | None:
        """The user of a session cookie's (uid, sv, sid), None when revoked or malformed."""
        from ..web import accounts
        return accounts.session_user(self.engine, uid, sv, sid)

    def get_user(self, *, name: str | None = None, uid: int | None = None) -> dict[str, Any] | None:
        from ..web import accounts
        return accounts.get_user(self.engine, name=name, uid=uid)

    # -- search (corpus/search.py) ----------------------------------------------------
    def search(self, query: str, *, limit: int = 20, snippets: int = 3, scope=None) -> list[dict[str, Any]]:
        """Full-text search; scope (corpus/scope.Scope) keeps only the reports inside it."""
        from .search import search
        return search(self, query, limit=limit, per_report=snippets, scope=scope)
