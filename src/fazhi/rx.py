"""Regular-expression helpers.

`cues(pattern)`: strings of which every match of the pattern contains at least one. A text
holding none of them has no match, so the search (a regular expression is tried at every
position of a text: tens of ns per character) can be skipped after a few substring tests
(`str.__contains__`: under one ns per character). Most residue patterns find nothing in most
texts."""
from __future__ import annotations

import importlib
import re
from typing import Any

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
    """False only when `text` holds none of the cues (no match is possible)."""
    if cue is None:
        return True
    for c in cue:
        if c in text:
            return True
    return False


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
