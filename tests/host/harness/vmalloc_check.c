/*
 * The vmalloc area's invariants, read from the page tables the mm core wrote (walked with
 * mm/pgtable.c's pt_walk(), as the `pt` command does) and from the vmap_area tree.
 */
#include <asm/mmu.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmap_area.h>
#include <stdio.h>
#include <stdlib.h>

#include "mm_host.h"
#include "vmalloc_check.h"

#define MAX_AREAS 8192

struct areas {
	unsigned long n, errors;
	struct vmap_area *va[MAX_AREAS];
};

#define FAIL(...)                                               \
	do {                                                    \
		fprintf(stderr, "vmalloc_check: " __VA_ARGS__); \
		errors++;                                       \
	} while (0)

static int collect(struct vmap_area *va, void *arg)
{
	struct areas *a = arg;

	if (a->n == MAX_AREAS) {
		a->errors++;
		return 1;
	}
	a->va[a->n++] = va;
	return 0;
}

/* The physical address page @i of @vm must map, or 0 when any RAM page will do (vmap). */
static phys_addr_t expected_phys(const struct vm_struct *vm, unsigned long i)
{
	if (vm->flags & VM_ALLOC)
		return page_to_phys(vm->pages[i]);
	if (vm->flags & (VM_IOREMAP | VM_DMA_COHERENT))
		return vm->phys_addr + i * PAGE_SIZE;
	return 0;
}

static bool type_ok(const struct vm_struct *vm, enum mem_type t)
{
	if (vm->flags & VM_IOREMAP)
		return t == MT_DEVICE || t == MT_NORMAL_NC;
	if (vm->flags & VM_DMA_COHERENT)
		return t == MT_NORMAL_NC;
	return true; /* vmalloc and vmap take the caller's attributes */
}

static unsigned long check_area(struct vmap_area *va)
{
	const struct vm_struct *vm = va->vm;
	unsigned long errors = 0, i, n;
	struct pt_walk w;

	if (!vm) {
		FAIL("area 0x%lx-0x%lx has no vm_struct\n", va->va_start, va->va_end);
		return errors;
	}
	if ((unsigned long)vm->addr != va->va_start || vm->size != va->va_end - va->va_start ||
	    vm->va != va)
		FAIL("area 0x%lx: vm_struct addr %p size %#lx does not match\n", va->va_start,
		     vm->addr, vm->size);
	n = vm->size >> PAGE_SHIFT;
	if ((vm->flags & (VM_ALLOC | VM_MAP)) && vm->nr_pages != n)
		FAIL("area 0x%lx: %u pages for %lu\n", va->va_start, vm->nr_pages, n);
	for (i = 0; i < n; i++) {
		unsigned long a = va->va_start + i * PAGE_SIZE;
		phys_addr_t want = expected_phys(vm, i);

		if (!pt_walk(swapper_pg_dir, a, &w)) {
			FAIL("area 0x%lx: page %lu (0x%lx) unmapped\n", va->va_start, i, a);
			continue;
		}
		if ((want && w.phys != want) || (!want && !pfn_valid(w.phys >> PAGE_SHIFT)))
			FAIL("area 0x%lx: page %lu maps %#x, expected %#x\n", va->va_start, i,
			     w.phys, want);
		if (!type_ok(vm, w.leaf->attrs.type) || !w.leaf->attrs.xn)
			FAIL("area 0x%lx (flags %#lx): page %lu type %s xn %d\n", va->va_start,
			     vm->flags, i, mem_type_name(w.leaf->attrs.type), w.leaf->attrs.xn);
	}
	if (va->va_end < VMALLOC_END && pt_walk(swapper_pg_dir, va->va_end, &w))
		FAIL("area 0x%lx: guard page 0x%lx is mapped\n", va->va_start, va->va_end);
	return errors;
}

static int by_start(const void *a, const void *b)
{
	const struct vmap_area *x = *(struct vmap_area *const *)a,
			       *y = *(struct vmap_area *const *)b;

	return x->va_start < y->va_start ? -1 : x->va_start > y->va_start;
}

/*
 * Live areas holding @addr, among the two that start last at or below it (areas sorted by
 * start): 2 means two areas overlap there.
 */
static unsigned long areas_holding(const struct areas *a, unsigned long addr)
{
	unsigned long lo = 0, hi = a->n, in = 0;

	while (lo < hi) { /* lo: the first area starting above addr */
		unsigned long mid = (lo + hi) / 2;

		if (a->va[mid]->va_start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= 1 && addr < a->va[lo - 1]->va_end)
		in++;
	if (lo >= 2 && addr < a->va[lo - 2]->va_end)
		in++;
	return in;
}

/*
 * Every mapped page of the area is in exactly one live area. Only megabytes with an L2
 * table can hold a page (the area maps no sections). Return: mapped pages.
 */
static unsigned long check_mapped(struct areas *a, unsigned long *errs)
{
	unsigned long errors = 0, mapped = 0, mb, e, in;

	qsort(a->va, a->n, sizeof(a->va[0]), by_start);
	for (mb = VMALLOC_START; mb < VMALLOC_END; mb += SECTION_SIZE) {
		pmd_t d = swapper_pg_dir[pmd_index(mb)];
		const pte_t *t;

		if ((d & PMD_TYPE_MASK) != PMD_TYPE_TABLE) {
			if (d)
				FAIL("0x%lx: first-level entry %#x is not a table\n", mb, d);
			continue;
		}
		t = __va(d & PMD_TABLE_BASE_MASK);
		for (e = 0; e < PTRS_PER_PTE; e++) {
			unsigned long addr = mb + e * PAGE_SIZE;

			if ((t[e] & PTE_TYPE_MASK) == PTE_TYPE_FAULT) {
				if (t[e])
					FAIL("0x%lx: fault entry with bits %#x\n", addr, t[e]);
				continue;
			}
			mapped++;
			in = areas_holding(a, addr);
			if (in != 1)
				FAIL("0x%lx is mapped (%#x) and inside %lu live areas\n", addr,
				     t[e], in);
		}
	}
	*errs += errors;
	return mapped;
}

/* L2 tables: a page of four in every 4 MB that has a mapping, none elsewhere. */
static unsigned long check_tables(void)
{
	unsigned long errors = 0, pages = 0, mb, i;

	for (mb = VMALLOC_START; mb < VMALLOC_END; mb += 4 * SECTION_SIZE) {
		pmd_t *pmd = &swapper_pg_dir[pmd_index(mb)];
		unsigned long valid = 0;

		if (!pmd[0]) {
			for (i = 1; i < 4; i++)
				if (pmd[i])
					FAIL("pmd of 0x%lx set without its group\n",
					     mb + i * SECTION_SIZE);
			continue;
		}
		pages++;
		for (i = 0; i < 4; i++) {
			const pte_t *t;
			unsigned int e;

			if ((pmd[i] & PMD_TYPE_MASK) != PMD_TYPE_TABLE ||
			    (pmd[i] & PMD_TABLE_BASE_MASK) !=
				    (pmd[0] & PMD_TABLE_BASE_MASK) + i * L2_TABLE_SIZE) {
				FAIL("pmd of 0x%lx: %#x is not table %lu of its page\n",
				     mb + i * SECTION_SIZE, pmd[i], i);
				continue;
			}
			t = __va(pmd[i] & PMD_TABLE_BASE_MASK);
			for (e = 0; e < PTRS_PER_PTE; e++)
				valid += t[e] != 0;
		}
		if (!valid)
			FAIL("L2 table page of 0x%lx is empty but still installed\n", mb);
	}
	if (pages != kernel_l2_pages())
		FAIL("%lu L2 table pages installed, kernel_l2_pages() says %lu\n", pages,
		     kernel_l2_pages());
	return errors;
}

unsigned long vmalloc_check(void)
{
	struct areas *a = calloc(1, sizeof(*a));
	unsigned long errors = 0, k, sized = 0, mapped;

	vmap_area_for_each(collect, a);
	if (a->errors)
		FAIL("more than %d areas\n", MAX_AREAS);
	for (k = 0; k < a->n; k++) {
		errors += check_area(a->va[k]);
		sized += a->va[k]->va_end - a->va[k]->va_start;
	}
	mapped = check_mapped(a, &errors);
	if (mapped != sized >> PAGE_SHIFT)
		FAIL("%lu pages mapped, live areas hold %lu\n", mapped, sized >> PAGE_SHIFT);
	errors += check_tables();
	if (host_mmu_tlb_stale())
		FAIL("%lu TLB entries or table walks left stale\n", host_mmu_tlb_stale());
	if (host_mmu_errors)
		FAIL("the fake MMU saw %lu misuses\n", host_mmu_errors);
	free(a);
	return errors;
}

unsigned long vmalloc_settled_free(void)
{
	drop_slab();
	drain_all_pages();
	return nr_free_pages() + vmap_area_space.pool_nr_pages;
}

static int count(struct vmap_area *va, void *arg)
{
	(*(unsigned long *)arg)++;
	return 0;
}

unsigned long vmalloc_nr_areas(void)
{
	unsigned long n = 0;

	vmap_area_for_each(count, &n);
	return n;
}

int vmalloc_host_setup(void **state)
{
	mm_host_boot(&mm_host_default_layout);
	kmem_cache_init();
	host_log_clear();
	return 0;
}

int vmalloc_host_teardown(void **state)
{
	unsigned long errors = vmalloc_check() + mm_host_check(NULL);

	mm_host_shutdown();
	return errors ? -1 : 0;
}
