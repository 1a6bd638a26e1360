/*
 * KFENCE: a sampling memory-safety error detector, as Linux's mm/kfence (mm/kfence.c,
 * mm/kfence_report.c; docs/memory-map.md shows the pool). Now and then a slab allocation
 * is served from a pool of pages in low memory where each object has a page of its own
 * between two unmapped guard pages; an access past the object's page or to a freed
 * object faults, and the fault is reported and then let through.
 *
 * The sample costs the allocation fast path nothing: the cache gets SLAB_KFENCE, one of
 * the flags mm/slab.h tests anyway, only while a sample is due or while it holds KFENCE
 * objects.
 */
#ifndef MM_KFENCE_H
#define MM_KFENCE_H

#include <asm/memory.h>
#include <kernel/types.h>
#include <mm/gfp.h>

#ifndef KFENCE_NUM_OBJECTS
#define KFENCE_NUM_OBJECTS 63
#endif
/* Two pages per object (its page and a guard page) and two leading guard pages. */
#define KFENCE_POOL_SIZE ((KFENCE_NUM_OBJECTS + 1) * 2 * PAGE_SIZE)

/* The sampling interval at boot, in ms (0: off); `make KFENCE_SAMPLE_INTERVAL=ms`. */
#ifndef KFENCE_SAMPLE_INTERVAL
#define KFENCE_SAMPLE_INTERVAL 0
#endif

struct kmem_cache;

extern char *__kfence_pool;

/* Whether @addr lies in the KFENCE pool (an object, its page or a guard page). */
static inline bool is_kfence_address(const void *addr)
{
	return (unsigned long)((const char *)addr - __kfence_pool) < KFENCE_POOL_SIZE &&
	       __kfence_pool;
}

/* Reserve the pool from memblock and map it page by page; before memblock_free_all(). */
void kfence_alloc_pool(void);

/* Sampling modes, as `kfence every <N>` / `kfence interval <ms>` / `kfence off`. */
int kfence_set_sample_every(unsigned long n);
int kfence_set_sample_interval(unsigned long ms);
void kfence_disable(void);

/* Linux's /sys/kernel/debug/kfence/stats and .../objects */
void kfence_show_stats(void);
void kfence_show_objects(void);
/* Bugs reported so far (a shell command that provoked one ends with error:) */
unsigned long kfence_total_bugs(void);
/* KFENCE objects allocated now */
unsigned long kfence_nr_allocated(void);
/* Samples taken since boot */
unsigned long kfence_total_allocs(void);

#endif
