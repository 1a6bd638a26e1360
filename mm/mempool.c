/*
 * Memory pools: a reserve of min_nr elements in front of an allocator, so that a caller
 * that may sleep always gets an element eventually (as Linux's mm/mempool.c). Elements
 * come from the allocator while it has memory; the reserve serves the rest. There are no
 * wait queues here: a sleeping caller waits for an interrupt (wfi), since every free
 * that could help it happens in an interrupt handler or in code the interrupt resumes.
 *
 * Invariant: 0 <= curr_nr <= min_nr, and elements[0 .. curr_nr - 1] are the reserve.
 */
#include <asm/irqflags.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <mm/mempool.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <string.h>

static void free_pool(mempool_t *pool)
{
	while (pool->curr_nr)
		pool->free(pool->elements[--pool->curr_nr], pool->pool_data);
	kfree(pool->elements);
	kfree(pool);
}

/**
 * mempool_create - create a pool and fill its reserve
 * @min_nr: elements to keep in reserve (>= 1)
 * @alloc_fn: allocates one element with a GFP mask and @pool_data
 * @free_fn: frees one element
 * @pool_data: passed to @alloc_fn and @free_fn
 * Return: the pool, or NULL if it or its reserve could not be allocated (GFP_KERNEL).
 */
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	mempool_t *pool;

	if (min_nr < 1 || !alloc_fn || !free_fn) {
		pr_err("mempool_create: min_nr %d and both functions are required (caller %pS)\n",
		       min_nr, __builtin_return_address(0));
		return NULL;
	}
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	pool->elements = kcalloc((size_t)min_nr, sizeof(void *), GFP_KERNEL);
	if (!pool->elements) {
		kfree(pool);
		return NULL;
	}
	spin_lock_init(&pool->lock);
	pool->min_nr = min_nr;
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(GFP_KERNEL, pool->pool_data);

		if (!element) {
			free_pool(pool);
			return NULL;
		}
		pool->elements[pool->curr_nr++] = element;
	}
	return pool;
}

/**
 * mempool_resize - change the reserve size
 * @pool: the pool
 * @new_min_nr: the new reserve size (>= 1); a larger one is filled with GFP_KERNEL
 * Return: 0, or -1 when memory for the reserve is short (the pool is unchanged).
 */
int mempool_resize(mempool_t *pool, int new_min_nr)
{
	void **new_elements, *element;
	unsigned long flags;

	if (new_min_nr < 1)
		return -1;
	spin_lock_irqsave(&pool->lock, flags);
	if (new_min_nr <= pool->min_nr) {
		while (pool->curr_nr > new_min_nr) {
			element = pool->elements[--pool->curr_nr];
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			spin_lock_irqsave(&pool->lock, flags);
		}
		pool->min_nr = new_min_nr;
		spin_unlock_irqrestore(&pool->lock, flags);
		return 0;
	}
	spin_unlock_irqrestore(&pool->lock, flags);

	new_elements = kcalloc((size_t)new_min_nr, sizeof(void *), GFP_KERNEL);
	if (!new_elements)
		return -1;
	spin_lock_irqsave(&pool->lock, flags);
	memcpy(new_elements, pool->elements, (size_t)pool->curr_nr * sizeof(void *));
	kfree(pool->elements);
	pool->elements = new_elements;
	pool->min_nr = new_min_nr;
	while (pool->curr_nr < pool->min_nr) {
		spin_unlock_irqrestore(&pool->lock, flags);
		element = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!element)
			return 0; /* the reserve refills from mempool_free() */
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < pool->min_nr) {
			pool->elements[pool->curr_nr++] = element;
		} else {
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			return 0;
		}
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return 0;
}

/**
 * mempool_destroy - free the reserve and the pool
 * @pool: the pool (NULL is ignored); every element must have been freed back
 */
void mempool_destroy(mempool_t *pool)
{
	if (!pool)
		return;
	if (pool->curr_nr != pool->min_nr)
		pr_err("mempool_destroy: %d of %d reserve elements are still out (caller %pS)\n",
		       pool->min_nr - pool->curr_nr, pool->min_nr, __builtin_return_address(0));
	free_pool(pool);
}

/* One try of the pool's allocator; the kmalloc pool's is called without its wrapper. */
static __always_inline void *pool_alloc(mempool_t *pool, gfp_t gfp)
{
	if (pool->alloc == mempool_kmalloc)
		return __kmalloc((size_t)pool->pool_data, gfp);
	return pool->alloc(gfp, pool->pool_data);
}

/* mempool_alloc() once the first try failed: the reserve, then waiting and retrying. */
static __noinline void *mempool_alloc_slow(mempool_t *pool, gfp_t gfp_mask)
{
	unsigned long flags;
	void *element;

	for (;;) {
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr) {
			element = pool->elements[--pool->curr_nr];
			spin_unlock_irqrestore(&pool->lock, flags);
			return element;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
		if (!(gfp_mask & __GFP_WAIT) || fatal_signal_pending())
			return NULL;
		/* Wait for a free (in an interrupt, or the tick), then retry with reclaim. */
		pool->waits++;
		cpu_wait_for_interrupt();
		element = pool_alloc(pool, gfp_mask | __GFP_NOWARN);
		if (element)
			return element;
	}
}

/**
 * mempool_alloc - allocate an element
 * @pool: the pool
 * @gfp_mask: the caller's context; __GFP_WAIT means it may wait for an element
 *
 * Tries the underlying allocator without reclaim, then the reserve; with __GFP_WAIT it
 * then waits for an interrupt (wfi) and tries again, the allocator now with reclaim.
 * Return: an element; NULL only without __GFP_WAIT.
 */
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	void *element;

	if ((gfp_mask & __GFP_WAIT) && (in_atomic() || irqs_disabled())) {
		__might_sleep(__FILE__, __LINE__, __builtin_return_address(0));
		gfp_mask &= ~__GFP_WAIT;
	}
	/* First round: no reclaim, no warning: the reserve is the fallback. */
	element = pool_alloc(pool,
			     (gfp_mask & ~(__GFP_WAIT | __GFP_IO)) | __GFP_NOWARN | __GFP_NORETRY);
	if (likely(element))
		return element;
	return mempool_alloc_slow(pool, gfp_mask);
}

/**
 * mempool_free - free an element from mempool_alloc()
 * @element: the element (NULL is ignored)
 * @pool: its pool
 *
 * Refills the reserve if it is short, else returns the element to the allocator.
 */
void mempool_free(void *element, mempool_t *pool)
{
	unsigned long flags;

	if (!element)
		return;
	if (READ_ONCE(pool->curr_nr) < pool->min_nr) {
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < pool->min_nr) {
			pool->elements[pool->curr_nr++] = element;
			spin_unlock_irqrestore(&pool->lock, flags);
			return;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
	}
	if (pool->free == mempool_kfree)
		kfree(element); /* as pool_alloc(): without the wrapper */
	else
		pool->free(element, pool->pool_data);
}

/**
 * mempool_alloc_slab - mempool element allocator for slab objects
 * @gfp_mask: GFP mask from mempool_alloc()
 * @pool_data: the kmem_cache
 *
 * Return: an object, or NULL.
 */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp_mask);
}

/**
 * mempool_free_slab - mempool element destructor for slab objects
 * @element: the object
 * @pool_data: the kmem_cache
 */
void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}

/**
 * mempool_kmalloc - mempool element allocator for kmalloc memory
 * @gfp_mask: GFP mask from mempool_alloc()
 * @pool_data: the size, cast to a pointer
 *
 * Return: the memory, or NULL.
 */
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}

/**
 * mempool_kfree - mempool element destructor for kmalloc memory
 * @element: the memory
 * @pool_data: unused (the size)
 */
void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}

/**
 * mempool_alloc_pages - mempool element allocator for page blocks
 * @gfp_mask: GFP mask from mempool_alloc()
 * @pool_data: the order, cast to a pointer
 *
 * Return: the block's struct page, or NULL.
 */
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (unsigned int)(unsigned long)pool_data);
}

/**
 * mempool_free_pages - mempool element destructor for page blocks
 * @element: the struct page of the block
 * @pool_data: the order, cast to a pointer
 */
void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(unsigned long)pool_data);
}
