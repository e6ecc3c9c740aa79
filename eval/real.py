"""Real page openings annotated by hand (`../shared/corpus/real/`, or `$FAZHI_REAL`).

Scores every gold field per half (a: governments, b: departments) and per split. The split is
fixed by the corpus README: pages whose number ends in 0, 3 or 7 are the test split, the rest
the dev split. Rules are tuned on dev misses only; test misses are printed only on request
(`python -m eval real --test-misses`), for the closing note's account of what remains.

Fields:
- is_report: kind == "report" in gold and prediction alike (both report, or both not);
- kind, jurisdiction, province, parent, level, department, report_year, publish_date: exact,
  null included (unknown must be null, never a guess), on every page;
- department_body: the department names the same body as the gold, under any of its written
  names (卫健委 / 卫生健康委 / 卫生健康委员会: `fazhi.zh.departments.department_key`);
- parts: each gold top-level [heading, part] on a report page: a predicted top-level section
  whose heading matches and whose statutory part is the same;
- quantities: each gold number quote: a fact over that quote with the gold value and approx;
- arithmetic: each gold relation: a relation that holds gets no figures finding on its quotes
  (false alarm otherwise); one that fails gets one (missed otherwise).
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fazhi.zh.departments import same_department

from .common import ROOT, heading_match, norm_view, ratio, same_value, table

FIELDS = ["is_report", "kind", "jurisdiction", "province", "parent", "level", "department",
          "department_body", "report_year", "publish_date", "parts", "quantities", "arithmetic"]
META = ["kind", "jurisdiction", "province", "parent", "level", "department", "report_year", "publish_date"]
# rules that say figures do not add up (a finding of these on a relation that holds is a false alarm)
FIGURE_RULES = ("figures.",)


def real_dir() -> Path:
    return Path(os.environ.get("FAZHI_REAL", ROOT.parent / "shared" / "corpus" / "real"))


def split_of(page_id: str) -> str:
    """The README's fixed split: numbers ending in 0, 3 or 7 are test."""
    return "test" if page_id[-1] in "037" else "dev"


@dataclass
class Page:
    id: str
    half: str
    split: str
    path: Path
    gold: dict[str, Any]


# how a meta field was missed: a value other than the gold's, null where the gold has one,
# a value where the gold is null ("unknown is null, never a guess": the first and last are guesses)
MISS_KINDS = ("wrong", "null", "spurious")


def miss_kind(pred: Any, gold: Any) -> str:
    return "null" if pred is None else "spurious" if gold is None else "wrong"


@dataclass
class Score:
    ok: int = 0
    n: int = 0
    misses: list[str] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MISS_KINDS, 0))

    def add(self, good: bool, miss: str | None = None, kind: str | None = None) -> None:
        self.n += 1
        if good:
            self.ok += 1
            return
        if miss is not None:
            self.misses.append(miss)
        if kind is not None:
            self.kinds[kind] += 1


def load_pages(root: Path | None = None) -> list[Page]:
    root = root or real_dir()
    pages = []
    for half in ("a", "b"):
        for gp in sorted((root / half).glob("*.json")):
            tp = gp.with_suffix(".txt")
            if tp.is_file():
                pages.append(Page(gp.stem, half, split_of(gp.stem), tp, json.loads(gp.read_text("utf-8"))))
    return pages


def _same(pred: Any, gold: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if isinstance(gold, int) and not isinstance(gold, bool):
        try:
            return int(pred) == gold
        except (TypeError, ValueError):
            return False
    return norm_view(str(pred)).strip() == norm_view(str(gold)).strip()


def _find(norm: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    q = norm_view(quote)
    i = norm.find(q, start)
    if i < 0:
        i = norm.find(q)
    if i < 0:   # runs of spaces may differ from the page (README): match ignoring spaces
        import re
        pat = r"\s*".join(re.escape(c) for c in q if not c.isspace())
        m = re.search(pat, norm) if pat else None
        return (m.start(), m.end()) if m else None
    return i, i + len(q)


def score_page(page: Page, report, scores: dict[str, Score]) -> None:
    g = page.gold
    m = report.meta
    tag = f"{page.id}"
    is_rep_gold, is_rep_pred = g.get("kind") == "report", m.kind == "report"
    scores["is_report"].add(is_rep_gold == is_rep_pred,
                            f"{tag}: {'report' if is_rep_gold else g.get('kind')} → {m.kind}")
    for f in META:
        pv, gv = getattr(m, f, None), g.get(f)
        scores[f].add(_same(pv, gv), f"{tag}: {gv} → {pv}", miss_kind(pv, gv))
    # the same body under another of its written names (卫健委 for 卫生健康委员会) counts here
    body_ok = _same(m.department, g.get("department")) or \
        (m.department is not None and same_department(norm_view(m.department), norm_view(g.get("department") or "")))
    scores["department_body"].add(body_ok, f"{tag}: {g.get('department')} → {m.department}")
    if is_rep_gold:
        tops = list(report.sections)
        for heading, part in g.get("statutory_parts") or []:
            sec = next((s for s in tops if heading_match(heading, s.heading)
                        or heading_match(heading, f"{s.number or ''}{s.heading}")), None)
            got = sec.part if sec else None
            scores["parts"].add(got == part, f"{tag}: 「{heading[:24]}」 {part} → "
                                             f"{got if sec else 'no top-level section'}")
    norm = report.norm
    for num in g.get("numbers") or []:
        span = _find(norm, num["quote"])
        if span is None:
            scores["quantities"].add(False, f"{tag}: 「{num['quote']}」 not in the text")
            continue
        a, b = span
        over = [f for f in report.facts if f.start < b and f.end > a]
        good = any(same_value(f.value, num["value"]) and bool(f.approx) == bool(num.get("approx"))
                   for f in over)
        got = ", ".join(f"{f.quote}={f.value}{'≈' if f.approx else ''}" for f in over) or "no fact"
        scores["quantities"].add(good, f"{tag}: 「{num['quote']}」 {num['value']}"
                                       f"{'≈' if num.get('approx') else ''} → {got}")
    for rel in g.get("arithmetic") or []:
        spans = [s for s in (_find(norm, q) for q in rel.get("quotes") or []) if s]
        flagged = []
        for fd in report.findings:
            if not fd.rule.startswith(FIGURE_RULES):
                continue
            for ev in fd.evidence:
                if any(ev.start < b and ev.end > a for a, b in spans):
                    flagged.append(fd.rule)
                    break
        if rel.get("holds", True):
            scores["arithmetic"].add(not flagged, f"{tag}: false alarm {', '.join(flagged)} on "
                                                  f"{rel.get('relation')}")
        else:
            scores["arithmetic"].add(bool(flagged), f"{tag}: missed failing {rel.get('relation')}")


def evaluate(pages: list[Page]) -> dict[tuple[str, str], dict[str, Score]]:
    """Scores per (half, split), plus ("all", split)."""
    import fazhi
    out: dict[tuple[str, str], dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    for p in pages:
        report = fazhi.analyze(p.path.read_bytes(), path=p.path.name)
        for key in ((p.half, p.split), ("all", p.split)):
            score_page(p, report, out[key])
    return out


def guess_table(res: dict[tuple[str, str], dict[str, Score]]) -> str:
    """Misses of each meta field by kind, per split: a wrong value and a value where the gold is
    null are guesses; null where the gold has a value is a reading left unknown."""
    rows = []
    for f in META:
        row: list[Any] = [f]
        for split in ("dev", "test"):
            k = res[("all", split)][f].kinds
            row.append(" / ".join(str(k[m]) for m in MISS_KINDS))
        rows.append(row)
    tot = {split: [sum(res[("all", split)][f].kinds[m] for f in META) for m in MISS_KINDS]
           for split in ("dev", "test")}
    rows.append(["all meta fields"] + [" / ".join(map(str, tot[s])) for s in ("dev", "test")])
    return table("real — meta misses by kind: wrong value / left null / value where the gold is null",
                 ["field", "dev", "test"], rows,
                 "a wrong value and a value where the gold is null are guesses; left null is unknown")


def false_alarms(scores: dict[str, Score]) -> int:
    return sum(1 for m in scores["arithmetic"].misses if "false alarm" in m)


def run(fast: bool = False, test_misses: bool = False) -> str:
    pages = load_pages()
    if not pages:
        return table("real — page openings", ["field"], [],
                     f"not available: {real_dir()} not found (set FAZHI_REAL); nothing scored")
    if fast:
        pages = pages[::8]
    res = evaluate(pages)
    cols = [("a", "dev"), ("a", "test"), ("b", "dev"), ("b", "test"), ("all", "dev"), ("all", "test")]
    header = ["field"] + [f"{h} {s}" for h, s in cols]
    rows = []
    for f in FIELDS:
        row: list[Any] = [f]
        for c in cols:
            sc = res[c][f]
            row.append(f"{ratio(sc.ok, sc.n):.3f} ({sc.ok}/{sc.n})" if sc.n else "—")
        rows.append(row)
    npages = {c: sum(1 for p in pages if (p.half == c[0] or c[0] == "all") and p.split == c[1]) for c in cols}
    note = ("pages: " + ", ".join(f"{h} {s} {npages[(h, s)]}" for h, s in cols)
            + f"; false alarms on relations that hold: dev {false_alarms(res[('all', 'dev')])}, "
              f"test {false_alarms(res[('all', 'test')])}")
    out = [table(f"real — {len(pages)} real page openings, accuracy per field (a: governments, "
                 f"b: departments; test = pages ending in 0/3/7)", header, rows, note)]
    out.append(guess_table(res))
    for split in (("dev", "test") if test_misses else ("dev",)):
        lines = [f"### real — misses on the {split} split", ""]
        for f in FIELDS:
            ms = res[("all", split)][f].misses
            if ms:
                lines.append(f"- **{f}** ({len(ms)}): " + "; ".join(ms))
        out.append("\n".join(lines) + "\n")
    if not test_misses:
        out.append("(test-split misses are not printed: `python -m eval real --test-misses`)\n")
    return "\n".join(out)
