"""`fazhi` command line. Each module in this package registers its sub-commands:
analyze.py (analyze), review.py (review), rules.py (rules), corpus.py (ingest, list, show, search,
export, similar, compare, reanalyze), web.py (serve, user)."""
from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__

COMMAND_MODULES = ["analyze", "review", "rules", "corpus", "web"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi",
        description="法治政府建设年度报告 分析与审核 / analyse and review rule-of-law government reports")
    parser.add_argument("--version", action="version", version=f"fazhi {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
