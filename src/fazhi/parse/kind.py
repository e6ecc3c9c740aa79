"""Document kind (meta.kind): report / template / interpretation / plan / news / article / other.

The markers are in catalog/kinds.yaml; the masks in fazhi/zh/masks.py. Everything is matched on
a view of `report.norm` (half-width, simplified) from which broken conversions' inserted pinyin
("建设(shè)") and spaces between Chinese characters are removed, so that a traditional copy, a
PDF extraction or a mirror classifies like the original. Offsets are not needed here.

Order: a text that is not Chinese → other; masked → template; research markers (摘要, 关键词,
作者简介, an affiliation line, citation marks) → article, before any title word; interpretation
(its title, a "——《…》解读" line, or explanation headings at a line start); other by its title; plan
(its title, unless the title is a headline telling of the plan; its formula: 制定本方案/纲要/清单,
现将《…》印发给你们; its headings); news (headline, lead) — unless the page publishes a document in
full ("具体报告如下", or under a headline announcing the report published, the body opening as the
report does, with no lead), whose kind then decides; other by its opening (政府信息公开, 通报如下, 予以
命名, 名单公示, one official speaking, an exam, a table of contents); article (a book or yearbook
above the body); report (a 法治 report title, or a 法治 text with the report's formula, opening
sentence, inline title, numbered measures, a run of items (on a short page naming no year, a run
of 一是…二是 only is one piece of work told: news), a heading naming a statutory part of the
report as classify/parts.py reads it, or — a fragment whose opening was cut — work told as done:
counts, 先后/累计, a perfective 了, awards, outweighing a plan's targets); a meeting told → news;
else article (about 法治) or other. A report without its title is recognised by its body alone.
A title of a few characters is a column label and decides nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import catalog, rx
from ..model import Report
from ..zh import masks
from ..zh.cjk import CJK, CJK_RUN
from ..zh.years import ARABIC_YEAR, CN_YEAR

KINDS = ("report", "template", "interpretation", "plan", "news", "article", "other")

_BOOK = re.compile(r"《[^》\n]{0,80}》")
from ..textnorm import PINYIN_ANY as _PINYIN  # noqa: E402 - one pattern, in textnorm
from ..zh.numerals import ONE_TO_TEN
# (each pattern below starts with its first character and checks what stands before it
# after that character: a pattern that starts with a look-behind is tried at every position)
_CJK_GAP = re.compile(rf" (?<=[{CJK}] ) *(?=[{CJK}])")     # spaces between characters
_LATIN_RUNS = re.compile(r"[A-Za-z]+")


def _count(runs: re.Pattern, s: str) -> int:
    """Characters of s in the runs' class (runs counted, not one string per character)."""
    return sum(map(len, runs.findall(s)))


# where a sentence or a run-together title ends: 。 ; ! ? a space, or a title word (…报告2016年，)
_SENTENCE_START = re.compile(r"[。;!?]\s*|\s+|(?<=报告)|(?<=总结)|(?<=情况)")


def view(s: str) -> str:
    """The classification view: no inserted pinyin, no spaces between Chinese characters."""
    return _CJK_GAP.sub("", _PINYIN.sub("", s))


def _any(s: str, words) -> bool:
    """Any of the words in s (`rx.may_match`: a word's characters are looked for one by one
    first, most words are absent because one of their characters is)."""
    return bool(words) and rx.may_match(words, s)


class _Patterns(tuple):
    """A catalogue list compiled, with `cues`: for each pattern the strings one of which
    every match of it contains (`rx.cues`; None: no such strings)."""
    cues: tuple[tuple[str, ...] | None, ...] = ()


_RX_LISTS: dict[tuple[int, int], tuple[object, _Patterns]] = {}


def _rx(pats, flags=0) -> _Patterns:
    """The catalogue's patterns compiled, once per list (the lists are the catalogue's own,
    loaded once; re.compile's cache lookup per pattern and call cost more than the searches)."""
    key = (id(pats), flags)
    got = _RX_LISTS.get(key)
    if got is not None and got[0] is pats:
        return got[1]
    out = _Patterns(re.compile(p, flags) for p in pats or [])
    out.cues = tuple(rx.cues(p) for p in out)
    if len(_RX_LISTS) > 512:           # lists made on the fly by a caller: keep the cache small
        _RX_LISTS.clear()
    _RX_LISTS[key] = (pats, out)        # the list is kept, so its id is not reused
    return out


def _hit(s: str, pats: _Patterns) -> re.Match | None:
    """The first match of the first pattern that matches; a pattern is searched only when the
    text holds one of the strings every match of it contains (`rx.cues`: a few substring tests
    instead of a pattern tried at every position, e.g. one that starts with a class or \\d)."""
    for p, cue in zip(pats, pats.cues):
        if cue is not None and not rx.may_match(cue, s):
            continue
        m = p.search(s)
        if m:
            return m
    return None


@dataclass
class Decision:
    kind: str
    why: str          # the rule that decided (for tests and debugging; not shown to readers)


class _Text:
    """The parts of a text the rules look at."""

    def __init__(self, report: Report, title: str | None, body_start: int | None):
        norm = report.norm
        bs = body_start if body_start is not None else 0
        self.title = view(title or "")
        self.title_own = _BOOK.sub("", self.title)        # the title without cited 《documents》
        self.header = view(norm[:bs])                      # lines above the body (title block, chrome)
        self.body = view(norm[bs:])
        self.all = view(norm)
        self.length = len(norm)
        self.report = report

    def head(self, n: int) -> str:
        return self.body[:n]

    def top(self, n: int) -> str:
        """The title block and the first n characters of the body."""
        return self.all[:len(self.header) + n]

    def paragraphs(self, n: int, whole: bool = False) -> list[str]:
        out = []
        for p in (self.all if whole else self.body).split("\n"):
            p = p.strip()
            if p:
                out.append(p)
                if len(out) >= n:
                    break
        return out

    def starts(self, n: int, run: int = 300) -> list[str]:
        """The first n paragraphs, and, where the text lost its line breaks (a first paragraph
        longer than `run`), the sentences that start within its first `run` characters."""
        paras = self.paragraphs(n)
        out = list(paras)
        if paras and len(paras[0]) > run:
            first = paras[0]
            for m in _SENTENCE_START.finditer(first[:run]):
                out.append(first[m.end():])
        return out


def any_word(s: str, words) -> bool:
    """Any of the catalogue's plain markers in s (shared with parse/report_year.py)."""
    return _any(s, words)


def any_pattern(s: str, pats) -> bool:
    """Any of the catalogue's patterns in s (compiled once)."""
    return bool(_hit(s, _rx(pats)))


def plan_title(title: str) -> bool:
    """A title naming a plan (工作要点, 实施方案 … catalog/kinds.yaml `plan`), not a report on work."""
    pl = catalog.load("kinds")["plan"]
    t = _BOOK.sub("", view(title))
    return bool(_hit(t, _rx(pl["title_patterns"]))) and not _any(t, pl["not_if_title"])


def classify(report: Report, title: str | None, body_start: int | None) -> str:
    return decide(report, title, body_start).kind


def decide(report: Report, title: str | None, body_start: int | None) -> Decision:
    k = catalog.load("kinds")
    x = _Text(report, title, body_start)
    rp = k["report"]
    title_report = bool(x.title_own) and bool(_hit(x.title_own, _rx(rp["title_patterns"]))) \
        and _any(x.title_own, rp["title_report"]) and not _hit(x.title_own, _rx(rp["not_title_patterns"]))
    # a news page or a portal that publishes a document in full ("全文如下", "具体报告如下"): the
    # headline and the lead are the page's, the kind is the document's
    in_full = bool(_hit(x.top(k["news"]["in_full_chars"]), _rx(k["news"]["in_full_patterns"]))) \
        or _published_report(x, k["news"])

    # a catalogue record or a translation: mostly not Chinese
    sample = x.all[:3000]
    latin = _count(_LATIN_RUNS, sample)
    if latin and latin > 2 * _count(CJK_RUN, sample):     # (no letter: Chinese or not, not this)
        return Decision("other", "not Chinese")

    d = _template(x, k["template"])
    if d:
        return d

    # a title of a few characters is a portal's column label (政策解读, 公示公告, 新闻发布), not the
    # document's name: it decides nothing
    named = len(x.title_own) > k["label_max_chars"]
    ar = k["article"]
    if _hit(_before_byline(x.all[:ar["head_chars"]]), _rx(ar["head_patterns"], re.M)):
        return Decision("article", "research")
    it = k["interpretation"]
    if named and _any(x.title, it["title"]):
        return Decision("interpretation", "title")
    top_lines = [ln.strip() for ln in (x.header + "\n" + x.head(200)).split("\n")[:12] if ln.strip()]
    if any(_hit(ln, _rx(it["top_patterns"])) for ln in top_lines if not re.search(r"[>›»]|首页", ln)):
        return Decision("interpretation", "title block")
    if _hit(x.top(it["head_chars"]), _rx(it["head_patterns"], re.M)):
        return Decision("interpretation", "headings")

    ot = k["other"]
    if named and (_any(x.title, ot["title"]) or _hit(x.title, _rx(ot["title_patterns"]))) \
            and not _hit(x.title_own, _rx(ot["not_title_patterns"])):
        return Decision("other", "title")

    pl = k["plan"]
    head = x.head(1500)
    nw = k["news"]
    headline = named and bool(_hit(x.title_own, _rx(nw["title_patterns"])))
    if named and not headline and _hit(x.title, _rx(pl["title_patterns"])) \
            and not _any(x.title_own, pl["not_if_title"]):
        return Decision("plan", "title")
    report_heading = _report_heading(x.top(3000))
    if not title_report:
        if _hit(head, _rx(pl["head_patterns"])):
            return Decision("plan", "formula")
        if not x.title_own and _hit(x.all[:80], _rx(pl["glued_title_patterns"])):
            return Decision("plan", "a year's work named over its items")
        top = x.top(1500)
        done_heading = _rx(pl["headings_done_patterns"])
        plan_headings = sum(1 for w in pl["headings"] if re.search(
            rf"(^|\n)\W{{0,3}}[{ONE_TO_TEN}\d]*\W{{0,3}}{w}", top) or any(
            not _hit(m.group(2), done_heading) for m in re.finditer(
                rf"(^|\n)\s*[(]?[{ONE_TO_TEN}\d]{{1,2}}\s*[)、.]([^\n。,:]{{0,24}}){w}\s*([\n。]|$)", top)))
        if plan_headings >= pl["headings_min"] or (plan_headings and not report_heading):
            return Decision("plan", "headings")

    if x.length <= nw["max_chars"] and not in_full:
        if headline:
            return Decision("news", "headline")
        if not title_report:
            leads = x.starts(1, 160)
            if not x.title_own:         # no title: the first line may have been taken for a header
                leads += x.paragraphs(1, whole=True)
            if any(_hit(p, _rx(nw["lead_patterns"])) for p in leads):
                return Decision("news", "lead")
            if _BYLINE.search(x.all):
                return Decision("news", "signed by a reporter")

    if not title_report:
        oh = x.head(ot["head_chars"])
        if _hit(x.all[:600], _rx(ot["opening_patterns"], re.M)) and \
                not _hit(x.top(ot["own_topic_chars"]), _rx(ot["own_topic_patterns"])):
            return Decision("other", "address to a congress")
        # a cited 《政府信息公开条例》 is a law a 法治 report applies, not the disclosure genre's voice
        if sum(_BOOK.sub("", oh).count(w) for w in ot["disclosure"]) >= ot["disclosure_min"] and \
                not _hit(oh, _rx(ot["disclosure_unless_patterns"])) and not report_heading:
            return Decision("other", "information disclosure")
        if _hit(oh, _rx(ot["head_patterns"])) or _hit(x.top(ot["head_chars"]), _rx(ot["top_patterns"])):
            return Decision("other", "opening")
        if not named and _whole_work(x, ot):
            return Decision("other", "a unit's whole work")
        cl = _rx(ot["contents_line_patterns"])
        if sum(1 for ln in x.all[:3000].split("\n") if _hit(ln.strip(), cl)) >= ot["contents_min"]:
            return Decision("other", "table of contents")

    near = x.header[-ar["header_chars"]:]
    if _any(near, ar["header"]) or _hit(near, _rx(ar["header_patterns"])) \
            or _hit(view(x.report.hints.source_site or ""), _rx(ar["source_patterns"])):
        return Decision("article", "research")

    if title_report:
        return Decision("report", "title")
    topic = sum(len(p.findall(x.all[:rp["topic_chars"]])) for p in _rx(rp["topic_patterns"]))
    if topic >= rp["topic_min"]:
        if _hit(x.top(3000), _rx(rp["formula_patterns"])):
            return Decision("report", "formula")
        if _inline_title(_BOOK.sub("", x.all[:rp["inline_title_chars"]]).replace(" ", ""), rp):
            return Decision("report", "inline title")
        lead = _rx(rp["lead_patterns"])
        paras = x.starts(rp["lead_paragraphs"]) + x.paragraphs(rp["lead_paragraphs"], whole=True)
        if any(_hit(p, lead) for p in paras):
            return Decision("report", "opening sentence")
        hs = _rx(rp["heading_patterns"])
        top = x.top(3000)
        done = sum(len(p.findall(top)) for p in _rx(rp["done_patterns"]))
        if not x.title_own and not done and not report_heading and \
                sum(len(p.findall(top)) for p in _rx(rp["task_item_patterns"])) >= rp["task_items_min"]:
            return Decision("plan", "numbered tasks, none told as done")
        if any(p.search(top) for p in hs) and any(p.search(top) for p in _rx(rp["subheading_patterns"])):
            return Decision("report", "numbered measures")
        if any(all(re.search(p, top) for p in run) for run in rp["item_runs"]):
            if x.length <= rp["undated_item_max_chars"] and not _ANY_YEAR.search(x.all) \
                    and re.search(rp["item_runs"][1][0], top) and not re.search(rp["item_runs"][0][0], top):
                # a short page naming no year whose only structure is 一是…二是 after its one
                # sentence (no (一) headings of a cut report): one piece of work told
                return Decision("news", "one piece of work, no year")
            return Decision("report", "a run of measures")
        if report_heading:
            return Decision("report", "a statutory part")
        # a fragment (the opening cut, "开头部分已省略"): work done, counted, and not a plan's targets
        aims = sum(len(p.findall(top)) for p in _rx(rp["aim_patterns"]))
        numbered = any(p.search(top) for p in hs + _rx(rp["subheading_patterns"]))
        if done > aims and (done >= rp["done_min"] or (done >= rp["done_min_numbered"] and numbered)):
            if x.length <= nw["max_chars"] and _told_of_another(x, rp):
                return Decision("news", "work of a unit told by others")
            return Decision("report", "measures counted")
        if x.length <= nw["max_chars"] and _hit(x.head(600), _rx(nw["event_patterns"])):
            return Decision("news", "a meeting told")
        return Decision("article", "about rule of law")
    if x.title and _hit(x.title, _rx(rp["title_patterns"])):
        return Decision("article", "about rule of law")
    return Decision("other", "nothing")


# a news item's byline line ((记者 张三), 责任编辑：李四): what follows is the portal's chrome (its
# 关键词 tags, recommended items), not a paper's abstract
_BYLINE = re.compile(r"^[ \t]*[(（][ \t]*(?:记者|通讯员|实习记者)[^)）\n]{1,30}[)）][ \t]*$|"
                     r"^[ \t]*(?:责任编辑|责编|编辑)[ \t]*[:：][^\n]{1,20}$|"
                     # the portal's tag line that closes with the editor (关键词:…,X县责任编辑:张三)
                     r"^[ \t]*关\s*键\s*词[ \t]*[:：][^\n]*(?:责任编辑|责编)[ \t]*[:：][^\n]{1,20}$", re.M)


def _before_byline(s: str) -> str:
    m = _BYLINE.search(s)
    return s[:m.start()] if m else s


def _inline_title(s: str, rp) -> bool:
    """The report's own title run into the body, not a report spoken of as published by its
    unit (公布的X2022年法治政府建设年度报告: a story about it)."""
    not_before = _rx(rp["inline_title_not_before_patterns"])
    for p in _rx(rp["inline_title_patterns"]):
        for m in p.finditer(s):
            if not _hit(s[max(0, m.start() - 24):m.start()], not_before):
                return True
    return False


def _published_report(x: _Text, nw) -> bool:
    """A headline announcing a report published (…年度报告发布), over a body that opens as the
    report does (2021年，X坚持…), with no news lead (本站讯 近日，X发布…): the report itself."""
    if not x.title_own or not _hit(x.title_own, _rx(nw["published_title_patterns"])):
        return False
    first = x.paragraphs(1)
    return bool(first) and not _hit(first[0], _rx(nw["lead_patterns"])) \
        and bool(_hit(first[0], _rx(nw["published_opening_patterns"])))


_ANY_YEAR = re.compile(rf"{ARABIC_YEAR}\s*年|{CN_YEAR}\s*年")


_FIRST_HEADING = re.compile(r"(?:^|\n)\s*[一1]\s*[、.．]\s*([^\n。]{2,40})")


def _whole_work(x: _Text, ot) -> bool:
    """The first numbered heading names the unit's whole line of work or its political direction,
    and neither it nor the opening paragraph names rule-of-law work; or it is the unit's whole
    year of work (2023年工作总结) and the opening does not name rule-of-law government."""
    m = _FIRST_HEADING.search(x.body[:1500])
    if not m:
        return False
    opening = x.body[:m.start()]
    heading = m.group(1)
    if _hit(heading, _rx(ot["whole_year_heading_patterns"])) and not _hit(opening, _rx(ot["whole_year_topic_patterns"])):
        return True         # 一、2023年工作总结: the unit's whole year, not its 法治政府建设 report
    no_law = _rx(ot["whole_work_not_patterns"])
    return bool(_hit(heading, _rx(ot["whole_work_heading_patterns"]))) and not _hit(heading, no_law) \
        and not _hit(opening, no_law)


def _told_of_another(x: _Text, rp) -> bool:
    """Work told of a unit that never speaks as itself (no 我局/本县), under a newsroom's credit
    line or calling the unit 该局: a story about the unit, not its account."""
    if _hit(x.all, _rx(rp["self_voice_patterns"])):
        return False
    return bool(_hit(x.all[:rp["story_top_chars"]], _rx(rp["story_credit_patterns"]))
                or _hit(x.all, _rx(rp["story_third_person_patterns"])))


_HEADING_LINE = re.compile(rf"(?:^|\n|[。;!])\s*(?:[{ONE_TO_TEN}]{{1,2}}\s*[、.]|\(\s*[{ONE_TO_TEN}]{{1,2}}\s*\))"
                           r"\s*([^\n。]{2,40})")


def _report_heading(top: str) -> str | None:
    """A numbered heading that names a part the report rule prescribes (the year's measures and
    their effect, the first-responsible duty, shortcomings, next year's plan), as classified by
    classify/parts.py; plain theme headings (加强组织领导) name no part."""
    from ..classify.parts import classify_heading
    words = catalog.load("kinds")["report"]["part_heading_words"]
    for m in _HEADING_LINE.finditer(top):
        h = m.group(1)
        got = classify_heading(h)
        if got and _any(h, words.get(got[0])):
            return h
    return None


def _names_masked(s: str) -> bool:
    """A placeholder that stands for a name or a year (XX县, x镇, 某县, 20xx年), not one field of a
    blank form date (XXXX-XX-XX) or code (DB33XXXX-XXXX), nor a figure (学法**次)."""
    if masks.SOME_RX.search(s):
        return True
    form = set("-./")
    return any(s[m.start() - 1:m.start()] not in form and s[m.end():m.end() + 1] not in form
               and not masks.is_figure_mask(s, m) for m in masks.mask_hits(s))


def _placeholders(line: str, names_only: bool = False) -> int:
    """Placeholders in a line; the parts of one masked date (XXXX-XX-XX, 20xx年x月x日) are one;
    with names_only, those that stand for a figure (**次, xx%) are not counted."""
    n, end = 0, -2
    for m in masks.mask_hits(line):
        if not (m.start() - end <= 1 and line[end:m.start()] in ("", "-", ".", "/", "年", "月")) \
                and not (names_only and masks.is_figure_mask(line, m)):
            n += 1
        end = m.end()
    return n


# a title that names the reporting government or department: a name of two or more characters
# before an administrative suffix (青禾县, 云溪市司法局, 北干街道办事处)
_REPORTER_NAMED = re.compile(rf"[{CJK}]{{2,}}(?:省|自治区|市|自治州|州|盟|县|旗|区|镇|乡|街道|苏木)"
                             rf"(?:人民政府|政府|办事处)?[{CJK}]{{0,8}}?(?:[0-9]{{4}}年|关于|法治)")


def _names_reporter(title: str) -> bool:
    return bool(title) and not _names_masked(title) and bool(_REPORTER_NAMED.search(title))


def _template(x: _Text, tpl) -> Decision | None:
    report = x.report
    n_lead = tpl["lead_chars"]
    leads = [p[:n_lead] for p in x.paragraphs(1) + x.paragraphs(3, whole=True)]
    if _names_masked(x.title) or any(_names_masked(p) for p in leads):
        return Decision("template", "masked reporter")
    disclaimer = _rx(tpl["disclaimer_patterns"])
    hits = masks.mask_hits(x.all)
    if hits:      # not those in a line of the site's copyright notice
        lines = [ln for ln in x.all.split("\n") if not _hit(ln, disclaimer)]
        n = sum(_placeholders(ln) for ln in lines)
    else:
        lines, n = [], 0
    # a title that names its reporter in full: placeholders that only hide figures (会议**次) make
    # a page with its figures withheld, not a model text to fill in
    named = n >= tpl["masked_min"] and _names_reporter(x.title_own)
    n_names = sum(_placeholders(ln, names_only=True) for ln in lines) if named else n
    if n_names >= tpl["masked_min"]:
        return Decision("template", "masked")
    if _hit(x.all[:4000], _rx(tpl["model_patterns"])):
        return Decision("template", "a model text")
    residue = report.hints.template_site or any(r.kind == "template_site" for r in report.removed) \
        or _any(x.all[:4000], tpl["residue"]) or _any(x.all[-3000:], tpl["residue"]) \
        or bool(_hit(x.all[:4000], _rx(tpl["residue_patterns"])))
    if residue and n >= 1:
        return Decision("template", "site residue and a mask")
    return None
