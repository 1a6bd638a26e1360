/*
 * Host tests for mm/kmemleak.c on the mm core built with its hooks (-DCONFIG_DEBUG_KMEMLEAK):
 * the object tree (an address anywhere inside a block finds it; a free forgets it), what
 * a scan reports (a block no root or reached block points to, an unreachable cycle whole,
 * once) and what it does not (reached from a root, through other blocks, from a live
 * stack range; younger than the grace period; not_leak, ignore), no_scan, clear, the
 * vmalloc area's own vm_struct reference, and Ctrl-C. The roots are the harness's
 * host_kmemleak_roots[] (tests/host/harness/host_kmemleak.c), so the host's own stack
 * and registers never count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <asm/sections.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <mm/kmemleak.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#include "harness/slab_host.h"

extern bool host_fatal_signal;
extern unsigned long host_stack_lo, host_stack_hi;

static int setup(void **state)
{
	kmemleak_disable(); /* the last test's records went with its arena */
	slab_setup(state);
	kmemleak_init();
	memset(host_kmemleak_roots, 0, sizeof(host_kmemleak_roots));
	host_stack_lo = host_stack_hi = 0;
	jiffies = 1000;
	return 0;
}

/* Let the grace period pass for everything allocated so far. */
static void age(void)
{
	jiffies += kmemleak_min_age() + 1;
}

static void test_interior_address_finds_the_block_and_free_forgets_it(void **state)
{
	unsigned long before = kmemleak_nr_objects(), start;
	size_t size;
	char *p = kmalloc(100, GFP_KERNEL), *q = kmalloc(100, GFP_KERNEL);

	assert_int_equal(kmemleak_nr_objects(), before + 2);
	assert_true(kmemleak_find(p + 127, &start, &size));
	assert_int_equal(start, (unsigned long)p);
	assert_int_equal(size, 128); /* the size class, as Linux reports kmalloc objects */
	assert_true(kmemleak_find(q, &start, &size) && start == (unsigned long)q);
	kfree(p);
	assert_false(kmemleak_find(p, &start, &size));
	assert_int_equal(kmemleak_nr_objects(), before + 1);
	kfree(q);
	assert_int_equal(kmemleak_nr_objects(), before);
}

static void test_every_allocator_is_tracked_and_metadata_is_not(void **state)
{
	struct kmem_cache *c = kmem_cache_create("t", 40, 0, 0, NULL);
	unsigned long before = kmemleak_nr_objects(), start;
	void *bulk[3], *big, *v;
	size_t size;

	assert_non_null(c);
	assert_int_equal(kmem_cache_alloc_bulk(c, GFP_KERNEL, 3, bulk), 3);
	big = kmalloc(2 * KMALLOC_MAX_CACHE_SIZE, GFP_KERNEL);
	v = vmalloc(3 * PAGE_SIZE);
	assert_non_null(big);
	assert_non_null(v);
	/*
	 * 3 + 1 + the area and its vm_struct (a small area's page array lives inside the
	 * vm_struct): no record for a record.
	 */
	assert_int_equal(kmemleak_nr_objects(), before + 6);
	assert_true(kmemleak_find((char *)big + 5, &start, &size) &&
		    size == 2 * KMALLOC_MAX_CACHE_SIZE);
	assert_true(kmemleak_find((char *)v + PAGE_SIZE, &start, &size) && size == 3 * PAGE_SIZE);
	kmem_cache_free_bulk(c, 3, bulk);
	kfree(big);
	vfree(v);
	assert_int_equal(kmemleak_nr_objects(), before);
	assert_int_equal(kmem_cache_destroy(c), 0);
}

static void test_lost_block_is_reported_once_and_reached_ones_never(void **state)
{
	void **a = kzalloc(64, GFP_KERNEL), **b = kzalloc(64, GFP_KERNEL);
	void *c = kzalloc(64, GFP_KERNEL), *d = kzalloc(64, GFP_KERNEL);
	void *s = kzalloc(64, GFP_KERNEL);

	host_kmemleak_roots[3] = (unsigned long)a; /* from "data" */
	*a = (char *)b + 40;			   /* through a block, into the middle */
	host_stack_lo = (unsigned long)&host_kmemleak_roots[0];
	host_stack_hi = host_stack_lo + sizeof(unsigned long);
	host_kmemleak_roots[0] = (unsigned long)s; /* from the live "stack" */
	age();
	assert_int_equal(kmemleak_scan(), 2);
	assert_true(host_log_contains("kmemleak: 2 new suspected memory leaks (see "
				      "/sys/kernel/debug/kmemleak)"));
	assert_false(kmemleak_reported(a));
	assert_false(kmemleak_reported(b));
	assert_false(kmemleak_reported(s));
	assert_true(kmemleak_reported(c));
	assert_true(kmemleak_reported(d));
	assert_int_equal(kmemleak_scan(), 0); /* reported once */
	host_log_clear();
	assert_int_equal(kmemleak_show(), 2);
	assert_true(host_log_contains("unreferenced object 0x"));
	assert_true(host_log_contains(" (size 64):\n  comm \"shell\", pid 0, jiffies 1000\n"
				      "  hex dump (first 32 bytes):\n"
				      "    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  "
				      "................\n"));
	assert_true(host_log_contains("  backtrace (crc "));
	kfree(a);
	kfree(b);
	kfree(c);
	kfree(d);
	kfree(s);
}

static void test_unreachable_cycle_is_reported_whole(void **state)
{
	void **x = kzalloc(32, GFP_KERNEL), **y = kzalloc(32, GFP_KERNEL);
	void **self = kzalloc(32, GFP_KERNEL);

	*x = y;
	*y = x;
	*self = self; /* an empty list head: its own pointer is no reference */
	age();
	assert_int_equal(kmemleak_scan(), 3);
	assert_true(kmemleak_reported(self));
	kfree(self);
	host_kmemleak_roots[0] = (unsigned long)y;
	assert_int_equal(kmemleak_scan(), 0);
	assert_false(kmemleak_reported(x));
	assert_false(kmemleak_reported(y));
	kfree(x);
	kfree(y);
}

static void test_young_blocks_are_not_reported(void **state)
{
	void *p = kmalloc(32, GFP_KERNEL);

	jiffies += kmemleak_min_age() - 1;
	assert_int_equal(kmemleak_scan(), 0);
	jiffies += 2;
	assert_int_equal(kmemleak_scan(), 1);
	assert_true(kmemleak_reported(p));
	kfree(p);
}

static void test_not_leak_ignore_no_scan_and_clear(void **state)
{
	void **gray = kzalloc(32, GFP_KERNEL), **black = kzalloc(32, GFP_KERNEL);
	void **opaque = kzalloc(32, GFP_KERNEL), *reached = kzalloc(32, GFP_KERNEL);
	void *hidden = kzalloc(32, GFP_KERNEL);

	kmemleak_not_leak(gray);
	kmemleak_ignore(black);
	kmemleak_no_scan(opaque);
	*gray = reached;  /* a not_leak block is scanned */
	*black = hidden;  /* an ignored one is not */
	*opaque = hidden; /* nor a no_scan one */
	age();
	assert_int_equal(kmemleak_scan(), 2);
	assert_false(kmemleak_reported(gray) || kmemleak_reported(black));
	assert_false(kmemleak_reported(reached));
	assert_true(kmemleak_reported(opaque) && kmemleak_reported(hidden));
	assert_int_equal(kmemleak_clear(), 2);
	assert_int_equal(kmemleak_show(), 0);
	assert_int_equal(kmemleak_scan(), 0);
	kfree(gray);
	kfree(black);
	kfree(opaque);
	kfree(reached);
	kfree(hidden);
}

static void test_vmalloc_area_needs_a_reference_besides_its_vm_struct(void **state)
{
	char *v = vmalloc(2 * PAGE_SIZE);

	assert_non_null(v);
	age();
	assert_int_equal(kmemleak_scan(), 1);
	assert_true(kmemleak_reported(v));
	host_kmemleak_roots[5] = (unsigned long)(v + PAGE_SIZE + 8);
	assert_int_equal(kmemleak_scan(), 0);
	assert_false(kmemleak_reported(v));
	vfree(v);
}

static void test_ctrl_c_stops_the_scan_and_reports_nothing(void **state)
{
	void *p = kmalloc(32, GFP_KERNEL);

	age();
	host_fatal_signal = true;
	assert_int_equal(kmemleak_scan(), -1);
	host_fatal_signal = false;
	assert_false(kmemleak_reported(p));
	assert_int_equal(kmemleak_scan(), 1);
	kfree(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_interior_address_finds_the_block_and_free_forgets_it, setup,
			slab_teardown),
		cmocka_unit_test_setup_teardown(test_every_allocator_is_tracked_and_metadata_is_not,
						setup, slab_teardown),
		cmocka_unit_test_setup_teardown(
			test_lost_block_is_reported_once_and_reached_ones_never, setup,
			slab_teardown),
		cmocka_unit_test_setup_teardown(test_unreachable_cycle_is_reported_whole, setup,
						slab_teardown),
		cmocka_unit_test_setup_teardown(test_young_blocks_are_not_reported, setup,
						slab_teardown),
		cmocka_unit_test_setup_teardown(test_not_leak_ignore_no_scan_and_clear, setup,
						slab_teardown),
		cmocka_unit_test_setup_teardown(
			test_vmalloc_area_needs_a_reference_besides_its_vm_struct, setup,
			slab_teardown),
		cmocka_unit_test_setup_teardown(test_ctrl_c_stops_the_scan_and_reports_nothing,
						setup, slab_teardown),
	};

	return cmocka_run_group_tests_name("kmemleak", tests, NULL, NULL);
}
