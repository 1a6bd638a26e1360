/*
 * kmemleak's scan and report (the design is in mm/kmemleak.c's opening comment and
 * docs/design.md, kmemleak): count references from the roots, then through the gray
 * list; report the white objects once; print them as /sys/kernel/debug/kmemleak.
 */
#include <mm/kmemleak.h>

#ifdef CONFIG_DEBUG_KMEMLEAK
#include <asm/sections.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <lib/crc32.h>
#include <mm/vmap_area.h>
#include <stdio.h>
#include <string.h>

#include "kfence_internal.h"
#include "kmemleak_internal.h"

#define MAX_SCAN_SIZE 4096 /* bytes scanned with interrupts masked at a time */
#define HEX_ROW_SIZE  16
#define HEX_MAX_LINES 2

static bool scan_stopped;

/* One more reference to a white @object; at min_count it turns gray (kmemleak_lock held). */
static void update_refs(struct kmemleak_object *object)
{
	if (!color_white(object))
		return;
	object->count++;
	if (color_gray(object))
		list_add_tail(&object->gray_list, &kmemleak_gray);
}

/* Count the references in [@start, @end), not those of @scanned to itself (lock held). */
static void scan_block(const void *start, const void *end, struct kmemleak_object *scanned)
{
	const unsigned long *ptr =
		(const unsigned long *)ALIGN((unsigned long)start, sizeof(unsigned long));

	for (; (const void *)(ptr + 1) <= end; ptr++) {
		unsigned long pointer = *ptr;
		struct kmemleak_object *object;

		if (pointer < kmemleak_min_addr || pointer >= kmemleak_max_addr)
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
 * .data and .bss, less the holes:
 * - the stacks (their live parts are scanned apart);
 * - vmap_area_space, whose embedded first node may be a busy area's, its va_start the
 *   area's address. The vmalloc allocator's own bookkeeping is no user of the area: its
 *   other nodes live in pool pages that are not scanned either, and the vm_struct's one
 *   reference is counted instead (min_count 2, kmemleak_vmalloc());
 * - KFENCE's metadata, which names every pool object's address (mm/kfence.c): a leaked
 *   sample would otherwise always look referenced.
 */
static void scan_data_sections(void)
{
	unsigned long holes[][2] = {
		{ (unsigned long)__stacks_start, (unsigned long)__stacks_end },
		{ (unsigned long)&vmap_area_space, (unsigned long)(&vmap_area_space + 1) },
		{ (unsigned long)kfence_metadata,
		  (unsigned long)(kfence_metadata + KFENCE_NUM_OBJECTS) },
	};
	unsigned long pos = (unsigned long)__bss_start, end = (unsigned long)__bss_stop;
	unsigned int i, j;

	scan_large_block((unsigned long)_sdata, (unsigned long)_edata);
	for (i = 1; i < ARRAY_SIZE(holes); i++) /* by address */
		for (j = i; j > 0 && holes[j][0] < holes[j - 1][0]; j--) {
			unsigned long t0 = holes[j][0], t1 = holes[j][1];

			holes[j][0] = holes[j - 1][0];
			holes[j][1] = holes[j - 1][1];
			holes[j - 1][0] = t0;
			holes[j - 1][1] = t1;
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
		if (list_empty(&kmemleak_gray)) {
			spin_unlock_irqrestore(&kmemleak_lock, flags);
			return;
		}
		object = list_first_entry(&kmemleak_gray, struct kmemleak_object, gray_list);
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
	list_for_each_entry(object, &kmemleak_objects, object_list) {
		object->count = 0;
		if ((object->flags & OBJECT_ALLOCATED) && color_gray(object) &&
		    list_empty(&object->gray_list))
			list_add_tail(&object->gray_list, &kmemleak_gray);
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);

	scan_data_sections();
	for_each_live_stack(scan_stack, NULL, sp);
	scan_mem_map();
	scan_gray_list();

	spin_lock_irqsave(&kmemleak_lock, flags);
	/* A stopped scan left gray objects behind: empty the list for the next one. */
	while (!list_empty(&kmemleak_gray))
		list_del_init(kmemleak_gray.next);
	if (!scan_stopped) {
		list_for_each_entry(object, &kmemleak_objects, object_list) {
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
	for (pos = kmemleak_objects.next; pos != &kmemleak_objects && !fatal_signal_pending();) {
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
	list_for_each_entry(object, &kmemleak_objects, object_list) {
		if ((object->flags & OBJECT_REPORTED) && unreferenced_object(object)) {
			object->min_count = KMEMLEAK_GREY;
			n++;
		}
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);
	return n;
}

#endif /* CONFIG_DEBUG_KMEMLEAK */
