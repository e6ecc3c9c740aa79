"""Pipeline components: small functions registered by name, run in order over a Report.

    @component("facts", reads=("sections", "meta"), writes=("facts", "documents"))
    def extract_facts(report: Report, config: Config) -> None: ...

A component declares the parts of the report it reads and writes (names in `FIELDS`; a part
under another, `sections.part`, is written without rewriting the rest). A pipeline that runs a
component before the one that writes what it reads is an error (`PipelineOrder`), and so is an
unknown name; a part nobody in the pipeline writes is taken as already there (a stored report
analysed again from one step on). A component annotates the report (meta, sections, facts, relations, findings); it never
rewrites `report.text`. What it could not do and went on without it records as a
`Diagnostic` (`report.diagnose(stage, code, message, rule=...)`), not as a finding. `DEFAULT_PIPELINE` is the order `fazhi.analyze` runs.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

from .config import Config
from .model import Report

Component = Callable[[Report, Config], None]

# what a component may read or write: Report attributes, and parts of them a component adds
# without rewriting the rest (ingest gives text, norm, source, removed and hints)
FIELDS = frozenset({
    "text", "norm", "source", "removed", "hints",
    "sections", "sections.part", "sections.areas",
    "meta", "meta.framework",
    "documents", "facts", "relations", "findings", "review",
})


@dataclass(frozen=True)
class Spec:
    name: str
    fn: Component
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()


_REGISTRY: dict[str, Spec] = {}

DEFAULT_PIPELINE = [
    "sections",     # parse/sections.py: heading tree
    "meta",         # parse/meta.py: title, place, level, year, dates, issuers, kind
    "corrections",  # supervision/corrections.py: reviewers' corrections of meta (none unless stored)
    "framework",    # classify/framework.py: which 纲要 the report follows
    "parts",        # classify/parts.py: statutory part of each top-level section
    "areas",        # classify/areas.py: 纲要 task areas per section
    "facts",        # extract/facts.py: quantities -> facts with subject/indicator/year/section
    "relations",    # extract/relations.py: sum / rate / difference relations between facts
    "checks",       # checks/: review rules -> findings
    "review",       # review.py: verdict 合格/需修改/不合格 and the rule that decides it
]


class PipelineOrder(ValueError):
    """A component runs before the component that writes what it reads."""


def component(name: str, *, reads: tuple[str, ...] = (),
              writes: tuple[str, ...] = ()) -> Callable[[Component], Component]:
    bad = [f for f in (*reads, *writes) if f not in FIELDS]
    if bad:
        raise ValueError(f"component {name!r} declares unknown report part(s): {', '.join(bad)}; "
                         f"known: {', '.join(sorted(FIELDS))}")

    def register(fn: Component) -> Component:
        _REGISTRY[name] = Spec(name, fn, tuple(reads), tuple(writes))
        return fn
    return register


def spec(name: str) -> Spec:
    _load_builtin()
    return _REGISTRY[name]


def get(name: str) -> Component:
    _load_builtin()
    return _REGISTRY[name].fn


def names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


_loaded = False
_load_lock = threading.Lock()


class UnknownComponent(KeyError):
    """A pipeline names a component nobody registered (a typo, or a module not imported)."""


def _load_builtin() -> None:
    """Import the modules that register the built-in components, once per process.

    Thread-safe: `_loaded` is set only after every import has finished, under a lock, so a
    second thread that arrives while the first is still importing waits instead of running
    a pipeline whose registry is still empty (which stored reports with no step run)."""
    global _loaded
    if _loaded:
        return
    with _load_lock:
        if _loaded:
            return
        # importing the modules registers their components
        from . import parse, classify, extract, checks, review  # noqa: F401
        from .supervision import corrections  # noqa: F401
        missing = [n for n in DEFAULT_PIPELINE if n not in _REGISTRY]
        if missing:
            raise UnknownComponent(f"built-in pipeline components not registered: {', '.join(missing)}")
        _loaded = True


def _covers(written: str, read: str) -> bool:
    """Writing `written` changes what a reader of `read` sees: the same part, or a whole that
    holds it (writing meta rewrites meta.framework; adding sections.part leaves a reader of the
    heading tree, `sections`, as it was)."""
    return written == read or read.startswith(written + ".")


def validate(pipeline: list[str]) -> None:
    """Raise UnknownComponent for a name that no component registered, PipelineOrder for a
    component placed before one that writes what it reads."""
    _load_builtin()
    key = tuple(_REGISTRY.get(n) for n in pipeline)
    if key in _VALID:
        return                  # (checked for these components already: run() validates per report)
    unknown = [n for n in pipeline if n not in _REGISTRY]
    if unknown:
        raise UnknownComponent(f"unknown pipeline component(s): {', '.join(unknown)}; "
                               f"known: {', '.join(sorted(_REGISTRY))}")
    for i, name in enumerate(pipeline):
        for later in pipeline[i + 1:]:
            clash = [r for r in _REGISTRY[name].reads
                     if any(_covers(w, r) for w in _REGISTRY[later].writes)]
            if clash and later != name:
                raise PipelineOrder(f"pipeline component {name!r} reads {', '.join(clash)}, which "
                                    f"{later!r} writes after it: put {later!r} first")
    _VALID.add(key)


# pipelines found valid: the registered specs of their components, in order (a component
# registered again is a new Spec, so its pipelines are checked again)
_VALID: set[tuple[Spec | None, ...]] = set()


def run(report: Report, config: Config | None = None, pipeline: list[str] | None = None) -> Report:
    """Run the named components (default: DEFAULT_PIPELINE) in order.

    An unknown name is an error before anything runs. `report.timings` gets one entry per
    component that ran; `is_complete` says the whole default pipeline ran, which the
    store requires before it keeps a report or gives it a verdict. A component that runs again
    replaces the diagnostics it recorded before (`Report.diagnostics`, stage = its name)."""
    names = list(pipeline or DEFAULT_PIPELINE)
    validate(names)
    config = config or Config.default()
    for name in names:
        if any(d.stage == name for d in report.diagnostics):
            report.diagnostics = [d for d in report.diagnostics if d.stage != name]
        t0 = time.perf_counter()
        _REGISTRY[name].fn(report, config)
        report.timings[name] = time.perf_counter() - t0
    return report


def is_complete(report: Report) -> bool:
    """Every default component ran on this report (timings are recorded per component run)."""
    return all(n in report.timings for n in DEFAULT_PIPELINE)
