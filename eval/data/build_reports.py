"""Build the team's own evaluation reports and their gold files from marked-up sources.

    python eval/data/build_reports.py

Each eval/data/reports_src/NAME.txt starts with YAML front matter (between two '---' lines:
id, notes, meta, optional meta_alternatives, optional findings (expected review findings:
rule, quote, note), optional convert: s2t, optional set: the gold set the file belongs to,
e.g. "unseen" for the reports written to test generalisation — see `python -m eval --set`) followed by the report body
written with two kinds of marks, both removed from the output text:

  §L[:part]|number|heading|rest   a heading line: L is the tree depth, part the statutory part
                                  (top-level sections), number the marker as written (may be
                                  empty), heading the heading text; `rest` is run-in body text
                                  that follows on the same line (fused headings).
  {quote|value|unit[|kind][|opt]} a fact: the quote as it appears, its value (money in 元,
                                  percentages as the percent number), its unit.
  {quote}                         shorthand for a plain Arabic figure and its unit, e.g. {1,260条}
                                  or {95%以上}; value and unit are read off the quote.

Output: eval/data/reports/NAME.txt (plain report) and eval/data/gold/own-NAME.yaml.
With `convert: s2t` the text (and every quote and heading) is converted to traditional
characters with OpenCC, so the gold stays aligned with the text.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DURATION = {"个工作日", "工作日", "个小时", "小时", "分钟", "个月", "天", "周", "年", "学时", "课时"}
APPROX = re.compile(r"余|多|近|约|逾|超过|以上|左右|不足|不到")
FACT = re.compile(r"\{([^{}|]+)\|([^{}|]+)\|([^{}|]*)(?:\|([a-z]*))?(?:\|(opt))?\}")
SIMPLE_OR_FULL = re.compile(r"\{([^{}]+)\}")
SIMPLE_PARTS = re.compile(r"^(?:约|近|逾|超过|不足|不到|仅)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([^\d,.]+?)(?:以上|左右|以内)?$")
HEAD = re.compile(r"^§(\d)(?::([a-z_]+))?\|([^|]*)\|([^|]*)\|(.*)$")


def kind_of(unit: str) -> str:
    if unit in ("%", "‰"):
        return "rate"
    if unit in ("个百分点", "百分点", "倍"):
        return "ratio"
    if unit == "元":
        return "money"
    if unit in DURATION:
        return "duration"
    return "count"


def number(s: str):
    v = float(s)
    return int(v) if v.is_integer() else v


def build(src: Path) -> dict:
    raw = src.read_text("utf-8")
    _, front, body = raw.split("---\n", 2)
    head = yaml.safe_load(front)
    conv = None
    if head.get("convert") == "s2t":
        import opencc
        conv = opencc.OpenCC("s2t").convert
    tr = conv or (lambda s: s)
    lines_out, sections, facts = [], [], []
    for line in body.splitlines():
        m = HEAD.match(line)
        if m:
            depth, part, num, heading, rest = m.groups()
            sec = {"number": tr(num) or None, "heading": tr(heading), "level": int(depth)}
            if int(depth) == 1:
                sec["part"] = part
            sections.append(sec)
            line = num + heading + rest
        def fact(mm: re.Match, split: bool = False) -> str:
            if split:
                quote, value, unit = mm.group(1).split("|")
                kind = opt = None
            else:
                quote, value, unit, kind, opt = mm.groups()
            f = {"quote": tr(quote), "value": number(value), "unit": unit or None,
                 "kind": kind or kind_of(unit), "approx": bool(APPROX.search(quote)), "indicator": None}
            if opt:
                f["optional"] = True
            facts.append(f)
            return quote
        def simple(mm: re.Match) -> str:
            quote = mm.group(1)
            p = SIMPLE_PARTS.match(quote)
            if not p:
                raise ValueError(f"{src.name}: cannot read shorthand fact {{{quote}}}")
            value = (p.group(1) + (p.group(2) or "")).replace(",", "")
            return fact(re.match(r"(.*)", f"{quote}|{value}|{p.group(3)}"), split=True)
        def any_fact(mm: re.Match) -> str:
            return simple(mm) if "|" not in mm.group(1) else fact(FACT.fullmatch(mm.group(0)))
        lines_out.append(SIMPLE_OR_FULL.sub(any_fact, line))
    text = tr("\n".join(lines_out).strip("\n") + "\n")
    name = src.stem
    (HERE / "reports" / f"{name}.txt").write_text(text, "utf-8")
    meta = head["meta"]
    if conv:
        meta = {k: (tr(v) if isinstance(v, str) else [tr(x) for x in v] if isinstance(v, list) else v)
                for k, v in meta.items()}
    gold = {"id": head["id"], "source": {"path": f"eval/data/reports/{name}.txt", "kind": "own"},
            "notes": head.get("notes"), "meta": meta}
    if head.get("set"):
        gold["set"] = head["set"]
    if head.get("meta_alternatives"):
        gold["meta_alternatives"] = head["meta_alternatives"]
    gold["sections"] = sections
    # indicator ids are annotated in the gold file itself (see eval/indicators.py): keep them
    prev_path = HERE / "gold" / f"{head['id']}.yaml"
    prev = yaml.safe_load(prev_path.read_text("utf-8")) if prev_path.is_file() else {}
    if prev.get("indicators_annotated"):
        gold["indicators_annotated"] = prev["indicators_annotated"]
    prev_facts = prev.get("facts") or []
    for i, f in enumerate(facts):
        if i < len(prev_facts) and prev_facts[i].get("quote") == f["quote"]:
            f["indicator"] = prev_facts[i].get("indicator")
    gold["facts"] = facts
    # expected review findings, annotated by hand in the front matter (see eval/findings.py)
    def tr_quote(q):
        return [tr(x) for x in q] if isinstance(q, list) else tr(q)
    gold["findings"] = [{**f, **({"quote": tr_quote(f["quote"])} if f.get("quote") else {})}
                        for f in head.get("findings") or []]
    for f in gold["findings"]:
        for q in ([f["quote"]] if isinstance(f.get("quote"), str) else f.get("quote") or []):
            if q not in text:
                raise ValueError(f"{src.name}: finding quote not in the text: {q}")
    with open(HERE / "gold" / f"{head['id']}.yaml", "w", encoding="utf-8") as fh:
        fh.write("# Generated by eval/data/build_reports.py from eval/data/reports_src/%s.txt; edit the source.\n" % name)
        yaml.safe_dump(gold, fh, allow_unicode=True, sort_keys=False, width=200)
    return gold


def main(argv: list[str]) -> int:
    for src in sorted((HERE / "reports_src").glob("*.txt")):
        g = build(src)
        print(f"{src.name}: {len(g['sections'])} sections, {len(g['facts'])} facts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
