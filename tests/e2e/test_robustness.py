"""The shell survives anything a person types or pastes (issue 10): long word lists,
surplus arguments, a 64 KB paste, Ctrl-C during every allocator wait, frees through the
wrong API, kmap of pages nobody holds, highmem mempool elements. Every test checks that
the counters come back once its objects are freed."""
import os
import re
import threading

from e2e_helpers import PROMPT, error_lines, meminfo



def free_state(board):
    """What must come back: free memory after draining the per-CPU lists, and buddyinfo."""
    board.cmd("drain_pages")
    m = meminfo(board)
    return m["MemFree"], m["VmallocUsed"], board.cmd("buddyinfo")


def alloc_block(board, order, gfp="GFP_KERNEL"):
    out = board.cmd(f"alloc_pages {order} {gfp}")
    m = re.search(r"pfn (0x[0-9a-f]+) phys (0x[0-9a-f]+) virt (\S+) order", out)
    return (int(m.group(1), 16), m.group(3), order) if m else None


def exhaust_low_memory(board, down_to=3):
    """Take every block of order >= down_to from ZONE_NORMAL and ZONE_DMA (reserves
    included), however much memory this build has. Returns the blocks."""
    blocks = []
    for order in range(10, down_to - 1, -1):
        while True:
            b = alloc_block(board, order, "GFP_ATOMIC|__GFP_NOWARN")
            if not b:
                break
            blocks.append(b)
            assert len(blocks) < 250, "exhausting low memory took too many blocks"
    assert blocks
    return blocks


def free_blocks(board, blocks):
    for pfn, _, order in blocks:
        assert "freed" in board.cmd(f"free_pages {pfn:#x} {order}")


# ---- arguments ----------------------------------------------------------------------

def test_seventeen_words_and_more_never_crash(board):
    for words in (17, 18, 40, 127):
        line = "help " + " ".join(chr(ord("a") + i % 26) for i in range(words - 1))
        assert len(line) <= 256
        out = board.cmd(line)
        _, errors = error_lines(out)
        assert errors == ["error: too many arguments (at most 16)"] or \
            (words == 17 and errors and errors[0].startswith("error: usage: help")), out
    assert board.alive()


def test_sixteen_arguments_reach_the_command(board):
    out = board.cmd("help " + " ".join(["x"] * 16))
    assert out.strip().startswith("error: usage: help"), out


def test_surplus_arguments_are_an_error(board):
    for line in ("meminfo x", "buddyinfo 1", "kfree 0x1 2", "mempool info a b",
                 "mempool alloc p GFP_KERNEL extra", "mempool destroy a b",
                 "vmallocinfo now"):
        out = board.cmd(line)
        _, errors = error_lines(out)
        assert len(errors) == 1 and "usage" in errors[0], (line, out)


def test_empty_flag_tokens_are_refused(board):
    for line in ("cache_create e2e-flags 64 0 SLAB_POISON||", "cache_create e2e-flags 64 0 |",
                 "gfp GFP_KERNEL|", "gfp |GFP_KERNEL", "kmalloc 32 GFP_KERNEL||__GFP_ZERO"):
        out = board.cmd(line)
        assert out.startswith("error: bad"), (line, out)
    assert "e2e-flags" not in board.cmd("slabinfo")


# ---- input is never lost ----------------------------------------------------------------

def test_64k_paste_runs_every_line_in_order(fresh_board):
    b = fresh_board
    lines = ["n%05d" % i for i in range(9400)]  # 7 bytes each with CR: 65800 bytes
    data = "".join(l + "\r" for l in lines).encode()
    assert len(data) >= 64 * 1024
    fd = b.p.child_fd

    def writer():
        # One paste; written in pieces only because the pty holds a few KB at a time.
        view = memoryview(data)
        while view:
            n = os.write(fd, view[:4096])
            view = view[n:]

    t = threading.Thread(target=writer)
    t.start()
    b.p.expect_exact(f"unknown command '{lines[-1]}'", timeout=240)
    b.p.expect_exact(PROMPT, timeout=10)
    t.join()
    # p.before only holds the tail since the last expect: read the transcript instead.
    b.log.flush()
    with open(b.log.name, encoding="latin-1") as f:
        seen = re.findall(r"unknown command '(n\d{5})'", f.read())
    assert seen == lines
    assert "overrun" not in b.cmd("version")


# ---- every wait can be abandoned ------------------------------------------------------

def test_ctrl_c_ends_a_nofail_wait_with_the_stall_warning(fresh_board):
    b = fresh_board
    before = free_state(b)
    blocks = exhaust_low_memory(b)
    b.send_raw("alloc_pages 3 GFP_KERNEL|__GFP_NOFAIL\r")
    b.p.expect(r"page allocation stalls for 1\d{4}ms, order:3, mode:0x[0-9a-f]+\("
               r"GFP_KERNEL\|__GFP_NOFAIL\)", timeout=20)
    b.send_raw("\x03")
    b.p.expect_exact("error: interrupted", timeout=5)
    b.wait_prompt(timeout=5)
    assert b.alive()
    free_blocks(b, blocks)
    assert free_state(b) == before


def test_ctrl_c_ends_a_mempool_wait_and_the_pool_stays_usable(fresh_board):
    b = fresh_board
    before = free_state(b)
    assert "created" in b.cmd("mempool create e2ewait 1 page 3")
    blocks = exhaust_low_memory(b)
    first = b.cmd("mempool alloc e2ewait")
    m = re.search(r"pfn (0x[0-9a-f]+)", first)
    assert m, first
    b.send_raw("mempool alloc e2ewait\r")
    b.p.expect_exact("mempool alloc e2ewait", timeout=2)
    try:
        b.p.expect_exact(PROMPT, timeout=1.5)
        raise AssertionError("mempool_alloc on an empty pool did not wait: " + b.p.before)
    except Exception as e:  # pexpect.TIMEOUT: it is waiting, as it should
        if isinstance(e, AssertionError):
            raise
    b.send_raw("\x03")
    b.p.expect_exact("error: interrupted", timeout=5)
    b.wait_prompt(timeout=5)
    assert "freed to 'e2ewait'" in b.cmd(f"mempool free e2ewait {m.group(1)}")
    free_blocks(b, blocks)
    assert "destroyed" in b.cmd("mempool destroy e2ewait")
    assert free_state(b) == before


# ---- the ledger never forgets ---------------------------------------------------------

def uart_phys(board):
    info = board.cmd("vmallocinfo")
    m = re.search(r"phys=(0x[0-9a-f]+)\s+ioremap", info)
    assert m, info
    return int(m.group(1), 16)


def test_vfree_of_an_ioremap_is_refused_and_iounmap_still_works(board):
    before = free_state(board)
    out = board.cmd(f"ioremap {uart_phys(board):#x} 4096")
    addr = re.search(r"-> (0x[0-9a-f]+)", out).group(1)
    out = board.cmd(f"vfree {addr}")
    assert out.startswith("error: vfree:") and "ioremap" in out and "iounmap" in out, out
    assert addr[2:] in board.cmd("vmallocinfo")
    assert "iounmap:" in board.cmd(f"iounmap {addr}")
    assert free_state(board) == before


def test_iounmap_of_a_vmalloc_is_refused_and_vfree_still_works(board):
    before = free_state(board)
    out = board.cmd("vmalloc 8K")
    addr = re.search(r"at (0x[0-9a-f]+)", out).group(1)
    out = board.cmd(f"iounmap {addr}")
    assert out.startswith("error: iounmap:") and "vmalloc" in out and "vfree" in out, out
    assert "released" in board.cmd(f"vfree {addr}")
    assert free_state(board) == before


def test_kfree_of_a_page_block_is_refused_and_free_pages_still_works(board):
    before = free_state(board)
    pfn, virt, order = alloc_block(board, 1)
    assert virt.startswith("0x")
    out = board.cmd(f"kfree {virt}")
    assert out.startswith("error: kfree:") and "alloc_pages" in out, out
    out = board.cmd(f"cache_free kmalloc-64 {virt}")
    assert out.startswith("error: cache_free:") and "free_pages" in out, out
    assert "freed" in board.cmd(f"free_pages {pfn:#x} {order}")
    assert free_state(board) == before


def test_free_pages_of_a_kmalloc_object_is_refused_and_kfree_still_works(board):
    before = free_state(board)
    out = board.cmd("kmalloc 256K")
    addr = re.search(r"kmalloc: (0x[0-9a-f]+)", out).group(1)
    out = board.cmd(f"free_pages {addr} 6")
    assert out.startswith("error: free_pages:") and "kmalloc" in out and "kfree" in out, out
    assert "freed" in board.cmd(f"kfree {addr}")
    assert free_state(board) == before


def test_kfree_of_a_mempool_element_is_refused(board):
    before = free_state(board)
    assert "created" in board.cmd("mempool create e2eled 2 kmalloc 64")
    out = board.cmd("mempool alloc e2eled")
    addr = re.search(r"mempool: (0x[0-9a-f]+)", out).group(1)
    out = board.cmd(f"kfree {addr}")
    assert out.startswith("error: kfree:") and "mempool 'e2eled'" in out, out
    assert "freed to" in board.cmd(f"mempool free e2eled {addr}")
    assert "destroyed" in board.cmd("mempool destroy e2eled")
    assert free_state(board) == before


def test_kmap_of_a_page_nobody_holds_is_refused(board):
    pfn, _, order = alloc_block(board, 0, "GFP_HIGHUSER")
    assert "freed" in board.cmd(f"free_pages {pfn:#x} 0")
    out = board.cmd(f"kmap {pfn:#x}")
    assert out.startswith("error:") and "not allocated" in out, out
    assert "error:" in board.cmd(f"kunmap {pfn:#x}")


def test_free_pages_of_a_kmapped_page_is_refused_until_kunmap(board):
    before = free_state(board)
    pfn, _, order = alloc_block(board, 2, "GFP_HIGHUSER")
    assert "kmap:" in board.cmd(f"kmap {pfn + 1:#x}")
    out = board.cmd(f"free_pages {pfn:#x} 2")
    assert out.startswith("error:") and "kmapped" in out, out
    assert "kunmap:" in board.cmd(f"kunmap {pfn + 1:#x}")
    assert "freed" in board.cmd(f"free_pages {pfn:#x} 2")
    assert free_state(board) == before


# ---- highmem mempool elements ------------------------------------------------------------

def test_highmem_page_pool_elements_are_shown_and_freed_one_by_one(board):
    before = free_state(board)
    assert "created" in board.cmd("mempool create e2ehigh 2 page 0")
    pfns = []
    for _ in range(4):
        out = board.cmd("mempool alloc e2ehigh GFP_HIGHUSER")
        m = re.search(r"pfn (0x[0-9a-f]+) \(phys (0x[0-9a-f]+)", out)
        assert m and "0x00000000" not in out, out
        pfns.append(m.group(1))
    assert len(set(pfns)) == 4
    for p in pfns:
        out = board.cmd(f"mempool free e2ehigh {p}")
        assert "freed to 'e2ehigh'" in out and p[2:] in out, out
    assert "error:" in board.cmd(f"mempool free e2ehigh {pfns[0]}")
    assert "destroyed" in board.cmd("mempool destroy e2ehigh")
    assert free_state(board) == before
