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

/**
 * kmap - map a page into the kernel's address space until kunmap()
 * @page: any page; a low-memory page is returned at its direct-map address
 *
 * Each kmap() of a mapped highmem page reuses its slot and takes a reference. When all
 * LAST_PKMAP slots are taken the caller waits (cpu_wait_for_interrupt()) for a kunmap();
 * it may sleep, so it must not be called from atomic context.
 * Return: the virtual address, or NULL (reported) if no slot came free after a long wait
 * or the caller cannot sleep and no slot is free.
 */
void *kmap(struct page *page);

/**
 * kunmap - drop a kmap() reference; the last one unmaps the slot and flushes its TLB entry
 * @page: the page given to kmap(); unbalanced calls are reported and ignored
 */
void kunmap(struct page *page);

/**
 * kmap_atomic - map a page in this CPU's next FIXMAP window
 * @page: any page
 *
 * Disables preemption until the matching kunmap_atomic(): the caller must not sleep.
 * Interrupt handlers may nest their own kmap_atomic() calls, up to KM_TYPE_NR deep.
 * Return: the virtual address, or NULL (reported) when the window stack is full.
 */
void *kmap_atomic(struct page *page);

/**
 * kunmap_atomic - undo the innermost kmap_atomic()
 * @addr: the address kmap_atomic() returned (any address inside the page is accepted)
 *
 * Windows must be released in reverse order; anything else is reported.
 */
void kunmap_atomic(void *addr);

/**
 * kmap_to_page - the page behind an address returned by kmap() or a direct-map address
 * @addr: the address
 * Return: the page, or NULL when @addr is neither.
 */
struct page *kmap_to_page(void *addr);

/**
 * kmap_init - forget every mapping (called by mem_init(); all slots are free at boot)
 */
void kmap_init(void);

/**
 * clear_highpage - zero a page, highmem or not
 * @page: the page
 */
void clear_highpage(struct page *page);

#endif
