/*
 * vmalloc and friends: virtually contiguous kernel memory in the vmalloc area
 * (VMALLOC_START .. VMALLOC_END), built from pages of any zone (highmem first), plus the
 * same area's other users: vmap() of caller pages, ioremap() of device registers and
 * coherent DMA buffers. Every area is followed by one unmapped guard page. None of this
 * may be called from atomic context.
 */
#ifndef MM_VMALLOC_H
#define MM_VMALLOC_H

#include <asm/memory.h>
#include <asm/pgtable.h>
#include <kernel/types.h>
#include <mm/gfp.h>

struct page;
struct vmap_area;

#define VM_IOREMAP	0x01 /* device registers (ioremap) */
#define VM_ALLOC	0x02 /* vmalloc: pages owned by the area */
#define VM_MAP		0x04 /* vmap: pages owned by the caller */
#define VM_USERMAP	0x08 /* zeroed for handing to user space (vmalloc_user) */
#define VM_DMA_COHERENT 0x10 /* dma_alloc_coherent remap */

struct vm_struct {
	void *addr;
	unsigned long size; /* mapped bytes, the guard page not included */
	unsigned long flags;
	struct page **pages; /* VM_ALLOC / VM_MAP */
	unsigned int nr_pages;
	phys_addr_t phys_addr; /* VM_IOREMAP / VM_DMA_COHERENT */
	const void *caller;
	struct vmap_area *va;
};

#define VMALLOC_TOTAL (VMALLOC_END - VMALLOC_START)

void vmalloc_init(void);

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *vmalloc_user(unsigned long size); /* zeroed, whole pages */
void *__vmalloc(unsigned long size, gfp_t gfp, const struct pt_attrs *prot);
void vfree(const void *addr);

void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   const struct pt_attrs *prot);
void vunmap(const void *addr);

struct page *vmalloc_to_page(const void *addr);

static inline bool is_vmalloc_addr(const void *x)
{
	unsigned long a = (unsigned long)x;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/* An area of the vmalloc range with no pages mapped yet (ioremap, DMA remaps). */
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long align, unsigned long flags,
				     const void *caller);
/* Unmap and release an area found by its start address. Return: the vm_struct, to free. */
struct vm_struct *remove_vm_area(const void *addr);
struct vm_struct *find_vm_area(const void *addr);

/* /proc/vmallocinfo and the meminfo lines. */
void show_vmallocinfo(void);
void vmalloc_usage(unsigned long *used_bytes, unsigned long *largest_free_bytes);

#endif
