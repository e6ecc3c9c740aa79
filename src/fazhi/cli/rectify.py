"""`fazhi rectify`: the 整改台账 from the command line (add, list, set, close, export, import)."""
from __future__ import annotations

import sys
from pathlib import Path

from .corpus import _db, _fmt, _out, open_store


def register(sub) -> None:
    p = sub.add_parser("rectify", help="整改台账：登记、跟踪、销号、导入导出 / track problems until closed")
    rs = p.add_subparsers(dest="rectify_command", metavar="ACTION")

    a = rs.add_parser("add", help="登记整改事项（来自审核发现，或督察反馈的文字）")
    a.add_argument("--unit", required=True, help="责任单位")
    a.add_argument("--report", type=int, help="报告编号（问题来自该报告的审核发现时）")
    a.add_argument("--finding", help="审核发现编号（如 F2）")
    a.add_argument("--problem", help="问题描述（督察反馈等）")
    a.add_argument("--measure", help="整改措施")
    a.add_argument("--person", help="责任人")
    a.add_argument("--deadline", help="整改时限 YYYY-MM-DD")
    a.add_argument("--user", help="登记人")
    _db(a)
    a.set_defaults(func=cmd_add)

    a = rs.add_parser("list", help="列出整改事项")
    a.add_argument("--unit")
    a.add_argument("--status", help="待整改 / 整改中 / 已整改 / 已销号")
    a.add_argument("--overdue", action="store_true", help="只列逾期未完成的")
    _db(a)
    _fmt(a)
    a.set_defaults(func=cmd_list)

    a = rs.add_parser("set", help="更新状态、完成情况、佐证材料")
    a.add_argument("item", type=int)
    a.add_argument("--status", help="待整改 / 整改中 / 已整改")
    a.add_argument("--note", help="完成情况")
    a.add_argument("--measure")
    a.add_argument("--deadline")
    a.add_argument("--person")
    a.add_argument("--evidence", action="append", default=[], help="佐证材料文件（可多次）")
    a.add_argument("--user")
    _db(a)
    a.set_defaults(func=cmd_set)

    a = rs.add_parser("close", help="销号（须审核人，且已标记为已整改）")
    a.add_argument("item", type=int)
    a.add_argument("--user", required=True, help="办理销号的审核人（网页版账号）")
    _db(a)
    a.set_defaults(func=cmd_close)

    a = rs.add_parser("export", help="导出整改台账（Excel，含变更记录）")
    a.add_argument("-o", "--output", required=True)
    a.add_argument("--unit")
    a.add_argument("--status")
    _db(a)
    a.set_defaults(func=cmd_export)

    a = rs.add_parser("import", help="导入手工台账（Excel：序号、问题、整改措施、责任单位、责任人、整改时限、整改状态、完成情况）")
    a.add_argument("file")
    a.add_argument("--user")
    _db(a)
    a.set_defaults(func=cmd_import)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _line(d) -> str:
    flag = "（逾期）" if d["overdue"] else ""
    return (f"#{d['id']:<4} {d['status']}{flag:<4} {d['unit']:<14} 时限 {d['deadline'] or '—':<10} "
            f"{d['problem'][:60]}")


def cmd_add(args) -> int:
    from ..supervision import rectify
    store = open_store(args)
    iid = rectify.add(store, unit=args.unit, problem=args.problem, report_id=args.report, finding=args.finding,
                      measure=args.measure, person=args.person, deadline=args.deadline, user=args.user)
    print(f"已登记整改事项 #{iid}")
    return 0


def cmd_list(args) -> int:
    from ..supervision import rectify
    rows = rectify.items(open_store(args), unit=args.unit, status=args.status, overdue=args.overdue)
    if args.format == "json":
        _out(rows)
        return 0
    print(f"共 {len(rows)} 项，其中逾期未完成 {sum(r['overdue'] for r in rows)} 项")
    for r in rows:
        print("  " + _line(r))
    return 0


def cmd_set(args) -> int:
    from ..errors import FazhiError
    from ..supervision import rectify
    store = open_store(args)
    files = []
    for f in args.evidence:
        p = Path(f)
        if not p.is_file():
            raise FazhiError("not_found", f)
        files.append((p.name, p.read_bytes()))
    d = rectify.update(store, args.item, status=args.status, note=args.note, measure=args.measure,
                       deadline=args.deadline, person=args.person, evidence=files, user=args.user)
    print("已更新 " + _line(d))
    return 0


def cmd_close(args) -> int:
    from ..supervision import rectify
    store = open_store(args)
    role = next((u["role"] for u in store.users() if u["name"] == args.user), None)
    d = rectify.close(store, args.item, user=args.user, role=role)
    print("已销号 " + _line(d))
    return 0


def cmd_export(args) -> int:
    from ..supervision import rectify
    store = open_store(args)
    n = rectify.export_xlsx(store, args.output, rectify.items(store, unit=args.unit, status=args.status))
    print(f"已导出整改台账 {n} 项到 {args.output}", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from ..supervision import rectify
    n = rectify.import_xlsx(open_store(args), args.file, user=args.user)
    print(f"已导入整改事项 {n} 项（来自 {args.file}）")
    return 0
