"""lx-pt <vaddr>: walk the kernel's page tables (swapper_pg_dir) for an address, reading
the descriptors from the target and decoding them by the ARMv6 short-descriptor format
(SCTLR.XP = 1), printed as the shell's pt prints the same walk (cmd/pt.c)."""
import gdb

from lx import utils

# TEX, C, B -> memory type name (arch/arm/mm/pgtable-v6.c uses the same names).
MEM_TYPES = {(0, 0, 0): "strongly-ordered", (0, 0, 1): "device",
             (0, 1, 0): "normal write-through", (0, 1, 1): "normal write-back",
             (1, 0, 0): "normal uncached", (1, 1, 1): "normal write-back write-allocate",
             (2, 0, 0): "device non-shared"}
AP_NAMES = ["no access", "priv RW", "priv RW, user RO", "RW", "reserved", "priv RO", "RO",
            "RO"]


def mem_type(tex, c, b):
    if tex & 4:
        return "normal inner/outer policy"
    return MEM_TYPES.get((tex, c, b), "reserved encoding")


def read_only(ap):
    return ap not in (1, 2, 3)


def decode_pmd(d):
    """(kind, base, attrs or None) of a first-level descriptor."""
    t = d & 3
    if t == 0:
        return "fault", 0, None
    if t == 1:
        return "coarse table", d & 0xfffffc00, None
    if t == 3:
        return "reserved", 0, None
    kind, base = ("supersection", d & 0xff000000) if d & (1 << 18) else \
        ("section", d & 0xfff00000)
    attrs = dict(b=(d >> 2) & 1, c=(d >> 3) & 1, tex=(d >> 12) & 7,
                 ap=((d >> 10) & 3) | (4 if d & (1 << 15) else 0), s=(d >> 16) & 1,
                 ng=(d >> 17) & 1, xn=(d >> 4) & 1)
    return kind, base, attrs


def decode_pte(d):
    """(kind, base, attrs or None) of a second-level (coarse table) descriptor."""
    if d & 3 == 0:
        return "fault", 0, None
    attrs = dict(b=(d >> 2) & 1, c=(d >> 3) & 1, ap=((d >> 4) & 3) | (4 if d & (1 << 9) else 0),
                 s=(d >> 10) & 1, ng=(d >> 11) & 1)
    if d & 2:
        attrs.update(tex=(d >> 6) & 7, xn=d & 1)
        return "small page", d & 0xfffff000, attrs
    attrs.update(tex=(d >> 12) & 7, xn=(d >> 15) & 1)
    return "large page", d & 0xffff0000, attrs


def attr_lines(a):
    return ["    attrs: %s, %s, %s (TEX %d C %d B %d, AP %d%s%s)"
            % ("read-only" if read_only(a["ap"]) else "read-write",
               "execute-never (XN)" if a["xn"] else "executable",
               mem_type(a["tex"], a["c"], a["b"]), a["tex"], a["c"], a["b"], a["ap"],
               ", shared" if a["s"] else "", ", nG" if a["ng"] else ""),
            "    access: %s" % AP_NAMES[a["ap"] & 7]]


def walk(va):
    pgd = int(utils.sym("&swapper_pg_dir"))
    idx = va >> 20
    pmd_addr = pgd + 4 * idx
    pmd = utils.read_u32(pmd_addr)
    kind, base, attrs = decode_pmd(pmd)
    out = ["vaddr 0x%08x" % va, "  L1[%4d] @0x%08x = 0x%08x  %s" % (idx, pmd_addr, pmd, kind)]
    phys = None
    if kind == "section":
        phys = base | (va & 0x000fffff)
    elif kind == "supersection":
        phys = base | (va & 0x00ffffff)
    if attrs:
        out += attr_lines(attrs)
    if kind == "coarse table":
        l2_virt = base - utils.phys_offset() + utils.PAGE_OFFSET
        pidx = (va >> 12) & 0xff
        pte = utils.read_u32(l2_virt + 4 * pidx)
        kind2, base2, attrs2 = decode_pte(pte)
        out.append("  L2[%3d] table 0x%08x = 0x%08x  %s" % (pidx, base, pte, kind2))
        if attrs2:
            out += attr_lines(attrs2)
            phys = base2 | (va & (0xfff if kind2 == "small page" else 0xffff))
    out.append("  phys 0x%08x" % phys if phys is not None else "  unmapped")
    return out


class LxPt(gdb.Command):
    """lx-pt <vaddr>: the page-table walk of a kernel virtual address (shell: pt)."""

    def __init__(self):
        super().__init__("lx-pt", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) != 1:
            raise gdb.GdbError("usage: lx-pt <vaddr>")
        va = utils.parse_number(argv[0], "address") & 0xffffffff
        gdb.write("".join(line + "\n" for line in walk(va)))


LxPt()
