"""Where a sentence ends in the normalised view (half-width ! and ?), written once: 。 ! ? or a
line break (a figure's sentence, a relation's sentence). The checks' sentence also stops at ；
(checks/common.SENT_END); a clause stops at commas and colons too (extract/facts)."""
from __future__ import annotations

import re

# the body of a character class: [{SENT_STOPS}], [^{SENT_STOPS}]
SENT_STOPS = r"。!?\n"
SENT_END = re.compile(rf"[{SENT_STOPS}]")


def first_clauses(text: str, limit: int = 60) -> str:
    """The opening of a message for a sentence that quotes it: its first sentence without the
    stop, and when that is longer than `limit`, the clauses (up to a ， ； or ：) that fit, then …
    — never cut inside a word or a quotation (a 60-character slice left "…报告，内）")."""
    m = SENT_END.search(text)
    first = text[:m.start()] if m else text
    first = first.rstrip("。；，：! ?")
    if len(first) <= limit:
        return first
    depth, cut = 0, 0
    for i, ch in enumerate(first[:limit + 1]):
        if ch in "“《（(":
            depth += 1
        elif ch in "”》）)":
            depth = max(0, depth - 1)
        elif ch in "，；：,;" and depth == 0:
            cut = i
    return (first[:cut] if cut else first[:limit]) + "…"
