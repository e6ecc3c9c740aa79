"""Cited titles: 《…》 names a document, a law or a book; words inside it are the title's, not the
sentence's topic (《信访工作条例》 in a sentence about an exam does not make it about petitions)."""
from __future__ import annotations

import re

CITED_TITLE = re.compile(r"《[^》\n]{0,120}》")

