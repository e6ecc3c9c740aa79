"""Two heading layouts the last evaluation got wrong (parse/sections.py): a numbering marker
alone on its line with the heading text on the next line, and long run-in items whose heading
is fused with the body (no punctuation within the run-in limit). Short texts written for
these tests: each case fires where it should and stays silent where it must not."""
from __future__ import annotations

from fazhi import pipeline
from fazhi.model import Report


def run(text: str) -> Report:
    r = Report(text=text)
    pipeline.run(r, pipeline=["sections"])
    return r


def headings(r: Report) -> list[tuple[str, int, str | None, str]]:
    return [(s.id, s.level, s.number, s.heading) for s in r.all_sections() if s.style != "inline"]


def spans_ok(r: Report) -> None:
    for s in r.all_sections():
        assert s.heading_start == s.start <= s.heading_end <= s.end
        assert s.heading in r.text[s.heading_start:s.heading_end]
        for c in s.children:
            assert s.start <= c.start < c.end <= s.end


# -- marker alone on its line ------------------------------------------------------------

BARE = ("某县2023年法治政府建设工作报告\n"
        "一、\n主要工作和成效\n"
        "（一）\n加强组织领导\n县政府常务会议专题研究法治工作5次。\n"
        "（二）\n推进依法行政\n全年办理行政复议案件12件。\n"
        "二、\n\n存在的问题\n执法人员不足。\n"
        "三、\n下一步工作打算\n加强队伍建设。\n")


def test_marker_alone_then_heading_line() -> None:
    r = run(BARE)
    assert headings(r) == [
        ("s1", 1, "一、", "主要工作和成效"),
        ("s1.1", 2, "（一）", "加强组织领导"),
        ("s1.2", 2, "（二）", "推进依法行政"),
        ("s2", 1, "二、", "存在的问题"),          # a blank line between marker and text
        ("s3", 1, "三、", "下一步工作打算"),
    ]
    s1 = r.sections[0]
    assert r.text[s1.start:s1.start + 2] == "一、"          # the section starts at the marker
    assert s1.ordinal == 1 and s1.style == "cn_dun"
    assert [c.ordinal for c in s1.children] == [1, 2]
    assert not any(s.numbering for s in r.all_sections())
    spans_ok(r)


def test_marker_alone_full_width_and_arabic() -> None:
    r = run("一、工作情况\n１．\n强化学法用法\n组织学法活动8场。\n２．\n规范执法行为\n开展执法检查12次。\n")
    assert [(s.number, s.heading) for s in r.sections[0].children] == [("１．", "强化学法用法"),
                                                                      ("２．", "规范执法行为")]
    spans_ok(r)


def test_bare_markers_must_not_join() -> None:
    # two bare markers in a row, a marker before a date, a marker before a heading of its
    # own, a marker before an inline item: none of these is a heading line
    r = run("一、主要工作\n开展工作。\n2.\n3.\n二、存在问题\n问题不少。\n")
    assert headings(r) == [("s1", 1, "一、", "主要工作"), ("s2", 1, "二、", "存在问题")]
    r = run("一、主要工作\n开展工作。\n3.\n2024年3月1日\n")
    assert headings(r) == [("s1", 1, "一、", "主要工作")]
    r = run("一、\n（一）加强领导\n开展工作。\n")
    assert [(s.number, s.heading) for s in r.all_sections()] == [("（一）", "加强领导")]
    r = run("一、主要工作\n开展工作。\n2.\n一是加强领导。二是推进执法。\n")
    assert ("s1.1", 2, "2.", "一是加强领导") not in headings(r)
    assert all(s.number != "2." for s in r.all_sections())


# -- headings fused with their body --------------------------------------------------------

def test_fused_heading_ends_at_closing_word() -> None:
    text = ("一、主要工作\n县政府全年召开常务会议12次。\n"
            "二、县委县政府主要负责人履行推进法治建设第一责任人职责情况县委书记全年听取法治建设专题汇报4次，带头出庭应诉2次。\n"
            "三、工作打算\n继续推进。\n")
    r = run(text)
    assert [s.heading for s in r.sections] == ["主要工作", "县委县政府主要负责人履行推进法治建设第一责任人职责情况", "工作打算"]
    spans_ok(r)


def test_fused_unnumbered_item_between_numbered_siblings() -> None:
    text = ("二、存在的不足\n"
            "学习贯彻上级重要部署精神从文件落实到具体行动还有差距对新理念新思想新战略还存在学习不深入的问题,形式上的学习较多。\n"
            "执法规范化建设相对滞后,执法人员不足。\n"
            "（三）执法专业人才短缺\n正文。\n")
    r = run(text)
    kids = r.sections[0].children
    assert kids[0].heading == "学习贯彻上级重要部署精神从文件落实到具体行动还有差距"
    assert kids[0].style == "unnumbered"
    spans_ok(r)


def test_fused_rule_must_not_fire() -> None:
    # a stop within the run-in limit: the ordinary run-in heading, closing words ignored
    r = run("一、主要工作\n1.梳理存在问题和不足,建立整改台账。全年整改12项。\n")
    assert r.sections[0].children[0].heading == "梳理存在问题和不足,建立整改台账"
    # a closing word that ends the whole clause is not a cut point; the clause is short
    # enough, so the clause is the heading
    r = run("一、主要工作\n1.全面梳理本系统行政执法工作中长期存在而一直没有得到有效解决的各类突出问题,逐项整改。\n")
    assert r.sections[0].children[0].heading == "全面梳理本系统行政执法工作中长期存在而一直没有得到有效解决的各类突出问题"
    # a heading line that is a heading as a whole (no 。, short) is untouched
    r = run("一、县委县政府主要负责人履行推进法治建设第一责任人职责情况和下一步工作安排\n正文。\n")
    assert r.sections[0].heading == "县委县政府主要负责人履行推进法治建设第一责任人职责情况和下一步工作安排"


def test_heading_fused_with_first_inline_item() -> None:
    r = run("一、主要工作\n开展工作。\n二、2024年工作安排一是推动示范创建；二是深化执法监督；三是推进普法。\n")
    plan = r.sections[1]
    assert plan.heading == "2024年工作安排"
    assert [c.number for c in plan.children if c.style == "inline"] == ["一是", "二是", "三是"]
    spans_ok(r)
    # "统一是" inside a heading is not an item: the heading is cut at the ；as before
    r = run("一、主要工作\n开展工作。\n二、坚持标准统一是关键；全年统一执法标准12项。\n")
    assert r.sections[1].heading == "坚持标准统一是关键"


# -- unnumbered sub-headings under a heading that stands alone ------------------------------

def test_unnumbered_subheadings_under_bracket_heading() -> None:
    text = ("某市2022年法治政府建设年度报告\n"
            "【主要举措和成效】\n"
            "政府职能依法全面履行\n全年新登记经营主体8,906户，政务服务事项全部进驻大厅。\n"
            "依法行政制度建设\n全年审核规范性文件23件，备案率100%。\n"
            "法治宣传教育\n开展普法活动480余场。\n"
            "【存在的不足及原因】\n执法人员总量不足。\n")
    r = run(text)
    assert headings(r) == [
        ("s1", 1, None, "主要举措和成效"),
        ("s1.1", 2, None, "政府职能依法全面履行"),
        ("s1.2", 2, None, "依法行政制度建设"),
        ("s1.3", 2, None, "法治宣传教育"),
        ("s2", 1, None, "存在的不足及原因"),
    ]
    assert not any(s.numbering for s in r.all_sections())     # a consistent unnumbered group
    spans_ok(r)


def test_single_short_line_under_heading_stays_body() -> None:
    # one short line under a heading, no peer after the body: body text, as before
    r = run("【主要举措】\n优化营商环境\n深化放管服改革，推行一网通办，政务服务事项全部进驻大厅。\n【存在问题】\n正文。\n")
    assert headings(r) == [("s1", 1, None, "主要举措"), ("s2", 1, None, "存在问题")]
    # a bracket heading with run-in text is not standing alone: no sub-headings under it
    r = run("【主要举措】全年推进改革。\n优化营商环境\n深化放管服改革，推行一网通办。\n依法行政制度建设\n审核文件23件。\n")
    assert [s.level for s in r.all_sections() if s.style != "inline"] == [1, 1, 1]


def test_heading_that_swallowed_figures_is_cut_before_the_body() -> None:
    text = ("一、主要举措和成效\n"
            "（一）全面履行政府职能区级权责清单保留事项3,421项，全年动态调整156项；网上可办率98.2%。\n"
            "（二）基层法治建设不平衡3个街道法治工作力量偏弱，规范性文件管理不够规范。\n"
            "（三）落实12345热线工单办理3000余件，办结率100%。\n")
    r = run(text)
    assert [c.heading for c in r.sections[0].children] == [
        "全面履行政府职能", "基层法治建设不平衡", "落实12345热线工单办理"]
    spans_ok(r)


def test_headings_with_numbers_that_are_not_fused_bodies() -> None:
    # years, article numbers and a figure opening the heading are kept as written
    r = run("一、2023年法治政府建设主要举措和成效\n（一）落实《条例》第12条规定\n正文。\n"
            "（二）完成100个村法律顾问全覆盖\n正文。\n（三）全区42个执法机关落实三项制度\n正文。\n")
    assert [s.heading for s in r.all_sections() if s.style != "inline"] == [
        "2023年法治政府建设主要举措和成效", "落实《条例》第12条规定", "完成100个村法律顾问全覆盖",
        "全区42个执法机关落实三项制度"]
