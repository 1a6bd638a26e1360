#!/usr/bin/python3
"""make bench: boot the firmware under `-icount shift=0,sleep=off` (one guest instruction
is one nanosecond of virtual time; sleep=off keeps idle periods from adding real time,
so every count repeats exactly) and run the in-target benchmarks."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from qemu_console import Board  # noqa: E402


def main():
    elf = sys.argv[1] if len(sys.argv) > 1 else None
    board = Board(elf=elf, icount=True, timeout=600)
    try:
        board.boot(timeout=30)
        print("== in-target benchmarks (qemu -icount shift=0: instructions) ==")
        out = board.cmd("bench", timeout=600)
        sys.stdout.write(out)
        if "error:" in out:
            return 1
    finally:
        board.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
