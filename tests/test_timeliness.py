"""One timeliness computation, three states (按时 / 逾期 / 无法判断), the same in every output:
the JSON contract, the stored column behind `fazhi list` and the web, and the Excel table."""
from __future__ import annotations

import openpyxl
import pytest

from fazhi.api import analyze_text
from fazhi.corpus.store import Store
from fazhi.labels import TIMELINESS_NAMES
from fazhi.render.xlsx import REPORT_HEADERS, BatchItem, render_xlsx

BODY = ("2023年，青石县人民政府坚持依法行政，现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件12件。\n"
        "二、存在的不足和原因\n执法力量不足。\n三、2024年工作安排\n加强执法队伍建设。\n")


def _text(county: str, date: str) -> str:
    body = BODY.replace("青石县", county)
    return f"{county}2023年法治政府建设年度报告\n{body}{county}人民政府\n{date}"


CASES = {   # three counties, so the store keeps three reports (not versions of one)
    "on_time": _text("青石县", "2024年2月20日\n"),
    "late": _text("白水县", "2024年3月25日\n"),
    "unknown": _text("红岩县", ""),
}
NAMES = {"on_time": "按时", "late": "逾期", "unknown": "无法判断"}
STORED = {"on_time": False, "late": True, "unknown": None}


@pytest.mark.parametrize("state", list(CASES))
def test_contract_says_the_state(state):
    r = analyze_text(CASES[state], path=f"{state}.txt")
    assert r.review["timeliness"] == state
    assert any(f.rule == "years.deadline" for f in r.findings) == (state == "late")


def test_template_site_posting_date_is_not_a_publication():
    text = ("青石县2023年法治政府建设年度报告\n发布时间：2024-06-30\n" + BODY
            + "下面是小编为大家整理的范文，仅供参考，欢迎阅读。\n")
    r = analyze_text(text, path="copy.txt")
    assert r.review["timeliness"] == "unknown"


def test_store_list_and_excel_agree(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'f.db'}").migrate()
    reports = {}
    for state, text in CASES.items():
        store.ingest_bytes(f"{state}.txt", text.encode("utf-8"), corpus=False)
        reports[state] = analyze_text(text, path=f"{state}.txt")
    rows = store.list_reports()
    assert len(rows) == 3
    by_place = {"青石县": "on_time", "白水县": "late", "红岩县": "unknown"}
    assert {by_place[r["jurisdiction"]]: r["late"] for r in rows} == STORED
    out = tmp_path / "汇总.xlsx"
    render_xlsx([BatchItem(f"{s}.txt", rep) for s, rep in reports.items()], str(out))
    rows = list(openpyxl.load_workbook(out)["报告"].iter_rows(values_only=True))
    col = REPORT_HEADERS.index("按时报送公开")
    assert {row[0].removesuffix(".txt"): row[col] for row in rows[1:]} == NAMES


def test_every_output_says_the_same_state(tmp_path, capsys):
    """Per report, one word in every output: the contract, `fazhi list`, `fazhi show`, `fazhi
    export compliance`, the Excel of `fazhi review`, the web list, the report page and the API.
    A 范文-site copy's posting date is no publication: 无法判断 everywhere."""
    import csv
    import re

    from fazhi.cli import main
    from web_helpers import bearer, client, login, make_app
    texts = dict(CASES)
    texts["template"] = ("柳岸县2023年法治政府建设年度报告\n发布时间：2024-06-30\n" + BODY.replace("青石县", "柳岸县")
                         + "下面是小编为大家整理的范文，仅供参考，欢迎阅读。\n")
    names = dict(NAMES, template="无法判断")
    files = {}
    for state, text in texts.items():
        files[state] = tmp_path / f"{state}.txt"
        files[state].write_text(text, encoding="utf-8")
    db = tmp_path / "t.db"
    app = make_app(db, load=False)
    app.state.store.ingest(list(files.values()), corpus=False)
    rows = {r["name"].rsplit("/", 1)[-1].removesuffix(".txt"): r["id"] for r in app.state.store.list_reports()}
    assert set(rows) == set(texts)

    assert main(["list", "--db", str(db)]) == 0
    listed = {}
    for line in capsys.readouterr().out.splitlines():
        m = re.search(r"(按时|逾期|无法判断)\s.*\s(\w+)\.txt$", line)
        if m:
            listed[m.group(2)] = m.group(1)
    assert listed == names
    for state, rid in rows.items():
        assert main(["show", str(rid), "--db", str(db)]) == 0
        assert f"时限 {names[state]}" in capsys.readouterr().out, state
    out = tmp_path / "合规.csv"
    assert main(["export", "compliance", "-o", str(out), "--db", str(db)]) == 0
    with out.open(encoding="utf-8-sig") as fh:
        exported = {int(r["报告编号"]): r["按时报送公开"] for r in csv.DictReader(fh)}
    assert {s: exported[rid] for s, rid in rows.items()} == names
    x = tmp_path / "汇总.xlsx"
    assert main(["review", *[str(p) for p in files.values()], "-o", str(x)]) == 0
    sheet = list(openpyxl.load_workbook(x)["报告"].iter_rows(values_only=True))
    col = sheet[0].index("按时报送公开")
    assert {str(r[0]).rsplit("/", 1)[-1].removesuffix(".txt"): r[col] for r in sheet[1:]} == names
    c = client(app)
    h = bearer(app, "rev")
    for state, rid in rows.items():
        assert TIMELINESS_NAMES[c.get(f"/api/reports/{rid}", headers=h).json()["review"]["timeliness"]] == names[state]
    login(c, "rev")
    page = c.get("/reports").text
    for state, rid in rows.items():
        row = re.search(rf'<tr[^>]*>(?:(?!</tr>).)*?/reports/{rid}"(?:(?!</tr>).)*</tr>', page, flags=re.S)
        assert row and re.findall(r"按时|逾期|无法判断", re.sub(r"<[^>]+>", "", row.group(0))) == [names[state]], state
        assert f"<b>按时报送公开</b> {names[state]}" in c.get(f"/reports/{rid}").text, state


def test_dashboard_tells_a_0_percent_year_from_one_that_cannot_be_judged(tmp_path):
    """A year whose every report is late is 0% (API rate 0.0, table 0.0%); a year with no date to
    check is 无法判断 (rate None) in the table as on the chart's label — never drawn or written alike."""
    import re

    from web_helpers import bearer, client, login, make_app
    def shifted(county: str, year: int, date: str) -> str:
        return _text(county, "").replace("2023年", f"{year}年").replace("2024年", f"{year + 1}年") + date
    late = shifted("白水县", 2022, "2023年3月25日\n")
    undated = shifted("红岩县", 2021, "")
    app = make_app(tmp_path / "d.db", load=False)
    app.state.store.ingest_items([("late.txt", late.encode()), ("undated.txt", undated.encode())], corpus=False)
    c = client(app)
    on_time = {r["year"]: r for r in c.get("/api/dashboard", headers=bearer(app, "boss")).json()["on_time"]}
    assert on_time[2022]["rate"] == 0.0 and on_time[2022]["late"] == 1
    assert on_time[2021]["rate"] is None and on_time[2021]["unknown"] == 1
    login(c, "boss")
    page = c.get("/dashboard").text
    table = page.split("按时发布率（按报告年度）")[1].split("</table>")[0]
    assert "<th>无法判断</th>" in table and "未知" not in table
    cells = {y: re.sub(r"<[^>]+>", " ", row).split()[-1]
             for y, row in re.findall(r"<tr><td>(\d{4})</td>(.*?)</tr>", table)}
    assert cells == {"2022": "0.0%", "2021": "无法判断"}


def test_a_failing_rule_is_quoted_in_the_verdict_by_whole_clauses():
    """The 不合格 reason quotes the rule's message up to the end of a clause (it was cut at 60
    characters: “…这不是机关正式发布的报告，内）”)."""
    text = ("青石县2023年法治政府建设年度报告\n" + BODY + "青石县人民政府\n2024年2月20日\n"
            + "下面是小编为大家整理的范文，仅供参考，欢迎阅读。\n")
    r = analyze_text(text, path="copy.txt")
    reason = r.review["reason"]
    assert r.review["verdict"] == "不合格" and "转载自范文网站" in reason, reason
    quoted = reason.split("问题（", 1)[1].rsplit("），按", 1)[0]
    msg = next(f.message for f in r.findings if f.rule == "provenance.template_site")
    assert quoted == msg.split("。")[0] or (quoted.endswith("…") and msg[len(quoted) - 1] in "，；："), quoted
