/*
 * Host test support for the mm core: the fake physical memory arena (host_mem.c), the
 * simulated interrupt controller (host_irq.c), the captured printk log (host_printk.c) and
 * a one-call boot of the mm core (mm_host.c).
 */
#ifndef TESTS_HOST_MM_HOST_H
#define TESTS_HOST_MM_HOST_H

#include <kernel/types.h>
#include <stdbool.h>
#include <stddef.h>

/* ---- host_mem.c: the arena and the host arch_kmap_*() ---- */

/* Create a @ram_bytes arena; the first @lowmem_bytes are mapped at PAGE_OFFSET. */
void host_mem_init(unsigned long ram_bytes, unsigned long lowmem_bytes);
void host_mem_exit(void);
/* Counters for the arch_kmap_*() calls; errors are misuse (map over a live window...). */
extern unsigned long host_kmap_set_count, host_kmap_clear_count, host_kmap_errors;
/* Windows currently mapped (PKMAP + FIXMAP). */
unsigned long host_kmap_live(void);
/*
 * Map the vmalloc-area page at @vaddr onto physical page @phys (PROT_NONE when @phys is
 * not RAM: device registers have no backing here). Return: false if @vaddr is not a
 * vmalloc-area page.
 */
bool host_mem_map_page(unsigned long vaddr, phys_addr_t phys, bool writable);
void host_mem_unmap_page(unsigned long vaddr);

/* ---- host_mmu.c: the fake MMU behind <asm/mmu.h> and <asm/cacheflush.h> ---- */

/* What the mm core asked of the MMU and the caches, in order. */
enum host_mmu_op {
	HOST_MMU_SET_PMD,	  /* start: the entry's ARM index; desc: the new descriptor */
	HOST_MMU_SET_PTE,	  /* start: the host address it maps; desc: the new descriptor */
	HOST_MMU_CLEAN_LINE,	  /* clean_dcache_line(): start = the line */
	HOST_MMU_DCACHE_CLEAN,	  /* dmac_clean_range(start, end) */
	HOST_MMU_DCACHE_INV,	  /* dmac_inv_range(start, end) */
	HOST_MMU_DCACHE_FLUSH,	  /* dmac_flush_range(start, end) */
	HOST_MMU_TLB_FLUSH_PAGE,  /* local_flush_tlb_kernel_page(start) */
	HOST_MMU_TLB_FLUSH_ALL,	  /* local_flush_tlb_all() */
	HOST_MMU_CACHE_FLUSH_ALL, /* flush_cache_all() */
	HOST_MMU_NR_OPS,
};

struct host_mmu_event {
	enum host_mmu_op op;
	unsigned long start, end;
	u32 desc;
};

/* Empty log and TLB model, no errors, non-aliasing D-cache; mm_host_boot() calls it. */
void host_mmu_reset(void);
/* Forget the events recorded so far (the TLB model and the error count stay). */
void host_mmu_log_clear(void);
/* The events since the last clear; *@events is set to the first. */
size_t host_mmu_log(const struct host_mmu_event **events);
/* Index of the first logged @op whose range is exactly [@start, @end), or -1. */
long host_mmu_find(enum host_mmu_op op, unsigned long start, unsigned long end);
/* Logged events of kind @op. */
unsigned long host_mmu_log_count(enum host_mmu_op op);
/*
 * Vmalloc-area pages whose TLB entry may still hold a translation that was changed or
 * removed, plus one if a removed L2 table may still be in the table-walk cache: both
 * must be zero whenever the mm core has returned.
 */
unsigned long host_mmu_tlb_stale(void);
/* Misuse seen by the fake (printed): an entry outside every table, an unaligned invalidate. */
extern unsigned long host_mmu_errors;

/* ---- host_irq.c: simulated interrupts ---- */

/* The "interrupt handler": run by host_raise_irq() and by a WFI with IRQs enabled. */
extern void (*host_irq_hook)(void *arg);
extern void *host_irq_hook_arg;
extern unsigned long host_wfi_count;	    /* cpu_wait_for_interrupt() calls */
extern unsigned long host_wfi_masked_count; /* ... made with IRQs disabled (a bug) */
extern unsigned long host_irq_count;	    /* handler runs */
/* Take an interrupt now: irq_enter(), IRQs masked, hook, irq_exit(). */
/* host_signal.c: what fatal_signal_pending() answers (a Ctrl-C during a wait) */
extern bool host_fatal_signal;

void host_raise_irq(void);
void host_irq_reset(void);

/* ---- host_printk.c: printk into a buffer ---- */

/* Set HOST_PRINTK=1 in the environment to echo printk to stderr as well. */
/* host_kfence.c: the KFENCE pool's page protection as mm/kfence.c left it; the tick */
bool host_kfence_page_protected(unsigned long addr);
void host_kfence_tick(void);

void host_log_clear(void);
const char *host_log(void);
bool host_log_contains(const char *needle);
unsigned int host_log_count(const char *needle);

/* ---- mm_host.c: boot the mm core on a fresh arena ---- */

struct mm_host_layout {
	unsigned long ram_mb;
	unsigned long lowmem_mb;
	unsigned long dma_mb;
	unsigned long reserved_kb; /* "kernel image" reserved at the start of RAM */
};

/* 32 MB: DMA 4 MB, Normal 12 MB, HighMem 16 MB, 64 KB reserved at the start. */
extern const struct mm_host_layout mm_host_default_layout;

void mm_host_boot(const struct mm_host_layout *layout);
void mm_host_shutdown(void);
/* cmocka fixtures: boot the default layout; check the invariants, then shut down. */
int mm_host_setup(void **state);
int mm_host_teardown(void **state);

/*
 * mm_host_check - verify the allocator's invariants by walking every free list and
 * per-CPU list (blocks aligned, in their zone, flagged PG_buddy with their order, counts
 * consistent, no page listed twice). Prints each violation to stderr.
 * @free_out: if not NULL, free pages per zone (buddy + per-CPU), MAX_NR_ZONES entries
 * Return: the number of violations.
 */
unsigned long mm_host_check(unsigned long *free_out);

/* Snapshot of every zone's free state, to show that a bad call changed nothing. */
struct mm_host_snapshot {
	unsigned long nr_free[3][11];
	unsigned long free_pages[3];
	int pcp_count[3];
};
void mm_host_snapshot(struct mm_host_snapshot *s);
bool mm_host_snapshot_equal(const struct mm_host_snapshot *a, const struct mm_host_snapshot *b);

#endif
