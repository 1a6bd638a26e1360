/*
 * Shell command table. Each subsystem declares its commands next to its code with
 * SHELL_CMD(); the linker gathers them in .shell_cmds. The core checks the argument count
 * against min_args/max_args and prints "error: usage: ..." itself.
 */
#ifndef KERNEL_SHELL_H
#define KERNEL_SHELL_H

#include <kernel/compiler.h>
#include <mm/gfp.h>

#define SHELL_MAX_ARGS 16

struct shell_cmd {
	const char *name;
	const char *usage;		  /* arguments, e.g. "<addr> [len]" */
	const char *help;		  /* one line */
	int min_args, max_args;		  /* not counting the command name */
	int (*fn)(int argc, char **argv); /* argv[0] is the command; 0 or -1 */
};

#define SHELL_CMD(_name, _usage, _help, _min, _max, _fn)                                 \
	static const struct shell_cmd __shell_cmd_##_fn __used __table_entry(shell_cmds, \
									     _name) = {  \
		.name = #_name,                                                          \
		.usage = _usage,                                                         \
		.help = _help,                                                           \
		.min_args = _min,                                                        \
		.max_args = _max,                                                        \
		.fn = _fn,                                                               \
	}

/*
 * A command without arguments that prints one view (/proc/meminfo and the like): the
 * handler just calls @_show.
 */
#define SHELL_SHOW_CMD(_name, _help, _show)           \
	static int cmd_##_name(int argc, char **argv) \
	{                                             \
		_show();                              \
		return 0;                             \
	}                                             \
	SHELL_CMD(_name, "", _help, 0, 0, cmd_##_name)

/* Print "error: <why>" and return -1, for handlers: return shell_error("bad %s", x); */
int shell_error(const char *fmt, ...) __printf(1, 2);

/* A subcommand of a command (`kfence every <N>`): argv[1] names it. */
struct shell_subcmd {
	const char *name;
	const char *usage;	/* its arguments, "" for none */
	int min_args, max_args; /* after the subcommand's name */
	int (*fn)(int argc, char **argv);
};

/* Run the subcommand argv[1] of @subs[@n] after checking its argument count. */
int shell_run_subcmd(const struct shell_subcmd *subs, unsigned int n, int argc, char **argv);
/* gfp_parse() @s into @gfp, or say what is wrong with it. Return: 0 or -1 (reported). */
int shell_parse_gfp(const char *s, gfp_t *gfp);
/* For an allocation that returned NULL: "error: interrupted" if Ctrl-C ended its wait. */
int shell_alloc_failed(const char *fmt, ...) __printf(1, 2);
/* A page argument: direct-map address or pfn. Return: 0 or -1 (reported). */
int shell_parse_pfn(const char *s, unsigned long *pfn);
const struct shell_cmd *shell_find(const char *name);
/* Run one line as if typed. Return: the command's result, -1 on error. */
int shell_exec(char *line);
void shell_run(void) __noreturn;

#endif
