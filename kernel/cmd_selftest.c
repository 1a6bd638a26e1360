/* `selftest [suite|list]`: run the in-target KTAP suites. */
#include <kernel/printk.h>
#include <kernel/shell.h>
#include <kernel/shell_complete.h>
#include <lib/ktap.h>
#include <string.h>

static int cmd_selftest(int argc, char **argv)
{
	int failed;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		ktap_list();
		return 0;
	}
	failed = ktap_run(argc == 2 ? argv[1] : NULL);
	if (failed < 0)
		return shell_error("no test suite '%s' (try 'selftest list')", argv[1]);
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
