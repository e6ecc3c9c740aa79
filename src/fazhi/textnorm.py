"""A length-preserving matching view of a text.

`normalize_view(text)` returns a string of exactly the same length in which
full-width ASCII forms are folded to half-width (（一） -> (一), ２０２２ -> 2022,
：-> :), the ideographic space to a space, and traditional characters to simplified
ones where OpenCC's character table maps one character to one character. Because
the length never changes, every offset found in the view is valid in the text.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from .zh.cjk import CJK, CJK_RUN


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


@functools.lru_cache(maxsize=1)
def _split_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters the table folds as one class (split out of a text with their runs of other
    characters between them), and the table by character. Characters beyond the BMP are one
    range of the class (a class listing them one by one is no longer a bitmap and is slow to test);
    those the table does not fold map to themselves."""
    table = _table()
    bmp = "".join(re.escape(chr(cp)) for cp in sorted(table) if cp <= 0xFFFF)
    return re.compile("([" + bmp + "\U00010000-\U0010FFFF])"), {chr(cp): dst for cp, dst in table.items()}


_SPLIT_MIN = 200        # shorter texts: str.translate (its cost per character is paid on few)


def normalize_view(text: str) -> str:
    if len(text) < _SPLIT_MIN:
        out = text.translate(_table())
    else:
        # str.translate looks every character up in the table (an int object and a KeyError per
        # character it does not fold: ~0.1 µs each); the folded ones are a few percent of a text
        rx, table = _split_table()
        parts = rx.split(text)
        get = table.get
        parts[1::2] = [get(c, c) for c in parts[1::2]]
        out = "".join(parts)
    assert len(out) == len(text)
    return out


@functools.lru_cache(maxsize=1)
def _preimages() -> dict[str, tuple[str, ...]]:
    inv: dict[str, list[str]] = {}
    for cp, dst in _table().items():
        inv.setdefault(dst, []).append(chr(cp))
    return {dst: tuple(srcs) for dst, srcs in inv.items()}


def view_preimages(view: str, cap: int = 16) -> list[str]:
    """The strings whose matching view is `view` (itself first; "(:" -> "(:", "（:", "(：", "（："),
    at most `cap` of them (the first ones, varying the last characters first)."""
    import itertools
    inv = _preimages()
    choices = [(c, *inv.get(c, ())) for c in view]
    return ["".join(x) for x in itertools.islice(itertools.product(*choices), cap)]


@functools.lru_cache(maxsize=1)
def _trad_pattern() -> re.Pattern[str]:
    """One character class of the CJK characters the table folds (traditional-only forms)."""
    chars = sorted(chr(cp) for cp in _table() if 0x4E00 <= cp <= 0x9FFF)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else re.compile(r"(?!)")


# Pinyin that a broken traditional conversion inserts after characters ("建設(shè)", "領(lǐng)導",
# "區(qū)"): a bracketed syllable of lowercase letters with a tone mark right after a CJK
# character. Ingest cuts it out as residue (fazhi.ingest.clean, Removed kind "pinyin");
# "(试行)", "(xx)", "(A)" and "(2021)" carry no tone mark and stay.
# any bracketed syllable after a character, toned or not ("區(qū)", "年(nian)"): for the views that
# classify and resolve places (parse/kind.py, parse/clean_view.py); ingest removes only PINYIN
# (both patterns start with the bracket and look behind it for the character: a pattern that
# starts with a look-behind is tried at every position of the text)
PINYIN_ANY = re.compile(rf"\((?<=[{CJK}]\()[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{{1,8}}\)")
PINYIN = re.compile(rf"[(（](?<=[{CJK}][(（])\s*[a-zü]{{0,6}}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]{{0,6}}\s*[)）]")


def strip_pinyin(text: str) -> str:
    """`text` without the inserted pinyin (what ingest keeps of it)."""
    return PINYIN.sub("", text)


def traditional_ratio(text: str, sample: int = 20000) -> float:
    """Share of CJK characters in `text` that are traditional-only forms."""
    head = text[:sample]
    cjk = sum(map(len, CJK_RUN.findall(head)))      # runs, not one string per character
    if not cjk:
        return 0.0
    return len(_trad_pattern().findall(head)) / cjk


def shorten(s: str, n: int) -> str:
    """Whitespace collapsed; cut to at most n characters with a trailing … when longer (for messages)."""
    s = " ".join(s.split())
    return s if len(s) <= n else s[: max(1, n - 1)] + "…"
