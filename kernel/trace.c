/*
 * The trace ring buffer: what the enabled tracepoints record (mm/kmem_trace.c), printed
 * as Linux's /sys/kernel/tracing/trace prints it with the nop tracer: a header, then one
 * line per event, "comm-pid [cpu] flags seconds.micros: event: fields".
 */
#include <asm/irqflags.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <stdio.h>
#include <string.h>

#define TRACE_ENTRIES 1024 /* a power of two */

static struct trace_entry trace_buf[TRACE_ENTRIES];
static unsigned long trace_written; /* entries ever recorded since the last clear */

/**
 * trace_record - append an event to the ring buffer
 * @type: the subsystem's event number
 * @a0: first field
 * @a1: second field
 * @a2: third field
 * @a3: fourth field
 * @a4: fifth field
 *
 * Safe from any context: interrupts are masked while the slot is filled. When the buffer
 * is full the oldest entry is overwritten.
 */
void trace_record(unsigned int type, unsigned long a0, unsigned long a1, unsigned long a2,
		  unsigned long a3, unsigned long a4)
{
	struct trace_entry *e;
	unsigned long flags;

	local_irq_save(flags);
	e = &trace_buf[trace_written++ & (TRACE_ENTRIES - 1)];
	e->ts_nsec = local_clock();
	e->type = (unsigned short)type;
	e->pid = current ? (short)current->pid : 0;
	strncpy(e->comm, current ? current->comm : "swapper", sizeof(e->comm) - 1);
	e->comm[sizeof(e->comm) - 1] = '\0';
	e->args[0] = a0;
	e->args[1] = a1;
	e->args[2] = a2;
	e->args[3] = a3;
	e->args[4] = a4;
	local_irq_restore(flags);
}

/**
 * trace_clear - forget every recorded event
 */
void trace_clear(void)
{
	unsigned long flags;

	local_irq_save(flags);
	trace_written = 0;
	local_irq_restore(flags);
}

/**
 * trace_show - print the buffer in the format of Linux's tracing/trace file
 * @name: the event name of an entry type
 * @print: formats an entry's fields
 */
void trace_show(const char *(*name)(unsigned int type), trace_print_fn print)
{
	unsigned long written = trace_written, n, i;
	char fields[200];

	n = written < TRACE_ENTRIES ? written : TRACE_ENTRIES;
	printk("# tracer: nop\n#\n");
	printk("# entries-in-buffer/entries-written: %lu/%lu   #P:1\n#\n", n, written);
	printk("#                                _-----=> irqs-off/BH-disabled\n"
	       "#                               / _----=> need-resched\n"
	       "#                              | / _---=> hardirq/softirq\n"
	       "#                              || / _--=> preempt-depth\n"
	       "#                              ||| / _-=> migrate-disable\n"
	       "#                              |||| /     delay\n"
	       "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
	       "#              | |         |   |||||     |         |\n");
	for (i = written - n; i != written; i++) {
		struct trace_entry e;
		unsigned long flags;
		unsigned long sec, usec;

		local_irq_save(flags);
		e = trace_buf[i & (TRACE_ENTRIES - 1)];
		local_irq_restore(flags);
		if (trace_written != written)
			break; /* recorded into or cleared meanwhile: stop at what was there */
		sec = (unsigned long)(e.ts_nsec / 1000000000ULL);
		usec = (unsigned long)(e.ts_nsec % 1000000000ULL) / 1000;
		print(&e, fields, sizeof(fields));
		printk("%16s-%-7d [000] ..... %5lu.%06lu: %s: %s\n", e.comm, e.pid, sec, usec,
		       name(e.type), fields);
	}
}
