"""config.py: a user's YAML overrides the defaults key by key; a typo is a clear error naming the
file and the key, in Chinese and English, and the command exits non-zero without a traceback."""
from __future__ import annotations

import pytest

from fazhi.cli import main
from fazhi.config import Config
from fazhi.errors import FazhiError
from conftest import ROOT

EXAMPLE = next((ROOT / "examples").glob("*.txt"))


def _write(tmp_path, text):
    p = tmp_path / "my.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_override_is_merged(tmp_path):
    cfg = Config.load(_write(tmp_path, "opinion:\n  office: 某某市司法局\ndeadlines:\n  provinces:\n"
                                       "    某某省: {report_by: '03-15'}\nrules:\n  severity: {years.deadline: major}\n"))
    assert cfg.get("opinion.office") == "某某市司法局"
    assert cfg.get("deadlines.provinces")["某某省"]["report_by"] == "03-15"
    assert cfg.get("opinion.max_quote_chars") == 120          # the rest keeps its default


@pytest.mark.parametrize("text,key", [
    ("opinon:\n  office: x\n", "opinon"),
    ("opinion:\n  ofice: x\n", "opinion.ofice"),
    ("thresholds:\n  rate_major_gap_pp: 一\n", "thresholds.rate_major_gap_pp"),
    ("rules:\n  disabled: figures.sum_mismatch\n", "rules.disabled"),
    ("verdict:\n  revise:\n    major_min: 2\n", "verdict.revise.major_min"),
    ("- a\n- b\n", "顶层"),
    ("opinion: [\n", ""),
])
def test_typos_and_wrong_shapes_are_clear_errors(tmp_path, text, key):
    path = _write(tmp_path, text)
    with pytest.raises(FazhiError) as e:
        Config.load(path)
    msg = str(e.value)
    assert e.value.code == "bad_config" and str(path) in msg and key in msg
    assert "配置文件有误" in msg and "invalid configuration" in msg


def test_cli_says_it_in_one_line(tmp_path, capsys):
    path = _write(tmp_path, "opinion:\n  ofice: x\n")
    assert main(["review", str(EXAMPLE), "--config", str(path), "-o", str(tmp_path / "o.docx")]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "opinion.ofice" in err[0] and "Traceback" not in err[0]
