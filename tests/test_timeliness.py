"""One timeliness computation, three states (按时 / 逾期 / 无法判断), the same in every output:
the JSON contract, the stored column behind `fazhi list` and the web, and the Excel table."""
from __future__ import annotations

import openpyxl
import pytest

from fazhi.api import analyze_text
from fazhi.corpus.store import Store
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
