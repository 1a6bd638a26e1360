"""slub_debug at the UART (issue 16): the debug flags of a cache set at run time or by
the SLUB_DEBUG build setting, a 1-byte overrun of a kmalloc object reported in Linux's
format (and not reported with the flags off), `validate` finding red zones and poison
clobbered by `mw`, and silence on clean runs. The module runs on the default firmware
and on the slubdebug configuration (SLUB_DEBUG=FZPU,kmalloc-32, scripts/run-tests.sh)."""
import os
import re

import pytest

from e2e_helpers import ELF, error_lines

DEFS = open(os.path.join(os.path.dirname(os.path.abspath(ELF)), "config.defs")).read()
KMALLOC32_DEBUG = "SLUB_DEBUG" in DEFS and "kmalloc-32" in DEFS


def kmalloc(board, size):
    out = board.cmd(f"kmalloc {size}")
    m = re.search(r"kmalloc: (0x[0-9a-f]{8}) size \d+ from (\S+)", out)
    assert m, out
    return int(m.group(1), 16), m.group(2)


def overrun_one_byte(board, addr, size):
    """Write byte @size of the object (the first past the end), keeping the 3 after it."""
    out = board.cmd(f"mw {addr + size:#x} 0xbbbbbb78")
    assert "<-" in out, out


def assert_silent(out):
    assert "BUG " not in out and "slab error" not in out, out
    assert not error_lines(out)[1], out


def test_bad_flags_and_busy_caches_are_refused(board):
    out = board.cmd("slub_debug FX kmalloc-1024")
    assert error_lines(out)[1] and "bad slub_debug flags 'FX'" in out, out
    out = board.cmd("slub_debug FZ no-such-cache")
    assert "error: no cache named 'no-such-cache'" in out, out
    out = board.cmd("slub_debug FZ kmalloc-64")  # the shell's own objects live there
    assert "error: cache 'kmalloc-64' still holds" in out, out
    out = board.cmd("validate kmalloc-131072")
    assert "error: cache 'kmalloc-131072' has neither red zones nor poison" in out, out
    # Red zones would push a 128 KB object past the largest slab: refused, layout kept.
    out = board.cmd("slub_debug FZPU kmalloc-131072")
    assert "error: cache 'kmalloc-131072': 131072-byte objects with these flags do not fit" in out, out
    assert re.search(r"^kmalloc-131072 +\d+ +\d+ +131072 ", board.cmd("slabinfo"), re.M)


@pytest.mark.skipif(KMALLOC32_DEBUG, reason="kmalloc-32 has debug flags in this build")
def test_overrun_of_kmalloc_20_is_not_reported_with_slub_debug_off(board):
    addr, cache = kmalloc(board, 20)
    assert cache == "kmalloc-32"
    overrun_one_byte(board, addr, 20)
    assert_silent(board.cmd(f"kfree {addr:#x}"))


@pytest.mark.skipif(not KMALLOC32_DEBUG, reason="needs SLUB_DEBUG=...kmalloc-32")
def test_overrun_of_kmalloc_20_is_reported_with_slub_debug_on(board):
    addr, cache = kmalloc(board, 20)
    assert cache == "kmalloc-32"
    overrun_one_byte(board, addr, 20)
    out = board.cmd(f"kfree {addr:#x}")
    assert "BUG kmalloc-32 (Not tainted): Right Redzone overwritten" in out, out
    assert f"INFO: {addr + 20:#010x} @offset=20. First byte 0x78 instead of 0xbb" in out, out
    assert "INFO: Allocated in cmd_kmalloc+" in out, out
    assert re.search(r"Redzone  [0-9a-f]{8}: 78 bb bb bb", out), out
    lines, errors = error_lines(out)
    assert errors and lines[-1].startswith("error: "), out
    assert "Board:" in board.cmd("version")


def test_runtime_slub_debug_catches_an_overrun_and_validate_finds_damage(board):
    out = board.cmd("slub_debug FZPU kmalloc-1024")
    assert "slub_debug: 'kmalloc-1024': flags FZPU" in out, out
    try:
        addr, cache = kmalloc(board, 1000)
        assert cache == "kmalloc-1024"
        overrun_one_byte(board, addr, 1000)
        out = board.cmd("validate kmalloc-1024")
        assert "BUG kmalloc-1024 (Not tainted): Right Redzone overwritten" in out, out
        assert "FIX kmalloc-1024: Restoring Right Redzone" in out, out
        assert "error: validate: 'kmalloc-1024': 1 corrupted object" in out, out
        assert "no corruption" in board.cmd("validate kmalloc-1024")  # repaired
        assert_silent(board.cmd(f"kfree {addr:#x}"))
        # A write after free: the poison is damaged, validate says so with both tracks.
        board.cmd(f"mw {addr + 16:#x} 0x12345678")
        out = board.cmd("validate kmalloc-1024")
        assert "BUG kmalloc-1024 (Not tainted): Poison overwritten" in out, out
        assert "INFO: Allocated in cmd_kmalloc+" in out and "INFO: Freed in " in out, out
        assert error_lines(out)[1], out
        # An overrun found at kfree.
        addr, _ = kmalloc(board, 1000)
        overrun_one_byte(board, addr, 1000)
        out = board.cmd(f"kfree {addr:#x}")
        assert "Right Redzone overwritten" in out and error_lines(out)[1], out
    finally:
        board.cmd("cache_shrink kmalloc-1024")
        assert "flags -" in board.cmd("slub_debug - kmalloc-1024")


def test_clean_runs_under_slub_debug_stay_silent(board):
    out = board.cmd("slub_debug FZPU kmalloc-4096")
    if "still holds" in out:
        pytest.skip("kmalloc-4096 holds objects of the boot")
    try:
        addrs = [kmalloc(board, n)[0] for n in (2049, 3000, 4000, 4095, 4096)]
        out = board.cmd("validate kmalloc-4096")
        assert "no corruption" in out, out
        for a in addrs:
            assert_silent(board.cmd(f"kfree {a:#x}"))
        assert_silent(board.cmd("validate kmalloc-4096"))
    finally:
        board.cmd("cache_shrink kmalloc-4096")
        board.cmd("slub_debug - kmalloc-4096")
