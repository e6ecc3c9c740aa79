"""The title block and the signature block: the title (a catalogue field, or lines of the
top block, with its subject broken off on the line above), the page title of the hints, the
signature (date and issuers) and the issuers printed above the title."""
from __future__ import annotations

import re

from .dates import DATE_CN, _is_date_line, _ymd
from ..zh.cjk import CJK
from ..zh.years import CN_DIGITS_YEAR
from .lines import (TAIL_LINES, TOP_CHARS, TOP_LINES, _BANNER, _BREADCRUMB, _HEADING, _ORG_END,
                    _PLACE_SUFFIX, _TITLE_WORD, Line, _Ctx)

_TITLE_END = re.compile(r"(报告|情况|总结|方案|要点|计划|解读|规划|意见|通知|通报|公告|纪实|综述|思路|打算|汇报|"
                        r"答记者问|指标体系|清单|一图读懂[^\n]{0,30})\s*(\([^()]{1,20}\))?[》〉]?$")
_SITE_LABEL = re.compile(r"专栏|专题|栏目|网站|门户|频道|平台")


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


# -- title -------------------------------------------------------------------
# a catalogue field of the page header ('标 题: …' is the title; '主题分类: …' never is)
_BULLET = r"^[\s\-–•·*|｜]*"     # a bullet, or the cell border of a metadata table row
# the label, in either script, spaced or not, with a colon or only spaces before the value
_TITLE_FIELD = re.compile(_BULLET + r"(?:(?:[标標]\s*[题題]|[题題]\s*名|名\s*[称稱]|文章[标標][题題])\s*(?:[:：]\s*|\s+(?=\S))"
                          r"|[题題]\s*[:：]\s*)")
# the next field of a catalogue row after the title's value, its label with a colon or a date
_NEXT_FIELD = re.compile(r"\s+(?:(?:发布|更新|成文|发文)(?:日期|时间)|来\s*源|[發发][布佈]時間|作\s*者|浏览次数)"
                         r"\s*(?:[:：]|\s\d{4}|\d{4})|\s+\d{4}-\d{1,2}-\d{1,2}\b.*$")
_CATALOGUE_FIELD = re.compile(_BULLET + r"(?:主题分类|分\s*类|索\s*引\s*号|发布机构|制发机构|发文机关|发文字号|文\s*号|"
                              r"成文日期|成文时间|发文时间|发布日期|效力状态|有\s*效\s*性|体裁分类|组配分类|"
                              r"公开方式|公开范围|内容概述|关\s*键\s*词)\s*[:：]"
                              # a metadata row without colons ('组配分类 工作计划与总结 发布机构 市教育局')
                              r"|" + _BULLET + r"(?:主题分类|组配分类|体裁分类|索\s*引\s*号|发布机构|制发机构|发文机关|"
                              r"发文字号|成文日期|生成日期|发布日期|公开方式|公开范围)[ \t]+\S")


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
            row = _NEXT_FIELD.search(value)
            if row:
                value = value[:row.start()]   # the row's next field (发布日期 2023-01-15, 来源: X局)
            a = ln.start + m.end() + cell.start(1)
            b = a + len(value)
            if _title_ish(Line(a, b, value)):
                return re.sub(r"\s*\n\s*", "", c.text[a:b]), a, b
    crumbs = _crumbs(lines, [r.text for r in c.report.removed if r.kind == "nav"])
    fallback: tuple[int, int] | None = None   # a column name
    for i, ln in enumerate(lines):
        if ln.start > TOP_CHARS:
            break
        if _CATALOGUE_FIELD.match(ln.s) or _TITLE_FIELD.match(ln.s):
            continue
        doc = _DOC_FILE.match(ln.s)
        if doc and _title_ish(Line(ln.start + doc.start(1), ln.start + doc.end(1), doc.group(1))):
            # a document-sharing page names the file: "《X报告.docx》由会员分享…" / "X报告.docx"
            a, b = ln.start + doc.start(1), ln.start + doc.end(1)
            return re.sub(r"\s*\n\s*", "", c.text[a:b]), a, b
        run_in = _RUN_IN_TITLE.match(ln.s) if len(ln.s) > 60 else None
        if run_in and _TITLE_END.search(run_in.group(1)) and _title_ish(Line(ln.start, ln.start + run_in.end(1),
                                                                              run_in.group(1))):
            # the title run into the body on one line, a space between ('…总结报告 2016年以来,…')
            ln = Line(ln.start, ln.start + run_in.end(1), run_in.group(1))
        if len(ln.s) > 60 and ln.s[-1] in "。" :
            break                       # the body has started
        if 0 < i < len(lines) - 1 and _prose(lines[i - 1]) and _sentence(lines[i + 1]) \
                and not _TITLE_END.search(ln.s):
            continue                    # a thematic heading between two paragraphs of the body
        bullet = _LIST_ITEM.match(ln.s)
        if bullet and any(_LIST_ITEM.match(o.s) for o in lines[max(0, i - 1):i + 2] if o is not ln) \
                and not (_title_ish(ln) and _TITLE_END.search(ln.s) and not re.search("[:：]", ln.s)):
            # an item of a bulleted list (a catalogue record's cells, 内容分类:…规划) is no
            # title; an item naming a report (- X局2022年法治政府建设情况报告) is, before any
            # later line (a linked document's name would take its kind and year)
            continue
        if _PART_HEAD.match(ln.s):
            continue                    # an unnumbered part heading of the body (2016年工作情况)
        cut = _SITE_SUFFIX.search(ln.s) or _TAIL_WIDGET.search(ln.s) or _TAIL_POSTED.search(ln.s) \
            or _GLUED_HEADING.search(ln.s)
        if cut and _TITLE_WORD.search(ln.s, 0, cut.start()):
            ln = Line(ln.start, ln.start + cut.start(), ln.s[:cut.start()])
        if not _title_ish(ln) or (_SITE_LABEL.search(ln.s) and not _TITLE_END.search(ln.s)):
            continue
        if ln.s in crumbs and not _TITLE_END.search(ln.s):
            continue                    # the column's name repeated under the breadcrumb (法治工作)
        if _GENRE_ONLY.match(ln.s) and _title_subject(c, lines, i) is None:
            continue                    # a genre alone ("• 工作报告"): a catalogue cell, not the title
        if _COLUMN.match(ln.s) and _title_subject(c, lines, i) is None:
            # a portal column's name (计划规划, 通知公告) above the headline: the title only
            # when no other line is
            if fallback is None:
                fallback = (ln.start, ln.end)
            continue
        if fallback is not None and _TITLE_END.search(ln.s) and any(_full_title(o) for o in lines[i + 1:i + 4]):
            # headlines listed under the column's name: the page's own is the last, above its body
            continue
        start, end, s = ln.start, ln.end, ln.s
        bullet = _LIST_ITEM.match(s)
        if bullet:                      # a bullet is no part of the title
            start, s = start + bullet.end(), s[bullet.end():]
        book = _BOOK_LINE.match(s)
        if book and _TITLE_END.search(book.group(1)):
            # the title quoted whole: "《…报告》(全文)", "X〔2024〕3号《…报告》"
            start, end = start + book.start(1), start + book.end(1)
            return re.sub(r"\s*\n\s*", "", c.text[start:end]), start, end
        tag = _CATEGORY_TAG.match(s)
        if tag and _TITLE_END.search(s) and not _ORG_END.search(tag.group(1)):
            # a portal's category tag before the title (【工作总结】…报告), not its unit (【X局】…)
            start += tag.end()
        j = i
        # a title broken over two or three lines
        while not _TITLE_END.search(s) and j + 1 < len(lines) and j - i < 2:
            nxt = lines[j + 1]
            if len(nxt.s) > 40 or nxt.s[-1] in "。;；:：,，" or _BANNER.search(nxt.s) or _HEADING.match(nxt.s) \
                    or _CATALOGUE_FIELD.match(nxt.s):
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
    if fallback is not None:
        return re.sub(r"\s*\n\s*", "", c.text[fallback[0]:fallback[1]]), fallback[0], fallback[1]
    return None


def _full_title(ln: Line) -> bool:
    """A line that is a whole title by itself, no field, column or genre label."""
    return _title_ish(ln) and bool(_TITLE_END.search(ln.s)) and ln.s[0] not in "—-–(（" and not (
        _CATALOGUE_FIELD.match(ln.s) or _TITLE_FIELD.match(ln.s) or _COLUMN.match(ln.s) or _GENRE_ONLY.match(ln.s))


_DOC_FILE = re.compile(r"^《?([^《》\s]{6,60}?)\.(?:docx?|pdf|wps)(?:》(?:由|\S*上传).*)?$", re.I)
_RUN_IN_TITLE = re.compile(r"^(\S{6,40})\s+(?=[^\s，,。]{2,40}[，,])")
# a line running on into prose: a long line with a sentence's commas (the excerpt may cut it)
_SENTENCE = re.compile(r"[，,；;].*[，,；;。]")


def _prose(ln: Line) -> bool:
    return len(ln.s) > 60 and bool(_SENTENCE.search(ln.s))


def _sentence(ln: Line) -> bool:
    return len(ln.s) >= 20 and (ln.s[-1] == "。" or bool(_SENTENCE.search(ln.s)))
_LIST_ITEM = re.compile(r"^[\-–•·*]\s")
# a column label: two to six characters of genre and column words, no year, no place
_COLUMN = re.compile(r"^(?:计划|规划|通知|公告|公示|通报|报告|总结|要点|意见|解读|政策|文件|动态|工作|新闻|"
                     r"信息|公开|年度|重点|领域|专项|其他){2,3}$")
_BOOK_LINE = re.compile(r"^(?:[^《》\s]{0,12}〔\d{4}〕\d+号\s*)?《([^《》]{6,80})》\s*(?:\([^()]{1,6}\))?$")


_CRUMB_SEP = re.compile(r"\s*(?:>+|›|»|/|→)\s*")


def _crumbs(lines: list[Line], removed: list[str]) -> set[str]:
    """The items of the breadcrumb lines of the top block (当前位置: 首页 >> 业务板块 >> 法治工作),
    in the text or taken out of it by ingest (`removed`)."""
    out: set[str] = set()
    for s in [ln.s for ln in lines if ln.start <= TOP_CHARS] + removed:
        if _BREADCRUMB.search(s) and re.search(r"[>›»]", s):
            out.update(p.strip() for p in _CRUMB_SEP.split(re.sub(r"^[^:：>]{0,8}[:：]", "", s)) if p.strip())
    return out


_YEAR4 = rf"(?:\d{{4}}|{CN_DIGITS_YEAR})"           # a title's year, in either digits
_YEAR_HEAD = re.compile(rf"^{_YEAR4}\s*年|^年度")
_YEAR_TAIL = re.compile(rf"{_YEAR4}\s*年度?$")
_ORG_ALT = _ORG_END.pattern.rstrip("$")
_SUBJECT_LINE = re.compile(rf"^[{CJK}()（）]{{2,30}}?(?:{_ORG_ALT}|{_PLACE_SUFFIX})"
                           rf"(?:{_YEAR4}\s*年度?)?$")


# the head of a title broken before its genre words: an organ or place, its year, the start of
# the name ("X局2022年政府信息公开"), no punctuation; the line below only the rest of the name
_SUBJECT_HEAD = re.compile(rf"^[{CJK}()（）]{{2,30}}?(?:{_ORG_ALT}|{_PLACE_SUFFIX})"
                           rf"{_YEAR4}\s*年度?[{CJK}]{{2,24}}$")
_CATEGORY_TAG = re.compile(r"【([^】【\n]{1,8})】\s*(?=\S{6})")
_GENRE_ONLY = re.compile(_BULLET + r"(?:工作)?(?:年度)?(?:工作)?(?:情况)?(?:的)?(?:报告|总结|计划|要点|方案)\s*$")
# the head of a 关于 title broken before its topic: no punctuation, 关于 not at its end's far side
_GUANYU_HEAD = re.compile(rf"^[{CJK}()（）\d]{{0,30}}关于[{CJK}\d]{{0,20}}$")
# a part heading naming only the year's work: no subject, no topic
_PART_HEAD = re.compile(rf"^{_YEAR4}\s*年度?(?:主要)?工作(?:开展|完成|落实)?情况$")
# the tail of a title broken mid-word: a few characters ending the word the line above began
# (政府信息 / 公开工作年度报告, 法治政府 / 建设情况报告), then the genre
_TITLE_TAIL = re.compile(rf"^[{CJK}]{{0,4}}?(?:工作)?(?:年度)?(?:工作)?(?:情况)?(?:的)?(?:报告|总结)$")


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
    if _TITLE_TAIL.match(ln.s) and _SUBJECT_HEAD.match(prev.s) and not _TITLE_END.search(prev.s):
        return prev                     # "X局2022年政府信息公开" / "工作年度报告": the title broken mid-name
    if _GUANYU_HEAD.search(prev.s) and _TITLE_END.search(ln.s) and not _TITLE_END.search(prev.s) \
            and len(prev.s) + len(ln.s) <= 80:
        return prev                     # "X办公室关于2015年度" / "…考评结果的通报": broken after 关于
    if not _SUBJECT_LINE.match(prev.s) or prev.s.endswith("文件"):
        return None
    if not (_YEAR_HEAD.match(ln.s) or _YEAR_TAIL.search(prev.s)):
        return None
    return prev


# the first heading run onto the title's line ('…实施方案一、背景分析')
_GLUED_HEADING = re.compile(r"(?<=[^\d\s、])[一1][、.．][^、，,。;；:：\s]{2,14}$")
_SITE_SUFFIX = re.compile(r"\s*[_|｜]\s*|\s+[-—]{1,2}\s+")
# a page widget written after the title on its line ('…年度报告 二维码', '…报告 分享到')
_TAIL_WIDGET = re.compile(r"\s+(?:二维码|扫一扫|分享到?|打印本页|打印|收藏)\s*$")
# the post's source and date after the title on its line ('…情况报告 X市统计局 2020-06-08')
_TAIL_POSTED = re.compile(r"\s+(?:[^\s\d]{2,20}\s+)?\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")


def _hint_title(hint: str) -> str:
    # page titles often carry the site name: "标题_XX县人民政府" / "标题 - 网站"
    return _SITE_SUFFIX.split(hint.strip())[0].strip() or hint.strip()


# -- signature ---------------------------------------------------------------
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
    if not prev:
        return []
    if not re.search(r"(人民政府|委)$", prev[0].s):
        # a department above a title opening with 关于 (青禾县民政局 / 关于2023年…的报告)
        if not (c.norm.startswith("关于", title_start) and len(prev[0].s) <= 24
                and re.search(r"(局|厅|署|委员会|办公室|中心)$", prev[0].s)):
            return []
    return _split_orgs(c, prev[0])
