/*
 * `selftest [suite|list]`: run the in-target KTAP suites. A run stopped by Ctrl-C ends with
 * "error: interrupted" after its KTAP output (see kernel/ktap.c).
 */
#include <kernel/printk.h>
#include <shell/shell.h>
#include <shell/complete.h>
#include <kernel/ktap.h>
#include <mm/slab.h>
#include <string.h>

static int cmd_selftest(int argc, char **argv)
{
	bool interrupted;
	int failed;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		ktap_list();
		return 0;
	}
	failed = ktap_run(argc == 2 ? argv[1] : NULL, &interrupted);
	if (failed < 0)
		return shell_error("no test suite '%s' (try 'selftest list')", argv[1]);
	/*
	 * The suites free every object they allocate, but the slabs their kmalloc()s added
	 * stay, empty, in the kmalloc caches. A whole run drops them on the way (the page_alloc,
	 * slab and vmalloc suites call drop_slab()); a single suite or an interrupted run may
	 * not reach those: drop them here, so that slabinfo and the free counts are as before.
	 */
	drop_slab();
	if (interrupted)
		return shell_error("interrupted");
	return failed ? -1 : 0;
}
SHELL_CMD(selftest, "[suite|list]", "run the in-target KTAP test suites", 0, 1, cmd_selftest);

extern const struct ktap_suite __ktap_suites_start[], __ktap_suites_end[];

/* selftest <suite|list> */
static void complete_selftest(struct le_completion *c, int argc, const char *const *argv)
{
	const struct ktap_suite *s;

	if (argc != 1)
		return;
	le_complete_add(c, "list");
	for (s = __ktap_suites_start; s < __ktap_suites_end; s++)
		le_complete_add(c, s->name);
}
SHELL_COMPLETE(selftest, complete_selftest);
