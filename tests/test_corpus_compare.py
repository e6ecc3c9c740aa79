"""corpus/compare.py: two stored reports side by side; a part found only as a subsection is
未单列 (present), never missing — the same account as the report page and the opinion."""
from __future__ import annotations

from conftest import ROOT
from fazhi.corpus.compare import compare
from fazhi.corpus.store import Store

EXAMPLE = next((ROOT / "examples").glob("*.txt"))


def test_nested_part_is_not_missing(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'f.db'}").migrate()
    text = EXAMPLE.read_text("utf-8")
    other = text.replace("2023", "2022")
    ids = store.ingest_items([("a.txt", text.encode()), ("b.txt", other.encode())], corpus=False).report_ids
    res = compare(store, *ids)
    side = res["reports"][0]
    # the example reports the first-responsible duties as （一） under the measures
    assert "first_responsible" in side["nested_parts"]
    assert "first_responsible" not in side["missing_parts"]
    assert side["missing_parts"] == []
    from fazhi.api import analyze
    rules = {f.rule for f in analyze(EXAMPLE).findings}
    assert "structure.part_nested" in rules and "structure.missing_part" not in rules
