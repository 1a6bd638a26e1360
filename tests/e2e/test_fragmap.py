"""fragmap: a picture of each zone by page use, and the unusable free space index.

The layout is read from the running system (zoneinfo), never assumed."""
import math
import re

from e2e_helpers import error_lines

HEADER = re.compile(r"^Node 0, zone +(\w+): pfn 0x([0-9a-f]+)-0x([0-9a-f]+), (\d+) pages "
                    r"\((\d+) KB\) per character$")
ROW = re.compile(r"^  0x([0-9a-f]{5}) ([0-9*PSVKARpsvkar]+)$")
UNUSABLE = re.compile(r"^Node 0, zone +(\w+) ((?:\d\.\d{3} ){11})$")


def parse(out):
    """{zone: (start_pfn, end_pfn, pages per char, the characters in order)}, and the
    unusable index rows {zone: [11 floats]}."""
    zones, index, zone = {}, {}, None
    for line in out.replace("\r", "").splitlines():
        m = HEADER.match(line)
        if m:
            zone = m.group(1)
            zones[zone] = [int(m.group(2), 16), int(m.group(3), 16), int(m.group(4)), ""]
            assert int(m.group(5)) == int(m.group(4)) * 4, line
            continue
        m = ROW.match(line)
        if m:
            z = zones[zone]
            assert int(m.group(1), 16) == z[0] + len(z[3]) * z[2], line
            z[3] += m.group(2)
            continue
        m = UNUSABLE.match(line)
        if m:
            index[m.group(1)] = [float(x) for x in m.group(2).split()]
    return zones, index


def chars_of(zones, zone, pfn, pages):
    start, _, per, chars = zones[zone]
    return chars[(pfn - start) // per:(pfn - start + pages + per - 1) // per]


def test_every_populated_zone_is_drawn_whole(board):
    spans = {m.group(1): int(m.group(2)) for m in re.finditer(
        r"^Node 0, zone +(\w+)\n  pages free.*?spanned +(\d+)", board.cmd("zoneinfo")
        .replace("\r", ""), re.M | re.S)}
    zones, index = parse(board.cmd("fragmap"))
    assert set(zones) == set(spans) == set(index), (zones.keys(), spans)
    for name, (start, end, per, chars) in zones.items():
        assert end - start == spans[name]
        assert len(chars) == math.ceil(spans[name] / per) <= 1024, name
    # The kernel image sits at the start of RAM: reserved.
    first = min(zones.values())
    assert first[3][1] == "R", first[3][:8]


def test_a_block_shows_as_allocated_then_free_again(fresh_board):
    out = fresh_board.cmd("alloc_pages 10")
    m = re.search(r"pfn (0x[0-9a-f]+) .* zone (\w+)", out)
    pfn, zone = int(m.group(1), 16), m.group(2)
    zones, _ = parse(fresh_board.cmd(f"fragmap {zone}"))
    assert set(chars_of(zones, zone, pfn, 1024)) == {"A"}, zones[zone][3]
    fresh_board.cmd(f"free_pages {pfn:#x} 10")
    zones, _ = parse(fresh_board.cmd(f"fragmap {zone}"))
    assert "A" not in chars_of(zones, zone, pfn, 1024)


def test_vmalloc_pages_are_drawn_as_such(fresh_board):
    before = parse(fresh_board.cmd("fragmap"))[0]
    fresh_board.cmd("vmalloc 4M")
    after = parse(fresh_board.cmd("fragmap"))[0]
    grew = sum(z[3].count("V") - before[n][3].count("V") for n, z in after.items())
    # 1024 pages: at least that many characters, less two partly used at the ends.
    assert grew >= 1024 // max(z[2] for z in after.values()) - 2, (before, after)


def test_a_kmapped_highmem_block_is_drawn_as_kmap(fresh_board):
    out = fresh_board.cmd("alloc_pages 6 GFP_HIGHUSER")
    m = re.search(r"pfn (0x[0-9a-f]+) .* zone (\w+)", out)
    pfn, zone = int(m.group(1), 16), m.group(2)
    if zone != "HighMem":
        assert "HighMem" not in fresh_board.cmd("zoneinfo")  # only without a HighMem zone
        return
    assert "error" not in fresh_board.cmd(f"kmap {pfn:#x}")
    zones, _ = parse(fresh_board.cmd("fragmap highmem"))
    assert set(chars_of(zones, zone, pfn, 64)) == {"K"}, zones[zone][3]
    fresh_board.cmd(f"kunmap {pfn:#x}")
    zones, _ = parse(fresh_board.cmd("fragmap highmem"))
    assert set(chars_of(zones, zone, pfn, 64)) == {"A"}
    fresh_board.cmd(f"free_pages {pfn:#x} 6")


def test_unusable_index_follows_buddyinfo(board):
    out = board.cmd("fragmap").replace("\r", "")
    buddy = {m.group(1): [int(x) for x in m.group(2).split()] for m in re.finditer(
        r"^Node 0, zone +(\w+) +((?:\d+ +){11})$", board.cmd("buddyinfo").replace("\r", ""),
        re.M)}
    _, index = parse(out)
    assert "extfrag/unusable_index:" in out
    for zone, counts in buddy.items():
        free = sum(n << o for o, n in enumerate(counts))
        for order in range(11):
            suitable = sum(n << (o - order) for o, n in enumerate(counts) if o >= order)
            expected = (free - (suitable << order)) * 1000 // free if free else 0
            assert round(index[zone][order] * 1000) == expected, (zone, order, counts)


def test_colour_only_when_asked(board):
    plain = board.cmd("fragmap")
    assert "\x1b[" not in plain
    coloured = board.cmd("fragmap -c")
    assert "\x1b[32m" in coloured and coloured.count("\x1b[0m") >= 3
    assert "legend:" in plain and "legend:" in coloured


def test_fragmap_refuses_bad_arguments(board):
    for args in ("nosuchzone", "-x", "-c -c", "DMA Normal"):
        lines, errors = error_lines(board.cmd(f"fragmap {args}"))
        assert len(lines) == 1 and len(errors) == 1, args
