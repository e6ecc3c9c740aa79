"""Corrections: a reviewer corrects what the machine read of a report's metadata (place, level,
department, report year, dates, kind), with who, when, the old and the new value and a reason.

    correct(store, 12, {"level": "县级", "report_year": "2023"}, reason="…", user="张三")
    history(store, 12)      # every correction of the report, oldest first

A correction is kept by the report key (`corpus/store.py` `report_key_for`: the report's identity
across re-analysis and new versions of the same document), in table `corrections`. It is an
overlay: the analysis runs with it (component "corrections", right after "meta"), so everything
computed from the corrected fields — timeliness, the deadline and year findings, the verdict — is
computed from the corrected values, and the document keeps what the machine read
(`corrections[].machine`). The report row holds the corrected values, so lists, filters, the
roster, the dashboard, panels and scores use them.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Iterable, Mapping

from ..labels import KIND_NAMES, LEVEL_NAMES
from ..pipeline import component
from ..zh.dates import NotADay, read_day
from ..zh.numerals import to_ascii_digits
from ..zh.years import YEAR_MIN
from ..zh.cjk import CJK, CJK_CHAR

# what a reviewer corrects, in the order they are applied and shown
FIELDS = ("jurisdiction", "level", "department", "report_year", "report_date", "publish_date", "kind")
# set with the jurisdiction, as the gazetteer resolves it
DERIVED = ("adcode", "province", "parent")
ORDER = ("jurisdiction", "adcode", "province", "parent", "level", "department", "report_year",
         "report_date", "publish_date", "kind")
FIELD_NAMES = {"jurisdiction": "所属地区", "level": "层级", "department": "部门", "report_year": "报告年度",
               "report_date": "成文日期", "publish_date": "发布日期", "kind": "文本类型",
               "adcode": "行政区划代码", "province": "所属省份", "parent": "上级地区"}
# the Chinese names a reviewer may write instead of the field keys (API, CLI)
ALIASES = {**{v: k for k, v in FIELD_NAMES.items() if k in FIELDS},
           "地区": "jurisdiction", "报告地区": "jurisdiction", "年度": "report_year", "报告年份": "report_year",
           "落款日期": "report_date", "报送日期": "report_date", "公开日期": "publish_date", "类型": "kind",
           "部门名称": "department"}
_LEVELS = {**{v: k for k, v in LEVEL_NAMES.items()},
           "省": "province", "省级政府": "province", "市": "city", "地级": "city", "地市级": "city", "州": "city",
           "县": "county", "区县": "county", "县区": "county", "县区级": "county", "区县级": "county",
           "乡镇": "township", "乡级": "township", "镇级": "township", "街道": "township",
           "部门": "department", "政府部门": "department"}
_KINDS = {**{v: k for k, v in KIND_NAMES.items()}, "报告": "report", "范文": "template", "解读": "interpretation",
          "方案": "plan", "要点": "plan", "工作要点": "plan", "新闻": "news", "其他": "other"}
MAX_REASON = 2000


class CorrectionError(ValueError):
    """A correction that cannot be made; `message` is Chinese, `status` the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _today() -> dt.date:
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()


# -- values as a reviewer reads and writes them ----------------------------------------------------
def field_of(name: str) -> str:
    """The field a key names: a field key (level) or its Chinese name (层级)."""
    s = str(name or "").strip().replace("-", "_")
    if s in FIELDS:
        return s
    if s in ALIASES:
        return ALIASES[s]
    names = "、".join(FIELD_NAMES[f] for f in FIELDS)
    raise CorrectionError(f"不能更正“{str(name)[:20]}”：可更正的项目为{names}")


def display(field: str, value: Any) -> str:
    """A value as a reviewer reads it (县级, 2023年, 2024年3月1日, 年度报告); 未识别 when none."""
    if value is None or value == "":
        return "未识别"
    if field == "level":
        return LEVEL_NAMES.get(value, str(value))
    if field == "kind":
        return KIND_NAMES.get(value, str(value))
    if field == "report_year":
        return f"{value}年"
    if field in ("report_date", "publish_date"):
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
        return f"{int(m[1])}年{int(m[2])}月{int(m[3])}日" if m else str(value)
    return str(value)


def _clean(s: Any) -> str:
    from ..textnorm import normalize_view
    return normalize_view(str(s)).strip()


def _ascii(s: Any) -> str:
    """A typed year or date with its character digits as ASCII (二〇二三 → 2023); never applied
    to names (二道区, 两当县 keep their numerals)."""
    return to_ascii_digits(_clean(s))


def parse_year(raw: Any) -> int:
    s = _ascii(raw)
    s = re.sub(r"(年度|年)$", "", s).strip()
    if not re.fullmatch(r"\d{4}", s):
        raise CorrectionError(f"报告年度不正确：{str(raw)[:20]}（应为四位年份，如 2023）")
    y, this = int(s), _today().year
    if not YEAR_MIN <= y <= this:
        raise CorrectionError(f"报告年度不正确：{y}年（应在{YEAR_MIN}年至{this}年之间）")
    return y


def parse_date(raw: Any, what: str) -> str | None:
    if raw is None or str(raw).strip() in ("", "无", "未写", "none", "null"):
        return None
    try:
        d = read_day(raw)
    except NotADay:
        raise CorrectionError(f"{what}格式不正确：{str(raw)[:20]}（应为 2024-03-01 或 2024年3月1日）") from None
    except ValueError:
        raise CorrectionError(f"{what}不存在：{str(raw)[:20]}") from None
    if d.year < YEAR_MIN or d > _today():
        raise CorrectionError(f"{what}不正确：{display('report_date', d.isoformat())}（不能晚于今天，也不能早于{YEAR_MIN}年）")
    return d.isoformat()


def parse_level(raw: Any) -> str:
    s = _clean(raw)
    if s in LEVEL_NAMES:
        return s
    if s in _LEVELS:
        return _LEVELS[s]
    raise CorrectionError(f"层级不正确：{str(raw)[:20]}（可选：{'、'.join(LEVEL_NAMES.values())}）")


def parse_kind(raw: Any) -> str:
    s = _clean(raw)
    if s in KIND_NAMES:
        return s
    if s in _KINDS:
        return _KINDS[s]
    raise CorrectionError(f"文本类型不正确：{str(raw)[:20]}（可选：{'、'.join(KIND_NAMES.values())}）")


def resolve_jurisdiction(raw: Any, year: int | None) -> dict[str, Any]:
    """{jurisdiction, adcode, province, parent, level} of a place the gazetteer knows for `year`."""
    from ..errors import FazhiError
    from ..parse.places import level_of
    from .roster import resolve_place
    name = _clean(raw)
    if not name:
        return {"jurisdiction": None, "adcode": None, "province": None, "parent": None, "level": None}
    if len(name) > 40:
        raise CorrectionError("地区名称过长")
    y = year or _today().year - 1
    town = _TOWNSHIP_NAME.search(name)
    if town is not None:
        return _township(name, y)
    try:
        p = resolve_place(name, y)
    except FazhiError as err:
        if err.code == "ambiguous_place":
            raise CorrectionError(f"地区名称不唯一：{name}（{err.detail}），请写全称（含上级地区）") from None
        raise CorrectionError(f"地名词典中没有这个地区：{name}（{y}年）") from None
    return {"jurisdiction": p.name, "adcode": p.adcode,
            "province": p.province if p.rank != "province" else p.name,
            "parent": p.parent, "level": level_of(p)}


# a township, town, street or sumu: the gazetteer stops at counties, so it is written after its
# county or district (睢县城关镇, 萧山区北干街道)
_TOWNSHIP_NAME = re.compile(rf"[{CJK}]{{2,10}}?(?:镇|乡|街道|苏木)(?:办事处)?$")


def _township(name: str, year: int) -> dict[str, Any]:
    from ..errors import FazhiError
    from .roster import resolve_place
    from ..parse.places import gazetteer
    ends, pos = [], 0
    for st, en, _n in sorted(gazetteer().find(name, free_text=False)):
        if st == pos:                    # the chain of places the name starts with (杭州市萧山区)
            ends.append(en)
            pos = en
    county = None
    for end in reversed(ends):
        rest = name[end:]
        if len(rest) >= 2 and _TOWNSHIP_NAME.fullmatch(rest):
            try:
                county = resolve_place(name[:end], year)
            except FazhiError:
                continue
            own = re.sub(r"办事处$", "", rest)
            break
    if county is None or county.rank == "province":
        raise CorrectionError(f"乡镇街道请连同所属县区填写：{name[:20]}（如 某县某镇、某区某街道）")
    return {"jurisdiction": own, "adcode": None,
            "province": county.province if county.rank != "province" else county.name,
            "parent": county.name, "level": "township"}


def parse_department(raw: Any, jurisdiction: str | None) -> str | None:
    s = _clean(raw)
    if s in ("", "无"):
        return None
    if jurisdiction and s.startswith(jurisdiction) and len(s) > len(jurisdiction):
        s = s[len(jurisdiction):]          # "和政县司法局" -> its own name, as the engine stores it
    if len(s) > 50 or not CJK_CHAR.search(s):
        raise CorrectionError(f"部门名称不正确：{str(raw)[:20]}")
    return s


# -- a request -> the rows to write --------------------------------------------------------------
def plan(meta: Mapping[str, Any], applied: Mapping[str, Mapping[str, Any]], values: Mapping[str, Any],
         revert: Iterable[str] = ()) -> list[tuple[str, str, Any]]:
    """(field, action, value) rows for a request, validated against the report as shown (`meta`,
    the corrected values) and its applied corrections (`applied`: field -> {"machine", …}).
    A value equal to the machine's reading reverts the correction; one equal to the value shown
    changes nothing. Raises CorrectionError (a Chinese message) for a value that cannot be."""
    want: dict[str, Any] = {}
    for k, v in (values or {}).items():
        want[field_of(k)] = v
    back = [field_of(k) for k in revert or ()]
    if not want and not back:
        raise CorrectionError("没有需要更正的内容：请填写与当前值不同的项目")
    new: dict[str, Any] = {}
    year = meta.get("report_year")
    if "report_year" in want:
        year = new["report_year"] = parse_year(want["report_year"])
    if "jurisdiction" in want:
        place = resolve_jurisdiction(want["jurisdiction"], year)
        for f in ("jurisdiction", *DERIVED):
            new[f] = place[f]
    jur = new.get("jurisdiction", meta.get("jurisdiction"))
    if "department" in want:
        new["department"] = parse_department(want["department"], jur)
    if "level" in want:
        new["level"] = parse_level(want["level"])
    else:
        dept = new.get("department", meta.get("department"))
        level = meta.get("level")
        if "department" in new and dept and level != "department":
            new["level"] = "department"            # a department's report: its level follows
        elif "department" in new and not dept and level == "department":
            if "jurisdiction" in want and place["level"]:
                new["level"] = place["level"]
            else:
                try:
                    new["level"] = resolve_jurisdiction(jur, year)["level"] if jur else None
                except CorrectionError:
                    new["level"] = None
                if new["level"] is None:
                    raise CorrectionError("取消部门时请同时更正层级")
        elif "jurisdiction" in want and level != "department" and place["level"]:
            new["level"] = place["level"]
    for f, what in (("report_date", "成文日期"), ("publish_date", "发布日期")):
        if f in want:
            new[f] = parse_date(want[f], what)
    if "kind" in want:
        new["kind"] = parse_kind(want["kind"])
    if year:
        for f, what in (("report_date", "成文日期"), ("publish_date", "发布日期")):
            d = new.get(f, meta.get(f))
            if d and d < f"{year}-01-01" and (f in new or "report_year" in new):
                raise CorrectionError(f"{what}（{display(f, d)}）早于报告年度（{year}年），请核对")
    rows: list[tuple[str, str, Any]] = []
    for f in back:
        for g in ((f, *DERIVED) if f == "jurisdiction" else (f,)):
            if g in applied and g not in new:
                rows.append((g, "revert", applied[g].get("machine")))
    for f in ORDER:
        if f not in new or (f, "revert", applied.get(f, {}).get("machine")) in rows:
            continue
        v = new[f]
        if f in applied and v == applied[f].get("machine"):
            rows.append((f, "revert", v))          # back to what the machine read
        elif v != meta.get(f):
            rows.append((f, "set", v))
    if not rows:
        raise CorrectionError("没有需要更正的内容（与当前值相同）")
    return rows


# -- the store ------------------------------------------------------------------------------------
def effective(conn, report_key: str) -> dict[str, dict[str, Any]]:
    """The corrections in force for a report key: field -> {value, user, at, reason}."""
    import sqlalchemy as sa
    from ..corpus import schema as T
    c = T.corrections
    out: dict[str, dict[str, Any]] = {}
    for r in conn.execute(sa.select(c).where(c.c.report_key == report_key).order_by(c.c.id)):
        if r.action == "revert":
            out.pop(r.field, None)
        else:
            out[r.field] = {"value": json.loads(r.new) if r.new is not None else None, "user": r.user,
                            "at": r.at.isoformat() if isinstance(r.at, dt.datetime) else r.at,
                            "reason": r.reason}
    return out


def correct(store, report_id: int, values: Mapping[str, Any] | None = None, *, reason: str | None = None,
            user: str | None = None, revert: Iterable[str] = (), corpus: bool = True) -> dict[str, Any]:
    """Correct a stored report's metadata; the report (every version of it) is analysed again with
    the corrections. Returns {"report_id", "changes": [{field, name, action, old, new}]}.
    corpus=False leaves the cross-report findings to the caller (the web's background pass)."""
    import sqlalchemy as sa
    from ..corpus import schema as T
    doc = store.report_json(report_id)
    if doc is None:
        raise CorrectionError(f"报告 {report_id} 不存在", status=404)
    reason = (reason or "").strip() or None
    if reason and len(reason) > MAX_REASON:
        raise CorrectionError(f"更正理由不能超过 {MAX_REASON} 字")
    meta = doc.get("meta") or {}
    applied = {c["field"]: c for c in doc.get("corrections") or []}
    rows = plan(meta, applied, values or {}, revert)
    key = doc["store"]["report_key"]
    at = _now()
    with store.engine.begin() as conn:
        conn.execute(T.corrections.insert(), [
            {"report_key": key, "field": f, "action": action,
             "old": json.dumps(meta.get(f), ensure_ascii=False),
             "new": json.dumps(v, ensure_ascii=False), "reason": reason, "user": user, "at": at}
            for f, action, v in rows])
        ids = [i for (i,) in conn.execute(sa.select(T.reports.c.id).where(T.reports.c.report_key == key))]
    store.apply_corrections(key, corpus=corpus)
    return {"report_id": report_id, "report_ids": ids,
            "changes": [{"field": f, "name": FIELD_NAMES[f], "action": action, "old": meta.get(f), "new": v,
                         "old_text": display(f, meta.get(f)), "new_text": display(f, v)}
                        for f, action, v in rows]}


def history(store, report_id: int) -> list[dict[str, Any]]:
    """Every correction of the report (all its versions share them), oldest first."""
    import sqlalchemy as sa
    from ..corpus import schema as T
    with store.engine.connect() as conn:
        key = conn.execute(sa.select(T.reports.c.report_key).where(T.reports.c.id == report_id)).scalar()
        if key is None:
            raise CorrectionError(f"报告 {report_id} 不存在", status=404)
        c = T.corrections
        rows = conn.execute(sa.select(c).where(c.c.report_key == key).order_by(c.c.id)).all()
    out = []
    for r in rows:
        old = json.loads(r.old) if r.old is not None else None
        new = json.loads(r.new) if r.new is not None else None
        out.append({"id": r.id, "field": r.field, "name": FIELD_NAMES.get(r.field, r.field), "action": r.action,
                    "old": old, "new": new, "old_text": display(r.field, old), "new_text": display(r.field, new),
                    "reason": r.reason, "user": r.user,
                    "at": r.at.isoformat() if isinstance(r.at, dt.datetime) else r.at})
    return out


# -- applying them ----------------------------------------------------------------------------------
def machine_meta(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The document's meta as the machine read it (the corrections' "machine" values put back)."""
    meta = dict(doc.get("meta") or {})
    for c in doc.get("corrections") or []:
        meta[c["field"]] = c.get("machine")
    return meta


def _entry(field: str, e: Mapping[str, Any], machine: Any, span) -> dict[str, Any]:
    return {"field": field, "value": e.get("value"), "machine": machine,
            "machine_evidence": {"start": span[0], "end": span[1]} if span else None,
            "user": e.get("user"), "at": e.get("at"), "reason": e.get("reason")}


def apply(report, entries: Mapping[str, Mapping[str, Any]]) -> None:
    """Put the corrections in force into report.meta; report.corrections records each with what
    the machine read. A correction equal to the machine's reading is not one any more."""
    out = []
    for f in ORDER:
        e = entries.get(f)
        if e is None:
            continue
        machine = getattr(report.meta, f)
        if e.get("value") == machine:
            continue
        setattr(report.meta, f, e.get("value"))
        span = report.meta.evidence.pop(f, None)      # the text no longer says the value shown
        out.append(_entry(f, e, machine, span))
    report.corrections = out


def apply_doc(doc: dict[str, Any], entries: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The same on a contract document whose analysis ran without them (a custom analyzer)."""
    meta = doc.setdefault("meta", {})
    evidence = meta.get("evidence") or {}
    out = []
    for f in ORDER:
        e = entries.get(f)
        if e is None or e.get("value") == meta.get(f):
            continue
        machine = meta.get(f)
        meta[f] = e.get("value")
        span = evidence.pop(f, None)
        out.append(_entry(f, e, machine, (span["start"], span["end"]) if span else None))
    if out:
        doc["corrections"] = out
    return doc


@component("corrections", reads=("meta", "hints"), writes=("meta",))
def corrections_component(report, config) -> None:
    """Pipeline component: the reviewers' corrections of meta (report.hints.corrections, put
    there by the store for a report it holds corrections for); nothing otherwise."""
    entries = report.hints.corrections
    if entries:
        apply(report, entries)


# -- how they are shown --------------------------------------------------------------------------
def day(at: Any) -> str:
    try:
        t = dt.datetime.fromisoformat(str(at))
    except (TypeError, ValueError):
        return ""
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    return t.astimezone(dt.timezone(dt.timedelta(hours=8))).date().isoformat()


def mark(c: Mapping[str, Any], named: bool = False) -> str:
    """"（人工更正，原为：市级；张三 2026-12-02）" for one applied correction."""
    who = " ".join(x for x in (c.get("user"), day(c.get("at"))) if x)
    what = f"{FIELD_NAMES.get(c['field'], c['field'])}" if named else ""
    return f"（人工更正，{what}原为：{display(c['field'], c.get('machine'))}{'；' + who if who else ''}）"


def line(c: Mapping[str, Any]) -> str:
    """"层级：县级（人工更正，原为：市级；张三 2026-12-02；理由：…）" """
    s = mark(c)
    if c.get("reason"):
        s = s[:-1] + f"；理由：{c['reason']}）"
    return f"{FIELD_NAMES.get(c['field'], c['field'])}：{display(c['field'], c.get('value'))}{s}"


def names(fields: Iterable[str]) -> str:
    return "、".join(FIELD_NAMES.get(f, f) for f in fields)
