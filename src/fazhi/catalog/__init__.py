"""Domain data shipped with the package (YAML): frameworks, indicators, markers, config."""
from __future__ import annotations

import functools
from importlib import resources

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available (10x faster)


@functools.lru_cache(maxsize=None)
def load(name: str):
    """Load catalog/<name>.yaml once."""
    text = resources.files(__name__).joinpath(f"{name}.yaml").read_text("utf-8")
    return yaml.load(text, Loader=_Loader)
