"""The years of the text and the report year: the title's year, the year of the first
numbered heading, of the opening sentence, of the sentence announcing the report, and the
fallbacks (本年度, a whole-year period); a plan's title reports no year."""
from __future__ import annotations

import re

from .. import catalog
from ..zh.numerals import ONE_TO_TEN, cn_number
from ..zh.years import ARABIC_YEAR, CN_YEAR, YEAR_MAX, YEAR_MIN, YEAR_RANGE
from .dates import _NUM12, _YEAR
from .kind import any_pattern as _any_rx, any_word as _any, plan_title
from .lines import _BOOK, _HEADING, _TITLE_WORD, TOP_CHARS, _Ctx

YEAR_RX = re.compile(rf"(?<!\d)({ARABIC_YEAR}|{CN_YEAR})\s*年")
_RANGE = YEAR_RANGE


# -- years -------------------------------------------------------------------
def _masked_spans(s: str) -> list[tuple[int, int]]:
    return [m.span() for m in _RANGE.finditer(s)] + [m.span() for m in _BOOK.finditer(s)]


def _years(s: str, offset: int = 0) -> list[tuple[int, int, int]]:
    """(year, start, end) of years in s outside year ranges and 《cited documents》."""
    masks = _masked_spans(s)
    out = []
    for m in YEAR_RX.finditer(s):
        if any(a <= m.start() < b for a, b in masks):
            continue
        # a cited earlier report / plan: "2021年工作要点" "2020年度报告" inside a title is fine,
        # but "关于印发2021年…" is a cited document
        y = cn_number(m.group(1))
        if y and YEAR_MIN <= y <= YEAR_MAX:
            out.append((y, offset + m.start(), offset + m.end()))
    return out


# a speech's title: 在…会议上的讲话 / 发言 / 致辞, 讲话稿
_SPEECH_TITLE = re.compile(r"在[^。\n]{2,40}(?:会议|大会|会|座谈会|推进会|培训班)上的(?:讲话|发言|致辞|主持词)|讲话稿")
_PLAN_HEAD = re.compile(r"(计划|打算|思路|安排|下一步|展望|目标|要点|重点工作|工作重点|重点任务|主要任务|工作部署|谋划|意见建议|建议)")
# a sentence that opens with the year of the work ("2019年,在…领导下", "2020年是…收官之年",
# "2018年以来"). No "^": it is used with .match(s, pos), which anchors at pos (a "^" would
# not match there unless pos is 0).
_FIRST_YEAR = re.compile(rf"\s*({_YEAR}|{ARABIC_YEAR})\s*(年度|年)(以来)?\s*(?:[,，是]|[里内中][,，])")
# the sentence that announces the report: "现将2022年…情况报告如下", "…总结2025年度…,现报告如下",
# "…情况报告予以公开", "现对2023年所做工作总结如下"
# "…情况总结和2025年工作计划如下": the account before the plan it announces with it
_REPORT_AS = re.compile(r"(?:报告|汇报|总结)(?:如下|予以公开)|"
                        r"总结(?=(?:和|及|与|暨)[^。\n]{0,40}?(?:计划|打算|安排|思路)如下)")
_REPORT_AS_LEAD = re.compile(r"现将|现就|现把|现对|总结")
# the summarised year of a meeting or a review: "总结了2018年全县法治政府建设工作"
_SUMMED = re.compile(rf"总结(?:了)?\s*({_YEAR}|{ARABIC_YEAR})\s*年度?[^。\n]{{0,24}}?(?:工作|情况)")
# a year followed by a plan word is the year planned, not the year reported
_PLANNED = re.compile(r"^\s*年?度?[^。，,;；\n]{0,10}?(?:计划|打算|安排|思路|重点|要点|目标|任务)")
# a year that lost its 年 before 以来 at the head of the opening ("2024以来,在县委…")
_BARE_SINCE = re.compile(rf"\s*({ARABIC_YEAR})(?=以来\s*[,，])")
# an opening that names the year only as 今年 ("今年以来,我局…", a report posted before the
# year ended): the year of the page's post date, when the page shows one
_THIS_YEAR = re.compile(r"\s*(今年)(以来)?\s*(?:[,，是]|[里内中][,，])")
_LEAD_BY_OPEN = re.compile(r"\s*在[^，,。；;\n]{0,40}?(?:领导|指导|关心|支持|帮助)下\s*[,，]")
_GLUED_OPENING = re.compile(rf"(?:报告|情况|总结)(?=\s*{ARABIC_YEAR}\s*年度?\s*[,，])")
TITLE_GLUE_CHARS = 200     # how far into a flattened first line its title may end
OPENING_LINES = 6          # prose lines at the top searched for the opening sentence
OPENING_SENTENCES = 3      # sentences of each such line


_MONTH_NEXT = re.compile(rf"\s*{_NUM12}\s*月")     # "2024年01月08日": a date, not a year heading


def _heading_year(c: _Ctx, body_start: int) -> tuple[int, int, int] | None:
    heads: list[tuple[int, int]] = []
    if c.report.sections:
        # numbered headings only: an unnumbered line the sectioning kept (a source and date
        # line "某县人民政府 2024年01月08日", a subtitle) is not a heading of the work
        heads = [(s.heading_start or s.start, s.heading_end or s.start + len(s.heading))
                 for s in c.report.sections if s.number]
    else:
        for ln in c.lines:
            if ln.start >= body_start and re.match(rf"^[{ONE_TO_TEN}]+\s*[、.]", ln.s):
                heads.append((ln.start, min(ln.end, ln.start + 60)))
    for a, b in heads:
        h = c.norm[a:b]
        if _PLAN_HEAD.search(h):
            continue
        # "一、2021年以来…" opens a review of several years, not the reported one
        ys = [y for y in _years(h, a) if not c.norm.startswith("以来", y[2])
              and not _MONTH_NEXT.match(c.norm, y[2])]
        if ys:
            return ys[0]
    return None

# the year of the work a story is about: 2020年度法治政府建设情况, or the year of the duty an
# official's 述法 reviews (围绕2023年履行推进法治建设第一责任人职责情况) — not a plan's
# 2018年…工作要点, nor the year of an appraisal
# …or the year of the 述法 a meeting reviews (2023年度党政主要负责人专题述法评议会议)
# (a year's work assessed, 2022年度全区法治政府建设考核: that year, the one the story is about)
_NEWS_YEAR = re.compile(rf"({ARABIC_YEAR})\s*年度?(?:全[省市县区])?(?:(?:法治政府建设|依法行政)(?:工作)?"
                        r"(?:情况|年度报告|成效|考核|考评|评估)"
                        r"|履行推进法治建设第一责任人|(?:党政主要负责人|领导干部)?(?:专题|现场|年终)?述法)")
_NEWS_YEAR_CHARS = 800

def _opening_year(c: _Ctx) -> tuple[int, int, int, bool] | None:
    """(year, start, end, since) of the first of the opening sentences that starts with a
    year: the first sentences of the first prose lines of the text. A preface line, an
    addressee, chrome or a first heading before the opening are skipped; but a preamble that
    names years without opening with one (a plan's background, "制定了《2023年…要点》") ends
    the search at the first numbered heading."""
    seen = 0
    dated = False           # a prose line of the preamble names a year
    for ln in c.lines:
        if ln.start > TOP_CHARS * 2 or seen >= OPENING_LINES:
            break
        if _HEADING.match(ln.s) and dated:
            break           # a preamble naming years without opening with one: not the report's opening
        if len(ln.s) < 20 or not re.search(r"[。，,；;]", ln.s) or _HEADING.match(ln.s):
            continue
        seen += 1
        dated = dated or bool(_years(ln.s))
        # sentence starts: after 。！？, or after a space (a page flattened into one line keeps
        # its paragraph breaks only as spaces)
        starts = [0] + [m.end() for m in re.finditer(r"[。！？!?]|(?<=\S)\s+(?=\S)", ln.s)][:OPENING_SENTENCES - 1]
        # a page flattened into one line glues the opening to its title ("…情况的报告2023年,
        # 省政府坚持…"): the opening starts right after the title's last word
        starts += [m.end() for m in _GLUED_OPENING.finditer(ln.s, 0, TITLE_GLUE_CHARS)]
        for k in starts:
            lead = _LEAD_BY_OPEN.match(ln.s, k)       # "在市委的坚强领导下,2022年,…"
            if lead:
                k = lead.end()
            m = _FIRST_YEAR.match(ln.s, k)
            if not m and (bare := _BARE_SINCE.match(ln.s, k)):
                # "2024以来," with its 年 dropped: weak like "YYYY年以来"
                return int(bare.group(1)), ln.start + bare.start(1), ln.start + bare.end(1), True
            if not m:
                t = _THIS_YEAR.match(ln.s, k)
                if t and c.meta.publish_date:
                    # weak like "YYYY年以来": it yields to a title naming another year
                    return int(c.meta.publish_date[:4]), ln.start + t.start(1), ln.start + t.end(1), True
                continue
            y = cn_number(m.group(1))
            if y and YEAR_MIN <= y <= YEAR_MAX:
                return y, ln.start + m.start(1), ln.start + m.end(2), bool(m.group(3))
    return None


def _announced_year(c: _Ctx, body_start: int) -> tuple[int, int, int] | None:
    """The year of the sentence announcing the report ("现将2022年…报告如下"), else the year
    a review sums up ("总结了2018年…工作"); years of a plan ("2023年工作计划") are skipped."""
    region_end = min(len(c.norm), body_start + 6000)
    m = _REPORT_AS.search(c.norm, body_start, region_end)
    if m:
        a = max(c.norm.rfind("。", body_start, m.start()), c.norm.rfind("\n", body_start, m.start())) + 1
        a = max(a, body_start)
        sent = c.norm[a:m.start()]
        ys = [y for y in _years(sent, a) if not _PLANNED.match(c.norm, y[2] - 1)]
        lead = _REPORT_AS_LEAD.search(sent)
        if lead:
            after = [y for y in ys if y[1] >= a + lead.end()]
            if after:
                return after[0]
        if ys:
            return ys[-1]
    m = _SUMMED.search(c.norm, body_start, region_end)
    if m:
        y = cn_number(m.group(1))
        if y and YEAR_MIN <= y <= YEAR_MAX:
            return y, m.start(1), m.end(1) + 1
    return None


_BROKEN_TITLE_YEAR = re.compile(rf"关于\s*{_YEAR}\s*年度?$")


_ISSUING = re.compile(r"印发\s*的?通知\s*$")


def _plan_title(title: str) -> bool:
    """A title naming a plan (工作要点, 实施方案 … from catalog/kinds.yaml), not a report on work."""
    t = _BOOK.sub("", title)
    quoted = _BOOK.search(title)
    if quoted and (not _TITLE_WORD.search(t) or _ISSUING.search(t)):
        # a title that only quotes a document, perhaps after its number ("京政办发〔2016〕26号
        # 《…关于印发〈…工作要点〉的通知》"), or a notice issuing it ("关于印发《…方案》的通知"):
        # the quoted document's title
        return plan_title(quoted.group(0)[1:-1])
    return plan_title(title)


_THIS_YEAR_NAMED = re.compile(rf"({ARABIC_YEAR})\s*年初?[^。；;\n]{{0,30}}?本年度")


def _this_year_named(c: _Ctx, body_start: int) -> tuple[int, int, int] | None:
    """A sentence that names the year and calls it 本年度 ("2020年初制定了本年度法治政府建设
    工作要点"): the page's own year, when nothing else states it."""
    for m in _THIS_YEAR_NAMED.finditer(c.norm, body_start, min(len(c.norm), body_start + 6000)):
        before = c.norm[max(0, m.start() - 80):m.start()]
        if before.rfind("《") > before.rfind("》"):
            continue                    # inside a cited title
        return int(m.group(1)), m.start(1), m.end(1) + 1
    return None


def _interpreted_report_year(c: _Ctx, title_span) -> tuple[int, int, int] | None:
    """The year in the cited title of an interpretation of a report on rule-of-law work
    ("【解读】《某区人民政府关于2024年法治政府建设情况的报告》文件解读"): the year it reports.
    Not for an interpretation of a plan (《…工作要点》解读) or of another kind of report."""
    k = catalog.load("kinds")
    a, b = title_span
    t = c.norm[a:b]
    if not _any(_BOOK.sub("", t), k["interpretation"]["title"]):
        return None
    rp = k["report"]
    for m in _BOOK.finditer(t):
        inner = m.group(0)[1:-1]
        if _plan_title(inner) or not (_any_rx(inner, rp["title_patterns"]) and _any(inner, rp["title_report"])):
            continue
        ys = _years(inner, a + m.start() + 1)
        if ys:
            return ys[0]
    return None


# a count of years as the span a title accounts for: 五年, 近五年, 三年来 (not the 三 of 二〇二三年)
_YEARS_COUNT = re.compile(rf"(?<![\d〇○零{ONE_TO_TEN}])(?:近|过去)?[两三四五六七八九十]年(?:来|以来)?"
                          r"(?=[^《》]{0,6}?(?:法治|依法))")
_RANGE_OF_WORK = re.compile(rf"{YEAR_RANGE.pattern}\s*度?\s*(?:[^《》\d]{{0,6}}?)(?:法治|依法)")


def period_title(title: str) -> bool:
    """A title (outside its cited 《documents》) naming a span of several years as the work it
    accounts for: a range (2015-2020年度法治政府建设) with no single year besides, or a count of
    years (区五年法治政府建设, 近三年来依法行政)."""
    t = _BOOK.sub("", title)
    if _YEARS_COUNT.search(t):
        return True
    return bool(_RANGE_OF_WORK.search(t)) and not _years(t)


# (the year of its end may be left out: "2021年1月1日至12月31日")
_FULL_YEAR = re.compile(rf"({ARABIC_YEAR})\s*年\s*0?1\s*月\s*0?1\s*日\s*起?\s*(?:至|到|[-—–~～])\s*"
                        r"(?:\1\s*年\s*)?12\s*月\s*31\s*日")


# the sentence publishing the page's own report: "现公布X区住房保障中心2022年政府信息公开工作年度报告"
_PUBLISHED_AS = re.compile(rf"(?:现|特)(?:向社会)?公布[^。《》\n]{{0,30}}?({ARABIC_YEAR})\s*年度?[^。《》\n]{{0,24}}?报告")


def _published_year(c: _Ctx, body_start: int) -> tuple[int, int, int] | None:
    """The year of the report the opening says it publishes, when nothing else states it."""
    m = _PUBLISHED_AS.search(c.norm, body_start, min(len(c.norm), body_start + 1500))
    if not m:
        return None
    return int(m.group(1)), m.start(1), m.end(1) + 1


# the superior's notice the report answers, cited at its head (根据《…关于做好2024年度法治政府建设情况
# 报告工作的通知》，现将…): it asks for the report of that year
_REQUESTED = re.compile(rf"《[^》\n]{{0,40}}?关于做好\s*({ARABIC_YEAR})\s*年度?\s*法治(?:政府)?建设[^》\n]{{0,12}}?报告"
                        r"[^》\n]{0,12}?通知》")
_REQUESTED_CHARS = 600


def _requested_year(c: _Ctx, body_start: int) -> tuple[int, int, int] | None:
    """The year of the report a cited notice asks for, near the top, when nothing else states it."""
    m = _REQUESTED.search(c.norm, 0, min(len(c.norm), body_start + _REQUESTED_CHARS))
    if not m:
        return None
    return int(m.group(1)), m.start(1), m.end(1) + 1


def _full_year_period(c: _Ctx) -> tuple[int, int, int] | None:
    """A period that is one whole calendar year ("统计期限自2017年1月1日起至2017年12月31日止"):
    the year the page accounts for, when nothing else states it."""
    m = _FULL_YEAR.search(c.norm, 0, min(len(c.norm), 6000))
    if not m:
        return None
    return int(m.group(1)), m.start(1), m.end(1) + 1


def _report_year(c: _Ctx, title_norm: str, title_span) -> None:
    meta = c.meta
    title_year = None
    if title_norm:
        ys = _years(title_norm, title_span[0] if title_span else 0)
        if ys:
            title_year = ys[0]
            if title_span:
                c.ev("title_year", ys[0][1], ys[0][2])
            c.report.hints.title_year = ys[0][0]
    if title_year is None and title_span:
        # a title broken right after its year: "某市人民政府办公室关于2015年度" / "…考评结果的通报"
        prev = [ln for ln in c.lines if ln.end <= title_span[0]][-1:]
        if prev and _BROKEN_TITLE_YEAR.search(prev[0].s) \
                and "\n" not in c.norm[prev[0].end:title_span[0]].replace("\n", "", 1):
            ys = _years(prev[0].s, prev[0].start)
            if ys:
                title_year = ys[-1]
    if title_year is None and title_span:
        title_year = _interpreted_report_year(c, title_span)
    if title_norm and _plan_title(title_norm):
        # "2022年法治政府建设工作要点", "关于印发…2020年度…工作安排的通知": a plan reports no
        # work; the years of its title and opening ("2020年是…收官之年") are the years planned
        return
    if title_norm and title_year is None and _SPEECH_TITLE.search(title_norm):
        # "在全县法治政府建设推进会议上的讲话": a speech recalls past years (2015年,…印发《纲要》)
        # and reports none unless its title names one
        return
    if title_norm and period_title(title_norm):
        # "关于2015-2020年度法治政府建设情况的报告", "区五年法治政府建设工作情况报告": an account of
        # several years reports no one year (the years of its opening are those of the period)
        return
    body_start = c.body_start if c.body_start is not None else 0
    head_year = _heading_year(c, body_start)
    first_year = None
    opening = _opening_year(c)
    # "2021年以来" may open a review of several years (a 2025 report looking back over the
    # 纲要's five years): it yields to a year in the title
    if opening and not (opening[3] and title_year and opening[0] != title_year[0]):
        first_year = opening[:3]
    # the announcing sentence may be a short line before the first long one ("按照工作要求,
    # 现将2024年…情况报告如下。"): searched from the end of the title, not from the body
    as_year = _announced_year(c, title_span[1] if title_span else 0)

    if head_year and title_year and head_year[0] == title_year[0] + 1:
        head_year = None   # a heading for the year after the title's is the next-year plan, not the reported year
    # the title and the opening (or the announcing sentence) agree: a heading naming another
    # year is a leftover of last year's text
    stated = [y for y in (title_year, first_year, as_year) if y]
    agreed = next((y for y in stated if sum(1 for z in stated if z[0] == y[0]) >= 2), None)
    chosen = None
    if agreed and agreed is not title_year:
        chosen = agreed
    elif agreed:
        chosen = next(y for y in stated if y is not title_year and y[0] == agreed[0])
    elif head_year:
        chosen = head_year
    elif as_year:
        chosen = as_year
    elif first_year:
        chosen = first_year
    if chosen is None:
        if title_year is not None and _MASKED_YEAR.search(c.norm, body_start, body_start + _MASKED_YEAR_CHARS):
            return     # a template's body blanks its year (20__年，…): the title's year is the site's, body over title
        chosen = title_year
    if chosen is None:
        chosen = _this_year_named(c, body_start)
    if chosen is None:
        chosen = _full_year_period(c)
    if chosen is None:
        chosen = _published_year(c, body_start)
    if chosen is None:
        chosen = _requested_year(c, body_start)
    if chosen is None:
        return
    meta.report_year = chosen[0]
    if title_span or chosen is not title_year:
        c.ev("report_year", chosen[1], chosen[2])


# a year blanked for the reader to fill in (20__年, 20XX年, 20××年)
_MASKED_YEAR = re.compile(r"(?:19|20)(?:_{1,4}|[xX×＿]{2}|\*{2})\s*年")
_MASKED_YEAR_CHARS = 600


# a year opening a sentence of the work told ("2022年我镇新制发…", "。2022年青禾镇组织开展…")
_TOLD_YEAR = re.compile(rf"(?:^|(?<=[。;!?\n]))[ \t]*({ARABIC_YEAR})\s*年(?!度?\s*(?:以来|起|底|前|后|至|-|—|~|计划|工作要点))")
TOLD_YEAR_CHARS = 3000     # how far the sentences of a cut report are read
TOLD_YEAR_MIN = 2          # sentences that must open with that year


def told_year(c: _Ctx) -> tuple[int, int, int] | None:
    """The year of a report whose title and opening were cut (the page starts at "一、主要举措
    和成效"): the one year that opens the sentences of the work told, at least twice; None when
    another year opens a sentence too, or the year is followed by a plan word."""
    found: dict[int, list[tuple[int, int]]] = {}
    for m in _TOLD_YEAR.finditer(c.norm, 0, min(len(c.norm), TOLD_YEAR_CHARS)):
        if _PLANNED.match(c.norm[m.end():m.end() + 30]):     # (its ^ anchors at a slice's start)
            continue
        found.setdefault(int(m.group(1)), []).append(m.span(1))
    if len(found) != 1:
        return None
    (year, spans), = found.items()
    if len(spans) < TOLD_YEAR_MIN:
        return None
    return year, spans[0][0], spans[0][1]
