/*
 * The slab allocator (docs/design.md, Slab and kmalloc): caches of equal-size objects
 * carved out of pages from the page allocator, in the classic SLAB design of Linux 2.6,
 * and the general-purpose kmalloc() built on a ladder of such caches.
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
/*
 * Sanity checks on free (cache, object start, double free): Linux's 0x100 moved to 0x1000
 * so that SLAB_DEBUG_FLAGS stays one ARM immediate, tested by one instruction in the fast
 * paths (mm/slab.h).
 */
#define SLAB_CONSISTENCY_CHECKS 0x00001000u
#define SLAB_RED_ZONE		0x00000400u /* guard bytes around objects, checked on free */
#define SLAB_POISON		0x00000800u /* fill free objects with 0x6b, check on reuse */
#define SLAB_HWCACHE_ALIGN	0x00002000u /* align objects on a cache line (32 bytes) */
#define SLAB_CACHE_DMA		0x00004000u /* slabs come from ZONE_DMA */
#define SLAB_STORE_USER		0x00010000u /* remember the last caller of each object */
#define SLAB_PANIC		0x00040000u /* kmem_cache_create() panics instead of failing */
/*
 * Counted as SReclaimable in meminfo. Linux's 0x20000 moved to 0x200 (free in Linux):
 * 0x20000 is SLAB_KFENCE's (mm/slab.h), inside the fast path's one-immediate flag test.
 */
#define SLAB_RECLAIM_ACCOUNT 0x00000200u
#define SLAB_NOLEAKTRACE     0x00800000u /* objects not tracked by kmemleak (its own) */
#define SLAB_SKIP_KFENCE     0x20000000u /* never served from the KFENCE pool (mm/kfence.c) */

/* The flags that turn on the per-object debugging checks (mm/slab_debug.c). */
#define SLAB_DEBUG_FLAGS (SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)
#define SLAB_CREATE_MASK                                                       \
	(SLAB_DEBUG_FLAGS | SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_PANIC | \
	 SLAB_RECLAIM_ACCOUNT | SLAB_NOLEAKTRACE | SLAB_SKIP_KFENCE)

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

/* create the kmem_cache cache and the kmalloc caches */
void kmem_cache_init(void);

/* create a cache of objects of one size */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned int flags, void (*ctor)(void *));

/* release a cache and all its slabs */
int kmem_cache_destroy(struct kmem_cache *cachep);

/* drain the array cache and give every empty slab back */
unsigned long kmem_cache_shrink(struct kmem_cache *cachep);

/* kmem_cache_shrink() every cache */
unsigned long drop_slab(void);

/* allocate an object */
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);

/**
 * kmem_cache_zalloc - kmem_cache_alloc() of a zero-filled object
 */
static inline void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags)
{
	return kmem_cache_alloc(cachep, flags | __GFP_ZERO);
}

/* return an object to its cache */
void kmem_cache_free(struct kmem_cache *cachep, void *objp);

/* Allocate @size objects at once */
int kmem_cache_alloc_bulk(struct kmem_cache *cachep, gfp_t flags, size_t size, void **p);

/* Free @size objects at once */
void kmem_cache_free_bulk(struct kmem_cache *cachep, size_t size, void **p);

/* The usable size of the cache's objects */
unsigned int kmem_cache_size(struct kmem_cache *cachep);

/* the cache's name */
const char *kmem_cache_name(struct kmem_cache *cachep);

/* the cache called @name */
struct kmem_cache *kmem_cache_find(const char *name);

/* objects allocated and not freed (excludes the array cache) */
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
/* kmalloc() of a constant @size from its size class @cachep (Linux's kmalloc_trace) */
void *kmalloc_trace(struct kmem_cache *cachep, gfp_t flags, size_t size);

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
		return kmalloc_trace(kmalloc_caches[kmalloc_index(size)], flags, size);
	return __kmalloc(size, flags);
}

/**
 * kzalloc - kmalloc() of zeroed memory
 */
static __always_inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

/* a zeroed array of @n elements of @size bytes */
void *kcalloc(size_t n, size_t size, gfp_t flags);

/* resize a kmalloc() allocation, keeping its contents */
void *krealloc(const void *p, size_t new_size, gfp_t flags);

/* free memory from kmalloc() */
void kfree(const void *objp);

/* the usable size of a kmalloc() allocation */
size_t ksize(const void *objp);

/* kfree() with every check a debug cache does, whatever the cache's flags */
int kfree_checked(const void *objp);

/* whether @objp is the start of an object (or block) that is free now */
bool kmem_ptr_is_free(const void *objp);

/* ---- reports (mm/slabinfo.c) ---- */

/* print /proc/slabinfo (version 2.1) for every cache */
void show_slabinfo(void);

/* Pages held by slabs, for meminfo's SReclaimable and SUnreclaim. */
extern unsigned long nr_slab_reclaimable, nr_slab_unreclaimable;

/* Check every slab and object of @cachep (red zones, poison). Return: damaged objects. */
unsigned int kmem_cache_validate(struct kmem_cache *cachep);
/* Set the debug flags (slub_debug letters) of a cache holding no objects. Return: 0 or -1. */
int kmem_cache_set_debug(struct kmem_cache *cachep, unsigned int debug_flags);
/* Parse slub_debug letters (F Z P U, "-" for none) into SLAB_* flags. Return: 0 or -1. */
int slub_debug_parse_flags(const char *s, size_t len, unsigned int *flags);

#endif
