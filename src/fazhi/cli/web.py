"""`fazhi serve` (the web application) and `fazhi user add|list|passwd|role|delete|logout|token|tokens|revoke`
(accounts, web/accounts.py).
Same --db as the corpus commands (a file path or URL; default $FAZHI_DB, else a SQLite file in
the user's data directory)."""
from __future__ import annotations

import os
import secrets
import sys
import tempfile
from pathlib import Path

ROLES = ("admin", "reviewer", "viewer")
DEMO_USER, DEMO_PASSWORD = "demo", "demo"


def _db(p) -> None:
    p.add_argument("--db", help="数据库文件路径或 URL（默认 $FAZHI_DB 或用户数据目录下的 fazhi.db）")


def port_number(text: str) -> int:
    """--port: an integer 1–65535, else argparse's one-line error (in Chinese, see cli/__init__)."""
    import argparse
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"端口必须是整数：{text} / port must be an integer") from None
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"端口必须在 1–65535 之间：{text} / port must be 1-65535")
    return n


def port_busy(host: str, port: int) -> bool:
    """True when host:port cannot be bound (another server listens there)."""
    import socket
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False       # uvicorn reports an unknown host itself
    fam, typ, proto, _, addr = infos[0]
    with socket.socket(fam, typ, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError:
            return True
    return False


def register(sub) -> None:
    p = sub.add_parser("serve", help="启动网页版（上传、审核、总览）/ run the web application")
    _db(p)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，仅本机可访问）")
    p.add_argument("--port", type=port_number, default=8000, help="端口（默认 8000，1–65535）")
    p.add_argument("--config", help="配置文件（YAML）")
    p.add_argument("--demo", action="store_true",
                   help="演示：未给 --db 时用临时数据库；库为空时载入 examples/ 中的示例报告；"
                        "没有用户时创建 demo/demo（管理员）")
    p.add_argument("--public-read", action="store_true", help="不登录也可浏览（只读）")
    p.add_argument("--allowed-host", action="append", metavar="NAME",
                   help="允许的主机名（Host 头，可重复；默认：监听本机地址时只允许 localhost/127.0.0.1/::1）")
    p.add_argument("--trusted-proxy", action="append", metavar="ADDR",
                   help="信任其 X-Forwarded-For/-Proto 的反向代理地址（可重复；默认不信任任何代理）")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("user", help="管理网页版用户与 API 令牌 / manage web users and API tokens")
    us = p.add_subparsers(dest="user_command", metavar="ACTION")
    a = us.add_parser("add", help="添加用户")
    a.add_argument("name")
    a.add_argument("--role", choices=ROLES, default="reviewer", help="admin 管理员 / reviewer 审核人 / viewer 查看者")
    a.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（第一行）")
    a.add_argument("--scope", metavar="PLACE", default=None,
                   help="只能查看该地区（省、市州或县区，含下辖地区）的报告；默认：全部")
    _db(a)
    a.set_defaults(func=cmd_user_add)
    sc = us.add_parser("scope", help="修改用户可查看的地区（地区名称，或“全部”）")
    sc.add_argument("name")
    sc.add_argument("place", help="地区名称（如 临夏回族自治州），或 全部")
    _db(sc)
    sc.set_defaults(func=cmd_user_scope)
    t = us.add_parser("token", help="为用户生成新的 API 令牌（打印在标准输出）")
    t.add_argument("name")
    _db(t)
    t.set_defaults(func=cmd_user_token)
    ls = us.add_parser("list", help="列出用户")
    _db(ls)
    ls.set_defaults(func=cmd_user_list)
    pw = us.add_parser("passwd", help="修改密码（该用户的所有会话随即失效）")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（第一行）")
    _db(pw)
    pw.set_defaults(func=cmd_user_passwd)
    ro = us.add_parser("role", help="修改角色（该用户的所有会话随即失效）")
    ro.add_argument("name")
    ro.add_argument("role", choices=ROLES)
    _db(ro)
    ro.set_defaults(func=cmd_user_role)
    de = us.add_parser("delete", help="删除用户及其 API 令牌（会话随即失效）")
    de.add_argument("name")
    _db(de)
    de.set_defaults(func=cmd_user_delete)
    lo = us.add_parser("logout", help="让该用户在所有设备上退出登录")
    lo.add_argument("name")
    _db(lo)
    lo.set_defaults(func=cmd_user_logout)
    tl = us.add_parser("tokens", help="列出用户的 API 令牌（编号、创建时间、最近使用；不显示令牌本身）")
    tl.add_argument("name")
    _db(tl)
    tl.set_defaults(func=cmd_user_tokens)
    rv = us.add_parser("revoke", help="吊销用户的 API 令牌（--id 编号，或 --all 全部）")
    rv.add_argument("name")
    g = rv.add_mutually_exclusive_group(required=True)
    g.add_argument("--id", type=int, help="令牌编号（见 fazhi user tokens）")
    g.add_argument("--all", action="store_true", help="全部令牌")
    _db(rv)
    rv.set_defaults(func=cmd_user_revoke)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _store(db):
    from ..corpus.store import Store
    return Store(db).migrate()


def _err(msg: str) -> int:
    print(msg, file=sys.stderr)
    return 1


def _read_password(args) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass
    try:
        return getpass.getpass("密码 / password: ")
    except (EOFError, OSError):
        return None


def _scope(text):
    """The scope an admin wrote, or (None, error message)."""
    from ..corpus.scope import parse
    from ..errors import FazhiError
    try:
        return parse(text), None
    except FazhiError as err:
        return None, err.line()


def cmd_user_add(args) -> int:
    scope, error = _scope(args.scope)
    if error:
        return _err(error)
    password = _read_password(args)
    if password is None:
        return _err("无法读取密码，请用 --password-stdin / cannot read a password; use --password-stdin")
    if len(password) < 8:
        return _err("密码至少 8 个字符 / the password needs at least 8 characters")
    try:
        store = _store(args.db)
    except Exception as exc:
        return _err(f"无法打开数据库 / cannot open the database: {exc}")
    if any(u["name"] == args.name for u in store.users()):
        return _err(f"用户已存在 / user exists: {args.name}")
    from ..web import accounts
    accounts.add_user(store.engine, args.name, args.role, password, scope=scope)
    from ..labels import ROLE_NAMES
    print(f"已添加用户 {args.name}（{ROLE_NAMES.get(args.role, args.role)}，可查看：{scope.label}）/ user added",
          file=sys.stderr)
    return 0


def cmd_user_scope(args) -> int:
    from ..web import accounts
    scope, error = _scope(args.place)
    if error:
        return _err(error)
    return _account(args, lambda e: accounts.set_scope(e, args.name, scope),
                    f"{args.name} 可查看的地区改为：{scope.label} / scope changed")


def cmd_user_token(args) -> int:
    try:
        store = _store(args.db)
    except Exception as exc:
        return _err(f"无法打开数据库 / cannot open the database: {exc}")
    try:
        token = store.create_token(args.name)
    except KeyError:
        return _err(f"没有这个用户 / no such user: {args.name}")
    print(token)
    return 0


def cmd_user_list(args) -> int:
    try:
        store = _store(args.db)
    except Exception as exc:
        return _err(f"无法打开数据库 / cannot open the database: {exc}")
    from ..labels import ROLE_NAMES
    from ..zh.dates import when
    users = store.users()
    for u in users:        # roles and times as the web's 用户 page says them
        print(f"{u['name']}\t{ROLE_NAMES.get(u['role'], u['role'])}\t创建于 {when(u['created'])}\t"
              f"范围 {u.get('scope_name') or '全部'}")
    if not users:
        print("还没有用户：用 fazhi user add 名称 --role admin 添加")
    return 0


def _account(args, action, done: str) -> int:
    """Run accounts.action(engine, name, ...) with the CLI's error messages."""
    try:
        store = _store(args.db)
    except Exception as exc:
        return _err(f"无法打开数据库 / cannot open the database: {exc}")
    try:
        out = action(store.engine)
    except KeyError:
        return _err(f"没有这个用户 / no such user: {args.name}")
    finally:
        store.close()
    if done:
        print(done.format(out=out), file=sys.stderr)
    return 0


def cmd_user_passwd(args) -> int:
    from ..web import accounts
    password = _read_password(args)
    if password is None:
        return _err("无法读取密码，请用 --password-stdin / cannot read a password; use --password-stdin")
    if len(password) < 8:
        return _err("密码至少 8 个字符 / the password needs at least 8 characters")
    return _account(args, lambda e: accounts.set_password(e, args.name, password),
                    f"已修改 {args.name} 的密码，原有会话已失效 / password changed, sessions ended")


def cmd_user_role(args) -> int:
    from ..web import accounts
    from ..labels import ROLE_NAMES
    return _account(args, lambda e: accounts.set_role(e, args.name, args.role),
                    f"{args.name} 的角色改为{ROLE_NAMES.get(args.role, args.role)}，原有会话已失效 / role changed, sessions ended")


def cmd_user_delete(args) -> int:
    from ..web import accounts
    return _account(args, lambda e: accounts.delete_user(e, args.name),
                    f"已删除用户 {args.name} 及其 API 令牌 / user deleted")


def cmd_user_logout(args) -> int:
    from ..web import accounts
    return _account(args, lambda e: accounts.end_sessions(e, args.name),
                    f"{args.name} 已在所有设备上退出登录 / every session ended")


def cmd_user_tokens(args) -> int:
    from ..web import accounts

    from ..zh.dates import when

    def show(e):
        for t in accounts.tokens(e, args.name):
            used = when(t["last_used"]) if t["last_used"] else "从未使用"
            print(f"{t['id']}\t创建于 {when(t['created'])}\t最近使用 {used}")
    return _account(args, show, "")


def cmd_user_revoke(args) -> int:
    from ..web import accounts
    return _account(args, lambda e: accounts.revoke_tokens(e, args.name, None if args.all else args.id),
                    "已吊销 {out} 个令牌 / token(s) revoked")


def find_examples() -> Path | None:
    """The repository's examples/ folder: beside the source tree, or in the working directory."""
    here = Path(__file__).resolve()
    for cand in [*(p / "examples" for p in here.parents), Path.cwd() / "examples"]:
        if cand.is_dir() and any(cand.glob("*.txt")):
            return cand
    return None


def prepare_demo(db: str, out=sys.stderr) -> None:
    """Load the examples when the store is empty; create demo/demo when there is no user."""
    store = _store(db)
    try:
        if not store.list_reports(limit=1):
            ex = find_examples()
            if ex is None:
                print("未找到 examples/ 示例报告 / examples/ not found", file=out)
            else:
                s = store.ingest([ex])
                print(f"已载入示例报告 {s.loaded} 份 / loaded {s.loaded} example report(s) from {ex}", file=out)
        if not store.users():
            store.add_user(DEMO_USER, "admin", DEMO_PASSWORD)
            print(f"演示账号 / demo account: 用户名 {DEMO_USER}  密码 {DEMO_PASSWORD}（管理员）", file=out)
    finally:
        store.close()


def cmd_serve(args) -> int:
    try:
        import uvicorn
    except ImportError:
        return _err("缺少 uvicorn，请先 make setup / uvicorn is not installed")
    from ..config import Config
    from ..corpus.db import resolve_url
    from ..web.app import create_app
    db = args.db
    if args.demo and not db:
        tmp = tempfile.mkdtemp(prefix="fazhi-demo-")
        db = os.path.join(tmp, "demo.db")
        print(f"演示数据库（临时）/ demo database: {db}", file=sys.stderr)
    try:
        config = Config.load(args.config)
        url = resolve_url(db)
        if args.demo:
            prepare_demo(url)
        from ..web.server import default_allowed_hosts
        web_cfg = config.get("web", {}) or {}
        allowed = default_allowed_hosts(args.host, args.allowed_host or web_cfg.get("allowed_hosts"))
        app = create_app(url, config=config, secret_key=os.environ.get("FAZHI_SECRET_KEY") or secrets.token_urlsafe(32),
                         public_read=args.public_read, allowed_hosts=allowed)
        proxies = args.trusted_proxy or web_cfg.get("trusted_proxies") or []
    except Exception as exc:
        return _err(f"无法启动：{exc} / cannot start: {exc}")
    if port_busy(args.host, args.port):
        return _err(f"端口 {args.port} 已被占用，请用 --port 换一个端口（如 --port {args.port + 1 if args.port < 65535 else 8001}）"
                    f" / port {args.port} on {args.host} is already in use: choose another with --port")
    if not app.state.store.users():
        print("数据库中还没有用户，请先运行 fazhi user add 用户名 --role admin --password-stdin"
              " / no users yet: create one with `fazhi user add NAME --role admin`", file=sys.stderr)
    print(f"fazhi 网页版：http://{args.host}:{args.port}/ （Ctrl+C 退出）", file=sys.stderr)
    from ..web.server import uvicorn_config
    uvicorn.Server(uvicorn_config(app, args.host, args.port, trusted_proxies=proxies)).run()
    return 0
