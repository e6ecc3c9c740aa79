"""The 考评 rubric: catalog/scoring.yaml, or a user's file over it key by key, validated on load
(a key or value that does not fit is a FazhiError naming the file and the key).

    rubric = load_rubric()              # the default
    rubric = load_rubric("my.yaml")     # overrides key by key
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..config import merge
from ..errors import FazhiError
from ..labels import PART_NAMES

RUBRIC_FILE = "catalog/scoring.yaml"

# -- the rubric ---------------------------------------------------------------------------------
NUM, OPT_NUM, BOOL, STR, PARTS, RULES, RULE_NUMS = ("num", "opt_num", "bool", "str", "parts", "rules",
                                                     "rule_nums")
SCHEMA: dict[str, Any] = {
    "schema": STR,
    "criteria": {
        "parts": {"name": STR, "enabled": BOOL, "parts": PARTS,
                  "points": {"separate": NUM, "nested": NUM, "missing": NUM}},
        "timeliness": {"name": STR, "enabled": BOOL, "points": {"on_time": NUM, "unknown": NUM, "late": NUM}},
        "findings": {"name": STR, "enabled": BOOL, "max": NUM, "floor": NUM,
                     "deduct": {"major": NUM, "minor": NUM, "info": NUM}, "per_rule_cap": OPT_NUM,
                     "rules": RULE_NUMS, "exclude": RULES},
        "indicators": {"name": STR, "enabled": BOOL, "per_indicator": NUM, "max": NUM},
        "specificity": {"name": STR, "enabled": BOOL, "shortcomings_specific": NUM, "plan_targets": NUM,
                        "concrete": {"per_item": NUM, "max": NUM}},
    },
}
CRITERIA = tuple(SCHEMA["criteria"])


def _bad(where: str, key: str, zh: str, en: str) -> FazhiError:
    return FazhiError("bad_rubric", where, f"{zh}：{key} / {en}: {key}")


def _rule_ids() -> set[str]:
    from ..checks.registry import all_rules
    return {r.id for r in all_rules()}


def _validate(data: Any, schema: Any, where: str, path: str = "") -> None:
    """One clear error for the first key or value that does not fit the schema."""
    key = path or "（顶层）"
    if isinstance(schema, dict):
        if not isinstance(data, dict):
            raise _bad(where, key, "应为键值表", "must be a mapping")
        for k, v in data.items():
            sub = f"{path}.{k}" if path else str(k)
            if k not in schema:
                known = "、".join(schema)
                raise FazhiError("bad_rubric", where,
                                 f"未知的键：{sub}（可用：{known}）/ unknown key: {sub} (known: {', '.join(schema)})")
            _validate(v, schema[k], where, sub)
        return
    if schema in (NUM, OPT_NUM):
        if data is None and schema == OPT_NUM:
            return
        if isinstance(data, bool) or not isinstance(data, (int, float)) or data < 0:
            raise _bad(where, key, "应为不小于0的数", "must be a number >= 0")
    elif schema == BOOL:
        if not isinstance(data, bool):
            raise _bad(where, key, "应为 true 或 false", "must be true or false")
    elif schema == STR:
        if not isinstance(data, str) or not data.strip():
            raise _bad(where, key, "应为文字", "must be a string")
    elif schema == PARTS:
        if data is None:
            return
        if not isinstance(data, list) or any(p not in PART_NAMES for p in data):
            raise _bad(where, key, f"应为法定部分的列表（{'、'.join(PART_NAMES)}）",
                       f"must be a list of parts ({', '.join(PART_NAMES)})")
    elif schema == RULES:
        if data is None:
            return
        if not isinstance(data, list):
            raise _bad(where, key, "应为规则编号的列表", "must be a list of rule ids")
        for r in data:
            if r not in _rule_ids():
                raise _bad(where, f"{key}: {r}", "没有这条规则", "no such rule")
    elif schema == RULE_NUMS:
        if data is None:
            return
        if not isinstance(data, dict):
            raise _bad(where, key, "应为“规则编号: 扣分”的键值表", "must map rule ids to points")
        for r, v in data.items():
            if r not in _rule_ids():
                raise _bad(where, f"{key}.{r}", "没有这条规则", "no such rule")
            _validate(v, NUM, where, f"{key}.{r}")




def _read_yaml(text: str, where: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"第{mark.line + 1}行" if mark else ""
        raise FazhiError("bad_rubric", where, f"YAML 无法解析{at} / not valid YAML") from None
    if data is None:
        return {}
    _validate(data, SCHEMA, where)
    return data


@functools.lru_cache(maxsize=1)
def _default_data() -> dict:
    text = resources.files("fazhi.catalog").joinpath("scoring.yaml").read_text("utf-8")
    return _read_yaml(text, RUBRIC_FILE)


@dataclass
class Rubric:
    data: dict[str, Any]
    source: str = RUBRIC_FILE

    def criterion(self, cid: str) -> dict[str, Any] | None:
        c = (self.data.get("criteria") or {}).get(cid)
        return c if c and c.get("enabled", True) else None


def load_rubric(path: str | Path | None = None) -> Rubric:
    """The default rubric, or a user's file over it (key by key). A key or value that does not
    fit is a FazhiError("bad_rubric") naming the file and the key."""
    base = copy.deepcopy(_default_data())
    if not path:
        return Rubric(base)
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise FazhiError("not_found", str(p)) from None
    over = _read_yaml(text, str(p))
    return Rubric(merge(base, over), str(p))


def rubric_criteria(rubric: Rubric) -> list[tuple[str, str]]:
    """(id, Chinese name) of the enabled criteria, in order."""
    return [(cid, c["name"]) for cid in CRITERIA if (c := rubric.criterion(cid))]
