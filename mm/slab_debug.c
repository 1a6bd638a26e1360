/*
 * Per-cache slab debugging (SLAB_RED_ZONE, SLAB_POISON, SLAB_STORE_USER), in the spirit
 * of Linux's CONFIG_DEBUG_SLAB, switched on by the cache's flags alone.
 *
 *  - Red zones: two state words just before each object say whether it is allocated
 *    (RED_ACTIVE) or free (RED_INACTIVE), which catches double frees and writes before
 *    the object; guard bytes from the object's end to the next 8-byte boundary plus 8
 *    catch writes past the end. Both are checked on free, and again on allocation.
 *  - Poison: a free object is filled with POISON_FREE and ends with POISON_END; a byte
 *    that changed by the next allocation is a write after free. A poisoned cache runs its
 *    constructor at each allocation, since poisoning destroys the constructed state.
 *  - The last caller to allocate or free each object is kept after it and reported.
 *
 * A check that fails is reported with cache, object and caller and the free is refused
 * when the object is not a live object of the cache (double free, wrong cache, not an
 * object start, not a slab page): the free lists and array caches are never touched by
 * a bad free. A damaged red zone of a live object is reported, repaired and the object
 * freed. Every function here runs with interrupts disabled.
 */
#include <kernel/kernel.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "slab.h"

#define RED_ACTIVE   0x170fc2a5u /* object allocated */
#define RED_INACTIVE 0x09f91102u /* object free */
#define RED_GUARD    0xbb	 /* guard bytes after the object */
#define POISON_FREE  0x6b
#define POISON_END   0xa5

static inline u32 *redzone1(struct kmem_cache *cachep, void *objp)
{
	return (u32 *)((char *)objp - 8);
}

static inline unsigned int guard_len(struct kmem_cache *cachep)
{
	return ALIGN(cachep->object_size, 8) + 8 - cachep->object_size;
}

static inline void **user_word(struct kmem_cache *cachep, void *objp)
{
	if (cachep->flags & SLAB_RED_ZONE)
		return (void **)((char *)objp + ALIGN(cachep->object_size, 8) + 8);
	return (void **)((char *)objp + ALIGN(cachep->object_size, BYTES_PER_WORD));
}

void slab_error(struct kmem_cache *cachep, const void *objp, void *caller, const char *fmt, ...)
{
	char what[192];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (cachep)
		cachep->errors++;
	pr_err("slab error: cache '%s': %s: object 0x%08lx, caller %pS\n",
	       cachep ? cachep->name : "?", what, (unsigned long)objp, caller);
}

static void set_redzone(struct kmem_cache *cachep, void *objp, u32 state)
{
	u32 *rz = redzone1(cachep, objp);

	rz[0] = rz[1] = state;
}

static void set_guard(struct kmem_cache *cachep, void *objp)
{
	memset((char *)objp + cachep->object_size, RED_GUARD, guard_len(cachep));
}

/* Offset of the first damaged guard byte after the object, or -1. */
static int check_guard(struct kmem_cache *cachep, void *objp)
{
	const unsigned char *g = (const unsigned char *)objp + cachep->object_size;
	unsigned int i, n = guard_len(cachep);

	for (i = 0; i < n; i++)
		if (g[i] != RED_GUARD)
			return (int)(cachep->object_size + i);
	return -1;
}

static void poison_obj(struct kmem_cache *cachep, void *objp)
{
	memset(objp, POISON_FREE, cachep->object_size - 1);
	((unsigned char *)objp)[cachep->object_size - 1] = POISON_END;
}

/* Offset of the first byte that differs from the poison, or -1. */
static int check_poison(struct kmem_cache *cachep, void *objp)
{
	const unsigned char *p = objp;
	unsigned int i, n = cachep->object_size;

	for (i = 0; i + 1 < n; i++)
		if (p[i] != POISON_FREE)
			return (int)i;
	return p[n - 1] == POISON_END ? -1 : (int)(n - 1);
}

void debug_init_object(struct kmem_cache *cachep, void *objp)
{
	if (cachep->flags & SLAB_RED_ZONE) {
		set_redzone(cachep, objp, RED_INACTIVE);
		set_guard(cachep, objp);
	}
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp);
	*user_word(cachep, objp) = NULL;
}

bool slab_locate_object(struct kmem_cache *cachep, const void *objp, struct kmem_cache **cachepp,
			struct slab **slabpp, unsigned int *idxp, void *caller)
{
	struct kmem_cache *owner;
	struct slab *slabp;
	struct page *page;
	unsigned long off;
	unsigned int idx;
	char *start;

	if (!virt_addr_valid(objp)) {
		if (caller)
			slab_error(cachep, objp, caller,
				   "invalid free: not a direct-mapped address");
		return false;
	}
	page = virt_to_page(objp);
	if (!PageSlab(page)) {
		if (caller)
			slab_error(cachep, objp, caller, "invalid free: not in a slab page");
		return false;
	}
	owner = page->slab_cache;
	if (cachep && owner != cachep) {
		if (caller)
			slab_error(cachep, objp, caller,
				   "invalid free: wrong cache, the object belongs to '%s'",
				   owner->name);
		return false;
	}
	slabp = page->slab_page;
	off = (unsigned long)((const char *)objp - (const char *)slabp->s_mem);
	if ((const char *)objp < (const char *)slabp->s_mem ||
	    off >= (unsigned long)owner->num * owner->buffer_size) {
		if (caller)
			slab_error(owner, objp, caller,
				   "invalid free: not an object (slab management or tail)");
		return false;
	}
	idx = obj_to_index(owner, slabp, objp);
	start = (char *)index_to_obj(owner, slabp, idx) + owner->obj_offset;
	if ((const char *)objp != start) {
		if (caller)
			slab_error(owner, objp, caller,
				   "invalid free: not the start of an object (%ld bytes into the "
				   "object at 0x%08lx)",
				   (long)((const char *)objp - start), (unsigned long)start);
		return false;
	}
	*cachepp = owner;
	*slabpp = slabp;
	*idxp = idx;
	return true;
}

bool slab_obj_is_free(struct kmem_cache *cachep, struct slab *slabp, unsigned int idx)
{
	struct array_cache *ac = cpu_cache_get(cachep);
	void *objp = (char *)index_to_obj(cachep, slabp, idx) + cachep->obj_offset;
	kmem_bufctl_t i = slabp->free;
	unsigned int n;

	for (n = 0; i != BUFCTL_END && n < cachep->num; n++, i = slab_bufctl(slabp)[i])
		if (i == idx)
			return true;
	for (n = 0; n < ac->avail; n++)
		if (ac->entry[n] == objp)
			return true;
	return false;
}

bool cache_free_debugcheck(struct kmem_cache *cachep, void *objp, void *caller)
{
	struct kmem_cache *owner;
	struct slab *slabp;
	unsigned int idx;
	void *last;
	int bad;

	if (!slab_locate_object(cachep, objp, &owner, &slabp, &idx, caller))
		return false;
	last = *user_word(cachep, objp);
	if (cachep->flags & SLAB_RED_ZONE) {
		u32 *rz = redzone1(cachep, objp);

		if (rz[0] != RED_ACTIVE || rz[1] != RED_ACTIVE) {
			if ((rz[0] == RED_INACTIVE && rz[1] == RED_INACTIVE) ||
			    slab_obj_is_free(cachep, slabp, idx)) {
				slab_error(cachep, objp, caller, "double free (last freed by %pS)",
					   last);
				return false;
			}
			slab_error(cachep, objp, caller,
				   "red zone before the object overwritten (0x%08x 0x%08x), "
				   "last user %pS",
				   rz[0], rz[1], last);
		}
		bad = check_guard(cachep, objp);
		if (bad >= 0)
			slab_error(cachep, objp, caller,
				   "red zone overwritten: write past the end of the %u-byte "
				   "object at offset %d, last user %pS",
				   cachep->object_size, bad, last);
		set_guard(cachep, objp);
		set_redzone(cachep, objp, RED_INACTIVE);
	} else if (slab_obj_is_free(cachep, slabp, idx)) {
		slab_error(cachep, objp, caller, "double free (last freed by %pS)", last);
		return false;
	}
	*user_word(cachep, objp) = caller;
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp);
	return true;
}

void cache_alloc_debugcheck(struct kmem_cache *cachep, void *objp, void *caller)
{
	void *last = *user_word(cachep, objp);
	int bad;

	if (cachep->flags & SLAB_POISON) {
		bad = check_poison(cachep, objp);
		if (bad >= 0)
			slab_error(cachep, objp, caller,
				   "use after free: byte %d written while the object was free "
				   "(0x%02x, poison 0x%02x), last freed by %pS",
				   bad, ((unsigned char *)objp)[bad],
				   bad + 1 == (int)cachep->object_size ? POISON_END : POISON_FREE,
				   last);
	}
	if (cachep->flags & SLAB_RED_ZONE) {
		u32 *rz = redzone1(cachep, objp);

		if (rz[0] != RED_INACTIVE || rz[1] != RED_INACTIVE)
			slab_error(cachep, objp, caller,
				   "red zone before a free object overwritten (0x%08x 0x%08x)",
				   rz[0], rz[1]);
		bad = check_guard(cachep, objp);
		if (bad >= 0)
			slab_error(cachep, objp, caller,
				   "red zone after a free object overwritten at offset %d", bad);
		set_guard(cachep, objp);
		set_redzone(cachep, objp, RED_ACTIVE);
	}
	*user_word(cachep, objp) = caller;
	if ((cachep->flags & SLAB_POISON) && cachep->ctor)
		cachep->ctor(objp);
}
