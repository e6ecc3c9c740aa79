"""`fazhi review`: one file → opinion (docx/html/md), a folder or files → 汇总.xlsx."""
from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from docx import Document

from fazhi.cli import main
from fazhi.cli.review import collect
from render_helpers import TEXT


@pytest.fixture()
def folder(tmp_path, example_path):
    d = tmp_path / "reports"
    (d / "县级").mkdir(parents=True)
    shutil.copy(example_path, d / "县级" / "样例.txt")
    (d / "青石县.txt").write_text(TEXT, encoding="utf-8")
    (d / "损坏.pdf").write_bytes(b"%PDF-1.4\n this is not a pdf at all")
    (d / "说明.png").write_bytes(b"\x89PNG\r\n\x1a\n")          # not a report type: ignored
    (d / ".hidden").mkdir()
    (d / ".hidden" / "x.txt").write_text("隐藏", encoding="utf-8")
    return d


def test_collect_recurses_and_filters(folder):
    names = sorted(p.rsplit("/", 1)[-1] for p in collect([str(folder)]))
    assert names == ["损坏.pdf", "样例.txt", "青石县.txt"]


def test_single_file_docx_html_md(tmp_path, example_path, capsys):
    out = tmp_path / "审核意见.docx"
    assert main(["review", str(example_path), "-o", str(out)]) == 0
    doc = Document(str(out))
    title = doc.paragraphs[0].text.replace("\n", "")
    assert title.startswith("关于《") and title.endswith("》的审核意见")
    assert any(p.text.startswith("审核结论：") for p in doc.paragraphs)
    assert "审核结论" in capsys.readouterr().err
    html = tmp_path / "审核意见.html"
    assert main(["review", str(example_path), "-o", str(html)]) == 0
    page = html.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="report-text"' in page
    md = tmp_path / "审核意见.md"
    assert main(["review", str(example_path), "-o", str(md)]) == 0
    assert md.read_text("utf-8").startswith("# 关于《")
    # no -o: Markdown on stdout
    assert main(["review", str(example_path)]) == 0
    assert capsys.readouterr().out.startswith("# 关于《")


def test_single_file_with_decisions(tmp_path):
    src = tmp_path / "青石县.txt"
    src.write_text(TEXT, encoding="utf-8")
    start = TEXT.index("部分单位")
    dec = tmp_path / "decisions.json"
    dec.write_text(json.dumps({
        "decisions": {},
        "extra_findings": [{"rule": "quality.reviewer", "severity": "major", "message": "学法内容空泛。",
                            "start": start, "end": start + 4, "suggestion": "补充具体做法。"}]},
        ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "o.md"
    assert main(["review", str(src), "-o", str(out), "--decisions", str(dec)]) == 0
    text = out.read_text("utf-8")
    assert "（审核人补充）" in text and "学法内容空泛" in text and "“部分单位”" in text


def test_single_bad_file_exit_1(tmp_path, capsys):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4 nonsense")
    assert main(["review", str(bad), "-o", str(tmp_path / "x.docx")]) == 1
    assert "坏.pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_folder_to_xlsx_with_a_bad_file(folder, tmp_path, capsys):
    out = tmp_path / "汇总.xlsx"
    assert main(["review", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "损坏.pdf" in err and "失败 1 份" in err
    wb = openpyxl.load_workbook(out)
    rows = list(wb["报告"].iter_rows(values_only=True))
    head = rows[0]
    assert len(rows) == 4
    by_file = {r[0].rsplit("/", 1)[-1]: dict(zip(head, r)) for r in rows[1:]}
    assert set(by_file) == {"损坏.pdf", "样例.txt", "青石县.txt"}
    assert by_file["损坏.pdf"]["错误"] and by_file["损坏.pdf"]["结论"] is None
    for name in ("样例.txt", "青石县.txt"):
        assert by_file[name]["错误"] is None
        assert by_file[name]["结论"] in ("合格", "需修改", "不合格")
    assert by_file["青石县.txt"]["地区"] == "青石县"
    assert wb["问题"].max_row >= 1


def test_files_list_all_good_exit_0(tmp_path, example_path):
    a = tmp_path / "a.txt"
    a.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "sum.xlsx"
    assert main(["review", str(a), str(example_path), "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out)["报告"].max_row == 3


def test_several_files_to_a_folder_of_opinions(tmp_path, example_path):
    a = tmp_path / "a.txt"
    a.write_text(TEXT, encoding="utf-8")
    outdir = tmp_path / "意见"
    assert main(["review", str(a), str(example_path), "-o", str(outdir) + "/", "--format", "html"]) == 0
    assert sorted(p.suffix for p in outdir.iterdir()) == [".html", ".html"]


def test_seed_folder(seeds, tmp_path):
    d = tmp_path / "seeds"
    d.mkdir()
    for p in seeds:
        shutil.copy(p, d / p.name)
    out = tmp_path / "seeds.xlsx"
    assert main(["review", str(d), "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out)["报告"].max_row == 1 + len(seeds)


# a report whose opening has no numbered headings (the statutory parts cannot be found), and a
# news article: neither may be called 合格 "because the statutory parts are complete"
UNSTRUCTURED = ("2023年，青石县审计局坚持依法审计，扎实推进法治机关建设，各项工作取得新进展。\n"
                "深化依法审计。全年完成审计项目14个，查出问题金额2100万元，移送问题线索3件。\n"
                "加强普法宣传。开展“审计法进机关”活动6场次，发放宣传资料900余份。\n")
NEWS = ("青石县召开法治政府建设工作推进会\n发布时间：2024-03-05\n"
        "3月4日，青石县召开法治政府建设工作推进会，副县长主持会议。会议通报了2023年全县法治政府建设情况，"
        "要求各部门对照年度考核细则查漏补缺，按时报送年度报告。\n")


@pytest.mark.parametrize("text,expect", [
    (UNSTRUCTURED, "未识别出报告的章节结构，法定内容未能自动核对"),
    (NEWS, "不是年度报告，未按年度报告核对法定内容"),
])
def test_pass_reason_does_not_claim_parts_it_did_not_check(tmp_path, capsys, text, expect):
    src = tmp_path / "报告.txt"
    src.write_text(text, encoding="utf-8")
    assert main(["analyze", str(src)]) == 0
    summary = capsys.readouterr().out
    line = next(ln for ln in summary.splitlines() if ln.startswith("审核结论："))
    assert expect in line and "法定内容齐全" not in line
    out = tmp_path / "审核意见.docx"
    assert main(["review", str(src), "-o", str(out)]) == 0
    verdict_par = next(p.text for p in Document(str(out)).paragraphs if p.text.startswith("审核结论："))
    assert expect in verdict_par and "法定内容齐全" not in verdict_par
    xlsx = tmp_path / "汇总.xlsx"
    assert main(["review", str(src), str(src), "-o", str(xlsx)]) == 0
    ws = openpyxl.load_workbook(xlsx)["报告"]
    reason_col = [c.value for c in ws[1]].index("结论依据")
    assert expect in ws.cell(2, reason_col + 1).value


def test_stored_report_opinion_is_the_web_download(tmp_path, capsys):
    """`review --db … --id N -o 审核意见.docx` writes the opinion (the web's 审核意见 download), not
    the 批注版, which needs --annotate."""
    from fazhi.config import Config
    from fazhi.corpus.store import Store
    from fazhi.web.opinion import docx_bytes
    src = tmp_path / "in" / "青石县.txt"
    src.parent.mkdir()
    src.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "fazhi.db"
    assert main(["ingest", str(src.parent), "--db", str(db)]) == 0
    out = tmp_path / "审核意见.docx"
    assert main(["review", "--db", str(db), "--id", "1", "-o", str(out)]) == 0
    assert "审核结论" in capsys.readouterr().err
    store = Store(str(db), config=Config.default()).migrate()
    web = tmp_path / "web.docx"
    web.write_bytes(docx_bytes(store.report_json(1), Config.default()))
    texts = [[p.text for p in Document(str(f)).paragraphs] for f in (out, web)]
    assert texts[0] == texts[1] and any(t.startswith("审核结论：") for t in texts[0])
    assert not any("批注" in t for t in texts[0][:3])
    html = tmp_path / "审核意见.html"
    assert main(["review", "--db", str(db), "--id", "1", "-o", str(html)]) == 0
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert main(["review", "--db", str(db), "--id", "99", "-o", str(out)]) == 1
    assert "99" in capsys.readouterr().err


def test_a_folder_reviewed_twice_does_not_review_its_own_opinions(tmp_path, example_path):
    """`review 报告/ -o 报告/` writes 样例_审核意见.docx beside the reports; reviewing the folder
    again lists the reports only, not the opinions (nor a 批注版) as more reports."""
    d = tmp_path / "报告"
    d.mkdir()
    shutil.copy(example_path, d / "样例.txt")
    (d / "青石县.txt").write_text(TEXT, encoding="utf-8")
    assert main(["review", str(d), "-o", str(d) + "/"]) == 0
    assert main(["review", "--annotate", str(d / "青石县.txt"), "-o", str(d / "青石县（审核批注）.docx")]) == 0
    assert {p.name for p in d.iterdir()} >= {"样例_审核意见.docx", "青石县_审核意见.docx", "青石县（审核批注）.docx"}
    assert sorted(p.rsplit("/", 1)[-1] for p in collect([str(d)])) == ["样例.txt", "青石县.txt"]
    out = tmp_path / "汇总.xlsx"
    assert main(["review", str(d), "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out)["报告"].max_row == 1 + 2
