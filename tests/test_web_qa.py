"""What a reviewer using the web app would object to (issue 5 QA): list counts that ignore
dismissals, a section covering two statutory parts showing one, stacks of residue markers, file
names as page titles, outliers without names, unlabelled inputs, English-only or huge-file
upload errors."""
from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

import pytest

from fazhi.config import Config
from fazhi.render.spans import Mark
from web_helpers import bearer, client, csrf_of, login, make_app

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")

TWO_PARTS = """{place}2023年法治政府建设年度报告

一、2023年推进法治政府建设的主要举措和成效
2023年，我县全面推进依法行政，行政复议案件办理质量稳步提升，全年办理行政复议案件12件。
全年行政机关负责人出庭应诉率为{rate}%。

二、党政主要负责人履行推进法治建设第一责任人职责情况
县委、县政府主要负责人认真履行第一责任人职责，专题研究法治政府建设工作3次。

三、存在的不足和原因及2024年主要安排
一是法治宣传力度仍需加大，原因是基层力量不足。2024年，我县将继续深化行政执法体制改革，年底前完成执法人员轮训。
"""
PLACES = [("湖南省宁远县", 98), ("湖南省道县", 97), ("湖南省江永县", 99), ("湖南省蓝山县", 96),
          ("湖南省新田县", 100), ("湖南省双牌县", 12)]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    d = tmp_path_factory.mktemp("webqa")
    files = []
    for place, rate in PLACES:
        p = d / f"{len(files):03d}_{rate}.txt"          # file names that say nothing, like real uploads
        p.write_text(TWO_PARTS.format(place=place, rate=rate), encoding="utf-8")
        files.append(p)
    app = make_app(d / "web.db")
    app.state.store.ingest(files)
    return app


@pytest.fixture(scope="module")
def rev(app):
    c = client(app)
    assert login(c, "rev").status_code == 303
    return c


def _row(c, rid):
    items = c.get("/api/reports", params={"page_size": 500}).json()["items"]
    return next(r for r in items if r["id"] == rid)


def test_list_verdict_and_counts_follow_reviewer_dismissals(app, rev):
    h = bearer(app, "rev")
    items = rev.get("/api/reports", params={"page_size": 500}).json()["items"]
    target = next(r for r in items if r["n_major"] + r["n_minor"] > 0 and r["verdict"] != "合格")
    doc = rev.get(f"/api/reports/{target['id']}").json()
    before = _row(rev, target["id"])
    top_before = {x["rule"]: x for x in rev.get("/api/dashboard").json()["top_findings"]}
    assert before["adjusted"] is False and before["verdict"] == before["engine_verdict"]
    for f in doc["findings"]:
        if f["severity"] in ("major", "minor"):
            r = rev.post(f"/api/findings/{f['db_id']}/decision", json={"decision": "dismissed", "comment": "已核实"}, headers=h)
            assert r.status_code == 200, r.text
    after = _row(rev, target["id"])
    assert after["adjusted"] is True
    assert after["n_major"] == 0 and after["n_minor"] == 0
    assert after["engine_verdict"] == target["verdict"]
    # the dashboard's most frequent findings leave the dismissed ones out, at once
    listed = rev.get("/api/dashboard").json()["top_findings"]
    assert len({x["rule"] for x in listed}) == len(listed), "one row per rule, severities beside it"
    top_after = {x["rule"]: x for x in listed}
    gone = {}
    for f in doc["findings"]:
        if f["severity"] in ("major", "minor"):
            gone[f["rule"]] = gone.get(f["rule"], 0) + 1
    for rule, n_here in gone.items():
        all_here = sum(1 for g in doc["findings"] if g["rule"] == rule)
        assert top_after.get(rule, {"n": 0})["n"] == top_before[rule]["n"] - n_here
        if rule in top_after:
            assert top_after[rule]["dismissed"] == n_here
            assert top_after[rule]["reports"] == top_before[rule]["reports"] - (all_here == n_here)
    # the list says what the report page (and the review opinion) says
    page = rev.get(f"/reports/{target['id']}").text
    shown = re.search(r'<span class="verdict [^"]*" id="verdict">([^<]+)</span>', page).group(1)
    assert after["verdict"] == shown
    table = rev.get("/reports").text
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", table, re.S) if f'href="/reports/{target["id"]}"' in r)
    assert "审核后" in row and f'v-{shown}' in row
    # a reviewer's own major finding raises the count again
    text = doc["text"]
    s = text.index("\n", 10) + 1
    r = rev.post(f"/api/reports/{target['id']}/reviewer-findings",
                 json={"start": s, "end": s + 4, "message": "补充的严重问题", "severity": "major"}, headers=h)
    assert r.status_code in (200, 201), r.text
    assert _row(rev, target["id"])["n_major"] == 1


def test_outline_shows_every_part_a_section_covers(app, rev):
    rid = rev.get("/api/reports").json()["items"][0]["id"]
    doc = rev.get(f"/api/reports/{rid}").json()
    sec = next(s for s in doc["sections"] if len(s.get("parts") or []) > 1)
    page = rev.get(f"/reports/{rid}").text
    li = re.search(r'<li class="d1"><a href="#sec-%s"[^>]*>.*?</li>' % re.escape(sec["id"]), page, re.S).group(0)
    from fazhi.labels import PART_NAMES
    for p in sec["parts"]:
        assert f'<span class="part">{PART_NAMES[p]}</span>' in li


def test_page_title_is_never_the_file_name(app, rev):
    for r in rev.get("/api/reports").json()["items"]:
        page = rev.get(f"/reports/{r['id']}").text
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
        assert ".txt" not in title and ".txt" not in h1
        assert r["jurisdiction"] in title
    a, b = [r["id"] for r in rev.get("/api/reports").json()["items"][:2]]
    head = re.search(r"<thead>(.*?)</thead>", rev.get("/compare", params={"a": a, "b": b}).text, re.S).group(1)
    assert ".txt" not in head and "/" not in re.sub(r"<[^>]+>|href=\"[^\"]*\"", "", head)


def test_dashboard_names_outliers_with_place_year_and_link(app, rev):
    data = rev.get("/api/dashboard").json()
    ind = next(i for i in data["indicators"] if i["indicator"] == "head_appearance_rate")
    assert ind["n_outliers"] >= 1
    low = ind["outliers"][0]
    assert low["value"] == 12 and low["place"] and low["place"].endswith("双牌县") and low["year"] == 2023
    page = rev.get("/dashboard").text
    assert f'<a href="/reports/{low["report_id"]}">{low["place"]} 2023年：12</a>' in page


def test_removed_residue_markers_are_merged_per_finding():
    from fazhi.web.reports import _merge_removed
    marks = [Mark(10, 10, "finding sev-major removed", f"t{i}", f"q-F1-{i}", (("data-finding", "F1"),), "⌫F1")
             for i in range(3)]
    marks += [Mark(10, 10, "finding sev-minor removed", "u", "q-F2-0", (("data-finding", "F2"),), "⌫F2"),
              Mark(0, 5, "fact", None, "fact-1")]
    out = _merge_removed(marks)
    assert [m.label for m in out[:4]] == ["⌫F1×3", "", "", "⌫F2"]
    assert [m.id for m in out] == [m.id for m in marks]              # every 定位 target is kept
    assert out[0].title.split("\n") == ["t0", "t1", "t2"]
    assert out[4] == marks[4]


class _Inputs(HTMLParser):
    """Form controls without a label (wrapping <label>, <label for=…>, aria-label or title)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.fors: set[str] = set()
        self.controls: list[dict] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "label":
            self.depth += 1
            if a.get("for"):
                self.fors.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append(dict(a, _in_label=self.depth > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self.depth -= 1

    def unlabelled(self):
        return [c for c in self.controls
                if not (c["_in_label"] or c.get("aria-label") or c.get("title") or c.get("id") in self.fors)]


def test_pages_have_lang_titles_and_labelled_inputs(app, rev):
    c = client(app)
    assert login(c, "boss").status_code == 303
    rid = rev.get("/api/reports").json()["items"][0]["id"]
    titles = set()
    for url in ("/reports", f"/reports/{rid}", "/upload", "/dashboard", f"/compare?a={rid}", "/search?q=行政",
                "/users"):
        page = c.get(url).text
        p = _Inputs()
        p.feed(page)
        assert p.lang == "zh-CN", url
        assert not p.unlabelled(), (url, p.unlabelled())
        titles.add(htmllib.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)))
    assert len(titles) == 7                                          # one title per page
    css = c.get("/static/app.css").text
    assert ":focus-visible" in css


def test_upload_errors_in_plain_chinese_and_text_size_cap(tmp_path):
    cfg = Config.default()
    cfg.data["web"] = {"max_text_mb": 0.01}                          # 10 KB for TXT/HTML
    app = make_app(tmp_path / "cap.db", config=cfg, load=False)
    c = client(app)
    assert login(c, "rev").status_code == 303
    page = c.get("/upload").text
    assert 'data-max-text-mb="0.01"' in page and '<label for="files">' in page
    token = csrf_of(page)
    big = ("法治政府建设" * 1000).encode("utf-8")                     # 18 KB
    r = c.post("/upload", files=[("files", ("big.txt", big, "text/plain")), ("files", ("x.exe", b"MZ", "application/x-msdownload"))],
               data={"csrf_token": token})
    assert r.status_code == 200
    assert "文本文件过大" in r.text and "不支持的文件类型" in r.text
    assert "text file too large" not in re.sub(r'title="[^"]*"', "", r.text)   # English only on hover
    # the JSON API gives the same answer, both languages
    res = c.post("/api/reports", files={"file": ("big.txt", big, "text/plain")}, headers=bearer(app, "rev"))
    assert res.status_code == 422 and "文本文件过大" in res.json()["message"]
    assert app.state.store.list_reports() == []


def test_paging_sorting_and_filters_keep_each_other(app, rev):
    page = rev.get("/reports", params={"province": "湖南省", "sort": "-year", "page_size": 2}).text
    hrefs = [htmllib.unescape(h) for h in re.findall(r'href="(/reports\?[^"]+)"', page)]
    nxt = next(h for h in hrefs if "page=2" in h)
    assert "page_size=2" in nxt and "sort=-year" in nxt and "province=" in nxt
    sorts = [h for h in hrefs if "sort=" in h and "page=" not in h]
    assert sorts and all("page_size=2" in h and "province=" in h for h in sorts)
    assert 'name="page_size" value="2"' in page                    # the filter form keeps it too
    rows = re.findall(r'<tr>\s*<td><a href="/reports/\d+"', page)
    assert len(rows) == 2
    assert "第 1 / 3 页" in page
    empty = rev.get("/reports", params={"year": "1999"}).text
    assert "没有符合条件的报告" in empty
