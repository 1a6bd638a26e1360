/*
 * drivers/timer/samsung_pwm.c against a fake PWM timer block: the tick's reload value,
 * the manual-update-then-start sequence in TCON, the interrupt enable and
 * write-1-to-clear acknowledge in TINT_CSTAT, and the free-running counter. Timers 0-2
 * belong to someone else (a loader's backlight or beeper): their bits must survive.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <asm/io.h>
#include <drivers/samsung_pwm.h>
#include <drivers/samsung_pwm_regs.h>
#include <kernel/irq.h>
#include <kernel/time.h>

#include "harness/host_irq_line.h"
#include "harness/host_regs.h"

/* Timer 0 running with auto-reload, its interrupt enabled and pending. */
#define OTHER_TCON 0x0000000bu

#define TICK_IRQ 28
#define PCLK	 66500000

static struct fake_regs regs;

static void pwm_write(struct fake_regs *f, unsigned int offset, u32 val)
{
	if (offset == TINT_CSTAT) {
		/* Enables as written; status bits 5-9 are write-1-to-clear. */
		f->reg[offset / 4] = (val & 0x1f) | (f->reg[offset / 4] & ~val & 0x3e0);
		return;
	}
	f->reg[offset / 4] = val;
}

static int timer4_pending(void)
{
	u32 cstat = fake_reg(&regs, TINT_CSTAT);

	return (cstat & CSTAT_T4_ENABLE) && (cstat & CSTAT_T4_STATUS) ? TICK_IRQ : -1;
}

static int setup(void **state)
{
	fake_regs_attach(&regs);
	regs.write = pwm_write;
	fake_reg_set(&regs, TCFG0, 0x00002a0f); /* prescaler 1 = 0x2a, prescaler 0 = 0x0f */
	fake_reg_set(&regs, TCFG1, 0x00044444); /* every timer divided by 16 */
	fake_reg_set(&regs, TCON, OTHER_TCON);
	fake_reg_set(&regs, TINT_CSTAT, CSTAT_T0_ENABLE | CSTAT_T0_STATUS);
	host_irq_line_install(timer4_pending);
	samsung_pwm_init(regs.reg, PCLK);
	return 0;
}

static int teardown(void **state)
{
	free_irq(TICK_IRQ);
	fake_regs_detach_all();
	return 0;
}

static void dummy_handler(unsigned int irq, void *dev)
{
}

static void test_tick_count_is_one_period_minus_one(void **state)
{
	assert_int_equal(HZ, 100);
	assert_int_equal(samsung_pwm_tick_count(66500000), 664999);
	assert_int_equal(samsung_pwm_tick_count(500000), 4999);
	assert_int_equal(samsung_pwm_tick_count(12000000), 119999);
}

/* Prescaler 1 also clocks timer 2 (a loader's PWM output): it must not change. */
static void test_init_keeps_prescaler_1_and_sets_dividers_of_timers_3_and_4_only(void **state)
{
	assert_int_equal(fake_reg(&regs, TCFG0), 0x00002a0f);
	assert_int_equal(fake_regs_writes(&regs, TCFG0, NULL, 0), 0);
	assert_int_equal(fake_reg(&regs, TCFG1), 0x00000444);
	assert_int_equal(samsung_pwm_clock_hz(), PCLK / (0x2a + 1));
}

static void test_tick_init_loads_tcntb4_then_manual_update_then_start(void **state)
{
	u32 tcon[8];
	unsigned int n, i;
	int tcntb4, update = -1, start = -1;

	fake_regs_clear_log(&regs);
	assert_int_equal(samsung_pwm_tick_init(TICK_IRQ), 0);
	/* 100 Hz from PCLK / (prescaler 1 + 1) = 1546511 Hz. */
	assert_int_equal(fake_reg(&regs, TCNTB4), 15464);

	/* The update write copies TCNTB4 in without starting; the next starts with it off. */
	n = fake_regs_writes(&regs, TCON, tcon, 8);
	assert_true(n >= 2 && n <= 8);
	for (i = 0; i < n; i++) {
		assert_int_equal(tcon[i] & 0xfffff, OTHER_TCON); /* timers 0-3 untouched */
		if (update < 0 && (tcon[i] & TCON_T4_UPDATE)) {
			assert_int_equal(tcon[i] & TCON_T4_START, 0);
			update = (int)i;
		} else if (update >= 0 && start < 0) {
			assert_int_equal(tcon[i] &
						 (TCON_T4_START | TCON_T4_UPDATE | TCON_T4_RELOAD),
					 TCON_T4_START | TCON_T4_RELOAD);
			start = (int)i;
		}
	}
	assert_true(update >= 0 && start == update + 1);
	assert_int_equal(fake_reg(&regs, TCON), OTHER_TCON | TCON_T4_START | TCON_T4_RELOAD);
	/* TCNTB4 is written before the manual update that loads it. */
	tcntb4 = fake_regs_find_write(&regs, TCNTB4, 0);
	assert_true(tcntb4 >= 0 && tcntb4 < fake_regs_find_write(&regs, TCON, (unsigned)tcntb4));
}

static void test_tick_init_enables_timer4_interrupt_and_keeps_timer0(void **state)
{
	assert_int_equal(samsung_pwm_tick_init(TICK_IRQ), 0);
	assert_true(host_irq_line_enabled());
	assert_int_equal(fake_reg(&regs, TINT_CSTAT),
			 CSTAT_T0_ENABLE | CSTAT_T4_ENABLE | CSTAT_T0_STATUS);
}

static void test_tick_interrupt_acknowledges_timer4_and_ticks(void **state)
{
	unsigned long before = jiffies;
	int ack;

	assert_int_equal(samsung_pwm_tick_init(TICK_IRQ), 0);
	fake_reg_set(&regs, TINT_CSTAT, fake_reg(&regs, TINT_CSTAT) | CSTAT_T4_STATUS);
	fake_regs_clear_log(&regs);
	handle_irq(NULL);

	assert_int_equal(jiffies, before + 1);
	assert_int_equal(irq_count(TICK_IRQ), 1);
	ack = fake_regs_find_write(&regs, TINT_CSTAT, 0);
	assert_true(ack >= 0);
	/* Timer 4's status bit plus the enables; never timer 0's pending bit. */
	assert_int_equal(regs.log[ack].val, CSTAT_T0_ENABLE | CSTAT_T4_ENABLE | CSTAT_T4_STATUS);
	assert_int_equal(fake_reg(&regs, TINT_CSTAT),
			 CSTAT_T0_ENABLE | CSTAT_T4_ENABLE | CSTAT_T0_STATUS);
	/* Auto-reload: nothing to re-arm. */
	assert_int_equal(fake_regs_writes(&regs, TCON, NULL, 0), 0);
	assert_int_equal(fake_regs_writes(&regs, TCNTB4, NULL, 0), 0);
}

static void test_tick_init_stops_timer4_when_the_line_is_taken(void **state)
{
	assert_int_equal(request_irq(TICK_IRQ, dummy_handler, "other", NULL), 0);
	assert_int_equal(samsung_pwm_tick_init(TICK_IRQ), -1);
	assert_int_equal(fake_reg(&regs, TCON), OTHER_TCON);
	assert_int_equal(fake_reg(&regs, TINT_CSTAT) & CSTAT_T4_ENABLE, 0);
}

static void test_clocksource_runs_timer3_free_and_counts_up(void **state)
{
	u32 tcon[8];
	unsigned int n;

	fake_regs_clear_log(&regs);
	samsung_pwm_clocksource_init();
	assert_int_equal(fake_reg(&regs, TCNTB3), 0xffffffff);
	n = fake_regs_writes(&regs, TCON, tcon, 8);
	assert_true(n >= 2);
	assert_int_equal(tcon[n - 2] & (TCON_T3_START | TCON_T3_UPDATE), TCON_T3_UPDATE);
	assert_int_equal(tcon[n - 1] & (TCON_T3_START | TCON_T3_UPDATE | TCON_T3_RELOAD),
			 TCON_T3_START | TCON_T3_RELOAD);
	assert_int_equal(fake_reg(&regs, TCON) & 0xffff, OTHER_TCON);

	fake_reg_set(&regs, TCNTO3, 0xffffff00);
	assert_int_equal(samsung_pwm_clocksource_read(), 0xff);
	fake_reg_set(&regs, TCNTO3, 0xfffffe00);
	assert_int_equal(samsung_pwm_clocksource_read(), 0x1ff);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tick_count_is_one_period_minus_one),
		T(test_init_keeps_prescaler_1_and_sets_dividers_of_timers_3_and_4_only),
		T(test_tick_init_loads_tcntb4_then_manual_update_then_start),
		T(test_tick_init_enables_timer4_interrupt_and_keeps_timer0),
		T(test_tick_interrupt_acknowledges_timer4_and_ticks),
		T(test_tick_init_stops_timer4_when_the_line_is_taken),
		T(test_clocksource_runs_timer3_free_and_counts_up),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
