"""What the command line says: Chinese first, one line per problem, each file named once, counters in order."""
from __future__ import annotations

import re
import shutil
import socket

from conftest import ROOT
from fazhi.cli import main

EXAMPLE = next((ROOT / "examples").glob("*.txt"))


def _run(capsys, argv):
    try:
        rc = main(argv)
    except SystemExit as exc:       # argparse exits
        rc = exc.code
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_missing_argument_is_one_chinese_line(capsys):
    rc, out, err = _run(capsys, ["analyze"])
    assert rc == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("fazhi analyze：缺少必需的参数") and "usage error" in lines[0]
    assert "usage: fazhi" not in err


def test_unknown_command_and_bad_port(capsys):
    rc, _, err = _run(capsys, ["frobnicate"])
    assert rc == 2 and "无效的选项" in err and len(err.strip().splitlines()) == 1
    for port in ("99999", "0", "http"):
        rc, _, err = _run(capsys, ["serve", "--port", port])
        assert rc == 2 and "端口" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_serve_on_a_busy_port_says_so_in_chinese(capsys, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        rc, _, err = _run(capsys, ["serve", "--db", str(tmp_path / "f.db"), "--port", str(port)])
    assert rc != 0
    assert f"端口 {port} 已被占用" in err and "--port" in err
    assert "address already in use" not in err.lower()
    assert "http://" not in err      # the URL is not announced for a server that never starts


def test_ingest_names_each_file_once_and_counts_in_order(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.txt")
    (folder / "b.pdf").write_bytes(bytes(range(256)) * 8)          # not a document
    (folder / "c.txt").write_text("", encoding="utf-8")             # empty
    (folder / "d.txt").write_text(EXAMPLE.read_text("utf-8").replace("2023", "2022"), encoding="utf-8")
    db = folder / "corpus.db"                  # the corpus kept inside the folder being loaded
    rc, out, err = _run(capsys, ["ingest", str(folder), "--db", str(db)])
    assert rc == 1
    counters = re.findall(r"^\[(\d+)/(\d+)\]", err, flags=re.M)
    assert [int(a) for a, _ in counters] == [1, 2, 3, 4], err
    assert {b for _, b in counters} == {"4"}        # the database and its journals are not inputs
    for name in ("b.pdf", "c.txt"):
        line = next(ln for ln in err.splitlines() if name in ln)
        assert line.count(name) == 1, line
    assert "corpus.db" not in err
    assert "失败 2" in out and out.count("b.pdf") == 0


def test_summary_has_no_internal_codes(capsys):
    rc, out, _ = _run(capsys, ["analyze", str(EXAMPLE)])
    assert rc == 0
    assert "（县级）" in out and "类型      年度报告" in out
    assert not re.search(r"\b(county|report|first_responsible|admin_[a-z_]+)\b", out)


def test_analyze_workers_keeps_the_input_order(capsys, tmp_path):
    import json
    paths = []
    for k, county in enumerate(("青石县", "白水县", "红岩县")):
        p = tmp_path / f"{k}.txt"
        p.write_text(EXAMPLE.read_text("utf-8").replace("青禾县", county), encoding="utf-8")
        paths.append(str(p))
    (tmp_path / "bad.txt").write_text("", encoding="utf-8")
    paths.insert(1, str(tmp_path / "bad.txt"))
    rc, out, err = _run(capsys, ["analyze", *paths, "--workers", "2", "--format", "jsonl"])
    assert rc == 1 and "文件为空" in err
    rows = [json.loads(x) for x in out.strip().splitlines()]
    assert [r["source"]["path"] for r in rows] == paths
    assert [r["meta"]["jurisdiction"] for r in rows if "meta" in r] == ["青石县", "白水县", "红岩县"]


def test_every_usage_error_and_help_heading_is_in_chinese(capsys):
    """Each sub-command's own usage errors say in Chinese what is wrong before the English
    (`fazhi similar` without id or --all printed argparse's English only), and -h heads its
    parts 用法 / 位置参数 / 选项."""
    from fazhi.cli import build_parser
    cases = [["similar"], ["show"], ["show", "x"], ["export", "foo", "-o", "x.csv"], ["bogus"],
             ["list", "--year", "abc"], ["analyze", "--format", "xml", "a.txt"], ["compare", "1"]]
    for argv in cases:
        rc, _, err = _run(capsys, argv)
        zh = err.split("/ usage error:")[0]
        assert rc == 2 and len(err.strip().splitlines()) == 1, (argv, err)
        words = re.findall(r"[A-Za-z]{3,}", re.sub(r"'[^']*'|--?[a-z-]+|\b(?:fazhi|id|what|COMMAND|ACTION|similar|show|export|list|analyze|compare)\b", "", zh))
        assert not words, (argv, zh)
    subs = next(a for a in build_parser()._actions if a.dest == "command").choices
    for name, p in [("fazhi", build_parser()), *subs.items()]:
        text = p.format_help()
        assert text.startswith("用法：") and "选项" in text, name
        assert not re.search(r"usage:|positional arguments|options:|show this help|show program", text), name
