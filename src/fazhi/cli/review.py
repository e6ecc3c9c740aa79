"""`fazhi review FILE -o 审核意见.docx|.html|.md` — the review opinion of one report;
`fazhi review DIR_or_FILES… -o 汇总.xlsx` — the batch table of many reports
(a folder is searched recursively for supported files).

Without -o: one file prints the opinion as Markdown; several files print one line per report.
With several files and -o pointing at a folder (or ending with "/"), one opinion per report is
written there in --format (docx by default). Exit code 1 when any input failed.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..config import Config
from ..model import Evidence, Finding
from .analyze import analyze_one

SUPPORTED = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".mht", ".docx", ".pdf", ".doc",
             ".wps"}
FORMATS = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md",
           ".xlsx": "xlsx"}


def register(sub) -> None:
    p = sub.add_parser("review", help="审核报告，输出审核意见（Word/HTML/Markdown）或汇总表（Excel）/ review reports")
    p.add_argument("inputs", nargs="*", help="报告文件或文件夹（文件夹会递归查找 txt/html/docx/pdf）")
    p.add_argument("-o", "--output",
                   help="输出文件：审核意见.docx / .html / .md，或 汇总.xlsx；多个报告可给一个文件夹")
    p.add_argument("--format", choices=["docx", "html", "md", "xlsx"],
                   help="输出格式（默认按 -o 的扩展名判断）")
    p.add_argument("--config", help="配置文件（YAML），可调整结论规则 verdict: 与落款 opinion:")
    p.add_argument("--decisions",
                   help="审核人意见 JSON：{\"decisions\": {编号: {decision, comment, user, at}}, "
                        "\"extra_findings\": [{rule, severity, message, start, end, suggestion}]}")
    p.add_argument("--annotate", action="store_true",
                   help="输出批注版：原 Word 文件加审核批注（txt/html/pdf 输入为公文格式的正文加批注）")
    p.add_argument("--db", help="数据库文件路径或 URL：与 --id 一起使用，取库中报告及审核人意见")
    p.add_argument("--id", type=int, dest="report_id", help="库中报告编号（与 --db 一起使用）")
    p.set_defaults(func=run)


def _our_output(f: Path) -> bool:
    """An opinion or 批注版 this command wrote (报告_审核意见.docx, 报告（审核批注）.docx): found in a
    folder it is not a report to review again."""
    return f.stem.endswith(("_审核意见", "（审核批注）"))


def collect(inputs: list[str]) -> list[str]:
    """Files to review: files as given (even unsupported ones, so the user sees the error),
    supported files found recursively in folders, in a stable order, without duplicates."""
    out: list[str] = []
    seen: set[str] = set()
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and not f.name.startswith("~$") and not _our_output(f))
        else:
            found = [inp]
        for f in found:
            key = os.path.abspath(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def load_decisions(path: str | None, report) -> tuple[dict, list[Finding]]:
    """Reviewer decisions and reviewer-added findings from a JSON file. Added findings give
    offsets into the report text; the quote is taken from the text."""
    if not path:
        return {}, []
    data = json.loads(Path(path).read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("顶层应为 JSON 对象 / the top level must be a JSON object")
    decisions = data.get("decisions", data if "extra_findings" not in data else {})
    if not isinstance(decisions, dict) or not all(isinstance(v, dict) for v in decisions.values()):
        raise ValueError("decisions 应为 {编号: {decision, comment, user, at}} / "
                         "decisions must map ids to objects")
    if not isinstance(data.get("extra_findings") or [], list) or \
            not all(isinstance(d, dict) for d in data.get("extra_findings") or []):
        raise ValueError("extra_findings 应为对象列表 / extra_findings must be a list of objects")
    extra = []
    n = len(report.text)
    for i, d in enumerate(data.get("extra_findings", []) or [], 1):
        evs = []
        s, e = d.get("start"), d.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= n:
            evs.append(Evidence(s, e, report.text[s:e]))
        extra.append(Finding(rule=d.get("rule") or "quality.reviewer", severity=d.get("severity", "minor"),
                             message=d.get("message", ""), evidence=evs,
                             suggestion=d.get("suggestion"), id=d.get("id") or f"R{i}"))
    return dict(decisions or {}), extra


def _fmt(args, output: str | None) -> str | None:
    if args.format:
        return args.format
    if output:
        return FORMATS.get(Path(output).suffix.lower())
    return None


def _write_opinion(report, out: str, fmt: str, config: Config, decisions, extra) -> None:
    from ..render import render_docx, render_html, render_markdown
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "docx":
        render_docx(report, out, config, decisions, extra)
    elif fmt == "html":
        Path(out).write_text(render_html(report, config, decisions, extra), encoding="utf-8")
    else:
        Path(out).write_text(render_markdown(report, config, decisions, extra), encoding="utf-8")


def _stored(store, rid: int):
    """(report, decisions, reviewer findings) of stored report rid, or None after saying so."""
    from ..corpus.reports import review_inputs
    doc = store.report_json(rid)
    if doc is None:
        print(f"没有编号为 {rid} 的报告 / no stored report with id {rid}", file=sys.stderr)
        return None
    return review_inputs(doc)


def _annotate(args, config: Config) -> int:
    """`--annotate`: the input Word file with one 批注 per finding (decisions applied)."""
    from ..render.annotate import annotated
    if args.report_id is not None:
        from .corpus import open_store
        store = open_store(args)
        got = _stored(store, args.report_id)
        if got is None:
            return 1
        report, decisions, extra = got
        _name, media_type, data = store.source_content(args.report_id)
        stem = Path(_name or f"报告{args.report_id}").stem
    else:
        files = collect(args.inputs)
        if len(files) != 1:
            print("批注版一次只处理一个报告 / --annotate takes one report", file=sys.stderr)
            return 2
        report, err = analyze_one(files[0], config)
        if err is not None:
            print(err.line(), file=sys.stderr)
            return 1
        try:
            decisions, extra = load_decisions(args.decisions, report)
        except (OSError, ValueError) as exc:
            print(f"审核人意见文件无法使用 / cannot use the decisions file {args.decisions}: {exc}",
                  file=sys.stderr)
            return 2
        data, media_type = Path(files[0]).read_bytes(), report.source.media_type
        stem = Path(files[0]).stem
    out = Path(args.output or f"{stem}（审核批注）.docx")
    if out.suffix.lower() != ".docx":
        print("批注版为 Word 文件，请用 .docx 作输出文件名 / --annotate writes a .docx", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(annotated(data, media_type, report, config, decisions, extra))
    print(f"{out}：已写入审核批注", file=sys.stderr)
    return 0


def _stored_opinion(args, config: Config) -> int:
    """`--db … --id N`: the opinion of a stored report with its reviewers' decisions, as the web
    app's 审核意见 download (Word/HTML/Markdown by the output's extension; Markdown on stdout)."""
    from .corpus import open_store
    fmt = _fmt(args, args.output) if args.output else (args.format or "md")
    if fmt is None or fmt == "xlsx":
        print("库中报告的审核意见请输出为 .docx / .html / .md / a stored report's opinion is .docx, .html or .md",
              file=sys.stderr)
        return 2
    store = open_store(args)
    got = _stored(store, args.report_id)
    if got is None:
        return 1
    report, decisions, extra = got
    if not args.output:
        from ..render import render_markdown
        sys.stdout.write(render_markdown(report, config, decisions, extra))
        return 0
    _write_opinion(report, args.output, fmt, config, decisions, extra)
    from ..review import verdict
    label, _ = verdict(report, config, decisions, extra)
    print(f"{args.output}：审核结论 {label}", file=sys.stderr)
    return 0


def run(args) -> int:
    config = Config.load(args.config)
    if args.report_id is not None and not args.annotate:
        return _stored_opinion(args, config)
    if args.annotate or args.report_id is not None:
        if args.report_id is None and not args.inputs:
            print("请给出报告文件，或用 --db 与 --id 指定库中报告 / give a file or --db and --id",
                  file=sys.stderr)
            return 2
        return _annotate(args, config)
    if not args.inputs:
        print("请给出报告文件或文件夹 / give report files or folders", file=sys.stderr)
        return 2
    files = collect(args.inputs)
    if not files:
        print("没有找到可审核的文件（txt/html/docx/pdf）/ no supported files found", file=sys.stderr)
        return 1
    fmt = _fmt(args, args.output)
    if fmt is None and args.output and (args.output.endswith(("/", os.sep)) or Path(args.output).is_dir()):
        fmt = "docx"           # a folder: one Word opinion per report (help: 多个报告可给一个文件夹)
    if args.output and fmt is None:
        print(f"无法从输出文件名判断格式，请用 --format 指定 / cannot tell the format of {args.output}",
              file=sys.stderr)
        return 2
    many = len(files) > 1 or any(Path(i).is_dir() for i in args.inputs)

    if fmt == "xlsx":
        return _batch(files, args.output, config)
    if not many:
        report, err = analyze_one(files[0], config)
        if err is not None:
            print(err.line(), file=sys.stderr)
            return 1
        try:
            decisions, extra = load_decisions(args.decisions, report)
        except (OSError, ValueError) as exc:      # JSONDecodeError is a ValueError
            print(f"审核人意见文件无法使用 / cannot use the decisions file {args.decisions}: {exc}",
                  file=sys.stderr)
            return 2
        if args.output:
            assert fmt is not None      # checked above: an output has a format
            _write_opinion(report, args.output, fmt, config, decisions, extra)
            from ..review import verdict
            label, _ = verdict(report, config, decisions, extra)
            print(f"{args.output}：审核结论 {label}", file=sys.stderr)
        else:
            from ..render import render_markdown
            sys.stdout.write(render_markdown(report, config, decisions, extra))
        return 0
    if args.output:
        # several reports, one opinion each, written into a folder
        outdir = Path(args.output)
        if outdir.suffix.lower() in FORMATS and not args.output.endswith(("/", os.sep)):
            print("多个报告请输出为 汇总.xlsx，或用 -o 指定一个文件夹 / several reports: use -o 汇总.xlsx "
                  "or a folder", file=sys.stderr)
            return 2
        fmt = args.format or "docx"
        failed = 0
        used: set[str] = set()
        for path in files:
            report, err = analyze_one(path, config)
            if err is not None:
                failed += 1
                print(err.line(), file=sys.stderr)
                continue
            stem = Path(path).stem
            name = f"{stem}_审核意见"
            while name in used:
                name += "_"
            used.add(name)
            ext = {"docx": ".docx", "html": ".html", "md": ".md"}[fmt]
            _write_opinion(report, str(outdir / (name + ext)), fmt, config, {}, [])
        return 1 if failed else 0
    # several reports, no output: one line each
    from ..review import verdict
    failed = 0
    for path in files:
        report, err = analyze_one(path, config)
        if err is not None:
            failed += 1
            print(f"{path}\t错误\t{err.line()}")
            continue
        label, reason = verdict(report, config)
        print(f"{path}\t{label}\t{reason}")
    return 1 if failed else 0


def _batch(files: list[str], output: str, config: Config) -> int:
    from ..render.xlsx import BatchItem, render_xlsx
    items = []
    failed = 0
    for path in files:
        report, err = analyze_one(path, config)
        if err is not None:
            failed += 1
            print(err.line(), file=sys.stderr)
            detail = f"（{err.detail}）" if err.detail else ""
            items.append(BatchItem(path, None, f"{err.message_zh} / {err.message_en}{detail} [{err.code}]"))
        else:
            items.append(BatchItem(path, report))
    render_xlsx(items, output, config)
    ok = len(items) - failed
    print(f"{output}：共 {len(items)} 份，成功 {ok} 份，失败 {failed} 份", file=sys.stderr)
    return 1 if failed else 0
