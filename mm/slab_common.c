/*
 * Creating, sizing and destroying SLAB caches, the bootstrap of the first caches, and
 * the slab shrinker (the allocation and free paths are in mm/slab.c).
 *
 * A cache's geometry is fixed at creation: object alignment (SLAB_HWCACHE_ALIGN: the
 * 32-byte cache line, halved for small objects), the debug words around each object, the
 * smallest slab order that wastes at most 1/8 of the slab, whether the slab descriptor
 * lives on the slab or, for objects of 512 bytes and more, in a kmalloc object, and how
 * many colours the leftover bytes allow.
 *
 * Bootstrap: the descriptors of all caches come from the static "kmem_cache" cache.
 * Until the kmalloc caches exist every cache runs on a one-entry boot array cache; then
 * kmem_cache_init() gives each an array kmalloc()ed for its object size.
 */
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/init_on.h>
#include <mm/shrinker.h>
#include <string.h>

#include "slab.h"
#define BOOT_CPUCACHE_ENTRIES 1
#define NR_BOOT_ARRAYS	      32

LIST_HEAD(slab_caches);
struct kmem_cache cache_cache;
unsigned long nr_slab_reclaimable, nr_slab_unreclaimable;

/* How far kmem_cache_init() has come. */
static enum {
	SLAB_DOWN,
	SLAB_PARTIAL,
	SLAB_FULL
} slab_state;

static struct boot_array {
	struct array_cache ac;
	void *entry[BOOT_CPUCACHE_ENTRIES];
} boot_arrays[NR_BOOT_ARRAYS];
static unsigned int nr_boot_arrays;

static bool is_boot_array(const struct array_cache *ac)
{
	return (const void *)ac >= (const void *)boot_arrays &&
	       (const void *)ac < (const void *)(boot_arrays + NR_BOOT_ARRAYS);
}

/* ---- geometry ---- */

/*
 * How many buffers of @size fit in a slab of 2^@order pages, and the bytes left over.
 * On-slab the descriptor and one bufctl per object come first, aligned to @align.
 */
static void cache_estimate(unsigned int order, unsigned int size, unsigned int align, bool off_slab,
			   unsigned int *num, unsigned int *left_over)
{
	unsigned int bytes = PAGE_SIZE << order, n, mgmt = 0;

	if (off_slab) {
		n = bytes / size;
	} else {
		n = (bytes - sizeof(struct slab)) / (size + sizeof(kmem_bufctl_t));
		while (n &&
		       ALIGN(sizeof(struct slab) + n * sizeof(kmem_bufctl_t), align) + n * size >
			       bytes)
			n--;
		mgmt = ALIGN(sizeof(struct slab) + n * sizeof(kmem_bufctl_t), align);
	}
	if (n > SLAB_LIMIT)
		n = SLAB_LIMIT;
	*num = n;
	*left_over = n ? bytes - n * size - mgmt : bytes;
}

/* The smallest order whose leftover is at most 1/8 of the slab. Return: left over. */
static unsigned int calculate_slab_order(struct kmem_cache *cachep, bool off_slab)
{
	unsigned int order, num = 0, left = 0;

	cachep->num = 0; /* no order fits: the caller must not see the previous layout's */
	for (order = 0; order <= MAX_GFP_ORDER; order++) {
		cache_estimate(order, cachep->buffer_size, cachep->align, off_slab, &num, &left);
		if (!num)
			continue;
		cachep->num = num;
		cachep->gfporder = order;
		if (left * 8 <= (PAGE_SIZE << order))
			break;
	}
	if (order > MAX_GFP_ORDER)
		cache_estimate(cachep->gfporder, cachep->buffer_size, cachep->align, off_slab, &num,
			       &left);
	return left;
}

/* Off-slab management needs a kmalloc cache (itself on-slab) for the descriptor. */
static struct kmem_cache *slabp_cache_for(unsigned int slab_size)
{
	struct kmem_cache *c;

	if (slab_state == SLAB_DOWN || slab_size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	c = kmalloc_caches[kmalloc_index(slab_size)];
	return c && !(c->flags & CFLGS_OFF_SLAB) ? c : NULL;
}

/* Lay out a cache: alignment, debug words, slab order, on/off-slab, colours. */
static bool setup_cache(struct kmem_cache *cachep, size_t size, size_t align, unsigned int flags)
{
	unsigned int ralign = BYTES_PER_WORD, left = 0;

	if (flags & SLAB_HWCACHE_ALIGN) {
		/* Small objects share a line rather than each wasting most of one. */
		ralign = CACHE_LINE_SIZE;
		while (size <= ralign / 2 && ralign > BYTES_PER_WORD)
			ralign /= 2;
	}
	if (align > ralign)
		ralign = (unsigned int)align;
	if (flags & SLAB_RED_ZONE && ralign < 8)
		ralign = 8;
	cachep->align = ralign;
	cache_set_flags(cachep, flags);
	cachep->object_size = (unsigned int)size;
	cachep->obj_offset = 0;
	if (flags & SLAB_RED_ZONE) {
		/* [2 state words][object, guard bytes to 8-aligned + 8][track] */
		cachep->obj_offset = ralign;
		cachep->buffer_size =
			ALIGN(ralign + ALIGN((unsigned int)size, 8) + 8 + SLAB_TRACK_BYTES, ralign);
	} else if (flags & SLAB_DEBUG_FLAGS) {
		cachep->buffer_size =
			ALIGN(ALIGN((unsigned int)size, BYTES_PER_WORD) + SLAB_TRACK_BYTES, ralign);
	} else {
		cachep->buffer_size = ALIGN((unsigned int)size, ralign);
	}
	cachep->reciprocal_buffer_size = reciprocal_value(cachep->buffer_size);

	cachep->slabp_cache = NULL;
	if (cachep->buffer_size >= (PAGE_SIZE >> 3)) {
		left = calculate_slab_order(cachep, true);
		cachep->slab_size = ALIGN(sizeof(struct slab) + cachep->num * sizeof(kmem_bufctl_t),
					  BYTES_PER_WORD);
		cachep->slabp_cache = slabp_cache_for(cachep->slab_size);
	}
	if (cachep->slabp_cache) {
		cache_set_flags(cachep, cachep->flags | CFLGS_OFF_SLAB);
	} else {
		left = calculate_slab_order(cachep, false);
		cachep->slab_size =
			ALIGN(sizeof(struct slab) + cachep->num * sizeof(kmem_bufctl_t), ralign);
	}
	if (!cachep->num)
		return false;
	cachep->colour_off = max(ralign, (unsigned int)CACHE_LINE_SIZE);
	cachep->colour = left / cachep->colour_off;
	cachep->gfpflags = flags & SLAB_CACHE_DMA ? __GFP_DMA : 0;

	INIT_LIST_HEAD(&cachep->lists.slabs_partial);
	INIT_LIST_HEAD(&cachep->lists.slabs_full);
	INIT_LIST_HEAD(&cachep->lists.slabs_free);
	spin_lock_init(&cachep->lists.list_lock);
	return true;
}

/* ---- array caches ---- */

static void array_init(struct array_cache *ac, unsigned int limit, unsigned int batch)
{
	ac->avail = 0;
	ac->limit = limit;
	ac->batchcount = batch;
	ac->touched = 0;
}

/* Array sizes by object size, as Linux's enable_cpucache(). */
static unsigned int cpucache_limit(const struct kmem_cache *cachep)
{
	if (cachep->buffer_size > 131072)
		return 1;
	if (cachep->buffer_size > PAGE_SIZE)
		return 8;
	if (cachep->buffer_size > 1024)
		return 24;
	if (cachep->buffer_size > 256)
		return 54;
	return 120;
}

/* Give @cachep an array of @limit entries (kmalloc()ed, or a boot one before kmalloc). */
static bool setup_cpu_cache(struct kmem_cache *cachep, gfp_t gfp)
{
	struct array_cache *ac, *old = cachep->array[0];
	unsigned int limit = BOOT_CPUCACHE_ENTRIES;
	unsigned long flags;

	if (slab_state == SLAB_FULL) {
		limit = cpucache_limit(cachep);
		ac = kmalloc(sizeof(*ac) + limit * sizeof(void *), gfp);
		if (!ac)
			return false;
		/* Its entries past avail are stale copies of allocated objects' addresses. */
		kmemleak_no_scan(ac);
	} else {
		if (nr_boot_arrays == NR_BOOT_ARRAYS)
			panic("slab: out of boot array caches for '%s'", cachep->name);
		ac = &boot_arrays[nr_boot_arrays++].ac;
	}
	array_init(ac, limit, (limit + 1) / 2);
	if (old)
		drain_array(cachep);
	local_irq_save(flags);
	cachep->array[0] = ac;
	cache_set_flags(cachep, cachep->flags);
	cachep->lists.free_limit = 2 * ac->batchcount + cachep->num;
	local_irq_restore(flags);
	if (old && !is_boot_array(old))
		kfree(old);
	else if (old)
		memset(old->entry, 0, old->limit * sizeof(void *)); /* no stale address in .bss */
	return true;
}

/* ---- cache creation and destruction ---- */

/**
 * kmem_cache_find - the cache called @name
 * Return: it, or NULL.
 */
struct kmem_cache *kmem_cache_find(const char *name)
{
	struct kmem_cache *c;

	list_for_each_entry(c, &slab_caches, next)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static const char *create_error(const char *name, size_t size, size_t align, unsigned int flags)
{
	if (!name || !*name)
		return "no name";
	if (strlen(name) >= KMEM_CACHE_NAME_LEN)
		return "name too long";
	if (size < 1 || size > KMALLOC_MAX_CACHE_SIZE)
		return "bad size";
	if (align & (align - 1) || align > PAGE_SIZE)
		return "alignment is not a power of two up to a page";
	if (flags & ~SLAB_CREATE_MASK)
		return "unknown flags";
	if (kmem_cache_find(name))
		return "a cache of that name exists";
	if (slab_state == SLAB_DOWN && cache_cache.num == 0)
		return "kmem_cache_init() has not run";
	return NULL;
}

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
				     unsigned int flags, void (*ctor)(void *))
{
	const char *why = create_error(name, size, align, flags);
	struct kmem_cache *cachep = NULL;
	unsigned int debug;
	unsigned long irqflags;

	if (why)
		goto fail;
	why = "out of memory";
	cachep = kmem_cache_zalloc(&cache_cache, GFP_KERNEL);
	if (!cachep)
		goto fail;
	strcpy(cachep->name, name);
	cachep->ctor = ctor;
	debug = slub_debug_flags_for(name) & ~flags;
	if (!ctor && (static_key_enabled(&init_on_alloc) || static_key_enabled(&init_on_free)))
		flags |= SLAB_INIT_HOOK;
	if (kfence_armed && !(flags & SLAB_SKIP_KFENCE))
		flags |= SLAB_KFENCE;
	why = "object too large for a slab";
	if (!setup_cache(cachep, size, align, flags | debug)) {
		/*
		 * The slub_debug setting's red zone and tracking words do not fit beside the
		 * largest objects (kmalloc-131072 fills a slab of the highest order): that
		 * cache goes without them, as Linux's slub_debug=O does for caches it would
		 * push to higher orders. The caller's own flags are never dropped.
		 */
		if (!debug || !setup_cache(cachep, size, align, flags))
			goto fail;
		pr_warn("slub_debug: cache '%s': no room for debug flags %#x, left off\n", name,
			debug);
	}
	flags |= debug;
	why = "out of memory";
	if (!setup_cpu_cache(cachep, GFP_KERNEL))
		goto fail;
	/* The KFENCE tick walks the list (mm/kfence.c). */
	local_irq_save(irqflags);
	list_add_tail(&cachep->next, &slab_caches);
	local_irq_restore(irqflags);
	return cachep;
fail:
	if (cachep)
		kmem_cache_free(&cache_cache, cachep);
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: cannot create cache '%s': %s", name ? name : "(null)",
		      why);
	pr_err("kmem_cache_create(%s, %u, %u, %#x): %s (caller %pS)\n", name ? name : "(null)",
	       (unsigned int)size, (unsigned int)align, flags, why, __builtin_return_address(0));
	return NULL;
}

/* ---- slub_debug: debug flags by cache name ---- */

/*
 * The build setting (README.md, Build settings; checked by scripts/check-config.sh), in
 * Linux's syntax: "<letters>[,<cache>...][;<letters>,<cache>...]". Letters without a
 * cache name apply to every cache; a name ending in '*' matches by prefix.
 */
#ifdef SLUB_DEBUG
static const char slub_debug_setting[] = SLUB_DEBUG;
#else
static const char slub_debug_setting[] = "";
#endif

/**
 * slub_debug_parse_flags - SLAB_* debug flags from slub_debug letters
 * @s: the letters: F (sanity checks), Z (red zones), P (poison), U (user tracking), or
 *     "-" for none; empty means all four, as Linux's bare "slub_debug"
 * @len: how many characters of @s
 * @flags: the flags, set on success
 *
 * Return: 0, or -1 for a letter that is not one of these.
 */
int slub_debug_parse_flags(const char *s, size_t len, unsigned int *flags)
{
	unsigned int f = 0;
	size_t i;

	if (!len) {
		*flags = SLAB_DEBUG_FLAGS;
		return 0;
	}
	for (i = 0; i < len; i++) {
		switch (s[i] | 0x20) {
		case 'f':
			f |= SLAB_CONSISTENCY_CHECKS;
			break;
		case 'z':
			f |= SLAB_RED_ZONE;
			break;
		case 'p':
			f |= SLAB_POISON;
			break;
		case 'u':
			f |= SLAB_STORE_USER;
			break;
		default:
			if (s[i] != '-')
				return -1;
		}
	}
	*flags = f;
	return 0;
}

static bool slub_debug_name_matches(const char *pat, size_t len, const char *name)
{
	if (len && pat[len - 1] == '*')
		return !strncmp(pat, name, len - 1);
	return strlen(name) == len && !strncmp(pat, name, len);
}

unsigned int slub_debug_flags_for(const char *name)
{
	const char *s = slub_debug_setting, *end, *comma, *tok;
	unsigned int flags, result = 0;
	size_t n;

	while (*s) {
		end = strchr(s, ';');
		if (!end)
			end = s + strlen(s);
		comma = memchr(s, ',', (size_t)(end - s));
		n = (size_t)((comma ? comma : end) - s);
		if (!slub_debug_parse_flags(s, n, &flags)) {
			if (!comma) {
				result = flags;
			} else {
				for (tok = comma + 1; tok < end; tok = comma + 1) {
					comma = memchr(tok, ',', (size_t)(end - tok));
					if (!comma)
						comma = end;
					if (slub_debug_name_matches(tok, (size_t)(comma - tok),
								    name))
						result = flags;
				}
			}
		}
		s = *end ? end + 1 : end;
	}
	return result;
}

void slab_set_init_hooks(bool on)
{
	struct kmem_cache *c;
	unsigned long flags;

	local_irq_save(flags);
	list_for_each_entry(c, &slab_caches, next) {
		if (on && !c->ctor)
			cache_set_flags(c, c->flags | SLAB_INIT_HOOK);
		else
			cache_set_flags(c, c->flags & ~SLAB_INIT_HOOK);
	}
	local_irq_restore(flags);
}

/**
 * kmem_cache_set_debug - change the debug flags of a cache that holds no objects
 * @cachep: the cache
 * @debug_flags: the new SLAB_CONSISTENCY_CHECKS / RED_ZONE / POISON / STORE_USER set
 *
 * Shrinks the cache first; a cache with objects still allocated cannot change its object
 * layout and is refused. Otherwise it is laid out again with the new flags.
 * Return: 0, -EBUSY when objects are in use, -E2BIG when the new layout does not fit in
 * a slab of the highest order (the cache keeps its flags).
 */
int kmem_cache_set_debug(struct kmem_cache *cachep, unsigned int debug_flags)
{
	unsigned int flags = (cachep->flags & ~(SLAB_DEBUG_FLAGS | CFLGS_OFF_SLAB)) |
			     (debug_flags & SLAB_DEBUG_FLAGS);
	struct array_cache *ac;
	struct kmem_cache saved;
	unsigned long irqflags;

	kmem_cache_shrink(cachep);
	if (cachep->lists.num_slabs || cpu_cache_get(cachep)->avail)
		return -EBUSY;
	local_irq_save(irqflags);
	saved = *cachep;
	if (!setup_cache(cachep, cachep->object_size, cachep->align, flags)) {
		*cachep = saved;
		local_irq_restore(irqflags);
		return -E2BIG;
	}
	ac = cpu_cache_get(cachep);
	cachep->lists.free_objects = 0;
	cachep->lists.num_slabs = 0;
	cachep->lists.colour_next = 0;
	cachep->lists.free_limit = 2 * ac->batchcount + cachep->num;
	local_irq_restore(irqflags);
	return 0;
}

/**
 * kmem_cache_active_objs - objects allocated and not freed (excludes the array cache)
 */
unsigned long kmem_cache_active_objs(struct kmem_cache *cachep)
{
	unsigned long f, active;

	spin_lock_irqsave(&cachep->lists.list_lock, f);
	active = cachep->lists.num_slabs * cachep->num - cachep->lists.free_objects -
		 cpu_cache_get(cachep)->avail;
	spin_unlock_irqrestore(&cachep->lists.list_lock, f);
	return active;
}

/**
 * kmem_cache_destroy - release a cache and all its slabs
 * @cachep: the cache (NULL is ignored)
 *
 * Objects of the cache still allocated in the KFENCE pool stay usable as "zombie
 * allocations", as Linux's kfence_shutdown_cache() leaves them.
 * Return: 0; or -1 with a report, leaving the cache intact, while objects are still
 * allocated.
 */
int kmem_cache_destroy(struct kmem_cache *cachep)
{
	unsigned long live, irqflags;

	if (!cachep)
		return 0;
	if (cachep == &cache_cache) {
		pr_err("kmem_cache_destroy: the kmem_cache cache cannot be destroyed\n");
		return -1;
	}
	kmem_cache_shrink(cachep);
	live = kmem_cache_active_objs(cachep);
	if (live) {
		pr_err("kmem_cache_destroy %s: slab cache still has %lu objects (caller %pS)\n",
		       cachep->name, live, __builtin_return_address(0));
		return -1;
	}
	kfence_shutdown_cache(cachep); /* as Linux: its KFENCE objects become zombies */
	local_irq_save(irqflags);
	list_del(&cachep->next);
	local_irq_restore(irqflags);
	if (!is_boot_array(cachep->array[0]))
		kfree(cachep->array[0]);
	kmem_cache_free(&cache_cache, cachep);
	return 0;
}

/**
 * kmem_cache_size - the usable size of the cache's objects
 */
unsigned int kmem_cache_size(struct kmem_cache *cachep)
{
	return cachep->object_size;
}

/**
 * kmem_cache_name - the cache's name
 */
const char *kmem_cache_name(struct kmem_cache *cachep)
{
	return cachep->name;
}

/* ---- the shrinker: empty slabs back to the page allocator under pressure ---- */

static unsigned long slab_shrink_count(struct shrinker *s, struct shrink_control *sc)
{
	struct kmem_cache *c;
	unsigned long n = 0;

	list_for_each_entry(c, &slab_caches, next) {
		n += (c->lists.free_objects / c->num) << c->gfporder;
		n += cpu_cache_get(c)->avail ? 1 : 0;
	}
	return n ? n : SHRINK_EMPTY;
}

static unsigned long slab_shrink_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long freed = 0;
	struct kmem_cache *c;

	list_for_each_entry(c, &slab_caches, next) {
		if (freed >= sc->nr_to_scan)
			break;
		drain_array(c);
		freed += drain_freelist(c, sc->nr_to_scan - freed);
	}
	return freed;
}

/**
 * drop_slab - kmem_cache_shrink() every cache
 *
 * For tests that compare free-page counts across work that may reclaim: afterwards no
 * cache holds an empty slab or an array-cache object, so the shrinker has nothing to give.
 * Return: the number of pages returned to the page allocator.
 */
unsigned long drop_slab(void)
{
	struct kmem_cache *c;
	unsigned long freed = 0;

	list_for_each_entry(c, &slab_caches, next)
		freed += kmem_cache_shrink(c);
	/* Shrinking a cache can empty slabs of the kmalloc caches holding its descriptors. */
	list_for_each_entry(c, &slab_caches, next)
		freed += kmem_cache_shrink(c);
	return freed;
}

static struct shrinker slab_shrinker = {
	.count_objects = slab_shrink_count,
	.scan_objects = slab_shrink_scan,
	.seeks = DEFAULT_SEEKS,
};

/**
 * kmem_cache_init - create the kmem_cache cache and the kmalloc caches
 *
 * Call once after mem_init(). Also registers the slab shrinker with direct reclaim.
 */
void kmem_cache_init(void)
{
	struct kmem_cache *c;

	INIT_LIST_HEAD(&slab_caches);
	nr_boot_arrays = 0;
	nr_slab_reclaimable = nr_slab_unreclaimable = 0;
	slab_state = SLAB_DOWN;
	memset(&cache_cache, 0, sizeof(cache_cache));
	strcpy(cache_cache.name, "kmem_cache");
	if (!setup_cache(&cache_cache, sizeof(struct kmem_cache), 0,
			 SLAB_HWCACHE_ALIGN | slub_debug_flags_for(cache_cache.name)))
		panic("slab: cannot lay out the kmem_cache cache");
	setup_cpu_cache(&cache_cache, GFP_NOWAIT);
	list_add(&cache_cache.next, &slab_caches);
	slab_state = SLAB_PARTIAL;

	kmalloc_init();

	slab_state = SLAB_FULL;
	list_for_each_entry(c, &slab_caches, next)
		if (!setup_cpu_cache(c, GFP_KERNEL))
			panic("slab: cannot allocate the array cache of '%s'", c->name);
	unregister_shrinker(&slab_shrinker);
	register_shrinker(&slab_shrinker);
}
