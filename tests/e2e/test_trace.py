"""kmem tracepoints: each event appears in `trace show` for a matching shell action, and
every line parses with the format of Linux's /sys/kernel/tracing/trace."""
import re

import pytest

# Linux's trace line: "comm-pid [cpu] flags seconds.micros: event: fields"
LINE = re.compile(r"^\s*(.+)-(\d+)\s+\[(\d{3})\]\s+([.a-zA-Z]{4,5})\s+(\d+\.\d{6}): (\w+): (.*)$")
SYM = r"[\w.]+\+0x[0-9a-f]+/0x[0-9a-f]+"
FIELDS = {
    "kmalloc": rf"call_site=({SYM}) ptr=([0-9a-f]{{8}}) bytes_req=(\d+) bytes_alloc=(\d+) "
               r"gfp_flags=([\w|]+)",
    "kmem_cache_alloc": rf"call_site=({SYM}) ptr=([0-9a-f]{{8}}) bytes_req=(\d+) "
                        r"bytes_alloc=(\d+) gfp_flags=([\w|]+)",
    "kfree": rf"call_site=({SYM}) ptr=([0-9a-f]{{8}})",
    "kmem_cache_free": rf"call_site=({SYM}) ptr=([0-9a-f]{{8}}) name=(\S+)",
    "mm_page_alloc": r"page=([0-9a-f]{8}) pfn=0x([0-9a-f]+) order=(\d+) migratetype=(\d+) "
                     r"gfp_flags=([\w|]+)",
    "mm_page_free": r"page=([0-9a-f]{8}) pfn=0x([0-9a-f]+) order=(\d+)",
    "mm_page_alloc_zone_locked": r"page=([0-9a-f]{8}) pfn=0x([0-9a-f]+) order=(\d+) "
                                 r"migratetype=(\d+) percpu_refill=([01])",
    "mm_page_pcpu_drain": r"page=([0-9a-f]{8}) pfn=0x([0-9a-f]+) order=(\d+) migratetype=(\d+)",
    "vmalloc": rf"call_site=({SYM}) ptr=([0-9a-f]{{8}}) size=(\d+)",
    "vfree": rf"call_site=({SYM}) ptr=([0-9a-f]{{8}})",
}


def show(board):
    """[(event, fields match)] of `trace show`, checking the header and every line."""
    out = board.cmd("trace show").replace("\r", "").strip("\n").split("\n")
    assert out[0] == "# tracer: nop"
    head = re.match(r"^# entries-in-buffer/entries-written: (\d+)/(\d+)   #P:1$", out[2])
    assert head, out[2]
    events = []
    for line in out:
        if line.startswith("#"):
            continue
        m = LINE.match(line)
        assert m, line
        f = re.fullmatch(FIELDS[m.group(6)], m.group(7))
        assert f, line
        events.append((m.group(6), f))
    assert len(events) == int(head.group(1))
    return events


@pytest.fixture
def tracing(board):
    board.cmd("trace off")
    board.cmd("trace clear")
    yield board
    board.cmd("trace off")
    board.cmd("trace clear")


def of(events, name):
    return [f for e, f in events if e == name]


def test_every_event_for_its_shell_action(tracing):
    b = tracing
    assert "error" not in b.cmd("trace on kmem")
    ptr = re.search(r"0x([0-9a-f]{8})", b.cmd("kmalloc 100")).group(1)
    b.cmd(f"kfree 0x{ptr}")
    b.cmd("cache_create trc 64")
    obj = re.search(r"0x([0-9a-f]{8})", b.cmd("cache_alloc trc")).group(1)
    b.cmd(f"cache_free trc 0x{obj}")
    b.cmd("cache_destroy trc")
    pfn = int(re.search(r"pfn 0x([0-9a-f]+)", b.cmd("alloc_pages 2")).group(1), 16)
    b.cmd(f"free_pages {pfn:#x} 2")
    b.cmd("drain_pages")
    pfn0 = int(re.search(r"pfn 0x([0-9a-f]+)", b.cmd("alloc_pages 0")).group(1), 16)
    b.cmd(f"free_pages {pfn0:#x} 0")
    b.cmd("drain_pages")
    va = re.search(r"at 0x([0-9a-f]{8})", b.cmd("vmalloc 8192")).group(1)
    b.cmd(f"vfree 0x{va}")
    b.cmd("trace off")
    ev = show(b)

    assert any(f.group(1).startswith("cmd_kmalloc+") and f.group(2) == ptr and
               f.group(3) == "100" and f.group(4) == "128" and f.group(5) == "GFP_KERNEL"
               for f in of(ev, "kmalloc"))
    # The kfree and cache_free commands free through the shell's ledger (shell/ledger.c).
    assert any(f.group(1).startswith("shell_free+") and f.group(2) == ptr
               for f in of(ev, "kfree"))
    assert any(f.group(1).startswith("cmd_cache_alloc+") and f.group(2) == obj
               for f in of(ev, "kmem_cache_alloc"))
    assert any(f.group(1).startswith("shell_free+") and f.group(2) == obj and
               f.group(3) == "trc" for f in of(ev, "kmem_cache_free"))
    assert any(int(f.group(2), 16) == pfn and f.group(3) == "2" and f.group(5) == "GFP_KERNEL"
               for f in of(ev, "mm_page_alloc"))
    assert any(int(f.group(2), 16) == pfn and f.group(3) == "2" and f.group(5) == "0"
               for f in of(ev, "mm_page_alloc_zone_locked"))
    assert any(int(f.group(2), 16) == pfn and f.group(3) == "2" for f in of(ev, "mm_page_free"))
    # The per-CPU list was drained, so the order-0 page came with a refill...
    assert any(int(f.group(2), 16) == pfn0 and f.group(5) == "1"
               for f in of(ev, "mm_page_alloc_zone_locked"))
    # ...and went back to the buddy lists with the second drain.
    assert any(int(f.group(2), 16) == pfn0 for f in of(ev, "mm_page_pcpu_drain"))
    assert any(f.group(1).startswith("cmd_vmalloc+") and f.group(2) == va and
               f.group(3) == "8192" for f in of(ev, "vmalloc"))
    assert any(f.group(1).startswith("cmd_vfree+") and f.group(2) == va for f in of(ev, "vfree"))


def test_one_event_only_and_off_stops(tracing):
    b = tracing
    b.cmd("trace on kmem:kmalloc")
    ptr = re.search(r"0x([0-9a-f]{8})", b.cmd("kmalloc 40")).group(1)
    pfn = int(re.search(r"pfn 0x([0-9a-f]+)", b.cmd("alloc_pages 1")).group(1), 16)
    b.cmd("trace off")
    b.cmd(f"kfree 0x{ptr}")
    b.cmd(f"free_pages {pfn:#x} 1")
    names = {e for e, _ in show(b)}
    assert names == {"kmalloc"}
    assert "kmem:kmalloc" in b.cmd("trace events")
    b.cmd("trace clear")
    assert show(b) == []


def test_errors(tracing):
    assert "error: kmem:nope: no such event" in tracing.cmd("trace on kmem:nope")
    assert "error:" in tracing.cmd("trace on")
    assert "error:" in tracing.cmd("trace show now")
    assert "error:" in tracing.cmd("trace frobnicate")
    assert "error:" in tracing.cmd("trace on kmem extra")
