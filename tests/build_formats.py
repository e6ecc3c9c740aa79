"""Build other formats of a report text AT TEST RUN TIME (nothing here is committed as a
fixture): a portal-like HTML page, a DOCX (heading styles, real Word list numbering, or
plain bold paragraphs), a text-layer PDF and an image-only ("scanned") PDF.

    from build_formats import to_html, to_docx, to_pdf, to_scanned_pdf, CHROME_MARKERS

Used by tests/test_ingest*.py and by other areas' tests that want a report in a given format.
"""
from __future__ import annotations

import ctypes
import html as _html
import io
import re
from pathlib import Path

FONT_PATHS = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]

# strings of the chrome that to_html() wraps around the text; none may survive ingest
CHROME_MARKERS = ["当前位置", "今天是", "农历", "索引号", "主题分类", "字体", "打印本页", "关闭窗口",
                  "网站地图", "主办单位", "ICP备", "公网安备", "网站标识码", "浏览次数", "分享到",
                  "政务公开", "上一篇", "适老化"]

_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_H3 = re.compile(r"^\d+[.．](?!\d)")
_H4 = re.compile(r"^[（(]\d+[）)]")
_CN = "零一二三四五六七八九十"


def heading_level(line: str) -> int | None:
    for lvl, rx in ((1, _H1), (2, _H2), (3, _H3), (4, _H4)):
        if rx.match(line):
            return lvl
    return None


def _cn_to_int(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN.index(s[1])
    if s.endswith("十"):
        return _CN.index(s[0]) * 10
    if "十" in s:
        a, b = s.split("十")
        return _CN.index(a) * 10 + _CN.index(b)
    return _CN.index(s)


def split_marker(line: str) -> tuple[int, int, str] | None:
    """(level, ordinal, rest) of a numbered heading line, or None."""
    for lvl, rx in ((1, _H1), (2, _H2), (3, _H3), (4, _H4)):
        m = rx.match(line)
        if m:
            digits = re.sub(r"[^0-9一二三四五六七八九十]", "", m.group())
            n = int(digits) if digits.isdigit() else _cn_to_int(digits)
            return lvl, n, line[m.end():]
    return None


def title_of(text: str) -> str:
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if 4 <= len(first) <= 60 and "。" not in first and not heading_level(first):
        return first
    return "法治政府建设年度报告"


# -- HTML ------------------------------------------------------------------------

def to_html(text: str, layout: str = "div", encoding: str = "utf-8", chrome: bool = True) -> bytes:
    """A portal-like page around `text`: head metadata, nav, breadcrumb, date banner,
    metadata table, font/print widgets, the article, share bar, footer. layout="div" puts
    the article in a TRS-style container; layout="table" is an old nested-table page with
    <br> line breaks and no known container class (exercises the density fallback)."""
    title = title_of(text)
    charset = "gb2312" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    esc = _html.escape
    if layout == "table":
        body = "<br>\n".join("&nbsp;&nbsp;" + esc(ln) for ln in lines)
        article = (f'<table width="100%"><tr><td class="title" align="center"><b>{esc(title)}</b></td></tr>'
                   f'<tr><td class="bt_text" style="font-size:14px">{body}</td></tr></table>')
    else:
        paras = "\n".join(
            f"<p style=\"text-indent:2em\">{'<strong>' + esc(ln) + '</strong>' if heading_level(ln) == 1 else esc(ln)}</p>"
            for ln in lines)
        article = (f'<h1 class="title">{esc(title)}</h1>'
                   f'<div class="TRS_Editor">\n{paras}\n</div>')
    head = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f'<title>{esc(title)}_示例县人民政府</title>'
            f'<meta name="ArticleTitle" content="{esc(title)}">'
            '<meta name="PubDate" content="2023-03-16 10:20">'
            '<meta name="ContentSource" content="示例县司法局">'
            '<style>.nav a{color:#333}</style><script>var a = "今天是";</script>')
    if not chrome:
        page = f"<html><head>{head}</head><body>{article}</body></html>"
        return page.encode(_py_enc(encoding), errors="xmlcharrefreplace")
    nav = ('<div class="nav"><a href="/">首页</a> | <a href="#">政务公开</a> | <a href="#">新闻中心</a> | '
           '<a href="#">政务服务</a> | <a href="#">互动交流</a> | <a href="#">走进示例</a></div>')
    banner = '<div class="date">今天是2023年3月16日 星期四 农历二月廿五</div>'
    crumb = ('<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a> &gt; '
             '<a href="#">法治政府建设</a></div>')
    meta_table = ('<table class="xxgk"><tr><td>索引号：</td><td>11141024MB1234567X/2023-00123</td>'
                  '<td>主题分类：</td><td>司法</td></tr>'
                  '<tr><td>发布机构：</td><td>示例县人民政府办公室</td><td>成文日期：</td><td>2023-03-10</td></tr>'
                  '<tr><td>发布时间：</td><td>2023-03-16</td><td>来源：</td><td>示例县司法局</td></tr></table>')
    widget = '<div class="tools">【字体：<a>大</a> <a>中</a> <a>小</a>】【<a>打印本页</a>】【<a>关闭窗口</a>】 浏览次数：<span>123</span></div>'
    share = '<div class="share">分享到：微信 微博 QQ空间</div><div class="pn"><p>上一篇：关于开展普法宣传的通知</p><p>下一篇：示例县召开常务会议</p></div>'
    footer = ('<div class="footer"><p><a>网站地图</a> | <a>联系我们</a></p>'
              '<p>主办单位：示例县人民政府办公室 版权所有</p><p>承办单位：示例县大数据中心</p>'
              '<p>晋ICP备12345678号 网站标识码：1410000000 晋公网安备 14102402000000号</p>'
              '<p>联系电话：0357-1234567</p><p>建议使用1366*768分辨率/IE10.0以上浏览器</p><p>适老化无障碍服务</p></div>')
    if layout == "table":
        page = (f"<html><head>{head}</head><body><table width='1000' align='center'>"
                f"<tr><td>{nav}</td></tr><tr><td>{banner}</td></tr><tr><td>{crumb}</td></tr>"
                f"<tr><td><table><tr><td>{meta_table}</td></tr><tr><td>{article}</td></tr>"
                f"<tr><td>{widget}</td></tr><tr><td>{share}</td></tr></table></td></tr>"
                f"<tr><td>{footer}</td></tr></table></body></html>")
    else:
        page = (f"<!DOCTYPE html><html><head>{head}</head><body><div class='header'>{banner}{nav}</div>"
                f"<div class='main'>{crumb}{meta_table}<div class='article'>{widget}{article}</div>"
                f"{share}</div>{footer}</body></html>")
    return page.encode(_py_enc(encoding), errors="xmlcharrefreplace")


def _py_enc(encoding: str) -> str:
    e = encoding.lower()
    return "gbk" if e in ("gb2312", "gbk") else e


# -- DOCX ------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVELS = [  # (numFmt, lvlText) per ilvl, as government templates define them
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
]


def to_docx(text: str, numbering: str = "styles") -> bytes:
    """numbering="styles": numbered headings get Heading 1-4 styles, markers kept in the text;
    "auto": markers are removed from the text and rebuilt by real Word list numbering
    (w:numPr; a startOverride instance where the text skips or repeats a number);
    "plain": Normal paragraphs, headings only in bold runs."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    abstract_id = num_base = None
    if numbering == "auto":
        numbering_el = document.part.numbering_part.element
        abstract_id = 90
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{txt}"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>'
            for i, (fmt, txt) in enumerate(_LEVELS))
        abstract = parse_xml(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        first_num = numbering_el.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering_el.append(abstract)
        num_base = numbering_el
    current_num: int | None = None
    expected: dict[int, int] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        lvl = heading_level(line)
        if numbering == "styles" and lvl:
            document.add_paragraph(line, style=f"Heading {lvl}")
        elif numbering == "auto" and lvl:
            _, ordinal, rest = split_marker(line)
            if current_num is None or expected.get(lvl, 1) != ordinal:
                # a new w:num instance that starts this level (and its parents) where the text is
                overrides = {lvl - 1: ordinal}
                for upper in range(1, lvl):
                    overrides[upper - 1] = expected.get(upper, 1)
                num = num_base.add_num(abstract_id)
                for ilvl, start in overrides.items():
                    num.add_lvlOverride(ilvl=ilvl).add_startOverride(start)
                current_num = num.numId
            p = document.add_paragraph(rest)
            ppr = p._p.get_or_add_pPr()
            ppr.get_or_add_numPr().get_or_add_numId().val = current_num
            ppr.get_or_add_numPr().get_or_add_ilvl().val = lvl - 1
            expected[lvl] = ordinal + 1
            for deeper in [k for k in expected if k > lvl]:
                del expected[deeper]
        elif lvl:      # plain: bold runs
            p = document.add_paragraph()
            p.add_run(line).bold = True
        else:
            document.add_paragraph(line)
    # a real report often carries a table: exercise it
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- PDF -------------------------------------------------------------------------

def font_path() -> str | None:
    return next((p for p in FONT_PATHS if Path(p).exists()), None)


def to_pdf(text: str, chars_per_line: int = 36, lines_per_page: int = 38) -> bytes:
    """A text-layer A4 PDF (pypdfium2 with an embedded CJK TrueType font): paragraphs
    wrapped every `chars_per_line` characters (so sentences break mid-line), first lines
    indented, a "— n —" page number at the bottom of each page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    fp = font_path()
    if fp is None:
        raise RuntimeError("no CJK font: apt-get install -y fonts-wqy-microhei")
    data = Path(fp).read_bytes()
    pdf = pdfium.PdfDocument.new()
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = raw.FPDFText_LoadFont(pdf.raw, buf, len(data), raw.FPDF_FONT_TRUETYPE, 1)
    if not font:
        raise RuntimeError(f"pdfium could not load {fp}")
    widths: dict[str, float] = {}

    def advance(ch: str) -> float:
        # the glyph's advance in ems, measured once per character with pdfium
        if ch not in widths:
            if ch == "\u3000" or ord(ch) >= 0x2E80:
                widths[ch] = 1.0
            else:
                obj = raw.FPDFPageObj_CreateTextObj(pdf.raw, font, 100.0)
                ws = ctypes.create_string_buffer((ch + ch + "\0").encode("utf-16-le"))
                raw.FPDFText_SetText(obj, ctypes.cast(ws, ctypes.POINTER(raw.FPDF_WCHAR)))
                l, b, r, t = (ctypes.c_float() for _ in range(4))
                raw.FPDFPageObj_GetBounds(obj, l, b, r, t)
                raw.FPDFPageObj_Destroy(obj)
                widths[ch] = max(0.1, (r.value - l.value) / 200.0)
        return widths[ch]

    rows: list[str] = []
    for para in text.splitlines():
        para = para.strip()
        if not para:
            continue
        para = "\u3000\u3000" + para if not heading_level(para) else para
        rows.extend(_wrap(para, chars_per_line, advance))
    keep = []           # ctypes buffers must outlive the calls
    for pno, start in enumerate(range(0, max(len(rows), 1), lines_per_page), 1):
        page = pdf.new_page(595, 842)
        chunk = rows[start:start + lines_per_page]
        items = [(t, 60, 780 - 19 * i, 13.0) for i, t in enumerate(chunk)]
        items.append((f"— {pno} —", 280, 40, 10.0))
        for t, x, y, size in items:
            obj = raw.FPDFPageObj_CreateTextObj(pdf.raw, font, size)
            ws = ctypes.create_string_buffer((t + "\0").encode("utf-16-le"))
            keep.append(ws)
            raw.FPDFText_SetText(obj, ctypes.cast(ws, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
        page.close()
    out = io.BytesIO()
    pdf.save(out)
    # free pdfium's copy of the font and the document now: a loaded font is not freed with the
    # document, and a fuzz run building tens of thousands of PDFs grew by 13 MB per PDF
    raw.FPDFFont_Close(font)
    pdf.close()
    del keep, buf
    return out.getvalue()


def _wrap(para: str, width: float, advance) -> list[str]:
    """Break a paragraph into rows of `width` ems, the way a word processor fills lines:
    rows end anywhere, also inside a sentence."""
    rows, cur, w = [], "", 0.0
    for ch in para:
        cw = advance(ch)
        if w + cw > width:
            rows.append(cur)
            cur, w = "", 0.0
        cur += ch
        w += cw
    if cur:
        rows.append(cur)
    return rows


def to_scanned_pdf(pages: int = 1) -> bytes:
    """An image-only PDF (what a scanner produces): each page is one grey bitmap, no text."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    w, h = 200, 280
    for _ in range(pages):
        page = pdf.new_page(595, 842)
        pixels = bytearray(b"\xff" * (w * h * 3))
        for y in range(40, 240, 12):          # lines of "ink", like scanned text rows
            for x in range(20, 180):
                off = (y * w + x) * 3
                pixels[off:off + 3] = b"\x20\x20\x20"
        bitmap = pdfium.PdfBitmap.new_native(w, h, raw.FPDFBitmap_BGR, buffer=(ctypes.c_ubyte * len(pixels)).from_buffer(pixels))
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(595, 842))
        page.insert_obj(image)
        page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A small PDF protected by the standard security handler with an unknown user password."""
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        "<< /Filter /Standard /V 1 /R 2 /O <" + "11" * 32 + "> /U <" + "22" * 32 + "> /P -44 >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Encrypt 4 0 R "
            f"/ID [<{'ab' * 16}> <{'ab' * 16}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return out
