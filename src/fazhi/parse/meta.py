"""Component "meta": title, place (jurisdiction, parent, province, level, adcode,
department), report year, signature date, publication date, issuers and document kind.

Everything is searched in `report.norm` (half-width, simplified; same offsets as
`report.text`). Values read from the text get an evidence span in `meta.evidence`.
Unknown stays None: a place the text does not settle, a year nothing states.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from ..config import Config
from ..model import Report
from ..pipeline import component
from ..zh.masks import is_masked
from ..zh.numerals import cn_number  # noqa: F401 - re-exported (tests, callers)
from ..zh.dates import POST_TIME_WORD
from ..zh.years import ARABIC_YEAR, CN_YEAR, YEAR_RANGE
from .. import catalog
from .kind import any_pattern as _any_rx, any_word as _any, classify as classify_kind, plan_title
from .places import Place, gazetteer, level_from_suffix, level_of
from .reporter import plausible_place

CJK = "\u4e00-\u9fff"
TOP_LINES = 30            # the title block is within the first lines
TOP_CHARS = 3000
TAIL_LINES = 30           # the signature block is within the last lines

# -- dates -------------------------------------------------------------------
_YEAR = r"(?:\d{4}|[〇○零O一二三四五六七八九]{4})"
_NUM12 = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_CN = re.compile(rf"({_YEAR})\s*年\s*({_NUM12})\s*月\s*({_NUM12})\s*[日号]")
DATE_ISO = re.compile(r"(?<!\d)(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)")
YEAR_RX = re.compile(rf"(?<!\d)({ARABIC_YEAR}|{CN_YEAR})\s*年")
_RANGE = YEAR_RANGE
_BOOK = re.compile(r"《[^》\n]{0,80}》")


def _ymd(y: str, m: str, d: str) -> str | None:
    yy, mm, dd = cn_number(y), cn_number(m), cn_number(d)
    if yy is None or mm is None or dd is None:
        return None
    if not (1949 <= yy <= 2100 and 1 <= mm <= 12 and 1 <= dd <= 31):
        return None
    return f"{yy:04d}-{mm:02d}-{dd:02d}"


# -- lines -------------------------------------------------------------------
@dataclass
class Line:
    start: int      # stripped span in text
    end: int
    s: str          # stripped norm content


def _lines(norm: str) -> list[Line]:
    out = []
    for m in re.finditer(r"[^\n]+", norm):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        st = raw.strip()
        if st:
            out.append(Line(m.start() + lead, m.start() + lead + len(st), st))
    return out


_BREADCRUMB = re.compile(r"[>›»]|首页|当前位置|您的位置|您现在的位置|位置\s*:|^位置")
_BANNER = re.compile(r"今天是|星期[一二三四五六日天]|欢迎(您|访问|光临|来到)|登录|注册|ICP|无障碍|"
                     r"字体|【\s*大\s*[】\s]|纠错|打印|分享到|收藏|浏览次数|点击[:数量]|阅读[:数量]|来源\s*:|发布时间|"
                     r"网站地图|联系我们|版权所有|主办单位|承办单位|小编|推荐访问|猜你喜欢|投稿")
_TITLE_WORD = re.compile(r"(报告|情况|总结|方案|要点|计划|解读|一图读懂|图解|规划|意见|通知|通报|"
                         r"公告|纪实|综述|回眸|答记者问|指标体系|清单)")
_TITLE_END = re.compile(r"(报告|情况|总结|方案|要点|计划|解读|规划|意见|通知|通报|公告|纪实|综述|思路|打算|汇报|"
                        r"答记者问|指标体系|清单|一图读懂[^\n]{0,30})\s*(\([^()]{1,20}\))?[》〉]?$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\(\s*[一二三四五六七八九十]+\s*\)|"
                      r"第[一二三四五六七八九十]+部分)")
_SITE_LABEL = re.compile(r"专栏|专题|栏目|网站|门户|频道|平台")
_SALUTATION = re.compile(rf"^[{CJK}、，,() ]{{2,60}}[:：]$")


def _is_date_line(s: str) -> bool:
    t = DATE_CN.sub("", s)
    t = DATE_ISO.sub("", t)
    t = re.sub(r"\d{1,2}:\d{2}(:\d{2})?", "", t)
    return len(t.strip(" ()（）")) <= 2 and t != s


def _title_ish(line: Line) -> bool:
    s = line.s
    if not (4 <= len(s) <= 90):
        return False
    if _BREADCRUMB.search(s) or _BANNER.search(s):
        return False
    if s[-1] in "。;；:：,，" or _is_date_line(s) or _HEADING.match(s):
        return False
    if re.search(r"[。;,]", s.replace("(", "").replace(")", "")):   # a sentence, not a title
        return False
    return bool(_TITLE_WORD.search(s)) or "法治" in s


# -- places ------------------------------------------------------------------
_PLACE_SUFFIX = r"(?:省|自治区|自治州|市|州|盟|地区|自治县|县|自治旗|旗|新区|区|镇|乡|街道|苏木)"
# a place written at the start of an organ name / title, when the gazetteer does not know it
_PLACE_FALLBACK = re.compile(rf"([{CJK}]{{1,10}}?{_PLACE_SUFFIX})(?=人民政府|政府|委员会|党委|"
                             rf"\d|[〇○一二]{{4}}年|关于|法治|依法|[{CJK}]{{1,12}}(?:局|厅|委|办))")
_TOWNSHIP = re.compile(rf"([{CJK}]{{1,8}}?(?:镇|乡|街道|苏木))(?=人民政|政府|党委|党工委|委员会|办事处|\d|[〇○一二]{{4}}年|关于|法治|依法)")
_SUBJECT_VERB = r"(?:坚持|深入|认真|紧紧|始终|全面|持续|围绕|聚焦|扎实|积极|牢固|紧扣|以|在)"
_TOWNSHIP_SUBJECT = re.compile(rf"([{CJK}]{{2,6}}?(?:镇|乡|街道|苏木))(?:(?:党委|党工委)[、和]?)?(?:人民政府|政府|办事处)?"
                               rf"[\s,，]*{_SUBJECT_VERB}")
_DEPT = re.compile(rf"^([{CJK}()（）]{{2,24}}?(?:局|厅|委员会|办公室|中心|支队|大队|管理处|院|署|所|站))"
                   rf"(?=\d|[〇○一二]{{4}}年|关于|法治|依法|年度|$|\s)")
_NOT_DEPT = re.compile(r"^(人民政府|政府|中共|党委|委员会$|全面依法治|依法治)")
_ORG_END = re.compile(r"(人民政府|政府|委员会|党委|委|局|厅|办公室|办事处|管委会|办|中心|院|署|支队|大队|党组|管理处|所|站|部)$")
_WE = re.compile(r"(?:我|全|本)(省|区|市|州|县|旗|盟|镇|乡)")
_LEAD_BY = re.compile(r"在[^，,。；;]{0,40}?(?:领导|指导|关心|支持|帮助)下")
_PARENT_CUE = [("自治州", re.compile(r"州委|州政府|州人民政府")), ("盟", re.compile(r"盟委|盟行政公署|盟行署")),
               ("地区", re.compile(r"地委|行署|行政公署")), ("市", re.compile(r"市委|市政府|市人民政府"))]


def _masked(s: str) -> bool:
    return is_masked(s)


class _Ctx:
    def __init__(self, report: Report):
        self.report = report
        self.text = report.text
        self.norm = report.norm
        self.lines = _lines(report.norm)
        self.meta = report.meta
        self.gaz = None
        self.body_start: int | None = None
        self.title_organ: Line | None = None     # an organ line joined to the title

    def g(self):
        if self.gaz is None:
            self.gaz = gazetteer()
        return self.gaz

    def places(self) -> list[tuple[int, int, str]]:
        """g().find(norm) of the whole text, computed once per report (several steps use it)."""
        if getattr(self, "_places", None) is None:
            self._places = self.g().find(self.norm)
        return self._places

    def ev(self, field: str, start: int, end: int) -> None:
        self.meta.evidence[field] = (start, end)


# -- title -------------------------------------------------------------------
# a catalogue field of the page header ('标 题: …' is the title; '主题分类: …' never is)
_BULLET = r"^[\s\-–•·*|｜]*"     # a bullet, or the cell border of a metadata table row
_TITLE_FIELD = re.compile(_BULLET + r"(?:标\s*题|题\s*名|文章标题|题)\s*[:：]\s*")
_CATALOGUE_FIELD = re.compile(_BULLET + r"(?:主题分类|分\s*类|索\s*引\s*号|发布机构|制发机构|发文机关|发文字号|文\s*号|"
                              r"成文日期|成文时间|发文时间|发布日期|效力状态|有\s*效\s*性|体裁分类|组配分类|"
                              r"公开方式|公开范围|内容概述|关\s*键\s*词)\s*[:：]")


def _find_title(c: _Ctx) -> tuple[str, int, int] | None:
    lines = c.lines[:TOP_LINES]
    for ln in lines:
        if ln.start > TOP_CHARS:
            break
        m = _TITLE_FIELD.match(ln.s)
        if m:
            cell = re.match(r"[\s|｜]*([^|｜]*?)\s*(?:[|｜]|$)", ln.s[m.end():])   # one table cell
            assert cell is not None
            value = cell.group(1)
            a = ln.start + m.end() + cell.start(1)
            b = a + len(value)
            if _title_ish(Line(a, b, value)):
                return re.sub(r"\s*\n\s*", "", c.text[a:b]), a, b
    for i, ln in enumerate(lines):
        if ln.start > TOP_CHARS:
            break
        if _CATALOGUE_FIELD.match(ln.s):
            continue
        if len(ln.s) > 60 and ln.s[-1] in "。" :
            break                       # the body has started
        cut = _SITE_SUFFIX.search(ln.s) or _TAIL_WIDGET.search(ln.s)
        if cut and _TITLE_WORD.search(ln.s, 0, cut.start()):
            ln = Line(ln.start, ln.start + cut.start(), ln.s[:cut.start()])
        if not _title_ish(ln) or (_SITE_LABEL.search(ln.s) and not _TITLE_END.search(ln.s)):
            continue
        start, end, s = ln.start, ln.end, ln.s
        j = i
        # a title broken over two or three lines
        while not _TITLE_END.search(s) and j + 1 < len(lines) and j - i < 2:
            nxt = lines[j + 1]
            if len(nxt.s) > 40 or nxt.s[-1] in "。;；:：,，" or _BANNER.search(nxt.s) or _HEADING.match(nxt.s):
                break
            s = s + nxt.s
            end = nxt.end
            j += 1
        if not _TITLE_END.search(s) and not _TITLE_END.search(ln.s):
            # a line of the top block that is not a title by itself (e.g. an issuer)
            if "法治" not in ln.s or not 8 <= len(ln.s) <= 32 or i > 5 or _SITE_LABEL.search(ln.s):
                continue
            s, end = ln.s, ln.end
        elif not _TITLE_END.search(s):
            s, end = ln.s, ln.end
        # the subject of the title on the line above ("绵阳市市场监督管理局" / "2023年法治政府…")
        prev = _title_subject(c, lines, i)
        if prev is not None:
            start = prev.start
            if _ORG_END.search(prev.s):
                c.title_organ = prev
        title = re.sub(r"\s*\n\s*", "", c.text[start:end])
        return title, start, end
    return None


_YEAR_HEAD = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年|^年度")
_YEAR_TAIL = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?$")
_ORG_ALT = _ORG_END.pattern.rstrip("$")
_SUBJECT_LINE = re.compile(rf"^[{CJK}()（）]{{2,30}}?(?:{_ORG_ALT}|{_PLACE_SUFFIX})"
                           rf"(?:(?:\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年度?)?$")


def _title_subject(c: _Ctx, lines: list[Line], i: int) -> Line | None:
    """The line right above title line `i` when it is the title's subject broken off: one organ
    or place name (optionally with the year), no blank line between, and the title line
    starts with the year (or the subject line ends with it). A title starting with 关于 is
    complete; the organs above it are the header issuers."""
    if i == 0:
        return None
    prev, ln = lines[i - 1], lines[i]
    if "\n" in c.norm[prev.end:ln.start].replace("\n", "", 1):
        return None                     # a blank line between: a header, not a broken title
    if not _SUBJECT_LINE.match(prev.s) or prev.s.endswith("文件"):
        return None
    if not (_YEAR_HEAD.match(ln.s) or _YEAR_TAIL.search(prev.s)):
        return None
    return prev


_SITE_SUFFIX = re.compile(r"\s*[_|｜]\s*|\s+[-—]{1,2}\s+")
# a page widget written after the title on its line ('…年度报告 二维码', '…报告 分享到')
_TAIL_WIDGET = re.compile(r"\s+(?:二维码|扫一扫|分享到?|打印本页|打印|收藏)\s*$")


def _hint_title(hint: str) -> str:
    # page titles often carry the site name: "标题_XX县人民政府" / "标题 - 网站"
    return _SITE_SUFFIX.split(hint.strip())[0].strip() or hint.strip()


# -- dates and signature -------------------------------------------------------
def _signature(c: _Ctx) -> tuple[Line | None, str | None, list[Line]]:
    """(date line, date, issuer lines) of the closing signature block."""
    n = len(c.lines)
    tail = c.lines[max(0, n - TAIL_LINES):]
    min_start = int(len(c.norm) * 0.5)
    date_idx = None
    date = None
    for k in range(len(tail) - 1, -1, -1):
        ln = tail[k]
        if ln.start < min_start:
            break
        m = DATE_CN.search(ln.s)
        if not m:
            continue
        before = ln.s[:m.start()].strip()
        after = ln.s[m.end():].strip(" ()（）")
        if after or (before and not _ORG_END.search(before)):
            continue
        d = _ymd(*m.groups())
        if d:
            date_idx, date = k, d
            break
    issuers: list[Line] = []
    if date_idx is not None:
        dl = tail[date_idx]
        m = DATE_CN.search(dl.s)
        assert m is not None     # the date line was found by this pattern above
        before = dl.s[:m.start()].rstrip()
        if before:
            issuers.extend(_split_orgs(c, Line(dl.start, dl.start + len(before), before)))
        k = date_idx - 1
        block: list[Line] = []
        while k >= 0 and date_idx - k <= 4:
            ln = tail[k]
            orgs = _split_orgs(c, ln)
            if not orgs:
                break
            block = orgs + block
            k -= 1
        issuers = block + issuers
        return dl, date, issuers
    # no dated signature: org lines closing the text
    block = []
    for ln in reversed(tail[-3:]):
        orgs = _split_orgs(c, ln)
        if not orgs or ln.start < min_start:
            break
        block = orgs + block
    return None, None, block


def _split_orgs(c: _Ctx, ln: Line) -> list[Line]:
    s = ln.s
    if len(s) > 60 or re.search(r"[。，,；;:：!！?？、]", s):
        return []
    out = []
    for m in re.finditer(r"\S+", s):
        part = m.group()
        if len(part) < 3 or not _ORG_END.search(part) or _BANNER.search(part):
            return []
        out.append(Line(ln.start + m.start(), ln.start + m.end(), part))
    return out


def _header_issuers(c: _Ctx, title_start: int) -> list[Line]:
    """Organs printed on the line right above the title (中共X县委　X县人民政府)."""
    prev = [ln for ln in c.lines if ln.end <= title_start][-1:]
    if not prev or not re.search(r"(人民政府|委)$", prev[0].s):
        return []
    return _split_orgs(c, prev[0])


_POST_CUE = re.compile(rf"(发布|更新|发表|{POST_TIME_WORD})")


def _publish_date(c: _Ctx, title_end: int | None, sig_line: Line | None) -> tuple[str, int, int] | None:
    start_i = 0
    if title_end is not None:
        start_i = next((i for i, ln in enumerate(c.lines) if ln.start >= title_end), len(c.lines))
    for ln in c.lines[start_i:start_i + 6]:
        if ln.start > TOP_CHARS or (len(ln.s) > 60 and ln.s.endswith("。")):
            break
        if re.search(r"今天是|星期|今日", ln.s) or (sig_line and ln.start == sig_line.start):
            continue
        m = DATE_ISO.search(ln.s)
        # a post-date cue; 发文日期/成文日期/施行日期 are the document's own dates, not its posting
        cue = _POST_CUE.search(ln.s)
        if not m:
            m2 = DATE_CN.search(ln.s)
            if m2 and cue:
                d = _ymd(*m2.groups())
                if d:
                    return d, ln.start + m2.start(), ln.start + m2.end()
            continue
        if m.start() > 0 and not cue:
            continue
        if cue and m.start() < cue.start():
            # "成文日期 2025-06-13 发布日期 2025-06-30": the date after the cue
            m = DATE_ISO.search(ln.s, cue.end()) or m
        d = _ymd(*m.groups())
        if d:
            return d, ln.start + m.start(), ln.start + m.end()
    return None


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
        if y and 1990 <= y <= 2100:
            out.append((y, offset + m.start(), offset + m.end()))
    return out


_PLAN_HEAD = re.compile(r"(计划|打算|思路|安排|下一步|展望|目标|要点|重点工作|工作重点|重点任务|主要任务|工作部署|谋划|意见建议|建议)")
# a sentence that opens with the year of the work ("2019年,在…领导下", "2020年是…收官之年",
# "2018年以来"). No "^": it is used with .match(s, pos), which anchors at pos (a "^" would
# not match there unless pos is 0).
_FIRST_YEAR = re.compile(rf"\s*({_YEAR}|(?:19|20)\d{{2}})\s*(年度|年)(以来)?\s*(?:[,，是]|[里内中][,，])")
# the sentence that announces the report: "现将2022年…情况报告如下", "…总结2025年度…,现报告如下",
# "…情况报告予以公开", "现对2023年所做工作总结如下"
_REPORT_AS = re.compile(r"(?:报告|汇报|总结)(?:如下|予以公开)")
_REPORT_AS_LEAD = re.compile(r"现将|现就|现把|现对|总结")
# the summarised year of a meeting or a review: "总结了2018年全县法治政府建设工作"
_SUMMED = re.compile(rf"总结(?:了)?\s*({_YEAR}|(?:19|20)\d{{2}})\s*年度?[^。\n]{{0,24}}?(?:工作|情况)")
# a year followed by a plan word is the year planned, not the year reported
_PLANNED = re.compile(r"^\s*年?度?[^。，,;；\n]{0,10}?(?:计划|打算|安排|思路|重点|要点|目标|任务)")
# an opening that names the year only as 今年 ("今年以来,我局…", a report posted before the
# year ended): the year of the page's post date, when the page shows one
_THIS_YEAR = re.compile(r"\s*(今年)(以来)?\s*(?:[,，是]|[里内中][,，])")
_LEAD_BY_OPEN = re.compile(r"\s*在[^，,。；;\n]{0,40}?(?:领导|指导|关心|支持|帮助)下\s*[,，]")
_GLUED_OPENING = re.compile(r"(?:报告|情况|总结)(?=\s*(?:19|20)\d{2}\s*年度?\s*[,，])")
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
            if ln.start >= body_start and re.match(r"^[一二三四五六七八九十]+\s*[、.]", ln.s):
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


# -- the component -------------------------------------------------------------
@component("meta")
def extract_meta(report: Report, config: Config) -> None:
    c = _Ctx(report)
    meta = report.meta
    meta.evidence = dict(meta.evidence)
    hints = report.hints

    # title
    found = _find_title(c)
    title_span = None
    if found:
        meta.title, a, b = found
        title_span = (a, b)
        c.ev("title", a, b)
    elif hints.title:
        meta.title = _hint_title(hints.title)
    title_norm = c.norm[title_span[0]:title_span[1]] if title_span else (
        _normalize(meta.title) if meta.title else "")

    # signature: date and issuers
    sig_line, sig_date, issuer_lines = _signature(c)
    if sig_date and sig_line is not None:
        meta.report_date = sig_date
        m = DATE_CN.search(sig_line.s)
        if m:
            c.ev("report_date", sig_line.start + m.start(), sig_line.start + m.end())
    if not issuer_lines and title_span:
        issuer_lines = _header_issuers(c, title_span[0])
        if not issuer_lines and c.title_organ is not None:
            issuer_lines = [c.title_organ]       # the organ that opens the title
    meta.issuers = [c.text[ln.start:ln.end] for ln in issuer_lines]
    if issuer_lines:
        c.ev("issuers", issuer_lines[0].start, issuer_lines[-1].end)

    # publication date
    if hints.publish_date:
        meta.publish_date = hints.publish_date
    else:
        pd = _publish_date(c, title_span[1] if title_span else None, sig_line)
        if pd and pd[0] != meta.report_date:
            meta.publish_date = pd[0]
            c.ev("publish_date", pd[1], pd[2])
    if hints.source_site:
        meta.source_site = hints.source_site
    else:
        m = re.search(rf"来源\s*:\s*([{CJK}A-Za-z0-9()（）]{{2,30}})", c.norm[:TOP_CHARS])
        if m:
            meta.source_site = c.text[m.start(1):m.end(1)]
            c.ev("source_site", m.start(1), m.end(1))

    # body start: the first long line after the title block
    c.body_start = _body_start(c, title_span)

    # addressee (主送机关) between title and body: "X市人民政府:"
    for ln in c.lines[:TOP_LINES]:
        if c.body_start is not None and ln.start >= c.body_start:
            break
        if title_span and ln.start < title_span[1]:
            continue
        if _SALUTATION.match(ln.s) and re.search(r"(人民政府|政府|委|委员会|办公室|局|厅)[:]$", ln.s):
            c.ev("addressee", ln.start, ln.end - 1)
            break

    # year
    _report_year(c, title_norm, title_span)

    # kind
    meta.kind = classify_kind(report, title_norm or None, c.body_start)
    if meta.kind == "article":
        # a research or blue-book chapter on a year is no unit's account of that year's work
        meta.report_year = None
        meta.evidence.pop("report_year", None)
    elif meta.kind == "news" and meta.report_year is None:
        # news about a year's work (调研东坡区2020年度法治政府建设情况): that year, where the
        # story names it
        m = _NEWS_YEAR.search(c.norm, 0, min(len(c.norm), _NEWS_YEAR_CHARS))
        if m:
            meta.report_year = int(m.group(1))
            c.ev("report_year", m.start(1), m.end(1))

    # place
    _place(c, title_norm, title_span, issuer_lines)


# the year of the work a story is about: 2020年度法治政府建设情况 (not a plan's 2018年…工作要点,
# nor the year of an appraisal)
_NEWS_YEAR = re.compile(rf"({ARABIC_YEAR})\s*年度?(?:全[省市县区])?法治政府建设(?:工作)?(?:情况|年度报告|成效)")
_NEWS_YEAR_CHARS = 800


def _normalize(s: str) -> str:
    from ..textnorm import normalize_view
    return normalize_view(s)


def _body_start(c: _Ctx, title_span) -> int | None:
    after = title_span[1] if title_span else 0
    for ln in c.lines:
        if ln.start < after:
            continue
        if ln.start > TOP_CHARS * 2:
            break
        if len(ln.s) >= 40 and re.search(r"[。，,；;]", ln.s) and not _BANNER.search(ln.s[:20]) \
                and not _BREADCRUMB.search(ln.s[:20]):
            return ln.start
    return None


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
            if not m:
                t = _THIS_YEAR.match(ln.s, k)
                if t and c.meta.publish_date:
                    # weak like "YYYY年以来": it yields to a title naming another year
                    return int(c.meta.publish_date[:4]), ln.start + t.start(1), ln.start + t.end(1), True
                continue
            y = cn_number(m.group(1))
            if y and 1990 <= y <= 2100:
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
        if y and 1990 <= y <= 2100:
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


_THIS_YEAR_NAMED = re.compile(r"((?:19|20)\d{2})\s*年初?[^。；;\n]{0,30}?本年度")


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


_FULL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*起?\s*(?:至|到|[-—–~～])\s*"
                        r"\1\s*年\s*12\s*月\s*31\s*日")


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
        chosen = title_year
    if chosen is None:
        chosen = _this_year_named(c, body_start)
    if chosen is None:
        chosen = _full_year_period(c)
    if chosen is None:
        return
    meta.report_year = chosen[0]
    if title_span or chosen is not title_year:
        c.ev("report_year", chosen[1], chosen[2])


# what leads a title before the reporter's name: a column label (【文字解读】), quotes, 关于印发,
# 中共, the year
_TITLE_LEAD = r"(?:\s|【[^】]{0,10}】|[《“\"]|关于|印发|转发|中共|中国共产党)*"
_LEAD_SKIP = re.compile(rf"^{_TITLE_LEAD}(?:(?:19|20)\d{{2}}\s*年度?|[〇○零一二三四五六七八九]{{4}}年度?)?(?:关于)?")


def _place_in(c: _Ctx, s: str, offset: int, year: int | None) -> tuple[str, int, int, Place | None] | None:
    """The reporting place written at the start of an organ name / title (lowest level of
    a leading chain 'X省Y市Z县'), with its span in text."""
    lead = _LEAD_SKIP.match(s)
    skip = lead.end() if lead else 0      # (the pattern matches the empty string)
    if _masked(s[skip:skip + 6]):
        return None
    hits = [h for h in c.g().find(s, free_text=False) if h[0] >= skip]
    chain: list[tuple[int, int, str]] = []
    pos = skip
    for st, en, name in hits:
        if st != pos:
            break
        chain.append((st, en, name))
        pos = en
    # township after the chain (or at the start)
    # a township name may follow its organ ("人民政府金龙街道"): the name without the prefix
    org = re.match(rf"人民政府(?=[{CJK}]{{2,8}}?(?:镇|乡|街道|苏木))", s[pos:])
    tpos = pos + org.end() if org else pos
    m = _TOWNSHIP.match(s, tpos)
    if m and not _masked(m.group(1)) and not m.group(1).endswith(("城乡", "乡镇")):
        return m.group(1), offset + m.start(1), offset + m.end(1), None
    if chain:
        st, en, name = chain[-1]
        return name, offset + st, offset + en, None
    # a department of a vertically managed system: 国家税务总局X县税务局
    for st, en, name in hits:
        if st - skip > 8 or not re.fullmatch(rf"[{CJK}]*", s[skip:st]):
            break
        if _department(s, en):
            return name, offset + st, offset + en, None
    m = _PLACE_FALLBACK.match(s, skip)
    if m and not _masked(m.group(1)):
        name = m.group(1)
        if name.endswith(("人民", "县委", "市委")):
            return None
        return name, offset + m.start(1), offset + m.end(1), None
    return None


def _department(s: str, place_end_rel: int) -> tuple[str, int] | None:
    rest = s[place_end_rel:]
    m = _DEPT.match(rest)
    if not m or _NOT_DEPT.match(m.group(1)):
        return None
    dept = m.group(1)
    if re.search(r"(人民政府|政府)$", dept) or re.search(r"依法治", dept):
        return None
    return dept, place_end_rel + m.end(1)


def _place(c: _Ctx, title_norm: str, title_span, issuer_lines: list[Line]) -> None:
    """Who reports: jurisdiction, parent, province, level, adcode, department (parse/reporter.py)."""
    from .reporter import resolve
    resolve(c, title_norm, title_span, issuer_lines)


# -- parent stated in the text ------------------------------------------------------------
_ORG_AFTER = r"(?:委员会|人民政府|政府|党委|委|人大|政协)"
_LEADERSHIP = re.compile(rf"在(?:中共)?([{CJK}]{{2,12}}?(?:市|州|盟|地区|县|旗|区))委")
# suffixes of a place one level above: a township's parent is a county-level unit, a county's
# a city-level unit, a city's a province
_ABOVE = {
    "township": ("县", "旗", "区", "市", "自治县", "自治旗"),
    "county": ("市", "州", "盟", "地区", "自治州"),
    "city": ("省", "自治区"),
}


def _suffix_level(name: str) -> str | None:
    lv = level_from_suffix(name)
    if lv is None and name.endswith("市"):
        return "county_or_city"
    return lv


def _above_ok(jurisdiction: str, parent: str) -> bool:
    if not parent or parent == jurisdiction or _masked(parent) or len(parent) < 2:
        return False
    lv = _suffix_level(jurisdiction)
    if lv == "county_or_city":
        lv = "county"
    allowed = _ABOVE.get(lv or "", ())
    return parent.endswith(allowed)


_TOKEN_END = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|旗|区)$")


@functools.lru_cache(maxsize=4096)
def _chain(prefix: str) -> tuple[str, ...] | None:
    """prefix split into administrative names (广西壮族自治区柳州市 -> (广西壮族自治区, 柳州市)),
    the last name as short as possible; None when prefix is not such a chain."""
    if not prefix:
        return ()
    for i in range(len(prefix) - 2, -1, -1):
        tail = prefix[i:]
        if _TOKEN_END.search(tail) and not _TOKEN_END.fullmatch(tail):
            head = _chain(prefix[:i])
            if head is not None:
                return head + (tail,)
    return None


def _last_token(prefix: str) -> str | None:
    prefix = re.sub(rf"^{_TITLE_LEAD}", "", prefix)
    toks = _chain(prefix) if len(prefix) <= 24 else None
    return toks[-1] if toks and plausible_place(toks[-1], gazetteer()) else None


def _parent_cue(c: _Ctx, name: str, title_norm: str, title_span,
                issuer_lines: list[Line]) -> tuple[str, int, int] | None:
    """The superior place the report itself names (name, start, end in text), or None:
    1. a place written right before the jurisdiction in an issuer or the title
       ("临渊市清河口区人民政府" -> 临渊市);
    2. the addressee above the body ("松台县人民政府：" in a township report);
    3. the leadership phrase of the opening ("在临渊市委、市政府…领导下").
    Only a name whose suffix is one level above the jurisdiction's is accepted."""
    sources = [(ln.s, ln.start) for ln in issuer_lines]
    if title_norm and title_span:
        sources.append((title_norm, title_span[0]))
    for s, off in sources:
        i = s.find(name)
        if i > 0:
            tok = _last_token(s[:i])
            if tok and _above_ok(name, tok):
                j = s.rfind(tok, 0, i)
                return tok, off + j, off + j + len(tok)
    span = c.meta.evidence.get("addressee")
    if span:
        line = c.norm[span[0]:span[1]]
        m = re.match(rf"(?:中共)?([{CJK}]{{2,12}}?(?:市|州|盟|地区|县|旗|区))(?={_ORG_AFTER})", line)
        if m and _above_ok(name, m.group(1)) and plausible_place(m.group(1), c.g()):
            return m.group(1), span[0] + m.start(1), span[0] + m.end(1)
    start = title_span[1] if title_span else (c.body_start or 0)
    head = c.norm[start:start + 600]
    for m in _LEADERSHIP.finditer(head):
        tok = _last_token(m.group(1))
        if tok and _above_ok(name, tok):
            st = start + m.start(1) + m.group(1).rfind(tok)
            return tok, st, st + len(tok)
    return None


def _parent_fits(p: Place, parent: str) -> bool:
    return parent in (p.parent, p.city, p.province) or bool(
        p.city_short and len(p.city_short) >= 2 and parent.startswith(p.city_short))


def _set_parent(c: _Ctx, cue: tuple[str, int, int]) -> None:
    """Parent from the text; its province from the gazetteer when the parent is known there
    and unambiguous, else None."""
    parent, a, b = cue
    c.meta.parent = c.text[a:b] if c.norm[a:b] == parent else parent
    c.ev("parent", a, b)
    place = c.g().resolve(parent, c.meta.report_year, c.norm)
    c.meta.province = place.province if place is not None and place.rank != "province" else (
        place.name if place is not None else None)


def _common_level(c: _Ctx, name: str, year) -> str | None:
    levels = {level_of(p) for p in c.g().lookup(name, year)}
    return levels.pop() if len(levels) == 1 else level_from_suffix(name)


def _township_county(c: _Ctx, at: int) -> Place | None:
    counts = Counter(n for _, _, n in c.places() if c.g().lookup(n)[0].rank == "county")
    for name, _ in counts.most_common(3):
        p = c.g().resolve(name, c.meta.report_year, c.norm)
        if p:
            return p
    return None


# the addressees of a notice (主送机关): 各市(含…)人民政府,各县(市、区)人民政府,省政府各部门:
_ADDRESSEE_LIST = re.compile(r"各[^。\n]{0,200}[:：]\s*(?:\n|$)")


def _first_sentence_place(c: _Ctx) -> tuple[str, int, int] | None:
    if c.body_start is None:
        return None
    start = c.body_start
    m = _ADDRESSEE_LIST.match(c.norm, start)
    if m:
        start = m.end()      # the addressees are not the reporter
    end = c.norm.find("。", start)
    end = end if end != -1 and end - start < 400 else start + 300
    sent = c.norm[start:end]
    # drop "在…领导下" clauses: they name the superior
    masked = _LEAD_BY.sub(lambda m: " " * len(m.group()), sent)
    # and cited documents: 《X省法治政府建设实施方案》 is not the reporter
    masked = _BOOK.sub(lambda m: m.group() if re.search(r"报告》$", m.group()) else " " * len(m.group()), masked)
    best = None
    for st, en, name in c.g().find(masked):
        nxt = masked[en:en + 1]
        if nxt == "委" or _masked(masked[max(0, st - 3):en]):
            continue
        if re.match(rf"(?:人民政府|政府)?\s*{_SUBJECT_VERB}", masked[en:]):
            # the subject of the sentence ('2024年,上海市坚持…支持浦东新区…'), unless a
            # lower place follows right after it (X省Y市坚持 is read as a chain below)
            chain_end = en
            for st2, en2, _ in c.g().find(masked[en:]):
                if st2 == 0:
                    chain_end = en + en2
                break
            if chain_end == en:
                return name, start + st, start + en
        rank = min(level_rank(p) for p in c.g().lookup(name, c.meta.report_year))
        if best is None or rank > best[0]:
            best = (rank, name, start + st, start + en)
    for m in _TOWNSHIP_SUBJECT.finditer(masked):
        nm = m.group(1)
        if re.search(r"(城乡|乡镇|[省市县区])", nm[:-1]) or len(nm) > 6 or nm + "市" in c.g():
            continue          # the 镇 of a city named X镇市 makes no town
        return nm, start + m.start(1), start + m.end(1)
    if best:
        we = _WE.search(masked[:best[2] - start])
        if we and not best[1].endswith(we.group(1)):
            return None   # '本市…支持浦东新区…': the sentence speaks as the city, not the district
        return best[1], best[2], best[3]
    m = re.search(rf"([{CJK}]{{1,6}}(?:县|旗|区|州))(?:人民政府|委|政府)?{_SUBJECT_VERB}", masked)
    if m and not re.search(r"[全本我该各]", m.group(1)[0]) and plausible_place(m.group(1), c.g()):
        return m.group(1), start + m.start(1), start + m.end(1)
    return None


def level_rank(p: Place) -> int:
    return {"province": 1, "city": 2, "county": 3}[p.rank]


def _we_place(c: _Ctx) -> tuple[str, int, int] | None:
    """我县 / 全区 …: the place named most often with that suffix."""
    sfx = Counter(m.group(1) for m in _WE.finditer(c.norm))
    if not sfx:
        return None
    suffix = sfx.most_common(1)[0][0]
    counts: Counter = Counter()
    first: dict[str, tuple[int, int]] = {}
    for st, en, name in c.places():
        if not name.endswith(suffix):
            continue
        counts[name] += 1
        first.setdefault(name, (st, en))
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2) + [(None, 0)]
    if n < 2 or (rest and rest[0][1] == n):
        return None
    return name, first[name][0], first[name][1]
