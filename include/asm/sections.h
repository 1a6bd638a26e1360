/*
 * The image's sections (linker.ld), with Linux's names: where the writable data lies, so
 * that kmemleak (mm/kmemleak.c) can scan it for pointers. The kernel stacks sit together
 * at the start of .bss, between __stacks_start and __stacks_end: their dead slots are no
 * roots, only the live part of each stack is (docs/design.md, kmemleak).
 */
#ifndef ASM_SECTIONS_H
#define ASM_SECTIONS_H

extern char _sdata[], _edata[];		      /* .data: initialised writable data */
extern char __bss_start[], __bss_stop[];      /* .bss, the stacks included */
extern char __stacks_start[], __stacks_end[]; /* every kernel stack (.bss.stacks) */

#endif
