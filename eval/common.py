"""Shared helpers: tables, gold loading, locating seed files by sha256, text matching."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def seeds_dir() -> Path:
    return Path(os.environ.get("FAZHI_SEEDS", ROOT.parent / "shared" / "corpus" / "seeds"))


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def table(title: str, header: list[str], rows: Iterable[list[Any]], note: str | None = None) -> str:
    rows = [[fmt(c) for c in r] for r in rows]
    widths = [max(_w(h), *(_w(r[i]) for r in rows)) if rows else _w(h) for i, h in enumerate(header)]
    def line(cells):
        return "| " + " | ".join(c + " " * (w - _w(c)) for c, w in zip(cells, widths)) + " |"
    out = [f"### {title}", "", line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    if note:
        out += ["", note]
    return "\n".join(out) + "\n"


def _w(s: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


@dataclass
class GoldReport:
    id: str
    path: Path | None
    data: dict[str, Any] = field(default_factory=dict)


# Which gold files a run scores: None = all; else a gold `set` name ("original" for the files
# without one: the seeds, the example and the first own reports; "unseen" for the reports
# written to test generalisation). Set by `python -m eval --set NAME`.
GOLD_SET: str | None = None


def gold_set(g: dict) -> str:
    return g.get("set") or "original"


def load_gold(only: Iterable[str] | None = None) -> tuple[list[GoldReport], list[str]]:
    """Gold reports whose text is available, and the ids of those that are not."""
    want = set(only) if only else None
    by_sha: dict[str, Path] | None = None
    found, missing = [], []
    for gp in sorted((DATA / "gold").glob("*.yaml")):
        g = yaml.safe_load(gp.read_text("utf-8"))
        if want and g["id"] not in want:
            continue
        if GOLD_SET and gold_set(g) != GOLD_SET:
            continue
        src = g.get("source", {})
        path = None
        if src.get("sha256"):
            if by_sha is None:
                d = seeds_dir()
                by_sha = {hashlib.sha256(p.read_bytes()).hexdigest(): p
                          for p in sorted(d.glob("*")) if p.is_file()} if d.is_dir() else {}
            path = by_sha.get(src["sha256"])
        elif src.get("path"):
            p = ROOT / src["path"]
            path = p if p.is_file() else None
        if path is None:
            missing.append(g["id"])
        else:
            found.append(GoldReport(g["id"], path, g))
    return found, missing


_ANALYZED: dict[Path, Any] = {}


def analyze(path: Path):
    """fazhi.analyze, cached per run (several tables use the same reports)."""
    if path not in _ANALYZED:
        import fazhi
        _ANALYZED[path] = fazhi.analyze(path)
    return _ANALYZED[path]


def norm_view(s: str) -> str:
    """The matching view of a gold string, without the pinyin a broken conversion inserted
    (ingest removes it from the text, so gold quotes written as the page carry it)."""
    from fazhi.textnorm import normalize_view, strip_pinyin
    return normalize_view(strip_pinyin(s))


_PUNCT = re.compile(r"[\s，,。．.、；;：:！!？?（）()“”\"'‘’《》〈〉【】\[\]—\-]")


def norm_heading(s: str | None) -> str:
    return _PUNCT.sub("", norm_view(s or ""))


def heading_match(gold: str, pred: str) -> bool:
    """Equal after normalisation, or one a prefix of the other (run-in headings whose end
    is a matter of taste), the shorter having at least 4 characters."""
    a, b = norm_heading(gold), norm_heading(pred)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short)


def locate(haystack_norm: str, quotes: list[str]) -> list[tuple[int, int] | None]:
    """Offsets of each quote in the text, searching in order (quotes are in text order)."""
    out: list[tuple[int, int] | None] = []
    cur = 0
    used: set[int] = set()
    for q in quotes:
        nq = norm_view(q)
        i = haystack_norm.find(nq, cur)
        if i < 0:   # out of order in the text: take the first unused occurrence anywhere
            i = haystack_norm.find(nq)
            while i >= 0 and i in used:
                i = haystack_norm.find(nq, i + 1)
        if i < 0:
            out.append(None)
            continue
        used.add(i)
        out.append((i, i + len(nq)))
        cur = i + len(nq)
    return out


def same_value(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def same_text(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return norm_view(str(a)).strip() == norm_view(str(b)).strip()
