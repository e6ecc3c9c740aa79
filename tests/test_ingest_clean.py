"""ingest/clean.py: what is not the report is removed, recorded with its kind and position, and
nothing of the report is lost."""
from __future__ import annotations

from meta_helpers import BODY_THREE_PARTS as BODY, BODY_TWO_PARTS, meta_of

import re

import pytest

from conftest import TEXTS, seed_by_prefix
from fazhi import analyze_text
from fazhi.ingest import ingest

WEB = (TEXTS / "ingest_webcopy.txt").read_bytes()
REPORT = (TEXTS / "ingest_report.txt").read_bytes()


def kinds(doc) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in doc.removed:
        out.setdefault(r.kind, []).append(r.text)
    return out


def test_web_copy_chrome_is_removed_and_recorded():
    doc = ingest(WEB)
    k = kinds(doc)
    assert k["nav"] == ["您的位置：首页 > 政务公开 > 法治政府建设"]
    assert k["widget"] == ["【字体：大 中 小】", "【打印】", "【关闭】"]
    assert k["counter"] == ["浏览次数："]
    assert any("发布时间" in t for t in k["metadata_table"])
    assert len(k["duplicate_title"]) == 2
    assert len(k["footer"]) == 4 and len(k["related_links"]) == 2
    assert doc.hints["publish_date"] == "2023-02-28"
    assert doc.hints["source_site"] == "西河区司法局"
    assert doc.hints["template_site"] is True
    # the title is kept once, first
    assert doc.text.splitlines()[0] == "西河区2022年法治政府建设情况报告"
    assert doc.text.count("西河区2022年法治政府建设情况报告") == 1
    for word in ["首页", "字体", "浏览次数", "网站地图", "ICP备", "公网安备", "上一篇", "版权所有"]:
        assert word not in doc.text


def test_mid_sentence_residue_is_cut_and_sentence_kept():
    doc = ingest(WEB)
    assert "依法纠错6件，纠错率14.3%。" in doc.text
    (cut,) = [r for r in doc.removed if r.kind == "template_site"]
    assert cut.text == "当前隐藏内容免费查看"
    assert doc.text[cut.at - 4:cut.at] == "依法纠错" and doc.text[cut.at:cut.at + 2] == "6件"


def test_conservative_on_body_text():
    doc = ingest(WEB)
    # a sentence mentioning 联系电话 stays; the report's signature and date stay
    assert "热线联系电话全天有人值守" in doc.text
    assert doc.text.rstrip().endswith("西河区人民政府\n2023年2月10日")
    doc = ingest(REPORT)
    assert doc.removed == []
    assert doc.text == REPORT.decode("utf-8").strip()
    assert "联系电话等便民信息全部公开" in doc.text


def test_removed_positions_are_in_range_and_ordered():
    doc = ingest(WEB)
    ats = [r.at for r in doc.removed]
    assert ats == sorted(ats)
    assert all(0 <= a <= len(doc.text) for a in ats)
    footer = [r for r in doc.removed if r.kind == "footer"]
    assert all(r.at == len(doc.text) for r in footer)


@pytest.mark.parametrize("text,kind", [
    ("当前位置：首页 > 新闻中心 > 政务动态", "nav"),
    ("首页 > 专题 > 法治政府建设", "nav"),
    ("今天是2024年5月6日 星期一 农历三月廿八", "banner"),
    ("【字体：", "widget"),
    ("字号：大 中 小", "widget"),
    ("【打印本页】【关闭窗口】", "widget"),
    ("点击数：[1024]", "counter"),
    ("索引号：000014349/2023-00012", "metadata_table"),
    ("发文机关：某某县人民政府  成文日期：2023年03月01日", "metadata_table"),
    ("推荐访问：法治 报告 自查", "template_site"),
    ("下面是小编为大家整理的法治政府建设工作报告范文，供大家参考。", "template_site"),
])
def test_residue_line_kinds(text, kind):
    body = "一、主要工作\n全面推进依法行政，共办理行政复议案件12件，纠错2件，取得明显成效。"
    doc = ingest(f"{text}\n{body}".encode())
    assert doc.text == body
    assert {r.kind for r in doc.removed} == {kind}
    assert "".join(r.text for r in doc.removed) == text


@pytest.mark.parametrize("line", [
    "联系电话：0351-1234567",
    "主办单位：某某县人民政府办公室",
    "网站标识码：1400000000",
    "晋ICP备05000000号",
])
def test_footer_only_at_the_edges(line):
    body = "全面推进依法行政，共办理行政复议案件12件，纠错2件，取得明显成效。"
    doc = ingest(f"{body}\n{line}\n{body}".encode())
    assert line in doc.text           # in the middle of a report: kept
    doc = ingest(f"{body}\n{body}\n{line}".encode())
    assert line not in doc.text and [r.kind for r in doc.removed] == ["footer"]


def test_normalisation():
    raw = "标题\r\n\r\n\r\n\u3000\u3000第一段。  \r\n\u00a0第二段。\t\r\n\n\n\n第三段。"
    doc = ingest(raw.encode())
    assert doc.text == "标题\n\n第一段。\n第二段。\n\n第三段。"


def test_traditional_hint_only_for_traditional_text():
    assert ingest(REPORT).hints.get("traditional") is None
    trad = "全面推進依法行政，共辦理行政復議案件12件，糾錯2件，取得明顯成效。".encode()
    assert ingest(trad).hints["traditional"] is True


def test_html_headings_and_bold_lines():
    page = ("<html><head><title>某县报告_某县人民政府</title></head><body><div class='nav'><a>首页</a></div>"
            "<div id='UCAP-CONTENT'><h2>一、主要举措</h2><p><strong>（一）依法履职</strong></p>"
            "<p>全面推进依法行政，共办理行政复议案件12件，纠错2件，取得明显成效。</p></div></body></html>")
    doc = ingest(page.encode())
    assert doc.hints["title"] == "某县报告"
    assert doc.text.splitlines() == ["某县报告", "一、主要举措", "（一）依法履职",
                                     "全面推进依法行政，共办理行政复议案件12件，纠错2件，取得明显成效。"]
    assert doc.hints["heading_lines"] == [[doc.text.index("一、"), 2]]
    assert doc.text.index("（一）") in doc.hints["bold_lines"]
    assert doc.hints["html_content"] == "#UCAP-CONTENT"


# -- seeds ----------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_clean_seeds_lose_nothing(prefix):
    raw = seed_by_prefix(prefix).read_text("utf-8")
    doc = ingest(raw.encode())
    assert doc.removed == []
    assert [ln.strip() for ln in doc.text.splitlines() if ln.strip()] == \
        [ln.strip() for ln in raw.splitlines() if ln.strip()]


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_web_copy_seeds(prefix):
    raw = seed_by_prefix(prefix).read_text("utf-8")
    doc = ingest(raw.encode())
    assert doc.removed
    kept = set(doc.text.splitlines())
    # precision: everything removed is residue (no report sentence among it)
    for r in doc.removed:
        assert not re.search(r"[。；]$", r.text) or r.kind == "template_site", r
        assert r.text not in kept or r.kind == "duplicate_title"
    # recall: every line of the source is either kept (possibly minus a cut) or removed
    removed_texts = {r.text.strip() for r in doc.removed}
    for ln in (x.strip() for x in raw.splitlines()):
        if ln and ln not in kept and ln not in removed_texts:
            assert any(r.text in ln for r in doc.removed), ln
    assert "publish_date" in doc.hints
    for marker in ["首页", "【字体", "网站地图", "ICP备", "公网安备", "小编", "推荐访问", "猜你喜欢", "投稿作者"]:
        assert marker not in doc.text, marker
    # the first line is the report title, kept once
    first = doc.text.splitlines()[0]
    assert "报告" in first and doc.text.count(first) == 1


def test_post_date_beside_the_portal_fields():
    from fazhi.ingest import clean as K
    assert K._post_stamp("来源:人民日报编辑:admin时间:2022-10-10") == "2022-10-10"
    assert K._post_stamp("2025年07月30日 来源: 上海普陀") == "2025-07-30"
    # the document's own dates beside the same fields are not its posting
    assert K._post_stamp("成文日期:2022-01-05 来源:县司法局") is None
    assert K._post_stamp("会议时间:2022-03-01 编辑:张三") is None


def test_publication_date_label_of_a_disclosure_catalogue():
    import fazhi
    text = ("信息索引号: 0025-7/2025-00935 文号:\n公布日期: 2025-03-13 公开方式: 主动公开\n\n"
            "青禾县司法局2024年法治政府建设年度报告\n2024年，我局坚持以习近平法治思想为指导，现将有关情况报告如下。\n")
    r = fazhi.analyze(text.encode("utf-8"), path="x.txt")
    assert r.meta.publish_date == "2025-03-13"


def test_edition_date_of_an_e_paper_page():
    # a city paper's e-paper item: the edition's date over its page label is the post date;
    # the meeting's own day (3月20日) is not
    import fazhi
    text = ("2024年03月21日\n第A02版:要 闻\n\n市政府召开依法行政工作领导小组会议\n"
            "本报讯 3月20日，市推进依法行政工作领导小组会议召开，研究部署全年法治政府建设工作。\n")
    r = fazhi.analyze(text.encode("utf-8"), path="x.txt")
    assert r.meta.publish_date == "2024-03-21"
    # a date line with no page label under it is no post date
    r = fazhi.analyze(text.replace("第A02版:要 闻\n", "").encode("utf-8"), path="x.txt")
    assert r.meta.publish_date is None


def test_post_date_in_a_table_row_rendered_with_bars():
    # a disclosure table flattened to text: "label: | value |" cells, the body with no title
    import fazhi
    text = ("索 引 号: | qinghe-0012/2025-0000031 | 公开目录: | 法治政府建设 |\n"
            "成文日期: | 2025-02-10 | 发布日期: | 2025-02-17 |\n发布机构: | 青禾县白沙镇 |\n"
            "2024年，白沙镇在县委、县政府的坚强领导下，扎实推进法治政府建设，现将有关情况报告如下。\n"
            "一、主要举措和成效\n全年开展法治宣传活动12场。\n")
    r = fazhi.analyze(text.encode("utf-8"), path="x.txt")
    assert r.meta.publish_date == "2025-02-17"
    # the document's own date alone is no posting
    r = fazhi.analyze(text.replace(" 发布日期: | 2025-02-17 |", "").encode("utf-8"), path="x.txt")
    assert r.meta.publish_date is None






# -- post date ---------------------------------------------------------------------------
def test_a_metadata_list_above_the_title_gives_the_post_date():
    text = ("- 索引号:000011111/2024-00191\n- 发布机构:云岭省气象局\n- 发布日期:2024-02-27\n"
            "云岭省气象局2023年度法治政府建设工作情况的报告\n2023年，我局坚持依法行政，成效明显。\n" + BODY)
    assert meta_of(text).publish_date == "2024-02-27"


def test_a_drafting_date_on_the_line_after_its_label_is_no_post_date():
    # labels and values on lines of their own: the value under 成文日期 is the document's date
    text = ("- 索引号:\n- 000022222/2022-00310\n- 文号:\n- 青建〔2022〕7号\n- 成文日期:\n- 2022-01-12\n"
            "- 发布单位:\n- 青石市住房和城乡建设局\n"
            "青石市住房和城乡建设局2021年度法治政府建设工作报告\n2021年，我局坚持依法行政，成效明显。\n" + BODY)
    assert meta_of(text).publish_date is None


def test_the_post_date_under_its_label_is_read_after_a_drafting_date():
    text = ("  • 发文日期:\n\n    2024年04月02日 09:10\n  • 发布日期:\n\n    2024年04月03日 16:34\n"
            "云岭县人民政府2023年度法治政府建设情况报告\n2023年，我县坚持依法行政，成效明显。\n" + BODY)
    assert meta_of(text).publish_date == "2024-04-03"


def test_the_issuers_row_of_a_catalogue_header_stays_in_the_text():
    # 发布机构 alone on its row may name the reporter with its place: kept (its neighbours go)
    doc = ingest(("成文日期: | 2025-02-14 | 发布日期: | 2025-02-14 |\n发布机构: | 鼓楼区青禾街道 |\n"
                  "2024年，青禾街道坚持依法行政，成效明显。\n" + BODY).encode("utf-8"))
    assert "发布机构: | 鼓楼区青禾街道 |" in doc.text
    assert "成文日期" not in doc.text and doc.hints["publish_date"] == "2025-02-14"


def test_a_list_item_in_the_body_with_a_date_is_no_post_date():
    text = ("云岭省气象局2023年度法治政府建设工作情况的报告\n2023年，我局坚持依法行政，成效明显。\n"
            "- 2023年3月1日，组织全局干部集中学法，共开展专题培训2期。\n" + BODY)
    assert meta_of(text).publish_date is None




def test_bracketed_label_row_is_metadata_not_a_heading() -> None:
    text = ("临渊市统计局关于2023年度法治政府建设情况的报告\n"
            "【信息来源:【信息时间:2024-02-06  阅读次数: 】【字号 】【我要打印】【关闭\n\n" + BODY_TWO_PARTS)
    r = analyze_text(text)
    assert r.meta.publish_date == "2024-02-06"
    assert [s.heading for s in r.sections] == ["主要举措和成效", "存在的不足和原因"]
