"""Shared set-up of the browser tests that run the app as `fazhi serve` does: a real server
process on a loopback port over a real SQLite file, driven by Debian's chromium via Playwright.

    require_chromium()                      # at import: skip (or fail under CI) without chromium
                                            # (FAZHI_CHROMIUM names another executable)
    with fazhi_serve(db_path) as base:      # "http://127.0.0.1:PORT", the process ends on exit
        ...
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")     # Debian's package by default
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def require_chromium() -> None:
    """Skip the calling module when chromium is absent; with CI set, that is a failure."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"{CHROMIUM} is missing but CI is set: the browser tests must run in CI")
        pytest.skip(f"{CHROMIUM} is not installed (set CI=1 to make this a failure)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def fazhi_serve(db_path: Path, *, timeout: float = 60.0):
    """`fazhi serve --db DB --port P` in a child process (same interpreter and PYTHONPATH);
    yields the base URL once /login answers, and ends that process afterwards."""
    port = free_port()
    env = dict(os.environ, FAZHI_SECRET_KEY="browser-test-secret")
    log = open(Path(db_path).with_suffix(".serve.log"), "wb")
    proc = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--db", str(db_path), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"fazhi serve exited ({proc.returncode}): "
                                   + Path(log.name).read_text("utf-8", "replace")[-2000:])
            try:
                with urllib.request.urlopen(f"{base}/login", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("fazhi serve did not answer in time")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def login(browser, base: str, name: str, password: str, *, viewport=(1280, 800)):
    """A fresh browser context signed in as `name` (through the login page)."""
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                              accept_downloads=True, locale="zh-CN")
    page = ctx.new_page()
    page.goto(f"{base}/reports")
    assert "/login" in page.url
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/reports")
    return ctx, page
