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
#define SHELL_TABLE_INIT(array) { .entries = (array), .capacity = ARRAY_SIZE(array) }

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

#endif
