/*
 * `dmesg`: the kernel log (kernel/printk.c), as util-linux's dmesg prints it:
 * "[    1.234567] text" per record. -c prints then clears, -C clears, -r adds the raw
 * "<level>" prefix, -n <level> sets the console threshold. The records go straight to the
 * console, like a program's stdout, not back into the log they come from.
 */
#include <kernel/console.h>
#include <kernel/printk.h>
#include <lib/parse.h>
#include <shell/shell.h>
#include <stdio.h>
#include <string.h>

/* Names of the levels, for -n (util-linux accepts them too). */
static const char *const level_names[8] = { "emerg", "alert",  "crit", "err",
					    "warn",  "notice", "info", "debug" };

static void print_record(const struct kmsg_record *rec, bool raw)
{
	char head[40];
	unsigned long sec = (unsigned long)(rec->ts_nsec / 1000000000ull);
	unsigned long usec = (unsigned long)(rec->ts_nsec % 1000000000ull / 1000);
	int n = 0;

	if (raw)
		n = snprintf(head, sizeof(head), "<%u>", rec->level);
	snprintf(head + n, sizeof(head) - (size_t)n, "[%5lu.%06lu] ", sec, usec);
	console_puts(head);
	console_write(rec->text, rec->text_len);
	console_write("\n", 1);
}

static int dmesg_print(bool raw, bool clear)
{
	static struct kmsg_record rec; /* 1 KB: not on the command's stack */
	struct kmsg_state st;
	struct kmsg_iter it;
	u64 end;

	kmsg_state(&st);
	end = st.next_seq; /* what was logged up to now, not what printing it adds */
	if (st.dropped) {
		char note[96];

		snprintf(note, sizeof(note),
			 "dmesg: %lu older records lost (the %u KB log was full)\n", st.dropped,
			 (unsigned int)(st.buf_len >> 10));
		console_puts(note);
	}
	kmsg_iter_init(&it, st.first_seq);
	while (it.seq < end && kmsg_read(&it, &rec))
		print_record(&rec, raw);
	if (clear)
		kmsg_clear(end);
	return 0;
}

static int parse_level(const char *s, int *level)
{
	unsigned int i;
	u32 v;

	for (i = 0; i < 8; i++) {
		if (!strcmp(s, level_names[i])) {
			*level = (int)i;
			return 0;
		}
	}
	if (parse_u32(s, &v) || v > 8)
		return -1;
	*level = (int)v;
	return 0;
}

static int dmesg_console_level(const char *arg)
{
	int level;

	if (!arg)
		return shell_error("dmesg -n needs a level: 1 to 8 or a name (alert ... debug)");
	if (parse_level(arg, &level))
		return shell_error("bad level '%s': 1 to 8 or a name (alert ... debug)", arg);
	if (level < 1)
		return shell_error("level %d would hide even emergency messages: 1 to 8", level);
	console_loglevel = level;
	return 0;
}

enum dmesg_action {
	DMESG_PRINT,
	DMESG_PRINT_CLEAR,
	DMESG_CLEAR,
	DMESG_RAW,
	DMESG_LEVEL
};

static const struct {
	const char *opt;
	enum dmesg_action action;
	bool takes_arg;
} dmesg_opts[] = {
	{ "-c", DMESG_PRINT_CLEAR, false },
	{ "-C", DMESG_CLEAR, false },
	{ "-r", DMESG_RAW, false },
	{ "-n", DMESG_LEVEL, true },
};

static int cmd_dmesg(int argc, char **argv)
{
	unsigned int i;

	if (argc == 1)
		return dmesg_print(false, false);
	for (i = 0; i < sizeof(dmesg_opts) / sizeof(dmesg_opts[0]); i++)
		if (!strcmp(argv[1], dmesg_opts[i].opt))
			break;
	if (i == sizeof(dmesg_opts) / sizeof(dmesg_opts[0]))
		return shell_error("unknown option '%s' (dmesg [-c | -C | -r | -n <level>])",
				   argv[1]);
	if (!dmesg_opts[i].takes_arg && argc > 2)
		return shell_error("dmesg %s takes no argument, got '%s'", argv[1], argv[2]);
	switch (dmesg_opts[i].action) {
	case DMESG_PRINT_CLEAR:
		return dmesg_print(false, true);
	case DMESG_CLEAR: {
		struct kmsg_state st;

		kmsg_state(&st);
		kmsg_clear(st.next_seq);
		return 0;
	}
	case DMESG_RAW:
		return dmesg_print(true, false);
	case DMESG_LEVEL:
		return dmesg_console_level(argc > 2 ? argv[2] : NULL);
	default:
		return dmesg_print(false, false);
	}
}
SHELL_CMD(dmesg, "[-c | -C | -r | -n <level>]",
	  "the kernel log; -c clear after, -C clear, -r raw, -n console level", 0, 2, cmd_dmesg);
