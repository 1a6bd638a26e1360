/*
 * kfence at the shell (mm/kfence.c): `kfence` prints Linux's debugfs stats, `kfence
 * objects` the pool's objects, and `kfence every <N>`, `kfence interval <ms>` and
 * `kfence off` choose the sampling.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <lib/parse.h>
#include <mm/kfence.h>
#include <shell/complete.h>
#include <shell/shell.h>
#include <string.h>

#define KFENCE_MAX_ARG 1000000u /* allocations or ms: beyond, sampling is as good as off */

static int kfence_stats(int argc, char **argv)
{
	kfence_show_stats();
	return 0;
}

static int kfence_objects(int argc, char **argv)
{
	kfence_show_objects();
	return 0;
}

static int kfence_number(const char *what, const char *s, u32 *n)
{
	if (parse_u32(s, n) || *n < 1 || *n > KFENCE_MAX_ARG)
		return shell_error("bad %s '%s' (1..%u)", what, s, KFENCE_MAX_ARG);
	return 0;
}

static int kfence_every(int argc, char **argv)
{
	u32 n;

	if (kfence_number("count", argv[2], &n))
		return -1;
	if (kfence_set_sample_every(n))
		return shell_error("kfence: no pool (see the boot log)");
	printk("kfence: sampling every %u slab allocations\n", n);
	return 0;
}

static int kfence_interval(int argc, char **argv)
{
	u32 ms;

	if (kfence_number("interval", argv[2], &ms))
		return -1;
	if (kfence_set_sample_interval(ms))
		return shell_error("kfence: no pool or no tick hook left");
	printk("kfence: one sample every %u ms\n", ms);
	return 0;
}

static int kfence_off(int argc, char **argv)
{
	kfence_disable();
	printk("kfence: sampling off; %lu objects still allocated in the pool\n",
	       kfence_nr_allocated());
	return 0;
}

static const struct shell_subcmd subcmds[] = {
	{ "stats", "", 0, 0, kfence_stats },	{ "objects", "", 0, 0, kfence_objects },
	{ "every", "<N>", 1, 1, kfence_every }, { "interval", "<ms>", 1, 1, kfence_interval },
	{ "off", "", 0, 0, kfence_off },
};

static int cmd_kfence(int argc, char **argv)
{
	if (argc == 1)
		return kfence_stats(argc, argv);
	return shell_run_subcmd(subcmds, ARRAY_SIZE(subcmds), argc, argv);
}
SHELL_CMD(kfence, "[stats | objects | every <N> | interval <ms> | off]",
	  "KFENCE sampling: stats, objects, every Nth slab allocation or one per interval", 0, 2,
	  cmd_kfence);

static void complete_kfence(struct le_completion *c, int argc, const char *const *argv)
{
	unsigned int i;

	if (argc == 1)
		for (i = 0; i < ARRAY_SIZE(subcmds); i++)
			le_complete_add(c, subcmds[i].name);
}
SHELL_COMPLETE(kfence, complete_kfence);
