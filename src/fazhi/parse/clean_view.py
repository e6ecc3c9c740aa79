"""A view of a string without the pinyin that a traditional-to-simplified conversion left
after characters ('自治区(qū)'), with the map of its offsets back to the string (`Clean`);
the view of a report's text, built once per report (`_view`)."""
from __future__ import annotations

from ..textnorm import PINYIN_ANY as _PINYIN  # one pattern, in textnorm


class Clean:
    """`s` without pinyin in brackets; `at(i)` maps an offset of the view back to `s`."""

    def __init__(self, s: str, offset: int = 0):
        self.src, self.offset = s, offset
        if not _PINYIN.search(s):
            self.s, self._pos = s, None
            return
        parts: list[str] = []
        pos: list[int] = []
        last = 0
        for m in _PINYIN.finditer(s):
            parts.append(s[last:m.start()])
            pos.extend(range(last, m.start()))
            last = m.end()
        parts.append(s[last:])
        pos.extend(range(last, len(s)))
        self.s, self._pos = "".join(parts), pos

    def at(self, i: int) -> int:
        if self._pos is None:
            return self.offset + i
        if i >= len(self._pos):
            return self.offset + len(self.src)
        return self.offset + self._pos[i]

    def inv(self, i: int) -> int:
        """The view offset of text offset `i` (offset-relative)."""
        i -= self.offset
        if self._pos is None:
            return i
        import bisect
        return bisect.bisect_left(self._pos, i)

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.at(a), (self.at(b - 1) + 1 if b > a else self.at(a))


def _view(c) -> Clean:
    """The text without inserted pinyin, built once per report."""
    if getattr(c, "_view", None) is None:
        c._view = Clean(c.norm)
    return c._view
