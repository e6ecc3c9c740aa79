"""Regular-expression helpers.

`cues(pattern)`: strings of which every match of the pattern contains at least one. A text
holding none of them has no match, so the search (a regular expression is tried at every
position of a text: tens of ns per character) can be skipped after a few substring tests
(`str.__contains__`: under one ns per character). Most residue patterns find nothing in most
texts."""
from __future__ import annotations

import importlib
import re
from typing import Any, Iterator

try:                                    # the parser behind re.compile (private, stable since 3.11)
    _c: Any = importlib.import_module("re._constants")
    _p: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other interpreters: no cues, every search runs
    _c = _p = None

_SMALL_CLASS = 4        # a character class of at most this many characters is an alternative


def cues(pattern: str | re.Pattern) -> tuple[str, ...] | None:
    """Strings of which every match of `pattern` contains at least one (the longest such set
    the pattern's structure gives); None when there are none to give (e.g. a pattern that can
    match without any fixed character, or one that ignores case)."""
    if _p is None:
        return None
    text, flags = (pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (pattern, 0)
    if not isinstance(text, str):
        return None
    try:
        parsed = _p.parse(text, flags)
    except Exception:  # noqa: BLE001 - not a pattern we can read: no cues
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _seq(list(parsed))
    if found is None:
        return None
    # a cue holding another cue adds nothing: the shorter one is in every text the longer is in
    return tuple(c for c in found if not any(o != c and o in c for o in found))


def may_match(cue: tuple[str, ...] | None, text: str) -> bool:
    """False only when `text` holds none of the cues (no match is possible).

    A short cue's characters are looked for one by one first: `str.__contains__` finds one
    character with a memchr-like scan (about 0.1 µs over 3,000 characters of Chinese) but a
    two- to six-character string of Chinese with a slower general search (about 5 µs), and
    most cues are absent from most texts because one of their characters is."""
    if cue is None:
        return True
    for c in cue:
        if 1 < len(c) <= _CHAR_FIRST:
            for ch in c:
                if ch not in text:
                    break
            else:
                if c in text:
                    return True
        elif c in text:
            return True
    return False


_CHAR_FIRST = 6         # cues up to this long are tested character by character first


def _better(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The more selective of two cue sets (longer shortest string, then fewer strings)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _seq(items: list[tuple[Any, Any]]) -> tuple[str, ...] | None:
    """Cues of a sequence: the best cue set of one of its required items (a run of literal
    characters is one item)."""
    best: tuple[str, ...] | None = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, ("".join(run),))
            run = []
        best = _better(best, _item(op, av))
    if run:
        best = _better(best, ("".join(run),))
    return best


def _item(op: Any, av: Any) -> tuple[str, ...] | None:
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & re.IGNORECASE else _seq(list(sub))
    if op is _c.ATOMIC_GROUP:
        return _seq(list(av))
    if op is _c.BRANCH:
        out: list[str] = []
        for branch in av[1]:
            c = _seq(list(branch))
            if c is None:
                return None              # one alternative needs no fixed character
            out.extend(x for x in c if x not in out)
        return tuple(out)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, _, sub = av
        return _seq(list(sub)) if lo >= 1 else None
    if op is _c.IN:
        chars = [chr(v) for o, v in av if o is _c.LITERAL]
        if len(chars) == len(av) and 0 < len(chars) <= _SMALL_CLASS:
            return tuple(dict.fromkeys(chars))
    return None


# -- anchored scans ----------------------------------------------------------------------------

_MAX_PREFIX = 16        # widest prefix before the anchor literal that `anchor` accepts
_MAX_ANCHORS = 64       # more occurrences than this: the plain scan is cheaper than a try per one


def anchors(pattern: re.Pattern) -> tuple[tuple[str, int, int], ...]:
    """(literal, lo, hi) for each run of literal characters at the top level of `pattern` after
    items of bounded width: every match holds `literal` at an offset from its start between lo
    and hi. Empty when the pattern has none, starts with a literal (re searches for a literal
    prefix quickly), ignores case or can match the empty string."""
    if _p is None or not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return ()
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - not a pattern we can read
        return ()
    if parsed.state.flags & re.IGNORECASE or parsed.getwidth()[0] == 0:
        return ()
    items = list(parsed)
    if items and items[0][0] is _c.LITERAL:
        return ()           # re finds a literal prefix by a fast search of its own
    out = []
    k = 0
    while k < len(items):
        if items[k][0] is not _c.LITERAL:
            k += 1
            continue
        j = k
        while j < len(items) and items[j][0] is _c.LITERAL:
            j += 1
        lo, hi = _p.SubPattern(parsed.state, items[:k]).getwidth()
        if hi <= _MAX_PREFIX:
            out.append(("".join(chr(av) for _, av in items[k:j]), lo, hi))
        k = j
    return tuple(out)


def finditer(pattern: re.Pattern, text: str, anchors: tuple[tuple[str, int, int], ...]) -> Iterator[re.Match]:
    """The matches `pattern.finditer(text)` gives, found by trying the pattern only at the
    starts an anchor literal allows (`anchors(pattern)`; the one with the fewest occurrences in
    `text` is used, none at all means no match): each occurrence of the literal at i allows the
    starts i - hi … i - lo, tried in text order, the next after a match's end."""
    best = None
    fewest = _MAX_ANCHORS + 1
    for a in anchors:
        n = text.count(a[0])
        if n < fewest:
            best, fewest = a, n
            if not n:
                return
    if best is None:
        yield from pattern.finditer(text)
        return
    lit, lo, hi = best
    match = pattern.match
    pos = 0                                 # no match starts before pos
    i = text.find(lit, lo)
    while i >= 0:
        s = max(pos, i - hi)
        last = i - lo
        m = None
        while s <= last:
            m = match(text, s)
            if m is not None:
                break
            s += 1
        if m is not None:
            yield m
            pos = m.end()                   # > its start: the anchor makes it non-empty
            i = text.find(lit, pos + lo)
        else:
            pos = last + 1
            i = text.find(lit, i + 1)
