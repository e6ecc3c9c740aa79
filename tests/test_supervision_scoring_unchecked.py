"""`fazhi score` ranks only a unit's own report (a 范文-site copy is set apart with its reason) and
scores an item that could not be checked (a text cut short) as 未核对, over the items checked,
the same way in the JSON, the text table, the Excel workbook and the web page. The texts are
written for these tests."""
from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook

from conftest import sqlite_or_pg_store
from fazhi.cli import main
from fazhi.supervision.ranking import ranking
from fazhi.supervision.scoring import score_report
from test_supervision_scoring import full_report, thin_report
from test_web_supervision import client, login, make_app


def template_copy(unit: str, year: int) -> str:
    """A complete report with the reporter masked as a 范文 site does (XX县, XX镇)."""
    return (full_report(unit, year, "2025年2月20日").replace("全年办理", "XX县全年办理")
            .replace("一是执法", "XX镇执法").replace("政府主要负责人", "XX乡政府主要负责人"))


def cut_report(unit: str, year: int) -> str:
    """The opening of a page: the first part only, stopping in mid-sentence."""
    text = full_report(unit, year, "2025年2月20日")
    return text[:text.index("规范性文件报备率")] + "全县共办理行政许可事项"


TEXTS = [("zhuoni.txt", template_copy("卓尼县人民政府", 2024)),
         ("lintan.txt", full_report("临潭县人民政府", 2024, "2025年2月20日")),
         ("diebu.txt", thin_report("迭部县人民政府", 2024, "2025年3月21日")),
         ("zhouqu.txt", cut_report("舟曲县人民政府", 2024))]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    yield from sqlite_or_pg_store(request, tmp_path, "scoring_unchecked")


def _ingest(store):
    res = store.ingest_items([(n, t.encode("utf-8")) for n, t in TEXTS], corpus=False)
    assert res.failed == 0
    return dict(zip([n for n, _ in TEXTS], res.report_ids))


def test_template_copy_is_set_apart_and_cut_parts_are_not_scored(store):
    ids = _ingest(store)
    kinds = {r["id"]: r["kind"] for r in store.list_reports()}
    assert kinds[ids["zhuoni.txt"]] == "template" and kinds[ids["zhouqu.txt"]] == "report"
    for place in (None, "甘南藏族自治州"):
        res = ranking(store, place, 2024)
        ranked = [r.report_id for r in res.rows]
        assert ids["zhuoni.txt"] not in ranked and ranked[0] == ids["lintan.txt"]
        assert [a.report_id for a in res.apart] == [ids["zhuoni.txt"]]
        # the page opening is ranked after both reports read in full, whatever its 得分率
        assert ranked == [ids["lintan.txt"], ids["diebu.txt"], ids["zhouqu.txt"]]
        assert res.rows[2].rank == 3 and res.rows[2].score.rate > res.rows[1].score.rate
        assert res.apart[0].kind_name == "范文网站转载稿" and "不参加考评排名" in res.apart[0].reason
    # the template copy alone would score like the real report: it never outranks it
    assert score_report(store, ids["zhuoni.txt"]).total >= score_report(store, ids["diebu.txt"]).total
    full, cut = score_report(store, ids["lintan.txt"]), score_report(store, ids["zhouqu.txt"])
    assert full.complete and full.max == full.full == 100 and not full.basis
    parts = cut.criterion("parts")
    unseen = {it.part: it for it in parts.items if it.unchecked}
    assert set(unseen) == {"first_responsible", "shortcomings", "plan"}
    for it in unseen.values():          # 未核对: neither 0 points nor a deduction
        assert it.points is None and it.deduct == 0 and it.why.startswith("未核对")
    assert parts.points == parts.max == 10 and parts.full == 40 and parts.cell() == "10/10"
    spec = cut.criterion("specificity")
    assert spec.none_checked and spec.cell() == "未核对" and spec.points == 0 and spec.max == 0
    assert not cut.deductions() or all(c.id not in ("parts", "specificity") for c, _ in cut.deductions())
    assert cut.full == 100 and cut.max < 100 and cut.basis.startswith("按已核对的项目计分")
    assert "法定内容齐全：" in cut.unchecked_text() and "不足和安排具体" in cut.unchecked_text()
    # no date on the text cut short: 未核对; on a complete text without a date: 无法判断, as the rubric says
    assert cut.criterion("timeliness").none_checked and cut.criterion("timeliness").items[0].points is None
    text = full_report("夏河县人民政府", 2024, "")
    undated, = store.ingest_items([("xiahe.txt", text.encode("utf-8"))], corpus=False).report_ids
    t = score_report(store, undated).criterion("timeliness")
    assert not t.unchecked and t.points == 5 and t.max == 10
    # the thin report's missing part was judged missing: 0, with its finding
    thin = score_report(store, ids["diebu.txt"])
    miss = next(it for it in thin.criterion("parts").items if it.part == "first_responsible")
    assert miss.points == 0 and miss.deduct == 10 and not miss.unchecked and thin.complete


def test_outputs_agree(store, tmp_path, capsys):
    ids = _ingest(store)
    db = store.engine.url.render_as_string(hide_password=False)
    xlsx = tmp_path / "s.xlsx"
    assert main(["score", "--db", db, "--format", "json", "-o", str(xlsx)]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = {r["report_id"]: r for r in out["rows"]}
    assert ids["zhuoni.txt"] not in rows and [a["report_id"] for a in out["apart"]] == [ids["zhuoni.txt"]]
    cut = rows[ids["zhouqu.txt"]]
    assert not cut["complete"] and cut["full"] == 100 and cut["max"] < 100 and cut["unchecked"]
    assert cut["rate"] == round(100 * cut["total"] / cut["max"], 2)
    wb = load_workbook(xlsx)
    head, *body = list(wb["考评"].iter_rows(values_only=True))
    assert head[-4:] == ("计分满分", "得分率（%）", "未核对项目", "报告编号")
    by = {r[-1]: dict(zip(head, r)) for r in body}
    assert set(by) == set(rows)
    for rid, r in rows.items():
        x = by[rid]
        assert (x["排名"], x["得分"], x["计分满分"], x["得分率（%）"]) == (r["rank"], r["total"], r["max"], r["rate"])
        assert (x["未核对项目"] or "") == r["unchecked"]
    assert by[ids["zhouqu.txt"]]["不足和安排具体"] == "未核对"
    unchecked = list(wb["未核对"].iter_rows(min_row=2, values_only=True))
    assert {u[-1] for u in unchecked} == {ids["zhouqu.txt"]} and all(u[-2].startswith("未核对") for u in unchecked)
    apart = list(wb["未排名"].iter_rows(min_row=2, values_only=True))
    assert [a[-1] for a in apart] == [ids["zhuoni.txt"]] and apart[0][-3] == "范文网站转载稿"
    # the text table: the same ranks and scores, 未核对 for the criterion not checked, the copy apart
    assert main(["score", "--db", db, "--year", "2024"]) == 0
    text = capsys.readouterr().out
    line = next(ln for ln in text.splitlines() if f"#{ids['zhouqu.txt']} " in ln)
    assert f"{cut['total']:g}/{cut['max']:g}" in line and "未核对" in line and cut["unchecked"] in line
    assert "未排名 1 份" in text
    ranked_part = text.split("未排名")[0]
    assert f"#{ids['zhuoni.txt']}" not in ranked_part
    assert re.search(rf"^\s+1\s.*#{ids['lintan.txt']}\b", ranked_part, re.M)


def test_score_page_shows_unchecked_and_apart(tmp_path):
    app = make_app(tmp_path / "s.db", load=False)
    st = app.state.store
    res = st.ingest_items([(n, t.encode()) for n, t in TEXTS], corpus=False)
    ids = dict(zip([n for n, _ in TEXTS], res.report_ids))
    c = client(app)
    login(c, "look")
    page = c.get("/score", params={"place": "甘南藏族自治州", "year": 2024}).text
    table = re.search(r'id="score-rows".*?</table>', page, re.S).group(0)
    assert f'/reports/{ids["zhuoni.txt"]}"' not in table
    apart = re.search(r'id="score-apart".*?</table>', page, re.S).group(0)
    assert f'/reports/{ids["zhuoni.txt"]}"' in apart and "范文网站转载稿" in apart
    first = re.findall(r'<td class="num">(\d+)</td>\s*<td><a href="/reports/(\d+)"', table)[0]
    assert first == ("1", str(ids["lintan.txt"]))
    cut = score_report(st, ids["zhouqu.txt"])
    row = re.search(rf'<a href="/reports/{ids["zhouqu.txt"]}">.*?</tr>', table, re.S).group(0)
    assert f"<b>{cut.total:g}/{cut.max:g}</b>" in row and "未核对" in row and cut.unchecked_text() in row
    detail = c.get("/score", params={"place": "甘南藏族自治州", "year": 2024, "report": ids["zhouqu.txt"]}).text
    assert cut.basis in detail
    dt = re.search(r'id="score-detail".*?</table>', detail, re.S).group(0)
    assert "未核对" in dt and "存在的不足和原因" in dt
    x = c.get("/score.xlsx", params={"place": "甘南藏族自治州", "year": 2024})
    path = tmp_path / "w.xlsx"
    path.write_bytes(x.content)
    wb = load_workbook(path)
    assert [a[-1] for a in wb["未排名"].iter_rows(min_row=2, values_only=True)] == [ids["zhuoni.txt"]]
