"""kmemleak at the UART (issue 16, part 4): on a KMEMLEAK=1 build (the kmemleak
configuration of scripts/run-tests.sh), a `stress` run leaves nothing a scan reports;
`kmemleak test` plants leaks and the scan reports exactly them, with the addresses and
sizes the planter printed, in the format of Linux's /sys/kernel/debug/kmemleak; `clear`
forgets them and `test free` gives every counter back. On the default build the command
says it is not built in."""
import os
import re
import time

import pytest

from e2e_helpers import ELF, error_lines, meminfo

DEFS = open(os.path.join(os.path.dirname(os.path.abspath(ELF)), "config.defs")).read()
BUILT_IN = "CONFIG_DEBUG_KMEMLEAK" in DEFS
needs_kmemleak = pytest.mark.skipif(not BUILT_IN, reason="needs make KMEMLEAK=1")

GRACE = 5.2  # s: Linux's 5 s grace period (MSECS_MIN_AGE), and a tick of margin
PLANTED = re.compile(r"^kmemleak: (.+) = (0x[0-9a-f]{8}) \(size (\d+)\)$", re.M)
RECORD = re.compile(
    r"unreferenced object (0x[0-9a-f]{8}) \(size (\d+)\):\n"
    r"  comm \"([^\"]*)\", pid (\d+), jiffies (\d+)\n"
    r"  hex dump \(first (\d+) bytes\):\n"
    r"((?:    (?:[0-9a-f]{2} ){0,15}[0-9a-f]{2} +.{1,16}\n){1,2})"
    r"  backtrace \(crc ([0-9a-f]+)\):\n"
    r"((?:    [\w.]+\+0x[0-9a-f]+/0x[0-9a-f]+\n)+)")


def leaks(board):
    """`kmemleak show` as {address: (size, record match)}, every line of it checked."""
    out = board.cmd("kmemleak show")
    recs = {}
    pos = 0
    for m in RECORD.finditer(out):
        assert out[pos:m.start()].strip() == "", out[pos:m.start()]
        pos = m.end()
        recs[int(m.group(1), 16)] = (int(m.group(2)), m)
    assert out[pos:].strip() == "", out[pos:]
    return recs


def scan(board):
    out = board.cmd("kmemleak scan", timeout=60)
    assert not error_lines(out)[1], out
    m = re.search(r"kmemleak: (\d+) new suspected memory leaks \(see "
                  r"/sys/kernel/debug/kmemleak\)", out)
    return int(m.group(1)) if m else 0


def counters(board):
    board.cmd("drain_pages")
    slab = [l.split()[:3] for l in board.cmd("slabinfo").splitlines()[2:]]
    return meminfo(board)["MemFree"], slab, board.cmd("vmallocinfo")


@pytest.mark.skipif(BUILT_IN, reason="kmemleak is built in")
def test_default_build_says_it_is_not_built_in(board):
    out = board.cmd("kmemleak scan")
    assert error_lines(out)[1] == ["error: kmemleak is not built in (make KMEMLEAK=1)"], out


def test_arguments_are_validated(board):
    for line, why in (("kmemleak", "usage"), ("kmemleak frob", "bad subcommand 'frob'"),
                      ("kmemleak scan now", "too many arguments"),
                      ("kmemleak test nothing", "'nothing' is not 'free'"),
                      ("kmemleak test free extra", "usage")):
        out = board.cmd(line)
        errors = error_lines(out)[1]
        assert len(errors) == 1 and (why in errors[0] or not BUILT_IN), (line, out)


@needs_kmemleak
def test_stress_leaves_no_leak_and_the_planted_ones_are_reported_exactly(board):
    out = board.cmd("stress 20000", timeout=120)
    assert "stress: passed" in out, out
    time.sleep(GRACE)
    assert scan(board) == 0
    assert leaks(board) == {}

    out = board.cmd("kmemleak test")
    planted = {int(a, 16): (int(s), what) for what, a, s in PLANTED.findall(out.replace("\r", ""))}
    assert len(planted) == 13, out
    assert all(size for size, _ in planted.values()), out
    assert scan(board) == 0  # younger than the grace period
    time.sleep(GRACE)
    assert scan(board) == 13
    found = leaks(board)
    assert {a: s for a, (s, _) in found.items()} == {a: s for a, (s, _) in planted.items()}
    for addr, (size, m) in found.items():
        assert m.group(3) == "shell" and m.group(4) == "0", m.group(0)
        assert int(m.group(6)) == min(size, 32), m.group(0)
        stack = m.group(9)
        assert "plant_leaks+" in stack or "plant_list+" in stack, m.group(0)
    # The list nodes point at each other: a hex dump shows a node's neighbours.
    assert scan(board) == 0  # reported once
    assert set(leaks(board)) == set(planted)

    assert re.search(r"kmemleak: 13 reported leaks forgotten", board.cmd("kmemleak clear"))
    assert leaks(board) == {}
    assert scan(board) == 0 and leaks(board) == {}

    out = board.cmd("kmemleak test free")
    assert "kmemleak: freeing 13 planted objects" in out and not error_lines(out)[1], out
    time.sleep(GRACE)
    assert scan(board) == 0 and leaks(board) == {}


@needs_kmemleak
def test_planted_objects_are_the_planters_and_every_counter_comes_back(board):
    board.cmd("kmemleak test")  # warm-up: caches and the node pool reach their size
    board.cmd("kmemleak test free")
    before = counters(board)
    out = board.cmd("kmemleak test")
    addr = PLANTED.search(out.replace("\r", "")).group(2)
    out = board.cmd(f"kfree {addr}")
    assert "a leak planted by kmemleak test" in out and error_lines(out)[1], out
    out = board.cmd("kmemleak test")
    assert "error: kmemleak test: 13 leaks are planted; kmemleak test free first" in out, out
    board.cmd("kmemleak test free")
    assert counters(board) == before
    out = board.cmd("kmemleak test free")
    assert "error: kmemleak test free: nothing planted" in out, out


@needs_kmemleak
def test_objects_of_hooked_caches_are_tracked_too(board):
    """A cache with a hook flag (KFENCE sampling, slub_debug) serves its objects out of
    line (cache_alloc_hooked()); kmemleak must track them as it does the fast path's.
    Before the fix nothing was tracked there: each such object freed or annotated said
    'painting unknown object', and a leak of one went unreported."""
    board.cmd("kfence every 1")
    try:
        out = board.cmd("stress 2000", timeout=120)
        assert "stress: passed" in out and "unknown object" not in out, out
        out = board.cmd("kmemleak test")
        planted = {int(a, 16) for _, a, _ in PLANTED.findall(out.replace("\r", ""))}
        assert len(planted) == 13 and "unknown object" not in out, out
    finally:
        board.cmd("kfence off")
    time.sleep(GRACE)
    try:
        assert scan(board) == 13
        assert set(leaks(board)) == planted
    finally:
        board.cmd("kmemleak clear")
        out = board.cmd("kmemleak test free")
        assert "unknown object" not in out, out
