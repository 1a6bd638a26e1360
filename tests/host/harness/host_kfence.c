/*
 * What mm/kfence.c and mm/kfence_report.c need beyond the mm core, for the host tests:
 * the pool's page protection recorded in a table (no fault is taken on the host: the
 * target's tests cover faults), a clock and a tick
 * that tests play by calling host_kfence_tick().
 */
#include <asm/kfence.h>
#include <asm/memory.h>
#include <asm/stacktrace.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <string.h>

#include "mm_host.h"

#define HOST_KFENCE_PAGES 1024

static unsigned long pool_start;
static bool protected_pages[HOST_KFENCE_PAGES];
static void (*tick_fn)(void *);
static void *tick_arg;

bool arch_kfence_init_pool(unsigned long start, unsigned long size)
{
	if (size / PAGE_SIZE > HOST_KFENCE_PAGES)
		return false;
	pool_start = start;
	memset(protected_pages, 1, sizeof(protected_pages)); /* as the target leaves the pool */
	return true;
}

void kfence_protect_page(unsigned long addr, bool protect)
{
	protected_pages[((addr & PAGE_MASK) - pool_start) / PAGE_SIZE] = protect;
}

bool host_kfence_page_protected(unsigned long addr)
{
	return protected_pages[((addr & PAGE_MASK) - pool_start) / PAGE_SIZE];
}

u64 local_clock(void)
{
	return 0;
}

int register_tick_hook(void (*fn)(void *), void *arg)
{
	tick_fn = fn;
	tick_arg = arg;
	return 0;
}

void unregister_tick_hook(void (*fn)(void *), void *arg)
{
	if (tick_fn == fn)
		tick_fn = NULL;
}

void host_kfence_tick(void)
{
	if (tick_fn)
		tick_fn(tick_arg);
}
