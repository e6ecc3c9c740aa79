"""Provenance rules: masked text, 范文/template-site copies, portal residue."""
from __future__ import annotations

import re
from typing import Iterable

from ..config import Config
from ..model import Evidence, Finding, Report
from ..textnorm import shorten
from ..zh.masks import MASK_RX, mask_hits  # noqa: F401  (MASK_RX: re-exported)
from .common import ev
from .registry import rule

def _cap(config: Config) -> int:
    return int(config.get("thresholds.evidence_cap", 10))


@rule("provenance.masked_text", severity="major",
      title="名称或数字被遮盖",
      why="用“***”“XX”“××”等符号代替地名、人名、会议名称或数字，说明文本是从范文网站转载或套用的模板，"
          "不是机关正式报告；被遮盖处的信息也无法核实。",
      basis="年度报告应当向社会公开（《法治政府建设与责任落实督察工作规定》第二十四条），公开文本应完整真实",
      example="“坚持以******新时代中国特色社会主义思想为指导”“清理了全区行政执法主体（不含***……）”。",
      severities=("minor", "major"))
def masked_text(report: Report, config: Config) -> Iterable[Finding]:
    hits = mask_hits(report.norm)
    if not hits:
        return
    n = len(hits)
    severity = "major" if n >= int(config.get("thresholds.masked_major_min", 3)) else "minor"
    examples = []
    for m in hits[:3]:
        a, b = max(0, m.start() - 6), min(len(report.text), m.end() + 6)
        examples.append("“" + re.sub(r"\s+", "", report.text[a:b]) + "”")
    cap = _cap(config)
    more = f"（证据仅列前{cap}处）" if n > cap else ""
    yield Finding(
        rule="provenance.masked_text", severity=severity,
        message=f"报告中有{n}处名称或数字被“***”“XX”等符号遮盖，如{'、'.join(examples)}{more}。"
                "这通常是范文网站转载或模板文本，被遮盖的信息无法核实。",
        evidence=[ev(report, m.start(), m.end()) for m in hits[:cap]],
        suggestion="取得机关正式发布的完整报告文本；起草时应写明实际的名称和数字，不得保留模板占位符。",
        data={"count": n})


TEMPLATE_MARKERS = re.compile(
    r"小编|供大家参考|供您参考|网友投稿|投稿作者|范文网|专题范文|范文大全|精选范文|优秀范文|范文模板|推荐访问(?!量)|猜你喜欢|免费查看|当前隐藏内容|"
    r"本文来源于网络|文章来源于网络|文档下载|下载全文|免费下载|欢迎阅读")


@rule("provenance.template_site", severity="major",
      title="转载自范文网站",
      why="文本来自范文、模板网站（有“小编整理”“供大家参考”“网友投稿”等网站残留），不是机关发布的正式报告，"
          "可能被改写、删节或拼接。",
      basis="审核惯例：以机关门户网站或正式文件为准",
      example="“下面是小编为大家整理的2022年年度法治政府督察自查报告，供大家参考。”")
def template_site(report: Report, config: Config) -> Iterable[Finding]:
    evs: list[Evidence] = []
    for r in report.removed:
        if r.kind == "template_site":
            evs.append(Evidence(r.at, r.at, r.text, removed=True))
    in_text = [ev(report, m.start(), m.end()) for m in TEMPLATE_MARKERS.finditer(report.norm)]
    hinted = report.hints.template_site
    if not evs and not in_text:
        if hinted:
            yield Finding(
                rule="provenance.template_site", severity="major",
                message="导入时判定本文来自范文/模板网站，不是机关正式发布的报告，内容可能被改写、删节或拼接。",
                suggestion="从机关门户网站或正式文件获取报告原文后再审核。",
                data={"removed": 0, "in_text": 0})
        return
    cap = _cap(config)
    all_ev = in_text + evs
    quotes = "、".join(f"“{shorten(e.quote, 25)}”" for e in all_ev[:3])      # a cut quote ends in …
    where = "（已由导入步骤清除）" if evs and not in_text else ("（仍在正文中）" if in_text else "")
    yield Finding(
        rule="provenance.template_site", severity="major",
        message=f"文本转载自范文/模板网站，发现{len(all_ev)}处网站残留{where}，如{quotes}。"
                "这不是机关正式发布的报告，内容可能被改写、删节或拼接。",
        evidence=all_ev[:cap],
        suggestion="从机关门户网站或正式文件获取报告原文后再审核；起草时不得照搬范文。",
        data={"removed": len(evs), "in_text": len(in_text)})


CHROME_LINE = re.compile(
    r"网站地图|联系我们|主办单位|承办单位|ICP备|公网安备|网站标识码|版权所有|[【\[]\s*字[体号]|打印本页|关闭窗口|"
    r"浏览次数|分享到|当前位置|您的位置|首页\s*[>＞»]|扫一扫在手机|最佳浏览效果|分辨率|适老化|无障碍服务|"
    r"上一页|下一页|上一篇|下一篇")

# A line that only states where and when the page was published (发布时间/来源/作者): that is
# metadata the reader keeps (meta.publish_date), not residue to report.
_PUB_FIELD = re.compile(
    r"(?:发布时间|发布日期|更新时间|更新日期|时间|日期|来源|信息来源|文章来源|稿件来源|作者|撰稿|编辑|责任编辑)\s*[:：]")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


def publication_line(text: str) -> bool:
    """True when `text` consists only of publication fields (发布时间：… 来源：… 作者：…)."""
    tokens = text.replace("\u3000", " ").split()
    if not tokens or not _PUB_FIELD.match(tokens[0]):
        return False
    for i, tok in enumerate(tokens):
        if _PUB_FIELD.match(tok) or _CLOCK.fullmatch(tok):
            continue
        if i > 0 and _PUB_FIELD.fullmatch(tokens[i - 1]):
            continue          # the value after a field name standing alone ("来源： 区司法局")
        return False
    return True


@rule("provenance.web_chrome", severity="info",
      title="网页残留",
      why="文本复制自网页，带有门户网站的导航、页脚、字号按钮等残留。已清除的只作提示；仍留在正文中的会干扰"
          "阅读和比对。",
      basis="审核惯例：以报告正文为准",
      example="正文末尾的“网站地图 联系我们 主办单位：……”。",
      severities=("info", "minor"))
def web_chrome(report: Report, config: Config) -> Iterable[Finding]:
    removed = [Evidence(r.at, r.at, r.text, removed=True)
               for r in report.removed if r.kind not in ("template_site", "pinyin") and not publication_line(r.text)]
    left = []
    for m in re.finditer(r"[^\n]+", report.norm):
        line = m.group().strip()
        if len(line) <= 60 and CHROME_LINE.search(line):
            lead = len(m.group()) - len(m.group().lstrip())
            left.append(ev(report, m.start() + lead, m.start() + lead + len(line)))
    if not removed and not left:
        return
    cap = _cap(config)
    if left:
        quotes = "、".join(f"“{shorten(e.quote, 21)}”" for e in left[:3])
        yield Finding(
            rule="provenance.web_chrome", severity="minor",
            message=f"正文中仍有{len(left)}处网页残留（导航、页脚、按钮等），如{quotes}，不属于报告内容。",
            evidence=(left + removed)[:cap],
            suggestion="删除网页导航、页脚等残留，只保留报告正文。",
            data={"in_text": len(left), "removed": len(removed)})
    else:
        quotes = "、".join(f"“{shorten(e.quote, 21)}”" for e in removed[:3])
        yield Finding(
            rule="provenance.web_chrome", severity="info",
            message=f"文本复制自网页，导入时已清除{len(removed)}处网页残留（导航、页脚、按钮等），如{quotes}。",
            evidence=removed[:cap],
            suggestion="如需引用，请以机关发布的正式文本为准。",
            data={"in_text": 0, "removed": len(removed)})
