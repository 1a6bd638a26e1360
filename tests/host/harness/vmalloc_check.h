/* Invariant checker for the kernel's vmalloc area and its page tables (vmalloc_check.c). */
#ifndef TESTS_HOST_VMALLOC_CHECK_H
#define TESTS_HOST_VMALLOC_CHECK_H

/*
 * vmalloc_check - walk the page tables of the whole vmalloc area against its areas:
 * every live area mapped page by page to what it owns (its pages, or its physical range
 * with a device or uncached type), its guard page unmapped, every mapped page inside
 * exactly one live area, every L2 table page in use and counted by kernel_l2_pages(), no
 * stale TLB entry and no misuse seen by the fake MMU. Prints each violation to stderr.
 * Return: the number of violations.
 */
unsigned long vmalloc_check(void);

/*
 * Free pages once the per-CPU lists and empty slabs are given back, plus the pages the
 * vmap_area node pool keeps (it follows the peak number of areas, mm/vmap_area.c): equal
 * before and after anything that gives back all it took.
 */
unsigned long vmalloc_settled_free(void);

/* Live areas of the vmalloc area (vmalloc, vmap, ioremap, coherent DMA). */
unsigned long vmalloc_nr_areas(void);

/* cmocka setup: the default arena with the slab allocator, as start_kernel leaves it. */
int vmalloc_host_setup(void **state);
/* cmocka teardown: vmalloc_check() and mm_host_check() must find nothing, then shut down. */
int vmalloc_host_teardown(void **state);

#endif
