"""The Word review opinion: 公文 layout, fonts, content; it opens in python-docx and LibreOffice."""
from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import fazhi
from fazhi.model import Evidence, Finding, Report
from fazhi.render import render_docx
from render_helpers import TEXT, sample_report, span


def _doc(report, **kw) -> Document:
    buf = io.BytesIO()
    render_docx(report, buf, **kw)
    buf.seek(0)
    return Document(buf)


def _east(style_or_run) -> str | None:
    el = style_or_run.element if hasattr(style_or_run, "element") else style_or_run._element
    rpr = el.find(qn("w:rPr"))
    rf = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return None if rf is None else rf.get(qn("w:eastAsia"))


def _texts(doc) -> list[str]:
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            out.append(" | ".join(c.text for c in row.cells))
    return out


def test_page_setup_and_fonts():
    doc = _doc(sample_report())
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(0.5) and abs(sec.page_height - Mm(297)) < Mm(0.5)
    for got, want in ((sec.top_margin, 37), (sec.bottom_margin, 35), (sec.left_margin, 28),
                      (sec.right_margin, 26)):
        assert abs(got - Mm(want)) < Mm(0.2)
    st = doc.styles
    assert _east(st["Normal"]) == "仿宋_GB2312" and st["Normal"].font.size == Pt(16)
    assert _east(st["Title"]) == "方正小标宋简体" and st["Title"].font.size == Pt(22)
    assert _east(st["Heading 1"]) == "黑体"
    assert _east(st["Heading 2"]) == "楷体_GB2312"
    assert _east(st["Heading 3"]) == "仿宋_GB2312" and st["Heading 3"].font.bold
    assert _east(st["Heading 4"]) == "仿宋_GB2312" and st["Heading 4"].font.bold
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title"):
        pf = st[name].paragraph_format
        assert 28 <= pf.line_spacing.pt <= 29.5 and not st[name].font.italic
    # the built-in heading styles' theme fonts must not override the east-asian font
    rf = st["Heading 1"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert rf.get(qn("w:eastAsiaTheme")) is None and rf.get(qn("w:asciiTheme")) is None


def test_title_headings_verdict_and_quotes():
    doc = _doc(sample_report())
    paras = doc.paragraphs
    title = paras[0]
    assert title.style.name == "Title"
    assert title.text.replace("\n", "") == "关于《青石县2023年法治政府建设年度报告》的审核意见"
    # lines broken where the meaning breaks, each short enough for one 2号 line (the whole 《…》
    # is too wide: LibreOffice broke it inside 报告; tests/test_render_title_layout.py)
    assert title.text.split("\n") == ["关于《青石县2023年法治政府建设", "年度报告》的审核意见"]
    assert title.alignment is not None or title.style.paragraph_format.alignment is not None
    h1 = [p.text for p in paras if p.style.name == "Heading 1"]
    assert h1[:3] == ["一、审核结论", "二、法定内容检查", "三、审核发现的问题"]
    h2 = [p.text for p in paras if p.style.name == "Heading 2"]
    assert h2 == ["（一）结构完整性（2项）", "（二）数据一致性（1项）", "（三）来源与文本质量（1项）"]
    h3 = [p.text for p in paras if p.style.name == "Heading 3"]
    assert all(t.startswith(("1. ", "2. ")) for t in h3) and len(h3) == 4
    verdict = next(p.text for p in paras if p.text.startswith("审核结论："))
    assert verdict.startswith("审核结论：不合格。缺少2项法定内容")
    texts = _texts(doc)
    # the three short quotes of F1 lie in one sentence: cited once, as that sentence
    sent = "全年共受理行政复议案件15件，其中维持10件、纠错5件，纠错率35%"
    i = next(k for k, t in enumerate(texts) if t.startswith("（二）数据一致性"))
    block = texts[i + 1: next(k for k, t in enumerate(texts) if t.startswith("（三）"))]
    assert [t for t in block if t.startswith("原文：")] == [f"原文：“{sent}”（位置：一、主要举措和成效）"]
    assert any(t.startswith("建议：核对纠错率") for t in texts)
    # the removed residue is quoted too
    assert any(t.startswith("已清除的文字：“【打印本页】”") for t in texts)
    # checklist table and indicator table
    assert "党政主要负责人履行推进法治建设第一责任人职责情况 | 缺少 | —" in texts
    # value with its unit; the quote is the sentence around the figure, not the bare figure
    assert "行政复议纠错率 | 35% | 全年共受理行政复议案件15件，其中维持10件、纠错5件，纠错率35% | 一、主要举措和成效" in texts
    assert texts[-1] != ""


def test_footer_page_number_field():
    doc = _doc(sample_report())
    footer = doc.sections[0].footer
    xml = footer._element.xml
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    assert footer.paragraphs[0].text.replace("1", "#") == "— # —"


def test_decisions_and_reviewer_findings():
    r = sample_report()
    s, e = span(TEXT, "部分单位学法不够深入")
    extra = [Finding("quality.reviewer", "minor", "学法情况过于笼统。", [Evidence(s, e, TEXT[s:e])],
                     "写明学法次数。", id="R1")]
    decisions = {
        "F2": {"decision": "dismissed", "comment": "第一责任人情况另行报送", "user": "王审核", "at": "2024-03-05T09:00:00"},
        "F3": {"decision": "dismissed", "comment": "已在附件中", "user": "王审核", "at": "2024-03-05"},
        "F1": {"decision": "confirmed", "comment": "请补正数据", "user": "李审核", "at": "2024-03-06T10:00:00"},
    }
    doc = _doc(r, decisions=decisions, extra_findings=extra)
    texts = _texts(doc)
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "四、已排除的问题" in h1
    assert any("已排除：第一责任人情况另行报送（王审核，2024年3月5日）" in t for t in texts)
    assert any("已确认：请补正数据（李审核，2024年3月6日）" in t for t in texts)
    assert any("（审核人补充）" in t for t in texts)
    verdict = next(t for t in texts if t.startswith("审核结论："))
    # both missing-part findings are dismissed: no major finding counts any more
    assert verdict.startswith("审核结论：合格")


def test_unknown_meta_and_no_findings():
    r = Report(text="一段没有结构的文字。")
    doc = _doc(r)
    texts = _texts(doc)
    # no title, no place, no year: a generic description, not a made-up 《title》
    assert texts[0] == "关于法治政府建设年度报告的审核意见"
    assert "审核未发现问题。" in texts
    assert "未提取到可识别的指标。" in texts
    assert any(t.endswith("| 未识别 | —") for t in texts)


def test_seeds_and_example_render(seeds, example_path, tmp_path):
    for p in seeds + [example_path]:
        r = fazhi.analyze(p)
        out = tmp_path / (p.stem + ".docx")
        render_docx(r, str(out))
        doc = Document(str(out))
        title = doc.paragraphs[0].text
        title = title.replace("\n", "")
        assert title.startswith("关于") and title.endswith("的审核意见")
        # never a hash-like file name as the report's title
        assert not re.search(r"[0-9a-f]{8}", title)
        n_items = sum(1 for x in doc.paragraphs if x.style.name == "Heading 3")
        assert n_items == len(r.findings)


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice is not installed")
def test_libreoffice_converts_to_pdf(tmp_path):
    import pypdfium2
    src = tmp_path / "审核意见.docx"
    render_docx(sample_report(), str(src))
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    pdf = pypdfium2.PdfDocument(str(tmp_path / "审核意见.pdf"))
    assert len(pdf) >= 1
    w, h = pdf[0].get_size()
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2
    text = pdf[0].get_textpage().get_text_range()
    assert "审核意见" in text and "审核结论" in text


def test_signature_is_kept_with_the_last_body_paragraph(tmp_path):
    """The opinion's 落款 (office and date) is chained to the paragraph before it, so that a page
    break never leaves it alone on the last page."""
    out = tmp_path / "审核意见.docx"
    render_docx(sample_report(), str(out))
    paras = Document(str(out)).paragraphs
    office = next(i for i, p in enumerate(paras) if "盖章" in p.text)
    assert paras[office - 2].text.strip() and not paras[office - 1].text.strip()
    assert all(p.paragraph_format.keep_with_next for p in paras[office - 2:office + 1])
