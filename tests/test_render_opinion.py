"""What a reviewer at a 司法局 objects to in a review opinion, checked on all three formats:
Chinese only (no internal identifiers), quotes that say something, no invented names,
GB/T 9704 page numbers, a self-contained HTML page that prints cleanly."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

import fazhi
from fazhi.config import Config
from fazhi.model import Evidence, Finding, Meta, Report, Section
from fazhi.render import render_docx, render_html, render_markdown
from fazhi.render.opinion import (build_opinion, clause_around, clause_parts, cn_date,
                                  display_name, plain)
from render_helpers import sample_report, span

ID_WORD = re.compile(r"[A-Za-z]{3,}")


def _doc(report, **kw) -> Document:
    buf = io.BytesIO()
    render_docx(report, buf, **kw)
    buf.seek(0)
    return Document(buf)


# --- text helpers ---------------------------------------------------------------------------

def test_plain_drops_identifiers_keeps_chinese():
    assert plain("报告缺少法定内容“存在的不足和原因”（shortcomings）。") == \
        "报告缺少法定内容“存在的不足和原因”。"
    assert plain("法定内容“第一责任人”（first_responsible）没有单列") == "法定内容“第一责任人”没有单列"
    # Chinese parentheses and numbers are content, not identifiers
    assert plain("纠错率35%（按两位小数应为33.33%）") == "纠错率35%（按两位小数应为33.33%）"
    assert plain("（2019）") == "（2019）" and plain(None) is None


def test_clause_around_short_and_long_sentences():
    t = "一、概况\n全年受理案件15件，办结12件，办结率80%。其他工作正常开展。"
    s, e = span(t, "80%")
    assert clause_around(t, s, e, 60) == "全年受理案件15件，办结12件，办结率80%"
    long = "前言。" + "甲" * 100 + "共有执法人员1300余名" + "乙" * 100 + "。"
    s, e = span(long, "1300余名")
    before, mid, after = clause_parts(long, s, e, 40)
    assert mid == "1300余名" and before.startswith("…") and after.endswith("…")
    assert len(before + mid + after) <= 44
    # a window never starts or ends inside a number
    t2 = "前言。" + "甲" * 30 + "2019年共办理法律事务105件" + "乙" * 10 + "12345热线" + "丙" * 30 + "。"
    s, e = span(t2, "105件")
    before, mid, after = clause_parts(t2, s, e, 24)
    assert not re.match(r"…\d", before) and not re.search(r"\d…$", after), (before, after)
    # at the very start of the text there is nothing to elide
    s, e = span(t, "一、概况")
    assert clause_around(t, s, e, 60) == "一、概况"


def test_cn_date():
    assert cn_date("2019-12-27") == "2019年12月27日"
    assert cn_date("2024-03") == "2024年3月"
    assert cn_date("去年年底") == "去年年底" and cn_date(None) is None


def test_display_name_never_a_hash_or_invented_title():
    r = Report(text="正文。")
    r.source.path = "/x/003_3ccfe7acc4e38dcc.txt"
    assert display_name(r) == "法治政府建设年度报告"
    r.meta = Meta(jurisdiction="青石县", report_year=2023)
    assert display_name(r) == "青石县2023年度法治政府建设报告"     # a description, no 《》
    r.source.path = "/x/青石县法治政府建设报告.docx"
    assert display_name(r) == "《青石县法治政府建设报告》"
    r.meta.title = "青石县2023年法治政府建设情况的报告"
    assert display_name(r) == "《青石县2023年法治政府建设情况的报告》"


# --- content of the written opinion ---------------------------------------------------------

def _missing_part_report() -> Report:
    t = ("青石县2023年法治政府建设情况报告\n一、主要举措\n全年办结案件12件。\n"
         "二、存在的问题和不足及其原因分析\n学法不够。\n")
    r = Report(text=t)
    h1, h2 = span(t, "一、主要举措"), span(t, "二、存在的问题和不足及其原因分析")
    r.sections = [Section("s1", "一、", 1, "主要举措", h1[0], h2[0], h1[0], h1[1], part="measures"),
                  Section("s2", "二、", 1, "存在的问题和不足及其原因分析", h2[0], len(t), h2[0], h2[1],
                          part="shortcomings")]
    r.meta = Meta(title="青石县2023年法治政府建设情况报告", jurisdiction="青石县", level="county",
                  report_year=2023, report_date="2024-02-20", issuers=["中共青石县委", "青石县人民政府"])
    r.findings = [Finding(
        "structure.missing_part", "major",
        # the message cuts the second heading short, as a long list of headings does
        "报告缺少法定内容“下一年度主要安排”（plan）。而报告的一级标题（“一、主要举措”、“二、存在的问题和不足”）"
        "中没有这一部分。",
        [Evidence(*h1, t[h1[0]:h1[1]]), Evidence(*h2, t[h2[0]:h2[1]])], "增设一部分（plan）。", id="F1")]
    return r


def test_no_identifiers_quotes_not_repeated_salutation_and_dates():
    r = _missing_part_report()
    doc = _doc(r)
    texts = [p.text for p in doc.paragraphs]
    body = "\n".join(texts)
    assert "（plan）" not in body and "plan" not in body
    assert any(t.startswith("问题：报告缺少法定内容“下一年度主要安排”。") for t in texts)
    # the headings are already cited in the message: no separate 原文 lines repeating them
    assert not any(t.startswith("原文：") for t in texts)
    # 称谓 from the issuers as written; dates in Chinese
    assert texts[1] == "中共青石县委、青石县人民政府："
    assert "成文日期：2024年2月20日" in texts
    # the signature is a placeholder, never an invented organ
    assert texts[-2:] == ["（审核单位名称，盖章）", "　　　　年　　月　　日"]
    md = render_markdown(r)
    assert "plan" not in md and "中共青石县委、青石县人民政府：" in md


def test_signature_from_config_only():
    cfg = Config.default()
    cfg.data.setdefault("opinion", {}).update({"office": "某某市司法局", "date": "2024-03-05"})
    texts = [p.text for p in _doc(sample_report(), config=cfg).paragraphs]
    # the signature closes the body; the annex (附件) of all indicators follows it
    body = texts[:texts.index("附件")] if "附件" in texts else texts
    body = [t for t in body if t]
    assert body[-2:] == ["某某市司法局", "2024年3月5日"]
    # no issuers (no 落款): the opinion says the report is unsigned, never a made-up addressee
    assert texts[1] == "（报告未署名）："


def test_indicator_value_as_written_and_quote_in_context():
    t = "一、主要举措\n全区共有民营经济市场主体12.9万户，新增3.2万余户。\n"
    r = Report(text=t)
    r.sections = [Section("s1", "一、", 1, "主要举措", 0, len(t), 0, 6, part="measures")]
    from fazhi.model import Fact
    s, e = span(t, "12.9万户")
    r.facts = [Fact("f1", t[s:e], s, e, 129000, "户", kind="count", indicator="market_entities",
                    section="s1")]
    op = build_opinion(r)
    row = op.indicators[0]
    assert row.value_text == "12.9万户"
    assert row.quote == "全区共有民营经济市场主体12.9万户，新增3.2万余户"
    assert row.section_short == "一、主要举措"


def test_seed_opinions_have_no_english_outside_ids_and_quotes(seeds):
    """Headings, 问题, 建议, the verdict and the tables of the Word opinion are Chinese; only the
    source file name and quotes from the report itself may carry Latin letters."""
    for p in seeds:
        r = fazhi.analyze(p)
        doc = _doc(r)
        for par in doc.paragraphs:
            t = par.text
            if t.startswith(("原文：", "已清除的文字：", "来源文件：")) or not t:
                continue
            t = re.sub(r"“[^”]*”", "", t)          # quotations of the report
            assert not ID_WORD.search(t), (p.name, par.text)
        assert not re.search(r"[0-9a-f]{8}", doc.paragraphs[0].text), p.name


# --- Word layout ----------------------------------------------------------------------------

def test_page_numbers_odd_right_even_left():
    doc = _doc(sample_report())
    settings = doc.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    sec = doc.sections[0]
    for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        xml = p._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p.text.replace("1", "#") == "— # —"
        for run in p.runs:
            rf = run._r.rPr.find(qn("w:rFonts"))
            assert rf.get(qn("w:eastAsia")) == "宋体" and run.font.size.pt == 14


def test_table_cells_name_east_asian_fonts_and_spacing():
    doc = _doc(sample_report())
    assert len(doc.tables) == 3         # statutory parts, key indicators, the annex's indicators
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                for p in c.paragraphs:
                    assert p.paragraph_format.line_spacing is not None
                    assert p.paragraph_format.line_spacing.pt >= 16
                    for run in p.runs:
                        rf = run._r.rPr.find(qn("w:rFonts"))
                        assert rf.get(qn("w:eastAsia")) in ("仿宋_GB2312", "黑体")
    for t in doc.tables[1:]:
        assert [c.text for c in t.rows[0].cells] == ["指标", "数值", "原文", "所在部分"]


# --- HTML -----------------------------------------------------------------------------------

class _Resources(HTMLParser):
    """Attribute values and the contents of <style>/<script>: where a resource URL would be."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.code: list[str] = []
        self.tags: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.code.extend(v or "" for _, v in attrs)
        if tag in ("style", "script"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.code.append(data)


def test_html_has_no_external_resource_even_with_urls_in_the_report():
    t = "一、主要举措\n详见http://www.example.gov.cn/a.html 和 https://cdn.example.com/x.js 。\n"
    r = Report(text=t)
    r.findings = [Finding("provenance.web_chrome", "info", "正文中有网址。",
                          [Evidence(*span(t, "http://www.example.gov.cn/a.html"),
                                    "http://www.example.gov.cn/a.html")], None, id="F1")]
    page = render_html(r)
    res = _Resources()
    res.feed(page)
    code = "\n".join(res.code)
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", code, re.I)
    assert "@import" not in code and "url(" not in code
    assert "link" not in res.tags and "iframe" not in res.tags and "img" not in res.tags
    # the report's URL is shown as text
    assert "http://www.example.gov.cn/a.html" in page


def test_html_legend_print_css_and_quote_context(seeds):
    page = render_html(sample_report())
    assert 'id="legend"' in page and "严重问题" in page and "已排除" in page
    assert "@media print" in page and "@page" in page and "size: A4" in page
    # a bare figure is shown inside its sentence, the figure itself in bold, linked to the mark
    assert "纠错5件，<b>纠错率35%</b>”</a>" in page.replace("\n", "")
    for p in seeds[:2]:
        res = _Resources()
        res.feed(render_html(fazhi.analyze(p)))
        assert not re.search(r"https?://", "\n".join(res.code)), p.name


def test_quotes_in_one_sentence_cited_once_with_links_to_each_place():
    t = "一、主要举措\n全年受理案件15件，办结12件，办结率85%。\n二、不足\n2021年数据。\n三、安排\n2021年计划。\n"
    r = Report(text=t)
    r.findings = [
        Finding("figures.rate_mismatch", "minor", "办结率85%与12/15=80%不符。",
                [Evidence(*span(t, "85%"), "85%"), Evidence(*span(t, "12件"), "12件"),
                 Evidence(*span(t, "15件"), "15件")], None, id="F1"),
        # the same words in two different sentences are two places, not one
        Finding("years.year_mismatch", "major", "年度不一。",
                [Evidence(*span(t, "2021年"), "2021年"), Evidence(*span(t, "2021年", 1), "2021年")],
                None, id="F2")]
    op = build_opinion(r)
    f1 = next(i for i in op.items if i.id == "F1")
    f2 = next(i for i in op.items if i.id == "F2")
    assert [q.quote for q in f1.written_quotes] == ["全年受理案件15件，办结12件，办结率85%"]
    assert [(q.anchor, more) for q, more in f1.linked_quotes] == [("hl-F1", ["hl-F1-2", "hl-F1-3"])]
    assert len(f2.written_quotes) == 2 and all(not more for _, more in f2.linked_quotes)
    page = render_html(r)
    assert '同句另有<a href="#hl-F1-2">第2处</a>、<a href="#hl-F1-3">第3处</a>' in page
    for a in ("hl-F1", "hl-F1-2", "hl-F1-3", "hl-F2", "hl-F2-2"):
        assert f'id="{a}"' in page


def test_cli_bad_decisions_file_is_one_clear_line(tmp_path, capsys):
    from fazhi.cli import main
    src = tmp_path / "r.txt"
    src.write_text("青石县2023年法治政府建设年度报告\n一、主要举措和成效\n全年办结案件12件。\n", "utf-8")
    for name, content in (("broken.json", "{bad"), ("list.json", "[1, 2]"),
                          ("wrong.json", '{"decisions": {"F1": "dismissed"}}'), ("missing.json", None)):
        dec = tmp_path / name
        if content is not None:
            dec.write_text(content, "utf-8")
        assert main(["review", str(src), "-o", str(tmp_path / "o.md"), "--decisions", str(dec)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and err.startswith("审核人意见文件无法使用")
        assert "Traceback" not in err and name in err


def test_run_in_heading_location_is_cut_at_its_first_clause():
    from fazhi.render.opinion import heading_of, section_path
    t = ("一、主要工作\n一是开展矛盾纠纷排查4轮，排查纠纷163件，调解成功159件，调解成功率97.5%。\n"
         "二、2021年主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况\n正文。\n")
    h1 = span(t, "一、主要工作")
    run_in = span(t, "一是开展矛盾纠纷排查4轮，排查纠纷163件，调解成功159件，调解成功率97.5%")
    h2 = span(t, "二、2021年主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况")
    sub = Section("s1.1", "一是", 2, "", run_in[0], h2[0], run_in[0], run_in[1])
    r = Report(text=t)
    r.sections = [Section("s1", "一、", 1, "主要工作", h1[0], h2[0], h1[0], h1[1], children=[sub]),
                  Section("s2", "二、", 1, "", h2[0], len(t), h2[0], h2[1])]
    assert heading_of(r, sub) == "一是开展矛盾纠纷排查4轮…"
    assert heading_of(r, r.sections[0]) == "一、主要工作"
    assert heading_of(r, r.sections[1]) == "二、2021年主要负责人履行推进法治建设第一责任人职责…"
    assert section_path(r, t.index("调解成功率")) == "一、主要工作 › 一是开展矛盾纠纷排查4轮…"


def test_title_lines_break_where_the_meaning_breaks():
    from fazhi.render.opinion import TITLE_LINE_CHARS, title_lines
    titles = ["关于《青禾县2023年法治政府建设年度报告》的审核意见",
              "关于《中共某某市委 某某市人民政府关于2023年法治政府建设情况的报告》的审核意见",
              "关于《某某自治区生态环境厅2023年度推进法治政府建设情况和2024年工作安排的报告》的审核意见",
              "关于《示例县二〇二三年度依法行政暨法治政府建设工作情况总结报告材料汇编》的审核意见"]
    for t in titles:
        lines = title_lines(t)
        assert "".join(lines).replace(" ", "") == t.replace(" ", "")
        assert all(len(x) <= TITLE_LINE_CHARS for x in lines), lines
        for a, b in zip(lines, lines[1:]):
            assert not (a[-1].isdigit() and b[0].isdigit()), lines     # never inside a number
            assert not a.endswith("审") and b[0] not in "》）"
    assert title_lines("关于某县报告的审核意见") == ["关于某县报告的审核意见"]


def test_intro_names_the_unit_once_and_no_file_name():
    from fazhi.model import Source
    from fazhi.render.opinion import build_opinion, intro_sentence
    r = Report(text="一、主要举措和成效\n全年办理行政复议案件12件。\n",
               source=Source(path="uploads/003_abc.txt"),
               meta=Meta(jurisdiction="青禾县", level="county", report_year=2021, kind="report"))
    op = build_opinion(r)
    sentence = intro_sentence(op)
    assert sentence.startswith("青禾县报送的2021年度法治政府建设报告收悉"), sentence
    assert sentence.count("青禾县") == 1
    assert all(label != "来源文件" for label, _ in op.info)
    assert "003_abc" not in " ".join(str(v) for _, v in op.info)
