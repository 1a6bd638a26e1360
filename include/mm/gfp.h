/*
 * GFP ("get free pages") flags, with the values and meanings of Linux 2.6
 * (docs/design.md, GFP rules). Zone modifiers pick where memory may come from; action
 * modifiers say how hard the allocator may try and whether it may sleep.
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include <kernel/types.h>

typedef unsigned int gfp_t;

#define __GFP_DMA	     0x01u /* ZONE_DMA only */
#define __GFP_HIGHMEM	     0x02u /* ZONE_HIGHMEM allowed (and preferred) */
#define __GFP_WAIT	     0x10u /* may sleep: direct reclaim, wait for frees */
#define __GFP_DIRECT_RECLAIM __GFP_WAIT
#define __GFP_HIGH	     0x20u    /* may use the emergency reserve below min */
#define __GFP_IO	     0x40u    /* reclaim may start I/O */
#define __GFP_FS	     0x80u    /* reclaim may call into a filesystem */
#define __GFP_COLD	     0x100u   /* cache-cold page wanted */
#define __GFP_NOWARN	     0x200u   /* no failure report */
#define __GFP_REPEAT	     0x400u   /* retry harder, may still fail */
#define __GFP_NOFAIL	     0x800u   /* never fails: retry forever */
#define __GFP_NORETRY	     0x1000u  /* one reclaim attempt, then fail */
#define __GFP_ZERO	     0x8000u  /* return zeroed memory */
#define __GFP_HARDWALL	     0x20000u /* user allocation (cpuset wall in Linux) */
#define __GFP_BITS_MASK	     0x29ff3u

#define GFP_NOWAIT   0u
#define GFP_ATOMIC   (__GFP_HIGH)
#define GFP_NOIO     (__GFP_WAIT)
#define GFP_NOFS     (__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL   (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER     (__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA	     (__GFP_DMA)

static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return (gfp & __GFP_WAIT) != 0;
}

/* parse flag names joined by '|', case-insensitive ("GFP_KERNEL|__GFP_ZERO") */
int gfp_parse(const char *s, gfp_t *out);

/* the flags as names, composites first ("GFP_KERNEL|__GFP_ZERO") */
char *gfp_format(gfp_t gfp, char *buf, size_t len);

#endif
