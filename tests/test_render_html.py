"""The HTML review opinion: well-formed, self-contained, escaped, facts and findings marked in place."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import fazhi
from fazhi.model import Report
from fazhi.render import render_html, render_markdown
from render_helpers import TEXT, sample_report

VOID = {"meta", "br", "input", "img", "hr", "link", "col", "wbr"}


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.scripts = 0
        self.marks: list[dict] = []
        self.in_text = 0
        self.text_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if "id" in a:
            self.ids.append(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])
        if tag == "mark":
            self.marks.append(a)
        if a.get("id") == "report-text":
            self.in_text = len(self.stack) + 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        top = self.stack.pop()
        assert top == tag, f"</{tag}> closes <{top}>"
        if self.in_text and len(self.stack) < self.in_text:
            self.in_text = 0

    def handle_data(self, data):
        if self.in_text and not (self.marks and "removed" in (self.marks[-1].get("class") or "")
                                 and self.stack[-1] == "mark"):
            self.text_parts.append(data)


def parse(page: str) -> Tree:
    t = Tree()
    t.feed(page)
    t.close()
    assert t.stack == [], t.stack
    return t


def test_well_formed_self_contained_and_escaped():
    page = render_html(sample_report())
    t = parse(page)
    assert t.scripts == 1                       # our own inline script only
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page or \
           "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in page
    assert "&lt;b&gt;粗体&lt;/b&gt;" in page
    assert not t.srcs
    assert all(h.startswith("#") for h in t.hrefs)
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert "@import" not in page and "url(" not in page
    # the full text is there, unchanged, once the marks are removed
    assert "".join(t.text_parts) == TEXT


def test_findings_link_to_highlights_and_facts_marked():
    page = render_html(sample_report())
    t = parse(page)
    ids = set(t.ids)
    assert len(t.ids) == len(ids), "duplicate ids"
    for h in t.hrefs:
        assert h[1:] in ids, f"dangling link {h}"
    fact_marks = [m for m in t.marks if m.get("class") == "fact"]
    assert {m["id"] for m in fact_marks if "id" in m} == {"fact-f1", "fact-f2", "fact-f3", "fact-f4"}
    f4 = next(m for m in fact_marks if m.get("id") == "fact-f4")
    assert "35%" in f4["title"] and "行政复议纠错率" in f4["title"]
    majors = [m for m in t.marks if "sev-major" in (m.get("class") or "")]
    assert majors and all(m["data-finding"] in ("F2", "F3") for m in majors)
    assert "hl-F1" in ids and 'href="#hl-F1"' in page
    # the removed residue is a marker at its place, carrying the removed text in its title
    removed = [m for m in t.marks if "removed" in (m.get("class") or "")]
    assert len(removed) == 1 and "【打印本页】" in removed[0]["title"]


def test_dismissed_findings_apart():
    page = render_html(sample_report(), decisions={"F1": {"decision": "dismissed", "comment": "口径不同",
                                                          "user": "审核员", "at": "2024-03-01"}})
    t = parse(page)
    assert 'id="dismissed"' in page and "已排除：口径不同（审核员，2024年3月1日）" in page
    f1 = [m for m in t.marks if m.get("data-finding") == "F1"]
    assert f1 and all("dismissed" in m["class"] for m in f1)


def test_empty_report_and_unknown_meta():
    page = render_html(Report(text="<p>仅一句</p>"))
    t = parse(page)
    assert "审核未发现问题" in page and "未识别" in page
    assert "".join(t.text_parts) == "<p>仅一句</p>"


def test_markdown_same_content():
    md = render_markdown(sample_report())
    assert md.startswith("# 关于《青石县2023年法治政府建设年度报告》的审核意见")
    assert "审核结论：**不合格**" in md
    assert "## 三、审核发现的问题" in md and "### （二）数据一致性（1项）" in md
    assert "“全年共受理行政复议案件15件，其中维持10件、纠错5件，纠错率35%”（一、主要举措和成效）" in md
    assert "| 党政主要负责人履行推进法治建设第一责任人职责情况 | 缺少 | — |" in md
    assert "| 行政复议纠错率 | 35% | 全年共受理行政复议案件15件，其中维持10件、纠错5件，纠错率35% |" in md
    # raw HTML from the report is escaped in Markdown too
    assert "<script>" not in md
    md2 = render_markdown(sample_report(), decisions={"F2": {"decision": "dismissed", "comment": "另报"}})
    assert "## 四、已排除的问题" in md2 and "已排除：另报" in md2


def test_seeds_and_example(seeds, example_path):
    for p in seeds + [example_path]:
        r = fazhi.analyze(p)
        page = render_html(r)
        t = parse(page)
        assert "".join(t.text_parts) == r.text, p.name
        assert len(t.ids) == len(set(t.ids)), p.name
        for h in t.hrefs:
            assert h[1:] in set(t.ids), (p.name, h)
        marked = {m["data-finding"] for m in t.marks if "data-finding" in m}
        with_evidence = {f.id for f in r.findings if f.evidence}
        assert marked == with_evidence, p.name
        md = render_markdown(r)
        assert md.count("**［") == len(r.findings)


def test_visible_text_has_no_rule_ids():
    """A reviewer reads the rule's Chinese title; ids stay in attributes for tools."""
    from html.parser import HTMLParser

    from fazhi.render.html import render_html

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    from conftest import ROOT
    r = fazhi.analyze(next((ROOT / "examples").glob("*.txt")))
    assert r.findings
    p = Text()
    p.feed(render_html(r))
    visible = " ".join(p.parts)
    assert not re.search(r"\b(structure|figures|years|provenance|quality|corpus)\.[a-z_]+", visible)
    assert "法定内容未单列" in visible


def test_markdown_opinion_has_no_rule_ids_as_the_word_file(tmp_path):
    """审核意见.md says what the Word opinion says: each finding by its Chinese title and number,
    without the rule id (structure.formal_elements) the Word file does not show either."""
    from docx import Document
    from fazhi.render import render_docx
    r = sample_report()
    md = render_markdown(r)
    out = tmp_path / "审核意见.docx"
    render_docx(r, str(out))
    word = "\n".join(p.text for p in Document(str(out)).paragraphs)
    ids = {f.rule for f in r.findings}
    assert ids and not any(i in md for i in ids) and not any(i in word for i in ids)
    titles = re.findall(r"^\d+\. \*\*［[^］]+］(.+?)\*\*", md, re.M)
    assert titles and all(t in word for t in titles)
