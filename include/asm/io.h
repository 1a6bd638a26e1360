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

/* mm/ioremap.c: mappings in the vmalloc area (valid once vmalloc_init() has run). */
void __iomem *ioremap(phys_addr_t phys, size_t size);
void __iomem *ioremap_nocache(phys_addr_t phys, size_t size);
void __iomem *ioremap_wc(phys_addr_t phys, size_t size);
void iounmap(volatile void __iomem *addr);

#endif
