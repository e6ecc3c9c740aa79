"""The corpus findings refreshed for the reports added or changed since the last refresh, with
exactly the findings a full recompute (corpus/analyses.py) would store.

What the last refresh saw is kept in three tables (migration 0010): `corpus_bands` (the LSH
band keys of every seen report: a bucket's owners are one index range), `corpus_seen` (per
report: the analysis stamp, the fields continuity and follow-up group by, its band keys) and
`corpus_state` (ready flag, fingerprints of the configuration and of the 整改台账).

The changed reports C: current reports not seen, seen reports no longer current, and reports
whose `analyzed_at` differs from the one seen. What their change can alter:

- duplicate_text (similarity.band_pairs): a paragraph pair is a candidate when the two share a
  live bucket (2..max_bucket owner reports) in some band and neither paragraph is common (its
  candidates lie in more than max_bucket other reports). Only the buckets holding C's old or
  new paragraphs change owners; those live before or after (Ka) are the only ones whose pairs
  can appear or go, and only their other members' paragraphs (M) can change degree. So the
  report pairs to realign are: every pair with a report of C (its stored partners and its new
  candidates); pairs of M's paragraphs whose candidate status differs before/after (a bucket
  crossing max_bucket withdraws or restores them); and every pair of a paragraph whose
  common/not-common state changed. Each such report pair is realigned from all its current
  candidate paragraph pairs, so both of its findings (on each report) are replaced.
- repeated_problem / plan_not_followed: every report of a series (province, place,
  department, kind) that holds a report of C, before or after.
- rectify_followup: the items whose target (the next year's report) is or was in C, or whose
  target changed; all items when the 整改台账 changed.

Falls back to the full recompute (returns None) when the tables are not ready, the
configuration changed, or more than `MAX_CHANGED` reports (or share) changed."""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, cast

import numpy as np
import sqlalchemy as sa

from . import reports
from . import schema as T
from ..zh.departments import department_key
from .analyses import current_infos, load_texts, sections_by_report, year_reports
from .continuity import continuity_findings
from .parts import part_spans
from .similarity import (DEFAULT_MAX_BUCKET, Passage, ReportInfo, align, band_keys, is_masked, lsh_params,
                         pair_findings, prepare, same_place)

if TYPE_CHECKING:
    from .store import Store

VERSION = "1"                    # of this bookkeeping; a change forces one full recompute
MAX_CHANGED = 100                # more changed reports than this and 2% of the corpus: full
#   (one report's incremental refresh costs 35-95x its share of a full recompute: bench step "incremental")
MAX_PAIRS = 50_000               # more report pairs to realign than this: full
DUP = "corpus.duplicate_text"
CONT = ("corpus.repeated_problem", "corpus.plan_not_followed")
FOLLOW = "corpus.rectify_followup"
RULES = (DUP, *CONT, FOLLOW)
_REC = np.dtype([("band", np.uint8), ("key", np.int64)])
_BAND_ROW = np.dtype([("band", np.int64), ("key", np.int64), ("report_id", np.int64)])


# -- fingerprints and snapshots --------------------------------------------------------

def config_fingerprint(cfg) -> str:
    data = {"similarity": cfg.get("corpus.similarity"), "continuity": cfg.get("corpus.continuity"),
            "enabled": [cfg.rule_enabled(r) for r in RULES], "version": VERSION}
    return hashlib.sha1(json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def rectify_fingerprint(conn) -> str:
    h = hashlib.sha1()
    for row in _q(conn, sa.select(T.rectify_items).order_by(T.rectify_items.c.id)):
        h.update(repr(tuple(row)).encode("utf-8"))
    return h.hexdigest()


def meta_of(info: ReportInfo) -> list[Any]:
    return [info.province, info.jurisdiction, info.department, getattr(info, "kind", None),
            info.report_year, info.report_key]


def info_of(rid: int, meta: list[Any]) -> ReportInfo:
    province, jurisdiction, department, kind, year, key = meta
    info = ReportInfo(rid, key, province, jurisdiction, department, year, None, None, "")
    info.kind = kind  # type: ignore[attr-defined]
    return info


def series_key(meta: list[Any]) -> tuple | None:
    """The continuity series (analyses.year_series) of a report's meta, or None."""
    province, jurisdiction, department, kind, year, _ = meta
    if jurisdiction and not is_masked(jurisdiction) and year:
        return (province, jurisdiction, department_key(department), kind)
    return None


def stamps(conn) -> dict[int, str]:
    r = T.reports
    return {rid: str(at) for rid, at in _q(conn,
        sa.select(r.c.id, r.c.analyzed_at).where(r.c.current == sa.true()))}


def pack(keys: np.ndarray) -> bytes:
    """A report's distinct (band, key) pairs; keys: (paragraphs, bands) int64."""
    n, bands = keys.shape
    rec = np.empty(n * bands, dtype=_REC)
    rec["band"] = np.tile(np.arange(bands, dtype=np.uint8), n)
    rec["key"] = keys.reshape(-1)
    return np.unique(rec).tobytes()


def unpack(blob: bytes) -> list[tuple[int, int]]:
    rec = np.frombuffer(bytes(blob), dtype=_REC)
    return list(zip(rec["band"].tolist(), rec["key"].tolist()))


def _other(data: Any) -> int:
    """The other report of a stored duplicate_text finding's data."""
    return int((data or {})["other_report_id"])


def _q(conn, query) -> Iterable[tuple[Any, ...]]:
    """The rows of a query, as plain tuples (for the type checker)."""
    return cast("Iterable[tuple[Any, ...]]", conn.execute(query))


def _marks(conn) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def write_bands(conn, rows: list[tuple[int, int, int]]) -> None:
    if rows:
        m = _marks(conn)
        conn.exec_driver_sql(f"INSERT INTO corpus_bands (band, key, report_id) VALUES ({m}, {m}, {m}) "
                             f"ON CONFLICT DO NOTHING", rows)


def snapshot_full(store: Store, infos: dict[int, ReportInfo], at: dict[int, str], table) -> None:
    """After a full recompute is computed (before its findings are swapped in): the seen state
    rebuilt from scratch, in batches; `ready` is set by the findings' transaction."""
    bands, rows = lsh_params(store.config.get("corpus.similarity"))
    with store.engine.begin() as conn:
        set_state(conn, ready="0", gen=_next_gen(conn))
        conn.execute(T.corpus_bands.delete())
        conn.execute(T.corpus_seen.delete())
    keep = np.isin(table.rid, np.fromiter(infos.keys(), dtype=np.int64)) if len(table) else np.zeros(0, bool)
    table = table.select(keep) if len(table) else table
    rid_all = table.rid
    at_row = 0
    per_report: dict[int, list[np.ndarray]] = {}
    for c in table.chunks:
        keys = band_keys(c, bands, rows)
        rid = rid_all[at_row:at_row + len(c)]
        at_row += len(c)
        cut = np.flatnonzero(rid[1:] != rid[:-1]) + 1
        for s, e in zip(np.concatenate(([0], cut)), np.concatenate((cut, [len(rid)]))):
            per_report.setdefault(int(rid[s]), []).append(keys[s:e])
    # the band rows sorted by primary key: inserted in key order, the B-tree grows at its end
    # (random-order inserts rewrite pages all over a multi-million-row index)
    recs: list[np.ndarray] = []
    seen_rows: list[dict[str, Any]] = []
    for rid_, info in infos.items():
        parts = per_report.pop(rid_, None)
        keys = np.concatenate(parts) if parts else np.empty((0, bands), dtype=np.int64)
        blob = pack(keys)
        seen_rows.append({"report_id": rid_, "stamp": at.get(rid_, "None"), "meta": meta_of(info), "bands": blob})
        rec = np.frombuffer(blob, dtype=_REC)
        r = np.empty(len(rec), dtype=_BAND_ROW)
        r["band"], r["key"], r["report_id"] = rec["band"], rec["key"], rid_
        recs.append(r)
        if len(seen_rows) >= 2000:
            with store.engine.begin() as conn:
                conn.execute(T.corpus_seen.insert(), seen_rows)
            seen_rows.clear()
    if seen_rows:
        with store.engine.begin() as conn:
            conn.execute(T.corpus_seen.insert(), seen_rows)
    allrec = np.concatenate(recs) if recs else np.empty(0, dtype=_BAND_ROW)
    del recs
    allrec.sort(order=("band", "key", "report_id"))
    step = 500_000
    for i in range(0, len(allrec), step):
        part = allrec[i:i + step]
        rows_ = list(zip(part["band"].tolist(), part["key"].tolist(), part["report_id"].tolist()))
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":      # distinct rows (one blob per report): COPY
                cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
                with cur.copy("COPY corpus_bands (band, key, report_id) FROM STDIN") as cp:
                    for row in rows_:
                        cp.write_row(row)
            else:
                write_bands(conn, rows_)


def set_state(conn, **values: str) -> None:
    for name, value in values.items():
        conn.execute(T.corpus_state.delete().where(T.corpus_state.c.name == name))
        conn.execute(T.corpus_state.insert().values(name=name, value=value))


def mark_ready(conn, store: Store) -> None:
    set_state(conn, ready="1", config=config_fingerprint(store.config), rectify=rectify_fingerprint(conn),
              gen=_next_gen(conn))


def _next_gen(conn) -> str:
    v = conn.execute(sa.select(T.corpus_state.c.value).where(T.corpus_state.c.name == "gen")).scalar()
    return str(int(v or 0) + 1)


class Conflict(Exception):
    """Another refresh wrote between this one's reads and its transaction."""


# -- the incremental refresh -------------------------------------------------------------

@dataclass
class Rows:
    """A report's paragraphs: ids, spans and band keys (n, bands)."""
    pid: np.ndarray
    start: np.ndarray
    end: np.ndarray
    keys: np.ndarray


class Buckets:
    """Bucket owners before (as seen) and after (the seen table minus C's old keys plus C's new
    ones), read from corpus_bands by primary key, cached."""

    def __init__(self, conn, changed: set[int], new_owners: dict[tuple[int, int], set[int]], max_bucket: int):
        self.conn, self.changed, self.new_owners, self.mb = conn, changed, new_owners, max_bucket
        self.limit = max_bucket + 2 + len(changed)
        m = _marks(conn)
        self.sql = f"SELECT report_id FROM corpus_bands WHERE band = {m} AND key = {m} LIMIT {self.limit}"
        self.cache: dict[tuple[int, int], tuple[frozenset[int] | None, frozenset[int] | None]] = {}
        self.queries = 0

    def owners(self, band: int, key: int) -> tuple[frozenset[int] | None, frozenset[int] | None]:
        """(owners before, owners after); None for a bucket too large to be live."""
        k = (band, key)
        got = self.cache.get(k)
        if got is None:
            self.queries += 1
            found = [r for (r,) in self.conn.exec_driver_sql(self.sql, (band, key))]
            if len(found) >= self.limit:
                got = (None, None)
            else:
                old = frozenset(found)
                got = (old, frozenset((old - self.changed) | self.new_owners.get(k, set())))
            self.cache[k] = got
        return got

    def live(self, owners: frozenset[int] | None) -> bool:
        return owners is not None and 2 <= len(owners) <= self.mb


def behind(store: Store) -> bool:
    """Whether reports were stored or changed after the last corpus pass of a corpus whose
    incremental bookkeeping is ready (a server stopped between an upload and its pass)."""
    with store.engine.connect() as conn:
        ready = conn.execute(sa.select(T.corpus_state.c.value)
                             .where(T.corpus_state.c.name == "ready")).scalar()
        if ready != "1":
            return False
        seen = {int(rid): str(st) for rid, st in _q(conn,
                sa.select(T.corpus_seen.c.report_id, T.corpus_seen.c.stamp))}
        return stamps(conn) != seen


def refresh(store: Store) -> dict[str, int] | None:
    """The incremental refresh; None when a full recompute is needed (nothing written). A
    refresh that another one overtook (its transaction finds another generation) is redone."""
    for _ in range(3):
        try:
            return _refresh(store)
        except Conflict:
            continue
    return None


def _refresh(store: Store) -> dict[str, int] | None:
    cfg = store.config
    clock = [time.perf_counter()]
    took: dict[str, float] = {}

    def lap(name: str) -> None:
        t = time.perf_counter()
        took[name] = round(t - clock[0], 3)
        clock[0] = t
    with store.engine.connect() as conn:
        state: dict[str, str | None] = {str(k): v for k, v in _q(conn,
            sa.select(T.corpus_state.c.name, T.corpus_state.c.value))}
        if state.get("ready") != "1" or not state.get("gen") or state.get("config") != config_fingerprint(cfg):
            return None
        rectify_all = state.get("rectify") != rectify_fingerprint(conn)
        gen = str(state["gen"])
        now_at = stamps(conn)
        seen_at: dict[int, str] = {int(rid): str(st) for rid, st in _q(conn,
            sa.select(T.corpus_seen.c.report_id, T.corpus_seen.c.stamp))}
    changed = {r for r, st in now_at.items() if seen_at.get(r) != st} | (set(seen_at) - set(now_at))
    if not changed and not rectify_all:
        return {}
    if len(changed) > max(MAX_CHANGED, len(now_at) // 50):
        return None
    lap("s_changes")
    work = _Work(store, changed, now_at)
    lap("s_infos")
    work.gen = gen
    if not work.duplicates():
        return None
    lap("s_duplicates")
    work.continuity()
    lap("s_continuity")
    work.followup(rectify_all)
    lap("s_followup")
    out = work.write()
    lap("s_write")
    if work.touched_keys:
        store.refresh_reviewed(keys=work.touched_keys)
    lap("s_reviewed")
    last_stats.clear()
    last_stats.update(work.stats, **took)
    return out


last_stats: dict[str, Any] = {}      # what the last incremental refresh of this process touched


class _Work:
    def __init__(self, store: Store, changed: set[int], at: dict[int, str]):
        self.store, self.changed, self.at = store, changed, at
        self.infos: dict[int, ReportInfo] = {}        # current reports' infos, loaded as needed
        self.all_infos = False
        self.load_infos(c for c in changed if c in at)
        self.cfg = store.config
        self.scfg = self.cfg.get("corpus.similarity")
        self.bands, self.rows_per_band = lsh_params(self.scfg)
        self.mb = int(self.scfg.get("max_bucket") or DEFAULT_MAX_BUCKET)
        self.rows_cache: dict[int, Rows] = {}
        with store.engine.connect() as conn:
            self.old_meta: dict[int, list[Any]] = {}
            self.old_keys: dict[int, list[tuple[int, int]]] = {}
            cl = sorted(changed)
            for i in range(0, len(cl), 500):
                for rid, meta, blob in _q(conn, sa.select(T.corpus_seen.c.report_id, T.corpus_seen.c.meta,
                                                              T.corpus_seen.c.bands)
                                                    .where(T.corpus_seen.c.report_id.in_(cl[i:i + 500]))):
                    self.old_meta[int(rid)] = list(cast("list[Any]", meta))
                    self.old_keys[int(rid)] = unpack(cast(bytes, blob))
        self.new_findings: list[dict[str, Any]] = []
        self.dup_pairs: set[tuple[int, int]] = set()      # report pairs whose findings are replaced
        self.cont_reports: set[int] = set()                # reports whose continuity findings are replaced
        self.follow_items: set[int] | None = set()         # items replaced (None: all)
        self.stats: dict[str, int] = {}
        self.gen = "0"

    # -- report infos --------------------------------------------------------------------
    def load_infos(self, rids: Iterable[int]) -> None:
        need = sorted({r for r in rids if r not in self.infos and r in self.at})
        if need:
            got = current_infos(self.store, need)
            self.infos.update(got)
            self.infos = dict(sorted(self.infos.items()))

    def load_all_infos(self) -> None:
        if not self.all_infos:
            got = current_infos(self.store)
            for r, i in got.items():          # keep the loaded ones (their texts)
                if r in self.at and r not in self.infos:
                    self.infos[r] = i
            self.infos = dict(sorted((r, i) for r, i in self.infos.items() if r in self.at))
            self.all_infos = True

    def series_members(self, keys: set) -> set[int]:
        """Current reports of the given series (province, place, department key, kind)."""
        r = T.reports
        out: set[int] = set()
        with self.store.engine.connect() as conn:
            for province, jurisdiction, department, kind in sorted(keys, key=repr):
                q = sa.select(r.c.id, r.c.department, r.c.kind).where(
                    r.c.current == sa.true(), r.c.jurisdiction == jurisdiction,
                    r.c.province.is_(None) if province is None else r.c.province == province)
                out |= {int(rid) for rid, dept, k in _q(conn, q) if department_key(dept) == department and k == kind}
        return out

    def open_items(self) -> bool:
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(T.rectify_items.c.id).where(T.rectify_items.c.status != "已销号")
                                .limit(1)).first() is not None

    # -- paragraphs --------------------------------------------------------------------
    def rows(self, rids: Iterable[int]) -> dict[int, Rows]:
        need = sorted({r for r in rids if r not in self.rows_cache})
        p = T.paragraphs
        got: dict[int, list[tuple]] = {r: [] for r in need}
        with self.store.engine.connect() as conn:
            for i in range(0, len(need), 500):
                for pid, rid, s, e, sig in _q(conn, sa.select(p.c.id, p.c.report_id, p.c.start, p.c.end,
                                                                  p.c.signature)
                                                        .where(p.c.report_id.in_(need[i:i + 500]))
                                                        .order_by(p.c.id)):
                    got[rid].append((pid, s, e, bytes(sig)))
        num_perm = self.scfg["num_perm"]
        for rid, lst in got.items():
            if lst:
                sigs = np.frombuffer(b"".join(x[3] for x in lst), dtype=np.uint32).reshape(-1, num_perm)
                keys = band_keys(sigs, self.bands, self.rows_per_band)
            else:
                keys = np.empty((0, self.bands), dtype=np.int64)
            self.rows_cache[rid] = Rows(np.array([x[0] for x in lst], dtype=np.int64),
                                        np.array([x[1] for x in lst], dtype=np.int64),
                                        np.array([x[2] for x in lst], dtype=np.int64), keys)
        return {r: self.rows_cache[r] for r in rids}

    # -- duplicate_text ------------------------------------------------------------------
    def duplicates(self) -> bool:
        changed = self.changed
        cur_changed = [c for c in changed if c in self.at]
        new_rows = self.rows(cur_changed)
        new_owners: dict[tuple[int, int], set[int]] = {}
        for c in cur_changed:
            keys = new_rows[c].keys
            for b in range(self.bands):
                for k in set(keys[:, b].tolist()):
                    new_owners.setdefault((b, k), set()).add(c)
        touched = set(new_owners)
        for c in changed:
            touched.update(self.old_keys.get(c, []))
        with self.store.engine.connect() as conn:
            bk = Buckets(conn, changed, new_owners, self.mb)
            self.buckets = bk
            live_any, flipped = [], []
            crossed = 0
            for b, k in sorted(touched):
                old, new = bk.owners(b, k)
                lo, ln = bk.live(old), bk.live(new)
                crossed += (old is None or len(old) > self.mb) != (new is None or len(new) > self.mb)
                if lo or ln:
                    live_any.append((b, k))
                    if lo != ln:
                        flipped.append((b, k))
            members: set[int] = set()
            for b, k in live_any:
                old, new = bk.owners(b, k)
                members |= ((old or frozenset()) | (new or frozenset()))
            members -= changed
            mrows = self.rows(members)
            live_set = set(live_any)
            degree_cache: dict[tuple[int, int], tuple[set[int], set[int]]] = {}

            def partners(rid: int, i: int) -> tuple[set[int], set[int]]:
                """Partner reports of paragraph i of report rid, before and after."""
                got = degree_cache.get((rid, i))
                if got is None:
                    po: set[int] = set()
                    pn: set[int] = set()
                    keys = self.rows_cache[rid].keys[i]
                    for b in range(self.bands):
                        old, new = bk.owners(b, int(keys[b]))
                        if bk.live(old):
                            po |= old  # type: ignore[arg-type]
                        if bk.live(new):
                            pn |= new  # type: ignore[arg-type]
                    po.discard(rid)
                    pn.discard(rid)
                    got = degree_cache[(rid, i)] = (po, pn)
                return got
            self.partners = partners

            pairs: set[tuple[int, int]] = set()
            # (a) every pair of a changed report: its stored partners and its new candidates
            for c, other in self.stored_duplicate_partners(conn, changed):
                pairs.add((min(c, other), max(c, other)))
            for c in cur_changed:
                for i in range(len(new_rows[c].pid)):
                    for x in partners(c, i)[1]:
                        pairs.add((min(c, x), max(c, x)))
            # (c) a paragraph of M whose common state changed: all its pairs
            m_para: dict[int, list[int]] = {}
            for r in members:
                keys = mrows[r].keys
                idx = [i for i in range(len(keys))
                       if any((b, int(keys[i, b])) in live_set for b in range(self.bands))]
                m_para[r] = idx
                for i in idx:
                    po, pn = partners(r, i)
                    if (len(po) > self.mb) != (len(pn) > self.mb):
                        for x in po | pn:
                            pairs.add((min(r, x), max(r, x)))
            # (b) a bucket live before xor after: its members' paragraph pairs whose candidate
            # status differs
            for b, k in flipped:
                old, new = bk.owners(b, k)
                own = sorted(((old or frozenset()) | (new or frozenset())) - changed)
                paras = [(r, i) for r in own for i in m_para.get(r, []) if int(mrows[r].keys[i, b]) == k]
                for x, (ra, i) in enumerate(paras):
                    for rb, j in paras[x + 1:]:
                        if ra == rb or (min(ra, rb), max(ra, rb)) in pairs:
                            continue
                        if self.final(ra, i, rb, j, 0) != self.final(ra, i, rb, j, 1):
                            pairs.add((min(ra, rb), max(ra, rb)))
            if len(pairs) > MAX_PAIRS:
                return False
            self.dup_pairs = pairs
            self.stats.update(changed=len(changed), buckets_touched=len(touched), buckets_live=len(live_any),
                              buckets_flipped=len(flipped), buckets_crossed=crossed, members=len(members),
                              report_pairs=len(pairs))
            self.realign(pairs)
            self.stats["bucket_queries"] = bk.queries
        return True

    def final(self, ra: int, i: int, rb: int, j: int, state: int) -> bool:
        """Whether paragraphs i (of ra) and j (of rb) are a candidate pair (state 0: before, 1: after)."""
        bk = self.buckets
        ki, kj = self.rows_cache[ra].keys[i], self.rows_cache[rb].keys[j]
        raw = False
        for b in range(self.bands):
            if ki[b] == kj[b] and bk.live(bk.owners(b, int(ki[b]))[state]):
                raw = True
                break
        if not raw:
            return False
        return len(self.partners(ra, i)[state]) <= self.mb and len(self.partners(rb, j)[state]) <= self.mb

    def stored_duplicate_partners(self, conn, rids: set[int]) -> list[tuple[int, int]]:
        f = T.findings
        out: list[tuple[int, int]] = []
        rl = sorted(rids)
        for i in range(0, len(rl), 500):
            for rid, data in _q(conn, sa.select(f.c.report_id, f.c.data)
                                          .where(f.c.rule == DUP, f.c.report_id.in_(rl[i:i + 500]))):
                out.append((int(rid), _other(data)))
        return out

    def realign(self, pairs: set[tuple[int, int]]) -> None:
        stock = self.cfg.get("corpus.similarity.stock_phrases") or []
        self.load_infos(r for p in pairs for r in p if r in self.at)
        infos = self.infos
        todo = sorted((a, b) for a, b in pairs if a in self.at and b in self.at and not same_place(infos[a], infos[b]))
        rows = self.rows({r for p in todo for r in p})
        found: list[tuple[int, int, list[tuple[int, int]]]] = []
        for a, b in todo:
            ra, rb = rows[a], rows[b]
            if not len(ra.pid) or not len(rb.pid):
                continue
            same = ra.keys[:, None, :] == rb.keys[None, :, :]        # (i, j, band): same bucket
            cand = []
            for i, j in zip(*np.nonzero(same.any(axis=2))):
                if self.final(a, int(i), b, int(j), 1):
                    cand.append((int(i), int(j)))
            if cand:
                found.append((a, b, cand))
        need = {r for a, b, _ in found for r in (a, b)}
        for r, text in load_texts(self.store, need).items():
            infos[r].text = text
        enabled = self.cfg.rule_enabled(DUP)
        for a, b, cand in found:
            A, B = infos[a], infos[b]
            prepare(A, stock)
            prepare(B, stock)
            ra, rb = rows[a], rows[b]
            passages: list[Passage] = []
            for i, j in sorted(cand, key=lambda x: (ra.pid[x[0]], rb.pid[x[1]])):
                p = align("", (int(ra.start[i]), int(ra.end[i])), "", (int(rb.start[j]), int(rb.end[j])),
                          A.mask, B.mask, self.scfg, A.words, B.words)
                if p:
                    passages.append(p)
            if passages and enabled:
                self.new_findings.extend(pair_findings(A, B, passages, self.scfg))

    # -- continuity ----------------------------------------------------------------------
    def continuity(self) -> None:
        keys = set()
        for c in self.changed:
            if c in self.infos:
                keys.add(series_key(meta_of(self.infos[c])))
            if c in self.old_meta:
                keys.add(series_key(self.old_meta[c]))
        keys.discard(None)
        series: dict[tuple, dict[int, int]] = {}
        self.load_infos(self.series_members(keys))
        for rid in sorted(self.infos):
            i = self.infos[rid]
            if i.jurisdiction and not is_masked(i.jurisdiction) and i.report_year:
                key = (i.province, i.jurisdiction, department_key(i.department), getattr(i, "kind", None))
                if key in keys:
                    series.setdefault(key, {})[i.report_year] = i.id
                    self.cont_reports.add(i.id)
        self.cont_reports |= self.changed
        wanted = [(k, ys) for k, ys in series.items() if any(y + 1 in ys for y in ys)]
        for f in continuity_findings(year_reports(self.store, self.infos, wanted), self.cfg.get("corpus.continuity")):
            if self.cfg.rule_enabled(f["rule"]):
                self.new_findings.append(f)
        self.stats["series"] = len(keys)

    # -- rectify follow-up ---------------------------------------------------------------
    def followup(self, everything: bool) -> None:
        from ..supervision.followup import followup_findings, followup_targets
        cfg = self.cfg
        if everything:
            self.follow_items = None
        else:
            if not self.open_items():
                return
            self.load_all_infos()
            new_t = {it["id"]: t for it, t, _ in followup_targets(self.store, self.infos)}
            old_infos = {r: i for r, i in self.infos.items() if r not in self.changed}
            for c, meta in self.old_meta.items():
                old_infos[c] = info_of(c, meta)
            old_infos = dict(sorted(old_infos.items()))
            targets = followup_targets(self.store, old_infos)
            old_t = {it["id"]: t for it, t, _ in targets}
            keys = {self.infos[c].report_key for c in self.changed if c in self.infos}
            keys |= {m[5] for m in self.old_meta.values()}
            items = set()
            for it, _, _ in targets:
                i = it["id"]
                t0, t1 = old_t.get(i), new_t.get(i)
                if t0 != t1 or t0 in self.changed or t1 in self.changed or it["report_key"] in keys:
                    items.add(i)
            self.follow_items = items
            if not items:
                return
        if not cfg.rule_enabled(FOLLOW):
            return
        store = self.store
        self.load_all_infos()

        def text_of(rid: int) -> str:
            return load_texts(store, {rid})[rid]

        def parts_of(rid: int, text: str):
            return part_spans(sections_by_report(store, {rid})[rid], text)
        self.new_findings.extend(followup_findings(store, self.infos, text_of, parts_of, cfg.get("corpus.continuity"),
                                                   items=self.follow_items))

    # -- the one transaction -------------------------------------------------------------
    def write(self) -> dict[str, int]:
        f = T.findings
        by_report: dict[int, list[dict[str, Any]]] = {}
        out: dict[str, int] = {}
        for x in self.new_findings:
            by_report.setdefault(x["report_id"], []).append(x)
            out[x["rule"]] = out.get(x["rule"], 0) + 1
        rows: list[dict[str, Any]] = []
        for rid in sorted(by_report):
            rows += reports.finding_rows(rid, by_report[rid])
        touched = set(self.changed) | self.cont_reports | set(by_report)
        pair_dirs = self.dup_pairs | {(b, a) for a, b in self.dup_pairs}
        ends = sorted({a for a, _ in pair_dirs})
        bands_before = [(b, k, c) for c, keys in self.old_keys.items() for b, k in keys]
        cur_changed = sorted(c for c in self.changed if c in self.at)
        seen_rows: list[dict[str, Any]] = []
        bands_after: list[tuple[int, int, int]] = []
        for c in cur_changed:
            blob = pack(self.rows_cache[c].keys)
            seen_rows.append({"report_id": c, "stamp": self.at[c], "meta": meta_of(self.infos[c]), "bands": blob})
            bands_after.extend((b, k, c) for b, k in unpack(blob))
        with self.store.engine.begin() as conn:
            st = T.corpus_state
            if conn.execute(st.update().where(st.c.name == "gen", st.c.value == self.gen)
                            .values(value=str(int(self.gen) + 1))).rowcount != 1:
                raise Conflict(self.gen)
            ch = sorted(self.changed)
            for i in range(0, len(ch), 500):
                conn.execute(f.delete().where(f.c.family == "corpus", f.c.report_id.in_(ch[i:i + 500])))
            doomed: list[int] = []
            for i in range(0, len(ends), 500):
                for fid, rid, data in _q(conn, sa.select(f.c.id, f.c.report_id, f.c.data)
                                                   .where(f.c.rule == DUP, f.c.report_id.in_(ends[i:i + 500]))):
                    if (int(rid), _other(data)) in pair_dirs:
                        doomed.append(int(fid))
                        touched.add(int(rid))
            cr = sorted(self.cont_reports)
            for i in range(0, len(cr), 500):
                conn.execute(f.delete().where(f.c.rule.in_(CONT), f.c.report_id.in_(cr[i:i + 500])))
            if self.follow_items is None:
                touched |= {int(r) for (r,) in _q(conn, sa.select(f.c.report_id).where(f.c.rule == FOLLOW))}
                conn.execute(f.delete().where(f.c.rule == FOLLOW))
            elif self.follow_items:
                fkeys = [reports.finding_key(FOLLOW, f"rectify:{i}") for i in sorted(self.follow_items)]
                for i in range(0, len(fkeys), 500):
                    touched |= {int(r) for (r,) in _q(conn, sa.select(f.c.report_id).where(
                        f.c.rule == FOLLOW, f.c.key.in_(fkeys[i:i + 500])))}
                    conn.execute(f.delete().where(f.c.rule == FOLLOW, f.c.key.in_(fkeys[i:i + 500])))
            for i in range(0, len(doomed), 500):
                conn.execute(f.delete().where(f.c.id.in_(doomed[i:i + 500])))
            reports.insert_many(conn, f, rows)
            reports.recount(conn, sorted(touched))
            if bands_before:
                m = _marks(conn)
                conn.exec_driver_sql(f"DELETE FROM corpus_bands WHERE band = {m} AND key = {m} AND report_id = {m}",
                                     bands_before)
            write_bands(conn, bands_after)
            for i in range(0, len(ch), 500):
                conn.execute(T.corpus_seen.delete().where(T.corpus_seen.c.report_id.in_(ch[i:i + 500])))
            if seen_rows:
                conn.execute(T.corpus_seen.insert(), seen_rows)
            set_state(conn, rectify=rectify_fingerprint(conn))
            keys = sorted({str(k) for (k,) in _q(conn, sa.select(T.reports.c.report_key)
                                                      .where(T.reports.c.id.in_(sorted(touched))))}) if touched else []
        self.touched_keys = keys
        self.stats["touched_reports"] = len(touched)
        return out
