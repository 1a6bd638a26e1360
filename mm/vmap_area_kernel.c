/*
 * The kernel's vmalloc area: one vmap_space instance over [VMALLOC_START, VMALLOC_END),
 * and the Linux-named calls that drive it (alloc_vmap_area(), free_vmap_area(),
 * find_vmap_area()...). The allocator itself is mm/vmap_area.c.
 */
#include <mm/vmap_area.h>

struct vmap_space vmap_area_space;

/**
 * vmap_area_init - make the kernel's vmalloc area [@vstart, @vend) one free range
 * @vstart: VMALLOC_START
 * @vend: VMALLOC_END
 */
void vmap_area_init(unsigned long vstart, unsigned long vend)
{
	vmap_space_init(&vmap_area_space, vstart, vend);
}

/**
 * alloc_vmap_area - reserve an area and its guard page in the vmalloc area
 * @size: bytes, a non-zero multiple of PAGE_SIZE
 * @align: a power of two, at least PAGE_SIZE
 * @gfp: how node memory may be allocated
 * Return: the lowest area that fits, or NULL (not reported: the caller reports).
 */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align, gfp_t gfp)
{
	return vmap_space_alloc(&vmap_area_space, size, align, gfp);
}

/**
 * free_vmap_area - release an area of the vmalloc area and its guard page
 * @va: from alloc_vmap_area(); NULL or an area not allocated is reported and ignored
 */
void free_vmap_area(struct vmap_area *va)
{
	vmap_space_free(&vmap_area_space, va);
}

/**
 * find_vmap_area - the vmalloc-area area containing @addr
 * @addr: any address
 * Return: the busy area whose [va_start, va_end) holds @addr, else NULL.
 */
struct vmap_area *find_vmap_area(unsigned long addr)
{
	return vmap_space_find(&vmap_area_space, addr);
}

/**
 * vmap_area_for_each - walk the vmalloc area's busy areas in address order
 * @fn: see vmap_space_for_each()
 * @arg: passed to @fn
 */
void vmap_area_for_each(int (*fn)(struct vmap_area *va, void *arg), void *arg)
{
	vmap_space_for_each(&vmap_area_space, fn, arg);
}

/**
 * vmap_area_used - bytes in busy areas of the vmalloc area, guard pages excluded
 *
 * Return: the sum (meminfo VmallocUsed).
 */
unsigned long vmap_area_used(void)
{
	return vmap_space_used(&vmap_area_space);
}

/**
 * vmap_area_largest_free - the largest free range of the vmalloc area
 *
 * Return: its size in bytes (meminfo VmallocChunk).
 */
unsigned long vmap_area_largest_free(void)
{
	return vmap_space_largest_free(&vmap_area_space);
}
