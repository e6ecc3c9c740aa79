"""Titles of the Word documents (审核意见, 通报, 附件) as LibreOffice lays them out: every line break
falls where title_lines put one, and none inside a word or a number — short, usual and very long
titles. The layout is read back from the PDF LibreOffice writes (skipped without LibreOffice)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document

from fazhi.model import Meta, Report
from fazhi.render import render_docx
from fazhi.render.docx import _setup, add_title
from fazhi.render.wording import TITLE_WORDS, text_em, title_lines

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

REPORT_TITLES = [
    "青禾县2023年法治政府建设年度报告",
    "报告",
    "河川市2023年法治政府建设情况",
    "中共河川市委 河川市人民政府关于2023年法治政府建设情况的报告",
    "青禾县人民政府关于2023年度法治政府建设工作情况暨2024年度工作计划的报告",
    "河川市人民政府办公室关于印发河川市推进依法行政加快建设法治政府实施方案落实情况的总结报告",
    "示例县二〇二三年度依法行政暨法治政府建设工作情况总结报告材料汇编",
    "青禾县司法局2023年度法治政府建设年度报告及2024年工作要点",
]
NOTICE_TITLES = ["关于河川市2024年度法治政府建设年度报告报送情况的通报",
                 "关于青禾县2023年度法治政府建设年度报告报送情况的通报"]


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _word_bounds(title: str) -> set[int]:
    """Offsets between two words: jieba's default segmentation, less the cuts inside a number
    and inside the compounds a title never splits."""
    import jieba
    cuts, pos = {0, len(title)}, 0
    for w in jieba.lcut(title, HMM=False):
        pos += len(w)
        cuts.add(pos)
    for m in re.finditer(r"\d+|" + "|".join(TITLE_WORDS), title):
        cuts -= set(range(m.start() + 1, m.end()))
    return cuts


def _breaks(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines[:-1]:
        pos += len(line)
        out.append(pos)
    return out


def test_title_lines_fit_and_break_between_words():
    for t in REPORT_TITLES:
        title = _squeeze(f"关于《{t}》的审核意见")
        lines = title_lines(title)
        assert "".join(lines) == title
        assert all(text_em(x) <= 19.5 for x in lines), lines
        bounds = _word_bounds(title)
        assert all(b in bounds for b in _breaks(lines)), lines
    assert title_lines("关于《报告》的审核意见") == ["关于《报告》的审核意见"]
    # the demo report's title: the line ends after 法治政府建设, never inside 报告
    assert title_lines("关于《青禾县2023年法治政府建设年度报告》的审核意见") == [
        "关于《青禾县2023年法治政府建设", "年度报告》的审核意见"]


def _pdf_lines(pdf_path) -> list[str]:
    import pypdfium2
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    text = pdf[0].get_textpage().get_text_range()
    return [x for x in (_squeeze(x) for x in text.splitlines()) if x]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_titles_as_libreoffice_lays_them_out(tmp_path):
    docs = {}
    for i, t in enumerate(REPORT_TITLES):
        path = tmp_path / f"opinion{i}.docx"
        render_docx(Report(text=f"{t}\n一、主要举措和成效\n全年办理行政复议案件12件。\n",
                           meta=Meta(title=t, kind="report")), str(path))
        docs[path] = _squeeze(f"关于《{t}》的审核意见")
    for i, t in enumerate(NOTICE_TITLES):      # the 通报 sets its title with the same add_title
        doc = Document()
        _setup(doc)
        add_title(doc, t)
        doc.add_paragraph("各有关单位：")
        path = tmp_path / f"notice{i}.docx"
        doc.save(str(path))
        docs[path] = t
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path)] + [str(p) for p in docs],
                   check=True, capture_output=True, timeout=300)
    for path, title in docs.items():
        lines = _pdf_lines(path.with_suffix(".pdf"))
        end = next(i for i, x in enumerate(lines) if x.endswith("："))     # the salutation
        shown = lines[:end]
        assert "".join(shown) == title, (path.name, shown)
        # LibreOffice wrapped no line of its own: the lines are title_lines', each between words
        assert shown == [_squeeze(x) for x in title_lines(title)], (path.name, shown)
        bounds = _word_bounds(title)
        assert all(b in bounds for b in _breaks(shown)), (path.name, shown)
