"""对比: two reports side by side (corpus/compare.py: parts, indicators, shared passages and,
for the same place in consecutive years, repeated problems and plans not followed), and the
passages a report shares with other places (the corpus.duplicate_text findings)."""
from __future__ import annotations

import os

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from markupsafe import Markup

from ..corpus.compare import compare
from ..render.spans import Mark, highlight
from ..labels import PART_NAMES
from .core import MAX_ID, reader, render, scope, store

router = APIRouter(include_in_schema=False)


MAX_CHOICES = 1000


def _choices(st, sc) -> list[dict] | None:
    """Reports to pick from; None when there are too many for a list (the form then asks for
    report numbers, shown in the report list and on each report's page address)."""
    rows = st.report_choices(sc, MAX_CHOICES + 1)
    if len(rows) > MAX_CHOICES:
        return None
    from ..labels import unit_name
    for r in rows:       # 广州市教育局 2021, else the title, never a bare number
        r["label"] = unit_name(r["jurisdiction"], r["department"]) or r["title"] or "（地区不详，原文未写标题）"
    return rows


@router.get("/compare")
def compare_page(request: Request, a: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
                 b: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None, user=Depends(reader)):
    st = store(request)
    sc = scope(request)
    for rid in (a, b):          # a report outside the user's region is "not found"
        if rid is not None and not sc.covers_report(st, rid):
            raise HTTPException(404, "报告不存在 / report not found")
    ctx: dict[str, Any] = {"a": a, "b": b, "choices": _choices(st, sc), "result": None, "texts": None, "similar": []}
    if a is not None and b is not None:
        if a == b:
            ctx["error"] = "请选择两份不同的报告"
        else:
            res = compare(st, a, b)
            if res is None:
                raise HTTPException(404, "报告不存在 / report not found")
            from ..corpus.compare import value_text
            from ..corpus.dashboard import indicator_names
            names = indicator_names()
            for row in res["indicators"]:
                row["name"] = names.get(row["indicator"], row["indicator"])
                row["a_text"], row["b_text"] = value_text(row["a"], row.get("a_unit")), value_text(row["b"], row.get("b_unit"))
            from .queries import effective
            for side in res["reports"]:
                side["missing_names"] = [PART_NAMES.get(p, p) for p in side["missing_parts"]]
                side["nested_names"] = [PART_NAMES.get(p, p) for p in side.get("nested_parts") or []]
                # verdict and counts as the report page shows them (after reviewers' decisions)
                eff = effective(st, side["id"], request.app.state.config)
                if eff is not None:
                    side["verdict"] = eff["verdict"]
                    side.update(eff["counts"])
            ra, rb = st.report(a), st.report(b)
            assert ra is not None and rb is not None      # compare() found both
            ma = [Mark(s["a_start"], s["a_end"], "shared", f"与对方相同的文字 {s['shared']} 字", f"a-sh-{i}")
                  for i, s in enumerate(res["shared"])]
            mb = [Mark(s["b_start"], s["b_end"], "shared", f"与对方相同的文字 {s['shared']} 字", f"b-sh-{i}")
                  for i, s in enumerate(res["shared"])]
            ctx.update(result=res, texts=(Markup(highlight(ra["text"], ma)), Markup(highlight(rb["text"], mb))),
                       titles=(_label(ra), _label(rb)), part_names=PART_NAMES)
    if a is not None:
        ctx["similar"] = sc.redact(st, [f for f in st.findings(report_id=a, family="corpus", current=False)
                                        if f["rule"] == "corpus.duplicate_text"])
    return render(request, "compare.html", **ctx)


def _label(row) -> str:
    """A stored report's title, else its place and year, else the base name of its file."""
    if row.get("title"):
        return row["title"]
    from ..labels import unit_name
    place = unit_name(row.get("jurisdiction"), row.get("department"))
    year = f"{row['report_year']}年度" if row.get("report_year") else None
    label = " ".join(x for x in (place, year) if x)
    return label or os.path.basename(str(row.get("name") or "")) or f"报告 {row.get('id')}"
