/*
 * Host tests for lib/ringbuf.c, the SPSC byte ring between the UART interrupt and the
 * shell: FIFO order, drop-and-count when full, free-running 32-bit indices that wrap,
 * the power-of-two size rule, and a randomized run against a trivial model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <lib/prandom.h>
#include <lib/ringbuf.h>

static void test_power_of_two_sizes_are_accepted(void **state)
{
	static u8 store[256];
	struct ringbuf rb;
	u32 size;

	for (size = 2; size <= sizeof(store); size <<= 1) {
		memset(&rb, 0xa5, sizeof(rb));
		assert_int_equal(ringbuf_init(&rb, store, size), 0);
		assert_int_equal(rb.size, size);
		assert_int_equal(rb.head, 0);
		assert_int_equal(rb.tail, 0);
		assert_int_equal(rb.dropped, 0);
		assert_int_equal(ringbuf_count(&rb), 0);
	}
}

static void test_size_not_power_of_two_is_refused(void **state)
{
	static const u32 bad[] = { 0, 1, 3, 5, 6, 7, 12, 100, 255, 257, 0x80000001u, 0xffffffffu };
	u8 store[4];
	struct ringbuf rb;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (ringbuf_init(&rb, store, bad[i]) != -1)
			fail_msg("size %u was accepted", bad[i]);
}

static void test_largest_power_of_two_size_is_accepted(void **state)
{
	struct ringbuf rb;

	/* storage is never touched by init */
	assert_int_equal(ringbuf_init(&rb, NULL, 0x80000000u), 0);
}

static void test_empty_ring_get_returns_false_and_leaves_byte(void **state)
{
	u8 store[4], c = 0x5a;
	struct ringbuf rb;

	assert_int_equal(ringbuf_init(&rb, store, sizeof(store)), 0);
	assert_false(ringbuf_get(&rb, &c));
	assert_int_equal(c, 0x5a);
}

static void test_bytes_come_out_in_the_order_they_went_in(void **state)
{
	u8 *store = malloc(8), c; /* heap: ASan catches an index past the storage */
	struct ringbuf rb;
	unsigned int i, round;

	assert_int_equal(ringbuf_init(&rb, store, 8), 0);
	for (round = 0; round < 5; round++) {
		for (i = 0; i < 5; i++)
			assert_true(ringbuf_put(&rb, (u8)(round * 10 + i)));
		assert_int_equal(ringbuf_count(&rb), 5);
		for (i = 0; i < 5; i++) {
			assert_true(ringbuf_get(&rb, &c));
			assert_int_equal(c, round * 10 + i);
		}
		assert_int_equal(ringbuf_count(&rb), 0);
	}
	free(store);
}

static void test_full_ring_drops_the_byte_and_counts_it(void **state)
{
	u8 *store = malloc(8), c;
	struct ringbuf rb;
	unsigned int i;

	assert_int_equal(ringbuf_init(&rb, store, 8), 0);
	for (i = 0; i < 8; i++)
		assert_true(ringbuf_put(&rb, (u8)i));
	assert_int_equal(ringbuf_count(&rb), 8);
	assert_false(ringbuf_put(&rb, 100));
	assert_false(ringbuf_put(&rb, 101));
	assert_int_equal(rb.dropped, 2);
	assert_int_equal(ringbuf_count(&rb), 8);
	/* the dropped bytes did not overwrite anything */
	for (i = 0; i < 8; i++) {
		assert_true(ringbuf_get(&rb, &c));
		assert_int_equal(c, i);
	}
	assert_false(ringbuf_get(&rb, &c));
	/* room again after reading; the drop count stays */
	assert_true(ringbuf_put(&rb, 7));
	assert_int_equal(rb.dropped, 2);
	free(store);
}

static void test_indices_wrap_at_2_pow_32(void **state)
{
	u8 *store = malloc(4), c;
	struct ringbuf rb;
	unsigned int i;

	assert_int_equal(ringbuf_init(&rb, store, 4), 0);
	rb.head = rb.tail = 0xfffffffeu; /* as if 2^32 - 2 bytes had passed */
	for (i = 0; i < 4; i++)
		assert_true(ringbuf_put(&rb, (u8)(0xf0 + i)));
	assert_int_equal(rb.head, 2); /* wrapped */
	assert_int_equal(ringbuf_count(&rb), 4);
	assert_false(ringbuf_put(&rb, 0)); /* still full across the wrap */
	assert_int_equal(rb.dropped, 1);
	for (i = 0; i < 4; i++) {
		assert_true(ringbuf_get(&rb, &c));
		assert_int_equal(c, 0xf0 + i);
	}
	assert_int_equal(rb.tail, 2);
	assert_int_equal(ringbuf_count(&rb), 0);
	assert_false(ringbuf_get(&rb, &c));
	free(store);
}

static void test_count_is_right_when_only_head_has_wrapped(void **state)
{
	u8 store[16];
	struct ringbuf rb;

	assert_int_equal(ringbuf_init(&rb, store, sizeof(store)), 0);
	rb.tail = 0xfffffff8u;
	rb.head = 0xfffffff8u;
	while (rb.head != 3)
		assert_true(ringbuf_put(&rb, 1));
	assert_int_equal(ringbuf_count(&rb), 11);
}

/* A model: a plain array with a read and a write position that never wrap. */
static void test_random_puts_and_gets_match_a_simple_model(void **state)
{
	unsigned int seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();
	const char *env = getenv("TEST_SEED");
	enum {
		STEPS = 200000,
		SIZE = 16
	};
	u8 *store = malloc(SIZE), *model = malloc(STEPS), c;
	size_t model_head = 0, model_tail = 0;
	u32 dropped = 0;
	struct rnd_state rnd;
	struct ringbuf rb;
	unsigned int i;

	if (env)
		seed = (unsigned int)strtoul(env, NULL, 0);
	printf("# test_random_puts_and_gets_match_a_simple_model: seed %u (TEST_SEED=%u to "
	       "repeat)\n",
	       seed, seed);
	prandom_seed_state(&rnd, seed);
	assert_int_equal(ringbuf_init(&rb, store, SIZE), 0);
	/* start just below 2^32 so that every run crosses the wrap */
	rb.head = rb.tail = 0u - 1u - (u32)(prandom_u32_state(&rnd) % 1000);
	for (i = 0; i < STEPS; i++) {
		/* phases biased to fill up, then to drain, so both edges are hit often */
		bool filling = (i / 1000) % 2 == 0;
		bool put = (prandom_u32_state(&rnd) % 100) < (filling ? 70 : 30);

		if (put) {
			u8 v = (u8)prandom_u32_state(&rnd);
			bool ok = ringbuf_put(&rb, v);
			bool room = model_head - model_tail < SIZE;

			if (ok != room)
				fail_msg("seed %u step %u: put returned %d, model has %zu bytes",
					 seed, i, ok, model_head - model_tail);
			if (room)
				model[model_head++] = v;
			else
				dropped++;
		} else {
			bool ok = ringbuf_get(&rb, &c);
			bool have = model_head != model_tail;

			if (ok != have)
				fail_msg("seed %u step %u: get returned %d, model has %zu bytes",
					 seed, i, ok, model_head - model_tail);
			if (have && c != model[model_tail++])
				fail_msg("seed %u step %u: got 0x%02x, want 0x%02x", seed, i, c,
					 model[model_tail - 1]);
		}
		if (ringbuf_count(&rb) != model_head - model_tail)
			fail_msg("seed %u step %u: count %u, model %zu", seed, i,
				 ringbuf_count(&rb), model_head - model_tail);
		if (rb.dropped != dropped)
			fail_msg("seed %u step %u: dropped %u, model %u", seed, i, rb.dropped,
				 dropped);
	}
	assert_true(dropped > 0);	   /* the full edge was exercised */
	assert_true(rb.head < (u32)STEPS); /* and the wrap */
	free(model);
	free(store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_power_of_two_sizes_are_accepted),
		cmocka_unit_test(test_size_not_power_of_two_is_refused),
		cmocka_unit_test(test_largest_power_of_two_size_is_accepted),
		cmocka_unit_test(test_empty_ring_get_returns_false_and_leaves_byte),
		cmocka_unit_test(test_bytes_come_out_in_the_order_they_went_in),
		cmocka_unit_test(test_full_ring_drops_the_byte_and_counts_it),
		cmocka_unit_test(test_indices_wrap_at_2_pow_32),
		cmocka_unit_test(test_count_is_right_when_only_head_has_wrapped),
		cmocka_unit_test(test_random_puts_and_gets_match_a_simple_model),
	};

	return cmocka_run_group_tests_name("ringbuf", tests, NULL, NULL);
}
