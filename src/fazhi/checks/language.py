"""Proofreading rules (文字规范): what a careful 文秘 checks before a report goes out, offline.

Punctuation (GB/T 15834-2011): unpaired or mismatched quotes, brackets and 书名号; half-width
punctuation between Chinese characters; doubled marks (。。 ，，). Numbers (GB/T 15835-2011):
mixed forms in one expression (3千余件, 1万2千, 二0二三年). Repeated characters and words (的的,
进一步进一步) and typos from a curated confusion list for this genre (catalog/language.yaml,
each entry with its context rule). 规范表述 with dates: non-standard or truncated forms of
standard names, names used before they existed, bodies named after the 2018 reform replaced
them, given the report year.

Severity minor or info: proofreading never makes a report fail on its own. The rules look at
the clean text line by line (a quote or bracket is closed within its paragraph; a paragraph
wrapped over two lines is forgiven), so residue removed by ingest is never judged.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable, Iterator

from .. import catalog
from ..rx import anchors, cues, finditer, may_match
from ..config import Config
from ..model import Evidence, Finding, Report
from ..zh.cjk import CJK
from ..zh.numerals import ONE_TO_TEN
from .common import is_report, sentence_bounds
from .registry import rule

PUNCT_BASIS = "GB/T 15834-2011《标点符号用法》"
NUMBER_BASIS = "GB/T 15835-2011《出版物上数字用法》"
CAP = 20          # findings per rule and report (one anomaly repeated on every line is one problem)


def _ev(report: Report, a: int, b: int) -> Evidence:
    return Evidence(a, b, report.text[a:b])


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _context(report: Report, a: int, b: int, before: int = 6, after: int = 6) -> Evidence:
    """The span [a, b) with a few characters of its line around it, for a readable quote."""
    t = report.text
    ls = t.rfind("\n", 0, a) + 1
    le = t.find("\n", b)
    le = len(t) if le < 0 else le
    return _ev(report, max(ls, a - before), min(le, b + after))


# -- punctuation: pairs ----------------------------------------------------------

OPEN = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "〈": "〉", "【": "】", "〔": "〕", "[": "]"}
CLOSE = {v: k for k, v in OPEN.items()}
# the same mark in the other width: （…) and (…） are a mismatched pair, not two unpaired marks
SAME_KIND = {"（": "(", "(": "（", "）": ")", ")": "）"}
NAMES = {"“": "引号", "”": "引号", "‘": "引号", "’": "引号", "（": "括号", "）": "括号", "(": "括号", ")": "括号",
         "《": "书名号", "》": "书名号", "〈": "书名号", "〉": "书名号", "【": "方头括号", "】": "方头括号",
         "〔": "六角括号", "〕": "六角括号", "[": "方括号", "]": "方括号"}
# a list marker "1）" "a)" "①)" at the start of a line: a closing bracket without an opening one
LIST_MARK = re.compile(rf"^[\s\u3000]*(?:\d{{1,3}}|[a-zA-Z]|[{ONE_TO_TEN}]{{1,3}}|[①-⑳])[)）]")
SENT_END = "。！？!?；;…”’）)》"


_MARK = re.compile("[" + re.escape("".join(OPEN) + "".join(CLOSE)) + "]")


def _pair_scan(line: str, marks: list[int] | None = None) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """(unpaired openers, unpaired closers, mismatched (open, close)) positions in one line;
    `marks`: the positions of the line's marks (_MARK), when the caller found them already."""
    stack: list[int] = []
    lone_close: list[int] = []
    mismatch: list[tuple[int, int]] = []
    skip: int | None = None     # the bracket of a list marker 1）, looked for at the first ) or ）
    if marks is None:
        marks = [mark.start() for mark in _MARK.finditer(line)]
    for i in marks:                         # only the marks matter: the other characters are skipped
        ch = line[i]
        if ch in OPEN:
            stack.append(i)
            continue
        # a closing mark
        if ch == "’" and (line[i + 1:i + 3].isdigit() or
                          (0 < i < len(line) - 1 and line[i - 1].isascii() and line[i - 1].isalpha())):
            continue            # an apostrophe: ’99, don’t
        if ch in ")）":
            if skip is None:
                m = LIST_MARK.match(line)
                skip = m.end() - 1 if m else -1
            if i == skip:
                continue
        want = CLOSE[ch]
        if stack and line[stack[-1]] == want:
            stack.pop()
        elif stack and NAMES[line[stack[-1]]] == NAMES[ch]:
            mismatch.append((stack.pop(), i))      # “…’  （…)
        elif stack and not any(line[j] == want for j in stack) \
                and line.count(OPEN[line[stack[-1]]], i + 1) <= line.count(line[stack[-1]], i + 1):
            mismatch.append((stack.pop(), i))      # “纲要》: the opener of another kind, never closed
        elif any(line[j] == want for j in stack):
            while line[stack[-1]] != want:       # openers left open inside the pair
                stack.pop()
            stack.pop()
        else:
            lone_close.append(i)
    return stack, lone_close, mismatch


# a line whose marks are only such pairs, each closed before the next opens, has nothing unpaired
# (‘’ left out: a ’ may be an apostrophe; a list marker's ）is the first mark of its line, so
# a line of pairs has none)
_PAIRED = re.compile(r"(?:“”|（）|\(\)|《》|〈〉|【】|〔〕|\[\])*")


# pinyin inserted after characters by a broken traditional/simplified conversion ("國務(wù)院"):
# conversion damage, not the drafter's; the brackets of such a line are not judged
PINYIN = re.compile(rf"[{CJK}][(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{{1,7}}[)）]")
# the same test written from the bracket (a match of one is where the other matches, a character
# before): `re` then skips to the brackets instead of trying every Chinese character
_PINYIN_AT_BRACKET = re.compile(rf"[(（](?<=[{CJK}][(（])[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{{1,7}}[)）]")
SPAN_LINES = 3      # a pair may run over this many lines (a title or a figure wrapped by conversion)


@rule("language.punct_pairing", severity="minor",
      title="引号、括号、书名号不成对",
      why="引号、括号、书名号缺前半或后半，或者前后两半不一致，读者无法确定引用或注释的范围，属于文字差错。",
      basis=PUNCT_BASIS + " 4.8（引号）、4.9（括号）、4.15（书名号）",
      example="“认真落实《法治政府建设实施纲要（2021—2025年）的各项任务。")
def punct_pairing(report: Report, config: Config) -> Iterable[Finding]:
    lines = [(s, ln) for s, ln in _lines(report.text) if ln.strip()]
    opens: list[tuple[int, int]] = []      # (line index, absolute offset)
    closes: list[tuple[int, int]] = []
    mism: list[tuple[int, int]] = []
    # the marks of the whole text found once and given to their lines (a line without marks
    # has nothing to pair); the pinyin test only when the text has a bracketed syllable at all
    starts = [s for s, _ in lines]
    marks: dict[int, list[int]] = {}
    for mark in _MARK.finditer(report.text):
        at = mark.start()
        k = bisect.bisect_right(starts, at) - 1
        marks.setdefault(k, []).append(at - starts[k])     # (k >= 0: blank lines hold no marks)
    pinyin = _PINYIN_AT_BRACKET.search(report.text) is not None
    for k, (start, line) in enumerate(lines):
        if k not in marks or pinyin and _PINYIN_AT_BRACKET.search(line):
            continue
        ms = marks[k]
        if not len(ms) % 2 and _PAIRED.fullmatch("".join(map(line.__getitem__, ms))):
            continue            # only pairs closed at once (“…”《…》): nothing for _pair_scan to find
        o, c, mm = _pair_scan(line, ms)
        if o:
            opens += [(k, start + i) for i in o]
        if c:
            closes += [(k, start + i) for i in c]
        if mm:
            mism += [(start + i, start + j) for i, j in mm]
    t = report.text
    # a pair split over a few lines: the nearest open opener before a lone closer
    used: set[int] = set()
    lone_closes = []
    for k, at in closes:
        want = CLOSE[t[at]]
        cand = [(kk, a) for kk, a in opens if a < at and k - kk <= SPAN_LINES and a not in used and t[a] == want]
        if cand:
            used.add(cand[-1][1])
        else:
            lone_closes.append(at)
    last = len(lines) - 1
    out: list[Finding] = []
    # two lone closing quotes (or opening ones) in a line: one quote turned the wrong way
    # (一个”五讲四美”), one finding for the pair
    line_of = {at: k for k, at in closes} | {at: k for k, at in opens}
    turned: set[int] = set()
    for group, wrong_way in ((lone_closes, "close"), ([a for _, a in opens if a not in used], "open")):
        for x, y in zip(group, group[1:]):
            if x in turned or t[x] != t[y] or t[x] not in "“”‘’" or line_of[x] != line_of[y]:
                continue
            turned |= {x, y}
            good = (CLOSE[t[x]] + t[x]) if wrong_way == "close" else (t[x] + OPEN[t[x]])
            out.append(Finding(
                rule="language.punct_pairing", severity="minor",
                message=f"引号方向不对：前后两个都是“{t[x]}”，应为成对的“{good}”。",
                evidence=[_ev(report, x, y + 1)],
                suggestion=f"把其中一个改为“{good[0] if wrong_way == 'close' else good[1]}”。"))
    for k, at in opens:
        if at in turned:
            continue
        if at in used:
            continue
        if k >= last - 1 and not lines[last][1].rstrip().endswith(tuple(SENT_END)):
            continue        # the text ends mid-sentence (an excerpt): the pair may close later
        want = OPEN[t[at]]
        le = lines[k][0] + len(lines[k][1])
        out.append(Finding(
            rule="language.punct_pairing", severity="minor",
            message=f"{NAMES[t[at]]}“{t[at]}”只有前半，缺少与之成对的“{want}”。",
            evidence=[_ev(report, at, min(le, at + 16))],
            suggestion=f"补上“{want}”，或删去多余的“{t[at]}”。"))
    for at in lone_closes:
        if at in turned:
            continue
        want = CLOSE[t[at]]
        ls = t.rfind("\n", 0, at) + 1
        out.append(Finding(
            rule="language.punct_pairing", severity="minor",
            message=f"{NAMES[t[at]]}“{t[at]}”只有后半，缺少与之成对的“{want}”。",
            evidence=[_ev(report, max(ls, at - 15), at + 1)],
            suggestion=f"补上“{want}”，或删去多余的“{t[at]}”。"))
    for i, j in mism:
        out.append(Finding(
            rule="language.punct_pairing", severity="minor",
            message=(f"{NAMES[t[i]]}前后两半不一致：前半为“{t[i]}”，后半为“{t[j]}”。" if NAMES[t[i]] == NAMES[t[j]]
                     else f"前半“{t[i]}”与后半“{t[j]}”不成对（{NAMES[t[i]]}与{NAMES[t[j]]}混用）。"),
            evidence=[_ev(report, i, j + 1)],
            suggestion=f"改为成对的“{t[i]}{OPEN[t[i]]}”或“{CLOSE[t[j]]}{t[j]}”。"))
    out.sort(key=lambda f: f.evidence[0].start)
    return out[:CAP]


# -- punctuation: half-width marks and doubled marks -----------------------------------

HALF = re.compile(rf"(?<=[{CJK}”’）》])[,;:?!](?=[{CJK}“‘（《])")
# the same matches with the mark first and the look-behind after it (a pattern that starts with a
# look-behind is tried at every position; this one only at the marks)
_HALF = re.compile(rf"[,;:?!](?<=[{CJK}”’）》][,;:?!])(?=[{CJK}“‘（《])")
FULL_OF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


@rule("language.halfwidth_punct", severity="info",
      title="中文行文中使用半角标点",
      why="中文句子中应使用全角标点；半角逗号、分号、冒号夹在汉字之间，多为输入法未切换，排版时与全角标点宽度不一。",
      basis=PUNCT_BASIS + " 第5章（标点符号的位置和书写形式）",
      example="全面推进依法行政，加快建设法治政府,深化“放管服”改革。")
def halfwidth_punct(report: Report, config: Config) -> Iterable[Finding]:
    t = report.text
    hits = list(_HALF.finditer(t))
    if not hits:
        return
    # a text with more half-width than full-width commas went through a width normalisation
    # (NFKC) on its way here: the drafter's slips are half-width marks among full-width ones
    if t.count("，") < t.count(","):
        return
    marks = "".join(dict.fromkeys(m.group() for m in hits))
    yield Finding(
        rule="language.halfwidth_punct", severity="info",
        message=f"中文句子中有{len(hits)}处半角标点（{'、'.join('“' + c + '”' for c in marks)}），应为全角。",
        evidence=[_context(report, m.start(), m.end(), 4, 4) for m in hits[:5]],
        suggestion="改为全角：" + "，".join(f"“{c}”改“{FULL_OF[c]}”" for c in marks) + "。",
        data={"count": len(hits)})


DOUBLED = re.compile(r"([，。、；：！？])(?=[，。、；：])")


@rule("language.doubled_punct", severity="minor",
      title="标点重复",
      why="同一位置连用两个点号（。。、，，、，。），是录入或删改时留下的差错。",
      basis=PUNCT_BASIS + " 4.1—4.7（点号的用法）",
      example="全年办理行政复议案件12件，，均按期办结。")
def doubled_punct(report: Report, config: Config) -> Iterable[Finding]:
    t = report.text
    out = []
    i = 0
    for m in DOUBLED.finditer(t):
        if m.start() < i:
            continue
        j = m.start()
        while j < len(t) and t[j] in "，。、；：！？":
            j += 1
        i = j
        pair = t[m.start():j]
        if len(set(pair)) == 1 and pair[0] in "！？":
            continue            # ！！ ？？ is emphasis, not a slip
        out.append(Finding(
            rule="language.doubled_punct", severity="minor",
            message=f"标点“{pair}”重复。",
            evidence=[_context(report, m.start(), j)],
            suggestion="只保留一个恰当的标点。"))
        if len(out) >= CAP:
            break
    return out


# -- numbers ------------------------------------------------------------------------------

_NUM_X = "二〇零一三四五六七八九0OoО"      # the characters of a year written with a mixed 〇/0
_NUM_D = "〇零一二三四五六七八九"
# Three forms; each alternative's look-behind comes after the first character, so that the
# pattern starts with a character class and `re` skips to the candidates instead of trying every
# position (same matches as the plain form kept in tests/test_checks_language.py):
#   (?<![\d.])\d+(?:\.\d+)?万\d+[千百](?:余|多)?                                1万2千
#   (?<![\d.万])\d+(?:\.\d+)?[千百](?![米克瓦伏帕兆赫分])(?:余|多)?                3千余件
#   (?<![〇零一二三四五六七八九\d])(?=X{4}年)(?=[^\n]{0,4}[0OoО])(?=[^\n]{0,4}[D])X{4}年   二0二三年
MIXED = re.compile(
    rf"[\d{_NUM_X}](?:"
    r"(?<=\d)(?<![\d.]\d)\d*(?:\.\d+)?万\d+[千百](?:余|多)?"
    r"|(?<=\d)(?<![\d.万]\d)\d*(?:\.\d+)?[千百](?![米克瓦伏帕兆赫分])(?:余|多)?"
    rf"|(?<=[{_NUM_X}])(?<![{_NUM_D}\d][{_NUM_X}])(?:(?<=[0OoО])|(?=[{_NUM_X}]{{0,2}}[0OoО]))"
    rf"(?:(?<=[{_NUM_D}])|(?=[{_NUM_X}]{{0,2}}[{_NUM_D}]))[{_NUM_X}]{{3}}年)")


# MIXED's two families apart: at one position at most one of them matches (a year's four
# characters hold no 万/千/百/. after a run of digits), so `_mixed` merging their scans in text
# order gives MIXED's matches. The year form is tried only four characters before each 年 (rx
# anchors) and only in texts holding one of 0OoО; the digit forms only at digits.
_MIXED_DIGITS = re.compile(
    r"\d(?:"
    r"(?<=\d)(?<![\d.]\d)\d*(?:\.\d+)?万\d+[千百](?:余|多)?"
    r"|(?<=\d)(?<![\d.万]\d)\d*(?:\.\d+)?[千百](?![米克瓦伏帕兆赫分])(?:余|多)?)")
_MIXED_YEAR = re.compile(
    rf"[{_NUM_X}](?:(?<=[{_NUM_X}])(?<![{_NUM_D}\d][{_NUM_X}])(?:(?<=[0OoО])|(?=[{_NUM_X}]{{0,2}}[0OoО]))"
    rf"(?:(?<=[{_NUM_D}])|(?=[{_NUM_X}]{{0,2}}[{_NUM_D}]))[{_NUM_X}]{{3}}年)")
_MIXED_YEAR_ANCHORS = anchors(_MIXED_YEAR)
# every digit-form match holds a digit right before 千 or 百 (1万2千, 3千, 2.5百): a text without one
# is not scanned for them
_DIGIT_HUNDRED = re.compile(r"\d[千百]")


def _mixed(t: str) -> Iterator[re.Match]:
    """MIXED.finditer(t)."""
    d = _MIXED_DIGITS.search(t) if ("千" in t or "百" in t) and _DIGIT_HUNDRED.search(t) else None
    years = finditer(_MIXED_YEAR, t, _MIXED_YEAR_ANCHORS) if any(c in t for c in "0OoО") else iter(())
    y = next(years, None)
    while d is not None or y is not None:
        m = d if y is None or (d is not None and d.start() < y.start()) else y
        assert m is not None
        yield m
        pos = m.end()
        if d is not None and d.start() < pos:
            d = _MIXED_DIGITS.search(t, pos)        # (None once no match is left)
        while y is not None and y.start() < pos:    # (year matches never overlap each other)
            y = next(years, None)


@rule("language.number_form", severity="info",
      title="数字写法混用",
      why="同一数字中阿拉伯数字与汉字数字混用（3千余件、1万2千、二0二三年）不符合出版物数字用法；"
          "阿拉伯数字只与“万”“亿”连用。",
      basis=NUMBER_BASIS + "（阿拉伯数字与汉字数字的选用）",
      example="全年开展普法活动3千余场。")
def number_form(report: Report, config: Config) -> Iterable[Finding]:
    out = []
    for m in _mixed(report.text):
        s = m.group()
        if s.endswith("年"):
            fix = "汉字年份中的“〇”不写作阿拉伯数字“0”或字母“O”，如“二〇二三年”，或全用阿拉伯数字“2023年”。"
        else:
            fix = "改用阿拉伯数字（如“3000余”）或阿拉伯数字加“万”“亿”（如“1.2万”）。"
        out.append(Finding(
            rule="language.number_form", severity="info",
            message=f"“{s}”中阿拉伯数字与汉字数字混用。",
            evidence=[_context(report, m.start(), m.end(), 4, 4)],
            suggestion=fix))
        if len(out) >= CAP:
            break
    return out


# -- repeated characters and words -------------------------------------------------------

# function characters that never stand twice in a row in formal prose (的的确确, 不了了之,
# 和和美美 are words, excluded)
# (one character doubled is mostly two words meeting: 目的的, 和和平, 参与与, 为了了解, 现在在押;
# only 的的 and 和和 outside those are slips)
REPEAT_CHAR = re.compile(r"(?<![目端])(的)\1(?!确)|(和)\2(?![平谐美气睦])")
# words of the genre a drafter types twice; any repeated run of 3+ characters is a slip too
WORDS2 = ("加强|推进|全面|深入|持续|不断|进一步|落实|完善|提升|建设|开展|坚持|推动|强化|健全|"
          "依法|法治|工作|行政|执法|规范|严格|切实|积极|认真|扎实|有效|各项|相关|有关|单位|部门|政府|"
          "对于|关于|通过|按照|根据")
REPEAT_WORD = re.compile(rf"([{CJK}]{{3,8}})\1|({WORDS2})\2")
# its two alternatives apart: each alone is found faster than the alternation (whose first
# branch is not a literal, so every branch is tried at every position); _repeats merges them
_REPEAT_RUN = re.compile(rf"([{CJK}]{{3,8}})\1")
_REPEAT_WORD2 = re.compile(rf"({WORDS2})\1")
# reduplicated measure words and phrases that are correct (一个一个, 一件一件, 一步一步…)
OK_REPEAT = re.compile(rf"^一[{CJK}]$")


def _square_starts(t: str) -> tuple[list[int], list[int]] | None:
    """(runs, words): the positions i where the 3 characters at i recur L = 3…8 characters later,
    and where the 2 at i recur L = 2 or 3 later — and a few more: the low bytes of the characters
    are compared, all positions at once (the bytes as one integer, XOR with itself shifted by L
    bytes: a zero byte is an equal pair, a run of zero bytes found by bytes.find). A unit of 3-8
    characters written twice (_REPEAT_RUN) starts at one of the runs, a word of 2-3 (_REPEAT_WORD2)
    at one of the words, so the patterns are tried only there instead of at every character.
    None when the text is not all in the BMP."""
    n = len(t)
    low = t.encode("utf-16-le", "surrogatepass")[::2]
    if len(low) != n or not n:
        return None
    a = int.from_bytes(low, "little")
    runs: set[int] = set()
    words: set[int] = set()
    for k in range(2, 9):
        x = (a ^ (a >> (8 * k))).to_bytes(n, "little")
        for zeros, found in ((b"\0\0\0", runs if k >= 3 else None), (b"\0\0", words if k <= 3 else None)):
            if found is None:
                continue
            i = x.find(zeros)
            while i >= 0:
                found.add(i)
                i = x.find(zeros, i + 1)
    return sorted(runs), sorted(words)


def _search_at(rx: re.Pattern, t: str, starts: list[int] | None, pos: int) -> re.Match | None:
    """rx.search(t, pos) when every match of rx starts at one of `starts` (None: search)."""
    if starts is None:
        return rx.search(t, pos)
    for i in starts[bisect.bisect_left(starts, pos):]:
        m = rx.match(t, i)
        if m is not None:
            return m
    return None


def _repeats(t: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, unit) of each REPEAT_CHAR match, then of each REPEAT_WORD match, exactly as
    their finditer would give them: 的的/和和 are looked for only where they occur, and
    REPEAT_WORD's two alternatives are searched apart and merged (at each position the first
    alternative wins, the next search starts at the end of the match taken), each only where a
    repeated unit starts (`_square_starts`: a unit of 3-8 characters repeats its first three, a
    word of 2-3 its first two)."""
    if "的的" in t or "和和" in t:
        for mc in REPEAT_CHAR.finditer(t):
            yield mc.start(), mc.end(), mc.group(1) or mc.group(2)
    squares = _square_starts(t)
    runs, words = squares if squares is not None else (None, None)
    pos = 0
    a = _search_at(_REPEAT_RUN, t, runs, 0)
    b = _search_at(_REPEAT_WORD2, t, words, 0)
    while a is not None or b is not None:
        m = a if b is None or (a is not None and a.start() <= b.start()) else b
        assert m is not None
        yield m.start(), m.end(), m.group(1)
        pos = m.end()
        if a is not None and a.start() < pos:
            a = _search_at(_REPEAT_RUN, t, runs, pos)
        if b is not None and b.start() < pos:
            b = _search_at(_REPEAT_WORD2, t, words, pos)


@rule("language.repeated_word", severity="minor",
      title="字词重复",
      why="同一个字或词紧挨着写了两遍（的的、进一步进一步），是录入或修改时留下的差错。",
      basis="公文校对惯例：字词衍文",
      example="进一步进一步规范行政执法行为。")
def repeated_word(report: Report, config: Config) -> Iterable[Finding]:
    out = []
    t = report.text
    seen: set[int] = set()
    for start, end, unit in _repeats(t):
        if OK_REPEAT.match(unit) or start in seen:
            continue
        if start >= 2 and t[start - 2] == t[start - 1]:
            continue        # AABB reduplication: 实实在在, 和和美美
        seen.add(start)
        out.append(Finding(
            rule="language.repeated_word", severity="minor",
            message=f"“{unit}”重复了一次。",
            evidence=[_context(report, start, end, 4, 4)],
            suggestion=f"删去多余的“{unit}”。"))
    out.sort(key=lambda f: f.evidence[0].start)
    return out[:CAP]


# -- typos from the confusion list ---------------------------------------------------------

_META = set("\\.^$*+?{}[]|()")


def _literal_cue(pattern: str) -> str:
    """Characters every match of `pattern` contains: its leading literal characters ("" when it
    has none, or an alternative at the top level). A text without them has no match, so the
    whole-text search is skipped (most catalogue patterns find nothing in most reports)."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return ""
        i += 1
    n = 0
    while n < len(pattern) and pattern[n] not in _META:
        n += 1
    if n < len(pattern) and pattern[n] in "*?{":
        n -= 1                              # the last character is optional or repeated
    return pattern[:max(n, 0)]


def _cue(pattern: str) -> tuple[str, ...] | None:
    """Strings of which every match of `pattern` contains one (`rx.cues`: it also reads
    alternatives and the literals after a class or a group, so `(?<!生态)环境保护局|(?<!生态)环保局`
    gives 环境保护局/环保局 where `_literal_cue` gives nothing); None when there are none."""
    return cues(pattern)


def _may_match(cue: tuple[str, ...] | None, text: str) -> bool:
    return may_match(cue, text)


@functools.lru_cache(maxsize=1)
def _typos() -> list[tuple[re.Pattern, dict, tuple[str, ...] | None, tuple[tuple[str, int, int], ...]]]:
    """(pattern, entry, cues, anchor) per typo: a text without the cues is skipped, and in the
    others the pattern is tried only where its anchor literal allows a match (`rx.finditer`)."""
    out = []
    for e in catalog.load("language").get("typos") or []:
        rx = re.compile(e["wrong"])
        out.append((rx, e, _cue(e["wrong"]), anchors(rx)))
    return out


@rule("language.typo", severity="minor",
      title="常见错别字",
      why="法治政府建设报告中常见的同音、形近错字（法治/法制、届/界、坚/艰、部署/布署等），按词表及其上下文规则判定。",
      basis="《现代汉语词典》（第7版）；《第一批异形词整理表》；本项目的常见错字词表（每条附上下文规则）",
      example="深入学习贯彻党的十九界五中全会精神，加快建设法制政府。")
def typo(report: Report, config: Config) -> Iterable[Finding]:
    out = []
    for rx, e, cue, anc in _typos():
        if not _may_match(cue, report.text):
            continue
        for m in finditer(rx, report.text, anc):
            right = e["right"]
            wrong = m.group()
            fixed = right if len(right) > 1 or len(wrong) == 1 else wrong[:-1] + right
            out.append(Finding(
                rule="language.typo", severity="minor",
                message=f"“{wrong}”应为“{fixed}”：{e['note']}。",
                evidence=[_context(report, m.start(), m.end(), 4, 4)],
                suggestion=f"改为“{fixed}”。",
                data={"wrong": wrong, "right": fixed, "source": e.get("source")}))
    out.sort(key=lambda f: f.evidence[0].start)
    return out[:CAP]


# -- standard names with dates -----------------------------------------------------------

def _ym(s) -> tuple[int, int]:
    y, _, m = str(s).partition("-")
    return int(y), int(m or 1)


@functools.lru_cache(maxsize=1)
def _names() -> list[dict]:
    out = []
    for e in catalog.load("language").get("names") or []:
        d = dict(e)
        d["rx"] = re.compile(e["pattern"])
        d["cue"] = _cue(e["pattern"])
        d["anchor"] = anchors(d["rx"])
        d["bad"] = [(rx, v, _cue(k), anchors(rx))
                    for k, v in (e.get("nonstandard") or {}).items() for rx in (re.compile(k),)]
        out.append(d)
    return out


@functools.lru_cache(maxsize=1)
def _renamed() -> list[dict]:
    return [dict(e, rx=rx, cue=_cue(e["old"]), anchor=anchors(rx))
            for e in catalog.load("language").get("renamed") or [] for rx in (re.compile(e["old"]),)]


# a mention looking forward to a meeting ("迎接党的二十大胜利召开") is not a citation of it
FORWARD = re.compile(r"迎接|喜迎|即将|将要|筹备|召开前|前夕|之际")
# a body named as what it was ("原县环保局", "机构改革前的国土资源局")
HISTORIC = re.compile(r"原|更名|改革|组建|整合|划转|划入|撤并|撤销|合并|前身|挂牌")
BOOK_GOV_OUTLINE = re.compile(r"《法治政府建设实施纲要》")
BOOK_CHINA_PLAN = re.compile(r"《法治中国建设规划》")
BOOK_SOCIETY_OUTLINE = re.compile(r"《法治社会建设实施纲要》")
_DASH = "[—－\\-–~～至到]{1,2}"


def _written_by(year: int) -> tuple[int, int]:
    """A report on `year` is written by April of the next year (it is due by the end of March)."""
    return year + 1, 4


@rule("language.standard_name", severity="info",
      title="规范表述不准确",
      why="党的会议、重要思想、中央文件和机构名称有规范写法；写错、写简或用已撤销的机构名称，说明报告未经认真校核。",
      basis="党的会议和中央文件的正式名称；《深化党和国家机构改革方案》（2018年）",
      example="深入学习贯彻习近平法制思想，认真落实《法治政府建设实施纲要》。",
      severities=("minor", "info"))
def standard_name(report: Report, config: Config) -> Iterable[Finding]:
    t = report.text
    out: list[Finding] = []
    for e in _names():
        for rx, fix, cue, anc in e["bad"]:
            if not _may_match(cue, t):
                continue
            for m in finditer(rx, t, anc):
                right = m.expand(fix) if "\\" in fix else fix
                out.append(Finding(
                    rule="language.standard_name", severity="minor",
                    message=f"“{m.group()}”不是规范表述，应为“{right}”。",
                    evidence=[_ev(report, m.start(), m.end())],
                    suggestion=f"改为“{right}”（{e['source']}）。",
                    data={"name": e["id"], "right": right}))
        exact = e.get("exact")
        if exact and _may_match(e["cue"], t):
            core = exact[1:exact.index("（")]
            years = re.findall(r"\d{4}", exact)
            # (spaces are not judged: conversions insert and drop them; nor a lost dash,
            # "20212025年": crawls drop the dash of a year range)
            ok = re.compile(rf"《\s*{core}\s*[（(]\s*{years[0]}\s*(?:{_DASH})?\s*{years[1]}\s*年?\s*[）)]\s*》")
            for m in finditer(e["rx"], t, e["anchor"]):
                if ok.fullmatch(m.group()):
                    continue
                out.append(Finding(
                    rule="language.standard_name", severity="info",
                    message=f"“{m.group()}”与文件名称“{exact}”不一致。",
                    evidence=[_ev(report, m.start(), m.end())],
                    suggestion=f"按正式名称写作“{exact}”。",
                    data={"name": e["id"], "right": exact}))
    R = report.meta.report_year
    for rx, exact_new, exact_old in (
            (BOOK_GOV_OUTLINE, "《法治政府建设实施纲要（2021—2025年）》", "《法治政府建设实施纲要（2015—2020年）》"),
            (BOOK_CHINA_PLAN, "《法治中国建设规划（2020—2025年）》", None),
            (BOOK_SOCIETY_OUTLINE, "《法治社会建设实施纲要（2020—2025年）》", None)):
        for m in rx.finditer(t):
            if re.search(r"[省市县区州]|各级|有关|系列", t[max(0, m.start() - 4):m.start()]):
                continue        # "中央和省《…纲要》": the documents of several levels, not one title
            right = exact_new if (exact_old is None or (R is not None and R >= 2021)) else \
                (exact_old if R is not None else None)
            if right is None:
                continue            # which edition is meant depends on the year, which is unknown
            out.append(Finding(
                rule="language.standard_name", severity="info",
                message=f"“{m.group()}”省略了年份，正式名称为“{right}”。",
                evidence=[_ev(report, m.start(), m.end())],
                suggestion=f"首次引用时写全称“{right}”。",
                data={"right": right, "truncated": True}))
    out.sort(key=lambda f: f.evidence[0].start)
    return out[:CAP]


@rule("language.name_anachronism", severity="minor",
      title="名称与报告年度不符",
      why="报告引用了报告年度时尚未召开的会议、尚未提出的思想或尚未印发的文件，或把2018年机构改革后已不存在的机构"
          "当作现有机构，说明年度有误或套用了其他年份的文本。",
      basis="党的会议和中央文件的时间；《深化党和国家机构改革方案》（2018年）",
      example="2019年度报告写“深入学习贯彻党的十九届五中全会精神”（2020年10月召开）；"
              "2023年度报告写“县法制办负责合法性审核”。")
def name_anachronism(report: Report, config: Config) -> Iterable[Finding]:
    R = report.meta.report_year
    if R is None or not is_report(report):
        return []
    t = report.text
    out: list[Finding] = []
    limit = _written_by(R)
    for e in _names():
        vf = e.get("valid_from")
        if not vf or _ym(vf) <= limit or not _may_match(e["cue"], t):
            continue
        for m in finditer(e["rx"], t, e["anchor"]):
            a, _b = sentence_bounds(t, m.start())
            if FORWARD.search(t[max(a, m.start() - 20):m.start()]):
                continue
            y, mo = _ym(vf)
            out.append(Finding(
                rule="language.name_anachronism", severity="minor",
                message=f"报告年度为{R}年，却提到{y}年{mo}月才有的“{e['name']}”。",
                evidence=[_ev(report, m.start(), m.end())],
                suggestion="核对报告年度，或核对这段文字是否取自其他年份的报告。",
                data={"name": e["id"], "valid_from": str(vf), "report_year": R}))
            break       # one mention per name is enough
    for e in _renamed():
        vt = _ym(e["valid_to"])
        if R <= vt[0] or not _may_match(e["cue"], t):
            continue
        for m in finditer(e["rx"], t, e["anchor"]):
            a, b = sentence_bounds(t, m.start())
            if HISTORIC.search(t[max(a, m.start() - 6):m.start()]) or HISTORIC.search(t[a:b]):
                continue
            out.append(Finding(
                rule="language.name_anachronism", severity="minor",
                message=f"报告年度为{R}年，“{m.group()}”已在{vt[0]}年机构改革中撤并，现为{e['right']}。",
                evidence=[_ev(report, m.start(), m.end())],
                suggestion=f"改用现在的机构名称（{e['right']}）；如指改革前的机构，写作“原{m.group()}”。",
                data={"old": m.group(), "right": e["right"], "report_year": R}))
            break
    out.sort(key=lambda f: f.evidence[0].start)
    return out
