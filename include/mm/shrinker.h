/*
 * Shrinkers: caches that can give memory back when the page allocator is short. Direct
 * reclaim (mm/vmscan.c) asks each registered shrinker how much it could free and then
 * to free some. A shrinker states which GFP capabilities its freeing needs: under GFP_NOIO
 * one needing __GFP_IO is skipped, under GFP_NOFS one needing __GFP_FS is skipped.
 */
#ifndef MM_SHRINKER_H
#define MM_SHRINKER_H

#include <kernel/types.h>
#include <lib/list.h>
#include <mm/gfp.h>

struct shrink_control {
	gfp_t gfp_mask;		  /* of the allocation that is reclaiming */
	unsigned int order;	  /* of the allocation that is reclaiming */
	unsigned long nr_to_scan; /* objects to scan in scan_objects() */
	unsigned long nr_scanned; /* scan_objects() may set how many it looked at */
};

#define SHRINK_STOP   (~0UL)	 /* scan_objects(): cannot make progress now */
#define SHRINK_EMPTY  (~0UL - 1) /* count_objects(): nothing cached at all */
#define DEFAULT_SEEKS 2
#define SHRINK_BATCH  128

struct shrinker {
	/* How many objects could be freed now; 0 or SHRINK_EMPTY when none. */
	unsigned long (*count_objects)(struct shrinker *s, struct shrink_control *sc);
	/* Free up to sc->nr_to_scan objects; return how many were freed, or SHRINK_STOP. */
	unsigned long (*scan_objects)(struct shrinker *s, struct shrink_control *sc);
	gfp_t gfp_needs;    /* __GFP_IO and/or __GFP_FS that freeing requires, or 0 */
	long batch;	    /* objects per scan_objects() call; 0: SHRINK_BATCH */
	int seeks;	    /* cost to recreate an object (informational) */
	void *private_data; /* the owner's */
	struct list_head list;
};

/* let direct reclaim call @s */
int register_shrinker(struct shrinker *s);

/* stop calling @s; it may be freed afterwards */
void unregister_shrinker(struct shrinker *s);

/* run every shrinker the GFP mask allows */
unsigned long shrink_slab(gfp_t gfp_mask, unsigned int order);

/* direct reclaim for an allocation that may sleep */
unsigned long try_to_free_pages(gfp_t gfp_mask, unsigned int order);

#endif
