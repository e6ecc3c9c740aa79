"""The review verdict: 合格 / 需修改 / 不合格, and the rule that decides it.

    label, reason = verdict(report, config, decisions=None, extra_findings=None)

The rule is configurable (`verdict:` in catalog/config.yaml); the first condition that holds
decides, checked in the order 不合格 → 需修改 → 合格. Findings a reviewer dismissed
(decisions[finding_id]["decision"] == "dismissed") do not count; findings a reviewer added
(extra_findings) count like the engine's own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .config import Config
from .model import Finding, Report
from .pipeline import component
from .labels import KIND_NAMES, PART_NAMES, SEVERITY_NAMES, rule_title  # noqa: F401 (re-exported)

PASS, REVISE, FAIL = "合格", "需修改", "不合格"
LABELS = (PASS, REVISE, FAIL)


Decisions = Mapping[str, Mapping[str, Any]]


@dataclass
class ReviewItem:
    """One finding as the review shows it: the finding, its id, and a reviewer's decision."""
    id: str
    finding: Finding
    added: bool = False                       # added by a reviewer (extra_findings)
    decision: dict[str, Any] = field(default_factory=dict)

    @property
    def dismissed(self) -> bool:
        return self.decision.get("decision") == "dismissed"

    @property
    def confirmed(self) -> bool:
        return self.decision.get("decision") == "confirmed"


def review_items(report: Report, decisions: Decisions | None = None,
                 extra_findings: Iterable[Finding] | None = None) -> list[ReviewItem]:
    """Every finding (the engine's, then the reviewers'), each with a stable id and its decision.

    Findings without an id get "F<n>" (engine) / "R<n>" (reviewer) by position."""
    decisions = decisions or {}
    items: list[ReviewItem] = []
    used: set[str] = set()

    def _id(f: Finding, prefix: str, n: int) -> str:
        fid = f.id or f"{prefix}{n}"
        while fid in used:
            fid += "'"
        used.add(fid)
        return fid

    for i, f in enumerate(report.findings, 1):
        fid = _id(f, "F", i)
        items.append(ReviewItem(fid, f, False, dict(decisions.get(fid) or {})))
    for i, f in enumerate(extra_findings or (), 1):
        fid = _id(f, "R", i)
        items.append(ReviewItem(fid, f, True, dict(decisions.get(fid) or {})))
    return items


def _n(x: Any) -> int | None:
    try:
        return None if x is None else int(x)
    except (TypeError, ValueError):
        return None


def missing_parts(items: Iterable[ReviewItem]) -> list[str]:
    """Statutory parts reported missing by (undismissed) structure.missing_part findings."""
    out: list[str] = []
    for it in items:
        if it.dismissed or it.finding.rule != "structure.missing_part":
            continue
        part = (it.finding.data or {}).get("part")
        if part and part not in out:
            out.append(part)
    return out


def verdict(report: Report, config: Config | None = None, decisions: Decisions | None = None,
            extra_findings: Iterable[Finding] | None = None) -> tuple[str, str]:
    """(label, reason): label is 合格 / 需修改 / 不合格; reason names the rule that decided it."""
    config = config or Config.default()
    items = [it for it in review_items(report, decisions, extra_findings) if not it.dismissed]
    fail = config.get("verdict.fail", {}) or {}
    revise = config.get("verdict.revise", {}) or {}
    majors = [it for it in items if it.finding.severity == "major"]
    minors = [it for it in items if it.finding.severity == "minor"]

    missing = missing_parts(items)
    k = _n(fail.get("missing_parts_min"))
    if k is not None and len(missing) >= k:
        names = "、".join(f"“{PART_NAMES.get(p, p)}”" for p in missing)
        return FAIL, (f"缺少{len(missing)}项法定内容（{names}），"
                      f"按“缺少{k}项及以上法定内容为不合格”的规则判定。")
    kind = report.meta.kind
    if kind and kind in (fail.get("kinds") or []):
        return FAIL, (f"文本被识别为{KIND_NAMES.get(kind, kind)}，不是机关正式发布的年度报告，"
                      f"按“{KIND_NAMES.get(kind, kind)}为不合格”的规则判定。")
    fail_rules = set(fail.get("rules") or [])
    hit = [it for it in items if it.finding.rule in fail_rules]
    if hit:
        from .render.quotes import plain
        from .zh.sentences import first_clauses
        return FAIL, (f"发现“{rule_title(hit[0].finding.rule)}”问题（{first_clauses(plain(hit[0].finding.message) or '')}），"
                      f"按“出现此类问题即为不合格”的规则判定。")
    k = _n(fail.get("majors_min"))
    if k is not None and len(majors) >= k:
        return FAIL, f"严重问题{len(majors)}项，按“严重问题达到{k}项为不合格”的规则判定。"

    k = _n(revise.get("majors_min"))
    if k is not None and len(majors) >= k:
        return REVISE, (f"存在严重问题{len(majors)}项，按“有{k}项及以上严重问题需修改”的规则判定。"
                        if k > 1 else
                        f"存在严重问题{len(majors)}项，按“有严重问题即需修改”的规则判定。")
    k = _n(revise.get("minors_min"))
    if k is not None and len(minors) >= k:
        return REVISE, f"一般问题{len(minors)}项，按“一般问题达到{k}项需修改”的规则判定。"
    rev_rules = set(revise.get("rules") or [])
    hit = [it for it in items if it.finding.rule in rev_rules]
    if hit:
        return REVISE, (f"发现“{rule_title(hit[0].finding.rule)}”问题，按“出现此类问题需修改”的规则判定。")

    found = "未发现问题" if not items else (
        f"未发现严重问题（一般问题{len(minors)}项、提示{len(items) - len(majors) - len(minors)}项，建议酌情修改）")
    unchecked = _parts_unchecked(report)
    if unchecked:     # the 合格 rule's second half (法定内容齐全) was not checked: say so, do not claim it
        return PASS, f"{found}；{unchecked}。"
    return PASS, f"{found}，按“无严重问题、法定内容齐全为合格”的规则判定。"


def _parts_unchecked(report: Report) -> str | None:
    """Why the statutory parts were not checked (the structure rules do not apply), or None."""
    from .checks.common import is_report
    kind = report.meta.kind
    if not is_report(report):
        return f"文本被识别为{KIND_NAMES.get(kind or '', kind)}，不是年度报告，未按年度报告核对法定内容"
    if not any(s.part for s in report.all_sections()):
        return "未识别出报告的章节结构，法定内容未能自动核对，请人工核对"
    if any(f.rule == "structure.text_cut_short" for f in report.findings):
        return "文本在句中或标题处截断，截断处之后的法定内容未能核对，请取得报告全文"
    return None


@component("review", reads=("meta", "findings"), writes=("review",))
def review_component(report: Report, config: Config) -> None:
    """Pipeline component: the verdict before any reviewer decision (decisions come from the store/web)."""
    from .checks.years import timeliness
    label, reason = verdict(report, config)
    report.review = {"verdict": label, "reason": reason,
                     "timeliness": timeliness(report, config).state}
