/*
 * init_on_alloc / init_on_free at the shell (mm/init_on.c): `init_on_alloc [0|1]`,
 * `init_on_free [0|1]`; without an argument, the switch's state.
 */
#include <kernel/printk.h>
#include <mm/init_on.h>
#include <shell/shell.h>
#include <string.h>

static int switch_cmd(const char *name, struct static_key *key, void (*set)(bool), int argc,
		      char **argv)
{
	if (argc > 1) {
		if (strcmp(argv[1], "0") && strcmp(argv[1], "1"))
			return shell_error("%s takes 0 or 1, not '%s'", name, argv[1]);
		set(argv[1][0] == '1');
	}
	printk("%s: %d\n", name, static_key_enabled(key) ? 1 : 0);
	return 0;
}

static int cmd_init_on_alloc(int argc, char **argv)
{
	return switch_cmd("init_on_alloc", &init_on_alloc, set_init_on_alloc, argc, argv);
}
SHELL_CMD(init_on_alloc, "[0|1]", "zero pages and slab objects when allocated", 0, 1,
	  cmd_init_on_alloc);

static int cmd_init_on_free(int argc, char **argv)
{
	return switch_cmd("init_on_free", &init_on_free, set_init_on_free, argc, argv);
}
SHELL_CMD(init_on_free, "[0|1]", "zero pages and slab objects when freed", 0, 1, cmd_init_on_free);
