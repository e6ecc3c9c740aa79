"""HTML pages saved from government portals -> lines.

The whole page is rendered to lines (paragraphs, <br>, headings, list items and table rows
become lines; table cells are joined by a tab). The report body is the known CMS content
container (catalog/chrome.yaml content_selectors) or, failing that, the smallest element
that holds most of the page's paragraph text. Lines outside it are kept in the list, marked
source="outside", so the cleaner can classify them (nav, metadata, footer...) and read the
publish date and 来源 from them before they are dropped."""
from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .. import catalog
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


class _Renderer:
    def __init__(self, content_id: int | None, drop: set[str]):
        self.content_id = content_id
        self.drop = drop
        self.lines: list[Line] = []
        self.buf: list[str] = []
        self.chars = 0
        self.bold_chars = 0
        self.level: int | None = None
        self.inside = content_id is None

    def flush(self) -> None:
        if self.buf:
            raw = _collapse("".join(self.buf))
            if _CELL_SEP in raw:
                raw = _CELL_SEP_WS.sub(_CELL_SEP, raw)
            raw = raw.strip(_CELL_SEP + " ")
            text = raw.replace(_CELL_SEP, "\t")
            if text.strip():
                bold = self.chars > 0 and self.bold_chars == self.chars
                self.lines.append(Line(text, level=self.level, bold=bold,
                                       source="content" if self.inside else "outside"))
        self.buf = []
        self.chars = self.bold_chars = 0
        self.level = None

    def render(self, root) -> list[Line]:
        # iterative walk with enter/exit events (deep table layouts must not hit recursion limits)
        stack: list[tuple[Any, bool, int]] = [(root, False, 0)]
        while stack:
            node, exiting, bold = stack.pop()
            tag = node.tag or "_unknown"
            if exiting:
                if tag in _CELL:
                    self.buf.append(_CELL_SEP)
                elif tag in _BLOCK or tag == "br":
                    self.flush()
                if self.content_id is not None and node.mem_id == self.content_id:
                    self.flush()
                    self.inside = False
                continue
            if tag == "-text":
                t = node.text_content or ""
                if t:
                    self.buf.append(t)
                    n = len(t.strip())
                    self.chars += n
                    if bold:
                        self.bold_chars += n
                continue
            if tag in self.drop or tag.startswith(("_", "!")):
                continue
            if self.content_id is not None and node.mem_id == self.content_id:
                self.flush()
                self.inside = True
            if tag == "br":
                self.flush()
                continue
            if tag in _BLOCK:
                self.flush()
            if tag in _HEADING:
                self.level = _HEADING[tag]
            attrs = node.attributes or {}
            if tag in _BOLD or _BOLD_STYLE.search(attrs.get("style") or ""):
                bold = 1
            stack.append((node, True, bold))
            children = list(node.iter(include_text=True))
            for child in reversed(children):
                stack.append((child, False, bold))
        self.flush()
        return self.lines


_CONTAINERS = {"div", "td", "article", "section", "main", "center", "form", "table", "tbody",
               "font", "span"}


def _weights(root, drop: set[str]) -> tuple[dict[int, int], dict[int, int], dict[int, Any]]:
    """For every element: characters of paragraph-like text (text nodes of 15+ characters)
    and of all text, outside links and dropped elements.

    One pass down (is a node inside a link or a dropped element?) and one pass up (sums of the
    children into their parent): linear in the nodes however deep the page nests (the walk from
    every text node up to the root was quadratic on deeply nested pages)."""
    order = list(root.traverse(include_text=True))          # pre-order: parents before children
    parent_of: dict[int, Any] = {}
    blocked: dict[int, bool] = {}
    own_long: dict[int, int] = {}
    own_all: dict[int, int] = {}
    nodes: dict[int, Any] = {}
    for node in order:
        par = node.parent
        parent_of[node.mem_id] = par
        up = blocked.get(par.mem_id, False) if par is not None else False
        if node.tag == "-text":
            if up or par is None:
                continue
            n = len((node.text_content or "").strip())
            if n:
                own_all[par.mem_id] = own_all.get(par.mem_id, 0) + n
                if n >= 15:
                    own_long[par.mem_id] = own_long.get(par.mem_id, 0) + n
            continue
        blocked[node.mem_id] = up or node.tag == "a" or node.tag in drop
        nodes[node.mem_id] = node
    long_w: dict[int, int] = {}
    all_w: dict[int, int] = {}
    for node in reversed(order):                              # children before parents
        k = node.mem_id
        if node.tag == "-text" or blocked.get(k):
            continue
        a = all_w.get(k, 0) + own_all.get(k, 0)
        if not a:
            continue
        lw = long_w.get(k, 0) + own_long.get(k, 0)
        all_w[k] = a
        if lw:
            long_w[k] = lw
        par = parent_of.get(k)
        if par is not None and par.mem_id in nodes:
            all_w[par.mem_id] = all_w.get(par.mem_id, 0) + a
            if lw:
                long_w[par.mem_id] = long_w.get(par.mem_id, 0) + lw
    # the ancestors of root (outside the traversal) hold everything root holds
    anc = root.parent
    while anc is not None:
        if root.mem_id in all_w:
            all_w[anc.mem_id] = all_w[root.mem_id]
            if root.mem_id in long_w:
                long_w[anc.mem_id] = long_w[root.mem_id]
            nodes[anc.mem_id] = anc
        anc = anc.parent
    return long_w, all_w, nodes


def _choose_content(tree, root, cfg: dict, drop: set[str]):
    long_w, all_w, nodes = _weights(root, drop)
    total_long = long_w.get(root.mem_id, 0)
    total_all = all_w.get(root.mem_id, 0)
    if total_all == 0:
        return None, "none"

    def holds_most(node) -> bool:
        k = node.mem_id
        if total_long and long_w.get(k, 0) >= max(50, 0.5 * total_long):
            return True
        return all_w.get(k, 0) >= max(20, 0.5 * total_all)

    for sel in cfg.get("content_selectors", []):
        try:
            matches = tree.css(sel)
        except Exception:
            continue
        best = max(matches, key=lambda n: (long_w.get(n.mem_id, 0), all_w.get(n.mem_id, 0)),
                   default=None)
        if best is not None and holds_most(best):
            return best, sel
    # density fallback: the smallest block element holding 70% of the paragraph text
    weight, total = (long_w, total_long) if total_long else (all_w, total_all)
    cands = [(all_w.get(k, 0), k) for k, w in weight.items()
             if w >= 0.7 * total and nodes[k].tag in _CONTAINERS]
    if not cands:
        return None, "body"
    _, k = min(cands)
    return nodes[k], "density"


def _meta(tree, names: list[str]) -> str | None:
    wanted = [n.lower() for n in names]
    found: dict[str, str] = {}
    for m in tree.css("meta"):
        a = m.attributes or {}
        key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
        if key in wanted and (a.get("content") or "").strip():
            found.setdefault(key, a["content"].strip())
    for n in wanted:
        if n in found:
            return found[n]
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
    content, how = _choose_content(tree, root, cfg, drop)
    hints["html_content"] = how
    title = _meta(tree, cfg.get("meta_title", [])) or _page_title(tree, root, content, drop)
    if title:
        hints["title"] = re.sub(r"\s+", " ", title).strip()
    d = _meta(tree, cfg.get("meta_date", []))
    if d:
        m = _DATE_ANY.search(d)
        if m and iso_date(*m.groups()):
            hints["publish_date"] = iso_date(*m.groups())
    src = _meta(tree, cfg.get("meta_source", []))
    if src:
        hints["source_site"] = src.strip()

    lines = _Renderer(content.mem_id if content is not None else None, drop).render(root)

    if content is not None and hints.get("title"):
        _keep_title(lines, hints["title"])
    return lines, hints


_TITLE_NAME = re.compile(r"title|biaoti", re.I)
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_SIZE_STYLE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt)", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a numbered section heading ("一、" "（二）" "3." "第一部分") is not the article title
_SECTION_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[(（〔]\s*[一二三四五六七八九十\d]+\s*[)）〕]"
                             r"|\d{1,3}\s*[、.．](?!\d)|第[一二三四五六七八九十\d]+[部分章篇节])")


def _norm_key(t: str) -> str:
    return re.sub(r"\s+", "", t)


def _prominent(node) -> bool:
    """A heading-like element: h1-h3, a *title* class/id, or bold/large text that is centred
    (or bold and large) — the way portals without metadata set the article title."""
    tag = node.tag
    if tag in ("h1", "h2", "h3"):
        return True
    a = node.attributes or {}
    if _TITLE_NAME.search((a.get("class") or "") + " " + (a.get("id") or "")):
        return True
    bold = large = centred = False
    anc, depth = node, 0
    while anc is not None and depth < 4:
        at = anc.attributes or {}
        style = at.get("style") or ""
        if anc.tag in _BOLD or anc.tag in _HEADING or _BOLD_STYLE.search(style):
            bold = True
        if anc.tag == "font" and (at.get("size") or "").strip().lstrip("+").isdigit():
            size = (at.get("size") or "").strip()
            large = large or size.startswith("+") or int(size) >= 4
        m = _SIZE_STYLE.search(style)
        if m:
            v = float(m.group(1))
            large = large or v >= (18 if m.group(2).lower() == "px" else 14)
        if anc.tag == "center" or (at.get("align") or "").lower() == "center" or _CENTER_STYLE.search(style):
            centred = True
        anc, depth = anc.parent, depth + 1
    return (bold and (centred or large)) or (large and centred)


def _title_text(node) -> str | None:
    t = re.sub(r"\s+", " ", node.text(deep=True) or "").strip()
    key = _norm_key(t)
    if not (4 <= len(key) <= 100) or "。" in key or len(_CJK.findall(key)) < 4 or _SECTION_MARKER.match(key):
        return None
    return t


_TITLE_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "font", "span", "div", "p", "td", "center"}


def _in_link_or_dropped(node, drop: set[str]) -> bool:
    anc = node
    while anc is not None:
        if anc.tag == "a" or anc.tag in drop:
            return True
        anc = anc.parent
    return False


def _page_title(tree, root, content, drop: set[str]) -> str | None:
    """The article title of a page without title metadata: a part of <title> that the page
    shows as a heading-like line; else the heading-like line nearest before the content
    container (the first one inside it when none stands before); else <h1>; else <title>
    (cut at its site-name separator). Link texts (side menus, lists of other articles) and
    dropped elements are never titles."""
    content_id = content.mem_id if content is not None else None
    content_size = sum(1 for _ in content.traverse(include_text=True)) if content is not None else 0
    before: list[str] = []
    inside: list[str] = []
    state = "before" if content is not None else "inside"
    visited = 0                  # nodes of the content subtree seen so far (pre-order)
    inside_chars = 0             # text seen inside the content: a title there must come first
    for node in root.traverse(include_text=True):
        if state == "before" and node.mem_id == content_id:
            state = "inside"
        if state == "inside" and content is not None:
            if visited == content_size:
                break            # past the content: nothing after it is the title
            visited += 1
        tag = node.tag or ""
        if tag == "-text":
            if state == "inside" and (node.parent is None or node.parent.tag not in drop):
                inside_chars += len((node.text_content or "").strip())
            continue
        if tag not in _TITLE_TAGS and not (node.attributes or {}).get("class") \
                and not (node.attributes or {}).get("id"):
            continue
        if state == "inside" and inside_chars:
            continue
        if _prominent(node) and not _in_link_or_dropped(node, drop) and node.css_first("a") is None:
            t = _title_text(node)
            if t:
                (before if state == "before" else inside).append(t)
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
