/*
 * `stress [ops] [seed]`: a random mix of alloc_pages (every zone, orders 0-4, sleeping and
 * atomic), kmalloc (normal and DMA), a private slab cache and vmalloc, with every object
 * stamped on allocation and checked before it is freed. Prints progress, stops on Ctrl-C,
 * frees everything and checks that the free page count came back.
 */
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <kernel/time.h>
#include <lib/parse.h>
#include <lib/prandom.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <string.h>

#define STRESS_SLOTS 256

enum stress_kind {
	ST_NONE,
	ST_PAGES,
	ST_KMALLOC,
	ST_CACHE,
	ST_VMALLOC
};

struct stress_slot {
	enum stress_kind kind;
	void *ptr; /* struct page * for ST_PAGES */
	u32 size;  /* bytes, or the order for ST_PAGES */
	u32 stamp;
};

struct stress_state {
	struct stress_slot slot[STRESS_SLOTS];
	struct kmem_cache *cache;
	struct rnd_state rnd;
	unsigned long ops, fails, corrupt;
};

static struct stress_state st;

/* Stamp (or check) the first and last word of every page of a block. */
static bool stamp_pages(struct page *p, unsigned int order, u32 stamp, bool check)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < (1u << order); i++) {
		u32 *w = kmap_atomic(p + i);

		if (check)
			ok &= w[0] == stamp + i && w[1023] == ~(stamp + i);
		else {
			w[0] = stamp + i;
			w[1023] = ~(stamp + i);
		}
		kunmap_atomic(w);
	}
	return ok;
}

static bool stamp_bytes(u8 *p, u32 size, u32 stamp, bool check)
{
	u32 i, step = size > 64 ? size / 16 : 1;

	/* Sampled bytes, then the last byte: an overrun or a reuse shows at either end. */
	for (i = 0; i + 1 < size; i += step) {
		u8 v = (u8)(stamp + i);

		if (check && p[i] != v)
			return false;
		p[i] = v;
	}
	if (check && p[size - 1] != (u8)~stamp)
		return false;
	p[size - 1] = (u8)~stamp;
	return true;
}

static void slot_free(struct stress_slot *s)
{
	bool ok = true;

	switch (s->kind) {
	case ST_PAGES:
		ok = stamp_pages(s->ptr, s->size, s->stamp, true);
		__free_pages(s->ptr, s->size);
		break;
	case ST_KMALLOC:
		ok = stamp_bytes(s->ptr, s->size, s->stamp, true);
		kfree(s->ptr);
		break;
	case ST_CACHE:
		ok = stamp_bytes(s->ptr, s->size, s->stamp, true);
		kmem_cache_free(st.cache, s->ptr);
		break;
	case ST_VMALLOC:
		ok = stamp_bytes(s->ptr, s->size, s->stamp, true);
		vfree(s->ptr);
		break;
	case ST_NONE:
		return;
	}
	if (!ok) {
		st.corrupt++;
		printk("stress: object %p (kind %d, size %u) lost its stamp\n", s->ptr, s->kind,
		       s->size);
	}
	/* No stale address in .bss: kmemleak would count it as a reference. */
	s->kind = ST_NONE;
	s->ptr = NULL;
}

static void slot_alloc(struct stress_slot *s)
{
	static const gfp_t page_gfp[] = { GFP_KERNEL, GFP_HIGHUSER, GFP_DMA | GFP_KERNEL,
					  GFP_ATOMIC, GFP_NOWAIT };
	u32 r = prandom_u32_state(&st.rnd), what = r % 16;

	s->stamp = prandom_u32_state(&st.rnd);
	if (what < 6) {
		s->size = (r >> 8) % 5;
		s->ptr = alloc_pages(page_gfp[(r >> 16) % 5] | __GFP_NOWARN, s->size);
		s->kind = ST_PAGES;
	} else if (what < 12) {
		s->size = 1 + (r >> 8) % 8192;
		s->ptr = kmalloc(s->size, ((r >> 24) & 7 ? GFP_KERNEL : GFP_KERNEL | GFP_DMA) |
						  __GFP_NOWARN);
		s->kind = ST_KMALLOC;
	} else if (what < 15) {
		s->size = 200;
		s->ptr = kmem_cache_alloc(st.cache, GFP_KERNEL);
		s->kind = ST_CACHE;
	} else {
		s->size = 1 + (r >> 8) % (64 * 1024);
		s->ptr = vmalloc(s->size);
		s->kind = ST_VMALLOC;
	}
	if (!s->ptr) {
		st.fails++;
		s->kind = ST_NONE;
		return;
	}
	if (s->kind == ST_PAGES)
		stamp_pages(s->ptr, s->size, s->stamp, false);
	else
		stamp_bytes(s->ptr, s->size, s->stamp, false);
}

static unsigned long free_pages_settled(void)
{
	drop_slab();
	drain_all_pages();
	return nr_free_pages();
}

static int cmd_stress(int argc, char **argv)
{
	u32 total = 100000, seed = 1, i;
	unsigned long before, after;
	bool stopped = false;
	unsigned long last = jiffies;

	if (argc > 1 && (parse_u32(argv[1], &total) || !total))
		return shell_error("bad operation count '%s'", argv[1]);
	if (argc > 2 && (parse_u32(argv[2], &seed) || !seed))
		return shell_error("bad seed '%s' (a non-zero number)", argv[2]);
	memset(&st, 0, sizeof(st));
	prandom_seed_state(&st.rnd, seed);
	st.cache = kmem_cache_create("stress-200", 200, 0, SLAB_HWCACHE_ALIGN, NULL);
	if (!st.cache)
		return shell_error("cannot create the stress cache");
	before = free_pages_settled();
	printk("stress: %u operations, seed %u (Ctrl-C stops)\n", total, seed);
	for (i = 1; i <= total; i++) {
		struct stress_slot *s = &st.slot[prandom_u32_state(&st.rnd) % STRESS_SLOTS];

		if (s->kind != ST_NONE)
			slot_free(s);
		else
			slot_alloc(s);
		st.ops++;
		/* Progress every tenth of the run, and at least once a second. */
		if (i % (total / 10 ? total / 10 : 1) == 0 || jiffies - last >= HZ) {
			last = jiffies;
			printk("stress: %u/%u ops, %lu failed allocations, %lu corrupted\n", i,
			       total, st.fails, st.corrupt);
		}
		if (console_interrupted()) {
			printk("stress: interrupted after %u operations\n", i);
			stopped = true;
			break;
		}
	}
	for (i = 0; i < STRESS_SLOTS; i++)
		slot_free(&st.slot[i]);
	kmem_cache_destroy(st.cache);
	st.cache = NULL;
	after = free_pages_settled();
	printk("stress: free pages %lu before, %lu after\n", before, after);
	if (st.corrupt)
		return shell_error("stress: %lu objects were corrupted", st.corrupt);
	/* The vmap_area node pool keeps its pages; anything more is a leak. */
	if (after + 4 < before)
		return shell_error("stress: %lu pages did not come back", before - after);
	printk("stress: %s, no corruption\n", stopped ? "stopped" : "passed");
	return 0;
}
SHELL_CMD(stress, "[ops] [seed]", "random alloc/free over every allocator, verified (Ctrl-C stops)",
	  0, 2, cmd_stress);
