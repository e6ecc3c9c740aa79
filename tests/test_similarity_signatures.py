"""The vectorised paragraph signatures (corpus/similarity.signatures) are datasketch's MinHash
values, paragraph by paragraph, so stored signatures and new ones stay comparable."""
from __future__ import annotations

import random

from conftest import ROOT, TEXTS
from fazhi.config import Config
from fazhi.corpus import similarity as S
from fazhi.textnorm import normalize_view

CFG = Config.default().get("corpus.similarity")


def one_by_one(text: str, cfg=CFG, headings=()) -> list[tuple[int, int, bytes]]:
    """The signatures as they were computed before: one datasketch MinHash per paragraph."""
    norm = normalize_view(text)
    out = []
    for s, e in S.paragraphs(text, cfg["min_paragraph_chars"]):
        if any(hs < e and he > s and (min(he, e) - max(hs, s)) >= 0.6 * (e - s) for hs, he in headings):
            continue
        c, _ = S.cleaned(norm, s, e)
        out.append((s, e, S.signature(S.shingles(c, cfg["shingle"]), cfg["num_perm"])))
    return out


def test_signatures_of_real_and_team_texts_equal_datasketch():
    paths = sorted(TEXTS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    assert paths
    for p in paths:
        text = p.read_text("utf-8")
        assert S.paragraph_signatures(text, None, CFG) == one_by_one(text), p.name


def test_edge_cases_equal_datasketch():
    rng = random.Random(3)
    alphabet = "法治政府建设年度报告ΣσςİIiAaZz0123456789_，。；：、\u3000 "
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(30, 120))) for _ in range(40)]
    lines += ["ΣΑΣ ΣΟΦΙΑ " * 6, "İstanbul İİİ " * 5, "短", "ＡＢＣ１２３全角字母与数字混排的一段文字，足够四十个字才算一段。" * 2]
    text = "\n".join(lines)
    heads = [(0, 40)]
    assert S.paragraph_signatures(text, None, CFG, heads) == one_by_one(text, headings=heads)
    small = dict(CFG, shingle=3, num_perm=16, min_paragraph_chars=2)
    assert S.paragraph_signatures(text, None, small) == one_by_one(text, small)


def test_empty_sets_and_chunks():
    sets = [set(), {"ab", "bc"}, set(), {"x"}, {str(i) for i in range(50)}, set()]
    want = [S.signature(s, 32) for s in sets]
    assert S.signatures(sets, 32) == want
    assert S.signatures(sets, 32, chunk=3) == want      # one set at a time past the chunk
    assert S.signatures([], 32) == []
