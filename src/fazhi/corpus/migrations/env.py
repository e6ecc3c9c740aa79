"""Alembic environment for the fazhi store. Run programmatically by `Store.migrate()`,
which passes an open connection in `config.attributes["connection"]`."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from fazhi.corpus.schema import metadata

config = context.config


def _include(obj, name, type_, reflected, compare_to):
    # objects the migrations create outside the metadata: the search index (corpus/search.py:
    # FTS5 table and its shadow tables, PostgreSQL's search_docs and its indexes)
    if type_ == "table" and name and (name.startswith("search_fts") or name == "search_docs"):
        return False
    if type_ == "index" and name and (name == "ix_reports_text_trgm" or name.startswith("ix_search_docs")):
        return False
    return True


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        assert url is not None, "no connection passed and no sqlalchemy.url configured"
        engine = create_engine(url)
        with engine.begin() as conn:
            _configure(conn)
        return
    _configure(connection)


def _configure(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      include_object=_include, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
