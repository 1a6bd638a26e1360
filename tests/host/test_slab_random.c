/*
 * Randomized test of the slab allocator: 10^6 allocations and frees over many caches
 * (plain, aligned, constructed, debug, DMA, off-slab, and kmalloc of random sizes,
 * whole-page ones included), with the shrinker run now and then. Every live object
 * carries a pattern derived from its slot and generation; it is checked before the
 * object is freed, so an object handed out twice (or memory the allocator scribbled on)
 * shows up. A set of live addresses catches a duplicate the moment it is handed out.
 * The seed is printed; SLAB_SEED=<n> repeats a run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <lib/prandom.h>
#include <mm/shrinker.h>

#include "harness/slab_host.h"

#define NR_OPS	  1000000
#define NR_SLOTS  4096
#define NR_CACHES 9
#define HASH_SIZE 16384 /* power of two, > 2 * NR_SLOTS */

struct slot {
	unsigned char *p;
	struct kmem_cache *cache; /* NULL: kmalloc */
	size_t size;
	u32 tag;
};

static struct slot slots[NR_SLOTS];
static unsigned char *live_set[HASH_SIZE];
static struct rnd_state rnd;

static unsigned int hash_of(const void *p)
{
	return (unsigned int)(((uintptr_t)p >> 4) * 2654435761u) & (HASH_SIZE - 1);
}

/* Insert @p; false if it is already live (handed out twice). */
static bool live_insert(unsigned char *p)
{
	unsigned int h = hash_of(p);

	while (live_set[h]) {
		if (live_set[h] == p)
			return false;
		h = (h + 1) & (HASH_SIZE - 1);
	}
	live_set[h] = p;
	return true;
}

static void live_remove(unsigned char *p)
{
	unsigned int h = hash_of(p), j;

	while (live_set[h] != p)
		h = (h + 1) & (HASH_SIZE - 1);
	live_set[h] = NULL;
	/* Re-insert the rest of the cluster (linear probing deletion). */
	for (j = (h + 1) & (HASH_SIZE - 1); live_set[j]; j = (j + 1) & (HASH_SIZE - 1)) {
		unsigned char *q = live_set[j];

		live_set[j] = NULL;
		live_insert(q);
	}
}

/* Head word, tail word and a few sampled bytes in between. */
static void write_pattern(struct slot *s)
{
	size_t i;

	memcpy(s->p, &s->tag, 4);
	memcpy(s->p + s->size - 4, &s->tag, 4);
	for (i = 4; i + 4 < s->size; i += 61)
		s->p[i] = (unsigned char)(s->tag + i);
}

static bool check_pattern(const struct slot *s)
{
	size_t i;
	u32 w;

	memcpy(&w, s->p, 4);
	if (w != s->tag)
		return false;
	memcpy(&w, s->p + s->size - 4, 4);
	if (w != s->tag)
		return false;
	for (i = 4; i + 4 < s->size; i += 61)
		if (s->p[i] != (unsigned char)(s->tag + i))
			return false;
	return true;
}

static void ctor(void *p)
{
	memset(p, 0, 8);
}

static void test_million_random_operations_keep_every_object_intact(void **state)
{
	static const struct {
		const char *name;
		size_t size, align;
		unsigned int flags;
		void (*ctor)(void *);
	} specs[NR_CACHES] = {
		{ "r-8", 8, 0, 0, NULL },
		{ "r-24-hw", 24, 0, SLAB_HWCACHE_ALIGN, NULL },
		{ "r-100-ctor", 100, 0, 0, ctor },
		{ "r-200-64", 200, 64, 0, NULL },
		{ "r-60-debug", 60, 0, SLAB_RED_ZONE | SLAB_POISON, NULL },
		{ "r-700", 700, 0, 0, NULL },
		{ "r-1500-dma", 1500, 0, SLAB_CACHE_DMA, NULL },
		{ "r-3000", 3000, 0, 0, NULL },
		{ "r-9000", 9000, 0, SLAB_RED_ZONE, NULL },
	};
	struct kmem_cache *caches[NR_CACHES];
	const char *env = getenv("SLAB_SEED");
	unsigned long seed = env ? strtoul(env, NULL, 0) : (unsigned long)time(NULL);
	unsigned long op, allocs = 0, frees = 0, failures = 0;
	unsigned int i;

	printf("test_slab_random: seed %lu (SLAB_SEED=%lu repeats this run)\n", seed, seed);
	prandom_seed_state(&rnd, seed);
	for (i = 0; i < NR_CACHES; i++) {
		caches[i] = kmem_cache_create(specs[i].name, specs[i].size, specs[i].align,
					      specs[i].flags, specs[i].ctor);
		assert_non_null(caches[i]);
	}
	for (op = 0; op < NR_OPS; op++) {
		struct slot *s = &slots[prandom_u32_state(&rnd) % NR_SLOTS];

		if (s->p) {
			if (!check_pattern(s))
				fail_msg("op %lu: object %p (size %zu) lost its pattern", op,
					 (void *)s->p, s->size);
			live_remove(s->p);
			if (s->cache)
				kmem_cache_free(s->cache, s->p);
			else
				kfree(s->p);
			s->p = NULL;
			frees++;
			continue;
		}
		if (prandom_u32_state(&rnd) % 3) {
			unsigned int c = prandom_u32_state(&rnd) % NR_CACHES;

			s->cache = caches[c];
			s->size = specs[c].size;
			s->p = kmem_cache_alloc(s->cache, GFP_KERNEL | __GFP_NOWARN);
		} else {
			/* 8 bytes (room for both tag words) to 2 KB, sometimes up to 256 KB. */
			u32 r = prandom_u32_state(&rnd);

			s->cache = NULL;
			s->size = 8 + (r % 8 == 0 ? prandom_u32_state(&rnd) % 262144
						  : prandom_u32_state(&rnd) % 2048);
			s->p = kmalloc(s->size, GFP_KERNEL | __GFP_NOWARN);
		}
		if (!s->p) {
			failures++;
			continue;
		}
		if (!live_insert(s->p))
			fail_msg("op %lu: %p handed out while live", op, (void *)s->p);
		s->tag = prandom_u32_state(&rnd);
		write_pattern(s);
		allocs++;
		if (op % 100000 == 99999)
			shrink_slab(GFP_KERNEL, 0);
	}
	for (i = 0; i < NR_SLOTS; i++) {
		if (!slots[i].p)
			continue;
		assert_true(check_pattern(&slots[i]));
		if (slots[i].cache)
			kmem_cache_free(slots[i].cache, slots[i].p);
		else
			kfree(slots[i].p);
		slots[i].p = NULL;
	}
	printf("test_slab_random: %lu allocations, %lu frees, %lu failed allocations\n", allocs,
	       frees, failures);
	for (i = 0; i < NR_CACHES; i++) {
		assert_int_equal(caches[i]->errors, 0);
		assert_int_equal(kmem_cache_destroy(caches[i]), 0);
	}
	assert_false(host_log_contains("slab error"));
	assert_true(allocs > NR_OPS / 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_million_random_operations_keep_every_object_intact, slab_setup,
			slab_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
