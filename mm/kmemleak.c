/*
 * kmemleak (make KMEMLEAK=1): Linux's mm/kmemleak.c design, a tracing mark-and-sweep over
 * the kernel's memory, much like a conservative garbage collector that reports instead
 * of freeing.
 *
 * Every block the allocators hand out (slab objects, large kmalloc, vmalloc areas) gets a
 * struct kmemleak_object from a cache of its own (SLAB_NOLEAKTRACE: not tracked itself),
 * linked on kmemleak_objects in allocation order and in an rbtree by address, so that a word
 * anywhere inside a block finds it. A scan:
 *   1. counts no references yet: every object is white; those that may never be reported
 *      (min_count 0, kmemleak_not_leak()) are gray and go on the gray list;
 *   2. scans the roots word by word: .data, .bss (without the stacks), the live part of
 *      every task's kernel stack, and the struct pages of mem_map in use. A word that
 *      points into an object counts one reference; an object with min_count of them
 *      turns gray and joins the gray list;
 *   3. scans the contents of each gray object the same way, until the list is empty;
 *   4. reports each object still white (and allocated before the scan started minus the
 *      grace period) once: "N new suspected memory leaks".
 *
 * Stacks are scanned from the stack pointer up only (Linux scans them whole): the slots
 * below it are dead, and a stale pointer there would hide a leak (docs/design.md).
 *
 * Locking (uniprocessor): kmemleak_lock masks interrupts around every change of the list,
 * the tree and the colours. A scan holds it one chunk of at most MAX_SCAN_SIZE bytes at a
 * time, so interrupts are served, Ctrl-C is seen, and an allocation or free from an
 * interrupt handler finds the structures consistent. An object being scanned or printed
 * is pinned by use_count: a free removes it from the tree at once and clears
 * OBJECT_ALLOCATED (so the scan stops reading its memory), but it stays on kmemleak_objects
 * until the last put, so a walk can always step to the next object.
 */
#include <limits.h>
#include <mm/kmemleak.h>

#ifdef CONFIG_DEBUG_KMEMLEAK
#include <asm/stacktrace.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <mm/vmalloc.h>
#include <string.h>

#include "kmemleak_internal.h"

LIST_HEAD(kmemleak_objects);
LIST_HEAD(kmemleak_gray);
struct rb_root kmemleak_tree = RB_ROOT;
DEFINE_SPINLOCK(kmemleak_lock);
bool kmemleak_enabled;
unsigned long kmemleak_min_addr = ~0UL, kmemleak_max_addr;
unsigned long jiffies_min_age = MSECS_MIN_AGE * HZ / 1000;
unsigned long jiffies_last_scan;
static struct kmem_cache *object_cache;
static unsigned long nr_objects;

/* ---- the object tree (kmemleak_lock held) ---- */

/**
 * lookup_object - the object holding an address (kmemleak_lock held)
 * @ptr: the address
 * @alias: also an address inside the object, not only its start
 * Return: the object, or NULL.
 */
struct kmemleak_object *lookup_object(unsigned long ptr, bool alias)
{
	struct rb_node *rb = kmemleak_tree.rb_node;

	while (rb) {
		struct kmemleak_object *object = rb_entry(rb, struct kmemleak_object, rb_node);

		if (ptr < object->pointer)
			rb = rb->rb_left;
		else if (object->pointer + object->size <= ptr)
			rb = rb->rb_right;
		else
			return object->pointer == ptr || alias ? object : NULL;
	}
	return NULL;
}

/**
 * put_object - drop a reference to an object (kmemleak_lock held)
 * @object: the object
 *
 * The last reference takes it off kmemleak_objects and frees it.
 */
void put_object(struct kmemleak_object *object)
{
	if (--object->use_count)
		return;
	list_del(&object->object_list);
	nr_objects--;
	kmem_cache_free(object_cache, object);
}

/* Take an object out of the tree and the gray list; a walker may still hold it. */
static void __delete_object(struct kmemleak_object *object)
{
	rb_erase(&object->rb_node, &kmemleak_tree);
	object->flags &= ~OBJECT_ALLOCATED;
	if (!list_empty(&object->gray_list))
		list_del_init(&object->gray_list);
	put_object(object);
}

/*
 * Insert @object; an object already in its range was freed without kmemleak being told
 * (the allocator handed its memory out again): say so, and forget the stale one.
 */
static void insert_object(struct kmemleak_object *object)
{
	struct rb_node **link, *parent;
	struct kmemleak_object *other;

	for (;;) {
		link = &kmemleak_tree.rb_node;
		parent = NULL;
		other = NULL;
		while (*link) {
			parent = *link;
			other = rb_entry(parent, struct kmemleak_object, rb_node);
			if (object->pointer + object->size <= other->pointer)
				link = &parent->rb_left;
			else if (other->pointer + other->size <= object->pointer)
				link = &parent->rb_right;
			else
				break;
		}
		if (!*link)
			break;
		pr_warn("kmemleak: 0x%08lx (size %u) overlaps 0x%08lx (size %u), which was never "
			"freed through kmemleak\n",
			object->pointer, (unsigned int)object->size, other->pointer,
			(unsigned int)other->size);
		__delete_object(other);
	}
	rb_link_node(&object->rb_node, parent, link);
	rb_insert_color(&object->rb_node, &kmemleak_tree);
}

/* ---- the hooks ---- */

/*
 * Always inlined into the hook, so that the trace starts at the allocator that called it:
 * stack_trace_save()'s first address (into the hook) is skipped.
 */
static __always_inline void create_object(unsigned long ptr, size_t size, int min_count, gfp_t gfp)
{
	struct kmemleak_object *object;
	unsigned long flags;

	/* Outside the lock: growing the metadata cache may reclaim, which frees objects. */
	object = kmem_cache_alloc(object_cache, (gfp & (GFP_KERNEL | GFP_ATOMIC | __GFP_DMA)) |
							__GFP_NORETRY | __GFP_NOWARN);
	if (!object) {
		pr_warn("kmemleak: no memory for the metadata of 0x%08lx; 0x%08lx is not tracked\n",
			ptr, ptr);
		return;
	}
	INIT_LIST_HEAD(&object->gray_list);
	object->flags = OBJECT_ALLOCATED;
	object->use_count = 1;
	object->pointer = ptr;
	object->size = size;
	object->min_count = min_count;
	object->count = 0;
	object->jiffies = jiffies;
	if (in_interrupt() || !current) {
		object->pid = 0;
		strcpy(object->comm, "hardirq");
	} else {
		object->pid = current->pid;
		strncpy(object->comm, current->comm, sizeof(object->comm) - 1);
		object->comm[sizeof(object->comm) - 1] = '\0';
	}
	object->trace_len = stack_trace_save(object->trace, MAX_TRACE, 1);

	spin_lock_irqsave(&kmemleak_lock, flags);
	kmemleak_min_addr = min(kmemleak_min_addr, ptr);
	kmemleak_max_addr = max(kmemleak_max_addr, ptr + size);
	insert_object(object);
	list_add_tail(&object->object_list, &kmemleak_objects);
	nr_objects++;
	spin_unlock_irqrestore(&kmemleak_lock, flags);
}

/**
 * kmemleak_alloc - track a newly allocated block
 * @ptr: its start (NULL is ignored)
 * @size: its size in bytes
 * @min_count: references needed for it not to be a leak: 1 for most blocks, 0 never a
 *	       leak (still scanned), -1 neither reported nor scanned
 * @gfp: the allocation's mask, for the metadata
 */
__noinline void kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp)
{
	if (kmemleak_enabled && ptr && size)
		create_object((unsigned long)ptr, size, min_count, gfp);
}

/**
 * kmemleak_vmalloc - track a vmalloc area
 * @area: its vm_struct (whose own reference to the area is counted: min_count 2)
 * @size: the mapped size
 * @gfp: the allocation's mask
 */
__noinline void kmemleak_vmalloc(const struct vm_struct *area, size_t size, gfp_t gfp)
{
	if (kmemleak_enabled && area && size)
		create_object((unsigned long)area->addr, size, 2, gfp);
}

/**
 * kmemleak_free - forget a block that is being freed
 * @ptr: its start, as kmemleak_alloc() was given it; an unknown pointer is ignored
 */
void kmemleak_free(const void *ptr)
{
	struct kmemleak_object *object;
	unsigned long flags;

	if (!kmemleak_enabled || !ptr)
		return;
	spin_lock_irqsave(&kmemleak_lock, flags);
	object = lookup_object((unsigned long)ptr, false);
	if (object)
		__delete_object(object);
	spin_unlock_irqrestore(&kmemleak_lock, flags);
}

#define KEEP_MIN_COUNT INT_MIN /* paint_ptr(): leave min_count as it is */

/* Set the min_count (unless KEEP_MIN_COUNT) and flags of the object starting at @ptr. */
static void paint_ptr(const void *ptr, int min_count, unsigned int set_flags)
{
	struct kmemleak_object *object;
	unsigned long flags;

	if (!kmemleak_enabled || !ptr)
		return;
	spin_lock_irqsave(&kmemleak_lock, flags);
	object = lookup_object((unsigned long)ptr, false);
	if (object) {
		if (min_count != KEEP_MIN_COUNT)
			object->min_count = min_count;
		object->flags |= set_flags;
	} else {
		pr_warn("kmemleak: painting unknown object at 0x%08lx\n", (unsigned long)ptr);
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);
}

/**
 * kmemleak_not_leak - never report the block at @ptr (it is still scanned)
 * @ptr: the start of a tracked block
 */
__noinline void kmemleak_not_leak(const void *ptr)
{
	paint_ptr(ptr, KMEMLEAK_GREY, 0);
}

/**
 * kmemleak_ignore - neither report nor scan the block at @ptr
 * @ptr: the start of a tracked block
 */
__noinline void kmemleak_ignore(const void *ptr)
{
	paint_ptr(ptr, KMEMLEAK_BLACK, 0);
}

/**
 * kmemleak_no_scan - do not scan the contents of the block at @ptr
 * @ptr: the start of a tracked block whose words are no references (they may be stale)
 *
 * It is still reported when nothing references it.
 */
__noinline void kmemleak_no_scan(const void *ptr)
{
	paint_ptr(ptr, KEEP_MIN_COUNT, OBJECT_NO_SCAN);
}

/* ---- set-up and queries ---- */

/**
 * kmemleak_init - create the metadata cache and start tracking
 *
 * Called right after kmem_cache_init(). The blocks allocated before (the kmalloc caches'
 * descriptors and arrays) are not tracked: they are never freed and hold no references
 * to anything tracked.
 */
void kmemleak_init(void)
{
	kmemleak_enabled = false;
	INIT_LIST_HEAD(&kmemleak_objects);
	INIT_LIST_HEAD(&kmemleak_gray);
	kmemleak_tree = RB_ROOT;
	nr_objects = 0;
	kmemleak_min_addr = ~0UL;
	kmemleak_max_addr = 0;
	object_cache = kmem_cache_create("kmemleak_object", sizeof(struct kmemleak_object), 0,
					 SLAB_NOLEAKTRACE | SLAB_SKIP_KFENCE | SLAB_PANIC, NULL);
	kmemleak_enabled = true;
	pr_info("kmemleak: Kernel memory leak detector initialized\n");
}

/**
 * kmemleak_disable - stop tracking
 *
 * Every hook returns at once from now on; the records are left alone (their cache may be
 * gone with the memory, as when a host test boots the mm core again). kmemleak_init()
 * starts afresh.
 */
void kmemleak_disable(void)
{
	kmemleak_enabled = false;
}

/**
 * kmemleak_nr_objects - the number of blocks tracked now
 */
unsigned long kmemleak_nr_objects(void)
{
	return nr_objects;
}

/**
 * kmemleak_find - the tracked block containing an address
 * @ptr: any address
 * @start: set to the block's start
 * @size: set to its size
 * Return: true when a tracked block contains @ptr.
 */
bool kmemleak_find(const void *ptr, unsigned long *start, size_t *size)
{
	struct kmemleak_object *object;
	unsigned long flags;

	spin_lock_irqsave(&kmemleak_lock, flags);
	object = lookup_object((unsigned long)ptr, true);
	if (object) {
		*start = object->pointer;
		*size = object->size;
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);
	return object != NULL;
}

/**
 * kmemleak_reported - whether a block is a leak kmemleak_show() would print
 * @ptr: the start of the block
 * Return: true when a scan reported it and the last scan found it still unreferenced.
 */
bool kmemleak_reported(const void *ptr)
{
	struct kmemleak_object *object;
	unsigned long flags;
	bool leak;

	spin_lock_irqsave(&kmemleak_lock, flags);
	object = lookup_object((unsigned long)ptr, false);
	leak = object && (object->flags & OBJECT_REPORTED) && unreferenced_object(object);
	spin_unlock_irqrestore(&kmemleak_lock, flags);
	return leak;
}

/**
 * kmemleak_min_age - the grace period, in jiffies
 */
unsigned long kmemleak_min_age(void)
{
	return jiffies_min_age;
}

/**
 * kmemleak_set_min_age - set the grace period
 * @msecs: milliseconds an object must have lived before it may be reported
 */
void kmemleak_set_min_age(unsigned int msecs)
{
	jiffies_min_age = (unsigned long)msecs * HZ / 1000;
}

#endif /* CONFIG_DEBUG_KMEMLEAK */
