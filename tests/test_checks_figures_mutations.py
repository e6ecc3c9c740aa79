"""figures.* rules against relations that hold, changed one figure at a time at run time.

Sources, read from ../shared at run time (skipped where absent; no text is copied here):
- the seed reports: every sum/difference/rate relation the engine reads that holds and that
  no figures finding touches;
- the real page openings of the dev split: every gold `arithmetic` entry with holds=true over
  which the engine reads a relation (the test split is never read: it measures whether rules
  generalise).

For each: the unchanged text has no figures finding on the relation's figures; after one
figure's last printed digit is changed (same length, so every offset stays valid), a figures
finding appears on exactly that figure (every new figures finding has it as evidence).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import pytest

from conftest import SHARED, seed_paths

import fazhi
from fazhi.model import Relation, Report

REAL = SHARED / "corpus" / "real"


def _figures(report: Report) -> list:
    return [f for f in report.findings if f.rule.startswith("figures.")]


def _key(fd) -> tuple:
    return fd.rule, tuple((e.start, e.end) for e in fd.evidence)


def _ids(rel: Relation) -> list[str]:
    if rel.type == "rate":
        return [i for i in (rel.rate, rel.numerator, rel.denominator) if i]
    return [rel.total, *rel.parts]


def _touches(fd, a: int, b: int) -> bool:
    return any(e.start < b and e.end > a for e in fd.evidence)


@lru_cache(maxsize=None)
def _analysed(path: str) -> Report:
    """The engine's reading of a file's cleaned text (the text the mutations change)."""
    first = fazhi.analyze(open(path, "rb").read(), path=path.rsplit("/", 1)[-1])
    return fazhi.analyze_text(first.text)


def _mutated_digit(norm: str, start: int, end: int, step: int) -> tuple[int, str] | None:
    """(offset, new digit) for the last Arabic digit of the figure at [start, end), moved by
    step (the other way when it would leave 0–9)."""
    digits = [m.start() for m in re.finditer(r"\d", norm[start:end])]
    if not digits:
        return None
    p = start + digits[-1]
    d = int(norm[p])
    new = d + step if 0 <= d + step <= 9 else d - step
    if not 0 <= new <= 9:
        return None
    return p, str(new)


def _targets(report: Report, rel: Relation) -> list[tuple[str, int]]:
    """(fact id, step of its last digit) to change: a sum's first part (up by more than the
    printed rounding of all its figures allows) and its total (down, by one when the figures
    are exact); a rate's stated rate (by three units of its last digit)."""
    if rel.type == "rate":
        return [(rel.rate, 3)]
    over = len(_ids(rel)) + 2
    return [(rel.parts[0], over), (rel.total, -1 if not rel.tolerance else -over)]


def _check(report: Report, rel: Relation, label: str) -> None:
    facts = [report.fact(i) for i in _ids(rel)]
    base = _figures(report)
    on_rel = [fd for fd in base if any(_touches(fd, f.start, f.end) for f in facts)]
    assert not on_rel, f"{label}: a figures finding on a relation that holds: {on_rel[0].message}"
    old = {_key(fd) for fd in base}
    tried = 0
    for fid, step in _targets(report, rel):
        target = report.fact(fid)
        got = _mutated_digit(report.norm, target.start, target.end, step)
        if got is None:
            continue
        tried += 1
        p, digit = got
        changed = fazhi.analyze_text(report.text[:p] + digit + report.text[p + 1:])
        new = [fd for fd in _figures(changed) if _key(fd) not in old]
        what = f"{label}: {target.quote} changed to {changed.norm[target.start:target.end]}"
        assert new, f"{what}: no figures finding"
        for fd in new:
            assert _touches(fd, target.start, target.end), f"{what}: a finding elsewhere: {fd.message}"
    if not tried:
        pytest.skip(f"{label}: no Arabic digit to change")


# -------------------------------------------------------------------------- seeds
def _seed_cases() -> list[tuple[str, int]]:
    cases = []
    for path in seed_paths():
        report = _analysed(str(path))
        touched = _figures(report)
        for k, rel in enumerate(report.relations):
            if rel.holds is not True or rel.type not in ("sum", "rate"):
                continue          # a difference's parts may be parts of a sum as well
            if any(_touches(fd, f.start, f.end) for fd in touched
                   for f in (report.fact(i) for i in _ids(rel))):
                continue
            cases.append((str(path), k))
    return cases


SEED_CASES = _seed_cases()


@pytest.mark.skipif(not SEED_CASES, reason="shared/corpus/seeds is not beside the repository")
@pytest.mark.parametrize("path,k", SEED_CASES,
                         ids=[f"{p.rsplit('/', 1)[-1][:3]}-r{k + 1}" for p, k in SEED_CASES])
def test_seed_relation_that_holds_fails_when_one_figure_changes(path, k):
    report = _analysed(path)
    rel = report.relations[k]
    _check(report, rel, f"{path.rsplit('/', 1)[-1][:3]} {rel.id}")


# -------------------------------------------------------------------------- real pages (dev)
def _norm_quote(q: str) -> str:
    from eval.common import norm_view
    return norm_view(q)


def _real_cases() -> list[tuple[str, int]]:
    if not REAL.is_dir():
        return []
    cases = []
    for gp in sorted(REAL.glob("[ab]/*.json")):
        if gp.stem[-1] in "037":
            continue                      # the test split is not read (see the module docstring)
        gold = json.loads(gp.read_text("utf-8"))
        for k, entry in enumerate(gold.get("arithmetic") or []):
            if entry.get("holds", True):
                cases.append((str(gp.with_suffix(".txt")), k))
    return cases


REAL_CASES = _real_cases()


def _gold_relation(report: Report, quotes: list[str]) -> Relation | None:
    spans = []
    for q in quotes:
        i = report.norm.find(_norm_quote(q))
        if i >= 0:
            spans.append((i, i + len(_norm_quote(q))))
    for rel in report.relations:
        facts = [report.fact(i) for i in _ids(rel)]
        inside = sum(1 for f in facts if any(f.start < b and f.end > a for a, b in spans))
        if rel.type in ("sum", "rate") and inside >= 2:
            return rel
    return None


@pytest.mark.skipif(not REAL_CASES, reason="shared/corpus/real is not beside the repository")
@pytest.mark.parametrize("path,k", REAL_CASES,
                         ids=[f"{p.rsplit('/', 1)[-1][:4]}-{k}" for p, k in REAL_CASES])
def test_real_relation_that_holds(path, k):
    gold = json.loads(open(path[:-4] + ".json", encoding="utf-8").read())
    entry = gold["arithmetic"][k]
    report = _analysed(path)
    spans = [(i, i + len(_norm_quote(q))) for q in entry["quotes"]
             if (i := report.norm.find(_norm_quote(q))) >= 0]
    flagged = [fd for fd in _figures(report) if any(_touches(fd, a, b) for a, b in spans)]
    assert not flagged, f"false alarm on {entry.get('relation')}: {flagged[0].message}"
    rel = _gold_relation(report, entry["quotes"])
    if rel is None:
        return   # a list count, a rank or a subset: no sum or rate is read there, and none is flagged
    _check(report, rel, f"{path.rsplit('/', 1)[-1][:4]} {entry.get('relation')}")
