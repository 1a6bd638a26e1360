#!/usr/bin/python3
"""Exact per-function guest instruction counts for the in-target benchmarks.

    profile.py [--elf ELF] [--top N] [COMMAND]      (COMMAND default: "bench")

Boots the firmware under QEMU with one instruction per translation block and chaining
off (-singlestep -d exec,nochain), so QEMU logs every instruction it executes, types
COMMAND at the prompt, and attributes each logged PC to the function that contains it
(from the ELF's symbol table). The stream is cut into segments at each entry to
bench_ns(): a benchmark row's timed loop is the segment that starts at its first
bench_ns() and ends at the one inside report(), so dividing a segment's counts by the
row's loop count gives instructions per operation per function. Segment 0 is reset to
the first prompt (plus the idle loop until COMMAND arrives).

A diagnostic tool for "where do the instructions go"; not part of make test."""
import argparse
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
from qemu_console import qemu_command  # noqa: E402

import pexpect  # noqa: E402

TRACE = re.compile(rb"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")


def symbols(elf):
    out = subprocess.run(["arm-none-eabi-nm", "-n", "--defined-only", elf], check=True,
                         capture_output=True, text=True).stdout
    addrs, names = [], []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW" and not parts[2].startswith("$"):
            addrs.append(int(parts[0], 16))
            names.append(parts[2])
    return addrs, names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--elf", default=os.path.join(ROOT, "build/qemu/firmware.elf"))
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--min", type=int, default=1000, help="skip segments with fewer")
    ap.add_argument("command", nargs="?", default="bench")
    args = ap.parse_args()
    addrs, names = symbols(args.elf)
    bench_ns = addrs[names.index("bench_ns")]
    tmp = tempfile.mkdtemp()
    fifo = os.path.join(tmp, "trace")
    os.mkfifo(fifo)

    segments = [collections.Counter()]

    def reader():
        cur = segments[0]
        with open(fifo, "rb") as f:
            for line in f:
                m = TRACE.match(line)
                if not m:
                    continue
                pc = int(m.group(1), 16)
                if pc < 0xc0000000:
                    pc += 0xc0000000  # before the MMU is on: the physical alias
                if pc == bench_ns:
                    cur = collections.Counter()
                    segments.append(cur)
                cur[pc] += 1

    t = threading.Thread(target=reader)
    t.start()
    cmd = qemu_command(args.elf, False, ["-singlestep", "-d", "exec,nochain", "-D", fifo])
    p = pexpect.spawn(cmd[0], cmd[1:], encoding="latin-1", timeout=600, echo=False)
    p.expect_exact("mm> ")
    p.send(args.command + "\r")
    p.expect_exact("mm> ")
    sys.stdout.write(p.before.replace("\r", ""))
    p.terminate(force=True)
    t.join()

    for i, seg in enumerate(segments):
        total = sum(seg.values())
        if total < args.min:
            continue
        per_fn = collections.Counter()
        for pc, n in seg.items():
            k = bisect.bisect_right(addrs, pc) - 1
            per_fn[names[k] if k >= 0 else hex(pc)] += n
        print("== segment %d: %d instructions" % (i, total))
        for name, n in per_fn.most_common(args.top):
            print("   %10d  %s" % (n, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
