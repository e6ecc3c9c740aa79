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


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in (over or {}).items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
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
        cfg = cls.default()
        if path:
            over = yaml.safe_load(Path(path).read_text("utf-8")) or {}
            cfg.data = _merge(cfg.data, over)
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
