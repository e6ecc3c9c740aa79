"""Department names: one body, many written forms.

A department writes its own name in full on one page and by its common short form on the next
(卫健委 / 卫生健康委 / 卫生健康委员会; 人社局 / 人力资源社会保障局 / 人力资源和社会保障局;
市场监管局 / 市场监督管理局). `department_key` maps every such form to one key, so that a roster
row, a year-to-year series or a comparison treats them as the same body. The key is for matching
only: the name shown is the one the report writes.

The key keeps the kind of body (局, 厅, 委, 办): a province's 厅 and a city's 局 stay different,
as do two bodies that share a stem (自然资源局, 自然资源和规划局).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .cjk import CJK

# short stem -> the stem written in full (without 和), when followed directly by the body word
_STEMS = {
    "卫健": "卫生健康",
    "人社": "人力资源社会保障",
    "人力社保": "人力资源社会保障",
    "市场监管": "市场监督管理",
    "市监": "市场监督管理",
    "住建": "住房城乡建设",
    "住房城建": "住房城乡建设",
    "发改": "发展改革",
    "应急": "应急管理",
    "医保": "医疗保障",
    "退役军人": "退役军人事务",
    "城管": "城市管理",
    "文旅": "文化旅游",
    "文广旅": "文化广电旅游",
    "教体": "教育体育",
    "自规": "自然资源规划",
    "科技": "科学技术",
    "工信": "工业信息化",
    "经信": "经济信息化",
    "民宗": "民族宗教事务",
    "国资": "国有资产监督管理",
    "人防": "人民防空",
    "广电": "广播电视",
    "林草": "林业草原",
    "粮储": "粮食物资储备",
    "交通": "交通运输",
}
# the post of a body's head, by the body word (司法局 -> 局长)
HEAD_POSTS = {"局": "局长", "厅": "厅长", "委": "主任"}
# ministries whose province-level counterpart is the 厅 of the same stem (水利部 -> 水利厅)
MINISTRY_STEMS = ("交通运输", "司法", "教育", "公安", "民政", "财政", "自然资源", "生态环境", "住房和城乡建设",
                  "水利", "农业农村", "商务", "文化和旅游", "应急管理", "人力资源和社会保障", "退役军人事务",
                  "科学技术", "工业和信息化")
# a sector (全市X系统) whose department's stem is not the sector's name (司法行政 -> 司法局)
SECTOR_STEMS = {"司法行政": "司法"}
# the body word at the end of a department's name, in its written forms -> its key form
_BODY = re.compile(r"(委员会|委|局|厅|办公室|办|署|部|中心)$")
_BODY_KEY = {"委员会": "委", "办公室": "办"}


_BRANCH = re.compile(rf"^([{CJK}]{{2,8}}?)局[{CJK}]{{2,6}}?分局$")


@lru_cache(maxsize=4096)
def department_key(name: str | None) -> str | None:
    """The matching key of a department's own name (without its place): 卫健委, 卫生健康委 and
    卫生健康委员会 give one key; 司法局 stays 司法局. None and empty names give None."""
    if not name:
        return None
    s = re.sub(r"\s+", "", name)
    # a city department's branch in a district, named with the district (公安局X区分局, 公安局X分局)
    # or after it (X区公安分局): one body, whose place is the district's
    s = _BRANCH.sub(r"\1分局", s)
    m = _BODY.search(s)
    if m is None:
        return s.replace("和", "")
    stem, body = s[:m.start()], _BODY_KEY.get(m.group(1), m.group(1))
    stem = stem.replace("和", "")
    stem = _STEMS.get(stem, stem)
    return stem + body


def same_department(a: str | None, b: str | None) -> bool:
    """Two written department names name the same body (both unknown counts as the same)."""
    return department_key(a) == department_key(b)
