"""Scanned reports read by OCR (src/fazhi/ingest/ocr.py): image-only PDFs, image files and
mixed PDFs give the same contract as a text PDF; the red seal is taken off before the date
is read; rows come in reading order without page numbers; figures read with low confidence
never feed a sum or rate. The texts are short team-written ones (fictional places)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from fazhi import analyze
from fazhi.api import build_report, _default_config
from fazhi import pipeline
from fazhi.ingest import ocr
from fazhi.ingest.ocr import OcrRow, _fix, _rows, locate_low, low_runs, suppress_red

ROOT = Path(__file__).resolve().parent.parent
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="rapidocr-onnxruntime is not installed (pip install -e '.[test]')")

REPORT = ("松溪县2023年法治政府建设年度报告\n"
          "2023年，松溪县扎实推进法治政府建设，现将有关情况报告如下：\n"
          "一、主要举措和成效\n"
          "全年受理行政复议案件40件，其中维持30件、撤销10件。制定行政规范性文件8件，报备率100%。\n"
          "二、存在的不足\n"
          "执法人员培训不够。\n"
          "三、2024年工作安排\n"
          "推进行政执法规范化建设。\n"
          "松溪县人民政府\n"
          "2024年2月26日\n")


# -- no engine needed: image handling, row order, confidence bookkeeping ---------------------

def test_suppress_red_whitens_seal_keeps_dark_strokes():
    img = np.full((4, 4, 3), 255, np.uint8)
    img[0, 0] = (220, 40, 40)        # seal ink
    img[1, 1] = (30, 10, 10)         # black stroke under the seal (multiplied: dark, reddish)
    img[2, 2] = (120, 120, 120)      # grey text
    out = suppress_red(img)
    assert tuple(out[0, 0]) == (255, 255, 255)
    assert tuple(out[1, 1]) == (30, 10, 10)
    assert tuple(out[2, 2]) == (120, 120, 120)


def test_rows_reading_order_and_table_cells():
    # boxes handed over out of order: (x0, x1, y0, y1, text, confs)
    items = [
        (400, 600, 205, 245, "30件", [0.99] * 3),
        (100, 300, 200, 240, "行政复议", [0.99] * 4),
        (100, 900, 100, 140, "第一行正文", [0.99] * 5),
    ]
    rows = _rows(items)
    assert [r.text for r in rows] == ["第一行正文", "行政复议 30件"]
    assert len(rows[1].conf) == len(rows[1].text)
    # two boxes of one line of prose, close together: no space
    rows = _rows([(100, 300, 100, 140, "二、", [1.0] * 2), (330, 700, 100, 140, "存在的不足", [1.0] * 5)])
    assert rows[0].text == "二、存在的不足"
    # a full-width space between two organ names (signature) is kept
    rows = _rows([(100, 400, 100, 140, "中共松溪县委", [1.0] * 6), (440, 780, 100, 140, "松溪县人民政府", [1.0] * 7)])
    assert rows[0].text == "中共松溪县委\u3000松溪县人民政府"
    rows = _rows([(100, 400, 100, 140, "中共松溪县委", [1.0] * 6), (402, 740, 100, 140, "松溪县人民政府", [1.0] * 7)])
    assert rows[0].text == "中共松溪县委松溪县人民政府"


def test_wrapped_title_in_large_type_is_one_row():
    from fazhi.ingest.ocr import _merge_large
    title = [OcrRow("市政府常务会议审议通过《松溪县2023年度", 200, 1400, 100, 48, [1.0] * 21),
             OcrRow("法治政府建设情况报告》", 450, 1150, 185, 48, [1.0] * 11)]
    body = [OcrRow(f"正文第{i}行内容", 100, 1500, 300 + 60 * i, 32, [1.0] * 7) for i in range(4)]
    rows = _merge_large(title + body)
    assert rows[0].text == "市政府常务会议审议通过《松溪县2023年度法治政府建设情况报告》"
    assert len(rows[0].conf) == len(rows[0].text)
    assert len(rows) == 5                       # body rows of ordinary size stay apart
    assert _merge_large(body) == body


def test_space_inside_one_box_from_recogniser_columns():
    from fazhi.ingest.ocr import _spaced
    text = "中共松溪县委松溪县人民政府"
    cols = [2, 10, 18, 26, 34, 42, 60, 68, 76, 84, 92, 100, 108]       # a gap before the 7th character
    t, c = _spaced(text, [0.99] * 13, cols)
    assert t == "中共松溪县委\u3000松溪县人民政府" and len(c) == len(t)
    even = [2 + 8 * i for i in range(13)]
    assert _spaced(text, [0.99] * 13, even)[0] == text


def test_fix_page_number_and_half_width_punctuation():
    assert _fix("一1—") == "—1—"
    assert _fix("-12-") == "—12—"
    assert _fix("（一)主要举措") == "（一）主要举措"
    assert _fix("共计1,286件") == "共计1,286件"          # a thousands separator stays
    assert _fix("一是推进") == "一是推进"                # 一 in prose is not a dash
    assert _fix("纲要（2021一2025年）") == "纲要（2021—2025年）"
    assert _fix("第1一季度") == "第1一季度"
    assert _fix("成功3，089件") == "成功3,089件"
    assert _fix("分别为3，12件") == "分别为3，12件"


def test_low_runs_and_locate():
    row = OcrRow("受理案件40件", 0, 100, 0, 20, [0.99, 0.99, 0.99, 0.99, 0.5, 0.6, 0.99])
    assert low_runs(row) == [(4, 6)]
    text = "前言。\n受理案件40件，其中维持30件。"
    assert locate_low(text, [[row.text, [[4, 6]]]]) == [[8, 10]]
    assert text[8:10] == "40"


def _run(text: str, low: list[list[int]] | None):
    rep = build_report(text.encode("utf-8"), media_type="text/plain")
    if low is not None:
        rep.hints["ocr_low"] = low
    return pipeline.run(rep, _default_config())


def test_uncertain_figure_gives_no_sum():
    text = "全年受理行政复议案件40件，其中维持30件、撤销10件。"
    sure = _run(text, None)
    assert any(r.type == "sum" for r in sure.relations)            # the sum is built from sure figures
    k = text.index("40")
    unsure = _run(text, [[k, k + 2]])
    f40 = next(f for f in unsure.facts if f.start <= k < f.end)
    assert f40.ocr_low and f40.to_json()["ocr_low"] is True
    assert not any(f40.id in (r.total, *(getattr(r, "parts", None) or [])) for r in unsure.relations)
    assert not any(r.type == "sum" for r in unsure.relations)
    assert not any(f.ocr_low for f in sure.facts)


def test_uncertain_rate_gives_no_out_of_range_finding():
    text = "全年受理群众诉求120件，办结120件，群众满意率103%。"
    sure = _run(text, None)
    assert any(f.rule == "figures.rate_out_of_range" for f in sure.findings)
    k = text.index("103")
    unsure = _run(text, [[k + 1, k + 2]])
    assert not any(f.rule == "figures.rate_out_of_range" for f in unsure.findings)
    text = "全年受理信访事项120件，办结135件。"
    assert any(f.rule.startswith("figures.") for f in _run(text, None).findings)
    k = text.index("135")
    assert not any(f.rule.startswith("figures.") for f in _run(text, [[k, k + 1]]).findings)


def test_image_bytes_are_sniffed_not_refused():
    from fazhi.ingest.sniff import sniff
    assert sniff(b"\x89PNG\r\n\x1a\n" + bytes(20)) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0" + bytes(20)) == "image/jpeg"
    assert sniff(b"II*\x00" + bytes(20)) == "image/tiff"


# -- with the engine: one rendered page each (tests/build_scans.py) --------------------------

@pytest.fixture(scope="module")
def page():
    from build_scans import render_pages
    pages = render_pages(REPORT, dpi=150, skew=0.4, noise=6, seal=True, seed=3)
    assert len(pages) == 1
    return pages[0]


def _check_contract(rep, pages: list[int]):
    import jsonschema
    schema = json.loads((ROOT / "docs" / "json-schema" / "fazhi.report-1.json").read_text("utf-8"))
    doc = rep.to_json()
    jsonschema.validate(doc, schema)
    assert doc["source"]["ocr"]["pages"] == pages
    assert 0.5 < doc["source"]["ocr"]["mean_confidence"] <= 1
    assert rep.meta.title == "松溪县2023年法治政府建设年度报告"
    assert rep.meta.jurisdiction == "松溪县"
    assert rep.meta.report_date == "2024-02-26"          # read under the red seal
    assert rep.meta.issuers == ["松溪县人民政府"]
    assert "—" not in rep.text and "1 —" not in rep.text  # the page number is removed
    values = {(f.value, f.unit) for f in rep.facts}
    assert {(40, "件"), (30, "件"), (10, "件"), (8, "件")} <= values
    for f in rep.facts:
        assert rep.text[f.start:f.end] == f.quote
    assert [s.heading for s in rep.sections if s.level == 1][:3] == ["主要举措和成效", "存在的不足", "2024年工作安排"]


@needs_ocr
def test_image_only_pdf(page):
    from build_scans import to_image_pdf
    rep = analyze(to_image_pdf([page], dpi=150), path="扫描件.pdf")
    assert rep.source.media_type == "application/pdf"
    _check_contract(rep, [1])
    from fazhi.render.text import summary
    assert "OCR" in summary(rep)


@needs_ocr
def test_png_and_mixed_pdf(page):
    import pypdfium2 as pdfium
    from build_formats import to_pdf
    from build_scans import to_image_pdf, to_png
    rep = analyze(to_png(page), path="第1页.png")
    assert rep.source.media_type == "image/png"
    _check_contract(rep, [1])
    # a text-layer page followed by a scanned page: only the second is read by OCR
    text_pdf = pdfium.PdfDocument(to_pdf("松溪县司法局\n关于附件的说明：本报告第二页为扫描件。\n"))
    text_pdf.import_pages(pdfium.PdfDocument(to_image_pdf([page], dpi=150)))
    buf = io.BytesIO()
    text_pdf.save(buf)
    mixed = build_report(buf.getvalue(), path="混合.pdf")
    assert mixed.source.ocr["pages"] == [2]
    assert mixed.text.startswith("松溪县司法局")
    assert "行政复议案件40件" in mixed.text


def test_ocr_rows_join_heading_across_page_break():
    """Rows as OCR gives them (pixels), through the PDF row logic: the page number between
    the two halves of a heading is removed and the heading is one line again."""
    from fazhi.ingest.pdf import _Row, _lines
    full = [_Row("　　我县坚持把法治政府建设摆在突出位置，认真落实各项", 100, 1500, 40),
            _Row("工作任务，取得明显成效。", 100, 700, 40),
            _Row("　　（一）党政主要负责人履行推进法治建设第一责任人职", 100, 1500, 40),
            _Row("—1—", 750, 850, 40)]
    second = [_Row("责情况", 100, 220, 40),
              _Row("　　县政府主要负责同志亲自部署重要工作，全年召开会议", 100, 1500, 40),
              _Row("12次。", 100, 260, 40),
              _Row("—2—", 750, 850, 40)]
    lines = [ln for ln in _lines([full, second]) if not ln.drop]
    texts = [ln.remainder for ln in lines]        # the page number is a recorded cut inside the line
    assert "（一）党政主要负责人履行推进法治建设第一责任人职责情况" in texts
    assert not any("—" in t for t in texts)


@needs_ocr
def test_blank_image_is_no_text():
    from PIL import Image
    from fazhi.errors import FazhiError
    from fazhi.ingest import ingest
    buf = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buf, "PNG")
    with pytest.raises(FazhiError) as exc:
        ingest(buf.getvalue(), path="空白.png")
    assert exc.value.code == "no_text"
