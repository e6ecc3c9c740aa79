"""Team-written texts -> images as a scanner or a portal's image gallery gives them: A4 pages
laid out like a 公文 (centred title, indented paragraphs, signature block on the right, page
number "— N —" at the foot), at 150–300 dpi, with slight skew, noise, a red seal over the
signature date and, optionally, a table that runs over a page break. Used by
tests/test_ingest_ocr.py, `python -m eval ocr` and `python -m bench ocr`.

    from build_scans import render_pages, to_image_pdf, to_png
    pages = render_pages(text, dpi=200, skew=0.4, noise=6, seal=True)
    pdf_bytes = to_image_pdf(pages, dpi=200)
"""
from __future__ import annotations

import io
import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
_DATE = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九○]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                   r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")


@lru_cache(maxsize=8)
def _font(px: int):
    from PIL import ImageFont
    return ImageFont.truetype(FONT, px)


@dataclass
class Block:
    kind: str            # title | para | sign | table
    text: str = ""
    cells: list[str] | None = None


def blocks_of(text: str, table: list[list[str]] | None = None, table_after: int | None = None) -> list[Block]:
    """A plain text as 公文 blocks: the first non-empty line is the title, the short lines
    after the last paragraph (organ names and the date) are the signature block; `table`
    (rows of cells) is inserted after paragraph number `table_after`."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    out: list[Block] = []
    if not lines:
        return out
    # signature block: trailing run of short lines that ends with (or contains) a date
    sign_from = len(lines)
    for i in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        if len(lines[i]) <= 20 and not lines[i].endswith(("。", "：")):
            sign_from = i
        else:
            break
    if not any(_DATE.match(x) for x in lines[sign_from:]):
        sign_from = len(lines)
    out.append(Block("title", lines[0]))
    n_para = 0
    for ln in lines[1:sign_from]:
        out.append(Block("para", ln))
        n_para += 1
        if table and table_after is not None and n_para == table_after:
            out.extend(Block("table", cells=row) for row in table)
    for ln in lines[sign_from:]:
        out.append(Block("sign", ln))
    return out


_NO_START = "，。、；：！？）》”’】」』%"      # 禁则: never at the start of a row (hangs in the margin)


def reference_text(text: str, table: list[list[str]] | None = None, table_after: int | None = None) -> str:
    """The text a perfect reader gets from the rendered pages: one line per block, a table
    row as its cells separated by a space."""
    return "\n".join(b.text if b.kind != "table" else " ".join(b.cells or [])
                     for b in blocks_of(text, table, table_after))


def _wrap(text: str, font, width: int, indent: int) -> list[str]:
    rows, cur, w = [], "", indent
    for ch in text:
        cw = font.getlength(ch)
        if cur and w + cw > width and ch not in _NO_START:
            rows.append(cur)
            cur, w = "", 0
        cur += ch
        w += cw
    if cur:
        rows.append(cur)
    return rows


def render_pages(text: str, dpi: int = 200, skew: float = 0.0, noise: float = 0.0, seal: bool = True,
                 table: list[list[str]] | None = None, table_after: int | None = None,
                 seed: int = 1) -> list:
    """PIL images (RGB, A4 at `dpi`) of `text` laid out as a 公文. `skew` in degrees (the page
    is turned by ±skew), `noise` the standard deviation of grey noise added to every pixel."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    mm = dpi / 25.4
    W, H = int(210 * mm), int(297 * mm)
    left, right, top, bottom = int(28 * mm), int(26 * mm), int(37 * mm), int(35 * mm)
    body_px = int(16 / 72 * dpi)           # 三号 ≈ 16 pt
    title_px = int(22 / 72 * dpi)          # 二号 ≈ 22 pt
    line_h = int(body_px * 1.75)
    font, tfont = _font(body_px), _font(title_px)
    width = W - left - right

    pages: list = []
    seal_at: list[tuple[int, int, int]] = []     # (page, x, y) of the date line
    page = draw = None
    y = 0

    def new_page():
        nonlocal page, draw, y
        page = Image.new("RGB", (W, H), "white")
        draw = ImageDraw.Draw(page)
        pages.append(page)
        y = top

    def need(h: int):
        if page is None or y + h > H - bottom:
            new_page()

    blocks = blocks_of(text, table, table_after)
    prev = None
    for b in blocks:
        if b.kind == "title":
            for row in _wrap(b.text, tfont, width, 0):
                need(int(title_px * 1.6))
                tw = tfont.getlength(row)
                draw.text(((W - tw) / 2, y), row, font=tfont, fill="black")
                y += int(title_px * 1.6)
            y += line_h // 2
        elif b.kind == "para":
            indent = 2 * body_px
            for k, row in enumerate(_wrap(b.text, font, width, indent)):
                need(line_h)
                draw.text((left + (indent if k == 0 else 0), y), row, font=font, fill="black")
                y += line_h
        elif b.kind == "table":
            cells = b.cells or []
            cw = width / max(1, len(cells))
            row_h = int(line_h * 1.1)
            need(row_h)
            if prev != "table" or y == top:
                draw.line([(left, y), (left + width, y)], fill="black", width=2)
            for j, c in enumerate(cells):
                draw.text((left + j * cw + body_px * 0.4, y + (row_h - body_px) / 2 - body_px * 0.1), c,
                          font=font, fill="black")
            for j in range(len(cells) + 1):
                x = left + j * cw
                draw.line([(x, y), (x, y + row_h)], fill="black", width=2)
            y += row_h
            draw.line([(left, y), (left + width, y)], fill="black", width=2)
        elif b.kind == "sign":
            if prev != "sign":
                y += line_h
            need(line_h)
            tw = font.getlength(b.text)
            x = W - right - 4 * body_px - tw
            draw.text((x, y), b.text, font=font, fill="black")
            if _DATE.match(b.text):
                seal_at.append((len(pages) - 1, int(x + tw / 2), int(y + body_px / 2)))
            y += line_h
        prev = b.kind

    for i, p in enumerate(pages):
        d = ImageDraw.Draw(p)
        num = f"— {i + 1} —"
        tw = font.getlength(num)
        d.text(((W - tw) / 2, H - bottom + body_px), num, font=font, fill="black")
    if seal:
        for pi, x, y0 in seal_at:
            pages[pi] = _stamp(pages[pi], x, y0 - int(body_px * 0.8), int(21 * mm), rnd)
    out = []
    for p in pages:
        if skew:
            p = p.rotate(rnd.uniform(-skew, skew), resample=Image.BICUBIC, fillcolor="white")
        if noise:
            p = _noise(p, noise, rnd)
        out.append(p)
    return out


def _stamp(page, cx: int, cy: int, r: int, rnd: random.Random):
    """A red round seal (ring, star, organ name along the arc) multiplied over the page, as
    ink is: black text under it stays dark, the paper turns red."""
    from PIL import Image, ImageChops, ImageDraw

    layer = Image.new("RGB", page.size, "white")
    d = ImageDraw.Draw(layer)
    red = (rnd.randint(200, 225), rnd.randint(20, 50), rnd.randint(25, 55))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(3, r // 14))
    # five-pointed star
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = r * (0.32 if k % 2 == 0 else 0.13)
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(pts, fill=red)
    f = _font(max(8, int(r * 0.26)))
    name = "青禾县人民政府办公室专用章"
    span = math.radians(250)
    for k, ch in enumerate(name):
        ang = -math.pi / 2 - span / 2 + span * (k + 0.5) / len(name)
        tx, ty = cx + r * 0.74 * math.cos(ang), cy + r * 0.74 * math.sin(ang)
        glyph = Image.new("L", (int(r * 0.4), int(r * 0.4)), 0)
        ImageDraw.Draw(glyph).text((r * 0.07, r * 0.05), ch, font=f, fill=255)
        glyph = glyph.rotate(-math.degrees(ang + math.pi / 2), resample=Image.BICUBIC)
        layer.paste(Image.new("RGB", glyph.size, red), (int(tx - glyph.width / 2), int(ty - glyph.height / 2)), glyph)
    return ImageChops.multiply(page, layer)


def _noise(page, sigma: float, rnd: random.Random):
    import numpy as np
    from PIL import Image

    a = np.asarray(page).astype(np.int16)
    gen = np.random.default_rng(rnd.randint(0, 2**31))
    a = a + gen.normal(0, sigma, a.shape[:2])[..., None].astype(np.int16)
    # a few specks of dust
    h, w = a.shape[:2]
    for _ in range(60):
        y, x = gen.integers(0, h - 3), gen.integers(0, w - 3)
        a[y:y + 2, x:x + 2] = 40
    return Image.fromarray(a.clip(0, 255).astype("uint8"))


def to_image_pdf(pages: list, dpi: int = 200, quality: int = 80) -> bytes:
    """An image-only PDF (one JPEG per page, no text layer), as a scanner writes it."""
    buf = io.BytesIO()
    first, *rest = [p.convert("RGB") for p in pages]
    first.save(buf, "PDF", save_all=True, append_images=rest, resolution=dpi, quality=quality)
    return buf.getvalue()


def to_png(page) -> bytes:
    buf = io.BytesIO()
    page.save(buf, "PNG")
    return buf.getvalue()


def to_jpeg(page, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    page.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def to_tiff(pages: list, dpi: int = 200) -> bytes:
    """A multi-page TIFF (fax/scanner archives)."""
    buf = io.BytesIO()
    first, *rest = [p.convert("RGB") for p in pages]
    first.save(buf, "TIFF", save_all=True, append_images=rest, compression="tiff_deflate", dpi=(dpi, dpi))
    return buf.getvalue()
