"""Helpers shared by the end-to-end tests (fixtures live in conftest.py)."""
import os
import random
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
if os.path.join(ROOT, "tests", "lib") not in sys.path:
    sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))

from qemu_console import PROMPT, Board  # noqa: E402

ELF = os.environ.get("FIRMWARE_ELF", os.path.join(ROOT, "build/qemu/firmware.elf"))
LOG_DIR = os.path.join(ROOT, "build", "qemu", "e2e")
BOOT_TIMEOUT = 5  # DESIGN: the prompt within 5 s of starting QEMU


def boot_board(name):
    """Start QEMU, wait for the first prompt, return the Board.

    The UART transcript (both directions) goes to LOG_DIR/<name>.log.
    """
    os.makedirs(LOG_DIR, exist_ok=True)
    log = open(os.path.join(LOG_DIR, re.sub(r"[^\w.-]+", "_", name) + ".log"), "w",
               encoding="latin-1")
    board = Board(elf=ELF, logfile=log)
    board.log = log
    try:
        board.boot(timeout=BOOT_TIMEOUT)
    except Exception:
        close_board(board)
        raise
    return board


def close_board(board):
    board.close()
    board.log.close()


def resync(board, timeout=3):
    """Abandon any half-typed line and consume everything up to a fresh prompt.

    A unique unknown command is typed and its error line awaited, so stale prompts left
    in the stream by an earlier test are skipped rather than mistaken for new ones.
    """
    token = "resync%08d" % random.randrange(10**8)
    board.send_raw("\x03")
    board.send_raw(token + "\r")
    board.p.expect_exact(f"unknown command '{token}'", timeout=timeout)
    board.p.expect_exact(PROMPT, timeout=timeout)


def nm_symbols(elf):
    """{name: (address, type letter)} from the cross toolchain's nm."""
    nm = shutil.which(os.environ.get("CROSS", "arm-none-eabi-") + "nm")
    if not nm:
        raise RuntimeError("arm-none-eabi-nm not found (binutils-arm-none-eabi)")
    out = subprocess.run([nm, elf], check=True, capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = (int(parts[0], 16), parts[1])
    return syms


def error_lines(out):
    """(non-blank lines of a command's output, stripped; those starting with 'error: ')."""
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    return lines, [l for l in lines if l.startswith("error: ")]
