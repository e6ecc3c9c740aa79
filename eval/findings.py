"""Findings: fazhi's review rules vs the findings a careful reviewer annotated in the gold files
(eval/data/gold/*.yaml, `findings:`), with a keyword/regex baseline in the same table.

Gold finding: {rule, part?, quote? (one exact text or a list of alternatives: one anomaly the
engine may report as several findings), note, adjudicated? (why the entry changed after the
first comparison)}. A predicted finding matches a gold one when the rule
is the same and
- the gold names a statutory `part`: the finding's data names the same part;
- else the gold `quote` (exact text of the report) overlaps one of the finding's evidence spans
  at any of its occurrences, or the quote is contained in an evidence quote / the message
  (evidence of text removed by ingest has no span), or an evidence quote of at least 4
  characters is contained in the gold quote.
Precision = predicted findings that match a gold finding / predicted findings; recall = gold
findings matched by at least one prediction / gold findings. Per rule family and overall.

A second table runs fazhi over long texts that are not 法治政府 reports (../shared/corpus/other,
government work reports; skipped with --fast or when absent): their figures agree, so every
figures.* finding there is a false alarm unless the text itself is wrong.

The baseline is what a reviewer's search script does on the raw file: a statutory part is
missing when none of its keywords occurs; masking is `**`/`xx`/`××`; template-site and portal
residue are marker words; heading numbering is checked on （一）-style numbers only.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .common import GoldReport, analyze, load_gold, ratio, f1, table

FAMILIES = ["structure", "years", "figures", "provenance", "quality"]


@dataclass
class Pred:
    rule: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    message: str = ""
    part: str | None = None

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]


# --------------------------------------------------------------------------- matching
def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    out, i = [], text.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def matches(gold: dict, pred: Pred, text: str) -> bool:
    if gold["rule"] != pred.rule:
        return False
    if gold.get("part"):
        return pred.part == gold["part"] or (pred.part is None and gold["part"] in pred.message)
    quotes = gold.get("quote") or []
    if isinstance(quotes, str):
        quotes = [quotes]
    if not quotes:
        return True
    return any(_quote_matches(q, pred, text) for q in quotes)


def _quote_matches(q: str, pred: Pred, text: str) -> bool:
    for a, b in _occurrences(text, q):
        if any(s < b and a < e for s, e in pred.spans):
            return True
    if any(q in pq for pq in pred.quotes) or q in pred.message:
        return True
    return any(len(pq) >= 4 and pq in q for pq in pred.quotes)


# --------------------------------------------------------------------------- predictions
def fazhi_preds(g: GoldReport) -> tuple[list[Pred], str]:
    rep = analyze(g.path)
    out = []
    for f in rep.findings:
        if f.family == "language":
            continue        # proofreading is judged apart (`python -m eval language`): the gold
            # annotates review findings, not every typo or half-width mark of a report
        spans = [(e.start, e.end) for e in f.evidence if e.end > e.start]
        quotes = [e.quote for e in f.evidence if e.quote]
        out.append(Pred(f.rule, spans, quotes, f.message or "", (f.data or {}).get("part")))
    return out, rep.text


_PART_KEYWORDS = {
    "measures": re.compile(r"主要举措|举措和成效|工作开展情况|主要工作|工作成效|取得的成效|[工做]作情况"),
    "shortcomings": re.compile(r"存在的(?:主要)?(?:问题|不足)|不足和原因|问题和不足|短板"),
    "first_responsible": re.compile(r"第一责任人"),
    "plan": re.compile(r"下一步|下一年度|工作打算|工作安排|工作思路|工作重点|工作计划|主要安排"),
}
_MASK = re.compile(r"\*{2,}|[xX×]{2,}|＊{2,}")
_TEMPLATE = re.compile(r"小编|供大家参考|网友投稿|范文|推荐访问|猜你喜欢|隐藏内容")
_CHROME = re.compile(r"首页|当前位置|网站地图|ICP备|公网安备|【字体|【打印|分享到|浏览次数")
_CN_NUM = "一二三四五六七八九十"
_PAREN_HEAD = re.compile(rf"^[(（]([{_CN_NUM}]+)[)）]", re.M)


def _cn(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM.index(s[1]) + 1
    if len(s) == 2 and s[1] == "十":
        return (_CN_NUM.index(s[0]) + 1) * 10
    if len(s) == 3:
        return (_CN_NUM.index(s[0]) + 1) * 10 + _CN_NUM.index(s[2]) + 1
    return _CN_NUM.index(s) + 1


def baseline_preds(g: GoldReport) -> tuple[list[Pred], str]:
    """Keyword/regex checks on the raw file text (no parsing, no offsets into fazhi's text)."""
    raw = g.path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    from fazhi.textnorm import normalize_view
    norm = normalize_view(text)
    out: list[Pred] = []
    for part, rx in _PART_KEYWORDS.items():
        if not rx.search(norm):
            out.append(Pred("structure.missing_part", message=part, part=part))
    # one finding per rule, quoting every line with a marker (as fazhi lists every removal)
    for rule_id, rx in (("provenance.masked_text", _MASK), ("provenance.template_site", _TEMPLATE),
                        ("provenance.web_chrome", _CHROME)):
        lines = list(dict.fromkeys(_line_at(text, m.start()) for m in rx.finditer(norm)))
        if lines:
            out.append(Pred(rule_id, quotes=lines))
    # （一）（二）… runs: a run that starts above 一 or skips a number
    prev = 0
    for m in _PAREN_HEAD.finditer(norm):
        try:
            n = _cn(m.group(1))
        except (ValueError, IndexError):
            continue
        if n == 1:
            prev = 1
            continue
        if n != prev + 1:
            out.append(Pred("structure.heading_numbering", quotes=[_line_at(text, m.start())]))
        prev = n
    return out, text


def _line_at(text: str, i: int) -> str:
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i)
    return text[a:b if b >= 0 else len(text)].strip()


# --------------------------------------------------------------------------- scoring
def score(golds: list[GoldReport], tool) -> tuple[dict, list[tuple[str, str, str, str]]]:
    """Counters per family ('all' too) and the list of misses / false alarms."""
    c = defaultdict(lambda: defaultdict(int))
    errors: list[tuple[str, str, str, str]] = []
    for g in golds:
        gold = list(g.data.get("findings") or [])
        preds, text = tool(g)
        matched_gold = [any(matches(x, p, text) for p in preds) for x in gold]
        matched_pred = [any(matches(x, p, text) for x in gold) for p in preds]
        for x, ok in zip(gold, matched_gold):
            fam = x["rule"].split(".", 1)[0]
            for k in (fam, "all"):
                c[k]["gold"] += 1
                c[k]["gold_tp"] += ok
            if not ok:
                q = x.get("quote") or ""
                errors.append((g.id, "miss", x["rule"], x.get("part") or (q if isinstance(q, str) else q[0])))
        for p, ok in zip(preds, matched_pred):
            for k in (p.family, "all"):
                c[k]["pred"] += 1
                c[k]["pred_tp"] += ok
            if not ok:
                errors.append((g.id, "false alarm", p.rule,
                               (p.quotes[0] if p.quotes else p.part or p.message)[:40]))
    return c, errors


def _rows(name: str, c: dict) -> list[list]:
    rows = []
    for fam in FAMILIES + ["all"]:
        k = c.get(fam, {})
        p = ratio(k.get("pred_tp", 0), k.get("pred", 0))
        r = ratio(k.get("gold_tp", 0), k.get("gold", 0))
        rows.append([name, fam, k.get("gold", 0), k.get("pred", 0), k.get("pred_tp", 0), p, r, f1(p, r)])
    return rows


def other_corpus_dir():
    import os
    from pathlib import Path
    from .common import ROOT
    return Path(os.environ.get("FAZHI_OTHER", ROOT.parent / "shared" / "corpus" / "other"))


def long_texts_table() -> str | None:
    """figures.* findings and relations on long texts that are not 法治政府 reports (government
    work reports, NPC resolutions: jsonl with `title`/`content`): the figures there are meant to
    agree, so every figures.* finding is a false alarm unless the text is wrong."""
    import json
    import fazhi
    d = other_corpus_dir()
    files = sorted(d.glob("*.jsonl")) if d.is_dir() else []
    if not files:
        return None
    docs = chars = rels_ok = rels_bad = 0
    flagged: list[list] = []
    for fp in files:
        for line in fp.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            text = f"{item.get('title', '')}\n\n{item.get('content', '')}"
            rep = fazhi.analyze_text(text)
            docs += 1
            chars += len(text)
            rels_ok += sum(1 for r in rep.relations if r.holds is True)
            rels_bad += sum(1 for r in rep.relations if r.holds is False)
            for f in rep.findings:
                if f.rule.startswith("figures."):
                    flagged.append([item.get("title", "")[:24], f.rule, f.message[:60]])
    rows = [["relations that hold", rels_ok], ["relations that do not hold", rels_bad],
            ["figures.* findings", len(flagged)]]
    out = table(f"findings — figures on {docs} long texts ({chars / 1e6:.1f} M characters, {d.name}/)",
                ["what", "count"], rows,
                "Government work reports and NPC resolutions: no figures.* finding is expected; "
                "relations that do not hold are partial \"其中\" lists the sum rule does not flag.")
    if flagged:
        out += "\n" + table("findings — figures.* findings on the long texts", ["text", "rule", "message"], flagged)
    return out


def run(fast: bool = False) -> str:
    golds, missing = load_gold()
    golds = [g for g in golds if "findings" in g.data]
    if fast:
        golds = golds[::2]
    cf, ef = score(golds, fazhi_preds)
    cb, _ = score(golds, baseline_preds)
    n_gold = sum(len(g.data.get("findings") or []) for g in golds)
    note = (f"{len(golds)} reports, {n_gold} expected findings annotated by reading each report "
            "(eval/data/gold/*.yaml `findings:`). P = predicted findings that match an expected one; "
            "R = expected findings found. Match: same rule, and the same statutory part or the quoted "
            "text inside the finding's evidence. Baseline: keyword search for the four statutory parts, "
            "`**`/`xx` masks, template-site and portal marker words, （一）-numbering gaps, on the raw file.")
    if missing:
        note += f" Not available (text not found): {', '.join(missing)}."
    out = table("findings — fazhi rules vs reviewer's annotations, per rule family",
                ["tool", "family", "gold", "pred", "pred ok", "P", "R", "F1"],
                _rows("fazhi", cf) + _rows("keyword baseline", cb), note)
    if ef:
        out += "\n" + table("findings — fazhi misses and false alarms", ["report", "error", "rule", "where"],
                            [list(e) for e in ef])
    if not fast:
        extra = long_texts_table()
        if extra:
            out += "\n" + extra
    return out
