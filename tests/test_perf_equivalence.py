"""The fast scans give exactly what the plain scans they replaced gave.

Each test keeps the old implementation (a character loop, an any() over every span …) as the
reference and compares it with the current one on real inputs: the seed reports, the team's
texts in tests/texts, the team's portal pages in eval/data/html, and short texts written here.
"""
from __future__ import annotations

import bisect
import re

import pytest

import fazhi
from conftest import ROOT, TEXTS, enough, seed_paths
from fazhi.checks import common, provenance, quality, years
from fazhi.extract import facts as F
from fazhi.zh.sentences import SENT_END

SHORT = [
    "2023年，全县共受理行政复议案件15件，办结率为91.8%。其中，维持8件（含“XX县”2件）；",
    "区*长参加了***会议，○○县、xx同志、x01x、××乡：共3场次！2022年至今累计100人次？",
    "（一）推进“放管服”改革，事项办理时限压缩50%以上，“一网通办”率达到98%（不含“三个形象”",
    "”赣服通”上线服务事项1200项，培养“法律明白人”300名；(括号未闭合 4个\n2019年度，以来5件",
    "",
]


def _texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in seed_paths()]
    out += [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))]
    return out + SHORT


def _reports() -> list:
    reps = [fazhi.analyze_text(t) for t in _texts() if t]
    pages = sorted((ROOT / "eval" / "data" / "html").glob("*.html"))
    reps += [fazhi.analyze(p) for p in pages]
    return reps


@pytest.fixture(scope="module")
def reports() -> list:
    return _reports()


# -- the old implementations -------------------------------------------------------------

def old_sentence_bounds(text: str, pos: int, limit: int = 400) -> tuple[int, int]:
    a = pos
    lo = max(0, pos - limit)
    while a > lo and text[a - 1] not in common.SENT_END:
        a -= 1
    b = pos
    hi = min(len(text), pos + limit)
    while b < hi and text[b] not in common.SENT_END:
        b += 1
    return a, b


def old_clause_before(text: str, pos: int, limit: int = 24) -> str:
    a = pos
    lo = max(0, pos - limit)
    while a > lo and text[a - 1] not in common.SENT_END + ",，、:：(（)）":
        a -= 1
    return text[a:pos]


def old_match_indicator(kind, unit, subject, context, after="", quote="", noun_after=False, topic=""):
    """Plain reference of match_indicator: every candidate tried, no prefilter."""
    if not subject:
        return None
    if F._BOUND_BEFORE.search(context) or F._BOUND_QUOTE.search(quote) or F._FAULTY_AFTER.search(after):
        return None
    if F._CHANGE_BEFORE.search(context) or F._EXAMPLE.search(context) or \
            F._YEARS_SPAN.search(context):                                  # rules of the indgen task
        return None
    if kind != "rate" and F._FROM_BEFORE.search(context) and F._CHANGE_AFTER.search(after):
        return None                                                         # rule of indval8
    if F._SLOGAN_COUNT.match(quote) and after.startswith(("“", '"')):
        return None
    if kind == "count" and unit in F._ITEM_UNITS and F._ITEMS_MOVED.search(F.clause_of(context)):
        return None
    clause = F.clause_of(context)
    if kind == "rate" and "分别" not in clause:
        tail = F._NUMBER_CHARS.split(clause)[-1].lstrip("、和及与")
        m = F._RATE_LIST.match(tail) or F._RATE_LIST.match(subject)
        if m:
            subject = m.group(1)
    places = kind == "count" and noun_after and bool(F._PLACE_NOUN.search(subject))
    if kind != "rate" and F._RATE_WORD.search(subject):
        return None
    if kind == "count" and (F._AVERAGE.search(subject) or F._AVERAGE_BEFORE.search(context)):
        return None
    if kind != "rate" and F._PART_OF.search(context):    # rule added by the indicators task
        return None
    if subject[0] == "等" and clause.endswith(subject):
        subject = F._TITLE.sub("《》", clause)
    found = _old_first(kind, unit, subject, context, clause, after, places, topic)
    after_clause = F._AFTER_CLAUSE.match(after).group()
    if found is None and places and F._AWARD_AFTER.search(after_clause):    # rule of indval8
        found = _old_first(kind, unit, subject + after_clause, context, clause, after, places, topic)
        if found is not None and not F._by_id(found).counts_awards:
            found = None
    if found is None and kind == "count" and F._COVERED.match(clause):
        prev = F.clause_of(context[:len(context) - len(clause) - 1])
        if prev:
            found = _old_first(kind, unit, prev + subject, context, clause, after, places, topic)
    return found


def _old_first(kind, unit, subject, context, clause, after, places, topic=""):
    for ind in F._candidates(kind, unit):
        if not all(p.search(subject) for p in ind.subject):
            continue
        if not all(p.search(subject) or p.search(context) for p in ind.scope):
            continue
        if any(p.search(subject) for p in ind.not_):
            continue
        if places and not ind.counts_places:
            continue
        after_clause = F._AFTER_CLAUSE.match(after).group()
        if not all(p.search(subject) or p.search(clause) or p.search(after_clause)
                   or F._bare_study_in(p, subject, context) for p in ind.clause_scope):
            continue
        if any(w.search(subject) and not (c.search(subject) or c.search(context) or c.search(topic))
               for w, c in ind.needs):
            continue
        # a negative cue of the sentence ends the search (indgen task: no fall-through)
        if not ind.counts_additions and F._ADDED.search(clause):
            return None
        if any(p.search(after_clause) for p in ind.not_):
            return None
        if not ind.counts_awards and F._AWARD_AFTER.search(after_clause):
            return None
        if any(p.search(context) for p in ind.context_not) or \
                any(p.search(clause) for p in ind.clause_not) or any(p.search(after) for p in ind.after_not):
            return None
        return ind.id
    return None


def old_balance(norm: str, a: int, b: int) -> tuple[int, int]:
    for op, cl in F._PAIRS:
        seg = norm[a:b]
        depth, low = 0, 0
        for ch in seg:
            depth += (ch == op) - (ch == cl)
            low = min(low, depth)
        if low < 0 and a > 0 and norm[a - 1] == op:
            a -= 1
            depth += 1
        if depth > 0 and b < len(norm) and norm[b] == cl:
            b += 1
    return a, b


def old_before_span(norm: str, pos: int, floor: int) -> tuple[int, int]:
    i = pos
    lo = max(floor, pos - F._MAX_BACK)
    while i > lo:
        ch = norm[i - 1]
        if ch in F._OPEN:
            opener = F._OPEN[ch]
            j = norm.rfind(opener, lo, i - 1)
            if j < 0 or any(c in "。\n" for c in norm[j:i]):
                break
            i = j
            continue
        if ch in F._DELIMS or ch in "(“‘「『":
            break
        i -= 1
    return i, pos


def old_years_in(report, start, end):
    s = report.norm[start:end]
    masks = common.masked_spans(s)
    out = []
    for m in common.YEAR_RX.finditer(s):
        if any(a <= m.start() < b for a, b in masks):
            continue
        tail = s[m.end():m.end() + 4]
        if re.match(r"\s*(\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|以来|至今|起|底前|前)", tail):
            continue
        out.append((int(m.group(1)), start + m.start(), start + m.start(1) + 4 + len(m.group(2))))
    return out


def old_dated_facts(report):
    fallback = bool(report.facts) and all(f.year is None for f in report.facts)
    plan = years._plan_spans(report)
    out = []
    for f in report.facts:
        if any(a <= f.start < b for a, b in plan):
            continue
        if f.year is not None or not fallback:
            y = f.year
        else:
            a, _ = old_sentence_bounds(report.norm, f.start)
            ys = old_years_in(report, a, f.start)
            y = ys[-1][0] if ys else None
        if y is not None:
            out.append((f, y))
    return out


# -- the comparisons -----------------------------------------------------------------------

def _positions(text: str) -> list[int]:
    """Every position of a short text; for a long one every 7th and every punctuation mark."""
    if len(text) < 400:
        return list(range(len(text) + 1))
    return sorted(set(range(0, len(text) + 1, 7)) | {m.start() for m in re.finditer(r"[。！？!?；;\n，,、()（）]", text)}
                  | {len(text)})


def test_sentence_and_clause_bounds():
    n = 0
    for text in _texts():
        index = common.Sentences(text)
        for pos in _positions(text):
            for limit in (400, 5):
                old = old_sentence_bounds(text, pos, limit)
                assert common.sentence_bounds(text, pos, limit) == old
                assert index.bounds(pos, limit) == old
            for limit in (24, 30, 8, 0):
                assert common.clause_before(text, pos, limit) == old_clause_before(text, pos, limit)
            n += 1
    assert n > enough(5000, 2000)


def test_match_indicator(reports):
    n = hits = 0
    for r in reports:
        starts = [0] + [m.end() for m in SENT_END.finditer(r.norm)]
        for f in r.facts:
            subj = r.norm[f.subject_start:f.subject_end] if f.subject_start is not None else ""
            k = bisect.bisect_right(starts, f.start) - 1
            ctx = r.norm[starts[k]:f.start]
            topic = ""
            if starts[k] > 0 and F._MEANS_START.match(r.norm, starts[k]):
                topic = r.norm[max(starts[max(0, k - 1)], starts[k] - F._CONTEXT_MAX):starts[k]]
            m_end = SENT_END.search(r.norm, f.end, f.end + F._AFTER_WINDOW)
            after = r.norm[f.end:m_end.start() if m_end else f.end + F._AFTER_WINDOW]
            kw = dict(after=after, quote=r.norm[f.start:f.end],
                      noun_after=f.subject_start is not None and f.subject_start >= f.end, topic=topic)
            new = F.match_indicator(f.kind, f.unit, subj, ctx, **kw)
            assert new == old_match_indicator(f.kind, f.unit, subj, ctx, **kw) == f.indicator
            # the same subject under every kind and without the sentence context
            for kind, unit in (("count", "件"), ("rate", "%"), ("count", "人次"), ("money", "元")):
                assert F.match_indicator(kind, unit, subj, "") == old_match_indicator(kind, unit, subj, "")
            n += 1
            hits += new is not None
    assert n > 300 and hits > 30


def test_balance():
    n = 0
    for text in _texts():
        for pos in _positions(text)[::3]:
            for w in (3, 12, 25):
                a = max(0, pos - w)
                assert F._balance(text, a, pos) == old_balance(text, a, pos)
                n += 1
    assert n > 3000


def test_masked_text_hits():
    for text in _texts():
        for variant in (text, text.replace("。", "。XX县***"), "××" + text + "○○",
                        text.replace("2023年", "20xx年").replace("2022年", "202x年")):
            old = [(m.start(), m.end()) for m in provenance.MASK_RX.finditer(variant)]
            assert [(m.start(), m.end()) for m in provenance.mask_hits(variant)] == old
    import random
    rnd = random.Random(29)
    alphabet = list("*xX×〇○12095年 县乡a国零_")
    years = list("1290xX×_年 ")                # masked years: 20xx年, 201x年, 19x年, 20__年
    for k in range(40000):
        s = "".join(rnd.choice(years if k % 2 else alphabet) for _ in range(rnd.randint(0, 12)))
        assert [m.span() for m in provenance.mask_hits(s)] == [m.span() for m in provenance.MASK_RX.finditer(s)], s


def test_years_in_and_dated_facts(reports):
    n = 0
    for r in reports:
        for f in r.facts:
            a, _ = old_sentence_bounds(r.norm, f.start)
            assert common.years_in(r, a, f.start) == old_years_in(r, a, f.start)
            n += 1
        assert [(f.id, y) for f, y in years._dated_facts(r)] == [(f.id, y) for f, y in old_dated_facts(r)]
    assert n > 300


def test_dated_facts_with_year_fallback():
    # no fact carries its own year here, so each one takes the last year of its sentence
    r = fazhi.analyze_text("示例县2023年法治政府建设年度报告\n一、主要成效\n"
                           "全县受理案件15件，2022年办结12件。2021年度共培训300人次。\n"
                           "二、2024年工作安排\n计划培训500人次。\n")
    assert [(f.id, y) for f, y in years._dated_facts(r)] == [(f.id, y) for f, y in old_dated_facts(r)]


def test_specifics_figure(reports):
    for r in reports:
        for part in ("shortcomings", "plan", "duties", "measures"):
            top, nested = common.sections_with_part(r, part)
            spans = [(s.start, s.end) for s in (top or nested)]
            old = any(any(a <= f.start < b for a, b in spans) for f in r.facts)
            text = common.span_text(r, spans)
            assert ("figure" in quality._specifics(r, part, text)) == old


def test_heading_numbering_groups(reports):
    """The parent of every section from the one-pass map equals the old walk's answer."""
    def old_parent_id(report, target) -> str:
        for s in report.all_sections():
            if any(c is target for c in s.children):
                return s.id
        return ""
    n = 0
    for r in reports:
        secs = list(r.all_sections())
        parent_of = {id(c): p.id for p in reversed(secs) for c in p.children}
        for s in secs:
            assert parent_of.get(id(s), "") == old_parent_id(r, s)
            n += bool(parent_of.get(id(s)))
    assert n > 50


def test_named_fields():
    n = 0
    for text in _texts():
        for a in range(0, max(1, len(text)), 997):
            seg = text[a:a + 1500]
            old = len({t for t in quality._area_terms() if t in seg})
            for minimum in (0, 1, 4, old, old + 1):
                assert quality._named_fields(seg, minimum) == (old >= minimum)
                n += 1
    assert n > 100


def test_gazetteer_occurrences(reports):
    """Names read backwards from their last character = the Aho-Corasick automaton's hits."""
    from fazhi.parse.places import gazetteer
    g = gazetteer()
    texts = [r.norm for r in reports] + ["北京市朝阳区和平里街道，内蒙古自治区锡林郭勒盟正蓝旗。县区市", "县", ""]
    n = 0
    for t in texts:
        old = sorted((end - len(name) + 1, end + 1, name) for end, name in g._automaton.iter(t))
        assert sorted(g._occurrences(t)) == old
        n += len(old)
    assert n > enough(50, 15)


def test_relations_bisect_equals_walk(reports, monkeypatch):
    """Sums found with the bisecting scans (facts in text order) = sums found by walking
    every fact (the path taken when facts are not in order)."""
    from fazhi.extract import relations as R
    assert all(R._Ctx(r).ordered for r in reports)      # build_facts gives facts in text order
    fast = [[(x.type, x.total, x.parts, x.holds) for x in R.build_relations(r)] for r in reports]
    init = R._Ctx.__init__

    def walking(self, report):
        init(self, report)
        self.ordered = False
    monkeypatch.setattr(R._Ctx, "__init__", walking)
    slow = [[(x.type, x.total, x.parts, x.holds) for x in R.build_relations(r)] for r in reports]
    assert fast == slow
    assert sum(1 for rels in fast for t, *_ in rels if t == "sum") > 10


def test_before_span():
    n = 0
    for text in _texts():
        for pos in _positions(text):
            for floor in (0, max(0, pos - 10), pos):
                assert F._before_span(text, pos, floor) == old_before_span(text, pos, floor)
                n += 1
    assert n > 10000


# -- match_indicator's literal cues (the same tests as the patterns they stand for) -----------

def _cue_strings() -> list[str]:
    """Sentence parts of the texts and random strings over the characters of the patterns."""
    import random
    out = []
    for text in _texts():
        for pos in _positions(text)[::5]:
            out.append(text[max(0, pos - 30):pos])
    alphabet = list("少于多不足到超过高仅有只为增长下降加减上升低提了约近同比较年人平户均达是率例清单等工作事项"
                    "议题来以期间至今月涉领域方式通过其中()含包括;每度季周如例比譬三五十八大改革成立》一从由\n,。、")
    rnd = random.Random(13)
    for _ in range(20000):
        out.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))))
    return out


def test_literal_cues_match_their_patterns():
    tails = [(F._BOUND_TAILS, F._BOUND_BEFORE), (F._CHANGE_TAILS, F._CHANGE_BEFORE),
             (F._AVERAGE_TAILS, F._AVERAGE_BEFORE), (F._RATE_TAILS, F._RATE_WORD),
             (("清单",), F._LISTS), (F._FROM_TAILS, F._FROM_BEFORE)]
    cues = [(F._YEARS_SPAN_CUE, F._YEARS_SPAN), (F._SUBSET_CUE, F._SUBSET)]
    for s in _cue_strings():
        for lits, pat in tails:
            assert F._ends_with(s, lits) == bool(pat.search(s)), (s, pat.pattern)
        for cue, pat in cues:
            assert cue.search(s) or not pat.search(s), (s, pat.pattern)
        assert s.startswith(F._BOUND_QUOTE_HEADS) == bool(F._BOUND_QUOTE.search(s))
        assert ("被" in s or "存在问题" in s) or not F._FAULTY_AFTER.search(s)
        assert F._ends_with(s, F._MEETINGS_TAILS) or not F._MEETINGS_ON.search(s)
        assert ("其中" in s or "(" in s) or not F._PART_OF.search(s)
        assert "其中" in s or not F._PART_LIST.search(s)
        assert "如" in s or not F._EXAMPLE.search(s)
        assert "等" in s or not F._SOME_UNITS.search(s)
        assert ("每" in s or "年均" in s) or not F._HABITUAL.search(s)
        i = max(map(s.rfind, F._CLAUSE_DELIMS))
        assert F.clause_of(s) == s[i + 1:]


def test_quantity_filters_match_their_patterns():
    import random
    from fazhi.extract import quantities as Q
    rnd = random.Random(7)
    alphabet = list("第前排名列NoO.·*+#/_-〔[aZ09\n一二十百万亿两〇零，、 件")
    strings = [t for t in _texts() if t] + \
        ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) for _ in range(5000)]
    for s in strings:
        for e in (_positions(s) if len(s) < 400 else _positions(s)[::9]):
            for lo in (e - 3, e - 2, e - 1, e, e + 1):
                lo = max(0, lo)
                assert Q._bad_before(s, lo, e) == bool(Q._BAD_BEFORE.search(s, lo, e)), (s, lo, e)
            if e:
                assert (s[e - 1] in Q._NUMERAL_CHARS) == bool(Q._NUMERAL_BEFORE.search(s, e - 1, e))


def old_strip(norm: str, a: int, b: int) -> tuple[int, int]:
    """_strip with the trailing words searched over the whole span."""
    while a < b:
        m = F._LEAD.match(norm, a, b)
        if not m or m.end() == a:
            break
        a = m.end()
    while a < b and (norm[b - 1] in F._TRAIL_LAST or norm[b - 1].isspace()):
        m = F._TRAIL.search(norm, a, b)
        if not m or m.start() == b:
            break
        b = m.start()
    while a < b and norm[a] in "“”\"'‘’()（） ":
        a += 1
    while a < b and norm[b - 1] in "“”\"'‘’(（ ":
        b -= 1
    return a, b


def test_strip():
    n = 0
    extra = ["共受理案件达到了", "提高到\n", "不少于 ", "为\n", "行为", "平均", "认为达", "“法律”的"]
    for text in _texts() + extra:
        for pos in _positions(text)[::2]:
            for w in (2, 5, 12, 25):
                a = max(0, pos - w)
                assert F._strip(text, a, pos) == old_strip(text, a, pos)
                n += 1
    assert n > 3000


def test_relations_lead():
    from types import SimpleNamespace
    from fazhi.extract import relations as R

    def old_lead(norm, f, n=18):
        a = f.start
        lo = max(0, f.start - n)
        while a > lo and norm[a - 1] not in ",。;:!?、()\n":
            a -= 1
        return norm[a:f.start]
    k = 0
    for text in _texts():
        for pos in _positions(text):
            f = SimpleNamespace(start=pos)
            for n in (18, 3, 0):
                assert R._lead(text, f, n) == old_lead(text, f, n)
                k += 1
    assert k > 3000


def test_after_stop_pattern():
    """_AFTER_STOP writes 为 not after 行 as 为(?<!行为) (so that every alternative starts with a
    character, which re scans for): the same matches as (?<!行)为."""
    import random
    old = re.compile(F._AFTER_STOP.pattern.replace("为(?<!行为)", "(?<!行)为"))
    assert old.pattern != F._AFTER_STOP.pattern
    rnd = random.Random(3)
    strings = [t for t in _texts() if t] + ["".join(rnd.choice("行为是有人均达到全覆盖每年a") for _ in range(rnd.randint(0, 10)))
                                            for _ in range(3000)]
    for s in strings:
        for a in (_positions(s) if len(s) < 400 else _positions(s)[::5]):
            b = min(len(s), a + 16)
            x, y = old.search(s, a, b), F._AFTER_STOP.search(s, a, b)
            assert (x and x.span()) == (y and y.span())


def test_first_character_patterns():
    """Patterns rewritten so that every alternative starts with a character (the year of a fact,
    the fixed slogans) find what the patterns they replace found."""
    import random
    from fazhi.extract import quantities as Q
    from fazhi.zh.years import ARABIC_YEAR
    old_year = re.compile(
        rf"(?P<y>{ARABIC_YEAR}|[二][〇零][一二三四五六七八九〇零]{{2}})\s*年"
        r"(?P<period>度?(?:以来|至今|起|来|以前|之前|前|—|-|~|至|到))?")
    old_slogan = re.compile(
        r"(?=[一二三四五六七八九十两收])(?:三项制度|四个意识|四个自信|四个全面|两个维护|两个确立|两个一百年|三个代表|五个坚决防止|"
        r"三集中三到位|三重一大|三个务必|五大发展理念|四个最严|两个毫不动摇|三项改革|三个形象|"
        r"三个监管|三级政务服务体系|一带一路|一网通办|一网统管|一窗受理|一次办|一件事|一站式|"
        r"一把手|两法衔接|收支两条线|两个清单|两单融合|三调联动|三治结合|三位一体|五级书记|"
        r"[一二三四五六七八九十]{1,2}五普法|十[一二三四五]五)")
    rnd = random.Random(5)
    strings = [t for t in _texts() if t]
    strings += ["".join(rnd.choice("一二三四五六七八九十两收普法个项制度1920 年以来二〇零至") for _ in range(rnd.randint(0, 14)))
                for _ in range(5000)]
    for s in strings:
        for old, new in ((old_year, F._YEAR_RE), (old_slogan, Q.SLOGAN_RE)):
            assert [(m.span(), m.groups()) for m in old.finditer(s)] == \
                [(m.span(), m.groups()) for m in new.finditer(s)]


# -- proofreading: the shortcuts of punct_pairing -----------------------------------------------

def test_punct_pairing_shortcuts_match_the_full_scan():
    import random
    from fazhi.checks import language as L
    rnd = random.Random(17)
    alphabet = list("“”（）()《》〈〉【】〔〕[]‘’ab1 一国务院") + ["(wù)", "1）", "’99"]
    lines = [ln for t in _texts() for ln in t.split("\n")]
    lines += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(20000)]
    for s in lines:
        marks = [m.start() for m in L._MARK.finditer(s)]
        assert L._pair_scan(s, marks) == L._pair_scan(s)
        if L._PAIRED.fullmatch("".join(s[i] for i in marks)):
            assert L._pair_scan(s) == ([], [], []), s
        assert bool(L._PINYIN_AT_BRACKET.search(s)) == bool(L.PINYIN.search(s)), s


def test_halfwidth_pattern_written_from_the_mark():
    import random
    from fazhi.checks import language as L
    rnd = random.Random(19)
    alphabet = list(",;:?!”’）》“‘（《a1 \n国")
    strings = _texts() + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(20000)]
    for s in strings:
        assert [m.span() for m in L._HALF.finditer(s)] == [m.span() for m in L.HALF.finditer(s)], s


def test_number_form_scan_gives_the_matches_of_mixed():
    import random
    from fazhi.checks import language as L
    rnd = random.Random(23)
    alphabet = list("0123456789.万千百余多米二〇零一三四五六七八九OoО年 国")
    strings = _texts() + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16))) for _ in range(30000)]
    strings += ["年" * 70 + "二0二三年" + "1万2千", "二0二三年" * 40]
    for s in strings:
        assert [m.span() for m in L._mixed(s)] == [m.span() for m in L.MIXED.finditer(s)], s


def test_normalize_view_by_split_is_translate():
    import random
    from fazhi import textnorm as TN
    table = TN._table()
    rnd = random.Random(31)
    folded = [chr(cp) for cp in table]
    alphabet = folded[:200] + folded[-50:] + list("国法治，。（）：ＡＢ１２\u3000 \U00020000\U0002b726x\n")
    strings = _texts() + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(190, 400))) for _ in range(3000)]
    for s in strings:
        assert TN.normalize_view(s) == s.translate(table)


def test_repeats_tried_at_square_starts_give_the_matches_of_the_patterns():
    import random
    from fazhi.checks import language as L

    def plain(t):
        out = []
        if "的的" in t or "和和" in t:
            out += [(m.start(), m.end(), m.group(1) or m.group(2)) for m in L.REPEAT_CHAR.finditer(t)]
        return out + [(m.start(), m.end(), m.group(1) or m.group(2)) for m in L.REPEAT_WORD.finditer(t)]
    rnd = random.Random(37)
    alphabet = list("进一步加强推进工作的和平法治a1，。\\n") + ["\U00020000"]
    strings = _texts() + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(20000)]
    strings += ["".join(rnd.choice("法治工作") for _ in range(rnd.randint(0, 40))) for _ in range(5000)]
    for s in strings:
        assert list(L._repeats(s)) == plain(s), s
    for s in strings[:3000]:
        squares = L._square_starts(s)
        if squares is not None:
            runs = [i for i in range(len(s)) for k in range(3, 9) if i + k + 3 <= len(s) and s[i:i + 3] == s[i + k:i + k + 3]]
            words = [i for i in range(len(s)) for k in (2, 3) if i + k + 2 <= len(s) and s[i:i + 2] == s[i + k:i + k + 2]]
            assert set(runs) <= set(squares[0]) and set(words) <= set(squares[1]), s


def old_written_form(norm, name, exclude=None, short=None):
    from fazhi.parse.place_forms import _CITED
    s = norm.replace(exclude, " " * len(exclude)) if exclude else norm
    short_rx = re.escape(short) + r"(?:州|市|地区|盟)" if short and len(short) >= 2 and short != name else None

    def issuer(doc):
        return doc.startswith("《" + name) or (short_rx is not None and re.match("《" + short_rx, doc) is not None)
    s = _CITED.sub(lambda m: m.group() if issuer(m.group()) else " " * len(m.group()), s)
    if name in s:
        return name
    if short_rx is not None:
        m = re.search(short_rx, s)
        return m.group() if m else None
    return None


def old_short_written_tail(norm, short, exclude=None):
    """short_written after the short name is chosen (a city's, not a municipality's)."""
    from fazhi.parse.place_forms import _CITED, _INSTRUCTED
    from fazhi.zh.cjk import CJK
    s = norm.replace(exclude, " " * len(exclude)) if exclude else norm
    s = _CITED.sub(lambda m: m.group() if m.group().startswith("《" + short) else " " * len(m.group()), s)
    if exclude and re.search(rf"省(?:委|政府)?[、和]{re.escape(short)}[、和]{re.escape(exclude)}", norm):
        return True
    return bool(re.search(rf"(?:视察|考察|对)(?:[{CJK}]{{2,3}}、)?{re.escape(short)}{_INSTRUCTED}|"
                          rf"在{re.escape(short)}考察", s))


def test_place_forms_literal_scans_match_their_patterns():
    import random
    from fazhi.parse import place_forms as PF
    from fazhi.parse.places import Place
    rnd = random.Random(41)
    parts = ["河川", "河川市", "河川州", "河川地区", "河川盟", "青禾县", "青禾", "省", "省委", "省政府", "、", "和",
             "视察", "考察", "考察时", "对", "在", "工作", "的", "系列", "一系列", "重要讲话", "重要指示", "时",
             "《", "》", "\n", " ", "甲", "乙丙", "a", "州", "市"]
    strings = [t for t in _texts() if t][:8] + \
        ["".join(rnd.choice(parts) for _ in range(rnd.randint(0, 14))) for _ in range(20000)]
    focused = ["河川", "省", "省委", "、", "和", "青禾县", "视察", "对", "在", "考察", "乙丙、", "重要讲话", "工作的", "《"]
    strings += ["".join(rnd.choice(focused) for _ in range(rnd.randint(2, 7))) for _ in range(20000)]
    strings += ["中央和省、河川、青禾县委", "省委和河川和青禾县", "省政府、河川、青禾县", "市、河川、青禾县", "省、河川、青禾",
                "视察河川重要讲话", "对甲乙、河川工作的重要指示", "在河川考察", "《河川考察》", "《在河川考察》"]
    city = Place("青禾县", "county", "0", 2023, "某省", "1", "某", city="河川市", city_adcode="2", city_short="河川")
    for s in strings:
        for name, exclude, short in (("河川市", "青禾县", "河川"), ("河川市", None, "河川"), ("青禾县", None, None),
                                     ("河川州", "青禾", "河川")):
            assert PF.written_form(s, name, exclude, short) == old_written_form(s, name, exclude, short), s
        for exclude in ("青禾县", None):
            assert PF.short_written(s, city, None, exclude=exclude) == old_short_written_tail(s, "河川", exclude), s


def old_title_matches(heading, framework):
    from fazhi.classify import areas as A
    idx = A.area_index(framework)
    areas = list(idx.titles)
    out = {}
    for hc in A.clauses(heading):
        if len(hc) < 4:
            continue
        common = A.shared_bigrams(hc, idx.titles_bigram_counts)
        for key in sorted(common):
            aid = areas[key[0]]
            tc = idx.titles[aid][key[1]]
            if tc in hc or (len(hc) >= 8 and hc in tc):
                sim = 1.0
            elif 2 * (min(len(hc), len(tc)) - 1) < A.TITLE_SIM * (len(hc) + len(tc) - 2):
                continue
            else:
                sim = 2 * common[key] / (len(hc) - 1 + len(tc) - 1)
            if sim >= A.TITLE_SIM and sim > out.get(aid, 0.0):
                out[aid] = sim
    return out


def test_title_matches_left_out_clauses_could_not_match(reports):
    import random
    from fazhi.classify import areas as A
    heads = [s.heading for r in reports for s in r.all_sections() if s.heading]
    idx = A.area_index(None)
    titles = [tc for aid in idx.titles for tc in idx.titles[aid]]
    rnd = random.Random(43)
    for _ in range(3000):           # pieces of the titles themselves, cut and joined
        a, b = rnd.choice(titles), rnd.choice(titles)
        i, j = sorted(rnd.randrange(len(a) + 1) for _ in range(2))
        heads.append(a[i:j] + rnd.choice(["", "，", "和", "推进"]) + b[:rnd.randrange(len(b) + 1)])
        heads.append(a)
    for fw in [None, *A.framework_ids()]:
        for h in heads:
            got = A.title_matches(h, fw)
            want = old_title_matches(h, fw)
            assert got == want and list(got) == list(want), h
