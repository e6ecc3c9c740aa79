"""A length-preserving matching view of a text.

`normalize_view(text)` returns a string of exactly the same length in which
full-width ASCII forms are folded to half-width (（一） -> (一), ２０２２ -> 2022,
：-> :), the ideographic space to a space, and traditional characters to simplified
ones where OpenCC's character table maps one character to one character. Because
the length never changes, every offset found in the view is valid in the text.
"""
from __future__ import annotations

import functools
from importlib import resources


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):          # full-width ASCII block
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "                        # ideographic space
    table[0x00A0] = " "                        # no-break space
    table[0x2002] = table[0x2003] = table[0x2009] = " "
    # traditional -> simplified, single characters only (OpenCC's data, shipped by
    # the opencc-python-reimplemented package)
    try:
        data = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):  # pragma: no cover - dependency missing
        data = ""
    for line in data.splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        src, dst = parts[0], parts[1].split(" ")[0]
        if len(src) == 1 and len(dst) == 1 and src != dst:
            table.setdefault(ord(src), dst)
    return table


def normalize_view(text: str) -> str:
    out = text.translate(_table())
    assert len(out) == len(text)
    return out


def traditional_ratio(text: str, sample: int = 20000) -> float:
    """Share of CJK characters in `text` that are traditional-only forms."""
    table = _table()
    cjk = trad = 0
    for ch in text[:sample]:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF:
            cjk += 1
            if o in table:
                trad += 1
    return trad / cjk if cjk else 0.0
