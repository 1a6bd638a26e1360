/* KTAP suite "ringbuf": the SPSC ring, including an interrupt-context producer. */
#include <asm/irqflags.h>
#include <kernel/time.h>
#include <kernel/ktap.h>
#include <lib/ringbuf.h>

static void fifo_order_and_full_ring_drops(struct ktap_test *t)
{
	u8 store[8], c;
	struct ringbuf rb;
	unsigned int i;

	KTAP_ASSERT_TRUE(t, ringbuf_init(&rb, store, sizeof(store)) == 0);
	for (i = 0; i < 8; i++)
		KTAP_EXPECT_TRUE(t, ringbuf_put(&rb, (u8)i));
	KTAP_EXPECT_TRUE(t, !ringbuf_put(&rb, 99));
	KTAP_EXPECT_EQ(t, rb.dropped, 1);
	KTAP_EXPECT_EQ(t, ringbuf_count(&rb), 8);
	for (i = 0; i < 8; i++) {
		KTAP_EXPECT_TRUE(t, ringbuf_get(&rb, &c));
		KTAP_EXPECT_EQ(t, c, i);
	}
	KTAP_EXPECT_TRUE(t, !ringbuf_get(&rb, &c));
}

static void indices_wrap_at_2_pow_32(struct ktap_test *t)
{
	u8 store[4], c;
	struct ringbuf rb;
	unsigned int i;

	ringbuf_init(&rb, store, sizeof(store));
	rb.head = rb.tail = 0xfffffffe;
	for (i = 0; i < 4; i++)
		KTAP_EXPECT_TRUE(t, ringbuf_put(&rb, (u8)(0x10 + i)));
	KTAP_EXPECT_EQ(t, ringbuf_count(&rb), 4);
	for (i = 0; i < 4; i++) {
		KTAP_EXPECT_TRUE(t, ringbuf_get(&rb, &c));
		KTAP_EXPECT_EQ(t, c, 0x10 + i);
	}
}

static void size_must_be_a_power_of_two(struct ktap_test *t)
{
	u8 store[12];
	struct ringbuf rb;

	KTAP_EXPECT_EQ(t, ringbuf_init(&rb, store, 12), -1);
	KTAP_EXPECT_EQ(t, ringbuf_init(&rb, store, 1), -1);
}

static struct ringbuf irq_rb;
static u8 irq_store[16];
static volatile u8 irq_seq;

static void tick_producer(void *arg)
{
	if (ringbuf_put(&irq_rb, irq_seq))
		irq_seq++;
}

/* Cleanup action: stop the producer. */
static void stop_tick_producer(void *arg)
{
	unregister_tick_hook(tick_producer, NULL);
}

static void interrupt_producer_thread_consumer(struct ktap_test *t)
{
	unsigned long start = jiffies;
	unsigned int got = 0;
	u8 c;

	ringbuf_init(&irq_rb, irq_store, sizeof(irq_store));
	irq_seq = 0;
	ktap_add_action(t, stop_tick_producer, NULL);
	KTAP_ASSERT_TRUE(t, register_tick_hook(tick_producer, NULL) == 0);
	while (got < 20 && jiffies - start < 5 * HZ) {
		if (ringbuf_get(&irq_rb, &c)) {
			KTAP_EXPECT_EQ(t, c, got);
			got++;
		} else {
			cpu_wait_for_interrupt();
		}
	}
	ktap_release_action(t, stop_tick_producer, NULL);
	KTAP_EXPECT_EQ(t, got, 20);
	KTAP_EXPECT_EQ(t, irq_rb.dropped, 0);
}

static const struct ktap_case ringbuf_cases[] = {
	KTAP_CASE(fifo_order_and_full_ring_drops),
	KTAP_CASE(indices_wrap_at_2_pow_32),
	KTAP_CASE(size_must_be_a_power_of_two),
	KTAP_CASE(interrupt_producer_thread_consumer),
};
KTAP_SUITE(ringbuf, ringbuf_cases);
