/*
 * drivers/irq/vic.c on the S3C6410's pair of PL192s, through the real interrupt core
 * (kernel/irq.c), against fake register blocks that behave like the PL192: INTENABLE is
 * write-1-to-set, INTENCLEAR write-1-to-clear, IRQSTATUS the raw lines that are enabled
 * and not routed to FIQ.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <asm/io.h>
#include <drivers/vic.h>
#include <drivers/vic_regs.h>
#include <kernel/irq.h>

#include "harness/host_regs.h"
#include "harness/mm_host.h"

static struct fake_regs vic0, vic1;

struct dispatch {
	unsigned int irq;
	unsigned int vic0_log, vic1_log; /* log positions when the handler ran */
};

static struct dispatch dispatched[8];
static unsigned int nr_dispatched;

static u32 pl192_status(struct fake_regs *f)
{
	return f->reg[VIC_RAWINTR / 4] & f->reg[VIC_INTENABLE / 4] & ~f->reg[VIC_INTSELECT / 4];
}

/* ADDRESS: the vector of the highest-priority pending line (all priorities equal here,
 * so the lowest-numbered line), as the PL192 returns it. */
static u32 pl192_read(struct fake_regs *f, unsigned int offset)
{
	u32 status = pl192_status(f);

	if (offset == VIC_IRQSTATUS)
		return status;
	if (offset == VIC_PL192_ADDRESS)
		return status ? f->reg[VIC_PL192_VECTADDR(__builtin_ctz(status)) / 4] : 0;
	return f->reg[offset / 4];
}

static void pl192_write(struct fake_regs *f, unsigned int offset, u32 val)
{
	switch (offset) {
	case VIC_INTENABLE:
		f->reg[VIC_INTENABLE / 4] |= val;
		break;
	case VIC_INTENCLEAR:
		f->reg[VIC_INTENABLE / 4] &= ~val;
		break;
	case VIC_IRQSTATUS:
	case VIC_RAWINTR:
	case VIC_PERIPHID0:
		fail_msg("write to read-only VIC register 0x%03x", offset);
		break;
	default:
		f->reg[offset / 4] = val;
	}
}

static void attach_pl192(struct fake_regs *f)
{
	fake_regs_attach(f);
	f->read = pl192_read;
	f->write = pl192_write;
	fake_reg_set(f, VIC_PERIPHID0, 0x92);
}

/* The device handler: records the dispatch and drops the device's line, as a driver does. */
static void record_handler(unsigned int irq, void *dev)
{
	struct fake_regs *f = dev;

	assert_true(nr_dispatched < 8);
	dispatched[nr_dispatched++] =
		(struct dispatch){ .irq = irq, .vic0_log = vic0.nr_log, .vic1_log = vic1.nr_log };
	f->reg[VIC_RAWINTR / 4] &= ~(1u << (irq % 32));
}

static int group_setup(void **state)
{
	attach_pl192(&vic0);
	attach_pl192(&vic1);
	if (vic_init(vic0.reg, 0) || vic_init(vic1.reg, 32))
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	fake_regs_detach_all();
	return 0;
}

static int setup(void **state)
{
	fake_regs_clear_log(&vic0);
	fake_regs_clear_log(&vic1);
	fake_reg_set(&vic0, VIC_RAWINTR, 0);
	fake_reg_set(&vic1, VIC_RAWINTR, 0);
	nr_dispatched = 0;
	host_log_clear();
	return 0;
}

static int teardown(void **state)
{
	unsigned int irq;

	for (irq = 0; irq < NR_IRQS; irq++)
		free_irq(irq);
	return 0;
}

/* Runs first, on the log vic_init() left. */
static void test_init_masks_every_line_and_routes_none_to_fiq(void **state)
{
	struct fake_regs *v[2] = { &vic0, &vic1 };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		assert_int_equal(fake_regs_last_write(v[i], VIC_INTENCLEAR), 0xffffffff);
		assert_int_equal(fake_regs_last_write(v[i], VIC_INTSELECT), 0);
		assert_int_equal(fake_regs_last_write(v[i], VIC_SOFTINTCLR), 0xffffffff);
		/* PL192 (PeriphID0 0x92): any priority a loader left active is released. */
		assert_int_equal(fake_regs_last_write(v[i], VIC_PL192_ADDRESS), 0);
		assert_int_equal(fake_reg(v[i], VIC_INTENABLE), 0);
		assert_int_equal(fake_regs_writes(v[i], VIC_INTENABLE, NULL, 0), 0);
		/* Each line's vector is its number: the ADDRESS read names the source. */
		assert_int_equal(fake_reg(v[i], VIC_PL192_VECTADDR(0)), 0);
		assert_int_equal(fake_reg(v[i], VIC_PL192_VECTADDR(28)), 28);
		assert_int_equal(fake_reg(v[i], VIC_PL192_VECTADDR(31)), 31);
	}
}

static void test_third_vic_is_refused(void **state)
{
	static struct fake_regs spare;

	assert_int_equal(vic_init(spare.reg, 0), -1);
}

static void test_request_irq_enables_the_line_on_its_own_vic(void **state)
{
	assert_int_equal(request_irq(28, record_handler, "timer4", &vic0), 0);
	assert_int_equal(fake_regs_last_write(&vic0, VIC_INTENABLE), 1u << 28);
	assert_int_equal(fake_regs_writes(&vic1, VIC_INTENABLE, NULL, 0), 0);

	assert_int_equal(request_irq(32 + 5, record_handler, "uart0", &vic1), 0);
	assert_int_equal(fake_regs_last_write(&vic1, VIC_INTENABLE), 1u << 5);
	assert_int_equal(fake_regs_writes(&vic0, VIC_INTENABLE, NULL, 0), 1);
	assert_int_equal(fake_reg(&vic0, VIC_INTENABLE), 1u << 28);
	assert_int_equal(fake_reg(&vic1, VIC_INTENABLE), 1u << 5);
}

/* Masking must not read-modify-write INTENABLE: writing 0 bits there does nothing. */
static void test_free_irq_masks_through_intenclear(void **state)
{
	assert_int_equal(request_irq(32 + 9, record_handler, "dma0", &vic1), 0);
	assert_int_equal(request_irq(32 + 10, record_handler, "dma1", &vic1), 0);
	fake_regs_clear_log(&vic1);
	free_irq(32 + 9);
	assert_int_equal(fake_regs_last_write(&vic1, VIC_INTENCLEAR), 1u << 9);
	assert_int_equal(fake_regs_writes(&vic1, VIC_INTENABLE, NULL, 0), 0);
	assert_int_equal(fake_reg(&vic1, VIC_INTENABLE), 1u << 10);
	assert_int_equal(fake_regs_writes(&vic0, VIC_INTENCLEAR, NULL, 0), 0);
}

static void test_pending_line_runs_its_handler_then_address_is_written(void **state)
{
	int address_read, address_write;

	assert_int_equal(request_irq(28, record_handler, "timer4", &vic0), 0);
	fake_regs_clear_log(&vic0);
	fake_reg_set(&vic0, VIC_RAWINTR, 1u << 28);
	handle_irq(NULL);

	assert_int_equal(nr_dispatched, 1);
	assert_int_equal(dispatched[0].irq, 28);
	assert_int_equal(irq_count(28), 1);
	/* The PL192 handshake: ADDRESS read before the handler, written after it. */
	address_read = fake_regs_find_read(&vic0, VIC_PL192_ADDRESS, 0);
	assert_true(address_read >= 0 && address_read < (int)dispatched[0].vic0_log);
	address_write = fake_regs_find_write(&vic0, VIC_PL192_ADDRESS, 0);
	assert_true(address_write >= (int)dispatched[0].vic0_log);
	assert_int_equal(fake_regs_find_read(&vic0, VIC_PL192_ADDRESS, address_read + 1), -1);
	assert_int_equal(fake_reg(&vic0, VIC_PL192_ADDRESS), 0);
	/* The line is still enabled for the next tick. */
	assert_int_equal(fake_reg(&vic0, VIC_INTENABLE), 1u << 28);
}

static void test_vic1_lines_are_irqs_from_32(void **state)
{
	assert_int_equal(request_irq(32 + 5, record_handler, "uart0", &vic1), 0);
	fake_reg_set(&vic1, VIC_RAWINTR, 1u << 5);
	handle_irq(NULL);
	assert_int_equal(nr_dispatched, 1);
	assert_int_equal(dispatched[0].irq, 37);
	assert_int_not_equal(fake_regs_find_write(&vic1, VIC_PL192_ADDRESS, 0), -1);
}

static void test_all_pending_lines_are_served_vic0_first(void **state)
{
	assert_int_equal(request_irq(3, record_handler, "a", &vic0), 0);
	assert_int_equal(request_irq(28, record_handler, "b", &vic0), 0);
	assert_int_equal(request_irq(32, record_handler, "c", &vic1), 0);
	fake_reg_set(&vic0, VIC_RAWINTR, (1u << 3) | (1u << 28));
	fake_reg_set(&vic1, VIC_RAWINTR, 1u << 0);
	handle_irq(NULL);
	assert_int_equal(nr_dispatched, 3);
	assert_int_equal(dispatched[0].irq, 3);
	assert_int_equal(dispatched[1].irq, 28);
	assert_int_equal(dispatched[2].irq, 32);
}

static void test_disabled_line_is_not_dispatched(void **state)
{
	fake_reg_set(&vic0, VIC_RAWINTR, 1u << 7);
	handle_irq(NULL);
	assert_int_equal(nr_dispatched, 0);
	assert_int_equal(fake_regs_writes(&vic0, VIC_INTENCLEAR, NULL, 0), 0);
}

/* A line left enabled with no handler (a loader's) is reported and masked, not looped on. */
static void test_line_without_handler_is_masked(void **state)
{
	fake_reg_set(&vic1, VIC_INTENABLE, 1u << 12);
	fake_reg_set(&vic1, VIC_RAWINTR, 1u << 12);
	handle_irq(NULL);
	assert_int_equal(nr_dispatched, 0);
	assert_int_equal(fake_regs_last_write(&vic1, VIC_INTENCLEAR), 1u << 12);
	assert_int_equal(fake_reg(&vic1, VIC_INTENABLE), 0);
	assert_true(host_log_contains("irq 44: no handler"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_masks_every_line_and_routes_none_to_fiq),
		cmocka_unit_test(test_third_vic_is_refused),
		cmocka_unit_test_setup_teardown(test_request_irq_enables_the_line_on_its_own_vic,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_irq_masks_through_intenclear, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_pending_line_runs_its_handler_then_address_is_written, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_vic1_lines_are_irqs_from_32, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_pending_lines_are_served_vic0_first, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_disabled_line_is_not_dispatched, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_line_without_handler_is_masked, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
