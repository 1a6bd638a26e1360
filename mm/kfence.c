/*
 * KFENCE, Linux's sampling memory-safety error detector (include/mm/kfence.h).
 *
 * The pool, reserved from memblock in low memory, is KFENCE_NUM_OBJECTS + 1 pairs of
 * pages: two leading guard pages, then for each object its page and a guard page, so
 * every object page lies between two guard pages. Guard pages are never mapped; an
 * object's page is mapped only while the object is allocated. The object sits at the
 * start or at the end of its page, alternately, so that either an underflow or an
 * overflow faults at once; the rest of the page holds a canary checked at free. An
 * object page keeps PG_slab with page->slab_cache naming its cache, so kfree(), ksize()
 * and the shell find it as they find a slab object.
 *
 * Sampling: a cache's allocations and frees take the out-of-line path of mm/slab.h only
 * while it has SLAB_KFENCE. Every cache has it while a sample is due (kfence_armed):
 * `kfence every <N>` keeps it on and counts the allocations; `kfence interval <ms>` sets
 * it from the tick when the interval has passed and the next allocation takes it off, as
 * Linux's static key does. A cache also keeps it while it holds KFENCE objects, so their
 * free comes here. Everything here runs with interrupts disabled.
 */
#include <asm/fault.h>
#include <asm/irqflags.h>
#include <asm/kfence.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <mm/init_on.h>
#include <mm/memblock.h>
#include <string.h>

#include "kfence_internal.h"
#include "slab.h"

char *__kfence_pool;
struct kfence_metadata kfence_metadata[KFENCE_NUM_OBJECTS];
bool kfence_armed;

static LIST_HEAD(kfence_freelist);
static unsigned long sample_every;    /* every Nth allocation; 0: not this mode */
static unsigned long sample_interval; /* ms between samples; 0: not this mode */
static unsigned long sample_count;    /* allocations, or ticks, since the last sample */
static bool place_right;	      /* where the next object goes in its page */

enum kfence_counter_id {
	KFENCE_COUNTER_ALLOCATED,
	KFENCE_COUNTER_ALLOCS,
	KFENCE_COUNTER_FREES,
	KFENCE_COUNTER_ZOMBIES,
	KFENCE_COUNTER_BUGS,
	KFENCE_COUNTER_SKIP_INCOMPAT,
	KFENCE_COUNTER_SKIP_CAPACITY,
	KFENCE_COUNTER_COUNT,
};
static unsigned long counters[KFENCE_COUNTER_COUNT];
static const char *const counter_names[KFENCE_COUNTER_COUNT] = {
	[KFENCE_COUNTER_ALLOCATED] = "currently allocated",
	[KFENCE_COUNTER_ALLOCS] = "total allocations",
	[KFENCE_COUNTER_FREES] = "total frees",
	[KFENCE_COUNTER_ZOMBIES] = "zombie allocations",
	[KFENCE_COUNTER_BUGS] = "total bugs",
	[KFENCE_COUNTER_SKIP_INCOMPAT] = "skipped allocations (incompatible)",
	[KFENCE_COUNTER_SKIP_CAPACITY] = "skipped allocations (capacity)",
};

/*
 * The page of a freed object keeps PG_slab and points here: a kfree() of it takes the
 * out-of-line path (SLAB_KFENCE) and is reported as an invalid free.
 */
static struct kmem_cache kfence_freed_cache = {
	.fastpath_ac = { (struct array_cache *)&slab_hooked_ac },
	.flags = SLAB_KFENCE,
	.name = "kfence-freed",
};

/* The object whose page (or whose right guard page) holds @addr; NULL outside objects. */
static struct kfence_metadata *addr_to_metadata(unsigned long addr)
{
	long index;

	if (!is_kfence_address((void *)addr))
		return NULL;
	/* Pages 0 and 1 are guards; object i has page 2i + 2 and guard 2i + 3. */
	index = (long)((addr - (unsigned long)__kfence_pool) / (PAGE_SIZE * 2)) - 1;
	if (index < 0 || index >= KFENCE_NUM_OBJECTS)
		return NULL;
	return &kfence_metadata[index];
}

static void kfence_report(unsigned long addr, bool is_write, struct pt_regs *regs,
			  const struct kfence_metadata *meta, enum kfence_error_type type,
			  void *caller)
{
	counters[KFENCE_COUNTER_BUGS]++;
	kfence_report_error(addr, is_write, regs, meta, type, caller);
}

/**
 * kfence_alloc_pool - reserve the KFENCE pool and map it with pages
 *
 * Called by mem_init() before memblock_free_all(). Every page of the pool starts unmapped
 * (arch_kfence_init_pool()).
 * Without memory (or tables) for it, KFENCE stays off and says so.
 */
void kfence_alloc_pool(void)
{
	unsigned long i, start;
	phys_addr_t phys;
	char *pool;

	INIT_LIST_HEAD(&kfence_freelist);
	/* Zero (bss) at the first boot; the host harness boots again and again. */
	if (__kfence_pool) {
		memset(kfence_metadata, 0, sizeof(kfence_metadata));
		memset(counters, 0, sizeof(counters));
		__kfence_pool = NULL;
	}
	kfence_armed = false;
	sample_every = sample_interval = 0;
	/* Not zeroed: an object's page is filled with the canary when it is allocated. */
	phys = memblock_phys_alloc(KFENCE_POOL_SIZE, PAGE_SIZE);
	pool = phys ? __va(phys) : NULL;
	if (!pool || !arch_kfence_init_pool((unsigned long)pool, KFENCE_POOL_SIZE)) {
		pr_err("kfence: no pool of %luK, disabled\n", KFENCE_POOL_SIZE >> 10);
		return;
	}
	start = (unsigned long)pool;
	for (i = 0; i < KFENCE_NUM_OBJECTS; i++)
		list_add_tail(&kfence_metadata[i].list, &kfence_freelist);
	__kfence_pool = pool;
	for (i = 0; i < KFENCE_NUM_OBJECTS; i++)
		kfence_metadata[i].addr = metadata_to_pageaddr(&kfence_metadata[i]);
	pr_info("kfence: initialized - using %lu bytes for %d objects at 0x%08lx-0x%08lx\n",
		(unsigned long)KFENCE_POOL_SIZE, KFENCE_NUM_OBJECTS, start,
		start + KFENCE_POOL_SIZE);
	if (KFENCE_SAMPLE_INTERVAL)
		kfence_set_sample_interval(KFENCE_SAMPLE_INTERVAL);
}

/* Give every cache SLAB_KFENCE (@on), or take it from those without KFENCE objects. */
static void kfence_arm(bool on)
{
	struct kmem_cache *c;
	unsigned long flags;

	local_irq_save(flags);
	kfence_armed = on;
	list_for_each_entry(c, &slab_caches, next) {
		if (on && !(c->flags & SLAB_SKIP_KFENCE))
			cache_set_flags(c, c->flags | SLAB_KFENCE);
		else if (!c->kfence_live)
			cache_set_flags(c, c->flags & ~SLAB_KFENCE);
	}
	local_irq_restore(flags);
}

/* Whether this allocation is the sample; counts the skipped ones. */
static bool sample_due(struct kmem_cache *cachep, unsigned int size, gfp_t flags)
{
	if (!kfence_armed)
		return false;
	/* Objects must fit a page, and the pool is not in ZONE_DMA. */
	if (size > PAGE_SIZE || (flags & __GFP_DMA) || (cachep->flags & SLAB_CACHE_DMA)) {
		counters[KFENCE_COUNTER_SKIP_INCOMPAT]++;
		return false;
	}
	if (sample_every) {
		if (++sample_count < sample_every)
			return false;
		sample_count = 0;
	} else {
		kfence_arm(false); /* the interval's one sample: the tick arms the next */
	}
	if (list_empty(&kfence_freelist)) {
		counters[KFENCE_COUNTER_SKIP_CAPACITY]++;
		return false;
	}
	return true;
}

void *kfence_alloc(struct kmem_cache *cachep, unsigned int size, gfp_t flags, void *caller)
{
	struct kfence_metadata *meta;
	unsigned long irqflags, page;
	struct page *pg;
	void *addr;

	if (!size)
		size = cachep->object_size;
	local_irq_save(irqflags);
	if (!sample_due(cachep, size, flags)) {
		local_irq_restore(irqflags);
		return NULL;
	}
	meta = list_first_entry(&kfence_freelist, struct kfence_metadata, list);
	list_del_init(&meta->list);
	page = metadata_to_pageaddr(meta);
	meta->addr = page;
	if (place_right)
		meta->addr = ALIGN_DOWN(page + PAGE_SIZE - size, cachep->align);
	place_right = !place_right;
	meta->size = size;
	meta->cache = cachep;
	meta->state = KFENCE_OBJECT_ALLOCATED;
	kfence_save_track(&meta->alloc_track, caller);
	meta->free_track.num_stack_entries = 0;
	/* Guard pages an earlier fault mapped are unmapped again. */
	kfence_protect_page(page - PAGE_SIZE, true);
	kfence_protect_page(page + PAGE_SIZE, true);
	kfence_protect_page(page, false);
	for (addr = (void *)page; addr < (void *)(page + PAGE_SIZE); addr = (char *)addr + 1)
		*(u8 *)addr = KFENCE_CANARY_PATTERN(addr);
	pg = virt_to_page((void *)page);
	__SetPageSlab(pg);
	pg->slab_cache = cachep;
	pg->slab_page = NULL;
	cachep->kfence_live++;
	cache_set_flags(cachep, cachep->flags | SLAB_KFENCE);
	counters[KFENCE_COUNTER_ALLOCATED]++;
	counters[KFENCE_COUNTER_ALLOCS]++;
	addr = (void *)meta->addr;
	if ((flags & __GFP_ZERO) || (static_key_enabled(&init_on_alloc) && !cachep->ctor))
		memset(addr, 0, size);
	if (cachep->ctor)
		cachep->ctor(addr);
	local_irq_restore(irqflags);
	return addr;
}

/* Check the canary around @meta's object; report the first damaged stretch. */
static void check_canary(const struct kfence_metadata *meta, void *caller)
{
	unsigned long page = metadata_to_pageaddr(meta), a;

	for (a = page; a < page + PAGE_SIZE; a++) {
		if (a == meta->addr) {
			a += meta->size - 1;
			continue;
		}
		if (*(const u8 *)a != KFENCE_CANARY_PATTERN(a)) {
			kfence_report(a, true, NULL, meta, KFENCE_ERROR_CORRUPTION, caller);
			return;
		}
	}
}

/* Unmap a live object's page; a zombie (its cache destroyed) stays off the free list. */
static void kfence_guarded_free(struct kfence_metadata *meta, void *caller, bool zombie)
{
	unsigned long page = metadata_to_pageaddr(meta);
	struct kmem_cache *cachep = meta->cache;

	kfence_save_track(&meta->free_track, caller);
	meta->state = KFENCE_OBJECT_FREED;
	kfence_protect_page(page, true);
	virt_to_page((void *)page)->slab_cache = &kfence_freed_cache;
	if (!--cachep->kfence_live && !kfence_armed)
		cache_set_flags(cachep, cachep->flags & ~SLAB_KFENCE);
	if (zombie) {
		meta->cache = NULL;
		counters[KFENCE_COUNTER_ZOMBIES]++;
		return;
	}
	list_add_tail(&meta->list, &kfence_freelist);
	counters[KFENCE_COUNTER_ALLOCATED]--;
	counters[KFENCE_COUNTER_FREES]++;
}

void kfence_free(struct kmem_cache *cachep, void *objp, void *caller)
{
	struct kfence_metadata *meta = addr_to_metadata((unsigned long)objp);

	if (!meta || meta->state != KFENCE_OBJECT_ALLOCATED || meta->addr != (unsigned long)objp ||
	    meta->cache != cachep) {
		kfence_report((unsigned long)objp, false, NULL, meta, KFENCE_ERROR_INVALID_FREE,
			      caller);
		return;
	}
	check_canary(meta, caller);
	kfence_guarded_free(meta, caller, false);
}

size_t kfence_ksize(const void *objp)
{
	struct kfence_metadata *meta = addr_to_metadata((unsigned long)objp);

	return meta && meta->state == KFENCE_OBJECT_ALLOCATED ? meta->size : 0;
}

bool kfence_locate_object(struct kmem_cache *cachep, const void *objp, struct kmem_cache **cachepp,
			  void *caller)
{
	struct kfence_metadata *meta = addr_to_metadata((unsigned long)objp);

	if (!meta || meta->state != KFENCE_OBJECT_ALLOCATED || meta->addr != (unsigned long)objp ||
	    (cachep && meta->cache != cachep)) {
		if (caller)
			kfence_report((unsigned long)objp, false, NULL, meta,
				      KFENCE_ERROR_INVALID_FREE, caller);
		return false;
	}
	*cachepp = meta->cache;
	return true;
}

void kfence_shutdown_cache(struct kmem_cache *cachep)
{
	unsigned long flags;
	unsigned int i;

	local_irq_save(flags);
	for (i = 0; i < KFENCE_NUM_OBJECTS; i++) {
		struct kfence_metadata *meta = &kfence_metadata[i];

		if (meta->cache != cachep)
			continue;
		/* Still in use: leave it usable, but a later use reports the free here. */
		if (meta->state == KFENCE_OBJECT_ALLOCATED)
			kfence_guarded_free(meta, __builtin_return_address(0), true);
		meta->cache = NULL;
	}
	local_irq_restore(flags);
}

/**
 * kfence_handle_page_fault - report a kernel access to an unmapped page of the pool
 * @addr: the fault address
 * @is_write: the access was a write
 * @regs: the registers at the abort (the access's stack is walked from them)
 *
 * A guard page is an out-of-bounds access of the nearer allocated neighbour, an object's
 * page a use-after-free; the page is then mapped so that the access completes and the
 * system goes on, as Linux's kfence_unprotect().
 * Return: false when @addr is not in the pool (the caller reports the fault).
 */
bool kfence_handle_page_fault(unsigned long addr, bool is_write, struct pt_regs *regs)
{
	struct kfence_metadata *meta, *to_report = NULL;
	long page_index;
	unsigned long distance = 0;
	enum kfence_error_type type = KFENCE_ERROR_INVALID;

	if (!is_kfence_address((void *)addr))
		return false;
	page_index = (long)((addr - (unsigned long)__kfence_pool) / PAGE_SIZE);
	if (page_index % 2) {
		/* A guard page: an overflow of the object before it or underflow of the next. */
		meta = addr_to_metadata(addr - PAGE_SIZE);
		if (meta && meta->state == KFENCE_OBJECT_ALLOCATED) {
			to_report = meta;
			distance = addr - (meta->addr + meta->size);
		}
		meta = addr_to_metadata(addr + PAGE_SIZE);
		if (meta && meta->state == KFENCE_OBJECT_ALLOCATED &&
		    (!to_report || distance > meta->addr - addr))
			to_report = meta;
		if (to_report)
			type = KFENCE_ERROR_OOB;
	} else {
		to_report = addr_to_metadata(addr);
		if (to_report)
			type = KFENCE_ERROR_UAF;
	}
	kfence_report(addr, is_write, regs, to_report, type, NULL);
	/* Let the access complete, as Linux's kfence_unprotect(). */
	kfence_protect_page(addr, false);
	return true;
}

/* ---- sampling control ---- */

static void kfence_tick(void *arg)
{
	if (!sample_interval || kfence_armed)
		return;
	if (++sample_count * 1000 >= sample_interval * HZ) {
		sample_count = 0;
		kfence_arm(true);
	}
}

static int kfence_set_mode(unsigned long every, unsigned long interval)
{
	if (!__kfence_pool)
		return -1;
	unregister_tick_hook(kfence_tick, NULL);
	kfence_arm(false);
	sample_every = every;
	sample_interval = interval;
	sample_count = 0;
	if (interval && register_tick_hook(kfence_tick, NULL))
		return -1;
	if (every)
		kfence_arm(true);
	return 0;
}

/**
 * kfence_set_sample_every - sample every @n-th slab allocation (that KFENCE can serve)
 * @n: 1 and up; 1 serves every allocation from the pool until it is full
 *
 * Every cache takes the out-of-line allocation path, which counts, while this is on.
 * Return: 0, or -1 without a pool.
 */
int kfence_set_sample_every(unsigned long n)
{
	return n ? kfence_set_mode(n, 0) : -1;
}

/**
 * kfence_set_sample_interval - one sample every @ms milliseconds, Linux's sample_interval
 * @ms: the interval, 1 and up
 *
 * Between samples no cache without KFENCE objects leaves the allocation fast path.
 * Return: 0, or -1 without a pool or a tick hook.
 */
int kfence_set_sample_interval(unsigned long ms)
{
	return ms ? kfence_set_mode(0, ms) : -1;
}

/**
 * kfence_disable - stop sampling; objects already in the pool stay guarded until freed
 */
void kfence_disable(void)
{
	if (__kfence_pool)
		kfence_set_mode(0, 0);
}

/**
 * kfence_total_bugs - the bugs KFENCE reported since boot
 */
unsigned long kfence_total_bugs(void)
{
	return counters[KFENCE_COUNTER_BUGS];
}

/**
 * kfence_nr_allocated - KFENCE objects allocated now (zombies included)
 */
unsigned long kfence_nr_allocated(void)
{
	return counters[KFENCE_COUNTER_ALLOCATED];
}

/**
 * kfence_total_allocs - the samples taken since boot (objects allocated from the pool)
 */
unsigned long kfence_total_allocs(void)
{
	return counters[KFENCE_COUNTER_ALLOCS];
}

/**
 * kfence_show_stats - print /sys/kernel/debug/kfence/stats, and the sampling mode
 */
void kfence_show_stats(void)
{
	unsigned int i;

	printk("enabled: %d\n", __kfence_pool && (sample_every || sample_interval) ? 1 : 0);
	for (i = 0; i < KFENCE_COUNTER_COUNT; i++)
		printk("%s: %lu\n", counter_names[i], counters[i]);
	if (sample_every)
		printk("sampling: every %lu allocations\n", sample_every);
	else if (sample_interval)
		printk("sampling: every %lu ms\n", sample_interval);
	else
		printk("sampling: off\n");
}

/**
 * kfence_show_objects - print every object as /sys/kernel/debug/kfence/objects does
 */
void kfence_show_objects(void)
{
	unsigned int i;

	for (i = 0; i < KFENCE_NUM_OBJECTS && __kfence_pool; i++) {
		if (i)
			printk("---------------------------------\n");
		kfence_print_object(&kfence_metadata[i]);
	}
}
