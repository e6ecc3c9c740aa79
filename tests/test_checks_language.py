"""checks/language.py: proofreading rules, each with team-written texts that must fire and
texts that must not."""
from __future__ import annotations

import re

import pytest
from checks_helpers import make_report

from fazhi.checks import get_rule, run_rule
from fazhi.config import Config
from fazhi.review import verdict


def run(rule_id: str, text: str, **meta):
    meta.setdefault("kind", "report")
    r = make_report(text, **meta)
    out = run_rule(get_rule(rule_id), r, Config.default())
    for f in out:                                  # every quote is the text at its offsets
        for e in f.evidence:
            assert r.text[e.start:e.end] == e.quote
    return out


def quotes(out) -> list[str]:
    return [e.quote for f in out for e in f.evidence]


# -- punctuation pairs ------------------------------------------------------------------------

@pytest.mark.parametrize("text, mark", [
    ("认真落实《青石县法治宣传教育规划的各项任务。\n下一段。", "《"),
    ("全县开展“法律进乡村活动12场。\n下一段。", "“"),
    ("召开常务会议（第5次专题研究法治工作。\n下一段。", "（"),
    ("建成公共法律服务站28个）。\n下一段。", "）"),
    ("完成规范性文件清理（共清理36件)。\n下一段。", "（"),       # full-width opened, half-width closed
    ("开展“宪法宣传周’活动。\n下一段。", "“"),                 # double quote closed by a single one
])
def test_pairing_fires(text, mark):
    out = run("language.punct_pairing", text)
    assert len(out) == 1 and (quotes(out)[0].startswith(mark) or quotes(out)[0].endswith(mark))
    assert out[0].severity == "minor"


@pytest.mark.parametrize("text", [
    "认真落实《青石县法治宣传教育规划（2021—2025年）》，开展“法律进乡村”活动12场。\n下一段。",
    "1）完善行政决策程序。\n2）加强执法监督。",                  # list markers
    "深入学习《中华人民共和国\n行政复议法》，全员参加考试。\n下一段。",   # a title wrapped over two lines
    "依照《政府信息公开条例》国务(wù)院令第711号)执行。\n下一段。",  # pinyin inserted by a conversion
    "“中国’99园艺博览会”如期举办。\n下一段。",                 # ’99 is an apostrophe
    "全县开展“法律进乡村",                                    # an excerpt cut mid-sentence
])
def test_pairing_quiet(text):
    assert run("language.punct_pairing", text) == []


# -- half-width and doubled marks ---------------------------------------------------------

def test_halfwidth_fires_among_fullwidth():
    text = "全面推进依法行政，加快建设法治政府,深化“放管服”改革；持续优化营商环境，提升服务水平。"
    out = run("language.halfwidth_punct", text)
    assert len(out) == 1 and out[0].severity == "info"
    assert "," in quotes(out)[0] and "1处" in out[0].message


def test_halfwidth_quiet():
    # numbers, times and English keep half-width marks
    assert run("language.halfwidth_punct", "全年完成1,234件，上午9:30召开会议，参加Web,App培训。") == []
    # a text whose commas are all half-width went through a width normalisation: not the drafter's
    assert run("language.halfwidth_punct", "全面推进依法行政,加快建设法治政府,深化改革。") == []


def test_doubled_fires_and_quiet():
    out = run("language.doubled_punct", "全年办理行政复议案件12件，，均按期办结。。")
    assert [f.message for f in out] == ["标点“，，”重复。", "标点“。。”重复。"]
    assert run("language.doubled_punct", "这是为什么？？我们要问……依法办事！！") == []
    assert run("language.doubled_punct", "全年办理案件12件，均按期办结。") == []


# -- numbers ---------------------------------------------------------------------------

def test_number_form_fires():
    out = run("language.number_form", "全年开展普法活动3千余场，覆盖群众1万2千人，于二0二三年完成。")
    assert [q.strip() for q in quotes(out)] and len(out) == 3
    assert {f.message.split("”")[0][1:] for f in out} == {"3千余", "1万2千", "二0二三年"}


def test_number_form_quiet():
    text = "全年开展普法活动3000余场，覆盖群众1.2万人，新建道路5千米，二〇二三年完成，百分之九十五。"
    assert run("language.number_form", text) == []


# -- repeated words --------------------------------------------------------------------

def test_repeated_fires():
    out = run("language.repeated_word", "进一步进一步规范行政执法行为，落实的的责任，加强加强监督。")
    assert {f.message for f in out} == {"“进一步”重复了一次。", "“的”重复了一次。", "“加强”重复了一次。"}


def test_repeated_quiet():
    text = ("以增强体质为目的的活动，实实在在的成效，和和平发展，参与与配合，为了了解情况，"
            "现在在押人员，一个一个落实，的的确确，研究研究。")
    assert run("language.repeated_word", text) == []


# -- typos -----------------------------------------------------------------------------

def test_typo_fires():
    text = "深入学习贯彻党的十九界五中全会精神，加快建设法制政府，艰持依法行政，截止2023年底完成，增强防犯意识。"
    out = run("language.typo", text)
    fixes = [f.data["right"] for f in out]
    assert fixes == ["十九届", "法治政府", "坚持", "截至", "防范"]


def test_typo_quiet():
    text = ("加强法制建设，完善法制宣传教育，社会各界广泛参与，坚持攻坚，报名截止日期为3月1日，"
            "截止到年底，边界清晰，建立权力清单和责任清单，预防犯罪，严防犯错。")
    assert run("language.typo", text) == []


# -- standard names --------------------------------------------------------------------

def test_standard_name_fires():
    text = ("深入学习习近平法制思想，贯彻党的十九大五中全会精神，落实《法治政府建设实施纲要（2021-2026年）》，"
            "对照《法治政府建设实施纲要》开展自查。")
    out = run("language.standard_name", text, report_year=2022)
    rights = [f.data["right"] for f in out]
    assert rights == ["习近平法治思想", "十九届五中全会", "《法治政府建设实施纲要（2021—2025年）》",
                      "《法治政府建设实施纲要（2021—2025年）》"]
    assert {f.severity for f in out} == {"minor", "info"}


def test_standard_name_quiet():
    text = ("深入学习习近平法治思想，贯彻党的十九届五中全会精神，落实《法治政府建设实施纲要（2021—2025年）》"
            "和《法治中国建设规划(2020-2025年)》，把落实中央和省《法治政府建设实施纲要》作为重要任务。")
    assert run("language.standard_name", text, report_year=2022) == []
    # which edition a bare title means depends on the year: unknown year, no finding
    assert run("language.standard_name", "对照《法治政府建设实施纲要》开展自查。") == []


def test_anachronism_fires():
    out = run("language.name_anachronism", "深入学习贯彻党的十九届五中全会精神，推进依法行政。", report_year=2019)
    assert len(out) == 1 and "2020年10月" in out[0].message
    out = run("language.name_anachronism", "规范性文件由县法制办进行合法性审核。", report_year=2023)
    assert len(out) == 1 and "司法局" in out[0].message


def test_anachronism_quiet():
    # a meeting held before the report was written; a report on 2020 citing 2021-01 documents
    assert run("language.name_anachronism", "深入学习贯彻党的十九届五中全会精神。", report_year=2020) == []
    assert run("language.name_anachronism", "以优异成绩迎接党的二十大胜利召开。", report_year=2021) == []
    # the old body named as what it was, or in a report before the reform was done
    assert run("language.name_anachronism", "原县法制办的职责划入县司法局。", report_year=2023) == []
    assert run("language.name_anachronism", "规范性文件由县法制办进行合法性审核。", report_year=2017) == []
    assert run("language.name_anachronism", "县生态环境保护局开展执法检查。", report_year=2023) == []
    # not a report (news, articles): no report year to judge by
    assert run("language.name_anachronism", "县法制办进行合法性审核。", report_year=2023, kind="news") == []


def test_proofreading_never_fails_a_report():
    from fazhi.model import Finding
    r = make_report("青石县2023年法治政府建设年度报告\n全年办理案件12件，，均按期办结。", kind="report",
                    report_year=2023)
    r.findings = [Finding(rule="language.doubled_punct", severity="minor", message="x")] * 30
    label, _ = verdict(r, Config.default())
    assert label != "不合格"
    assert all(get_rule(i).severity in ("minor", "info") for i in
               ("language.punct_pairing", "language.halfwidth_punct", "language.doubled_punct",
                "language.number_form", "language.repeated_word", "language.typo",
                "language.standard_name", "language.name_anachronism"))


def test_quote_turned_the_wrong_way_is_one_finding():
    out = run("language.punct_pairing", "开展”宪法进万家”活动。\n下一段。")
    assert len(out) == 1 and "方向" in out[0].message and quotes(out) == ["”宪法进万家”"]


def test_title_spaces_are_not_judged():
    text = "落实《法治政府建设实施纲要( 2021-2025 年)》和《法治中国建设规划（20202025年）》。"
    assert run("language.standard_name", text, report_year=2022) == []


def test_opener_of_another_kind_is_one_finding():
    out = run("language.punct_pairing", "全面落实“青石县规划纲要》，把“三农”放在首位。\n下一段。")
    assert len(out) == 1 and "不成对" in out[0].message and quotes(out) == ["“青石县规划纲要》"]


def test_every_rule_example_fires():
    from fazhi.checks import all_rules
    for r in all_rules():
        if r.family != "language":
            continue
        for example in r.example.split("；"):
            body = example.split("写“", 1)[-1].split("”（")[0].rstrip("”。") if "写“" in example else example
            year = 2019 if "2019" in example else 2023
            assert run(r.id, body + "\n下一段。", report_year=year), (r.id, body)


def test_a_meeting_after_the_report_was_written():
    out = run("language.name_anachronism", "深入学习贯彻党的十九届六中全会精神和中央全面依法治国工作会议精神。",
              report_year=2019)
    assert [f.data["name"] for f in out] == ["ccp_19_6", "central_rule_of_law_work_conference"]


# the number-form pattern as first written (tried at every position); language.MIXED is the
# same pattern with each look-behind after the first character
_PLAIN_MIXED = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?万\d+[千百](?:余|多)?"
    r"|(?<![\d.万])\d+(?:\.\d+)?[千百](?![米克瓦伏帕兆赫分])(?:余|多)?"
    r"|(?<![〇零一二三四五六七八九\d])(?=[二〇零一三四五六七八九0OoО]{4}年)"
    r"(?=[^\n]{0,4}[0OoО])(?=[^\n]{0,4}[〇零一二三四五六七八九])[二〇零一三四五六七八九0OoО]{4}年")


def test_number_form_pattern_matches_the_plain_form():
    import random
    from fazhi.checks.language import MIXED
    rnd = random.Random(7)
    n_hits = 0
    for alpha in ("二〇零一0OoО年\n5三", "12.万千百余多米a", "1〇二0O年万千.", "0123456789.万千百余多二〇零一三OО年米克个\n，１"):
        for _ in range(4000):
            t = "".join(rnd.choice(alpha) for _ in range(rnd.randrange(1, 12)))
            want = [m.span() for m in _PLAIN_MIXED.finditer(t)]
            assert [m.span() for m in MIXED.finditer(t)] == want, t
            n_hits += len(want)
    assert n_hits > 1000


def test_pair_scan_skips_only_plain_characters():
    from fazhi.checks.language import _pair_scan
    assert _pair_scan("见《纲要（2021—2025年）》和“八五”普法") == ([], [], [])
    assert _pair_scan("1）加强“领导（组织") == ([4, 7], [], [])
    assert _pair_scan("落实《纲要”的任务") == ([], [], [(2, 5)])


def test_repeats_are_the_patterns_matches():
    """_repeats gives REPEAT_CHAR's then REPEAT_WORD's finditer matches, found faster."""
    import random
    from fazhi.checks.language import REPEAT_CHAR, REPEAT_WORD, _repeats
    rnd = random.Random(9)
    pieces = ["加强", "推进", "进一步", "的", "和", "工作", "法治", "a", "一", "，", "目", "确", "平", "进", "一步"]
    n_hits = 0
    for _ in range(5000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 12)))
        want = [(m.start(), m.end(), m.group(1) or m.group(2))
                for rx in (REPEAT_CHAR, REPEAT_WORD) for m in rx.finditer(t)]
        assert list(_repeats(t)) == want, t
        n_hits += len(want)
    assert n_hits > 500


def test_literal_cue_is_in_every_match():
    from fazhi.checks.language import _literal_cue
    assert _literal_cue("习近平(?:总书记|同志)?法[治制]思想") == "习近平"
    assert _literal_cue("法制中国(?!建设规划)") == "法制中国"
    assert _literal_cue("《示例规划[^》]{0,16}》") == "《示例规划"
    assert _literal_cue("ab?c") == "a" and _literal_cue("x{2}y") == "" and _literal_cue("a\\.b") == "a"
    assert _literal_cue("(?<!生态)环境局|环保局") == ""       # an alternative at the top level
    assert _literal_cue("(?:甲|乙)丙") == ""
