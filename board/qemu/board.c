/*
 * Board "qemu": QEMU versatilepb with an ARM1176 (docs/boards.md, section 2). The only
 * file that knows this machine's device addresses and interrupt lines.
 */
#include <asm/fixmap.h>
#include <asm/io.h>
#include <asm/memory.h>
#include <drivers/pl011.h>
#include <drivers/pl080.h>
#include <drivers/sp804.h>
#include <drivers/vic.h>
#include <kernel/board.h>
#include <kernel/printk.h>

#define VERSATILE_SYS_PHYS     0x10000000
#define VERSATILE_SYS_24MHZ    0x5c
#define VERSATILE_VIC_PHYS     0x10140000
#define VERSATILE_UART0_PHYS   0x101f1000
#define VERSATILE_TIMER01_PHYS 0x101e2000
#define VERSATILE_DMAC_PHYS    0x10130000
#define IRQ_TIMER01	       4
#define IRQ_UART0	       12
#define IRQ_DMAC	       17
#define SP804_CLK_HZ	       1000000

#if EARLY_UART_PHYS != VERSATILE_UART0_PHYS
#error "board.mk EARLY_UART_PHYS must be UART0"
#endif
#if LOWMEM_MB > RAM_MB
#error "LOWMEM_MB exceeds the RAM"
#endif

const struct board_info board_info = {
	.name = "qemu",
	.machine = "ARM Versatile PB (QEMU) with ARM1176",
	.ram_base = PHYS_OFFSET,
	.ram_size = (u32)RAM_MB << 20,
};

u32 board_cycle_counter_hz = 24000000;
static void __iomem *sysregs;

/**
 * board_early_init - polled PL011 console through head.S's boot window
 *
 * printk() works from here on, before the page allocator or ioremap exist.
 */
void board_early_init(void)
{
	pl011_console_init((void __iomem *)(EARLY_IO_VIRT + (VERSATILE_UART0_PHYS & 0xfffff)));
}

/**
 * board_init - map and start qemu's devices
 *
 * ioremap()s the VIC, SP804 timers, PL080 and system registers, moves the console to its
 * FIXMAP slot, and starts the VIC, the tick, the console's receive interrupt and the DMA
 * engine. Panics when one of them cannot be started.
 */
void board_init(void)
{
	void __iomem *vic = ioremap(VERSATILE_VIC_PHYS, 0x1000);
	void __iomem *timer = ioremap(VERSATILE_TIMER01_PHYS, 0x1000);
	void __iomem *dmac = ioremap(VERSATILE_DMAC_PHYS, 0x1000);

	sysregs = ioremap(VERSATILE_SYS_PHYS, 0x1000);
	if (!vic || !timer || !dmac || !sysregs)
		panic("board: cannot map devices");
	/* The console keeps a fixed mapping: it must work whatever state the mm is in. */
	pl011_console_init(fixmap_console(VERSATILE_UART0_PHYS));
	if (vic_init(vic, 0))
		panic("board: VIC init failed");
	if (sp804_tick_init(timer, IRQ_TIMER01, SP804_CLK_HZ))
		panic("board: tick timer init failed");
	if (pl011_enable_rx_irq(IRQ_UART0))
		panic("board: console interrupt init failed");
	if (pl080_init(dmac, IRQ_DMAC, &pl080_variant_arm))
		panic("board: DMA controller init failed");
}

/**
 * board_cycle_counter - read the versatilepb 24 MHz counter (system register +0x5c)
 *
 * Under -icount the counter follows the instruction count, so benchmarks repeat exactly.
 *
 * Return: the counter, counting up at board_cycle_counter_hz.
 */
u32 board_cycle_counter(void)
{
	return readl(sysregs + VERSATILE_SYS_24MHZ);
}
