/*
 * Mapping and unmapping runs of pages in the kernel's vmalloc area (see <mm/pgtable.h>).
 * Invariant: l2_used[mb] counts the valid entries of the second-level table of that
 * megabyte; a page of four tables is freed when the four counts are zero.
 *
 * No lock: every caller (vmalloc, vmap, ioremap, DMA remaps) runs in process context,
 * which these functions check, and the firmware has no preemption; interrupt handlers
 * never touch this area (kmap uses PKMAP/FIXMAP). Table pages are allocated with the
 * caller's gfp, so an allocation here may sleep like the caller may.
 */
#include <asm/cacheflush.h>
#include <errno.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/preempt.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <string.h>

#define TABLES_PER_PAGE	    (PAGE_SIZE / L2_TABLE_SIZE)
#define LARGE_PAGE_SIZE	    SZ_64K
#define TLB_FLUSH_ALL_PAGES 32 /* beyond this, one full flush is cheaper than per-page */

const struct pt_attrs PAGE_KERNEL = { .type = MT_NORMAL, .xn = true };
const struct pt_attrs PAGE_KERNEL_RO = { .type = MT_NORMAL, .ro = true, .xn = true };
const struct pt_attrs PAGE_KERNEL_EXEC = { .type = MT_NORMAL };
const struct pt_attrs PAGE_KERNEL_NC = { .type = MT_NORMAL_NC, .xn = true };
const struct pt_attrs PAGE_DEVICE = { .type = MT_DEVICE, .xn = true };
const struct pt_attrs PAGE_STRONGLY_ORDERED = { .type = MT_STRONGLY_ORDERED, .xn = true };

static u16 l2_used[VMALLOC_MAX_SIZE >> SECTION_SHIFT];
static unsigned long nr_l2_pages;

/**
 * kernel_pgtable_init - start the vmalloc area's second-level tables empty
 *
 * Called by vmalloc_init(). Checks that the area starts on a 4 MB boundary (a page of
 * four L2 tables covers it) and fits the table counts, then forgets any count left by an
 * earlier boot of the host harness; on the target the counts are already zero.
 */
void kernel_pgtable_init(void)
{
	/* A page of tables covers four MB from a 4 MB boundary (constant on the target). */
	BUG_ON(!IS_ALIGNED(VMALLOC_START, TABLES_PER_PAGE * SECTION_SIZE));
	BUG_ON(VMALLOC_END - VMALLOC_START > VMALLOC_MAX_SIZE);
	/* A count is non-zero only under a live table page: at the first boot, nothing to do. */
	if (nr_l2_pages) {
		memset(l2_used, 0, sizeof(l2_used));
		nr_l2_pages = 0;
	}
}

static inline bool in_vmalloc_area(unsigned long va, unsigned long size)
{
	return va >= VMALLOC_START && size <= VMALLOC_END - va;
}

static inline unsigned int mb_slot(unsigned long va)
{
	return (unsigned int)((va - VMALLOC_START) >> SECTION_SHIFT);
}

static inline pte_t *pte_lookup(unsigned long va)
{
	pmd_t d = swapper_pg_dir[pmd_index(va)];

	if ((d & PMD_TYPE_MASK) != PMD_TYPE_TABLE)
		return NULL;
	return (pte_t *)__va(d & PMD_TABLE_BASE_MASK) + pte_index(va);
}

/* The slot for @va, allocating the page of four tables around it if needed. */
static pte_t *pte_alloc(unsigned long va, gfp_t gfp)
{
	unsigned int first = pmd_index(va) & ~(TABLES_PER_PAGE - 1), i;
	struct page *page;
	u8 *tables;
	pte_t *pte = pte_lookup(va);

	if (pte)
		return pte;
	page = alloc_page((gfp & ~__GFP_HIGHMEM) | __GFP_ZERO);
	if (!page)
		return NULL;
	tables = page_address(page);
	/* The walker reads memory: the zeroed tables must be there before it is told. */
	dmac_clean_range((unsigned long)tables, (unsigned long)tables + PAGE_SIZE);
	for (i = 0; i < TABLES_PER_PAGE; i++) {
		BUG_ON(swapper_pg_dir[first + i] != 0);
		set_pmd(&swapper_pg_dir[first + i], mk_pmd_table(__pa(tables + i * L2_TABLE_SIZE)));
	}
	nr_l2_pages++;
	return pte_lookup(va);
}

/* Free the page of tables holding @va's table once all four are empty. */
static void pte_free_if_empty(unsigned long va)
{
	unsigned int first_slot = mb_slot(va) & ~(TABLES_PER_PAGE - 1), i;
	unsigned int first = pmd_index(va) & ~(TABLES_PER_PAGE - 1);
	pmd_t d = swapper_pg_dir[first];

	if ((d & PMD_TYPE_MASK) != PMD_TYPE_TABLE)
		return;
	for (i = 0; i < TABLES_PER_PAGE; i++)
		if (l2_used[first_slot + i])
			return;
	for (i = 0; i < TABLES_PER_PAGE; i++)
		set_pmd(&swapper_pg_dir[first + i], 0);
	local_flush_tlb_all(); /* the walker may have cached the table pointers */
	__free_pages(virt_to_page(__va(d & PMD_TABLE_BASE_MASK)), 0);
	nr_l2_pages--;
}

/* Pages from @va to the end of its megabyte (its second-level table), at most @n. */
static inline unsigned long pages_in_table(unsigned long va, unsigned long n)
{
	unsigned long left = (SECTION_SIZE - (va & (SECTION_SIZE - 1))) >> PAGE_SHIFT;

	return min(n, left);
}

/* Clear @n entries from @va (already unmapped from the caller's view). */
static void clear_ptes(unsigned long va, unsigned long n)
{
	unsigned long i, j, k, a;
	bool emptied = false;

	/* Table by table: the entries, then one clean of the lines they occupy. */
	for (i = 0; i < n; i += k) {
		pte_t *pte;

		a = va + i * PAGE_SIZE;
		k = pages_in_table(a, n - i);
		pte = pte_lookup(a);
		for (j = 0; j < k; j++)
			__set_pte_nosync(&pte[j], 0);
		sync_ptes(pte, (unsigned int)k);
		l2_used[mb_slot(a)] -= k;
		emptied |= !l2_used[mb_slot(a)];
	}
	if (n > TLB_FLUSH_ALL_PAGES) {
		local_flush_tlb_all();
	} else {
		for (i = 0; i < n; i++)
			local_flush_tlb_kernel_page(va + i * PAGE_SIZE);
	}
	if (!emptied)
		return; /* every table still in use keeps its page */
	for (a = ALIGN_DOWN(va, SECTION_SIZE); a < va + n * PAGE_SIZE; a += SECTION_SIZE)
		if (!l2_used[mb_slot(a)]) /* a table still in use keeps its page */
			pte_free_if_empty(a);
}

/* Install one descriptor, or 16 copies of a large-page one (the ARM ARM requires all 16). */
static int set_one(unsigned long va, pte_t desc, unsigned int copies, gfp_t gfp)
{
	unsigned int i;
	pte_t *pte = pte_alloc(va, gfp);

	if (!pte)
		return -ENOMEM;
	for (i = 0; i < copies; i++)
		if (pte[i])
			return -EBUSY;
	for (i = 0; i < copies; i++)
		set_pte(&pte[i], desc);
	l2_used[mb_slot(va)] += copies;
	return 0;
}

/*
 * mk_pte_small(0, @a): the attribute bits of a small-page descriptor, remembered for the
 * last attributes asked (vmalloc asks for PAGE_KERNEL every time). Compared by value, so
 * a caller's own struct pt_attrs is safe; no lock, as for the tables (see above).
 */
static pte_t small_prot(const struct pt_attrs *a)
{
	static struct pt_attrs last;
	static pte_t last_prot;	  /* 0 until the first call: a descriptor is never 0 */
	static pte_t kernel_prot; /* PAGE_KERNEL's, constant: compared by address */

	if (a == &PAGE_KERNEL) {
		if (unlikely(!kernel_prot))
			kernel_prot = mk_pte_small(0, a);
		return kernel_prot;
	}
	if (!last_prot || a->type != last.type || a->ro != last.ro || a->xn != last.xn ||
	    a->user != last.user) {
		last_prot = mk_pte_small(0, a);
		last = *a;
	}
	return last_prot;
}

static __noinline int report_bad_range(unsigned long va, unsigned long size)
{
	if (in_interrupt())
		pr_err("pgtable: vmalloc-area mapping change from interrupt context\n");
	else
		pr_err("pgtable: bad kernel range 0x%08lx+0x%lx (outside the vmalloc area or "
		       "not page aligned)\n",
		       va, size);
	return -EINVAL;
}

/* Inline: every map and unmap passes here; the report is out of line. */
static __always_inline int check_range(unsigned long va, unsigned long size)
{
	if (unlikely(in_interrupt() || !size || !IS_ALIGNED(va | size, PAGE_SIZE) ||
		     !in_vmalloc_area(va, size)))
		return report_bad_range(va, size);
	return 0;
}

/**
 * map_kernel_pages - map pages one after another at @va in the kernel's tables
 * @va: page-aligned start in the vmalloc area
 * @pages: the pages, highmem allowed
 * @nr: how many
 * @a: attributes of the mapping
 * @gfp: GFP mask for any L2 table that has to be allocated
 *
 * Return: 0, or a negative errno (bad range, no memory for a table) with nothing of the
 * range left mapped.
 */
int map_kernel_pages(unsigned long va, struct page **pages, unsigned int nr,
		     const struct pt_attrs *a, gfp_t gfp)
{
	/*
	 * The attribute bits once per call: a small-page descriptor is the page's physical
	 * address ORed with bits that do not depend on it (<asm/pgtable.h>).
	 */
	const pte_t prot = small_prot(a);
	unsigned long i, j, k, v;
	int err = check_range(va, (unsigned long)nr << PAGE_SHIFT);

	if (err)
		return err;
	/* Table by table: check every slot is free, write them, one clean of their lines. */
	for (i = 0; i < nr; i += k) {
		pte_t *pte;

		v = va + i * PAGE_SIZE;
		k = pages_in_table(v, nr - i);
		pte = pte_lookup(v); /* the table is usually there: no call */
		if (unlikely(!pte))
			pte = pte_alloc(v, gfp);
		err = pte ? 0 : -ENOMEM;
		for (j = 0; !err && j < k; j++)
			if (pte[j])
				err = -EBUSY;
		if (err) {
			if (i)
				clear_ptes(va, i);
			pte_free_if_empty(v); /* a table made for nothing */
			break;
		}
		for (j = 0; j < k; j++)
			__set_pte_nosync(&pte[j], prot | (pte_t)page_to_phys(pages[i + j]));
		sync_ptes(pte, (unsigned int)k);
		l2_used[mb_slot(v)] += k;
	}
	return err;
}

/**
 * map_kernel_phys - map a physically contiguous run at @va
 * @va: page-aligned start in the vmalloc area
 * @phys: page-aligned physical start
 * @size: bytes, a multiple of PAGE_SIZE
 * @a: attributes of the mapping
 * @gfp: GFP mask for any L2 table that has to be allocated
 *
 * Uses 64 KB large pages where @va and @phys allow.
 *
 * Return: 0, or a negative errno (bad range, no memory for a table).
 */
int map_kernel_phys(unsigned long va, phys_addr_t phys, unsigned long size,
		    const struct pt_attrs *a, gfp_t gfp)
{
	unsigned long done = 0;
	int err = check_range(va, size);

	if (err)
		return err;
	if (phys & (PAGE_SIZE - 1))
		return -EINVAL;
	while (done < size) {
		unsigned long v = va + done, step = PAGE_SIZE;
		phys_addr_t p = phys + done;

		if (IS_ALIGNED(v | p, LARGE_PAGE_SIZE) && size - done >= LARGE_PAGE_SIZE) {
			step = LARGE_PAGE_SIZE;
			err = set_one(v, mk_pte_large(p, a), LARGE_PAGE_SIZE / PAGE_SIZE, gfp);
		} else {
			err = set_one(v, mk_pte_small(p, a), 1, gfp);
		}
		if (err) {
			if (done)
				clear_ptes(va, done >> PAGE_SHIFT);
			pte_free_if_empty(v);
			break;
		}
		done += step;
	}
	return err;
}

/**
 * unmap_kernel_range - remove the kernel mappings of a range
 * @va: page-aligned start
 * @size: bytes
 *
 * On an aliasing D-cache the range's lines are written back first; then the PTEs are
 * cleared and their TLB entries invalidated.
 */
void unmap_kernel_range(unsigned long va, unsigned long size)
{
	if (check_range(va, size))
		return;
	/* A cache that aliases keeps lines by virtual index: write them back first. */
	if (cpu_dcache_is_aliasing())
		dmac_flush_range(va, va + size);
	clear_ptes(va, size >> PAGE_SHIFT);
}

/**
 * kernel_l2_pages - second-level tables in use for the vmalloc area
 *
 * Return: their number of pages (meminfo's PageTables).
 */
unsigned long kernel_l2_pages(void)
{
	return nr_l2_pages;
}
