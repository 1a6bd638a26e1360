"""Fixtures for the end-to-end tests: boot the firmware under QEMU and type at its UART.

`board` gives each test a shell at a clean prompt. One QEMU runs per test module (a boot
takes well under a second); before each test the console is resynchronised, and a board
that stopped answering is replaced, so one failing test cannot take its neighbours down.
`fresh_board` boots a QEMU of the test's own. Each QEMU's UART transcript is written to
build/qemu/e2e/<test>.log.
"""
import os
import random
import re
import shutil
import subprocess
import sys

import pexpect
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))

from qemu_console import PROMPT, Board  # noqa: E402

ELF = os.environ.get("FIRMWARE_ELF", os.path.join(ROOT, "build/qemu/firmware.elf"))
LOG_DIR = os.path.join(ROOT, "build", "qemu", "e2e")
BOOT_TIMEOUT = 5


@pytest.fixture(scope="session")
def firmware_elf():
    if not os.path.exists(ELF):
        pytest.fail(f"{ELF} does not exist: run `make` first")
    return ELF


def boot_board(name):
    """Start QEMU, wait for the first prompt, return the Board (transcript in LOG_DIR)."""
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


@pytest.fixture(scope="module")
def _module_board(request, firmware_elf):
    holder = {"board": None, "name": request.module.__name__}
    yield holder
    if holder["board"]:
        close_board(holder["board"])


@pytest.fixture
def board(_module_board):
    """The module's board at a clean prompt (rebooted if it stopped answering)."""
    b = _module_board["board"]
    if b is not None:
        try:
            resync(b)
        except (pexpect.TIMEOUT, pexpect.EOF):
            close_board(b)
            b = None
    if b is None:
        b = boot_board(_module_board["name"])
        _module_board["board"] = b
    return b


@pytest.fixture
def fresh_board(request, firmware_elf):
    """A board booted for this test alone."""
    b = boot_board(request.node.name)
    yield b
    close_board(b)


def nm_symbols(elf):
    """{name: (address, type letter)} from the cross toolchain's nm."""
    nm = shutil.which(os.environ.get("CROSS", "arm-none-eabi-") + "nm") or shutil.which("nm")
    if not nm:
        pytest.fail("no nm to read the firmware's symbols (install binutils-arm-none-eabi)")
    out = subprocess.run([nm, elf], check=True, capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = (int(parts[0], 16), parts[1])
    return syms


@pytest.fixture(scope="session")
def symbols(firmware_elf):
    return nm_symbols(firmware_elf)


def error_lines(out):
    """The non-blank lines of a command's output, stripped, and which start with 'error: '."""
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    return lines, [l for l in lines if l.startswith("error: ")]
