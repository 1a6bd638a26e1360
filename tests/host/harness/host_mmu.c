/*
 * The fake MMU of the host tests: what <asm/mmu.h> and <asm/cacheflush.h> promise, done
 * on the arena so that the mm core's page-table code runs unchanged and can be checked.
 *
 * - Descriptors are written into the real tables (the first-level table and the L2
 *   tables are arena pages), so mm/pgtable.c's pt_walk() reads what the mm core wrote.
 * - A vmalloc-area entry is also applied to the host's view (host_mem_map_page()): a
 *   valid small or large page maps the page, anything else leaves a hole that faults.
 * - Every maintenance operation is logged with its range, for tests to check.
 * - A TLB model: the TLB may hold a page's translation from the moment a valid entry is
 *   written until that page (or the whole TLB) is flushed; changing or removing such an
 *   entry makes the page "stale" until the flush. Clearing a table entry of the first
 *   level makes the table-walk cache stale until a full flush. host_mmu_tlb_stale()
 *   counts both: a mapping change the mm core forgot to flush.
 * - An invalidate of a range that is not whole cache lines is an error (it would throw
 *   away the neighbours' data), as is an entry written outside every vmalloc-area table.
 */
#include <asm/cacheflush.h>
#include <asm/mmu.h>
#include <stdio.h>
#include <string.h>

#include "mm_host.h"

#define LOG_SIZE   65536
#define AREA_PAGES (VMALLOC_MAX_SIZE >> PAGE_SHIFT)

pmd_t *host_swapper_pg_dir;
bool host_dcache_aliasing;
unsigned long host_mmu_errors;

static struct host_mmu_event events[LOG_SIZE];
static size_t nr_events;
static unsigned char tlb_may_hold[AREA_PAGES], tlb_stale[AREA_PAGES];
static bool walk_cache_stale;

static void record(enum host_mmu_op op, unsigned long start, unsigned long end, u32 desc)
{
	if (nr_events < LOG_SIZE)
		events[nr_events++] = (struct host_mmu_event){ op, start, end, desc };
}

static void mmu_error(const char *fmt, unsigned long a, unsigned long b)
{
	fprintf(stderr, "host mmu: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	host_mmu_errors++;
}

void host_mmu_reset(void)
{
	nr_events = 0;
	memset(tlb_may_hold, 0, sizeof(tlb_may_hold));
	memset(tlb_stale, 0, sizeof(tlb_stale));
	walk_cache_stale = false;
	host_mmu_errors = 0;
	host_dcache_aliasing = false;
}

void host_mmu_log_clear(void)
{
	nr_events = 0;
}

size_t host_mmu_log(const struct host_mmu_event **ev)
{
	*ev = events;
	return nr_events;
}

long host_mmu_find(enum host_mmu_op op, unsigned long start, unsigned long end)
{
	size_t i;

	for (i = 0; i < nr_events; i++)
		if (events[i].op == op && events[i].start == start && events[i].end == end)
			return (long)i;
	return -1;
}

unsigned long host_mmu_log_count(enum host_mmu_op op)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < nr_events; i++)
		n += events[i].op == op;
	return n;
}

unsigned long host_mmu_tlb_stale(void)
{
	unsigned long i, n = walk_cache_stale;

	for (i = 0; i < AREA_PAGES; i++)
		n += tlb_stale[i];
	return n;
}

/* ---- <asm/cacheflush.h> ---- */

void dmac_clean_range(unsigned long start, unsigned long end)
{
	record(HOST_MMU_DCACHE_CLEAN, start, end, 0);
}

void dmac_inv_range(unsigned long start, unsigned long end)
{
	record(HOST_MMU_DCACHE_INV, start, end, 0);
	if ((start | end) & (L1_CACHE_BYTES - 1))
		mmu_error("dmac_inv_range(%#lx, %#lx) of partial cache lines", start, end);
}

void dmac_flush_range(unsigned long start, unsigned long end)
{
	record(HOST_MMU_DCACHE_FLUSH, start, end, 0);
}

/* ---- <asm/mmu.h> ---- */

void clean_dcache_line(const void *p)
{
	unsigned long line = (unsigned long)p & ~(unsigned long)(L1_CACHE_BYTES - 1);

	record(HOST_MMU_CLEAN_LINE, line, line + L1_CACHE_BYTES, 0);
}

void local_flush_tlb_all(void)
{
	record(HOST_MMU_TLB_FLUSH_ALL, 0, 0, 0);
	memset(tlb_may_hold, 0, sizeof(tlb_may_hold));
	memset(tlb_stale, 0, sizeof(tlb_stale));
	walk_cache_stale = false;
}

/* The vmalloc-area page index of @va, or -1. */
static long area_page(unsigned long va)
{
	if (va < VMALLOC_START || va - VMALLOC_START >= VMALLOC_MAX_SIZE)
		return -1;
	return (long)((va - VMALLOC_START) >> PAGE_SHIFT);
}

void local_flush_tlb_kernel_page(unsigned long va)
{
	long i = area_page(va & PAGE_MASK);

	record(HOST_MMU_TLB_FLUSH_PAGE, va & PAGE_MASK, (va & PAGE_MASK) + PAGE_SIZE, 0);
	if (i >= 0)
		tlb_may_hold[i] = tlb_stale[i] = 0;
}

void flush_cache_all(void)
{
	record(HOST_MMU_CACHE_FLUSH_ALL, 0, 0, 0);
}

void set_pmd(pmd_t *p, pmd_t v)
{
	pmd_t old = *p;

	*p = v;
	record(HOST_MMU_SET_PMD, (unsigned long)(p - swapper_pg_dir), 0, v);
	clean_dcache_line(p);
	if ((old & PMD_TYPE_MASK) == PMD_TYPE_TABLE && old != v)
		walk_cache_stale = true;
}

/* The host address @p maps: found through the vmalloc-area entries of the first level. */
static bool pte_vaddr(const pte_t *p, unsigned long *va)
{
	phys_addr_t table = __pa(p) & PMD_TABLE_BASE_MASK;
	unsigned long a;

	for (a = VMALLOC_START; a < VMALLOC_START + VMALLOC_MAX_SIZE; a += SECTION_SIZE) {
		pmd_t d = swapper_pg_dir[pmd_index(a)];

		if ((d & PMD_TYPE_MASK) == PMD_TYPE_TABLE && (d & PMD_TABLE_BASE_MASK) == table) {
			*va = a + (unsigned long)((p - (pte_t *)__va(table)) << PAGE_SHIFT);
			return true;
		}
	}
	return false;
}

/* Apply the entry to the host's view of @va. */
static void mirror(unsigned long va, pte_t v)
{
	struct desc_info d;
	phys_addr_t phys;

	decode_pte(v, &d);
	if (d.kind == DESC_SMALL || d.kind == DESC_LARGE) {
		phys = d.base;
		if (d.kind == DESC_LARGE)
			phys += host_arm_va(va) & 0xf000;
		host_mem_map_page(va, phys, !d.attrs.ro);
	} else {
		host_mem_unmap_page(va);
	}
}

/* Write @v at @p and apply it to the host's view; the line is left for the caller to clean. */
static void write_pte(pte_t *p, pte_t v)
{
	pte_t old = *p;
	unsigned long va;
	long i;

	*p = v;
	if (!pte_vaddr(p, &va)) {
		mmu_error("set_pte(%#lx, %#lx): not an entry of a vmalloc-area table",
			  (unsigned long)p, v);
		return;
	}
	record(HOST_MMU_SET_PTE, va, va + PAGE_SIZE, v);
	i = area_page(va);
	if ((old & PTE_TYPE_MASK) != PTE_TYPE_FAULT && old != v && tlb_may_hold[i])
		tlb_stale[i] = 1;
	if ((v & PTE_TYPE_MASK) != PTE_TYPE_FAULT)
		tlb_may_hold[i] = 1;
	mirror(va, v);
}

void set_pte(pte_t *p, pte_t v)
{
	write_pte(p, v);
	clean_dcache_line(p);
}

void __set_pte_nosync(pte_t *p, pte_t v)
{
	write_pte(p, v);
}

void sync_ptes(pte_t *p, unsigned int n)
{
	dmac_clean_range((unsigned long)p, (unsigned long)(p + n));
}
