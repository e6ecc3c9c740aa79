"""Browser tests: Playwright (Python) driving Debian's chromium against a real uvicorn server.

log in → upload two reports → open one → see a highlighted finding → dismiss it with a comment
→ download the Word opinion and find the comment; the dashboard draws its charts; a viewer
cannot upload. Screenshots of the main pages go to artifacts/screenshots/.

Skipped only when /usr/bin/chromium is absent and CI is unset; with CI set, a missing chromium
fails (CI installs it)."""
from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conftest import ROOT, TEXTS  # noqa: E402
from web_helpers import PASSWORD, example_file, make_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "artifacts" / "screenshots"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing but CI is set: the browser tests must run in CI")
    pytest.skip(f"{CHROMIUM} is not installed (set CI=1 to make this a failure)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn
    app = make_app(tmp_path_factory.mktemp("browser") / "web.db", load=False)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.time() + 20
    while not srv.started:
        if time.time() > deadline or not th.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    th.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _login(browser, base, name):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True, locale="zh-CN")
    page = ctx.new_page()
    page.goto(f"{base}/reports")
    assert "/login" in page.url
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/reports")
    return ctx, page


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_reviewer_workflow_end_to_end(server, browser, tmp_path):
    base, app = server
    ctx, page = _login(browser, base, "rev")
    try:
        # upload two reports at once: each file gets its own line with its result
        page.goto(f"{base}/upload")
        bad = tmp_path / "说明.exe"
        bad.write_bytes(b"MZ\x90\x00")
        page.set_input_files("#files", [str(example_file()), str(TEXTS / "corpus_lanxi_2022.txt"), str(bad)])
        page.click("#upload-btn")
        page.wait_for_selector("#upload-list[data-done='1']", timeout=30000)
        lines = page.locator("#upload-list li")
        assert lines.count() == 3
        assert page.locator("#upload-list li.ok").count() == 2, page.inner_text("#upload-list")
        assert "不支持的文件类型" in page.inner_text("#upload-list li.err")
        _shot(page, "upload")
        page.locator("#upload-list li").first.locator("a").click()
        page.wait_for_selector("#fulltext")
        rid = int(page.url.rstrip("/").split("/")[-1].split("#")[0])

        # a highlighted finding in the text, and its card in the panel
        mark = page.locator("#fulltext mark.finding").first
        assert mark.is_visible()
        fid = mark.get_attribute("data-finding")
        card = page.locator(f"#item-{fid}")
        assert card.count() == 1
        # clicking the card's 定位 link scrolls to the text and flashes it
        goto = card.locator("a.goto")
        if goto.count():
            goto.first.click()
            page.wait_for_selector("#fulltext mark.flash", timeout=3000)
        _shot(page, "report")

        # dismiss it with a comment
        comment = "浏览器测试：经核实该处表述无误，予以驳回。"
        card.locator("textarea[name=comment]").fill(comment)
        card.locator("button[value=dismissed]").click()
        page.wait_for_selector(f"#item-{fid}.is-dismissed")
        assert comment in page.inner_text(f"#item-{fid}")

        # the Word opinion carries the comment
        with page.expect_download() as dl:
            page.click("#dl-docx")
        path = tmp_path / "opinion.docx"
        dl.value.save_as(str(path))
        from docx import Document
        doc = Document(str(path))
        text = "\n".join([p.text for p in doc.paragraphs] +
                         [c.text for t in doc.tables for row in t.rows for c in row.cells])
        assert comment in text

        # select a passage and add a reviewer finding
        page.evaluate("""() => {
            const el = document.getElementById('fulltext');
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            let node; while ((node = walker.nextNode()) && node.nodeValue.trim().length < 12) {}
            const r = document.createRange(); r.setStart(node, 2); r.setEnd(node, 10);
            const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
            el.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""")
        start = int(page.input_value("#sel-start"))
        end = int(page.input_value("#sel-end"))
        report_text = app.state.store.report(rid)["text"]
        assert report_text[start:end] == page.input_value("#sel-quote")
        page.fill("#add-finding textarea[name=message]", "浏览器测试补充的问题")
        page.click("#add-finding-btn")
        page.wait_for_selector("text=浏览器测试补充的问题")

        # list, dashboard, compare, search
        page.goto(f"{base}/reports?sort=-year")
        assert page.locator("#report-table tbody tr").count() == 2
        _shot(page, "list")
        page.goto(f"{base}/dashboard")
        if app.state.vendor["echarts"]:
            page.wait_for_selector("#chart-province-year[data-rendered='1'] canvas", timeout=10000)
            assert page.locator("#chart-missing canvas").count() >= 1
            assert page.locator("#chart-indicators canvas").count() >= 1
        else:
            assert page.locator("#charts-missing").is_visible()
        _shot(page, "dashboard")
        ids = [r["id"] for r in app.state.store.list_reports()]
        page.goto(f"{base}/compare?a={ids[0]}&b={ids[1]}")
        page.wait_for_selector("#text-a")
        _shot(page, "compare")
        page.goto(f"{base}/search?q=行政复议")
        assert page.locator("mark.hit").count() >= 1
    finally:
        ctx.close()


def test_viewer_cannot_upload(server, browser):
    base, app = server
    ctx, page = _login(browser, base, "look")
    try:
        assert page.locator("nav a[href='/upload']").count() == 0
        resp = page.goto(f"{base}/upload")
        assert resp.status == 403
        assert "权限" in page.inner_text("main")
        ids = [r["id"] for r in app.state.store.list_reports()]
        if ids:
            page.goto(f"{base}/reports/{ids[0]}")
            assert page.locator("form.decide").count() == 0
            assert page.locator("#add-finding").count() == 0
    finally:
        ctx.close()


def test_narrow_screen_keyboard_focus_axis_names_and_upload_precheck(server, browser):
    """At 800 px no page scrolls sideways; keyboard focus is visible; every chart axis is named;
    a file the server would refuse is refused at once, without uploading it."""
    base, app = server
    ids = [r["id"] for r in app.state.store.list_reports()]
    ctx, page = _login(browser, base, "rev")
    try:
        page.set_viewport_size({"width": 800, "height": 900})
        urls = {"list": "/reports", "dashboard": "/dashboard", "search": "/search?q=法治", "upload": "/upload"}
        if len(ids) >= 2:
            urls.update(report=f"/reports/{ids[0]}", compare=f"/compare?a={ids[0]}&b={ids[1]}")
        for name, url in urls.items():
            page.goto(base + url)
            page.wait_for_load_state("load")
            sw, cw = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert sw <= cw + 1, f"{url} is {sw} px wide at {cw} px"
            _shot(page, f"{name}_800")

        page.goto(f"{base}/reports")
        for _ in range(3):
            page.keyboard.press("Tab")
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), page.evaluate("() => document.activeElement.outerHTML")

        if app.state.vendor["echarts"]:
            page.goto(f"{base}/dashboard")
            page.wait_for_selector("#chart-indicators[data-rendered='1'] canvas", timeout=10000)
            names = page.evaluate("""() => [...document.querySelectorAll('.chart[data-rendered]')].map(el => {
                const o = echarts.getInstanceByDom(el).getOption();
                return [el.id, (o.xAxis || []).map(a => a.name || ''), (o.yAxis || []).map(a => a.name || '')];
            })""")
            assert len(names) >= 5
            for cid, xs, ys in names:
                # a category axis of indicator names labels itself; every other axis has a name
                assert all(ys), cid
                assert all(xs) or cid == "chart-indicators", cid

        page.goto(f"{base}/upload")
        page.evaluate("() => document.getElementById('upload-form').setAttribute('data-max-text-mb', '0.0001')")
        sent = []
        page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
        page.set_input_files("#files", [str(example_file())])
        page.click("#upload-btn")
        page.wait_for_selector("#upload-list[data-done='1']", timeout=5000)
        msg = page.inner_text("#upload-list li.err")
        assert "文本文件过大" in msg and " / " not in msg
        assert sent == []
    finally:
        ctx.close()


def test_selfcheck_shows_findings_in_place_as_the_drafter_types(server, browser):
    """自查: a viewer pastes a draft; after a pause in typing (not at every keystroke) the findings appear,
    the figure at fault is marked in the text, and nothing is stored."""
    base, app = server
    before = len(app.state.store.list_reports(all_versions=True))
    ctx, page = _login(browser, base, "look")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/check")
    text = example_file().read_text("utf-8")
    checks = []
    page.on("request", lambda r: checks.append(r.url) if r.url.endswith("/api/check") else None)
    page.fill("#draft", text[:-40])
    page.type("#draft", text[-40:], delay=5)          # typing: the check waits for a pause
    # no time bound here (a loaded machine decides it; the latency is measured by bench.web_latency):
    # the findings come after the pause, and the 41 edits were not checked one by one
    page.wait_for_selector("#check-findings li", timeout=30000)
    assert 1 <= len(checks) <= 5, checks
    marked = page.inner_text("#check-text mark.finding >> nth=0")
    assert marked
    titles = page.inner_text("#check-findings")
    assert "比率与其分子分母不符" in titles and "figures." not in titles
    assert "85%" in [m.inner_text() for m in page.query_selector_all("#check-text mark.finding")]
    assert page.inner_text("#check-status").endswith("（未保存）")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "selfcheck.png"), full_page=False)
    assert not errors
    assert len(app.state.store.list_reports(all_versions=True)) == before
    ctx.close()
