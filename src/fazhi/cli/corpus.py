"""Corpus commands: ingest, list, show, search, export, similar, compare, reanalyze.
All take --db (a file path or a database URL; default $FAZHI_DB, else a SQLite file in the
user's data directory)."""
from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..labels import LATE_NAMES as LATE        # 按时 / 逾期 / 无法判断, as the web and the Excel say
from ..labels import SEVERITY_NAMES as SEV


def _db(p) -> None:
    p.add_argument("--db", help="数据库文件路径或 URL（默认 $FAZHI_DB 或用户数据目录下的 fazhi.db）")


def _fmt(p) -> None:
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")


def register(sub) -> None:
    p = sub.add_parser("ingest", help="批量入库（文件或文件夹，递归）/ load reports into the store")
    p.add_argument("paths", nargs="+", help="报告文件或文件夹（文件夹会递归查找 txt/html/docx/pdf）")
    p.add_argument("--workers", type=int, default=1, help="并行分析的进程数")
    p.add_argument("--config", help="配置文件（YAML）")
    p.add_argument("--no-corpus", action="store_true",
                   help="入库后不重算跨报告分析（大库分批入库时用，最后运行 fazhi similar --all）")
    _db(p); _fmt(p)
    p.set_defaults(func=cmd_ingest)

    from ..labels import KIND_NAMES, LEVEL_NAMES
    p = sub.add_parser("list", help="列出已入库的报告 / list stored reports")
    p.add_argument("--province", help="省份全称（如 甘肃省）")
    p.add_argument("--year", type=int, help="报告年度")
    p.add_argument("--level", type=_named(LEVEL_NAMES, "层级", "level"), metavar="层级",
                   help="层级：" + "、".join(LEVEL_NAMES.values()) + "（也可写 " + "/".join(LEVEL_NAMES) + "）")
    p.add_argument("--kind", type=_named(KIND_NAMES, "类型", "kind"), metavar="类型",
                   help="文本类型：" + "、".join(KIND_NAMES.values()))
    p.add_argument("--severity", type=_named(SEV, "问题级别", "severity"), metavar="级别",
                   help="有此级别的问题：严重、一般、提示（计入审核人的驳回和补充）")
    p.add_argument("--verdict", choices=["合格", "需修改", "不合格"],
                   help="审核结论（有审核人意见时按审核后的结论）/ verdict after review")
    p.add_argument("--all-versions", action="store_true", help="包括旧版本")
    _db(p); _fmt(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="显示一份已入库的报告 / show one stored report")
    p.add_argument("id", type=int)
    _db(p); _fmt(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="全文检索 / full-text search")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    _db(p); _fmt(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export", help="导出指标面板或问题清单（.xlsx/.csv）/ export panels")
    p.add_argument("what", choices=["panel", "findings", "coverage", "compliance"])
    p.add_argument("-o", "--output", required=True, help="输出文件（.xlsx 或 .csv）")
    p.add_argument("--include-targets", action="store_true",
                   help="指标面板也列出“下一年度安排”中的目标值（target 列为真）/ panel: also the plan's targets")
    _db(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("similar", help="跨报告相同或高度相似的段落 / near-duplicate passages")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("id", type=int, nargs="?")
    g.add_argument("--all", action="store_true",
                   help="全部报告（先更新跨报告分析：只重算新增或变动的报告所涉及的部分，结果与全量重算相同）")
    p.add_argument("--full", action="store_true", help="与 --all 同用：全量重算跨报告分析 / full recompute")
    _db(p); _fmt(p)
    p.set_defaults(func=cmd_similar)

    p = sub.add_parser("compare", help="两份报告对照 / compare two reports")
    p.add_argument("id1", type=int); p.add_argument("id2", type=int)
    _db(p); _fmt(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("check-db", help="检查数据库是否一致 / check the store's consistency")
    p.add_argument("--deep", action="store_true", help="也重算跨报告分析并与库内结果比对（较慢）")
    _db(p); _fmt(p)
    p.set_defaults(func=cmd_check_db)

    p = sub.add_parser("reanalyze", help="用当前引擎重新分析库内全部报告 / re-run the analysis")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--config", help="配置文件（YAML）")
    _db(p); _fmt(p)
    p.set_defaults(func=cmd_reanalyze)


def _creates_store(args) -> bool:
    """The commands that may start a new database: loading reports, a roster, 整改 items."""
    return (args.command == "ingest" or getattr(args, "roster_command", None) == "import"
            or getattr(args, "rectify_command", None) in ("add", "import"))


def open_store(args):
    from ..config import Config
    from ..corpus.store import Store
    db = getattr(args, "db", None)
    if db and "://" not in str(db) and not Path(db).expanduser().exists() and not _creates_store(args):
        # a mistyped --db would otherwise be created empty and answer 共 0 份 (cli.main: one line, exit 2)
        from ..errors import FazhiError
        raise FazhiError("no_db", str(db), "先用 fazhi ingest 入库，或检查 --db 的路径 / run fazhi ingest first, or check --db")
    config = Config.load(getattr(args, "config", None))
    return Store(db, config=config).migrate()


def _out(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _missing(args, ids) -> int:
    """A stored report that does not exist: one line on stderr (Chinese and English); with
    --format json also one JSON document on stdout. Exit code 1."""
    ids = [str(i) for i in ids]
    msg = f"没有编号为 {'、'.join(ids)} 的报告 / no stored report with id {', '.join(ids)}"
    print(msg, file=sys.stderr)
    if getattr(args, "format", "text") == "json":
        _out({"error": {"code": "not_found", "message": msg}})
    return 1


def _v(x) -> str:
    return "—" if x in (None, "", []) else str(x)


def _named(names: dict[str, str], what: str, what_en: str):
    """An option value given by its Chinese name (县级, 年度报告, 严重) or its code; anything else is
    a one-line error that lists the Chinese names."""
    import argparse
    back = {v: k for k, v in names.items()}

    def convert(s: str) -> str:
        s = s.strip()
        if s in names:
            return s
        if s in back:
            return back[s]
        raise argparse.ArgumentTypeError(f"没有这个{what}“{s}”（可选：{'、'.join(names.values())}）"
                                         f" / no such {what_en}: {s!r}")
    return convert


def _width(s: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(x: Any, width: int, right: bool = False) -> str:
    """x padded to `width` terminal columns (a Chinese character takes two), at least one space after."""
    s = str(x)
    fill = " " * max(0 if right else 1, width - _width(s))
    return fill + s if right else s + fill




def _place(r: dict) -> str:
    return "".join(x for x in (r.get("jurisdiction"), r.get("department")) if x) or "（地区不详）"


# -- commands ---------------------------------------------------------------------------

def cmd_ingest(args) -> int:
    store = open_store(args)
    if args.workers > 1:     # OCR of scanned pages: share the cores between the worker processes
        os.environ.setdefault("FAZHI_OCR_THREADS", str(max(1, (os.cpu_count() or 1) // args.workers)))
    summary = store.ingest(args.paths, workers=max(1, args.workers), corpus=not args.no_corpus,
                           progress=lambda m: print(m, file=sys.stderr, flush=True))
    if args.format == "json":
        _out(summary.to_json())
    else:
        print(f"共 {summary.files} 个文件：入库 {summary.loaded}（其中新版本 {summary.versions}），"
              f"跳过 {summary.skipped}（已入库），失败 {summary.failed}"
              + ("（每个失败的文件及原因见上方逐行进度）。" if summary.failed else "。"))
    store.close()
    return 1 if summary.failed else 0


def cmd_list(args) -> int:
    store = open_store(args)
    rows = store.list_reports(province=args.province, year=args.year, level=args.level, kind=args.kind,
                              severity=args.severity, verdict=args.verdict, all_versions=args.all_versions)
    if args.format == "json":
        _out(rows)
        return 0
    from ..labels import KIND_NAMES
    cols = (4, 16, 22, 6, 14, 16, 10)
    print(f"{_pad('编号', cols[0], True)}  " + " ".join(
        _pad(h, w) for h, w in zip(("省份", "地区/部门", "年度", "类型", "结论", "时限"), cols[1:]))
        + " 严重/一般/提示  版本  文件")
    for r in rows:
        if r.get("reviewed_verdict") is not None:   # after the reviewers' decisions
            verdict = f"{r['reviewed_verdict']}（审核后）"
            counts = f"{r['reviewed_major']}/{r['reviewed_minor']}/{r['reviewed_info']}"
        else:
            verdict, counts = _v(r.get("verdict")), f"{r['n_major']}/{r['n_minor']}/{r['n_info']}"
        cells = (_v(r["province"]), _place(r), _v(r["report_year"]), KIND_NAMES.get(r["kind"] or "", _v(r["kind"])),
                 verdict, LATE[r.get("late")])
        print(f"{_pad(r['id'], cols[0], True)}  " + " ".join(_pad(c, w) for c, w in zip(cells, cols[1:]))
              + f" {_pad(counts, 14)}  v{r['version']}{'' if r['current'] else '（旧）'}  {Path(r['name'] or '').name}")
    print(f"共 {len(rows)} 份")
    return 0


def cmd_show(args) -> int:
    store = open_store(args)
    doc = store.report_json(args.id)
    if doc is None:
        return _missing(args, [args.id])
    if args.format == "json":
        _out(doc)
        return 0
    from ..labels import DECISION_NAMES, KIND_NAMES, LEVEL_NAMES, rule_title
    from ..render.quotes import plain
    from ..supervision.corrections import line
    m, st = doc["meta"], doc["store"]
    title = f"《{m['title']}》" if m.get("title") else "（原文未写标题）"
    print(f"{title}  编号 {st['id']}  版本 v{st['version']}{'' if st['current'] else '（旧版本）'}")
    print(f"  文件      {_v(st['name'])}")
    print(f"  地区      {_v(m.get('jurisdiction'))}  上级 {_v(m.get('parent'))}  省份 {_v(m.get('province'))}  "
          f"层级 {_v(LEVEL_NAMES.get(m.get('level') or '', m.get('level')))}")
    if m.get("department"):
        print(f"  部门      {m['department']}")
    print(f"  报告年度  {_v(m.get('report_year'))}  成文日期 {_v(m.get('report_date'))}  "
          f"发布日期 {_v(m.get('publish_date'))}  时限 {LATE[st['late']]}")
    print(f"  类型      {_v(KIND_NAMES.get(m.get('kind') or '', m.get('kind')))}  纲要 {_v(m.get('framework'))}  "
          f"结论 {_v(st['verdict'])}")
    for c in doc.get("corrections") or []:
        if c["field"] not in ("adcode", "parent"):
            print(f"  人工更正  {line(c)}")
    c = st["counts"]
    print(f"  问题      严重 {c['major']}  一般 {c['minor']}  提示 {c['info']}")
    if st.get("reviewed"):
        rc = st["reviewed"]["counts"]
        print(f"  审核后    结论 {_v(st['reviewed']['verdict'])}  严重 {rc['major']}  一般 {rc['minor']}  "
              f"提示 {rc['info']}（计入审核人的驳回和补充）")
    print(f"  结构      {len(doc.get('sections') or [])} 个一级标题，{len(doc.get('facts') or [])} 个数据")
    print("\n问题：" + ("" if doc["findings"] or st["reviewer_findings"] else "无"))
    for f in doc["findings"]:
        d = (f.get("decision") or {}).get("decision")
        dec = f"  ［审核：{DECISION_NAMES.get(d, d)}］" if d else ""
        print(f"  {f['id']} [{SEV.get(f['severity'], f['severity'])}] {rule_title(f['rule'])}：{plain(f['message'])}{dec}")
        for e in (f.get("evidence") or [])[:2]:
            q = " ".join((e.get("quote") or "").split())
            print(f"      @{e['start']}-{e['end']} “{q[:60]}{'…' if len(q) > 60 else ''}”")
    for r in st["reviewer_findings"]:
        print(f"  [审核人 {r.get('user') or ''}] {r['message']}  @{r['start']}-{r['end']} “{r['quote']}”")
    if len(st["versions"]) > 1:
        print("\n版本：" + "；".join(f"v{v['version']} 编号{v['id']}{'（当前）' if v['current'] else ''}"
                                  for v in st["versions"]))
    return 0


def cmd_search(args) -> int:
    store = open_store(args)
    res = store.search(args.query, limit=args.limit)
    if args.format == "json":
        _out(res)
        return 0
    for r in res:
        print(f"#{r['report_id']} {_place(r)} {_v(r['report_year'])}年  命中 {r['count']} 处")
        for h in r["hits"]:
            print(f"    @{h['start']}-{h['end']}  …{h['snippet']}…")
    print(f"共 {len(res)} 份报告")
    return 0


# Chinese column names and values of the exported tables (the Python API keeps its keys)
EXPORT_COLUMNS = {
    "report_id": "报告编号", "province": "省份", "parent": "上级地区", "jurisdiction": "地区",
    "department": "部门", "level": "层级", "report_year": "报告年度", "year": "数据年度",
    "indicator": "指标", "value": "数值", "unit": "单位", "quote": "原文", "part": "所在法定内容",
    "target": "是否目标值", "start": "起始位置", "end": "结束位置", "framework": "纲要",
    "area": "纲要任务", "area_title": "任务名称", "sections": "涉及章节数", "covered": "是否覆盖",
    "kind": "文本类型", "publish_date": "发布日期", "late": "按时报送公开", "missing_parts": "缺少的法定内容",
    "verdict": "结论", "major": "严重", "minor": "一般", "info": "提示", "shares_text": "与其他报告雷同",
    "rule": "问题名称", "family": "类别", "severity": "严重程度", "message": "说明", "suggestion": "建议",
    "number": "问题编号", "decision": "审核人决定",
    "corrected": "人工更正",          # fields a reviewer corrected (supervision/corrections.py)
}
EXPORT_SHEETS = {"panel": "指标面板", "findings": "问题清单", "coverage": "纲要覆盖", "compliance": "合规情况"}
# ids whose display would be an internal code: columns dropped from the export
EXPORT_DROP = {"area"}


def _display(col: str, v, csv_out: bool = False):
    from ..labels import (FAMILIES, KIND_NAMES, LEVEL_NAMES, PART_NAMES, SEVERITY_NAMES,
                          DECISION_NAMES, indicator_names, rule_title)
    if col == "late":
        return LATE[v]
    if v is None:
        return None
    if col in ("message", "suggestion"):
        from ..render.quotes import plain
        return plain(v)
    if col == "corrected":
        from ..supervision.corrections import names
        return names(f for f in str(v).split(",") if f not in ("adcode", "parent")) or None
    if isinstance(v, bool):
        return "是" if v else "否"
    table = {"level": LEVEL_NAMES, "kind": KIND_NAMES, "part": PART_NAMES, "family": FAMILIES,
             "severity": SEVERITY_NAMES, "decision": DECISION_NAMES}.get(col)
    if table is not None:
        return table.get(v, v)
    if col == "indicator":
        return indicator_names().get(v, v)
    if col == "rule":
        return rule_title(v)
    if col == "missing_parts":
        return "、".join(PART_NAMES.get(p, p) for p in v) or None
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15 and (col != "value" or csv_out):
        return int(v)       # (an xlsx keeps 数值 a float column: Excel shows 2.0 as 2)
    return v


def _write_table(rows: list[dict], path: str, what: str = "") -> None:
    """rows (English keys) -> .xlsx or .csv with Chinese headers and values; one sheet named
    after what it holds."""
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols and k not in EXPORT_DROP:
                cols.append(k)

    is_csv = Path(path).suffix.lower() == ".csv"

    def cell(c, v):
        v = _display(c, v, is_csv)
        if isinstance(v, (list, dict)):
            return json.dumps(v, ensure_ascii=False)
        return v

    headers = [EXPORT_COLUMNS.get(c, c) for c in cols]
    p = Path(path)
    if p.suffix.lower() == ".csv":
        with p.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(headers)
            for r in rows:
                w.writerow([cell(c, r.get(c)) for c in cols])
    elif p.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.worksheet.worksheet import Worksheet
        wb = Workbook()
        ws = wb.active
        assert isinstance(ws, Worksheet)        # a new workbook has one worksheet
        ws.title = EXPORT_SHEETS.get(what, "导出")
        ws.append(headers)
        for r in rows:
            ws.append([cell(c, r.get(c)) for c in cols])
        ws.freeze_panes = "A2"
        wb.save(p)
    else:
        raise SystemExit("输出文件须为 .xlsx 或 .csv / output must be .xlsx or .csv")


def cmd_export(args) -> int:
    from ..corpus import panel
    store = open_store(args)
    if args.what == "panel":
        rows = panel.indicator_panel(store, include_targets=args.include_targets)
    elif args.what == "coverage":
        rows = panel.coverage(store)
    elif args.what == "compliance":
        rows = panel.compliance(store)
    else:
        found = store.findings()
        number: dict[int, str] = {}
        seen: Counter[int] = Counter()  # F1…Fn within each report (rows in store order), as the web,
        for f in found:                # `fazhi show` and the Excel number them
            seen[f["report_id"]] += 1
            number[f["id"]] = f"F{seen[f['report_id']]}"
        rows = [{"report_id": f["report_id"], "number": number[f["id"]],
                 "province": f["province"], "jurisdiction": f["jurisdiction"],
                 "department": f["department"], "report_year": f["report_year"], "rule": f["rule"],
                 "family": f["family"], "severity": f["severity"], "message": f["message"],
                 "quote": "；".join(e.get("quote", "") for e in (f["evidence"] or [])[:3]),
                 "start": (f["evidence"] or [{}])[0].get("start"), "end": (f["evidence"] or [{}])[0].get("end"),
                 "suggestion": f["suggestion"],
                 "decision": (f["decision"] or {}).get("decision"),
                 "corrected": f.get("corrected")} for f in store.findings()]
    _write_table(rows, args.output, args.what)
    print(f"已导出 {len(rows)} 行到 {args.output}", file=sys.stderr)
    return 0


def cmd_similar(args) -> int:
    store = open_store(args)
    if args.id is not None and store.report(args.id) is None:
        return _missing(args, [args.id])
    if args.all:
        store.refresh_corpus(full=args.full)
    rows = store.findings(report_id=args.id, family="corpus")
    rows = [f for f in rows if f["rule"] == "corpus.duplicate_text"]
    if args.all:    # each pair once
        rows = [f for f in rows if f["report_id"] < f["data"]["other_report_id"]]
    out = [{"report_id": f["report_id"], "place": _place(f), "report_year": f["report_year"],
            "other_report_id": f["data"]["other_report_id"], "other_place": f["data"]["other_place"],
            "shared_chars": f["data"]["shared_chars"], "share": f["data"]["share"],
            "likely_source": f["data"]["likely_source"], "passages": f["data"]["passages"]} for f in rows]
    if args.format == "json":
        _out(out)
        return 0
    from ..textnorm import shorten
    for x in out:
        src = {"this": f"报告 {x['report_id']} 在先", "other": f"报告 {x['other_report_id']} 在先"}.get(
            x["likely_source"], "先后不明")
        # both sides named alike: 柏川县2023年度报告 ↔ 岚溪县2023年度报告 (the finding's own words)
        this = f"{x['place']}{x['report_year']}年度报告" if x["report_year"] else f"{x['place']}的报告"
        print(f"报告 {x['report_id']}（{this}）↔ 报告 {x['other_report_id']}（{x['other_place']}）："
              f"{len(x['passages'])} 处，约 {x['shared_chars']} 字（占本报告 {x['share']:.0%}），{src}")
        for p in x["passages"][:5]:
            print(f"    @{p['start']}-{p['end']} ↔ @{p['other_start']}-{p['other_end']}  “{shorten(p['other_quote'], 51)}”")
    if not out:
        print("未发现与其他地方报告相同的段落。")
    return 0


def cmd_compare(args) -> int:
    from ..corpus.compare import compare
    store = open_store(args)
    res = compare(store, args.id1, args.id2)
    if res is None:
        return _missing(args, [i for i in (args.id1, args.id2) if store.report(i) is None])
    if args.format == "json":
        _out(res)
        return 0
    from ..corpus.compare import value_text
    from ..labels import KIND_NAMES, PART_SHORT, indicator_names

    def cell(side: dict, k: str) -> str:
        x = side.get(k)
        if k == "kind":
            return KIND_NAMES.get(x or "", _v(x))
        if k in ("missing_parts", "nested_parts"):
            return "、".join(PART_SHORT.get(p, p) for p in x or []) or "无"
        if k == "counts":
            return f"{side['major']}/{side['minor']}/{side['info']}"
        return _v(x)

    a, b = res["reports"]
    print(_pad("", 24) + _pad(f"报告 {a['id']}", 28) + f"报告 {b['id']}")
    # the rows of the web's 对比 page, in its words
    for label, k in (("地区/部门", "place"), ("年度", "report_year"), ("类型", "kind"), ("纲要", "framework"),
                     ("发布日期", "publish_date"), ("结论", "verdict"), ("问题（严重/一般/提示）", "counts"),
                     ("缺少的法定内容", "missing_parts"), ("未单列的法定内容", "nested_parts")):
        print(_pad(label, 24) + _pad(cell(a, k), 28) + cell(b, k))
    if res["indicators"]:
        print("\n指标：")
        names = indicator_names()
        for row in res["indicators"]:
            print("  " + _pad(names.get(row["indicator"], row["indicator"]), 40)
                  + _pad(_v(value_text(row["a"], row.get("a_unit"))), 20) + _v(value_text(row["b"], row.get("b_unit"))))
    print(f"\n相同段落：{len(res['shared'])} 处")
    for p in res["shared"][:10]:
        print(f"  @{p['a_start']}-{p['a_end']} ↔ @{p['b_start']}-{p['b_end']}  “{p['quote'][:50]}…”")
    if res["continuity"]:
        from ..labels import rule_title
        from ..render.quotes import plain
        print(f"\n连续性问题：{len(res['continuity'])} 项")
        for f in res["continuity"]:
            print(f"  [{rule_title(f['rule'])}] {plain(f['message'])}")
    return 0


def cmd_check_db(args) -> int:
    from ..corpus.integrity import check_db
    store = open_store(args)
    problems = check_db(store, deep=args.deep)
    with store.engine.connect() as conn:
        import sqlalchemy as sa
        from ..corpus import schema as T
        n = conn.execute(sa.select(sa.func.count()).select_from(T.reports)).scalar()
    store.close()
    if args.format == "json":
        _out({"ok": not problems, "reports": n, "problems": problems})
    elif problems:
        print(f"数据库不一致（{n} 份报告）：")
        for p in problems:
            print(f"  - {p['message']}")
    else:
        print(f"数据库一致（{n} 份报告）。")
    return 1 if problems else 0


def cmd_reanalyze(args) -> int:
    store = open_store(args)
    res = store.reanalyze(workers=max(1, args.workers),
                          progress=lambda m: print(m, file=sys.stderr, flush=True))
    if args.format == "json":
        _out(res)
    else:
        print(f"重新分析 {res['sources']} 个文件：更新 {res['updated']}，失败 {res['failed']}（运行记录 #{res['run_id']}）。")
    return 1 if res["failed"] else 0
