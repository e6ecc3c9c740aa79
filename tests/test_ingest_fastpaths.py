"""The speed-ups of ingest, textnorm, model and sections give exactly the results of the
straightforward code they replaced: each fast path is compared with a reference written
here (the old implementation) on random strings and on real reports."""
from __future__ import annotations

import random
import re

import pytest

import fazhi
from fazhi.ingest import clean as clean_mod
from fazhi.ingest.html import _collapse
from fazhi.ingest.lines import assemble, split_lines
from fazhi.model import Report
from fazhi.parse import sections as S
from fazhi.textnorm import _table, traditional_ratio

from conftest import EXAMPLES, TEXTS, enough, seed_paths


def _collapse_reference(text: str) -> str:
    def wide(ch: str) -> bool:
        return bool(ch) and ord(ch) > 0x2E7F

    def repl(m: re.Match) -> str:
        s, e = m.start(), m.end()
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < len(text) else ""
        if ("\n" in m.group() or "\r" in m.group()) and (wide(before) or wide(after)):
            return ""
        return " "
    return re.sub(r"[ \t\r\n\f]+", repl, text)


def test_collapse_matches_reference_on_random_strings() -> None:
    alphabet = ["a", " ", "\n", "\r", "\t", "\f", "中", "，", "\u3000", "1", "\u2e7f", "\u2e80", "😀"]
    rng = random.Random(7)
    for _ in range(5000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _collapse(t) == _collapse_reference(t), repr(t)


def _traditional_reference(text: str, sample: int = 20000) -> float:
    table = _table()
    cjk = trad = 0
    for ch in text[:sample]:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF:
            cjk += 1
            if o in table:
                trad += 1
    return trad / cjk if cjk else 0.0


def test_traditional_ratio_matches_reference() -> None:
    texts = ["", "abc", "法治政府建设年度报告", "法治政府建設年度報告，嵐溪縣", "２０２３年ＡＢＣ國家"]
    texts += [p.read_text("utf-8") for p in sorted(TEXTS.glob("*.txt"))[:6]]
    for t in texts:
        assert traditional_ratio(t) == pytest.approx(_traditional_reference(t), abs=1e-12)
    assert traditional_ratio("法治政府建設年度報告") == pytest.approx(0.2)


def _all_patterns(monkeypatch) -> None:
    """Turn the document-level prefilters of clean() off (cues and document searches): every
    pattern is tried on every line."""
    rules = dict(clean_mod.rules())
    always = re.compile("")
    rules["inline_doc"] = [(p, always, None, kind) for p, _d, _c, kind in rules["inline_doc"]]
    rules["counter_doc"] = [(p, always, None) for p, _d, _c in rules["counter_doc"]]
    rules["pinyin_cues"] = None
    monkeypatch.setattr(clean_mod, "rules", lambda: rules)


RESIDUE = ("某县2023年法治政府建设年度报告\n【字体：大 中 小】【打印本页】\n浏览次数：123\n"
           "下面是小编为大家整理的法治政府建设年度报告，供大家参考。\n"
           "2023年，全县办理行政复议案件12件。扫一扫在手机打开当前页\n分享到：微信 微博\n"
           "本文来源于网络，如有侵权请联系删除。\n点击下载本文\n")


@pytest.mark.parametrize("text", [RESIDUE, "一、主要工作\n全年办理案件12件。\n"])
def test_clean_prefilter_changes_nothing(text, monkeypatch) -> None:
    def run() -> tuple:
        lines = split_lines(text)
        hints: dict = {}
        clean_mod.clean(lines, hints)
        done = assemble(lines)
        return done.text, [(r.kind, r.text, r.at) for r in done.removed], hints
    fast = run()
    _all_patterns(monkeypatch)
    assert run() == fast
    if text is RESIDUE:
        assert {"template_site", "widget", "counter"} <= {k for k, _t, _a in fast[1]}


def _section_at_reference(report: Report, offset: int):
    best = None
    for s in report.all_sections():
        if s.start <= offset < s.end and (best is None or s.level >= best.level):
            best = s
    return best


def test_section_at_matches_full_walk() -> None:
    paths = seed_paths()[:3] + sorted(EXAMPLES.glob("*.txt")) + sorted(TEXTS.glob("checks_*.txt"))[:3]
    reports = [fazhi.analyze(p, pipeline_names=["sections"]) for p in paths]
    assert sum(len(list(r.all_sections())) for r in reports) > enough(50, 20)
    for p, r in zip(paths, reports):
        for off in range(0, len(r.text), 7):
            assert r.section_at(off) is _section_at_reference(r, off), (p.name, off)


def test_inline_scan_matches_lookbehind_pattern() -> None:
    alphabet = list("一二三四是否第,、。;: \t\nx十")
    rng = random.Random(3)

    def key(ms):
        return [(m.group(1), m.group(2), m.end()) for m in ms]
    for _ in range(5000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        lo = rng.randint(0, len(t))
        hi = rng.randint(lo, len(t))
        assert key(S._inline_items(t, lo, hi)) == key(S._INLINE.finditer(t, lo, hi)), (t, lo, hi)


def _docx_reference(data: bytes) -> list[tuple[int | None, bool]]:
    """(outline level, all bold) per paragraph, through python-docx's own style resolution
    (paragraph.style / run.style), as ingest/docx.py did before it cached style facts."""
    import io
    import docx
    from fazhi.ingest.docx import _HEADING_STYLE, _style_chain, _val

    def level(p):
        lvl = _val(p._p.pPr, "outlineLvl")
        if lvl is None:
            for st in _style_chain(p.style):
                m = _HEADING_STYLE.match(st.name or "")
                if m:
                    return int(m.group(1))
                lvl = _val(st.element.pPr, "outlineLvl")
                if lvl is not None:
                    break
        if lvl is None or not lvl.isdigit() or int(lvl) >= 9:
            return None
        return int(lvl) + 1

    def bold(p):
        default = next((st.font.bold for st in _style_chain(p.style) if st.font.bold is not None), None)
        seen = False
        for run in p.runs:
            if not run.text.strip():
                continue
            seen = True
            b = run.bold
            if b is None and run.style is not None:
                b = next((st.font.bold for st in _style_chain(run.style) if st.font.bold is not None), None)
            if b is None:
                b = default
            if not b:
                return False
        return seen
    d = docx.Document(io.BytesIO(data))
    return [(level(p), bold(p)) for p in d.paragraphs if p.text.strip()]


def test_docx_style_cache_matches_python_docx() -> None:
    import io
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from fazhi.ingest.docx import extract

    d = docx.Document()
    base = d.styles.add_style("报告标题二", WD_STYLE_TYPE.PARAGRAPH)
    base.base_style = d.styles["Heading 2"]
    outl = d.styles.add_style("大纲三级", WD_STYLE_TYPE.PARAGRAPH)
    outl.element.get_or_add_pPr().append(parse_xml(
        '<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="2"/>'))
    boldp = d.styles.add_style("加粗段落", WD_STYLE_TYPE.PARAGRAPH)
    boldp.font.bold = True
    strong = d.styles.add_style("强调字", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    d.add_paragraph("一、主要工作", style="Heading 1")
    d.add_paragraph("（一）加强组织领导", style="报告标题二")
    d.add_paragraph("1.完善制度", style="大纲三级")
    d.add_paragraph("全年召开会议5次。", style="加粗段落")
    p = d.add_paragraph()
    p.add_run("二、存在问题", style="强调字")
    p = d.add_paragraph()
    p.add_run("部分加粗").bold = True
    p.add_run("部分不加粗")
    d.add_paragraph("正文段落，全年办理案件12件。")
    out = io.BytesIO()
    d.save(out)
    data = out.getvalue()
    lines, _hints = extract(data)
    got = [(ln.level, ln.bold) for ln in lines if ln.text.strip()]
    assert got == _docx_reference(data)
    assert [lvl for lvl, _b in got] == [1, 2, 3, None, None, None, None]
    assert [b for _l, b in got][3:] == [True, True, False, False]


def _title_matches_reference(heading: str, framework):
    from collections import Counter
    from fazhi.classify.areas import TITLE_SIM, area_index, clauses

    def dice(a, b):
        if len(a) < 2 or len(b) < 2:
            return 0.0
        ba = Counter(a[i:i + 2] for i in range(len(a) - 1))
        bb = Counter(b[i:i + 2] for i in range(len(b) - 1))
        return 2 * sum((ba & bb).values()) / (len(a) - 1 + len(b) - 1)
    idx = area_index(framework)
    out = {}
    for hc in clauses(heading):
        if len(hc) < 4:
            continue
        for aid, area_clauses in idx.titles.items():
            for tc in area_clauses:
                sim = 1.0 if (tc in hc or (len(hc) >= 8 and hc in tc)) else dice(hc, tc)
                if sim >= TITLE_SIM and sim > out.get(aid, 0.0):
                    out[aid] = sim
    title_sim = max((dice(hc, tc) if tc not in hc else 1.0
                     for hc in clauses(heading) if len(hc) >= 4
                     for tcs in idx.title_clauses.values() for tc in tcs), default=0.0)
    return out, title_sim


def test_area_title_matching_matches_all_pairs_comparison() -> None:
    from fazhi.classify import framework as fw_mod
    from fazhi.classify.areas import area_index, framework_ids, title_matches
    headings = []
    for p in seed_paths()[:3] + sorted(EXAMPLES.glob("*.txt")) + sorted(TEXTS.glob("*.txt"))[:8]:
        r = fazhi.analyze(p, pipeline_names=["sections"])
        headings += [s.heading for s in r.all_sections() if s.heading]
    idx = area_index(None)
    titles = [tc for tcs in idx.titles.values() for tc in tcs]
    rng = random.Random(5)
    headings += titles[:40] + ["".join(rng.sample(t, len(t))) for t in titles[:40]]
    headings += [a + "，" + b for a, b in zip(titles[::7], titles[3::7])]
    assert len(headings) > enough(200, 120)
    matched = 0
    for fw in [None, *framework_ids()]:
        for h in headings:
            ref, ref_sim = _title_matches_reference(h, fw)
            got = title_matches(h, fw)
            assert got == ref and list(got) == list(ref), (h, fw)
            matched += bool(got)
            if fw is not None:
                assert fw_mod._title_sim.__wrapped__(h, fw) == pytest.approx(ref_sim, abs=1e-12), (h, fw)
    assert matched > 50
