"""The rule registry.

    @rule("figures.rate_mismatch", severity="minor", title="…", why="…", basis="…", example="…")
    def check(report: Report, config: Config) -> Iterable[Finding]: ...

A rule yields findings; the registry fills in the rule id and the default severity when a
finding leaves them empty, applies severity overrides from the config
(`rules.severity: {rule_id: major|minor|info}`), skips rules switched off in
`rules.disabled` (a rule id or a whole family), checks that every evidence quote is the
text at its offsets, and numbers the findings "F1", "F2"… in text order.

Rule ids are `family.name`; the families are a fixed vocabulary that users' scripts rely on:
structure, years, figures, provenance, quality, language (proofreading), and corpus (cross-report
rules, see corpus.py).
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Callable, Iterable

from ..config import Config
from ..model import SEVERITIES, Evidence, Finding, Report  # noqa: F401 (Evidence re-exported)
from ..labels import FAMILIES  # noqa: F401 (re-exported)

log = logging.getLogger(__name__)


Check = Callable[[Report, Config], Iterable[Finding]]


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: str          # default severity (a rule may emit other severities; see `severities`)
    title: str             # Chinese: what the rule finds
    why: str               # Chinese: why it matters
    basis: str             # Chinese: the rule's basis (regulation, standard, reviewer practice)
    example: str           # Chinese: a short example that fires
    severities: tuple[str, ...] = ()   # every severity the rule can emit
    check: Check | None = None

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    def to_json(self) -> dict:
        return {"id": self.id, "family": self.family, "severity": self.severity,
                "severities": list(self.severities or (self.severity,)),
                "title": self.title, "why": self.why, "basis": self.basis, "example": self.example}


_RULES: dict[str, RuleInfo] = {}
_SORTED: tuple[tuple[int, ...], list[RuleInfo]] | None = None   # (ids of the registered infos, all_rules())


def rule(rule_id: str, *, severity: str, title: str, why: str, basis: str, example: str,
         severities: Iterable[str] = ()) -> Callable[[Check], Check]:
    family, _, name = rule_id.partition(".")
    if family not in FAMILIES or not name:
        raise ValueError(f"rule id {rule_id!r}: family must be one of {sorted(FAMILIES)}")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: severity {severity!r}")
    sevs = tuple(severities) or (severity,)

    def register(fn: Check) -> Check:
        if rule_id in _RULES and _RULES[rule_id].check is not fn:
            raise ValueError(f"rule {rule_id} registered twice")
        _RULES[rule_id] = RuleInfo(rule_id, severity, title, why, basis, example, sevs, fn)
        return fn
    return register


def all_rules() -> list[RuleInfo]:
    global _SORTED
    from . import _load_families
    _load_families()
    key = tuple(map(id, _RULES.values()))   # the sort is redone only when the registry changed
    if _SORTED is None or _SORTED[0] != key:
        order = list(FAMILIES)
        _SORTED = (key, sorted(_RULES.values(), key=lambda r: order.index(r.family)))   # stable: module order
    return list(_SORTED[1])


def get_rule(rule_id: str) -> RuleInfo:
    from . import _load_families
    _load_families()
    return _RULES[rule_id]


def _sort_key(f: Finding) -> tuple:
    if f.evidence:
        return (0, min(e.start for e in f.evidence), f.rule)
    return (1, 0, f.rule)


def _valid(report: Report, f: Finding) -> Finding:
    """Keep only evidence whose quote is the text at its offsets (removed items aside); each piece
    dropped is an "evidence_dropped" diagnostic (a bug in the rule, FAZHI_DEBUG makes it raise)."""
    good = []
    n = len(report.text)
    for e in f.evidence:
        if e.removed and 0 <= e.start <= n or \
                not e.removed and 0 <= e.start <= e.end <= n and report.text[e.start:e.end] == e.quote:
            good.append(e)
            continue
        if not e.removed and os.environ.get("FAZHI_DEBUG"):
            raise AssertionError(f"{f.rule}: evidence {e} does not quote the text")
        report.diagnose("checks", "evidence_dropped",
                        f"evidence {e.start}-{e.end} does not quote the text", rule=f.rule,
                        start=e.start, end=e.end, quote=e.quote[:80], removed=e.removed)
    f.evidence = good
    return f


def run_rule(info: RuleInfo, report: Report, config: Config,
             overrides: dict[str, str] | None = None) -> list[Finding]:
    if overrides is None:
        overrides = config.get("rules.severity", {}) or {}
    override = overrides.get(info.id)
    out = []
    assert info.check is not None, f"rule {info.id} has no check"
    for f in info.check(report, config) or ():
        f.rule = f.rule or info.id
        if override in SEVERITIES:
            f.severity = override
        elif f.severity not in SEVERITIES:
            f.severity = info.severity
        out.append(_valid(report, f))
    return out


def run_checks(report: Report, config: Config) -> list[Finding]:
    """Run every enabled rule; replace earlier findings of these rules; number all findings."""
    rules = all_rules()
    ours = {r.id for r in rules}
    findings = [f for f in report.findings if f.rule not in ours]
    # re-running replaces this stage's diagnostics as it replaces its findings
    report.diagnostics = [d for d in report.diagnostics if d.stage != "checks"]
    off = set(config.get("rules.disabled", []) or [])
    overrides = config.get("rules.severity", {}) or {}
    for info in rules:
        if info.check is None or info.id in off or info.family in off:
            continue
        try:
            findings.extend(run_rule(info, report, config, overrides))
        except Exception as exc:   # one broken rule must not lose the others' findings
            if os.environ.get("FAZHI_DEBUG") or config.get("rules.strict", False):
                raise
            log.warning("rule %s failed: %s", info.id, exc)
            report.diagnose("checks", "rule_failed", f"{type(exc).__name__}: {exc}", rule=info.id,
                            exception=type(exc).__name__)
    findings.sort(key=_sort_key)
    for i, f in enumerate(findings, 1):
        f.id = f"F{i}"
    report.findings = findings
    return findings
