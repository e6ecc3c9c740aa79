"""Odd input never crashes or hangs the engine (bench/fuzz.py), and the quadratic cases the
fuzzer found stay linear."""
from __future__ import annotations

import time

import pytest

import fazhi
from fazhi.errors import FazhiError
from fazhi.extract.quantities import find_quantities, parse_number
from fazhi.textnorm import normalize_view

HEAD = "示例县2023年法治政府建设年度报告\n一、主要工作\n"


def _timed(text: str) -> float:
    t0 = time.process_time()
    fazhi.analyze_text(text).to_json()
    return time.process_time() - t0


def _linear(make, small: int, large: int, slack: float = 4.0) -> None:
    """Time at `large` is at most slack × proportional to the time at `small` (quadratic
    growth would give large/small times more)."""
    fazhi.analyze_text(make(small))
    ts = min(_timed(make(small)) for _ in range(2))
    tl = _timed(make(large))
    assert tl <= max(0.3, slack * ts * large / small), (ts, tl)


def test_fuzz_cases_end_in_result_or_documented_error():
    from bench.fuzz import fuzz, run_case
    # small cases (runs and repeats capped), so that a thousand run in about a minute of CPU;
    # `python -m bench fuzz` runs full-size ones (docs/reliability.md)
    res = fuzz(1000, seed=11, timeout=60, cap=300, max_seed_chars=1500)
    assert res["crashes"] == {}, res["crash_examples"]
    # a case over the wall-clock limit is run again alone and timed in CPU seconds: a machine
    # busy with other work must not pass for a hang, and a real hang still fails here
    confirmed = []
    for name, data in res["hang_inputs"]:
        t0 = time.process_time()
        run_case(name, data)
        if time.process_time() - t0 > 10:
            confirmed.append(name)
    assert confirmed == [], res["hangs"]
    assert res["outcomes"].get("ok", 0) > 400           # most mutated reports are still read
    assert res["worst_s"]["seconds"] < 5, res["worst_s"]          # CPU seconds of one case


def test_fuzz_run_resumes_from_its_state_with_the_same_cases(tmp_path):
    """A run stopped partway and resumed with its state file counts what one straight run
    counts: each case has its own random stream, so case i is the same input either way."""
    from bench.fuzz import case_rng, fuzz, make_case, seed_texts
    seeds = seed_texts(800)
    assert make_case(case_rng(5, 7), seeds, 7) == make_case(case_rng(5, 7), seeds, 7)
    assert make_case(case_rng(5, 7), seeds, 7) != make_case(case_rng(5, 8), seeds, 8)
    kw = dict(seed=5, timeout=60, cap=200, max_seed_chars=800)
    straight = fuzz(24, **kw)
    state = tmp_path / "run.json"
    first = fuzz(10, state=state, **kw)
    assert first["cases"] == 10 and state.exists()
    resumed = fuzz(24, state=state, **kw)
    assert resumed["resumed_at"] == 10 and resumed["cases"] == 24
    assert resumed["outcomes"] == straight["outcomes"]
    assert resumed["error_codes"] == straight["error_codes"]
    with pytest.raises(SystemExit):                       # another seed's state is refused
        fuzz(24, **{**kw, "seed": 6}, state=state)


@pytest.mark.parametrize("make", [
    lambda n: HEAD + "1" * n + "\n",                                   # a digit run, no unit
    lambda n: HEAD + "数据" + "1" * n + "件。\n",                       # a digit run with a unit
    lambda n: HEAD + "一" * n + "\n",                                  # a numeral run
    lambda n: HEAD + "共办理案件100件" + "，其中5件" * (n // 5) + "。\n",  # a chain of 其中
    lambda n: HEAD + "共办理事项5件，其中甲类2件，乙类3件，" * (n // 20) + "。\n",   # one long sentence of 其中
    lambda n: HEAD + "二、存在的不足\n" + "执" * n + "\n",                # a CJK run in the shortcomings
    lambda n: HEAD + "二、存在的不足\n" + "执法、" * (n // 3) + "等领域\n",
    lambda n: HEAD + "三、下一步工作\n" + "1" * n + "\n",                 # a digit run in the plan
    lambda n: "<html><body>" + "<div>" * (n // 5) + "<p>示例县2023年法治政府建设年度报告，办理案件12件。</p>" + "</body></html>",
], ids=["digits", "digits-unit", "numerals", "qizhong", "qizhong-sentence", "cjk-run", "enum-list", "plan-digits", "deep-html"])
def test_long_runs_take_linear_time(make):
    _linear(make, 1000, 8000)


def test_huge_numbers_are_no_quantities_and_break_nothing():
    big = "9" * 400
    r = fazhi.analyze_text(HEAD + f"共办理{big}件，其中{big[:-1]}件，{big[:-1]}件。办结率{big}%。\n"
                           "全年办理复议案件12件，其中维持8件、撤销4件。\n")
    assert not [d for d in r.diagnostics if d.code == "rule_failed"]   # no rule failed (and was skipped)
    values = [f.value for f in r.facts]
    assert all(abs(v) < 10 ** 16 for v in values if v is not None)
    assert any(rel.type == "sum" and rel.holds for rel in r.relations)   # the real sum is still read
    assert [q.value for q in find_quantities(normalize_view("资金2.38万亿元"))] == [2380000000000]
    assert not find_quantities(normalize_view("编号" + "1" * 20 + "件"))


def test_long_chinese_numerals_are_not_read():
    assert parse_number("三千六百四十八万四千") == 36484000
    assert parse_number("十" + "万" * 2000) is None                   # no RecursionError either


def test_qizhong_chain_ends_at_the_next_qizhong():
    r = fazhi.analyze_text(HEAD + "共受理案件10件，其中行政类6件，民事类4件。\n"
                           "共办理事项20件，其中甲类12件，其中加急5件，普通7件。\n")
    sums = [(rel.stated, rel.computed) for rel in r.relations if rel.type == "sum"]
    assert (10, 10) in sums                     # a flat partition is read
    assert (12, 12) in sums                     # the nested 其中 breaks down 甲类12件
    assert all(stated != 20 for stated, _ in sums)   # 12 alone is no partition of 20


def test_enum_list_still_fires_and_not_without_list():
    from fazhi.checks.quality import ENUM_LIST
    assert ENUM_LIST.search("在食品安全、生态环境、交通运输等领域执法力量不足")
    assert ENUM_LIST.search("一、食品、药品等领域")               # items of two characters
    assert not ENUM_LIST.search("在食品安全等领域执法力量不足")        # one item is no list
    assert not ENUM_LIST.search("在食品安全、药等领域")               # the last item is one character


def test_unreadable_bytes_end_in_documented_error():
    for data in (b"\x00" * 100, b"PK\x03\x04" + b"\x00" * 50, b"%PDF-1.7\n" + bytes(range(256)) * 4):
        with pytest.raises(FazhiError):
            fazhi.analyze(data, path="x.bin")


def _best_cpu(fn, *args, rounds: int = 3) -> float:
    """The least CPU time of `rounds` calls of fn(*args)."""
    out = []
    for _ in range(rounds):
        t = time.process_time()
        fn(*args)
        out.append(time.process_time() - t)
    return min(out)


def test_long_numeral_run_is_scanned_once():
    # a slogan pattern with an unbounded numeral run ([一…十]+五普法) rescanned the run from every
    # position: 85,000 一 took 11.5 s in find_quantities. Linear: 8× the run, at most 16× the time
    small, large = (_best_cpu(find_quantities, "办理" + "一" * n + "件。") for n in (4000, 32000))
    assert large <= max(0.02, 16 * small), (small, large)


def test_figures_of_one_endless_sentence_take_linear_time():
    # a broken page whose whole text is one sentence with thousands of figures: each figure reads
    # a bounded stretch of the sentence before it (a fuzz input of 50,000 characters in one
    # clause took 2.5 s in one pattern); 8× the figures, at most 16× the time
    from fazhi.extract.facts import build_facts
    from fazhi.model import Report
    small, large = (_best_cpu(build_facts, Report(text="县政府研究" + "执法监督工作办理3件" * k + "。"))
                    for k in (300, 2400))
    assert large <= max(0.05, 16 * small), (small, large)


def test_a_rate_with_an_endless_decimal_tail_breaks_no_rule():
    # found by the on-demand fuzz run: a digit run glued into a rate's decimals (97.123123…%)
    # made the rate check's rounding overflow Decimal's precision, and the rule was skipped
    tail = "１２３" * 40
    r = fazhi.analyze_text(HEAD + f"共受理申请200件，办结196件，办结率97.{tail}8%。\n"
                           "受理投诉50件，办结45件，办结率80%。\n")
    assert not [d for d in r.diagnostics if d.code == "rule_failed"]
    # the plain rate that does not hold is still checked
    assert any(f.rule == "figures.rate_mismatch" and "80%" in f.evidence[0].quote for f in r.findings)
