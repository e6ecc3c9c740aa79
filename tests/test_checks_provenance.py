"""checks/provenance.py: the provenance.* rules (and some quality.* ones) on hand-built reports and
on short texts written for the test through the whole pipeline (web chrome left in the text)."""
from __future__ import annotations

from meta_helpers import BODY_FOUR_PARTS as BODY

from conftest import TEXTS
from checks_helpers import make_report, run

from fazhi import analyze_text
from fazhi.model import Removed

PARTS = {"存在的不足": "shortcomings", "存在的问题": "shortcomings", "下一步": "plan", "主要安排": "plan"}


def test_masked_text_one_finding_all_occurrences():
    r = make_report((TEXTS / "checks_masked.txt").read_text("utf-8"))
    out = run("provenance.masked_text", r)
    assert len(out) == 1
    f = out[0]
    assert f.severity == "major" and f.data["count"] == 5
    assert [e.quote for e in f.evidence] == ["XX", "******", "***", "xx", "***"]
    assert "5处" in f.message


def test_masked_text_quiet_on_ordinary_text():
    text = ("2023年，全县1366*768个……不算。分辨率1024×768。二〇〇〇年以来，本县XXL型号设备2台，"
            "“互联网+”监管，张某某案依法办结。")
    assert run("provenance.masked_text", make_report(text)) == []


def test_template_site_from_removed_items_and_text():
    r = make_report((TEXTS / "checks_masked.txt").read_text("utf-8"))
    out = run("provenance.template_site", r)
    assert len(out) == 1 and {e.quote for e in out[0].evidence} >= {"小编", "供大家参考"}
    clean = make_report("2023年，我县推进法治政府建设，规范文件管理，示范文明创建。")
    assert run("provenance.template_site", clean) == []
    clean.removed.append(Removed("template_site", "投稿作者:网友投稿", 0))
    out = run("provenance.template_site", clean)
    assert len(out) == 1 and out[0].evidence[0].removed and out[0].evidence[0].quote == "投稿作者:网友投稿"


def test_web_chrome_info_when_removed_minor_when_left():
    r = make_report("2023年，我县推进法治政府建设。")
    assert run("provenance.web_chrome", r) == []
    r.removed.append(Removed("footer", "网站地图 联系我们", len(r.text)))
    out = run("provenance.web_chrome", r)
    assert len(out) == 1 and out[0].severity == "info" and out[0].evidence[0].removed
    r = make_report((TEXTS / "checks_masked.txt").read_text("utf-8"))
    out = run("provenance.web_chrome", r)
    assert len(out) == 1 and out[0].severity == "minor" and out[0].evidence[0].quote == "网站地图 联系我们"


def test_vague_shortcomings():
    vague = ("二、存在的问题\n一是统筹协调合力不足，工作推进不平衡。二是严格规范公正文明执法还需持续加强，"
             "行政执法“三项制度”落实仍不够到位。三是法治宣传方式不够灵活。\n")
    r = make_report(vague, parts=PARTS)
    out = run("quality.vague_shortcomings", r)
    assert len(out) == 1 and out[0].evidence[0].quote == "二、存在的问题"
    for specific in ("全年评查发现不合格案卷11卷。", "食品药品、医疗器械、特种设备等领域专业人员缺乏。",
                     "《县行政执法公示办法》尚未修订。"):
        r = make_report(vague + specific + "\n", parts=PARTS)
        assert run("quality.vague_shortcomings", r) == [], specific


def test_plan_without_targets():
    vague = "三、下一步工作措施\n一是完善工作机制，抓好关键环节。二是强化责任落实，加大监督检查。三是加强宣传教育。\n"
    r = make_report(vague, parts=PARTS)
    out = run("quality.plan_without_targets", r)
    assert len(out) == 1 and out[0].severity == "info"
    for target in ("年底前出台重大行政决策事项目录。", "负责人出庭应诉率达到90%。", "制定《行政执法能力提升方案》。"):
        r = make_report(vague + target + "\n", parts=PARTS)
        assert run("quality.plan_without_targets", r) == [], target
    # no plan part: nothing to judge here (structure.missing_part says it)
    assert run("quality.plan_without_targets", make_report("一、主要举措\n办理案件。\n")) == []


def rules(r, rule: str):
    return [f for f in r.findings if f.rule == rule]




# -- provenance.web_chrome: 发布时间/来源 is metadata, a pager is residue -------------------------
def test_publication_line_alone_is_not_web_chrome() -> None:
    text = ("松川市2023年法治政府建设年度报告\n发布时间：2024-03-28 10:15　　来源：松川市司法局　　作者：王明\n"
            + BODY + "中共松川市委　松川市人民政府\n2024年2月26日\n")
    r = analyze_text(text)
    assert r.meta.publish_date == "2024-03-28"
    assert rules(r, "provenance.web_chrome") == []


def test_pager_and_widget_inside_the_text_are_web_chrome() -> None:
    text = ("松川市2023年法治政府建设年度报告\n发布时间：2024-03-28　　来源：松川市司法局\n"
            + BODY.replace("审结110件。\n", "审结110件。\n上一页 1 2 下一页\n")
            + "中共松川市委　松川市人民政府\n2024年2月26日\n")
    r = analyze_text(text)
    out = rules(r, "provenance.web_chrome")
    assert len(out) == 1
    assert any("上一页" in e.quote for e in out[0].evidence)
    assert not any("发布时间" in e.quote for e in out[0].evidence)


def test_a_quoted_residue_cut_short_ends_in_an_ellipsis():
    """The message quotes a long residue line cut with …, not inside a word without a mark
    (“您的位置：首页 > 政务公开 > 法治政” read as if the page said 法治政)."""
    import re

    from fazhi.api import analyze_text
    text = ("您的位置：首页 > 政务公开 > 法治政府建设专栏 > 年度报告\n青石县2023年法治政府建设年度报告\n"
            "一、主要举措和成效\n全年办理行政复议案件12件。\n二、存在的不足和原因\n执法力量不足，原因是编制少。\n"
            "三、2024年工作安排\n加强执法队伍建设。\n")
    r = analyze_text(text, path="x.html")
    msgs = [f.message for f in r.findings if f.rule == "provenance.web_chrome"]
    for q in (q for m in msgs for q in re.findall(r"“([^”]*)”", m)):
        assert q.endswith("…") or q in text, q
