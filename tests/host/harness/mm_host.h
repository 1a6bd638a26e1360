/*
 * Host test support for the mm core: the fake physical memory arena (host_mem.c), the
 * simulated interrupt controller (host_irq.c), the captured printk log (host_printk.c) and
 * a one-call boot of the mm core (mm_host.c).
 */
#ifndef TESTS_HOST_MM_HOST_H
#define TESTS_HOST_MM_HOST_H

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
