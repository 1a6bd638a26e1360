/*
 * The kmem tracepoints (mm/kmem_trace.c): Linux's kmem events plus vmalloc/vfree,
 * recorded into the trace ring buffer (kernel/trace.c) while enabled. An event is enabled
 * by hooking the entry of the functions it watches (include/asm/patch.h), so a disabled
 * event leaves the allocator's code exactly as compiled.
 */
#ifndef MM_KMEM_TRACE_H
#define MM_KMEM_TRACE_H

#include <kernel/types.h>

/* Enable or disable "kmem" (every event), "kmem:<event>" or "<event>"; 0 or -1 */
int kmem_trace_set(const char *spec, bool on);
/* Disable every event */
void kmem_trace_off(void);
/* Print the ring buffer in Linux's tracing/trace format */
void kmem_trace_show(void);
/* Event @i's "kmem:name" and whether it is on; NULL past the last */
const char *kmem_trace_event(unsigned int i, bool *on);

#endif
