"""Quantities: fazhi's quantity grammar vs cn2an (span mode and transform mode) vs chinese2digits
on short sentences with one target span each (eval/data/quantities.yaml)."""
from __future__ import annotations

import re
import warnings

import yaml

from .common import DATA, norm_view, ratio, same_text, same_value, table


def load(fast: bool = False) -> dict:
    d = yaml.safe_load((DATA / "quantities.yaml").read_text("utf-8"))
    if fast:
        d["positives"] = d["positives"][::10]
        d["negatives"] = d["negatives"][::5]
    return d


def _fazhi():
    try:
        from fazhi.extract.quantities import find_quantities
    except ImportError:
        return None
    def run(text: str):
        return [(q.start, q.end, q.value, q.unit) for q in find_quantities(norm_view(text))]
    return run


def eval_fazhi(d: dict):
    fq = _fazhi()
    if fq is None:
        return None
    found = val = unit = fp = 0
    for it in d["positives"]:
        s = it["text"].index(it["span"])
        e = s + len(it["span"])
        hits = [q for q in fq(it["text"]) if q[0] < e and s < q[1]]
        if hits:
            found += 1
            q = hits[0]
            val += same_value(q[2], it["value"])
            unit += same_text(q[3], it["unit"])
    for it in d["negatives"]:
        s = it["text"].index(it["span"])
        e = s + len(it["span"])
        fp += any(q[0] < e and s < q[1] for q in fq(it["text"]))
    return found, val, unit, fp


def _pct_ok(v, it) -> bool:
    """A converter may give 百分之九十五 as 0.95 or 95: both are accepted."""
    return same_value(v, it["value"]) or (it["unit"] == "%" and same_value(v, it["value"] / 100))


def eval_cn2an_span(d: dict):
    import cn2an
    ok = 0
    for it in d["positives"]:
        num = it["num"].replace(",", "")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                v = cn2an.cn2an(num, "smart")
        except Exception:
            continue
        ok += _pct_ok(v, it)
    return ok


def _numbers(s: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", s)]


def _value_in(out: str, it: dict) -> bool:
    return any(_pct_ok(v, it) for v in _numbers(out))


def eval_transform(d: dict, fn):
    ok = fp = 0
    for it in d["positives"]:
        try:
            out = fn(it["text"])
        except Exception:
            continue
        ok += _value_in(out, it)
    for it in d["negatives"]:
        try:
            out = fn(it["text"])
        except Exception:
            continue
        # the negative span was rewritten (第五十条 -> 第50条, 三项制度 -> 3项制度): a false positive
        fp += it["span"] not in out
    return ok, fp


def run(fast: bool = False) -> str:
    d = load(fast)
    npos, nneg = len(d["positives"]), len(d["negatives"])
    rows = []
    r = eval_fazhi(d)
    if r is None:
        rows.append(["fazhi.extract.quantities", "not available", "", "", "", "", ""])
    else:
        found, val, unit, fp = r
        rows.append(["fazhi.extract.quantities", ratio(found, npos), ratio(val, npos), ratio(unit, npos),
                     ratio(val, found), fp, ratio(fp, nneg)])
    import cn2an
    ok = eval_cn2an_span(d)
    rows.append(["cn2an.cn2an(span, 'smart')", "(given)", ratio(ok, npos), "—", ratio(ok, npos), "n/a", "n/a"])
    def tr(s):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return cn2an.transform(s, "cn2an")
    ok, fp = eval_transform(d, tr)
    rows.append(["cn2an.transform(sentence)", "—", ratio(ok, npos), "—", "—", fp, ratio(fp, nneg)])
    try:
        import chinese2digits as c2d
        ok, fp = eval_transform(d, lambda s: c2d.takeNumberFromString(s)["replacedText"])
        rows.append(["chinese2digits.takeNumberFromString", "—", ratio(ok, npos), "—", "—", fp, ratio(fp, nneg)])
    except ImportError:
        rows.append(["chinese2digits", "not available", "", "", "", "", ""])
    note = (f"{npos} positive expressions, {nneg} non-quantities. 'found' = a quantity overlapping the target "
            "span; 'value acc' = right value (money in 元, percent as the percent number, range = first bound) "
            "over all positives; for the converters (no unit, no detection) a value counts when the expected "
            "number appears in the output (0.95 accepted for 95%). cn2an span mode is handed the numeral part "
            "alone, so it cannot have false positives. FP = non-quantity spans read as a quantity (fazhi) or "
            "rewritten in the output (converters).")
    return table("quantities — value reading and false positives",
                 ["tool", "found", "value acc", "unit acc", "value acc (found)", "FP", "FP rate"], rows, note)
