"""Chinese display names of the shared vocabularies (statutory parts, kinds, levels, rule families,
severities, reviewer decisions). One place, so the terminal summary, the review opinion, the web UI
and the rule list all say the same thing."""
from __future__ import annotations

PART_NAMES = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "first_responsible": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "plan": "下一年度推进法治政府建设的主要安排",
    "other": "其他需要报告的情况",
}
# shorter forms for narrow places (terminal outline, table headers)
PART_SHORT = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "first_responsible": "第一责任人职责",
    "plan": "下一年度主要安排",
    "other": "其他",
}
KIND_NAMES = {"report": "年度报告", "template": "范文网站转载稿", "interpretation": "政策解读",
              "plan": "方案/要点", "news": "新闻报道", "article": "文章", "other": "其他文本"}
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇级",
               "department": "部门"}
TIMELINESS_NAMES = {"on_time": "按时", "late": "逾期", "unknown": "无法判断"}
# the stored column `late` (True / False / None) in the same three words
LATE_NAMES = {True: TIMELINESS_NAMES["late"], False: TIMELINESS_NAMES["on_time"], None: TIMELINESS_NAMES["unknown"]}
SEVERITY_NAMES = {"major": "严重", "minor": "一般", "info": "提示"}
FAMILIES = {
    "structure": "结构完整性",
    "years": "年度与时限",
    "figures": "数据一致性",
    "provenance": "来源与文本质量",
    "quality": "内容质量",
    "language": "文字规范",
    "corpus": "跨报告比对",
}
# heading numbering anomalies the parser records (model.Section.numbering)
NUMBERING_NAMES = {"skip": "编号跳号", "repeat": "编号重复", "restart": "编号重新开始",
                   "level_jump": "编号越级", "unnumbered_sibling": "同级标题缺少编号"}
DECISION_NAMES = {"confirmed": "已确认", "dismissed": "已排除"}
ROLE_NAMES = {"admin": "管理员", "reviewer": "审核人", "viewer": "查看者"}
# what ingest removed from the text (model.Removed.kind)
REMOVED_NAMES = {"nav": "导航", "banner": "日期横幅", "widget": "按钮", "counter": "访问计数",
                 "metadata_table": "元数据表（已作为报告信息保留）", "footer": "页脚",
                 "template_site": "范文网站附加文字", "duplicate_title": "重复标题", "related_links": "相关链接",
                 "page_chrome": "网页框架", "page_number": "页码", "page_header": "页眉", "pager": "翻页栏",
                 "pinyin": "繁简转换插入的拼音",
                 "other": "其他"}


def unit_name(jurisdiction: str | None, department: str | None) -> str | None:
    """The reporting unit as a reviewer names it: 广州市 + 教育局 -> 广州市教育局; a government is its
    place, a central ministry its own name; None when neither is known."""
    if department and jurisdiction and not department.startswith(jurisdiction):
        return jurisdiction + department
    return department or jurisdiction or None


def indicator_names() -> dict[str, str]:
    """Catalogue indicator id -> its Chinese name (catalog/indicators.yaml)."""
    global _INDICATOR_NAMES
    if _INDICATOR_NAMES is None:
        from . import catalog
        _INDICATOR_NAMES = {d["id"]: d.get("name") or d["id"]
                            for d in catalog.load("indicators").get("indicators") or []}
    return _INDICATOR_NAMES


_INDICATOR_NAMES: dict[str, str] | None = None


def rule_title(rule_id: str) -> str:
    """The Chinese title a reviewer reads for a rule id (its registry entry), never the id."""
    from .checks.registry import all_rules
    for r in all_rules():
        if r.id == rule_id:
            return r.title
    return FAMILIES.get(rule_id.split(".")[0], "审核发现")

