/*
 * kmem tracepoints with the names and fields of Linux's include/trace/events/kmem.h
 * (as of 5.x: kmalloc, kfree, kmem_cache_alloc, kmem_cache_free, mm_page_alloc,
 * mm_page_free, mm_page_alloc_zone_locked, mm_page_pcpu_drain), plus vmalloc and vfree
 * in the same style (call_site, ptr, size).
 *
 * Enabling an event hooks the entry of the functions it watches (include/asm/patch.h): a
 * wrapper of the same type calls the original and records the event; the wrapper is
 * entered with the caller's return address, so call_site is the caller, as Linux's
 * _RET_IP_. Disabled, the functions are the compiler's code unchanged: nothing to pay.
 *
 * kmalloc() of a size known at compile time goes straight to its size class through
 * kmalloc_trace() (include/mm/slab.h), which passes the size asked for on.
 */
#include <asm/patch.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/trace.h>
#include <mm/gfp.h>
#include <mm/kmem_trace.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/slab_def.h>
#include <mm/vmalloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

enum kmem_event {
	EV_KMALLOC,
	EV_KFREE,
	EV_KMEM_CACHE_ALLOC,
	EV_KMEM_CACHE_FREE,
	EV_MM_PAGE_ALLOC,
	EV_MM_PAGE_FREE,
	EV_MM_PAGE_ALLOC_ZONE_LOCKED,
	EV_MM_PAGE_PCPU_DRAIN,
	EV_VMALLOC,
	EV_VFREE,
	NR_KMEM_EVENTS
};

static const char *const event_names[NR_KMEM_EVENTS] = {
	[EV_KMALLOC] = "kmalloc",
	[EV_KFREE] = "kfree",
	[EV_KMEM_CACHE_ALLOC] = "kmem_cache_alloc",
	[EV_KMEM_CACHE_FREE] = "kmem_cache_free",
	[EV_MM_PAGE_ALLOC] = "mm_page_alloc",
	[EV_MM_PAGE_FREE] = "mm_page_free",
	[EV_MM_PAGE_ALLOC_ZONE_LOCKED] = "mm_page_alloc_zone_locked",
	[EV_MM_PAGE_PCPU_DRAIN] = "mm_page_pcpu_drain",
	[EV_VMALLOC] = "vmalloc",
	[EV_VFREE] = "vfree",
};

/* ---- the wrappers: call the original through the hook's trampoline, record ---- */

static struct text_hook hooks[];
enum {
	H_KMALLOC,
	H_KMALLOC_CACHE,
	H_KFREE,
	H_CACHE_ALLOC,
	H_CACHE_FREE,
	H_ALLOC_PAGES,
	H_FREE_PAGES,
	H_RMQUEUE_BUDDY,
	H_PCP_REFILL,
	H_PCP_DRAIN,
	H_VMALLOC,
	H_VFREE,
	NR_HOOKS
};
#define ORIG(h, fn) ((__typeof__(&fn))hooks[h].orig)
#define RET_IP	    ((unsigned long)__builtin_return_address(0))

static size_t bytes_alloc(const void *p)
{
	return p && !ZERO_OR_NULL_PTR(p) ? ksize(p) : 0;
}

static void *trace___kmalloc(size_t size, gfp_t flags)
{
	void *p = ORIG(H_KMALLOC, __kmalloc)(size, flags);

	trace_record(EV_KMALLOC, RET_IP, (unsigned long)p, size, bytes_alloc(p), flags);
	return p;
}

static void *trace_kmalloc_trace(struct kmem_cache *s, gfp_t flags, size_t size)
{
	void *p = ORIG(H_KMALLOC_CACHE, kmalloc_trace)(s, flags, size);

	trace_record(EV_KMALLOC, RET_IP, (unsigned long)p, size, p ? s->object_size : 0, flags);
	return p;
}

static void trace_kfree(const void *p)
{
	trace_record(EV_KFREE, RET_IP, (unsigned long)p, 0, 0, 0);
	ORIG(H_KFREE, kfree)(p);
}

static void *trace_kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p = ORIG(H_CACHE_ALLOC, kmem_cache_alloc)(s, flags);

	trace_record(EV_KMEM_CACHE_ALLOC, RET_IP, (unsigned long)p, s->object_size,
		     p ? s->object_size : 0, flags);
	return p;
}

static void trace_kmem_cache_free(struct kmem_cache *s, void *p)
{
	trace_record(EV_KMEM_CACHE_FREE, RET_IP, (unsigned long)p, (unsigned long)s->name, 0, 0);
	ORIG(H_CACHE_FREE, kmem_cache_free)(s, p);
}

static struct page *trace_alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = ORIG(H_ALLOC_PAGES, alloc_pages)(gfp, order);

	trace_record(EV_MM_PAGE_ALLOC, (unsigned long)page, order, gfp, 0, 0);
	return page;
}

static void trace___free_pages(struct page *page, unsigned int order)
{
	trace_record(EV_MM_PAGE_FREE, (unsigned long)page, order, 0, 0, 0);
	ORIG(H_FREE_PAGES, __free_pages)(page, order);
}

static struct page *trace_rmqueue_buddy(struct zone *zone, unsigned int order, long floor)
{
	struct page *page = ORIG(H_RMQUEUE_BUDDY, rmqueue_buddy)(zone, order, floor);

	if (page)
		trace_record(EV_MM_PAGE_ALLOC_ZONE_LOCKED, (unsigned long)page, order, 0, 0, 0);
	return page;
}

/* A refill puts its pages at the tail of the list (rmqueue_bulk()): one event each. */
static bool trace_pcp_refill(struct zone *zone, struct per_cpu_pages *pcp, long floor)
{
	int before = pcp_count(pcp), n;
	bool ret = ORIG(H_PCP_REFILL, pcp_refill)(zone, pcp, floor);
	struct list_head *pos = &pcp->list;

	for (n = pcp_count(pcp) - before; n > 0; n--) {
		pos = pos->prev;
		trace_record(EV_MM_PAGE_ALLOC_ZONE_LOCKED,
			     (unsigned long)list_entry(pos, struct page, lru), 0, 1, 0, 0);
	}
	return ret;
}

/* A drain takes its pages from the cold tail: one event each, before they go. */
static void trace_free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	struct list_head *pos = &pcp->list;
	int n;

	for (n = 0; n < count && pos->prev != &pcp->list; n++) {
		pos = pos->prev;
		trace_record(EV_MM_PAGE_PCPU_DRAIN,
			     (unsigned long)list_entry(pos, struct page, lru), 0, 0, 0, 0);
	}
	ORIG(H_PCP_DRAIN, free_pcppages_bulk)(zone, count, pcp);
}

static void *trace_vmalloc(unsigned long size)
{
	void *p = ORIG(H_VMALLOC, vmalloc)(size);

	trace_record(EV_VMALLOC, RET_IP, (unsigned long)p, size, 0, 0);
	return p;
}

static void trace_vfree(const void *p)
{
	trace_record(EV_VFREE, RET_IP, (unsigned long)p, 0, 0, 0);
	ORIG(H_VFREE, vfree)(p);
}

#define HOOK(fn)                                                      \
	{                                                             \
		.target = (void *)(fn), .wrapper = (void *)trace_##fn \
	}
static struct text_hook hooks[NR_HOOKS] = {
	[H_KMALLOC] = HOOK(__kmalloc),
	[H_KMALLOC_CACHE] = HOOK(kmalloc_trace),
	[H_KFREE] = HOOK(kfree),
	[H_CACHE_ALLOC] = HOOK(kmem_cache_alloc),
	[H_CACHE_FREE] = HOOK(kmem_cache_free),
	[H_ALLOC_PAGES] = HOOK(alloc_pages),
	[H_FREE_PAGES] = HOOK(__free_pages),
	[H_RMQUEUE_BUDDY] = HOOK(rmqueue_buddy),
	[H_PCP_REFILL] = HOOK(pcp_refill),
	[H_PCP_DRAIN] = HOOK(free_pcppages_bulk),
	[H_VMALLOC] = HOOK(vmalloc),
	[H_VFREE] = HOOK(vfree),
};

/* The hooks of each event (-1 ends a list). */
static const signed char event_hooks[NR_KMEM_EVENTS][3] = {
	[EV_KMALLOC] = { H_KMALLOC, H_KMALLOC_CACHE, -1 },
	[EV_KFREE] = { H_KFREE, -1 },
	[EV_KMEM_CACHE_ALLOC] = { H_CACHE_ALLOC, -1 },
	[EV_KMEM_CACHE_FREE] = { H_CACHE_FREE, -1 },
	[EV_MM_PAGE_ALLOC] = { H_ALLOC_PAGES, -1 },
	[EV_MM_PAGE_FREE] = { H_FREE_PAGES, -1 },
	[EV_MM_PAGE_ALLOC_ZONE_LOCKED] = { H_RMQUEUE_BUDDY, H_PCP_REFILL, -1 },
	[EV_MM_PAGE_PCPU_DRAIN] = { H_PCP_DRAIN, -1 },
	[EV_VMALLOC] = { H_VMALLOC, -1 },
	[EV_VFREE] = { H_VFREE, -1 },
};

static bool event_on[NR_KMEM_EVENTS];

static int set_event(unsigned int ev, bool on)
{
	const signed char *h;

	for (h = event_hooks[ev]; *h >= 0; h++) {
		if (!on) {
			disable_text_hook(&hooks[*h]);
		} else if (enable_text_hook(&hooks[*h])) {
			while (h-- != event_hooks[ev])
				disable_text_hook(&hooks[*h]);
			return -1;
		}
	}
	event_on[ev] = on;
	return 0;
}

/**
 * kmem_trace_set - enable or disable kmem events
 * @spec: "kmem" (every event), "kmem:<event>" or "<event>"
 * @on: enable or disable
 * Return: 0, or -1 when @spec names no event or a hook could not be placed (reported).
 */
int kmem_trace_set(const char *spec, bool on)
{
	unsigned int ev;

	if (!strcmp(spec, "kmem")) {
		for (ev = 0; ev < NR_KMEM_EVENTS; ev++)
			if (set_event(ev, on))
				return -1;
		return 0;
	}
	if (!strncmp(spec, "kmem:", 5))
		spec += 5;
	for (ev = 0; ev < NR_KMEM_EVENTS; ev++)
		if (!strcmp(spec, event_names[ev]))
			return set_event(ev, on);
	return -1;
}

/**
 * kmem_trace_off - disable every kmem event
 */
void kmem_trace_off(void)
{
	kmem_trace_set("kmem", false);
}

/**
 * kmem_trace_event - name and state of one event, for listing and completion
 * @i: index from 0
 * @on: set to whether it is enabled (may be NULL)
 * Return: "kmem:<name>", or NULL when @i is past the last event.
 */
const char *kmem_trace_event(unsigned int i, bool *on)
{
	static char name[40];

	if (i >= NR_KMEM_EVENTS)
		return NULL;
	if (on)
		*on = event_on[i];
	snprintf(name, sizeof(name), "kmem:%s", event_names[i]);
	return name;
}

/* ---- printing: Linux's TP_printk() formats ---- */

/* snprintf() with the kernel's %pS (kernel/vsprintf.c). */
static __printf(3, 4) void fmt(char *buf, size_t len, const char *f, ...)
{
	va_list args;

	va_start(args, f);
	vscnprintf(buf, len, f, args);
	va_end(args);
}

static const char *event_name(unsigned int type)
{
	return type < NR_KMEM_EVENTS ? event_names[type] : "unknown";
}

static void print_event(const struct trace_entry *e, char *buf, size_t len)
{
	const unsigned long *a = e->args;
	char gfp[96];

	switch (e->type) {
	case EV_KMALLOC:
	case EV_KMEM_CACHE_ALLOC:
		gfp_format((gfp_t)a[4], gfp, sizeof(gfp));
		fmt(buf, len, "call_site=%pS ptr=%08lx bytes_req=%lu bytes_alloc=%lu gfp_flags=%s",
		    (void *)a[0], a[1], a[2], a[3], gfp);
		break;
	case EV_KFREE:
	case EV_VFREE:
		fmt(buf, len, "call_site=%pS ptr=%08lx", (void *)a[0], a[1]);
		break;
	case EV_KMEM_CACHE_FREE:
		fmt(buf, len, "call_site=%pS ptr=%08lx name=%s", (void *)a[0], a[1],
		    (const char *)a[2]);
		break;
	case EV_MM_PAGE_ALLOC:
		gfp_format((gfp_t)a[2], gfp, sizeof(gfp));
		fmt(buf, len, "page=%08lx pfn=0x%lx order=%lu migratetype=0 gfp_flags=%s", a[0],
		    a[0] ? page_to_pfn((struct page *)a[0]) : 0, a[1], gfp);
		break;
	case EV_MM_PAGE_FREE:
		fmt(buf, len, "page=%08lx pfn=0x%lx order=%lu", a[0],
		    page_to_pfn((struct page *)a[0]), a[1]);
		break;
	case EV_MM_PAGE_ALLOC_ZONE_LOCKED:
		fmt(buf, len, "page=%08lx pfn=0x%lx order=%lu migratetype=0 percpu_refill=%lu",
		    a[0], page_to_pfn((struct page *)a[0]), a[1], a[2]);
		break;
	case EV_MM_PAGE_PCPU_DRAIN:
		fmt(buf, len, "page=%08lx pfn=0x%lx order=0 migratetype=0", a[0],
		    page_to_pfn((struct page *)a[0]));
		break;
	case EV_VMALLOC:
		fmt(buf, len, "call_site=%pS ptr=%08lx size=%lu", (void *)a[0], a[1], a[2]);
		break;
	default:
		fmt(buf, len, "?");
	}
}

/**
 * kmem_trace_show - print the trace buffer as Linux's /sys/kernel/tracing/trace
 */
void kmem_trace_show(void)
{
	trace_show(event_name, print_event);
}
