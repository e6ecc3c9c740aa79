"""Pipeline components: small functions registered by name, run in order over a Report.

    @component("facts")
    def extract_facts(report: Report, config: Config) -> None: ...

A component annotates the report (meta, sections, facts, relations, findings); it never
rewrites `report.text`. `DEFAULT_PIPELINE` is the order `fazhi.analyze` runs.
"""
from __future__ import annotations

import time
from typing import Callable

from .config import Config
from .model import Report

Component = Callable[[Report, Config], None]
_REGISTRY: dict[str, Component] = {}

DEFAULT_PIPELINE = [
    "sections",     # parse/sections.py: heading tree
    "meta",         # parse/meta.py: title, place, level, year, dates, issuers, kind
    "framework",    # classify/framework.py: which 纲要 the report follows
    "parts",        # classify/parts.py: statutory part of each top-level section
    "areas",        # classify/areas.py: 纲要 task areas per section
    "facts",        # extract/facts.py: quantities -> facts with subject/indicator/year/section
    "relations",    # extract/relations.py: sum / rate / difference relations between facts
    "checks",       # checks/: review rules -> findings
    "review",       # review.py: verdict 合格/需修改/不合格 and the rule that decides it
]


def component(name: str) -> Callable[[Component], Component]:
    def register(fn: Component) -> Component:
        _REGISTRY[name] = fn
        return fn
    return register


def get(name: str) -> Component:
    _load_builtin()
    return _REGISTRY[name]


def names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


_loaded = False


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    # importing the modules registers their components
    from . import parse, classify, extract, checks, review  # noqa: F401


def run(report: Report, config: Config | None = None, pipeline: list[str] | None = None) -> Report:
    _load_builtin()
    config = config or Config.default()
    for name in pipeline or DEFAULT_PIPELINE:
        fn = _REGISTRY.get(name)
        if fn is None:
            continue
        t0 = time.perf_counter()
        fn(report, config)
        report.timings[name] = time.perf_counter() - t0
    return report
