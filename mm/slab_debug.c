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

#include <mm/init_on.h>

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

/* The end of the right red zone: the object rounded up to 8 bytes, plus 8. */
static inline unsigned int guard_end(struct kmem_cache *cachep)
{
	return ALIGN(cachep->object_size, 8) + 8;
}

static inline struct slab_track *track(struct kmem_cache *cachep, void *objp)
{
	if (cachep->flags & SLAB_RED_ZONE)
		return (struct slab_track *)((char *)objp + guard_end(cachep));
	return (struct slab_track *)((char *)objp + ALIGN(cachep->object_size, BYTES_PER_WORD));
}

/* Where the right red zone starts: after the size kmalloc was asked for, or the object. */
static inline unsigned int guard_start(struct kmem_cache *cachep, void *objp)
{
	unsigned int orig = track(cachep, objp)->orig_size;

	return orig && orig < cachep->object_size ? orig : cachep->object_size;
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
	unsigned int from = guard_start(cachep, objp);

	memset((char *)objp + from, RED_GUARD, guard_end(cachep) - from);
}

/* Offset of the first damaged byte of the right red zone, or -1. */
static int check_guard(struct kmem_cache *cachep, void *objp)
{
	const unsigned char *p = objp;
	unsigned int i, n = guard_end(cachep);

	for (i = guard_start(cachep, objp); i < n; i++)
		if (p[i] != RED_GUARD)
			return (int)i;
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
	memset(track(cachep, objp), 0, sizeof(struct slab_track));
	if (cachep->flags & SLAB_RED_ZONE) {
		set_redzone(cachep, objp, RED_INACTIVE);
		set_guard(cachep, objp);
	}
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp);
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
	if (is_kfence_address(objp)) {
		/* A live KFENCE object has no slab: slab_obj_is_free() knows it by NULL. */
		*slabpp = NULL;
		*idxp = 0;
		return kfence_locate_object(cachep, objp, cachepp, caller);
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
	void *objp;
	kmem_bufctl_t i;
	unsigned int n;

	if (!slabp)
		return false; /* a KFENCE object slab_locate_object() found allocated */
	objp = (char *)index_to_obj(cachep, slabp, idx) + cachep->obj_offset;
	i = slabp->free;

	for (n = 0; i != BUFCTL_END && n < cachep->num; n++, i = slab_bufctl(slabp)[i])
		if (i == idx)
			return true;
	for (n = 0; n < ac->avail; n++)
		if (ac->entry[n] == objp)
			return true;
	return false;
}

/*
 * Hex-dump @len bytes at @p, 16 a line, as Linux's print_section(). Longer than 64
 * bytes, only the 64 around offset @focus are shown (the first damaged byte).
 */
static void print_section(const char *text, const void *p, unsigned int len, int focus)
{
	const unsigned char *b = p;
	unsigned int i, j, from = 0, to = len;
	char line[16 * 3 + 2 + 16 + 1];
	char *o;

	if (len > 64) {
		if (focus < 0 || (unsigned int)focus >= len)
			focus = 0;
		from = (unsigned int)focus >= 16 ? ((unsigned int)focus - 16) & ~15u : 0;
		if (from + 64 > len)
			from = (len - 64) & ~15u;
		to = from + 64 < len ? from + 64 : len;
	}
	if (from)
		printk(KERN_ERR "%-8s (%u bytes not shown)\n", text, from);
	for (i = from; i < to; i += 16) {
		o = line;
		for (j = 0; j < 16 && i + j < to; j++)
			o += sprintf(o, "%02x ", b[i + j]);
		for (; j < 16; j++)
			o += sprintf(o, "   ");
		*o++ = ' ';
		for (j = 0; j < 16 && i + j < to; j++)
			*o++ = b[i + j] >= 0x20 && b[i + j] < 0x7f ? (char)b[i + j] : '.';
		*o = '\0';
		printk(KERN_ERR "%-8s %08lx: %s\n", text, (unsigned long)(b + i), line);
	}
	if (to < len)
		printk(KERN_ERR "%-8s (%u bytes not shown)\n", text, len - to);
}

/*
 * Report a damaged object in the format of Linux's slab_bug()/print_trailer(): the
 * banner, the first bad byte and what it should be, the alloc/free tracks (SLAB_STORE_USER),
 * the slab, then the red zones and the object hex-dumped. @bad is the offset of the first
 * damaged byte from the object start (negative: in the left red zone).
 */
static void slab_bug(struct kmem_cache *cachep, struct slab *slabp, void *objp, const char *what,
		     int bad, unsigned int expect)
{
	const unsigned char *first = (const unsigned char *)objp + bad;
	struct slab_track *t = track(cachep, objp);
	unsigned int len = cachep->object_size;

	printk(KERN_ERR "=============================================================="
			"===============\n");
	printk(KERN_ERR "BUG %s (Not tainted): %s\n", cachep->name, what);
	printk(KERN_ERR "--------------------------------------------------------------"
			"---------------\n\n");
	printk(KERN_ERR "INFO: 0x%08lx @offset=%d. First byte 0x%x instead of 0x%x\n",
	       (unsigned long)first, bad, *first, expect);
	if ((cachep->flags & SLAB_STORE_USER) && t->alloc_caller)
		printk(KERN_ERR "INFO: Allocated in %pS\n", t->alloc_caller);
	if ((cachep->flags & SLAB_STORE_USER) && t->free_caller)
		printk(KERN_ERR "INFO: Freed in %pS\n", t->free_caller);
	printk(KERN_ERR "INFO: Slab 0x%08lx objects=%u used=%u\n",
	       (unsigned long)virt_to_page(objp), cachep->num, slabp->inuse);
	printk(KERN_ERR "INFO: Object 0x%08lx @offset=%lu\n", (unsigned long)objp,
	       (unsigned long)((char *)objp - (char *)slabp->s_mem));
	if (cachep->flags & SLAB_RED_ZONE)
		print_section("Redzone", redzone1(cachep, objp), 8, 0);
	if (t->orig_size && t->orig_size < len)
		len = t->orig_size;
	print_section("Object", objp, len, bad < (int)len ? bad : (int)len - 1);
	if (cachep->flags & SLAB_RED_ZONE)
		print_section("Redzone", (char *)objp + len, guard_end(cachep) - len,
			      bad - (int)len);
}

/* The slab of an object of @cachep (the object was located already). */
static struct slab *obj_slab(void *objp)
{
	return virt_to_page(objp)->slab_page;
}

static void report_guard(struct kmem_cache *cachep, struct slab *slabp, void *objp, int bad)
{
	slab_bug(cachep, slabp, objp, "Right Redzone overwritten", bad, RED_GUARD);
	printk(KERN_ERR "FIX %s: Restoring Right Redzone 0x%08lx-0x%08lx=0x%x\n\n", cachep->name,
	       (unsigned long)objp + bad, (unsigned long)objp + guard_end(cachep) - 1, RED_GUARD);
}

static bool free_debugcheck(struct kmem_cache *cachep, void *objp, void *caller)
{
	struct kmem_cache *owner;
	struct slab *slabp;
	unsigned int idx;
	void *last;
	int bad;

	if (!slab_locate_object(cachep, objp, &owner, &slabp, &idx, caller))
		return false;
	last = track(cachep, objp)->alloc_caller;
	if (cachep->flags & SLAB_RED_ZONE) {
		u32 *rz = redzone1(cachep, objp);

		if (rz[0] != RED_ACTIVE || rz[1] != RED_ACTIVE) {
			if ((rz[0] == RED_INACTIVE && rz[1] == RED_INACTIVE) ||
			    slab_obj_is_free(cachep, slabp, idx)) {
				slab_error(cachep, objp, caller, "double free (last freed by %pS)",
					   track(cachep, objp)->free_caller);
				return false;
			}
			slab_bug(cachep, slabp, objp, "Left Redzone overwritten", -8,
				 RED_ACTIVE & 0xff);
			slab_error(cachep, objp, caller,
				   "red zone before the object overwritten (0x%08x 0x%08x), "
				   "last user %pS",
				   rz[0], rz[1], last);
		}
		bad = check_guard(cachep, objp);
		if (bad >= 0) {
			report_guard(cachep, slabp, objp, bad);
			slab_error(cachep, objp, caller,
				   "red zone overwritten: write past the end of the %u-byte "
				   "object at offset %d, last user %pS",
				   guard_start(cachep, objp), bad, last);
		}
		track(cachep, objp)->orig_size = 0;
		set_guard(cachep, objp);
		set_redzone(cachep, objp, RED_INACTIVE);
	} else if (slab_obj_is_free(cachep, slabp, idx)) {
		slab_error(cachep, objp, caller, "double free (last freed by %pS)",
			   track(cachep, objp)->free_caller);
		return false;
	}
	track(cachep, objp)->free_caller = caller;
	track(cachep, objp)->orig_size = 0;
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp);
	return true;
}

static void alloc_debugcheck(struct kmem_cache *cachep, void *objp, void *caller,
			     unsigned int orig_size)
{
	struct slab_track *t = track(cachep, objp);
	void *last = t->free_caller;
	int bad;

	if (cachep->flags & SLAB_POISON) {
		bad = check_poison(cachep, objp);
		if (bad >= 0) {
			slab_bug(cachep, obj_slab(objp), objp, "Poison overwritten", bad,
				 bad + 1 == (int)cachep->object_size ? POISON_END : POISON_FREE);
			slab_error(cachep, objp, caller,
				   "use after free: byte %d written while the object was free "
				   "(0x%02x, poison 0x%02x), last freed by %pS",
				   bad, ((unsigned char *)objp)[bad],
				   bad + 1 == (int)cachep->object_size ? POISON_END : POISON_FREE,
				   last);
		}
	}
	if (cachep->flags & SLAB_RED_ZONE) {
		u32 *rz = redzone1(cachep, objp);

		if (rz[0] != RED_INACTIVE || rz[1] != RED_INACTIVE)
			slab_error(cachep, objp, caller,
				   "red zone before a free object overwritten (0x%08x 0x%08x)",
				   rz[0], rz[1]);
		bad = check_guard(cachep, objp);
		if (bad >= 0) {
			report_guard(cachep, obj_slab(objp), objp, bad);
			slab_error(cachep, objp, caller,
				   "red zone after a free object overwritten at offset %d", bad);
		}
		t->orig_size = orig_size < cachep->object_size ? orig_size : 0;
		set_guard(cachep, objp);
		set_redzone(cachep, objp, RED_ACTIVE);
	}
	t->alloc_caller = caller;
	if ((cachep->flags & SLAB_POISON) && cachep->ctor)
		cachep->ctor(objp);
}

/*
 * The slow halves of the fast paths (mm/slab.h, mm/slab.c), for caches with
 * SLAB_HOOK_FLAGS: a KFENCE object goes back to its pool (mm/kfence.c); the debug checks,
 * then init_on_free (mm/init_on.c). Allocation: the debug checks only (debug caches). A poisoned
 * cache keeps its poison rather than zeroing free objects, as Linux does.
 */
bool cache_free_debugcheck(struct kmem_cache *cachep, void *objp, void *caller)
{
	if (unlikely(is_kfence_address(objp))) {
		kfence_free(cachep, objp, caller); /* never to the array cache */
		return false;
	}
	if ((cachep->flags & SLAB_DEBUG_FLAGS) && !free_debugcheck(cachep, objp, caller))
		return false;
	if ((cachep->flags & SLAB_INIT_HOOK) && static_key_enabled(&init_on_free) &&
	    !(cachep->flags & SLAB_POISON))
		memset(objp, 0, cachep->object_size);
	return true;
}

void cache_alloc_debugcheck(struct kmem_cache *cachep, void *objp, void *caller,
			    unsigned int orig_size)
{
	alloc_debugcheck(cachep, objp, caller, orig_size);
}

void slab_debug_resize(struct kmem_cache *cachep, void *objp, unsigned int new_size)
{
	unsigned long flags;

	local_irq_save(flags);
	track(cachep, objp)->orig_size = new_size < cachep->object_size ? new_size : 0;
	set_guard(cachep, objp);
	local_irq_restore(flags);
}

/* Check one object of a slab as validate does; return the problems found. */
static unsigned int validate_object(struct kmem_cache *cachep, struct slab *slabp, unsigned int idx)
{
	void *objp = (char *)index_to_obj(cachep, slabp, idx) + cachep->obj_offset;
	bool is_free = slab_obj_is_free(cachep, slabp, idx);
	unsigned int errors = 0;
	int bad;

	if (cachep->flags & SLAB_RED_ZONE) {
		u32 *rz = redzone1(cachep, objp);
		u32 want = is_free ? RED_INACTIVE : RED_ACTIVE;

		if (rz[0] != want || rz[1] != want) {
			slab_bug(cachep, slabp, objp, "Left Redzone overwritten", -8, want & 0xff);
			printk(KERN_ERR "FIX %s: Restoring Left Redzone 0x%08lx-0x%08lx=0x%08x\n\n",
			       cachep->name, (unsigned long)rz, (unsigned long)rz + 7, want);
			set_redzone(cachep, objp, want);
			errors++;
		}
		bad = check_guard(cachep, objp);
		if (bad >= 0) {
			report_guard(cachep, slabp, objp, bad);
			set_guard(cachep, objp);
			errors++;
		}
	}
	if (is_free && (cachep->flags & SLAB_POISON)) {
		bad = check_poison(cachep, objp);
		if (bad >= 0) {
			slab_bug(cachep, slabp, objp, "Poison overwritten", bad,
				 bad + 1 == (int)cachep->object_size ? POISON_END : POISON_FREE);
			printk(KERN_ERR "FIX %s: Restoring Poison 0x%08lx-0x%08lx=0x%x\n\n",
			       cachep->name, (unsigned long)objp,
			       (unsigned long)objp + cachep->object_size - 1, POISON_FREE);
			poison_obj(cachep, objp);
			errors++;
		}
	}
	return errors;
}

/**
 * kmem_cache_validate - check every object of every slab of a cache, as Linux's
 * validate_slab_cache()
 * @cachep: the cache
 *
 * Walks the full, partial and free slabs; each object's red zones (live or free state,
 * right red zone from the size kmalloc was asked for) and, for a free object, its poison
 * are checked. Each damage is reported in Linux's format and repaired.
 * Return: the number of damaged objects found (0 for a cache without debug flags).
 */
unsigned int kmem_cache_validate(struct kmem_cache *cachep)
{
	struct list_head *lists[] = { &cachep->lists.slabs_full, &cachep->lists.slabs_partial,
				      &cachep->lists.slabs_free };
	unsigned int i, idx, errors = 0;
	struct slab *slabp;
	unsigned long flags;

	if (!(cachep->flags & (SLAB_RED_ZONE | SLAB_POISON)))
		return 0;
	spin_lock_irqsave(&cachep->lists.list_lock, flags);
	for (i = 0; i < ARRAY_SIZE(lists); i++)
		list_for_each_entry(slabp, lists[i], list)
			for (idx = 0; idx < cachep->num; idx++)
				errors += validate_object(cachep, slabp, idx);
	cachep->errors += errors;
	spin_unlock_irqrestore(&cachep->lists.list_lock, flags);
	return errors;
}
