"""`fazhi` command line. Each module in this package registers its sub-commands:
analyze.py (analyze), review.py (review), rules.py (rules), corpus.py (ingest, list, show, search,
export, similar, compare, reanalyze), web.py (serve, user)."""
from __future__ import annotations

import argparse
import importlib
import os
import re
import sys

from .. import __version__

COMMAND_MODULES = ["analyze", "review", "rules", "corpus", "supervision", "correct", "web"]


# argparse's messages, said in Chinese first (the one-line error every bad input gets)
_ARGPARSE_ZH = [
    ("the following arguments are required:", "缺少必需的参数："),
    ("unrecognized arguments:", "无法识别的参数："),
    ("invalid choice:", "无效的选项："),
    ("expected one argument", "该选项需要一个值"),
    ("invalid int value:", "不是有效的整数："),
    ("invalid float value:", "不是有效的数字："),
    ("not allowed with argument", "不能与该参数同时使用"),
    ("expected at least one argument", "该选项至少需要一个值"),
    ("ambiguous option:", "选项不明确："),
    ("could match", "可能是"),
]
_ARGPARSE_ZH_RE = [(re.compile(r"one of the arguments (.+) is required"), r"必须给出以下参数之一：\1")]


class Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors are one line in Chinese and English, exit code 2, and
    whose help says 用法/位置参数/选项 instead of argparse's English headings."""

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, **kw)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        for a in self._actions:
            if isinstance(a, argparse._HelpAction):
                a.help = "显示本帮助并退出"

    def add_argument(self, *args, **kw):
        if kw.get("action") == "version":
            kw.setdefault("help", "显示版本号并退出")
        return super().add_argument(*args, **kw)

    def format_usage(self) -> str:
        return _usage_zh(super().format_usage())

    def format_help(self) -> str:
        return _usage_zh(super().format_help())

    def error(self, message: str):
        zh = message
        for en, cn in _ARGPARSE_ZH:
            zh = zh.replace(en, cn)
        for rx, cn in _ARGPARSE_ZH_RE:
            zh = rx.sub(cn, zh)
        zh = re.sub(r"^argument ([^:]+): ", r"参数 \1：", zh).replace("(choose from", "（可选：")
        if " / " in zh:          # our own type checks already say it in both languages
            self.exit(2, f"{self.prog}：{zh}（运行 {self.prog} -h 查看用法）\n")
        self.exit(2, f"{self.prog}：{zh}（运行 {self.prog} -h 查看用法）/ usage error: {message}\n")


def _usage_zh(text: str) -> str:
    return re.sub(r"^usage: ", "用法：", text)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="fazhi",
        description="法治政府建设年度报告 分析与审核 / analyse and review rule-of-law government reports")
    parser.add_argument("--version", action="version", version=f"fazhi {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(f"{__name__}.{name}"):
                continue
            raise
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("已中断 / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:   # a database that cannot be opened, a disk that is full …: one line, no traceback
        if os.environ.get("FAZHI_DEBUG"):
            raise
        print(_one_line_error(exc), file=sys.stderr)
        return 2


def _one_line_error(exc: Exception) -> str:
    from ..errors import FazhiError
    if isinstance(exc, FazhiError):
        return exc.line()
    mod = type(exc).__module__ or ""
    detail = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
    if mod.startswith("sqlalchemy") or mod.startswith("psycopg") or mod.startswith("sqlite3"):
        return f"数据库无法打开或访问（检查 --db 的路径或连接串、权限和服务器）/ database error: {detail}"
    if isinstance(exc, OSError):
        return f"文件读写失败 / file error: {detail}"
    return f"内部错误（设置 FAZHI_DEBUG=1 可看到详细信息）/ internal error: {type(exc).__name__}: {detail}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
