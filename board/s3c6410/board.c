/*
 * Board "s3c6410": OK6410 / Tiny6410 / SMDK6410-class boards with a Samsung S3C6410,
 * loaded by U-Boot (docs/boards.md, section 7). Addresses and interrupt lines come from map.h; the
 * peripheral-port remap and the watchdog were handled by the reset hook (board_reset.h)
 * before the first device access.
 */
#include <asm/fixmap.h>
#include <asm/io.h>
#include <asm/memory.h>
#include <drivers/pl080.h>
#include <drivers/samsung_pwm.h>
#include <drivers/samsung_uart.h>
#include <drivers/vic.h>
#include <kernel/board.h>
#include <kernel/printk.h>

#include "clock.h"
#include "map.h"

#define CONSOLE_BAUD 115200
/* The usual "533/133/66.5 MHz" set-up; used when the clock registers make no sense. */
#define NOMINAL_PCLK_HZ 66500000

/* GPA0/GPA1 as UART0 RXD/TXD (function 2). */
#define GPACON		  0x00
#define GPACON_UART0_MASK 0xff
#define GPACON_UART0	  0x22
/* System controller: route every DMA request to the non-secure DMACs (DMAC0/1). */
#define SYSCON_SDMA_SEL	   0x110
#define SDMA_SEL_NONSECURE 0xffffff

#if EARLY_UART_PHYS != S3C_PA_UART0
#error "board.mk EARLY_UART_PHYS must be UART0"
#endif
#if PHYS_OFFSET != 0x50000000
#error "board.mk PHYS_OFFSET must be the S3C6410's DRAM base"
#endif
#if RAM_MB != 128 && RAM_MB != 256
#error "S3C6410 boards have 128 or 256 MB (RAM_MB)"
#endif
#if LOWMEM_MB > RAM_MB
#error "LOWMEM_MB exceeds the RAM"
#endif

const struct board_info board_info = {
	.name = "s3c6410",
	.machine = "Samsung S3C6410 (OK6410/Tiny6410/SMDK6410 class)",
	.ram_base = PHYS_OFFSET,
	.ram_size = (u32)RAM_MB << 20,
};

/* PWM timer 3's rate: PCLK / (prescaler 1 + 1), set by board_init(). */
u32 board_cycle_counter_hz = NOMINAL_PCLK_HZ;

static void __iomem *map_or_panic(phys_addr_t phys, const char *what)
{
	void __iomem *p = ioremap(phys, 0x1000);

	if (!p)
		panic("board: cannot map the %s at 0x%08x", what, phys);
	return p;
}

/**
 * board_early_init - polled UART0 console through head.S's boot window
 *
 * U-Boot left UART0 at 115200 8N1; it is used as it is until board_init().
 */
void board_early_init(void)
{
	/* U-Boot left UART0 running at 115200: print through it as it is. */
	samsung_uart_console_init((void __iomem *)(EARLY_IO_VIRT + (S3C_PA_UART0 & 0xfffff)));
}

/**
 * board_init - map and start the S3C6410's devices
 *
 * Switches on the clock gates, reads PCLK back from the PLLs, routes UART0's pins, moves the
 * console to its FIXMAP slot and programs it for 115200 baud, then starts both VICs, PWM
 * timers 3 (cycle counter) and 4 (tick), the console's receive interrupt and DMAC0. Panics
 * when one of them cannot be started.
 */
void board_init(void)
{
	void __iomem *syscon = map_or_panic(S3C_PA_SYSCON, "system controller");
	void __iomem *gpio = map_or_panic(S3C_PA_GPIO, "GPIO block");
	void __iomem *vic0 = map_or_panic(S3C_PA_VIC0, "VIC0");
	void __iomem *vic1 = map_or_panic(S3C_PA_VIC1, "VIC1");
	void __iomem *pwm = map_or_panic(S3C_PA_PWM, "PWM timers");
	void __iomem *dmac0 = map_or_panic(S3C_PA_DMAC0, "DMAC0");
	struct s3c_clock_regs clk;
	u32 pclk;

	s3c_clock_enable_gates(syscon);
	s3c_clock_read(syscon, &clk);
	pclk = s3c_pclk_hz(&clk);
	writel((readl(gpio + GPACON) & ~GPACON_UART0_MASK) | GPACON_UART0, gpio + GPACON);

	/* The console keeps a fixed mapping: it must work whatever state the mm is in. */
	samsung_uart_console_init(fixmap_console(S3C_PA_UART0));
	if (!pclk || samsung_uart_setup(pclk, CONSOLE_BAUD)) {
		pr_warn("board: PCLK %u Hz unusable, assuming %u Hz\n", pclk, NOMINAL_PCLK_HZ);
		pclk = NOMINAL_PCLK_HZ;
		samsung_uart_setup(pclk, CONSOLE_BAUD);
	}
	pr_info("board: PCLK %u Hz (APLL %u, MPLL %u Hz)\n", pclk,
		s3c_pll_hz(clk.apll_con, S3C_XTAL_HZ), s3c_pll_hz(clk.mpll_con, S3C_XTAL_HZ));

	if (vic_init(vic0, S3C_IRQ_VIC0_BASE) || vic_init(vic1, S3C_IRQ_VIC1_BASE))
		panic("board: VIC init failed");
	samsung_pwm_init(pwm, pclk);
	board_cycle_counter_hz = samsung_pwm_clock_hz();
	samsung_pwm_clocksource_init();
	if (samsung_pwm_tick_init(S3C_IRQ_TIMER4))
		panic("board: tick timer init failed");
	if (samsung_uart_enable_rx_irq(S3C_IRQ_UART0))
		panic("board: console interrupt init failed");
	writel(SDMA_SEL_NONSECURE, syscon + SYSCON_SDMA_SEL);
	if (pl080_init(dmac0, S3C_IRQ_DMA0, &pl080s_variant_samsung))
		panic("board: DMA controller init failed");
}

/**
 * board_cycle_counter - read PWM timer 3, free-running at PCLK / (prescaler 1 + 1)
 *
 * Return: the count, turned to count up, at board_cycle_counter_hz.
 */
u32 board_cycle_counter(void)
{
	return samsung_pwm_clocksource_read();
}
