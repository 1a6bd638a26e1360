/*
 * libFuzzer target: the input is a program of page-allocator and kmalloc operations run
 * on the host arena, bad frees included (double, wrong order, not a block start). After
 * each input everything still held is freed and the allocator's invariants are checked:
 * mm_host_check() must find no violation and the free page count must be back where it
 * started. A report on a bad free is expected; corruption is not.
 */
#include "../host/harness/mm_host.h"
#include <mm/mm.h>
#include <mm/slab.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <kernel/types.h>

#define SLOTS 64

static const gfp_t gfps[8] = {
	GFP_KERNEL,
	GFP_ATOMIC,
	GFP_NOWAIT,
	GFP_DMA | GFP_KERNEL,
	GFP_HIGHUSER,
	GFP_KERNEL | __GFP_ZERO,
	GFP_NOIO | __GFP_NORETRY,
	GFP_ATOMIC | __GFP_COLD,
};

struct slot {
	struct page *page;
	unsigned int order;
	void *obj;
};

static unsigned long settled_free(void)
{
	unsigned long free[MAX_NR_ZONES], sum = 0;
	unsigned int z;

	drop_slab();
	drain_all_pages();
	if (mm_host_check(free)) {
		fprintf(stderr, "fuzz_page_alloc: allocator invariants broken\n");
		abort();
	}
	for (z = 0; z < MAX_NR_ZONES; z++)
		sum += free[z];
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool booted;
	static unsigned long baseline;
	struct slot slot[SLOTS] = { 0 };
	size_t i;

	if (!booted) {
		mm_host_boot(&mm_host_default_layout);
		kmem_cache_init();
		baseline = settled_free();
		booted = true;
	}
	for (i = 0; i + 2 < size; i += 3) {
		struct slot *s = &slot[data[i + 1] % SLOTS];
		unsigned int arg = data[i + 2];

		switch (data[i] % 6) {
		case 0: /* allocate pages */
			if (!s->page) {
				s->order = arg % 12; /* 11 is refused */
				s->page =
					alloc_pages(gfps[(arg >> 4) % 8] | __GFP_NOWARN, s->order);
			}
			break;
		case 1: /* free pages, right order */
			if (s->page) {
				__free_pages(s->page, s->order);
				s->page = NULL;
			}
			break;
		case 2: /* bad frees of a live block: must be refused */
			if (s->page) {
				unsigned int inside = 1 + arg % ((1u << s->order) - 1 + !s->order);

				__free_pages(s->page, (s->order + 1 + arg % 3) % 11);
				if (s->order)
					__free_pages(s->page + inside, 0);
			}
			break;
		case 3: /* double free: free, then free again, then forget */
			if (s->page) {
				__free_pages(s->page, s->order);
				__free_pages(s->page, s->order);
				s->page = NULL;
			}
			break;
		case 4: /* kmalloc */
			if (!s->obj)
				s->obj = kmalloc(1 + arg * 37, (arg & 1 ? GFP_KERNEL : GFP_ATOMIC) |
								       __GFP_NOWARN);
			break;
		case 5: /* kfree */
			kfree(s->obj);
			s->obj = NULL;
			break;
		}
	}
	host_log_clear(); /* the reports of bad frees are expected; keep the log bounded */
	for (i = 0; i < SLOTS; i++) {
		if (slot[i].page)
			__free_pages(slot[i].page, slot[i].order);
		kfree(slot[i].obj);
	}
	if (settled_free() != baseline) {
		fprintf(stderr, "fuzz_page_alloc: free pages %lu, expected %lu\n", settled_free(),
			baseline);
		abort();
	}
	return 0;
}
