"""The span-merging highlighter: overlapping marks nest or split, text is escaped."""
from __future__ import annotations

import html
import random
from html.parser import HTMLParser

from fazhi.render.spans import Mark, highlight, nest, pieces


class _Walk(HTMLParser):
    """Rebuild text and, for each character, the classes of the marks around it;
    fail on mis-nested tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.chars: list[tuple[str, frozenset]] = []
        self.ids: list[str] = []
        self.points: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        self.stack.append({"tag": tag, "cls": a.get("class"), "at": len(self.chars)})

    def handle_endtag(self, tag):
        top = self.stack.pop()
        assert top["tag"] == tag, f"mis-nested: </{tag}> closes <{top['tag']}>"
        if top["at"] == len(self.chars):
            self.points.append((top["at"], top["cls"]))

    def handle_data(self, data):
        classes = frozenset(s["cls"] for s in self.stack)
        # the text of a zero-width marker is its label, not report text
        if any(s["cls"] and "point" in s["cls"] for s in self.stack):
            return
        for ch in data:
            self.chars.append((ch, classes))


def walk(markup: str) -> _Walk:
    w = _Walk()
    w.feed(markup)
    w.close()
    assert not w.stack, "unclosed tags"
    return w


def test_disjoint_and_nested_marks():
    text = "abcdefghij"
    out = highlight(text, [Mark(1, 3, "x"), Mark(5, 9, "outer"), Mark(6, 7, "inner")])
    assert out == ('a<mark class="x">bc</mark>de<mark class="outer">f<mark class="inner">g</mark>'
                   'hi</mark>j')


def test_crossing_marks_are_split_not_misnested():
    text = "0123456789"
    out = highlight(text, [Mark(2, 6, "a", id="A"), Mark(4, 8, "b", id="B")])
    w = walk(out)
    assert "".join(c for c, _ in w.chars) == text
    got = [cls for _, cls in w.chars]
    assert got[3] == {"a"} and got[5] == {"a", "b"} and got[7] == {"b"} and got[9] == frozenset()
    # "b" is cut in two fragments; the id is only on the first one
    assert out.count('class="b"') == 2
    assert w.ids == ["A", "B"]


def test_same_span_twice_and_identical_bounds():
    text = "甲乙丙丁"
    out = highlight(text, [Mark(1, 3, "fact"), Mark(1, 3, "finding sev-major")])
    w = walk(out)
    assert [cls for _, cls in w.chars][1] == {"fact", "finding sev-major"}


def test_text_and_attributes_are_escaped():
    text = '<script>alert("x")</script> & 正文'
    out = highlight(text, [Mark(0, 8, "f", title='"><script>bad()</script>', id='x" onmouseover="y')])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out
    assert 'onmouseover="y"' not in out
    w = walk(out)
    assert "".join(c for c, _ in w.chars) == text


def test_zero_width_marker_at_its_place():
    text = "前文后文"
    events = nest(len(text), [Mark(2, 2, "point removed", label="⌫"), Mark(0, 4, "outer")])
    kinds = [k for k, _ in events]
    assert kinds == ["open", "text", "point", "text", "close"]
    out = highlight(text, [Mark(2, 2, "point removed", label="⌫")])
    assert out == '前文<mark class="point removed">⌫</mark>后文'


def test_out_of_range_marks_are_clipped_or_dropped():
    text = "abc"
    out = highlight(text, [Mark(-5, 2, "a"), Mark(2, 99, "b"), Mark(10, 12, "gone")])
    assert "gone" not in out
    assert walk(out).chars[0][1] == {"a"}


def test_pieces_cover_the_text():
    ps = pieces(10, [Mark(2, 5, "a"), Mark(3, 8, "b")])
    assert [(p.start, p.end) for p in ps] == [(0, 2), (2, 3), (3, 5), (5, 8), (8, 10)]
    assert [m.cls for m in ps[2].marks] == ["a", "b"]


def test_random_overlaps_match_brute_force():
    rng = random.Random(7)
    text = "".join(rng.choice("法治<>&\"政府ab\n") for _ in range(60))
    for _ in range(200):
        marks = []
        for k in range(rng.randint(1, 7)):
            a = rng.randint(0, len(text))
            b = rng.randint(a, min(len(text), a + 25))
            if a == b:
                continue
            marks.append(Mark(a, b, f"m{k}", id=f"id{k}"))
        out = highlight(text, marks)
        w = walk(out)
        assert "".join(c for c, _ in w.chars) == text
        for i, (_, cls) in enumerate(w.chars):
            want = {m.cls for m in marks if m.start <= i < m.end}
            assert cls == want, (i, marks)
        assert sorted(w.ids) == sorted({m.id for m in marks})
        assert html.unescape(out).count("<mark") >= len(marks)
