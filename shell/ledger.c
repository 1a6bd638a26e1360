/*
 * The shell's tables of what it handed out (see <shell/ledger.h>). Linear scans:
 * the tables hold at most a few hundred entries and are only touched by typed commands.
 */
#include <shell/shell.h>
#include <shell/ledger.h>
#include <mm/mm.h>

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
	/* The vacated slot keeps no copy of an address: kmemleak would count it. */
	t->entries[t->nr].key = t->entries[t->nr].value = 0;
}

extern const struct shell_keeper table_start(shell_keepers)[], table_end(shell_keepers)[];

/**
 * shell_ref_addr - a ledger reference for an address typed at the shell
 * @addr: the address
 *
 * Return: the reference (with its pfn when @addr is in the direct map).
 */
struct shell_ref shell_ref_addr(unsigned long addr)
{
	struct shell_ref ref = { .addr = addr, .pfn = SHELL_NO_PFN };

	if (virt_addr_valid((void *)addr))
		ref.pfn = virt_to_pfn(addr);
	return ref;
}

/**
 * shell_ref_pfn - a ledger reference for a page frame
 * @pfn: the page frame number
 *
 * Return: the reference (with its direct-map address when the page is low memory).
 */
struct shell_ref shell_ref_pfn(unsigned long pfn)
{
	struct shell_ref ref = { .addr = 0, .pfn = pfn };

	if (pfn_valid(pfn) && !PageHighMem(pfn_to_page(pfn)))
		ref.addr = (unsigned long)page_address(pfn_to_page(pfn));
	return ref;
}

static bool find_keeper(const struct shell_ref *ref,
			bool (*self)(const struct shell_ref *, char *, unsigned int), char *buf,
			unsigned int len)
{
	const struct shell_keeper *k;

	for (k = table_start(shell_keepers); k < table_end(shell_keepers); k++)
		if (k->describe != self && k->describe(ref, buf, len))
			return true;
	return false;
}

/**
 * shell_ref_held - whether some keeper holds an object containing @ref
 * @ref: the reference
 * @buf: receives the holder's description
 * @len: size of @buf
 *
 * Return: true when a keeper holds it.
 */
bool shell_ref_held(const struct shell_ref *ref, char *buf, unsigned int len)
{
	return find_keeper(ref, NULL, buf, len);
}

/**
 * shell_refuse_foreign - refuse @ref when another command group holds it
 * @ref: what the command was given
 * @self: the caller's describe function, which is not asked
 * @cmd: the command, for the message
 *
 * Return: -1 after "error: <cmd>: 0x... is <what>", or 0 when no other keeper holds it.
 */
int shell_refuse_foreign(const struct shell_ref *ref,
			 bool (*self)(const struct shell_ref *, char *, unsigned int),
			 const char *cmd)
{
	char what[96];

	if (!find_keeper(ref, self, what, sizeof(what)))
		return 0;
	if (ref->addr)
		return shell_error("%s: 0x%08lx is in %s; not freed", cmd, ref->addr, what);
	return shell_error("%s: pfn 0x%lx is in %s; not freed", cmd, ref->pfn, what);
}
