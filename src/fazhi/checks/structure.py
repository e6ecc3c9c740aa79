"""Structure rules: the statutory parts and the heading numbering."""
from __future__ import annotations

import functools
import re
from typing import Iterable

from ..classify.parts import part_sections
from ..config import Config
from ..labels import NUMBERING_NAMES
from ..model import Finding, Report, Section
from .common import (PART_NAMES, ev, heading_ev, heading_text, is_report,
                     span_text, statutory_parts)
from ..textnorm import shorten as short
from .registry import rule
from ..zh.numerals import NUMERAL_CHARS, ONE_TO_TEN, cn_number, numeral

BASIS_PARTS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）关于年度报告内容的规定"
def _reviewable(report: Report) -> bool:
    """Structure rules need a heading tree with statutory parts assigned, and a report."""
    if not is_report(report):
        return False
    if not report.sections:
        return False
    return any(s.part for s in report.all_sections())


def _presence(report: Report) -> tuple[set[str], dict[str, list[Section]]]:
    """(parts present as top-level sections, part -> nested sections carrying it). A section
    whose heading names two parts ("三、存在问题及下一步打算") counts for both (Section.parts)."""
    top = {p for s in report.sections for p in s.covers()}
    # a run of top-level sections named after 纲要 task areas is the 'measures' part
    if any(s.areas and s.part in (None, "measures") for s in report.sections):
        top.add("measures")
    nested: dict[str, list[Section]] = {}
    for t in report.sections:
        for s in t.walk():
            if s is not t:
                for p in s.covers():
                    nested.setdefault(p, []).append(s)
    return top, nested


def _required(config: Config) -> list[dict]:
    want = config.get("rules.required_parts")
    parts = [p for p in statutory_parts() if p.get("required")]
    if want:
        parts = [p for p in statutory_parts() if p["id"] in want]
    return parts


@rule("structure.missing_part", severity="major",
      title="缺少法定内容",
      why="年度报告应当包括上一年度主要举措和成效、存在的不足和原因、党政主要负责人履行推进法治建设"
          "第一责任人职责情况、下一年度主要安排；缺少任何一项，报告不完整，督察时会被要求补报。",
      basis=BASIS_PARTS,
      example="报告只有“一、依法全面履行政府职能……八、组织保障和落实机制”，没有“存在的不足”和“下一年度安排”。")
def missing_part(report: Report, config: Config) -> Iterable[Finding]:
    """Not on a text cut short (a page opening, an excerpt): a part not seen there may follow the
    cut, so the reviewer would withdraw the finding (structure.text_cut_short says so instead)."""
    if not _reviewable(report) or cut_short(report):
        return
    top, nested = _presence(report)
    headings = [heading_ev(report, s) for s in report.sections][:12]
    listed = "、".join(f"“{short(e.quote.strip(), 20)}”" for e in headings[:8])
    for p in _required(config):
        pid = p["id"]
        if pid in top or pid in nested:
            continue
        name = PART_NAMES.get(pid, p.get("official", pid))
        yield Finding(
            rule="structure.missing_part", severity=p.get("missing_severity", "major"),
            message=f"报告缺少法定内容“{name}”。{BASIS_PARTS}要求年度报告写明"
                    f"“{p.get('official', name)}”，而报告的一级标题（{listed}）中没有这一部分。",
            evidence=headings,
            suggestion=f"增设一级标题“{p.get('official', name)}”，如实报告这部分内容。",
            data={"part": pid})


@rule("structure.text_cut_short", severity="info",
      title="文本不完整，法定内容无法核对",
      why="文本在句中或标题处截断（网页摘录、转载不全），其后的内容缺失：截断处之前未见的法定内容可能"
          "在截断处之后，既不能认定缺少，也不能认定齐全，应取得报告全文后再审。",
      basis=BASIS_PARTS,
      example="网页只显示“一、主要举措和成效”下的前几段，最后一句“全年共办理行政复议案件”没有写完。")
def text_cut_short(report: Report, config: Config) -> Iterable[Finding]:
    if not _reviewable(report) or not cut_short(report):
        return
    top, nested = _presence(report)
    unseen = [p["id"] for p in _required(config) if p["id"] not in top and p["id"] not in nested]
    if not unseen:
        return
    names = "、".join(f"“{PART_NAMES.get(pid, pid)}”" for pid in unseen)
    evidence = [ev(report, *ll)] if (ll := _last_line(report)) else []
    yield Finding(
        rule="structure.text_cut_short", severity="info",
        message=f"文本在句中或标题处截断，其后的内容缺失；截断处之前未见法定内容{names}，"
                f"可能在截断处之后，无法核对是否齐全。",
        evidence=evidence,
        suggestion="取得报告全文（原发布机关网站或正式文件）后再审核法定内容。",
        data={"unseen_parts": unseen})


@rule("structure.part_nested", severity="minor",
      title="法定内容未单列",
      why="法定内容只作为某一部分下的小节出现，没有单列为一部分，审阅者不易找到，也说明报告没有按规定的结构组织。",
      basis=BASIS_PARTS,
      example="“(一)党政主要负责人履行推进法治建设第一责任人职责情况”放在“一、工作开展情况”之下。")
def part_nested(report: Report, config: Config) -> Iterable[Finding]:
    if not _reviewable(report):
        return
    top, nested = _presence(report)
    for p in _required(config):
        pid = p["id"]
        if pid in top or pid not in nested:
            continue
        secs = nested[pid]
        name = PART_NAMES.get(pid, pid)
        first = heading_text(report, secs[0])
        yield Finding(
            rule="structure.part_nested", severity="minor",
            message=f"法定内容“{name}”没有单列为一部分，只在小标题“{short(first, 40)}”下出现。",
            evidence=[heading_ev(report, s) for s in secs[:5]],
            suggestion=f"将“{name}”单列为报告的一级标题（如“X、{p.get('official', name)}”）。",
            data={"part": pid})


CAUSE_EXTRA = ["由于", "导致", "主要是因为", "根源", "因为", "原因是", "归因于", "受制于", "造成", "致使",
               "源于", "究其"]
# a change named as the origin of a problem: "综合行政执法体制改革后，……出现了素质不高……现象"
CAUSE_RX = re.compile(r"(?:改革|调整|下放|合并|组建|划转|撤并|整合)后[^。;；]{0,80}(?:出现|产生|形成)"
                      # other ways reports state a cause: 受机构改革影响 / 与编制调整滞后有关 /
                      # 归根结底在于 / 主观上…客观上…
                      r"|受[^。;；，,]{1,16}(?:影响|制约|限制)|与[^。;；]{1,24}(?:有关|有很大关系|密切相关)"
                      r"|(?:根本|主要|症结|归根结底)在于|归根结底|受限于|缘于|[主客]观上|[主客]观方面")


def _cause_cues() -> list[str]:
    for p in statutory_parts():
        if p["id"] == "shortcomings":
            return list(p.get("cause_cues", [])) + CAUSE_EXTRA
    return ["原因"] + CAUSE_EXTRA


@rule("structure.shortcomings_without_causes", severity="minor",
      title="只列问题、未分析原因",
      why="规定要求报告“存在的不足和原因”；只罗列问题、不分析原因，整改就无从着手，也不符合报告内容要求。",
      basis=BASIS_PARTS,
      example="“二、存在的问题：一是群众法治观念仍需提高……二是工作力量薄弱……”，全文没有“原因”。")
def shortcomings_without_causes(report: Report, config: Config) -> Iterable[Finding]:
    if not _reviewable(report):
        return
    found = part_sections(report, "shortcomings")
    if not found:
        return
    secs = [s for s, _, _ in found]
    spans = [(a, b) for _, a, b in found]
    text = span_text(report, spans)
    if len(re.sub(r"\s", "", text)) < 20:
        return
    if any(c in text for c in _cause_cues()) or CAUSE_RX.search(text):
        return
    yield Finding(
        rule="structure.shortcomings_without_causes", severity="minor",
        message="“存在的不足”部分只列举了问题，没有分析产生问题的原因（未见“原因”“由于”“导致”等表述），"
                "不符合“存在的不足和原因”的报告要求。",
        evidence=[heading_ev(report, s) for s in secs[:3]],
        suggestion="在每项不足之后写明主客观原因（如“究其原因，主要是……”），并与下一年度安排相对应。",
        data={"part": "shortcomings"})


# -- heading numbering ----------------------------------------------------------------
CN_NUM = NUMERAL_CHARS
_KINDS = [
    ("inline", re.compile(rf"^[{CN_NUM}]+是")),
    ("ordinal_cn", re.compile(rf"^第[{CN_NUM}]+[,，、:：]?")),
    ("paren_cn", re.compile(rf"^[(（][{CN_NUM}]+[)）]")),
    ("cn_dun", re.compile(rf"^[{CN_NUM}]+\s*[、.．]")),
    ("paren_arabic", re.compile(r"^[(（]\d+[)）]")),
    ("arabic_dot", re.compile(r"^\d+\s*[.．、](?!\d)")),
    ("circled", re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]")),
]
# GB/T 9704-2012 body levels: 一、 → （一） → 1. → （1）
RANK = {"cn_dun": 1, "paren_cn": 2, "arabic_dot": 3, "paren_arabic": 4}
TEMPLATE = {"cn_dun": "{}、", "paren_cn": "({})", "arabic_dot": "{}.", "paren_arabic": "({})",
            "inline": "{}是", "ordinal_cn": "第{}"}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _kind(s: Section) -> str | None:
    if not s.number:
        return None
    return _marker_kind(_shown(s)) or s.style


@functools.lru_cache(maxsize=1024)
def _marker_kind(n: str) -> str | None:
    """The kind of a marker as written (一、 （一） 1. …), None for none of _KINDS: the markers
    recur across reports, so each is matched once per process."""
    for k, rx in _KINDS:
        if rx.match(n):
            return k
    return None


def _cn_value(s: str) -> int | None:
    return None if "百" in s else cn_number(s)


def _ordinal(s: Section) -> int | None:
    if s.ordinal is not None:
        return s.ordinal
    if not s.number:
        return None
    n = s.number
    m = re.search(r"\d+", n)
    if m:
        return int(m.group())
    m = re.search(rf"[{CN_NUM}]+", n)
    if m:
        return _cn_value(m.group())
    for ch in n:
        if ch in _CIRCLED:
            return _CIRCLED.index(ch) + 1
    return None


def _marker(kind: str, i: int) -> str:
    tpl = TEMPLATE.get(kind, "{}")
    num = str(i) if kind in ("arabic_dot", "paren_arabic") else numeral(i)
    if kind == "circled":
        return _CIRCLED[i - 1] if 0 < i <= len(_CIRCLED) else str(i)
    return tpl.format(num)


def _where(report: Report, parent: Section | None) -> str:
    if parent is None:
        return "一级标题"
    return f"“{short(heading_text(report, parent), 24)}”下的小标题"


def _shown(s: Section) -> str:
    """The marker as written, for a message (a section with a marker kind has one)."""
    return (s.number or "").strip()


def _earlier_markers_fused(report: Report, parent: Section | None, s: Section, kind: str, o: int) -> bool:
    """True when the markers before s stand in the text between its parent's start and s — a
    heading fused with its first items ("四、2024年工作安排一是…；二是…") is not a gap."""
    if parent is None:
        return False
    seg = report.norm[parent.start:s.start]
    return all(_marker(kind, i) in seg for i in range(1, o))


def _group_anomalies(report: Report, parent: Section | None, group: list[Section]):
    """Yield (kind, section, message) for numbering anomalies among siblings."""
    numbered = [(s, _kind(s), _ordinal(s)) for s in group]
    by_kind: dict[str, list[tuple[Section, int]]] = {}
    for s, k, o in numbered:
        if k and o is not None and k != "unnumbered":
            by_kind.setdefault(k, []).append((s, o))
    where = _where(report, parent)
    for k, seq in by_kind.items():
        prev = None
        for s, o in seq:
            if prev is None:
                if o > 1 and not _earlier_markers_fused(report, parent, s, k, o):
                    missing = "".join(_marker(k, i) for i in range(1, min(o, 8)))
                    yield ("skip", s, f"{where}编号从“{_shown(s)}”开始，缺少“{missing}”。")
            else:
                ps, po = prev
                if o == po + 1:
                    pass
                elif o > po + 1:
                    missing = "".join(_marker(k, i) for i in range(po + 1, min(o, po + 8)))
                    yield ("skip", s, f"{where}编号从“{_shown(ps)}”跳到“{_shown(s)}”，"
                                      f"缺少“{missing}”。")
                elif o == po:
                    if k != "inline":
                        yield ("repeat", s, f"{where}编号“{_shown(s)}”重复出现。")
                elif o == 1:
                    if k != "inline":
                        yield ("restart", s, f"{where}编号在“{_shown(ps)}”之后又从"
                                             f"“{_shown(s)}”重新开始。")
                else:
                    if k != "inline":
                        yield ("repeat", s, f"{where}编号在“{_shown(ps)}”之后倒退为“{_shown(s)}”。")
            prev = (s, o)
    # unnumbered headings among numbered siblings (same tree level)
    hierarchical = [s for s, k, o in numbered if k in RANK]
    unnumbered = [s for s, k, o in numbered if k is None and s.heading.strip()]
    if len(hierarchical) >= 2 and unnumbered:
        for s in unnumbered:
            yield ("unnumbered_sibling", s, f"{where}中有编号的与无编号的标题混用，"
                                            f"“{short(heading_text(report, s), 30)}”没有编号。")
    # a level skipped: "一、" directly followed by "1." without "（一）"
    if parent is not None:
        pk = _kind(parent)
        if pk in RANK:
            for s, k, o in numbered:
                if k in RANK and RANK[k] > RANK[pk] + 1:
                    between = [kk for kk, r in RANK.items() if RANK[pk] < r < RANK[k]]
                    yield ("level_jump", s,
                           f"“{short(heading_text(report, parent), 24)}”下直接使用“{_shown(s)}”一级编号，"
                           f"跳过了“{_marker(between[0], 1)}”这一层级。")
                    break


@rule("structure.heading_numbering", severity="minor",
      title="标题编号跳号、重号或层级混乱",
      why="标题编号缺号、重号、中途重新编号、越级或有编号与无编号混用，说明报告内容有缺漏或拼接痕迹，"
          "也不符合公文格式要求。",
      basis="GB/T 9704—2012《党政机关公文格式》结构层次序数（一、（一）1.（1））",
      example="“二、存在的不足”下的小标题从“(三)”开始，前面没有“(一)”“(二)”。")
def heading_numbering(report: Report, config: Config) -> Iterable[Finding]:
    if not report.sections or not is_report(report):
        return
    seen: dict[str, set[str]] = {}
    msgs: list[tuple[str, Section, str]] = []

    def visit(parent: Section | None, group: list[Section]) -> None:
        for kind, s, msg in _group_anomalies(report, parent, group):
            if kind not in seen.setdefault(s.id, set()):
                seen[s.id].add(kind)
                msgs.append((kind, s, msg))
        for s in group:
            if s.children:
                visit(s, s.children)

    visit(None, report.sections)
    # anomalies the heading parser recorded that the ordinals above do not show
    names = NUMBERING_NAMES
    parents = {c.id: p for p in report.all_sections() for c in p.children}
    for s in report.all_sections():
        for kind in s.numbering:
            if kind == "skip" and (sk := _kind(s)) and (so := _ordinal(s)) and \
                    _earlier_markers_fused(report, parents.get(s.id), s, sk, so):
                continue          # the earlier items are fused into the parent heading's line
            if kind == "unnumbered_sibling" and not _numbered_siblings(report, parents.get(s.id), s):
                continue          # its siblings carry no hierarchical number either (【】 headings)
            if kind in names and kind not in seen.setdefault(s.id, set()):
                seen[s.id].add(kind)
                msgs.append((kind, s, f"标题“{short(heading_text(report, s), 30)}”{names[kind]}。"))
    # one finding per anomaly kind and sibling group
    groups: dict[tuple[str, str], list[tuple[Section, str]]] = {}
    parent_of = {id(c): p.id for p in reversed(list(report.all_sections())) for c in p.children}  # one pass
    for kind, s, msg in msgs:
        parent = parent_of.get(id(s), "")
        groups.setdefault((kind, parent), []).append((s, msg))
    for (kind, _), items in groups.items():
        severity = "minor"
        if kind == "unnumbered_sibling":
            message = items[0][1].split("，")[0].rstrip("。") + "，以下标题没有编号：" + "、".join(
                f"“{short(heading_text(report, s), 20)}”" for s, _ in items[:6]) + "。"
        else:
            message = "".join(m for _, m in items[:6])
        yield Finding(
            rule="structure.heading_numbering", severity=severity,
            message=message,
            evidence=[heading_ev(report, s) for s, _ in items[:10]],
            suggestion="核对该处是否漏写或删去了内容；按“一、（一）1.（1）”的层次连续编号，同级标题统一编号。",
            data={"anomaly": kind, "sections": [s.id for s, _ in items]})


def _numbered_siblings(report: Report, parent: Section | None, s: Section) -> bool:
    """Whether at least two of the siblings of `s` carry a GB/T 9704 number (一、（一）1.（1）)."""
    group = parent.children if parent is not None else report.sections
    return sum(1 for x in group if x is not s and _kind(x) in RANK) >= 2


def _parent_id(report: Report, target: Section) -> str:
    for s in report.all_sections():
        if any(c is target for c in s.children):
            return s.id
    return ""


# -- formal elements: title, signature organ (落款), date --------------------------------------
BASIS_FORMAT = "GB/T 9704—2012《党政机关公文格式》：公文由标题、正文、发文机关署名、成文日期等要素组成"
_SENTENCE_STOP = "。！？!?；;…"
_CLOSERS = "”’）)】」"
# the last sentence of a line is a numbered heading: …述法全覆盖。 (二)全面推进政府职能转变。
_LAST_HEADING = re.compile(rf"(?:^|[。；;!！?？]\s*)(?:[(（][{ONE_TO_TEN}\d]{{1,3}}[)）]|"
                           rf"[{ONE_TO_TEN}]{{1,3}}、)[^。；;!！?？]{{2,40}}[。]?$")
_ELEMENT_NAMES = {"title": "标题", "signature": "落款（发文机关署名）", "report_date": "成文日期"}


def _last_line(report: Report) -> tuple[int, int] | None:
    """Span of the last non-empty line of the text."""
    text = report.text
    end = len(text.rstrip())
    if end == 0:
        return None
    start = text.rfind("\n", 0, end) + 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _first_line(report: Report) -> tuple[int, int] | None:
    text = report.text
    start = len(text) - len(text.lstrip())
    if start >= len(text):
        return None
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return start, min(len(text[:end].rstrip()), start + 60)


def cut_short(report: Report) -> bool:
    """The text stops in mid-sentence (a page opening, an excerpt): its end is missing, so a
    missing signature or date says nothing about the report. A complete report ends with a
    full sentence, a signature line or a date."""
    span = _last_line(report)
    if span is None:
        return True
    if report.meta.report_date or _signature_organ(report):
        return False
    text = report.text
    if any(span[0] <= sec.heading_start < span[1]
           and not text[sec.heading_end:span[1]].strip(_SENTENCE_STOP + " \t")
           for sec in report.all_sections() if sec.heading_end > sec.heading_start):
        return True                     # it stops at a heading: the section's body is missing
    last = text[span[0]:span[1]].strip()
    if _LAST_HEADING.search(last):
        return True                     # a numbered heading fused at the end of the last line
    if last[-1] in _SENTENCE_STOP:
        return False
    # a closing quote or bracket ends a sentence only after a full stop: 。” 。）
    return not (last[-1] in _CLOSERS and len(last) > 1 and last[-2] in _SENTENCE_STOP)


def _signature_organ(report: Report) -> bool:
    """Whether the issuers were read from the closing signature block (not from the header or
    the title's organ)."""
    span = report.meta.evidence.get("issuers")
    return bool(report.meta.issuers) and span is not None and span[0] >= len(report.text) * 0.5


@rule("structure.formal_elements", severity="minor",
      title="缺少标题、落款或成文日期",
      why="标题、发文机关署名（落款）和成文日期是公文的基本要素：没有标题，无从判断报告的主体和年度；"
          "没有落款，无从确认报告由谁作出；没有成文日期，无法核对报告是否按时报送。",
      basis=BASIS_FORMAT,
      example="报告正文以“下一年度工作安排”结束，文末没有“××县人民政府”和“2024年2月20日”。")
def formal_elements(report: Report, config: Config) -> Iterable[Finding]:
    """Only on documents classified as reports, and only on a complete text. A text that stops
    in mid-sentence or at a heading (a page opening cut short, an excerpt) is not faulted at
    all: what we hold is part of the document, and a reviewer could not tell a missing element
    from a missing page. A complete text (an uploaded file) that lacks them is. A published
    page's 发布日期 is not a 成文日期."""
    if report.meta.kind != "report" or not report.text.strip() or cut_short(report):
        return
    missing = []
    if not report.meta.title:
        missing.append("title")
    if not _signature_organ(report):
        missing.append("signature")
    if not report.meta.report_date:
        missing.append("report_date")
    if not missing:
        return
    evidence = []
    if "title" in missing and (fl := _first_line(report)):
        evidence.append(ev(report, *fl))
    if ("signature" in missing or "report_date" in missing) and (ll := _last_line(report)):
        a, b = ll
        if not evidence or evidence[0].start != a:
            evidence.append(ev(report, a, min(b, a + 60)))
    names = "、".join(_ELEMENT_NAMES[m] for m in missing)
    where = []
    if "title" in missing:
        where.append("文首没有标题")
    if "signature" in missing or "report_date" in missing:
        where.append("文末没有" + "和".join(_ELEMENT_NAMES[m] for m in missing if m != "title"))
    msg = f"报告缺少{names}：{'，'.join(where)}。"
    if "report_date" in missing:
        msg += "没有成文日期，无法核对报告是否在规定时限内报送。"
    yield Finding(
        rule="structure.formal_elements", severity="minor",
        message=msg, evidence=evidence,
        suggestion="按公文格式补全" + names + "；成文日期写明年、月、日。",
        data={"missing": missing})
