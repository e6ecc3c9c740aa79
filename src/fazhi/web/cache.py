"""Values the web app computes over the whole corpus (the dashboard's aggregates, the report
list's filter choices), cached per corpus state (count, newest id, latest analysis time, newest
finding: `Store.corpus_state`), so they are recomputed only after an ingest or re-analysis.
Aggregates of a scope are cached under the scope's own name (`cache_name`)."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable

from ..corpus.scope import Scope


def cache_name(name: str, scope: Scope) -> str:
    """The cache entry of an aggregate for a scope (never one scope's value for another)."""
    return f"{name}@{scope.key}"


class CorpusCache:
    """Values computed over the whole corpus, dropped when the corpus changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple | None = None
        self._values: dict[str, Any] = {}
        self._busy: dict[str, threading.Lock] = {}
        self._last: dict[str, Any] = {}            # the latest value of each name, any state
        self._running: set[str] = set()
        self._started: dict[str, float] = {}
        self._took: dict[str, float] = {}

    @staticmethod
    def state(store) -> tuple:
        return store.corpus_state()

    def get(self, store, name: str, compute: Callable[[], Any]) -> Any:
        """The cached value, or compute it (one computation at a time per name: a caller that
        arrives while it runs waits for it instead of computing it again)."""
        st = self.state(store)
        with self._lock:
            if st != self._state:
                self._state, self._values = st, {}
            if name in self._values:
                return self._values[name]
            busy = self._busy.setdefault(name, threading.Lock())
        with busy:
            with self._lock:
                if self._state == st and name in self._values:
                    return self._values[name]
            value = compute()
            with self._lock:
                self._last[name] = value
                if self._state == st:
                    self._values[name] = value
        return value

    def get_recent(self, store, name: str, compute: Callable[[], Any], wait_s: float = 0.2,
                   min_interval_s: float = 5.0) -> Any:
        """Like `get`, but never keeps a request waiting long for a recomputation: when the corpus
        changed and an earlier value exists, the new value is computed in a background thread;
        the caller gets it when it is ready within wait_s seconds, else the earlier value (the
        dashboard after an upload shows the previous aggregates for a moment instead of making
        every visitor wait for the pass over the corpus)."""
        st = self.state(store)
        with self._lock:
            if st == self._state and name in self._values:
                return self._values[name]
            if name not in self._last:
                earlier = None
            else:
                earlier = self._last[name]
            now = time.monotonic()
            # while uploads keep arriving, a slow aggregate is recomputed at most every
            # min(min_interval_s, 4 × its last duration) seconds (a quick one at once)
            gap = min(min_interval_s, 4 * self._took.get(name, 0.0))
            start = name not in self._running and (name not in self._last or
                                                   now - self._started.get(name, 0.0) >= gap)
            if start:
                self._running.add(name)
                self._started[name] = now
        if earlier is None and name not in self._last:
            try:
                return self.get(store, name, compute)
            finally:
                with self._lock:
                    self._running.discard(name)
        done = threading.Event()
        if start:
            def run() -> None:
                t0 = time.monotonic()
                try:
                    self.get(store, name, compute)
                    self._took[name] = time.monotonic() - t0
                except Exception as exc:  # the earlier value stays; logged
                    import sys
                    print(f"总览计算失败 / aggregate failed: {type(exc).__name__}: {exc}", file=sys.stderr)
                finally:
                    with self._lock:
                        self._running.discard(name)
                    done.set()
            threading.Thread(target=run, name=f"fazhi-cache-{name}", daemon=True).start()
            done.wait(wait_s)
        with self._lock:
            if name in self._values and self._state == st:
                return self._values[name]
            return self._last.get(name, earlier)
