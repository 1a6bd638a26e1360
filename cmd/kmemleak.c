/*
 * kmemleak: the leak detector (mm/kmemleak.c) driven as Linux's /sys/kernel/debug/kmemleak
 * is - `scan`, `show` (the file's contents), `clear` - plus `test`, a leak planter in the
 * spirit of Linux's samples/kmemleak/kmemleak-test.c, and `test free`, which gives its
 * objects back. Only in `make KMEMLEAK=1` builds; elsewhere the command says so.
 *
 * The planted objects are leaks on purpose, yet the shell must be able to free them
 * (every counter comes back): their addresses are kept bit-inverted, a form the scan
 * cannot follow, and the ledger keeper below decodes them so that `kfree` of one is
 * refused with the right command.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <lib/list.h>
#include <mm/kmemleak.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <shell/complete.h>
#include <shell/ledger.h>
#include <shell/shell.h>
#include <stdio.h>
#include <string.h>

#define TEST_LIST_LEN 4
#define MAX_PLANTED   16

enum planted_kind {
	PLANT_KFREE,
	PLANT_CACHE,
	PLANT_VFREE
};

/* Bit-inverted addresses: to the scan these words point nowhere. */
static struct {
	unsigned long inv_addr;
	unsigned long size;
	enum planted_kind kind;
} planted[MAX_PLANTED];
static unsigned int nr_planted;
static struct kmem_cache *test_cache;

struct test_node {
	struct list_head list;
	unsigned int id;
};

static void plant(const char *what, void *p, size_t size, enum planted_kind kind)
{
	unsigned long start;

	if (!kmemleak_find(p, &start, &size))
		size = 0; /* not tracked: printed as size 0, which no report can match */
	printk("kmemleak: %s = 0x%08lx (size %u)\n", what, (unsigned long)p, (unsigned int)size);
	planted[nr_planted].inv_addr = ~(unsigned long)p;
	planted[nr_planted].size = size;
	planted[nr_planted].kind = kind;
	nr_planted++;
}

/* A linked list whose every node is reachable only from its head, which is dropped. */
static bool plant_list(void)
{
	struct test_node *head = NULL, *node;
	unsigned int i;

	for (i = 0; i < TEST_LIST_LEN; i++) {
		node = kzalloc(sizeof(*node), GFP_KERNEL);
		if (!node)
			return false;
		node->id = i;
		if (head)
			list_add_tail(&node->list, &head->list);
		else
			INIT_LIST_HEAD(&(head = node)->list);
		plant(i ? "kzalloc(sizeof(*node))" : "kzalloc(sizeof(*head))", node, 0,
		      PLANT_KFREE);
	}
	return true;
}

/* Allocate every kind of block kmemleak tracks and lose the references to them. */
static __noinline bool plant_leaks(void)
{
	void *p, *q, *bulk[2];

	test_cache = kmem_cache_create("kmemleak_test", 96, 0, 0, NULL);
	if (!test_cache)
		return false;
	if (!(p = kmalloc(32, GFP_KERNEL)))
		return false;
	plant("kmalloc(32)", p, 0, PLANT_KFREE);
	if (!(p = kzalloc(1024, GFP_KERNEL)))
		return false;
	plant("kzalloc(1024)", p, 0, PLANT_KFREE);
	if (!(p = kmalloc(2 * KMALLOC_MAX_CACHE_SIZE, GFP_KERNEL)))
		return false;
	plant("kmalloc(262144)", p, 0, PLANT_KFREE);
	if (!(p = kmalloc(64, GFP_KERNEL)))
		return false;
	q = krealloc(p, 300, GFP_KERNEL);
	if (!q) {
		kfree(p);
		return false;
	}
	p = q;
	plant("krealloc(kmalloc(64), 300)", p, 0, PLANT_KFREE);
	if (!(p = kmem_cache_alloc(test_cache, GFP_KERNEL)))
		return false;
	plant("kmem_cache_alloc(kmemleak_test)", p, 0, PLANT_CACHE);
	if (!kmem_cache_alloc_bulk(test_cache, GFP_KERNEL, 2, bulk))
		return false;
	plant("kmem_cache_alloc_bulk(kmemleak_test)[0]", bulk[0], 0, PLANT_CACHE);
	plant("kmem_cache_alloc_bulk(kmemleak_test)[1]", bulk[1], 0, PLANT_CACHE);
	if (!(p = vmalloc(64)))
		return false;
	plant("vmalloc(64)", p, 0, PLANT_VFREE);
	if (!(p = vzalloc(3 * PAGE_SIZE + 1)))
		return false;
	plant("vzalloc(12289)", p, 0, PLANT_VFREE);
	return plant_list();
}

/*
 * Overwrite the dead stack below the caller: the planter's frames held the addresses in
 * clear, and a later scan could count a copy left in a slot a live frame reuses.
 */
static __noinline void scrub_stack(void)
{
	volatile unsigned long words[256];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		words[i] = 0;
}

static void free_planted(void)
{
	while (nr_planted) {
		void *p = (void *)~planted[--nr_planted].inv_addr;

		if (planted[nr_planted].kind == PLANT_VFREE)
			vfree(p);
		else if (planted[nr_planted].kind == PLANT_CACHE)
			kmem_cache_free(test_cache, p);
		else
			kfree(p);
		planted[nr_planted].inv_addr = 0;
	}
	if (test_cache && !kmem_cache_destroy(test_cache))
		test_cache = NULL;
}

static int kmemleak_test(int argc, char **argv)
{
	bool ok;

	if (argc == 3) {
		if (strcmp(argv[2], "free"))
			return shell_error("kmemleak test: '%s' is not 'free'", argv[2]);
		if (!nr_planted && !test_cache)
			return shell_error("kmemleak test free: nothing planted");
		printk("kmemleak: freeing %u planted objects\n", nr_planted);
		free_planted();
		return 0;
	}
	if (nr_planted || test_cache)
		return shell_error("kmemleak test: %u leaks are planted; kmemleak test free first",
				   nr_planted);
	ok = plant_leaks();
	scrub_stack();
	if (!ok) {
		free_planted();
		return shell_alloc_failed("kmemleak test: out of memory; nothing planted");
	}
	printk("kmemleak: %u objects leaked on purpose; reported by a scan after %lu ms\n",
	       nr_planted, kmemleak_min_age() * 1000 / HZ);
	return 0;
}

static int kmemleak_scan_cmd(int argc, char **argv)
{
	int n = kmemleak_scan();

	if (n < 0)
		return shell_error("kmemleak scan: interrupted, nothing reported");
	if (!n)
		printk("kmemleak: no new suspected memory leaks\n");
	return 0;
}

static int kmemleak_show_cmd(int argc, char **argv)
{
	kmemleak_show();
	return 0;
}

static int kmemleak_clear_cmd(int argc, char **argv)
{
	printk("kmemleak: %u reported leaks forgotten\n", kmemleak_clear());
	return 0;
}

static const struct shell_subcmd subcmds[] = {
	{ "scan", "", 0, 0, kmemleak_scan_cmd },
	{ "show", "", 0, 0, kmemleak_show_cmd },
	{ "clear", "", 0, 0, kmemleak_clear_cmd },
	{ "test", "[free]", 0, 1, kmemleak_test },
};

static int cmd_kmemleak(int argc, char **argv)
{
	if (!kmemleak_built_in)
		return shell_error("kmemleak is not built in (make KMEMLEAK=1)");
	return shell_run_subcmd(subcmds, ARRAY_SIZE(subcmds), argc, argv);
}
SHELL_CMD(kmemleak, "scan | show | clear | test [free]",
	  "leak detector (/sys/kernel/debug/kmemleak; make KMEMLEAK=1): test plants leaks, "
	  "test free frees them",
	  1, 2, cmd_kmemleak);

static void complete_kmemleak(struct le_completion *c, int argc, const char *const *argv)
{
	static const char *const ops[] = { "scan", "show", "clear", "test", NULL };
	static const char *const test_ops[] = { "free", NULL };

	if (argc == 1)
		shell_complete_words(c, ops);
	else if (argc == 2 && !strcmp(argv[1], "test"))
		shell_complete_words(c, test_ops);
}
SHELL_COMPLETE(kmemleak, complete_kmemleak);

/* The ledger: a planted object is the planter's to free. */
static bool describe_planted(const struct shell_ref *ref, char *buf, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < nr_planted; i++) {
		unsigned long start = ~planted[i].inv_addr;

		if (ref->addr >= start && ref->addr - start < max(planted[i].size, 1UL)) {
			snprintf(buf, len,
				 "a leak planted by kmemleak test at 0x%08lx "
				 "(kmemleak test free frees it)",
				 start);
			return true;
		}
	}
	return false;
}
SHELL_KEEPER(describe_planted);
