"""Supervision commands: roster (who must report, who did, the 通报) and rectify (整改台账).
All take --db like the corpus commands."""
from __future__ import annotations

import sys

from .corpus import _db, _fmt, _out, open_store


def register(sub) -> None:
    p = sub.add_parser("roster", help="报送情况：应报单位、已报/按时/逾期/未报，通报 / who must report and who did")
    rs = p.add_subparsers(dest="roster_command", metavar="ACTION")

    a = rs.add_parser("show", help="某地某年度的报送情况")
    a.add_argument("--place", required=True, help="地区（如 芜湖市）")
    a.add_argument("--year", type=int, required=True, help="报告年度")
    a.add_argument("-o", "--output", help="导出 Excel（.xlsx）")
    _db(a)
    _fmt(a)
    a.set_defaults(func=cmd_roster_show)

    a = rs.add_parser("import", help="导入本地应报单位名册（.xlsx/.csv：单位名称、层级、上级地区、统一社会信用代码）")
    a.add_argument("file")
    a.add_argument("--place", required=True, help="名册所属地区")
    _db(a)
    a.set_defaults(func=cmd_roster_import)

    a = rs.add_parser("notice", help="生成逾期、未报单位的通报（Word）")
    a.add_argument("--place", required=True)
    a.add_argument("--year", type=int, required=True)
    a.add_argument("-o", "--output", required=True, help="输出 .docx")
    a.add_argument("--config", help="配置文件（YAML；opinion.office 为印发单位）")
    _db(a)
    a.set_defaults(func=cmd_roster_notice)

    for name, linked, what in (("link", True, "把库内报告人工关联到某单位"), ("unlink", False, "取消某单位与某报告的关联")):
        a = rs.add_parser(name, help=what)
        a.add_argument("--place", required=True)
        a.add_argument("--year", type=int, required=True)
        a.add_argument("--unit", required=True, help="单位名称（名单中的写法）")
        a.add_argument("--report", type=int, required=True, help="报告编号")
        a.add_argument("--user", help="操作人")
        _db(a)
        a.set_defaults(func=cmd_roster_link, linked=linked)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])

    from . import rectify
    rectify.register(sub)

    # -- 考评 ---------------------------------------------------------------------------------
    p = sub.add_parser("score", help="考评：按考评细则给报告打分并排名 / score and rank the reports")
    p.add_argument("--place", help="地区（如 芜湖市）：其下各单位的报告；不写则全库")
    p.add_argument("--year", type=int, help="报告年度；不写则逐年度分别排名")
    p.add_argument("-o", "--output", help="导出 Excel（.xlsx：考评、扣分明细）")
    p.add_argument("--rubric", help="考评细则（YAML，按键覆盖默认细则 catalog/scoring.yaml）")
    _db(p)
    _fmt(p)
    p.set_defaults(func=cmd_score)


def cmd_roster_show(args) -> int:
    from ..supervision.roster import iter_rows, roster
    store = open_store(args)
    r = roster(store, args.place, args.year)
    if args.output:
        from ..render.roster import render_roster_xlsx
        render_roster_xlsx(r, args.output)
        print(f"已导出报送情况 {len(r.units)} 个单位到 {args.output}", file=sys.stderr)
    if args.format == "json":
        _out(r.to_json())
        return 0
    c = r.counts
    print(f"{r.place} {r.year}年度：应报 {c['total']}，已报 {c['reported']}（按时 {c['on_time']}、逾期 {c['late']}、"
          f"日期不详 {c['undated']}、不合格 {c['failed']}），未发现 {c['missing']}，只有非年度报告 {c['lookalike']}。")
    from .corpus import _pad, _width
    rows = list(iter_rows(r))
    w_region = max([12] + [_width(row[0]) + 1 for row in rows])
    w_name = max([24] + [_width(row[1]) + 1 for row in rows])
    for row in rows:
        region, name, level, status, days, verdict, rid, how = row
        print(("  " + _pad(region, w_region) + _pad(name, w_name) + _pad(level or "", 6) + _pad(status, 20)
               + _pad(f"#{rid}" if rid else "", 7) + _pad(verdict or "", 8) + (how or "")).rstrip())
    return 0


def cmd_roster_import(args) -> int:
    from ..supervision.roster import import_units
    store = open_store(args)
    n = import_units(store, args.file, args.place)
    print(f"已导入 {args.place} 的应报单位 {n} 个（来自 {args.file}）")
    return 0


def cmd_roster_notice(args) -> int:
    from ..render.roster import render_notice_docx
    from ..supervision.roster import roster
    store = open_store(args)
    r = roster(store, args.place, args.year)
    render_notice_docx(r, args.output, store.config)
    c = r.counts
    print(f"已生成通报 {args.output}：逾期 {c['late']} 个，未报 {c['missing'] + c['lookalike']} 个。", file=sys.stderr)
    return 0


def cmd_roster_link(args) -> int:
    from ..supervision.roster import find_unit, link
    store = open_store(args)
    rep = store.report(args.report)
    if rep is None:
        print(f"报告 #{args.report} 不存在 / report {args.report} not found", file=sys.stderr)
        return 1
    unit = find_unit(store, args.place, args.year, args.unit)
    link(store, args.year, unit.key, rep["report_key"], linked=args.linked, user=args.user)
    print(f"{'已关联' if args.linked else '已取消关联'}：{unit.name} ← 报告 #{args.report}")
    return 0


def cmd_score(args) -> int:
    from ..labels import LEVEL_NAMES
    from ..supervision.ranking import ranking
    from ..supervision.rubric import load_rubric, rubric_criteria
    rubric = load_rubric(args.rubric)       # a bad rubric fails before the database is opened
    store = open_store(args)
    result = ranking(store, args.place, args.year, rubric)
    rows, apart = result.rows, result.apart
    scope = f"{args.place or '全库'}{f' {args.year}年度' if args.year else ''}"
    if args.output:
        from ..render.scoring import render_scores_xlsx
        render_scores_xlsx(rows, rubric, args.output, by_year=not args.year, apart=apart)
        print(f"已导出考评 {len(rows)} 份报告到 {args.output}", file=sys.stderr)
    if args.format == "json":
        _out({"place": args.place, "year": args.year, "rubric": rubric.source,
              "criteria": [{"id": cid, "name": name} for cid, name in rubric_criteria(rubric)],
              "rows": [r.to_json() for r in rows], "apart": [a.to_json() for a in apart]})
        return 0
    from .corpus import _pad, _width
    if not rows:
        print(f"{scope}：库中没有可考评的年度报告。")
    else:
        crit = rubric_criteria(rubric)
        partial = sum(1 for r in rows if not r.score.complete)
        print(f"{scope}：考评 {len(rows)} 份报告（满分 {rows[0].score.full or rows[0].score.max:g}）。"
              + (f"其中 {partial} 份有未核对的项目：按已核对的项目计分（得分写作“得分/计分满分”），"
                 f"排在全部核对的报告之后、按得分率排名，未核对的项目不计分。" if partial else ""))
        w_unit = max([24] + [_width(r.unit) + 1 for r in rows])
        widths = [max(8, _width(n) + 2) for _, n in crit]
        print("  " + _pad("排名", 4, True) + "  " + ("" if args.year else _pad("年度", 10)) + _pad("单位", w_unit)
              + _pad("得分", 10, True) + _pad("得分率", 8, True) + _pad("百分位", 8, True)
              + "".join(_pad(n, w, True) for (_, n), w in zip(crit, widths)) + "  层级    报告   未核对项目")
        for r in rows:
            by = {c.id: c.cell() for c in r.score.criteria}
            year = "" if args.year else _pad(f"{r.year}年度", 10)
            print(("  " + _pad(r.rank, 4, True) + "  " + year + _pad(r.unit, w_unit)
                   + _pad(r.score.score_text(), 10, True) + _pad(f"{r.score.rate:g}%", 8, True)
                   + _pad(f"{r.percentile:g}", 8, True)
                   + "".join(_pad(by.get(cid, "—"), w, True) for (cid, _), w in zip(crit, widths))
                   + "  " + _pad(LEVEL_NAMES.get(r.level or "", r.level or "—"), 8) + _pad(f"#{r.report_id}", 7)
                   + r.score.unchecked_text()).rstrip())
    if apart:
        print(f"未排名 {len(apart)} 份（不是本单位发布的年度报告）：")
        for a in apart:
            print("  " + ("" if args.year else _pad(f"{a.year}年度", 10)) + _pad(a.unit, 30)
                  + _pad(a.kind_name, 16) + _pad(f"#{a.report_id}", 7) + a.reason)
    return 0
