/*
 * What KFENCE (mm/kfence.c) needs of the MMU: its pool of the direct map mapped with
 * 4 KB pages instead of sections, and one page of it mapped or unmapped at a time.
 */
#ifndef ASM_KFENCE_H
#define ASM_KFENCE_H

#include <kernel/types.h>

/* Map the megabytes around the pool with pages, the pool's own pages unmapped */
bool arch_kfence_init_pool(unsigned long start, unsigned long size);

/* Unmap (@protect) or map again one page of the pool; the TLB entry goes */
void kfence_protect_page(unsigned long addr, bool protect);

#endif
