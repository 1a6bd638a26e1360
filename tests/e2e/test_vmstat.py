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


def test_exhaustion_enters_direct_reclaim_and_runs_the_slab_shrinker(board):
    """allocstall_* and slabs_scanned under real pressure: order-10 blocks of the kernel
    zones are taken until one cannot be had. The failing allocation enters direct reclaim
    (allocstall in the zone it wanted) and the slab shrinker scans the caches' free
    objects, which a cache filled and emptied beforehand guarantees. Everything is freed
    after: MemFree returns, plus what the shrinker took from the caches (Slab)."""
    def free_and_slab():
        board.cmd("drain_pages")
        out = board.cmd("meminfo")
        return [int(re.search(rf"{k}: +(\d+)", out).group(1)) for k in ("MemFree", "Slab")]

    free_before, slab_before = free_and_slab()
    board.cmd("cache_create e2e-reclaim 2000")
    objs = []
    for _ in range(8):  # 2 objects per page: some free slabs stay cached after the frees
        objs.append(re.search(r"(0x[0-9a-f]{8})", board.cmd("cache_alloc e2e-reclaim")).group(1))
    for o in objs:
        board.cmd(f"cache_free e2e-reclaim {o}")
    a = vmstat(board)
    blocks = []
    try:
        while True:
            out = board.cmd("alloc_pages 10 GFP_KERNEL|__GFP_NOWARN", timeout=30)
            m = re.search(r"pfn (0x[0-9a-f]+)", out)
            if not m:
                assert "error: alloc_pages(order 10) failed" in out, out
                break
            blocks.append(m.group(1))
            assert len(blocks) < 1000, "memory never ran out"
        d = delta(a, vmstat(board))
        assert d.get("allocstall_normal", 0) + d.get("allocstall_dma", 0) >= 1, d
        assert d.get("slabs_scanned", 0) >= 1, d
        assert d["pgalloc_normal"] + d.get("pgalloc_dma", 0) >= len(blocks) * 1024, d
    finally:
        for pfn in blocks:
            board.cmd(f"free_pages {pfn} 10")
        board.cmd("cache_destroy e2e-reclaim")
    free_after, slab_after = free_and_slab()
    assert slab_after <= slab_before
    assert free_after - free_before == slab_before - slab_after
