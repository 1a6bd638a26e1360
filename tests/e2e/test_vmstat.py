"""vmstat: /proc/vmstat's names and "name value" lines; the counters move by exactly what
a scripted sequence of shell commands allocates, frees and faults."""
import re

LINE = re.compile(r"^([a-z_]+) (\d+)$")
NAMES = ["nr_free_pages", "pgalloc_dma", "pgalloc_normal", "pgalloc_high", "allocstall_dma",
         "allocstall_normal", "allocstall_high", "pgfree", "pgfault", "slabs_scanned"]


def vmstat(board):
    lines = board.cmd("vmstat").replace("\r", "").strip("\n").split("\n")
    pairs = [LINE.match(line) for line in lines]
    assert all(pairs), lines
    assert [m.group(1) for m in pairs] == NAMES
    return {m.group(1): int(m.group(2)) for m in pairs}


def delta(a, b):
    return {k: b[k] - a[k] for k in a if b[k] != a[k]}


def alloc(board, args):
    out = board.cmd("alloc_pages " + args)
    return re.search(r"pfn (0x[0-9a-f]+)", out).group(1), out


def test_format_and_reading_changes_nothing(board):
    a = vmstat(board)
    assert vmstat(board) == a
    assert "error:" in board.cmd("vmstat now")


def test_counters_move_by_exactly_the_sequence(board):
    zones = board.cmd("zoneinfo")
    has_high = re.search(r"zone +HighMem\n  pages free", zones.replace("\r", "")) is not None
    v0 = vmstat(board)
    pfn, _ = alloc(board, "3")  # the buddy lists of Normal
    v1 = vmstat(board)
    assert delta(v0, v1) == {"pgalloc_normal": 8, "nr_free_pages": -8}
    board.cmd(f"free_pages {pfn} 3")
    v2 = vmstat(board)
    assert delta(v1, v2) == {"pgfree": 8, "nr_free_pages": 8}

    pfn, out = alloc(board, "0 GFP_DMA")  # ZONE_DMA: per-CPU list off
    assert "zone DMA" in out
    board.cmd(f"free_pages {pfn} 0")
    pfn, _ = alloc(board, "0")  # the per-CPU list of Normal
    board.cmd(f"free_pages {pfn} 0")
    pfn, out = alloc(board, "1 GFP_HIGHUSER")
    board.cmd(f"free_pages {pfn} 1")
    v3 = vmstat(board)
    d = delta(v2, v3)
    d.pop("nr_free_pages", None)  # per-CPU refills and drains move it
    high = "pgalloc_high" if has_high else "pgalloc_normal"
    want = {"pgalloc_dma": 1, "pgalloc_normal": 1, "pgfree": 1 + 1 + 2}
    want[high] = want.get(high, 0) + 2
    assert d == want


def test_user_program_faults_are_counted(board):
    """hello demand-pages the same pages each run: the same number of faults each time."""
    faults = []
    for _ in range(2):
        v0 = vmstat(board)
        assert "hello from pid" in board.cmd("run hello")
        d = delta(v0, vmstat(board))
        assert "allocstall_normal" not in d and "slabs_scanned" not in d
        faults.append(d.get("pgfault", 0))
    assert faults[0] > 0 and faults[0] == faults[1]
