/*
 * In-target slab benchmarks: guest instructions per operation under `-icount shift=0`
 * for the hot paths (array cache hit on alloc and on free), and the memory overhead of
 * the kmalloc caches: management bytes (struct slab + bufctl, on- or off-slab) and
 * waste (leftover and padding) per object.
 */
#include <kernel/bench.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/init_on.h>
#include <mm/kfence.h>
#include <mm/mempool.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/slab_def.h>

#define LOOPS 2000

static void report(const char *name, u64 t0, unsigned int loops)
{
	unsigned long total = (unsigned long)(bench_ns() - t0);

	printk("%-34s %6lu instructions/op\n", name, (total + loops / 2) / loops);
}

/* Each figure includes the loop: a few instructions, the same in every line. */
#define BENCH_LOOP(name, loops, body)                           \
	do {                                                    \
		unsigned int __i;                               \
		u64 __t0;                                       \
		body; /* warm: the array cache holds objects */ \
		__t0 = bench_ns();                              \
		for (__i = 0; __i < (loops); __i++) {           \
			body;                                   \
		}                                               \
		report(name, __t0, loops);                      \
	} while (0)

#define LIVE 1000
static void *live[LIVE];

/*
 * 1000 objects allocated, then the 1000 freed, per pair: the array cache is refilled
 * from the slabs and flushed back to them (batchcount objects at a time) as it runs dry
 * and overflows.
 */
static void bench_cache_live(struct kmem_cache *c)
{
	unsigned int i, r;
	u64 t0;

	t0 = bench_ns();
	for (r = 0; r < 4; r++) {
		for (i = 0; i < LIVE; i++)
			live[i] = kmem_cache_alloc(c, GFP_KERNEL);
		for (i = 0; i < LIVE; i++)
			kmem_cache_free(c, live[i]);
	}
	report("kmem_cache_alloc+free, 1000 live", t0, 4 * LIVE);
}

/* kmem_cache_alloc_bulk() + kmem_cache_free_bulk() of 16 objects: per call and object. */
static void bench_cache_bulk(struct kmem_cache *c)
{
	unsigned long total;
	unsigned int i;
	u64 t0;

	kmem_cache_alloc_bulk(c, GFP_KERNEL, 16, live); /* warm */
	kmem_cache_free_bulk(c, 16, live);
	t0 = bench_ns();
	for (i = 0; i < LOOPS; i++) {
		kmem_cache_alloc_bulk(c, GFP_KERNEL, 16, live);
		kmem_cache_free_bulk(c, 16, live);
	}
	total = (unsigned long)(bench_ns() - t0);
	printk("%-34s %6lu instructions/call (%lu.%lu per object)\n",
	       "kmem_cache bulk alloc+free, 16", (total + LOOPS / 2) / LOOPS, total / LOOPS / 16,
	       total * 10 / LOOPS / 16 % 10);
}

static void bench_slab_ops(void)
{
	struct kmem_cache *c = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	volatile size_t runtime_size = 256; /* the compiler cannot fold it */
	mempool_t *pool;
	void *p;

	if (!c) {
		printk("bench: cannot create the bench-64 cache\n");
		return;
	}
	BENCH_LOOP("kmem_cache_alloc+free (hot)", LOOPS,
		   (p = kmem_cache_alloc(c, GFP_KERNEL), kmem_cache_free(c, p)));
	bench_cache_live(c); /* the slabs exist now: the figure has no page allocation */
	bench_cache_bulk(c);
	kmem_cache_destroy(c);
	BENCH_LOOP("kmalloc+kfree 32", LOOPS, (p = kmalloc(32, GFP_KERNEL), kfree(p)));
	BENCH_LOOP("kmalloc+kfree 256", LOOPS, (p = kmalloc(256, GFP_KERNEL), kfree(p)));
	BENCH_LOOP("kmalloc+kfree 4096", LOOPS, (p = kmalloc(4096, GFP_KERNEL), kfree(p)));
	BENCH_LOOP("kmalloc+kfree 65536", LOOPS, (p = kmalloc(65536, GFP_KERNEL), kfree(p)));
	BENCH_LOOP("kmalloc+kfree 256, size at run time", LOOPS,
		   (p = kmalloc(runtime_size, GFP_KERNEL), kfree(p)));
	/* The cost of the switches (mm/init_on.c), on for these rows only. */
	set_init_on_alloc(true);
	BENCH_LOOP("kmalloc+kfree 256, init_on_alloc", LOOPS,
		   (p = kmalloc(256, GFP_KERNEL), kfree(p)));
	set_init_on_alloc(false);
	set_init_on_free(true);
	BENCH_LOOP("kmalloc+kfree 256, init_on_free", LOOPS,
		   (p = kmalloc(256, GFP_KERNEL), kfree(p)));
	set_init_on_free(false);
	/*
	 * KFENCE sampling on with no sample due (mm/kfence.c): the row must equal
	 * "kmalloc+kfree 256". A sample in the loop would show as a jump: none is due for
	 * 1000 s, and the row reports how many were taken.
	 */
	if (!kfence_set_sample_interval(1000000)) {
		unsigned long samples = kfence_total_allocs();

		BENCH_LOOP("kmalloc+kfree 256, kfence interval", LOOPS,
			   (p = kmalloc(256, GFP_KERNEL), kfree(p)));
		if (kfence_total_allocs() != samples)
			printk("  (%lu KFENCE samples taken in the loop)\n",
			       kfence_total_allocs() - samples);
		kfence_disable();
	}
	pool = mempool_create_kmalloc_pool(4, 256);
	if (pool) {
		BENCH_LOOP("mempool_alloc+free (kmalloc 256)", LOOPS,
			   (p = mempool_alloc(pool, GFP_KERNEL), mempool_free(p, pool)));
		mempool_destroy(pool);
	}
}
BENCH(slab, "slab, kmalloc and mempool paths, instructions per operation", bench_slab_ops);

static void overhead(unsigned int size)
{
	struct kmem_cache *c = kmalloc_caches[kmalloc_index(size)];
	unsigned long slab_bytes = PAGE_SIZE << c->gfporder, mgmt, waste;

	/* Off-slab management is a kmalloc object: count the whole object. */
	mgmt = c->slabp_cache ? c->slabp_cache->object_size : c->slab_size;
	waste = slab_bytes - (c->slabp_cache ? 0 : c->slab_size) - (unsigned long)c->num * size;
	printk("slab overhead %-18s management %3lu.%lu + waste %3lu.%lu bytes/object (%u "
	       "objects per %lu-byte slab, %s-slab)\n",
	       c->name, mgmt / c->num, (mgmt * 10 / c->num) % 10, waste / c->num,
	       (waste * 10 / c->num) % 10, c->num, slab_bytes, c->slabp_cache ? "off" : "on");
}

static void bench_slab_overhead(void)
{
	overhead(32);
	overhead(256);
	overhead(1024);
}
BENCH(slab_overhead, "slab metadata and waste bytes per object, 32/256/1024-byte caches",
      bench_slab_overhead);
