"""The HTML opinion's title as Chromium lays it out at phone, tablet and desktop widths: a line
ends only where title_lines put a break (before 《, after 》, between words), never inside a
word — the browser would otherwise break Chinese text between any two characters."""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_helpers import chromium, require_chromium  # noqa: E402

from fazhi.model import Meta, Report  # noqa: E402
from fazhi.render import render_html  # noqa: E402
from fazhi.render.wording import title_lines  # noqa: E402

require_chromium()

TITLES = ["青禾县2023年法治政府建设年度报告",
          "河川市人民政府办公室关于印发河川市推进依法行政加快建设法治政府实施方案落实情况的总结报告"]

# the top of every character of the h1, in order
LINE_TOPS = """() => {
  const h = document.querySelector('h1'); const out = [];
  const walk = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    for (let i = 0; i < n.length; i++) {
      const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
      out.push([n.data[i], Math.round(r.getBoundingClientRect().top)]);
    }
  }
  return out;
}"""


def test_html_title_breaks_only_between_title_lines():
    with chromium() as b:
        for t in TITLES:
            html = render_html(Report(text=f"{t}\n一、主要举措和成效\n全年办理行政复议案件12件。\n",
                                      meta=Meta(title=t, kind="report")))
            title = f"关于《{t}》的审核意见"
            allowed, pos = set(), 0
            for line in title_lines(title)[:-1]:
                pos += len(line)
                allowed.add(pos)
            for width in (360, 600, 1000):
                page = b.new_page(viewport={"width": width, "height": 800})
                page.set_content(html)
                chars = page.evaluate(LINE_TOPS)
                page.close()
                text = "".join(c for c, _ in chars)
                assert re.sub(r"\s", "", text) == title
                breaks = {i for i in range(1, len(chars)) if chars[i][1] > chars[i - 1][1]}
                assert breaks <= allowed, (width, [text[a:b] for a, b in
                                                   zip([0, *sorted(breaks)], [*sorted(breaks), len(text)])])
