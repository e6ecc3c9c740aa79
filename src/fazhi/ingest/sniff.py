"""What the bytes are (sniffed from content, not from the extension) and how a text is
encoded."""
from __future__ import annotations

import codecs
import functools
import io
import re
import zipfile

from ..errors import FazhiError
from ..zh.cjk import CJK_CHAR

TEXT = "text/plain"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
# images read by OCR (ingest/ocr.py)
IMAGES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg",
          b"II*\x00": "image/tiff", b"MM\x00*": "image/tiff"}

_MAGIC_UNSUPPORTED = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文件（.doc/.xls），请另存为 .docx"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"BM", None),                      # BMP: checked below (two letters are too common)
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"{\\rtf", "RTF 文件，请另存为 .docx"),
    (b"%!PS", "PostScript 文件"),
    (b"\x7fELF", "可执行文件"),
    (b"MZ", None),                      # Windows executables: checked below
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def sniff(data: bytes, path: str | None = None, max_unpacked_mb: float | None = None) -> str:
    """Media type of `data`: TEXT, HTML, DOCX, PDF or an image type (IMAGES); raises FazhiError
    otherwise (also for a ZIP whose members inflate beyond max_unpacked_mb)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, path, max_unpacked_mb)
    for magic, media in IMAGES.items():
        if data.startswith(magic):
            return media
    for magic, what in _MAGIC_UNSUPPORTED:
        if data.startswith(magic):
            if magic == b"BM" and not (len(data) > 14 and data[6:10] == b"\x00\x00\x00\x00"):
                continue
            if magic == b"MZ" and b"This program cannot be run in DOS mode" not in data[:512]:
                continue
            raise FazhiError("unsupported_type", path, what)
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"AVI ", b"WAVE"):
        raise FazhiError("unsupported_type", path, data[8:12].decode().strip())
    if not _bom(data) and not _looks_utf16(data) and _looks_binary(data):
        raise FazhiError("binary", path)
    return TEXT      # HTML is decided after decoding (see is_html)


# Inflated size of a ZIP's members together, and number of members, beyond which a DOCX is not
# read (a decompression bomb: a few hundred KB that inflate to GBs). zipfile never reads past a
# member's declared size (a member that inflates further fails its CRC check), so the declared
# sizes are a sound bound.
MAX_UNPACKED_MB = 200
MAX_MEMBERS = 10000


def check_zip_sizes(zf: zipfile.ZipFile, path: str | None, max_unpacked_mb: float | None = None) -> None:
    limit = (MAX_UNPACKED_MB if max_unpacked_mb is None else max_unpacked_mb) * 1024 * 1024
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise FazhiError("unpacked_too_large", path, f"{len(infos)} 个成员")
    total = sum(max(0, i.file_size) for i in infos)
    if total > limit:
        raise FazhiError("unpacked_too_large", path, f"{total / 1024 / 1024:.0f} MB > {limit / 1024 / 1024:g} MB")


def _sniff_zip(data: bytes, path: str | None, max_unpacked_mb: float | None = None) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            check_zip_sizes(zf, path, max_unpacked_mb)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        if b"word/" in data or b"[Content_Types].xml" in data[:4096]:
            raise FazhiError("corrupt_docx", path, "ZIP 结构损坏") from None
        raise FazhiError("unsupported_type", path, "损坏的 ZIP 文件") from None
    if "word/document.xml" in names:
        return DOCX
    if any(n.startswith("xl/") for n in names):
        raise FazhiError("unsupported_type", path, "Excel 文件")
    if any(n.startswith("ppt/") for n in names):
        raise FazhiError("unsupported_type", path, "PowerPoint 文件")
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        raise FazhiError("corrupt_docx", path, "缺少 word/document.xml")
    if "mimetype" in names and b"opendocument.text" in data[:200]:
        raise FazhiError("unsupported_type", path, "ODT 文件，请另存为 .docx")
    raise FazhiError("unsupported_type", path, "ZIP 压缩包")


def _bom(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is zero for ASCII, and CJK never produces
    NUL pairs; decide by where the zero bytes fall."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        sample = sample[: len(sample) - (len(sample) % 2)]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    n = len(sample) // 2
    even_data = data[: len(data) - len(data) % 2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.2 * n and other <= 0.02 * n:
            try:
                text = even_data.decode(enc)
            except UnicodeDecodeError:
                return None
            # control characters are not text: a run of \x00\x01 pairs "decodes" as U+0001 …
            ctrl = sum(1 for ch in text[:4096] if ord(ch) < 0x20 and ch not in "\t\n\r\f\x1b")
            return None if ctrl > max(2, min(len(text), 4096) * 0.01) else enc
    if even or odd:
        # mostly-Chinese UTF-16 has few zero bytes: accept the decoding that reads as Chinese
        best, best_score = None, 0.0
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = even_data[:8192].decode(enc, errors="strict")
            except UnicodeDecodeError:
                continue
            score = common_share(text) * cjk_share(text)
            if score > best_score:
                best, best_score = enc, score
        if best_score >= 0.25:
            return best
    return None


_CTRL = bytes(b for b in range(0x20) if b not in (9, 10, 12, 13, 27))   # control bytes of a binary file


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    ctrl = len(sample) - len(sample.translate(None, _CTRL))
    return ctrl > max(2, len(sample) * 0.01)


# -- encodings ---------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_ENC = re.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)

_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
    "cp936": "gb18030", "gb18030": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cp950": "big5hkscs", "x-x-big5": "big5hkscs",
    "utf8": "utf-8", "unicode": "utf-16",
}

# The most frequent Chinese characters (simplified); their traditional forms are added at
# load time. Used to tell a right decoding from mojibake between GB and Big5.
_COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
           "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
           "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
           "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提"
           "直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计"
           "别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研案依治督察县市省委审批执监服务"
           "报告推进完善落实工作全面建设领导责任制度规范行政复议诉讼纠纷调解普法")


@functools.lru_cache(maxsize=1)
def _common_set() -> frozenset[str]:
    chars = set(_COMMON)
    try:
        from opencc import OpenCC
        chars |= set(OpenCC("s2t").convert(_COMMON))
    except Exception:  # pragma: no cover - opencc is a dependency
        pass
    return frozenset(chars)


def cjk_share(text: str) -> float:
    """Share of non-space characters that are CJK ideographs."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return len(CJK_CHAR.findall(text)) / len(chars)      # an ideograph is never a space


def common_share(text: str) -> float:
    """Share of CJK characters that are frequent ones (high for a right decoding)."""
    common = _common_set()
    cjk = CJK_CHAR.findall(text)
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in common) / len(cjk)


def _norm_enc(name: str) -> str | None:
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _try(data: bytes, enc: str, lenient: bool = False) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        if not lenient:
            return None
    text = data.decode(enc, errors="replace")
    # a declared encoding with a few bad bytes (truncated page, stray byte) is still right
    if text.count("\ufffd") <= max(2, len(text) // 200):
        return text
    return None


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """(text, encoding name). Order: BOM, strict UTF-8, UTF-16 without BOM, declared charset
    (HTML meta / XML declaration), then GB18030 / Big5 / charset-normalizer's guess scored by
    how Chinese the result reads."""
    bom = _bom(data)
    if bom:
        text = _try(data, bom, lenient=True)     # a truncated last character is tolerated
        if text is None:
            raise FazhiError("encoding", path, f"{bom} BOM 但内容无法解码")
        return text.lstrip("\ufeff"), bom
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    u16 = _looks_utf16(data)
    if u16:
        return data[: len(data) - len(data) % 2].decode(u16), u16
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENC.search(head)
    if m:
        enc = _norm_enc(m.group(1).decode("ascii", "ignore"))
        if enc and enc not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            text = _try(data, enc, lenient=True)
            if text is not None:
                return text, enc
    # UTF-8 with a few damaged bytes is still UTF-8 (GB/Big5 bytes fail this by far)
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= len(lenient) // 200:
        return lenient, "utf-8"
    candidates: list[tuple[str, str]] = []
    for enc in ("gb18030", "big5hkscs"):
        text = _try(data, enc)
        if text is not None:
            candidates.append((enc, text))
    guess = None
    if len(data) >= 64:
        try:
            from charset_normalizer import from_bytes
            best = from_bytes(data).best()
            if best is not None:
                guess = _norm_enc(best.encoding)
        except Exception:  # pragma: no cover - detector failure is not fatal
            guess = None
        if guess and guess not in {e for e, _ in candidates}:
            text = _try(data, guess)
            if text is not None:
                candidates.append((guess, text))
    if candidates:
        scored = [(common_share(t) * (0.5 + cjk_share(t)), e, t) for e, t in candidates]
        score, enc, text = max(scored, key=lambda s: s[0])
        if score > 0.05:
            return text, enc
        if guess:
            for e, t in candidates:
                if e == guess:
                    return t, e
        enc, text = candidates[0]
        return text, enc
    # nothing decodes strictly: the least damaged lenient decoding
    for enc in ("gb18030", "big5hkscs"):
        text = _try(data, enc, lenient=True)
        if text is not None:
            return text, enc
    raise FazhiError("encoding", path)


_HTML_TAGS = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|table|span|br)\b", re.I)


def is_html(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n")
    low = head[:200].lower()
    if low.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in head.lower():
        return True
    if low.startswith(("<!doctype html", "<html")):
        return True
    return len(_HTML_TAGS.findall(head)) >= 3 and head.startswith("<")
