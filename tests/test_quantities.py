"""extract/quantities.py, the quantity grammar: values, units, qualifiers, and things that are not
quantities; patterns met on real pages (team-written texts), each with a must-read and a
must-not-read case."""
from __future__ import annotations

import pytest

from fazhi import analyze_text
from fazhi.extract.quantities import find_quantities
from fazhi.model import Report
from fazhi.textnorm import normalize_view


def one(text: str):
    qs = find_quantities(normalize_view(text))
    assert len(qs) == 1, [text[q.start:q.end] for q in qs]
    return qs[0]


@pytest.mark.parametrize("text,value,unit,kind,approx,qualifier", [
    ("共受理行政复议案件15件", 15, "件", "count", False, None),
    ("涉及二十三个部门", 23, "个", "count", False, None),
    ("培训一千二百人", 1200, "人", "count", False, None),
    ("组建两家机构", 2, "家", "count", False, None),
    ("召开会议十余次", 10, "次", "count", True, "余"),
    ("发放宣传手册1.3万余份", 13000, "份", "count", True, "余"),
    ("查出问题资金52.31亿元", 5231000000, "元", "money", False, None),
    ("实际利用外资2.36亿美元", 236000000, "美元", "money", False, None),   # its own currency
    ("吸引港资3500万港元", 35000000, "港元", "money", False, None),
    ("涉及金额1728.7万元", 17287000, "元", "money", False, None),
    ("办结率为91.8%", 91.8, "%", "rate", False, None),
    ("满意率达到百分之九十五", 95, "%", "rate", False, None),
    ("同比提高2.3个百分点", 2.3, "个百分点", "ratio", False, None),
    ("办理时限为5个工作日", 5, "个工作日", "duration", False, None),
    ("平均用时45.48天", 45.48, "天", "duration", False, None),
    ("安排近300名律师", 300, "名", "count", True, "近"),
    ("出庭应诉比例约37%", 37, "%", "rate", True, "约"),
    ("开展活动3700多场", 3700, "场", "count", True, "多"),
    ("得分达到90%以上", 90, "%", "rate", True, "以上"),
    ("参加人数超过500人", 500, "人", "count", True, "超过"),
    ("培训200人左右", 200, "人", "count", True, "左右"),
    ("共办理1,156件", 1156, "件", "count", False, None),
    ("共办理1，156件", 1156, "件", "count", False, None),
    ("接待群众4797人次", 4797, "人次", "count", False, None),
    ("参与师生6.7万人", 67000, "人", "count", False, None),
])
def test_values(text, value, unit, kind, approx, qualifier):
    q = one(text)
    assert q.value == value and type(q.value) is type(value)
    assert (q.unit, q.kind, q.approx, q.qualifier) == (unit, kind, approx, qualifier)


def test_range_keeps_first_bound():
    q = one("在3至5天内办结")
    assert (q.value, q.upper, q.unit, q.kind, q.qualifier, q.approx) == (3, 5, "天", "duration", "范围", True)
    q = one("压缩至2-3个工作日")
    assert (q.value, q.upper, q.unit) == (2, 3, "个工作日")


@pytest.mark.parametrize("text", [
    "2022年", "2023年2月1日", "12月7日前", "二〇二二年", "〔2022〕14号", "晋法治办〔2022〕14号",
    "区委十四届第140次常委会", "公布第二批名单", "区政府第81次常务会", "联系电话:0357-6222148",
    "晋ICP备12000921号", "持续扩大12345政府服务热线", "市“12345”政府服务热线", "三项制度",
    "五个坚决防止", "“1+3”文件", "511集中放权", "“1355”战略", "增强“四个意识”", "做到“两个维护”",
    "三集中三到位", "一窗受理", "一次办", "七五普法", "八五普法", "“十四五”", "按照“3221”标准",
    "党的二十大", "十九届五中全会", "1366*768分辨率", "12·4宪法宣传周", "一带一路", "废止一批文件",
    "一是加强领导", "一站式服务", "一网通办", "三级政务服务体系", "行政执法质量三年行动",
    "《实施纲要（2021—2025年）》", "千人拥有市场主体", "只进一扇门一个窗口", "一起推进",
    "狠抓行政执法三项制度落实", "“三个形象”", "晋公网安备 14102402000402号", "IE10.0或以上浏览器",
    "五年规划纲要", "建立“两清单一台账”", "严格实行收支两条线管理", "无1件出现合法性问题",
])
def test_not_quantities(text):
    assert find_quantities(normalize_view(text)) == [], text


def test_offsets_in_text_with_full_width_digits():
    text = "共受理案件１５件，办结率９１．８％，其中１，２３４人次。"
    r = Report(text=text)
    qs = find_quantities(r.norm)
    assert [text[q.start:q.end] for q in qs] == ["１５件", "９１．８％", "１，２３４人次"]
    assert [q.value for q in qs] == [15, 91.8, 1234]


def test_ordinal_and_ranked_numbers_are_skipped_but_neighbours_kept():
    qs = find_quantities(normalize_view("第一剂545463人，完成两剂接种的542361人"))
    assert [q.value for q in qs] == [545463, 2, 542361]


# ------------------------------------------------------------------ Chinese numeral grammar
@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("全县共有两万三千人参加学法考试", 23000, "人", None),
    ("群众满意率达到百分之百", 100, "%", None),
    ("满意度达到百分之一百", 100, "%", None),
    ("全县高标准农田三千六百四十八万四千亩", 36484000, "亩", None),
    ("网上办件量同比增长百分之一百四十三点五", 143.5, "%", None),
    ("纠错率为百分之零点五", 0.5, "%", None),
    ("接待来访群众一万零五百人次", 10500, "人次", None),
    ("普法受众十二万三千四百五十六人次", 123456, "人次", None),
    ("受理纠纷四万五千六百件", 45600, "件", None),
    ("登记社会组织一千零一十个", 1010, "个", None),
    ("投入经费一亿二千万元", 120000000, "元", None),
    ("投入经费2亿3000万元", 230000000, "元", None),
    ("挽回经济损失一点二三亿元", 123000000, "元", None),
    ("挽回经济损失三点五亿元", 350000000, "元", None),
    ("安排专项资金三千余万元", 30000000, "元", "余"),
    ("覆盖二十多万人", 200000, "人", "多"),
    ("出庭应诉率提高一个百分点", 1, "个百分点", None),
    ("近两百人参加", 200, "人", "近"),
    ("超过百分之九十", 90, "%", "超过"),
])
def test_chinese_numeral_sections(text, value, unit, qualifier):
    q = one(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)
    # the span covers the whole numeral, not only its last section
    assert text[q.start:q.end].endswith(unit if unit != "%" else text[-1])


@pytest.mark.parametrize("text", ["三五个人一组", "二〇二二年十二月", "十几个部门"])
def test_side_by_side_digit_words_are_not_a_number(text):
    assert find_quantities(normalize_view(text)) == []


@pytest.mark.parametrize("text,value,upper,unit,qualifier", [
    ("比上年提高10%—20%", 10, 20, "%", "范围"),
    ("压减2%-3%", 2, 3, "%", "范围"),
    ("受益群众近万人", 10000, None, "人", "近"),
    ("逾千人参加培训", 1000, None, "人", "逾"),
    ("实现旁听庭审副职5年全覆盖", 5, None, "年", None),
])
def test_percent_ranges_bare_scales_and_durations(text, value, upper, unit, qualifier):
    q = one(text)
    assert (q.value, q.upper, q.unit, q.qualifier) == (value, upper, unit, qualifier)


def test_two_rates_in_a_list_stay_two():
    qs = find_quantities(normalize_view("占比10%，20%的人参加"))
    assert [q.value for q in qs] == [10, 20] and all(q.upper is None for q in qs)


def test_per_mille_in_words():
    q = one("刑事案件发案率控制在千分之三以内")
    assert (q.value, q.unit, q.kind) == (3, "‰", "rate")
    assert find_quantities(normalize_view("惠及千家万户")) == []


# -- categories counted: 3大类 ------------------------------------------------------------
def test_categories_counted():
    norm = normalize_view("将职责细化为4大类、60项措施。")
    qs = [(norm[q.start:q.end], q.value) for q in find_quantities(norm)]
    assert qs == [("4大类", 4), ("60项", 60)]


def test_tools_counted_in_ba_but_not_the_head_of_an_organ() -> None:
    r = analyze_text("储备风力灭火机860台、二号工具1.2万把。单位一把手带头述法，二是把法治建设摆在突出位置。\n")
    assert [(f.quote, f.value, f.unit) for f in r.facts] == [("860台", 860, "台"), ("1.2万把", 12000, "把")]


def read(text: str) -> list[tuple[str, float, str, bool]]:
    return [(text[q.start:q.end], q.value, q.unit, q.approx) for q in find_quantities(text)]


# -- scores in 分 --------------------------------------------------------------------------
@pytest.mark.parametrize("text,want", [
    ("青川县考核总分为712.45分，位列第二。", [("712.45分", 712.45, "分", False)]),
    ("全县治安评价得分91.07分，同比上升0.35分。",
     [("91.07分", 91.07, "分", False), ("0.35分", 0.35, "分", False)]),
    ("最高分86.125分，最低分70.5分；", [("86.125分", 86.125, "分", False), ("70.5分", 70.5, "分", False)]),
    ("指标总分值为100分；", [("100分", 100, "分", False)]),
    ("得分90分以上的单位有5个。", [("90分以上", 90, "分", True), ("5个", 5, "个", False)]),
])
def test_score_in_fen_is_read(text, want):
    assert read(text) == want


@pytest.mark.parametrize("text", [
    "青川县公安分局3名民警",          # 分局: 3名 only
    "会议于上午9时30分召开。",        # a time
    "三分之一的事项",                 # a fraction word
    "实行分类分级处置。",
    "得分九十分，",                   # Chinese numerals are not read for 分
])
def test_fen_that_is_no_score_is_not_read(text):
    assert all(u != "分" for _, _, u, _ in read(text))


# -- pairs in 对 ---------------------------------------------------------------------------
def test_pairs_in_dui_are_read():
    assert read("全年办理婚姻登记860对，服务便捷。") == [("860对", 860, "对", False)]


@pytest.mark.parametrize("text,want", [
    ("开展1对1帮扶。", []),
    ("召开对接会3次。", [("3次", 3, "次", False)]),
    ("12345对接群众诉求", []),
])
def test_dui_as_preposition_is_not_read(text, want):
    assert read(text) == want


# -- a space before the unit -------------------------------------------------------------
@pytest.mark.parametrize("text,want", [
    ("提请审议地方性法规 9 件，数量创新高。", [("9 件", 9, "件", False)]),
    ("开展述法人数共85 人；", [("85 人", 85, "人", False)]),
])
def test_space_before_unit_at_clause_end_is_read(text, want):
    assert read(text) == want


@pytest.mark.parametrize("text", ["附件 1 个人信息登记表", "表 2 人员名单", "2023 年工作"])
def test_space_before_unit_inside_a_phrase_is_not_read(text):
    assert read(text) == []


# -- a bare scale with 余/多 ----------------------------------------------------------------
@pytest.mark.parametrize("text,want", [
    ("办理咨询百余件，", [("百余件", 100, "件", True)]),
    ("培训干部千余人次。", [("千余人次", 1000, "人次", True)]),
    ("惠及群众万余人，", [("万余人", 10000, "人", True)]),
])
def test_bare_scale_with_yu_is_read(text, want):
    assert read(text) == want


@pytest.mark.parametrize("text", ["办理数百余件", "召开百人大会", "千余年历史"])
def test_bare_scale_without_a_count_is_not_read(text):
    assert read(text) == []


# -- more units -----------------------------------------------------------------------------
def test_posters_boards_and_metres():
    assert read("张贴海报300幅、设置展板20块，整治河道500米。") == [
        ("300幅", 300, "幅", False), ("20块", 20, "块", False), ("500米", 500, "米", False)]


# -- a name right after the quantity (the _BAD_AFTER rule applied at its position) -----------
@pytest.mark.parametrize("text", ["完成3个行动方案。", "实施5个攻坚项目", "编制2个规划纲要"])
def test_quantity_glued_to_a_name_is_not_read(text):
    assert read(text) == []


@pytest.mark.parametrize("text,want", [
    ("共设8项1级指标。", [("8项", 8, "项", False)]),
    ("立案查处45件52人，", [("45件", 45, "件", False), ("52人", 52, "人", False)]),
    ("覆盖30个部门120个计划。", [("30个", 30, "个", False), ("120个", 120, "个", False)]),
])
def test_quantity_followed_by_digits_or_plans_is_read(text, want):
    assert read(text) == want


# -- pinyin left by a broken traditional-character conversion ------------------------------
@pytest.mark.parametrize("text,want", [
    ("培训1.2万(wàn)人次，", [("1.2万(wàn)人次", 12000, "人次", False)]),
    ("开展讲座30余(yú)场，", [("30余(yú)场", 30, "场", True)]),
    ("推荐了16个(gè)部门", [("16个", 16, "个", False)]),
])
def test_pinyin_after_scale_or_yu_is_read_through(text, want):
    assert read(text) == want


def test_pinyin_before_a_number_is_no_quantity():
    assert read("严(yán)格把关(guān)") == []


# -- English copies ---------------------------------------------------------------------------
def test_english_count_of_a_listed_noun():
    text = "A training session was held, with 12,500 leaders and cadres attending."
    assert read(text) == [("12,500 leaders", 12500, "人", False)]


@pytest.mark.parametrize("text", ["Report on the 2024 Government work", "Section 3 of the plan was held"])
def test_english_numbers_before_other_words_are_not_read(text):
    assert read(text) == []


def test_age_in_zhousui():
    assert read("年满60周岁的老人") == [("60周岁", 60, "周岁", False)]


# -- spaces around a scale word or after an approximation word --------------------------------
@pytest.mark.parametrize("text,want", [
    ("培训干部1.2 万人次，", [("1.2 万人次", 12000, "人次", False)]),
    ("涉案金额 52.3 亿元，", [("52.3 亿元", 5230000000, "元", False)]),
    ("办理咨询120 余件，", [("120 余件", 120, "件", True)]),
    ("参训人员约 3000 人。", [("约 3000 人", 3000, "人", True)]),
])
def test_spaces_around_scale_and_after_approximation(text, want):
    assert read(text) == want


@pytest.mark.parametrize("text", ["约 3000 人员名单", "2022 万人大会"])
def test_spaced_figure_inside_a_phrase_is_not_read(text):
    assert read(text) == []
