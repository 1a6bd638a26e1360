"""Slab caches, kmalloc and mempool at the UART: the slabinfo 2.1 report, active-object
counts that follow kmalloc/kfree, and the allocator's own reports of a double kfree, a
kfree into the middle of an object and a write past an object's end, after each of
which the shell must still answer."""
import re

from e2e_helpers import error_lines

HEADER = ("slabinfo - version: 2.1\n"
          "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
          " : tunables <limit> <batchcount> <sharedfactor>"
          " : slabdata <active_slabs> <num_slabs> <sharedavail>\n")
LINE = re.compile(r"^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+) : tunables\s+(\d+)\s+(\d+)"
                  r"\s+(\d+) : slabdata\s+(\d+)\s+(\d+)\s+(\d+)$")


def slabinfo(board):
    out = board.cmd("slabinfo")
    caches = {}
    for line in out.splitlines()[2:]:
        m = LINE.match(line)
        assert m, f"bad slabinfo line {line!r}"
        caches[m.group(1)] = [int(x) for x in m.groups()[1:]]
    return out, caches


def alloc(board, cmd):
    out = board.cmd(cmd)
    # The command's own line: a report before it (slub_debug's "INFO: 0x...") is not it.
    m = re.search(r"(?:cache_alloc|kmalloc|mempool): (0x[0-9a-f]{8}) ", out)
    assert m, out
    return int(m.group(1), 16), out


def assert_alive(board):
    assert "Board:" in board.cmd("version")


def test_slabinfo_prints_the_2_1_header_and_every_kmalloc_cache(board):
    out, caches = slabinfo(board)
    assert out.startswith(HEADER), out
    assert "kmem_cache" in caches
    for shift in range(5, 18):
        assert f"kmalloc-{1 << shift}" in caches, out
        assert f"dma-kmalloc-{1 << shift}" in caches, out
        assert caches[f"kmalloc-{1 << shift}"][2] == 1 << shift  # objsize


def test_kmalloc_100_raises_kmalloc_128_active_objects_by_one_and_kfree_lowers_it(board):
    before = slabinfo(board)[1]["kmalloc-128"][0]
    addr, out = alloc(board, "kmalloc 100")
    assert "kmalloc-128" in out, out
    assert slabinfo(board)[1]["kmalloc-128"][0] == before + 1
    out = board.cmd(f"kfree 0x{addr:08x}")
    assert not error_lines(out)[1], out
    assert slabinfo(board)[1]["kmalloc-128"][0] == before


def test_double_kfree_is_reported_and_the_shell_survives(board):
    addr, _ = alloc(board, "kmalloc 100")
    board.cmd(f"kfree 0x{addr:08x}")
    out = board.cmd(f"kfree 0x{addr:08x}")
    assert "slab error: cache 'kmalloc-128': double free" in out, out
    assert error_lines(out)[1], out
    assert_alive(board)
    # the free lists are intact: the object comes back exactly once
    a, _ = alloc(board, "kmalloc 100")
    b, _ = alloc(board, "kmalloc 100")
    assert a != b
    board.cmd(f"kfree 0x{a:08x}")
    board.cmd(f"kfree 0x{b:08x}")


def test_kfree_into_the_middle_of_an_object_is_reported_and_refused(board):
    addr, _ = alloc(board, "kmalloc 100")
    out = board.cmd(f"kfree 0x{addr + 16:08x}")
    assert "invalid free: not the start of an object (16 bytes into" in out, out
    assert error_lines(out)[1], out
    assert_alive(board)
    out = board.cmd(f"kfree 0x{addr:08x}")
    assert not error_lines(out)[1], out


def test_write_past_the_end_with_red_zone_is_reported_on_free(board):
    out = board.cmd("cache_create e2e-rz 100 0 SLAB_RED_ZONE|SLAB_POISON")
    assert not error_lines(out)[1], out
    addr, _ = alloc(board, "cache_alloc e2e-rz")
    board.cmd(f"mw 0x{addr + 100:08x} 0x41414141")
    out = board.cmd(f"cache_free e2e-rz 0x{addr:08x}")
    assert "red zone overwritten: write past the end of the 100-byte object" in out, out
    assert f"object 0x{addr:08x}" in out, out
    assert error_lines(out)[1], out
    assert_alive(board)
    out = board.cmd("cache_destroy e2e-rz")
    assert not error_lines(out)[1], out


def test_use_after_free_write_is_reported_by_poison(board):
    board.cmd("cache_create e2e-poison 64 0 SLAB_POISON")
    addr, _ = alloc(board, "cache_alloc e2e-poison")
    board.cmd(f"cache_free e2e-poison 0x{addr:08x}")
    board.cmd(f"mw 0x{addr + 8:08x} 0")
    again, out = alloc(board, "cache_alloc e2e-poison")
    assert again == addr
    assert "use after free: byte 8 written" in out, out
    errors = error_lines(out)[1]
    assert len(errors) == 1 and "reported a corrupted object" in errors[0], out
    board.cmd(f"cache_free e2e-poison 0x{again:08x}")
    assert not error_lines(board.cmd("cache_destroy e2e-poison"))[1]


def test_cache_destroy_is_refused_while_objects_live(board):
    board.cmd("cache_create e2e-live 48")
    a, _ = alloc(board, "cache_alloc e2e-live")
    b, _ = alloc(board, "cache_alloc e2e-live")
    out = board.cmd("cache_destroy e2e-live")
    assert "error: cache 'e2e-live' still has 2 live objects" in out, out
    board.cmd(f"cache_free e2e-live 0x{a:08x}")
    board.cmd(f"cache_free e2e-live 0x{b:08x}")
    out = board.cmd("cache_shrink e2e-live")
    assert "page" in out and not error_lines(out)[1], out
    out = board.cmd("cache_destroy e2e-live")
    assert "destroyed" in out and not error_lines(out)[1], out
    assert "e2e-live" not in slabinfo(board)[1]


def test_kfree_of_an_address_never_allocated_is_refused(board):
    lines, errors = error_lines(board.cmd("kfree 0xc0100000"))
    assert len(errors) == 1 and "was not allocated by kmalloc" in errors[0], lines
    lines, errors = error_lines(board.cmd("kfree nonsense"))
    assert errors, lines
    assert_alive(board)


def test_meminfo_has_slab_lines(board):
    out = board.cmd("meminfo")
    for key in ("Slab:", "SReclaimable:", "SUnreclaim:"):
        assert re.search(rf"^{key}\s+\d+ kB$", out, re.M), out


def test_mempool_create_alloc_free_destroy(board):
    out = board.cmd("mempool create e2e 2 kmalloc 100")
    assert not error_lines(out)[1], out
    addr, out = alloc(board, "mempool alloc e2e GFP_ATOMIC")
    out = board.cmd("mempool destroy e2e")
    assert "still has 1 element out" in out, out
    out = board.cmd("mempool info e2e")
    assert re.search(r"^e2e\s+kmalloc\s+100\s+2\s+2\s+1", out, re.M), out
    assert not error_lines(board.cmd(f"mempool free e2e 0x{addr:08x}"))[1]
    assert not error_lines(board.cmd("mempool destroy e2e"))[1]


def test_slab_and_mempool_ktap_suites_pass(board):
    for suite in ("slab", "mempool"):
        out = board.cmd(f"selftest {suite}", timeout=60)
        assert re.search(rf"^ok 1 - {suite}$", out, re.M), out
