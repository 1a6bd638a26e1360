/* `bench [name]`: run the in-target benchmarks (see <kernel/bench.h>). */
#include <kernel/board.h>
#include <kernel/bench.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <shell/complete.h>
#include <string.h>

extern const struct bench __benches_start[], __benches_end[];

static void bench_boot(void)
{
	printk("boot_to_prompt: %lu instructions (under -icount shift=0)\n",
	       (unsigned long)boot_to_prompt_ns);
}
BENCH(boot, "instructions from reset to the first prompt", bench_boot);

static int cmd_bench(int argc, char **argv)
{
	const struct bench *b;
	bool found = false;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		for (b = __benches_start; b < __benches_end; b++)
			printk("  %-16s %s\n", b->name, b->desc);
		return 0;
	}
	for (b = __benches_start; b < __benches_end; b++) {
		if (argc == 2 && strcmp(argv[1], b->name))
			continue;
		found = true;
		if (console_interrupted()) {
			printk("bench: interrupted by Ctrl-C\n");
			return -1;
		}
		b->run();
	}
	if (!found)
		return shell_error("no benchmark '%s' (try 'bench list')", argv[1]);
	return 0;
}
SHELL_CMD(bench, "[name|list]", "run benchmarks (instruction counts under -icount shift=0)", 0, 1,
	  cmd_bench);

/* bench <name|list> */
static void complete_bench(struct le_completion *c, int argc, const char *const *argv)
{
	const struct bench *b;

	if (argc != 1)
		return;
	le_complete_add(c, "list");
	for (b = __benches_start; b < __benches_end; b++)
		le_complete_add(c, b->name);
}
SHELL_COMPLETE(bench, complete_bench);
