"""Where a sentence ends in the normalised view, written once (zh/sentences.py)."""
import re

from fazhi.zh.sentences import SENT_END, SENT_STOPS


def test_a_sentence_ends_at_a_stop_or_a_line_break():
    assert [m.group() for m in SENT_END.finditer("甲。乙!丙?丁\n戊；己,庚")] == ["。", "!", "?", "\n"]
    assert re.fullmatch(rf"[^{SENT_STOPS}]*", "建成三处,完成两项；")
