"""Remove what is not the report from extracted lines: portal navigation, date banners,
font-size/print widgets, visit counters, metadata tables, footers, the residue that
范文/template sites add, and the pinyin a broken traditional conversion inserts. Each removal is kept (Line.drop / Line.cuts) so that assembly can
record it; the page's publish date and 来源 found on the way become hints.

Conservative by construction: sentence-level body lines are never dropped; residue inside
a sentence is cut out and the sentence kept; footer markers act only in the head and tail
blocks of the document and on short lines."""
from __future__ import annotations

import functools
import re
from typing import Any

from .. import catalog
from ..rx import cues, may_match
from ..textnorm import PINYIN
from ..zh.dates import NOT_POST_LABELS, POST_TIME_WORD
from ..zh.years import YEAR_MAX, YEAR_MIN
from ..zh.cjk import CJK
from .lines import Line, trim

SHORT = 80          # a "short" line (menus, footers, metadata rows)
_SENT_END = "。！？!?"
_BODY_PUNCT = re.compile(r"[。；;，,！？]")
# a page's date stamp: 2023-03-16 [10:20[:05]] or 2023年03月16日 10:20 (a 年月日 date alone
# is a report's own signature date and stays)
_ISO_DATE = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"
                       r"(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$"
                       r"|^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                       r"\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")
_DATE_ANY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# a portal's post timestamp inside a metadata or header line: a date with the time of day
# ("来源:某日报 2026-03-16 08:15", "某市人民政府 2020-05-12 09:01:00", "2020-03-13 08:45:00来源:",
# "2024 04/22 16:19:48")
# or an ISO date closing a header line after a space ("标题 某局 2020-06-08") or in brackets after
# a headline ("某局召开述法会 (2024-01-15)"), or opening a short
# line of page labels ("2022-07-31 版权声明 我要投稿"), or an organ and a
# date on a line above the text ("某县人民政府 2024年01月08日"). Only lines of the head block
# (before the first body line) and metadata rows are read: a report's own signature date
# stands at its end.
_STAMP_TIME = re.compile(r"(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s+\d{1,2}[:：]\d{2}(?![\d.])"
                         r"|(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s+\d{1,2}[:：]\d{2}(?!\d)"
                         # a news portal's "2024 04/22 16:19:48": the year apart from month/day
                         r"|(?<![\d/])(\d{4})\s+(\d{1,2})/(\d{1,2})\s+\d{1,2}[:：]\d{2}(?!\d)")
_STAMP_END = re.compile(r"(?<=\S)\s+(\d{4})-(\d{1,2})-(\d{1,2})$"
                        # a headline closed by its post date in brackets ("…述法会 (2024-01-15)")
                        rf"|(?<=[{CJK}])\s*[(（]\s*(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})\s*[)）]$"
                        r"|^(\d{4})-(\d{1,2})-(\d{1,2})(?=\s+[^\d\s。，,;；]{2,}$|\s+\S{2,8}\s+\S{2,8}$)"
                        rf"|^[{CJK}]{{2,30}}(?:人民政府|政府|办公室|局|厅|委员会|委|中心)\s+(\d{{4}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日$")
# labels of dates that are not the post date (a stamp right after one of them is skipped)
# (also as a metadata table's cell: "| 生成日期/有效期: | 2022-01-29 14:59:17 |")
_NOT_POST = re.compile(rf"(?:{'|'.join(NOT_POST_LABELS)})(?:日期|时间)?(?:\s*/\s*[{CJK}]{{1,4}})?"
                       r"\s*[:：]?\s*[|｜]?\s*$")


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    data = catalog.load("chrome")

    def rx(key: str) -> list[re.Pattern]:
        return [re.compile(p) for p in data.get(key, [])]

    def doc_rx(key: str) -> list[tuple[re.Pattern, re.Pattern, tuple[str, ...] | None]]:
        # (line pattern, the same pattern for a whole document of lines joined by "\n":
        # ^ and $ at line boundaries, its cues). A line pattern can match a line only if its
        # document form matches the document, so one search per pattern skips the per-line loop
        # for the (usual) documents without that residue; and the document form can match only
        # if the document holds one of the pattern's cues (fazhi.rx), a cheaper test than the
        # search itself.
        return [(re.compile(p), re.compile(p, re.M), cues(p)) for p in data.get(key, [])]

    labels = sorted(data["metadata_labels"], key=len, reverse=True)
    label_alt = "|".join(map(re.escape, labels))
    return {
        "nav": rx("nav"),
        "nav_words": set(data["nav_words"]),
        "banner": rx("banner"),
        "widget_inline": rx("widget_inline"),
        "inline_doc": [(p, d, c, "template_site") for p, d, c in doc_rx("template_inline")]
                      + [(p, d, c, "widget") for p, d, c in doc_rx("widget_inline")],
        "counter_doc": doc_rx("counter"),
        "widget_line": rx("widget_line"),
        "counter": rx("counter"),
        "footer": re.compile("|".join(f"(?:{p})" for p in data["footer"])),
        "template_inline": rx("template_inline"),
        "template_block": tuple(data["template_block"]),
        "portal_block": tuple(data["portal_block"]),
        # a row that opens with a label ("发布日期: …"), also as a table's cell in brackets
        # ("| [ 发布日期 ] | 2026-02-25 |", "【索引号】…") or a bracket opening on it ("【信息来源:…】")
        "label_start": re.compile(rf"^(?:(?:[|｜]\s*)?[\[【]\s*(?:{label_alt})\s*(?:[\]】]|[:：])"
                                  rf"|(?:{label_alt})\s*(?:[:：\t|｜]|\s{{2,}}))"),
        "label_any": re.compile(rf"(?:{label_alt})\s*[:：]"),
        "date_label": re.compile(
            r"(?:[\[【]\s*)?(?:" + "|".join(map(re.escape, data["publish_date_labels"])) + r")(?:\s*[\]】])?"
            r"(?:(?:\s*[:：\t|｜]){1,3}\s*|\s+)"      # 发布日期: | 2025-02-14 (a table row with bars)
            r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"),
        "source_label": re.compile(
            "(?:" + "|".join(map(re.escape, data["source_labels"])) + r")\s*[:：\t](?:\s*[|｜](?!\s*[|｜]))?\s*"
            r"([^\s|｜:：]{2,40})"),
        "label_alt": label_alt,
        "pager": re.compile(rf"^(?:{data['pager_token']}\s*)+$"),
        "pager_key": re.compile(data["pager_key"]),
        "pinyin_cues": cues(PINYIN),
        **{key + "_cues": [cues(p) for p in data.get(key, [])] for key in ("nav", "banner", "widget_line")},
    }


def iso_date(y: str, m: str, d: str) -> str | None:
    yi, mi, di = int(y), int(m), int(d)
    if YEAR_MIN <= yi <= YEAR_MAX and 1 <= mi <= 12 and 1 <= di <= 31:
        return f"{yi:04d}-{mi:02d}-{di:02d}"
    return None


def _stamp_date(text: str) -> str | None:
    m = _ISO_DATE.match(text)
    if not m:
        return None
    g = [x for x in m.groups() if x is not None]
    return iso_date(*g[:3])


def is_body(text: str) -> bool:
    """A line of report prose (never chrome)."""
    return (len(text) >= 30 and bool(_BODY_PUNCT.search(text))) or len(text) >= 100


def _short(text: str, limit: int = SHORT) -> bool:
    return len(text) <= limit and not text.endswith("。")


def clean(lines: list[Line], hints: dict[str, Any]) -> None:
    """Mark residue on `lines` (in place) and fill hints publish_date, source_site,
    template_site."""
    R = rules()
    trim(lines)
    # 1. residue cut wherever it stands (only the patterns found somewhere in the document
    #    are tried line by line; same order, same cuts)
    #    and on a line only when the line holds one of the pattern's cues)
    doc = "\n".join(ln.text for ln in lines)
    inline = [(p, c, kind) for p, d, c, kind in R["inline_doc"] if may_match(c, doc) and d.search(doc)]
    if may_match(R["pinyin_cues"], doc) and PINYIN.search(doc):
        inline.append((PINYIN, R["pinyin_cues"], "pinyin"))   # cut as residue: words whole again, offsets honest
    counter = [(p, c) for p, d, c in R["counter_doc"] if may_match(c, doc) and d.search(doc)]
    if inline or counter:
        for ln in lines:
            if ln.drop or ln.blank:
                continue
            t = ln.text
            for pat, c, kind in inline:
                if may_match(c, t):
                    for m in pat.finditer(t):
                        ln.add_cut(m.start(), m.end(), kind)
            if counter and _short(t, 120):
                for pat, c in counter:
                    if may_match(c, t):
                        for m in pat.finditer(t):
                            ln.add_cut(m.start(), m.end(), "counter")
    # the line patterns of step 2 that can match somewhere in the document (what is left of
    # it once the cuts are out: a cut can join two pieces into a match)
    if any(ln.cuts for ln in lines):
        doc = "\n".join(ln.remainder for ln in lines)
    R = _present(R, doc)

    # 2. whole lines recognisable anywhere (short lines only; rows of a Word table are the
    #    report's own tables)
    for ln in lines:
        if ln.drop or ln.blank or ln.source == "table":
            continue
        rem = ln.remainder.strip()
        if not rem or len(rem) > 160 or rem.endswith("。"):
            continue
        kind = _line_kind(rem, R)
        bullet = _BULLET.match(rem) if kind is None else None
        if bullet and R["label_start"].match(rem[bullet.end():]):
            # a metadata row written as a list item ("- 发布日期:2024-02-27"): its post date is
            # read; the line stays (its 发布机构 may name the reporter)
            _metadata_hints(rem[bullet.end():], hints, R)
        if kind == "metadata_table" and _ISSUER_ROW.match(rem):
            # a row of the issuer alone ("发布机构: | X区Y街道 |"): read like the list items above,
            # the line stays (it may name the reporter with its place)
            _metadata_hints(rem, hints, R)
            kind = None
        if kind:
            ln.drop = kind
            if kind == "metadata_table":
                _metadata_hints(rem, hints, R)

    # 3. head block: before the first body line
    first_body = next((i for i, ln in enumerate(lines)
                       if not ln.drop and is_body(ln.remainder.strip())), len(lines))
    seen: set[str] = set()
    prev = ""       # the head block's line before this one (a label whose value is on the next line)
    for ln in lines[:first_body]:
        if ln.blank:
            continue
        rem = ln.remainder.strip()
        if ln.drop or not rem:
            prev = rem or prev
            continue
        key = re.sub(r"\s+", "", rem)
        label, prev = prev, rem.lstrip("-•·* ")
        if _ISO_DATE.match(rem.lstrip("-•·* ")):
            ln.drop = "metadata_table"
            # a list of labels and values on lines of their own ("- 成文日期:" / "- 2022-01-10"):
            # the date is the label's, and 成文日期/发文日期/施行日期 are no post date
            if not (len(label) <= 20 and _NOT_POST.search(label)):
                _set_date(hints, _stamp_date(rem.lstrip("-•·* ")))
        elif _short(rem) and _post_stamp(rem):
            _set_date(hints, _post_stamp(rem))     # the line stays (it may hold the title)
        elif _short(rem) and R["footer"].search(rem):
            ln.drop = "footer"
        elif _is_menu(rem, R):
            ln.drop = "nav"
        elif ln.source == "outside":
            continue          # dropped with the page chrome anyway: not the kept title
        elif key in seen and len(rem) <= 80:
            ln.drop = "duplicate_title"
        else:
            seen.add(key)

    # an e-paper page: the edition's date on its own line over the page label (第A01版:要闻) is
    # the day the item was published
    heads = [ln for ln in lines[:first_body + 1] if not ln.blank and ln.remainder.strip()]
    for a, b in zip(heads, heads[1:]):
        m = _EDITION_DATE.match(a.remainder.strip())
        if m and _EDITION.match(b.remainder.strip()):
            _set_date(hints, iso_date(*m.groups()))
            break

    # 4. tail block: footer lines, then trailing link blocks
    foot_start = _mark_footer(lines, R, first_body)
    _mark_trailing_blocks(lines, R, first_body, foot_start)

    if any(ln.drop == "template_site" or any(k == "template_site" for *_, k in ln.cuts)
           for ln in lines):
        hints["template_site"] = True
    if hints.get("publish_date") is None:
        hints.pop("publish_date", None)


def _present(R: dict, doc: str) -> dict:
    """`R` with the lists of line patterns (nav, banner, widget_line) cut to those whose cues
    occur in the document (the others cannot match any of its lines)."""
    out = dict(R)
    for key in ("nav", "banner", "widget_line"):
        out[key] = [p for p, c in zip(R[key], R[key + "_cues"]) if may_match(c, doc)]
    return out


_BULLET = re.compile(r"^[-•·*]\s+")
# the issuer's row of a catalogue header, alone on its line: 发布机构: | X区Y街道 |
_ISSUER_ROW = re.compile(rf"^(?:发布机构|发文机关|发文单位|发布单位)\s*[:：]\s*[|｜]?\s*[{CJK}]{{2,30}}\s*[|｜]?\s*$")


def _line_kind(rem: str, R: dict) -> str | None:
    if any(p.search(rem) for p in R["nav"]) and len(rem) <= 160:
        return "nav"
    if len(rem) <= 60 and any(p.search(rem) for p in R["banner"]):
        return "banner"
    if len(rem) <= 200 and (R["label_start"].match(rem) or len(R["label_any"].findall(rem)) >= 2):
        return "metadata_table"
    if len(rem) <= 60 and R["pager_key"].search(rem) and R["pager"].match(rem):
        return "pager"
    if len(rem) <= 30:
        rest = rem
        for p in R["widget_line"]:
            rest = p.sub("", rest)
        if rest != rem and not rest.strip(" |｜/·-—_[]【】"):
            return "widget"
    return None


_EDITION_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*星期[一二三四五六日天])?$")
_EDITION = re.compile(r"^第\s*[A-Za-z]?\d{1,3}\s*版")


def _set_date(hints: dict, d: str | None) -> None:
    if d and not hints.get("publish_date"):
        hints["publish_date"] = d


# a portal's post date beside its other fields: "来源:人民日报编辑:admin时间:2022-10-10" (a bare
# 时间/日期 label among 来源/编辑/作者 fields), "2025年07月30日 来源: 上海普陀" (the date, then 来源)
_FIELD_DATE = re.compile(POST_TIME_WORD + r"\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_THEN_SOURCE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s+(?:信息)?来源\s*[:：]")
_OTHER_FIELD = re.compile(r"来源|编辑|作者|责任编辑|浏览|点击")


def _post_stamp(rem: str) -> str | None:
    """The post date of a portal timestamp in a header/metadata line (see _STAMP_TIME)."""
    m = _DATE_THEN_SOURCE.match(rem.strip())
    if m is None and _OTHER_FIELD.search(rem):
        m = _FIELD_DATE.search(rem)
    if m is not None:
        d = iso_date(*m.groups())
        if d:
            return d
    for rx in (_STAMP_TIME, _STAMP_END):
        for m in rx.finditer(rem):
            if _NOT_POST.search(rem[:m.start()]):
                continue
            g = [x for x in m.groups() if x is not None]
            d = iso_date(*g[:3])
            if d:
                return d
    return None


def _metadata_hints(rem: str, hints: dict, R: dict) -> None:
    m = R["date_label"].search(rem)
    if m and not hints.get("publish_date"):
        d = iso_date(*m.groups())
        if d:
            hints["publish_date"] = d
    if not m:
        _set_date(hints, _post_stamp(rem))
    m = R["source_label"].search(rem)
    if m and "source_site" not in hints:
        value = m.group(1).strip("，,。;；")
        if value and not re.match(R["label_alt"], value):
            hints["source_site"] = value


def _is_menu(rem: str, R: dict) -> bool:
    tokens = [t for t in re.split(r"[\s|｜/·•]+", rem) if t]
    if len(tokens) < 3 or _BODY_PUNCT.search(rem):
        return False
    known = sum(1 for t in tokens if t in R["nav_words"] or any(t.startswith(w) for w in ("走进",)))
    return known >= 2 and all(len(t) <= 8 for t in tokens)


def _mark_footer(lines: list[Line], R: dict, first_body: int) -> int:
    """Walk back from the end over footer lines; returns the index where the footer starts."""
    start = len(lines)
    gap: list[Line] = []
    i = len(lines) - 1
    while i >= first_body:
        ln = lines[i]
        rem = ln.remainder.strip()
        if ln.blank or not rem or ln.drop:
            i -= 1
            if ln.drop:
                start = i + 1
            continue
        if _short(rem, 120) and not is_body_sentence(rem) and R["footer"].search(rem):
            ln.drop = "footer"
            for g in gap:
                g.drop = "footer"
            gap = []
            start = i
        elif _ISO_DATE.match(rem):
            ln.drop = "metadata_table"
            start = i
        elif _short(rem, 30) and len(gap) < 2 and not _BODY_PUNCT.search(rem):
            gap.append(ln)      # an unmarked short line inside the footer (site name...)
        else:
            break
        i -= 1
    return start


def is_body_sentence(text: str) -> bool:
    """Prose that merely mentions a footer word (e.g. 联系电话 inside a sentence)."""
    return "。" in text or text.count("，") >= 2


def _mark_trailing_blocks(lines: list[Line], R: dict, first_body: int, end: int) -> None:
    """'猜你喜欢' / '相关推荐' / '上一篇' ... followed only by short link lines up to `end`."""
    lo = max(first_body, len(lines) // 2)
    for i in range(lo, end):
        ln = lines[i]
        if ln.drop or ln.blank:
            continue
        rem = ln.remainder.strip()
        marker = rem.startswith(R["template_block"]) and len(rem) <= 60
        portal = rem.startswith(R["portal_block"]) and len(rem) <= 60
        if not (marker or portal):
            continue
        rest = [x for x in lines[i + 1:end] if not x.drop and not x.blank]
        if all(_short(x.remainder.strip()) and not is_body_sentence(x.remainder) for x in rest):
            kind = "template_site" if marker else "related_links"
            ln.drop = kind
            for x in rest:
                x.drop = kind
            return
