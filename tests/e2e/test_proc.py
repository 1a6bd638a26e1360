"""User processes at the UART (issue 15): run, ps, maps, status, kill, segfaults, and
every counter back after a program exits."""
import re

from e2e_helpers import meminfo
import time

SEGV_CASES = {  # case: (faulting address, error bits) as the kernel reports them
    "null-read": ("0", 4), "null-write": ("0", 6), "kernel-read": ("c0008000", 5),
    "kernel-write": ("c0100000", 7), "text-write": (None, 7), "rodata-write": (None, 7),
    "stack-exec": (None, 21), "heap-exec": (None, 21), "unmapped": ("30000000", 4),
    "vectors-write": ("ffff0000", 7),
}



def counters(board):
    board.cmd("drain_pages")
    info = meminfo(board)
    slab = [l.split()[:3] for l in board.cmd("slabinfo").splitlines()[2:]]
    return info["MemFree"], info["AnonPages"], info["Shmem"], slab, board.cmd("vmallocinfo")


def test_run_passes_arguments_and_reports_exit_status(board):
    out = board.cmd("run hello one two")
    assert re.search(r"hello from pid \d+: \[hello\] \[one\] \[two\]", out), out
    assert re.search(r"error: hello\[\d+\] exited with status 2", out), out
    out = board.cmd("run hello")
    assert "error" not in out, out


def test_unknown_program_is_an_error_listing_programs(board):
    out = board.cmd("run nosuch")
    assert "error: run: no program 'nosuch'" in out and "hog" in out and "segv" in out, out


def test_each_segv_case_kills_only_the_program(board):
    for case, (addr, err) in SEGV_CASES.items():
        out = board.cmd(f"run segv {case}")
        m = re.search(r"segv\[(\d+)\]: segfault at ([0-9a-f]+) pc ([0-9a-f]{8}) "
                      r"sp ([0-9a-f]{8}) error ([0-9a-f]+)", out)
        assert m, (case, out)
        assert int(m.group(5), 16) == err, (case, out)
        if addr:
            assert m.group(2) == addr, (case, out)
        assert f"segv[{m.group(1)}] killed by signal 11 (SIGSEGV)" in out, out
        assert "survived" not in out and "Unable to handle kernel" not in out, out
    assert "MIDR" in board.cmd("version")  # the shell is alive


def test_bad_pointer_to_a_syscall_is_efault(board):
    out = board.cmd("run segv badptr")
    assert "write(kernel pointer) = -14, write(unmapped) = -14" in out, out
    assert "error" not in out and "Unable to handle" not in out, out


def test_counters_come_back_after_programs_exit(board):
    board.cmd("run hog 1M")  # warm-up: caches of the process structures get their slabs
    before = counters(board)
    board.cmd("run hog 4M 100")
    board.cmd("run segv null-write")
    board.cmd("run hello x")
    assert counters(board) == before


def test_background_hog_lowers_highfree_and_gives_it_back(board):
    info = meminfo(board)
    mb = min(40, max(1, info["HighTotal"] // 1024 - 4)) if info["HighTotal"] else 8
    board.cmd("run hog 1M")
    before = counters(board)
    out = board.cmd(f"run hog {mb}M 4096 30 &")
    pid = int(re.search(r"\[(\d+)\] hog", out).group(1))
    deadline = time.time() + 10
    while "touched" not in out and time.time() < deadline:
        out += board.cmd("ps")
    during = meminfo(board)
    assert during["AnonPages"] >= mb * 1024, during
    if info["HighTotal"] >= (mb + 4) * 1024:
        assert info["HighFree"] - during["HighFree"] >= mb * 1024, (info, during)
    ps = board.cmd("ps")
    assert re.search(rf"^\s*{pid} S\s+\d+\s+(\d+) hog$", ps, re.M), ps
    maps = board.cmd(f"maps {pid}")
    assert re.search(r"^00010000-[0-9a-f]{8} r-xp 00000000 00:00 0\s+hog$", maps, re.M), maps
    assert re.search(r"^7ff00000-80000000 rw-p 00000000 00:00 0\s+\[stack\]$", maps, re.M)
    assert re.search(rf"^40000000-{0x40000000 + (mb << 20):08x} rw-p ", maps, re.M), maps
    assert not re.search(r"^\S+ .wx", maps, re.M)  # never writable and executable
    status = board.cmd(f"status {pid}")
    rss = int(re.search(r"RssAnon:\s+(\d+) kB", status).group(1))
    assert rss >= mb * 1024, status
    out = board.cmd(f"kill {pid}")
    assert f"hog[{pid}] killed by signal 15 (SIGTERM)" in out, out
    assert counters(board) == before


def test_shared_mapping_is_shmem_while_mapped_and_comes_back(board):
    board.cmd("run hog 1M 4096 0 shared")  # warm-up
    before = counters(board)
    out = board.cmd("run hog 4M 4096 30 shared &")
    pid = int(re.search(r"\[(\d+)\] hog", out).group(1))
    deadline = time.time() + 10
    while "touched" not in out and time.time() < deadline:
        out += board.cmd("ps")
    during = meminfo(board)
    # The pages are the shared object's: Shmem (and Cached, as Linux counts it), not anon.
    assert during["Shmem"] == 4096 and during["Cached"] == 4096, during
    assert during["AnonPages"] < 1024, during
    status = board.cmd(f"status {pid}")
    assert int(re.search(r"RssShmem:\s+(\d+) kB", status).group(1)) == 4096, status
    vmrss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    assert vmrss == 4096 + int(re.search(r"RssAnon:\s+(\d+) kB", status).group(1)), status
    maps = board.cmd(f"maps {pid}")
    assert re.search(r"^40000000-40400000 rw-s 00000000 00:00 0\s+/dev/zero \(deleted\)$",
                     maps, re.M), maps
    out = board.cmd(f"kill {pid}")
    assert f"hog[{pid}] killed by signal 15 (SIGTERM)" in out, out
    assert counters(board) == before
    assert meminfo(board)["Shmem"] == 0


def test_hog_refuses_an_unknown_mapping_kind(board):
    out = board.cmd("run hog 1M 4096 0 public")
    assert "hog: public: neither private nor shared" in out, out
    assert re.search(r"error: hog\[\d+\] exited with status 1", out), out


def test_cow_and_hog_refuse_bad_arguments_with_one_line(board):
    cases = {
        "run hog 4X": "hog: bad size: 4X (a positive number of bytes, K or M)",
        "run hog 0": "hog: bad size: 0 (a positive number of bytes, K or M)",
        "run hog 1M 0": "hog: bad stride: 0 (a positive number of bytes, K or M)",
        "run hog 1M 4096 -1": "hog: bad seconds: -1",
        "run hog 5000M": "hog: bad size: 5000M (a positive number of bytes, K or M)",
        "run hog": "usage: hog <size> [stride] [seconds] [private|shared]",
        "run cow 1M 2s": "cow: bad seconds: 2s",
        "run cow 2": "cow: size must be at least 4 bytes",
        "run cow 1 2 3": "usage: cow <size> [seconds]",
    }
    for cmd, line in cases.items():
        out = board.cmd(cmd)
        assert line in out, (cmd, out)
        assert re.search(r"error: (hog|cow)\[\d+\] exited with status 1", out), (cmd, out)


def test_ctrl_c_stops_the_foreground_program(board):
    board.send_raw("run hog 1M 4096 60\r")
    board.p.expect_exact("hog: touched", timeout=10)
    time.sleep(0.3)
    board.send_raw("\x03")
    board.p.expect(r"hog\[\d+\] killed by signal 2 \(SIGINT\)", timeout=5)
    board.p.expect_exact("mm> ", timeout=5)
    assert "shell" in board.cmd("ps")


def test_cow_shares_pages_until_written_and_gives_them_back(board):
    board.cmd("run cow 1M")  # warm-up
    before = counters(board)
    out = board.cmd("run cow 8M 3 &")
    parent = int(re.search(r"\[(\d+)\] cow", out).group(1))
    time.sleep(1)  # the parent has filled and forked; the child sleeps before writing
    during = meminfo(board)
    # Every page is mapped by both processes but counted once in AnonPages.
    assert 8192 <= during["AnonPages"] < 8192 + 512, during
    ps = board.cmd("ps")
    rss = [int(m.group(1)) for m in re.finditer(r"^\s*\d+ \S+\s+\d+\s+(\d+) cow$", ps, re.M)]
    assert len(rss) == 2 and min(rss) >= 8192, ps
    board.p.expect_exact("cow: 2048 pages ok in both processes", timeout=20)
    time.sleep(0.5)
    out = board.cmd("ps")  # the shell reaps the job and says it is done
    assert f"[{parent}] cow done" in out, out
    out = board.cmd("ps")
    assert not re.search(r" cow$", out, re.M), out  # both exited and were reaped
    assert f"cow[{parent}]" not in out and "FAIL" not in out, out  # with status 0
    assert counters(board) == before


def oom_pair(board, size):
    """A background hog holding its memory, then a foreground one: together too much."""
    out = board.cmd(f"run hog {size}K 4096 3 &")
    out += board.cmd(f"run hog {size}K", timeout=60)
    time.sleep(4)
    return out + board.cmd("ps") + board.cmd("ps")


def test_two_hogs_larger_than_memory_one_is_oom_killed(board):
    size = meminfo(board)["MemFree"] * 5 // 8
    # Warm-up: the first reclaim shrinks the caches (array caches, empty slabs) for good.
    oom_pair(board, size)
    before = counters(board)
    out = oom_pair(board, size)
    kills = re.findall(r"Out of memory: Killed process (\d+) \(hog\) total-vm:(\d+)kB, "
                       r"anon-rss:(\d+)kB, file-rss:0kB, shmem-rss:0kB, UID:0 "
                       r"pgtables:(\d+)kB oom_score_adj:0", out)
    assert len(kills) == 1, out
    victim = int(kills[0][0])
    assert int(kills[0][2]) > size // 2, out  # the biggest: it had touched most of its size
    assert int(kills[0][1]) >= size, out
    assert f"hog[{victim}] killed by signal 9 (SIGKILL)" in out, out
    assert re.search(rf"hog: touched {size * 1024} bytes at 0x40000000, stride 4096, 0 bad",
                     out), out
    assert "Unable to handle" not in out and "MIDR" in board.cmd("version")
    assert not re.search(r" hog$", board.cmd("ps"), re.M)
    assert counters(board) == before


def test_the_same_program_runs_again_and_again(board):
    # Each exec faults its argument page in at the same address: every one must succeed.
    for _ in range(6):
        out = board.cmd("run hello")
        assert "hello from pid" in out and "exec failed" not in out and "error:" not in out, out


def test_mmaptest_passes_and_gives_everything_back(board):
    board.cmd("run mmaptest")  # warm-up
    before = counters(board)
    out = board.cmd("run mmaptest", timeout=30)
    assert re.search(r"mmaptest: (\d+) checks, 0 failed", out), out
    assert int(re.search(r"mmaptest: (\d+) checks", out).group(1)) >= 30, out
    # Its children that touch a hole, a read-only page, PROT_NONE, unmapped memory.
    assert len(re.findall(r"mmaptest\[\d+\]: segfault at", out)) == 4, out
    assert "FAIL" not in out and "error:" not in out, out
    assert counters(board) == before


def test_random_syscalls_never_oops_the_kernel(board):
    board.cmd("run sysfuzz 2 10")  # warm-up
    before = counters(board)
    out = board.cmd("run sysfuzz 100 300 4242", timeout=240)
    m = re.search(r"sysfuzz: 100 rounds of 300 calls, seed 4242: (\d+) exited, (\d+) killed "
                  r"by a signal, (\d+) timed out", out)
    assert m and sum(map(int, m.groups())) == 100, out
    for bad in ("Unable to handle", "Internal error", "BUG", "Oops", "Kernel panic"):
        assert bad not in out, out
    assert "MIDR" in board.cmd("version")
    assert counters(board) == before
