/*
 * What the shell has handed out: a fixed-capacity table of (key, value) entries, such as
 * (pfn, order) for a block from `alloc_pages` or (address, kmem_cache) for an object from
 * `cache_alloc`. Commands that free or unmap look their argument up here first, so that
 * nothing the shell did not make is passed to an allocator. The entries in use are kept
 * packed at the front (a removal moves the last entry into the hole), so iteration order
 * says nothing about age.
 */
#ifndef KERNEL_SHELL_TABLE_H
#define KERNEL_SHELL_TABLE_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct shell_table_entry {
	unsigned long key;   /* what commands look the entry up by */
	unsigned long value; /* what the owner needs to undo it (an order, a cache) */
};

struct shell_table {
	struct shell_table_entry *entries;
	unsigned int capacity;
	unsigned int nr; /* entries[0 .. nr - 1] are in use */
};

/* A static table over an array: static struct shell_table t = SHELL_TABLE_INIT(array); */
#define SHELL_TABLE_INIT(array)                                   \
	{                                                         \
		.entries = (array), .capacity = ARRAY_SIZE(array) \
	}

/* Every entry in use. Removing the current entry ends the walk (the last one moves). */
#define shell_table_for_each(e, t) for ((e) = (t)->entries; (e) < (t)->entries + (t)->nr; (e)++)

void shell_table_init(struct shell_table *t, struct shell_table_entry *entries,
		      unsigned int capacity);
struct shell_table_entry *shell_table_add(struct shell_table *t, unsigned long key,
					  unsigned long value);
struct shell_table_entry *shell_table_find(struct shell_table *t, unsigned long key);
void shell_table_remove(struct shell_table *t, struct shell_table_entry *e);

/* True when shell_table_add() would fail: check before making what it would record. */
static inline bool shell_table_is_full(const struct shell_table *t)
{
	return t->nr == t->capacity;
}

/*
 * The ledger across tables: every command group that hands objects out registers a
 * keeper that can say whether an object it holds contains a given address or page
 * frame. A free command that does not find its argument in its own table asks the other
 * keepers before giving up, so that `vfree` of an ioremap, `kfree` of a page block or
 * `free_pages` of a kmalloc object is refused with the right command to use, and nothing
 * reaches an allocator through the wrong API.
 */
#define SHELL_NO_PFN (~0UL)

struct shell_ref {
	unsigned long addr; /* a virtual address, or 0 when the argument was a highmem pfn */
	unsigned long pfn;  /* the page frame of addr, or the pfn typed; SHELL_NO_PFN if none */
};

struct shell_keeper {
	/*
	 * When an object this keeper holds contains @ref, write what it is and how to free
	 * it ("a vmalloc area at 0x…; free it with vfree") into @buf and return true.
	 */
	bool (*describe)(const struct shell_ref *ref, char *buf, unsigned int len);
};

#define SHELL_KEEPER(_fn)                                                           \
	static const struct shell_keeper __shell_keeper_##_fn __used __table_entry( \
		shell_keepers, _fn) = { .describe = _fn }

/* A reference for an address typed at the shell (its pfn when it is in the direct map). */
struct shell_ref shell_ref_addr(unsigned long addr);
/* A reference for a page frame (its direct-map address when it is in low memory). */
struct shell_ref shell_ref_pfn(unsigned long pfn);
/* refuse @ref when another command group holds it */
int shell_refuse_foreign(const struct shell_ref *ref,
			 bool (*self)(const struct shell_ref *, char *, unsigned int),
			 const char *cmd);
/* True when the shell holds a kmap of a page in [pfn, pfn + 2^order) (cmd/page_alloc.c). */
bool shell_pages_kmapped(unsigned long pfn, unsigned int order);
/* True when some keeper holds an object containing @ref; its description in @buf. */
bool shell_ref_held(const struct shell_ref *ref, char *buf, unsigned int len);

#endif
