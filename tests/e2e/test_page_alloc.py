"""The page allocator at the UART: /proc-format reports, zone selection by GFP flags,
bad frees refused without changing the free lists, and a return to the boot state."""
import re

import pytest

from e2e_helpers import PAGE_OFFSET, meminfo, memory_layout

ZONES = ("DMA", "Normal", "HighMem")


def populated_zones(board):
    """The zones of the running build: no HighMem when LOWMEM_MB = RAM_MB."""
    pages = memory_layout(board)["pages"]
    return [z for z in ZONES if pages[z]]


def buddyinfo(board):
    out = board.cmd("buddyinfo").replace("\r", "")
    rows = {}
    for line in out.splitlines():
        m = re.match(r"Node 0, zone\s+(\w+)((?:\s+\d+){11})\s*$", line)
        if m:
            rows[m.group(1)] = [int(x) for x in m.group(2).split()]
    return rows



def allocate(board, args):
    out = board.cmd("alloc_pages " + args)
    m = re.search(r"pfn (0x[0-9a-f]+) phys (0x[0-9a-f]+) virt (\S+) order (\d+) zone (\w+)", out)
    assert m, out
    return int(m.group(1), 16), int(m.group(2), 16), m.group(3), m.group(5)


def test_buddyinfo_after_boot_shows_every_populated_zone(fresh_board):
    zones = populated_zones(fresh_board)
    assert zones[:2] == ["DMA", "Normal"]
    rows = buddyinfo(fresh_board)
    assert set(rows) == set(zones)
    assert all(sum(rows[z]) > 0 for z in zones)


def test_meminfo_memfree_is_the_free_pages_of_all_zones_and_hightotal_is_highmem(fresh_board):
    info = meminfo(fresh_board)
    # Nothing reserves highmem: HighTotal is the whole zone (0 kB when there is none).
    assert info["HighTotal"] == memory_layout(fresh_board)["pages"]["HighMem"] * 4
    assert info["MemTotal"] == info["LowTotal"] + info["HighTotal"]
    assert info["MemFree"] == info["LowFree"] + info["HighFree"]
    # Freshly booted, after a drain-free boot: free pages are all on the buddy lists.
    rows = buddyinfo(fresh_board)
    buddy_kb = sum(n * (4 << order) for z in rows for order, n in enumerate(rows[z]))
    assert info["MemFree"] >= buddy_kb


def test_gfp_dma_is_in_the_dma_zone_and_gfp_highuser_above_low_memory(fresh_board):
    layout = memory_layout(fresh_board)
    pfn, phys, virt, zone = allocate(fresh_board, "0 GFP_DMA")
    assert phys < layout["dma_end"] and zone == "DMA" and virt.startswith("0x")
    pfn, phys, virt, zone = allocate(fresh_board, "0 GFP_HIGHUSER")
    if layout["pages"]["HighMem"]:
        assert phys >= layout["lowmem_end"] and zone == "HighMem" and virt == "-"
    else:  # no HighMem zone: __GFP_HIGHMEM falls back to Normal, directly mapped
        assert zone == "Normal" and int(virt, 16) == PAGE_OFFSET + phys - layout["ram_start"]
    pfn, phys, virt, zone = allocate(fresh_board, "3")
    assert zone == "Normal" and int(virt, 16) == PAGE_OFFSET + phys - layout["ram_start"]


def test_freeing_everything_returns_buddyinfo_to_the_boot_state(fresh_board):
    # Slab set-up leaves order-0 pages on the per-CPU list at boot: drain them first.
    assert "drained" in fresh_board.cmd("drain_pages")
    boot = buddyinfo(fresh_board)
    boot_free = meminfo(fresh_board)["MemFree"]
    blocks = [allocate(fresh_board, a) + (o,) for a, o in
              (("0", 0), ("3", 3), ("10", 10), ("0 GFP_DMA", 0), ("2 GFP_HIGHUSER", 2),
               ("0 GFP_ATOMIC", 0), ("1 GFP_KERNEL|__GFP_ZERO", 1))]
    assert buddyinfo(fresh_board) != boot
    for pfn, phys, virt, zone, order in blocks:
        out = fresh_board.cmd(f"free_pages {pfn:#x} {order}")
        assert "freed" in out, out
    # Freed order-0 pages wait on the per-CPU list (free, counted by MemFree, but not on
    # the buddy lists that buddyinfo shows); at boot that list was empty.
    assert meminfo(fresh_board)["MemFree"] == boot_free
    assert "drained" in fresh_board.cmd("drain_pages")
    assert buddyinfo(fresh_board) == boot
    assert meminfo(fresh_board)["MemFree"] == boot_free


def test_double_free_wrong_order_and_order_11_are_refused_and_change_nothing(fresh_board):
    pfn, _, virt, _ = allocate(fresh_board, "2")
    before = buddyinfo(fresh_board)
    free_before = meminfo(fresh_board)["MemFree"]
    out = fresh_board.cmd(f"free_pages {pfn:#x} 1")
    assert "wrong order" in out and "error:" in out, out
    out = fresh_board.cmd("alloc_pages 11")
    assert out.startswith("error:"), out
    assert buddyinfo(fresh_board) == before
    assert fresh_board.cmd(f"free_pages {virt} 2").startswith("freed")
    after_free = buddyinfo(fresh_board)
    out = fresh_board.cmd(f"free_pages {pfn:#x} 2")
    assert out.startswith("error:") and "double free" in out, out
    assert buddyinfo(fresh_board) == after_free
    assert meminfo(fresh_board)["MemFree"] == free_before + 16


def test_free_pages_of_a_page_never_allocated_is_an_error(board):
    out = board.cmd("free_pages 0x1234 0")
    assert out.startswith("error:") and "not allocated" in out, out
    assert board.cmd("free_pages 0xc0008000 0").startswith("error:")
    assert board.cmd("free_pages 0xc0008001 0").startswith("error:")
    assert board.cmd("free_pages 0xfffff 0").startswith("error:")


def test_kmap_of_a_highmem_page_uses_pkmap_and_kunmap_releases_it(board):
    if not memory_layout(board)["pages"]["HighMem"]:
        pytest.skip("no HighMem zone (LOWMEM_MB = RAM_MB): no page to kmap through PKMAP")
    pfn, _, virt, _ = allocate(board, "0 GFP_HIGHUSER")
    out = board.cmd(f"kmap {pfn:#x}")
    m = re.search(r"-> (0x[0-9a-f]+) \(PKMAP\)", out)
    assert m, out
    vaddr = int(m.group(1), 16)
    assert 0xfe000000 <= vaddr < 0xfe200000
    pt = board.cmd(f"pt {vaddr:#x}")
    assert f"phys {pfn << 12:#010x}" in pt and "execute-never" in pt, pt
    assert board.cmd(f"kunmap {pfn:#x}").startswith("kunmap")
    assert "unmapped" in board.cmd(f"pt {vaddr:#x}")
    assert board.cmd(f"kunmap {pfn:#x}").startswith("error:")
    assert board.cmd(f"free_pages {pfn:#x} 0").startswith("freed")


def test_gfp_decodes_zones_sleeping_and_reserves(board):
    out = board.cmd("gfp GFP_ATOMIC")
    assert "may sleep: no" in out and "below the min watermark" in out
    out = board.cmd("gfp GFP_HIGHUSER")
    assert "HighMem, Normal, DMA" in out and "may sleep: yes" in out
    out = board.cmd("gfp gfp_dma|__gfp_zero")
    assert "zones (fallback order): DMA\n" in out.replace("\r", "") and "zeroed: yes" in out
    assert board.cmd("gfp GFP_BOGUS").startswith("error:")


def test_page_alloc_selftests_pass(board):
    out = board.cmd("selftest page_alloc", timeout=60)
    assert "not ok" not in out and "ok 1 - page_alloc" in out, out
