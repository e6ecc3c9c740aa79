"""Review rules: one module per rule family, a registry (`fazhi rules`), and the `checks`
pipeline component that runs every enabled rule and numbers the findings F1, F2… in text order.

Families (a fixed vocabulary): structure, years, figures, provenance, quality, language
(proofreading), corpus.
"""
from __future__ import annotations

from ..config import Config
from ..model import Report
from ..pipeline import component
from .registry import FAMILIES, RuleInfo, all_rules, get_rule, rule, run_checks, run_rule  # noqa: F401

_FAMILY_MODULES = ("structure", "years", "figures", "provenance", "quality", "language", "corpus")


_loaded = False


def _load_families() -> None:
    global _loaded
    if _loaded:
        return
    import importlib
    for name in _FAMILY_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    _loaded = True


@component("checks", reads=("text", "norm", "hints", "removed", "sections", "sections.part", "sections.areas", "meta", "meta.framework", "documents", "facts", "relations"), writes=("findings",))
def checks(report: Report, config: Config) -> None:
    run_checks(report, config)


_load_families()
