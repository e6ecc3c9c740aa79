"""Scanned pages -> rows of text, with RapidOCR (PP-OCRv4 detection and recognition models
that ship inside the `rapidocr-onnxruntime` wheel, run by onnxruntime: offline, no weights
fetched at run time).

Before recognition the red seal (公章) is taken off the page: strongly red pixels become
white, so the organ name and the date printed under the stamp are read. Text boxes are put
in reading order (one column: top to bottom, boxes on the same row left to right; cells of a
table row are separated by a space) and handed to the PDF reader's row logic
(ingest/pdf.py: page numbers "— 1 —", running headers, rows joined into paragraphs and a
heading that runs on to the next page).

Every recognised character has a probability; rows that hold characters below
LOW_CONFIDENCE are kept (they are text), and their low-confidence runs are recorded so that
the figures read there are never used for a sum or rate finding (see `mark_facts`).
"""
from __future__ import annotations

import functools
import io
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import FazhiError
from ..zh.cjk import CJK_CHAR

LOW_CONFIDENCE = 0.80          # a character recognised with a lower probability is uncertain
RENDER_DPI = 200               # PDF pages are rendered at this resolution for recognition

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")


@dataclass
class OcrRow:
    text: str
    left: float
    right: float
    top: float
    size: float                              # text height in pixels
    conf: list[float] = field(default_factory=list)   # one per character of text


@dataclass
class OcrPage:
    rows: list[OcrRow]
    mean_confidence: float | None


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except Exception as exc:
        raise FazhiError("scanned_pdf", None, f"OCR 组件不可用：{type(exc).__name__}") from None
    threads = int(os.environ.get("FAZHI_OCR_THREADS", "0") or 0)
    kw = {"intra_op_num_threads": threads} if threads > 0 else {}
    return RapidOCR(**kw)


def suppress_red(rgb):
    """White where the page is strongly red (seal ink); dark strokes under the seal stay."""
    import numpy as np
    a = rgb.astype(np.int16)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    red = (r > 110) & (r - g > 45) & (r - b > 35)
    out = rgb.copy()
    out[red] = 255
    return out


def recognise(rgb) -> OcrPage:
    """One page image (H×W×3 uint8, RGB) -> rows in reading order."""
    import numpy as np
    eng = _engine()
    img = suppress_red(np.ascontiguousarray(rgb[..., :3]))[..., ::-1].copy()   # BGR for the engine
    img, ratio_h, ratio_w = eng.preprocess(img)
    boxes, _ = eng.auto_text_det(img)
    if boxes is None or len(boxes) == 0:
        return OcrPage([], None)
    crops = eng.get_crop_img_list(img, boxes)
    rec, _ = eng.text_rec(crops, True)
    items = []
    for box, res in zip(boxes, rec):
        text, _mean = res[0], res[1]
        confs = list(res[2][4]) if len(res) > 2 and res[2] else []
        if not text.strip():
            continue
        if len(confs) != len(text):
            confs = [float(_mean)] * len(text)
        else:
            cols = [c for w in res[2][2] for c in w] if len(res[2]) > 2 else []
            text, confs = _spaced(text, confs, cols)
        xs = [p[0] / ratio_w for p in box]
        ys = [p[1] / ratio_h for p in box]
        items.append((min(xs), max(xs), min(ys), max(ys), text, confs))
    rows = _merge_large(_rows(items))
    allc = [c for r in rows for c in r.conf]
    return OcrPage(rows, (sum(allc) / len(allc)) if allc else None)


def _spaced(text: str, confs: list[float], cols: list[int]) -> tuple[str, list[float]]:
    """A full-width space where one text box holds two words set apart (中共某县委　某县人民政府):
    between two Chinese characters whose recogniser columns are much further apart than the
    box's usual step from one Chinese character to the next."""
    if len(cols) != len(text) or len(text) < 4:
        return text, confs
    cjk = CJK_CHAR.match
    steps = [cols[i] - cols[i - 1] for i in range(1, len(text)) if cjk(text[i]) and cjk(text[i - 1])]
    if len(steps) < 3:
        return text, confs
    med = sorted(steps)[len(steps) // 2]
    out, oc = [text[0]], [confs[0]]
    for i in range(1, len(text)):
        if cjk(text[i]) and cjk(text[i - 1]) and med > 0 and cols[i] - cols[i - 1] >= 1.8 * med:
            out.append("\u3000")
            oc.append(1.0)
        out.append(text[i])
        oc.append(confs[i])
    return "".join(out), oc


def _rows(items: list[tuple]) -> list[OcrRow]:
    """Boxes -> rows: a box belongs to the row whose vertical middle it shares; boxes of a
    row are read left to right, a wide gap (a table cell border) becomes a space."""
    items.sort(key=lambda t: (t[2] + t[3]) / 2)
    groups: list[list[tuple]] = []
    for it in items:
        mid, h = (it[2] + it[3]) / 2, it[3] - it[2]
        if groups:
            g = groups[-1]
            gmid = sum((x[2] + x[3]) / 2 for x in g) / len(g)
            gh = sum(x[3] - x[2] for x in g) / len(g)
            if abs(mid - gmid) < 0.5 * min(h, gh):
                g.append(it)
                continue
        groups.append([it])
    rows = []
    for g in groups:
        g.sort(key=lambda t: t[0])
        h = sorted(x[3] - x[2] for x in g)[len(g) // 2]
        text, conf = "", []
        prev_right = None
        cw = sorted((x[1] - x[0]) / max(1, len(x[4])) for x in g)[len(g) // 2]   # width of a character
        for x0, x1, _y0, _y1, t, c in g:
            gap = x0 - prev_right if prev_right is not None else 0
            if prev_right is not None and gap > 1.5 * h:
                text += " "                  # a table cell border
                conf.append(1.0)
            elif (prev_right is not None and gap > 0.5 * cw and text and t
                  and text[-1] not in _PUNCT and t[0] not in _PUNCT):
                text += "\u3000"             # a deliberate space between words (two organs in a signature)
                conf.append(1.0)
            text += t
            conf.extend(c)
            prev_right = x1
        rows.append(OcrRow(_fix(text), g[0][0], g[-1][1], min(x[2] for x in g), h * 0.8, conf))
    return rows


def _merge_large(rows: list[OcrRow]) -> list[OcrRow]:
    """A title set in a larger size that wraps (centred, so its second row looks indented)
    is one line: consecutive rows both at least 1.25× the page's median text height, one
    right under the other, are merged."""
    if len(rows) < 3:
        return rows
    med = sorted(r.size for r in rows)[len(rows) // 2]
    out: list[OcrRow] = []
    for r in rows:
        if out:
            p = out[-1]
            big = p.size >= 1.25 * med and r.size >= 1.25 * med and abs(p.size - r.size) < 0.15 * p.size
            if big and 0 <= r.top - p.top < 2.2 * p.size / 0.8:
                out[-1] = OcrRow(p.text + r.text, min(p.left, r.left), max(p.right, r.right), p.top,
                                 p.size, p.conf + r.conf)
                continue
        out.append(r)
    return out


_PUNCT = set("，。、；：！？（）《》“”‘’【】,.;:!?()[]—-·")
_PAGE_NO = re.compile(r"^\s*[—一\-－–―~～]{1,3}\s*(\d{1,4})\s*[—一\-－–―~～]{1,3}\s*$")
_HALF_PUNCT = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c in "（）“”《》、。，：；"


def _fix(text: str) -> str:
    """What the recogniser confuses in 公文 print, undone character for character (the row
    keeps its length, so confidences stay aligned): a page number "— 1 —" read with 一 for
    the dashes, or a dash between digits read as 一; half-width punctuation between Chinese characters (a closing ）read as ")")."""
    m = _PAGE_NO.match(text)
    if m:
        return re.sub(r"[一\-－–―~～]", "—", text)
    chars = list(text)
    for i, c in enumerate(chars):
        if c == "一" and 0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit():
            chars[i] = "—"               # 2021—2025: a dash between digits, never the numeral
        elif (c == "，" and 0 < i and chars[i - 1].isdigit() and "".join(chars[i + 1:i + 4]).isdigit()
              and len(chars[i + 1:i + 4]) == 3 and not (i + 4 < len(chars) and chars[i + 4].isdigit())):
            chars[i] = ","               # 3，089: a thousands separator, not a pause
        elif c in _HALF_PUNCT:
            before = chars[i - 1] if i else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if (before and _cjk(before)) or (after and _cjk(after)) or (c == ")" and "（" in text[:i]):
                chars[i] = _HALF_PUNCT[c]
    return "".join(chars)


def low_runs(row: OcrRow) -> list[tuple[int, int]]:
    """(start, end) runs of the row's text recognised below LOW_CONFIDENCE."""
    runs, start = [], None
    for i, c in enumerate(row.conf + [1.0]):
        if c < LOW_CONFIDENCE and i < len(row.text) and not row.text[i].isspace():
            if start is None:
                start = i
        elif start is not None:
            runs.append((start, i))
            start = None
    return runs


# -- inputs: PDF pages and image files ----------------------------------------------------

def is_image(data: bytes) -> bool:
    if data.startswith(b"BM"):
        return len(data) > 14 and data[6:10] == b"\x00\x00\x00\x00"
    return data.startswith(_IMAGE_MAGIC)


def image_pages(data: bytes, path: str | None = None) -> list:
    """The frames of a PNG / JPEG / TIFF (multi-page) / BMP file as RGB arrays."""
    import numpy as np
    try:
        from PIL import Image, ImageSequence
        Image.MAX_IMAGE_PIXELS = 120_000_000        # ~A3 at 600 dpi; larger is a decompression bomb
        im = Image.open(io.BytesIO(data))
        frames = [np.asarray(f.convert("RGB")) for f in ImageSequence.Iterator(im)]
    except FazhiError:
        raise
    except Exception as exc:
        raise FazhiError("unsupported_type", path, f"无法读取的图片：{type(exc).__name__}") from None
    if not frames:
        raise FazhiError("no_text", path, "图片中没有页面")
    return frames


def render_pdf_page(page, dpi: int = RENDER_DPI):
    bitmap = page.render(scale=dpi / 72)
    arr = bitmap.to_numpy()
    # pypdfium2 renders BGR(A) by default
    arr = arr[..., [2, 1, 0]] if arr.ndim == 3 and arr.shape[2] >= 3 else arr
    if arr.ndim == 2:
        import numpy as np
        arr = np.stack([arr] * 3, axis=-1)
    return arr


Progress = Callable[[int, int], None]


def _default_progress() -> Progress | None:
    """Progress on stderr for long scans, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\r识别扫描页 {done}/{total}", end=end, file=sys.stderr, flush=True)
    return show


progress_hook: Progress | None = None     # set by the CLI; None = terminal default


def read_pages(images: list[tuple[int, Any]]) -> dict[int, OcrPage]:
    """Recognise (page index, image or callable returning the image) pairs."""
    show = progress_hook or _default_progress()
    out: dict[int, OcrPage] = {}
    total = len(images)
    for k, (i, img) in enumerate(images, 1):
        arr = img() if callable(img) else img
        out[i] = recognise(arr)
        if show and total > 1:
            show(k, total)
    return out


def summary(pages: dict[int, OcrPage]) -> dict[str, Any]:
    """`source.ocr` of the contract: pages (1-based) that were read by OCR and the mean
    character confidence over them."""
    allc = [c for p in pages.values() for r in p.rows for c in r.conf]
    return {"engine": "rapidocr-onnxruntime", "pages": sorted(i + 1 for i in pages),
            "mean_confidence": round(sum(allc) / len(allc), 4) if allc else None}


def low_rows(pages: dict[int, OcrPage]) -> list[list]:
    """[row text, [[start, end], ...]] for every row with uncertain characters, in order;
    `locate_low` turns them into offsets of the clean text."""
    out = []
    for i in sorted(pages):
        for r in pages[i].rows:
            runs = low_runs(r)
            if runs:
                out.append([r.text.strip(), [[s - (len(r.text) - len(r.text.lstrip())), e - (len(r.text) - len(r.text.lstrip()))] for s, e in runs]])
    return out


def locate_low(text: str, rows: list[list]) -> list[list[int]]:
    """Offsets in `text` of the uncertain characters: each row is found in order (rows are
    kept verbatim, joined without separators); a row that cleaning changed is found by its
    uncertain run with the characters around it."""
    spans: list[list[int]] = []
    pos = 0
    for row, runs in rows:
        k = text.find(row, pos) if row else -1
        if k >= 0:
            spans.extend([k + s, k + e] for s, e in runs)
            pos = k + len(row)
            continue
        for s, e in runs:
            probe = row[max(0, s - 3):e + 3]
            j = text.find(probe, pos)
            if j < 0:
                j = text.find(probe)
            if j >= 0:
                off = j + (s - max(0, s - 3))
                spans.append([off, off + (e - s)])
    spans.sort()
    return spans


def mark_facts(report) -> None:
    """A fact whose figure contains an uncertain character gets `ocr_low` (never used for a
    sum or rate; see extract/relations.py)."""
    spans = report.hints.ocr_low
    if not spans:
        return
    import bisect
    starts = [s for s, _ in spans]
    for f in report.facts:
        k = bisect.bisect_left(starts, f.end)
        for s, e in spans[max(0, k - 50):k]:
            if s < f.end and f.start < e:
                f.ocr_low = True
                break


def extract_image(data: bytes, path: str | None = None):
    """An image file (one or many pages) -> (lines, hints), like pdf.extract."""
    from .pdf import _Row, _lines
    if not available():
        raise FazhiError("unsupported_type", path, "图片需要 OCR 组件，未安装")
    frames = image_pages(data, path)
    read = read_pages(list(enumerate(frames)))
    pages = [[_Row(r.text, r.left, r.right, r.size) for r in read[i].rows] for i in range(len(frames))]
    chars = sum(len("".join(r.text.split())) for p in pages for r in p)
    if chars < max(20, 3 * len(pages)):      # a logo, a photo, a blank page: not a report
        raise FazhiError("no_text", path, "图片中没有识别出正文")
    hints: dict[str, Any] = {"pdf_pages": len(frames), "ocr": summary(read)}
    low = low_rows(read)
    if low:
        hints["ocr_low_rows"] = low
    return _lines(pages), hints
