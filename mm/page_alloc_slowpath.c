/*
 * The allocation slow path: what an allocation may do once no zone of its zonelist has
 * memory above the low watermark. In order, as its GFP mask allows:
 *   - the min watermark, lowered by half for __GFP_HIGH and a further quarter for atomic
 *     callers (GFP_ATOMIC): the emergency reserve GFP_NOWAIT never touches;
 *   - callers that cannot sleep: the per-CPU lists are drained and tried once more;
 *   - callers that may sleep: rounds of direct reclaim (shrinkers, then a drain), each
 *     followed by a wait for an interrupt (WFI) whose handler may free memory. The number
 *     of rounds is the retry policy: 1 for __GFP_NORETRY and costly orders, 16 by default,
 *     64 for __GFP_REPEAT, unbounded for __GFP_NOFAIL. A wait longer than 10 s prints
 *     Linux's "page allocation stalls for" warning, and again every 10 s. A fatal signal
 *     (<kernel/sched.h>: Ctrl-C to a shell command) ends the wait and fails the
 *     allocation, __GFP_NOFAIL included, without the failure report.
 * A failure is reported with the order, the decoded mask and the zones' free memory,
 * unless __GFP_NOWARN.
 */
#include <asm/irqflags.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <mm/mm.h>
#include <mm/shrinker.h>

#include "internal.h"

/* How long a sleeping allocation waits before (and between) stall warnings, as Linux. */
#define STALL_WARN_INTERVAL (10 * HZ)

/* Set while this context runs the shrinkers: their own allocations skip the watermarks. */
static bool reclaim_active;

static int gfp_to_alloc_flags(gfp_t gfp)
{
	int alloc_flags = ALLOC_WMARK_MIN;

	if (gfp & __GFP_HIGH) {
		alloc_flags |= ALLOC_HIGH;
		/* An atomic caller cannot wait for memory: let it dig deeper. */
		if (!(gfp & __GFP_WAIT))
			alloc_flags |= ALLOC_HARDER;
	}
	return alloc_flags;
}

static unsigned long perform_reclaim(gfp_t gfp, unsigned int order)
{
	unsigned long progress;

	reclaim_active = true;
	progress = try_to_free_pages(gfp, order);
	reclaim_active = false;
	drain_all_pages();
	return progress;
}

static unsigned int max_reclaim_rounds(gfp_t gfp, unsigned int order)
{
	if (gfp & __GFP_NOFAIL)
		return 0; /* unlimited */
	if (gfp & __GFP_NORETRY)
		return 1;
	if (gfp & __GFP_REPEAT)
		return REPEAT_RECLAIM_RETRIES;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return 1;
	return MAX_RECLAIM_RETRIES;
}

struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order, const struct zonelist *zl,
				    void *caller)
{
	int alloc_flags = gfp_to_alloc_flags(gfp);
	unsigned long start, next_warn;
	unsigned int round, max_rounds;
	struct page *page;

	page = get_page_slowpath(gfp, order, alloc_flags, zl);
	if (page)
		return page;

	/* A shrinker allocating while it frees: let it use the reserves rather than recurse. */
	if (reclaim_active && !in_interrupt()) {
		page = get_page_slowpath(gfp, order, ALLOC_NO_WATERMARKS, zl);
		if (page)
			return page;
		goto nopage;
	}

	if (!(gfp & __GFP_WAIT)) {
		/* Cannot sleep: the per-CPU lists are the only memory left to look at. */
		drain_all_pages();
		page = get_page_slowpath(gfp, order, alloc_flags, zl);
		if (!page && (gfp & __GFP_NOFAIL))
			page = get_page_slowpath(gfp, order,
						 alloc_flags | ALLOC_HIGH | ALLOC_HARDER, zl);
		if (page)
			return page;
		goto nopage;
	}

	max_rounds = max_reclaim_rounds(gfp, order);
	start = jiffies;
	next_warn = start + STALL_WARN_INTERVAL;
	for (round = 1;; round++) {
		perform_reclaim(gfp, order);
		page = get_page_slowpath(gfp, order, alloc_flags, zl);
		if (page)
			return page;
		if (max_rounds && round >= max_rounds)
			break;
		/* __GFP_NOFAIL gets the __GFP_HIGH share of the reserve once reclaim failed. */
		if (gfp & __GFP_NOFAIL)
			alloc_flags |= ALLOC_HIGH;
		if (fatal_signal_pending())
			return NULL;
		/* Sleep until an interrupt: its handler may free memory. */
		cpu_wait_for_interrupt();
		page = get_page_slowpath(gfp, order, alloc_flags, zl);
		if (page)
			return page;
		if ((long)(jiffies - next_warn) >= 0) {
			if (!(gfp & __GFP_NOWARN))
				warn_alloc_stall(gfp, order, (jiffies - start) * (1000 / HZ),
						 caller);
			next_warn = jiffies + STALL_WARN_INTERVAL;
		}
	}

nopage:
	if (!(gfp & __GFP_NOWARN))
		warn_alloc_failed(gfp, order, caller);
	return NULL;
}
