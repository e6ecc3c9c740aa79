"""The report list's query of the web app and the API: its query-string parameters read into
the store's filter (`ListQuery`, errors noted, never a number too large for the database; the
page itself is `Store.report_page`, corpus/listing.py, read inside the user's scope), and one
stored report's verdict after its reviewers' decisions (`effective`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..corpus.listing import PAGE_SIZE, SORTS, ReportFilter

MAX_PAGE = 1_000_000
FILTERS = ("q", "province", "city", "level", "year", "kind", "verdict", "late", "severity")


@dataclass
class ListQuery(ReportFilter):
    """The store's report filter read from query-string parameters; what could not be read
    is listed in `errors` (the page shows it, the filter is left out)."""
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, p: Mapping[str, str]) -> "ListQuery":
        q = cls()
        for k in ("province", "city", "level", "kind", "verdict", "q"):
            v = (p.get(k) or "").strip()
            setattr(q, k, v or None)
        y = (p.get("year") or "").strip()
        if y:
            if y.isascii() and y.isdigit() and len(y) <= 4:
                q.year = int(y)
            else:
                q.errors.append(f"年度应为数字（四位年份）：{y[:20]}")
        late = (p.get("late") or "").strip().lower()
        q.late = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}.get(late)
        sev = (p.get("severity") or "").strip()
        q.severity = sev if sev in ("major", "minor", "info") else None
        s = (p.get("sort") or "place").strip()
        q.desc = s.startswith("-")
        s = s.lstrip("-")
        q.sort = s if s in SORTS else "place"
        q.page = _int_param(p.get("page"), 1, 1, MAX_PAGE, "页码", q.errors)
        q.page_size = _int_param(p.get("page_size"), PAGE_SIZE, 1, 500, "每页条数", q.errors)
        return q

    def params(self, **over: Any) -> dict[str, str]:
        """Query-string parameters of this query (with overrides), empty ones left out."""
        d: dict[str, Any] = {"province": self.province, "city": self.city, "level": self.level,
                             "year": self.year, "kind": self.kind, "verdict": self.verdict,
                             "late": None if self.late is None else int(self.late),
                             "severity": self.severity, "q": self.q,
                             "sort": ("-" if self.desc else "") + self.sort if self.sort != "place" or self.desc else None,
                             "page": self.page if self.page > 1 else None,
                             "page_size": self.page_size if self.page_size != PAGE_SIZE else None}
        d.update(over)
        return {k: str(v) for k, v in d.items() if v not in (None, "")}


def _int_param(raw: str | None, default: int, lo: int, hi: int, label: str, errors: list[str]) -> int:
    """An integer query parameter within [lo, hi]; anything else is noted in errors (never a
    number too large for the database)."""
    s = (raw or "").strip()
    if not s:
        return default
    if not (s.isascii() and s.lstrip("-").isdigit()) or len(s) > 12 or not (lo <= int(s) <= hi):
        errors.append(f"{label}应为 {lo}–{hi} 之间的整数：{s[:20]}")
        return default
    return int(s)


def effective(store, rid: int, config=None) -> dict[str, Any] | None:
    """The verdict and per-severity counts of a stored report after its reviewers' decisions
    (dismissed findings left out, reviewer findings added), as the review opinion states them."""
    from ..review import review_items, verdict
    from .opinion import stored
    doc = store.report_json(rid)
    if doc is None:
        return None
    report, decs, extra = stored(doc)
    label, _ = verdict(report, config, decs, extra)
    live = [it for it in review_items(report, decs, extra) if not it.dismissed]
    counts = {s: sum(1 for it in live if it.finding.severity == s) for s in ("major", "minor", "info")}
    return {"verdict": label, "counts": counts}
