"""Task functions for worker tests (importable by a fork server's workers)."""
from __future__ import annotations

import threading

LOCK = threading.Lock()


def under_lock(x: int) -> int:
    with LOCK:
        return x


def slow_warm_up() -> None:
    """An initializer as slow as a fresh worker's warm-up on a loaded machine."""
    import time
    time.sleep(3)
