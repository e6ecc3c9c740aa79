"""zh/departments.py: one body under its written names (卫健委 / 卫生健康委员会), and the places that
match departments by it: the roster (who reported), year-to-year series, the comparison page."""
from __future__ import annotations

import pytest

from fazhi.zh.departments import department_key, same_department


@pytest.mark.parametrize("a,b", [
    ("卫健委", "卫生健康委员会"),
    ("卫生健康委", "卫生健康委员会"),
    ("人社局", "人力资源和社会保障局"),
    ("人力资源社会保障局", "人力资源和社会保障局"),
    ("市场监管局", "市场监督管理局"),
    ("住建局", "住房和城乡建设局"),
    ("发改委", "发展和改革委员会"),
    ("应急局", "应急管理局"),
    ("医保局", "医疗保障局"),
    ("文旅厅", "文化和旅游厅"),
    ("交通局", "交通运输局"),
    ("人防办", "人民防空办公室"),
    ("司法局", "司法局"),
    # a city department's district branch, with the district in its name or before it
    ("公安局萧山区分局", "公安分局"),
    ("公安局萧山分局", "公安局萧山区分局"),
    ("生态环境局萧山分局", "生态环境分局"),
])
def test_written_forms_of_one_body_share_a_key(a, b):
    assert department_key(a) == department_key(b)
    assert same_department(a, b)


@pytest.mark.parametrize("a,b", [
    ("司法局", "司法厅"),                       # a city's bureau and a province's department
    ("自然资源局", "自然资源和规划局"),          # two bodies sharing a stem
    ("卫健委", "卫健局"),
    ("教育局", "教育体育局"),
    ("司法局", None),
    ("公安局萧山区分局", "公安局"),              # the branch and the city's bureau
    ("公安局交通管理局", "公安分局"),
])
def test_different_bodies_keep_different_keys(a, b):
    assert not same_department(a, b)


def test_unknown_is_none():
    assert department_key(None) is None and department_key("") is None
    assert same_department(None, None)


def test_roster_finds_a_department_that_writes_its_short_name(tmp_path):
    from openpyxl import Workbook

    from fazhi.corpus.store import Store
    from fazhi.supervision.roster import import_units, roster
    store = Store(f"sqlite:///{tmp_path / 'r.db'}").migrate()
    try:
        wb = Workbook()
        ws = wb.active
        ws.append(["单位名称", "层级", "上级地区"])
        ws.append(["和政县卫生健康委员会", "部门", "和政县"])
        ws.append(["和政县人力资源和社会保障局", "部门", "和政县"])
        path = tmp_path / "units.xlsx"
        wb.save(path)
        import_units(store, path, "临夏回族自治州")
        text = ("和政县卫健委2024年法治政府建设年度报告\n2024年，县卫健委坚持依法行政，现将有关情况报告如下：\n"
                "一、主要举措和成效\n开展执法培训3次，办理行政复议案件2件。\n二、存在的不足和原因\n"
                "执法力量不足。\n三、2025年工作安排\n加强执法队伍建设。\n和政县卫健委\n2025年2月20日\n")
        store.ingest_items([("wjw.txt", text.encode("utf-8"))], corpus=False)
        rep = store.list_reports()[0]
        assert (rep["jurisdiction"], rep["level"], rep["department"]) == ("和政县", "department", "卫健委")
        by = {u.name: u for u in roster(store, "临夏回族自治州", 2024).units}
        assert by["和政县卫生健康委员会"].status == "on_time"
        assert by["和政县人力资源和社会保障局"].status == "missing"
    finally:
        store.close()


def test_a_year_series_joins_the_written_forms():
    from fazhi.corpus.analyses import year_series
    from fazhi.corpus.similarity import ReportInfo
    infos = {1: ReportInfo(1, "k1", "甘肃省", "和政县", "卫健委", 2023, None, None, ""),
             2: ReportInfo(2, "k2", "甘肃省", "和政县", "卫生健康委员会", 2024, None, None, ""),
             3: ReportInfo(3, "k3", "甘肃省", "和政县", "教育局", 2024, None, None, "")}
    for i in infos.values():
        i.kind = "report"  # type: ignore[attr-defined]
    series = year_series(infos)
    assert [sorted(ys.items()) for _, ys in series] == [[(2023, 1), (2024, 2)]]
