"""Errors outside a single report (database, disk) end in one Chinese/English line, never a traceback."""
from __future__ import annotations

from fazhi.cli import main


def test_unopenable_sqlite_database_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    rc = main(["ingest", str(tmp_path), "--db", str(blocker / "sub" / "fazhi.db")])   # parent is a file
    err = capsys.readouterr().err.strip()
    assert rc == 2
    assert "\n" not in err and "Traceback" not in err
    assert err.startswith("数据库无法打开或访问") and "database error" in err


def test_unreachable_postgres_is_one_line(capsys):
    rc = main(["list", "--db", "postgresql+psycopg://nobody:x@127.0.0.1:1/none"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "\n" not in err and "database error" in err


def test_db_in_a_new_folder_is_created(tmp_path, capsys):
    from conftest import ROOT
    db = tmp_path / "new" / "folder" / "fazhi.db"
    assert main(["ingest", str(ROOT / "examples"), "--db", str(db)]) == 0
    assert db.exists()
