"""HTML pages saved from government portals -> lines.

The whole page is rendered to lines (paragraphs, <br>, headings, list items and table rows
become lines; table cells are joined by a tab). The report body is the known CMS content
container (catalog/chrome.yaml content_selectors) or, failing that, the smallest element
that holds most of the page's paragraph text. Lines outside it are kept in the list, marked
source="outside", so the cleaner can classify them (nav, metadata, footer...) and read the
publish date and 来源 from them before they are dropped.

The tree is walked once (`_Page`: tags, structure, texts, attributes and text weights as flat
lists); the content choice, the page title and the rendering read those lists. The content
selectors are looked up in one search of the tree for all of them."""
from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .. import catalog
from ..zh.cjk import CJK_CHAR
from ..zh.numerals import ONE_TO_TEN
from .clean import _DATE_ANY, iso_date
from .lines import Line

_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
    "header", "footer", "nav", "aside", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "center", "form", "hr", "address", "figure", "figcaption", "main", "tbody", "thead",
    "tfoot", "caption", "fieldset", "legend", "details", "summary", "body", "html",
}
_CELL = {"td", "th"}
_BOLD = {"b", "strong"}
_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CELL_SEP = "\x00"
_WS = re.compile(r"[ \t\r\n\f]+")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)


def _wide(ch: str) -> bool:
    return bool(ch) and ord(ch) > 0x2E7F


# a whitespace run with a line break next to a wide (CJK) character: removed (source line
# breaks inside Chinese text are not spaces); every other whitespace run: one space
_WIDE_BREAK = re.compile(r"(?<=[\u2e80-\U0010ffff])[ \t\r\n\f]*[\r\n][ \t\r\n\f]*"
                         r"|[ \t\r\n\f]*[\r\n][ \t\r\n\f]*(?=[\u2e80-\U0010ffff])")


def _collapse(text: str) -> str:
    if "\n" in text or "\r" in text:
        text = _WIDE_BREAK.sub("", text)
    return _WS.sub(" ", text)


_CELL_SEP_WS = re.compile(rf"\s*{_CELL_SEP}\s*")


class _Page:
    """The page read in one walk of the tree (pre-order, text nodes included): per node its tag,
    parent, end of its subtree, text (text nodes) and attributes (elements), whether it lies in
    a link or a dropped element, and the paragraph-text weights of the elements. Every later
    step (content choice, page title, rendering) reads these lists, not the tree."""

    __slots__ = ("nodes", "tags", "parent", "end", "text", "tlen", "attrs", "blocked",
                 "long_w", "all_w", "anc", "_index")

    def __init__(self, root, drop: set[str]):
        nodes: list[Any] = []
        tags: list[str | None] = []
        parent: list[int] = []
        end: list[int] = []
        text: list[str | None] = []
        tlen: list[int] = []            # text nodes: characters once stripped
        attrs: list[dict | None] = []
        blocked: list[bool] = []
        long_w: list[int] = []
        all_w: list[int] = []
        # iterative walk by first_child / next (deep table layouts must not hit recursion limits);
        # a node's subtree ends when its last child has been read
        open_: list[int] = []           # indexes of the open elements (ancestors of `node`)
        after: list[Any] = []           # the next sibling of each open element
        add_node, add_tag, add_parent, add_end = nodes.append, tags.append, parent.append, end.append
        add_text, add_tlen, add_attrs, add_blocked = text.append, tlen.append, attrs.append, blocked.append
        add_long, add_all = long_w.append, all_w.append
        p, up = -1, False               # the innermost open element, and whether it is blocked
        i = 0                           # position of the next node
        node = root
        while True:
            if node is None:
                if not open_:
                    break
                k = open_.pop()
                end[k] = i
                p = open_[-1] if open_ else -1
                a = all_w[k]
                if a and p >= 0 and not blocked[k]:     # an element's weights into its parent's
                    all_w[p] += a
                    long_w[p] += long_w[k]
                up = blocked[p] if p >= 0 else False
                node = after.pop()
                continue
            tag = node.tag
            add_node(node)
            add_tag(tag)
            add_parent(p)
            add_long(0)
            add_all(0)
            add_end(i + 1)
            if tag == "-text":
                t = node.text_content
                n = len(t.strip()) if t else 0
                add_text(t)
                add_tlen(n)
                add_attrs(None)
                add_blocked(up)
                if n and not up and p >= 0:
                    all_w[p] += n
                    if n >= 15:
                        long_w[p] += n
                i += 1
                node = node.next
                continue
            add_text(None)
            add_tlen(0)
            add_attrs(node.attributes)
            b = up or tag == "a" or tag in drop
            add_blocked(b)
            child = node.first_child
            if child is None:
                i += 1
                node = node.next if open_ else None
                continue
            open_.append(i)
            after.append(node.next if open_[0] != i else None)
            p, up = i, b
            i += 1
            node = child
        self.nodes, self.tags, self.parent, self.end, self.text, self.tlen = nodes, tags, parent, end, text, tlen
        self.attrs, self.blocked, self.long_w, self.all_w = attrs, blocked, long_w, all_w
        # the ancestors of root (outside the walk) hold everything root holds
        self.anc: list[Any] = []
        if all_w[0]:
            anc = root.parent
            while anc is not None:
                self.anc.append(anc)
                anc = anc.parent
        self._index: dict[int, int] | None = None

    def index(self, node) -> int | None:
        """The position of a node of the tree in the walk (None outside it; -1 - k for the
        k-th ancestor of root)."""
        if self._index is None:
            self._index = {n.mem_id: i for i, (n, t) in enumerate(zip(self.nodes, self.tags)) if t != "-text"}
            for k, a in enumerate(self.anc):
                self._index[a.mem_id] = -1 - k
        return self._index.get(node.mem_id)

    def weights(self, i: int | None) -> tuple[int, int]:
        """(paragraph-text characters, all characters) of the element at position i."""
        if i is None:
            return 0, 0
        if i < 0:
            i = 0
        return self.long_w[i], self.all_w[i]


def _render(page: _Page, content: int | None, drop: set[str]) -> list[Line]:
    """Lines of the page (paragraphs, <br>, headings, list items and table rows become lines;
    table cells are joined by a tab); lines of the content element (position `content` in the
    walk; None: no content element, every line is content) are source="content"."""
    # pending lines: (raw text, heading level, bold, inside the content); the whitespace of all
    # of them is collapsed at once at the end. A line without text (whitespace, cell separators)
    # comes out empty: it is never pending
    pending: list[tuple[str, int | None, bool, bool]] = []
    buf: list[str] = []
    seen = False            # the line holds text (not only whitespace)
    plain = False           # ... some of it not bold
    level: int | None = None
    inside = content is None
    tags, text, tlen, attrs, end = page.tags, page.text, page.tlen, page.attrs, page.end
    # exits: (end of the subtree, position, bold) of the open elements, innermost last
    exits: list[tuple[int, int, int]] = []
    bold = 0

    def end_line() -> None:
        # the line in buf ends (a block, <br> or the content element opens or closes)
        nonlocal buf, seen, plain, level
        if buf:
            if seen:
                pending.append(("".join(buf), level, not plain, inside))
            buf = []
            seen = plain = False
        level = None

    n = len(tags)
    i = 0
    while True:
        while exits and exits[-1][0] <= i:
            _, k, _ = exits.pop()
            tag = tags[k] or "_unknown"
            if tag in _CELL:
                buf.append(_CELL_SEP)
            elif tag in _BLOCK:
                end_line()
            if k == content:
                end_line()
                inside = False
            bold = exits[-1][2] if exits else 0
        if i >= n:
            break
        tag = tags[i] or "_unknown"
        if tag == "-text":
            t = text[i]
            if t:
                buf.append(t)
                if tlen[i]:
                    seen = True
                    if not bold:
                        plain = True
            i += 1
            continue
        if tag in drop or tag[0] in "_!":
            i = end[i]
            continue
        if i == content:
            end_line()
            inside = True
        if tag == "br" or tag in _BLOCK:
            end_line()
            if tag == "br":
                i = end[i]
                continue
        if tag in _HEADING:
            level = _HEADING[tag]
        if not bold and (tag in _BOLD or _BOLD_STYLE.search((attrs[i] or {}).get("style") or "")):
            bold = 1
        exits.append((end[i], i, bold))
        i += 1
    end_line()
    return _lines(pending)


_LINE_SEP = "\x01"        # joins the pending lines for one pass of the whitespace patterns


def _lines(pending: list[tuple[str, int | None, bool, bool]]) -> list[Line]:
    """_collapse on each line (the runs of whitespace of all lines in one pass when no line
    holds _LINE_SEP), cells joined by a tab, empty lines left out."""
    raws = [_WIDE_BREAK.sub("", r) if "\n" in r or "\r" in r else r for r, *_ in pending]
    joined = _LINE_SEP.join(raws)
    if joined.count(_LINE_SEP) == len(raws) - 1:
        raws = _WS.sub(" ", joined).split(_LINE_SEP)
    else:
        raws = [_WS.sub(" ", r) for r in raws]
    lines = []
    strip = _CELL_SEP + " "
    for raw, (_, level, bold, inside) in zip(raws, pending):
        if _CELL_SEP in raw:
            raw = _CELL_SEP_WS.sub(_CELL_SEP, raw).strip(strip).replace(_CELL_SEP, "\t")
        else:
            raw = raw.strip(" ")
        if raw.strip():
            lines.append(Line(raw, level=level, bold=bold, source="content" if inside else "outside"))
    return lines


_CONTAINERS = {"div", "td", "article", "section", "main", "center", "form", "table", "tbody",
               "font", "span"}
_SIMPLE_SELECTOR = re.compile(r"^([.#]?)([A-Za-z][A-Za-z0-9_-]*)$")


def _may_match(node, sel: str) -> bool:
    """False when `node` cannot match the simple selector `sel` (".class", "#id", "tag") in any
    document mode (class and id compared case-insensitively); True otherwise."""
    m = _SIMPLE_SELECTOR.match(sel)
    if m is None:
        return True
    kind, name = m.groups()
    if not kind:
        return node.tag == name.lower()
    a = node.attributes or {}
    if kind == ".":
        return name.lower() in (a.get("class") or "").lower()
    return (a.get("id") or "").lower() == name.lower()


def _selector_matches(tree, selectors: list[str]) -> list[list[Any]] | None:
    """For each selector, the elements it matches in document order (as `tree.css(sel)` gives
    them), from one search of the tree for all of them; None when the selector list does not
    parse as one."""
    if not selectors:
        return []
    try:
        found = tree.css(", ".join(selectors))
    except Exception:
        return None
    seen: set[int] = set()
    union = []
    for node in found:                     # an element matched by k selectors comes k times
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            union.append(node)
    out: list[list[Any]] = []
    for sel in selectors:
        ms = []
        for node in union:
            if _may_match(node, sel):
                first = node.css_first(sel)      # the node itself, if it matches (pre-order)
                if first is not None and first.mem_id == node.mem_id:
                    ms.append(node)
        out.append(ms)
    return out


def _choose_content(tree, page: _Page, cfg: dict) -> tuple[Any, int | None, str]:
    """The report body: the known CMS content container, or the smallest container holding
    most of the page's paragraph text. Returns (node, its position in the walk, how)."""
    total_long, total_all = page.long_w[0], page.all_w[0]
    if total_all == 0:
        return None, None, "none"

    def holds_most(lw: int, aw: int) -> bool:
        if total_long and lw >= max(50, 0.5 * total_long):
            return True
        return aw >= max(20, 0.5 * total_all)

    selectors = list(cfg.get("content_selectors", []))
    per_sel = _selector_matches(tree, selectors)
    if per_sel is None:                    # one selector does not parse: each on its own
        per_sel = []
        for sel in selectors:
            try:
                per_sel.append(tree.css(sel))
            except Exception:
                per_sel.append([])
    for sel, matches in zip(selectors, per_sel):
        if not matches:
            continue
        scored = [(page.weights(page.index(n)), n) for n in matches]
        best_w, best = max(scored, key=lambda s: s[0])        # the first of the heaviest
        if holds_most(*best_w):
            return best, _position(page, best), sel
    # density fallback: the smallest block element holding 70% of the paragraph text
    weight, total = (page.long_w, total_long) if total_long else (page.all_w, total_all)
    threshold = 0.7 * total
    cands = [(page.all_w[i], page.nodes[i].mem_id, i) for i, w in enumerate(weight)
             if w and w >= threshold and page.tags[i] in _CONTAINERS and not page.blocked[i]]
    if not cands:
        return None, None, "body"
    _, _, i = min(cands)
    return page.nodes[i], i, "density"


def _position(page: _Page, node) -> int:
    """The position of the content element in the walk; -1 for an ancestor of root (its lines
    are then never reached: every line is outside)."""
    i = page.index(node)
    return i if i is not None and i >= 0 else -1


def _metas(tree) -> dict[str, str]:
    """name / property / itemprop (lower case) -> the first non-empty content of the page's <meta>."""
    found: dict[str, str] = {}
    for m in tree.css("meta"):
        a = m.attributes or {}
        key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
        if key and key not in found and (a.get("content") or "").strip():
            found[key] = a["content"].strip()
    return found


def _meta(found: dict[str, str], names: list[str]) -> str | None:
    for n in names:
        v = found.get(n.lower())
        if v is not None:
            return v
    return None


def _clean_title(t: str) -> str:
    t = re.sub(r"\s+", " ", t).strip()
    parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+[-－—]+\s+", t) if p.strip()]
    if len(parts) > 1 and len(parts[0]) >= 4:
        return parts[0]
    return t


def extract(text: str) -> tuple[list[Line], dict[str, Any]]:
    cfg = catalog.load("chrome")
    drop = set(cfg.get("drop_tags", []))
    tree = LexborHTMLParser(text)
    hints: dict[str, Any] = {}
    root = tree.body or tree.root
    if root is None:
        return [], hints
    page = _Page(root, drop)
    content, pos, how = _choose_content(tree, page, cfg)
    hints["html_content"] = how
    metas = _metas(tree)
    title = _meta(metas, cfg.get("meta_title", [])) or _page_title(tree, page, pos, drop)
    if title:
        hints["title"] = re.sub(r"\s+", " ", title).strip()
    d = _meta(metas, cfg.get("meta_date", []))
    if d:
        m = _DATE_ANY.search(d)
        if m and iso_date(*m.groups()):
            hints["publish_date"] = iso_date(*m.groups())
    src = _meta(metas, cfg.get("meta_source", []))
    if src:
        hints["source_site"] = src.strip()

    lines = _render(page, pos, drop)

    if content is not None and hints.get("title"):
        _keep_title(lines, hints["title"])
    return lines, hints


_TITLE_NAME = re.compile(r"title|biaoti", re.I)
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_SIZE_STYLE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt)", re.I)
# a numbered section heading ("一、" "（二）" "3." "第一部分") is not the article title
_SECTION_MARKER = re.compile(rf"^(?:[{ONE_TO_TEN}]+\s*[、.．]|[(（〔]\s*[{ONE_TO_TEN}\d]+\s*[)）〕]"
                             rf"|\d{{1,3}}\s*[、.．](?!\d)|第[{ONE_TO_TEN}\d]+[部分章篇节])")


def _norm_key(t: str) -> str:
    return re.sub(r"\s+", "", t)


def _prominent(page: _Page, i: int) -> bool:
    """A heading-like element: h1-h3, a *title* class/id, or bold/large text that is centred
    (or bold and large) — the way portals without metadata set the article title."""
    tag = page.tags[i]
    if tag in ("h1", "h2", "h3"):
        return True
    a = page.attrs[i] or {}
    if _TITLE_NAME.search((a.get("class") or "") + " " + (a.get("id") or "")):
        return True
    bold = large = centred = False
    for atag, at in _self_and_ancestors(page, i, 4):
        style = at.get("style") or ""
        if atag in _BOLD or atag in _HEADING or _BOLD_STYLE.search(style):
            bold = True
        if atag == "font" and (at.get("size") or "").strip().lstrip("+").isdigit():
            size = (at.get("size") or "").strip()
            large = large or size.startswith("+") or int(size) >= 4
        m = _SIZE_STYLE.search(style)
        if m:
            v = float(m.group(1))
            large = large or v >= (18 if m.group(2).lower() == "px" else 14)
        if atag == "center" or (at.get("align") or "").lower() == "center" or _CENTER_STYLE.search(style):
            centred = True
    return (bold and (centred or large)) or (large and centred)


def _self_and_ancestors(page: _Page, i: int, n: int):
    """(tag, attributes) of the element at position i and its ancestors, n at most (past root:
    root's ancestors in the tree)."""
    k = 0
    while i >= 0 and k < n:
        yield page.tags[i], page.attrs[i] or {}
        i, k = page.parent[i], k + 1
    if k < n:
        anc = page.nodes[0].parent
        while anc is not None and k < n:
            yield anc.tag, anc.attributes or {}
            anc, k = anc.parent, k + 1


def _title_text(node) -> str | None:
    t = re.sub(r"\s+", " ", node.text(deep=True) or "").strip()
    key = _norm_key(t)
    if not (4 <= len(key) <= 100) or "。" in key or len(CJK_CHAR.findall(key)) < 4 or _SECTION_MARKER.match(key):
        return None
    return t


_TITLE_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "font", "span", "div", "p", "td", "center"}


def _page_title(tree, page: _Page, content: int | None, drop: set[str]) -> str | None:
    """The article title of a page without title metadata: a part of <title> that the page
    shows as a heading-like line; else the heading-like line nearest before the content
    container (the first one inside it when none stands before); else <h1>; else <title>
    (cut at its site-name separator). Link texts (side menus, lists of other articles) and
    dropped elements are never titles. `content`: the content element's position in the walk
    (None: no content element, the whole page is inside; -1: an ancestor of the walk's root)."""
    before: list[str] = []
    inside: list[str] = []
    tags, tlen, attrs, parent = page.tags, page.tlen, page.attrs, page.parent
    if content is None:
        start, stop = 0, len(tags)
    elif content >= 0:
        start, stop = content, page.end[content]      # past the content: nothing after it is the title
    else:
        start = stop = len(tags)
    inside_chars = 0             # text seen inside the content: a title there must come first
    for i in range(stop):
        tag = tags[i] or ""
        is_inside = i >= start
        if tag == "-text":
            if is_inside and tags[parent[i]] not in drop:
                inside_chars += tlen[i]
            continue
        if is_inside and inside_chars:
            break                # nothing later inside the content is a title
        a = attrs[i] or {}
        if tag not in _TITLE_TAGS and not a.get("class") and not a.get("id"):
            continue
        if _prominent(page, i) and not page.blocked[i] and page.nodes[i].css_first("a") is None:
            t = _title_text(page.nodes[i])
            if t:
                (before if not is_inside else inside).append(t)
    shown = {_norm_key(t) for t in before + inside}
    head = tree.css_first("title")
    head_text = re.sub(r"\s+", " ", head.text(deep=True) or "").strip() if head is not None else ""
    if head_text:
        parts = [head_text] + [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+[-－—]+\s+", head_text) if p.strip()]
        for part in parts:
            if _norm_key(part) in shown:
                return part
    if before:
        return before[-1]
    if inside:
        return inside[0]
    h1 = tree.css_first("h1")
    h1t = h1.text(deep=True).strip() if h1 is not None else ""
    if 4 <= len(h1t) <= 100:
        return h1t
    if head_text:
        return _clean_title(head_text)
    return None


def _keep_title(lines: list[Line], title: str) -> None:
    """The article title usually sits outside the content container: keep it as the first
    line of the report (the outside line that carries it, or the title itself)."""
    key = re.sub(r"\s+", "", title)
    content = [i for i, ln in enumerate(lines) if ln.source == "content"]
    if not content:
        return
    first = content[0]
    for ln in [lines[i] for i in content[:5]]:
        if re.sub(r"\s+", "", ln.text) == key:
            return            # the content already starts with its title
    for i in range(first - 1, -1, -1):
        if re.sub(r"\s+", "", lines[i].text) == key:
            lines[i].source = "title"
            lines[i].level = None
            return
    lines.insert(first, Line(title, source="title"))
