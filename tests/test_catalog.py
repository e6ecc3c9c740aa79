"""catalog/: every shipped file loads; a key written twice or a key the code does not read is a
clear error naming the file, the line or the entry, and the key."""
from __future__ import annotations

import pytest

from fazhi import catalog

NAMES = ["chrome", "config", "frameworks", "indicators", "kinds", "language", "scoring", "structure"]


@pytest.mark.parametrize("name", NAMES)
def test_shipped_catalogues_load(name):
    assert catalog.load(name)


def test_a_key_written_twice_is_refused_with_its_lines():
    text = ("indicators:\n  - id: x\n    kind: count\n    context_not: ['a']\n"
            "    subject: ['b']\n    context_not: ['c']\n")
    with pytest.raises(catalog.CatalogError) as e:
        catalog.parse(text, "catalog/indicators.yaml")
    msg = str(e.value)
    assert "catalog/indicators.yaml" in msg and "context_not" in msg and "第6行" in msg and "第4行" in msg
    assert "\n" not in msg


def test_a_misspelt_key_of_an_indicator_is_refused_with_a_suggestion():
    data = {"schema": "x", "indicators": [{"id": "petitions", "kind": "count", "subject": ["信访"],
                                           "contex_not": ["咨询"]}]}
    with pytest.raises(catalog.CatalogError) as e:
        catalog.validate("indicators", data)
    msg = str(e.value)
    assert "contex_not" in msg and "context_not" in msg and "petitions" in msg


def test_a_misspelt_section_key_of_the_kinds_is_refused():
    data = dict(catalog.load("kinds"))
    data["template"] = {**data["template"], "masked_mni": 3}
    with pytest.raises(catalog.CatalogError, match="masked_mni"):
        catalog.validate("kinds", data)


def test_the_english_half_of_a_catalogue_error_names_the_place_in_english():
    data = dict(catalog.load("kinds"))
    data["article"] = {**data["article"], "sourc_patterns": ["x"]}
    with pytest.raises(catalog.CatalogError) as e:
        catalog.validate("kinds", data)
    zh, en = str(e.value).split(" / ")
    assert "article 下未知的键 sourc_patterns" in zh
    assert en == "unknown key 'sourc_patterns' in article (did you mean 'source_patterns'?)"
