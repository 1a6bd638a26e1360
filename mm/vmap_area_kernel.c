/*
 * The kernel's vmalloc area: one vmap_space instance over [VMALLOC_START, VMALLOC_END),
 * and the Linux-named calls that drive it (alloc_vmap_area(), free_vmap_area() and
 * find_vmap_area() are inline in <mm/vmap_area.h>). The allocator itself is mm/vmap_area.c.
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
