"""Settings: deadlines per province and reporter kind, thresholds, rules switched off,
the verdict rule. Defaults live in catalog/config.yaml; a user's YAML file overrides
them key by key (`fazhi review --config my.yaml`)."""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available (10x faster)


@functools.lru_cache(maxsize=1)
def _default_data() -> dict:
    """catalog/config.yaml parsed once per process (callers get a deep copy)."""
    text = resources.files("fazhi.catalog").joinpath("config.yaml").read_text("utf-8")
    return yaml.load(text, Loader=_Loader) or {}


# mappings whose keys are the user's own (province names, rule ids) or checked where they are
# used (web: the server's settings, defaults in web/app.py)
OPEN_KEYS = {"rules.severity", "deadlines.provinces", "web"}


def validate(over: dict, base: dict, prefix: str = "") -> str | None:
    """The first problem of a user's override against the defaults, or None."""
    for k, v in over.items():
        key = f"{prefix}{k}"
        if key in OPEN_KEYS:
            if not isinstance(v, dict) and v is not None:
                return f"配置项 {key} 须为键值对 / {key} must be a mapping"
            continue
        if not isinstance(k, str) or k not in base:
            near = [b for b in base if isinstance(k, str) and (k in b or b in k)]
            hint = f"（是否为 {prefix}{near[0]}？）" if near else ""
            return f"未知的配置项 {key}{hint} / unknown key {key}"
        d = base[k]
        if isinstance(d, dict):
            if not isinstance(v, dict):
                return f"配置项 {key} 须为键值对 / {key} must be a mapping"
            problem = validate(v, d, key + ".")
            if problem:
                return problem
        elif isinstance(d, list) and not isinstance(v, list):
            return f"配置项 {key} 须为列表 / {key} must be a list"
        elif isinstance(d, bool) and not isinstance(v, bool):
            return f"配置项 {key} 须为 true 或 false / {key} must be true or false"
        elif isinstance(d, (int, float)) and not isinstance(d, bool) and \
                (isinstance(v, bool) or not isinstance(v, (int, float))):
            return f"配置项 {key} 须为数字 / {key} must be a number"
    return None


def merge(base: dict, over: dict) -> dict:
    """`over` laid over a deep copy of `base`, key by key (mappings merged, other values replaced)."""
    out = copy.deepcopy(base)
    for k, v in (over or {}).items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


@dataclass
class Config:
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def default(cls) -> "Config":
        return cls(copy.deepcopy(_default_data()))

    @classmethod
    def load(cls, path: str | Path | None) -> "Config":
        """The defaults, overridden by a user's YAML file. A key the defaults do not know (a typo)
        or a value of the wrong shape is one clear error naming the file and the key."""
        cfg = cls.default()
        if path:
            from .errors import FazhiError
            try:
                over = yaml.safe_load(Path(path).read_text("utf-8")) or {}
            except OSError as exc:
                raise FazhiError("read_error", str(path), exc.strerror) from None
            except yaml.YAMLError as exc:
                raise FazhiError("bad_config", str(path), " ".join(str(exc).split())[:200]) from None
            if not isinstance(over, dict):
                raise FazhiError("bad_config", str(path), "顶层须为键值对 / the top level must be a mapping")
            problem = validate(over, cfg.data)
            if problem:
                raise FazhiError("bad_config", str(path), problem)
            cfg.data = merge(cfg.data, over)
        return cfg

    def get(self, dotted: str, default: Any = None) -> Any:
        cur: Any = self.data
        for key in dotted.split("."):
            if not isinstance(cur, dict) or key not in cur:
                return default
            cur = cur[key]
        return cur

    def rule_enabled(self, rule_id: str) -> bool:
        off = set(self.get("rules.disabled", []) or [])
        return rule_id not in off and rule_id.split(".")[0] not in off
