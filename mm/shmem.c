/*
 * Shared anonymous memory (include/mm/shmem.h): the object a MAP_SHARED | MAP_ANONYMOUS
 * mapping reads and writes, so that a page first touched after fork() is the same page
 * in every process that maps it. Linux backs such a mapping with a shmem file
 * (shmem_zero_setup()); here the file is an array of pages by offset, two levels deep
 * (a directory of blocks of SHMEM_BLOCK_PAGES page pointers, each block allocated when
 * a page in it is first asked for), so a large mapping costs its directory only.
 *
 * Counts: the object holds one reference on each of its pages and every PTE that maps
 * one holds another (mm/memory.c), so a page outlives its last mapping until the
 * object goes. The object's own count is the VMAs that map it.
 */
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/shmem.h>
#include <mm/slab.h>

#define SHMEM_BLOCK_SHIFT (PAGE_SHIFT - 2) /* a page of page pointers */
#define SHMEM_BLOCK_PAGES (1UL << SHMEM_BLOCK_SHIFT)

struct shmem_object {
	unsigned int refcount; /* VMAs that map the object */
	unsigned long nr_pages;
	unsigned long nr_blocks;
	struct page **blocks[]; /* SHMEM_BLOCK_PAGES pointers each, or NULL */
};

unsigned long nr_shmem_pages;

/**
 * shmem_create - a shared object of @nr_pages pages, none allocated yet
 * @nr_pages: its size, at least one page (the mapping's length)
 *
 * Return: the object with one reference (the VMA that maps it), or NULL when memory is
 * short or @nr_pages is 0.
 */
struct shmem_object *shmem_create(unsigned long nr_pages)
{
	unsigned long nr_blocks = (nr_pages + SHMEM_BLOCK_PAGES - 1) >> SHMEM_BLOCK_SHIFT;
	struct shmem_object *obj;

	if (!nr_pages)
		return NULL;
	obj = kzalloc(sizeof(*obj) + nr_blocks * sizeof(obj->blocks[0]), GFP_KERNEL);
	if (!obj)
		return NULL;
	obj->refcount = 1;
	obj->nr_pages = nr_pages;
	obj->nr_blocks = nr_blocks;
	return obj;
}

/**
 * shmem_get - one more VMA maps @obj
 * @obj: the object
 */
void shmem_get(struct shmem_object *obj)
{
	obj->refcount++;
}

/**
 * shmem_put - a VMA that mapped @obj is gone
 * @obj: the object
 *
 * The last one drops the object's reference on each of its pages (no PTE maps them any
 * more: the VMAs were zapped first, so this frees them) and frees the object.
 */
void shmem_put(struct shmem_object *obj)
{
	unsigned long b, i;

	BUG_ON(!obj->refcount);
	if (--obj->refcount)
		return;
	for (b = 0; b < obj->nr_blocks; b++) {
		struct page **block = obj->blocks[b];

		if (!block)
			continue;
		for (i = 0; i < SHMEM_BLOCK_PAGES; i++) {
			if (!block[i])
				continue;
			WARN_ON(block[i]->_mapcount);
			__free_page(block[i]);
			nr_shmem_pages--;
		}
		kfree(block);
	}
	kfree(obj);
}

/**
 * shmem_getpage - the page of @obj at @index, allocated on first use
 * @obj: the object
 * @index: page offset in the object
 * @pagep: set to the page; the object keeps its reference, the caller takes its own
 *
 * A new page is a zeroed GFP_HIGHUSER one (HighMem first), counted in Shmem.
 * Return: 0, -EINVAL for an index beyond the object, -ENOMEM when no page or block can
 * be had (the caller's fault path then asks the OOM killer).
 */
int shmem_getpage(struct shmem_object *obj, unsigned long index, struct page **pagep)
{
	struct page ***block, **slot;

	if (index >= obj->nr_pages)
		return -EINVAL;
	block = &obj->blocks[index >> SHMEM_BLOCK_SHIFT];
	if (!*block) {
		*block = kzalloc(SHMEM_BLOCK_PAGES * sizeof(**block), GFP_KERNEL | __GFP_NOWARN);
		if (!*block)
			return -ENOMEM;
	}
	slot = &(*block)[index & (SHMEM_BLOCK_PAGES - 1)];
	if (!*slot) {
		*slot = alloc_page(GFP_HIGHUSER | __GFP_ZERO | __GFP_NOWARN);
		if (!*slot)
			return -ENOMEM;
		(*slot)->_mapcount = 0;
		nr_shmem_pages++;
	}
	*pagep = *slot;
	return 0;
}
