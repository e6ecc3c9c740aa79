"""Search segmentation: real prose is segmented exactly as jieba does it; pathological runs are bounded."""
from __future__ import annotations

import jieba

from conftest import ROOT
from fazhi.corpus import search


def test_tokens_equal_plain_jieba_on_real_reports():
    text = (ROOT / "examples").glob("*.txt").__next__().read_text("utf-8")
    plain = [t.lower() for t in jieba.cut_for_search(text) if search._TOKEN.search(t)]
    assert search.tokens(text) == plain


def test_a_run_without_punctuation_is_cut_not_fed_whole():
    toks = search.tokens("法治" * 1000 + "a" * 100_000)   # one jieba block of 102,000 characters
    assert "法治" in toks
    assert max(len(t) for t in toks) <= 256
