"""Heading tree of a report (component "sections").

Headings follow the GB/T 9704 grammar ("一、" → "(一)" → "1." → "(1)") plus the variants
real reports use ("一." "1、" "⑴" "①" "【…】" "第一部分/第一章"). Tree levels are not fixed
per marker style: a style's rank comes from the order in which styles first appear in the
report, corrected by the standard order when a more major style shows up late (a report
may start at "(一)", or use "1." as its second level). A heading closes every open heading
of the same or a lower rank.

Also handled:
- run-in headings "(一)标题。正文…": the heading stops at the first 。；： (bounded length);
- inline items 一是/二是…, 第一，…: sections of style "inline", children of the enclosing
  section, only where they start a line or follow 。；：;
- short unnumbered heading lines between numbered siblings (style "unnumbered");
- body paragraphs standing where missing numbered siblings should be (a first child (三)
  preceded by exactly two paragraphs) become "unnumbered" siblings as well;
- numbering anomalies (skip, repeat, restart, level_jump, unnumbered_sibling);
- the title, salutation and preamble before the first heading and the signature block at
  the end (issuer lines and date) are not sections.

Everything is matched in `report.norm` and reported as offsets into `report.text`.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from .. import catalog
from ..config import Config
from ..model import Report, Section
from ..pipeline import component
from ..zh.numerals import NUMERAL_CHARS, ONE_TO_TEN, cn_ordinal
from ..zh.cjk import CJK, CJK_CHAR

CN_DIGITS = NUMERAL_CHARS      # the characters of a heading numeral (zh/numerals.py)
_CN = f"[{CN_DIGITS}]+"

# Marker patterns, applied to the normalized line (full-width already folded to half-width).
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"第({_CN}|\d{{1,2}})(部分|章|篇)[、.:\s]*")),
    ("bracket", re.compile(r"【([^】【\n]{1,40})】\s*")),
    ("cn_dun", re.compile(rf"({_CN})\s*(?:、|\.(?![\d.]))\s*")),
    ("paren_cn", re.compile(rf"[(〔]\s*({_CN})\s*[)〕][、.]?\s*")),
    ("arabic_dot", re.compile(r"(\d{1,3})\s*(?:、|\.(?![\d.]))\s*")),
    ("paren_arabic", re.compile(r"[(〔]\s*(\d{1,3})\s*[)〕][、.]?\s*|([\u2474-\u2487])\s*")),
    ("circled", re.compile(r"([\u2460-\u2473])\s*")),
]
# what a portal's 【…】 button says (打印, 扫一扫, 关闭, 字体: 大 中 小, 收藏): chrome, not a heading
_CONTROL = re.compile(r"\s*(?:打印(?:本页|此页)?|扫一扫|关闭(?:窗口|本页)?|字体\s*[:：]?[^】]*|[大中小]\s*[大中小\s]*|"
                      r"(?:加入)?收藏|分享(?:到)?|返回(?:顶部|首页)?|我要纠错|纠错|下载|保存|浏览次数[:：]?[^】]*)\s*$")
# Standard (GB/T 9704) position of each style; None = placed by first appearance only.
_CANONICAL: dict[str, float | None] = {
    "chapter": 0, "cn_dun": 1, "paren_cn": 2, "arabic_dot": 3, "paren_arabic": 4,
    "circled": 5, "bracket": None,
}

# Inline enumerations: 一是 / 第一， — at a line start or after 。；：
_INLINE = re.compile(
    r"(?:(?<=^)|(?<=\n)|(?<=[。;:!?]))[ \t]*"
    rf"(?:([{CN_DIGITS[:10]}]{{1,3}})是(?!否)|第([{CN_DIGITS[:10]}]{{1,3}})[,、])"
)

# the same items without the position condition (which _inline_items checks by hand: a
# pattern that starts with a look-behind is tried at every position, this one is not)
_INLINE_ITEM = re.compile(rf"([{CN_DIGITS[:10]}]{{1,3}})是(?!否)|第([{CN_DIGITS[:10]}]{{1,3}})[,、]")
_INLINE_AFTER = "\n。;:!?"

_RUN_IN_STOP = "。;:!?"          # normalized: ；→; ：→: ！→! ？→?
_CLAUSE_STOP = ",;:。!?"
MAX_RUN_IN = 40                   # a run-in heading is at most this long
_RUN_IN_STOP_RX = re.compile("[" + re.escape(_RUN_IN_STOP) + "]")
_CLAUSE_STOP_RX = re.compile("[" + re.escape(_CLAUSE_STOP) + "]")
MAX_WHOLE_LINE_HEADING = 80       # a heading line without any 。 may be this long
MAX_UNNUMBERED = 30               # an unnumbered heading line is at most this long

_DATE_LINE = re.compile(
    rf"^(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*[\d〇零{ONE_TO_TEN}]{{1,3}}\s*月"
    rf"\s*[\d〇零{ONE_TO_TEN}]{{1,3}}\s*日$"
)
_ORG_LINE = re.compile(
    rf"^(?:中共)?[{CJK}()（）·]{{2,28}}"
    r"(?:人民政府|政府|委员会|党委|党组|县委|市委|区委|州委|旗委|盟委|省委|局|厅|委|办公室|办|处|院|所|中心|部|署|会)$"
)
_PUBLISH_NOTE = re.compile(r"^[(（]?此件(?:公开发布|主动公开|依申请公开|不予公开)[)）]?$")
_WS = " \t\r\u3000\xa0\u2002\u2003\u2009"


def _inline_items(norm: str, lo: int, hi: int):
    """The matches of _INLINE in norm[lo:hi] (same groups and ends)."""
    for m in _INLINE_ITEM.finditer(norm, lo, hi):
        i = m.start()
        while i > lo and norm[i - 1] in " \t":
            i -= 1
        if i == 0 or norm[i - 1] in _INLINE_AFTER:
            yield m


@dataclass
class _Line:
    start: int        # first non-space character
    end: int          # after the last non-space character
    kind: str = "body"    # heading | short | body
    style: str | None = None
    number: str | None = None
    ordinal: int | None = None
    marker_end: int = 0
    hint_level: int | None = None
    bold: bool = False


@dataclass
class _Node:
    sec: Section
    rank_style: str                      # style whose rank this node takes (unnumbered: its sibling's)
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)
    alone: bool = True                   # a title line: no run-in body, no closing 。


# ---------------------------------------------------------------------------
# line scanning

def _scan_lines(report: Report) -> list[_Line]:
    text, norm = report.text, report.norm
    hint_levels: dict[int, int] = {}
    for item in report.hints.heading_lines:
        try:
            hint_levels[int(item[0])] = int(item[1])
        except (TypeError, ValueError, IndexError):
            continue
    bold = {int(x) for x in report.hints.bold_lines if isinstance(x, int)}
    out: list[_Line] = []
    for s, e in _physical_lines(text, norm):
        raw_start = s
        while s < e and text[s] in _WS:
            s += 1
        q = s
        while q < e and text[q] == "?":
            q += 1
        if q - s >= 2 and q < e and text[q] not in _WS:
            s = q     # "??": an indent of ideographic spaces lost by a page's encoding
        while e > s and text[e - 1] in _WS:
            e -= 1
        if s >= e:
            continue
        ln = _Line(s, e)
        lvl = hint_levels.get(raw_start, hint_levels.get(s))
        ln.hint_level = lvl
        ln.bold = raw_start in bold or s in bold
        _classify_line(norm, ln)
        if ln.style == "bracket" and not any(x.kind == "body" for x in out) and _TAGGED_TITLE.fullmatch(norm, ln.marker_end, ln.end):
            # a portal's category tag before the title on its line ("【工作总结】X局关于2023年…的报告"),
            # above any body text: the title line, not a heading
            ln.kind, ln.style, ln.marker_end = "body", None, ln.start
        if ln.number is not None:
            ln.number = text[ln.start:ln.marker_end].rstrip(_WS)      # the marker as written
        out.append(ln)
    _join_bare_markers(text, norm, out)
    return out


# the rest of a title line after a category tag: a document's name, no sentence
_TAGGED_TITLE = re.compile(r"[^。;!?\n]{6,80}?(?:报告|总结|情况|要点|方案|计划|通知|汇报)")


# Headings on a page that lost its line breaks (a PDF or a document-sharing site flattened
# into one line): "…法治保障。 一、2024年度…情况 (一)发挥…". A line is cut before a 一、 or (一)
# marker that follows a sentence end (。；：！？, spaces allowed), and before a (一)/一、 marker
# that follows a space inside a heading line still without 。; and before "(一)" glued to the
# end of a 一、 heading ("一、…总体情况(一) 加强…"), and before a first 一、 glued to the title
# ("…工作总结一、主要工作及成效"). A marker followed by another numeral and
# 、 ("一、二、三级") is a list of numbers, not a heading.
_CUT_MARK = rf"(?:[{CN_DIGITS[:10]}]{{1,3}}、(?![{CN_DIGITS[:10]}]、)|[(〔][{CN_DIGITS[:10]}]{{1,3}}[)〕])"
_CUT_AFTER_STOP = re.compile(rf"(?<=[。;:!?])[{_WS}]*(?={_CUT_MARK})")
_CUT_AFTER_SPACE = re.compile(rf"(?<=[^{_WS}])[{_WS}]+(?={_CUT_MARK})")
_CUT_FIRST_CHILD = re.compile(rf"(?<=[{CJK}])(?=[(〔]一[)〕])")
# the first heading glued to the title before it ("…2023年法治政府建设工作总结一、主要工作及成效")
_CUT_AFTER_TITLE = re.compile(r"(?<=报告|总结|情况)(?=一、(?![二三四五六七八九十]、))")
_HEAD_MARK = re.compile(rf"[{_WS}]*(?:[{CN_DIGITS[:10]}]{{1,3}}、|[(〔][{CN_DIGITS[:10]}]{{1,3}}[)〕])")
# every cut above needs a marker inside the line (一、 / （一）): these two find one quickly (they
# start with a character class), where the cut patterns start with look-behinds and are tried
# at every position of the line
_MARK_HINT = re.compile(rf"[{CN_DIGITS[:10]}]、")
_BRACKET_HINT = re.compile(rf"[(〔][{CN_DIGITS[:10]}]{{1,3}}[)〕]")


def _physical_lines(text: str, norm: str):
    """(start, end) of each line of the text, lines cut where a flattened page's headings
    start (see _CUT_MARK)."""
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        if e - s < 40 or not (_MARK_HINT.search(norm, s, e) or _BRACKET_HINT.search(norm, s, e)) \
                or not (_CUT_AFTER_STOP.search(norm, s, e) or _CUT_AFTER_SPACE.search(norm, s, e)
                              or _CUT_FIRST_CHILD.search(norm, s, e) or _CUT_AFTER_TITLE.search(norm, s, e)):
            yield s, e
            continue
        cuts = {c.end() for c in _CUT_AFTER_STOP.finditer(norm, s, e) if c.end() > s}
        # a title piece: no sentence end between the line start and the glued heading
        cuts |= {c.end() for c in _CUT_AFTER_TITLE.finditer(norm, s, min(e, s + MAX_WHOLE_LINE_HEADING))
                 if c.end() > s and not re.search(r"[。;!?]", norm[s:c.start()])}
        for c in list(_CUT_AFTER_SPACE.finditer(norm, s, e)) + list(_CUT_FIRST_CHILD.finditer(norm, s, e)):
            # only inside a heading: the piece since the last cut opens with a marker and has no 。
            last = max([x for x in cuts if x < c.start()] + [s])
            piece = norm[last:c.start()]
            if c.end() > s and _HEAD_MARK.match(piece) and "。" not in piece and len(piece) <= MAX_WHOLE_LINE_HEADING:
                cuts.add(c.end())
        a = s
        for cut in sorted(cuts):
            if cut > a:
                yield a, cut
                a = cut
        yield a, e


def _bare_marker(seg: str) -> tuple[str, re.Match[str]] | None:
    """(style, match) when the line is a numbering marker and nothing else ("一、", "（二）")."""
    for style, pat in _MARKERS:
        if style == "bracket":
            continue
        m = pat.match(seg)
        if m and m.end() >= len(seg):
            return style, m
    return None


def _join_bare_markers(text: str, norm: str, lines: list[_Line]) -> None:
    """A marker alone on its line followed by the heading text on the next line ("一、" /
    "主要工作"): one heading spanning both lines; the marker is the number, the next line's
    text the heading. The next line must not be a heading of its own, a date or an inline
    item."""
    i = 0
    while i + 1 < len(lines):
        ln, nxt = lines[i], lines[i + 1]
        if ln.kind == "heading" or ln.hint_level is not None:
            i += 1
            continue
        seg = norm[ln.start:ln.end]
        bare = _bare_marker(seg)
        nseg = norm[nxt.start:nxt.end]
        if bare is None or nxt.kind == "heading" or _bare_marker(nseg) or _DATE_LINE.match(nseg) or _INLINE.match(nseg) \
                or nseg[0] in _RUN_IN_STOP + _CLAUSE_STOP:
            i += 1
            continue
        style, m = bare
        num = next((g for g in m.groups() if g), None)
        ordinal = cn_ordinal(num or "")
        if ordinal is None or ordinal > 100:
            i += 1
            continue
        joined = _Line(ln.start, nxt.end, kind="heading", style=style, ordinal=ordinal,
                       marker_end=nxt.start, hint_level=nxt.hint_level, bold=ln.bold or nxt.bold)
        joined.number = text[ln.start:ln.end].rstrip(_WS)      # the marker as written
        lines[i:i + 2] = [joined]
        i += 1


def _classify_line(norm: str, ln: _Line) -> None:
    seg = norm[ln.start:ln.end]
    for style, pat in _MARKERS:
        m = pat.match(seg)
        if not m:
            continue
        if m.end() >= len(seg) and style != "bracket":
            continue          # a bare marker with nothing after it is not a heading
        num = next((g for g in m.groups() if g), None)
        if style == "bracket" and _CONTROL.match(m.group(1)):
            continue          # a portal's button (【打印】【扫一扫】【字体:大 中 小】), not a heading
        if style == "bracket":
            ln.kind, ln.style, ln.number = "heading", style, None
            ln.ordinal = None
            ln.marker_end = ln.start + m.end()
            return
        ln.kind, ln.style = "heading", style
        ln.number = seg[:m.end()].rstrip()
        ln.ordinal = cn_ordinal(num or "")
        ln.marker_end = ln.start + m.end()
        if ln.ordinal is None or ln.ordinal > 100:
            ln.kind, ln.style = "body", None
            continue
        return
    if ln.hint_level is not None and 1 <= ln.hint_level <= 9:
        ln.kind, ln.style = "heading", f"outline{ln.hint_level}"
        ln.marker_end = ln.start
        return
    if _looks_short_heading(seg, limit=40 if ln.bold else MAX_UNNUMBERED):
        ln.kind = "short"


def _looks_short_heading(seg: str, limit: int) -> bool:
    if len(seg) > limit or len(seg) < 4:
        return False
    if seg[-1] in "。;:,!?、" or "。" in seg:
        return False
    if _INLINE.match(seg) or _DATE_LINE.match(seg):
        return False
    cjk = len(CJK_CHAR.findall(seg))
    return cjk >= max(3, len(seg) // 2)


def _signature_start(lines: list[_Line], norm: str) -> int:
    """Index of the first line of the closing signature block (issuers, date), or len(lines)."""
    i = len(lines)
    seen_date = seen_org = False
    while i > 0:
        seg = re.sub(r"\s+", "", norm[lines[i - 1].start:lines[i - 1].end])
        if _DATE_LINE.match(seg):
            seen_date = True
        elif _PUBLISH_NOTE.match(seg):
            pass
        elif _ORG_LINE.match(seg) and lines[i - 1].kind != "heading":
            seen_org = True
        elif (m := re.match(r"^(.{2,30}?)(\d{4}年\d{1,2}月\d{1,2}日)$", seg)) and _ORG_LINE.match(m.group(1)):
            seen_date = seen_org = True
        else:
            break
        i -= 1
    if not (seen_date or seen_org):
        return len(lines)
    return i


# ---------------------------------------------------------------------------
# heading text

def _heading_span(norm: str, body_start: int, line_end: int, *, whole_ok: bool = True) -> tuple[int, int]:
    """(start, end) of the heading text after the marker; run-in body excluded."""
    seg = norm[body_start:line_end]
    n = _heading_len(seg, whole_ok)
    return body_start, body_start + _before_first_item(seg, n)


def _heading_len(seg: str, whole_ok: bool) -> int:
    m = _RUN_IN_STOP_RX.search(seg, 0, MAX_RUN_IN + 1)     # the first stop, as one C scan
    if m:
        return m.start()
    if whole_ok and "。" not in seg and len(seg) <= MAX_WHOLE_LINE_HEADING:
        return len(seg)
    m = _CLAUSE_STOP_RX.search(seg, 0, MAX_RUN_IN + 1)
    if m:
        return m.start()
    return _fused_heading_len(seg)       # 0: heading unknown (fused with the body)


# a figure: a number with a counting unit (not "第12条", not a year)
_FIGURE = re.compile(r"(?<![第\d.,])\d+(?:[,.]\d+)*\s*(?:余|多)?\s*(?:个|项|件|次|人|名|家|所|场|期|批|户|条|份|起|卷|万|亿|%)")


@functools.lru_cache(maxsize=1)
def _body_starts() -> re.Pattern[str]:
    words = sorted((catalog.load("structure") or {}).get("fused_body_starts") or [], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")


def _before_fused_figures(heading: str) -> int:
    """Length of a heading that swallowed the start of its body ("全面履行政府职能区级权责清单
    保留事项3,421项"): when it states a figure, it ends before the first body-opening word
    (catalog/structure.yaml fused_body_starts) or figure at least min_fused_heading characters
    in. A heading without a figure is left as it is."""
    first = _FIGURE.search(heading)
    if first is None:
        return len(heading)
    _ends, min_len, _ = _fused_rules()
    cut = [m.start() for m in (_body_starts().search(heading, min_len), _FIGURE.search(heading, min_len)) if m]
    return min(cut) if cut else len(heading)


_FIRST_ITEM = re.compile(r"一是(?!否)|第一[,、]")


def _before_first_item(seg: str, n: int) -> int:
    """A heading fused with the first inline item of its body ("2024年工作安排一是推动……"):
    the heading ends before "一是"/"第一，" when what precedes it ends with a heading-closing
    word (catalog/structure.yaml fused_heading_ends), so "统一是" inside a heading is kept."""
    ends, min_len, _ = _fused_rules()
    for m in _FIRST_ITEM.finditer(seg, min_len, n):
        w = ends.search(seg, max(0, m.start() - 4), m.start())
        if w and w.end() == m.start():
            return m.start()
    return n


@functools.lru_cache(maxsize=1)
def _fused_rules() -> tuple[re.Pattern[str], int, int]:
    data = catalog.load("structure") or {}
    words = sorted(data.get("fused_heading_ends") or [], key=len, reverse=True)
    pat = re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")
    return pat, int(data.get("min_fused_heading", 6)), int(data.get("max_fused_clause", 64))


_CLAUSE_END = re.compile(f"[{re.escape(_CLAUSE_STOP)}]")


def _fused_heading_len(seg: str) -> int:
    """Length of the heading at the start of `seg` when the heading runs into its body
    without punctuation within MAX_RUN_IN characters: up to the first heading-closing word
    of catalog/structure.yaml fused_heading_ends that leaves body text after it in the
    first clause, else the first clause when it is short enough; else 0 (unknown)."""
    ends, min_len, max_clause = _fused_rules()
    m = _CLAUSE_END.search(seg)
    clause = m.start() if m else len(seg)
    for w in ends.finditer(seg, min(min_len, clause), clause):
        if w.start() >= min_len - len(w.group()) and w.end() < clause:
            return w.end()
    if min_len <= clause <= max_clause and m is not None:
        return clause
    return 0


def _new_section(report: Report, ln: _Line, style: str, level: int) -> Section:
    if style == "unnumbered":
        hs, he = _heading_span(report.norm, ln.start, ln.end)
        number = None
        ordinal = None
    else:
        hs, he = _heading_span(report.norm, ln.marker_end, ln.end)
        number, ordinal = ln.number, ln.ordinal
        if style == "bracket":
            # the heading is what the brackets enclose
            hs, he = ln.start + 1, ln.marker_end - 1
            while he > hs and report.text[he - 1] in _WS + "】":
                he -= 1
    if style != "bracket":
        he = hs + _before_fused_figures(report.norm[hs:he])
    heading = report.text[hs:he].strip(_WS)
    return Section(id="", number=number, level=level, heading=heading, start=ln.start, end=ln.end,
                   heading_start=ln.start, heading_end=he, style=style, ordinal=ordinal)


# ---------------------------------------------------------------------------
# the tree

class _Ranks:
    """Style ranks by first appearance, with canonical insertion for late major styles."""

    def __init__(self) -> None:
        self.order: list[str] = []

    @staticmethod
    def canonical(style: str) -> float | None:
        if style.startswith("outline"):
            return float(style[7:])
        return _CANONICAL.get(style)

    def see(self, style: str) -> None:
        if style in self.order:
            return
        c = self.canonical(style)
        if c is not None:
            for i, other in enumerate(self.order):
                oc = self.canonical(other)
                if oc is not None and oc > c:
                    self.order.insert(i, style)
                    return
        self.order.append(style)

    def rank(self, style: str) -> int:
        return self.order.index(style) + 1

    def insert_after(self, style: str, new: str) -> None:
        """Rank `new` (unnumbered sub-headings of `style`) just below `style`."""
        if new not in self.order:
            self.order.insert(self.order.index(style) + 1, new)


def build_sections(report: Report) -> list[Section]:
    text, norm = report.text, report.norm
    lines = _scan_lines(report)
    sig = _signature_start(lines, norm)
    lines = lines[:sig]
    content_end = lines[-1].end if lines else 0

    ranks = _Ranks()
    root = _Node(Section("", None, 0, "", 0, content_end), rank_style="")
    stack: list[_Node] = []
    line_node: dict[int, _Node] = {}           # line index -> node it opens

    for idx, ln in enumerate(lines):
        if ln.kind == "heading":
            assert ln.style is not None
            ranks.see(ln.style)
            r = ranks.rank(ln.style)
            while stack and ranks.rank(stack[-1].rank_style) >= r:
                stack.pop()
            parent = stack[-1] if stack else root
            node = _Node(_new_section(report, ln, ln.style, len(stack) + 1), ln.style, parent)
            # nothing after the heading on its line (for 【…】, nothing after the closing bracket)
            tail = ln.marker_end if ln.style == "bracket" else node.sec.heading_end
            node.alone = not norm[max(tail, node.sec.heading_end):ln.end].strip(_WS)
            parent.children.append(node)
            stack.append(node)
            line_node[idx] = node
        elif ln.kind == "short" and stack:
            prev = lines[idx - 1] if idx > 0 else None
            nxt = lines[idx + 1] if idx + 1 < len(lines) else None
            prev_ok = prev is not None and (prev.kind == "body" or ln.bold or (
                prev.kind == "heading" and idx - 1 in line_node and not line_node[idx - 1].alone))
            next_ok = nxt is not None and nxt.kind == "body" and (
                norm[nxt.end - 1] in "。;!?" or nxt.end - nxt.start > MAX_UNNUMBERED)
            head = line_node.get(idx - 1) if prev is not None and prev.kind == "heading" else None
            if next_ok and head is not None and head.alone and not head.children and stack[-1] is head \
                    and _unnumbered_peer_follows(norm, lines, idx):
                # right under a heading that stood alone on its line, and followed by another
                # such line after body text ("【主要举措和成效】" / "政府职能依法全面履行" /
                # body / "依法行政制度建设" / body): its first unnumbered sub-heading; the next
                # ones become its siblings below. Ranked just under the heading's style. A
                # single short line under a heading stays body text.
                rank_style = f"under:{head.rank_style}"
                ranks.insert_after(head.rank_style, rank_style)
                node = _Node(_new_section(report, ln, "unnumbered", head.sec.level + 1), rank_style, head)
                head.children.append(node)
                stack.append(node)
                line_node[idx] = node
                continue
            if not (prev_ok and next_ok):
                continue
            # a heading line standing alone is the sibling of the deepest open heading that
            # also stood alone on its line (run-in list items "1.…。…" are not its peers)
            while len(stack) > 1 and not stack[-1].alone:
                stack.pop()
            sibling = stack.pop()
            parent = sibling.parent or root
            node = _Node(_new_section(report, ln, "unnumbered", sibling.sec.level), sibling.rank_style, parent)
            if not sibling.rank_style.startswith("under:"):
                node.sec.numbering.append("unnumbered_sibling")   # among numbered siblings
            parent.children.append(node)
            stack.append(node)
            line_node[idx] = node

    _fill_missing_siblings(report, lines, line_node, root)
    _numbering(root, ranks)
    _ends(text, root.children, content_end)
    _inline(report, root)
    _assign_ids(root.children, "s")
    return [n.sec for n in root.children]


def _short_heading_ok(norm: str, lines: list[_Line], k: int) -> bool:
    """Line k (kind "short") stands between body text and a body paragraph."""
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    return lines[k - 1].kind == "body" and nxt is not None and nxt.kind == "body" and (
        norm[nxt.end - 1] in "。;!?" or nxt.end - nxt.start > MAX_UNNUMBERED)


def _unnumbered_peer_follows(norm: str, lines: list[_Line], idx: int) -> bool:
    """After line idx and before the next numbered heading, the first short line is another
    unnumbered heading (between body text and a body paragraph)."""
    for k in range(idx + 2, len(lines)):
        if lines[k].kind == "heading":
            return False
        if lines[k].kind == "short":
            return _short_heading_ok(norm, lines, k)
    return False


def _fill_missing_siblings(report: Report, lines: list[_Line], line_node: dict[int, _Node],
                           root: _Node) -> None:
    """A first numbered child (三) preceded by exactly two body paragraphs: those paragraphs
    are the missing (一)(二) whose markers (and heading punctuation) were lost."""
    norm = report.norm
    index_of = {id(n): i for i, n in line_node.items()}
    for idx, node in list(line_node.items()):
        kids = [c for c in node.children]
        if not kids:
            continue
        first = kids[0]
        k = first.sec.ordinal
        if first.sec.style in (None, "unnumbered", "bracket") or not k or k < 2:
            continue
        j = index_of[id(first)]
        paras = lines[idx + 1:j]
        if len(paras) != k - 1 or any(p.kind == "heading" for p in paras):
            continue
        if any(norm[p.end - 1] in ":" for p in paras) or any(_INLINE.match(norm, p.start) for p in paras):
            continue
        new = []
        for p in paras:
            sec = _new_section(report, p, "unnumbered", first.sec.level)
            sec.numbering.append("unnumbered_sibling")
            new.append(_Node(sec, first.rank_style, node))
        node.children[0:0] = new


def _numbering(parent: _Node, ranks: _Ranks) -> None:
    last: dict[str, int] = {}
    jumped = False
    for child in parent.children:
        s = child.sec
        if s.style is not None and s.style not in ("unnumbered", "bracket", "inline") and s.ordinal is not None \
                and not s.style.startswith("outline"):
            prev = last.get(s.style)
            if prev is None:
                if s.ordinal > 1:
                    s.numbering.append("skip")
            elif s.ordinal == prev:
                s.numbering.append("repeat")
            elif s.ordinal < prev:
                s.numbering.append("restart")
            elif s.ordinal > prev + 1:
                s.numbering.append("skip")
            last[s.style] = s.ordinal
        if s.style != "unnumbered" and not jumped:
            parent_rank = ranks.rank(parent.rank_style) if parent.rank_style else 0
            if ranks.rank(child.rank_style) > parent_rank + 1:
                s.numbering.append("level_jump")
                jumped = True
        _numbering(child, ranks)


def _rstrip_to(text: str, pos: int, floor: int) -> int:
    while pos > floor and text[pos - 1] in _WS + "\n":
        pos -= 1
    return pos


def _ends(text: str, nodes: list[_Node], parent_end: int) -> None:
    for i, n in enumerate(nodes):
        nxt = nodes[i + 1].sec.start if i + 1 < len(nodes) else parent_end
        n.sec.end = max(n.sec.heading_end, _rstrip_to(text, nxt, n.sec.start))
        _ends(text, n.children, n.sec.end)


def _inline(report: Report, root: _Node) -> None:
    norm, text = report.norm, report.text
    if not root.children:
        return
    lo, hi = root.children[0].sec.start, root.children[-1].sec.end
    by_parent: dict[int, tuple[_Node, list[tuple[int, int, str, int | None]]]] = {}
    # a first item fused with the heading before it ("……工作安排一是……", cut there by
    # _before_first_item) starts the items as well
    fused = []
    for n in _walk_nodes(root):
        if n.sec.style == "inline" or n.sec.heading_end <= n.sec.heading_start:
            continue
        m = _INLINE_ITEM.match(norm, n.sec.heading_end, n.sec.end)
        if m is not None and "一" in (m.group(1), m.group(2)):
            fused.append(m)
    matches = sorted({m.start(): m for m in [*_inline_items(norm, lo, hi), *fused]}.values(),
                     key=lambda m: m.start())
    for m in matches:
        pos = m.start(1) if m.group(1) else m.start(2) - 1
        node = _innermost(root, pos)
        if node is None or pos < node.sec.heading_end:
            continue
        num = m.group(1) or m.group(2)
        by_parent.setdefault(id(node), (node, []))[1].append((pos, m.end(), text[pos:m.end()], cn_ordinal(num)))
    for node, items in by_parent.values():
        kids_starts = sorted(c.sec.start for c in node.children)
        new: list[_Node] = []
        for i, (pos, mend, number, ordinal) in enumerate(items):
            stops = [node.sec.end]
            if i + 1 < len(items):
                stops.append(items[i + 1][0])
            k = bisect.bisect_right(kids_starts, pos)
            if k < len(kids_starts):
                stops.append(kids_starts[k])          # the first child starting after pos
            end = _rstrip_to(text, min(stops), pos)
            hs, he = _heading_span(norm, mend, _line_end(text, pos, end), whole_ok=False)
            sec = Section(id="", number=number.strip(), level=node.sec.level + 1,
                          heading=text[hs:he].strip(_WS), start=pos, end=end,
                          heading_start=pos, heading_end=he, style="inline", ordinal=ordinal)
            new.append(_Node(sec, "inline", node))
        last = None
        for n in new:
            o = n.sec.ordinal
            if last is None:
                if o and o > 1:
                    n.sec.numbering.append("skip")
            elif o == last:
                n.sec.numbering.append("repeat")
            elif o is not None and o < last:
                n.sec.numbering.append("restart")
            elif o is not None and o > last + 1:
                n.sec.numbering.append("skip")
            last = o
        node.children = sorted(node.children + new, key=lambda c: c.sec.start)
        node.sec.children = [c.sec for c in node.children]


def _walk_nodes(root: _Node):
    for n in root.children:
        yield n
        yield from _walk_nodes(n)


def _line_end(text: str, pos: int, limit: int) -> int:
    nl = text.find("\n", pos, limit)
    return limit if nl < 0 else nl


def _node_start(n: _Node) -> int:
    return n.sec.start


def _innermost(root: _Node, pos: int) -> _Node | None:
    """Deepest non-inline node containing pos. Siblings are in text order and do not
    overlap, so a binary search per level finds the only candidate."""
    best = None
    nodes = root.children
    while nodes:
        k = bisect.bisect_right(nodes, pos, key=_node_start) - 1
        if k < 0:
            return best
        n = nodes[k]
        if n.sec.style == "inline" or not n.sec.start <= pos < n.sec.end:
            return best
        best, nodes = n, n.children
    return best


def _assign_ids(nodes: list[_Node], prefix: str) -> None:
    for i, n in enumerate(nodes, 1):
        n.sec.id = f"{prefix}{i}" if prefix == "s" else f"{prefix}.{i}"
        n.sec.children = [c.sec for c in n.children]
        _assign_ids(n.children, n.sec.id)


@component("sections", reads=("text", "norm", "hints"), writes=("sections",))
def sections(report: Report, config: Config) -> None:
    report.sections = build_sections(report)
