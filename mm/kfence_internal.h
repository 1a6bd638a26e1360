/*
 * KFENCE's object metadata and reports, shared by mm/kfence.c and mm/kfence_report.c
 * (Linux's mm/kfence/kfence.h).
 */
#ifndef MM_KFENCE_INTERNAL_H
#define MM_KFENCE_INTERNAL_H

#include <asm/ptrace.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <mm/kfence.h>

/* The byte every unused byte of an object's page holds: varies with the address. */
#define KFENCE_CANARY_PATTERN(addr) ((u8)0xaa ^ (u8)((unsigned long)(addr)&0x7))

#define KFENCE_STACK_DEPTH 12

enum kfence_object_state {
	KFENCE_OBJECT_UNUSED,	 /* never allocated */
	KFENCE_OBJECT_ALLOCATED, /* its page is mapped */
	KFENCE_OBJECT_FREED,	 /* its page is unmapped again */
};

/* Who allocated or freed an object, and when. */
struct kfence_track {
	int pid;
	unsigned int num_stack_entries;
	u64 ts_nsec;
	unsigned long stack_entries[KFENCE_STACK_DEPTH];
};

struct kfence_metadata {
	struct list_head list;	  /* on the free list while not allocated */
	unsigned long addr;	  /* the object; its page is the pool page it sits in */
	unsigned int size;	  /* bytes asked for */
	struct kmem_cache *cache; /* NULL: never allocated, or the cache was destroyed */
	enum kfence_object_state state;
	struct kfence_track alloc_track, free_track;
};

extern struct kfence_metadata kfence_metadata[KFENCE_NUM_OBJECTS];

enum kfence_error_type {
	KFENCE_ERROR_OOB,	   /* an access to a guard page */
	KFENCE_ERROR_UAF,	   /* an access to the page of a freed object */
	KFENCE_ERROR_CORRUPTION,   /* the canary next to the object changed */
	KFENCE_ERROR_INVALID,	   /* an access that is none of these */
	KFENCE_ERROR_INVALID_FREE, /* not a live object's start */
};

/* The page of the pool an object sits in. */
static inline unsigned long metadata_to_pageaddr(const struct kfence_metadata *meta)
{
	return (unsigned long)__kfence_pool +
	       (unsigned long)(meta - kfence_metadata + 1) * 2 * PAGE_SIZE;
}

/*
 * Print Linux's KFENCE report. @regs: the abort of a fault, else NULL: the current stack
 * from @caller on (the allocator's caller). @meta may be NULL (KFENCE_ERROR_INVALID).
 */
void kfence_report_error(unsigned long address, bool is_write, struct pt_regs *regs,
			 const struct kfence_metadata *meta, enum kfence_error_type type,
			 void *caller);
/* Print an object as /sys/kernel/debug/kfence/objects does. */
void kfence_print_object(const struct kfence_metadata *meta);
/* Fill @track with the current task, time and stack from @caller on. */
void kfence_save_track(struct kfence_track *track, void *caller);

#endif
