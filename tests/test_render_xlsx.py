"""The batch table and the verdict rule."""
from __future__ import annotations

import datetime
import re

import openpyxl
from openpyxl.utils import get_column_letter

import fazhi
from fazhi.config import Config
from fazhi.model import Evidence, Finding, Meta, Report
from fazhi.render import BatchItem, render_xlsx
from fazhi.render.xlsx import FINDING_HEADERS, REPORT_HEADERS
from fazhi.review import verdict
from render_helpers import sample_report


def _finding(rule, sev, **data):
    return Finding(rule, sev, f"{rule} 的说明", [], None, data=data)


def test_verdict_rules_in_order():
    r = Report(text="正文。")
    assert verdict(r)[0] == "合格"
    r.findings = [_finding("quality.x", "minor")]
    label, reason = verdict(r)
    assert label == "合格" and "一般问题1项" in reason
    r.findings = [_finding("figures.sum_mismatch", "major")]
    label, reason = verdict(r)
    assert label == "需修改" and "严重问题1项" in reason
    r.findings = [_finding("structure.missing_part", "major", part="plan"),
                  _finding("structure.missing_part", "major", part="shortcomings")]
    label, reason = verdict(r)
    assert label == "不合格" and "缺少2项法定内容" in reason and "存在的不足和原因" in reason
    r.findings = []
    r.meta = Meta(kind="template")
    assert verdict(r)[0] == "不合格"
    r.meta = Meta(kind="report")
    r.findings = [_finding("provenance.template_site", "major")]
    assert verdict(r)[0] == "不合格"


def test_verdict_is_configurable_and_ignores_dismissed():
    r = Report(text="正文。")
    r.findings = [_finding("structure.missing_part", "major", part="plan"),
                  _finding("figures.rate_mismatch", "minor"), _finding("quality.y", "minor")]
    assert verdict(r)[0] == "需修改"
    cfg = Config.default()
    cfg.data["verdict"]["fail"]["missing_parts_min"] = 1
    assert verdict(r, cfg)[0] == "不合格"
    cfg = Config.default()
    cfg.data["verdict"]["revise"]["majors_min"] = None
    cfg.data["verdict"]["revise"]["minors_min"] = 2
    label, reason = verdict(r, cfg)
    assert label == "需修改" and "一般问题2项" in reason
    # dismissing the only major finding (id assigned by position: F1) makes it pass
    assert verdict(r, decisions={"F1": {"decision": "dismissed"}})[0] == "合格"
    # a reviewer-added major finding counts
    assert verdict(Report(text="正文。"), extra_findings=[_finding("quality.z", "major")])[0] == "需修改"


def test_xlsx_sheets_rows_headers(tmp_path):
    good = sample_report()
    good.source.path = "报告/青石县.txt"
    late = sample_report()
    late.source.path = "报告/晚交县.txt"
    late.meta.report_date = "2024-03-20"      # after the 3月1日 deadline of a county's 2023 report
    late.findings = [Finding("years.deadline", "minor", "报告晚于规定时间公开。",
                             [Evidence(0, 3, late.text[:3])], "按时公开。", id="F1")]
    undated = sample_report()
    undated.source.path = "报告/无日期县.txt"
    undated.meta.report_date = undated.meta.publish_date = None
    out = tmp_path / "汇总.xlsx"
    render_xlsx([BatchItem("报告/青石县.txt", good), BatchItem("报告/晚交县.txt", late),
                 ("报告/坏文件.pdf", None, "PDF 文件已损坏或无法读取"),
                 BatchItem("报告/无日期县.txt", undated)], str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["报告", "问题", "指标"]
    ws = wb["报告"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == REPORT_HEADERS
    assert REPORT_HEADERS[:16] == ["文件", "报告标题", "地区", "层级", "省份", "报告年度", "成文日期", "发布日期", "类型",
                                   "结论", "严重", "一般", "提示", "缺少的法定内容", "按时报送公开", "错误"]
    assert len(rows) == 5
    col = {h: i for i, h in enumerate(REPORT_HEADERS)}
    g = rows[1]
    assert g[col["文件"]] == "报告/青石县.txt" and g[col["地区"]] == "青石县" and g[col["层级"]] == "县级"
    assert g[col["报告年度"]] == 2023 and g[col["结论"]] == "不合格"
    assert (g[col["严重"]], g[col["一般"]], g[col["提示"]]) == (2, 1, 1)
    assert "下一年度推进法治政府建设的主要安排" in g[col["缺少的法定内容"]]
    assert g[col["按时报送公开"]] == "按时" and g[col["错误"]] is None
    assert rows[2][col["按时报送公开"]] == "逾期" and rows[2][col["结论"]] == "合格"
    assert rows[4][col["按时报送公开"]] == "无法判断"     # no date known: not "on time"
    bad = rows[3]
    assert bad[col["文件"]] == "报告/坏文件.pdf" and "损坏" in bad[col["错误"]] and bad[col["结论"]] is None
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref.startswith("A1:")
    assert ws.column_dimensions["A"].width >= 20
    wf = wb["问题"]
    frows = list(wf.iter_rows(values_only=True))
    assert list(frows[0]) == FINDING_HEADERS
    assert len(frows) == 1 + 4 + 1 + 4
    assert not any(re.fullmatch(r"[a-z]+\.[a-z_]+", str(c)) for r in frows for c in r if c), "a rule id"
    rate = next(r for r in frows if r[2] == "比率与其分子分母不符")
    # the three bare figures lie in one sentence: quoted once, as that sentence
    assert rate[3] == "数据一致性" and rate[4] == "一般"
    assert rate[6] == "全年共受理行政复议案件15件，其中维持10件、纠错5件，纠错率35%"
    fcol = {h: i for i, h in enumerate(FINDING_HEADERS)}
    assert rate[fcol["位置"]] == "一、主要举措和成效" and rate[fcol["编号"]] == "F1"
    assert wf.freeze_panes == "B2"
    # dates are real dates (sortable, filterable), shown as yyyy-mm-dd
    cell = ws.cell(row=2, column=col["成文日期"] + 1)
    assert cell.value == datetime.datetime(2024, 2, 20) and cell.number_format == "yyyy-mm-dd"
    assert g[col["报告标题"]] == "青石县2023年法治政府建设年度报告"
    # every column has a width and every header is Chinese
    for sheet, headers in ((ws, REPORT_HEADERS), (wf, FINDING_HEADERS)):
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
        for i, h in enumerate(headers, 1):
            assert re.search(r"[\u4e00-\u9fff]", h)
            assert sheet.column_dimensions[get_column_letter(i)].width >= 6


def test_xlsx_neutralises_formulas(tmp_path):
    r = Report(text="=HYPERLINK(\"http://x\")正文")
    r.findings = [Finding("quality.x", "minor", "=1+1", [Evidence(0, 5, r.text[:5])], None, id="F1")]
    out = tmp_path / "a.xlsx"
    render_xlsx([r], str(out))
    wf = openpyxl.load_workbook(out)["问题"]
    row = list(wf.iter_rows(min_row=2, values_only=True))[0]
    assert row[5] == "'=1+1" and row[6].startswith("'=")


def test_xlsx_odd_dates_stay_text(tmp_path):
    r = sample_report()
    r.meta.report_date, r.meta.publish_date = "2024-02-30", "2024-03"
    out = tmp_path / "a.xlsx"
    render_xlsx([r], str(out))
    row = list(openpyxl.load_workbook(out)["报告"].iter_rows(min_row=2, values_only=True))[0]
    col = {h: i for i, h in enumerate(REPORT_HEADERS)}
    # an impossible date or a month is kept as written, never guessed into a day
    assert row[col["成文日期"]] == "2024-02-30" and row[col["发布日期"]] == "2024-03"


def test_xlsx_on_seeds(seeds, tmp_path):
    reports = [fazhi.analyze(p) for p in seeds]
    out = tmp_path / "seeds.xlsx"
    render_xlsx(reports, str(out))
    wb = openpyxl.load_workbook(out)
    assert wb["报告"].max_row == 1 + len(reports)
    assert wb["问题"].max_row == 1 + sum(len(r.findings) for r in reports)
    labels = [row[REPORT_HEADERS.index("结论")] for row in wb["报告"].iter_rows(min_row=2, values_only=True)]
    assert set(labels) <= {"合格", "需修改", "不合格"}


def test_xlsx_indicator_sheet_keeps_every_indicator(tmp_path):
    """The opinion shows the key indicators only; the Excel lists all of them, key ones marked."""
    from fazhi.render.opinion import build_opinion
    r = sample_report()
    r.source.path = "报告/青石县.txt"
    out = tmp_path / "汇总.xlsx"
    render_xlsx([BatchItem("报告/青石县.txt", r)], str(out))
    rows = list(openpyxl.load_workbook(out)["指标"].iter_rows(values_only=True))
    op = build_opinion(r)
    assert rows[0][:5] == ("文件", "地区", "报告年度", "指标", "重点指标")
    assert len(rows) - 1 == len(op.indicators) > len(op.key_indicators)
    assert sum(1 for x in rows[1:] if x[4] == "是") == len(op.key_indicators)


def test_xlsx_undated_report_deadline_cannot_be_checked(tmp_path):
    r = sample_report()
    r.meta.report_date = None
    out = tmp_path / "汇总.xlsx"
    render_xlsx([BatchItem("报告/无日期县.txt", r)], str(out))
    rows = list(openpyxl.load_workbook(out)["报告"].iter_rows(values_only=True))
    col = {h: i for i, h in enumerate(rows[0])}
    assert rows[1][col["按时报送公开"]] == "无法判断"


DEPARTMENT = ("临邑县审计局2023年法治政府建设年度报告\n"
              "2023年，县审计局坚持依法审计，扎实推进法治机关建设。现将有关情况报告如下：\n"
              "一、2023年推进法治政府建设的主要举措和成效\n全年完成审计项目14个，查出问题金额2100万元。\n"
              "二、存在的不足和原因\n个别审计人员法治意识不强，主要原因是培训不够。\n"
              "三、党政主要负责人履行推进法治建设第一责任人职责情况\n局主要负责人带头学法4次。\n"
              "四、2024年工作安排\n完成审计项目15个。\n临邑县审计局\n2024年2月20日\n")


def test_department_report_keeps_its_place_in_every_sheet(tmp_path):
    """A department's report is 临邑县审计局 in the batch table, as in `fazhi list` and the opinion
    (报告单位 审计局, 所属地区 临邑县), never the bare 审计局 with its county lost."""
    from fazhi import analyze
    from fazhi.render import build_opinion
    report = analyze(DEPARTMENT.encode("utf-8"))
    report.source.path = "临邑县审计局.txt"
    info = dict(build_opinion(report).info)
    assert (info["报告单位"], info["所属地区"]) == ("审计局", "临邑县")
    out = tmp_path / "汇总.xlsx"
    render_xlsx([BatchItem("临邑县审计局.txt", report)], str(out))
    wb = openpyxl.load_workbook(out)
    rows = list(wb["报告"].iter_rows(values_only=True))
    assert rows[1][REPORT_HEADERS.index("地区")] == "临邑县审计局"
    for sheet in ("问题", "指标"):
        body = list(wb[sheet].iter_rows(min_row=2, values_only=True))
        assert body and {r[1] for r in body} == {"临邑县审计局"}, sheet


def test_verdict_reason_names_a_deciding_rule_by_its_title():
    """A 不合格/需修改 decided by `verdict.fail.rules` / `revise.rules` names the rule as the reviewer
    reads it (转载自范文网站), not by its id, and quotes the message without internal codes."""
    from fazhi.labels import rule_title
    r = Report(text="正文。", meta=Meta(kind="report"))
    r.findings = [Finding("provenance.template_site", "major", "文本转载自范文网站（template_site）。", [], None)]
    label, reason = verdict(r)
    assert label == "不合格" and rule_title("provenance.template_site") in reason
    assert "provenance." not in reason and "template_site" not in reason
    cfg = Config.default()
    cfg.data["verdict"]["fail"]["rules"] = []
    r.findings = [_finding("structure.part_nested", "info")]
    cfg.data["verdict"]["revise"]["rules"] = ["structure.part_nested"]
    label, reason = verdict(r, cfg)
    assert label == "需修改" and "法定内容未单列" in reason and "structure." not in reason
