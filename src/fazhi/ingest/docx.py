"""DOCX -> lines with python-docx: paragraphs and tables in body order, heading levels from
styles and outline levels, list numbers rebuilt from the numbering definitions (python-docx
does not render them), and lines whose runs are all bold."""
from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ..errors import FazhiError
from .lines import Line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def _val(el, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(W + tag)
    return None if child is None else child.get(W + "val")


# -- list numbering ---------------------------------------------------------

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter n in a w:numFmt."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographLegalTraditional", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):
        import cn2an
        s = cn2an.an2cn(n)
        if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
            s = cn2an.an2cn(n, "up")
        return s
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt in ("decimalEnclosedParen",):
        return f"({n})"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Counters for w:numPr paragraphs, following the numbering part's definitions."""

    def __init__(self, document: Any) -> None:
        self.nums: dict[str, tuple[str | None, dict[int, int]]] = {}
        self.abstract: dict[str, dict[Any, Any]] = {}     # ilvl → level definition; "_link" → a style link
        self.counters: dict[str, dict[int, int]] = {}
        self.used: dict[str, set[int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        for an in root.findall(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            self.abstract[aid] = {int(l.get(W + "ilvl")): self._level(l) for l in an.findall(W + "lvl")}
            link = _val(an, "numStyleLink") or _val(an, "styleLink")
            if link:
                self.abstract[aid]["_link"] = link
        for num in root.findall(W + "num"):
            nid = num.get(W + "numId")
            aid = _val(num, "abstractNumId")
            overrides: dict[int, int] = {}
            for ov in num.findall(W + "lvlOverride"):
                so = _val(ov, "startOverride")
                if so is not None:
                    overrides[int(ov.get(W + "ilvl"))] = int(so)
                lvl = ov.find(W + "lvl")
                if lvl is not None and aid in self.abstract:
                    self.abstract.setdefault(f"{aid}/{nid}", dict(self.abstract[aid]))
                    self.abstract[f"{aid}/{nid}"][int(ov.get(W + "ilvl"))] = self._level(lvl)
            if f"{aid}/{nid}" in self.abstract:
                aid = f"{aid}/{nid}"
            self.nums[nid] = (aid, overrides)

    @staticmethod
    def _level(l) -> dict[str, Any]:
        start = _val(l, "start")
        return {"fmt": _val(l, "numFmt") or "decimal", "text": _val(l, "lvlText"),
                "start": int(start) if start and start.lstrip("-").isdigit() else 1,
                "legal": l.find(W + "isLgl") is not None}

    def marker(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums or num_id == "0":
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid or "", {})
        if ilvl not in levels:
            return ""
        # numbering continues across w:num instances of one abstract definition unless the
        # instance restarts it with a startOverride
        key = f"num:{num_id}" if overrides else f"abs:{aid}"
        counters = self.counters.setdefault(key, {})
        used = self.used.setdefault(key, set())
        # a startOverride sets where the level starts in this instance; once the level has
        # been used, a restart (after a higher level) goes back to the definition's start
        start = levels[ilvl]["start"] if ilvl in used else overrides.get(ilvl, levels[ilvl]["start"])
        used.add(ilvl)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        lvl = levels[ilvl]
        if lvl["fmt"] == "bullet" or lvl["text"] is None:
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            info = levels.get(k, lvl)
            n = counters.get(k, overrides.get(k, info["start"]))
            fmt = "decimal" if (lvl["legal"] and k != ilvl) else info["fmt"]
            return format_number(n, fmt)
        return re.sub(r"%(\d)", sub, lvl["text"])


# -- styles -----------------------------------------------------------------

def _style_chain(style):
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


class _Styles:
    """Style facts per style id, resolved once per document. python-docx resolves
    `paragraph.style` / `run.style` by scanning every style of the document for the default
    on each call (most of the DOCX ingest time); the answers only depend on the style id."""

    def __init__(self, document) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        self._part = document.part
        self._types = (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER)
        self._para: dict[str | None, tuple[int | None, bool, tuple[str, int] | None, bool | None]] = {}
        self._run: dict[str | None, bool | None] = {}

    def paragraph(self, paragraph) -> tuple[int | None, bool, tuple[str, int] | None, bool | None]:
        """(outline level from the style chain, whether the chain decided it, numPr of the
        chain, bold of the chain) for the paragraph's style."""
        sid = paragraph._p.style
        if sid not in self._para:
            chain = list(_style_chain(self._part.get_style(sid, self._types[0])))
            self._para[sid] = (*_chain_outline(chain), _chain_num_pr(chain), _chain_bold(chain))
        return self._para[sid]

    def run_bold(self, run) -> bool | None:
        """Bold of the run's character style chain (the document's default character style
        when the run names none), as `run.style` resolves it."""
        sid = run._r.style
        if sid not in self._run:
            style = self._part.get_style(sid, self._types[1])
            self._run[sid] = _chain_bold(list(_style_chain(style))) if style is not None else None
        return self._run[sid]


def _chain_outline(chain) -> tuple[int | None, bool]:
    """(level, decided): a heading style name gives the level; else the first outlineLvl."""
    for st in chain:
        m = _HEADING_STYLE.match(st.name or "")
        if m:
            return int(m.group(1)), True
        lvl = _val(st.element.pPr, "outlineLvl")
        if lvl is not None:
            return (int(lvl) + 1 if lvl.isdigit() and int(lvl) < 9 else None), True
    return None, False


def _chain_num_pr(chain) -> tuple[str, int] | None:
    for st in chain:
        sppr = st.element.pPr
        if sppr is not None and sppr.numPr is not None and sppr.numPr.numId is not None:
            ilvl = sppr.numPr.ilvl
            return str(sppr.numPr.numId.val), int(ilvl.val) if ilvl is not None else 0
    return None


def _chain_bold(chain) -> bool | None:
    for st in chain:
        if st.font.bold is not None:
            return st.font.bold
    return None


def _outline_level(paragraph, styles: _Styles) -> int | None:
    ppr = paragraph._p.pPr
    lvl = _val(ppr, "outlineLvl")
    if lvl is None:
        level, _decided = styles.paragraph(paragraph)[:2]
        return level
    if not lvl.isdigit() or int(lvl) >= 9:
        return None
    return int(lvl) + 1


def _num_pr(paragraph, styles: _Styles) -> tuple[str, int] | None:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        nid = ppr.numPr.numId
        ilvl = ppr.numPr.ilvl
        if nid is not None:
            return str(nid.val), int(ilvl.val) if ilvl is not None else 0
    return styles.paragraph(paragraph)[2]


def _all_bold(paragraph, styles: _Styles) -> bool:
    default = styles.paragraph(paragraph)[3]
    seen = False
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        seen = True
        b = run.bold
        if b is None:
            b = styles.run_bold(run)
        if b is None:
            b = default
        if not b:
            return False
    return seen


# -- extraction --------------------------------------------------------------

def extract(data: bytes, path: str | None = None) -> tuple[list[Line], dict[str, Any]]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        from .sniff import check_zip_sizes
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip_sizes(zf, path)      # no member is inflated beyond the limit
        document = docx.Document(io.BytesIO(data))
    except FazhiError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise FazhiError("corrupt_docx", path, type(exc).__name__) from None
    except Exception as exc:  # lxml XMLSyntaxError, python-docx PackageNotFoundError ...
        raise FazhiError("corrupt_docx", path, type(exc).__name__) from None
    hints: dict[str, Any] = {}
    try:
        title = (document.core_properties.title or "").strip()
        if title:
            hints["title"] = title
    except Exception:
        pass
    numbering = Numbering(document)
    styles = _Styles(document)
    lines: list[Line] = []
    try:
        for child in document.element.body.iterchildren():
            if child.tag == W + "p":
                lines.extend(_paragraph_line(Paragraph(child, document), numbering, styles))
            elif child.tag == W + "tbl":
                lines.extend(_table_lines(Table(child, document)))
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                for p in (content.findall(W + "p") if content is not None else []):
                    lines.extend(_paragraph_line(Paragraph(p, document), numbering, styles))
    except FazhiError:
        raise
    except Exception as exc:
        raise FazhiError("corrupt_docx", path, type(exc).__name__) from None
    return lines, hints


def _paragraph_line(p, numbering: Numbering, styles: _Styles) -> list[Line]:
    text = p.text.replace("\r", "").replace("\v", "\n")
    level = _outline_level(p, styles)
    npr = _num_pr(p, styles)
    if npr and text.strip():
        marker = numbering.marker(*npr)
        if marker:
            text = marker + text.lstrip()
    bold = _all_bold(p, styles) if text.strip() else False
    first, *rest = text.split("\n")     # <w:br/> line breaks inside a paragraph
    return [Line(first, level=level, bold=bold)] + [Line(t, bold=bold) for t in rest]


def _table_lines(table) -> list[Line]:
    out: list[Line] = []
    for row in table.rows:
        cells, seen = [], set()
        try:
            row_cells = row.cells
        except Exception:
            continue
        for cell in row_cells:
            if id(cell._tc) in seen:
                continue      # a merged cell repeats across the columns it spans
            seen.add(id(cell._tc))
            t = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            cells.append(t)
        text = "\t".join(cells).strip("\t")
        if text.strip():
            out.append(Line(text, source="table"))
    return out
