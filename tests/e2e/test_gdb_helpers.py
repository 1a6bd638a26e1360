"""The gdb helpers (scripts/gdb/) against QEMU's gdbstub: gdb-multiarch in batch mode
halts the running firmware, and each lx- command must print exactly what the shell's
command of the same view printed just before, at the prompt, with nothing running."""
import os
import re
import shutil
import socket
import subprocess

import pytest
from e2e_helpers import ELF, LOG_DIR, ROOT

from qemu_console import Board

GDB = "gdb-multiarch"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gdb_board():
    if not shutil.which(GDB):
        pytest.fail(f"{GDB} is not installed (scripts/deps.sh installs it)")
    port = free_port()
    os.makedirs(LOG_DIR, exist_ok=True)
    log = open(os.path.join(LOG_DIR, "gdb_helpers.log"), "w", encoding="latin-1")
    board = Board(elf=ELF, logfile=log, extra=["-gdb", f"tcp:127.0.0.1:{port}"])
    board.port = port
    try:
        board.boot(timeout=5)
        yield board
    finally:
        board.close()
        log.close()


def run_gdb(board, *commands):
    """{command: its output} from one batch gdb session (detached at the end, so the
    firmware runs on)."""
    args = [GDB, "-batch", "-nx", "-ex", "set architecture arm",
            "-ex", f"source {ROOT}/scripts/gdb/mm_arm11_gdb.py",
            "-ex", f"target remote 127.0.0.1:{board.port}"]
    for c in commands:
        args += ["-ex", f"echo @@@{c}\\n", "-ex", c]
    args += ["-ex", "detach", ELF]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert "Error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    outs = {}
    for chunk in r.stdout.split("@@@")[1:]:
        name, _, body = chunk.partition("\n")
        body = re.sub(r"\[Inferior 1 \([^)]*\) detached\]\n?", "", body)
        outs[name] = body
    assert set(outs) == set(commands), r.stdout + r.stderr
    return outs


def shell(board, line):
    return board.cmd(line).replace("\r", "")


def test_gdb_views_equal_the_shell_views(gdb_board):
    b = gdb_board
    # Some state worth seeing: slab objects, a page block, a vmalloc area.
    b.cmd("kmalloc 200")
    b.cmd("alloc_pages 2")
    b.cmd("vmalloc 40K")
    text = "0x%08x" % 0xc0008000
    views = {"lx-buddyinfo": "buddyinfo", "lx-slabinfo": "slabinfo",
             "lx-meminfo": "meminfo", f"lx-pt {text}": f"pt {text}",
             "lx-pt 0xffff0000": "pt 0xffff0000", "lx-pt 0x0": "pt 0x0"}
    vmalloc_area = re.search(r"^(0x[0-9a-f]{8})-", shell(b, "vmallocinfo"), re.M).group(1)
    views[f"lx-pt {vmalloc_area}"] = f"pt {vmalloc_area}"
    views["lx-dmesg"] = "dmesg"  # last: the other views' output is in the log too
    expected = {g: shell(b, s) for g, s in views.items()}
    got = run_gdb(b, *views)
    for g in views:
        assert got[g] == expected[g], f"{g} differs from {views[g]}:\n{got[g]}\n--- shell:\n" \
                                      f"{expected[g]}"
    assert b.alive()


def test_pfn_to_page_shows_the_block_the_shell_allocated(gdb_board):
    out = shell(gdb_board, "alloc_pages 3")
    m = re.search(r"pfn (0x[0-9a-f]+) .* order (\d+) zone (\w+)", out)
    assert m, out
    pfn, order, zone = int(m.group(1), 16), int(m.group(2)), m.group(3)
    got = run_gdb(gdb_board, f"lx-pfn_to_page {pfn:#x}", f"lx-pfn_to_page {pfn + 1:#x}")
    head = got[f"lx-pfn_to_page {pfn:#x}"]
    assert re.search(rf"refcount:1 private:{order} pfn:{pfn:#x} zone:{zone}$", head, re.M), head
    assert re.search(r"^flags: 0x[0-9a-f]+\(head\)$", head, re.M), head
    tail = got[f"lx-pfn_to_page {pfn + 1:#x}"]
    assert re.search(rf"refcount:0 private:0 pfn:{pfn + 1:#x} zone:{zone}$", tail, re.M), tail
    shell(gdb_board, f"free_pages {pfn:#x} 3")
    got = run_gdb(gdb_board, f"lx-pfn_to_page {pfn:#x}")[f"lx-pfn_to_page {pfn:#x}"]
    assert re.search(r"^flags: 0x[0-9a-f]+\(buddy\)$", got, re.M) or \
        re.search(r"refcount:0 private:0 ", got), got
