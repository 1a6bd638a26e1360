/*
 * `mempool create|alloc|free|destroy|info`: memory pools driven from the shell. The shell
 * names its pools and keeps the elements each has handed out, so a free of anything else
 * is refused before it reaches the pool, and a pool is destroyed only when all its
 * elements are back.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <shell/complete.h>
#include <shell/ledger.h>
#include <lib/parse.h>
#include <mm/gfp.h>
#include <mm/mempool.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <stdio.h>
#include <string.h>

#define SHELL_MAX_POOLS	   8
#define SHELL_POOL_ELEMS   64
#define SHELL_POOL_NAMELEN 16

enum pool_kind {
	POOL_KMALLOC,
	POOL_SLAB,
	POOL_PAGE
};
static const char *const kind_name[] = { "kmalloc", "slab", "page" };

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

/*
 * How the shell names an element: its address, or for a page pool its pfn, since a
 * highmem page has no address to show.
 */
static unsigned long elem_key(struct shell_pool *sp, void *e)
{
	return sp->kind == POOL_PAGE ? page_to_pfn((struct page *)e) : (unsigned long)e;
}

/* Bytes of an element (kmalloc, slab) or pages (page pool) it spans. */
static unsigned long elem_span(struct shell_pool *sp)
{
	if (sp->kind == POOL_PAGE)
		return 1UL << sp->param;
	if (sp->kind == POOL_SLAB)
		return kmem_cache_size((struct kmem_cache *)sp->param);
	return sp->param;
}

static struct shell_table_entry *elem_containing(struct shell_pool *sp, const struct shell_ref *ref)
{
	unsigned long at = sp->kind == POOL_PAGE ? ref->pfn : ref->addr;
	struct shell_table_entry *e;

	if (!at || at == SHELL_NO_PFN)
		return NULL;
	shell_table_for_each(e, &sp->out)
		if (at >= e->key && at - e->key < elem_span(sp))
			return e;
	return NULL;
}

static bool describe_element(const struct shell_ref *ref, char *buf, unsigned int len)
{
	struct shell_table_entry *e;
	unsigned int i;

	for (i = 0; i < SHELL_MAX_POOLS; i++) {
		if (!pools[i].pool || !(e = elem_containing(&pools[i], ref)))
			continue;
		snprintf(buf, len, "%s 0x%lx of mempool '%s' (mempool free frees it)",
			 pools[i].kind == POOL_PAGE ? "the element at pfn" : "the element at",
			 e->key, pools[i].name);
		return true;
	}
	return false;
}
SHELL_KEEPER(describe_element);

static void print_element(struct shell_pool *sp, const char *what, void *e)
{
	struct page *page = e;

	if (sp->kind != POOL_PAGE) {
		printk("mempool: 0x%08lx %s '%s' (reserve %d/%d)\n", (unsigned long)e, what,
		       sp->name, sp->pool->curr_nr, sp->pool->min_nr);
		return;
	}
	if (PageHighMem(page))
		printk("mempool: pfn 0x%05lx (phys 0x%08x, highmem) %s '%s' (reserve %d/%d)\n",
		       page_to_pfn(page), page_to_phys(page), what, sp->name, sp->pool->curr_nr,
		       sp->pool->min_nr);
	else
		printk("mempool: pfn 0x%05lx (phys 0x%08x, virt 0x%08lx) %s '%s' (reserve %d/%d)\n",
		       page_to_pfn(page), page_to_phys(page), (unsigned long)page_address(page),
		       what, sp->name, sp->pool->curr_nr, sp->pool->min_nr);
}

static int pool_create(int argc, char **argv)
{
	struct shell_pool *sp = NULL;
	struct kmem_cache *cache;
	unsigned int i;
	u32 min_nr, v = 0;

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

	if (argc > 3 && shell_parse_gfp(argv[3], &gfp))
		return -1;
	if (shell_table_is_full(&sp->out))
		return shell_error("the shell's table of %d elements of '%s' is full",
				   SHELL_POOL_ELEMS, sp->name);
	e = mempool_alloc(sp->pool, gfp);
	if (!e)
		return shell_alloc_failed("mempool_alloc('%s') failed: the reserve is empty",
					  sp->name);
	shell_table_add(&sp->out, elem_key(sp, e), (unsigned long)e);
	print_element(sp, "from", e);
	return 0;
}

static int pool_free(struct shell_pool *sp, int argc, char **argv)
{
	struct shell_table_entry *out;
	struct shell_ref ref;
	unsigned long key;
	unsigned int i;
	u32 addr;
	void *e;

	if (sp->kind == POOL_PAGE) {
		if (shell_parse_pfn(argv[3], &key))
			return -1;
		ref = shell_ref_pfn(key);
	} else {
		if (parse_addr(argv[3], &addr))
			return shell_error("bad address '%s'", argv[3]);
		key = addr;
		ref = shell_ref_addr(addr);
	}
	out = shell_table_find(&sp->out, key);
	if (!out) {
		for (i = 0; i < SHELL_MAX_POOLS; i++)
			if (pools[i].pool && &pools[i] != sp && elem_containing(&pools[i], &ref))
				return shell_error("0x%lx is an element of mempool '%s', not '%s'; "
						   "not freed",
						   key, pools[i].name, sp->name);
		if (shell_refuse_foreign(&ref, describe_element, "mempool free"))
			return -1;
		return shell_error("0x%lx is not an element of '%s' handed out here", key,
				   sp->name);
	}
	if (sp->kind == POOL_PAGE && shell_pages_kmapped(key, (unsigned int)sp->param))
		return shell_error("pfn 0x%lx is still kmapped: kunmap it first; not freed", key);
	e = (void *)out->value;
	shell_table_remove(&sp->out, out);
	mempool_free(e, sp->pool);
	print_element(sp, "freed to", e);
	return 0;
}

static void pool_info_line(struct shell_pool *sp)
{
	printk("%-15s %-7s %8lu %6d %7d %5u %6lu\n", sp->name, kind_name[sp->kind],
	       sp->kind == POOL_SLAB ? (unsigned long)kmem_cache_size((void *)sp->param)
				     : sp->param,
	       sp->pool->min_nr, sp->pool->curr_nr, sp->out.nr, sp->pool->waits);
}

static int pool_info(struct shell_pool *sp, int argc, char **argv)
{
	unsigned int i;

	printk("name            kind    size/ord min_nr reserve   out  waits\n");
	if (sp) {
		pool_info_line(sp);
		return 0;
	}
	for (i = 0; i < SHELL_MAX_POOLS; i++)
		if (pools[i].pool)
			pool_info_line(&pools[i]);
	return 0;
}

static int pool_destroy(struct shell_pool *sp, int argc, char **argv)
{
	if (sp->out.nr)
		return shell_error("pool '%s' still has %u element%s out; not destroyed", sp->name,
				   sp->out.nr, sp->out.nr == 1 ? "" : "s");
	mempool_destroy(sp->pool);
	sp->pool = NULL;
	printk("mempool: '%s' destroyed\n", sp->name);
	return 0;
}

/* Subcommands: words after "mempool", and whether the first names an existing pool. */
static const struct {
	const char *name;
	const char *usage;
	int min_args, max_args; /* after the subcommand */
	bool pool_optional;
	int (*fn)(struct shell_pool *sp, int argc, char **argv);
} subcmds[] = {
	{ "create", "<name> <min_nr> kmalloc <size>|slab <cache>|page <order>", 4, 4, false, NULL },
	{ "alloc", "<name> [gfp]", 1, 2, false, pool_alloc },
	{ "free", "<name> <addr> (a page pool: <pfn|addr>)", 2, 2, false, pool_free },
	{ "destroy", "<name>", 1, 1, false, pool_destroy },
	{ "info", "[name]", 0, 1, true, pool_info },
};

static int cmd_mempool(int argc, char **argv)
{
	struct shell_pool *sp = NULL;
	unsigned int i;
	int n = argc - 2;

	for (i = 0; i < ARRAY_SIZE(subcmds); i++)
		if (!strcmp(argv[1], subcmds[i].name))
			break;
	if (i == ARRAY_SIZE(subcmds))
		return shell_error("bad subcommand '%s': create, alloc, free, destroy or info",
				   argv[1]);
	if (n < subcmds[i].min_args || n > subcmds[i].max_args)
		return shell_error("usage: mempool %s %s", subcmds[i].name, subcmds[i].usage);
	if (!subcmds[i].fn)
		return pool_create(argc, argv);
	if (n >= 1) {
		sp = find_pool(argv[2]);
		if (!sp)
			return shell_error("no pool named '%s'", argv[2]);
	}
	return subcmds[i].fn(sp, argc, argv);
}
SHELL_CMD(mempool, "<create|alloc|free|destroy|info> ...",
	  "memory pools: create <name> <min_nr> kmalloc <size>|slab <cache>|page <order>", 1, 6,
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

/* mempool <subcommand> <pool> ..., and create's <kmalloc|slab|page> and slab <cache> */
static void complete_mempool(struct le_completion *c, int argc, const char *const *argv)
{
	unsigned int i;

	if (argc == 1) {
		for (i = 0; i < ARRAY_SIZE(subcmds); i++)
			le_complete_add(c, subcmds[i].name);
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
