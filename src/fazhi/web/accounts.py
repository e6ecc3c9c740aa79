"""Accounts of the web application: users (argon2 password hashes), roles, API tokens and the
per-user session version that makes sessions revocable.

The tables live in the corpus database (corpus/schema.py `users`, `tokens`) so that `fazhi user`
and `fazhi serve` see the same accounts; the logic lives here, with the web app. `Store`'s
`add_user`/`verify_user`/`create_token`/… delegate to these functions.

A session cookie holds (user id, session version, session id). It is valid while a user with that id exists
and its `session_version` is unchanged: `end_sessions` (log out everywhere), a password change,
a role change and deletion all end every session of the user. A user deleted and re-created
under the same name starts with a new random session version (and usually a new id), so an old
cookie does not revive.

`verify` takes the same time for an unknown name as for a known one (it checks the password
against a dummy hash), so timing does not tell which names exist.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from typing import Any

import sqlalchemy as sa

from ..corpus import schema as T

ROLES = ("admin", "reviewer", "viewer")
MIN_PASSWORD = 8


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane): about 30 ms of CPU
# per hash on this project's 2-core machine, against 220 ms for argon2-cffi's default (64 MiB,
# 3 passes, 4 lanes), so that 50 people signing in at once do not queue for seconds. Hashes
# made with other parameters still verify and are re-hashed at the next successful log-in.
ARGON2 = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}


@functools.lru_cache(maxsize=1)
def _hasher():
    from argon2 import PasswordHasher
    return PasswordHasher(**ARGON2)


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash of a random password with the current parameters: verifying against it costs what
    verifying a real user's password costs."""
    return _hasher().hash(secrets.token_urlsafe(16))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user(row) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "role": row.role, "sv": int(row.session_version or 0),
            "scope": row.scope, "scope_name": row.scope_name}


def _cols():
    u = T.users
    return (u.c.id, u.c.name, u.c.role, u.c.session_version, u.c.scope, u.c.scope_name)


def add_user(engine, name: str, role: str, password: str, scope=None) -> int:
    """A new user; scope (corpus/scope.Scope) limits what the user sees (None: everything)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    h = _hasher().hash(password)
    with engine.begin() as conn:
        # a random first session version: a database may give a re-created user the id of a
        # deleted one (SQLite reuses the highest id), and the old cookie must not fit it
        return conn.execute(T.users.insert().values(name=name, role=role, password_hash=h, created=_now(),
                                                    session_version=secrets.randbelow(2 ** 30),
                                                    scope=getattr(scope, "prefix", None),
                                                    scope_name=getattr(scope, "name", None))
                            ).inserted_primary_key[0]


def set_scope(engine, name: str, scope) -> None:
    """Change the user's region (corpus/scope.Scope; ALL for everything). It applies to the
    user's next request: the user row is read on every request."""
    with engine.begin() as conn:
        n = conn.execute(T.users.update().where(T.users.c.name == name).values(
            scope=scope.prefix, scope_name=scope.name)).rowcount
    if not n:
        raise KeyError(name)


def get_user(engine, *, name: str | None = None, uid: int | None = None) -> dict[str, Any] | None:
    u = T.users
    stmt = sa.select(*_cols())
    stmt = stmt.where(u.c.name == name) if name is not None else stmt.where(u.c.id == uid)
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return None if row is None else _user(row)


def session_user(engine, uid: Any, sv: Any, sid: Any = None) -> dict[str, Any] | None:
    """The user of a session holding (uid, sv, sid), or None when the session has been revoked
    (user gone, session version bumped, this session logged out)."""
    if not isinstance(uid, int) or not isinstance(sv, int) or not (0 < uid < 2 ** 31):
        return None
    u, rs = T.users, T.revoked_sessions
    with engine.connect() as conn:
        row = conn.execute(sa.select(*_cols()).where(u.c.id == uid)).first()
        if row is None or int(row.session_version or 0) != sv:
            return None
        if not isinstance(sid, str) or not sid or len(sid) > 64:
            return None
        if conn.execute(sa.select(rs.c.sid).where(rs.c.sid == sid)).first() is not None:
            return None
    return _user(row)


def new_session_id() -> str:
    return secrets.token_urlsafe(24)


def revoke_session(engine, sid: str | None, max_age_s: int) -> None:
    """Log one session out for good (a copy of its cookie stops working); expired entries go."""
    if not sid or not isinstance(sid, str) or len(sid) > 64:
        return
    rs = T.revoked_sessions
    now = _now()
    with engine.begin() as conn:
        conn.execute(rs.delete().where(rs.c.expires < now))
        if conn.execute(sa.select(rs.c.sid).where(rs.c.sid == sid)).first() is None:
            conn.execute(rs.insert().values(sid=sid, expires=now + dt.timedelta(seconds=max_age_s + 60)))


def _bump(conn, where) -> int:
    return conn.execute(T.users.update().where(where).values(
        session_version=T.users.c.session_version + 1)).rowcount


def set_password(engine, name: str, password: str, *, end_sessions: bool = True) -> None:
    h = _hasher().hash(password)
    with engine.begin() as conn:
        values: dict[str, Any] = {"password_hash": h}
        if end_sessions:
            values["session_version"] = T.users.c.session_version + 1
        n = conn.execute(T.users.update().where(T.users.c.name == name).values(**values)).rowcount
    if not n:
        raise KeyError(name)


def set_role(engine, name: str, role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    with engine.begin() as conn:
        n = conn.execute(T.users.update().where(T.users.c.name == name).values(
            role=role, session_version=T.users.c.session_version + 1)).rowcount
    if not n:
        raise KeyError(name)


def end_sessions(engine, name: str) -> None:
    """Log the user out everywhere (every session cookie of the user stops working)."""
    with engine.begin() as conn:
        if not _bump(conn, T.users.c.name == name):
            raise KeyError(name)


def delete_user(engine, name: str) -> None:
    """Delete the user and their API tokens (their sessions end with the row)."""
    with engine.begin() as conn:
        uid = conn.execute(sa.select(T.users.c.id).where(T.users.c.name == name)).scalar()
        if uid is None:
            raise KeyError(name)
        conn.execute(T.tokens.delete().where(T.tokens.c.user_id == uid))
        conn.execute(T.users.delete().where(T.users.c.id == uid))


def verify(engine, name: str, password: str) -> dict[str, Any] | None:
    """The user when the password is right, else None; as slow for an unknown name as for a
    known one."""
    from argon2.exceptions import InvalidHashError, VerificationError
    u = T.users
    with engine.connect() as conn:
        row = conn.execute(sa.select(*_cols(), u.c.password_hash)
                           .where(u.c.name == name)).first() if name else None
    ph = _hasher()
    try:
        ph.verify(row.password_hash if row is not None else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if ph.check_needs_rehash(row.password_hash):
        set_password(engine, name, password, end_sessions=False)
    return _user(row)


def users(engine) -> list[dict[str, Any]]:
    u, t = T.users, T.tokens
    with engine.connect() as conn:
        ntok = dict(conn.execute(sa.select(t.c.user_id, sa.func.count()).group_by(t.c.user_id)).all())
        return [{"id": r.id, "name": r.name, "role": r.role, "created": _iso(r.created),
                 "tokens": int(ntok.get(r.id, 0)), "scope": r.scope, "scope_name": r.scope_name}
                for r in conn.execute(sa.select(u).order_by(u.c.id))]


def create_token(engine, name: str) -> str:
    """A new API token for the user; only its hash is stored. Returns the plaintext."""
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        uid = conn.execute(sa.select(T.users.c.id).where(T.users.c.name == name)).scalar()
        if uid is None:
            raise KeyError(name)
        conn.execute(T.tokens.insert().values(token_hash=token_hash(token), user_id=uid, created=_now()))
    return token


def tokens(engine, name: str) -> list[dict[str, Any]]:
    """The user's API tokens (id, created, last use); never the token itself."""
    t, u = T.tokens, T.users
    with engine.connect() as conn:
        uid = conn.execute(sa.select(u.c.id).where(u.c.name == name)).scalar()
        if uid is None:
            raise KeyError(name)
        return [{"id": r.id, "created": _iso(r.created), "last_used": _iso(r.last_used)}
                for r in conn.execute(sa.select(t.c.id, t.c.created, t.c.last_used)
                                      .where(t.c.user_id == uid).order_by(t.c.id))]


def revoke_tokens(engine, name: str, token_id: int | None = None) -> int:
    """Revoke one of the user's tokens (by id) or all of them; returns how many."""
    t = T.tokens
    with engine.begin() as conn:
        uid = conn.execute(sa.select(T.users.c.id).where(T.users.c.name == name)).scalar()
        if uid is None:
            raise KeyError(name)
        stmt = t.delete().where(t.c.user_id == uid)
        if token_id is not None:
            stmt = stmt.where(t.c.id == token_id)
        return conn.execute(stmt).rowcount


_LAST_USED_EVERY = dt.timedelta(minutes=5)


def user_by_token(engine, token: str) -> dict[str, Any] | None:
    if not token or len(token) > 200:
        return None
    u, t = T.users, T.tokens
    with engine.connect() as conn:
        row = conn.execute(sa.select(*_cols(), t.c.id.label("tid"),
                                     t.c.last_used)
                           .join(t, t.c.user_id == u.c.id)
                           .where(t.c.token_hash == token_hash(token))).first()
    if row is None:
        return None
    now = _now()
    last = row.last_used
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.timezone.utc)
    if last is None or now - last > _LAST_USED_EVERY:     # not one write per request
        with engine.begin() as conn:
            conn.execute(t.update().where(t.c.id == row.tid).values(last_used=now))
    return _user(row)


def _iso(x) -> str | None:
    return None if x is None else (x.isoformat() if hasattr(x, "isoformat") else str(x))
