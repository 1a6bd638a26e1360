/*
 * `mempool create|alloc|free|destroy|info`: memory pools driven from the shell. The shell
 * names its pools and keeps the elements each has handed out, so a free of anything else
 * is refused before it reaches the pool, and a pool is destroyed only when all its
 * elements are back.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/shell.h>
#include <kernel/shell_complete.h>
#include <kernel/shell_table.h>
#include <lib/parse.h>
#include <mm/gfp.h>
#include <mm/mempool.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <string.h>

#define SHELL_MAX_POOLS	   8
#define SHELL_POOL_ELEMS   64
#define SHELL_POOL_NAMELEN 16

enum pool_kind { POOL_KMALLOC, POOL_SLAB, POOL_PAGE };
static const char *const kind_name[] = {"kmalloc", "slab", "page"};

struct shell_pool {
	char name[SHELL_POOL_NAMELEN];
	mempool_t *pool;
	enum pool_kind kind;
	unsigned long param;	/* size, order, or the kmem_cache */
	struct shell_table out; /* elements handed out: shown address, element */
	struct shell_table_entry out_entries[SHELL_POOL_ELEMS];
};

static struct shell_pool pools[SHELL_MAX_POOLS];

static struct shell_pool *find_pool(const char *name)
{
	unsigned int i;

	for (i = 0; i < SHELL_MAX_POOLS; i++)
		if (pools[i].pool && !strcmp(pools[i].name, name))
			return &pools[i];
	return NULL;
}

/* What the shell shows for an element: its address (a page pool's: the page's). */
static unsigned long elem_addr(struct shell_pool *sp, void *e)
{
	return sp->kind == POOL_PAGE ? (unsigned long)page_address(e) : (unsigned long)e;
}

static int pool_create(int argc, char **argv)
{
	struct shell_pool *sp = NULL;
	struct kmem_cache *cache;
	unsigned int i;
	u32 min_nr, v = 0;

	if (argc != 6)
		return shell_error("usage: mempool create <name> <min_nr> <kmalloc <size>|slab "
				   "<cache>|page <order>>");
	if (strlen(argv[2]) >= SHELL_POOL_NAMELEN)
		return shell_error("pool name '%s' is longer than %d characters", argv[2],
				   SHELL_POOL_NAMELEN - 1);
	if (find_pool(argv[2]))
		return shell_error("a pool named '%s' exists", argv[2]);
	if (parse_u32(argv[3], &min_nr) || min_nr < 1 || min_nr > SHELL_POOL_ELEMS)
		return shell_error("bad min_nr '%s': 1 .. %d", argv[3], SHELL_POOL_ELEMS);
	for (i = 0; i < SHELL_MAX_POOLS && !sp; i++)
		if (!pools[i].pool)
			sp = &pools[i];
	if (!sp)
		return shell_error("the shell's table of %d pools is full", SHELL_MAX_POOLS);
	if (!strcmp(argv[4], "kmalloc")) {
		if (parse_size(argv[5], &v) || v < 1 || v > KMALLOC_MAX_SIZE)
			return shell_error("bad size '%s'", argv[5]);
		sp->kind = POOL_KMALLOC;
		sp->param = v;
		sp->pool = mempool_create_kmalloc_pool((int)min_nr, v);
	} else if (!strcmp(argv[4], "slab")) {
		cache = kmem_cache_find(argv[5]);
		if (!cache)
			return shell_error("no cache named '%s'", argv[5]);
		sp->kind = POOL_SLAB;
		sp->param = (unsigned long)cache;
		sp->pool = mempool_create_slab_pool((int)min_nr, cache);
	} else if (!strcmp(argv[4], "page")) {
		if (parse_u32(argv[5], &v) || v >= MAX_ORDER)
			return shell_error("bad order '%s': 0 .. %d", argv[5], MAX_ORDER - 1);
		sp->kind = POOL_PAGE;
		sp->param = v;
		sp->pool = mempool_create_page_pool((int)min_nr, v);
	} else {
		return shell_error("bad pool kind '%s': kmalloc, slab or page", argv[4]);
	}
	if (!sp->pool)
		return shell_error("mempool_create failed");
	strcpy(sp->name, argv[2]);
	shell_table_init(&sp->out, sp->out_entries, SHELL_POOL_ELEMS);
	printk("mempool: '%s' created: %s, %u elements in reserve\n", sp->name, kind_name[sp->kind],
	       min_nr);
	return 0;
}

static int pool_alloc(struct shell_pool *sp, int argc, char **argv)
{
	gfp_t gfp = GFP_KERNEL;
	void *e;

	if (argc > 3 && gfp_parse(argv[3], &gfp))
		return shell_error("bad gfp flags '%s'", argv[3]);
	if (shell_table_is_full(&sp->out))
		return shell_error("the shell's table of %d elements of '%s' is full",
				   SHELL_POOL_ELEMS, sp->name);
	e = mempool_alloc(sp->pool, gfp);
	if (!e)
		return shell_error("mempool_alloc('%s') failed: the reserve is empty", sp->name);
	shell_table_add(&sp->out, elem_addr(sp, e), (unsigned long)e);
	printk("mempool: 0x%08lx from '%s' (reserve %d/%d)\n", elem_addr(sp, e), sp->name,
	       sp->pool->curr_nr, sp->pool->min_nr);
	return 0;
}

static int pool_free(struct shell_pool *sp, int argc, char **argv)
{
	struct shell_table_entry *out;
	u32 addr;

	if (argc != 4 || parse_addr(argv[3], &addr))
		return shell_error("usage: mempool free <name> <addr>");
	out = shell_table_find(&sp->out, addr);
	if (!out)
		return shell_error("0x%08x is not an element of '%s' handed out here", addr,
				   sp->name);
	mempool_free((void *)out->value, sp->pool);
	shell_table_remove(&sp->out, out);
	printk("mempool: 0x%08x freed to '%s' (reserve %d/%d)\n", addr, sp->name, sp->pool->curr_nr,
	       sp->pool->min_nr);
	return 0;
}

static void pool_info(struct shell_pool *sp)
{
	printk("%-15s %-7s %8lu %6d %7d %5u %6lu\n", sp->name, kind_name[sp->kind],
	       sp->kind == POOL_SLAB ? (unsigned long)kmem_cache_size((void *)sp->param)
				     : sp->param,
	       sp->pool->min_nr, sp->pool->curr_nr, sp->out.nr, sp->pool->waits);
}

static int cmd_mempool(int argc, char **argv)
{
	struct shell_pool *sp;
	unsigned int i;

	if (!strcmp(argv[1], "create"))
		return pool_create(argc, argv);
	if (!strcmp(argv[1], "info") && argc == 2) {
		printk("name            kind    size/ord min_nr reserve   out  waits\n");
		for (i = 0; i < SHELL_MAX_POOLS; i++)
			if (pools[i].pool)
				pool_info(&pools[i]);
		return 0;
	}
	if (strcmp(argv[1], "alloc") && strcmp(argv[1], "free") && strcmp(argv[1], "destroy") &&
	    strcmp(argv[1], "info"))
		return shell_error("bad subcommand '%s': create, alloc, free, destroy or info",
				   argv[1]);
	if (argc < 3)
		return shell_error("usage: mempool %s <name>", argv[1]);
	sp = find_pool(argv[2]);
	if (!sp)
		return shell_error("no pool named '%s'", argv[2]);
	if (!strcmp(argv[1], "alloc"))
		return pool_alloc(sp, argc, argv);
	if (!strcmp(argv[1], "free"))
		return pool_free(sp, argc, argv);
	if (!strcmp(argv[1], "info")) {
		printk("name            kind    size/ord min_nr reserve   out  waits\n");
		pool_info(sp);
		return 0;
	}
	if (sp->out.nr)
		return shell_error("pool '%s' still has %u element%s out; not destroyed", sp->name,
				   sp->out.nr, sp->out.nr == 1 ? "" : "s");
	mempool_destroy(sp->pool);
	sp->pool = NULL;
	printk("mempool: '%s' destroyed\n", argv[2]);
	return 0;
}
SHELL_CMD(mempool, "<create|alloc|free|destroy|info> ...",
	  "memory pools: create <name> <min_nr> kmalloc <size>|slab <cache>|page <order>", 1, 5,
	  cmd_mempool);

/**
 * shell_mempool_name - a pool made by `mempool create`, for Tab completion
 * @i: which one, from 0
 *
 * Return: the name of the @i-th pool the shell made and has not destroyed, NULL past the
 * last one.
 */
const char *shell_mempool_name(unsigned int i)
{
	unsigned int k;

	for (k = 0; k < SHELL_MAX_POOLS; k++)
		if (pools[k].pool && i-- == 0)
			return pools[k].name;
	return NULL;
}

static const char *const mempool_subcmds[] = {"create", "alloc", "free", "destroy", "info", NULL};

/* mempool <subcommand> <pool> ..., and create's <kmalloc|slab|page> and slab <cache> */
static void complete_mempool(struct le_completion *c, int argc, const char *const *argv)
{
	unsigned int i;

	if (argc == 1) {
		shell_complete_words(c, mempool_subcmds);
	} else if (argc == 2 && strcmp(argv[1], "create")) {
		shell_complete_pools(c);
	} else if (argc == 4 && !strcmp(argv[1], "create")) {
		for (i = 0; i < ARRAY_SIZE(kind_name); i++)
			le_complete_add(c, kind_name[i]);
	} else if (argc == 5 && !strcmp(argv[1], "create") && !strcmp(argv[4], "slab")) {
		shell_complete_caches(c);
	}
}
SHELL_COMPLETE(mempool, complete_mempool);
