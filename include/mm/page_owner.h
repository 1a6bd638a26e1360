/*
 * page_owner: who allocated each page that is in use (mm/page_owner.c). Built in only
 * with `make PAGE_OWNER=1` (CONFIG_PAGE_OWNER), as Linux's CONFIG_PAGE_OWNER with
 * page_owner=on: the default build has no hook at all on the allocation paths.
 */
#ifndef MM_PAGE_OWNER_H
#define MM_PAGE_OWNER_H

#include <mm/gfp.h>
#include <mm/mm_types.h>

#ifdef CONFIG_PAGE_OWNER
/* Reserve the table (one record per page frame) from memblock; before memblock_free_all() */
void page_owner_init(void);
/* Record order, gfp, pid, time and the caller's stack for an allocated block */
void __set_page_owner(struct page *page, unsigned int order, gfp_t gfp);
/* Mark a block's record freed */
void __reset_page_owner(struct page *page, unsigned int order);
/* Print every allocated block's record (/sys/kernel/debug/page_owner format) */
unsigned long show_page_owner(void);
#define page_owner_built_in true
#else
static inline void page_owner_init(void)
{
}
static inline void __set_page_owner(struct page *page, unsigned int order, gfp_t gfp)
{
}
static inline void __reset_page_owner(struct page *page, unsigned int order)
{
}
static inline unsigned long show_page_owner(void)
{
	return 0;
}
#define page_owner_built_in false
#endif

#endif
