/*
 * Highmem mappings. ZONE_HIGHMEM pages have no permanent kernel address:
 *   kmap()/kunmap()               a PKMAP slot, shared and counted; may sleep for a slot
 *   kmap_atomic()/kunmap_atomic() a per-CPU stack of FIXMAP windows; never sleeps, usable
 *                                 in interrupt handlers, strictly nested (LIFO)
 * Both return the direct-map address of a low-memory page without mapping anything.
 * Page-table writes and TLB maintenance go through <asm/kmap.h>.
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include <asm/fixmap.h>
#include <asm/memory.h>
#include <mm/mm.h>

/* PKMAP: PKMAP_SIZE bytes at PKMAP_BASE, one slot per page (512 on the target). */
#define LAST_PKMAP     ((unsigned int)(PKMAP_SIZE >> PAGE_SHIFT))
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define PKMAP_NR(virt) ((unsigned int)(((unsigned long)(virt)-PKMAP_BASE) >> PAGE_SHIFT))

/* FIXMAP: kmap_atomic() windows are the first KM_TYPE_NR slots (<asm/fixmap.h>). */
#define __virt_to_fix(v) ((unsigned int)(((unsigned long)(v)-FIXADDR_START) >> PAGE_SHIFT))

/* map a page into the kernel's address space until kunmap() */
void *kmap(struct page *page);

/* drop a kmap() reference; the last one unmaps the slot and flushes its TLB entry */
void kunmap(struct page *page);

/* map a page in this CPU's next FIXMAP window */
void *kmap_atomic(struct page *page);

/* undo the innermost kmap_atomic() */
void kunmap_atomic(void *addr);

/* the page behind an address returned by kmap() or a direct-map address */
struct page *kmap_to_page(void *addr);

/* forget every mapping (called by mem_init(); all slots are free at boot) */
void kmap_init(void);

/* zero a page, highmem or not */
void clear_highpage(struct page *page);

#endif
