"""Worker processes with limits: one analysis may not run longer than its timeout nor take more
address space than its limit, and workers never outlive the process that started them.

`LimitedExecutor` is a `concurrent.futures.Executor`: `submit(fn, *args)` runs fn in one of
its worker processes. A task that runs past its deadline gets its worker killed (SIGKILL) and a
fresh one started; its Future fails with FazhiError("timeout"). A worker that dies (out of
memory under RLIMIT_AS, a crash in a C library) fails its task with FazhiError("out_of_memory")
or FazhiError("internal") and is replaced. The other tasks go on.

Workers die with their parent: on Linux prctl(PR_SET_PDEATHSIG, SIGKILL); everywhere a
thread in the worker polls its parent's pid and exits when the parent is gone.

How workers start: forked from a process that runs no other thread (a CLI batch: fast, and
the worker inherits the warm catalogues and gazetteer); from a fork server when other threads
run (the web app): a fork copies the locks other threads hold at that moment — an import, a
library's initialisation — and a worker that then needs one waits for ever (an upload stored
after its 60-s timeout). The fork server is a single-threaded process started once, which
imports and warms the engine first (`fazhi._warm`), so its workers start warm too; it exits
with this process, and its workers with it.

    with LimitedExecutor(2, timeout=lambda args: 60 + 10 * len(args[0][1]) / 2**20,
                         memory_mb=2048) as ex:
        fut = ex.submit(analyze_item, ("a.txt", data))
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Executor, Future
from multiprocessing.connection import wait
from typing import Any, Callable

from .errors import FazhiError

PR_SET_PDEATHSIG = 1
STARTUP_S = 120.0       # how long a fresh worker may take to warm up before its first task's clock


def die_with_parent(parent_pid: int | None, *, kernel: bool = True) -> None:
    """Make this process exit when parent_pid exits (Linux: at once, by the kernel; elsewhere
    within a second, by a polling thread). None: the process that started this one (a fork
    server's worker watches the server, which exits with the process that started it).
    kernel=False: the polling thread only — the kernel's signal follows the parent *thread*
    that started the process, and a pool started from a request thread must outlive that
    thread (concurrent.futures starts its processes from the thread that submits)."""
    if parent_pid is None:
        parent_pid = os.getppid()
    if kernel and sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except Exception:  # noqa: BLE001 - the polling thread below still applies
            pass
    if os.getppid() != parent_pid:          # the parent died before prctl took effect
        os._exit(1)

    def poll() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)
    threading.Thread(target=poll, name="fazhi-parent-watch", daemon=True).start()


def _vm_size() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def limit_memory(memory_mb: float) -> None:
    """RLIMIT_AS = the address space in use now + memory_mb (a forked worker starts with its
    parent's mappings, so an absolute limit below them would fail every allocation)."""
    if not memory_mb or memory_mb <= 0:
        return
    try:
        import resource
        limit = _vm_size() + int(memory_mb * 1024 * 1024)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def _worker_main(conn, parent_pid: int | None, memory_mb: float,
                 initializer: Callable[[], Any] | None) -> None:
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the parent's to handle
    if initializer is not None:
        try:
            initializer()
        except Exception:  # noqa: BLE001 - a failed warm-up shows in the first task
            pass
    limit_memory(memory_mb)
    try:
        conn.send(("ready", None))      # a task's clock starts now, not while the worker warms up
    except Exception:  # noqa: BLE001 - the parent is gone: the loop below ends
        pass
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        fn, args, kwargs = task
        try:
            out = ("ok", fn(*args, **kwargs))
        except MemoryError:
            out = ("err", FazhiError("out_of_memory"))
        except BaseException as exc:  # noqa: BLE001 - sent back to the caller
            out = ("err", exc)
        try:
            conn.send(out)
        except MemoryError:
            os._exit(3)
        except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
            conn.send(("err", RuntimeError(f"result could not be sent: {type(exc).__name__}: {exc}")))


def start_method_now() -> str:
    """fork where only this thread runs, else a fork server (see the module docstring); spawn
    where neither exists."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    if "forkserver" in methods:
        return "forkserver"
    return "spawn"


_preload_lock = threading.Lock()


def _context(start_method: str):
    ctx = mp.get_context(start_method)
    if start_method == "forkserver":
        with _preload_lock:
            ctx.set_forkserver_preload(["fazhi._warm"])
    return ctx


class _Worker:
    def __init__(self, ctx, memory_mb: float, initializer) -> None:
        self.conn, child = ctx.Pipe()
        watch = os.getpid() if ctx.get_start_method() == "fork" else None
        self.proc = ctx.Process(target=_worker_main, args=(child, watch, memory_mb, initializer),
                                daemon=True, name="fazhi-worker")
        self.proc.start()
        child.close()
        self.ready = False              # warmed up (its initializer done): "ready" received
        self.task: tuple[Future, float, float | None] | None = None   # (future, deadline, timeout)

    def kill(self) -> None:
        try:
            self.proc.kill()
        except Exception:  # noqa: BLE001
            pass
        self.proc.join(5)
        self.conn.close()


class LimitedExecutor(Executor):
    def __init__(self, workers: int = 1, *, timeout: float | Callable[[tuple], float] | None = None,
                 memory_mb: float = 0, initializer: Callable[[], Any] | None = None,
                 start_method: str | None = None) -> None:
        self._ctx = _context(start_method or start_method_now())
        self._n = max(1, workers)
        self._timeout = timeout
        self._memory_mb = memory_mb
        self._initializer = initializer
        self._queue: deque = deque()
        self._lock = threading.Lock()
        self._closed = False
        self._wake_r, self._wake_w = os.pipe()
        self._workers: list[_Worker] = []
        self._thread = threading.Thread(target=self._loop, name="fazhi-executor", daemon=True)
        self._thread.start()
        self.timeouts = 0
        self.deaths = 0

    # -- Executor API ----------------------------------------------------------
    def submit(self, fn, /, *args, **kwargs) -> Future:
        fut: Future = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot schedule new futures after shutdown")
            t = self._timeout(args) if callable(self._timeout) else self._timeout
            self._queue.append((fut, (fn, args, kwargs), t))
        self._wake()
        return fut

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._closed = True
            if cancel_futures:
                while self._queue:
                    self._queue.popleft()[0].cancel()
        self._wake()
        if wait:
            self._thread.join()
            for fd in (self._wake_r, self._wake_w):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._wake_r = self._wake_w = -1

    # -- the manager thread ----------------------------------------------------
    def _wake(self) -> None:
        if self._wake_w < 0:
            return
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    def _deadline(self, w: _Worker, t: float | None) -> float:
        """When a task given to `w` now times out: its timeout from now, plus, for a worker still
        warming up (a fresh process under load can take seconds), STARTUP_S more — the clock
        restarts when the worker says it is ready, and a worker stuck starting is still killed."""
        if not t:
            return float("inf")
        return time.monotonic() + t + (0.0 if w.ready else STARTUP_S)

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self._memory_mb, self._initializer)
        self._workers.append(w)
        return w

    def _retire(self, w: _Worker, exc: BaseException | None) -> None:
        if w.task is not None and exc is not None:
            fut = w.task[0]
            if not fut.done():
                fut.set_exception(exc)
        w.task = None
        w.kill()
        self._workers.remove(w)

    def _loop(self) -> None:
        try:
            while True:
                with self._lock:
                    closed = self._closed
                    while self._queue and (sum(w.task is not None for w in self._workers) < self._n):
                        fut, task, t = self._queue.popleft()
                        if not fut.set_running_or_notify_cancel():
                            continue
                        try:
                            w = next((w for w in self._workers if w.task is None), None) or self._spawn()
                        except Exception as exc:  # noqa: BLE001 - no worker could start: fail this task, go on
                            fut.set_exception(FazhiError("internal", None, f"worker could not start: "
                                                         f"{type(exc).__name__}: {exc}"[:300]))
                            continue
                        try:
                            w.conn.send(task)
                        except Exception as exc:  # noqa: BLE001 - unpicklable task
                            fut.set_exception(exc)
                            continue
                        w.task = (fut, self._deadline(w, t), t)
                    busy = [w for w in self._workers if w.task is not None]
                    if closed and not busy and not self._queue:
                        break
                now = time.monotonic()
                deadline = min((w.task[1] for w in busy if w.task is not None), default=float("inf"))
                ready = wait([w.conn for w in busy] + [self._wake_r],
                             timeout=None if deadline == float("inf") else max(0.0, deadline - now))
                if self._wake_r in ready:
                    os.read(self._wake_r, 4096)
                for w in busy:
                    if w.conn in ready:
                        try:
                            status, value = w.conn.recv()
                        except (EOFError, OSError):
                            self.deaths += 1
                            w.proc.join(1)
                            code = w.proc.exitcode
                            err = FazhiError("out_of_memory") if code == 3 else \
                                FazhiError("internal", None, f"worker exited ({code})")
                            self._retire(w, err)
                            continue
                        assert w.task is not None       # busy: it has a task
                        if status == "ready":           # warmed up: the task's own time starts
                            w.ready = True
                            w.task = (w.task[0], self._deadline(w, w.task[2]), w.task[2])
                            continue
                        fut = w.task[0]
                        w.task = None
                        if status == "ok":
                            fut.set_result(value)
                        else:
                            fut.set_exception(value)
                    elif w.task is not None and time.monotonic() >= w.task[1]:
                        self.timeouts += 1
                        self._retire(w, FazhiError("timeout"))
        finally:
            for w in list(self._workers):
                try:
                    if w.task is None:
                        w.conn.send(None)
                except Exception:  # noqa: BLE001
                    pass
            for w in list(self._workers):
                w.proc.join(2)
                if w.task is not None and not w.task[0].done():
                    w.task[0].set_exception(FazhiError("internal", None, "executor stopped"))
                w.kill()
            self._workers.clear()


def analysis_timeout(config, size: int) -> float:
    """Seconds one file of `size` bytes may take: limits.timeout_s + limits.timeout_s_per_mb per MB."""
    base = float(config.get("limits.timeout_s", 60) or 0)
    per = float(config.get("limits.timeout_s_per_mb", 10) or 0)
    return base + per * size / (1024 * 1024) if base else 0.0
