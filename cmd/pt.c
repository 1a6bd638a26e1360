/* `pt <vaddr>`: show how the live kernel page tables translate an address. */
#include <asm/mmu.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <lib/parse.h>
#include <mm/pgtable.h>

static void print_attrs(const struct desc_info *d)
{
	printk("    attrs: %s, %s, %s (TEX %u C %u B %u, AP %u%s%s)\n",
	       d->attrs.ro ? "read-only" : "read-write",
	       d->attrs.xn ? "execute-never (XN)" : "executable", mem_type_name(d->attrs.type),
	       d->tex, d->c, d->b, d->ap, d->shared ? ", shared" : "", d->ng ? ", nG" : "");
	printk("    access: %s\n", ap_name(d->ap));
}

static int cmd_pt(int argc, char **argv)
{
	struct pt_walk w;
	u32 va;

	if (parse_addr(argv[1], &va))
		return shell_error("bad address '%s'", argv[1]);
	pt_walk(swapper_pg_dir, va, &w);
	printk("vaddr 0x%08x\n", va);
	printk("  L1[%4u] @0x%08x = 0x%08x  %s\n", pmd_index(va),
	       (u32)(unsigned long)&swapper_pg_dir[pmd_index(va)], w.pmd,
	       desc_kind_name(w.l1.kind));
	if (w.l1.kind == DESC_SECTION || w.l1.kind == DESC_SUPERSECTION)
		print_attrs(&w.l1);
	if (w.has_l2) {
		printk("  L2[%3u] table 0x%08x = 0x%08x  %s\n", pte_index(va), w.l1.base, w.pte,
		       desc_kind_name(w.l2.kind));
		if (w.l2.kind != DESC_FAULT)
			print_attrs(&w.l2);
	}
	if (w.mapped)
		printk("  phys 0x%08x\n", w.phys);
	else
		printk("  unmapped\n");
	return 0;
}
SHELL_CMD(pt, "<vaddr>", "walk the page tables: descriptors, phys, AP/XN/cacheability", 1, 1,
	  cmd_pt);
