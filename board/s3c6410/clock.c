/*
 * S3C6410 clocks: which PCLK the loader left. Nothing is reprogrammed; the PLLs and
 * dividers are read back and the UART and timers are set up from the result, so a
 * U-Boot running 533/133/66.5 MHz or 667/133/66.5 MHz (or anything else) works.
 *
 * HCLKX2 comes from the APLL in synchronous mode (OTHERS.SYNCMUXSEL) and from the MPLL
 * otherwise; HCLK and PCLK divide HCLKX2 (CLK_DIV0). A PLL whose mux (CLK_SRC) is not
 * selected passes the 12 MHz crystal through.
 */
#include <asm/io.h>

#include "clock.h"

#define APLL_CON  0x00c
#define MPLL_CON  0x010
#define CLK_SRC	  0x01c
#define CLK_DIV0  0x020
#define HCLK_GATE 0x030
#define PCLK_GATE 0x034
#define OTHERS	  0x900

#define PLL_ENABLE	   (1u << 31)
#define PLL_M(c)	   (((c) >> 16) & 0x3ff)
#define PLL_P(c)	   (((c) >> 8) & 0x3f)
#define PLL_S(c)	   ((c)&0x7)
#define CLK_SRC_APLL_SEL   (1 << 0)
#define CLK_SRC_MPLL_SEL   (1 << 1)
#define CLK_DIV0_HCLKX2(d) ((((d) >> 9) & 0x7) + 1)
#define CLK_DIV0_PCLK(d)   ((((d) >> 12) & 0xf) + 1)
#define OTHERS_SYNCMUXSEL  (1 << 6)

#define HCLK_GATE_INTC	(1 << 1)
#define HCLK_GATE_DMA0	(1 << 12)
#define PCLK_GATE_UART0 (1 << 1)
#define PCLK_GATE_PWM	(1 << 7)

u32 s3c_pll_hz(u32 pll_con, u32 fin_hz)
{
	/* A disabled PLL gives no clock at all: M, P and S describe nothing. */
	if (!(pll_con & PLL_ENABLE) || PLL_P(pll_con) == 0)
		return 0;
	return (u32)((u64)PLL_M(pll_con) * fin_hz / (PLL_P(pll_con) << PLL_S(pll_con)));
}

u32 s3c_pclk_hz(const struct s3c_clock_regs *r)
{
	u32 hclkx2_in;

	if (r->others & OTHERS_SYNCMUXSEL)
		hclkx2_in = r->clk_src & CLK_SRC_APLL_SEL ? s3c_pll_hz(r->apll_con, S3C_XTAL_HZ)
							  : S3C_XTAL_HZ;
	else
		hclkx2_in = r->clk_src & CLK_SRC_MPLL_SEL ? s3c_pll_hz(r->mpll_con, S3C_XTAL_HZ)
							  : S3C_XTAL_HZ;
	return hclkx2_in / CLK_DIV0_HCLKX2(r->clk_div0) / CLK_DIV0_PCLK(r->clk_div0);
}

void s3c_clock_read(void __iomem *syscon, struct s3c_clock_regs *r)
{
	r->apll_con = readl(syscon + APLL_CON);
	r->mpll_con = readl(syscon + MPLL_CON);
	r->clk_src = readl(syscon + CLK_SRC);
	r->clk_div0 = readl(syscon + CLK_DIV0);
	r->others = readl(syscon + OTHERS);
}

void s3c_clock_enable_gates(void __iomem *syscon)
{
	writel(readl(syscon + HCLK_GATE) | HCLK_GATE_INTC | HCLK_GATE_DMA0, syscon + HCLK_GATE);
	writel(readl(syscon + PCLK_GATE) | PCLK_GATE_UART0 | PCLK_GATE_PWM, syscon + PCLK_GATE);
}
