/*
 * Internals shared by mm/slab.c, mm/slab_debug.c, mm/slabinfo.c, mm/kmalloc.c and the
 * tests: the slab descriptor and the object <-> index arithmetic.
 *
 * A slab is 2^gfporder pages. Its descriptor (struct slab followed by the bufctl array)
 * sits at the start of the slab after the colour offset ("on-slab"), or, for caches of
 * large objects, in an object of a kmalloc cache ("off-slab") so that the objects fill
 * the pages. Every page of a slab has PG_slab, page->slab_cache and page->slab_page set.
 *
 * The free objects of a slab form a list threaded through the bufctl array:
 * slabp->free is the first free index, bufctl[i] the one after i, BUFCTL_END ends it.
 */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include <kernel/printk.h>
#include <mm/kfence.h>
#include <mm/kmemleak.h>
#include <mm/mm.h>
#include <mm/slab_def.h>
#include <string.h>

typedef unsigned short kmem_bufctl_t;
#define BUFCTL_END	((kmem_bufctl_t)0xffff)
#define SLAB_LIMIT	((kmem_bufctl_t)0xfffe) /* most objects a slab may hold */
#define MAX_GFP_ORDER	5			/* slabs of up to 32 pages (128 KB) */
#define CACHE_LINE_SIZE 32			/* ARM1176 L1 data cache line */
#define BYTES_PER_WORD	sizeof(void *)
#define CFLGS_OFF_SLAB	0x80000000u /* in cachep->flags: management is off-slab */
/* In cachep->flags: init_on_alloc or init_on_free is on (mm/init_on.c), no constructor. */
#define SLAB_INIT_HOOK 0x00008000u
/*
 * In cachep->flags: a KFENCE sample is due, or the cache has objects in the KFENCE pool
 * (mm/kfence.c).
 */
#define SLAB_KFENCE 0x00020000u
/*
 * The flags that send an allocation or free out of line (mm/slab.c, mm/slab_debug.c):
 * bits 10..17, one ARM immediate, so testing them is one instruction in the fast paths.
 */
#define SLAB_HOOK_FLAGS (SLAB_DEBUG_FLAGS | SLAB_INIT_HOOK | SLAB_KFENCE)

struct slab {
	struct list_head list;	 /* on slabs_full, slabs_partial or slabs_free */
	unsigned long colouroff; /* bytes from the page start to s_mem */
	void *s_mem;		 /* the first object's buffer */
	unsigned int inuse;	 /* objects not on the free list (array caches included) */
	kmem_bufctl_t free;	 /* first free object, or BUFCTL_END */
};

static inline kmem_bufctl_t *slab_bufctl(struct slab *slabp)
{
	return (kmem_bufctl_t *)(slabp + 1);
}

static inline struct array_cache *cpu_cache_get(struct kmem_cache *cachep)
{
	return cachep->array[smp_processor_id()];
}

static inline struct reciprocal_value reciprocal_value(u32 d)
{
	struct reciprocal_value r;
	unsigned int l = d > 1 ? 32 - (unsigned int)__builtin_clz(d - 1) : 0;

	r.m = (u32)((((u64)1 << 32) * (((u64)1 << l) - d)) / d + 1);
	r.sh1 = l < 1 ? (u8)l : 1;
	r.sh2 = l > 1 ? (u8)(l - 1) : 0;
	return r;
}

static inline u32 reciprocal_divide(u32 a, struct reciprocal_value r)
{
	u32 t = (u32)(((u64)a * r.m) >> 32);

	return (t + ((a - t) >> r.sh1)) >> r.sh2;
}

/* The buffer of object @idx (its start, not the object start when obj_offset != 0). */
static inline void *index_to_obj(struct kmem_cache *cachep, struct slab *slabp, unsigned int idx)
{
	return (char *)slabp->s_mem + cachep->buffer_size * idx;
}

/* The index of the buffer holding @buf (any address inside it). */
static inline unsigned int obj_to_index(struct kmem_cache *cachep, struct slab *slabp,
					const void *buf)
{
	u32 off = (u32)((const char *)buf - (const char *)slabp->s_mem);

	return reciprocal_divide(off, cachep->reciprocal_buffer_size);
}

/*
 * The words after each object of a debug cache (mm/slab_debug.c): the last allocation
 * and free call sites and, for kmalloc, the size asked for (0: the whole object), the
 * bytes beyond which are red zone.
 */
struct slab_track {
	void *alloc_caller;
	void *free_caller;
	unsigned int orig_size;
};
#define SLAB_TRACK_BYTES ((unsigned int)sizeof(struct slab_track))

/* slab.c */
extern struct list_head slab_caches;  /* every cache, kmem_cache first */
extern struct kmem_cache cache_cache; /* the "kmem_cache" cache: descriptors */
/* kmem_cache_free() on behalf of @caller (kfree). */
void __kmem_cache_free_caller(struct kmem_cache *cachep, void *objp, void *caller);
/* Free a batch of objects back to their slabs (list_lock held, IRQs off). */
void free_block(struct kmem_cache *cachep, void **objpp, unsigned int nr);
/* Move every array-cache object back to the slabs. */
void drain_array(struct kmem_cache *cachep);
/* Free up to @max empty slabs. Return: pages freed. */
unsigned long drain_freelist(struct kmem_cache *cachep, unsigned long max);

/* slab_debug.c: called with IRQs disabled */
void debug_init_object(struct kmem_cache *cachep, void *objp);
bool cache_free_debugcheck(struct kmem_cache *cachep, void *objp, void *caller);
/* For caches with SLAB_DEBUG_FLAGS */
void cache_alloc_debugcheck(struct kmem_cache *cachep, void *objp, void *caller,
			    unsigned int orig_size);
/* krealloc() kept @objp for @new_size bytes: move its kmalloc red zone. */
void slab_debug_resize(struct kmem_cache *cachep, void *objp, unsigned int new_size);
/* The flags the slub_debug build setting gives the cache called @name. */
unsigned int slub_debug_flags_for(const char *name);
/* Give every cache without a constructor SLAB_INIT_HOOK (@on) or take it away. */
void slab_set_init_hooks(bool on);

/* Refill an empty array cache (IRQs disabled) and return an object from it. */
void *cache_alloc_refill(struct kmem_cache *cachep, gfp_t flags, unsigned long irqflags);
/*
 * The whole allocation path, out of line: a cache with SLAB_HOOK_FLAGS (KFENCE, debug
 * checks, init_on_alloc), __GFP_ZERO, and an empty array cache all come here.
 */
void *cache_alloc_hooked(struct kmem_cache *cachep, gfp_t flags, void *caller, unsigned int size);
/* The whole free path, out of line: hooked caches and full array caches (any IRQ state). */
void cache_free_hooked(struct kmem_cache *cachep, void *objp, void *caller);

/* Every fastpath_ac of a cache with SLAB_HOOK_FLAGS: never written, avail 0 and limit 0. */
extern const struct array_cache slab_hooked_ac;

/*
 * Set the flags of @cachep and point its fast paths at the array cache or, with any
 * SLAB_HOOK_FLAGS, at slab_hooked_ac. Every change of cachep->flags or cachep->array
 * goes through here, with IRQs disabled (or before the cache is in use).
 */
static inline void cache_set_flags(struct kmem_cache *cachep, unsigned int flags)
{
	unsigned int cpu;

	cachep->flags = flags;
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		cachep->fastpath_ac[cpu] = flags & SLAB_HOOK_FLAGS
						   ? (struct array_cache *)&slab_hooked_ac
						   : cachep->array[cpu];
}

/* Pop the array cache, or refill it (IRQs disabled, @irqflags the caller's state). */
static __always_inline void *cache_pop(struct kmem_cache *cachep, gfp_t flags,
				       unsigned long irqflags)
{
	struct array_cache *ac = cpu_cache_get(cachep);

	if (likely(ac->avail)) {
		ac->touched = 1;
		return ac->entry[--ac->avail];
	}
	return cache_alloc_refill(cachep, flags, irqflags);
}

/*
 * The allocation fast path: pop the array cache with interrupts disabled. Here so that
 * __kmalloc() (mm/kmalloc.c) inlines it as kmem_cache_alloc() does. @size is the size
 * kmalloc was asked for (0: the whole object): __GFP_ZERO clears that much and a
 * red-zoned cache guards the bytes after it. Everything else goes to cache_alloc_hooked()
 * as a whole: __GFP_ZERO, an empty array cache, and a cache with SLAB_HOOK_FLAGS, whose
 * fastpath_ac is the empty slab_hooked_ac, so a KFENCE sample costs this path nothing.
 */
static __always_inline void *__cache_alloc(struct kmem_cache *cachep, gfp_t flags, void *caller,
					   unsigned int size)
{
	unsigned int avail, touched;
	struct array_cache *ac;
	unsigned long irqflags;
	void *objp;

	local_irq_save(irqflags);
	ac = cachep->fastpath_ac[smp_processor_id()];
	touched = ac->avail;
	avail = touched - 1;
	if (unlikely((int)avail < 0)) /* empty: the borrow of the decrement says so */
		goto out_of_line;
	if (unlikely(flags & __GFP_ZERO))
		goto out_of_line;
	ac->touched = touched; /* nonzero: the count before the pop, in a register already */
	ac->avail = avail;
	objp = ac->entry[avail];
	local_irq_restore(irqflags);
	kmemleak_alloc_recursive(objp, cachep->object_size, 1, cachep->flags, flags);
	return objp;

out_of_line:
	local_irq_restore(irqflags);
	return cache_alloc_hooked(cachep, flags, caller, size);
}

/* Flush the coldest batch of a full array cache to the slabs (IRQs disabled). */
void cache_flusharray(struct kmem_cache *cachep, struct array_cache *ac);

/*
 * The free fast path: push @objp on the array cache with interrupts disabled. Here so
 * that kfree() (mm/kmalloc.c) inlines it as kmem_cache_free() does. A full array cache
 * and a cache with SLAB_HOOK_FLAGS (slab_hooked_ac is always full) go to
 * cache_free_hooked().
 */
static __always_inline void __cache_free(struct kmem_cache *cachep, void *objp, void *caller)
{
	struct array_cache *ac;
	unsigned long irqflags;
	unsigned int avail;

	kmemleak_free_recursive(objp, cachep->flags);
	local_irq_save(irqflags);
	ac = cachep->fastpath_ac[smp_processor_id()];
	avail = ac->avail;
	if (unlikely(avail >= ac->limit)) {
		local_irq_restore(irqflags);
		cache_free_hooked(cachep, objp, caller);
		return;
	}
	ac->entry[avail] = objp;
	ac->avail = avail + 1;
	local_irq_restore(irqflags);
}
/*
 * Check that @objp is the start of an object of a slab of @cachep (NULL: of any cache).
 * Fills in the cache, slab and index; otherwise reports why not (when @caller is not
 * NULL) and returns false. A KFENCE object must be allocated: its slab is NULL.
 */
bool slab_locate_object(struct kmem_cache *cachep, const void *objp, struct kmem_cache **cachepp,
			struct slab **slabpp, unsigned int *idxp, void *caller);
/*
 * Whether object @idx of @slabp is free (on the slab's list or in the array cache).
 * @slabp NULL: a KFENCE object, which slab_locate_object() only finds when allocated.
 */
bool slab_obj_is_free(struct kmem_cache *cachep, struct slab *slabp, unsigned int idx);
/* Report a misuse: "slab error: cache '<name>': <what>: object 0x..., caller 0x...". */
void slab_error(struct kmem_cache *cachep, const void *objp, void *caller, const char *fmt, ...)
	__printf(4, 5);

/* kmalloc.c */
void kmalloc_init(void);

/* kfence.c: the slab side of KFENCE (include/mm/kfence.h); IRQs disabled unless noted */
extern bool kfence_armed; /* every cache has SLAB_KFENCE */
/* A pool object for this allocation when a sample is due (any IRQ state), else NULL. */
void *kfence_alloc(struct kmem_cache *cachep, unsigned int size, gfp_t flags, void *caller);
/* Free a pool object, or report why it cannot be freed. */
void kfence_free(struct kmem_cache *cachep, void *objp, void *caller);
/* The size a pool object was allocated with (0: not allocated). */
size_t kfence_ksize(const void *objp);
/* slab_locate_object() for the pool: a live object's start; else reported (@caller). */
bool kfence_locate_object(struct kmem_cache *cachep, const void *objp, struct kmem_cache **cachepp,
			  void *caller);
/* kmem_cache_destroy(): the cache's live pool objects become zombies. */
void kfence_shutdown_cache(struct kmem_cache *cachep);

#endif
