"""fazhi's whole output on every eval input is the one recorded in eval/data/snapshot.json
(`python -m eval.snapshot --update` records a change that was meant)."""
from __future__ import annotations

from eval import snapshot


def test_the_output_on_every_eval_input_is_the_recorded_one():
    stored = snapshot.load()
    assert stored, "eval/data/snapshot.json is missing: python -m eval.snapshot --update"
    names = snapshot.inputs()
    diff = snapshot.differences(stored, snapshot.compute(names))
    assert not diff, ("output changed (python -m eval.snapshot lists it; --update records a meant change):\n"
                      + "\n".join(diff[:30]))


def test_a_changed_output_is_named_with_the_keys_that_changed():
    stored = {"a.txt": {"meta": "1", "facts": "2"}, "b.txt": {"meta": "3"}}
    now = {"a.txt": {"meta": "1", "facts": "9"}, "c.txt": {"meta": "4"}}
    assert snapshot.differences(stored, now) == [
        "a.txt: facts", "b.txt: in the snapshot, no longer an input", "c.txt: not in the snapshot"]


def test_the_shared_inputs_are_checked_only_where_the_folder_is(monkeypatch, tmp_path):
    monkeypatch.setattr(snapshot, "SHARED", tmp_path / "absent")
    assert not any(n.startswith("shared/") for n in snapshot.inputs())
    assert snapshot.differences({"shared/seeds/x.txt": {"meta": "1"}}, {}) == []
