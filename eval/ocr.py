"""OCR of scanned reports: the team's reports (examples/, eval/data/reports/) are rendered
to image-only PDFs at run time (tests/build_scans.py: 公文 layout, 150/200/300 dpi, slight
skew, grey noise and dust, a red seal over the signature date, and in one report a table
that runs over a page break), read back by `fazhi.analyze`, and scored against the text
that was rendered:

- CER: character error rate (edit distance / reference length) on the matching view
  (`textnorm.normalize_view`: full-width forms folded, as every rule matches), whitespace
  ignored;
- meta: each field of the scan's analysis equal to the field of the reference text's;
- facts: facts of the reference text found in the scan with the same quote, value and unit;
  facts OCR marked uncertain (`ocr_low`) are counted apart;
- seconds per page on this machine.
"""
from __future__ import annotations

import difflib
import sys
import time
from pathlib import Path

from .common import ROOT, table

sys.path.insert(0, str(ROOT / "tests"))

META_FIELDS = ["title", "jurisdiction", "parent", "province", "level", "department", "issuers",
               "report_year", "report_date", "publish_date", "kind", "framework"]

# a team-written indicator table inserted into one report (runs over a page break)
TABLE = [["指标", "2022年", "2023年"]] + [[f"第{i}项指标完成数", f"{10 + i}件", f"{20 + 2 * i}件"] for i in range(1, 13)]


def _levenshtein(a: str, b: str) -> int:
    if not a:
        return len(b)
    if not b:
        return len(a)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(ref: str, hyp: str) -> float:
    """Edit distance over the reference length, whitespace removed; the strings are aligned
    on their common blocks first and the exact distance is taken between blocks."""
    from fazhi.textnorm import normalize_view
    a = "".join(normalize_view(ref).split())
    b = "".join(normalize_view(hyp).split())
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    errs = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            errs += _levenshtein(a[i1:i2], b[j1:j2]) if (i2 - i1) * (j2 - j1) <= 40000 else max(i2 - i1, j2 - j1)
    return errs / max(1, len(a))


def inputs(fast: bool = False) -> list[Path]:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    if not fast:
        paths += sorted((ROOT / "eval" / "data" / "reports").glob("*.txt"))
    return paths


def score_one(path: Path, dpi: int, with_table: bool, seed: int) -> dict:
    import fazhi
    from fazhi.ingest import ingest
    from build_scans import reference_text, render_pages, to_image_pdf

    clean = ingest(path.read_bytes(), path=str(path)).text
    tbl = TABLE if with_table else None
    after = 4 if with_table else None
    ref_text = reference_text(clean, tbl, after)
    pages = render_pages(clean, dpi=dpi, skew=0.6, noise=8, seal=True, table=tbl, table_after=after, seed=seed)
    pdf = to_image_pdf(pages, dpi=dpi)
    t0 = time.perf_counter()
    got = fazhi.analyze(pdf, path=path.stem + ".pdf")
    secs = time.perf_counter() - t0
    ref = fazhi.analyze(ref_text.encode("utf-8"), path=path.name, media_type="text/plain")
    meta_ok = [f for f in META_FIELDS if getattr(got.meta, f) == getattr(ref.meta, f)]
    meta_bad = [f for f in META_FIELDS if f not in meta_ok]
    key = lambda f: (f.quote, f.value, f.unit)  # noqa: E731
    want = [key(f) for f in ref.facts]
    have = {}
    for f in got.facts:
        have.setdefault(key(f), []).append(f)
    ok = low = 0
    for k in want:
        if have.get(k):
            f = have[k].pop()
            ok += 1
            low += f.ocr_low
    wrong_figures = sum(1 for fs in have.values() for f in fs if not f.ocr_low)
    return {"name": path.stem, "dpi": dpi, "pages": len(pages), "secs": secs,
            "cer": cer(ref_text, got.text), "meta_ok": len(meta_ok), "meta_bad": meta_bad,
            "facts": len(want), "facts_ok": ok, "facts_low": low, "extra": wrong_figures,
            "ocr": got.source.ocr, "offsets_ok": all(got.text[f.start:f.end] == f.quote for f in got.facts)}


def run(fast: bool = False) -> str:
    rows, res = [], []
    dpis = [200, 150, 300]
    for k, p in enumerate(inputs(fast)):
        r = score_one(p, dpis[k % 3], with_table=(k == 0), seed=k + 1)
        res.append(r)
        rows.append([r["name"], r["dpi"], r["pages"], f"{100 * r['cer']:.2f}%",
                     f"{r['meta_ok']}/{len(META_FIELDS)}" + (f" ({', '.join(r['meta_bad'])})" if r["meta_bad"] else ""),
                     f"{r['facts_ok']}/{r['facts']}", r["facts_low"], r["extra"],
                     f"{r['ocr']['mean_confidence']:.3f}" if r["ocr"] else "—",
                     f"{r['secs'] / r['pages']:.1f}", "yes" if r["offsets_ok"] else "NO"])
    pages = sum(r["pages"] for r in res)
    refchars = None  # noqa: F841
    tot_cer = sum(r["cer"] for r in res) / len(res)
    meta = sum(r["meta_ok"] for r in res)
    facts = sum(r["facts"] for r in res)
    fok = sum(r["facts_ok"] for r in res)
    rows.append(["(all)", "", pages, f"{100 * tot_cer:.2f}% (mean)", f"{meta}/{len(META_FIELDS) * len(res)}",
                 f"{fok}/{facts} ({100 * fok / max(1, facts):.1f}%)", sum(r["facts_low"] for r in res),
                 sum(r["extra"] for r in res), "", f"{sum(r['secs'] for r in res) / pages:.1f}", ""])
    return table(f"OCR of rendered scans ({len(res)} reports, {pages} pages, rapidocr-onnxruntime)",
                 ["report", "dpi", "pages", "CER", "meta", "facts right", "facts uncertain", "other facts",
                  "mean conf.", "s/page", "offsets"], rows,
                 "facts right: same quote, value and unit as the reference text's facts; facts uncertain: of "
                 "those, marked ocr_low (kept out of sums and rates); other facts: facts of the scan not in the "
                 "reference (a misread figure) and not marked uncertain.")
