/* MMIO accessors. Device mappings are Device/Strongly-ordered, so no extra barriers. */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <kernel/compiler.h>
#include <kernel/types.h>

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 *)addr;
}

static inline void writel(u32 val, volatile void __iomem *addr)
{
	*(volatile u32 *)addr = val;
}

void __iomem *ioremap(phys_addr_t phys, size_t size);

#endif
