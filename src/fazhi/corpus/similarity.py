"""Near-duplicate passages across reports: per-paragraph MinHash signatures over character
shingles (datasketch), LSH banding for candidate pairs (not quadratic), then exact alignment of
each candidate pair (difflib.SequenceMatcher) giving offsets in both texts.

Banding uses datasketch's optimal (bands, rows) for the threshold, done with numpy over all
signatures at once: per band, a 64-bit key of the band's values, sorted; paragraphs with the
same key are candidates. This keeps 100,000 reports (millions of paragraphs) in a few hundred
MB and seconds, where a dict-based MinHashLSH holds tens of millions of Python objects.
A bucket holding more than `max_bucket` reports is common template text (the prescribed
heading or wording that everyone uses), not a copy from one place; it is skipped, which also
bounds the work: each bucket gives at most max_bucket² pairs. Likewise a paragraph whose
candidates (over all bands) lie in more than max_bucket other reports is common text and
gets no pairs."""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Callable, Iterable, Iterator

import numpy as np
from datasketch import MinHash

from ..textnorm import normalize_view
from ..zh.masks import is_masked  # noqa: F401  (a masked place name names no place)

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


def stock_mask(norm: str, stock: Iterable[str]) -> bytearray:
    """1 for characters inside a stock phrase (one byte per character)."""
    mask = bytearray(len(norm))
    for ph in stock:
        ph = normalize_view(ph)
        if not ph:
            continue
        i = norm.find(ph)
        while i >= 0:
            mask[i:i + len(ph)] = b"\x01" * len(ph)
            i = norm.find(ph, i + len(ph))
    return mask


def cleaned(norm: str, start: int, end: int, mask: bytearray | None = None) -> tuple[str, list[int]]:
    """Word characters of norm[start:end] (optionally without masked ones) and their offsets."""
    chars, where = [], []
    for i in range(start, end):
        c = norm[i]
        if _WORD.match(c) and not (mask and mask[i]):
            lc = c.lower()
            chars.append(lc if len(lc) == 1 else c)     # one character per offset
            where.append(i)
    return "".join(chars), where


def shingles(s: str, k: int) -> set[str]:
    if len(s) < k:
        return {s} if s else set()
    return {s[i:i + k] for i in range(len(s) - k + 1)}


def signature(sh: set[str], num_perm: int) -> bytes:
    """The MinHash signature of one shingle set (datasketch; `signatures` computes the same
    values for many sets at once)."""
    m = MinHash(num_perm=num_perm, scheme=SCHEME)
    m.update_batch([x.encode("utf-8") for x in sorted(sh)])
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


@functools.lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, scheme=SCHEME).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


# the MurmurHash3 32-bit finalizer datasketch applies before the affine permutations (affine32)
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def signatures(sets: list[set[str]], num_perm: int, chunk: int = 65_536) -> list[bytes]:
    """`signature` of every set, vectorised: datasketch's hash of each shingle (SHA-1, first
    4 bytes), then the permutations and the per-set minimum in numpy over all sets at once
    (a few sets at a time for very large inputs, at most ~`chunk` shingles). The values are
    those of MinHash.update_batch: the minimum does not depend on the order of the shingles."""
    a, b = _permutations(num_perm)
    empty = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32).tobytes()
    out: list[bytes] = []
    sha1, frombytes = hashlib.sha1, int.from_bytes
    i = 0
    while i < len(sets):
        j, n = i, 0
        while j < len(sets) and (j == i or n + len(sets[j]) <= chunk):
            n += len(sets[j])
            j += 1
        group = sets[i:j]
        hv = np.fromiter((frombytes(sha1(x.encode("utf-8")).digest()[:4], "little") for sh in group for x in sh),
                         dtype=np.uint32, count=n)
        sizes = np.fromiter((len(sh) for sh in group), dtype=np.int64, count=len(group))
        if n:
            with np.errstate(over="ignore"):
                phv = _fmix32(hv)[:, None] * a[None, :] + b[None, :]
            starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
            nonempty = sizes > 0
            mins = np.minimum.reduceat(phv, starts[nonempty], axis=0)
        k = 0
        for size in sizes.tolist():
            if size:
                out.append(mins[k].tobytes())
                k += 1
            else:
                out.append(empty)
        i = j
    return out


def minhash(sig: bytes, num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, scheme=SCHEME, hashvalues=np.frombuffer(sig, dtype=np.uint32))


def paragraph_signatures(text: str, norm: str | None, cfg: dict[str, Any],
                         headings: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, bytes]]:
    """(start, end, signature) of each paragraph; a line that is mostly a section heading
    (headings: (start, end) spans) gets none: headings follow prescribed wording."""
    norm = norm if norm is not None else normalize_view(text)
    heads = sorted(headings)
    spans = [(s, e) for s, e in paragraphs(text, cfg["min_paragraph_chars"])
             if not any(hs < e and he > s and (min(he, e) - max(hs, s)) >= 0.6 * (e - s) for hs, he in heads)]
    if not spans:
        return []
    words = WordIndex(norm)
    sigs = signatures([shingles(words.chars_of(s, e), cfg["shingle"]) for s, e in spans], cfg["num_perm"])
    return [(s, e, sig) for (s, e), sig in zip(spans, sigs)]


@dataclass
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    shared: int          # aligned characters, stock phrases excluded


class WordIndex:
    """The word characters of a text (lower-cased) and their offsets, computed once, so
    that `cleaned` of any span is two bisections and a slice."""
    __slots__ = ("pos", "chars")

    def __init__(self, norm: str):
        codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)
        uniq, inv = np.unique(codes, return_inverse=True)
        isword = np.fromiter((bool(_WORD.match(chr(c))) for c in uniq.tolist()), dtype=bool, count=len(uniq))
        self.pos = np.flatnonzero(isword[inv]).astype(np.int32)
        raw = codes[self.pos].tobytes().decode("utf-32-le")
        low = raw.lower()
        # as `cleaned`: each character lower-cased alone (the whole string's lower() differs
        # only where it changes the length, or for the context-dependent final sigma)
        self.chars = low if len(low) == len(raw) and "\u03a3" not in raw else "".join(
            c if len(c.lower()) != 1 else c.lower() for c in raw)

    def span(self, start: int, end: int) -> tuple[str, list[int]]:
        lo, hi = np.searchsorted(self.pos, [start, end])
        return self.chars[lo:hi], self.pos[lo:hi].tolist()

    def chars_of(self, start: int, end: int) -> str:
        """The first part of span(start, end): `cleaned(norm, start, end)[0]`."""
        lo, hi = np.searchsorted(self.pos, [start, end])
        return self.chars[lo:hi]


def align(norm_a: str, span_a: tuple[int, int], norm_b: str, span_b: tuple[int, int],
          mask_a: bytearray, mask_b: bytearray, cfg: dict[str, Any],
          index_a: WordIndex | None = None, index_b: WordIndex | None = None) -> Passage | None:
    """Exact alignment of two paragraphs; a Passage when they share enough text."""
    ca, wa = index_a.span(*span_a) if index_a else cleaned(norm_a, *span_a)
    cb, wb = index_b.span(*span_b) if index_b else cleaned(norm_b, *span_b)
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


DEFAULT_MAX_BUCKET = 50
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                dtype=np.uint64)


def lsh_params(cfg: dict[str, Any]) -> tuple[int, int]:
    """(bands, rows) minimising false positives + negatives at the threshold (datasketch)."""
    from datasketch.lsh import _optimal_param
    return _optimal_param(cfg["lsh_threshold"], cfg["num_perm"], 0.5, 0.5)


@dataclass
class SignatureTable:
    """Paragraph rows as arrays: ids, report ids, spans, and the signatures in chunks."""
    pid: np.ndarray
    rid: np.ndarray
    start: np.ndarray
    end: np.ndarray
    chunks: list[np.ndarray]          # (rows, num_perm) uint32, in row order

    @classmethod
    def build(cls, rows: Iterable[tuple[int, int, int, int, bytes]], num_perm: int,
              chunk: int = 100_000) -> "SignatureTable":
        ids: list[np.ndarray] = []
        chunks: list[np.ndarray] = []
        buf_ids: list[tuple[int, int, int, int]] = []
        buf_sig: list[bytes] = []

        def flush():
            if buf_ids:
                ids.append(np.asarray(buf_ids, dtype=np.int64).reshape(-1, 4))
                chunks.append(np.frombuffer(b"".join(buf_sig), dtype=np.uint32).reshape(-1, num_perm))
                buf_ids.clear()
                buf_sig.clear()
        for pid, rid, s, e, sig in rows:
            buf_ids.append((pid, rid, s, e))
            buf_sig.append(bytes(sig))
            if len(buf_ids) >= chunk:
                flush()
        flush()
        a = np.concatenate(ids) if ids else np.empty((0, 4), dtype=np.int64)
        return cls(a[:, 0], a[:, 1], a[:, 2], a[:, 3], chunks)

    def __len__(self) -> int:
        return len(self.pid)

    def select(self, keep: np.ndarray) -> "SignatureTable":
        """Only the rows where keep (a boolean array) is true."""
        out, at = [], 0
        for c in self.chunks:
            out.append(c[keep[at:at + len(c)]])
            at += len(c)
        return SignatureTable(self.pid[keep], self.rid[keep], self.start[keep], self.end[keep], out)


def band_key(sigs: np.ndarray, b: int, rows: int) -> np.ndarray:
    """The 64-bit key of band b of each signature (sigs: (n, num_perm) uint32)."""
    block = sigs[:, b * rows:(b + 1) * rows].astype(np.uint64)
    k = np.zeros(len(sigs), dtype=np.uint64)
    for j in range(block.shape[1]):
        k = (k ^ (block[:, j] * _MIX[j % len(_MIX)])) * np.uint64(0x100000001B3)
    return k


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) int64: every band's key (`band_key`) of each signature, as signed integers."""
    out = np.empty((len(sigs), bands), dtype=np.uint64)
    for b in range(bands):
        out[:, b] = band_key(sigs, b, rows)
    return out.view(np.int64)


def band_pairs(table: SignatureTable, cfg: dict[str, Any]) -> set[tuple[int, int]]:
    """Row-index pairs (i < j) of different reports that share an LSH band key.

    Cost: one sort per band (n log n) plus the pairs of buckets with at most max_bucket
    reports; never the number of report pairs."""
    n = len(table)
    if n < 2:
        return set()
    bands, rows = lsh_params(cfg)
    max_bucket = int(cfg.get("max_bucket") or DEFAULT_MAX_BUCKET)
    rid = table.rid
    pairs: set[tuple[int, int]] = set()
    for b in range(bands):
        keys = np.empty(n, dtype=np.uint64)
        at = 0
        for c in table.chunks:
            keys[at:at + len(c)] = band_key(c, b, rows)
            at += len(c)
        order = np.argsort(keys, kind="stable")
        sk = keys[order]
        cut = np.flatnonzero(sk[1:] != sk[:-1]) + 1
        starts = np.concatenate(([0], cut))
        ends = np.concatenate((cut, [n]))
        multi = np.flatnonzero(ends - starts >= 2)
        for g in multi:
            members = order[starts[g]:ends[g]]
            owners = rid[members]
            if len(np.unique(owners)) < 2:
                continue
            if len(set(owners.tolist())) > max_bucket:
                continue        # common template text
            m = sorted(members.tolist())
            for x, i in enumerate(m):
                for j in m[x + 1:]:
                    if rid[i] != rid[j]:
                        pairs.add((i, j))
    if not pairs:
        return pairs
    # a paragraph whose near-duplicates (over all bands) lie in more than max_bucket other
    # reports is common template text, not a copy from one place: drop its pairs
    pa = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    pb = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    row = np.concatenate((pa, pb))
    other = np.concatenate((rid[pb], rid[pa]))
    uniq = np.unique(np.stack((row, other), axis=1), axis=0)
    degree = np.bincount(uniq[:, 0], minlength=n)
    if degree.max() <= max_bucket:
        return pairs
    common = degree > max_bucket
    keep = ~(common[pa] | common[pb])
    return {(int(i), int(j)) for i, j in zip(pa[keep], pb[keep])}


def candidate_pairs(items: Iterable[tuple[int, int, bytes]], cfg: dict[str, Any]) -> set[tuple[int, int]]:
    """Pairs of paragraph ids (a < b) of different reports in a common LSH bucket.

    items: (paragraph id, report id, signature)."""
    table = SignatureTable.build(((pid, rid, 0, 0, sig) for pid, rid, sig in items), cfg["num_perm"])
    pid = table.pid
    out = set()
    for i, j in band_pairs(table, cfg):
        a, b = int(pid[i]), int(pid[j])
        out.add((a, b) if a < b else (b, a))
    return out


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
    mask: bytearray = field(default_factory=bytearray)
    words: WordIndex | None = None
    body: int = 0             # word characters of the text

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


def iter_duplicate_findings(infos: dict[int, ReportInfo], para_rows, cfg: dict[str, Any], stock: list[str],
                            load_texts: Callable[[set[int]], dict[int, str]] | None = None
                            ) -> Iterator[dict[str, Any]]:
    """`corpus.duplicate_text` findings: passages a report shares with a report of another place.

    para_rows: a SignatureTable, or (paragraph id, report id, start, end, signature) rows.
    load_texts fills in the text of the reports that have candidate pairs (when infos carry
    none); texts are loaded in report order and dropped once their last pair is aligned."""
    table = para_rows if isinstance(para_rows, SignatureTable) else SignatureTable.build(para_rows, cfg["num_perm"])
    if len(table):
        table = table.select(np.isin(table.rid, np.fromiter(infos.keys(), dtype=np.int64)))
    rid_of, st, en = table.rid, table.start, table.end
    pairs = []
    for i, j in band_pairs(table, cfg):
        ra, rb = int(rid_of[i]), int(rid_of[j])
        if same_place(infos[ra], infos[rb]):
            continue
        if ra > rb:
            i, j, ra, rb = j, i, rb, ra
        pairs.append((ra, rb, i, j))
    pairs.sort()
    last_use: dict[int, int] = {}
    for k, (ra, rb, _, _) in enumerate(pairs):
        last_use[ra] = k
        last_use[rb] = k
    loaded: set[int] = set()

    def ensure(rids: list[int]) -> None:
        missing = {r for r in rids if not infos[r].text and r not in loaded}
        if missing and load_texts:
            for r, text in load_texts(missing).items():
                infos[r].text = text
            loaded.update(missing)
        for r in rids:
            prepare(infos[r], stock)

    per_pair: dict[tuple[int, int], list[Passage]] = {}
    out: list[dict[str, Any]] = []

    def emit(ra: int, rb: int, passages: list[Passage]) -> None:
        out.extend(pair_findings(infos[ra], infos[rb], passages, cfg))

    for k, (ra, rb, i, j) in enumerate(pairs):
        if load_texts and not (infos[ra].text and infos[rb].text):   # prefetch the next reports' texts in one query
            ensure(sorted({r for x in pairs[k:k + 2000] for r in x[:2]}))
        ensure([ra, rb])
        a, b = infos[ra], infos[rb]
        p = align("", (int(st[i]), int(en[i])), "", (int(st[j]), int(en[j])), a.mask, b.mask, cfg,
                  a.words, b.words)
        if p:
            per_pair.setdefault((ra, rb), []).append(p)
        if k + 1 == len(pairs) or pairs[k + 1][:2] != (ra, rb):
            if (ra, rb) in per_pair:
                emit(ra, rb, per_pair.pop((ra, rb)))
                yield from out
                out.clear()
            for r in (ra, rb):      # drop what no later pair needs
                if last_use[r] == k:
                    infos[r].norm, infos[r].mask, infos[r].words = "", bytearray(), None
                    if r in loaded:
                        infos[r].text = ""


def pair_findings(a: ReportInfo, b: ReportInfo, passages: list[Passage], cfg: dict[str, Any]) -> list[dict[str, Any]]:
    """The two findings (on a, on b) of the aligned passages of a (the lower id) and b."""
    passages = _dedupe(passages)
    order = earlier(a, b)
    return [_finding(a, b, [(p.a_start, p.a_end, p.b_start, p.b_end, p.shared) for p in passages], order, cfg),
            _finding(b, a, [(p.b_start, p.b_end, p.a_start, p.a_end, p.shared) for p in passages],
                     None if order is None else -order, cfg)]


def prepare(info: ReportInfo, stock: list[str]) -> None:
    """The normalized view's stock-phrase mask and word index of a report whose text is set."""
    if info.words is None:
        norm = normalize_view(info.text)
        info.mask = stock_mask(norm, stock)
        info.words = WordIndex(norm)
        info.body = len(info.words.pos)


def duplicate_findings(infos: dict[int, ReportInfo], para_rows, cfg: dict[str, Any], stock: list[str],
                       load_texts: Callable[[set[int]], dict[int, str]] | None = None) -> list[dict[str, Any]]:
    """All of iter_duplicate_findings, by report and other report."""
    out = list(iter_duplicate_findings(infos, para_rows, cfg, stock, load_texts))
    out.sort(key=lambda f: (f["report_id"], f["data"]["other_report_id"]))
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
    body = max(1, me.body or len(_WORD.findall(me.text)))
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
