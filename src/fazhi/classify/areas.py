"""纲要 task areas per section (component "areas").

Keywords of each area (catalog/frameworks.yaml) are matched with one Aho-Corasick pass over
`report.norm`. A section gets an area when
- its heading contains one of the area's keywords, or closely matches the area's title
  (or one of its sub-measures) — strong evidence; or
- its body (heading excluded, children included) has enough keyword hits for the area:
  at least BODY_MIN_DISTINCT distinct keywords, BODY_MIN_HITS hits in all, and at least
  BODY_SHARE of the best area's hits in that body — weaker evidence, so thresholds apply.
Areas come from the framework the report follows (meta.framework), or from the union of
both frameworks when it is unknown. Strong areas come first, then by score.
"""
from __future__ import annotations

import bisect
import functools
import operator
from collections import Counter
from dataclasses import dataclass, field

import ahocorasick

from .. import catalog
from ..config import Config
from ..model import Report, Section
from ..pipeline import component
from ..textnorm import normalize_view

BODY_MIN_DISTINCT = 2
BODY_MIN_HITS = 3
BODY_SHARE = 0.34
TITLE_SIM = 0.6          # bigram Dice similarity for a heading clause to match a title clause
_CLAUSE_SPLIT = "，,；;：:。 "


@dataclass
class AreaIndex:
    framework: str | None
    automaton: "ahocorasick.Automaton"
    titles: dict[str, list[str]] = field(default_factory=dict)       # area -> title + sub-measure clauses
    title_clauses: dict[str, list[str]] = field(default_factory=dict)  # area -> title clauses only
    low_weight: set[str] = field(default_factory=set)               # framing areas: heading only
    order: list[str] = field(default_factory=list)
    # bigram -> (area, clause position) of the clauses holding it, in titles / title_clauses:
    # only clauses sharing a bigram with a heading clause can reach TITLE_SIM (containment
    # implies shared bigrams, clauses have 4+ characters), so only those are compared
    titles_by_bigram: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    title_clauses_by_bigram: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    # the same with the bigram's count in each clause, for `shared_bigrams`
    titles_bigram_counts: dict[str, list[tuple[tuple[int, int], int]]] = field(default_factory=dict)
    title_clauses_bigram_counts: dict[str, list[tuple[tuple[int, int], int]]] = field(default_factory=dict)
    title_lens: dict[tuple[int, int], int] = field(default_factory=dict)     # clause -> its length


def _bigram_index(table: dict[str, list[str]]) -> dict[str, set[tuple[int, int]]]:
    """bigram -> {(position of the area in `table`, clause position)}."""
    out: dict[str, set[tuple[int, int]]] = {}
    for ai, aid in enumerate(table):
        for j, tc in enumerate(table[aid]):
            for k in range(len(tc) - 1):
                out.setdefault(tc[k:k + 2], set()).add((ai, j))
    return out


def _bigram_counts(table: dict[str, list[str]]) -> dict[str, list[tuple[tuple[int, int], int]]]:
    """bigram -> [((position of the area in `table`, clause position), count in the clause)]."""
    out: dict[str, list[tuple[tuple[int, int], int]]] = {}
    for ai, aid in enumerate(table):
        for j, tc in enumerate(table[aid]):
            for bg, c in _bigrams(tc).items():
                out.setdefault(bg, []).append(((ai, j), c))
    return out


def shared_bigrams(hc: str, by_bigram: dict[str, list[tuple[tuple[int, int], int]]]) -> dict[tuple[int, int], int]:
    """(area position, clause position) -> the size of the multiset intersection of the bigrams
    of hc and of that clause (what `dice` counts), for every clause sharing a bigram with hc: one
    pass over hc's bigrams instead of a `dice` call per candidate clause."""
    common: dict[tuple[int, int], int] = {}
    get = common.get
    for bg, ca in _bigrams(hc).items():
        for key, cb in by_bigram.get(bg, ()):
            common[key] = get(key, 0) + (ca if ca < cb else cb)
    return common


def candidate_clauses(hc: str, by_bigram: dict[str, set[tuple[int, int]]]) -> list[tuple[int, int]]:
    """(area position, clause position) of the clauses sharing a bigram with hc, in table order."""
    found: set[tuple[int, int]] = set()
    for bg in _bigrams(hc):
        hit = by_bigram.get(bg)
        if hit:
            found |= hit
    return sorted(found)


def _frameworks() -> list[dict]:
    return catalog.load("frameworks")["frameworks"]


def framework_ids() -> list[str]:
    return [str(f["id"]) for f in _frameworks()]


def clauses(s: str) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    for ch in normalize_view(s):
        if ch in _CLAUSE_SPLIT:
            if cur:
                out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return [c.strip('"“”') for c in out if len(c) >= 4]


@functools.lru_cache(maxsize=4)
def area_index(framework: str | None) -> AreaIndex:
    """Keyword automaton and title clauses for one framework (None: union of all)."""
    fws = [f for f in _frameworks() if framework is None or str(f["id"]) == framework]
    if not fws:
        fws = _frameworks()
        framework = None
    kw_areas: dict[str, set[str]] = {}
    idx = AreaIndex(framework, ahocorasick.Automaton())
    for fw in fws:
        for area in fw["areas"]:
            aid = area["id"]
            if aid not in idx.order:
                idx.order.append(aid)
            if area.get("classifier_weight") == "low":
                idx.low_weight.add(aid)
            area_clauses = idx.titles.setdefault(aid, [])
            area_clauses += clauses(area.get("title", ""))
            idx.title_clauses.setdefault(aid, []).extend(clauses(area.get("title", "")))
            for sm in area.get("sub_measures") or []:
                area_clauses += clauses(sm)
            for kw in area.get("keywords") or []:
                kw_areas.setdefault(normalize_view(str(kw)), set()).add(aid)
    # an area listed as low weight in one framework but not in another stays normal
    for fw in fws:
        for area in fw["areas"]:
            if area.get("classifier_weight") != "low":
                idx.low_weight.discard(area["id"])
    for kw, aids in kw_areas.items():
        idx.automaton.add_word(kw, (kw, tuple(sorted(aids))))
    idx.automaton.make_automaton()
    idx.titles_by_bigram = _bigram_index(idx.titles)
    idx.title_clauses_by_bigram = _bigram_index(idx.title_clauses)
    idx.titles_bigram_counts = _bigram_counts(idx.titles)
    idx.title_lens = {(ai, j): len(tc) for ai, aid in enumerate(idx.titles) for j, tc in enumerate(idx.titles[aid])}
    idx.title_clauses_bigram_counts = _bigram_counts(idx.title_clauses)
    return idx


@functools.lru_cache(maxsize=4096)
def _bigrams(s: str) -> Counter:
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def dice(a: str, b: str) -> float:
    """Character-bigram Dice similarity."""
    if len(a) < 2 or len(b) < 2:
        return 0.0
    ba, bb = _bigrams(a), _bigrams(b)
    if len(ba) > len(bb):
        ba, bb = bb, ba
    # the size of the multiset intersection (what sum((ba & bb).values()) counts, without
    # Counter.__and__'s pure-Python loop over both counters)
    common = sum(min(ba[k], bb[k]) for k in ba.keys() & bb.keys())   # the shared keys only
    return 2 * common / (len(a) - 1 + len(b) - 1)


def title_matches(heading: str, framework: str | None) -> dict[str, float]:
    """area -> best similarity between a clause of the heading and a clause of the area's
    title or sub-measures (1.0 when one contains the other), for matches >= TITLE_SIM."""
    idx = area_index(framework)
    areas = list(idx.titles)
    lens = idx.title_lens
    out: dict[str, float] = {}
    for hc in clauses(heading):
        lh = len(hc)
        if lh < 4:
            continue
        common = shared_bigrams(hc, idx.titles_bigram_counts)
        # a clause can match only when it contains hc or is contained in it (all the bigrams of
        # the shorter one shared) or shares enough bigrams for the Dice score (with a margin
        # for the rounding of the score computed below): the others are left out first
        least = TITLE_SIM * (lh - 2) - 0.5
        keep = [key for key, c in common.items()
                if 2 * c >= least + TITLE_SIM * lens[key] or c == lens[key] - 1 or c == lh - 1]
        for key in sorted(keep):            # candidate_clauses' order
            aid = areas[key[0]]
            tc = idx.titles[aid][key[1]]
            if tc in hc or (len(hc) >= 8 and hc in tc):
                sim = 1.0
            elif 2 * (min(len(hc), len(tc)) - 1) < TITLE_SIM * (len(hc) + len(tc) - 2):
                continue        # too different in length for the Dice score to reach TITLE_SIM
            else:
                sim = 2 * common[key] / (len(hc) - 1 + len(tc) - 1)     # dice(hc, tc)
            if sim >= TITLE_SIM and sim > out.get(aid, 0.0):
                out[aid] = sim
    return out


def keyword_hits(text_norm: str, framework: str | None) -> list[tuple[int, str, tuple[str, ...]]]:
    """(start, keyword, areas) for every keyword occurrence in text_norm."""
    idx = area_index(framework)
    hits = []
    for end, (kw, aids) in idx.automaton.iter(text_norm):
        hits.append((end - len(kw) + 1, kw, aids))
    hits.sort()
    return hits


@functools.lru_cache(maxsize=2048)
def _heading_areas(heading: str, framework: str | None) -> tuple[tuple[str, float], ...]:
    return tuple(_heading_areas_uncached(heading, framework).items())


def heading_areas(heading: str, framework: str | None) -> dict[str, float]:
    """Areas a heading names (keywords or title match), with a strength score."""
    return dict(_heading_areas(heading, framework))


def _heading_areas_uncached(heading: str, framework: str | None) -> dict[str, float]:
    scores: dict[str, float] = {}
    for _, _kw, aids in keyword_hits(normalize_view(heading), framework):
        for a in aids:
            scores[a] = scores.get(a, 0.0) + 1.0
    for a, sim in title_matches(heading, framework).items():
        scores[a] = scores.get(a, 0.0) + 2.0 * sim
    return scores


_first = operator.itemgetter(0)


def _section_areas(sec: Section, pairs: list[tuple[str, str]], starts: list[int],
                   idx: AreaIndex) -> list[str]:
    """pairs: (area, keyword) of every keyword hit in text order (low-weight areas left out),
    starts: the start of the hit each pair comes from."""
    strong = heading_areas(sec.heading, idx.framework) if sec.heading else {}
    lo = bisect.bisect_left(starts, sec.heading_end)
    hi = bisect.bisect_left(starts, sec.end)
    body = pairs[lo:hi]
    count = Counter(map(_first, body))                  # hits per area
    distinct = Counter(map(_first, set(body)))          # distinct keywords per area
    best = max(count.values(), default=0)
    weak = {a: c for a, c in count.items()
            if distinct[a] >= BODY_MIN_DISTINCT and c >= BODY_MIN_HITS and c >= BODY_SHARE * best}
    ordered = sorted(strong, key=lambda a: (-strong[a], -count.get(a, 0), idx.order.index(a)))
    ordered += sorted((a for a in weak if a not in strong),
                      key=lambda a: (-weak[a], idx.order.index(a)))
    return ordered


@component("areas", reads=("norm", "sections", "meta.framework"), writes=("sections.areas",))
def areas(report: Report, config: Config) -> None:
    fw = report.meta.framework
    idx = area_index(fw if fw in framework_ids() else None)
    hits = keyword_hits(report.norm, idx.framework)
    low = idx.low_weight
    pairs = [(a, kw) for _, kw, aids in hits for a in aids if a not in low]
    starts = [start for start, _, aids in hits for a in aids if a not in low]
    for sec in report.all_sections():
        sec.areas = _section_areas(sec, pairs, starts, idx)
