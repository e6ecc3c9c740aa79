"""Screenshots of the supervision pages for docs/supervision.md (docs/img/supervision-*.png).

Seeds a fresh SQLite file with team-written reports of the counties of a prefecture (one on
time, one late and missing a statutory part, one without a date, one work plan instead of a
report, the others missing), starts `fazhi serve` over it on a loopback port, walks the cycle in
headless Chromium through the pages (roster → report → confirm a finding → 整改 item → 已整改 with
a file → 销号 by the admin → 考评) and captures each page at 1280×800. The PNGs are reduced to
a 256-colour palette when Pillow is installed (a few tens of KB each).

    PYTHONPATH=src python scripts/screenshots.py                 # → docs/img/
    PYTHONPATH=src python scripts/screenshots.py --out /tmp/shots --keep /tmp/demo.db

Needs playwright (the test extra) and /usr/bin/chromium (or --chromium PATH).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACE, YEAR = "临夏回族自治州", 2024
REVIEWER, ADMIN, PASSWORD = "马丽", "周明", "demo-password"
VIEWPORT = {"width": 1280, "height": 800}


# -- team-written demo reports ------------------------------------------------------------------
def _report(unit: str, signed: str | None, *, duty: bool = True, figures: str, weak: str, plan: str) -> str:
    parts = [f"{unit}关于{YEAR}年法治政府建设情况的报告",
             f"{YEAR}年，{unit}深入推进依法行政，加快建设法治政府，现将有关情况报告如下。",
             "一、主要举措和成效", figures]
    n = ["二", "三", "四"]
    if duty:
        parts += [f"{n.pop(0)}、党政主要负责人履行推进法治建设第一责任人职责情况",
                  "政府主要负责人召开常务会议专题研究法治政府建设4次，带头讲法治课1次。"]
    parts += [f"{n.pop(0)}、存在的不足和原因", weak, f"{n.pop(0)}、{YEAR + 1}年工作安排", plan]
    if signed is not None:
        parts += [unit, signed]
    return "\n".join(parts) + "\n"


def demo_reports() -> list[tuple[str, str]]:
    return [
        ("yongjing.txt", _report(
            "永靖县人民政府", "2025年2月20日",
            figures="（一）健全依法决策机制。全年重大行政决策事项8项，均经合法性审查，重大行政决策合法性审查率100%。\n"
                    "（二）规范行政执法。评查行政执法案卷120卷，行政执法案卷评查合格率96%。\n"
                    "（三）化解行政争议。办理行政复议案件15件，行政机关负责人出庭应诉率100%。",
            weak="一是乡镇执法力量薄弱，3个乡镇未配备法制审核人员；二是行政复议案件办理周期偏长。",
            plan="一是6月底前完成乡镇法制审核人员配备；二是行政复议案件平均办理周期缩短至45天以内。")),
        ("hezheng.txt", _report(
            "和政县人民政府", "2025年3月21日", duty=False,
            figures="全年办理行政复议案件12件，开展行政执法人员培训3次，培训执法人员260人次。",
            weak="执法队伍专业力量不足，法治宣传形式较为单一。",
            plan="加强执法队伍建设，持续推进法治宣传教育。")),
        ("linxia.txt", _report(
            "临夏市人民政府", None,
            figures="全年审查规范性文件21件，规范性文件报备率100%；办理行政复议案件30件。",
            weak="基层法治建设投入不足，部分执法人员法治意识不强。",
            plan="年内完成全部执法人员轮训，出台行政执法监督办法。")),
        ("guanghe.txt", f"广河县{YEAR + 1}年法治政府建设工作要点\n一、加强组织领导\n召开法治政府建设专题会议。\n"
                        f"二、推进严格规范公正文明执法\n开展执法案卷评查。\n广河县人民政府\n{YEAR + 1}年2月10日\n"),
    ]


def seed(db: Path) -> dict[str, int]:
    """Users and reports in a fresh SQLite file; the report id of each county."""
    from fazhi.corpus.store import Store
    st = Store(f"sqlite:///{db}").migrate()
    try:
        st.add_user(REVIEWER, "reviewer", PASSWORD)
        st.add_user(ADMIN, "admin", PASSWORD)
        st.ingest_items([(n, t.encode("utf-8")) for n, t in demo_reports()], corpus=False)
        return {r["jurisdiction"]: r["id"] for r in st.list_reports()}
    finally:
        st.close()


# -- the server and the browser -----------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(db: Path):
    """`fazhi serve` over db on a free loopback port; yields its base URL."""
    port = _free_port()
    env = dict(os.environ, FAZHI_SECRET_KEY="screenshots")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    proc = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise SystemExit(f"fazhi serve exited: {proc.stderr.read().decode('utf-8', 'replace')}")
            try:
                with urllib.request.urlopen(f"{base}/login", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("fazhi serve did not answer")
        yield base
    finally:
        proc.terminate()
        proc.wait(15)


def _days(n: int) -> str:
    return (dt.date.today() + dt.timedelta(days=n)).isoformat()


def _login(browser, base: str, name: str):
    ctx = browser.new_context(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True)
    page = ctx.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/reports")
    return ctx, page


def _save(page, out: Path, name: str) -> Path:
    path = out / f"supervision-{name}.png"
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(path), full_page=False)
    try:
        from PIL import Image
    except ImportError:
        return path
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
    return path


def capture(base: str, ids: dict[str, int], out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright
    shots: list[Path] = []
    evidence = Path(tempfile.mkdtemp()) / "和政县整改佐证材料.pdf"
    evidence.write_bytes(b"%PDF-1.4 demo evidence\n")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        ctx, page = _login(browser, base, REVIEWER)
        # 报送情况 and a drill-down
        page.goto(f"{base}/roster?place={PLACE}&year={YEAR}")
        page.wait_for_selector("#roster-summary")
        shots.append(_save(page, out, "roster"))
        page.click("#roster-regions a:text-is('和政县')")
        page.wait_for_selector("#roster-units")
        shots.append(_save(page, out, "roster-region"))
        # the report: confirm the missing-part finding; 列入整改台账
        page.goto(f"{base}/reports/{ids['和政县']}")
        card = page.locator("#findings .item", has_text="缺少法定内容").first
        fid = card.get_attribute("id").removeprefix("item-")
        card.locator("textarea[name=comment]").fill("属实，列入整改台账。")
        card.locator("button[value=confirmed]").click()
        page.wait_for_selector(f"#item-{fid} .decision.d-confirmed")
        page.set_viewport_size({"width": 1280, "height": 1000})       # the card and its 列入整改台账
        page.goto(f"{base}/reports/{ids['和政县']}")
        page.evaluate("window.scrollTo(0, 0)")
        shots.append(_save(page, out, "report-finding"))
        page.set_viewport_size(VIEWPORT)
        page.click(f"#item-{fid} a.rectify-link")
        page.wait_for_selector("#rectify-add")
        page.fill("#rectify-add input[name=measure]", "补写党政主要负责人履行第一责任人职责情况，报告修改后重新公开")
        page.fill("#rectify-add input[name=person]", "马振华")
        page.fill("#rectify-add input[name=deadline]", _days(60))
        page.locator("#rectify-add").scroll_into_view_if_needed()
        shots.append(_save(page, out, "rectify-add"))
        page.click("#rectify-add button[type=submit]")
        page.wait_for_url("**/rectify/*")
        item_url = page.url
        page.select_option("#rectify-update select[name=status]", "已整改")
        page.fill("#rectify-update input[name=progress]", "已补写第一责任人履职情况，修改后的报告已在政府网站重新公开")
        page.set_input_files("#rectify-update input[name=evidence]", str(evidence))
        page.click("#rectify-update button[value=update]")
        page.wait_for_selector("#flash")
        # two 督察 feedback items: one in progress, one past its deadline (dates from today, so
        # that the overdue mark is the same whenever the script runs)
        for unit, problem, deadline, status in [
                ("永靖县人民政府", "督察反馈：乡镇法制审核人员配备不到位，3个乡镇未配备", _days(90), "整改中"),
                ("临夏市人民政府", "督察反馈：年度报告未写明落款日期，无法核对是否按时报送", _days(-20), None)]:
            page.goto(f"{base}/rectify")
            page.fill("#rectify-add input[name=unit]", unit)
            page.fill("#rectify-add textarea[name=problem]", problem)
            page.fill("#rectify-add input[name=deadline]", deadline)
            page.click("#rectify-add button[type=submit]")
            page.wait_for_url("**/rectify/*")
            if status:
                page.select_option("#rectify-update select[name=status]", status)
                page.fill("#rectify-update input[name=progress]", "已配备2个乡镇，另1个乡镇正在招录")
                page.click("#rectify-update button[value=update]")
                page.wait_for_selector("#flash")
        # 报告信息更正: the undated report gets its 成文日期 from the original as submitted
        page.goto(f"{base}/reports/{ids['临夏市']}")
        page.click("#corrections summary")
        page.fill("#correct-form input[name=report_date]", f"{YEAR + 1}年2月26日")
        page.fill("#correct-form textarea[name=reason]", "按报送原件核对落款日期")
        page.click("#correct-btn")
        page.wait_for_selector("#corrections-history")
        page.locator("#corrections").scroll_into_view_if_needed()
        shots.append(_save(page, out, "corrections"))
        ctx.close()
        # the admin closes the first item (销号)
        ctx, page = _login(browser, base, ADMIN)
        page.goto(item_url)
        page.click("#rectify-close")
        page.wait_for_selector("#flash")
        shots.append(_save(page, out, "rectify-item"))
        page.goto(f"{base}/rectify")
        shots.append(_save(page, out, "rectify-list"))
        page.goto(f"{base}/score?place={PLACE}&year={YEAR}&report={ids['和政县']}")
        page.wait_for_selector("#score-detail")
        shots.append(_save(page, out, "score"))
        ctx.close()
        browser.close()
    shutil.rmtree(evidence.parent, ignore_errors=True)
    return shots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "img"), help="directory of the PNGs (default docs/img)")
    ap.add_argument("--keep", help="keep the demo SQLite file at this path (default: a temporary file)")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-shots-"))
    db = Path(args.keep) if args.keep else tmp / "demo.db"
    if db.exists():
        raise SystemExit(f"{db} exists: give a new path to --keep")
    try:
        ids = seed(db)
        with serve(db) as base:
            shots = capture(base, ids, out, args.chromium)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    total = sum(p.stat().st_size for p in shots)
    for p in shots:
        print(f"{p}  {p.stat().st_size // 1024} KB")
    print(f"{len(shots)} screenshots, {total // 1024} KB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
