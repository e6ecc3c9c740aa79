"""The JSON contract: every analysed report validates against docs/json-schema, and every
offset points at the quoted text."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import fazhi
from conftest import ROOT, seed_paths

SCHEMA = json.loads((ROOT / "docs/json-schema/fazhi.report-1.json").read_text("utf-8"))
INPUTS = sorted((ROOT / "examples").glob("*.txt")) + seed_paths()


def _check_offsets(doc: dict) -> None:
    text = doc["text"]
    for f in doc["facts"]:
        assert text[f["start"]:f["end"]] == f["quote"], f
        if "subject_start" in f:
            assert text[f["subject_start"]:f["subject_end"]] == f["subject"], f
    for fd in doc["findings"]:
        for ev in fd["evidence"]:
            if not ev.get("removed"):
                assert text[ev["start"]:ev["end"]] == ev["quote"], fd

    def walk(secs):
        for s in secs:
            assert 0 <= s["start"] <= s["end"] <= len(text)
            assert s["heading"] in text[s["start"]:s["end"]] or not s["heading"]
            walk(s["children"])
    walk(doc["sections"])
    for name, span in doc["meta"].get("evidence", {}).items():
        assert 0 <= span["start"] <= span["end"] <= len(text), name


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name[:12])
def test_report_validates_against_schema(path: Path):
    doc = fazhi.analyze(path).to_json()
    jsonschema.validate(doc, SCHEMA)
    _check_offsets(doc)


def test_cli_json_and_jsonl_with_a_bad_file(tmp_path: Path):
    good = next((ROOT / "examples").glob("*.txt"))
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "fazhi", "analyze", str(good), str(bad), str(good),
                           "--format", "jsonl", "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 1
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert len(lines) == 3                          # one line per input, in input order
    assert lines[0]["schema"] == "fazhi.report/1" and lines[2]["schema"] == "fazhi.report/1"
    assert lines[1]["source"]["path"] == str(bad) and lines[1]["error"]["code"] == "empty"
    assert "坏文件.txt" in proc.stderr and "文件为空" in proc.stderr and "empty" in proc.stderr


def test_cli_single_bad_file_one_line_nonzero(tmp_path: Path):
    missing = tmp_path / "nope.html"
    proc = subprocess.run([sys.executable, "-m", "fazhi", "analyze", str(missing)],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0
    assert "nope.html" in proc.stderr and "不存在" in proc.stderr and "not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_json_output_file(tmp_path: Path):
    good = next((ROOT / "examples").glob("*.txt"))
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, "-m", "fazhi", "analyze", str(good), "--format", "json",
                           "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text("utf-8"))
    jsonschema.validate(doc, SCHEMA)


def test_text_summary_is_chinese_without_internal_ids(capsys):
    """The terminal summary: verdict from the pipeline, messages without "（first_responsible）",
    and what ingest removed named by kind in Chinese."""
    from fazhi.cli import main
    example = next((ROOT / "examples").glob("*.txt"))
    assert main(["analyze", str(example)]) == 0
    out = capsys.readouterr().out
    assert "审核结论：" in out and "法定内容未单列" in out
    assert "structure.part_nested" not in out and "（first_responsible）" not in out
    import re
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", out), "an internal id (indicator, part) in the summary"
    assert not re.search(r"= \d+\.0[^\d]", out), "13.0 printed for 13"
    assert "→ 行政复议纠错率" in out
    removed = next(line for line in out.splitlines() if line.startswith("已从正文中去除"))
    assert "导航" in removed and "页脚" in removed
