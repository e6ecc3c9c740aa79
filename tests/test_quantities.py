"""The quantity grammar: values, units, qualifiers, and things that are not quantities."""
from __future__ import annotations

import pytest

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
