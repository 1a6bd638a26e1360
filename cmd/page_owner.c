/*
 * page_owner: the allocation record of every block in use (mm/page_owner.c), in the
 * format of Linux's /sys/kernel/debug/page_owner. Only in `make PAGE_OWNER=1` builds.
 */
#include <kernel/printk.h>
#include <mm/page_owner.h>
#include <shell/shell.h>

static int cmd_page_owner(int argc, char **argv)
{
	if (!page_owner_built_in)
		return shell_error("page_owner is not built in: make PAGE_OWNER=1");
	show_page_owner();
	return 0;
}
SHELL_CMD(page_owner, "",
	  "who allocated each page in use (/sys/kernel/debug/page_owner; make PAGE_OWNER=1)", 0, 0,
	  cmd_page_owner);
