"""Domain data shipped with the package (YAML): frameworks, indicators, markers, config.

Every file is checked when it is loaded: a key written twice in one mapping (the second would
silently replace the first) and a key the code does not read (a typo: `contex_not`) are errors
naming the file, the line and the key."""
from __future__ import annotations

import difflib
import functools
from importlib import resources
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available (10x faster)


class CatalogError(ValueError):
    """A catalogue file that cannot be used as it is (one line, Chinese and English)."""


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, refusing a key written twice in one mapping."""
    source = "?"

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise CatalogError(f"{self.source}: 第{line}行 键 {key} 重复（第{seen[key]}行已有）"
                                   f" / duplicate key {key!r} at line {line} (first at line {seen[key]})")
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


# the keys the code reads, per file: top level, and the keys of each section (kinds) or of each
# entry of a list (indicators). Files not listed are checked for duplicate keys only.
_ENTRY_KEYS = {
    ("indicators", "indicators"): {"id", "key", "name", "kind", "units", "subject", "scope", "not",
                                   "context_not", "clause_not", "after_not", "clause_scope",
                                   "counts_places", "counts_awards", "needs", "not_in_court_report", "area",
                                   "area_2015"},
}
_TOP_KEYS = {
    "indicators": {"schema", "indicators"},
    "kinds": {"label_max_chars", "template", "interpretation", "other", "plan", "news", "article", "report"},
}
_SECTION_KEYS = {
    ("kinds", "template"): {"residue", "disclaimer_patterns", "residue_patterns", "model_patterns",
                            "lead_chars", "masked_min"},
    ("kinds", "interpretation"): {"title", "top_patterns", "head_patterns", "head_chars"},
    ("kinds", "other"): {"title", "title_patterns", "not_title_patterns", "opening_patterns", "own_topic_patterns", "own_topic_chars",
                         "disclosure", "disclosure_min", "disclosure_unless_patterns", "head_patterns",
                         "head_chars", "contents_line_patterns", "contents_min",
                         "whole_work_heading_patterns", "whole_work_not_patterns", "whole_year_heading_patterns",
                         "whole_year_topic_patterns", "top_patterns"},
    ("kinds", "plan"): {"title_patterns", "not_if_title", "glued_title_patterns", "head_patterns", "headings",
                        "headings_min", "headings_done_patterns"},
    ("kinds", "news"): {"title_patterns", "in_full_patterns", "in_full_chars", "published_title_patterns",
                        "published_opening_patterns", "lead_patterns", "max_chars",
                        "event_patterns"},
    ("kinds", "article"): {"header", "header_chars", "header_patterns", "head_patterns", "head_chars",
                           "source_patterns"},
    ("kinds", "report"): {"title_patterns", "title_report", "not_title_patterns", "part_heading_words",
                          "topic_patterns", "topic_min", "topic_chars", "formula_patterns",
                          "inline_title_patterns", "inline_title_chars", "inline_title_not_before_patterns",
                          "lead_patterns", "lead_paragraphs",
                          "heading_patterns", "subheading_patterns", "item_runs", "done_patterns",
                          "aim_patterns", "done_min", "done_min_numbered", "undated_item_max_chars",
                          "task_item_patterns", "task_items_min",
                          "self_voice_patterns", "story_credit_patterns",
                          "story_third_person_patterns", "story_top_chars"},
}


def _unknown(source: str, where: str, where_en: str, keys, allowed: set[str]) -> None:
    for k in keys:
        if k not in allowed:
            near = difflib.get_close_matches(str(k), sorted(allowed), n=1)
            hint = f"（是否为 {near[0]}？）" if near else ""
            hint_en = f" (did you mean {near[0]!r}?)" if near else ""
            raise CatalogError(f"{source}: {where}未知的键 {k}{hint} / unknown key {k!r} in {where_en}{hint_en}")


def validate(name: str, data: Any, source: str | None = None) -> None:
    """Raise CatalogError when `data` (catalog/<name>.yaml) has a key the code does not read."""
    source = source or f"catalog/{name}.yaml"
    if not isinstance(data, dict):
        return
    if name in _TOP_KEYS:
        _unknown(source, "", "the file", data, _TOP_KEYS[name])
    for (file, section), allowed in _SECTION_KEYS.items():
        if file == name and isinstance(data.get(section), dict):
            _unknown(source, f"{section} 下", section, data[section], allowed)
    for (file, section), allowed in _ENTRY_KEYS.items():
        if file == name:
            for i, entry in enumerate(data.get(section) or []):
                if isinstance(entry, dict):
                    _unknown(source, f"{section} 第{i + 1}项（{entry.get('id', '?')}）",
                             f"{section} entry {i + 1} ({entry.get('id', '?')})", entry, allowed)


def parse(text: str, source: str) -> Any:
    """YAML text of a catalogue file, refusing duplicate keys."""
    loader = _Loader(text)
    loader.source = source
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@functools.lru_cache(maxsize=None)
def load(name: str):
    """Load catalog/<name>.yaml once, checked (see the module's docstring)."""
    text = resources.files(__name__).joinpath(f"{name}.yaml").read_text("utf-8")
    data = parse(text, f"catalog/{name}.yaml")
    validate(name, data)
    return data
