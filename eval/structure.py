"""Structure: fazhi's section tree vs a plain heading-regex baseline, on the annotated reports.

Both read the same ingested text (report.text), so only the heading parser differs.
Inline enumerations (一是/二是, style 'inline') are not sections in the gold and are left out.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .common import GoldReport, analyze, f1, heading_match, ratio, table

_LEVEL_RES = [
    (1, re.compile(r"^\s*([一二三四五六七八九十]+[、，,])(.*)$")),
    (2, re.compile(r"^\s*([（(][一二三四五六七八九十]+[)）])(.*)$")),
    (3, re.compile(r"^\s*(\d+[.．、])(?!\d)(.*)$")),
    (4, re.compile(r"^\s*([（(]\d+[)）])(.*)$")),
]
_INLINE = re.compile(r"^[一二三四五六七八九十]+是|^第[一二三四五六七八九十]+[，,、]")


@lru_cache(maxsize=None)
def _phrases():
    from fazhi import catalog
    parts = catalog.load("frameworks")["statutory_parts"]["parts"]
    out = []
    for p in parts:
        for ph in p.get("heading_phrases", []) or []:
            out.append((len(ph), ph, p["id"]))
    return sorted(out, reverse=True)


def baseline_part(heading: str) -> str | None:
    for _, ph, pid in _phrases():
        if ph in heading:
            return pid
    return None


def baseline_sections(text: str) -> list[dict]:
    """One regex per GB/T 9704 level over line starts; depth from a stack of open levels;
    heading = the line up to its first 。 (the whole line when there is none)."""
    out, stack = [], []
    for line in text.splitlines():
        for lvl, rx in _LEVEL_RES:
            m = rx.match(line)
            if m:
                rest = m.group(2)
                head = rest.split("。", 1)[0].strip()
                while stack and stack[-1] >= lvl:
                    stack.pop()
                depth = len(stack) + 1
                stack.append(lvl)
                out.append({"heading": head, "level": depth,
                            "part": baseline_part(head) if depth == 1 else None})
                break
    return out


def fazhi_sections(report) -> list[dict]:
    out = []
    for s in report.all_sections():
        if s.style == "inline" or (s.number and _INLINE.match(s.number)):
            continue
        out.append({"heading": s.heading, "level": s.level, "part": s.part})
    return out


def score(golds: list[GoldReport], tool: str) -> dict:
    c = dict(gold=0, pred=0, tp_text=0, tp_level=0, parts=0, parts_ok=0)
    for g in golds:
        rep = analyze(g.path)
        pred = fazhi_sections(rep) if tool == "fazhi" else baseline_sections(rep.text)
        gold = g.data.get("sections", [])
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        used = set()
        j0 = 0
        for gs in gold:
            hit = None
            for j in list(range(j0, len(pred))) + list(range(0, j0)):
                if j not in used and heading_match(gs["heading"], pred[j]["heading"]):
                    hit = j
                    break
            if gs.get("level") == 1 and gs.get("part"):
                c["parts"] += 1
            if hit is None:
                continue
            used.add(hit)
            j0 = hit + 1
            c["tp_text"] += 1
            if pred[hit]["level"] == gs["level"]:
                c["tp_level"] += 1
            if gs.get("level") == 1 and gs.get("part") and pred[hit]["part"] == gs["part"]:
                c["parts_ok"] += 1
    return c


def run(fast: bool = False) -> str:
    from .common import load_gold
    golds, missing = load_gold(["own-township", "own-web-fused", "example-qinghe"] if fast else None)
    rows = []
    for tool, label in (("fazhi", "fazhi"), ("baseline", "heading regex baseline")):
        c = score(golds, tool)
        p, r = ratio(c["tp_text"], c["pred"]), ratio(c["tp_text"], c["gold"])
        pl, rl = ratio(c["tp_level"], c["pred"]), ratio(c["tp_level"], c["gold"])
        rows.append([label, c["gold"], c["pred"], p, r, f1(p, r), ratio(c["tp_level"], c["tp_text"]),
                     f1(pl, rl), f"{c['parts_ok']}/{c['parts']}", ratio(c["parts_ok"], c["parts"])])
    note = (f"{len(golds)} reports. Heading match: same text after normalisation or one a prefix of the "
            "other (≥4 chars); 'tree acc' = level right among matched headings; 'F1 text+level' counts a "
            "heading only when its level is right too; part accuracy over gold top-level sections "
            "(baseline: longest frameworks.yaml heading phrase contained in the heading).")
    if missing:
        note += f"\nnot available (text not found): {', '.join(missing)}"
    return table("structure — headings, tree and statutory parts",
                 ["tool", "gold", "pred", "P", "R", "F1 text", "tree acc", "F1 text+level", "parts", "part acc"],
                 rows, note)
