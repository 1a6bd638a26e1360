/*
 * board/s3c6410/clock.c: PCLK as the loader left it, from the PLL and divider registers
 * (S3C6410 user manual, clock chapter; the same arithmetic as Linux's s3c64xx clocks).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../../board/s3c6410/clock.h"

#define PLL(m, p, s) ((1u << 31) | ((m) << 16) | ((p) << 8) | (s))
#define SYNCMUXSEL   (1u << 6)
/* HCLKX2 ratio 1 (/2), HCLK ratio 1 (/2), PCLK ratio 3 (/4). */
#define DIV0_533_133_66 ((1u << 9) | (1u << 8) | (3u << 12))

static void test_pll_output(void **state)
{
	assert_int_equal(s3c_pll_hz(PLL(266, 3, 1), 12000000), 532000000);
	assert_int_equal(s3c_pll_hz(PLL(266, 3, 2), 12000000), 266000000);
	assert_int_equal(s3c_pll_hz(PLL(333, 3, 1), 12000000), 666000000);
	assert_int_equal(s3c_pll_hz(PLL(266, 0, 1), 12000000), 0); /* P = 0: nonsense */
	/* Enable bit 31 clear: the PLL is off, whatever M, P and S say. */
	assert_int_equal(s3c_pll_hz(PLL(266, 3, 1) & ~(1u << 31), 12000000), 0);
}

/* A disabled PLL selected in CLK_SRC gives no PCLK: the board falls back (and warns). */
static void test_pclk_from_a_disabled_selected_pll_is_zero(void **state)
{
	struct s3c_clock_regs r = {
		.apll_con = PLL(266, 3, 1) & ~(1u << 31),
		.mpll_con = PLL(266, 3, 2),
		.clk_src = 0x3,
		.clk_div0 = DIV0_533_133_66,
		.others = SYNCMUXSEL,
	};

	assert_int_equal(s3c_pclk_hz(&r), 0);
	r.others = 0; /* asynchronous: the (enabled) MPLL is the source */
	r.clk_div0 = (1u << 12) | (1u << 8);
	assert_int_equal(s3c_pclk_hz(&r), 133000000);
}

/* Synchronous mode: HCLKX2 from the APLL. 532 / 2 / 4 = 66.5 MHz. */
static void test_pclk_sync_mode_from_apll(void **state)
{
	struct s3c_clock_regs r = {
		.apll_con = PLL(266, 3, 1),
		.mpll_con = PLL(266, 3, 2),
		.clk_src = 0x3,
		.clk_div0 = DIV0_533_133_66,
		.others = SYNCMUXSEL,
	};

	assert_int_equal(s3c_pclk_hz(&r), 66500000);
}

/* Asynchronous mode: HCLKX2 from the MPLL, whatever the APLL (ARM clock) runs at. */
static void test_pclk_async_mode_from_mpll(void **state)
{
	struct s3c_clock_regs r = {
		.apll_con = PLL(333, 3, 1),
		.mpll_con = PLL(266, 3, 1),
		.clk_src = 0x3,
		.clk_div0 = DIV0_533_133_66,
		.others = 0,
	};

	assert_int_equal(s3c_pclk_hz(&r), 66500000);
	r.clk_div0 = (0u << 9) | (1u << 12); /* HCLKX2 = MPLL, PCLK = HCLKX2 / 2 */
	r.mpll_con = PLL(266, 3, 2);
	assert_int_equal(s3c_pclk_hz(&r), 133000000);
}

/* A PLL not selected in CLK_SRC passes the 12 MHz crystal through. */
static void test_pclk_with_pll_bypassed_uses_the_crystal(void **state)
{
	struct s3c_clock_regs r = {
		.apll_con = PLL(266, 3, 1),
		.mpll_con = PLL(266, 3, 1),
		.clk_src = 0x1,
		.clk_div0 = 0,
		.others = 0,
	};

	assert_int_equal(s3c_pclk_hz(&r), 12000000);
	r.others = SYNCMUXSEL;
	r.clk_src = 0x2;
	assert_int_equal(s3c_pclk_hz(&r), 12000000);
}

static void test_pclk_from_broken_pll_is_zero(void **state)
{
	struct s3c_clock_regs r = {
		.mpll_con = PLL(266, 0, 1),
		.clk_src = 0x3,
		.clk_div0 = DIV0_533_133_66,
	};

	assert_int_equal(s3c_pclk_hz(&r), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pll_output),
		cmocka_unit_test(test_pclk_sync_mode_from_apll),
		cmocka_unit_test(test_pclk_async_mode_from_mpll),
		cmocka_unit_test(test_pclk_with_pll_bypassed_uses_the_crystal),
		cmocka_unit_test(test_pclk_from_broken_pll_is_zero),
		cmocka_unit_test(test_pclk_from_a_disabled_selected_pll_is_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
