/*
 * kmemleak: a leak detector in the design of Linux's mm/kmemleak.c (CONFIG_DEBUG_KMEMLEAK),
 * built in with `make KMEMLEAK=1`. The allocators report every slab object, large kmalloc
 * and vmalloc area here; `kmemleak scan` marks what the roots (data, bss, the live stacks,
 * mem_map) reach, directly or through other objects, and reports the rest that is older
 * than a grace period in the format of /sys/kernel/debug/kmemleak. docs/design.md says
 * what is scanned and why.
 *
 * Without KMEMLEAK=1 every hook is an empty static inline: no code on any path.
 */
#ifndef MM_KMEMLEAK_H
#define MM_KMEMLEAK_H

#include <kernel/types.h>
#include <mm/gfp.h>
#include <mm/slab.h>

struct vm_struct;

#ifdef CONFIG_DEBUG_KMEMLEAK

/* Create the metadata cache and start tracking (after kmem_cache_init()) */
void kmemleak_init(void);
/* Stop tracking (the records stay where they are; kmemleak_init() starts afresh) */
void kmemleak_disable(void);
/* Track a new block of @size bytes at @ptr, a leak when fewer than @min_count refs reach it */
void kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp);
/* Forget a block that is being freed */
void kmemleak_free(const void *ptr);
/* Track a vmalloc area: its vm_struct holds one reference of its own */
void kmemleak_vmalloc(const struct vm_struct *area, size_t size, gfp_t gfp);
/* Never report the block at @ptr; still scan it */
void kmemleak_not_leak(const void *ptr);
/* Neither report nor scan the block at @ptr */
void kmemleak_ignore(const void *ptr);
/* Report the block at @ptr if unreferenced, but do not scan its contents */
void kmemleak_no_scan(const void *ptr);

/* Scan the memory and mark the new leaks. Return: new leaks, or -1 if stopped or off. */
int kmemleak_scan(void);
/* Print every reported leak still unreferenced (/sys/kernel/debug/kmemleak). Return: count */
unsigned int kmemleak_show(void);
/* Forget the leaks reported so far: they are not reported again */
unsigned int kmemleak_clear(void);
/* Objects tracked now, for tests */
unsigned long kmemleak_nr_objects(void);
/* The tracked block containing @ptr: its start and size. Return: false if none */
bool kmemleak_find(const void *ptr, unsigned long *start, size_t *size);
/* Whether the block at @ptr is a reported leak `show` would print */
bool kmemleak_reported(const void *ptr);
/* The grace period in jiffies: younger objects are never reported */
unsigned long kmemleak_min_age(void);
/* Set the grace period (in milliseconds, Linux: 5000); for tests */
void kmemleak_set_min_age(unsigned int msecs);

#define kmemleak_built_in true

#else

static inline void kmemleak_init(void)
{
}
static inline void kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp)
{
}
static inline void kmemleak_free(const void *ptr)
{
}
static inline void kmemleak_vmalloc(const struct vm_struct *area, size_t size, gfp_t gfp)
{
}
static inline void kmemleak_not_leak(const void *ptr)
{
}
static inline void kmemleak_ignore(const void *ptr)
{
}
static inline void kmemleak_no_scan(const void *ptr)
{
}
static inline int kmemleak_scan(void)
{
	return -1;
}
static inline unsigned int kmemleak_show(void)
{
	return 0;
}
static inline unsigned int kmemleak_clear(void)
{
	return 0;
}
static inline unsigned long kmemleak_nr_objects(void)
{
	return 0;
}
static inline bool kmemleak_find(const void *ptr, unsigned long *start, size_t *size)
{
	return false;
}
static inline bool kmemleak_reported(const void *ptr)
{
	return false;
}
static inline unsigned long kmemleak_min_age(void)
{
	return 0;
}
static inline void kmemleak_set_min_age(unsigned int msecs)
{
}

#define kmemleak_built_in false

#endif /* CONFIG_DEBUG_KMEMLEAK */

/*
 * The slab hooks: kmemleak's own metadata cache (SLAB_NOLEAKTRACE) is not tracked, which
 * also keeps the hooks from recursing.
 */
static inline void kmemleak_alloc_recursive(const void *ptr, size_t size, int min_count,
					    unsigned int slab_flags, gfp_t gfp)
{
	if (!(slab_flags & SLAB_NOLEAKTRACE))
		kmemleak_alloc(ptr, size, min_count, gfp);
}

static inline void kmemleak_free_recursive(const void *ptr, unsigned int slab_flags)
{
	if (!(slab_flags & SLAB_NOLEAKTRACE))
		kmemleak_free(ptr);
}

#endif
