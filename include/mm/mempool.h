/*
 * Memory pools (Linux's mempool): a reserve of preallocated elements that guarantees
 * forward progress. mempool_alloc() first asks the underlying allocator (without
 * reclaim), then takes from the reserve; a caller that may sleep waits (wfi) for an
 * element to be freed back, so it always gets one eventually. mempool_free() refills the
 * reserve before giving elements back to the allocator. Callable from interrupt context
 * with GFP_ATOMIC / GFP_NOWAIT (which get NULL when the reserve is empty).
 */
#ifndef MM_MEMPOOL_H
#define MM_MEMPOOL_H

#include <kernel/spinlock.h>
#include <mm/gfp.h>

struct kmem_cache;

typedef void *(mempool_alloc_t)(gfp_t gfp_mask, void *pool_data);
typedef void(mempool_free_t)(void *element, void *pool_data);

typedef struct mempool_s {
	spinlock_t lock;
	int min_nr;	 /* elements the reserve holds when full */
	int curr_nr;	 /* elements in the reserve now */
	void **elements; /* the reserve: a stack of curr_nr elements */
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;
	unsigned long waits; /* times a sleeping allocation waited for an element */
} mempool_t;

/* create a pool and fill its reserve */
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data);

/* change the reserve size */
int mempool_resize(mempool_t *pool, int new_min_nr);

/* free the reserve and the pool */
void mempool_destroy(mempool_t *pool);

/* allocate an element */
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask);

/* free an element from mempool_alloc() */
void mempool_free(void *element, mempool_t *pool);

/* Helpers: pools of slab objects (@pool_data a kmem_cache), kmalloc() memory (the size)
 * and pages (the order; elements are struct page pointers). */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data);
void mempool_kfree(void *element, void *pool_data);
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);

static inline mempool_t *mempool_create_slab_pool(int min_nr, struct kmem_cache *cache)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, cache);
}

static inline mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}

static inline mempool_t *mempool_create_page_pool(int min_nr, unsigned int order)
{
	return mempool_create(min_nr, mempool_alloc_pages, mempool_free_pages,
			      (void *)(unsigned long)order);
}

#endif
