"""render/annotate.py: the drafter's Word file returned with 批注 (Word comments), the original
otherwise untouched; TXT inputs get the clean text in 公文 format with the same comments."""
from __future__ import annotations

import io
import shutil
import subprocess

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from lxml import etree

from fazhi.api import analyze, analyze_text
from fazhi.config import Config
from fazhi.model import Evidence, Finding
from fazhi.render.annotate import annotate_docx, annotate_text, annotated

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# a team-written report: the 纠错率 does not match its counts (5/15 = 33.3%, not 35%)
LINES = [
    "青石县人民政府关于2023年度法治政府建设情况的报告",
    "一、主要举措和成效",
    "全年共受理行政复议案件15件，其中维持10件、纠错5件，纠错率35%。",
    "二、存在的不足和原因",
    "一是部分单位学法不够深入，原因是培训次数偏少；二是执法人员数量不足。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "县政府主要负责人召开常务会议4次专题研究法治政府建设工作。",
    "四、2024年工作安排",
    "2024年完成行政规范性文件清理1次，年底前培训执法人员200人次。",
]
RATE = "35%"


def _rich_docx() -> bytes:
    """The report as a drafter's Word file: mixed run formatting inside the paragraph that
    carries the finding, a numbered list, a table, header and footer."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "青石县人民政府文件"
    d.sections[0].footer.paragraphs[0].text = "第1页"
    t = d.add_paragraph(LINES[0])
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.runs[0].font.size = Pt(22)
    t.runs[0].bold = True
    d.add_paragraph(LINES[1], style="Heading 1")
    p = d.add_paragraph()
    head, tail = LINES[2].split("纠错")[0], LINES[2][len(LINES[2].split("纠错")[0]):]
    r = p.add_run(head[:8])
    r.italic = True
    r = p.add_run(head[8:] + "纠错5件，纠")     # the anchor starts inside this run
    r.font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    r.font.size = Pt(15)
    r = p.add_run(tail[len("纠错5件，纠"):])   # ...and ends inside this one
    r.bold = True
    for line in LINES[3:]:
        d.add_paragraph(line, style="Heading 1" if line[1:2] == "、" else None)
    d.add_paragraph("完善制度建设", style="List Number")
    d.add_paragraph("加强执法监督", style="List Number")
    tbl = d.add_table(rows=2, cols=2)
    tbl.cell(0, 0).text, tbl.cell(0, 1).text = "指标", "数值"
    tbl.cell(1, 0).text, tbl.cell(1, 1).text = "复议案件", "15件"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _char_formats(p) -> list[tuple[str, bytes]]:
    """(character, its run's w:rPr) for every character of a paragraph: run splits leave it
    unchanged, any change of text or formatting does not."""
    out = []
    for r in p.runs:
        rpr = r._r.find(W + "rPr")
        key = etree.tostring(rpr, method="c14n") if rpr is not None else b""
        out.extend((c, key) for c in r.text)
    return out


def _all_paragraphs(d):
    body = d.element.body
    return [docx.text.paragraph.Paragraph(p, d) for p in body.iter(W + "p")]


def _fingerprint(data: bytes) -> dict:
    d = docx.Document(io.BytesIO(data))
    paras = _all_paragraphs(d)
    ppr = [etree.tostring(p._p.pPr, method="c14n") if p._p.pPr is not None else b"" for p in paras]
    hf = [etree.tostring(x._element, method="c14n")       # only existing ones (._element adds)
          for s in d.sections for x in (s.header, s.footer, s.even_page_header, s.even_page_footer)
          if not x.is_linked_to_previous]
    return {
        "text": [p.text for p in paras],
        "format": [_char_formats(p) for p in paras],
        "ppr": ppr,
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
        "header_footer": hf,
        "numbering": etree.tostring(d.part.numbering_part.element, method="c14n"),
        "styles": etree.tostring(d.styles.element, method="c14n"),
        "sections": [etree.tostring(s._sectPr, method="c14n") for s in d.sections],
    }


def _anchored(data: bytes) -> dict[str, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd."""
    d = docx.Document(io.BytesIO(data))
    open_ids: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in d.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            cid = el.get(W + "id")
            done[cid] = "".join(open_ids.pop(cid, []))
        elif el.tag == W + "t":
            for buf in open_ids.values():
                buf.append(el.text or "")
        elif el.tag == W + "p" and open_ids:
            for buf in open_ids.values():
                buf.append("\n") if buf else None
    return done


@pytest.fixture(scope="module")
def source() -> bytes:
    return _rich_docx()


@pytest.fixture(scope="module")
def report(source):
    return analyze(source, path="报告.docx")


def test_rate_finding_is_there(report):
    assert any(RATE in e.quote for f in report.findings for e in f.evidence)


def test_original_untouched_except_comments(source, report):
    out = annotate_docx(source, report)
    before, after = _fingerprint(source), _fingerprint(out)
    for key in before:
        assert before[key] == after[key], key
    # the annotated file reads back as the same report text
    assert analyze(out, path="批注.docx").text == report.text


def test_comments_read_back(source, report):
    out = annotate_docx(source, report)
    d = docx.Document(io.BytesIO(out))
    comments = list(d.comments)
    live = [f for f in report.findings]
    assert len(comments) == len(live) > 0
    assert {c.author for c in comments} == {"法治报告审核"}
    by_id = {str(c.comment_id): c for c in comments}
    anchors = _anchored(out)
    rate = next(f for f in report.findings if any(RATE in e.quote for e in f.evidence))
    quote = next(e.quote for e in rate.evidence if RATE in e.quote)
    cid = next(k for k, v in anchors.items() if v == quote)
    assert rate.message in by_id[cid].text
    if rate.suggestion:
        assert rate.suggestion in by_id[cid].text


def test_author_from_config(source, report):
    cfg = Config.default()
    cfg.data.setdefault("annotate", {})["author"] = "县司法局审核组"
    out = annotate_docx(source, report, cfg)
    assert {c.author for c in docx.Document(io.BytesIO(out)).comments} == {"县司法局审核组"}


def test_decisions_dismissed_left_out_reviewer_findings_added(source, report):
    first = report.findings[0]
    i = report.text.index("执法人员数量不足")
    added = Finding(rule="quality.reviewer", severity="minor", message="请补充执法人员缺口的具体人数。",
                    evidence=[Evidence(i, i + 4, report.text[i:i + 4])])
    j = report.text.index("5件，纠错率")       # crosses two runs of different formatting
    across = Finding(rule="quality.reviewer", severity="minor", message="请写明纠错的类型。",
                     evidence=[Evidence(j, j + 7, report.text[j:j + 7])])
    decisions = {first.id: {"decision": "dismissed", "comment": "已核实"}}
    if len(report.findings) > 1:
        decisions[report.findings[1].id] = {"decision": "confirmed", "comment": "请按数据重算", "user": "王审"}
    out = annotate_docx(source, report, None, decisions, [added, across])
    d = docx.Document(io.BytesIO(out))
    texts = [c.text for c in d.comments]
    assert len(texts) == len(report.findings) + 1      # one dismissed, two added
    same = sum(first.message == f.message for f in report.findings)
    assert sum(first.message in t for t in texts) == same - 1
    assert any("请补充执法人员缺口的具体人数" in t and "审核人补充" in t for t in texts)
    if len(report.findings) > 1:
        assert any("请按数据重算" in t and "王审" in t for t in texts)
    anchors = _anchored(out)
    assert "执法人员" in anchors.values() and "5件，纠错率3" in anchors.values()
    assert _fingerprint(out)["format"] == _fingerprint(source)["format"]


def test_no_anchor_goes_on_title(source, report):
    lost = Finding(rule="structure.missing_part", severity="major", message="缺少一部分。")
    out = annotate_docx(source, report, None, {}, [lost])
    d = docx.Document(io.BytesIO(out))
    cid = next(str(c.comment_id) for c in d.comments if "缺少一部分" in c.text)
    assert _anchored(out)[cid] == LINES[0]


def test_text_input_gets_gongwen_docx():
    report = analyze_text("\n".join(LINES))
    out = annotate_text(report)
    d = docx.Document(io.BytesIO(out))
    assert d.paragraphs[0].style.name == "Title" and d.paragraphs[0].text == LINES[0]
    assert any(p.style.name == "Heading 1" and p.text == LINES[1] for p in d.paragraphs)
    assert abs(d.sections[0].top_margin.mm - 37) < 0.5
    assert len(list(d.comments)) == len(report.findings) > 0
    assert any(RATE in v for v in _anchored(out).values())
    # dispatch: a text source is never treated as DOCX
    assert len(list(docx.Document(io.BytesIO(annotated(b"x", "text/plain", report))).comments)) \
        == len(report.findings)


def test_cli_annotate(tmp_path, source):
    from fazhi.cli import main
    src = tmp_path / "报告.docx"
    src.write_bytes(source)
    out = tmp_path / "报告（审核批注）.docx"
    assert main(["review", str(src), "--annotate", "-o", str(out)]) == 0
    assert len(list(docx.Document(str(out)).comments)) > 0
    assert _fingerprint(out.read_bytes())["text"] == _fingerprint(source)["text"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_annotated(tmp_path, source, report):
    f = tmp_path / "批注.docx"
    f.write_bytes(annotate_docx(source, report))
    res = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(f)],
                         capture_output=True, timeout=180)
    pdf = tmp_path / "批注.pdf"
    assert res.returncode == 0 and pdf.exists(), res.stderr.decode(errors="replace")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 1000


def test_web_annotated_download(tmp_path, source):
    from web_helpers import bearer, client, login, make_app
    app = make_app(tmp_path / "fazhi.db", load=False)
    app.state.store.ingest_bytes("报告.docx", source)
    c = client(app)
    h = bearer(app, "rev")
    doc = c.get("/api/reports/1", headers=h).json()
    assert doc["findings"]
    gone = doc["findings"][0]
    assert c.post(f"/api/findings/{gone['db_id']}/decision", json={"decision": "dismissed"},
                  headers=h).status_code == 200
    i = doc["text"].index("执法人员数量不足")
    assert c.post("/api/reports/1/reviewer-findings",
                  json={"start": i, "end": i + 4, "message": "请补充缺口人数", "severity": "minor",
                        "quote": doc["text"][i:i + 4]}, headers=h).status_code == 201
    r = c.get("/api/reports/1/annotated.docx", headers=h)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    texts = [x.text for x in docx.Document(io.BytesIO(r.content)).comments]
    assert len(texts) == len(doc["findings"])            # one dismissed, one added
    assert any("请补充缺口人数" in t for t in texts)
    assert _fingerprint(r.content)["format"] == _fingerprint(source)["format"]   # the original file
    assert c.get("/api/reports/2/annotated.docx", headers=h).status_code == 404
    login(c, "look")
    page = c.get("/reports/1")
    assert 'href="/reports/1/annotated.docx"' in page.text
    assert len(list(docx.Document(io.BytesIO(c.get("/reports/1/annotated.docx").content)).comments)) == len(texts)


def test_cli_annotate_from_store(tmp_path, source, capsys):
    from fazhi.cli import main
    from fazhi.corpus.store import Store
    db = str(tmp_path / "c.db")
    st = Store(db).migrate()
    st.ingest_bytes("报告.docx", source)
    doc = st.report_json(1)
    st.decide(1, doc["findings"][0]["key"], "dismissed", user="rev")
    out = tmp_path / "批注.docx"
    assert main(["review", "--annotate", "--db", db, "--id", "1", "-o", str(out)]) == 0
    assert len(list(docx.Document(str(out)).comments)) == len(doc["findings"]) - 1
    capsys.readouterr()
    assert main(["review", "--annotate", "--db", db, "--id", "9", "-o", str(out)]) == 1
    # the same one-line message as the opinion of a missing stored report
    err = capsys.readouterr().err
    assert main(["review", "--db", db, "--id", "9", "-o", str(tmp_path / "意见.docx")]) == 1
    assert err == capsys.readouterr().err == "没有编号为 9 的报告 / no stored report with id 9\n"


def _added(report, needle: str, message: str, extra: int = 0) -> Finding:
    i = report.text.index(needle)
    j = i + len(needle) + extra
    return Finding(rule="quality.reviewer", severity="minor", message=message,
                   evidence=[Evidence(i, j, report.text[i:j])])


def test_anchor_across_paragraphs_and_list_markers():
    from build_formats import to_docx
    data = to_docx("\n".join(LINES), numbering="auto")      # markers rebuilt by Word numbering
    report = analyze(data, path="编号.docx")
    assert LINES[1] in report.text                           # "一、" is in the text, not in the runs
    heading = _added(report, LINES[1], "标题请改为规范表述。")
    across = _added(report, "主要举措和成效", "跨段批注。", extra=1 + 4)   # into the next paragraph
    out = annotate_docx(data, report, None, {}, [heading, across])
    anchors = list(_anchored(out).values())
    assert "主要举措和成效" in anchors                        # the marker is Word's, not the text's
    assert "主要举措和成效\n全年共受" in anchors
    assert _fingerprint(out)["format"] == _fingerprint(data)["format"]


def test_annotating_an_annotated_file_adds_comments():
    src = _rich_docx()
    report = analyze(src, path="报告.docx")
    once = annotate_docx(src, report)
    twice = annotate_docx(once, analyze(once, path="批注.docx"))
    n = len(report.findings)
    assert len(list(docx.Document(io.BytesIO(twice)).comments)) == 2 * n
    assert len(set(_anchored(twice))) == 2 * n               # distinct comment ids


def test_comment_text_has_no_internal_ids(source):
    report = analyze(source, path="报告.docx")
    code = Finding(rule="structure.part_nested", severity="minor",
                   message="法定内容“第一责任人”（first_responsible）没有单列为一部分。")
    out = annotate_docx(source, report, None, {}, [code])
    texts = [c.text for c in docx.Document(io.BytesIO(out)).comments]
    assert any("没有单列为一部分" in t for t in texts)
    assert not any("first_responsible" in t for t in texts)


def test_untitled_text_keeps_its_opening_sentence_as_body_text():
    """批注版 of a text without a title: the opening sentence is a body paragraph, not set in the
    title style (centred, large) as if it were the report's title; the comments are all there."""
    lines = ["2023年，临邑县人民政府坚持依法行政，全面推进法治政府建设，现将有关情况报告如下：",
             "一、主要举措和成效", "全年办理行政复议案件12件，纠错2件，纠错率为20%。",
             "二、存在的不足和原因", "执法人员业务能力不强，主要原因是培训不够。"]
    report = analyze_text("\n".join(lines))
    assert report.meta.title is None
    out = annotate_text(report)
    d = docx.Document(io.BytesIO(out))
    assert d.paragraphs[0].text == lines[0] and d.paragraphs[0].style.name != "Title"
    assert not any(p.style.name == "Title" for p in d.paragraphs)
    assert any(p.style.name == "Heading 1" and p.text == lines[1] for p in d.paragraphs)
    assert len(list(d.comments)) == len(report.findings) > 0
