/*
 * Helpers for the slab host tests: boot the mm core and the slab allocator on a fresh
 * arena, and look at a cache's lists.
 */
#ifndef TESTS_HOST_SLAB_HOST_H
#define TESTS_HOST_SLAB_HOST_H

#include <mm/slab.h>

#include "../../../mm/slab.h"
#include "mm_host.h"

static inline int slab_setup(void **state)
{
	mm_host_boot(&mm_host_default_layout);
	kmem_cache_init();
	host_log_clear();
	return 0;
}

static inline int slab_teardown(void **state)
{
	unsigned long errors = mm_host_check(NULL);

	mm_host_shutdown();
	return errors ? -1 : 0;
}

static inline unsigned long list_count(struct list_head *head)
{
	struct list_head *p;
	unsigned long n = 0;

	list_for_each(p, head)
		n++;
	return n;
}

#define NR_FULL(c)    list_count(&(c)->lists.slabs_full)
#define NR_PARTIAL(c) list_count(&(c)->lists.slabs_partial)
#define NR_FREE(c)    list_count(&(c)->lists.slabs_free)
#define AC(c)	      cpu_cache_get(c)

#endif
