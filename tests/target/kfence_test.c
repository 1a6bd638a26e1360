/*
 * KTAP suite "kfence": KFENCE (mm/kfence.c) on the running MMU, after the ideas of Linux's
 * mm/kfence/kfence_test.c: out-of-bounds reads and writes on either side, use-after-free,
 * double and invalid frees, canary corruption, kmem_cache objects (constructor, destroy
 * with a live object), krealloc, ksize and __GFP_ZERO. Each access that faults runs under
 * catch_faults_quiet(): KFENCE must report it and let it complete, so the function
 * returns; a fault that unwinds is a failure.
 */
#include <asm/traps.h>
#include <kernel/kernel.h>
#include <kernel/ktap.h>
#include <mm/kfence.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <string.h>

static void sampling_off(void *arg)
{
	kfence_disable();
}

/* A kmalloc() object from the pool at the start (@right false) or end of its page. */
static char *pool_object(struct ktap_test *t, size_t size, bool right)
{
	char *p, *other = NULL;
	int i;

	ktap_add_action(t, sampling_off, NULL);
	if (kfence_set_sample_every(1))
		return NULL;
	for (i = 0; i < 2; i++) {
		p = kmalloc(size, GFP_KERNEL);
		if (!p || !is_kfence_address(p))
			break;
		if (((unsigned long)p % PAGE_SIZE == 0) != right)
			goto found;
		kfree(other);
		other = p;
		p = NULL; /* held as @other: freed once below */
	}
	kfree(other);
	kfree(p);
	return NULL;
found:
	kfree(other);
	kfence_disable();
	return p;
}

struct access {
	volatile char *addr;
	bool write;
};

static int do_access(void *arg)
{
	struct access *a = arg;

	if (a->write)
		*a->addr = 0x42;
	else
		(void)*a->addr;
	return 0;
}

/* The access is reported exactly once and completes (no unwinding). */
static void expect_reported_access(struct ktap_test *t, volatile char *addr, bool write)
{
	struct access a = { .addr = addr, .write = write };
	unsigned long bugs = kfence_total_bugs();
	struct fault_record rec;

	KTAP_EXPECT_EQ(t, catch_faults_quiet(do_access, &a, NULL, &rec), 0);
	KTAP_EXPECT_EQ(t, kfence_total_bugs(), bugs + 1);
}

static void oob_left_read_is_reported(struct ktap_test *t)
{
	char *p = pool_object(t, 20, false);

	KTAP_ASSERT_TRUE(t, p != NULL);
	ktap_expect_report(t, "BUG: KFENCE: out-of-bounds read, 1B left of the object");
	expect_reported_access(t, p - 1, false);
	kfree(p);
}

static void oob_right_write_is_reported(struct ktap_test *t)
{
	char *p = pool_object(t, 20, true);

	KTAP_ASSERT_TRUE(t, p != NULL);
	ktap_expect_report(t, "BUG: KFENCE: out-of-bounds write on the guard page after it");
	expect_reported_access(t, (char *)PAGE_ALIGN((unsigned long)p + 20), true);
	kfree(p);
}

static void use_after_free_read_is_reported(struct ktap_test *t)
{
	char *p = pool_object(t, 64, false);

	KTAP_ASSERT_TRUE(t, p != NULL);
	kfree(p);
	ktap_expect_report(t, "BUG: KFENCE: use-after-free read");
	expect_reported_access(t, p + 8, false);
}

static void double_free_is_an_invalid_free(struct ktap_test *t)
{
	char *p = pool_object(t, 32, true);
	unsigned long bugs, live;

	KTAP_ASSERT_TRUE(t, p != NULL);
	live = kfence_nr_allocated();
	kfree(p);
	KTAP_EXPECT_EQ(t, kfence_nr_allocated(), live - 1);
	bugs = kfence_total_bugs();
	ktap_expect_report(t, "BUG: KFENCE: invalid free (double free)");
	kfree(p);
	KTAP_EXPECT_EQ(t, kfence_total_bugs(), bugs + 1);
	KTAP_EXPECT_EQ(t, kfence_nr_allocated(), live - 1);
}

static void free_inside_the_object_is_refused(struct ktap_test *t)
{
	char *p = pool_object(t, 100, false);
	unsigned long bugs;

	KTAP_ASSERT_TRUE(t, p != NULL);
	bugs = kfence_total_bugs();
	ktap_expect_report(t, "BUG: KFENCE: invalid free of p + 1");
	kfree(p + 1);
	KTAP_EXPECT_EQ(t, kfence_total_bugs(), bugs + 1);
	KTAP_EXPECT_TRUE(t, ksize(p) == 100); /* still allocated */
	kfree(p);
}

static void canary_corruption_is_reported_at_free(struct ktap_test *t)
{
	char *p = pool_object(t, 20, false);
	unsigned long bugs;

	KTAP_ASSERT_TRUE(t, p != NULL);
	p[20] = 0x5a; /* inside the page: no fault, the canary catches it */
	bugs = kfence_total_bugs();
	ktap_expect_report(t, "BUG: KFENCE: memory corruption, 1 byte after the object");
	kfree(p);
	KTAP_EXPECT_EQ(t, kfence_total_bugs(), bugs + 1);
}

static void ctor_fill(void *obj)
{
	memset(obj, 0x3c, 48);
}

static void cache_objects_and_destroy_with_a_live_one(struct ktap_test *t)
{
	struct kmem_cache *c = kmem_cache_create("ktap-kfence", 48, 0, 0, ctor_fill);
	unsigned char *p;
	unsigned long live;

	KTAP_ASSERT_TRUE(t, c != NULL);
	ktap_add_action(t, sampling_off, NULL);
	KTAP_ASSERT_TRUE(t, kfence_set_sample_every(1) == 0);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kfence_disable();
	KTAP_ASSERT_TRUE(t, p && is_kfence_address(p));
	KTAP_EXPECT_TRUE(t, p[0] == 0x3c && p[47] == 0x3c); /* the constructor ran */
	KTAP_EXPECT_TRUE(t, !kmem_ptr_is_free(p));
	live = kfence_nr_allocated();
	/* Linux: the live object becomes a zombie, never reused, and the cache goes. */
	KTAP_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	KTAP_EXPECT_EQ(t, kfence_nr_allocated(), live);
	/* A later use reports the free that kmem_cache_destroy() made, and completes. */
	ktap_expect_report(t, "BUG: KFENCE: use-after-free write of the zombie");
	expect_reported_access(t, (char *)p + 1, true);
}

static void krealloc_moves_and_keeps_the_contents(struct ktap_test *t)
{
	char *p = pool_object(t, 20, true), *q;

	KTAP_ASSERT_TRUE(t, p != NULL);
	KTAP_EXPECT_EQ(t, ksize(p), 20);
	memcpy(p, "kfence krealloc 20", 19);
	q = krealloc(p, 20, GFP_KERNEL); /* fits: the same object */
	KTAP_EXPECT_TRUE(t, q == p);
	q = krealloc(p, 28, GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, q != NULL);
	KTAP_EXPECT_TRUE(t, q != p && !strcmp(q, "kfence krealloc 20"));
	kfree(q);
}

static void gfp_zero_clears_a_pool_object(struct ktap_test *t)
{
	char *p;
	size_t i;
	bool zero = true;

	ktap_add_action(t, sampling_off, NULL);
	KTAP_ASSERT_TRUE(t, kfence_set_sample_every(1) == 0);
	p = kzalloc(200, GFP_KERNEL);
	kfence_disable();
	KTAP_ASSERT_TRUE(t, p && is_kfence_address(p));
	for (i = 0; i < 200; i++)
		zero = zero && !p[i];
	KTAP_EXPECT_TRUE(t, zero);
	KTAP_EXPECT_TRUE(t, kfree_checked(p) == 0);
}

static const struct ktap_case kfence_cases[] = {
	KTAP_CASE(oob_left_read_is_reported),
	KTAP_CASE(oob_right_write_is_reported),
	KTAP_CASE(use_after_free_read_is_reported),
	KTAP_CASE(double_free_is_an_invalid_free),
	KTAP_CASE(free_inside_the_object_is_refused),
	KTAP_CASE(canary_corruption_is_reported_at_free),
	KTAP_CASE(cache_objects_and_destroy_with_a_live_one),
	KTAP_CASE(krealloc_moves_and_keeps_the_contents),
	KTAP_CASE(gfp_zero_clears_a_pool_object),
};
KTAP_SUITE(kfence, kfence_cases);
