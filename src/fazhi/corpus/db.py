"""The corpus database: its URL, the engine, the schema's migrations and their lock.

SQLite by default (a file in the user's data directory), PostgreSQL by URL
(`postgresql+psycopg://…`). The schema is created and upgraded by the Alembic migrations
shipped in this package. `Store` (corpus/store.py) holds one engine made here.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult, Engine


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def default_url() -> str:
    """FAZHI_DB, else a SQLite file in the user's data directory."""
    env = os.environ.get("FAZHI_DB")
    if env:
        return resolve_url(env)
    import platformdirs
    d = Path(platformdirs.user_data_dir("fazhi", appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{d / 'fazhi.db'}"


def resolve_url(db: str | os.PathLike | None) -> str:
    """A database URL from a URL, a file path, or None (the default)."""
    if db is None or str(db) == "":
        return default_url()
    s = str(db)
    if "://" in s:
        return s
    path = Path(s).expanduser().resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)   # `--db new/folder/fazhi.db` just works
    except OSError:
        pass   # opening the database reports the problem in one line (cli.main)
    return f"sqlite:///{path}"


def create_engine(url: str, *, echo: bool = False) -> Engine:
    """The engine of a resolved URL; SQLite gets a busy timeout and its pragmas."""
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 60}     # busy timeout: writers wait for each other
    engine: Engine = sa.create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def new_id(result: CursorResult[Any]) -> int:
    """The primary key an INSERT gave its row (an INSERT's result always has one)."""
    pk = result.inserted_primary_key
    assert pk is not None
    return pk[0]


# -- schema -------------------------------------------------------------------------------
def alembic_config(url: str):
    from alembic.config import Config as AlembicConfig
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(resources.files("fazhi.corpus") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine, url: str, revision: str = "head") -> str | None:
    """Create or upgrade the schema (Alembic) to `revision`. Returns the revision the database
    had before (None for a new one)."""
    from alembic import command
    dialect = engine.dialect.name
    with migration_lock(engine):          # two processes opening a new database at once
        before = current_revision(engine)
        cfg = alembic_config(url)
        with engine.begin() as conn:
            if dialect == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
            elif dialect == "sqlite":
                # pysqlite runs DDL outside any transaction: a process killed while it creates
                # the tables would leave half a schema that the next run cannot upgrade. An
                # explicit BEGIN makes the whole migration one transaction.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    return before


@contextlib.contextmanager
def migration_lock(engine: Engine):
    """SQLite: an exclusive lock while the schema is checked and upgraded (PostgreSQL takes an
    advisory lock inside the migration's transaction). The lock is an flock on the database's
    folder: it leaves no file behind, and unlike a lock on the database file itself, closing it
    cannot drop the POSIX locks SQLite holds on that file in this process. Migrations of other
    databases in the same folder wait for each other, which costs nothing at this size."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(os.path.dirname(os.path.abspath(path)) or ".", os.O_RDONLY)
    except OSError:           # the folder cannot be opened: the database's own error is the one to show
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def own_files(engine: Engine) -> set[Path]:
    """The SQLite database file of this engine and its journals: never ingested as reports
    (a corpus kept in the folder being loaded)."""
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if not db or db == ":memory:":
        return set()
    base = Path(db).resolve()
    return {base, *(base.with_name(base.name + sfx) for sfx in ("-wal", "-shm", "-journal", ".migrate-lock"))}


def optimize(engine: Engine) -> None:
    """SQLite: refresh the planner's statistics (sampled ANALYZE, well under a second per
    10,000 reports), so filtered lists and panels start from the most selective index.
    PostgreSQL's autovacuum does this itself."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA analysis_limit=400")
        conn.exec_driver_sql("ANALYZE")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
