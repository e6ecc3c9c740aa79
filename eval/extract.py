"""Main-text extraction from government web pages: fazhi.ingest vs trafilatura vs
readability-lxml vs jusText (empty stoplist, length-only classification).

Score: bag-of-characters precision/recall/F1 of the extracted text against the known body
(whitespace removed, half-width/simplified view on both sides), and the number of residue
lines left in (lines carrying a portal-chrome marker that are not part of the known body).
"""
from __future__ import annotations

import re
import time
from collections import Counter

from .common import DATA, f1, norm_view, ratio, table

MARKERS = re.compile(r"首页|当前位置|您现在的位置|发布时间|发布日期|来源[:：]|浏览|点击数|阅读[:：]|字体|字号|打印|关闭|"
                     r"分享|ICP|公网安备|网站地图|联系我们|主办|承办|版权所有|网站标识码|索引号|发文机关|主题分类|"
                     r"上一篇|下一篇|相关文章|热点新闻|今天是|星期|无障碍|搜索|扫一扫|技术支持|联系电话|分辨率|我要纠错")


def pages(fast: bool = False) -> list[tuple[str, bytes, str]]:
    out = []
    for p in sorted((DATA / "html").glob("*.html")):
        body = p.with_name(p.stem + ".body.txt").read_text("utf-8")
        out.append((p.name, p.read_bytes(), body))
    return out[:4] if fast else out


def _decode(data: bytes) -> str:
    head = data[:2048].decode("ascii", "ignore").lower()
    if re.search(r"charset=[\"']?(gb2312|gbk|gb18030)", head):
        return data.decode("gb18030", "replace")
    return data.decode("utf-8", "replace")


def tool_fazhi(data: bytes, name: str) -> str:
    from fazhi.ingest import ingest
    return ingest(data, path=name).text


def tool_trafilatura(data: bytes, name: str) -> str:
    import trafilatura
    return trafilatura.extract(_decode(data), include_comments=False, include_tables=True) or ""


def tool_readability(data: bytes, name: str) -> str:
    from readability import Document
    import lxml.html
    summary = Document(_decode(data)).summary(html_partial=True)
    root = lxml.html.fromstring(summary)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "div", "td", "tr", "h1", "h2", "h3", "li"):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()


def tool_justext(data: bytes, name: str) -> str:
    import justext
    # No Chinese stoplist exists; with an empty stoplist every paragraph has stopword density 0,
    # so stopwords_low = stopwords_high = 0 turns the classifier into a length/link-density rule.
    paras = justext.justext(_decode(data).encode("utf-8"), frozenset(), length_low=10, length_high=40,
                            stopwords_low=0.0, stopwords_high=0.0, max_link_density=0.2,
                            encoding="utf-8")
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


TOOLS = [("fazhi", tool_fazhi), ("trafilatura", tool_trafilatura),
         ("readability-lxml", tool_readability), ("jusText (empty stoplist)", tool_justext)]


def _bag(s: str) -> Counter:
    return Counter(re.sub(r"\s+", "", norm_view(s)))


def score(extracted: str, body: str) -> tuple[float | None, float | None, int]:
    a, b = _bag(extracted), _bag(body)
    inter = sum((a & b).values())
    p, r = ratio(inter, sum(a.values())), ratio(inter, sum(b.values()))
    bodyn = re.sub(r"\s+", "", norm_view(body))
    residue = 0
    for line in extracted.splitlines():
        ln = re.sub(r"\s+", "", norm_view(line))
        if ln and MARKERS.search(ln) and ln not in bodyn:
            residue += 1
    return p, r, residue


def run(fast: bool = False) -> str:
    ps = pages(fast)
    rows = []
    per_page: list[list] = []
    for label, fn in TOOLS:
        P = R = 0.0
        res = errors = 0
        t0 = time.perf_counter()
        worst = []
        for name, data, body in ps:
            try:
                text = fn(data, name)
            except ImportError:
                errors = -1
                break
            except Exception:  # a tool that crashes on a page scores 0 on it
                text = ""
                errors += 1
            p, r, rz = score(text, body)
            P += p or 0.0
            R += r or 0.0
            res += rz
            worst.append((f1(p or 0.0, r or 0.0), name))
            per_page.append([label, name, p, r, f1(p or 0.0, r or 0.0), rz])
        if errors == -1:
            rows.append([label, "not available", "", "", "", "", "", ""])
            continue
        n = len(ps)
        p, r = P / n, R / n
        ms = (time.perf_counter() - t0) * 1000 / n
        worst.sort()
        rows.append([label, n, p, r, f1(p, r), res, errors, f"{worst[0][1]} ({worst[0][0]:.2f})", f"{ms:.1f}"])
    note = ("Macro-averaged over pages; bag-of-characters on whitespace-stripped, half-width/simplified text. "
            "'residue' = extracted lines with a chrome marker (breadcrumb, date/source banner, share, footer, "
            "ICP, metadata table…) that are not in the known body. GBK pages are decoded as GB18030 before "
            "being handed to the peers (they get str, fazhi gets the bytes).")
    out = table(f"extract — main text from {len(ps)} portal pages", ["tool", "pages", "P", "R", "F1", "residue lines",
                "errors", "worst page (F1)", "ms/page"], rows, note)
    return out


def per_page_table(fast: bool = False) -> str:
    ps = pages(fast)
    rows = []
    for name, data, body in ps:
        row = [name]
        for label, fn in TOOLS:
            try:
                p, r, rz = score(fn(data, name), body)
                row.append(f"{f1(p or 0, r or 0):.2f}/{rz}")
            except Exception:
                row.append("error")
        rows.append(row)
    return table("extract — per page (F1/residue lines)", ["page"] + [t[0] for t in TOOLS], rows)
