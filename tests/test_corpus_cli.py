"""The corpus commands, run through `fazhi.cli.main` against a SQLite file and PostgreSQL."""
from __future__ import annotations

import csv
import re
import json

import pytest
from openpyxl import load_workbook

from fazhi.cli import main
from test_store import FIXTURES, copy_fixtures, db_url  # noqa: F401  (fixture)


def run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.fixture
def db(db_url, tmp_path, capsys):  # noqa: F811
    copy_fixtures(tmp_path / "in")
    rc, out, err = run(capsys, "ingest", str(tmp_path / "in"), "--db", db_url)
    assert rc == 0, err
    assert f"入库 {len(FIXTURES)}" in out and f"[{len(FIXTURES)}/{len(FIXTURES)}]" in err
    return db_url


def test_ingest_again_and_failures(db, tmp_path, capsys):
    rc, out, _ = run(capsys, "ingest", str(tmp_path / "in"), "--db", db, "--format", "json")
    assert rc == 0 and json.loads(out)["skipped"] == len(FIXTURES)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    rc, out, err = run(capsys, "ingest", str(bad), "--db", db)
    assert rc == 1 and "失败 1" in out


def test_list_show_search(db, capsys):
    rc, out, _ = run(capsys, "list", "--db", db, "--format", "json")
    rows = json.loads(out)
    assert rc == 0 and len(rows) == len(FIXTURES)
    rc, out, _ = run(capsys, "list", "--db", db, "--year", "2022", "--format", "json")
    assert [r["jurisdiction"] for r in json.loads(out)] == ["岚溪县"]
    rc, out, _ = run(capsys, "list", "--db", db, "--level", "county", "--severity", "major")
    assert rc == 0 and "柏川县" in out
    rid = next(r["id"] for r in rows if r["jurisdiction"] == "柏川县")
    rc, out, _ = run(capsys, "show", str(rid), "--db", db)
    assert rc == 0 and "柏川县" in out and "与其他地方的报告文字雷同" in out
    rc, out, _ = run(capsys, "show", str(rid), "--db", db, "--format", "json")
    doc = json.loads(out)
    assert doc["schema"] == "fazhi.report/1" and doc["store"]["id"] == rid
    assert run(capsys, "show", "9999", "--db", db)[0] == 1
    rc, out, _ = run(capsys, "search", "出庭应诉", "--db", db, "--format", "json")
    res = json.loads(out)
    assert {r["jurisdiction"] for r in res} == {"岚溪县", "柏川县"}
    assert all(h["quote"] == "出庭应诉" for r in res for h in r["hits"])


def test_export_panel_and_findings(db, tmp_path, capsys):
    x = tmp_path / "指标.xlsx"
    assert run(capsys, "export", "panel", "-o", str(x), "--db", db)[0] == 0
    wb = load_workbook(x)
    assert wb.sheetnames == ["指标面板"]
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert {"地区", "数据年度", "指标", "数值", "原文", "起始位置", "结束位置"} <= set(header)
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in header), header
    values = [c.value for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not any(re.fullmatch(r"[a-z]+(_[a-z]+)+|county|city|measures", v) for v in values)
    c = tmp_path / "问题.csv"
    assert run(capsys, "export", "findings", "-o", str(c), "--db", db)[0] == 0
    with c.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert any(r["问题名称"] == "与其他地方的报告文字雷同" and r["地区"] == "柏川县" for r in rows), rows[:1]
    assert all(re.fullmatch(r"F\d+", r["问题编号"]) for r in rows) and "问题标识" not in rows[0]
    for what in ("coverage", "compliance"):
        assert run(capsys, "export", what, "-o", str(tmp_path / f"{what}.csv"), "--db", db)[0] == 0


def test_similar_compare_reanalyze(db, capsys):
    rc, out, _ = run(capsys, "similar", "--all", "--db", db, "--format", "json")
    pairs = json.loads(out)
    assert rc == 0 and len(pairs) == 1
    rc, out, _ = run(capsys, "similar", "--all", "--full", "--db", db, "--format", "json")
    assert rc == 0 and json.loads(out) == pairs          # the full recompute: the same pairs
    assert {pairs[0]["place"], pairs[0]["other_place"].replace("2023年度报告", "")} == {"岚溪县", "柏川县"}
    rows = json.loads(run(capsys, "list", "--db", db, "--format", "json")[1])
    ids = {(r["jurisdiction"], r["report_year"]): r["id"] for r in rows}
    rc, out, _ = run(capsys, "similar", str(ids[("枫岭县", 2023)]), "--db", db)
    assert rc == 0 and "未发现" in out
    rc, out, _ = run(capsys, "compare", str(ids[("岚溪县", 2022)]), str(ids[("岚溪县", 2023)]),
                     "--db", db, "--format", "json")
    cmp_ = json.loads(out)
    rules = sorted(f["rule"] for f in cmp_["continuity"])
    assert rules == ["corpus.plan_not_followed", "corpus.repeated_problem", "corpus.repeated_problem"]
    rc, out, _ = run(capsys, "compare", str(ids[("岚溪县", 2023)]), str(ids[("柏川县", 2023)]), "--db", db)
    assert rc == 0 and "相同段落：" in out and "相同段落：0" not in out
    rc, out, _ = run(capsys, "reanalyze", "--db", db, "--format", "json")
    res = json.loads(out)
    assert rc == 0 and res["updated"] == len(FIXTURES) and res["failed"] == 0


def test_every_json_output_is_one_document(db, capsys):
    rows = json.loads(run(capsys, "list", "--db", db, "--format", "json")[1])
    a, b = rows[0]["id"], rows[1]["id"]
    cases = [("list",), ("list", "--province", "不存在省"), ("list", "--all-versions"),
             ("show", str(a)), ("search", "行政复议"), ("search", "没有这个词语"),
             ("similar", str(a)), ("similar", "--all"), ("compare", str(a), str(b))]
    for argv in cases:
        rc, out, _ = run(capsys, *argv, "--db", db, "--format", "json")
        assert rc == 0, argv
        doc = json.loads(out)            # the whole of stdout parses as one JSON value
        assert isinstance(doc, (list, dict)), argv
    # a report that does not exist: exit code 1, an error document, one line on stderr
    for argv in (("show", "9999"), ("similar", "9999"), ("compare", str(a), "9999")):
        rc, out, err = run(capsys, *argv, "--db", db, "--format", "json")
        assert rc == 1, argv
        assert json.loads(out)["error"]["code"] == "not_found"
        assert err.count("\n") == 1 and "9999" in err and "Traceback" not in err


def test_ingest_without_corpus_analyses(db_url, tmp_path, capsys):  # noqa: F811
    from fazhi.corpus.store import Store
    copy_fixtures(tmp_path / "in")
    rc, _, _ = run(capsys, "ingest", str(tmp_path / "in"), "--db", db_url, "--no-corpus")
    assert rc == 0
    s = Store(db_url)
    try:
        assert len(s.list_reports()) == len(FIXTURES)
        assert s.findings(family="corpus") == []          # not computed at ingest
        rows = json.loads(run(capsys, "similar", "--all", "--db", db_url, "--format", "json")[1])
        assert len(rows) == 1                              # the template copy, by similar --all
        assert any(f["rule"] == "corpus.duplicate_text" for f in s.findings(family="corpus"))
    finally:
        s.close()


def _display_col(line: str, sub: str) -> int:
    """The terminal column where `sub` starts in `line` (a Chinese character takes two)."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:line.index(sub)])


def test_text_outputs_speak_chinese_and_line_up(db, capsys):
    """What a reviewer reads from list/show/compare: Chinese names for levels, kinds, rules,
    decisions and time limits (no rule ids, level codes, True/False or 6.0), columns that line
    up with Chinese place names, and filters that take the names the table shows."""
    rows = json.loads(run(capsys, "list", "--db", db, "--format", "json")[1])
    # filters by Chinese name give what the codes give
    for zh, code in ((("--level", "县级"), ("--level", "county")), (("--kind", "年度报告"), ("--kind", "report")),
                     (("--severity", "严重"), ("--severity", "major"))):
        assert run(capsys, "list", "--db", db, *zh, "--format", "json")[1] == \
            run(capsys, "list", "--db", db, *code, "--format", "json")[1]
    with pytest.raises(SystemExit) as e:
        main(["list", "--db", db, "--level", "乡级"])
    err = capsys.readouterr().err
    assert e.value.code == 2 and err.count("\n") == 1 and "县级" in err and "province" not in err
    # list: the 年度 column starts at one terminal column on every line
    rc, out, _ = run(capsys, "list", "--db", db)
    lines = [ln for ln in out.splitlines() if re.match(r"\s*\d+  ", ln)]
    assert rc == 0 and len(lines) == len(rows)
    cols = {_display_col(ln, str(r["report_year"])) for ln, r in
            zip(lines, sorted(rows, key=lambda r: out.index(f" {r['id']}  ")))}
    assert len(cols) == 1, out
    code = re.compile(r"\b[a-z]+[._][a-z_]+\b|\b(?:True|False|None|county|report|major|minor)\b|\d\.0\b")
    for r in rows:
        rc, out, _ = run(capsys, "show", str(r["id"]), "--db", db)
        assert rc == 0 and re.search(r"时限 (按时|逾期|无法判断)", out), out
        body = out.split("\n", 2)[2]           # past the file path
        assert not code.search(body), (code.search(body), body)
    a, b = rows[0]["id"], rows[1]["id"]
    rc, out, _ = run(capsys, "compare", str(a), str(b), "--db", db)
    assert rc == 0 and "年度报告" in out and not code.search(out), out
    assert "指标：" in out and re.search(r"\n  \S+\s+(\d+(?:\.\d+)?\D*|—)\s+(\d+(?:\.\d+)?\D*|—)\n", out)   # 26件, 85%


NESTED = """石城县法治政府建设情况报告
石城县人民政府坚持依法行政，现将有关情况报告如下：
一、工作开展情况
（一）党政主要负责人履行推进法治建设第一责任人职责情况
县政府主要负责人带头学法4次，主持召开专题会议3次。
（二）依法全面履行政府职能
全面推行权责清单制度，公布权责事项2100项。
（三）全面提高政府工作人员法治思维和依法行政能力
组织领导干部法治培训6期，参训人员800人。
二、存在的不足
执法人员业务能力不强，主要原因是培训不够系统。
三、下一步工作安排
年内组织执法培训4期，行政机关负责人出庭应诉率达到100%。
石城县人民政府
"""


def test_exports_agree_with_the_review(db_url, tmp_path, capsys):  # noqa: F811
    """The exported tables say what the review says: a part written as a sub-heading is 未单列
    (a finding), not 缺少的法定内容; an unknown time limit is 无法判断, not blank; the 说明 column
    has no internal codes; 纲要任务 are named in Chinese even when the report names no 纲要; a CSV
    writes 2 for a count, not 2.0."""
    src = tmp_path / "in" / "石城县.txt"
    src.parent.mkdir()
    src.write_text(NESTED, encoding="utf-8")
    assert run(capsys, "ingest", str(src.parent), "--db", db_url)[0] == 0
    doc = json.loads(run(capsys, "show", "1", "--db", db_url, "--format", "json")[1])
    rules = {f["rule"] for f in doc["findings"]}
    assert "structure.part_nested" in rules and "structure.missing_part" not in rules
    tables = {}
    for what in ("compliance", "findings", "coverage", "panel"):
        out = tmp_path / f"{what}.csv"
        assert run(capsys, "export", what, "-o", str(out), "--db", db_url)[0] == 0
        with out.open(encoding="utf-8-sig") as fh:
            tables[what] = list(csv.DictReader(fh))
    row, = tables["compliance"]
    assert row["缺少的法定内容"] == "" and row["结论"] == doc["store"]["verdict"]
    assert row["按时报送公开"] == "无法判断"
    nested = next(r for r in tables["findings"] if r["问题名称"] == "法定内容未单列")
    assert "第一责任人职责" in nested["说明"] and not re.search(r"[（(][a-z_]+[）)]", nested["说明"])
    assert tables["coverage"] and all(re.search(r"[\u4e00-\u9fff]", r["任务名称"]) for r in tables["coverage"])
    assert tables["panel"] and not any(r["数值"].endswith(".0") for r in tables["panel"])


def test_a_mistyped_db_file_is_not_created_by_a_read_command(tmp_path, capsys):
    """`fazhi list --db 错名.db` says the file does not exist (exit 2, one line) instead of creating
    an empty database and answering 共 0 份; ingest still creates a new file."""
    typo = tmp_path / "sub" / "fazhi-typo.db"
    for argv in (["list"], ["show", "1"], ["export", "panel", "-o", str(tmp_path / "p.csv")],
                 ["score"], ["rectify", "list"], ["roster", "show", "--place", "临邑县", "--year", "2024"],
                 ["review", "--id", "1", "-o", str(tmp_path / "o.docx")]):
        capsys.readouterr()
        rc = main([*argv, "--db", str(typo)])
        err = capsys.readouterr().err
        assert rc == 2 and err.count("\n") == 1 and "数据库文件不存在" in err and " / " in err, (argv, err)
        assert not typo.exists() and not typo.parent.exists()
    src = tmp_path / "in" / "石城县.txt"
    src.parent.mkdir()
    src.write_text(NESTED, encoding="utf-8")
    assert run(capsys, "ingest", str(src), "--db", str(typo))[0] == 0 and typo.exists()
    rc, out, _ = run(capsys, "list", "--db", str(typo))
    assert rc == 0 and "石城县" in out


def test_show_of_an_untitled_report_says_so(tmp_path, capsys):
    src = tmp_path / "无标题.txt"
    src.write_text(NESTED.split("\n", 1)[1], encoding="utf-8")       # the same report without its title
    db = str(tmp_path / "t.db")
    assert run(capsys, "ingest", str(src), "--db", db)[0] == 0
    rc, out, _ = run(capsys, "show", "1", "--db", db)
    assert rc == 0 and out.startswith("（原文未写标题）  编号 1") and "《—》" not in out


def test_similar_names_both_reports_alike_and_as_the_finding_does(db, capsys):
    """`fazhi similar` named one side “柏川县 2023” and the other “岚溪县2023年度报告”: both are now
    named as the duplicate-text finding names the other report, with the finding's share."""
    rc, out, _ = run(capsys, "similar", "--all", "--db", db)
    head = out.splitlines()[0]
    m = re.match(r"报告 (\d+)（(.+?)）↔ 报告 (\d+)（(.+?)）：.*占本报告 (\d+)%", head)
    assert rc == 0 and m, head
    assert m.group(2).endswith("年度报告") and m.group(4).endswith("年度报告"), head
    rc, out, _ = run(capsys, "show", m.group(1), "--db", db)
    assert f"与{m.group(4)}有" in out and f"占本报告正文的{m.group(5)}%" in out
