"""总览: reports per province and year, on-time rate, missing statutory parts, the most frequent
findings, key indicators with outliers (IQR rule), 纲要 task-area coverage. The aggregates are
cached until the corpus changes; the charts are drawn in the browser with ECharts (vendored
from npm by scripts/vendor.sh; without it the page shows the tables and a notice)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from .cache import cache_name
from .core import reader, render, scope, store

router = APIRouter(include_in_schema=False)


def dashboard_data(request: Request) -> dict:
    """The cached aggregates of the user's scope (cached per scope), with the most frequent
    findings net of reviewers' dismissals."""
    st = store(request)
    sc = scope(request)
    data = dict(request.app.state.cache.get_recent(st, cache_name("dashboard", sc), lambda: st.dashboard(sc)))
    data["top_findings"] = st.top_findings(data.pop("findings_all", None) or data["top_findings"], scope=sc)
    return data


@router.get("/dashboard")
def dashboard_page(request: Request, user=Depends(reader)):
    return render(request, "dashboard.html", data=dashboard_data(request))
