"""Near-duplicate passages across reports: per-paragraph MinHash signatures over character
shingles (datasketch), MinHashLSH buckets for candidate pairs (not quadratic), then exact
alignment of each candidate pair (difflib.SequenceMatcher) giving offsets in both texts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Callable, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..textnorm import normalize_view

SCHEME = "affine32"      # datasketch permutation scheme of the stored signatures (uint32 values)
_WORD = re.compile(r"\w")
_LINE = re.compile(r"[^\n]+")


def paragraphs(text: str, min_chars: int) -> list[tuple[int, int]]:
    """(start, end) of each line with at least min_chars word characters, trimmed."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if len(_WORD.findall(text, s, e)) >= min_chars:
            out.append((s, e))
    return out


def stock_mask(norm: str, stock: Iterable[str]) -> list[bool]:
    """True for characters inside a stock phrase."""
    mask = [False] * len(norm)
    for ph in stock:
        ph = normalize_view(ph)
        i = norm.find(ph)
        while i >= 0:
            for k in range(i, i + len(ph)):
                mask[k] = True
            i = norm.find(ph, i + len(ph))
    return mask


def cleaned(norm: str, start: int, end: int, mask: list[bool] | None = None) -> tuple[str, list[int]]:
    """Word characters of norm[start:end] (optionally without masked ones) and their offsets."""
    chars, where = [], []
    for i in range(start, end):
        c = norm[i]
        if _WORD.match(c) and not (mask and mask[i]):
            chars.append(c.lower())
            where.append(i)
    return "".join(chars), where


def shingles(s: str, k: int) -> set[str]:
    if len(s) < k:
        return {s} if s else set()
    return {s[i:i + k] for i in range(len(s) - k + 1)}


def signature(sh: set[str], num_perm: int) -> bytes:
    m = MinHash(num_perm=num_perm, scheme=SCHEME)
    m.update_batch([x.encode("utf-8") for x in sorted(sh)])
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def minhash(sig: bytes, num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, scheme=SCHEME, hashvalues=np.frombuffer(sig, dtype=np.uint32))


def paragraph_signatures(text: str, norm: str | None, cfg: dict[str, Any]) -> list[tuple[int, int, bytes]]:
    norm = norm if norm is not None else normalize_view(text)
    out = []
    for s, e in paragraphs(text, cfg["min_paragraph_chars"]):
        c, _ = cleaned(norm, s, e)
        out.append((s, e, signature(shingles(c, cfg["shingle"]), cfg["num_perm"])))
    return out


@dataclass
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    shared: int          # aligned characters, stock phrases excluded


def align(norm_a: str, span_a: tuple[int, int], norm_b: str, span_b: tuple[int, int],
          mask_a: list[bool], mask_b: list[bool], cfg: dict[str, Any]) -> Passage | None:
    """Exact alignment of two paragraphs; a Passage when they share enough text."""
    ca, wa = cleaned(norm_a, *span_a)
    cb, wb = cleaned(norm_b, *span_b)
    if not ca or not cb:
        return None
    sm = SequenceMatcher(None, ca, cb, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size >= cfg["min_block_chars"]]
    if not blocks:
        return None
    shared = sum(1 for b in blocks for k in range(b.size) if not mask_a[wa[b.a + k]])
    total = sum(b.size for b in blocks)
    if shared < cfg["min_shared_chars"] or total / min(len(ca), len(cb)) < cfg["min_shared_ratio"]:
        return None
    first, last = blocks[0], blocks[-1]
    a0, b0 = wa[first.a], wb[first.b]
    if first.a == 0:       # keep leading punctuation of the paragraph: "（一）…"
        a0 = span_a[0]
    if first.b == 0:
        b0 = span_b[0]
    return Passage(a0, wa[last.a + last.size - 1] + 1, b0, wb[last.b + last.size - 1] + 1, shared)


def candidate_pairs(items: Iterable[tuple[int, int, bytes]], cfg: dict[str, Any]) -> set[tuple[int, int]]:
    """Pairs of paragraph ids (a < b) of different reports in a common LSH bucket.

    items: (paragraph id, report id, signature). Cost grows with the number of paragraphs
    and the size of the buckets, not with the number of report pairs."""
    lsh = MinHashLSH(threshold=cfg["lsh_threshold"], num_perm=cfg["num_perm"])
    owner: dict[int, int] = {}
    for pid, rid, sig in items:
        owner[pid] = rid
        lsh.insert(pid, minhash(sig, cfg["num_perm"]), check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for key in table.keys():
            bucket = list(table.get(key))
            if len(bucket) < 2:
                continue
            for i, a in enumerate(bucket):
                for b in bucket[i + 1:]:
                    if owner[a] != owner[b]:
                        pairs.add((a, b) if a < b else (b, a))
    return pairs


@dataclass
class ReportInfo:
    id: int
    report_key: str
    province: str | None
    jurisdiction: str | None
    department: str | None
    report_year: int | None
    publish_date: str | None
    report_date: str | None
    text: str
    norm: str = ""
    mask: list[bool] = field(default_factory=list)

    @property
    def place(self) -> tuple | None:
        if not self.jurisdiction or is_masked(self.jurisdiction):
            return None
        return (self.province, self.jurisdiction, self.department)

    def label(self) -> str:
        name = (self.jurisdiction or "") + (self.department or "")
        if not name:
            name = f"地区不详的报告（编号{self.id}）"
        return name + (f"{self.report_year}年度报告" if self.report_year else "报告")


_MASK = re.compile(r"某|[xX×＊*]{2}|〇〇|○○")


def is_masked(name: str | None) -> bool:
    """A masked place name (某某县, XX市) names no place."""
    return bool(name) and bool(_MASK.search(name))


def same_place(a: ReportInfo, b: ReportInfo) -> bool:
    if a.report_key == b.report_key:
        return True
    return a.place is not None and a.place == b.place


def earlier(a: ReportInfo, b: ReportInfo) -> int | None:
    """-1 when a was published first, 1 when b was, None when unknown."""
    da, db = a.publish_date or a.report_date, b.publish_date or b.report_date
    if da and db and da != db:
        return -1 if da < db else 1
    if a.report_year and b.report_year and a.report_year != b.report_year:
        return -1 if a.report_year < b.report_year else 1
    return None


def duplicate_findings(infos: dict[int, ReportInfo], para_rows: list[tuple[int, int, int, int, bytes]],
                       cfg: dict[str, Any], stock: list[str],
                       load_texts: Callable[[set[int]], dict[int, str]] | None = None) -> list[dict[str, Any]]:
    """`corpus.duplicate_text` findings: passages a report shares with a report of another place.

    para_rows: (paragraph id, report id, start, end, signature) of the reports in infos.
    load_texts fills in the text of the reports that have candidate pairs (when infos carry none)."""
    spans = {pid: (rid, s, e) for pid, rid, s, e, _ in para_rows if rid in infos}
    pairs = candidate_pairs(((pid, rid, sig) for pid, rid, _, _, sig in para_rows if rid in infos), cfg)
    pairs = {(pa, pb) for pa, pb in pairs if not same_place(infos[spans[pa][0]], infos[spans[pb][0]])}
    need = {spans[p][0] for pair in pairs for p in pair}
    missing = {rid for rid in need if not infos[rid].text}
    if missing and load_texts:
        for rid, text in load_texts(missing).items():
            infos[rid].text = text
    per_pair: dict[tuple[int, int], list[Passage]] = {}
    for pa, pb in sorted(pairs):
        ra, sa, ea = spans[pa]
        rb, sb, eb = spans[pb]
        a, b = infos[ra], infos[rb]
        for info in (a, b):
            if not info.norm:
                info.norm = normalize_view(info.text)
                info.mask = stock_mask(info.norm, stock)
        if ra > rb:
            ra, rb, a, b, sa, ea, sb, eb = rb, ra, b, a, sb, eb, sa, ea
        p = align(a.norm, (sa, ea), b.norm, (sb, eb), a.mask, b.mask, cfg)
        if p:
            per_pair.setdefault((ra, rb), []).append(p)
    out = []
    for (ra, rb), passages in sorted(per_pair.items()):
        passages = _dedupe(passages)
        a, b = infos[ra], infos[rb]
        order = earlier(a, b)
        out.append(_finding(a, b, [(p.a_start, p.a_end, p.b_start, p.b_end, p.shared) for p in passages],
                            order, cfg))
        out.append(_finding(b, a, [(p.b_start, p.b_end, p.a_start, p.a_end, p.shared) for p in passages],
                            None if order is None else -order, cfg))
    return out


def _dedupe(passages: list[Passage]) -> list[Passage]:
    seen, out = set(), []
    for p in sorted(passages, key=lambda p: (p.a_start, p.b_start)):
        if (p.a_start, p.a_end) in seen:
            continue
        seen.add((p.a_start, p.a_end))
        out.append(p)
    return out


def _finding(me: ReportInfo, other: ReportInfo, passages: list[tuple[int, int, int, int, int]],
             order: int | None, cfg: dict[str, Any]) -> dict[str, Any]:
    shared = sum(p[4] for p in passages)
    body = max(1, len(_WORD.findall(me.text)))
    share = shared / body
    if order == -1:
        who = "本报告发布在先，对方可能沿用了本报告的文本"
        source = "this"
    elif order == 1:
        who = "对方报告在先，本报告可能沿用了对方的文本"
        source = "other"
    else:
        who = "无法判断发布先后"
        source = None
    message = (f"与{other.label()}有{len(passages)}处段落相同或高度相似（共约{shared}字，"
               f"占本报告正文的{share:.0%}）；{who}。")
    ev = [{"start": s, "end": e, "quote": me.text[s:e]} for s, e, *_ in passages[:cfg["max_evidence"]]]
    return {
        "report_id": me.id, "rule": "corpus.duplicate_text",
        "severity": "major" if share >= cfg["major_share"] else "minor",
        "message": message,
        "suggestion": "核实这些段落是否照搬其他地方的报告；应据实写明本地区的工作、数据和问题。",
        "evidence": ev,
        "data": {"other_report_id": other.id, "other_report_key": other.report_key,
                 "other_place": other.label(), "shared_chars": shared, "share": round(share, 4),
                 "likely_source": source,
                 "passages": [{"start": s, "end": e, "other_start": os_, "other_end": oe,
                               "other_quote": other.text[os_:oe]} for s, e, os_, oe, _ in passages]},
        "key_extra": other.report_key,
    }
