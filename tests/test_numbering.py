"""One per-report numbering of findings everywhere: the CLI summary, the JSON of the web API, the
Word/HTML opinion and the Excel all call a report's findings F1…Fn, whatever other reports the
corpus holds (the web used database row ids: a report's findings were F21–F24)."""
from __future__ import annotations

import re

import openpyxl

from conftest import ROOT
from web_helpers import bearer, client, make_app

EXAMPLE = next((ROOT / "examples").glob("*.txt"))


def test_findings_are_numbered_per_report_in_every_output(tmp_path):
    import fazhi
    from fazhi.render.xlsx import BatchItem, render_xlsx
    url = f"sqlite:///{tmp_path / 'n.db'}"
    app = make_app(url)
    c = client(app)
    h = bearer(app, "rev")
    st = app.state.store
    other = EXAMPLE.read_text("utf-8").replace("青禾县", "白水县")
    st.ingest_items([("other.txt", other.encode()), ("qinghe.txt", EXAMPLE.read_bytes())])
    rid = max(r["id"] for r in st.list_reports())
    doc = c.get(f"/api/reports/{rid}", headers=h).json()
    ids = [f["id"] for f in doc["findings"]]
    assert ids == [f"F{k}" for k in range(1, len(ids) + 1)] and len(ids) >= 2
    assert doc["findings"][0]["db_id"] > len(ids)          # rows of the other report come first
    # the Excel of the same report numbers them the same way
    rep = fazhi.analyze(EXAMPLE)
    out = tmp_path / "x.xlsx"
    render_xlsx([BatchItem("q.txt", rep)], str(out))
    rows = list(openpyxl.load_workbook(out)["问题"].iter_rows(values_only=True))
    col = rows[0].index("编号")
    assert sorted(r[col] for r in rows[1:]) == sorted(f"F{k}" for k in range(1, len(rep.findings) + 1))
    # the HTML opinion served for the stored report names F1…Fn, never the row ids
    html = c.get(f"/api/reports/{rid}/review.html", headers=h).text
    shown = set(re.findall(r"问题(F\d+)", html))
    assert shown and shown <= set(ids)
    # a decision by the per-report number lands on that finding
    r = c.post(f"/api/reports/{rid}/findings/F2/decision", json={"decision": "dismissed", "comment": "核实无误"},
               headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["finding"] == "F2"
    again = c.get(f"/api/reports/{rid}", headers=h).json()["findings"]
    assert again[1]["decision"]["decision"] == "dismissed" and again[0]["decision"] is None
    assert c.post(f"/api/reports/{rid}/findings/F99/decision", json={"decision": "dismissed"},
                  headers=h).status_code == 404


def test_the_same_number_names_the_same_finding_in_every_output(tmp_path, capsys):
    """F2 is one finding: the web API, `fazhi show`, `fazhi analyze`, `fazhi export findings` and
    the Excel of `fazhi review` give each number the same rule (numbers, not just sets, agree)."""
    import csv

    from fazhi.cli import main
    from fazhi.labels import rule_title
    db = str(tmp_path / "n.db")
    app = make_app(f"sqlite:///{db}")
    st = app.state.store
    other = EXAMPLE.read_text("utf-8").replace("青禾县", "白水县")
    st.ingest_items([("other.txt", other.encode()), ("qinghe.txt", EXAMPLE.read_bytes())])
    rid = max(r["id"] for r in st.list_reports())
    api = {f["id"]: rule_title(f["rule"])
           for f in client(app).get(f"/api/reports/{rid}", headers=bearer(app, "rev")).json()["findings"]}
    assert len(api) >= 3

    def printed(out: str) -> dict[str, str]:
        return {n: t for n, t in re.findall(r"^\s+(F\d+) \[[^]]+\] ([^：]+)：", out, flags=re.M)}

    assert main(["show", str(rid), "--db", db]) == 0
    assert printed(capsys.readouterr().out) == api
    assert main(["analyze", str(EXAMPLE)]) == 0
    own = printed(capsys.readouterr().out)        # the report's own findings: the corpus adds after them
    assert own and own == {k: v for k, v in api.items() if k in own}
    out = tmp_path / "问题.csv"
    assert main(["export", "findings", "-o", str(out), "--db", db]) == 0
    with out.open(encoding="utf-8-sig") as fh:
        exported = {r["问题编号"]: r["问题名称"] for r in csv.DictReader(fh) if r["报告编号"] == str(rid)}
    assert exported == api
    x = tmp_path / "汇总.xlsx"
    assert main(["review", str(EXAMPLE), "-o", str(x)]) == 0
    rows = list(openpyxl.load_workbook(x)["问题"].iter_rows(values_only=True))
    num, name = rows[0].index("编号"), rows[0].index("问题名称")
    assert {r[num]: r[name] for r in rows[1:]} == own
