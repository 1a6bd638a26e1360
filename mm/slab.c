/*
 * The SLAB allocator, as Linux 2.6 designed it (docs/design.md, Slab and kmalloc).
 *
 * A cache hands out objects of one size. Its memory is a set of slabs, each 2^gfporder
 * pages from the page allocator cut into `num` objects, kept on three lists: full (no
 * free object), partial, and free (no object in use). In front of the lists sits the
 * per-CPU array cache, a LIFO stack of free objects: kmem_cache_alloc() pops it and
 * kmem_cache_free() pushes it with interrupts disabled and nothing else, which is the
 * whole fast path. An empty array is refilled with a batch from the partial slabs, then
 * the free slabs, then a new slab; a full one flushes its coldest batch back to the slabs.
 * Free slabs above the cache's free_limit, and all of them under memory pressure (the
 * slab shrinker), go back to the page allocator.
 *
 * Successive slabs start their first object at different multiples of the 32-byte cache
 * line ("colour"), using the space the objects leave over, so that the first objects of
 * different slabs do not all compete for the same cache sets.
 *
 * Cache creation, geometry, bootstrap and the shrinker are in mm/slab_common.c.
 *
 * Locking (uniprocessor): the array cache is touched with interrupts disabled only; the
 * slab lists under lists.list_lock (which also disables interrupts). Pages are allocated
 * with the caller's interrupt state and no lock held, so reclaim may run the shrinker.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/init_on.h>
#include <string.h>

#include "slab.h"

/* ---- slabs ---- */

static void slab_account(struct kmem_cache *cachep, long pages)
{
	if (cachep->flags & SLAB_RECLAIM_ACCOUNT)
		nr_slab_reclaimable += (unsigned long)pages;
	else
		nr_slab_unreclaimable += (unsigned long)pages;
}

/* Give a slab back to the page allocator (list_lock held or the slab unlisted). */
static void slab_destroy(struct kmem_cache *cachep, struct slab *slabp)
{
	void *addr = (char *)slabp->s_mem - slabp->colouroff;
	struct page *page = virt_to_page(addr);
	unsigned int i, nr = 1u << cachep->gfporder;

	for (i = 0; i < nr; i++) {
		__ClearPageSlab(page + i);
		page[i].slab_cache = NULL;
		page[i].slab_page = NULL;
		page[i].slab_index = 0;
	}
	slab_account(cachep, -(long)nr);
	cachep->reaped++;
	__free_pages(page, cachep->gfporder);
	if (cachep->flags & CFLGS_OFF_SLAB)
		kmem_cache_free(cachep->slabp_cache, slabp);
}

/* Build the free list of a new slab and construct its objects. */
static void cache_init_objs(struct kmem_cache *cachep, struct slab *slabp)
{
	kmem_bufctl_t *bufctl = slab_bufctl(slabp);
	unsigned int i;

	for (i = 0; i < cachep->num; i++) {
		void *objp = (char *)index_to_obj(cachep, slabp, i) + cachep->obj_offset;

		if (cachep->ctor && !(cachep->flags & SLAB_POISON))
			cachep->ctor(objp);
		if (cachep->flags & SLAB_DEBUG_FLAGS)
			debug_init_object(cachep, objp);
		bufctl[i] = (kmem_bufctl_t)(i + 1);
	}
	bufctl[cachep->num - 1] = BUFCTL_END;
	slabp->free = 0;
}

/*
 * Add a slab to the free list. Called with IRQs disabled by the allocation path; the page
 * allocator runs with the caller's interrupt state @irqflags restored.
 */
static bool cache_grow(struct kmem_cache *cachep, gfp_t flags, unsigned long irqflags)
{
	unsigned int i, nr = 1u << cachep->gfporder, offset;
	struct kmem_list3 *l3 = &cachep->lists;
	struct slab *slabp;
	struct page *page;
	unsigned long f;
	void *addr;

	spin_lock_irqsave(&l3->list_lock, f);
	offset = l3->colour_next * cachep->colour_off;
	if (++l3->colour_next >= cachep->colour)
		l3->colour_next = 0;
	spin_unlock_irqrestore(&l3->list_lock, f);

	flags = (flags & ~(__GFP_DMA | __GFP_HIGHMEM | __GFP_ZERO)) | cachep->gfpflags;
	local_irq_restore(irqflags);
	page = alloc_pages(flags, cachep->gfporder);
	if (!page)
		goto failed;
	addr = page_address(page);
	if (cachep->flags & CFLGS_OFF_SLAB) {
		slabp = kmem_cache_alloc(cachep->slabp_cache, flags);
		if (!slabp) {
			__free_pages(page, cachep->gfporder);
			goto failed;
		}
		/* s_mem is no reference to the first object: a leak of it must show (Linux). */
		kmemleak_no_scan(slabp);
	} else {
		slabp = (struct slab *)((char *)addr + offset);
		offset += cachep->slab_size;
	}
	slabp->colouroff = offset;
	slabp->s_mem = (char *)addr + offset;
	slabp->inuse = 0;
	for (i = 0; i < nr; i++) {
		page[i].slab_cache = cachep;
		page[i].slab_page = slabp;
		page[i].slab_index = i;
		__SetPageSlab(page + i);
	}
	cache_init_objs(cachep, slabp);

	local_irq_disable();
	spin_lock_irqsave(&l3->list_lock, f);
	list_add_tail(&slabp->list, &l3->slabs_free);
	l3->free_objects += cachep->num;
	l3->num_slabs++;
	cachep->grown++;
	slab_account(cachep, nr);
	spin_unlock_irqrestore(&l3->list_lock, f);
	return true;
failed:
	local_irq_disable();
	return false;
}

/* Refill an empty array cache (IRQs disabled) and return an object from it. */
__noinline void *cache_alloc_refill(struct kmem_cache *cachep, gfp_t flags, unsigned long irqflags)
{
	struct kmem_list3 *l3 = &cachep->lists;
	struct array_cache *ac;
	unsigned long f;

retry:
	ac = cpu_cache_get(cachep);
	spin_lock_irqsave(&l3->list_lock, f);
	while (ac->avail < ac->batchcount) {
		struct list_head *head = &l3->slabs_partial;
		struct slab *slabp;

		if (list_empty(head))
			head = &l3->slabs_free;
		if (list_empty(head))
			break;
		slabp = list_first_entry(head, struct slab, list);
		{
			/*
			 * Take objects off the slab's free list (bufctl chain), the slab's and
			 * the array's state in locals: each store through ac->entry would
			 * otherwise reload them.
			 */
			const kmem_bufctl_t *bufctl = slab_bufctl(slabp);
			char *mem = (char *)slabp->s_mem + cachep->obj_offset;
			const unsigned int size = cachep->buffer_size, batch = ac->batchcount;
			unsigned int avail = ac->avail, taken = 0;
			kmem_bufctl_t next = slabp->free;

			while (next != BUFCTL_END && avail < batch) {
				ac->entry[avail++] = mem + size * next;
				next = bufctl[next];
				taken++;
			}
			slabp->free = next;
			slabp->inuse += taken;
			ac->avail = avail;
			l3->free_objects -= taken;
		}
		list_move(&slabp->list,
			  slabp->free == BUFCTL_END ? &l3->slabs_full : &l3->slabs_partial);
	}
	spin_unlock_irqrestore(&l3->list_lock, f);
	if (!ac->avail) {
		if (!cache_grow(cachep, flags, irqflags)) {
			/* An interrupt may have freed an object while the IRQs were on. */
			ac = cpu_cache_get(cachep);
			if (!ac->avail)
				return NULL;
		}
		goto retry;
	}
	ac->touched = 1;
	return ac->entry[--ac->avail];
}

const struct array_cache slab_hooked_ac; /* avail 0, limit 0: see cache_set_flags() */

/*
 * The out-of-line allocation path: a KFENCE sample when one is due (mm/kfence.c),
 * otherwise the array cache, refilled when empty, then the debug checks
 * (mm/slab_debug.c), __GFP_ZERO and init_on_alloc.
 */
__noinline void *cache_alloc_hooked(struct kmem_cache *cachep, gfp_t flags, void *caller,
				    unsigned int size)
{
	unsigned long irqflags;
	void *objp;

	if (cachep->flags & SLAB_KFENCE) {
		objp = kfence_alloc(cachep, size, flags, caller);
		if (objp)
			goto out;
	}
	local_irq_save(irqflags);
	objp = cache_pop(cachep, flags, irqflags);
	if (objp && (cachep->flags & SLAB_DEBUG_FLAGS))
		cache_alloc_debugcheck(cachep, objp, caller, size);
	local_irq_restore(irqflags);
	/* init_on_alloc zeroes what __GFP_ZERO would (mm/init_on.c). */
	if (((flags & __GFP_ZERO) ||
	     ((cachep->flags & SLAB_INIT_HOOK) && static_key_enabled(&init_on_alloc))) &&
	    objp)
		memset(objp, 0, size ? size : cachep->object_size);
out:
	/* Every object is tracked, however it was served (__cache_alloc() returns here). */
	kmemleak_alloc_recursive(objp, cachep->object_size, 1, cachep->flags, flags);
	return objp;
}

/**
 * kmem_cache_alloc - allocate an object
 * @cachep: the cache
 * @flags: GFP mask used if a new slab is needed; __GFP_ZERO clears the object
 *
 * Takes the most recently freed object from the per-CPU array cache; an empty array is
 * refilled a batch at a time from partial slabs, then free slabs, then a new slab.
 * Return: the object, or NULL when no slab could be allocated.
 */
__hookable void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	return __cache_alloc(cachep, flags, __builtin_return_address(0), 0);
}

/**
 * kmalloc_trace - kmalloc() of a size known at compile time, from its size class
 * @cachep: the kmalloc cache of @size
 * @flags: GFP mask for new slabs; __GFP_ZERO clears @size bytes
 * @size: the size asked for, so that a red-zoned cache guards the bytes after it and the
 *        kmalloc event reports it, as for __kmalloc()
 *
 * Return: an object, or NULL.
 */
__hookable void *kmalloc_trace(struct kmem_cache *cachep, gfp_t flags, size_t size)
{
	return __cache_alloc(cachep, flags, __builtin_return_address(0), (unsigned int)size);
}

/**
 * kmem_cache_alloc_bulk - allocate @size objects at once
 * @cachep: the cache
 * @flags: GFP mask, as for kmem_cache_alloc()
 * @size: objects wanted
 * @p: array of @size slots for them
 *
 * Linux's bulk API: the objects come from the per-CPU array cache with interrupts masked
 * once, refilled from the slabs as it runs dry. A cache with debug flags, init_on_alloc
 * or a KFENCE sample due allocates them one by one. All or nothing: on failure the
 * objects taken so far are freed again.
 * Return: @size on success, 0 on failure.
 */
int kmem_cache_alloc_bulk(struct kmem_cache *cachep, gfp_t flags, size_t size, void **p)
{
	void *caller = __builtin_return_address(0);
	struct array_cache *ac;
	unsigned long irqflags;
	size_t i = 0, n;

	if (unlikely(cachep->flags & SLAB_HOOK_FLAGS)) {
		for (i = 0; i < size; i++) {
			p[i] = cache_alloc_hooked(cachep, flags, caller, 0);
			if (!p[i])
				goto fail;
		}
		return (int)size;
	}
	local_irq_save(irqflags);
	while (i < size) {
		ac = cpu_cache_get(cachep);
		if (unlikely(!ac->avail)) {
			/* Refill (it may grow the cache with interrupts back on): one object. */
			p[i] = cache_alloc_refill(cachep, flags, irqflags);
			if (unlikely(!p[i])) {
				local_irq_restore(irqflags);
				goto fail;
			}
			i++;
			continue;
		}
		/* As many as the array holds, hottest first, as single allocations would. */
		n = min((size_t)ac->avail, size - i);
		ac->touched = 1;
		while (n--)
			p[i++] = ac->entry[--ac->avail];
	}
	local_irq_restore(irqflags);
	if (unlikely(flags & __GFP_ZERO))
		for (i = 0; i < size; i++)
			memset(p[i], 0, cachep->object_size);
	for (i = 0; i < size; i++)
		kmemleak_alloc_recursive(p[i], cachep->object_size, 1, cachep->flags, flags);
	return (int)size;

fail:
	kmem_cache_free_bulk(cachep, i, p);
	return 0;
}

static inline void slab_put_obj(struct kmem_cache *cachep, struct slab *slabp, unsigned int idx)
{
	slab_bufctl(slabp)[idx] = slabp->free;
	slabp->free = (kmem_bufctl_t)idx;
	slabp->inuse--;
}

void free_block(struct kmem_cache *cachep, void **objpp, unsigned int nr)
{
	struct kmem_list3 *l3 = &cachep->lists;
	unsigned int i;

	/* Read once: the stores below would make the compiler load them for every object. */
	const struct reciprocal_value rsize = cachep->reciprocal_buffer_size;
	const unsigned int obj_offset = cachep->obj_offset;

	for (i = 0; i < nr; i++) {
		char *buf = (char *)objpp[i] - obj_offset;
		struct slab *slabp = virt_to_page(buf)->slab_page;

		slab_put_obj(cachep, slabp,
			     reciprocal_divide((u32)(buf - (char *)slabp->s_mem), rsize));
		l3->free_objects++;
		if (slabp->inuse == 0) {
			if (l3->free_objects > l3->free_limit) {
				list_del(&slabp->list);
				l3->free_objects -= cachep->num;
				l3->num_slabs--;
				slab_destroy(cachep, slabp);
			} else {
				list_move(&slabp->list, &l3->slabs_free);
			}
		} else {
			/*
			 * At the tail: the other objects get the longest time to be freed too.
			 * Objects of one slab often come back together: it is there already.
			 */
			if (l3->slabs_partial.prev != &slabp->list)
				list_move_tail(&slabp->list, &l3->slabs_partial);
		}
	}
}

/* A free into a full array: give its oldest batch back to the slabs. */
__noinline void cache_flusharray(struct kmem_cache *cachep, struct array_cache *ac)
{
	unsigned int batch = min(ac->batchcount, ac->avail);
	unsigned long f;

	spin_lock_irqsave(&cachep->lists.list_lock, f);
	free_block(cachep, ac->entry, batch);
	spin_unlock_irqrestore(&cachep->lists.list_lock, f);
	ac->avail -= batch;
	memmove(ac->entry, &ac->entry[batch], sizeof(void *) * ac->avail);
}

/*
 * The out-of-line free path (kmemleak already told): the debug checks of a hooked cache,
 * which may refuse the free, then the push, flushing a full array cache first.
 */
__noinline void cache_free_hooked(struct kmem_cache *cachep, void *objp, void *caller)
{
	struct array_cache *ac;
	unsigned long irqflags;

	local_irq_save(irqflags);
	if (unlikely(cachep->flags & SLAB_HOOK_FLAGS) &&
	    !cache_free_debugcheck(cachep, objp, caller))
		goto out;
	ac = cpu_cache_get(cachep);
	if (unlikely(ac->avail >= ac->limit))
		cache_flusharray(cachep, ac);
	ac->entry[ac->avail++] = objp;
out:
	local_irq_restore(irqflags);
}

/**
 * kmem_cache_free - return an object to its cache
 * @cachep: the cache it came from
 * @objp: the object (NULL is ignored)
 *
 * The object goes to the per-CPU array cache; a full array flushes a batch back to the
 * slabs. Caches with debug flags check the pointer and the object first and refuse,
 * with a report, a double free, a wrong cache, a pointer that does not start an object
 * or a damaged red zone.
 */
__hookable void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	if (unlikely(!objp))
		return;
	__cache_free(cachep, objp, __builtin_return_address(0));
}

/**
 * kmem_cache_free_bulk - free @size objects at once
 * @cachep: their cache, or NULL to free kmalloc() objects of any cache (as kfree())
 * @size: number of objects
 * @p: the objects (none NULL)
 *
 * Pushes them on the array cache with interrupts masked once, flushing it to the slabs
 * as it fills. Debug caches check every object as kmem_cache_free() does.
 */
void kmem_cache_free_bulk(struct kmem_cache *cachep, size_t size, void **p)
{
	void *caller = __builtin_return_address(0);
	struct array_cache *ac;
	unsigned long irqflags;
	size_t i = 0, n;

	if (!cachep) {
		for (i = 0; i < size; i++)
			kfree(p[i]);
		return;
	}
	if (unlikely(cachep->flags & SLAB_HOOK_FLAGS)) {
		for (i = 0; i < size; i++)
			__cache_free(cachep, p[i], caller);
		return;
	}
	for (n = 0; n < size; n++)
		kmemleak_free_recursive(p[n], cachep->flags);
	local_irq_save(irqflags);
	ac = cpu_cache_get(cachep);
	while (i < size) {
		if (unlikely(ac->avail >= ac->limit))
			cache_flusharray(cachep, ac);
		n = min((size_t)(ac->limit - ac->avail), size - i);
		while (n--)
			ac->entry[ac->avail++] = p[i++];
	}
	local_irq_restore(irqflags);
}

/* kfree()'s entry: same as kmem_cache_free() with the caller passed on. */
void __kmem_cache_free_caller(struct kmem_cache *cachep, void *objp, void *caller)
{
	__cache_free(cachep, objp, caller);
}

void drain_array(struct kmem_cache *cachep)
{
	struct array_cache *ac;
	unsigned long f;

	spin_lock_irqsave(&cachep->lists.list_lock, f);
	ac = cpu_cache_get(cachep);
	free_block(cachep, ac->entry, ac->avail);
	ac->avail = 0;
	ac->touched = 0;
	spin_unlock_irqrestore(&cachep->lists.list_lock, f);
}

unsigned long drain_freelist(struct kmem_cache *cachep, unsigned long max)
{
	struct kmem_list3 *l3 = &cachep->lists;
	unsigned long pages = 0, f;

	spin_lock_irqsave(&l3->list_lock, f);
	while (pages < max && !list_empty(&l3->slabs_free)) {
		struct slab *slabp = list_first_entry(&l3->slabs_free, struct slab, list);

		list_del(&slabp->list);
		l3->free_objects -= cachep->num;
		l3->num_slabs--;
		slab_destroy(cachep, slabp);
		pages += 1UL << cachep->gfporder;
	}
	spin_unlock_irqrestore(&l3->list_lock, f);
	return pages;
}

/**
 * kmem_cache_shrink - drain the array cache and give every empty slab back
 * @cachep: the cache
 * Return: the number of pages returned to the page allocator.
 */
unsigned long kmem_cache_shrink(struct kmem_cache *cachep)
{
	drain_array(cachep);
	return drain_freelist(cachep, ~0UL);
}
