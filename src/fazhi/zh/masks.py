"""Masked names and figures: the placeholders a 范文 / template copy leaves where a real report
names its place, people or figures (XX县, x镇, ××, ***县, *乡, 20xx年, x01x年, ○○县, __县, 20__年, 某县).

One definition for every module that asks "is this masked?": the provenance rule (findings),
the document-kind classifier, place resolution and the corpus (a masked place names no place).
Patterns run on the normalised view (half-width), so full-width Ｘ/＊ are already folded.
"""
from __future__ import annotations

import re

from ..textnorm import normalize_view
from .cjk import CJK

# suffixes after which a single placeholder letter or star stands for a name (x镇, X县, *乡)
_SUFFIX = r"(?:省|市|州|盟|县|旗|区|镇|乡|村|街道|社区|局|委|厅|办)"

MASK_RX = re.compile(
    rf"(?<![{CJK}*])\*{{2,}}(?!\*)"                              # ***, ****** (***县, 联系人:***)
    rf"|(?<=[{CJK}])\*{{2,}}(?!\*)(?![ \t]*(?:\n|$|—|-))"        # 召开会议**次; not a footnote
                                                                # mark after a name (张三**⏎, 根基**——)
    rf"|(?<=[{CJK}])\*(?=[{CJK}])"                              # 区*长
    rf"|\*(?={_SUFFIX})"                                        # *乡 (after a comma, a space…)
    r"|(?<![A-Za-z0-9])[xX×]{2,}(?![A-Za-z0-9])"                # XX县, xx同志, ××
    r"|(?<![A-Za-z0-9])(?:19|20)\d?[xX×]{1,2}(?=\s*年)"         # 20xx年, 201x年
    r"|(?<![A-Za-z])[xX]\d{1,3}[xX](?![A-Za-z])"                # x01x
    rf"|(?<![A-Za-z0-9.])[xX×](?={_SUFFIX})"                    # X镇, x县
    r"|(?<![〇○零一二三四五六七八九十])[〇○]{2,}(?![〇○零一二三四五六七八九十年])"   # ○○县
    rf"|(?<=[{CJK}])_{{2,}}(?!_)|(?<![_\w])_{{2,}}(?=[{CJK}])"   # 以____思想, __县 (a blank to fill;
                                                                # not a rule line of underscores)
    r"|(?<![A-Za-z0-9])(?:19|20)\d?_{1,2}(?=\s*年)")            # 20__年

# every MASK_RX match starts with one of these characters, or with the 19/20 of a masked year
# (20xx, 201x, 20__: the only alternatives that start with a digit, two or three characters before
# their first x or _); MASK_RX starts with look-behinds, so re would try it at every position of the text
_MASK_FIRST = re.compile(r"[*xX×〇○_]")


# 某县, 某某镇: a placeholder in words. Real reports use 某 in case stories too (某公司, 某村村民),
# so this one counts only where the reporter is named (title, opening sentence) and in names.
SOME_RX = re.compile(rf"某{{1,2}}(?={_SUFFIX}|单位|部门)")


# what follows a placeholder that stands for a figure (召开会议**次, 办理案件××件, 占比XX%): the
# counter unit of a count, a percent sign, or 余/多 before the unit
_FIGURE_AFTER = re.compile(r"\s*(?:余|多)?\s*(?:人次|万元|亿元|[次件个人家项场名户条篇期批所起宗份部台辆%‰万亿元])")


def is_figure_mask(norm: str, m: re.Match) -> bool:
    """A placeholder that stands for a figure (召开会议**次, 占比xx%), not for a name or a year."""
    return bool(_FIGURE_AFTER.match(norm, m.end()))


def mask_hits(norm: str) -> list[re.Match]:
    """Exactly MASK_RX.finditer(norm), tried only where a match can start: at the characters of
    _MASK_FIRST, and at a 1 or 2 two or three characters before an x (in text order)."""
    hits: list[re.Match[str]] = []
    pos = 0
    tried = -1                                  # the last start tried
    while True:
        c = _MASK_FIRST.search(norm, pos)
        if c is None:
            return hits
        p = c.start()
        m = None
        if norm[p] in "xX×_":
            for s in (p - 3, p - 2):            # a masked year's 19/20
                if s >= pos and s > tried and norm[s] in "12":
                    tried = s
                    m = MASK_RX.match(norm, s)  # look-behinds see the text before the position
                    if m is not None and m.end() > m.start():
                        break
                    m = None
        if m is None:
            tried = p
            m = MASK_RX.match(norm, p)
            if m is None or m.end() <= m.start():
                pos = p + 1
                continue
        hits.append(m)
        pos = m.end()


def is_masked(name: str | None) -> bool:
    """A masked name (某某县, XX市, ***乡, x镇) names no place or organ."""
    if not name:
        return False
    s = normalize_view(name)
    return bool(MASK_RX.search(s) or "某" in s)


def masked_in(s: str) -> int:
    """Placeholders in s, 某-style ones included (for short spans: a title, an opening sentence)."""
    return len(mask_hits(s)) + len(SOME_RX.findall(s))
