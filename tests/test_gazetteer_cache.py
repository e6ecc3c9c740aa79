"""The on-disk copy of the gazetteer: the same answers as a table built from the CSV, rebuilt when
an input changes or the file is damaged, never fatal when the folder cannot be written."""
import os
import subprocess
import sys

from conftest import ROOT
from fazhi.parse import gazetteer_cache as gc
from fazhi.parse.places import Gazetteer, _csv_path

TEXT = "和政县人民政府、临夏回族自治州司法局、鼓楼区、福州市鼓楼区、永登县、北京市朝阳区"


def _answers(g):
    return ([(p.name, p.adcode, p.city, p.province) for p in g.lookup("鼓楼区", 2022)],
            g.find(TEXT), g.full_of_short("山西"), len(g._by_name))


def test_cached_copy_answers_as_the_built_table(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    k = gc.key(_csv_path(), Gazetteer.__init__.__code__.co_filename)
    built = gc.load_or_build("gazetteer", k, Gazetteer)           # builds, writes the copy
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert [f.name for f in files] == [f"gazetteer-{k}.pickle"]
    calls = []
    loaded = gc.load_or_build("gazetteer", k, lambda: calls.append(1))
    assert calls == [] and loaded is not built                   # read from the file, not rebuilt
    assert _answers(loaded) == _answers(built)
    assert _answers(built)[1], "the sample text names places"


def test_a_new_key_rebuilds_and_drops_the_old_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    gc.load_or_build("t", "aaa", lambda: {"v": 1})
    assert gc.load_or_build("t", "bbb", lambda: {"v": 2}) == {"v": 2}
    assert sorted(f.name for f in tmp_path.glob("t-*.pickle")) == ["t-bbb.pickle"]


def test_key_follows_the_inputs(tmp_path):
    csv = tmp_path / "x.csv"
    code = tmp_path / "code.py"
    csv.write_text("a\n")
    code.write_text("x = 1\n")
    k1 = gc.key(str(csv), str(code))
    code.write_text("x = 2\n")
    k2 = gc.key(str(csv), str(code))
    csv.write_text("ab\n")
    assert len({k1, k2, gc.key(str(csv), str(code))}) == 3


def test_damaged_or_unwritable_cache_is_not_fatal(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    (tmp_path / "t-k.pickle").write_bytes(b"not a pickle")
    assert gc.load_or_build("t", "k", lambda: [1]) == [1]
    assert gc.load_or_build("t", "k", lambda: [2]) == [1]           # the damaged file was replaced
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(blocked / "sub"))     # a path under a file: cannot mkdir
    assert gc.load_or_build("t", "k", lambda: [3]) == [3]
    monkeypatch.setenv("FAZHI_CACHE_DIR", "off")
    assert gc.cache_dir() is None and gc.load_or_build("t", "k", lambda: [4]) == [4]


def test_a_new_process_reads_the_copy(tmp_path):
    """Two processes in turn: the first writes the copy, the second finds the same places."""
    env = dict(os.environ, FAZHI_CACHE_DIR=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    code = ("from fazhi.parse.places import gazetteer;"
            f"print(sorted(p.adcode for p in gazetteer().lookup('鼓楼区', 2022)), gazetteer().find('{TEXT}'))")
    outs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert outs[0] == outs[1] and "350102" in outs[0]
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1
