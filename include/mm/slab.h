/*
 * The slab allocator (DESIGN §4): caches of equal-size objects carved out of pages from
 * the page allocator, in the classic SLAB design of Linux 2.6, and the general-purpose
 * kmalloc() built on a ladder of such caches.
 *
 *	c = kmem_cache_create("inode", sizeof(struct inode), 0, SLAB_HWCACHE_ALIGN, ctor);
 *	p = kmem_cache_alloc(c, GFP_KERNEL);	... kmem_cache_free(c, p);
 *	kmem_cache_destroy(c);
 *
 *	p = kmalloc(100, GFP_KERNEL);		... kfree(p);	(comes from kmalloc-128)
 *
 * Call kmem_cache_init() once, right after mem_init(). Every function here may be called
 * from interrupt context with a GFP mask that does not sleep (GFP_ATOMIC, GFP_NOWAIT),
 * except kmem_cache_create/destroy/shrink.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <kernel/compiler.h>
#include <kernel/types.h>
#include <mm/gfp.h>

struct kmem_cache;

/* kmem_cache_create() flags, with Linux's values. */
#define SLAB_RED_ZONE	     0x00000400u /* guard bytes around objects, checked on free */
#define SLAB_POISON	     0x00000800u /* fill free objects with 0x6b, check on reuse */
#define SLAB_HWCACHE_ALIGN   0x00002000u /* align objects on a cache line (32 bytes) */
#define SLAB_CACHE_DMA	     0x00004000u /* slabs come from ZONE_DMA */
#define SLAB_STORE_USER	     0x00010000u /* remember the last caller of each object */
#define SLAB_PANIC	     0x00040000u /* kmem_cache_create() panics instead of failing */
#define SLAB_RECLAIM_ACCOUNT 0x00020000u /* counted as SReclaimable in meminfo */

/* The flags that turn on the per-object debugging checks (mm/slab_debug.c). */
#define SLAB_DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)
#define SLAB_CREATE_MASK                                                                           \
	(SLAB_DEBUG_FLAGS | SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_PANIC | SLAB_RECLAIM_ACCOUNT)

/* The length of a cache name, terminator included; longer names are refused. */
#define KMEM_CACHE_NAME_LEN 24

/*
 * kmalloc(0) returns this: a distinct non-NULL pointer that faults if used (page 0 is
 * unmapped) and that kfree() and ksize() accept.
 */
#define ZERO_SIZE_PTR	    ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* kmalloc size classes: 2^KMALLOC_SHIFT_LOW .. 2^KMALLOC_SHIFT_HIGH bytes. */
#define KMALLOC_SHIFT_LOW      5
#define KMALLOC_SHIFT_HIGH     17
#define KMALLOC_MIN_SIZE       (1u << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE (1u << KMALLOC_SHIFT_HIGH)
/* The largest kmalloc(): one block of the page allocator (order MAX_ORDER - 1). */
#define KMALLOC_MAX_SIZE (4u << 20)

/**
 * kmem_cache_init - create the kmem_cache cache and the kmalloc caches
 *
 * Call once after mem_init(). Also registers the slab shrinker with direct reclaim.
 */
void kmem_cache_init(void);

/**
 * kmem_cache_create - create a cache of objects of one size
 * @name: shown by slabinfo; copied, at most KMEM_CACHE_NAME_LEN - 1 characters
 * @size: object size in bytes, 1 .. KMALLOC_MAX_CACHE_SIZE
 * @align: required alignment (0 or a power of two); objects are at least word aligned
 * @flags: SLAB_* flags
 * @ctor: run on every object when its slab is created (not on each allocation), or NULL
 *
 * Return: the cache, or NULL with a report when an argument is invalid or memory is short
 * (with SLAB_PANIC: panic instead).
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned int flags, void (*ctor)(void *));

/**
 * kmem_cache_destroy - release a cache and all its slabs
 * @cachep: the cache (NULL is ignored)
 *
 * Return: 0; or -1 with a report, leaving the cache intact, while objects are still
 * allocated.
 */
int kmem_cache_destroy(struct kmem_cache *cachep);

/**
 * kmem_cache_shrink - drain the array cache and give every empty slab back
 * @cachep: the cache
 * Return: the number of pages returned to the page allocator.
 */
unsigned long kmem_cache_shrink(struct kmem_cache *cachep);

/**
 * drop_slab - kmem_cache_shrink() every cache
 *
 * For tests that compare free-page counts across work that may reclaim: afterwards no
 * cache holds an empty slab or an array-cache object, so the shrinker has nothing to give.
 * Return: the number of pages returned to the page allocator.
 */
unsigned long drop_slab(void);

/**
 * kmem_cache_alloc - allocate an object
 * @cachep: the cache
 * @flags: GFP mask used if a new slab is needed; __GFP_ZERO clears the object
 *
 * Takes the most recently freed object from the per-CPU array cache; an empty array is
 * refilled a batch at a time from partial slabs, then free slabs, then a new slab.
 * Return: the object, or NULL when no slab could be allocated.
 */
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);

/**
 * kmem_cache_zalloc - kmem_cache_alloc() of a zero-filled object
 */
static inline void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags)
{
	return kmem_cache_alloc(cachep, flags | __GFP_ZERO);
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
void kmem_cache_free(struct kmem_cache *cachep, void *objp);

/**
 * kmem_cache_alloc_bulk - allocate @size objects at once
 * @cachep: the cache
 * @flags: GFP mask, as for kmem_cache_alloc()
 * @size: objects wanted
 * @p: array of @size slots for them
 *
 * Linux's bulk API: the objects come from the per-CPU array cache with interrupts masked
 * once, refilled from the slabs as it runs dry. All or nothing: on failure the objects
 * taken so far are freed again.
 * Return: @size on success, 0 on failure.
 */
int kmem_cache_alloc_bulk(struct kmem_cache *cachep, gfp_t flags, size_t size, void **p);

/**
 * kmem_cache_free_bulk - free @size objects at once
 * @cachep: their cache, or NULL to free kmalloc() objects of any cache (as kfree())
 * @size: number of objects
 * @p: the objects (none NULL)
 *
 * Pushes them on the array cache with interrupts masked once, flushing it to the slabs
 * as it fills. Debug caches check every object as kmem_cache_free() does.
 */
void kmem_cache_free_bulk(struct kmem_cache *cachep, size_t size, void **p);

/**
 * kmem_cache_size - the usable size of the cache's objects
 */
unsigned int kmem_cache_size(struct kmem_cache *cachep);

/**
 * kmem_cache_name - the cache's name
 */
const char *kmem_cache_name(struct kmem_cache *cachep);

/**
 * kmem_cache_find - the cache called @name
 * Return: it, or NULL.
 */
struct kmem_cache *kmem_cache_find(const char *name);

/**
 * kmem_cache_active_objs - objects allocated and not freed (excludes the array cache)
 */
unsigned long kmem_cache_active_objs(struct kmem_cache *cachep);

/* ---- kmalloc (mm/kmalloc.c) ---- */

extern struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
extern struct kmem_cache *kmalloc_dma_caches[KMALLOC_SHIFT_HIGH + 1];

/*
 * The index of the kmalloc cache for @size (1 .. KMALLOC_MAX_CACHE_SIZE): log2 of the
 * smallest class that holds it. Folds to a constant for a constant @size.
 */
static __always_inline unsigned int kmalloc_index(size_t size)
{
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	return 32 - (unsigned int)__builtin_clz((unsigned int)size - 1);
}

void *__kmalloc(size_t size, gfp_t flags);
void *kmem_cache_alloc_caller(struct kmem_cache *cachep, gfp_t flags, void *caller);

/**
 * kmalloc - allocate memory
 * @size: bytes wanted
 * @flags: GFP mask; __GFP_DMA takes the DMA twin of the size class, __GFP_ZERO clears
 *
 * Sizes up to KMALLOC_MAX_CACHE_SIZE come from the smallest kmalloc-<2^n> cache that
 * fits; larger ones are whole pages from the page allocator (up to KMALLOC_MAX_SIZE).
 * Return: the memory, ZERO_SIZE_PTR for @size 0, or NULL.
 */
static __always_inline void *kmalloc(size_t size, gfp_t flags)
{
	if (__builtin_constant_p(size) && __builtin_constant_p(flags & __GFP_DMA) &&
	    !(flags & __GFP_DMA) && size && size <= KMALLOC_MAX_CACHE_SIZE)
		return kmem_cache_alloc_caller(kmalloc_caches[kmalloc_index(size)], flags,
					       __builtin_return_address(0));
	return __kmalloc(size, flags);
}

/**
 * kzalloc - kmalloc() of zeroed memory
 */
static __always_inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

/**
 * kcalloc - a zeroed array of @n elements of @size bytes
 * Return: the memory, or NULL when @n * @size overflows or memory is short.
 */
void *kcalloc(size_t n, size_t size, gfp_t flags);

/**
 * krealloc - resize a kmalloc() allocation, keeping its contents
 * @p: the allocation (NULL or ZERO_SIZE_PTR: a plain kmalloc)
 * @new_size: the size wanted; 0 frees @p and returns ZERO_SIZE_PTR
 * @flags: GFP mask for a new allocation
 * Return: @p itself when it is already big enough, else a new allocation holding the old
 * contents (@p freed); NULL on failure, @p untouched.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags);

/**
 * kfree - free memory from kmalloc()
 * @objp: the allocation; NULL and ZERO_SIZE_PTR are ignored
 *
 * Tells slab objects (PG_slab pages) from whole-page allocations by the struct page. An
 * address outside the direct map, or a page neither slab nor allocated, is reported and
 * ignored. Debug caches check the object as kmem_cache_free() does.
 */
void kfree(const void *objp);

/**
 * ksize - the usable size of a kmalloc() allocation
 * Return: the size of its class (or its pages), 0 for NULL and ZERO_SIZE_PTR.
 */
size_t ksize(const void *objp);

/**
 * kfree_checked - kfree() with every check a debug cache does, whatever the cache's flags
 * @objp: a pointer that may not be a live kmalloc() object
 *
 * For callers that cannot trust the pointer (the shell): a double free, a pointer into the
 * middle of an object, an address that is not a slab object or kmalloc()ed block is
 * reported with cache, object and caller, and nothing changes. Slower than kfree(): it
 * walks the slab's free list and the array cache.
 * Return: 0 when freed, -1 when refused.
 */
int kfree_checked(const void *objp);

/**
 * kmem_ptr_is_free - whether @objp is the start of an object (or block) that is free now
 * Return: true for a free slab object or a free page; false for a live one or an address
 * the allocator does not own.
 */
bool kmem_ptr_is_free(const void *objp);

/* ---- reports (mm/slabinfo.c) ---- */

/**
 * show_slabinfo - print /proc/slabinfo (version 2.1) for every cache
 */
void show_slabinfo(void);

/* Pages held by slabs, for meminfo's SReclaimable and SUnreclaim. */
extern unsigned long nr_slab_reclaimable, nr_slab_unreclaimable;

#endif
