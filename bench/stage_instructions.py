"""Instructions per report of every step of the analysis, counted by valgrind (not timed).

    python -m bench.stage_instructions [N]        # N synthetic reports (default 40)

One process under `valgrind --tool=callgrind --dump-before=os_getppid` imports fazhi, warms up
(`fazhi.api.warm_up()` and 5 reports), then runs each step over the N reports as a batch
(ingest, each pipeline component, `to_json`, the JSON encoding of the CLI) and calls
`os.getppid()` after each: callgrind writes a profile before every call of that C function,
with the instructions since the last one. Instruction counts do not depend on the other load
of the machine (timings on this shared machine moved by ±30% within the hour); they move by
a few tenths of a percent with the hash seed. A few minutes (valgrind runs Python ~50× slower).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_HARNESS = r"""
import json, os, sys
sys.path[:0] = [{root!r} + "/src", {root!r}]
from bench.synth import generate
from fazhi.api import build_report, warm_up, _default_config
from fazhi import pipeline
from fazhi.cli.analyze import _JSONL
n = {n}
items = list(generate(n + 5, seed=5))
warm_up()
config = _default_config()
for name, data in items[n:]:
    r = build_report(data, path=name, config=config); pipeline.run(r, config); _JSONL.encode(r.to_json(include_text=False))
items = items[:n]
os.getppid()
reps = [build_report(d, path=nm, config=config) for nm, d in items]
os.getppid()
for comp in pipeline.DEFAULT_PIPELINE:
    fn = pipeline.get(comp)
    for r in reps:
        fn(r, config)
    os.getppid()
js = [r.to_json(include_text=False) for r in reps]
os.getppid()
ss = [_JSONL.encode(j) for j in js]
os.getppid()
"""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 40
    from fazhi import pipeline
    steps = ["start-up (import, warm-up, 5 reports)", "ingest", *pipeline.DEFAULT_PIPELINE,
             "to_json", "JSON encoding"]
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "harness.py"
        script.write_text(_HARNESS.format(root=str(ROOT), n=n), "utf-8")
        out = Path(tmp) / "cg.out"
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=os_getppid",
                        f"--callgrind-out-file={out}", sys.executable, str(script)],
                       check=True, capture_output=True)
        counts = []
        for i in range(1, len(steps) + 1):
            for line in (Path(f"{out}.{i}")).read_text().splitlines():
                if line.startswith(("summary:", "totals:")):
                    counts.append(int(line.split()[1]))
                    break
    print(f"| step | instructions per report (M), {n} reports |\n|---|---|")
    print(f"| {steps[0]} | {counts[0] / 1e6:,.0f} (whole) |")
    for name, c in zip(steps[1:], counts[1:]):
        print(f"| {name} | {c / n / 1e6:.2f} |")
    print(f"| **total per report** | **{sum(counts[1:]) / n / 1e6:.2f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
