/*
 * Slab shell commands: slabinfo, kmalloc, kfree, cache_create, cache_alloc, cache_free,
 * cache_destroy, cache_shrink.
 *
 * The shell keeps a table of the objects it allocated (and a short history of those it
 * freed), so a pointer it never handed out is refused with `error: ` before it reaches
 * the allocator. Misuse of its own objects is passed on so that the allocator's own
 * detection answers, but only where that is safe:
 *  - a pointer into the middle of a live object, or a second free of an object that is
 *    still free, goes to kfree_checked() (or, for a debug cache, kmem_cache_free()),
 *    which reports it and changes nothing;
 *  - a write past an object's end (`mw`) is found by the red zone check of a
 *    SLAB_RED_ZONE cache when the object is freed; the object is then freed as usual;
 *  - a second free of an address that has since been handed out again is refused by
 *    the shell: passing it on would free someone else's object.
 */
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <shell/complete.h>
#include <shell/ledger.h>
#include <lib/parse.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/slab_def.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SHELL_MAX_OBJS	 256
#define SHELL_MAX_FREED	 64
#define SHELL_MAX_CACHES 16

/*
 * A recently freed object. Its address is kept bit-inverted: a stale pointer to freed
 * memory would otherwise hide a later leak at that address from kmemleak.
 */
struct shell_obj {
	unsigned long inv_ptr;	  /* ~address; 0: an unused or invalidated slot */
	struct kmem_cache *cache; /* NULL: from kmalloc */
};

static struct shell_table_entry obj_entries[SHELL_MAX_OBJS]; /* address, cache (0: kmalloc) */
static struct shell_table objs = SHELL_TABLE_INIT(obj_entries);
static struct shell_obj freed[SHELL_MAX_FREED]; /* ring of recent frees */
static unsigned int freed_next;
static struct shell_table_entry cache_entries[SHELL_MAX_CACHES]; /* made by cache_create */
static struct shell_table caches = SHELL_TABLE_INIT(cache_entries);

static const struct {
	const char *name;
	unsigned int flag;
} slab_flag_names[] = {
	{ "SLAB_HWCACHE_ALIGN", SLAB_HWCACHE_ALIGN },
	{ "SLAB_CACHE_DMA", SLAB_CACHE_DMA },
	{ "SLAB_PANIC", SLAB_PANIC },
	{ "SLAB_POISON", SLAB_POISON },
	{ "SLAB_RED_ZONE", SLAB_RED_ZONE },
	{ "SLAB_STORE_USER", SLAB_STORE_USER },
	{ "SLAB_RECLAIM_ACCOUNT", SLAB_RECLAIM_ACCOUNT },
};

static int slab_flag_lookup(const char *tok, size_t len, u32 *flag)
{
	unsigned int i;
	char num[12];

	for (i = 0; i < ARRAY_SIZE(slab_flag_names); i++) {
		if (strlen(slab_flag_names[i].name) == len &&
		    !strncasecmp(tok, slab_flag_names[i].name, len)) {
			*flag = slab_flag_names[i].flag;
			return 0;
		}
	}
	if (len >= sizeof(num))
		return -1;
	memcpy(num, tok, len);
	num[len] = '\0';
	if (parse_u32(num, flag) || (*flag & ~SLAB_CREATE_MASK))
		return -1;
	return 0;
}

/* "SLAB_RED_ZONE|SLAB_POISON", case-insensitive, or a number. Return: 0 or -1. */
static int parse_slab_flags(const char *s, unsigned int *out)
{
	return parse_flag_list(s, slab_flag_lookup, out);
}

static struct kmem_cache *obj_cache(const struct shell_table_entry *o)
{
	return (struct kmem_cache *)o->value;
}

/* The live entry whose memory contains @addr (its start or any byte inside). */
static struct shell_table_entry *obj_containing(unsigned long addr)
{
	struct shell_table_entry *o;

	shell_table_for_each(o, &objs) {
		size_t len = obj_cache(o) ? kmem_cache_size(obj_cache(o)) : ksize((void *)o->key);

		if (addr >= o->key && addr - o->key < len)
			return o;
	}
	return NULL;
}

static bool describe_obj(const struct shell_ref *ref, char *buf, unsigned int len)
{
	struct shell_table_entry *o = ref->addr ? obj_containing(ref->addr) : NULL;

	if (!o)
		return false;
	if (obj_cache(o))
		snprintf(buf, len, "the object at 0x%08lx of cache '%s' (cache_free frees it)",
			 o->key, obj_cache(o)->name);
	else
		snprintf(buf, len, "the kmalloc object at 0x%08lx (kfree frees it)", o->key);
	return true;
}
SHELL_KEEPER(describe_obj);

static struct shell_obj *freed_lookup(unsigned long addr)
{
	unsigned int i;

	for (i = 0; i < SHELL_MAX_FREED; i++)
		if (freed[i].inv_ptr && ~freed[i].inv_ptr == addr)
			return &freed[i];
	return NULL;
}

static void forget_freed(const void *ptr)
{
	unsigned int i;

	for (i = 0; i < SHELL_MAX_FREED; i++)
		if (~freed[i].inv_ptr == (unsigned long)ptr)
			freed[i].inv_ptr = 0;
}

static void record(void *ptr, struct kmem_cache *cache)
{
	forget_freed(ptr); /* handed out again: no longer a double-free candidate */
	shell_table_add(&objs, (unsigned long)ptr, (unsigned long)cache);
}

static void retire(struct shell_table_entry *o)
{
	freed[freed_next] = (struct shell_obj){ .inv_ptr = ~o->key, .cache = obj_cache(o) };
	freed_next = (freed_next + 1) % SHELL_MAX_FREED;
	shell_table_remove(&objs, o);
}

static unsigned long errors_of(struct kmem_cache *c)
{
	return c ? c->errors : 0;
}

/*
 * Free @addr on behalf of `kfree` (@cache NULL) or `cache_free`. Return: 0 or -1.
 */
static int shell_free(unsigned long addr, struct kmem_cache *cache)
{
	const char *how = cache ? "cache_free" : "kfree";
	struct kmem_cache *owner;
	struct kmem_cache *from;
	void *p = (void *)addr;
	struct shell_table_entry *o;
	struct shell_obj *old;
	struct shell_ref ref;
	unsigned long before;

	o = obj_containing(addr);
	if (o && o->key == addr) {
		from = obj_cache(o);
		if (from != cache) {
			/* A wrong-API free: refused here, nothing reaches the allocator. */
			return shell_error("0x%08lx came from %s%s%s, not %s%s%s; not freed", addr,
					   from ? "cache '" : "kmalloc", from ? from->name : "",
					   from ? "'" : "", cache ? "cache '" : "kmalloc",
					   cache ? cache->name : "", cache ? "'" : "");
		}
		owner = PageSlab(virt_to_page(p)) ? virt_to_page(p)->slab_cache : NULL;
		before = errors_of(owner);
		if (cache)
			kmem_cache_free(cache, p);
		else
			kfree(p);
		retire(o);
		printk("%s: freed 0x%08lx\n", how, addr);
		if (errors_of(owner) != before)
			return shell_error("the allocator reported a problem with 0x%08lx (see "
					   "above); it was freed",
					   addr);
		return 0;
	}
	if (o) {
		/* Inside one of our live objects: the allocator refuses it, nothing changes. */
		if (cache && (cache->flags & SLAB_DEBUG_FLAGS) && obj_cache(o) == cache)
			kmem_cache_free(cache, p);
		else
			kfree_checked(p);
		return shell_error("0x%08lx is %lu bytes into the object at 0x%08lx; not freed",
				   addr, addr - o->key, o->key);
	}
	ref = shell_ref_addr(addr);
	if (shell_refuse_foreign(&ref, describe_obj, how))
		return -1;
	old = freed_lookup(addr);
	if (old && old->cache == cache) {
		if (!kmem_ptr_is_free(p))
			return shell_error("0x%08lx was freed already and has been handed out "
					   "again since; not freed",
					   addr);
		if (cache && (cache->flags & SLAB_DEBUG_FLAGS))
			kmem_cache_free(cache, p); /* its double-free check answers */
		else
			kfree_checked(p);
		return shell_error("double free of 0x%08lx refused", addr);
	}
	return shell_error("0x%08lx was not allocated by %s%s%s from this shell", addr,
			   cache ? "cache_alloc '" : "kmalloc", cache ? cache->name : "",
			   cache ? "'" : "");
}

SHELL_SHOW_CMD(slabinfo, "slab caches (/proc/slabinfo version 2.1 format)", show_slabinfo);

static int cmd_kmalloc(int argc, char **argv)
{
	gfp_t gfp = GFP_KERNEL;
	void *p;
	u32 size;

	if (parse_size(argv[1], &size))
		return shell_error("bad size '%s'", argv[1]);
	if (size > KMALLOC_MAX_SIZE)
		return shell_error("%u bytes is more than kmalloc's largest, %u", size,
				   KMALLOC_MAX_SIZE);
	if (argc > 2 && shell_parse_gfp(argv[2], &gfp))
		return -1;
	if (shell_table_is_full(&objs))
		return shell_error("the shell's table of %d objects is full: free some first",
				   SHELL_MAX_OBJS);
	p = kmalloc(size, gfp);
	if (!p)
		return shell_alloc_failed("kmalloc(%u) failed", size);
	if (p == ZERO_SIZE_PTR) {
		printk("kmalloc: 0x%08lx (ZERO_SIZE_PTR) size 0\n", (unsigned long)p);
		return 0;
	}
	record(p, NULL);
	if (PageSlab(virt_to_page(p)))
		printk("kmalloc: 0x%08lx size %u from %s\n", (unsigned long)p, size,
		       kmem_cache_name(virt_to_page(p)->slab_cache));
	else
		printk("kmalloc: 0x%08lx size %u from the page allocator (%u bytes)\n",
		       (unsigned long)p, size, (unsigned int)ksize(p));
	return 0;
}
SHELL_CMD(kmalloc, "<size> [gfp]", "kmalloc memory (default GFP_KERNEL)", 1, 2, cmd_kmalloc);

static int cmd_kfree(int argc, char **argv)
{
	u32 addr;

	if (parse_addr(argv[1], &addr))
		return shell_error("bad address '%s'", argv[1]);
	if (addr == (u32)(unsigned long)ZERO_SIZE_PTR) {
		kfree(ZERO_SIZE_PTR);
		printk("kfree: ZERO_SIZE_PTR, nothing to free\n");
		return 0;
	}
	return shell_free(addr, NULL);
}
SHELL_CMD(kfree, "<addr>", "free memory from the kmalloc command", 1, 1, cmd_kfree);

static int find_cache(const char *name, struct kmem_cache **c)
{
	*c = kmem_cache_find(name);
	if (!*c)
		return shell_error("no cache named '%s' (see slabinfo)", name);
	return 0;
}

/**
 * shell_slab_cache_name - a slab cache made by cache_create, for Tab completion
 * @i: which one, from 0
 *
 * Return: the name of the @i-th cache the shell made and has not destroyed, NULL past the
 * last one.
 */
const char *shell_slab_cache_name(unsigned int i)
{
	return i < caches.nr ? kmem_cache_name((struct kmem_cache *)cache_entries[i].key) : NULL;
}

/* The first argument of cache_alloc, cache_free, cache_shrink, cache_destroy. */
static void complete_cache_arg(struct le_completion *c, int argc, const char *const *argv)
{
	if (argc == 1)
		shell_complete_caches(c);
}

static int cmd_cache_create(int argc, char **argv)
{
	unsigned int flags = 0;
	struct kmem_cache *c;
	u32 size, align = 0;

	if (strlen(argv[1]) >= KMEM_CACHE_NAME_LEN)
		return shell_error("cache name '%s' is longer than %d characters", argv[1],
				   KMEM_CACHE_NAME_LEN - 1);
	if (kmem_cache_find(argv[1]))
		return shell_error("a cache named '%s' exists", argv[1]);
	if (parse_size(argv[2], &size) || size < 1 || size > KMALLOC_MAX_CACHE_SIZE)
		return shell_error("bad size '%s': 1 .. %u bytes", argv[2], KMALLOC_MAX_CACHE_SIZE);
	if (argc > 3 && (parse_size(argv[3], &align) || (align & (align - 1)) || align > PAGE_SIZE))
		return shell_error("bad alignment '%s': 0 or a power of two up to %lu", argv[3],
				   PAGE_SIZE);
	if (argc > 4 && parse_slab_flags(argv[4], &flags))
		return shell_error("bad slab flags (SLAB_HWCACHE_ALIGN, SLAB_CACHE_DMA, "
				   "SLAB_POISON, SLAB_RED_ZONE, SLAB_STORE_USER, "
				   "SLAB_RECLAIM_ACCOUNT joined by '|')");
	flags &= ~SLAB_PANIC; /* a typo at the shell should not panic the firmware */
	if (shell_table_is_full(&caches))
		return shell_error("the shell's table of %d caches is full", SHELL_MAX_CACHES);
	c = kmem_cache_create(argv[1], size, align, flags, NULL);
	if (!c)
		return shell_error("kmem_cache_create('%s') failed", argv[1]);
	shell_table_add(&caches, (unsigned long)c, 0);
	printk("cache_create: '%s' object %u, buffer %u, align %u, %u per slab of %u page(s), "
	       "%s-slab, %u colour(s)\n",
	       c->name, c->object_size, c->buffer_size, c->align, c->num, 1u << c->gfporder,
	       c->slabp_cache ? "off" : "on", c->colour);
	return 0;
}
SHELL_CMD(cache_create, "<name> <size> [align] [flags]",
	  "create a slab cache (flags e.g. SLAB_RED_ZONE|SLAB_POISON)", 2, 4, cmd_cache_create);

static int cmd_cache_alloc(int argc, char **argv)
{
	struct kmem_cache *c;
	unsigned long errors;
	gfp_t gfp = GFP_KERNEL;
	void *p;

	if (find_cache(argv[1], &c) || (argc > 2 && shell_parse_gfp(argv[2], &gfp)))
		return -1;
	if (shell_table_is_full(&objs))
		return shell_error("the shell's table of %d objects is full: free some first",
				   SHELL_MAX_OBJS);
	errors = c->errors;
	p = kmem_cache_alloc(c, gfp);
	if (!p)
		return shell_alloc_failed("kmem_cache_alloc('%s') failed", c->name);
	record(p, c);
	printk("cache_alloc: 0x%08lx from '%s' (%u bytes)\n", (unsigned long)p, c->name,
	       c->object_size);
	if (c->errors != errors)
		return shell_error("cache '%s' reported a corrupted object (see above); 0x%08lx "
				   "was allocated",
				   c->name, (unsigned long)p);
	return 0;
}
SHELL_CMD(cache_alloc, "<name> [gfp]", "allocate an object from a slab cache", 1, 2,
	  cmd_cache_alloc);
SHELL_COMPLETE(cache_alloc, complete_cache_arg);

static int cmd_cache_free(int argc, char **argv)
{
	struct kmem_cache *c;
	u32 addr;

	if (find_cache(argv[1], &c))
		return -1;
	if (parse_addr(argv[2], &addr))
		return shell_error("bad address '%s'", argv[2]);
	return shell_free(addr, c);
}
SHELL_CMD(cache_free, "<name> <addr>", "free an object from cache_alloc", 2, 2, cmd_cache_free);
SHELL_COMPLETE(cache_free, complete_cache_arg);

static int cmd_cache_destroy(int argc, char **argv)
{
	struct shell_table_entry *made;
	struct kmem_cache *c;
	unsigned long live;
	unsigned int i;

	if (find_cache(argv[1], &c))
		return -1;
	made = shell_table_find(&caches, (unsigned long)c);
	if (!made)
		return shell_error("cache '%s' was not created by cache_create; not destroyed",
				   c->name);
	live = kmem_cache_active_objs(c);
	if (live)
		return shell_error("cache '%s' still has %lu live object%s; not destroyed", c->name,
				   live, live == 1 ? "" : "s");
	if (kmem_cache_destroy(c))
		return shell_error("kmem_cache_destroy('%s') refused", argv[1]);
	shell_table_remove(&caches, made);
	for (i = 0; i < SHELL_MAX_FREED; i++)
		if (freed[i].cache == c)
			freed[i].inv_ptr = 0;
	printk("cache_destroy: '%s' destroyed\n", argv[1]);
	return 0;
}
SHELL_CMD(cache_destroy, "<name>", "destroy a cache made by cache_create (refused while in use)", 1,
	  1, cmd_cache_destroy);
SHELL_COMPLETE(cache_destroy, complete_cache_arg);

static int cmd_cache_shrink(int argc, char **argv)
{
	struct kmem_cache *c;
	unsigned long pages;

	if (find_cache(argv[1], &c))
		return -1;
	pages = kmem_cache_shrink(c);
	printk("cache_shrink: '%s': %lu page%s returned to the page allocator\n", c->name, pages,
	       pages == 1 ? "" : "s");
	return 0;
}
SHELL_CMD(cache_shrink, "<name>", "give a cache's empty slabs back to the page allocator", 1, 1,
	  cmd_cache_shrink);
SHELL_COMPLETE(cache_shrink, complete_cache_arg);

static int cmd_slub_debug(int argc, char **argv)
{
	struct kmem_cache *c;
	unsigned int flags;
	int err;

	if (slub_debug_parse_flags(argv[1], strlen(argv[1]), &flags))
		return shell_error("bad slub_debug flags '%s': letters F (sanity checks), Z (red "
				   "zones), P (poison), U (user tracking), or - for none",
				   argv[1]);
	if (find_cache(argv[2], &c))
		return -1;
	err = kmem_cache_set_debug(c, flags);
	if (err == -E2BIG)
		return shell_error("cache '%s': %u-byte objects with these flags do not fit in a "
				   "slab of the highest order",
				   c->name, c->object_size);
	if (err)
		return shell_error("cache '%s' still holds %lu allocated object%s: its debug "
				   "flags cannot change",
				   c->name, kmem_cache_active_objs(c),
				   kmem_cache_active_objs(c) == 1 ? "" : "s");
	printk("slub_debug: '%s': flags %s%s%s%s%s, object %u bytes in a %u-byte buffer\n", c->name,
	       c->flags & SLAB_CONSISTENCY_CHECKS ? "F" : "", c->flags & SLAB_RED_ZONE ? "Z" : "",
	       c->flags & SLAB_POISON ? "P" : "", c->flags & SLAB_STORE_USER ? "U" : "",
	       c->flags & SLAB_DEBUG_FLAGS ? "" : "-", c->object_size, c->buffer_size);
	return 0;
}
SHELL_CMD(slub_debug, "<FZPU|-> <cache>", "set a cache's debug flags (it must hold no objects)", 2,
	  2, cmd_slub_debug);

static int cmd_validate(int argc, char **argv)
{
	struct kmem_cache *c;
	unsigned int bad;

	if (find_cache(argv[1], &c))
		return -1;
	if (!(c->flags & (SLAB_RED_ZONE | SLAB_POISON)))
		return shell_error("cache '%s' has neither red zones nor poison to check (see "
				   "slub_debug)",
				   c->name);
	bad = kmem_cache_validate(c);
	if (bad)
		return shell_error("validate: '%s': %u corrupted object%s (reported above)",
				   c->name, bad, bad == 1 ? "" : "s");
	printk("validate: '%s': %lu slab%s checked, no corruption\n", c->name, c->lists.num_slabs,
	       c->lists.num_slabs == 1 ? "" : "s");
	return 0;
}
SHELL_CMD(validate, "<cache>", "check every red zone and poison of a cache", 1, 1, cmd_validate);
