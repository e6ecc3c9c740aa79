"""The indicator panel keeps results and targets apart: figures in the next-year plan are targets."""
from __future__ import annotations

from fazhi.corpus import panel
from fazhi.corpus.store import Store

TEXT = """云溪县2023年法治政府建设年度报告

一、2023年推进法治政府建设的主要举措和成效
全年人民调解组织调解矛盾纠纷1200件，调解成功率为96.5%。

二、存在的不足和原因
基层调解员专业化程度不高，主要原因是培训投入不足。

三、党政主要负责人履行推进法治建设第一责任人职责情况
县委书记、县长带头学法4次。

四、2024年推进法治政府建设的主要安排
一是提升人民调解质量，全年人民调解组织调解成功率达到98%以上。

中共云溪县委  云溪县人民政府
2024年3月1日
"""


def test_plan_figures_are_targets_not_results(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'p.db'}").migrate()
    store.ingest_bytes("云溪县2023年法治政府建设年度报告.txt", TEXT.encode("utf-8"))
    rows = panel.indicator_panel(store)
    rates = [r for r in rows if r["unit"] == "%"]
    assert [r["value"] for r in rates] == [96.5]
    assert rates[0]["part"] == "measures" and rates[0]["target"] is False
    all_rows = panel.indicator_panel(store, include_targets=True)
    targets = [r for r in all_rows if r["target"]]
    assert [(r["value"], r["part"]) for r in targets] == [(98.0, "plan")]
    assert TEXT[targets[0]["start"]:targets[0]["end"]] in targets[0]["quote"]
    store.close()
