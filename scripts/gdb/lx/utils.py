"""Reading the target: values by name, lists, memory, and the layout constants."""
import gdb

PAGE_SHIFT = 12
PAGE_OFFSET = 0xc0000000


def sym(name):
    """The value of a global (or file-static) variable of the firmware."""
    return gdb.parse_and_eval(name)


def read_u32(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 4)), "little")


def read_bytes(addr, size):
    return bytes(gdb.selected_inferior().read_memory(addr, size))


def container_of(ptr, typename, member):
    """The struct @typename whose @member is at address @ptr."""
    t = gdb.lookup_type(typename)
    offset = next(f.bitpos // 8 for f in t.fields() if f.name == member)
    return gdb.Value(int(ptr) - offset).cast(t.pointer()).dereference()


def list_for_each_entry(head, typename, member):
    """Each struct @typename on the list_head @head (a value), linked through @member."""
    node = head["next"]
    head_addr = int(head.address)
    while int(node) != head_addr:
        yield container_of(node, typename, member)
        node = node["next"]


def phys_offset():
    """PHYS_OFFSET of the build: the linker script sets stext_phys = stext's physical
    address (linker.ld), and stext is at its virtual one."""
    return int(sym("&stext_phys")) - int(sym("&stext")) + PAGE_OFFSET


def zones():
    """Every zone of node 0 (struct zone values), populated or not."""
    node = sym("contig_page_data")
    arr = node["node_zones"]
    lo, hi = arr.type.range()
    return [arr[i] for i in range(lo, hi + 1)]


def populated(zone):
    return int(zone["present_pages"]) != 0


def zone_pcp_count(zone):
    sets = zone["pageset"]
    lo, hi = sets.type.range()
    # include/mm/mmzone.h: pcp_count() = in - (limit - high), modulo 2^32
    def count(pcp):
        return (int(pcp["in"]) - int(pcp["limit"]) + int(pcp["high"])) & 0xffffffff

    return sum(count(sets[c]["pcp"]) for c in range(lo, hi + 1))


def parse_number(arg, what):
    try:
        return int(gdb.parse_and_eval(arg))
    except gdb.error as e:
        raise gdb.GdbError(f"bad {what} '{arg}': {e}")
