"""Memory-management views, each formatted exactly as the shell prints it:
lx-buddyinfo (mm/vmstat.c), lx-slabinfo (mm/slabinfo.c), lx-meminfo (mm/meminfo.c),
and lx-pfn_to_page, a struct page in the manner of Linux's dump_page()."""
import gdb

from lx import utils

ZONES_PGSHIFT = 30  # include/mm/page-flags.h
ZONES_MASK = 3


def enum_value(name):
    return int(gdb.parse_and_eval(name))


class LxBuddyinfo(gdb.Command):
    """Free blocks per zone and order, as /proc/buddyinfo (shell: buddyinfo)."""

    def __init__(self):
        super().__init__("lx-buddyinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        out = []
        for zone in utils.zones():
            if not utils.populated(zone):
                continue
            areas = zone["free_area"]
            lo, hi = areas.type.range()
            line = "Node %d, zone %8s " % (0, zone["name"].string())
            line += "".join("%6d " % int(areas[o]["nr_free"]) for o in range(lo, hi + 1))
            out.append(line)
        gdb.write("".join(line + "\n" for line in out))


def count_list(head):
    n, node, head_addr = 0, head["next"], int(head.address)
    while int(node) != head_addr:
        n += 1
        node = node["next"]
    return n


class LxSlabinfo(gdb.Command):
    """The slab caches, as /proc/slabinfo 2.1 (shell: slabinfo). Objects parked in the
    per-CPU array caches count as free, as the shell counts them."""

    def __init__(self):
        super().__init__("lx-slabinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        out = ["slabinfo - version: 2.1",
               "# name            <active_objs> <num_objs> <objsize> <objperslab> "
               "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
               "<active_slabs> <num_slabs> <sharedavail>"]
        for cachep in utils.list_for_each_entry(utils.sym("slab_caches"),
                                                "struct kmem_cache", "next"):
            l3 = cachep["lists"]
            active_objs = active_slabs = 0
            for lst in ("slabs_full", "slabs_partial"):
                for slabp in utils.list_for_each_entry(l3[lst], "struct slab", "list"):
                    active_objs += int(slabp["inuse"])
                    active_slabs += 1
            num_slabs = active_slabs + count_list(l3["slabs_free"])
            ac = cachep["array"][0].dereference()
            active_objs -= int(ac["avail"])
            out.append("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d "
                       "%6d" % (cachep["name"].string(), active_objs,
                                num_slabs * int(cachep["num"]), int(cachep["buffer_size"]),
                                int(cachep["num"]), 1 << int(cachep["gfporder"]),
                                int(ac["limit"]), int(ac["batchcount"]), 0, active_slabs,
                                num_slabs, 0))
        gdb.write("".join(line + "\n" for line in out))


def meminfo():
    """The lines of meminfo, in its order: [(name, kB)]."""
    highmem = enum_value("ZONE_HIGHMEM")
    total, totalhigh = int(utils.sym("totalram_pages")), int(utils.sym("totalhigh_pages"))
    free = freehigh = wmark_low = 0
    for idx, zone in enumerate(utils.zones()):
        if not utils.populated(zone):
            continue
        n = int(zone["free_pages"]) + utils.zone_pcp_count(zone)
        free += n
        if idx == highmem:
            freehigh += n
        wmark_low += int(zone["watermark"][enum_value("WMARK_LOW")])
    srec = int(utils.sym("nr_slab_reclaimable"))
    sunrec = int(utils.sym("nr_slab_unreclaimable"))
    available = max(free - wmark_low + srec - min(srec // 2, wmark_low), 0)
    vs = utils.sym("vmap_area_space")
    root = vs["free_root"]["rb_node"]
    chunk = 0
    if int(root):
        chunk = int(utils.container_of(root, "struct vmap_area", "rb_node")["subtree_max_size"])
    kb = 1 << (utils.PAGE_SHIFT - 10)
    return [("MemTotal", total * kb), ("MemFree", free * kb), ("MemAvailable", available * kb),
            ("Buffers", 0), ("Cached", 0), ("SwapCached", 0),
            ("HighTotal", totalhigh * kb), ("HighFree", freehigh * kb),
            ("LowTotal", (total - totalhigh) * kb), ("LowFree", (free - freehigh) * kb),
            ("SwapTotal", 0), ("SwapFree", 0),
            ("AnonPages", int(utils.sym("nr_anon_pages")) * kb), ("Shmem", 0),
            ("Slab", (srec + sunrec) * kb), ("SReclaimable", srec * kb),
            ("SUnreclaim", sunrec * kb),
            ("VmallocTotal", (int(vs["vend"]) - int(vs["vstart"])) >> 10),
            ("VmallocUsed", int(vs["used"]) >> 10), ("VmallocChunk", chunk >> 10)]


class LxMeminfo(gdb.Command):
    """Memory totals, as /proc/meminfo (shell: meminfo)."""

    def __init__(self):
        super().__init__("lx-meminfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write("".join("%-16s%8d kB\n" % (name + ":", v) for name, v in meminfo()))


def pfn_to_page(pfn):
    """The struct page of @pfn (a gdb value), or a GdbError when no zone spans it."""
    for zone in utils.zones():
        start = int(zone["zone_start_pfn"])
        if start <= pfn < start + int(zone["spanned_pages"]):
            break
    else:
        raise gdb.GdbError(f"pfn {pfn:#x} is in no zone")
    arch_pfn_offset = utils.phys_offset() >> utils.PAGE_SHIFT
    return (utils.sym("mem_map") + (pfn - arch_pfn_offset)).dereference()


class LxPfnToPage(gdb.Command):
    """lx-pfn_to_page <pfn>: the struct page of a page frame, its flags decoded."""

    def __init__(self):
        super().__init__("lx-pfn_to_page", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) != 1:
            raise gdb.GdbError("usage: lx-pfn_to_page <pfn>")
        pfn = utils.parse_number(argv[0], "pfn")
        page = pfn_to_page(pfn)
        flags = int(page["flags"])
        names = [f.name[3:] for f in gdb.lookup_type("enum pageflags").fields()
                 if f.name.startswith("PG_") and flags & (1 << f.enumval)]
        zone = utils.zones()[(flags >> ZONES_PGSHIFT) & ZONES_MASK]["name"].string()
        lines = ["page:0x%08x refcount:%d private:%d pfn:%#x zone:%s"
                 % (int(page.address), int(page["_refcount"]), int(page["private"]), pfn,
                    zone),
                 "flags: %#x(%s)" % (flags, "|".join(names))]
        if "slab" in names:
            lines.append("slab_cache: %s" % page["slab_cache"]["name"].string())
        gdb.write("".join(line + "\n" for line in lines))


LxBuddyinfo()
LxSlabinfo()
LxMeminfo()
LxPfnToPage()
