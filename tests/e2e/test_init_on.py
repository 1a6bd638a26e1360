"""init_on_alloc / init_on_free at the UART (issue 16): with init_on_free a freed object
and a freed page read back as zero through `md`; with both off they keep what was
written."""
import re


def kmalloc(board, size):
    out = board.cmd(f"kmalloc {size}")
    m = re.search(r"kmalloc: (0x[0-9a-f]{8}) size", out)
    assert m, out
    return int(m.group(1), 16)


def write_free_read(board):
    addr = kmalloc(board, 100)
    assert "<-" in board.cmd(f"mw {addr:#x} 0xdeadbeef")
    assert "freed" in board.cmd(f"kfree {addr:#x}")
    return board.cmd(f"md {addr:#x} 16")


def test_freed_object_reads_back_as_zero_with_init_on_free(board):
    assert "init_on_free: 0" in board.cmd("init_on_free")
    assert "deadbeef" in write_free_read(board)
    try:
        assert "init_on_free: 1" in board.cmd("init_on_free 1")
        out = write_free_read(board)
        assert "deadbeef" not in out and " 00000000 00000000 00000000 00000000" in out, out
    finally:
        assert "init_on_free: 0" in board.cmd("init_on_free 0")


def write_free_read_page(board):
    out = board.cmd("alloc_pages 0 GFP_KERNEL")
    m = re.search(r"pfn (0x[0-9a-f]+) .* virt (0x[0-9a-f]{8}) order 0", out)
    assert m, out
    pfn, virt = m.group(1), int(m.group(2), 16)
    assert "<-" in board.cmd(f"mw {virt + 0x800:#x} 0xdeadbeef")
    out = board.cmd(f"free_pages {pfn} 0")
    assert not re.search(r"^error:", out, re.M), out
    return board.cmd(f"md {virt + 0x800:#x} 16")


def test_freed_page_reads_back_as_zero_with_init_on_free(board):
    assert "deadbeef" in write_free_read_page(board)
    try:
        assert "init_on_free: 1" in board.cmd("init_on_free 1")
        out = write_free_read_page(board)
        assert "deadbeef" not in out and " 00000000 00000000 00000000 00000000" in out, out
    finally:
        assert "init_on_free: 0" in board.cmd("init_on_free 0")


def test_init_on_alloc_switch_and_bad_argument(board):
    try:
        assert "init_on_alloc: 1" in board.cmd("init_on_alloc 1")
        addr = kmalloc(board, 100)
        out = board.cmd(f"md {addr:#x} 16")
        assert " 00000000 00000000 00000000 00000000" in out, out
        board.cmd(f"kfree {addr:#x}")
    finally:
        assert "init_on_alloc: 0" in board.cmd("init_on_alloc 0")
    assert "error: init_on_alloc takes 0 or 1" in board.cmd("init_on_alloc 2")
