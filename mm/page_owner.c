/*
 * page_owner (Linux's mm/page_owner.c and Documentation/mm/page_owner.rst): for every
 * allocated block, the order, GFP mask, task, time and the allocation's call stack,
 * printed in the format of /sys/kernel/debug/page_owner so that Linux's
 * tools/mm/page_owner_sort reads it unchanged. The stack is walked by frame pointers
 * (arch/arm/kernel/stacktrace.c). One record per page frame, in a table reserved from
 * memblock at boot; only the head page of a block is written and read.
 *
 * Only in `make PAGE_OWNER=1` builds (Makefile, scripts/check-config.sh).
 */
#include <mm/page_owner.h>

#ifdef CONFIG_PAGE_OWNER
#include <asm/irqflags.h>
#include <asm/stacktrace.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <stdio.h>
#include <string.h>

#define PAGE_OWNER_STACK_DEPTH 8

struct page_owner {
	u64 ts_nsec;
	gfp_t gfp_mask;
	short pid;
	unsigned char order;
	unsigned char nr_entries; /* 0: no allocated block starts here */
	unsigned long entries[PAGE_OWNER_STACK_DEPTH];
	char comm[TASK_COMM_LEN];
};

static struct page_owner *page_owner_table;

static inline struct page_owner *get_page_owner(struct page *page)
{
	return &page_owner_table[page_to_pfn(page) - ARCH_PFN_OFFSET];
}

/**
 * page_owner_init - reserve the page_owner table from memblock
 *
 * Called by mem_init() once the page frames are known and before memblock_free_all().
 * Without memory for it, page_owner stays off and says so.
 */
void page_owner_init(void)
{
	unsigned long nr = max_pfn - ARCH_PFN_OFFSET;

	page_owner_table = memblock_alloc(nr * sizeof(struct page_owner), sizeof(long));
	if (!page_owner_table) {
		pr_err("page_owner: no memory for %lu records, disabled\n", nr);
		return;
	}
	pr_info("page_owner: on, %luK for %lu records\n", (nr * sizeof(struct page_owner)) >> 10,
		nr);
}

/**
 * __set_page_owner - record who allocated a block
 * @page: its first page
 * @order: its order
 * @gfp: the mask it was allocated with
 */
void __set_page_owner(struct page *page, unsigned int order, gfp_t gfp)
{
	struct page_owner *po;
	unsigned long entries[PAGE_OWNER_STACK_DEPTH];
	unsigned int n, i;

	if (!page_owner_table)
		return;
	/* From the caller of __set_page_owner() on. */
	n = stack_trace_save(entries, PAGE_OWNER_STACK_DEPTH, 1);
	po = get_page_owner(page);
	po->ts_nsec = local_clock();
	po->gfp_mask = gfp;
	po->order = (unsigned char)order;
	po->pid = current ? (short)current->pid : 0;
	strncpy(po->comm, current ? current->comm : "swapper", sizeof(po->comm) - 1);
	po->comm[sizeof(po->comm) - 1] = '\0';
	for (i = 0; i < n; i++)
		po->entries[i] = entries[i];
	po->nr_entries = (unsigned char)(n ? n : 1);
	if (!n)
		po->entries[0] = 0;
}

/**
 * __reset_page_owner - forget the owner of a freed block
 * @page: its first page
 * @order: its order
 */
void __reset_page_owner(struct page *page, unsigned int order)
{
	if (page_owner_table)
		get_page_owner(page)->nr_entries = 0;
}

/* Still allocated: the head of a block in use, with the order it was recorded with. */
static bool block_allocated(struct page *page, const struct page_owner *po)
{
	return po->nr_entries && PageHead(page) && !PageBuddy(page) && page->private == po->order;
}

/* A nanosecond count in decimal (the C library's printf has no %llu here). */
static void format_ns(u64 ns, char *buf, size_t len)
{
	unsigned long sec = (unsigned long)(ns / 1000000000ULL);
	unsigned long rem = (unsigned long)(ns % 1000000000ULL);

	if (sec)
		snprintf(buf, len, "%lu%09lu", sec, rem);
	else
		snprintf(buf, len, "%lu", rem);
}

/**
 * show_page_owner - print the record of every allocated block
 *
 * The format of Linux's /sys/kernel/debug/page_owner: a header line, the PFN line, one
 * line per stack entry, a blank line.
 * Return: the number of blocks printed.
 */
unsigned long show_page_owner(void)
{
	unsigned long pfn, printed = 0, flags;
	char gfp[96], ts[24];

	if (!page_owner_table) {
		pr_err("page_owner: no table\n");
		return 0;
	}
	for (pfn = ARCH_PFN_OFFSET; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);
		struct page_owner po;
		unsigned int i;

		local_irq_save(flags);
		po = *get_page_owner(page);
		if (!block_allocated(page, &po))
			po.nr_entries = 0;
		local_irq_restore(flags);
		if (!po.nr_entries)
			continue;
		gfp_format(po.gfp_mask, gfp, sizeof(gfp));
		format_ns(po.ts_nsec, ts, sizeof(ts));
		printk("Page allocated via order %u, mask %#x(%s), pid %d, tgid %d (%s), ts %s "
		       "ns\n",
		       po.order, (unsigned int)po.gfp_mask, gfp, po.pid, po.pid, po.comm, ts);
		printk("PFN 0x%lx type Unmovable Block %lu type Unmovable Flags %#lx(head)\n", pfn,
		       pfn >> (MAX_ORDER - 1), page->flags);
		for (i = 0; i < po.nr_entries; i++)
			printk(" %pS\n", (void *)po.entries[i]);
		printk("\n");
		printed++;
	}
	return printed;
}

#endif /* CONFIG_PAGE_OWNER */
