/* S3C6410 clock tree, read back from the system controller (board-private). */
#ifndef BOARD_S3C6410_CLOCK_H
#define BOARD_S3C6410_CLOCK_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define S3C_XTAL_HZ 12000000

/* The system controller registers that decide PCLK, as read from the hardware. */
struct s3c_clock_regs {
	u32 apll_con;
	u32 mpll_con;
	u32 clk_src;
	u32 clk_div0;
	u32 others;
};

/*
 * Output of a PLL from its PLL_CON value and a @fin_hz input: M x Fin / (P x 2^S), or 0
 * when the PLL is disabled (PLL_CON bit 31 clear) or P is 0.
 */
u32 s3c_pll_hz(u32 pll_con, u32 fin_hz);
/* PCLK from the register values; 0 when they make no sense (a selected PLL disabled or
 * with P = 0). */
u32 s3c_pclk_hz(const struct s3c_clock_regs *r);
/* Read the registers from the mapped system controller at @syscon. */
void s3c_clock_read(void __iomem *syscon, struct s3c_clock_regs *r);
/* Turn on the clock gates of the interrupt controllers, UART0, PWM timers and DMAC0. */
void s3c_clock_enable_gates(void __iomem *syscon);

#endif
