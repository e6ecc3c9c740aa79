"""`fazhi user add|token|list` and `fazhi serve --demo` preparation, on a real SQLite file."""
from __future__ import annotations

import io
import sys

import pytest

from fazhi.cli import main
from fazhi.cli.web import find_examples, prepare_demo


def run(argv, stdin: str = "", monkeypatch=None):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_user_add_token_list(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "u.db")
    assert run(["user", "add", "alice", "--role", "reviewer", "--password-stdin", "--db", db],
               "s3cret-pass\n", monkeypatch) == 0
    assert run(["user", "add", "alice", "--role", "viewer", "--password-stdin", "--db", db],
               "s3cret-pass\n", monkeypatch) == 1
    assert run(["user", "add", "bob", "--password-stdin", "--db", db], "short\n", monkeypatch) == 1
    capsys.readouterr()
    assert run(["user", "token", "alice", "--db", db], "", monkeypatch) == 0
    token = capsys.readouterr().out.strip()
    from fazhi.corpus.store import Store
    st = Store(db).migrate()
    assert st.user_by_token(token)["name"] == "alice"
    assert st.verify_user("alice", "s3cret-pass")["role"] == "reviewer"
    assert run(["user", "token", "nobody", "--db", db], "", monkeypatch) == 1
    assert "没有这个用户" in capsys.readouterr().err
    assert run(["user", "list", "--db", db], "", monkeypatch) == 0
    assert capsys.readouterr().out.startswith("alice\t审核人")


def test_demo_loads_the_example_and_creates_the_demo_account(tmp_path):
    assert find_examples() is not None
    db = str(tmp_path / "demo.db")
    out = io.StringIO()
    prepare_demo(db, out=out)
    from fazhi.corpus.store import Store
    st = Store(db)
    reports = st.list_reports()
    assert len(reports) == len(list(find_examples().glob("*.txt")))
    assert st.verify_user("demo", "demo")["role"] == "admin"
    assert "demo" in out.getvalue()
    prepare_demo(db, out=io.StringIO())          # a second start changes nothing
    assert len(st.list_reports()) == len(reports) and len(st.users()) == 1


def test_serve_is_registered():
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--help"])
    assert exc.value.code == 0


def test_user_passwd_role_logout_delete_and_tokens(tmp_path, monkeypatch, capsys):
    from fazhi.corpus.store import Store
    from fazhi.web import accounts
    db = str(tmp_path / "acc.db")
    assert run(["user", "add", "carol", "--role", "reviewer", "--password-stdin", "--db", db],
               "first-password\n", monkeypatch) == 0
    st = Store(db).migrate()
    sv0 = accounts.get_user(st.engine, name="carol")["sv"]
    assert run(["user", "passwd", "carol", "--password-stdin", "--db", db], "second-password\n", monkeypatch) == 0
    assert st.verify_user("carol", "first-password") is None
    assert st.verify_user("carol", "second-password") is not None
    sv1 = accounts.get_user(st.engine, name="carol")["sv"]
    assert sv1 == sv0 + 1                                  # the old sessions ended
    assert run(["user", "role", "carol", "viewer", "--db", db], "", monkeypatch) == 0
    assert accounts.get_user(st.engine, name="carol") == {"id": 1, "name": "carol", "role": "viewer", "sv": sv1 + 1,
                                                             "scope": None, "scope_name": None}
    assert run(["user", "logout", "carol", "--db", db], "", monkeypatch) == 0
    assert accounts.get_user(st.engine, name="carol")["sv"] == sv1 + 2
    t1, t2 = st.create_token("carol"), st.create_token("carol")
    capsys.readouterr()
    assert run(["user", "tokens", "carol", "--db", db], "", monkeypatch) == 0
    listed = capsys.readouterr().out.strip().splitlines()
    assert len(listed) == 2 and t1 not in "".join(listed)  # ids and dates, never the token
    first_id = int(listed[0].split("\t")[0])
    assert run(["user", "revoke", "carol", "--id", str(first_id), "--db", db], "", monkeypatch) == 0
    assert st.user_by_token(t1) is None and st.user_by_token(t2)["name"] == "carol"
    assert run(["user", "delete", "carol", "--db", db], "", monkeypatch) == 0
    assert st.user_by_token(t2) is None and st.users() == []
    assert run(["user", "delete", "carol", "--db", db], "", monkeypatch) == 1
    assert "没有这个用户" in capsys.readouterr().err
    assert run(["user", "passwd", "carol", "--password-stdin", "--db", db], "short\n", monkeypatch) == 1
