/*
 * Host stand-in for <asm/io.h>: the target's header with readl()/writel() routed through
 * hooks, so that a driver's accesses to a fake register block (tests/host/harness/host_regs.c)
 * can be modelled (write-1-to-clear, FIFOs) and logged in order. With no block attached
 * the accessors are plain loads and stores, as on the target.
 */
#ifndef HOST_ASM_IO_H
#define HOST_ASM_IO_H

#define readl  target_readl
#define writel target_writel
#include_next <asm/io.h>
#undef readl
#undef writel

/* Set while a fake block is attached; return false for addresses outside every block. */
__attribute__((weak)) bool (*host_mmio_read)(const volatile void *addr, u32 *val);
__attribute__((weak)) bool (*host_mmio_write)(volatile void *addr, u32 val);

static inline u32 readl(const volatile void __iomem *addr)
{
	u32 val;

	if (host_mmio_read && host_mmio_read(addr, &val))
		return val;
	return *(const volatile u32 *)addr;
}

static inline void writel(u32 val, volatile void __iomem *addr)
{
	if (host_mmio_write && host_mmio_write(addr, val))
		return;
	*(volatile u32 *)addr = val;
}

#endif
