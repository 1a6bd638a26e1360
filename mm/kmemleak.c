/*
 * kmemleak (make KMEMLEAK=1): Linux's mm/kmemleak.c design, a tracing mark-and-sweep over
 * the kernel's memory, much like a conservative garbage collector that reports instead
 * of freeing.
 *
 * Every block the allocators hand out (slab objects, large kmalloc, vmalloc areas) gets a
 * struct kmemleak_object from a cache of its own (SLAB_NOLEAKTRACE: not tracked itself),
 * linked on object_list in allocation order and in an rbtree by address, so that a word
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
 * OBJECT_ALLOCATED (so the scan stops reading its memory), but it stays on object_list
 * until the last put, so a walk can always step to the next object.
 */
#include <mm/kmemleak.h>

#ifdef CONFIG_DEBUG_KMEMLEAK
#include <asm/sections.h>
#include <asm/stacktrace.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <lib/crc32.h>
#include <lib/list.h>
#include <lib/rbtree.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>
#include <mm/vmap_area.h>
#include <stdio.h>
#include <string.h>

#define MAX_TRACE      16   /* stack entries kept per object */
#define MSECS_MIN_AGE  5000 /* the grace period (Linux's default) */
#define MAX_SCAN_SIZE  4096 /* bytes scanned with interrupts masked at a time */
#define HEX_ROW_SIZE   16
#define HEX_MAX_LINES  2
#define KMEMLEAK_GREY  0  /* min_count of an object never reported */
#define KMEMLEAK_BLACK -1 /* min_count of an object neither reported nor scanned */

#define OBJECT_ALLOCATED 0x1 /* not freed yet */
#define OBJECT_REPORTED	 0x2 /* counted in a "new suspected memory leaks" line */
#define OBJECT_NO_SCAN	 0x4 /* its contents hold no references (kmemleak_no_scan()) */

struct kmemleak_object {
	struct list_head object_list; /* every object, in allocation order */
	struct list_head gray_list;   /* on the gray list of the running scan */
	struct rb_node rb_node;	      /* in object_tree_root, by pointer */
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

static LIST_HEAD(object_list);
static LIST_HEAD(gray_list);
static struct rb_root object_tree_root = RB_ROOT;
static DEFINE_SPINLOCK(kmemleak_lock);
static struct kmem_cache *object_cache;
static bool kmemleak_enabled;
static unsigned long nr_objects;
/* Bounds of every object ever tracked: most scanned words fail this test alone. */
static unsigned long min_addr = ~0UL, max_addr;
static unsigned long jiffies_min_age = MSECS_MIN_AGE * HZ / 1000;
static unsigned long jiffies_last_scan;
static bool scan_stopped;

/* ---- colours ---- */

static bool color_white(const struct kmemleak_object *object)
{
	return object->count != KMEMLEAK_BLACK && object->count < object->min_count;
}

static bool color_gray(const struct kmemleak_object *object)
{
	return object->min_count != KMEMLEAK_BLACK && object->count >= object->min_count;
}

/* A leak: white after the last scan, still allocated, and older than the grace period then. */
static bool unreferenced_object(const struct kmemleak_object *object)
{
	return (object->flags & OBJECT_ALLOCATED) && color_white(object) &&
	       (long)(object->jiffies + jiffies_min_age - jiffies_last_scan) <= 0;
}

/* ---- the object tree (kmemleak_lock held) ---- */

/* The object holding @ptr: starting at it, or (@alias) anywhere inside it. */
static struct kmemleak_object *lookup_object(unsigned long ptr, bool alias)
{
	struct rb_node *rb = object_tree_root.rb_node;

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

/* Drop a reference; the last one takes the object off the list and frees it. */
static void put_object(struct kmemleak_object *object)
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
	rb_erase(&object->rb_node, &object_tree_root);
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
		link = &object_tree_root.rb_node;
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
	rb_insert_color(&object->rb_node, &object_tree_root);
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
	min_addr = min(min_addr, ptr);
	max_addr = max(max_addr, ptr + size);
	insert_object(object);
	list_add_tail(&object->object_list, &object_list);
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

/* Set the min_count and flags of the object starting at @ptr. */
static void paint_ptr(const void *ptr, int min_count, unsigned int set_flags)
{
	struct kmemleak_object *object;
	unsigned long flags;

	if (!kmemleak_enabled || !ptr)
		return;
	spin_lock_irqsave(&kmemleak_lock, flags);
	object = lookup_object((unsigned long)ptr, false);
	if (object) {
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
	struct kmemleak_object *object;
	unsigned long flags;

	if (!kmemleak_enabled || !ptr)
		return;
	spin_lock_irqsave(&kmemleak_lock, flags);
	object = lookup_object((unsigned long)ptr, false);
	if (object)
		object->flags |= OBJECT_NO_SCAN;
	spin_unlock_irqrestore(&kmemleak_lock, flags);
}

/* ---- the scan ---- */

/* One more reference to a white @object; at min_count it turns gray (kmemleak_lock held). */
static void update_refs(struct kmemleak_object *object)
{
	if (!color_white(object))
		return;
	object->count++;
	if (color_gray(object))
		list_add_tail(&object->gray_list, &gray_list);
}

/* Count the references in [@start, @end), not those of @scanned to itself (lock held). */
static void scan_block(const void *start, const void *end, struct kmemleak_object *scanned)
{
	const unsigned long *ptr =
		(const unsigned long *)ALIGN((unsigned long)start, sizeof(unsigned long));

	for (; (const void *)(ptr + 1) <= end; ptr++) {
		unsigned long pointer = *ptr;
		struct kmemleak_object *object;

		if (pointer < min_addr || pointer >= max_addr)
			continue;
		object = lookup_object(pointer, true);
		if (object && object != scanned)
			update_refs(object);
	}
}

static bool scan_should_stop(void)
{
	if (!scan_stopped && fatal_signal_pending())
		scan_stopped = true;
	return scan_stopped;
}

/* A root area, MAX_SCAN_SIZE bytes at a time with interrupts masked. */
static void scan_large_block(unsigned long start, unsigned long end)
{
	unsigned long flags, next;

	for (; start < end && !scan_should_stop(); start = next) {
		next = min(start + MAX_SCAN_SIZE, end);
		spin_lock_irqsave(&kmemleak_lock, flags);
		scan_block((const void *)start, (const void *)next, NULL);
		spin_unlock_irqrestore(&kmemleak_lock, flags);
	}
}

/*
 * .data and .bss, less the holes: the stacks (their live parts are scanned apart) and
 * vmap_area_space, whose embedded first node may be a busy area's, its va_start the
 * area's address. The vmalloc allocator's own bookkeeping is no user of the area: its
 * other nodes live in pool pages that are not scanned either, and the vm_struct's one
 * reference is counted instead (min_count 2, kmemleak_vmalloc()).
 */
static void scan_data_sections(void)
{
	unsigned long holes[][2] = {
		{ (unsigned long)__stacks_start, (unsigned long)__stacks_end },
		{ (unsigned long)&vmap_area_space, (unsigned long)(&vmap_area_space + 1) },
	};
	unsigned long pos = (unsigned long)__bss_start, end = (unsigned long)__bss_stop;
	unsigned int i;

	scan_large_block((unsigned long)_sdata, (unsigned long)_edata);
	if (holes[1][0] < holes[0][0]) {
		unsigned long t0 = holes[0][0], t1 = holes[0][1];

		holes[0][0] = holes[1][0];
		holes[0][1] = holes[1][1];
		holes[1][0] = t0;
		holes[1][1] = t1;
	}
	for (i = 0; i < ARRAY_SIZE(holes); i++) {
		if (holes[i][0] < pos || holes[i][1] > end)
			continue; /* not in .bss (the host test's sections) */
		scan_large_block(pos, holes[i][0]);
		pos = holes[i][1];
	}
	scan_large_block(pos, end);
}

static void scan_stack(unsigned long lo, unsigned long hi, void *arg)
{
	scan_large_block(lo, hi);
}

/* The contents of a pinned gray object, chunk by chunk, while it stays allocated. */
static void scan_object(struct kmemleak_object *object)
{
	unsigned long start = object->pointer, end = start + object->size, next, flags;

	if (object->flags & OBJECT_NO_SCAN)
		return;
	for (; start < end && !scan_should_stop(); start = next) {
		next = min(start + MAX_SCAN_SIZE, end);
		spin_lock_irqsave(&kmemleak_lock, flags);
		if (!(object->flags & OBJECT_ALLOCATED)) {
			spin_unlock_irqrestore(&kmemleak_lock, flags);
			return;
		}
		scan_block((const void *)start, (const void *)next, object);
		spin_unlock_irqrestore(&kmemleak_lock, flags);
	}
}

/* Scan gray objects, those they make gray included, until none is left. */
static void scan_gray_list(void)
{
	struct kmemleak_object *object;
	unsigned long flags;

	while (!scan_should_stop()) {
		spin_lock_irqsave(&kmemleak_lock, flags);
		if (list_empty(&gray_list)) {
			spin_unlock_irqrestore(&kmemleak_lock, flags);
			return;
		}
		object = list_first_entry(&gray_list, struct kmemleak_object, gray_list);
		list_del_init(&object->gray_list);
		object->use_count++;
		spin_unlock_irqrestore(&kmemleak_lock, flags);

		scan_object(object);

		spin_lock_irqsave(&kmemleak_lock, flags);
		put_object(object);
		spin_unlock_irqrestore(&kmemleak_lock, flags);
	}
}

/* The struct pages of frames in use: slab pages name their (off-slab) descriptors. */
static void scan_mem_map(void)
{
	unsigned long pfn, flags;

	for (pfn = ARCH_PFN_OFFSET; pfn < max_pfn && !scan_should_stop();) {
		unsigned long end = min(pfn + MAX_SCAN_SIZE / sizeof(struct page), max_pfn);

		spin_lock_irqsave(&kmemleak_lock, flags);
		for (; pfn < end; pfn++) {
			struct page *page = pfn_to_page(pfn);

			if (page->_refcount || PageSlab(page))
				scan_block(page, page + 1, NULL);
		}
		spin_unlock_irqrestore(&kmemleak_lock, flags);
	}
}

/*
 * The scan proper, from the frame of the public kmemleak_scan(): @sp is its caller's
 * stack pointer, so kmemleak's own frames (which hold object addresses) are not roots.
 */
static __noinline int __kmemleak_scan(unsigned long sp)
{
	struct kmemleak_object *object;
	unsigned long flags;
	int new_leaks = 0;

	scan_stopped = false;
	jiffies_last_scan = jiffies;

	/* Every object white, the never-reported ones gray. */
	spin_lock_irqsave(&kmemleak_lock, flags);
	list_for_each_entry(object, &object_list, object_list) {
		object->count = 0;
		if ((object->flags & OBJECT_ALLOCATED) && color_gray(object) &&
		    list_empty(&object->gray_list))
			list_add_tail(&object->gray_list, &gray_list);
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);

	scan_data_sections();
	for_each_live_stack(scan_stack, NULL, sp);
	scan_mem_map();
	scan_gray_list();

	spin_lock_irqsave(&kmemleak_lock, flags);
	/* A stopped scan left gray objects behind: empty the list for the next one. */
	while (!list_empty(&gray_list))
		list_del_init(gray_list.next);
	if (!scan_stopped) {
		list_for_each_entry(object, &object_list, object_list) {
			if (unreferenced_object(object) && !(object->flags & OBJECT_REPORTED)) {
				object->flags |= OBJECT_REPORTED;
				new_leaks++;
			}
		}
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);
	if (scan_stopped)
		return -1;
	if (new_leaks)
		pr_info("kmemleak: %d new suspected memory leaks (see "
			"/sys/kernel/debug/kmemleak)\n",
			new_leaks);
	return new_leaks;
}

/**
 * kmemleak_scan - find the blocks nothing references any more
 *
 * Marks from the roots through every referenced object, then counts the objects still
 * unreferenced and older than the grace period that no earlier scan reported, and logs
 * "kmemleak: N new suspected memory leaks" when there are any. Ctrl-C stops it.
 * Return: the number of new leaks; -1 when stopped (nothing reported) or not enabled.
 */
__noinline int kmemleak_scan(void)
{
	unsigned long sp = (unsigned long)__builtin_frame_address(0);
	int ret;

	if (!kmemleak_enabled)
		return -1;
	ret = __kmemleak_scan(sp);
	barrier(); /* not a tail call: this frame must stay above __kmemleak_scan's */
	return ret;
}

/* ---- the report ---- */

/* What print_unreferenced() prints, copied with the lock held. */
struct leak_report {
	unsigned long pointer;
	size_t size;
	int pid;
	unsigned long jiffies;
	char comm[TASK_COMM_LEN];
	unsigned int trace_len;
	unsigned long trace[MAX_TRACE];
	unsigned int hex_len;
	u8 hex[HEX_ROW_SIZE * HEX_MAX_LINES];
};

/* One line of Linux's hex_dump_to_buffer(): 16 bytes, groups of 1, then the ASCII. */
static void hex_dump_row(const u8 *b, unsigned int n)
{
	char line[HEX_ROW_SIZE * 4 + 4];
	unsigned int i, lx = 0;

	for (i = 0; i < n; i++)
		lx += (unsigned int)snprintf(line + lx, sizeof(line) - lx, i ? " %02x" : "%02x",
					     b[i]);
	while (lx < HEX_ROW_SIZE * 3 + 1)
		line[lx++] = ' ';
	for (i = 0; i < n; i++)
		line[lx++] = b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '.';
	line[lx] = '\0';
	printk("    %s\n", line);
}

/* The format of Linux's print_unreferenced(); the crc identifies the backtrace. */
static void print_unreferenced(const struct leak_report *r)
{
	unsigned int i;

	printk("unreferenced object 0x%08lx (size %u):\n", r->pointer, (unsigned int)r->size);
	printk("  comm \"%s\", pid %d, jiffies %lu\n", r->comm, r->pid, r->jiffies);
	printk("  hex dump (first %u bytes):\n", r->hex_len);
	for (i = 0; i < r->hex_len; i += HEX_ROW_SIZE)
		hex_dump_row(r->hex + i, min(r->hex_len - i, (unsigned int)HEX_ROW_SIZE));
	printk("  backtrace (crc %x):\n",
	       crc32_le(0, r->trace, r->trace_len * sizeof(r->trace[0])));
	for (i = 0; i < r->trace_len; i++)
		printk("    %pS\n", (void *)r->trace[i]);
}

/**
 * kmemleak_show - print every reported leak that is still unreferenced
 *
 * The contents of Linux's /sys/kernel/debug/kmemleak, in allocation order. Ctrl-C stops.
 * Return: the number of objects printed.
 */
unsigned int kmemleak_show(void)
{
	struct kmemleak_object *object;
	struct list_head *pos;
	struct leak_report r;
	unsigned int printed = 0;
	unsigned long flags;
	bool leak;

	if (!kmemleak_enabled)
		return 0;
	spin_lock_irqsave(&kmemleak_lock, flags);
	for (pos = object_list.next; pos != &object_list && !fatal_signal_pending();) {
		object = list_entry(pos, struct kmemleak_object, object_list);
		leak = (object->flags & OBJECT_REPORTED) && unreferenced_object(object);
		if (leak) {
			r.pointer = object->pointer;
			r.size = object->size;
			r.pid = object->pid;
			r.jiffies = object->jiffies;
			memcpy(r.comm, object->comm, sizeof(r.comm));
			r.trace_len = object->trace_len;
			memcpy(r.trace, object->trace, sizeof(r.trace));
			r.hex_len = (unsigned int)min(object->size, sizeof(r.hex));
			memcpy(r.hex, (const void *)object->pointer, r.hex_len);
		}
		object->use_count++; /* keeps pos->next valid while unlocked */
		spin_unlock_irqrestore(&kmemleak_lock, flags);
		if (leak) {
			print_unreferenced(&r);
			printed++;
		}
		spin_lock_irqsave(&kmemleak_lock, flags);
		pos = pos->next;
		put_object(object);
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);
	/* The copy held leaked addresses: no later scan of this stack may count them. */
	memset(&r, 0, sizeof(r));
	barrier();
	return printed;
}

/**
 * kmemleak_clear - forget the leaks reported so far
 *
 * As writing "clear" to Linux's debugfs file: each reported leak still unreferenced is
 * painted gray, never reported again (and scanned from now on).
 * Return: the number of objects forgotten.
 */
unsigned int kmemleak_clear(void)
{
	struct kmemleak_object *object;
	unsigned int n = 0;
	unsigned long flags;

	if (!kmemleak_enabled)
		return 0;
	spin_lock_irqsave(&kmemleak_lock, flags);
	list_for_each_entry(object, &object_list, object_list) {
		if ((object->flags & OBJECT_REPORTED) && unreferenced_object(object)) {
			object->min_count = KMEMLEAK_GREY;
			n++;
		}
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);
	return n;
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
	INIT_LIST_HEAD(&object_list);
	INIT_LIST_HEAD(&gray_list);
	object_tree_root = RB_ROOT;
	nr_objects = 0;
	min_addr = ~0UL;
	max_addr = 0;
	object_cache = kmem_cache_create("kmemleak_object", sizeof(struct kmemleak_object), 0,
					 SLAB_NOLEAKTRACE | SLAB_PANIC, NULL);
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
