"""`selftest` is hermetic: whatever state it starts in (memory exhausted) and however it
ends (cases failing, Ctrl-C), meminfo, buddyinfo (after drain_pages), slabinfo and
vmallocinfo are exactly what they were before, and the next `selftest` passes. A run
stopped by Ctrl-C says so in its KTAP and answers `error: interrupted`; the reports the
suites provoke on purpose are announced by a `# expected` note.

Nothing here assumes the board's memory size: the orders come from buddyinfo, and
exhaustion is "allocate until the allocator says no"."""
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "target"))

from run_ktap import check_ktap, unannounced_reports  # noqa: E402

STATE_COMMANDS = ("meminfo", "buddyinfo", "slabinfo", "vmallocinfo")
SELFTEST_TIMEOUT = 300
TOP_RESULT = re.compile(r"(not ok|ok) (\d+) - (\S+)(.*)$")
NESTED_RESULT = re.compile(r"    (not ok|ok) (\d+) - (\S+)(.*)$")


def state(board):
    """What selftest must leave as it found it: free lists after a drain, caches, areas."""
    assert "drained" in board.cmd("drain_pages")
    return {c: board.cmd(c) for c in STATE_COMMANDS}


def assert_same_state(before, after, what):
    diffs = []
    for c in STATE_COMMANDS:
        if before[c] != after[c]:
            diffs += [f"--- {c}"] + list(difflib.unified_diff(
                before[c].splitlines(), after[c].splitlines(), lineterm="", n=0))[2:]
    assert not diffs, f"{what} changed the state:\n" + "\n".join(diffs)


def meminfo_kb(board, field):
    m = re.search(rf"^{field}:\s+(\d+) kB", board.cmd("meminfo"), re.M)
    assert m, field
    return int(m.group(1))


def max_order(board):
    """Highest order of the buddy allocator: buddyinfo has one column per order."""
    row = next(l for l in board.cmd("buddyinfo").splitlines() if l.startswith("Node"))
    return len(row.split(",", 1)[1].split()) - 3  # "zone", name, then orders 0..max


def exhaust(board):
    """Allocate blocks through the shell, largest first, until every zone is empty
    (highmem-capable with the reserve, then GFP_ATOMIC into the emergency reserve).
    Return: [(pfn, order)] to free."""
    held = []
    for gfp in ("GFP_HIGHUSER|__GFP_HIGH|__GFP_NOWARN", "GFP_ATOMIC|__GFP_NOWARN"):
        for order in range(max_order(board), -1, -1):
            while True:
                out = board.cmd(f"alloc_pages {order} {gfp}")
                m = re.search(r"pfn (0x[0-9a-f]+)", out)
                if not m:
                    assert "alloc_pages(order" in out and "failed" in out, out
                    break
                held.append((m.group(1), order))
    return held


def free_all(board, held):
    for pfn, order in held:
        out = board.cmd(f"free_pages {pfn} {order}")
        assert "error:" not in out, out


def assert_passes(out):
    passed, failed, _skipped, problems = check_ktap(out)
    assert failed == 0 and not problems and passed > 0, "\n".join(problems) + "\n" + out
    assert not re.search(r"^error: ", out, re.M), out


def test_selftest_with_memory_exhausted_leaves_nothing_behind(fresh_board):
    board = fresh_board
    before = state(board)
    held = exhaust(board)
    assert meminfo_kb(board, "MemFree") * 100 < meminfo_kb(board, "MemTotal"), \
        "memory is not exhausted"
    out = board.cmd("selftest", timeout=SELFTEST_TIMEOUT)
    # Cases fail for want of memory, but the document is whole.
    passed, failed, _skipped, problems = check_ktap(out)
    assert failed > 0, out
    assert not [p for p in problems if "plan" in p], "\n".join(problems)
    free_all(board, held)
    assert_same_state(before, state(board), "selftest with memory exhausted")
    assert_passes(board.cmd("selftest", timeout=SELFTEST_TIMEOUT))
    assert_same_state(before, state(board), "the selftest after it")


def interrupted_run(board, suite):
    """Start `selftest`, press Ctrl-C once @suite has started, return its output."""
    board.send_raw("selftest\r")
    board.p.expect_exact(f"# Subtest: {suite}", timeout=SELFTEST_TIMEOUT)
    board.send_raw("\x03")
    start = (board.p.before + board.p.after).replace("\r", "")
    return start + board.wait_prompt(timeout=SELFTEST_TIMEOUT)


def check_interrupted_ktap(out):
    """An interrupted run: the plan honoured at both levels, one case 'not ok # ERROR',
    everything after it 'not ok # SKIP', then `error: interrupted`, and never a success."""
    lines = [l for l in out.splitlines() if l.strip()]
    assert lines[-1] == "error: interrupted", out
    plan = next(int(l[3:]) for l in lines if re.fullmatch(r"1\.\.\d+", l))
    tops = [TOP_RESULT.match(l) for l in lines if TOP_RESULT.match(l)]
    assert [int(m.group(2)) for m in tops] == list(range(1, plan + 1)), out
    errors = [i for i, l in enumerate(lines) if re.match(r"    not ok \d+ - \S+ # ERROR ", l)]
    assert len(errors) == 1, out
    after = lines[errors[0] + 1:]
    nested = [NESTED_RESULT.match(l) for l in after if NESTED_RESULT.match(l)]
    assert all(m.group(1) == "not ok" and m.group(4).startswith(" # SKIP") for m in nested), out
    later = [TOP_RESULT.match(l) for l in after if TOP_RESULT.match(l)]
    assert later and later[0].group(1) == "not ok", out  # the interrupted suite
    assert all(m.group(1) == "not ok" and m.group(4).startswith(" # SKIP") for m in later[1:]), out
    # Every suite that started has as many results as its plan.
    plans = [int(l.strip()[3:]) for l in lines if re.fullmatch(r"    1\.\.\d+", l)]
    counts, n = [], 0
    for l in lines:
        if re.fullmatch(r"    1\.\.\d+", l):
            n = 0
        elif NESTED_RESULT.match(l):
            n += 1
        elif TOP_RESULT.match(l) and "# SKIP" not in l:
            counts.append(n)
    assert counts == plans, out
    passed, failed, _skipped, problems = check_ktap(out)
    assert failed > 0, out


def test_ctrl_c_in_a_suite_with_interrupt_users_reports_and_releases(fresh_board):
    board = fresh_board
    before = state(board)
    check_interrupted_ktap(interrupted_run(board, "page_alloc_irq"))
    assert_same_state(before, state(board), "an interrupted selftest")
    assert_passes(board.cmd("selftest", timeout=SELFTEST_TIMEOUT))


def test_ctrl_c_while_a_case_waits_on_a_mempool(fresh_board):
    board = fresh_board
    before = state(board)
    check_interrupted_ktap(interrupted_run(board, "mempool"))
    assert_same_state(before, state(board), "an interrupted selftest")
    assert_passes(board.cmd("selftest", timeout=SELFTEST_TIMEOUT))


def test_ctrl_c_with_memory_exhausted(fresh_board):
    board = fresh_board
    before = state(board)
    held = exhaust(board)
    out = interrupted_run(board, "page_alloc")
    check_interrupted_ktap(out)
    free_all(board, held)
    assert_same_state(before, state(board), "an interrupted selftest with memory exhausted")
    assert_passes(board.cmd("selftest", timeout=SELFTEST_TIMEOUT))


def test_reports_provoked_on_purpose_are_announced(board):
    out = board.cmd("selftest", timeout=SELFTEST_TIMEOUT)
    assert_passes(out)
    # The suites do provoke reports (the check below is not vacuous)...
    for report in ("BUG: sleeping function called from invalid context", "slab error:",
                   "page_alloc: bad free", "vfree: bad address"):
        assert report in out, report
    # ...and each comes after a "# expected" note of its own case.
    assert unannounced_reports(out) == []
    notes = re.findall(r"^    # expected: .+$", out, re.M)
    assert len(notes) >= 4, out


def test_runner_judges_interrupted_and_unannounced_logs_as_failures():
    """tests/target/run_ktap.py on hand-made logs: it must not take them for passes."""
    interrupted = ("KTAP version 1\n1..2\n    KTAP version 1\n    # Subtest: a\n    1..2\n"
                   "    not ok 1 - x # ERROR interrupted by Ctrl-C\n"
                   "    not ok 2 - y # SKIP interrupted by Ctrl-C\n"
                   "    # a: pass:0 fail:1 skip:1 total:2\nnot ok 1 - a\n"
                   "not ok 2 - b # SKIP interrupted by Ctrl-C\n")
    passed, failed, _skipped, problems = check_ktap(interrupted)
    assert failed >= 2 and passed == 0 and not [p for p in problems if "plan" in p], problems
    announced = ("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    1..2\n"
                 "    # expected: BUG: something\nBUG: something\nin_atomic(): 0\n"
                 "    ok 1 - x\n")
    unannounced = announced + "BUG: something else\n    ok 2 - y\nok 1 - a\n"
    assert unannounced_reports(unannounced) == ["BUG: something else"]
    passed, failed, _skipped, problems = check_ktap(unannounced)
    assert passed == 2 and failed == 1, problems
    passed, failed, _skipped, problems = check_ktap(announced + "    ok 2 - y\nok 1 - a\n")
    assert (passed, failed, problems) == (2, 0, [])
