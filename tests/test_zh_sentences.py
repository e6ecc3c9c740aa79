"""Where a sentence ends in the normalised view, written once (zh/sentences.py)."""
import re

from fazhi.zh.sentences import SENT_END, SENT_STOPS


def test_a_sentence_ends_at_a_stop_or_a_line_break():
    assert [m.group() for m in SENT_END.finditer("甲。乙!丙?丁\n戊；己,庚")] == ["。", "!", "?", "\n"]
    assert re.fullmatch(rf"[^{SENT_STOPS}]*", "建成三处,完成两项；")


def test_first_clauses_end_between_clauses_never_inside_a_word():
    from fazhi.zh.sentences import first_clauses
    msg = ("文本转载自范文/模板网站，发现1处网站残留（已由导入步骤清除），如“当前隐藏内容免费查看”。"
           "这不是机关正式发布的报告，内容可能被改写。")
    assert first_clauses(msg) == "文本转载自范文/模板网站，发现1处网站残留（已由导入步骤清除），如“当前隐藏内容免费查看”"
    long = "报告中“行政复议案件纠错率、行政机关负责人出庭应诉率”两项数据，与上一年度报告所列数值完全一致，未作更新，" * 2
    out = first_clauses(long)
    assert out.endswith("…") and out[-2] not in "“”" and out.count("“") == out.count("”")
    assert first_clauses("短句。后句") == "短句"
