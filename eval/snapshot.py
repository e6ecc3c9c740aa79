"""Output snapshot: a digest of fazhi's whole JSON output on every input eval and the tests use.

`python -m eval.snapshot` recomputes the digests and lists the inputs whose output changed, per
top-level key of `Report.to_json()` (meta, sections, facts, relations, findings, …; timings are
left out); `python -m eval.snapshot --update` writes them to eval/data/snapshot.json after a change
whose output differences were meant. tests/test_snapshot.py fails on any difference, so a change
meant to keep the output (a refactoring, a speed-up) is checked on every input, and a change meant
to alter it says so in the same commit as the updated snapshot.

Only digests are stored: the inputs under ../shared are third-party texts and stay there (their
part of the snapshot is checked only where the folder is present).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from .common import ROOT

SNAPSHOT = ROOT / "eval" / "data" / "snapshot.json"
SHARED = ROOT.parent / "shared" / "corpus"
VOLATILE = ("timings",)


def inputs() -> dict[str, Path]:
    """Name (relative to the project or to ../shared/corpus) → file."""
    own = [*sorted((ROOT / "examples").glob("*.txt")), *sorted((ROOT / "eval" / "data" / "reports").glob("*")),
           *sorted((ROOT / "eval" / "data" / "html").glob("*.html"))]
    out = {str(p.relative_to(ROOT)): p for p in own if p.is_file()}
    if SHARED.is_dir():
        shared = [*sorted((SHARED / "seeds").glob("*")), *sorted((SHARED / "real").glob("*/*.txt"))]
        out.update({"shared/" + str(p.relative_to(SHARED)): p for p in shared if p.is_file()})
    return out


def digest(path: Path) -> dict[str, str]:
    """sha256 (first 16 hex) of each top-level key of the output, timings left out."""
    import fazhi
    d: dict[str, Any] = fazhi.analyze(path.read_bytes(), path=path.name).to_json()
    return {k: hashlib.sha256(json.dumps(v, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
            for k, v in sorted(d.items()) if k not in VOLATILE}


def compute(names: dict[str, Path] | None = None) -> dict[str, dict[str, str]]:
    return {name: digest(p) for name, p in (names or inputs()).items()}


def load() -> dict[str, dict[str, str]]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))["outputs"] if SNAPSHOT.exists() else {}


def differences(stored: dict[str, dict[str, str]], now: dict[str, dict[str, str]]) -> list[str]:
    """One line per input whose output differs: the keys that changed, or new / gone."""
    out = []
    for name in sorted(set(stored) | set(now)):
        a, b = stored.get(name), now.get(name)
        if a is None:
            out.append(f"{name}: not in the snapshot")
        elif b is None:
            if not name.startswith("shared/") or SHARED.is_dir():
                out.append(f"{name}: in the snapshot, no longer an input")
        elif a != b:
            out.append(f"{name}: " + ", ".join(k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)))
    return out


def write(now: dict[str, dict[str, str]]) -> None:
    if not SHARED.is_dir():      # keep the digests of the shared inputs this machine cannot see
        now = {**{k: v for k, v in load().items() if k.startswith("shared/")}, **now}
    SNAPSHOT.write_text(json.dumps({"schema": "fazhi.snapshot/1", "outputs": now}, ensure_ascii=False,
                                   indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.snapshot", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="write the new digests to eval/data/snapshot.json")
    args = ap.parse_args(argv)
    now = compute()
    diff = differences(load(), now)
    for line in diff:
        print(line)
    print(f"{len(now)} inputs, {len(diff)} with a different output")
    if args.update:
        write(now)
        print(f"written: {SNAPSHOT.relative_to(ROOT)}")
        return 0
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
