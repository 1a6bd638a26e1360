/*
 * Host stand-in for <asm/memory.h>: the same layout rules over a fake physical memory
 * arena (tests/host/harness/host_mem.c). "Physical" address p lives at offset p - PHYS_OFFSET of a
 * memfd; low memory is mapped at PAGE_OFFSET, which is wherever the arena landed, so
 * __va()/__pa() stay plain arithmetic. PKMAP and FIXMAP are reserved host address ranges
 * whose pages are mapped onto the same memfd by the host arch_kmap_set_pte().
 *
 * The vmalloc area follows low memory, a guard and, as on the target, starts on a 4 MB
 * boundary (four L2 tables per page); the arena itself starts on a 16 MB boundary, so
 * section and large-page offsets of a host address are those of its ARM address.
 *
 * The layout variables default (weakly) to the ARM values, so a test that only needs the
 * constants links without the arena; host_mem_init() sets them for real.
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

#ifndef PHYS_OFFSET
#error "PHYS_OFFSET must come from the build settings"
#endif
#ifndef LOWMEM_MB
#define LOWMEM_MB 192
#endif

#define PAGE_SHIFT    12
#define PAGE_SIZE     (1UL << PAGE_SHIFT)
#define PAGE_MASK     (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define SECTION_SHIFT 20
#define SECTION_SIZE  (1UL << SECTION_SHIFT)

#define TEXT_OFFSET    0x00008000UL
#define VMALLOC_OFFSET (8UL << 20)
/* The host's vmalloc area is this size, 4 MB aligned, after low memory and a guard. */
#define VMALLOC_MAX_SIZE (16UL << 20)
#define PKMAP_SIZE	 0x00200000UL
#define FIXADDR_SIZE	 0x00100000UL

#ifndef __ASSEMBLER__
#include <kernel/types.h>

__attribute__((weak)) unsigned long host_page_offset = 0xc0000000UL;
__attribute__((weak)) unsigned long host_lowmem_size = (unsigned long)LOWMEM_MB << 20;
__attribute__((weak)) unsigned long host_vmalloc_start = 0xcc800000UL;
__attribute__((weak)) unsigned long host_vmalloc_end = 0xfe000000UL;
__attribute__((weak)) unsigned long host_pkmap_base = 0xfe000000UL;
__attribute__((weak)) unsigned long host_fixaddr_start = 0xfff00000UL;

#define PAGE_OFFSET   host_page_offset
#define LOWMEM_SIZE   host_lowmem_size
#define VMALLOC_START host_vmalloc_start
#define VMALLOC_END   host_vmalloc_end
#define PKMAP_BASE    host_pkmap_base
#define FIXADDR_START host_fixaddr_start
#define FIXADDR_END   (host_fixaddr_start + FIXADDR_SIZE)

#define __pa(v) ((phys_addr_t)((unsigned long)(v)-PAGE_OFFSET + PHYS_OFFSET))
#define __va(p) ((void *)((unsigned long)(p)-PHYS_OFFSET + PAGE_OFFSET))

/*
 * The 32-bit ARM virtual address of a host address in the arena: PAGE_OFFSET is
 * 0xc0000000 as on the target. The fake MMU indexes its tables with it; the arena spans
 * less than 1 GB, so the kernel half holds all of it.
 */
#define HOST_ARM_PAGE_OFFSET 0xc0000000UL

static inline u32 host_arm_va(unsigned long va)
{
	return (u32)(va - PAGE_OFFSET + HOST_ARM_PAGE_OFFSET);
}

static inline bool virt_addr_valid(const void *v)
{
	unsigned long a = (unsigned long)v;

	return a >= PAGE_OFFSET && a < PAGE_OFFSET + LOWMEM_SIZE;
}
#endif

#endif
