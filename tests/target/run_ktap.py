#!/usr/bin/python3
"""Boot the firmware under QEMU, run `selftest` and judge its KTAP output: any
`not ok`, a missing or wrong plan, or a missing result is a failure.
Prints "ktap: N passed, N failed" (test cases, nested results) last.

  run_ktap.py [firmware.elf]                   under QEMU
  run_ktap.py --board-model [run.py options]   s3c6410 image on tests/board_model"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from qemu_console import Board  # noqa: E402


def check_ktap(text):
    """Return (passed, failed, problems) for a KTAP v1 document with nested suites."""
    problems = []
    lines = text.splitlines()
    if not any(l.strip() == "KTAP version 1" for l in lines[:3]):
        problems.append("no 'KTAP version 1' header")
    plan = next((l for l in lines if re.fullmatch(r"1\.\.\d+", l)), None)
    if plan is None:
        problems.append("no top-level plan")
        return 0, 1, problems
    top_planned = int(plan.split("..")[1])
    top_results = [l for l in lines if re.match(r"(not )?ok \d+ ", l)]
    if len(top_results) != top_planned:
        problems.append(f"plan says {top_planned} suites, {len(top_results)} reported")
    passed = failed = 0
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
            if m.group(1) == "ok":
                passed += 1
            else:
                failed += 1
                problems.append("not ok: " + m.group(2))
            continue
        m = re.match(r"(not ok|ok) \d+ - (\S+)", l)
        if m:
            if suite_plan is None:
                problems.append(f"suite {m.group(2)} has no plan")
                failed += 1
            elif suite_count != suite_plan:
                problems.append(f"suite {m.group(2)}: plan {suite_plan}, {suite_count} results")
                failed += 1
            suite_plan = None
    return passed, failed, problems


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
    passed, failed, problems = check_ktap(out)
    for p in problems:
        print("ktap: " + p)
    print(f"ktap: {passed} passed, {failed} failed")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
