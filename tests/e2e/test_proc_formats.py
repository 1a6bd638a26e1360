"""The /proc formats that tools read, checked with the tools themselves where Debian has
them: util-linux `lsirq` reads `interrupts`, procps `free` reads `meminfo`.

Both tools open fixed /proc paths and honour no environment variable for another file
(procps-ng 4.0.2, util-linux 2.38), so the shell's output is bind-mounted over the
/proc file inside a private mount namespace: `unshare -m` as root, `unshare -rm` (a user
namespace) otherwise. Nothing outside that namespace sees the mount.
"""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

PROC_LINE = re.compile(r"^ *(\d+): +(\d+) +(\S+) +(\d+)  (\S+)$")


def shell_file(board, command):
    out = board.cmd(command).replace("\r", "")
    f = tempfile.NamedTemporaryFile("w", suffix="." + command, delete=False)
    f.write(out)
    f.close()
    return out, f.name


def run_over_proc(path, proc_file, argv):
    """Run argv with @path bind-mounted over /proc/@proc_file; its stdout."""
    for tool in ["unshare", argv[0]]:
        if not shutil.which(tool):
            pytest.fail(f"{tool} is not installed (scripts/deps.sh installs it)")
    ns = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    script = 'mount --bind "$1" "/proc/$2" && shift 2 && exec "$@"'
    r = subprocess.run(ns + ["sh", "-c", script, "sh", path, proc_file] + argv,
                       capture_output=True, text=True, timeout=30)
    if r.returncode != 0 and ("mount:" in r.stderr or "unshare:" in r.stderr):
        pytest.skip(f"no private mount namespace here: {r.stderr.strip()}")
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_interrupts_is_in_the_proc_interrupts_format(board):
    out = board.cmd("interrupts").replace("\r", "")
    lines = out.rstrip("\n").split("\n")
    # Header: the irq column (3 digits for up to 999 lines) plus 8, then CPU%-8d.
    assert lines[0] == " " * 11 + "CPU0" + " " * 7, repr(lines[0])
    rows = [PROC_LINE.match(l) for l in lines[1:-1]]
    assert rows and all(rows), out
    for m, line in zip(rows, lines[1:-1]):
        irq, count, chip, hwirq, name = m.groups()
        assert line.index(":") == 3 and len(line.split(":")[1]) > 10, line
        assert hwirq == irq and chip and name, line
    assert {m.group(5) for m in rows} >= {"sp804", "pl011"}, out
    assert re.match(r"^Err: +\d+$", lines[-1]), lines[-1]


def test_lsirq_reads_interrupts_as_it_reads_linux(board):
    out, path = shell_file(board, "interrupts")
    try:
        got = run_over_proc(path, "interrupts", ["lsirq", "-P", "-o", "IRQ,TOTAL,NAME"])
    finally:
        os.unlink(path)
    ours = {m.group(1): (int(m.group(2)), f"{m.group(3)} {m.group(4)} {m.group(5)}")
            for m in map(PROC_LINE.match, out.splitlines()) if m}
    theirs = {}
    for line in got.splitlines():
        f = dict(re.findall(r'(\w+)="([^"]*)"', line))
        theirs[f["IRQ"]] = (int(f["TOTAL"]), f["NAME"])
    assert theirs.pop("Err")[0] == int(re.search(r"^Err: +(\d+)", out, re.M).group(1))
    assert theirs == ours, got


def meminfo_kb(out):
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^(\w+):\s+(\d+) kB$", out, re.M)}


def zone_low_watermarks(board):
    return sum(int(x) for x in re.findall(r"^\s+low\s+(\d+)$", board.cmd("zoneinfo"), re.M))


def test_memavailable_is_free_less_low_watermarks_plus_reclaimable_slab_share(board):
    # A reclaimable cache with objects in it makes the slab term non-zero.
    board.cmd("cache_create e2eavail 2048 0 SLAB_RECLAIM_ACCOUNT")
    objs = [re.search(r"0x[0-9a-f]{8}", board.cmd("cache_alloc e2eavail")).group(0)
            for _ in range(16)]
    try:
        low_kb = zone_low_watermarks(board) * 4
        info = meminfo_kb(board.cmd("meminfo").replace("\r", ""))
        assert info["SReclaimable"] > 0, info
        reclaimable = info["SReclaimable"]
        expected = info["MemFree"] - low_kb + reclaimable - min(reclaimable // 2, low_kb)
        assert info["MemAvailable"] == max(expected, 0), (info, low_kb)
        for line in ("Buffers", "Cached", "SwapCached", "SwapTotal", "SwapFree", "Shmem"):
            assert info[line] == 0, line
    finally:
        for o in objs:
            board.cmd(f"cache_free e2eavail {o}")
        board.cmd("cache_destroy e2eavail")


def test_free_reads_meminfo_as_it_reads_linux(board):
    out, path = shell_file(board, "meminfo")
    try:
        got = run_over_proc(path, "meminfo", ["free", "-k", "-w"])
    finally:
        os.unlink(path)
    info = meminfo_kb(out)
    head, mem = got.splitlines()[0].split(), got.splitlines()[1].split()
    assert mem[0] == "Mem:", got
    row = dict(zip(head, map(int, mem[1:])))
    assert row["total"] == info["MemTotal"] and row["free"] == info["MemFree"], got
    assert row["available"] == info["MemAvailable"], got
    assert row["buffers"] == 0 and row["cache"] == info["SReclaimable"], got
    # procps-ng 4 counts used as total - available; 3.3 as total - free - buff/cache.
    assert row["used"] in (info["MemTotal"] - info["MemAvailable"],
                           info["MemTotal"] - info["MemFree"] - info["SReclaimable"]), got
    swap = got.splitlines()[2].split()
    assert swap[0] == "Swap:" and swap[1:] == ["0", "0", "0"], got
