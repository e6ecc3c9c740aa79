"""State changes shared by the pages and the API: decisions on findings, reviewer findings."""
from __future__ import annotations

from typing import Any

DECISIONS = ("confirmed", "dismissed")
MAX_COMMENT = 4000


class ActionError(ValueError):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def parse_finding_id(fid: str | int) -> int:
    s = str(fid).strip()
    if s[:1] in ("F", "f"):
        s = s[1:]
    if not (s.isascii() and s.isdigit()) or len(s) > 10 or not (0 < int(s) < 2 ** 31):
        raise ActionError(404, f"问题编号不正确：{str(fid)[:30]} / bad finding id")
    return int(s)


def finding_row(store, fid: str | int, scope=None) -> dict[str, Any]:
    """The finding's row; with a scope (corpus/scope.py), a finding of a report outside it is
    "not found" exactly as a missing one."""
    n = parse_finding_id(fid)
    row = store.finding_row(n)
    if row is not None and scope is not None and not scope.covers_report(store, row["report_id"]):
        row = None
    if row is None:
        raise ActionError(404, f"问题 F{n} 不存在（报告可能已重新分析，请刷新页面）/ finding not found")
    return row


def number_in_report(store, row: dict[str, Any]) -> int:
    """A finding's number in its report (F1…Fn, as the report JSON, the opinion and the Excel)."""
    return store.finding_number(row["report_id"], row["id"])


def decide(store, fid: str | int, decision: str, comment: str | None, user: str) -> dict[str, Any]:
    decision = (decision or "").strip()
    if decision not in DECISIONS:
        raise ActionError(422, "结论应为 confirmed（确认）或 dismissed（驳回）/ decision must be confirmed or dismissed")
    comment = (comment or "").strip() or None
    if comment and len(comment) > MAX_COMMENT:
        raise ActionError(422, f"意见不能超过 {MAX_COMMENT} 字 / comment too long")
    row = finding_row(store, fid)
    store.decide(row["report_id"], row["key"], decision, user=user, comment=comment)
    return {"finding": f"F{number_in_report(store, row)}", "db_id": row["id"], "report_id": row["report_id"],
            "key": row["key"],
            "decision": decision, "comment": comment, "user": user}


def add_reviewer_finding(store, report_id: int, start: Any, end: Any, message: str, severity: str,
                         user: str, quote: str | None = None) -> int:
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise ActionError(422, "请先在正文中选中一段文字 / select a passage first") from None
    message = (message or "").strip()
    if not message:
        raise ActionError(422, "请填写问题说明 / message is required")
    if len(message) > MAX_COMMENT:
        raise ActionError(422, f"问题说明不能超过 {MAX_COMMENT} 字 / message too long")
    if severity not in ("major", "minor", "info"):
        severity = "minor"
    text = store.report_text(report_id)
    if text is None:
        raise ActionError(404, "报告不存在 / report not found")
    if not (0 <= start < end <= len(text)):
        raise ActionError(422, "所选位置不在正文范围内 / offsets outside the text")
    if quote is not None and quote.strip() and text[start:end].strip() != quote.strip():
        raise ActionError(422, "所选文字与正文不一致，请重新选择 / the selection does not match the text")
    row_id = store.add_reviewer_finding(report_id, start, end, message, severity=severity, user=user)
    doc = store.report_json(report_id) or {}
    rows = (doc.get("store") or {}).get("reviewer_findings") or []
    # its number in the report (R1…Rn), the way the report page and the opinion show it
    return next((k for k, r in enumerate(rows, 1) if r.get("id") == row_id), len(rows))
