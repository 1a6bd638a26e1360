"""page_owner (make PAGE_OWNER=1): the record of a known allocation names its caller, in
the format of Linux's /sys/kernel/debug/page_owner that tools/mm/page_owner_sort reads."""
import os
import re
import subprocess

import pytest

from e2e_helpers import ROOT
from qemu_console import Board

BUILD = "build/qemu-page_owner"
HEADER = re.compile(r"^Page allocated via order (\d+), mask (0x[0-9a-f]+)\(([\w|]+)\), "
                    r"pid (\d+), tgid (\d+) \(([^)]*)\), ts (\d+) ns$")
PFN = re.compile(r"^PFN 0x([0-9a-f]+) type \w+ Block \d+ type \w+ Flags 0x[0-9a-f]+\(.*\)$")
STACK = re.compile(r"^ [\w.]+\+0x[0-9a-f]+/0x[0-9a-f]+$")


def records(out):
    """[(header match, pfn, [stack lines])], checking every line's form."""
    recs = []
    for block in out.replace("\r", "").strip("\n").split("\n\n"):
        lines = block.strip("\n").split("\n")
        h = HEADER.match(lines[0])
        assert h, lines[0]
        p = PFN.match(lines[1])
        assert p, lines[1]
        assert lines[2:] and all(STACK.match(s) for s in lines[2:]), lines
        recs.append((h, int(p.group(1), 16), [s.strip() for s in lines[2:]]))
    return recs


@pytest.fixture(scope="module")
def owner_board():
    subprocess.run(["make", "--no-print-directory", "-j8", f"BUILD={BUILD}", "PAGE_OWNER=1",
                    "firmware"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    os.makedirs(os.path.join(ROOT, BUILD, "e2e"), exist_ok=True)
    log = open(os.path.join(ROOT, BUILD, "e2e", "page_owner.log"), "w", encoding="latin-1")
    b = Board(elf=os.path.join(ROOT, BUILD, "firmware.elf"), logfile=log)
    b.boot(timeout=5)
    yield b
    b.close()
    log.close()


def test_known_allocation_names_its_caller(owner_board):
    out = owner_board.cmd("alloc_pages 2")
    pfn = int(re.search(r"pfn 0x([0-9a-f]+)", out).group(1), 16)
    recs = records(owner_board.cmd("page_owner"))
    mine = [r for r in recs if r[1] == pfn]
    assert len(mine) == 1
    h, _, stack = mine[0]
    assert h.group(1) == "2" and h.group(3) == "GFP_KERNEL" and h.group(4) == "0"
    assert any(s.startswith("cmd_alloc_pages+") for s in stack), stack
    # page_owner_sort's view: the boot allocations are there too (mem_map users, slab).
    assert len(recs) > 1
    owner_board.cmd(f"free_pages {pfn:#x} 2")
    assert all(r[1] != pfn for r in records(owner_board.cmd("page_owner")))


def test_ts_moves_forward(owner_board):
    a = owner_board.cmd("alloc_pages 0")
    b = owner_board.cmd("alloc_pages 0")
    pa, pb = (int(re.search(r"pfn 0x([0-9a-f]+)", x).group(1), 16) for x in (a, b))
    ts = {r[1]: int(r[0].group(7)) for r in records(owner_board.cmd("page_owner"))}
    assert ts[pa] < ts[pb]


def test_default_build_refuses(board):
    assert "error: page_owner is not built in: make PAGE_OWNER=1" in board.cmd("page_owner")
    assert "error:" in board.cmd("page_owner now")
