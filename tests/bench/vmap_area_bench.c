/*
 * In-target benchmark of the vmap area allocator: guest instructions (-icount shift=0)
 * per alloc+free and per lookup with 1000 live areas scattered among 1000 free holes.
 * It runs a private instance over addresses that are never mapped, so the kernel's
 * vmalloc area is untouched, and gives the instance's node pages back at the end.
 */
#include <kernel/bench.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <lib/prandom.h>
#include <mm/mm.h>
#include <mm/vmap_area.h>

#define BENCH_VSTART 0x40000000UL /* user-space addresses: nothing maps them here */
#define BENCH_VEND   0x80000000UL
#define LIVE	     1000
#define LOOPS	     2000

static struct vmap_space bench_space;
static struct vmap_area *live[2 * LIVE];
static unsigned long req_size[LOOPS], req_addr[LOOPS];

static void report(const char *name, u64 t0, unsigned int loops)
{
	unsigned long total = (unsigned long)(bench_ns() - t0);

	printk("%-34s %6lu instructions/op\n", name, (total + loops / 2) / loops);
}

/* Alloc+free pairs with requests of @req_size[] and alignment @align. */
static void bench_pairs(const char *name, unsigned long align)
{
	struct vmap_area *va;
	unsigned int i;
	u64 t0;

	t0 = bench_ns();
	for (i = 0; i < LOOPS; i++) {
		va = vmap_space_alloc(&bench_space, req_size[i], align, GFP_KERNEL);
		vmap_space_free(&bench_space, va);
	}
	report(name, t0, LOOPS);
}

static void bench_vmap_area(void)
{
	struct vmap_area *va;
	unsigned int i, n = 0;
	struct rnd_state rnd;
	u64 t0;

	vmap_space_init(&bench_space, BENCH_VSTART, BENCH_VEND);
	prandom_seed_state(&rnd, 0x9e3779b9); /* the same layout and requests on every run */
	/* 2000 areas of 1..16 pages, then every other one freed: 1000 live, 1000 holes. */
	for (i = 0; i < 2 * LIVE; i++) {
		live[i] = vmap_space_alloc(&bench_space,
					   (1 + prandom_u32_state(&rnd) % 16) * PAGE_SIZE,
					   PAGE_SIZE, GFP_KERNEL);
		if (!live[i]) {
			printk("error: vmap_area bench: set-up allocation %u failed\n", i);
			goto out;
		}
	}
	for (i = 0; i < 2 * LIVE; i += 2) {
		vmap_space_free(&bench_space, live[i]);
		live[i] = NULL;
	}
	for (i = 0; i < LOOPS; i++) {
		req_size[i] = (1 + prandom_u32_state(&rnd) % 32) * PAGE_SIZE;
		va = live[2 * (prandom_u32_state(&rnd) % LIVE) + 1];
		req_addr[i] =
			va->va_start + (prandom_u32_state(&rnd) % (va->va_end - va->va_start));
	}
	printk("vmap_area: %lu live areas, %lu free ranges, %lu node pages\n", bench_space.nr_busy,
	       bench_space.nr_free, bench_space.pool_nr_pages);

	bench_pairs("alloc+free_vmap_area, page aligned", PAGE_SIZE);
	bench_pairs("alloc+free_vmap_area, 64K aligned", SZ_64K);

	t0 = bench_ns();
	for (i = 0; i < LOOPS; i++)
		n += vmap_space_find(&bench_space, req_addr[i]) != NULL;
	report("find_vmap_area", t0, LOOPS);
	if (n != LOOPS)
		printk("error: vmap_area bench: %u lookups of live addresses failed\n", LOOPS - n);

	for (i = 1; i < 2 * LIVE; i += 2) {
		vmap_space_free(&bench_space, live[i]);
		live[i] = NULL;
	}
	if (bench_space.nr_free != 1)
		printk("error: vmap_area bench: %lu free ranges left, not 1\n",
		       bench_space.nr_free);
out:
	vmap_space_destroy(&bench_space);
}
BENCH(vmap_area, "vmap_area search: alloc+free and lookup with 1000 live areas", bench_vmap_area);
