/*
 * ARM virtual memory layout (docs/memory-map.md). The board passes PHYS_OFFSET, RAM_MB and
 * LOWMEM_MB on the command line; nothing here names a device.
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

#ifndef PHYS_OFFSET
#error "PHYS_OFFSET must come from the board's build settings"
#endif
#ifndef LOWMEM_MB
#define LOWMEM_MB 192
#endif

#ifdef __ASSEMBLER__
#define _UL(x) x
#else
#define __UL(x) x##UL
#define _UL(x)	__UL(x)
#endif

#define PAGE_SHIFT    12
#define PAGE_SIZE     (_UL(1) << PAGE_SHIFT)
#define PAGE_MASK     (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define SECTION_SHIFT 20
#define SECTION_SIZE  (_UL(1) << SECTION_SHIFT)

#define PAGE_OFFSET    _UL(0xc0000000)
#define TEXT_OFFSET    _UL(0x00008000)
#define LOWMEM_SIZE    (_UL(LOWMEM_MB) << 20)
#define VMALLOC_OFFSET (_UL(8) << 20) /* hole that catches stray direct-map overruns */
#define VMALLOC_START  (PAGE_OFFSET + LOWMEM_SIZE + VMALLOC_OFFSET)
#define VMALLOC_END    _UL(0xfe000000)
/* A constant bound on VMALLOC_END - VMALLOC_START, for tables sized by the area. */
#define VMALLOC_MAX_SIZE (VMALLOC_END - VMALLOC_START)
#define PKMAP_BASE	 _UL(0xfe000000)
#define PKMAP_SIZE	 _UL(0x00200000)
#define FIXADDR_START	 _UL(0xfff00000)
#define FIXADDR_END	 _UL(0xffff0000)
#define VECTORS_BASE	 _UL(0xffff0000)
/* Boot-time window for the console, removed once the fixmap takes over. */
#define EARLY_IO_VIRT _UL(0xfd000000)

#ifndef __ASSEMBLER__
#include <kernel/types.h>

#define __pa(v) ((phys_addr_t)((unsigned long)(v)-PAGE_OFFSET + PHYS_OFFSET))
#define __va(p) ((void *)((unsigned long)(p)-PHYS_OFFSET + PAGE_OFFSET))

static inline bool virt_addr_valid(const void *v)
{
	unsigned long a = (unsigned long)v;

	return a >= PAGE_OFFSET && a < PAGE_OFFSET + LOWMEM_SIZE;
}

/* Copy one page: both addresses page aligned (arch/arm/lib/copy_page.S) */
void copy_page(void *to, const void *from);
#endif

#endif
