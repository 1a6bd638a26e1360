/*
 * KTAP suite "vmalloc": the vmalloc area through the MMU: mappings, guard pages,
 * highmem pages, refusals, vmap, ioremap attributes and large pages, L2 table freeing.
 */
#include <asm/io.h>
#include <asm/mmu.h>
#include <asm/traps.h>
#include <kernel/board.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/ktap.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/pgtable.h>
#include <mm/vmalloc.h>
#include <string.h>

static unsigned long free_pages_now(void)
{
	unsigned long sum = 0;
	unsigned int z;

	drop_slab();
	drain_all_pages();
	for (z = 0; z < MAX_NR_ZONES; z++)
		sum += contig_page_data.node_zones[z].free_pages;
	return sum;
}

/* Cleanup actions; each copes with NULL. */
static void vfree_action(void *v)
{
	vfree(v);
}

static void iounmap_action(void *v)
{
	if (v)
		iounmap((void __iomem *)v);
}

static struct page *vmap_pages[4];

static void free_vmap_pages(void *arg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmap_pages); i++) {
		if (vmap_pages[i])
			__free_pages(vmap_pages[i], 0);
		vmap_pages[i] = NULL;
	}
}

static void vunmap_action(void *v)
{
	if (v)
		vunmap(v);
}

static void mapping_is_visible_through_the_mmu(struct ktap_test *t)
{
	unsigned int i, n = 16;
	u32 *v = vmalloc(n * PAGE_SIZE);
	struct pt_walk w;

	ktap_add_action(t, vfree_action, v);
	KTAP_ASSERT_TRUE(t, v && is_vmalloc_addr(v));
	for (i = 0; i < n; i++)
		v[i * 1024] = 0xc0de0000 + i;
	for (i = 0; i < n; i++) {
		struct page *p = vmalloc_to_page(v + i * 1024);
		u32 *alias;

		KTAP_ASSERT_TRUE(t, p);
		KTAP_EXPECT_TRUE(t, pt_walk(swapper_pg_dir, (unsigned long)(v + i * 1024), &w));
		KTAP_EXPECT_EQ(t, w.phys, page_to_phys(p));
		KTAP_EXPECT_TRUE(t, w.leaf->attrs.xn && !w.leaf->attrs.ro);
		alias = kmap_atomic(p); /* the same frame through another mapping */
		KTAP_EXPECT_EQ(t, alias[0], 0xc0de0000 + i);
		kunmap_atomic(alias);
	}
}

static int touch(void *addr)
{
	return *(volatile int *)addr;
}

static void guard_page_after_an_area_faults(struct ktap_test *t)
{
	char *v = vmalloc(PAGE_SIZE);
	struct fault_record rec;

	ktap_add_action(t, vfree_action, v);
	KTAP_ASSERT_TRUE(t, v);
	KTAP_EXPECT_EQ(t, catch_faults_quiet(touch, v, NULL, &rec), 0);
	KTAP_EXPECT_EQ(t, catch_faults_quiet(touch, v + PAGE_SIZE, NULL, &rec), 1);
	KTAP_EXPECT_EQ(t, rec.kind, FAULT_DATA_ABORT);
	KTAP_EXPECT_EQ(t, rec.addr, (unsigned long)(v + PAGE_SIZE));
	ktap_release_action(t, vfree_action, v);
	/* After vfree the area itself is gone too. */
	KTAP_EXPECT_EQ(t, catch_faults_quiet(touch, v, NULL, &rec), 1);
}

static void pages_come_from_highmem_first(struct ktap_test *t)
{
	u32 *v = vmalloc(64 * PAGE_SIZE);
	/* Without a HighMem zone (LOWMEM_MB = RAM_MB) the pages fall back to Normal. */
	enum zone_type first = totalhigh_pages ? ZONE_HIGHMEM : ZONE_NORMAL;
	unsigned int i, in_first = 0;

	ktap_add_action(t, vfree_action, v);
	KTAP_ASSERT_TRUE(t, v);
	for (i = 0; i < 64; i++)
		in_first += page_zonenum(vmalloc_to_page(v + i * 1024)) == first;
	KTAP_EXPECT_EQ(t, in_first, 64);
}

static void bad_vfree_and_atomic_vmalloc_are_refused(struct ktap_test *t)
{
	char *v = vmalloc(2 * PAGE_SIZE);
	unsigned long flags;
	void *p;

	ktap_add_action(t, vfree_action, v);
	KTAP_ASSERT_TRUE(t, v);
	ktap_expect_report(t, "vfree: bad address 0x%08lx, not the start of an area",
			   (unsigned long)(v + PAGE_SIZE));
	vfree(v + PAGE_SIZE); /* not the start: reported, ignored */
	KTAP_EXPECT_TRUE(t, find_vm_area(v) != NULL);
	v[0] = 1; /* still mapped */
	ktap_expect_report(t, "BUG: sleeping function called from invalid context "
			      "(vmalloc with interrupts disabled)");
	local_irq_save(flags);
	p = vmalloc(PAGE_SIZE); /* BUG: sleeping function called from invalid context */
	local_irq_restore(flags);
	ktap_add_action(t, vfree_action, p);
	KTAP_EXPECT_TRUE(t, p == NULL);
	ktap_release_action(t, vfree_action, v);
	KTAP_EXPECT_TRUE(t, find_vm_area(v) == NULL);
}

static void failure_half_way_gives_everything_back(struct ktap_test *t)
{
	unsigned long before = free_pages_now(), l2 = kernel_l2_pages();
	void *v =
		__vmalloc((RAM_MB + 16) * SZ_1M,
			  GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN | __GFP_NORETRY, &PAGE_KERNEL);

	ktap_add_action(t, vfree_action, v);
	KTAP_EXPECT_TRUE(t, v == NULL);
	KTAP_EXPECT_EQ(t, free_pages_now(), before);
	KTAP_EXPECT_EQ(t, kernel_l2_pages(), l2);
}

static void vmap_makes_scattered_pages_contiguous(struct ktap_test *t)
{
	struct page **pages = vmap_pages;
	unsigned int i;
	u32 *v;

	memset(vmap_pages, 0, sizeof(vmap_pages));
	ktap_add_action(t, free_vmap_pages, NULL);
	for (i = 0; i < 4; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		KTAP_ASSERT_TRUE(t, pages[i]);
	}
	v = vmap(pages, 4, 0, &PAGE_KERNEL);
	KTAP_ASSERT_TRUE(t, v);
	ktap_add_action(t, vunmap_action, v);
	for (i = 0; i < 4; i++) {
		v[i * 1024] = i + 1;
		KTAP_EXPECT_TRUE(t, vmalloc_to_page(v + i * 1024) == pages[i]);
	}
	ktap_release_action(t, vunmap_action, v);
	KTAP_EXPECT_TRUE(t, find_vm_area(v) == NULL);
}

static void ioremap_is_device_xn_with_large_pages(struct ktap_test *t)
{
	/* Just past the end of RAM: not memory, so ioremap accepts it; never accessed. */
	phys_addr_t phys = board_info.ram_base + board_info.ram_size;
	void __iomem *v = ioremap(phys, 128 * 1024);
	struct pt_walk w;
	void __iomem *ram;

	ktap_add_action(t, iounmap_action, (void *)v);
	KTAP_ASSERT_TRUE(t, v);
	KTAP_EXPECT_TRUE(t, pt_walk(swapper_pg_dir, (unsigned long)v, &w));
	KTAP_EXPECT_EQ(t, w.phys, phys);
	KTAP_EXPECT_EQ(t, w.leaf->attrs.type, MT_DEVICE);
	KTAP_EXPECT_TRUE(t, w.leaf->attrs.xn);
	KTAP_EXPECT_EQ(t, w.leaf->kind, DESC_LARGE);
	KTAP_EXPECT_TRUE(t, pt_walk(swapper_pg_dir, (unsigned long)v + 0x1ffff, &w));
	KTAP_EXPECT_EQ(t, w.phys, phys + 0x1ffff);
	ktap_release_action(t, iounmap_action, (void *)v);
	KTAP_EXPECT_TRUE(t, !pt_walk(swapper_pg_dir, (unsigned long)v, &w));
	ktap_expect_report(t, "ioremap: refusing to map RAM at 0x%08lx",
			   (unsigned long)board_info.ram_base);
	ram = ioremap(board_info.ram_base, PAGE_SIZE);
	ktap_add_action(t, iounmap_action, (void *)ram);
	KTAP_EXPECT_TRUE(t, ram == NULL); /* RAM refused */
}

static void empty_l2_tables_are_freed(struct ktap_test *t)
{
	unsigned long l2, before;
	void *v;

	/* Warm up: the slab keeps a free slab for the page array, the node pool a page. */
	vfree(vmalloc(8 * SZ_1M));
	l2 = kernel_l2_pages();
	before = free_pages_now();
	v = vmalloc(8 * SZ_1M);

	ktap_add_action(t, vfree_action, v);
	KTAP_ASSERT_TRUE(t, v);
	KTAP_EXPECT_TRUE(t, kernel_l2_pages() >= l2 + 2);
	ktap_release_action(t, vfree_action, v);
	KTAP_EXPECT_EQ(t, kernel_l2_pages(), l2);
	KTAP_EXPECT_EQ(t, free_pages_now(), before);
}

static const struct ktap_case vmalloc_cases[] = {
	KTAP_CASE(mapping_is_visible_through_the_mmu),
	KTAP_CASE(guard_page_after_an_area_faults),
	KTAP_CASE(pages_come_from_highmem_first),
	KTAP_CASE(bad_vfree_and_atomic_vmalloc_are_refused),
	KTAP_CASE(failure_half_way_gives_everything_back),
	KTAP_CASE(vmap_makes_scattered_pages_contiguous),
	KTAP_CASE(ioremap_is_device_xn_with_large_pages),
	KTAP_CASE(empty_l2_tables_are_freed),
};
KTAP_SUITE(vmalloc, vmalloc_cases);
