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


def test_cli_and_web_compare_tell_the_same(tmp_path, capsys):
    """`fazhi compare` and the web's 对比 page: the same verdicts and counts after a reviewer's
    decision, the same missing and 未单列 parts, the same indicator values with their units."""
    import re

    from fazhi.cli import main
    from fazhi.labels import PART_NAMES, PART_SHORT
    from web_helpers import bearer, client, login, make_app
    db = tmp_path / "c.db"
    app = make_app(db)            # the example, 岚溪县 2022 and 2023
    st = app.state.store
    ids = {(r["jurisdiction"], r["report_year"]): r["id"] for r in st.list_reports()}
    a, b = ids[("青禾县", 2023)], ids[("岚溪县", 2023)]
    c = client(app)
    h = bearer(app, "rev")
    assert c.post(f"/api/reports/{a}/findings/F1/decision", json={"decision": "dismissed", "comment": "核实"},
                  headers=h).status_code == 200
    assert main(["compare", str(a), str(b), "--db", str(db)]) == 0
    cli = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:] for line in cli.split("\n指标：")[0].splitlines()[1:] if line.strip()}
    login(c, "rev")
    page = c.get("/compare", params={"a": a, "b": b}).text
    cells = {}
    for tr in re.findall(r"<tr><td>(.*?)</tr>", page, flags=re.S):
        tds = [re.sub(r"<[^>]+>", "", x).strip() for x in re.split(r"</td><td[^>]*>", tr)]
        cells[tds[0]] = [x.removesuffix("</td>").strip() for x in tds[1:]]
    short = {v: PART_SHORT[k] for k, v in PART_NAMES.items()}
    for label in ("缺少的法定内容", "未单列的法定内容"):
        assert rows[label] == ["、".join(short.get(p, p) for p in x.split("、")) for x in cells[label]], label
    assert rows["未单列的法定内容"][0] == "第一责任人职责" and rows["缺少的法定内容"][0] == "无"
    assert rows["结论"] == cells["结论"]
    assert rows["问题（严重/一般/提示）"] == cells["问题（严重/一般/提示）"]
    assert rows["问题（严重/一般/提示）"][0] == "1/1/0"          # the dismissed 提示 left out
    web_values = {k: v for k, v in cells.items() if len(v) == 2 and k not in rows}
    cli_values = {line.split()[0]: line.split()[1:] for line in cli.split("\n指标：")[1].split("\n相同段落")[0].splitlines()
                  if line.strip()}
    assert cli_values and cli_values == web_values
    assert any(v.endswith("件") for pair in cli_values.values() for v in pair)
    assert any(v.endswith("%") for pair in cli_values.values() for v in pair)
