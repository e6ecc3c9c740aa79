"""The range of Chinese characters (CJK Unified Ideographs, U+4E00–U+9FFF), written once: as a
character-class body for building patterns ([{CJK}]{2,8}), and as the two patterns several
modules use on their own (one character; a run of characters)."""
from __future__ import annotations

import re

CJK = "\u4e00-\u9fff"
CJK_CHAR = re.compile(rf"[{CJK}]")
CJK_RUN = re.compile(rf"[{CJK}]+")
