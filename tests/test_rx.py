"""fazhi.rx.cues: every match of a pattern holds one of its cues, so a text without them is
never searched. Checked on hand-made patterns, on the chrome catalogue's patterns and on
random texts (a match never occurs in a text the cues rule out)."""
from __future__ import annotations

import random
import re

import pytest

from fazhi import catalog
from fazhi.rx import anchors, cues, finditer, may_match


@pytest.mark.parametrize("pattern, expected", [
    ("网友投稿", ("网友投稿",)),
    (r"(?:作者|来源)\s*[:：]\s*网友投稿", ("网友投稿",)),          # the longest required run
    (r"(?:查看|阅读)全文\s*[>＞»]+", ("全文",)),
    (r"(?:点击|点击数|浏览)\s*[:：]", ("点击", "浏览")),            # 点击数 holds 点击: left out
    (r"首页(?:\s*[|｜]\s*\S{1,8}){2,}", ("首页",)),
    (r"[(（](?<=[\u4e00-\u9fff][(（])[a-z]{1,6}[)）]", ("(", "（")),   # a small class
    (r"x(?:ab|cd)+y", ("ab", "cd")),
])
def test_cues_of_patterns(pattern, expected) -> None:
    assert cues(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\d+", r"[a-z]+", r"(?:ab)?c?", r"(?:ab|)x?", r"(?i)abc", r"(?i:abc)", r".{2,}", r"[^ab]",
    r"\bx?",
])
def test_no_cues_when_a_match_needs_no_fixed_character(pattern) -> None:
    assert cues(pattern) is None
    assert may_match(cues(pattern), "")


def test_ignorecase_compiled_pattern_has_no_cues() -> None:
    assert cues(re.compile("abc", re.I)) is None
    assert cues(re.compile("abc")) == ("abc",)


def _catalogue_patterns() -> list[str]:
    data = catalog.load("chrome")
    keys = ("template_inline", "widget_inline", "counter", "nav", "banner", "widget_line", "footer")
    return [p for k in keys for p in data.get(k, [])]


def test_a_text_without_the_cues_has_no_match() -> None:
    rng = random.Random(11)
    pats = _catalogue_patterns() + [r"(?:作者|来源)\s*[:：]\s*网友投稿", r"x(?:ab|cd)+y"]
    for p in pats:
        rx, cue = re.compile(p, re.M), cues(p)
        # texts made of the pattern's own characters (so that matches do occur) and a few others
        alphabet = sorted(set(re.sub(r"[\\()\[\]{}?*+|^$.:]", "", p)) | set(" \n1：:|中"))
        for _ in range(300):
            t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            if rx.search(t):
                assert may_match(cue, t), (p, t)
        # and the texts the pattern was written for: a match holds a cue
        for m in (rx.search(w) for w in data_examples()):
            if m:
                assert may_match(cue, m.group()), p


def data_examples() -> list[str]:
    return ["下面是小编为大家整理的年度报告，供大家参考。", "投稿作者：某某", "来源：网友投稿", "推荐访问：某站",
            "免费查看全文>>", "阅读全文 >", "本文来源于网络，如有侵权请联系删除。", "点击下载本文档",
            "范文网 www.example.com", "【字体：大 中 小】", "字号：大中小", "扫一扫在手机打开当前页",
            "浏览次数：123", "分享到：微信", "已有12人阅读", "当前位置：首页 > 政务公开", "首页 | 新闻 | 公开",
            "今天是2023年3月16日", "2023年3月16日 星期四", "农历癸卯年", "农历二月廿五", "打印本页",
            "网站地图", "ICP备12345678号", "版权所有"]


def test_catalogue_patterns_have_cues() -> None:
    """Every residue pattern the document prefilter reads gives cues (else its search always runs)."""
    data = catalog.load("chrome")
    for key in ("template_inline", "widget_inline", "counter"):
        for p in data[key]:
            assert cues(p), p


# -- anchored scans: rx.finditer gives what finditer gives ------------------------------------

@pytest.mark.parametrize("pattern, expected", [
    (r"(?<!a)bc", (("bc", 0, 0),)),                   # a look-behind is no width
    (r"a?bc", (("bc", 0, 1),)),
    (r"(?:x|yy)bcb", (("bcb", 1, 2),)),
    (r"(?:[一二]?十[一二三四五六七八九]?)界(?=中全会)", (("十", 0, 1), ("界", 1, 3))),
    (r"[ab]{1,3}ba", (("ba", 1, 3),)),
    (r"x?ab\d*c", (("ab", 0, 1),)),                    # c: after an unbounded item
])
def test_anchors_of_patterns(pattern, expected) -> None:
    assert anchors(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [r"a|bc", r"\w+x", r"x?", r"(?i)abc", r"[ab]*c", "法制政府", r"ab\d*c"])
def test_no_anchor(pattern) -> None:
    assert anchors(re.compile(pattern)) == ()


def test_anchored_scan_gives_the_matches_of_finditer() -> None:
    from fazhi.checks import language as L
    pats = [p for p, *_ in L._typos()] + [e["rx"] for e in L._names()] + \
        [b[0] for e in L._names() for b in e["bad"]] + [e["rx"] for e in L._renamed()]
    pats += [re.compile(x) for x in (r"(?<!a)bc", r"a?bc", r"(?:x|yy)bcb", r"b[cd]{0,3}b", r"\bab",
                                     r"(a|)b", r"ab(?=b)", r"[ab]{1,3}ba", r"ab|b")]
    rng = random.Random(5)
    for p in pats:
        a = anchors(p)
        alphabet = sorted(set(re.sub(r"[\\()\[\]{}?*+|^$.:!<=,0-9a-z-]", "", p.pattern)) | set("ab，。\n"))
        for _ in range(1500):
            t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            assert [m.span() for m in finditer(p, t, a)] == [m.span() for m in p.finditer(t)], (p.pattern, t)
    many = "界" * 100 + "十界中全会"           # more anchors than _MAX_ANCHORS: the plain scan
    p = re.compile(r"(?:[一二]?十[一二三四五六七八九]?)界(?=中全会)")
    assert [m.span() for m in finditer(p, many, anchors(p))] == [m.span() for m in p.finditer(many)]


def test_may_match_is_any_cue_in_the_text() -> None:
    rng = random.Random(3)
    alphabet = "法制政府坚苦十界ab"
    for _ in range(5000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        cue = tuple("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(1, 3)))
        assert may_match(cue, t) == any(c in t for c in cue), (cue, t)
