/*
 * The UART shell: read a line with the line editor, split it, find the command in the
 * linker-built table, check its argument count, and run it under catch_faults() so that
 * an abort inside a command is reported and the prompt comes back.
 */
#include <asm/traps.h>
#include <kernel/bench.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <shell/shell.h>
#include <shell/complete.h>
#include <lib/line_editor.h>
#include <lib/parse.h>
#include <mm/mm.h>
#include <stdio.h>
#include <string.h>

#define PROMPT "mm> "

extern const struct shell_cmd table_start(shell_cmds)[], table_end(shell_cmds)[];

static struct line_editor editor;

/**
 * shell_error - print one "error: <why>" line
 * @fmt: printf format of the reason
 *
 * For handlers: return shell_error("bad %s", x);
 *
 * Return: -1.
 */
int shell_error(const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("error: %s\n", buf);
	return -1;
}

/**
 * shell_run_subcmd - dispatch a command's subcommand
 * @subs: the subcommands, in the order the error message lists them
 * @n: how many
 * @argc: the command's argument count (argv[0] the command, argv[1] the subcommand)
 * @argv: its arguments
 *
 * An unknown subcommand is answered "bad subcommand '<x>': a, b or c", a wrong argument
 * count with the subcommand's usage.
 * Return: the subcommand's result, or -1 after an error line.
 */
int shell_run_subcmd(const struct shell_subcmd *subs, unsigned int n, int argc, char **argv)
{
	const struct shell_subcmd *s;
	char names[96];
	size_t len = 0;
	unsigned int i;
	int nargs = argc - 2;

	for (s = subs; s < subs + n; s++)
		if (!strcmp(argv[1], s->name))
			break;
	if (s == subs + n) {
		names[0] = '\0';
		for (i = 0; i < n && len < sizeof(names); i++)
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
						i == 0	     ? ""
						: i + 1 == n ? " or "
							     : ", ",
						subs[i].name);
		return shell_error("bad subcommand '%s': %s", argv[1], names);
	}
	if (nargs < s->min_args)
		return shell_error("usage: %s %s%s%s", argv[0], s->name, *s->usage ? " " : "",
				   s->usage);
	if (nargs > s->max_args)
		return shell_error("%s %s: too many arguments (usage: %s %s%s%s)", argv[0], s->name,
				   argv[0], s->name, *s->usage ? " " : "", s->usage);
	return s->fn(argc, argv);
}

/**
 * shell_parse_gfp - a command's GFP argument
 * @s: flag names joined by '|', as gfp_parse() takes them
 * @gfp: set on success
 *
 * Return: 0, or -1 after printing an error with an example of the syntax.
 */
int shell_parse_gfp(const char *s, gfp_t *gfp)
{
	if (gfp_parse(s, gfp))
		return shell_error(
			"bad gfp flags '%s' (names joined by '|', e.g. GFP_KERNEL|__GFP_ZERO)", s);
	return 0;
}

/**
 * shell_alloc_failed - report an allocation that returned NULL
 * @fmt: printf format of the error line
 *
 * Prints "error: interrupted" when Ctrl-C ended the allocation's wait, else the line.
 *
 * Return: -1.
 */
int shell_alloc_failed(const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	if (fatal_signal_pending())
		return shell_error("interrupted");
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return shell_error("%s", buf);
}

/**
 * shell_parse_pfn - a page argument: a direct-map address, or a page frame number
 * @s: the argument; at or above PAGE_OFFSET it is an address, below it a pfn
 * @pfn: set on success
 *
 * Return: 0, or -1 after printing why @s names no page of RAM.
 */
int shell_parse_pfn(const char *s, unsigned long *pfn)
{
	u32 v;

	if (parse_addr(s, &v))
		return shell_error("bad address or pfn '%s'", s);
	if (v >= PAGE_OFFSET) {
		if (!virt_addr_valid((void *)(unsigned long)v))
			return shell_error("0x%08x is not a direct-mapped (low memory) address", v);
		if (v & (PAGE_SIZE - 1))
			return shell_error("0x%08x is not the start of a page", v);
		*pfn = virt_to_pfn((unsigned long)v);
	} else {
		*pfn = v;
	}
	if (!pfn_valid(*pfn))
		return shell_error("pfn 0x%lx is not RAM", *pfn);
	return 0;
}

/**
 * shell_find - look a command up by name
 * @name: the command
 *
 * Return: its table entry, or NULL.
 */
const struct shell_cmd *shell_find(const char *name)
{
	const struct shell_cmd *c;

	for (c = table_start(shell_cmds); c < table_end(shell_cmds); c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/*
 * A Ctrl-C that stopped a command was meant for the command: drop it, and what was typed
 * before it, as a terminal flushes its input on an interrupt, so that it does not also
 * cancel the next line.
 */
static void flush_interrupt_input(void)
{
	int c;

	if (!console_interrupted())
		return;
	while ((c = console_trygetc()) >= 0 && c != 0x03)
		;
	console_clear_interrupted();
}

struct cmd_call {
	const struct shell_cmd *cmd;
	int argc;
	char **argv;
};

static int call_cmd(void *p)
{
	struct cmd_call *call = p;

	return call->cmd->fn(call->argc, call->argv);
}

/**
 * shell_exec - run one line as if typed
 * @line: the line; split in place
 *
 * Checks the argument count, runs the command killable, and turns a fault inside it into
 * an "abandoned" error line.
 *
 * Return: the command's result, or -1 on error.
 */
int shell_exec(char *line)
{
	char *argv[SHELL_MAX_ARGS + 2]; /* the command, its arguments, NULL */
	struct cmd_call call;
	struct fault_record rec;
	int argc, ret = -1;

	argc = split_args(line, argv, SHELL_MAX_ARGS + 1);
	if (argc == 0)
		return 0;
	if (argc < 0)
		return shell_error("too many arguments (at most %d)", SHELL_MAX_ARGS);
	argv[argc] = NULL;
	call.cmd = shell_find(argv[0]);
	if (!call.cmd)
		return shell_error("unknown command '%s' (try 'help')", argv[0]);
	if (argc - 1 < call.cmd->min_args || argc - 1 > call.cmd->max_args)
		return shell_error("usage: %s %s", call.cmd->name, call.cmd->usage);
	call.argc = argc;
	call.argv = argv;
	console_clear_interrupted();
	/* Ctrl-C kills the command: allocator waits end (<kernel/sched.h>). */
	set_current_killable(true);
	if (catch_faults(call_cmd, &call, &ret, &rec)) {
		set_current_killable(false);
		flush_interrupt_input();
		printk("error: '%s' abandoned after %s at 0x%08x\n", argv[0],
		       rec.kind == FAULT_UNDEFINED ? "an undefined instruction" : "a fault",
		       rec.addr);
		return -1;
	}
	set_current_killable(false);
	flush_interrupt_input();
	return ret;
}

/* Bytes lost on the way in are reported, never silently: at the next prompt. */
static void report_lost_input(void)
{
	static unsigned int reported;
	unsigned int lost = console_rx_lost();

	if (lost != reported) {
		shell_error("console input overrun, %u bytes lost", lost - reported);
		reported = lost;
	}
}

static void editor_out(const char *s, unsigned int n, void *ctx)
{
	console_write(s, n);
}

/**
 * shell_run - the shell's loop: prompt, edit, run; never returns
 */
void shell_run(void)
{
	le_init(&editor, editor_out, NULL);
	le_set_prompt(&editor, PROMPT);
	le_set_completion(&editor, shell_complete, NULL);
	boot_to_prompt_ns = bench_ns();
	for (;;) {
		enum le_result r;

		report_lost_input();
		console_puts(PROMPT);
		do {
			r = le_feed(&editor, (char)console_getc());
		} while (r == LE_CONTINUE);
		if (r == LE_TOOLONG)
			shell_error("line too long (at most %d characters)", LINE_MAX);
		else if (r == LE_LINE)
			shell_exec(editor.line);
		le_reset(&editor);
	}
}

static int cmd_help(int argc, char **argv)
{
	const struct shell_cmd *c;

	if (argc == 2) {
		c = shell_find(argv[1]);
		if (!c)
			return shell_error("unknown command '%s'", argv[1]);
		printk("usage: %s %s\n  %s\n", c->name, c->usage, c->help);
		return 0;
	}
	for (c = table_start(shell_cmds); c < table_end(shell_cmds); c++)
		printk("  %-14s %-30s %s\n", c->name, c->usage, c->help);
	return 0;
}
SHELL_CMD(help, "[cmd]", "list commands, or show the usage of one", 0, 1, cmd_help);
