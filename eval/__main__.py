"""`python -m eval` runs every evaluation; `python -m eval NAME...` runs some of them.

Names: facts (meta + facts against gold), structure (sections: fazhi vs heading regex),
extract (main text from portal pages), quantities (numbers: fazhi vs cn2an vs chinese2digits),
findings (review findings vs the reviewer's annotations, with a keyword baseline),
indicators (each fact's catalogue indicator vs gold, with a keyword baseline),
real (160 real page openings of ../shared/corpus/real, per field, dev and test split),
language (proofreading findings on the seeds, real pages and long texts, per rule),
ocr (team reports rendered to scanned PDFs: CER, meta, facts, seconds per page; only when named).
Options: --fast (small subsets, for tests), --pages (per-page extraction table),
--set original|unseen (score one set of gold files: the first ten, or the reports written later
to test generalisation on unseen layouts).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time

SUITES = ["facts", "indicators", "structure", "extract", "quantities", "findings", "real", "language", "ocr"]
DEFAULT = [s for s in SUITES if s != "ocr"]     # OCR takes minutes: run it by name
ALIASES = {"meta": "facts", "sections": "structure", "gold": "facts", "rules": "findings"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suites", nargs="*", help=f"any of {', '.join(SUITES)} (default: all)")
    ap.add_argument("--fast", action="store_true", help="small subsets (seconds)")
    ap.add_argument("--pages", action="store_true", help="also print the per-page extraction table")
    ap.add_argument("--test-misses", action="store_true",
                    help="real: also list the test split's misses (never tune rules on them)")
    ap.add_argument("--set", choices=["original", "unseen"], default=None,
                    help="score only one set of gold files (default: all)")
    args = ap.parse_args(argv)
    if args.set:
        from . import common
        common.GOLD_SET = args.set
    names = [ALIASES.get(s, s) for s in args.suites] or DEFAULT
    bad = [s for s in names if s not in SUITES]
    if bad:
        ap.error(f"unknown suite(s): {', '.join(bad)}")
    import fazhi
    print(f"# fazhi evaluation — {dt.date.today().isoformat()}, fazhi {getattr(fazhi, '__version__', '?')}, "
          f"Python {platform.python_version()}, {os.cpu_count()} CPU(s){' — fast subset' if args.fast else ''}"
          f"{f' — gold set: {args.set}' if args.set else ''}\n")
    for name in dict.fromkeys(names):
        t0 = time.perf_counter()
        mod = __import__(f"eval.{name}", fromlist=["run"])
        if name == "real":
            print(mod.run(fast=args.fast, test_misses=args.test_misses))
        else:
            print(mod.run(fast=args.fast))
        if name == "extract" and args.pages:
            print(mod.per_page_table(fast=args.fast))
        print(f"({name}: {time.perf_counter() - t0:.1f} s)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
