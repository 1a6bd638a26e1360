/*
 * The shell's tables of what it handed out (see <kernel/shell_table.h>). Linear scans:
 * the tables hold at most a few hundred entries and are only touched by typed commands.
 */
#include <kernel/shell_table.h>

/**
 * shell_table_init - make an empty table over caller-provided entries
 * @t: the table
 * @entries: its storage, @capacity entries
 * @capacity: how many entries the table can hold
 */
void shell_table_init(struct shell_table *t, struct shell_table_entry *entries,
		      unsigned int capacity)
{
	t->entries = entries;
	t->capacity = capacity;
	t->nr = 0;
}

/**
 * shell_table_add - record (@key, @value)
 * @t: the table
 * @key: what the entry is looked up by; need not be unique
 * @value: anything the owner wants back with it
 *
 * Return: the new entry, or NULL when the table is full.
 */
struct shell_table_entry *shell_table_add(struct shell_table *t, unsigned long key,
					  unsigned long value)
{
	struct shell_table_entry *e;

	if (shell_table_is_full(t))
		return NULL;
	e = &t->entries[t->nr++];
	e->key = key;
	e->value = value;
	return e;
}

/**
 * shell_table_find - an entry recorded with @key
 * @t: the table
 * @key: the key to look for
 *
 * Return: the entry (the first in table order if several have @key), or NULL.
 */
struct shell_table_entry *shell_table_find(struct shell_table *t, unsigned long key)
{
	struct shell_table_entry *e;

	shell_table_for_each(e, t)
		if (e->key == key)
			return e;
	return NULL;
}

/**
 * shell_table_remove - drop @e from its table
 * @t: the table that holds @e
 * @e: an entry in use, from shell_table_add(), shell_table_find() or iteration
 *
 * The last entry moves into @e's slot: pointers to entries are stale afterwards.
 */
void shell_table_remove(struct shell_table *t, struct shell_table_entry *e)
{
	*e = t->entries[--t->nr];
}
