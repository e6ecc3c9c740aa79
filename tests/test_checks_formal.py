"""structure.formal_elements: a report without its title, 落款 (signature organ) or 成文日期 is a
finding; a page opening cut short is not faulted for its missing end; only documents classified
as reports. The opinion does not claim the deadline was checked on an undated report. Short
texts written for these tests (fictional places)."""
from __future__ import annotations

import fazhi
from fazhi.checks.structure import cut_short
from fazhi.render.opinion import build_opinion, intro_sentence

BODY = ("一、主要举措和成效\n"
        "2023年，全县深入推进依法行政，受理行政复议案件12件。\n"
        "二、存在的不足和原因\n"
        "执法人员专业素养有待提高，主要原因是培训不够系统。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "县政府主要负责人主持研究法治政府建设工作3次。\n"
        "四、下一年度工作安排\n"
        "2024年，将继续加强行政执法队伍建设。\n")
TITLE = "青川县2023年法治政府建设年度报告\n"
SIGNATURE = "青川县人民政府\n2024年2月18日\n"


def _analyze(text: str):
    return fazhi.analyze(text.encode("utf-8"), path="qingchuan.txt")


def _formal(r):
    return [f for f in r.findings if f.rule == "structure.formal_elements"]


def test_complete_report_has_no_finding():
    r = _analyze(TITLE + BODY + SIGNATURE)
    assert r.meta.kind == "report" and r.meta.report_date == "2024-02-18"
    assert _formal(r) == []
    assert "年度与时限" in intro_sentence(build_opinion(r))


def test_missing_signature_and_date():
    r = _analyze(TITLE + BODY)
    [f] = _formal(r)
    assert f.data["missing"] == ["signature", "report_date"]
    assert "无法核对报告是否在规定时限内报送" in f.message
    # evidence: the last line, where the 落款 should be
    assert f.evidence and f.evidence[0].quote == "2024年，将继续加强行政执法队伍建设。"
    assert r.text[f.evidence[0].start:f.evidence[0].end] == f.evidence[0].quote
    # the opinion says the deadline could not be checked instead of claiming it was
    intro = intro_sentence(build_opinion(r))
    assert "年度与时限" not in intro and "时限无法核对" in intro


def test_opinion_without_report_year_does_not_claim_the_deadline_checked():
    r = _analyze(TITLE + BODY + SIGNATURE)
    r.meta.report_year = None
    intro = intro_sentence(build_opinion(r))
    assert "年度与时限" not in intro and "未写明所报告的年度" in intro


def test_date_without_organ():
    r = _analyze(TITLE + BODY + "2024年2月18日\n")
    [f] = _formal(r)
    assert f.data["missing"] == ["signature"]
    assert "时限" not in f.message
    assert "年度与时限" in intro_sentence(build_opinion(r))


def test_missing_title_only():
    opening = "2023年，青川县全面推进法治政府建设，现将有关情况报告如下。\n"
    r = _analyze(opening + BODY + SIGNATURE)
    assert r.meta.kind == "report" and r.meta.title is None
    [f] = _formal(r)
    assert f.data["missing"] == ["title"]
    assert f.evidence[0].quote.startswith("2023年，青川县全面推进法治政府建设")


def test_opening_cut_short_is_not_faulted_for_its_end():
    text = TITLE + BODY.rsplit("\n", 3)[0] + "\n四、下一年度工作安排\n2024年，将继续加强行政执法队伍"
    r = _analyze(text)
    assert cut_short(r)
    assert _formal(r) == []
    # nor one that stops at a heading, nor one without its title that stops mid-sentence
    r = _analyze(TITLE + BODY.rsplit("\n", 2)[0] + "\n")
    assert cut_short(r) and _formal(r) == []
    assert _formal(_analyze(BODY + "四、下一年度工作安排\n2024年，将继续加强")) == []
    # a numbered heading fused at the end of the last line
    r = _analyze(TITLE + BODY.rsplit("\n", 3)[0] + "县政府强化统筹。（二）全面推进职能转变。\n")
    assert cut_short(r) and _formal(r) == []
    # the same text complete but unsigned is faulted
    assert not cut_short(_analyze(TITLE + BODY))


def test_only_reports():
    news = ("青川县召开法治政府建设推进会\n"
            "3月5日，青川县召开法治政府建设推进会，部署全年工作。会议要求各部门认真落实。\n")
    r = _analyze(news)
    assert r.meta.kind != "report"
    assert _formal(r) == []


def test_rule_is_registered():
    from fazhi.checks import get_rule
    info = get_rule("structure.formal_elements")
    assert info.family == "structure" and info.severity == "minor"
