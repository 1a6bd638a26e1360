/* KTAP suite "mmu": the permissions paging_init() promises, checked on the live tables. */
#include <asm/memory.h>
#include <asm/mmu.h>
#include <asm/traps.h>
#include <kernel/version.h>
#include <kernel/ktap.h>
#include <mm/kfence.h>
#include <mm/pgtable.h>
#include <string.h>

extern char stext[], __vectors_start[], __vectors_end[];
void start_kernel(void);

static u32 data_word = 0xe12fff1e; /* "bx lr", in .data: must not be executable */
static u32 bss_word;

static const struct desc_info *leaf(unsigned long va, struct pt_walk *w)
{
	return pt_walk(swapper_pg_dir, va, w) ? w->leaf : NULL;
}

static void text_is_readonly_executable(struct ktap_test *t)
{
	struct pt_walk w;
	const struct desc_info *d = leaf((unsigned long)start_kernel, &w);

	KTAP_ASSERT_TRUE(t, d);
	KTAP_EXPECT_TRUE(t, d->attrs.ro);
	KTAP_EXPECT_TRUE(t, !d->attrs.xn);
	KTAP_EXPECT_EQ(t, d->kind, DESC_SMALL);
	KTAP_EXPECT_EQ(t, w.phys, __pa(start_kernel));
	KTAP_EXPECT_EQ(t, d->attrs.type, MT_NORMAL);
}

static void kernel_entry_maps_to_text_offset(struct ktap_test *t)
{
	struct pt_walk w;

	KTAP_ASSERT_TRUE(t, leaf(PAGE_OFFSET + TEXT_OFFSET, &w));
	KTAP_EXPECT_EQ(t, w.phys, PHYS_OFFSET + TEXT_OFFSET);
	KTAP_EXPECT_TRUE(t, w.leaf->attrs.ro && !w.leaf->attrs.xn);
}

static void rodata_is_readonly_xn(struct ktap_test *t)
{
	struct pt_walk w;
	const struct desc_info *d = leaf((unsigned long)linux_banner, &w);

	KTAP_ASSERT_TRUE(t, d);
	KTAP_EXPECT_TRUE(t, d->attrs.ro);
	KTAP_EXPECT_TRUE(t, d->attrs.xn);
}

static void data_bss_stack_are_rw_xn(struct ktap_test *t)
{
	unsigned long addrs[] = { (unsigned long)&data_word, (unsigned long)&bss_word,
				  (unsigned long)&t };
	struct pt_walk w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(addrs); i++) {
		const struct desc_info *d = leaf(addrs[i], &w);

		KTAP_ASSERT_TRUE(t, d);
		KTAP_EXPECT_TRUE(t, !d->attrs.ro);
		KTAP_EXPECT_TRUE(t, d->attrs.xn);
	}
}

static void vectors_page_is_readonly_and_holds_vectors(struct ktap_test *t)
{
	struct pt_walk w;
	const struct desc_info *d = leaf(VECTORS_BASE, &w);

	KTAP_ASSERT_TRUE(t, d);
	KTAP_EXPECT_TRUE(t, d->attrs.ro);
	KTAP_EXPECT_TRUE(t, !d->attrs.xn);
	KTAP_EXPECT_TRUE(t, !memcmp((void *)VECTORS_BASE, __vectors_start,
				    (size_t)(__vectors_end - __vectors_start)));
}

static void null_page_is_unmapped(struct ktap_test *t)
{
	struct pt_walk w;

	KTAP_EXPECT_TRUE(t, !pt_walk(swapper_pg_dir, 0, &w));
	KTAP_EXPECT_TRUE(t, !pt_walk(swapper_pg_dir, 0xfff, &w));
}

static void identity_map_is_removed(struct ktap_test *t)
{
	struct pt_walk w;

	KTAP_EXPECT_TRUE(t, !pt_walk(swapper_pg_dir, __pa(stext), &w));
}

static void lowmem_is_sections_rw_xn_and_ends_at_lowmem_size(struct ktap_test *t)
{
	unsigned long last = PAGE_OFFSET + LOWMEM_SIZE - 1;
	struct pt_walk w;
	const struct desc_info *d = leaf(last, &w);

	/* The KFENCE pool's megabytes are pages (mm/kfence.c); a small RAM puts it here. */
	bool pool_mb =
		__kfence_pool && pmd_index(last) >= pmd_index((unsigned long)__kfence_pool) &&
		pmd_index(last) <= pmd_index((unsigned long)__kfence_pool + KFENCE_POOL_SIZE - 1);

	KTAP_ASSERT_TRUE(t, d);
	KTAP_EXPECT_EQ(t, d->kind, pool_mb ? DESC_SMALL : DESC_SECTION);
	KTAP_EXPECT_EQ(t, w.phys, PHYS_OFFSET + LOWMEM_SIZE - 1);
	KTAP_EXPECT_TRUE(t, !d->attrs.ro && d->attrs.xn);
	KTAP_EXPECT_TRUE(t, !pt_walk(swapper_pg_dir, last + 1, &w));
}

/* No mapping anywhere in the kernel's tables is both writable and executable. */
static void no_mapping_is_writable_and_executable(struct ktap_test *t)
{
	unsigned int i, j, leaves = 0;
	struct desc_info d1, d2;

	for (i = 0; i < PTRS_PER_PMD; i++) {
		decode_pmd(swapper_pg_dir[i], &d1);
		if (d1.kind == DESC_SECTION) {
			leaves++;
			if (!d1.attrs.ro && !d1.attrs.xn)
				ktap_fail(t, __FILE__, __LINE__, "W+X section at 0x%08x", i << 20);
		} else if (d1.kind == DESC_TABLE) {
			const pte_t *l2 = __va(d1.base);

			for (j = 0; j < PTRS_PER_PTE; j++) {
				decode_pte(l2[j], &d2);
				if (d2.kind == DESC_FAULT)
					continue;
				leaves++;
				if (!d2.attrs.ro && !d2.attrs.xn)
					ktap_fail(t, __FILE__, __LINE__, "W+X page at 0x%08x",
						  (i << 20) | (j << 12));
			}
		}
	}
	KTAP_EXPECT_TRUE(t, leaves > LOWMEM_MB);
}

static int write_text(void *arg)
{
	*(volatile u32 *)arg = 0;
	return 0;
}

static void write_to_text_is_a_permission_fault(struct ktap_test *t)
{
	struct fault_record rec;
	u32 before = *(u32 *)start_kernel;

	KTAP_ASSERT_TRUE(t, catch_faults_quiet(write_text, (void *)start_kernel, NULL, &rec) == 1);
	KTAP_EXPECT_EQ(t, rec.kind, FAULT_DATA_ABORT);
	KTAP_EXPECT_EQ(t, rec.addr, (unsigned long)start_kernel);
	KTAP_EXPECT_EQ(t, rec.fsr & 0x40f, 0x00f); /* permission fault, page */
	KTAP_EXPECT_TRUE(t, rec.fsr & (1 << 11));  /* on a write */
	KTAP_EXPECT_EQ(t, *(u32 *)start_kernel, before);
}

static int exec_data(void *arg)
{
	((void (*)(void))arg)();
	return 0;
}

static void executing_data_is_a_prefetch_abort(struct ktap_test *t)
{
	struct fault_record rec;

	KTAP_ASSERT_TRUE(t, catch_faults_quiet(exec_data, &data_word, NULL, &rec) == 1);
	KTAP_EXPECT_EQ(t, rec.kind, FAULT_PREFETCH_ABORT);
	KTAP_EXPECT_EQ(t, rec.addr, (unsigned long)&data_word);
	KTAP_EXPECT_EQ(t, rec.fsr & 0x40d, 0x00d); /* permission fault, section or page */
}

static void sctlr_has_mmu_caches_and_high_vectors(struct ktap_test *t)
{
	u32 sctlr = read_sctlr();

	KTAP_EXPECT_TRUE(t, sctlr & CR_M);
	KTAP_EXPECT_TRUE(t, sctlr & CR_C);
	KTAP_EXPECT_TRUE(t, sctlr & CR_I);
	KTAP_EXPECT_TRUE(t, sctlr & CR_Z);
	KTAP_EXPECT_TRUE(t, sctlr & CR_V);
	KTAP_EXPECT_TRUE(t, sctlr & CR_XP);
	KTAP_EXPECT_TRUE(t, !(sctlr & CR_A));
}

static const struct ktap_case mmu_cases[] = {
	KTAP_CASE(text_is_readonly_executable),
	KTAP_CASE(kernel_entry_maps_to_text_offset),
	KTAP_CASE(rodata_is_readonly_xn),
	KTAP_CASE(data_bss_stack_are_rw_xn),
	KTAP_CASE(vectors_page_is_readonly_and_holds_vectors),
	KTAP_CASE(null_page_is_unmapped),
	KTAP_CASE(identity_map_is_removed),
	KTAP_CASE(lowmem_is_sections_rw_xn_and_ends_at_lowmem_size),
	KTAP_CASE(no_mapping_is_writable_and_executable),
	KTAP_CASE(write_to_text_is_a_permission_fault),
	KTAP_CASE(executing_data_is_a_prefetch_abort),
	KTAP_CASE(sctlr_has_mmu_caches_and_high_vectors),
};
KTAP_SUITE(mmu, mmu_cases);
