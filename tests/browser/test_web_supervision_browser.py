"""Browser test of the supervision cycle (issue #11) against `fazhi serve` on loopback, driven by
Debian's chromium through Playwright, over a real SQLite file holding team-written reports:

a reviewer opens 报送情况 for a prefecture and year (one report on time, one late, the other units
missing), drills down to a county, opens its report, confirms a finding and raises a 整改 item from
it, marks the item 已整改 with an evidence file uploaded through the page; an admin closes it
(销号); the 台账 downloaded through the page opens in openpyxl with the offices' columns and the
history. The 考评 page ranks the two reports.

The reviewer of the cycle is scoped to the prefecture: the report, downloads, list, search,
整改台账 and 考评 of a county of another prefecture are out of reach for that account.
Skipped when /usr/bin/chromium is absent and CI is unset."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_helpers import chromium, fazhi_serve, login, require_chromium  # noqa: E402
from conftest import ROOT  # noqa: E402
from test_supervision_roster import report_text  # noqa: E402
from web_helpers import PASSWORD, USERS  # noqa: E402

require_chromium()

PREFECTURE = "临夏回族自治州"
YEAR = 2024
OUTSIDE_UNIT = "渭源县人民政府"            # a county of another prefecture (定西市)
OUTSIDE_PROBLEM = "督察反馈：渭源县行政复议案件办理超期"
SCOPED = "zhou"                              # a reviewer who sees PREFECTURE only
SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The store (seeded before the server starts) and the base URL of `fazhi serve` over it."""
    from fazhi.corpus.store import Store
    db = tmp_path_factory.mktemp("cycle") / "cycle.db"
    st = Store(f"sqlite:///{db}").migrate()
    for name, role in USERS.items():
        st.add_user(name, role, PASSWORD)
    st.ingest_items([
        ("dongxiang.txt", report_text("东乡族自治县人民政府", YEAR, "2025年2月20日").encode()),      # on time
        ("hezheng.txt", report_text("和政县人民政府", YEAR, "2025年3月21日").encode()),     # 20 days late
        ("weiyuan.txt", report_text(OUTSIDE_UNIT, YEAR, "2025年2月25日").encode()),         # other prefecture
    ], corpus=False)
    ids = {r["jurisdiction"]: r["id"] for r in st.list_reports()}
    from fazhi.supervision import rectify
    rectify.add(st, unit=OUTSIDE_UNIT, problem=OUTSIDE_PROBLEM, deadline="2099-01-31", user="boss")
    st.close()
    with fazhi_serve(db) as base:
        st = Store(f"sqlite:///{db}")
        yield base, st, ids
        st.close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def prefecture_reviewer(served):
    """A reviewer whose account sees PREFECTURE only (the region an admin gives it)."""
    from fazhi.corpus.scope import parse
    from fazhi.web import accounts
    _, st, _ = served
    accounts.add_user(st.engine, SCOPED, "reviewer", PASSWORD, scope=parse(PREFECTURE))
    return SCOPED


def assert_sees_only_prefecture(page, base: str, inside: list[int], outside: list[int]) -> None:
    """The scoped reviewer opens the prefecture's reports; every page and download of a report
    outside answers 404, and the list, search, 整改台账 and 考评 do not name the outside unit."""
    for rid in inside:
        assert page.goto(f"{base}/reports/{rid}").status == 200
    assert outside
    for rid in outside:
        for path in (f"/reports/{rid}", f"/reports/{rid}/review.docx", f"/reports/{rid}/review.html",
                     f"/reports/{rid}/report.json", f"/api/reports/{rid}", f"/api/reports/{rid}/corrections"):
            assert page.request.get(f"{base}{path}").status == 404, path
    page.goto(f"{base}/reports")
    listed = page.inner_text("main")
    assert "东乡族自治县" in listed and OUTSIDE_UNIT not in listed and "渭源县" not in listed
    page.goto(f"{base}/search?q=法治政府")
    assert "渭源县" not in page.inner_text("main")
    page.goto(f"{base}/rectify")
    assert OUTSIDE_PROBLEM not in page.inner_text("main") and OUTSIDE_UNIT not in page.inner_text("main")
    page.goto(f"{base}/score?year={YEAR}")
    assert "渭源县" not in page.inner_text("main")
    page.goto(f"{base}/roster?place={PREFECTURE}&year={YEAR}")
    assert OUTSIDE_UNIT not in page.inner_text("#roster-units")


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"cycle_{name}.png"), full_page=False)


def _cells(page, row):
    return [c.strip() for c in row.locator("td").all_inner_texts()]


def test_roster_finding_rectify_close_and_export(served, browser, prefecture_reviewer, tmp_path):
    base, st, ids = served
    ctx, page = login(browser, base, prefecture_reviewer, PASSWORD)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        assert_sees_only_prefecture(page, base, [ids["东乡族自治县"], ids["和政县"]], [ids["渭源县"]])

        # 报送情况: reached from the menu, a prefecture and a year
        page.goto(f"{base}/reports")
        page.click("nav a[href='/roster']")
        page.fill("form.filters input[name=place]", PREFECTURE)
        page.fill("form.filters input[name=year]", str(YEAR))
        page.click("form.filters button[type=submit]")
        page.wait_for_selector("#roster-summary")
        summary = page.inner_text("#roster-summary")
        assert "应报 9，已报 2（按时 1、逾期 1、日期不详 0、不合格 0），未报 7" in summary, summary
        regions = {(c := _cells(page, r))[0]: c[1:] for r in page.locator("#roster-regions tbody tr").all()}
        assert regions["东乡族自治县"] == ["1", "1", "1", "0", "0"]
        assert regions["和政县"] == ["1", "1", "0", "1", "0"]
        assert regions["临夏县"] == ["1", "0", "0", "0", "1"]
        units = {(c := _cells(page, r))[0]: c for r in page.locator("#roster-units tbody tr").all()}
        assert len(units) == 9
        assert units["东乡族自治县人民政府"][2] == "已报送（按时）"
        assert units["和政县人民政府"][2] == "逾期（20天）"
        assert units["临夏县人民政府"][2] == "未发现" and units["临夏县人民政府"][4] == ""
        assert units[f"{PREFECTURE}人民政府"][2] == "未发现"
        _shot(page, "roster")
        with page.expect_download() as dl:
            page.click("#roster-export")
        assert dl.value.suggested_filename.endswith("报送情况.xlsx")

        # drill down to 和政县 and open its report
        page.click("#roster-regions a:text-is('和政县')")
        page.wait_for_selector("#roster-units")
        assert page.inner_text("main h2") == "和政县"
        rows = page.locator("#roster-units tbody tr")
        assert rows.count() == 1 and "逾期（20天）" in rows.inner_text()
        rows.locator("a:text-is('查看')").click()
        page.wait_for_selector("#fulltext")
        assert page.url.endswith(f"/reports/{ids['和政县']}")

        # confirm the missing-part finding, then raise a 整改 item from it
        card = page.locator("#findings .item", has_text="缺少法定内容").first
        fid = card.get_attribute("id").removeprefix("item-")
        card.locator("textarea[name=comment]").fill("属实，列入整改。")
        card.locator("button[value=confirmed]").click()
        page.wait_for_selector(f"#item-{fid} .decision.d-confirmed")
        assert "已确认问题" in page.inner_text("#flash")
        card = page.locator(f"#item-{fid}")
        _shot(page, "report_finding")
        card.locator("a.rectify-link").click()
        page.wait_for_selector("#rectify-add")
        source = page.inner_text("#rectify-source")
        assert f"审核发现 {fid}（审核人已确认）" in source and "第一责任人" in source
        assert page.input_value("#rectify-add input[name=unit]") == "和政县人民政府"
        assert page.input_value("#rectify-add input[name=finding]") == fid
        page.fill("#rectify-add input[name=measure]", "补写第一责任人履职情况并重新公开")
        page.fill("#rectify-add input[name=person]", "马主任")
        page.fill("#rectify-add input[name=deadline]", "2099-06-30")
        page.click("#rectify-add button[type=submit]")
        page.wait_for_url(re.compile(r".*/rectify/\d+$"))
        iid = int(page.url.rsplit("/", 1)[1])
        assert page.inner_text("#item-status") == "待整改"
        assert "已登记整改事项" in page.inner_text("#flash")

        # 已整改 with an evidence file uploaded through the form
        evidence = tmp_path / "整改佐证.pdf"
        evidence.write_bytes(b"%PDF-1.4 team-written evidence")
        page.select_option("#rectify-update select[name=status]", "已整改")
        page.fill("#rectify-update input[name=progress]", "已补写并于官网重新公开")
        page.set_input_files("#rectify-update input[name=evidence]", str(evidence))
        page.click("#rectify-update button[value=update]")
        page.wait_for_selector("#flash")
        assert page.inner_text("#item-status") == "已整改"
        with page.expect_download() as dl:
            page.click("a:text-is('整改佐证.pdf')")
        got = tmp_path / "got.pdf"
        dl.value.save_as(str(got))
        assert got.read_bytes() == evidence.read_bytes()
        assert page.locator("#rectify-close").count() == 1
    finally:
        ctx.close()

    # the admin closes it (销号)
    ctx, page = login(browser, base, "boss", PASSWORD)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.click("nav a[href='/rectify']")
        row = page.locator("#rectify-items tbody tr", has_text="和政县人民政府")
        assert row.count() == 1 and "已整改" in row.inner_text()
        row.locator(f"a:text-is('{iid}')").click()
        page.wait_for_selector("#rectify-close")
        page.click("#rectify-close")
        page.wait_for_selector("#flash")
        assert page.inner_text("#flash") == "已销号"
        assert page.inner_text("#item-status") == "已销号"
        assert page.locator("#rectify-update").count() == 0          # a closed item is not edited
        history = page.locator("ol.history li").all_inner_texts()
        assert len(history) == 5, history
        assert "boss：整改状态 “已整改” → “已销号”" in history[-1]
        assert any(f"{SCOPED}：佐证材料" in h and "整改佐证.pdf" in h for h in history)
        _shot(page, "rectify_item")

        # the 台账 through the page, in openpyxl
        page.click("nav a[href='/rectify']")
        _shot(page, "rectify_list")
        with page.expect_download() as dl:
            page.click("#rectify-export")
        path = tmp_path / "台账.xlsx"
        dl.value.save_as(str(path))
        from openpyxl import load_workbook
        wb = load_workbook(path)
        ws = wb["整改台账"]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0][:8]) == ["序号", "问题", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成情况"]
        assert len(rows) == 3                          # the admin sees every region: the outside item too
        assert [r[1] for r in rows[1:]].count(OUTSIDE_PROBLEM) == 1
        num, problem, measure, unit, person, deadline, status, progress = next(r for r in rows[1:] if r[0] == iid)[:8]
        assert (num, measure, unit, person, deadline, status, progress) == (
            iid, "补写第一责任人履职情况并重新公开", "和政县人民政府", "马主任", "2099-06-30", "已销号",
            "已补写并于官网重新公开")
        assert "第一责任人" in problem
        hist = list(wb["变更记录"].iter_rows(min_row=2, values_only=True))
        hist = [h for h in hist if h[0] == iid]
        assert len(hist) == 5
        assert [(h[2], h[3], h[4], h[5]) for h in hist[1:]] == [
            (SCOPED, "整改状态", "待整改", "已整改"), (SCOPED, "完成情况", None, "已补写并于官网重新公开"),
            (SCOPED, "佐证材料", None, "整改佐证.pdf"), ("boss", "整改状态", "已整改", "已销号")]
        assert hist[0][2:4] == (SCOPED, "登记") and all(h[1] for h in hist)

        # 考评 of the prefecture: the on-time report ranks above the late one
        page.click("nav a[href='/score']")
        page.fill("form.filters input[name=place]", PREFECTURE)
        page.fill("form.filters input[name=year]", str(YEAR))
        page.click("form.filters button[type=submit]")
        page.wait_for_selector("#score-rows")
        ranked = [_cells(page, r)[:2] for r in page.locator("#score-rows tbody tr").all()]
        assert ranked == [["1", "东乡族自治县人民政府"], ["2", "和政县人民政府"]]
        page.locator("#score-rows tbody tr", has_text="和政县").locator("a:text-is('扣分明细')").click()
        page.wait_for_selector("#score-detail")
        detail = page.inner_text("#score-detail")
        assert "逾期" in detail and "2025年3月21日" in detail
        _shot(page, "score")
    finally:
        ctx.close()
    assert not errors
