/*
 * init_on_alloc / init_on_free (as Linux's): zero memory when it is allocated, or when
 * it is freed, in the page allocator (so vmalloc's pages too) and the slab caches.
 * Switched at run time; off, each costs the page allocator's fast paths one no-op
 * instruction (a static key) and the slab fast paths nothing (a cache flag bit tested
 * with the debug flags). See mm/init_on.c.
 */
#ifndef MM_INIT_ON_H
#define MM_INIT_ON_H

#include <kernel/jump_label.h>
#include <mm/mm.h>

extern struct static_key init_on_alloc;
extern struct static_key init_on_free;

/* Switch init_on_alloc (@on) for pages and slab objects. */
void set_init_on_alloc(bool on);
/* Switch init_on_free; on, every free page is zeroed first so __GFP_ZERO may trust it. */
void set_init_on_free(bool on);
/* Boot: switch on what the INIT_ON_ALLOC / INIT_ON_FREE build settings ask for. */
void init_on_setup(void);
/* Zero a block just allocated (init_on_alloc or __GFP_ZERO) unless it is zero already. */
void page_init_on_alloc(struct page *page, unsigned int order, gfp_t gfp);
/* Zero a block being freed (init_on_free on). */
void page_init_on_free(struct page *page, unsigned int order);

#endif
