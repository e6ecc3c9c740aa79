"""The fixed wording of a review opinion, the same in Word, HTML and Markdown: title lines,
salutation, opening paragraph, summary sentence, numbered chapters, the note under the indicator
table, signature and date lines."""
from __future__ import annotations

import re

from ..labels import SEVERITY_NAMES
from ..zh.years import ARABIC_YEAR, CN_YEAR
from ..zh.numerals import ONE_TO_TEN
from .quotes import cn_date
from .views import Opinion


def summary_sentence(op: Opinion) -> str:
    """"审核发现问题N项，其中严重a项、一般b项、提示c项；审核人排除d项。" """
    if op.total == 0:
        s = "审核未发现问题"
    else:
        parts = [f"{SEVERITY_NAMES[k]}{n}项" for k, n in op.counts.items() if n]
        s = f"审核发现问题{op.total}项，其中" + "、".join(parts)
    if op.dismissed:
        s += f"；审核人已排除{len(op.dismissed)}项"
    return s + "。"


def date_line(op: Opinion) -> str:
    if op.date:
        return cn_date(str(op.date)) or str(op.date)
    return "　　　　年　　月　　日"


def office_line(op: Opinion) -> str:
    return op.office or "（审核单位名称，盖章）"


CN_NUM = ONE_TO_TEN


def chapters(op: Opinion) -> list[tuple[str, str]]:
    """(key, numbered heading) of the opinion's chapters, numbered 一、二、… in order."""
    keys = [("verdict", "审核结论"), ("parts", "法定内容检查"), ("findings", "审核发现的问题")]
    if op.dismissed:
        keys.append(("dismissed", "已排除的问题"))
    keys.append(("indicators", "提取的主要指标"))
    # the annex (附件, after the signature) is not a chapter: see annex_title
    return [(k, f"{CN_NUM[i]}、{name}") for i, (k, name) in enumerate(keys)]


ANNEX_TITLE = "提取的全部指标"


def indicators_note(op: Opinion) -> str | None:
    """The sentence under the key-indicator table, or None when the table shows everything."""
    if not op.indicators or not op.annex_indicators:
        return None
    if not op.key_indicators:
        return f"报告中未提取到重点指标，提取的全部{len(op.indicators)}项指标数据见附件。"
    return (f"上表列出重点指标{len(op.key_indicators)}项；"
            f"提取的全部{len(op.indicators)}项指标数据见附件。")


def salutation(op: Opinion) -> str:
    """称谓: the issuing organs as written in the report; a report without 落款 says so."""
    return f"{op.addressee or '（报告未署名）'}："


TITLE_LINE_CHARS = 22     # at most this many characters on one title line (kept for callers counting characters)
# The width of a 2号 (22 pt) title line in em: the 156 mm text block of an A4 公文 page (GB/T 9704:
# 28 mm/26 mm margins) is 442 pt, 20.1 em; half an em kept free for the fonts a reader's machine
# substitutes (Word and LibreOffice both add about a quarter em between a Chinese character and
# digits or Latin letters).
TITLE_LINE_EM = 19.5
HALF_EM = 0.6      # a digit or Latin letter: half an em in 方正小标宋, wider in the fonts substituted for it

# where a title's meaning breaks: before 《, after 》, after the unit and the year, after 法治政府建设,
# after a space, before a 关于 inside the title
_TITLE_BREAKS = re.compile(
    rf"(?=《)|》|(?:{ARABIC_YEAR}|{CN_YEAR})年度?|法治政府建设|\s+|"
    r"(?:人民政府|委员会|办公室|县|区|市|州|盟|旗|省|局|厅|委|办)(?=\d|关于|\s)")


def text_em(s: str) -> float:
    """The width of a line of text in em: a Chinese or full-width character 1, a half-width one
    HALF_EM, and a quarter em where half-width and full-width characters meet (autospace)."""
    w = 0.0
    for i, ch in enumerate(s):
        half = ord(ch) < 0x2E80 and not ("\u2014" <= ch <= "\u2026")       # — … are full width in CJK fonts
        w += HALF_EM if half else 1.0
        if i and half != (ord(s[i - 1]) < 0x2E80 and not ("\u2014" <= s[i - 1] <= "\u2026")) \
                and not s[i - 1].isspace() and not ch.isspace():
            w += 0.25
    return w


# compounds a title line never splits, though jieba's dictionary cuts them (法治/政府)
TITLE_WORDS = ("法治政府", "法治建设", "依法行政", "依法治县", "依法治市", "依法治省", "年度报告",
               "审核意见", "实施方案", "人民政府", "工作情况", "第一责任人")
_tokenizer = None


def _word_bounds(title: str) -> set[int]:
    """Offsets between two words of the title: jieba's segmentation with TITLE_WORDS added, on a
    tokenizer of its own (the corpus's keywords keep jieba's default dictionary); loaded only for
    a title that has no meaning break where a line must end."""
    global _tokenizer
    if _tokenizer is None:
        import logging

        import jieba
        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        for w in TITLE_WORDS:
            tk.add_word(w, freq=100000)
        _tokenizer = tk
    cuts, pos = set(), 0
    for w in _tokenizer.lcut(title, HMM=False):
        pos += len(w)
        cuts.add(pos)
    return cuts


def _breakable(title: str, p: int) -> bool:
    """A line may end before offset p: not inside a number, not before a closing or after an
    opening bracket, not before a pause mark."""
    a, b = title[p - 1], title[p]
    return (not (a.isascii() and a.isalnum() and b.isascii() and b.isalnum())
            and b not in "》）」〕】，、。；：”’" and a not in "《（「〔【“‘")


def title_lines(title: str, width: float = TITLE_LINE_EM) -> list[str]:
    """The title in lines no wider than `width` em that break where the meaning breaks (before
    《 or after 》, after the place and year, after 法治政府建设, before 的审核意见), else between
    two words, never inside a word or a number (Word and LibreOffice would break "报/告")."""
    title = title.strip()
    if text_em(title) <= width:
        return [title]
    meaning = sorted({m.end() for m in _TITLE_BREAKS.finditer(title)})
    meaning = [c for c in meaning if 0 < c < len(title) and _breakable(title, c)]
    words: list[int] | None = None
    lines, start = [], 0
    while text_em(title[start:]) > width:
        def fits(c: int) -> bool:
            return c - start >= 4 and text_em(title[start:c].rstrip()) <= width
        fit = [c for c in meaning if c > start and fits(c)]
        if not fit:
            if words is None:
                words = sorted(c for c in _word_bounds(title) if 0 < c < len(title) and _breakable(title, c))
            fit = [c for c in words if c > start and fits(c)]
        if fit:
            end = fit[-1]
        else:      # one word wider than a line: cut it where it still fits
            end = start + 1
            while end < len(title) and text_em(title[start:end + 1]) <= width:
                end += 1
        lines.append(title[start:end].rstrip())
        start = end
        while start < len(title) and title[start].isspace():
            start += 1
    lines.append(title[start:])
    return lines


BASIS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）"


def intro_sentence(op: Opinion) -> str:
    """The opening paragraph. An undated report's deadline cannot be checked: the sentence says
    so instead of claiming the 时限 were checked."""
    src = f"{op.unit}报送的" if op.unit else "你单位报送的"
    if "report" in op.undated:
        checked = "报告结构、年度、数据、来源和内容质量"
        if "publish" in op.undated:
            gap = "报告未注明成文日期，也未见发布日期，报送和公开时限无法核对"
        else:
            gap = "报告未注明成文日期，报送时限无法核对"
    elif "year" in op.undated:
        checked = "报告结构、数据、来源和内容质量"
        gap = "报告未写明所报告的年度，报送和公开时限无法核对"
    else:
        checked, gap = "报告结构、年度与时限、数据、来源和内容质量", None
    shown = op.display_title
    if op.unit and shown.startswith(op.unit):       # "某县报送的某县2021年度…": name the unit once
        shown = shown[len(op.unit):]
    return (f"{src}{shown}收悉。依据{BASIS}关于法治政府建设年度报告内容和公开的要求，"
            f"经逐项核对{checked}"
            + ("，并经审核人复核" if op.has_decisions else "")
            + "，现提出审核意见如下。"
            + (f"{gap}。" if gap else ""))
