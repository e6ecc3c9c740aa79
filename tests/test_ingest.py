"""ingest: formats (HTML, DOCX, PDF) built at test time round-trip the seeds and our own
texts; encodings decode; each error code fires on a crafted input; the CLI handles files."""
from __future__ import annotations

import functools
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, TEXTS, seed_by_prefix
from build_formats import (CHROME_MARKERS, encrypted_pdf, font_path, heading_level, to_docx,
                           to_html, to_pdf, to_scanned_pdf)
from fazhi.errors import FazhiError
from fazhi.ingest import DOCX, HTML, PDF, TEXT, ingest
from fazhi.textnorm import normalize_view

SEEDS = ["000", "001", "002", "003", "004"]
needs_font = pytest.mark.skipif(font_path() is None,
                                reason="CJK font missing: apt-get install -y fonts-wqy-microhei")


@functools.lru_cache(maxsize=None)
def clean_text(source: str) -> str:
    """The reference: the plain-text ingest of a seed or of one of our texts."""
    if source.startswith("texts/"):
        data = (TEXTS / source[6:]).read_bytes()
    else:
        data = seed_by_prefix(source).read_bytes()
    return ingest(data).text


def lines(text: str) -> list[str]:
    return [ln for ln in normalize_view(text).splitlines() if ln.strip()]


SOURCES = SEEDS + ["texts/ingest_report.txt"]


# -- round trips ---------------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("layout,encoding", [("div", "utf-8"), ("table", "gbk")])
def test_html_round_trip(source, layout, encoding):
    ref = clean_text(source)
    doc = ingest(to_html(ref, layout=layout, encoding=encoding))
    assert doc.media_type == HTML
    assert doc.encoding == ("utf-8" if encoding == "utf-8" else "gb18030")
    got = lines(doc.text)
    want = lines(ref)
    # the page title is kept as the first line when the text itself does not start with it
    if got[0] != want[0]:
        assert got[0] == doc.hints["title"]
        got = got[1:]
    assert got == want
    for marker in CHROME_MARKERS:
        if marker not in ref:
            assert marker not in doc.text, marker
    assert doc.hints["publish_date"] == "2023-03-16"
    assert doc.hints["source_site"] == "示例县司法局"
    kinds = {r.kind for r in doc.removed}
    assert {"nav", "banner", "metadata_table", "widget", "footer"} <= kinds
    assert "template_site" not in doc.hints


def test_html_table_layout_uses_density_fallback():
    doc = ingest(to_html(clean_text("texts/ingest_report.txt"), layout="table"))
    assert doc.hints["html_content"] == "density"
    doc = ingest(to_html(clean_text("texts/ingest_report.txt"), layout="div"))
    assert doc.hints["html_content"] == ".TRS_Editor"


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("numbering", ["styles", "auto", "plain"])
def test_docx_round_trip(source, numbering):
    ref = clean_text(source)
    doc = ingest(to_docx(ref, numbering=numbering))
    assert doc.media_type == DOCX
    assert lines(doc.text) == lines(ref)
    starts = {s for s, _ in doc.hints.get("heading_lines", [])}
    bold = set(doc.hints.get("bold_lines", []))
    heads = [m.start() for m in re.finditer(r"^.+$", doc.text, re.M)
             if heading_level(normalize_view(m.group()).replace("(", "（").replace(")", "）"))]
    if numbering == "styles":
        levels = dict(map(tuple, doc.hints["heading_lines"]))
        for start in heads:
            line = doc.text[start:doc.text.index("\n", start) if "\n" in doc.text[start:] else None]
            assert levels[start] == heading_level(line.replace("(", "（").replace(")", "）"))
    elif numbering == "plain":
        assert not starts and bold == set(heads)
    else:
        assert not starts and not bold


def test_docx_auto_numbering_rebuilds_markers_and_gaps():
    text = "\n".join(["报告", "一、甲项工作", "（一）子项一", "内容一。", "（三）子项三", "内容三。",
                      "1.细项", "2.细项", "三、丙项工作", "（一）子项", "十一、拾壹项", "正文。"])
    doc = ingest(to_docx(text, numbering="auto"))
    assert doc.text.splitlines() == text.splitlines()


@needs_font
@pytest.mark.parametrize("source", SOURCES)
def test_pdf_round_trip(source):
    ref = clean_text(source)
    doc = ingest(to_pdf(ref))
    assert doc.media_type == PDF
    assert lines(doc.text) == lines(ref)
    pages = [r for r in doc.removed if r.kind == "page_number"]
    assert len(pages) == doc.hints["pdf_pages"]
    assert all(re.fullmatch(r"— \d+ —", r.text) for r in pages)


@needs_font
def test_pdf_rejoins_sentences_across_lines_and_pages():
    paras = ["".join(f"第{i}{j}项，全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，"
                     for j in range(12)) + "成效明显。" for i in range(6)]
    text = "一、主要举措\n" + "\n".join(paras)
    doc = ingest(to_pdf(text, lines_per_page=20))
    assert doc.hints["pdf_pages"] >= 2
    assert doc.text.splitlines() == text.splitlines()
    # a page number that fell inside a paragraph is recorded where it stood: mid-sentence
    inner = [r for r in doc.removed if r.kind == "page_number" and r.at < len(doc.text)]
    assert inner
    for r in inner:
        assert doc.text[r.at - 1] != "\n" and doc.text[r.at] != "\n"


# -- encodings -----------------------------------------------------------------

REPORT = "一、依法全面履行政府职能\n共受理行政复议案件15件，其中维持10件、纠错5件。"


@pytest.mark.parametrize("codec,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le"),
    ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("gbk", "gb18030"),
    ("gb18030", "gb18030"),
])
def test_text_encodings(codec, expected):
    doc = ingest(REPORT.encode(codec))
    assert doc.text == REPORT
    assert doc.encoding == expected
    assert doc.media_type == TEXT


def test_utf16_with_bom_big_endian():
    doc = ingest(b"\xfe\xff" + REPORT.encode("utf-16-be"))
    assert doc.text == REPORT and doc.encoding == "utf-16-be"


def test_short_gbk_is_not_misread():
    for word in ["法治政府", "依法行政", "行政复议"]:
        doc = ingest(word.encode("gbk"))
        assert doc.text == word
        assert doc.encoding == "gb18030"


def test_big5_traditional_page():
    trad = "一、依法全面履行政府職能\n共受理行政復議案件15件，維持10件，糾錯5件。\n推進嚴格規範公正文明執法。"
    doc = ingest(trad.encode("big5"))
    assert doc.text == trad
    assert doc.encoding == "big5hkscs"
    assert doc.hints["traditional"] is True
    page = f'<html><head><meta charset="big5"><title>報告</title></head><body><div id="zoom"><p>{trad.replace(chr(10), "</p><p>")}</p></div></body></html>'
    doc = ingest(page.encode("big5"))
    assert doc.media_type == HTML and doc.text.endswith("推進嚴格規範公正文明執法。")
    assert doc.hints["traditional"] is True


def test_declared_gb2312_page_with_gb18030_only_characters():
    body = "共受理案件15件，申请人𠀀某不服" * 5      # 𠀀 is outside GB2312/GBK
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><div class="TRS_Editor"><p>{body}</p></div></body></html>'
    doc = ingest(page.encode("gb18030"))
    assert doc.encoding == "gb18030"
    assert "𠀀某" in doc.text


def test_declared_text_type_is_not_parsed_as_html():
    text = "<p>这不是网页，是一段文字。</p>\n<div>第二行</div>\n<span>第三行</span>"
    assert ingest(text.encode(), media_type="text/plain").text == text
    assert ingest(text.encode()).media_type == HTML


# -- errors ------------------------------------------------------------------------

def _docx_bytes() -> bytes:
    return to_docx("一、测试\n正文。", numbering="plain")


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in names.items():
            zf.writestr(n, d)
    return buf.getvalue()


@pytest.mark.parametrize("make,code", [
    (lambda: b"", "empty"),
    (lambda: b" \r\n\t \n", "empty"),
    (lambda: bytes(range(256)) * 40, "binary"),
    (lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "unsupported_type"),
    (lambda: b"\xff\xd8\xff\xe0" + bytes(200), "unsupported_type"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "unsupported_type"),
    (lambda: _zip({"readme.txt": b"hello"}), "unsupported_type"),
    (lambda: _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "unsupported_type"),
    (lambda: _docx_bytes()[: len(_docx_bytes()) // 2], "corrupt_docx"),
    (lambda: _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not xml"}), "corrupt_docx"),
    (lambda: b"%PDF-1.7\n1 0 obj\n<< broken", "corrupt_pdf"),
    (encrypted_pdf, "encrypted_pdf"),
    (to_scanned_pdf, "scanned_pdf"),
    (lambda: b"<html><body><script>var x=1;</script></body></html>", "no_text"),
])
def test_error_codes(make, code):
    with pytest.raises(FazhiError) as exc:
        ingest(make(), path="x")
    assert exc.value.code == code
    assert code in exc.value.line() and "\n" not in exc.value.line()


def test_too_large():
    with pytest.raises(FazhiError) as exc:
        ingest(REPORT.encode() * 100, max_mb=0.001)
    assert exc.value.code == "too_large"


def test_pdf_truncated_is_corrupt():
    pdf = to_scanned_pdf()
    with pytest.raises(FazhiError) as exc:
        ingest(pdf[: len(pdf) // 3])
    assert exc.value.code in ("corrupt_pdf", "scanned_pdf")


# -- CLI ---------------------------------------------------------------------------

def _fazhi(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("fazhi")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "fazhi"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("suffix", ["html", "docx", "pdf"])
def test_cli_analyze_formats(tmp_path, suffix):
    if suffix == "pdf" and font_path() is None:
        pytest.skip("CJK font missing")
    text = clean_text("texts/ingest_report.txt")
    data = {"html": lambda: to_html(text), "docx": lambda: to_docx(text), "pdf": lambda: to_pdf(text)}[suffix]()
    f = tmp_path / f"report.{suffix}"
    f.write_bytes(data)
    proc = _fazhi("analyze", str(f))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("content,code", [(b"\x89PNG\r\n\x1a\n" + bytes(100), "unsupported_type"),
                                          (b"", "empty"), (b"%PDF-1.4 junk", "corrupt_pdf")])
def test_cli_bad_file_one_line_on_stderr(tmp_path, content, code):
    f = tmp_path / "bad.docx"
    f.write_bytes(content)
    proc = _fazhi("analyze", str(f))
    assert proc.returncode != 0
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and f"[{code}]" in err[0]
    assert "Traceback" not in proc.stderr


def test_control_characters_are_not_text():
    """b"\\x00\\x01" repeated looks like UTF-16 by its zero bytes but decodes to control
    characters only: it is a binary file, not a text of U+0001."""
    import pytest as _pytest
    import fazhi
    from fazhi.errors import FazhiError
    with _pytest.raises(FazhiError) as e:
        fazhi.analyze(b"\x00\x01" * 100, path="x.txt")
    assert e.value.code == "binary"
    r = fazhi.analyze("青石县2023年法治政府建设年度报告\n一、主要工作\n".encode("utf-16-le"), path="u.txt")
    assert r.text.startswith("青石县2023年")
