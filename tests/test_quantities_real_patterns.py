"""Quantity grammar: patterns met on real pages (team-written texts), each with a must-read
and a must-not-read case."""
from __future__ import annotations

import pytest

from fazhi.extract.quantities import find_quantities


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
