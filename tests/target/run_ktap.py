#!/usr/bin/python3
"""Boot the firmware under QEMU, run `selftest` and judge its KTAP output: any
`not ok`, a missing or wrong plan, a missing result, or a report (any line that is not
KTAP, such as `BUG:` or `slab error:`) that no `# expected` note announced inside its test
case, is a failure. Prints "ktap: N passed, N failed, N skipped" (test cases, nested
results) last: a case reported `ok ... # SKIP` is counted as skipped, not as passed.

  run_ktap.py [firmware.elf]                   under QEMU
  run_ktap.py --board-model [run.py options]   s3c6410 image on tests/board_model"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from qemu_console import Board  # noqa: E402


KTAP_LINE = re.compile(r"\s*(KTAP version \d+|1\.\.\d+|#.*|(not )?ok \d+.*|)$")
EXPECTED_NOTE = re.compile(r"\s*# expected")
RESULT_LINE = re.compile(r"\s*(not )?ok \d+")


def unannounced_reports(text):
    """Lines of a KTAP log that are not KTAP (allocator reports, oopses...) and come after
    no `# expected` note of their test case: a note covers the lines up to the case's
    result line. What follows the last top-level result (the shell's own lines) is ignored."""
    lines = text.splitlines()
    last = max((i for i, l in enumerate(lines) if re.match(r"(not )?ok \d+ ", l)), default=-1)
    found, announced = [], False
    for l in lines[:last + 1]:
        if EXPECTED_NOTE.match(l):
            announced = True
        elif RESULT_LINE.match(l):
            announced = False
        elif not KTAP_LINE.match(l) and not announced:
            found.append(l)
    return found


def check_ktap(text):
    """Return (passed, failed, skipped, problems) for a KTAP v1 document with nested
    suites."""
    problems = []
    lines = text.splitlines()
    if not any(l.strip() == "KTAP version 1" for l in lines[:3]):
        problems.append("no 'KTAP version 1' header")
    plan = next((l for l in lines if re.fullmatch(r"1\.\.\d+", l)), None)
    if plan is None:
        problems.append("no top-level plan")
        return 0, 1, 0, problems
    top_planned = int(plan.split("..")[1])
    top_results = [l for l in lines if re.match(r"(not )?ok \d+ ", l)]
    passed = failed = skipped = 0
    if len(top_results) != top_planned:
        problems.append(f"plan says {top_planned} suites, {len(top_results)} reported")
        failed += 1
    suite_plan = None
    suite_count = 0
    for l in lines:
        m = re.fullmatch(r"    1\.\.(\d+)", l)
        if m:
            suite_plan, suite_count = int(m.group(1)), 0
            continue
        m = re.match(r"    (not ok|ok) \d+ - (\S+)", l)
        if m:
            suite_count += 1
            if m.group(1) == "ok" and re.search(r"\s#\s*SKIP\b", l):
                skipped += 1
            elif m.group(1) == "ok":
                passed += 1
            else:
                failed += 1
                problems.append("not ok: " + m.group(2))
            continue
        m = re.match(r"(not ok|ok) \d+ - (\S+)", l)
        if m:
            if suite_plan is None and re.search(r"# SKIP", l):
                # A suite not run at all (a Ctrl-C stopped the run): no subtest, no plan.
                if m.group(1) == "not ok":
                    problems.append(f"suite {m.group(2)} not run: {l}")
                    failed += 1
            elif suite_plan is None:
                problems.append(f"suite {m.group(2)} has no plan")
                failed += 1
            elif suite_count != suite_plan:
                problems.append(f"suite {m.group(2)}: plan {suite_plan}, {suite_count} results")
                failed += 1
            suite_plan = None
    reports = unannounced_reports(text)
    for r in reports[:10]:
        problems.append("report without a '# expected' note: " + r.strip())
    if len(reports) > 10:
        problems.append(f"... and {len(reports) - 10} more lines without a '# expected' note")
    if reports:
        failed += 1
    return passed, failed, skipped, problems


def make_board(argv):
    if argv[:1] == ["--board-model"]:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                        "board_model"))
        from console import ModelBoard  # noqa: E402
        return ModelBoard(argv=argv[1:], timeout=120)
    return Board(elf=argv[0] if argv else None, timeout=120)


def main():
    board = make_board(sys.argv[1:])
    try:
        board.boot(timeout=10)
        out = board.cmd("selftest", timeout=300)
    except Exception as e:  # boot failure or a hang: one failure, loudly
        print(f"ktap: firmware did not complete selftest: {e!r}")
        print("ktap: 0 passed, 1 failed")
        return 1
    finally:
        board.close()
    sys.stdout.write(out)
    passed, failed, skipped, problems = check_ktap(out)
    for p in problems:
        print("ktap: " + p)
    print(f"ktap: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
