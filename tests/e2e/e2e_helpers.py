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
# Next to the firmware: every build configuration (make test runs several) keeps its own.
LOG_DIR = os.path.join(os.path.dirname(os.path.abspath(ELF)), "e2e")
PAGE_OFFSET = 0xc0000000
VMALLOC_END = 0xfe000000  # include/asm/memory.h: fixed, whatever the build settings
BOOT_TIMEOUT = 5  # README: the prompt comes in well under a second; 5 s is the limit


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


def meminfo(board):
    """meminfo as {field: kB}."""
    out = board.cmd("meminfo").replace("\r", "")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+):\s+(\d+) kB$", out, re.M)}


def memory_layout(board):
    """The memory layout of the running firmware, from `zoneinfo` and `meminfo` (never
    from the default board: RAM_MB, LOWMEM_MB and DMA_ZONE_MB move it).

    Returns a dict of physical addresses ram_start, dma_end, lowmem_end, ram_end, the
    page counts of every zone (a zone that does not exist has 0) and vmalloc_start.
    """
    zones = {}
    zone = None
    for line in board.cmd("zoneinfo").replace("\r", "").splitlines():
        m = re.match(r"Node 0, zone\s+(\w+)", line)
        if m:
            zone = zones.setdefault(m.group(1), {"spanned": 0, "start_pfn": None})
            continue
        m = re.match(r"\s+(spanned|start_pfn):?\s+(\d+)$", line)
        if m and zone is not None:
            zone[m.group(1)] = int(m.group(2))
    info = meminfo(board)
    dma, normal = zones["DMA"], zones["Normal"]
    high = zones.get("HighMem", {"spanned": 0})
    ram_start = dma["start_pfn"] << 12
    return {
        "ram_start": ram_start,
        "dma_end": ram_start + (dma["spanned"] << 12),
        "lowmem_end": (normal["start_pfn"] + normal["spanned"]) << 12,
        "ram_end": (normal["start_pfn"] + normal["spanned"] + high["spanned"]) << 12,
        "pages": {"DMA": dma["spanned"], "Normal": normal["spanned"],
                  "HighMem": high["spanned"]},
        "vmalloc_start": VMALLOC_END - (info["VmallocTotal"] << 10),
    }
