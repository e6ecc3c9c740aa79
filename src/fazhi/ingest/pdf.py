"""PDF -> lines with pypdfium2: text per page, page numbers and running headers removed,
lines that the PDF broke mid-sentence joined again."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import FazhiError
from ..zh.numerals import ONE_TO_TEN
from .lines import Line

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－―~～]+\s*\d{1,4}\s*[-—–－―~～]+"       # — 1 —   - 2 -
    r"|第\s*\d{1,4}\s*页(?:\s*[/,，]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页（共 9 页）
    r"|\d{1,4}\s*/\s*\d{1,4}"                              # 3 / 9
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
    r"|\d{1,4})\s*$")
_TERMINAL = "。；;：:！!？?"
_CLOSERS = "”’」』）)】》\"'"
_HEADING = re.compile(
    rf"^\s*(?:[{ONE_TO_TEN}百]+\s*[、.．]|[（(]\s*[{ONE_TO_TEN}百]+\s*[）)]"
    r"|\d{1,3}\s*[.．、](?!\d)|[（(]\s*\d{1,3}\s*[）)]|[①-⑳]"
    rf"|第[{ONE_TO_TEN}百]+[章节条部分]|[{ONE_TO_TEN}]+是|附件|附表)")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# CJK compatibility ideographs and Kangxi radicals that PDF fonts' ToUnicode maps produce
# for ordinary characters (不 U+F967 for 不, ⽣ U+2F63 for 生): fold them to the unified ones
_COMPAT = re.compile(r"[\uf900-\ufaff\u2f00-\u2fdf\u2e80-\u2eff]")


def _compat(text: str) -> str:
    import unicodedata
    return _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


FPDF_ERR_PASSWORD = 4
FPDF_ERR_SECURITY = 6


# PDF streams, once inflated, beyond which a PDF is not opened (a decompression bomb: one
# 500 MB stream zipped into 500 KB). pdfium inflates streams itself and has no such limit, so the
# Flate streams are inflated here first, a chunk at a time, counting and discarding the output.
MAX_UNPACKED_MB = 200
_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 20


def check_streams(data: bytes, path: str | None = None, max_unpacked_mb: float | None = None) -> int:
    """Total inflated size of the PDF's zlib streams; FazhiError("unpacked_too_large") when it
    exceeds the limit. Linear in the input plus the inflated bytes up to the limit."""
    import zlib
    limit = int((MAX_UNPACKED_MB if max_unpacked_mb is None else max_unpacked_mb) * 1024 * 1024)
    total = 0
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if not m:
            return total
        start = m.end()
        pos = start
        if data[start:start + 1] not in (b"x", b"X", b"h", b"H", b"\x08", b"\x18", b"\x28", b"\x38",
                                        b"\x48", b"\x58", b"\x68", b"\x78"):
            continue                          # not a zlib header: not a Flate stream
        d = zlib.decompressobj()
        buf = memoryview(data)[start:]
        fed = 0
        try:
            chunk = d.decompress(buf[:_CHUNK], _CHUNK)
            fed = min(_CHUNK, len(buf))
            while True:
                total += len(chunk)
                if total > limit:
                    raise FazhiError("unpacked_too_large", path,
                                     f"PDF 数据流解压后超过 {limit / 1024 / 1024:g} MB")
                if d.eof:
                    break
                if d.unconsumed_tail:
                    chunk = d.decompress(d.unconsumed_tail, _CHUNK)
                elif fed < len(buf):
                    chunk = d.decompress(buf[fed:fed + _CHUNK], _CHUNK)
                    fed += _CHUNK
                else:
                    break
        except zlib.error:
            pass                              # not zlib after all, or damaged: pdfium decides
        if d.eof:                             # go on after this stream's compressed bytes
            pos = start + max(1, min(fed, len(buf)) - len(d.unused_data))


def extract(data: bytes, path: str | None = None,
            max_unpacked_mb: float | None = None) -> tuple[list[Line], dict[str, Any]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    check_streams(data, path, max_unpacked_mb)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY):
            raise FazhiError("encrypted_pdf", path) from None
        raise FazhiError("corrupt_pdf", path, str(exc)) from None
    except Exception as exc:
        raise FazhiError("corrupt_pdf", path, type(exc).__name__) from None
    hints: dict[str, Any] = {}
    pages: list[list[_Row]] = []
    images = 0
    scanned: list[int] = []          # pages without a usable text layer that hold images
    try:
        n = len(pdf)
        if n == 0:
            raise FazhiError("corrupt_pdf", path, "0 页")
        try:
            title = (pdf.get_metadata_dict().get("Title") or "").strip()
            if title:
                hints["title"] = title
        except Exception:
            pass
        for i in range(n):
            page = pdf[i]
            tp = page.get_textpage()
            text = tp.get_text_range() or ""
            geo = _geometry(tp, text)
            tp.close()
            if len(text.strip()) < 5 or _garbled(text):
                n_img = sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3))
                images += n_img
                if n_img:
                    scanned.append(i)
            page.close()
            pages.append(geo)
        if scanned:
            pages, hints = _ocr_pages(pdf, pages, scanned, hints, path)
    except FazhiError:
        raise
    except Exception as exc:
        raise FazhiError("corrupt_pdf", path, type(exc).__name__) from None
    finally:
        pdf.close()
    hints["pdf_pages"] = len(pages)
    chars = sum(len("".join(g.text.split())) for p in pages for g in p)
    if chars < max(10, 3 * len(pages)):
        if images:
            raise FazhiError("scanned_pdf", path, "OCR 未识别出文字" if scanned else None)
        raise FazhiError("no_text", path, "PDF 中没有文字")
    return _lines(pages), hints


def _garbled(text: str) -> bool:
    """A text layer that is not text: mostly private-use or replacement characters (a
    scanner's broken OCR layer, fonts without a ToUnicode map)."""
    chars = [c for c in text if not c.isspace()]
    bad = sum(1 for c in chars if "\ue000" <= c <= "\uf8ff" or c in "\ufffd\x00")
    return len(chars) >= 5 and bad > 0.5 * len(chars)


def _ocr_pages(pdf, pages: list[list["_Row"]], scanned: list[int], hints: dict[str, Any],
               path: str | None) -> tuple[list[list["_Row"]], dict[str, Any]]:
    """Read the pages without a usable text layer by OCR (ingest/ocr.py); the rows it
    returns are in PDF points like the text layer's, so both kinds of page join alike."""
    from . import ocr
    if not ocr.available():
        raise FazhiError("scanned_pdf", path, "未安装 OCR 组件")
    scale = 72 / ocr.RENDER_DPI
    read = ocr.read_pages([(i, (lambda i=i: ocr.render_pdf_page(pdf[i]))) for i in scanned])
    pages = list(pages)
    for i, page in read.items():
        pages[i] = [_Row(r.text, r.left * scale, r.right * scale, r.size * scale) for r in page.rows]
    hints["ocr"] = ocr.summary(read)
    low = ocr.low_rows(read)
    if low:
        hints["ocr_low_rows"] = low
    return pages, hints


@dataclass
class _Row:
    text: str
    left: float | None = None      # x of the first visible character
    right: float | None = None     # x where the last visible character ends
    size: float | None = None      # character height (about the font size)


def _geometry(tp, text: str) -> list[_Row]:
    """Split a page's text into rows with their horizontal extent (from character boxes)."""
    rows: list[_Row] = []
    use_boxes = len(text) == tp.count_chars()
    pos = 0
    for raw_line in re.split(r"(\r\n|\n|\r)", text):
        if raw_line in ("\r\n", "\n", "\r"):
            pos += len(raw_line)
            continue
        clean = _compat(_CTRL.sub("", raw_line))
        row = _Row(clean)
        if use_boxes and clean.strip():
            idx = [pos + k for k, ch in enumerate(raw_line) if not ch.isspace() and ch not in "\u3000"]
            try:
                first = tp.get_charbox(idx[0], loose=True)
                last = tp.get_charbox(idx[-1], loose=True)
                sizes = sorted(tp.get_charbox(j, loose=True)[3] - tp.get_charbox(j, loose=True)[1]
                               for j in idx[:12])
                row.left, row.right = first[0], last[2]
                row.size = sizes[len(sizes) // 2] or None
            except Exception:
                pass
        rows.append(row)
        pos += len(raw_line)
    return rows


def _lines(pages: list[list[_Row]]) -> list[Line]:
    repeated = _running_lines([[r.text for r in p] for p in pages])
    rows: list[tuple[Line, _Row]] = []
    for page in pages:
        nonblank = [i for i, r in enumerate(page) if r.text.strip()]
        edges = set(nonblank[:2] + nonblank[-2:])
        for i, r in enumerate(page):
            t = r.text.strip()
            if not t:
                continue
            if i in edges and _PAGE_NUMBER.match(t):
                rows.append((Line(t, drop="page_number"), r))
            elif i in edges and _key(t) in repeated:
                rows.append((Line(t, drop="page_header"), r))
            else:
                rows.append((Line(r.text.rstrip(), source="pdf"), r))
    return _join(rows)


def _key(t: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", t))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Short lines repeated at the top or bottom of most pages (running headers/footers)
    and never inside a page's body."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    inner: set[str] = set()
    for lines in pages:
        nonblank = [t.strip() for t in lines if t.strip()]
        edge = set(nonblank[:2] + nonblank[-2:])
        for t in edge:
            if len(t) <= 30:
                counts[_key(t)] += 1
        inner.update(_key(t) for t in nonblank[2:-2])
    return {k for k, c in counts.items() if c >= max(3, 0.6 * len(pages)) and k not in inner}


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))]


def _join(rows: list[tuple[Line, _Row]]) -> list[Line]:
    """Re-join rows the PDF broke inside a paragraph. A row continues the previous one when
    the previous one runs to the right margin and the row does not open a heading and is
    not indented; where the document does not indent its paragraphs, the previous row must
    also not end a sentence. Without character boxes, a row's length stands in for its
    extent. A page number or running header between the two halves becomes a cut inside
    the joined line, so its removal is recorded where it stood."""
    body = [(ln, r) for ln, r in rows if not ln.drop]
    if not body:
        return [ln for ln, _ in rows]
    geo = all(r.left is not None and r.right is not None for _, r in body)
    if geo:
        size = _pct([r.size for _, r in body if r.size], 0.5) if any(r.size for _, r in body) else 10.0
        # (every row has its extent here: `geo`)
        left_margin = _pct([r.left for _, r in body if r.left is not None], 0.1)
        right_margin = _pct([r.right for _, r in body if r.right is not None], 0.9)

        def indented(ln: Line, r: _Row) -> bool:
            assert r.left is not None
            return r.left >= left_margin + 1.5 * size or ln.text[:1] in ("\u3000", " ")

        full_len = None
    else:
        size = 1.0
        full_len = _pct([len(ln.text.strip()) for ln, _ in body if len(ln.text.strip()) >= 8] or [1], 0.9)

        def indented(ln: Line, r: _Row) -> bool:
            return ln.text[:1] in ("\u3000", " ")

    def full(ln: Line, r: _Row, slack: float) -> bool:
        if full_len is not None:
            return len(ln.text.strip()) >= (1 - 0.05 * slack) * full_len
        assert r.right is not None      # full_len is None only when every row has its extent
        return r.right >= right_margin - slack * size

    # Are paragraphs marked by a first-line indent (GB/T 9704 documents)? Look at the rows
    # that surely open a paragraph (after a short row, not a heading): most are indented.
    starts = [body[i] for i in range(1, len(body))
              if not full(*body[i - 1], 4) and not _HEADING.match(body[i][0].text.strip())]
    n_ind = sum(1 for ln, r in starts if indented(ln, r))
    indent_style = len(starts) >= 3 and n_ind >= 0.5 * len(starts)
    # ragged (unjustified) right edges: allow a few characters when indents mark paragraphs
    slack = 4 if indent_style else 2

    out: list[Line] = []
    pending: tuple[Line, _Row] | None = None      # the row that may be continued
    between: list[Line] = []                      # removed rows met since `pending`
    for ln, r in rows:
        if ln.drop:
            (between if pending is not None else out).append(ln)
            continue
        text = ln.text.strip()
        cont = False
        if pending is not None and not _HEADING.match(text):
            pl, pr = pending
            ends = (pl.text.rstrip(_CLOSERS) or pl.text)[-1:] in _TERMINAL
            cont = full(pl, pr, slack) and not indented(ln, r) and (indent_style or not ends)
        if cont:
            assert pending is not None
            pl = pending[0]
            for d in between:
                s = len(pl.text)
                pl.text += d.text
                pl.add_cut(s, len(pl.text), d.drop or "other")
            pl.text += text
            pending = (pl, r)
        else:
            out.extend(between)
            ln.text = text
            out.append(ln)
            pending = (ln, r)
        between = []
    out.extend(between)
    return out
