#!/usr/bin/python3
"""make bench: boot the firmware under `-icount shift=0,sleep=off` (one guest instruction
is one nanosecond of virtual time; sleep=off keeps idle periods from adding real time,
so every count repeats exactly) and run the in-target benchmarks.

    run_bench.py [ELF]                          print the benchmark output
    run_bench.py --check BASELINE [ELF]         the regression gate of make test: one
                                                ok / not ok line per row, then
                                                "bench gate: N passed, N failed"
    run_bench.py --write-baseline BASELINE [ELF]  record this tree's rows as the baseline

A row is a line that ends in a count the firmware measured (instructions, an index, bytes);
lower is better for every one of them. The gate fails a row that is more than 2% worse
than the baseline, a baseline row the firmware no longer prints, and a row the baseline
does not know yet (adopt it by committing a new baseline). Improvements pass."""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from qemu_console import Board  # noqa: E402

TOLERANCE = 0.02

# name, then the figure. Counts are integers, except the index (three decimals) and the
# slab overhead (one decimal): both are compared as written, in their smallest unit.
ROW_PATTERNS = [
    re.compile(r"^(?P<name>.*?)\s+(?P<value>\d+) instructions"),
    re.compile(r"^(?P<name>unusable free space index, order \d+)\s+(?P<value>\d+\.\d+)"),
]
OVERHEAD = re.compile(r"^slab overhead (?P<cache>\S+)\s+management\s+(?P<mgmt>[\d.]+) \+ "
                      r"waste\s+(?P<waste>[\d.]+) bytes/object")


def parse_rows(text):
    """The benchmark rows of `bench` output, as an ordered list of (name, value)."""
    rows = []
    for line in text.splitlines():
        m = OVERHEAD.match(line)
        if m:
            rows.append(("slab overhead %s management bytes/object" % m["cache"],
                         m["mgmt"]))
            rows.append(("slab overhead %s waste bytes/object" % m["cache"], m["waste"]))
            continue
        for pat in ROW_PATTERNS:
            m = pat.match(line)
            if m:
                rows.append((" ".join(m["name"].split()).rstrip(":"), m["value"]))
                break
    return rows


def read_baseline(path):
    base = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            value, name = line.split(None, 1)
            base[name] = value
    return base


def write_baseline(path, rows):
    with open(path, "w") as f:
        f.write("# make bench rows: figure, then row name (guest instructions under qemu\n"
                "# -icount shift=0 unless the name says otherwise; lower is better).\n"
                "# make test fails when a row is more than 2% above its figure here.\n"
                "# Regenerate: python3 tests/bench/run_bench.py --write-baseline "
                "tests/bench/baseline.txt\n")
        for name, value in rows:
            f.write("%s %s\n" % (value, name))


def check(rows, base):
    """Print one line per row and the summary; return the number of failures."""
    passed = failed = 0
    seen = set()
    for name, value in rows:
        seen.add(name)
        if name not in base:
            print("not ok - %s: %s, not in the baseline (commit a new baseline)" % (name, value))
            failed += 1
            continue
        now, ref = float(value), float(base[name])
        limit = ref * (1 + TOLERANCE)
        # A value written with fewer digits than its unit (0.003) is compared as written:
        # 2% of a small figure is less than its last digit, so any increase fails.
        if now > limit:
            print("not ok - %s: %s, baseline %s (+%.1f%%, limit +2%%)"
                  % (name, value, base[name], (now - ref) * 100 / ref if ref else 100.0))
            failed += 1
        else:
            change = (now - ref) * 100 / ref if ref else 0.0
            print("ok - %s: %s, baseline %s (%+.1f%%)" % (name, value, base[name], change))
            passed += 1
    for name in base:
        if name not in seen:
            print("not ok - %s: in the baseline, not printed by bench" % name)
            failed += 1
    print("bench gate: %d passed, %d failed" % (passed, failed))
    return failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("elf", nargs="?")
    ap.add_argument("--check", metavar="BASELINE")
    ap.add_argument("--write-baseline", metavar="BASELINE")
    args = ap.parse_args()
    board = Board(elf=args.elf, icount=True, timeout=600)
    try:
        board.boot(timeout=30)
        out = board.cmd("bench", timeout=600)
    finally:
        board.close()
    if args.check is None:
        print("== in-target benchmarks (qemu -icount shift=0: instructions) ==")
        sys.stdout.write(out)
    if "error:" in out:
        print("bench printed an error:\n" + out)
        if args.check:
            print("bench gate: 0 passed, 1 failed")
        return 1
    rows = parse_rows(out)
    if args.write_baseline:
        write_baseline(args.write_baseline, rows)
        print("wrote %d rows to %s" % (len(rows), args.write_baseline))
    if args.check:
        return 1 if check(rows, read_baseline(args.check)) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
