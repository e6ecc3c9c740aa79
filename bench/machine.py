"""One line describing this machine, for every benchmark's output."""
from __future__ import annotations

import os
import platform
import time
from pathlib import Path


def machine() -> str:
    cpu = platform.processor() or platform.machine() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        ram = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB RAM"
    except (ValueError, OSError):
        ram = "? RAM"
    import fazhi
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {cpu}, {os.cpu_count()} cores, {ram}; "
            f"{platform.system()} {platform.machine()}; Python {platform.python_version()}; fazhi {fazhi.__version__}")
