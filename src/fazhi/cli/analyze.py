"""`fazhi analyze FILE… [--format text|json|jsonl] [-o OUT]`"""
from __future__ import annotations

import json
import sys
import traceback

from ..api import analyze, loading
from ..config import Config
from ..errors import FazhiError


def register(sub) -> None:
    p = sub.add_parser("analyze", help="分析报告，输出摘要或 JSON / analyse reports")
    p.add_argument("files", nargs="+", help="报告文件（txt/html/docx/pdf，扫描件 PDF 与 png/jpg/tiff 图片经 OCR 识别）")
    p.add_argument("--format", choices=["text", "json", "jsonl"], default=None,
                   help="text（中文摘要，单个文件默认）、json、jsonl（多个文件默认）")
    p.add_argument("-o", "--output", help="输出文件（默认标准输出）")
    p.add_argument("--config", help="配置文件（YAML）")
    p.add_argument("--no-text", action="store_true", help="JSON 中不含全文 / omit text from JSON")
    p.add_argument("--workers", type=int, default=1,
                   help="并行分析的进程数（多个文件时；输出顺序与输入一致）/ processes for several files")
    p.set_defaults(func=run)


# what json.dumps(obj, ensure_ascii=False) writes, with one encoder for the whole batch; a
# report's JSON is a tree built by to_json, so the encoder does not track the containers it is
# in to detect cycles (check_circular: 4% of the encoding)
_JSONL = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _error_record(path: str, err: FazhiError) -> dict:
    return {"source": {"path": path}, "error": err.to_json()}


def analyze_one(path: str, config: Config):
    """Returns (report, None) or (None, FazhiError). Never raises for bad input."""
    try:
        return analyze(path, config=config), None
    except FazhiError as err:
        return None, err
    except Exception as exc:  # a bug must not stop a batch
        detail = f"{type(exc).__name__}: {exc}"
        if "FAZHI_DEBUG" in __import__("os").environ:
            traceback.print_exc()
        return None, FazhiError("internal", path, detail)


def _results(files: list[str], config: Config, workers: int):
    """(report, error) per file, in input order; in `workers` processes when there are several
    files (the OCR of scanned pages then shares the cores: FAZHI_OCR_THREADS)."""
    workers = max(1, int(workers or 1))
    if workers == 1 or len(files) == 1:
        for i, path in enumerate(files):
            if i == 0:
                with loading():     # the first analysis loads the engine
                    first = analyze_one(path, config)
                yield first
            else:
                yield analyze_one(path, config)
        return
    import os
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial
    os.environ.setdefault("FAZHI_OCR_THREADS", str(max(1, (os.cpu_count() or 1) // workers)))
    with ProcessPoolExecutor(workers) as ex:
        yield from ex.map(partial(analyze_one, config=config), files)


def run(args) -> int:
    config = Config.load(args.config)
    fmt = args.format or ("text" if len(args.files) == 1 else "jsonl")
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = 0
    try:
        if fmt == "json" and len(args.files) > 1:
            print("--format json 只接受一个文件，多个文件请用 jsonl / --format json takes one file; use jsonl",
                  file=sys.stderr)
            return 2
        for path, (report, err) in zip(args.files, _results(args.files, config, args.workers)):
            if err is not None:
                failed += 1
                print(err.line(), file=sys.stderr)
                if fmt == "jsonl":
                    out.write(json.dumps(_error_record(path, err), ensure_ascii=False) + "\n")
                continue
            if fmt == "jsonl":
                out.write(_JSONL.encode(report.to_json(include_text=not args.no_text)) + "\n")
            elif fmt == "json":
                json.dump(report.to_json(include_text=not args.no_text), out,
                          ensure_ascii=False, indent=2)
                out.write("\n")
            else:
                from ..render.text import summary
                out.write(summary(report) + "\n")
            out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0
