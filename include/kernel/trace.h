/*
 * The trace ring buffer (kernel/trace.c): fixed-size event records, the oldest overwritten
 * when full, printed in the layout of Linux's /sys/kernel/tracing/trace. The events
 * themselves (their names, fields and hooks) belong to their subsystem: mm/kmem_trace.c.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <kernel/types.h>

#define TRACE_ARGS 5

struct trace_entry {
	u64 ts_nsec;
	unsigned short type; /* the subsystem's event number */
	short pid;
	char comm[16];
	unsigned long args[TRACE_ARGS];
};

/* Print an entry's fields (after "name: ") into @buf */
typedef void (*trace_print_fn)(const struct trace_entry *e, char *buf, size_t len);

/* Append an event with the current task and time */
void trace_record(unsigned int type, unsigned long a0, unsigned long a1, unsigned long a2,
		  unsigned long a3, unsigned long a4);
/* Empty the buffer */
void trace_clear(void);
/* Print header and entries, oldest first; @name and @print describe an entry's type */
void trace_show(const char *(*name)(unsigned int type), trace_print_fn print);

#endif
