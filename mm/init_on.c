/*
 * init_on_alloc and init_on_free, as Linux's switches of the same names.
 *
 * Pages: the hooks in mm/page_alloc.c are static branches (include/kernel/jump_label.h):
 * one no-op while a switch is off. With init_on_free on, every block is zeroed when its
 * last reference goes, and the blocks already free are zeroed when the switch is turned
 * on, so every free page is zero and an allocation with __GFP_ZERO (or init_on_alloc)
 * skips the clearing, as Linux's post_alloc_hook() trusts want_init_on_free().
 * vmalloc and the slabs take their pages from here and so are covered.
 *
 * Slab objects: every cache without a constructor gets SLAB_INIT_HOOK (mm/slab.h), which
 * the fast paths test together with the debug flags, and the hooks in mm/slab_debug.c
 * zero the object (on allocation, or on free unless the cache poisons its free objects).
 */
#include <kernel/kernel.h>
#include <mm/highmem.h>
#include <mm/init_on.h>
#include <mm/mmzone.h>
#include <string.h>

#include "slab.h"

DEFINE_STATIC_KEY_FALSE(init_on_alloc);
DEFINE_STATIC_KEY_FALSE(init_on_free);

static void zero_block(struct page *page, unsigned int order)
{
	unsigned long i;

	if (!PageHighMem(page)) {
		memset(page_address(page), 0, PAGE_SIZE << order);
		return;
	}
	for (i = 0; i < (1UL << order); i++)
		clear_highpage(page + i);
}

/**
 * page_init_on_alloc - zero a block just allocated, when it is not zero already
 * @page: the first page
 * @order: its order
 * @gfp: the allocation's mask (__GFP_ZERO, or init_on_alloc, asked for the zeroing)
 *
 * With init_on_free on, a free block is zero: nothing to do.
 */
void page_init_on_alloc(struct page *page, unsigned int order, gfp_t gfp)
{
	if (static_key_enabled(&init_on_free))
		return;
	if ((gfp & __GFP_ZERO) || static_key_enabled(&init_on_alloc))
		zero_block(page, order);
}

/**
 * page_init_on_free - zero a block whose last reference went (init_on_free)
 * @page: the first page
 * @order: its order
 */
void page_init_on_free(struct page *page, unsigned int order)
{
	zero_block(page, order);
}

/* Zero every block on the buddy lists (the per-CPU lists drained first). */
static void zero_free_blocks(void)
{
	struct zone *zone;
	struct page *page;
	unsigned long flags;
	unsigned int order;

	drain_all_pages();
	for_each_populated_zone(zone) {
		spin_lock_irqsave(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++)
			list_for_each_entry(page, &zone->free_area[order].free_list, lru)
				zero_block(page, order);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/**
 * init_on_setup - the switches' boot state, from the INIT_ON_ALLOC / INIT_ON_FREE build
 * settings (Linux: CONFIG_INIT_ON_*_DEFAULT_ON, or init_on_alloc=1 on the command line)
 *
 * Called once the slab caches exist, so that they get their hooks too.
 */
void init_on_setup(void)
{
#ifdef CONFIG_INIT_ON_ALLOC_DEFAULT_ON
	set_init_on_alloc(true);
#endif
#ifdef CONFIG_INIT_ON_FREE_DEFAULT_ON
	set_init_on_free(true);
#endif
}

/**
 * set_init_on_alloc - switch init_on_alloc
 * @on: zero pages and slab objects (of caches without a constructor) when allocated
 */
void set_init_on_alloc(bool on)
{
	if (on)
		static_branch_enable(&init_on_alloc);
	else
		static_branch_disable(&init_on_alloc);
	slab_set_init_hooks(static_key_enabled(&init_on_alloc) ||
			    static_key_enabled(&init_on_free));
}

/**
 * set_init_on_free - switch init_on_free
 * @on: zero pages and slab objects when freed; turning it on zeroes the free pages
 */
void set_init_on_free(bool on)
{
	if (on) {
		/* Frees are zeroed from here on; then the blocks free already. */
		static_branch_enable(&init_on_free);
		zero_free_blocks();
	} else {
		static_branch_disable(&init_on_free);
	}
	slab_set_init_hooks(static_key_enabled(&init_on_alloc) ||
			    static_key_enabled(&init_on_free));
}
