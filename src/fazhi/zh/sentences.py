"""Where a sentence ends in the normalised view (half-width ! and ?), written once: 。 ! ? or a
line break (a figure's sentence, a relation's sentence). The checks' sentence also stops at ；
(checks/common.SENT_END); a clause stops at commas and colons too (extract/facts)."""
from __future__ import annotations

import re

# the body of a character class: [{SENT_STOPS}], [^{SENT_STOPS}]
SENT_STOPS = r"。!?\n"
SENT_END = re.compile(rf"[{SENT_STOPS}]")
