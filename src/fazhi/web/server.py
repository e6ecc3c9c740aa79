"""How `fazhi serve` runs the app under uvicorn (also used by the security tests and the load
benchmark, so they exercise the same settings).

- Proxy headers (`X-Forwarded-For`, `X-Forwarded-Proto`) are ignored unless the configuration
  names the proxies to trust (`web: trusted_proxies: ["127.0.0.1"]` or `--trusted-proxy`):
  uvicorn's default trusts them from 127.0.0.1, which would let anybody on the machine (or a
  local page) choose the client address the login budgets count.
- Host names: a server bound to a loopback address answers only to loopback names
  (localhost, 127.0.0.1, ::1) unless `web: allowed_hosts` (or `--allowed-host`) says otherwise;
  a server bound to another address answers any name unless configured.
"""
from __future__ import annotations

import ipaddress
from typing import Any

LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"]


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_allowed_hosts(bind_host: str, configured: list[str] | None) -> list[str] | None:
    if configured:
        return list(configured)
    if is_loopback(bind_host):
        names = list(LOOPBACK_NAMES)
        if bind_host not in names:
            names.append(bind_host)
        return names
    return None


def uvicorn_config(app, host: str, port: int, *, trusted_proxies: list[str] | None = None,
                   log_level: str = "warning", **kw: Any):
    import uvicorn
    proxies = [p for p in (trusted_proxies or []) if p]
    return uvicorn.Config(app, host=host, port=port, log_level=log_level,
                          proxy_headers=bool(proxies), forwarded_allow_ips=",".join(proxies) or None,
                          server_header=False, limit_concurrency=kw.pop("limit_concurrency", 1000),
                          timeout_keep_alive=kw.pop("timeout_keep_alive", 5), **kw)
