/*
 * What mm/kmemleak.c (objects, tree, hooks) and mm/kmemleak_scan.c (scan, report) share:
 * the object record, the global lists and tree under kmemleak_lock, and the colours.
 */
#ifndef MM_KMEMLEAK_INTERNAL_H
#define MM_KMEMLEAK_INTERNAL_H

#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <lib/list.h>
#include <lib/rbtree.h>
#include <mm/mm.h>

#define MAX_TRACE      16   /* stack entries kept per object */
#define MSECS_MIN_AGE  5000 /* the grace period (Linux's default) */
#define KMEMLEAK_GREY  0    /* min_count of an object never reported */
#define KMEMLEAK_BLACK -1   /* min_count of an object neither reported nor scanned */

#define OBJECT_ALLOCATED 0x1 /* not freed yet */
#define OBJECT_REPORTED	 0x2 /* counted in a "new suspected memory leaks" line */
#define OBJECT_NO_SCAN	 0x4 /* its contents hold no references (kmemleak_no_scan()) */

struct kmemleak_object {
	struct list_head object_list; /* every object, in allocation order */
	struct list_head gray_list;   /* on the gray list of the running scan */
	struct rb_node rb_node;	      /* in kmemleak_tree, by pointer */
	unsigned int flags;	      /* OBJECT_* */
	int use_count;		      /* 1 while allocated, +1 per walker holding it */
	unsigned long pointer;
	size_t size;
	int min_count; /* references needed not to be a leak; GREY or BLACK */
	int count;     /* references found by the running (or last) scan */
	unsigned long jiffies;
	int pid;
	char comm[TASK_COMM_LEN];
	unsigned int trace_len;
	unsigned long trace[MAX_TRACE];
};

/* On-slab, so that freeing metadata never frees an off-slab descriptor (a tracked object). */
_Static_assert(sizeof(struct kmemleak_object) < PAGE_SIZE / 8, "kmemleak_object too large");

extern struct list_head kmemleak_objects; /* every object, in allocation order */
extern struct list_head kmemleak_gray;	  /* the running scan's gray objects */
extern struct rb_root kmemleak_tree;	  /* by pointer */
extern spinlock_t kmemleak_lock;	  /* masks interrupts around all of the above */
extern bool kmemleak_enabled;
/* Bounds of every object ever tracked: most scanned words fail this test alone. */
extern unsigned long kmemleak_min_addr, kmemleak_max_addr;
extern unsigned long jiffies_min_age, jiffies_last_scan;

/* The object holding @ptr (kmemleak_lock held) */
struct kmemleak_object *lookup_object(unsigned long ptr, bool alias);
/* Drop a reference; the last frees the object (kmemleak_lock held) */
void put_object(struct kmemleak_object *object);

static inline bool color_white(const struct kmemleak_object *object)
{
	return object->count != KMEMLEAK_BLACK && object->count < object->min_count;
}

static inline bool color_gray(const struct kmemleak_object *object)
{
	return object->min_count != KMEMLEAK_BLACK && object->count >= object->min_count;
}

/* A leak: white after the last scan, still allocated, and older than the grace period then. */
static inline bool unreferenced_object(const struct kmemleak_object *object)
{
	return (object->flags & OBJECT_ALLOCATED) && color_white(object) &&
	       (long)(object->jiffies + jiffies_min_age - jiffies_last_scan) <= 0;
}

#endif
