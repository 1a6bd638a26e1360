/*
 * Randomized test of mm/vmap_area.c against an independent model: one state byte per page
 * (free, busy, guard) and a brute-force first-fit scan over it.
 *
 * 1e5 operations (VMAP_RANDOM_OPS overrides) on a 4096-page private instance: allocations
 * of random size (mostly 1-4 pages, up to 256) and alignment (60% one page, else 2 to 256
 * pages), frees in random order, lookups inside areas and in guard pages, in phases that
 * fill the space to exhaustion and drain it. Every allocation must land exactly where the
 * model's first fit says (or fail exactly when the model finds no room); every 100
 * operations check_space() verifies the trees (balance, order, subtree_max_size) and the
 * tiling, and the free-range count, largest free range and used bytes are compared with
 * the model. The seed is printed (VMAP_RANDOM_SEED sets it).
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
#include <mm/mm.h>
#include <mm/vmap_area.h>

#include "harness/mm_host.h"
#include "harness/vmap_area_check.h"

#define BASE	 0x10000000UL /* 256 MB aligned: page-index and address alignment agree */
#define PG(n)	 ((unsigned long)(n)*PAGE_SIZE)
#define VA_AT(i) (BASE + PG(i))

static struct vmap_space vs;

static int setup(void **state)
{
	mm_host_boot(&mm_host_default_layout);
	return 0;
}

static int teardown(void **state)
{
	unsigned long errors;

	vmap_space_destroy(&vs);
	errors = mm_host_check(NULL);
	mm_host_shutdown();
	return errors ? -1 : 0;
}

#define MODEL_PAGES 4096
#define MAX_HELD    1024

enum {
	M_FREE,
	M_BUSY,
	M_GUARD
};

static unsigned char model[MODEL_PAGES];
static struct vmap_area *held[MAX_HELD];
static unsigned long nheld;
static struct rnd_state rnd;

static unsigned long rand_below(unsigned long n)
{
	return (unsigned long)(prandom_u32_state(&rnd) % n);
}

/* Brute force: the first page index, aligned, with @need free pages; -1 if none. */
static long model_first_fit(unsigned long need, unsigned long align)
{
	unsigned long i = 0, run_start, s;

	while (i < MODEL_PAGES) {
		if (model[i] != M_FREE) {
			i++;
			continue;
		}
		run_start = i;
		while (i < MODEL_PAGES && model[i] == M_FREE)
			i++;
		s = (run_start + align - 1) & ~(align - 1);
		if (s + need <= i)
			return (long)s;
	}
	return -1;
}

static void model_compare(void)
{
	unsigned long i = 0, run, largest = 0, used = 0, nruns = 0;

	while (i < MODEL_PAGES) {
		if (model[i] == M_BUSY)
			used++;
		if (model[i] != M_FREE) {
			i++;
			continue;
		}
		for (run = 0; i < MODEL_PAGES && model[i] == M_FREE; i++)
			run++;
		nruns++;
		largest = run > largest ? run : largest;
	}
	assert_int_equal(vmap_space_used(&vs), PG(used));
	assert_int_equal(vmap_space_largest_free(&vs), PG(largest));
	assert_int_equal(vs.nr_free, nruns);
	assert_int_equal(vs.nr_busy, nheld);
}

static unsigned long alloc_failures;

static void random_alloc(void)
{
	unsigned long r = rand_below(100), pages, align, i, idx;
	struct vmap_area *va;
	long expect;

	pages = r < 70 ? 1 + rand_below(4) : r < 95 ? 5 + rand_below(28) : 33 + rand_below(224);
	align = rand_below(100) < 60 ? 1 : 1UL << (1 + rand_below(8));
	expect = model_first_fit(pages + 1, align);
	va = vmap_space_alloc(&vs, PG(pages), PG(align), GFP_KERNEL);
	if (expect < 0) {
		assert_null(va);
		alloc_failures++;
		return;
	}
	assert_non_null(va);
	assert_int_equal(va->va_start, VA_AT(expect));
	assert_int_equal(va->va_end, VA_AT(expect + (long)pages));
	idx = (unsigned long)expect;
	for (i = 0; i < pages; i++)
		model[idx + i] = M_BUSY;
	model[idx + pages] = M_GUARD;
	held[nheld++] = va;
}

static void random_free(void)
{
	unsigned long k = rand_below(nheld), idx, i;
	struct vmap_area *va = held[k];

	idx = (va->va_start - BASE) / PAGE_SIZE;
	for (i = idx; i < (va->va_end - BASE) / PAGE_SIZE + 1; i++)
		model[i] = M_FREE;
	held[k] = held[--nheld];
	vmap_space_free(&vs, va);
}

static void random_find(void)
{
	struct vmap_area *va = held[rand_below(nheld)];
	unsigned long off = rand_below(va->va_end - va->va_start);

	assert_ptr_equal(vmap_space_find(&vs, va->va_start + off), va);
	assert_null(vmap_space_find(&vs, va->va_end + rand_below(PAGE_SIZE)));
}

static void test_random_against_model(void **state)
{
	const char *env_seed = getenv("VMAP_RANDOM_SEED"), *env_ops = getenv("VMAP_RANDOM_OPS");
	unsigned long seed = env_seed ? strtoul(env_seed, NULL, 0) : (unsigned long)time(NULL);
	unsigned long ops = env_ops ? strtoul(env_ops, NULL, 0) : 100000, i;
	unsigned int bias = 60;

	printf("test_vmap_area_random: seed %lu (VMAP_RANDOM_SEED=%lu reproduces), %lu ops\n", seed,
	       seed, ops);
	prandom_seed_state(&rnd, seed);
	vmap_space_init(&vs, BASE, BASE + PG(MODEL_PAGES));
	memset(model, M_FREE, sizeof(model));
	nheld = 0;
	alloc_failures = 0;

	for (i = 0; i < ops; i++) {
		/* Phases: fill towards exhaustion, then drain towards empty. */
		if (i % 8000 == 0)
			bias = bias == 60 ? 35 : 60;
		if (nheld && (nheld == MAX_HELD || rand_below(100) >= bias))
			random_free();
		else
			random_alloc();
		if (nheld && rand_below(8) == 0)
			random_find();
		if (i % 100 == 0) {
			assert_int_equal(check_space(&vs), 0);
			model_compare();
		}
	}
	assert_int_equal(check_space(&vs), 0);
	model_compare();
	while (nheld)
		random_free();
	assert_int_equal(vs.nr_free, 1);
	assert_int_equal(vmap_space_largest_free(&vs), PG(MODEL_PAGES));
	assert_int_equal(check_space(&vs), 0);
	printf("test_vmap_area_random: %lu allocations found no room (as the model predicted), "
	       "%lu node pages at the peak\n",
	       alloc_failures, vs.pool_nr_pages);
}
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_against_model, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
