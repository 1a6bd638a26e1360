/*
 * Direct reclaim. There is no page cache or swap in this firmware, so reclaim is the
 * shrinkers: caches that register a count/scan pair (<mm/shrinker.h>). A shrinker runs
 * only if the reclaiming allocation grants the __GFP_IO/__GFP_FS it declared it needs,
 * which is how GFP_NOIO and GFP_NOFS keep reclaim from recursing into I/O or a
 * filesystem. Shrinkers are called from process context only (an allocation that may
 * sleep), never with a zone lock held.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/shrinker.h>
#include <mm/vmstat.h>

static LIST_HEAD(shrinker_list);

static bool shrinker_registered(const struct shrinker *s)
{
	const struct shrinker *p;

	list_for_each_entry(p, &shrinker_list, list)
		if (p == s)
			return true;
	return false;
}

/**
 * register_shrinker - let direct reclaim call @s
 * @s: count_objects and scan_objects set; gfp_needs states __GFP_IO/__GFP_FS needs
 * Return: 0, or -1 if @s lacks a callback or is already registered.
 */
int register_shrinker(struct shrinker *s)
{
	if (!s || !s->count_objects || !s->scan_objects) {
		pr_err("vmscan: register_shrinker(%p): count_objects and scan_objects are "
		       "required (caller %pS)\n",
		       (void *)s, __builtin_return_address(0));
		return -1;
	}
	if (shrinker_registered(s)) {
		pr_err("vmscan: register_shrinker(%p): already registered (caller %pS)\n",
		       (void *)s, __builtin_return_address(0));
		return -1;
	}
	s->gfp_needs &= __GFP_IO | __GFP_FS;
	list_add_tail(&s->list, &shrinker_list);
	return 0;
}

/**
 * unregister_shrinker - stop calling @s; it may be freed afterwards
 * @s: a registered shrinker (an unregistered one is ignored)
 */
void unregister_shrinker(struct shrinker *s)
{
	if (s && shrinker_registered(s))
		list_del_init(&s->list);
}

/**
 * shrink_slab - run every shrinker the GFP mask allows
 * @gfp_mask: the reclaiming allocation's mask: shrinkers needing __GFP_IO or __GFP_FS
 *	it lacks are skipped
 * @order: the reclaiming allocation's order
 * Return: objects freed.
 */
unsigned long shrink_slab(gfp_t gfp_mask, unsigned int order)
{
	struct shrinker *s, *next;
	unsigned long freed = 0;

	list_for_each_entry_safe(s, next, &shrinker_list, list) {
		struct shrink_control sc = { .gfp_mask = gfp_mask, .order = order };
		unsigned long count, batch, ret;

		/* GFP_NOIO / GFP_NOFS: skip shrinkers that would need what the caller lacks. */
		if ((gfp_mask & s->gfp_needs) != s->gfp_needs)
			continue;
		count = s->count_objects(s, &sc);
		if (count == 0 || count == SHRINK_EMPTY)
			continue;
		batch = s->batch > 0 ? (unsigned long)s->batch : SHRINK_BATCH;
		/* Ask for at least the size of the request, at most one batch. */
		sc.nr_to_scan = min(count, max(batch, 1UL << order));
		sc.nr_scanned = sc.nr_to_scan;
		ret = s->scan_objects(s, &sc);
		count_vm_events(SLABS_SCANNED, sc.nr_scanned);
		if (ret != SHRINK_STOP)
			freed += ret;
	}
	return freed;
}

/**
 * try_to_free_pages - direct reclaim for an allocation that may sleep
 * @gfp_mask: the allocation's mask
 * @order: the allocation's order
 * Return: the progress made (objects freed by shrinkers); 0 when none.
 */
unsigned long try_to_free_pages(gfp_t gfp_mask, unsigned int order)
{
	/* Counted against the highest zone the allocation may use, as Linux's reclaim_idx. */
	if (gfp_mask & __GFP_DMA)
		count_vm_event(ALLOCSTALL_DMA);
	else if (gfp_mask & __GFP_HIGHMEM)
		count_vm_event(ALLOCSTALL_HIGH);
	else
		count_vm_event(ALLOCSTALL_NORMAL);
	return shrink_slab(gfp_mask, order);
}
