"""The fixed wording of a review opinion, the same in Word, HTML and Markdown: title lines,
salutation, opening paragraph, summary sentence, numbered chapters, the note under the indicator
table, signature and date lines."""
from __future__ import annotations

import re

from ..labels import SEVERITY_NAMES
from ..zh.years import ARABIC_YEAR
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


TITLE_LINE_CHARS = 22     # characters of a 2号 title line on an A4 公文 page (GB/T 9704: 28 mm/26 mm margins)


def title_lines(title: str, width: int = TITLE_LINE_CHARS) -> list[str]:
    """The opinion's title in lines that break where the meaning breaks — after 关于, after the
    place and year, before 的审核意见 — never inside a word (Word would break "审/核")."""
    if len(title) <= width:
        return [title]
    breaks = set()
    for m in re.finditer(rf"关于(?=《)|{ARABIC_YEAR}年度?|法治政府建设|》(?=的审核意见)|\s+|"
                         r"(?:人民政府|委员会|县|区|市|州|盟|旗|省|局|厅|委|办)(?=\d|关于|\s)", title):
        breaks.add(m.end())
    cuts = sorted(c for c in breaks if 0 < c < len(title))
    lines, start = [], 0
    while len(title) - start > width:
        fit = [c for c in cuts if start + 6 <= c <= start + width]     # no 2-character line
        if fit:
            end = fit[-1]
        else:      # no meaning break fits: the last place that splits no number and no bracket
            end = next((p for p in range(start + width, start + 5, -1)
                        if not (title[p - 1].isdigit() and title[p].isdigit())
                        and title[p] not in "》）」，、。" and title[p - 1] not in "《（「"), start + width)
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
