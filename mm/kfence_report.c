/*
 * KFENCE's reports, in the format of Linux's mm/kfence/report.c: the kind of bug and the
 * function it happened in, the access (or free) with its stack, the object with its
 * allocation and free stacks, and the task. Stacks are walked by frame pointers
 * (arch/arm/kernel/stacktrace.c) and printed with %pS.
 */
#include <asm/stacktrace.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <mm/mm.h>
#include <mm/slab_def.h>
#include <stdio.h>

#include "kfence_internal.h"

/* The entries from @caller on (the allocator's caller), or all when it is not there. */
static unsigned int skip_to_caller(const unsigned long *entries, unsigned int n, void *caller)
{
	unsigned int i;

	for (i = 0; caller && i < n; i++)
		if (entries[i] == (unsigned long)caller)
			return i;
	return 0;
}

void kfence_save_track(struct kfence_track *track, void *caller)
{
	unsigned long entries[KFENCE_STACK_DEPTH + 8];
	unsigned int n = stack_trace_save(entries, ARRAY_SIZE(entries), 0), skip, i;

	skip = skip_to_caller(entries, n, caller);
	for (i = 0; skip + i < n && i < KFENCE_STACK_DEPTH; i++)
		track->stack_entries[i] = entries[skip + i];
	track->num_stack_entries = i;
	track->pid = current ? current->pid : 0;
	track->ts_nsec = local_clock();
}

static void print_stack_entries(const unsigned long *entries, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		printk(KERN_ERR " %pS\n", (void *)entries[i]);
}

static void kfence_print_stack(const struct kfence_metadata *meta, bool show_alloc)
{
	const struct kfence_track *track = show_alloc ? &meta->alloc_track : &meta->free_track;
	unsigned long rem_nsec = (unsigned long)(track->ts_nsec % 1000000000);
	unsigned long ts_sec = (unsigned long)(track->ts_nsec / 1000000000);

	printk(KERN_ERR "%s by task %d on cpu 0 at %lu.%06lus:\n",
	       show_alloc ? "allocated" : "freed", track->pid, ts_sec, rem_nsec / 1000);
	print_stack_entries(track->stack_entries, track->num_stack_entries);
}

void kfence_print_object(const struct kfence_metadata *meta)
{
	const struct kmem_cache *cache = meta->cache;

	if (meta->state == KFENCE_OBJECT_UNUSED) {
		printk(KERN_ERR "kfence-#%d unused\n", (int)(meta - kfence_metadata));
		return;
	}
	printk(KERN_ERR "kfence-#%d: 0x%08lx-0x%08lx, size=%u, cache=%s\n\n",
	       (int)(meta - kfence_metadata), meta->addr, meta->addr + meta->size - 1, meta->size,
	       cache ? cache->name : "<destroyed>");
	kfence_print_stack(meta, true);
	if (meta->state == KFENCE_OBJECT_FREED) {
		printk(KERN_ERR "\n");
		kfence_print_stack(meta, false);
	}
}

/* "[ 0xac . . ]": up to 16 canary bytes from @address, '.' for the intact ones. */
static void print_diff_canary(unsigned long address, const struct kfence_metadata *meta, char *buf)
{
	unsigned long end = address + 16, a;

	/* Neither into the object nor past the page. */
	if (address < meta->addr)
		end = min(end, meta->addr);
	else
		end = min(end, ALIGN(address + 1, PAGE_SIZE));
	buf += sprintf(buf, "[");
	for (a = address; a < end; a++) {
		u8 b = *(const u8 *)a;

		if (b == KFENCE_CANARY_PATTERN(a))
			buf += sprintf(buf, " .");
		else
			buf += sprintf(buf, " 0x%02x", b);
	}
	sprintf(buf, " ]");
}

void kfence_report_error(unsigned long address, bool is_write, struct pt_regs *regs,
			 const struct kfence_metadata *meta, enum kfence_error_type type,
			 void *caller)
{
	unsigned long entries[KFENCE_STACK_DEPTH + 8];
	const char *access = is_write ? "write" : "read";
	int index = meta ? (int)(meta - kfence_metadata) : -1;
	unsigned int n, skip = 0;
	char canary[16 * 5 + 4]; /* 16 " 0x.." and the brackets */

	if (regs) {
		n = stack_trace_save_regs(regs, entries, ARRAY_SIZE(entries));
	} else {
		n = stack_trace_save(entries, ARRAY_SIZE(entries), 0);
		skip = skip_to_caller(entries, n, caller);
	}
	printk(KERN_ERR "==================================================================\n");
	switch (type) {
	case KFENCE_ERROR_OOB: {
		bool left = address < meta->addr;

		printk(KERN_ERR "BUG: KFENCE: out-of-bounds %s in %pS\n\n", access,
		       (void *)entries[skip]);
		printk(KERN_ERR "Out-of-bounds %s at 0x%08lx (%luB %s of kfence-#%d):\n", access,
		       address, left ? meta->addr - address : address - meta->addr,
		       left ? "left" : "right", index);
		break;
	}
	case KFENCE_ERROR_UAF:
		printk(KERN_ERR "BUG: KFENCE: use-after-free %s in %pS\n\n", access,
		       (void *)entries[skip]);
		printk(KERN_ERR "Use-after-free %s at 0x%08lx (in kfence-#%d):\n", access, address,
		       index);
		break;
	case KFENCE_ERROR_CORRUPTION:
		print_diff_canary(address, meta, canary);
		printk(KERN_ERR "BUG: KFENCE: memory corruption in %pS\n\n", (void *)entries[skip]);
		printk(KERN_ERR "Corrupted memory at 0x%08lx %s (in kfence-#%d):\n", address,
		       canary, index);
		break;
	case KFENCE_ERROR_INVALID:
		printk(KERN_ERR "BUG: KFENCE: invalid %s in %pS\n\n", access,
		       (void *)entries[skip]);
		printk(KERN_ERR "Invalid %s at 0x%08lx:\n", access, address);
		break;
	case KFENCE_ERROR_INVALID_FREE:
		printk(KERN_ERR "BUG: KFENCE: invalid free in %pS\n\n", (void *)entries[skip]);
		if (meta)
			printk(KERN_ERR "Invalid free of 0x%08lx (in kfence-#%d):\n", address,
			       index);
		else
			printk(KERN_ERR "Invalid free of 0x%08lx:\n", address);
		break;
	}
	print_stack_entries(entries + skip, n - skip);
	if (meta) {
		printk(KERN_ERR "\n");
		kfence_print_object(meta);
	}
	printk(KERN_ERR "\n");
	printk(KERN_ERR "CPU: 0 PID: %d Comm: %s Not tainted\n", current ? current->pid : 0,
	       current ? current->comm : "?");
	printk(KERN_ERR "==================================================================\n");
}
