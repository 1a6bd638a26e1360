"""KFENCE at the UART (issue 16, part 3): with `kfence every 1`, a `kmalloc 20` object
comes from the guarded pool; an out-of-bounds read and a use-after-free through `md`
each print Linux's KFENCE report and the shell goes on; bad arguments and Ctrl-C answer
`error:`; meminfo and slabinfo come back after `kfence off` and the frees. Where the
object sits in its page is read from the address the shell gets, never assumed."""
import re
import time

from e2e_helpers import error_lines, meminfo

PAGE = 4096


def kmalloc(board, size):
    out = board.cmd(f"kmalloc {size}")
    m = re.search(r"kmalloc: (0x[0-9a-f]{8}) size \d+ from (\S+)", out)
    assert m, out
    return int(m.group(1), 16), m.group(2)


def stats(board):
    out = board.cmd("kfence").replace("\r", "")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(.+): (\d+)$", out, re.M)}


def kmalloc32_active(board):
    out = board.cmd("slabinfo")
    m = re.search(r"^kmalloc-32\s+(\d+)", out, re.M)
    assert m, out
    return int(m.group(1))


def out_of_bounds_address(addr, size):
    """The nearest address outside the object's page: it sits at the page's start (the
    guard page before it) or at its end (the guard page after it)."""
    if addr % PAGE == 0:
        return addr - 4, "left"
    assert (addr + size - 1) // PAGE == addr // PAGE and PAGE - addr % PAGE < 2 * 32, hex(addr)
    return (addr // PAGE + 1) * PAGE, "right"


def test_kfence_stats_have_linux_lines(board):
    s = stats(board)
    for key in ("enabled", "currently allocated", "total allocations", "total frees",
                "zombie allocations", "total bugs", "skipped allocations (incompatible)",
                "skipped allocations (capacity)"):
        assert key in s, s


def test_oob_and_use_after_free_are_reported_and_the_shell_survives(board):
    before_mem = meminfo(board)
    before_active = kmalloc32_active(board)
    before = stats(board)
    assert not error_lines(board.cmd("kfence every 1"))[1]
    objs = [kmalloc(board, 20) for _ in range(2)]  # one at a page start, one at its end
    assert not error_lines(board.cmd("kfence off"))[1]
    sides = set()
    for addr, cache in objs:
        assert cache == "kmalloc-32"
        bad, side = out_of_bounds_address(addr, 20)
        sides.add(side)
        out = board.cmd(f"md {bad:#x} 4")
        assert "BUG: KFENCE: out-of-bounds read in cmd_md+" in out, out
        dist = addr - bad if side == "left" else bad - addr
        assert re.search(rf"Out-of-bounds read at 0x{bad:08x} \({dist}B {side} of kfence-#\d+\):",
                         out), out
        assert re.search(rf"kfence-#\d+: 0x{addr:08x}-0x{addr + 19:08x}, size=20, "
                         r"cache=kmalloc-32", out), out
        assert "allocated by task 0 on cpu 0 at" in out and " cmd_kmalloc+" in out, out
        assert "CPU: 0 PID: 0 Comm: shell" in out, out
        assert error_lines(out)[1] == ["error: 'md': KFENCE reported a memory bug (see above)"]
    assert sides == {"left", "right"}
    addr = objs[0][0]
    assert "freed" in board.cmd(f"kfree {addr:#x}")
    out = board.cmd(f"md {addr:#x} 4")
    assert "BUG: KFENCE: use-after-free read in cmd_md+" in out, out
    assert re.search(rf"Use-after-free read at 0x{addr:08x} \(in kfence-#\d+\):", out), out
    assert "freed by task 0 on cpu 0 at" in out and " cmd_kfree+" in out, out
    assert "MIDR" in board.cmd("version")
    assert "freed" in board.cmd(f"kfree {objs[1][0]:#x}")
    after = stats(board)
    assert after["total bugs"] == before["total bugs"] + 3, after
    assert after["total allocations"] == before["total allocations"] + 2, after
    assert after["currently allocated"] == before["currently allocated"], after
    assert kmalloc32_active(board) == before_active
    after_mem = meminfo(board)
    assert after_mem["MemFree"] == before_mem["MemFree"], (before_mem, after_mem)
    assert after_mem["Slab"] == before_mem["Slab"], (before_mem, after_mem)


def test_double_free_of_a_pool_object_is_an_invalid_free(board):
    live = stats(board)["currently allocated"]
    board.cmd("kfence every 1")
    addr, _ = kmalloc(board, 40)
    board.cmd("kfence off")
    out = board.cmd("kfence objects")
    assert re.search(rf"0x{addr:08x}-0x{addr + 39:08x}, size=40, cache=kmalloc-64", out), out
    assert "freed" in board.cmd(f"kfree {addr:#x}")
    out = board.cmd(f"kfree {addr:#x}")  # the shell refuses a second free itself
    assert error_lines(out)[1], out
    assert stats(board)["currently allocated"] == live


def test_bad_arguments_answer_error(board):
    for line in ("kfence every", "kfence every 0", "kfence every x", "kfence interval -1",
                 "kfence interval 99999999", "kfence bogus", "kfence off 3",
                 "kfence objects 1", "kfence every 1 2 3"):
        out = board.cmd(line)
        assert error_lines(out)[1], (line, out)
    assert stats(board)["enabled"] == 0


def test_interval_sampling_takes_samples_and_stops(board):
    before = stats(board)["total allocations"]
    assert "one sample every 10 ms" in board.cmd("kfence interval 10")
    s = stats(board)
    assert s["enabled"] == 1
    deadline = time.time() + 10
    while stats(board)["total allocations"] == before and time.time() < deadline:
        board.cmd("kmalloc 100")  # the shell's own allocations may take the sample too
        time.sleep(0.05)
    board.cmd("kfence off")
    assert stats(board)["total allocations"] > before
    assert stats(board)["enabled"] == 0


def test_ctrl_c_while_sampling_stops_stress_and_the_pool_stays_consistent(board):
    before = stats(board)
    board.cmd("kfence every 1")
    board.send_raw("stress 100000000\r")
    board.p.expect_exact("ops,", timeout=30)
    time.sleep(0.2)
    board.send_raw("\x03")
    out = board.wait_prompt(timeout=60)
    assert "interrupted after" in out and "no corruption" in out, out
    board.cmd("kfence off")
    s = stats(board)
    assert s["total allocations"] > before["total allocations"], s  # stress was sampled
    assert s["total bugs"] == before["total bugs"], s  # correct code: no report
    assert s["currently allocated"] == before["currently allocated"], s  # all freed
    assert "MIDR" in board.cmd("version")
