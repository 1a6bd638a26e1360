/*
 * trace: the kmem tracepoints (mm/kmem_trace.c) and the trace ring buffer
 * (kernel/trace.c), driven as Linux's tracefs is: enable events, read the buffer in the
 * format of /sys/kernel/tracing/trace, clear it.
 */
#include <kernel/printk.h>
#include <kernel/trace.h>
#include <mm/kmem_trace.h>
#include <shell/complete.h>
#include <shell/shell.h>
#include <string.h>

static void list_events(void)
{
	const char *name;
	unsigned int i;
	bool on;

	for (i = 0; (name = kmem_trace_event(i, &on)); i++)
		printk("%-32s %s\n", name, on ? "on" : "off");
}

static int cmd_trace(int argc, char **argv)
{
	const char *op = argv[1];

	if (!strcmp(op, "on") || !strcmp(op, "off")) {
		bool on = op[1] == 'n';

		if (argc < 3) {
			if (on)
				return shell_error("trace on: which events? kmem or kmem:<event>");
			kmem_trace_off();
			return 0;
		}
		if (kmem_trace_set(argv[2], on))
			return shell_error("%s: no such event (trace events lists them)", argv[2]);
		return 0;
	}
	if (argc > 2)
		return shell_error("trace %s takes no argument", op);
	if (!strcmp(op, "show"))
		kmem_trace_show();
	else if (!strcmp(op, "clear"))
		trace_clear();
	else if (!strcmp(op, "events"))
		list_events();
	else
		return shell_error("%s: not one of on, off, show, clear, events", op);
	return 0;
}
SHELL_CMD(trace, "on <kmem|kmem:event> | off [event] | show | clear | events",
	  "kmem tracepoints into a ring buffer (/sys/kernel/tracing/trace format)", 1, 2,
	  cmd_trace);

static void complete_trace(struct le_completion *c, int argc, const char *const *argv)
{
	static const char *const ops[] = { "on", "off", "show", "clear", "events", NULL };
	const char *name;
	unsigned int i;

	if (argc == 1) {
		shell_complete_words(c, ops);
		return;
	}
	if (argc == 2 && (!strcmp(argv[1], "on") || !strcmp(argv[1], "off"))) {
		le_complete_add(c, "kmem");
		for (i = 0; (name = kmem_trace_event(i, NULL)); i++)
			le_complete_add(c, name);
	}
}
SHELL_COMPLETE(trace, complete_trace);
