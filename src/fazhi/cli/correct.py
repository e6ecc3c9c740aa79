"""`fazhi correct ID --level 县级 --report-year 2023 …`: a reviewer's correction of a stored
report's metadata, kept with who, when, the old value and the reason (supervision/corrections.py);
`fazhi correct ID --history` lists the corrections."""
from __future__ import annotations

import getpass
import sys

from .corpus import _db, _fmt, _out, open_store

# option -> field, with the Chinese help
OPTIONS = [("--jurisdiction", "jurisdiction", "所属地区（地名词典中的名称，可带上级地区：临夏回族自治州和政县）"),
           ("--level", "level", "层级：省级、市级、县级、乡镇级、部门"),
           ("--department", "department", "部门（如 司法局；“无”取消）"),
           ("--report-year", "report_year", "报告年度（如 2023）"),
           ("--report-date", "report_date", "成文（落款、报送）日期，如 2024-03-01 或 2024年3月1日；“无”取消"),
           ("--publish-date", "publish_date", "发布日期；“无”取消"),
           ("--kind", "kind", "文本类型：年度报告、范文网站转载稿、政策解读、方案/要点、新闻报道、文章、其他文本")]


def register(sub) -> None:
    p = sub.add_parser("correct", help="更正报告信息（地区、层级、部门、年度、日期、类型），保留更正记录 / correct a report's metadata")
    p.add_argument("id", type=int, help="报告编号")
    for opt, field, help_ in OPTIONS:
        p.add_argument(opt, dest=field, help=help_)
    p.add_argument("--reason", help="更正理由")
    p.add_argument("--revert", action="append", default=[], metavar="项目",
                   help="恢复机器识别的值（如 --revert 层级），可重复")
    p.add_argument("--user", default=None, help="更正人（默认当前系统用户）")
    p.add_argument("--history", action="store_true", help="只列出更正记录")
    _db(p)
    _fmt(p)
    p.set_defaults(func=cmd_correct)


def cmd_correct(args) -> int:
    from ..supervision import corrections as C
    store = open_store(args)
    try:
        if args.history:
            rows = C.history(store, args.id)
            if args.format == "json":
                _out(rows)
                return 0
            _print_history(rows)
            return 0
        values = {f: getattr(args, f) for _, f, _ in OPTIONS if getattr(args, f) is not None}
        res = C.correct(store, args.id, values, reason=args.reason, user=args.user or _user(),
                        revert=args.revert)
    except C.CorrectionError as err:
        print(f"fazhi correct：{err.message}", file=sys.stderr)
        return 2 if err.status == 400 else 1
    if args.format == "json":
        _out(res)
        return 0
    for c in res["changes"]:
        if c["field"] == "adcode":
            continue                     # a code, not for the reader (the place names say it)
        how = "恢复为机器识别值" if c["action"] == "revert" else "更正为"
        print(f"{c['name']}：{c['old_text']} → {how} {c['new_text']}")
    print(f"报告 {args.id} 已按更正后的信息重新审核（共 {len(res['report_ids'])} 个版本）")
    return 0


def _print_history(rows) -> None:
    from ..zh.dates import when
    if not rows:
        print("没有更正记录")
        return
    for h in rows:
        if h.get("field") == "adcode":
            continue                     # a code, not for the reader (as in the correction's own lines)
        what = "（恢复机器识别值）" if h["action"] == "revert" else ""
        print(f"{when(h['at'])}  {h['user'] or '—'}  {h['name']}{what}：{h['old_text']} → {h['new_text']}"
              + (f"  理由：{h['reason']}" if h.get("reason") else ""))


def _user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:      # no login name (a container): unnamed
        return None
