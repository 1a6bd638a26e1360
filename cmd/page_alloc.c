/*
 * Page-allocator shell commands: meminfo, buddyinfo, zoneinfo, alloc_pages, free_pages,
 * kmap, kunmap, gfp. The shell keeps a table of the blocks and kmaps it made, so a free
 * of something it never allocated is refused before it can reach (and corrupt) the
 * allocator; a wrong-order free of a block it did allocate goes to __free_pages() so
 * that the allocator's own check is what answers.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <shell/ledger.h>
#include <lib/parse.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <stdio.h>

#define SHELL_MAX_BLOCKS 256
#define SHELL_MAX_KMAPS	 32

static struct shell_table_entry block_entries[SHELL_MAX_BLOCKS]; /* pfn, order */
static struct shell_table blocks = SHELL_TABLE_INIT(block_entries);
static struct shell_table_entry kmap_entries[SHELL_MAX_KMAPS]; /* pfn */
static struct shell_table kmaps = SHELL_TABLE_INIT(kmap_entries);

SHELL_SHOW_CMD(meminfo, "memory summary (/proc/meminfo format)", show_meminfo);

SHELL_SHOW_CMD(buddyinfo, "free blocks per zone and order (/proc/buddyinfo format)",
	       show_buddyinfo);

/* Per-CPU pages are free but not on the buddy lists, so buddyinfo does not count them. */
static int cmd_drain_pages(int argc, char **argv)
{
	drain_all_pages();
	printk("per-CPU lists drained to the buddy lists\n");
	return 0;
}
SHELL_CMD(drain_pages, "", "return per-CPU list pages to the buddy lists (drain_all_pages)", 0, 0,
	  cmd_drain_pages);

SHELL_SHOW_CMD(vmstat, "event counters (/proc/vmstat format)", show_vmstat);

SHELL_SHOW_CMD(zoneinfo, "per-zone counts and watermarks (/proc/zoneinfo style)", show_zoneinfo);

static int parse_order(const char *s, unsigned int *order)
{
	u32 v;

	if (parse_u32(s, &v))
		return shell_error("bad order '%s'", s);
	if (v >= MAX_ORDER)
		return shell_error("order %u is too large: orders are 0..%d", v, MAX_ORDER - 1);
	*order = v;
	return 0;
}

static void print_page(const char *what, struct page *page, unsigned int order)
{
	void *virt = page_address(page);
	char v[16] = "-";

	if (virt)
		snprintf(v, sizeof(v), "0x%08lx", (unsigned long)virt);
	printk("%s: page 0x%08lx pfn 0x%05lx phys 0x%08x virt %s order %u zone %s\n", what,
	       (unsigned long)page, page_to_pfn(page), page_to_phys(page), v, order,
	       page_zone(page)->name);
}

static int cmd_alloc_pages(int argc, char **argv)
{
	gfp_t gfp = GFP_KERNEL;
	struct page *page;
	unsigned int order;

	if (parse_order(argv[1], &order))
		return -1;
	if (argc > 2 && shell_parse_gfp(argv[2], &gfp))
		return -1;
	if (shell_table_is_full(&blocks))
		return shell_error("the shell's table of %d blocks is full: free some first",
				   SHELL_MAX_BLOCKS);
	page = alloc_pages(gfp, order);
	if (!page)
		return shell_alloc_failed("alloc_pages(order %u) failed", order);
	shell_table_add(&blocks, page_to_pfn(page), order);
	print_page("allocated", page, order);
	return 0;
}
SHELL_CMD(alloc_pages, "<order> [gfp]", "allocate 2^order pages (default GFP_KERNEL)", 1, 2,
	  cmd_alloc_pages);

/* The shell's block that contains @pfn, or NULL. */
static struct shell_table_entry *block_containing(unsigned long pfn)
{
	struct shell_table_entry *b;

	shell_table_for_each(b, &blocks)
		if (pfn >= b->key && pfn - b->key < (1UL << b->value))
			return b;
	return NULL;
}

static bool describe_block(const struct shell_ref *ref, char *buf, unsigned int len)
{
	struct shell_table_entry *b;

	if (ref->pfn == SHELL_NO_PFN || !(b = block_containing(ref->pfn)))
		return false;
	snprintf(buf, len,
		 "the order-%lu block at pfn 0x%lx from alloc_pages (free_pages frees it)",
		 b->value, b->key);
	return true;
}
SHELL_KEEPER(describe_block);

/* The shell's kmap of a page in [pfn, pfn + 2^order), or NULL. */
static struct shell_table_entry *kmap_within(unsigned long pfn, unsigned int order)
{
	struct shell_table_entry *k;

	shell_table_for_each(k, &kmaps)
		if (k->key >= pfn && k->key - pfn < (1UL << order))
			return k;
	return NULL;
}

/**
 * shell_pages_kmapped - whether the shell holds a kmap of a page of a block
 * @pfn: first page of the block
 * @order: its order
 *
 * Return: true when some page in [@pfn, @pfn + 2^@order) is kmapped by the shell.
 */
bool shell_pages_kmapped(unsigned long pfn, unsigned int order)
{
	return kmap_within(pfn, order) != NULL;
}

static int cmd_free_pages(int argc, char **argv)
{
	struct shell_table_entry *block;
	unsigned int order;
	unsigned long pfn;
	struct page *page;

	if (shell_parse_pfn(argv[1], &pfn) || parse_order(argv[2], &order))
		return -1;
	block = shell_table_find(&blocks, pfn);
	if (!block) {
		struct shell_ref ref = shell_ref_pfn(pfn);

		if (shell_refuse_foreign(&ref, describe_block, "free_pages"))
			return -1;
		return shell_error("pfn 0x%lx was not allocated by alloc_pages here (double free?)",
				   pfn);
	}
	if (kmap_within(pfn, (unsigned int)block->value))
		return shell_error("pfn 0x%lx of the block is still kmapped: kunmap it first; not "
				   "freed",
				   kmap_within(pfn, (unsigned int)block->value)->key);
	page = pfn_to_page(pfn);
	if (order != block->value) {
		__free_pages(page, order); /* the allocator must detect and refuse this */
		return shell_error("pfn 0x%lx was allocated with order %u, not %u; not freed", pfn,
				   (unsigned int)block->value, order);
	}
	__free_pages(page, order);
	shell_table_remove(&blocks, block);
	printk("freed: pfn 0x%05lx order %u\n", pfn, order);
	return 0;
}
SHELL_CMD(free_pages, "<addr|pfn> <order>", "free a block from alloc_pages", 2, 2, cmd_free_pages);

static int cmd_kmap(int argc, char **argv)
{
	struct shell_ref ref;
	unsigned long pfn;
	char what[96];
	void *v;

	if (shell_parse_pfn(argv[1], &pfn))
		return -1;
	ref = shell_ref_pfn(pfn);
	if (!block_containing(pfn) && !shell_ref_held(&ref, what, sizeof(what)))
		return shell_error("pfn 0x%lx is not allocated by the shell: kmap only pages it "
				   "holds (alloc_pages)",
				   pfn);
	if (shell_table_is_full(&kmaps))
		return shell_error("the shell holds %d kmaps already: kunmap some",
				   SHELL_MAX_KMAPS);
	v = kmap(pfn_to_page(pfn));
	if (!v)
		return shell_alloc_failed("kmap of pfn 0x%lx failed", pfn);
	shell_table_add(&kmaps, pfn, 0);
	printk("kmap: pfn 0x%05lx -> 0x%08lx%s\n", pfn, (unsigned long)v,
	       PageHighMem(pfn_to_page(pfn)) ? " (PKMAP)" : " (low memory: direct map)");
	return 0;
}
SHELL_CMD(kmap, "<pfn>", "map a page (highmem through a PKMAP slot)", 1, 1, cmd_kmap);

static int cmd_kunmap(int argc, char **argv)
{
	struct shell_table_entry *kmapped;
	unsigned long pfn;

	if (shell_parse_pfn(argv[1], &pfn))
		return -1;
	kmapped = shell_table_find(&kmaps, pfn);
	if (!kmapped)
		return shell_error("pfn 0x%lx is not kmapped by the shell", pfn);
	kunmap(pfn_to_page(pfn));
	shell_table_remove(&kmaps, kmapped);
	printk("kunmap: pfn 0x%05lx\n", pfn);
	return 0;
}
SHELL_CMD(kunmap, "<pfn>", "undo a kmap from the shell", 1, 1, cmd_kunmap);

static int cmd_gfp(int argc, char **argv)
{
	static const char *const zonelist_text[] = {
		"DMA",
		"Normal, DMA",
		"HighMem, Normal, DMA",
	};
	char buf[160];
	gfp_t gfp;
	int first;

	if (shell_parse_gfp(argv[1], &gfp))
		return -1;
	first = (gfp & __GFP_DMA) ? ZONE_DMA : (gfp & __GFP_HIGHMEM) ? ZONE_HIGHMEM : ZONE_NORMAL;
	printk("gfp 0x%05x = %s\n", gfp, gfp_format(gfp, buf, sizeof(buf)));
	printk("  zones (fallback order): %s\n", zonelist_text[first]);
	printk("  may sleep: %s\n",
	       (gfp & __GFP_WAIT)
		       ? "yes (direct reclaim, waits for memory; not from atomic context)"
		       : "no (atomic)");
	if (gfp & __GFP_WAIT)
		printk("  reclaim may do: %s%s\n", (gfp & __GFP_IO) ? "I/O" : "no I/O",
		       (gfp & __GFP_FS) ? ", filesystem calls" : ", no filesystem calls");
	printk("  reserves: %s\n", (gfp & __GFP_HIGH)
					   ? "may dip below the min watermark (emergency reserve)"
					   : "none: stops at the min watermark");
	printk("  retry: %s\n", (gfp & __GFP_NOFAIL)	? "never fails (__GFP_NOFAIL)"
				: (gfp & __GFP_NORETRY) ? "one reclaim attempt (__GFP_NORETRY)"
				: (gfp & __GFP_REPEAT)
					? "retries harder, may still fail (__GFP_REPEAT)"
				: (gfp & __GFP_WAIT) ? "default"
						     : "none (cannot sleep)");
	printk("  zeroed: %s; failure report: %s; cache-%s page\n",
	       (gfp & __GFP_ZERO) ? "yes" : "no", (gfp & __GFP_NOWARN) ? "suppressed" : "printed",
	       (gfp & __GFP_COLD) ? "cold" : "hot");
	return 0;
}
SHELL_CMD(gfp, "<flags>", "decode a GFP mask: zones, may-sleep, reserves, retries", 1, 1, cmd_gfp);
