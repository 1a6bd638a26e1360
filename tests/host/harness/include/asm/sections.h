/*
 * Host stand-in for <asm/sections.h>: kmemleak's "data section" is an array a test fills
 * (host_kmemleak_roots, tests/host/harness/host_kmemleak.c); bss and the stacks are
 * empty ranges at its end.
 */
#ifndef ASM_SECTIONS_H
#define ASM_SECTIONS_H

#define HOST_KMEMLEAK_ROOTS 16
extern unsigned long host_kmemleak_roots[HOST_KMEMLEAK_ROOTS];

#define _sdata	       ((char *)host_kmemleak_roots)
#define _edata	       ((char *)(host_kmemleak_roots + HOST_KMEMLEAK_ROOTS))
#define __bss_start    _edata
#define __bss_stop     _edata
#define __stacks_start _edata
#define __stacks_end   _edata

#endif
