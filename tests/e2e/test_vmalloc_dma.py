"""vmalloc, ioremap and DMA at the UART (issue 5's acceptance, typed as a person would)."""
import re

from e2e_helpers import VMALLOC_END, meminfo, memory_layout



def shrink_empty_caches(board):
    """cache_shrink every cache whose slabs hold no object (slabinfo: active_objs 0)."""
    for line in board.cmd("slabinfo").splitlines():
        f = line.split()
        if len(f) > 2 and f[1] == "0" and f[2] != "0" and f[1].isdigit() and f[2].isdigit():
            assert "returned" in board.cmd(f"cache_shrink {f[0]}")


def vmalloc(board, size):
    out = board.cmd(f"vmalloc {size}")
    m = re.search(r"at (0x[0-9a-f]+)-(0x[0-9a-f]+)", out)
    assert m, out
    return int(m.group(1), 16), int(m.group(2), 16)


def test_vmalloc_1m_is_listed_mapped_guarded_and_freed(fresh_board):
    b = fresh_board
    used_before = meminfo(b)["VmallocUsed"]
    layout = memory_layout(b)
    vmalloc_start = layout["vmalloc_start"]
    # Above low memory and the 8 MB hole (include/asm/memory.h), whatever LOWMEM_MB is.
    assert vmalloc_start == 0xc0000000 + layout["lowmem_end"] - layout["ram_start"] + (8 << 20)
    start, end = vmalloc(b, "1M")
    assert vmalloc_start <= start < end <= VMALLOC_END and end - start == 1 << 20
    assert f"0x{start:08x}-0x{end + 4096:08x}" in b.cmd("vmallocinfo")
    assert meminfo(b)["VmallocUsed"] == used_before + 1024
    pt = b.cmd(f"pt {start + 0x5000:#x}")
    assert "small page" in pt and "phys 0x" in pt and "execute-never" in pt, pt
    out = b.cmd(f"md {end:#x} 16")  # the guard page right after the area
    assert "translation fault" in out and "error:" in out, out
    assert "MIDR" in b.cmd("version")
    assert "released" in b.cmd(f"vfree {start:#x}")
    assert not any(l.startswith(f"0x{start:08x}-") for l in b.cmd("vmallocinfo").splitlines())
    assert "unmapped" in b.cmd(f"pt {start:#x}")
    assert meminfo(b)["VmallocUsed"] == used_before


def test_vmalloc_of_most_of_memory_uses_highmem_and_is_freed_cleanly(fresh_board):
    b = fresh_board
    before = meminfo(b)
    # 200 MB on 256 MB builds; on smaller ones what leaves 32 MB for the rest of the system.
    mb = min(200, before["MemFree"] // 1024 - 32)
    assert mb > before["HighTotal"] // 1024, before  # more than highmem can hold
    start, end = vmalloc(b, f"{mb}M")
    during = meminfo(b)
    assert during["HighFree"] <= before["HighFree"] // 8  # highmem taken first
    assert before["MemFree"] - during["MemFree"] >= mb * 1024
    assert "released" in b.cmd(f"vfree {start:#x}", timeout=30)
    # Below 128 MB the area's page array comes from a kmalloc cache, whose slab then stays
    # cached, empty: give such slabs back (a leaked array would keep its slab busy).
    shrink_empty_caches(b)
    after = meminfo(b)
    assert after["HighFree"] == before["HighFree"]
    assert abs(after["MemFree"] - before["MemFree"]) <= 64  # slab/pool pages may stay cached


def test_vfree_of_anything_else_is_an_error_and_changes_nothing(board):
    start, _ = vmalloc(board, "8K")
    out = board.cmd(f"vfree {start + 4096:#x}")
    assert "error:" in out and "not the start" in out, out
    assert board.cmd("vfree 0x1234").count("error:") == 1
    info = board.cmd("vmallocinfo").splitlines()
    ioremap_line = next(l for l in info if "ioremap" in l)
    out = board.cmd(f"vfree {ioremap_line.split('-')[0]}")  # a driver's area
    assert out.startswith("error:") and "did not allocate" in out, out
    assert "released" in board.cmd(f"vfree {start:#x}")


def test_vmalloc_bad_sizes_are_errors(board):
    for arg in ("0", "abc", "5Q", "0x"):
        assert board.cmd(f"vmalloc {arg}").startswith("error:"), arg
    out = board.cmd("vmalloc 2000M")  # larger than the whole area: reported, refused
    assert "error:" in out and "out of range" in out, out


def test_ioremap_maps_device_memory_and_iounmap_removes_it(board):
    out = board.cmd("ioremap 0x20000000 0x20000")
    m = re.search(r"-> (0x[0-9a-f]+)", out)
    assert m, out
    v = int(m.group(1), 16)
    pt = board.cmd(f"pt {v:#x}")
    assert "large page" in pt and "device" in pt and "phys 0x20000000" in pt, pt
    assert "ioremap" in board.cmd("vmallocinfo")
    assert board.cmd(f"iounmap {v:#x}").startswith("iounmap")
    assert "unmapped" in board.cmd(f"pt {v:#x}")
    out = board.cmd("ioremap 0x100000 4096")  # RAM is refused
    assert "refusing to map RAM" in out and "error:" in out, out


def test_dma_64k_is_verified_coherent_and_streaming(board):
    out = board.cmd("dma 64K", timeout=30)
    assert "coherent: 65536 bytes copied and verified" in out, out
    assert "streaming: 65536 bytes copied and verified" in out, out
    assert board.cmd("dma 3").startswith("error:")
    assert board.cmd("dma 8M").startswith("error:")


def test_vmalloc_and_dma_selftests_pass(board):
    out = board.cmd("selftest vmalloc", timeout=60) + board.cmd("selftest dma", timeout=60)
    assert "not ok" not in out and "ok 1 - vmalloc" in out and "ok 1 - dma" in out, out
