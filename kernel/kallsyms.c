/*
 * kallsyms: look code addresses up in the symbol table the link builds into the image
 * (scripts/kallsyms.py describes the four arrays). The addresses are sorted, so a
 * lookup is a binary search for the last symbol at or below the address; a symbol's size
 * runs to the next symbol, or to _etext for the last one, as Linux reports it.
 */
#include <kernel/kallsyms.h>
#include <stdio.h>
#include <string.h>

extern const unsigned int kallsyms_num_syms;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_name_offsets[];
extern const char kallsyms_names[];
extern char _stext[], _etext[];

/**
 * kallsyms_lookup - the function an address lies in
 * @addr: a code address
 * @symbolsize: set to the function's size (up to the next symbol), may be NULL
 * @offset: set to @addr's offset in the function, may be NULL
 *
 * Return: the function's name, or NULL when @addr is outside the firmware's text.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize, unsigned long *offset)
{
	unsigned int lo = 0, hi = kallsyms_num_syms, mid;
	unsigned long end;

	if (hi == 0 || addr < kallsyms_addresses[0] || addr >= (unsigned long)_etext)
		return NULL;
	/* Invariant: kallsyms_addresses[lo] <= addr, and every index >= hi is above it. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	end = lo + 1 < kallsyms_num_syms ? kallsyms_addresses[lo + 1] : (unsigned long)_etext;
	if (symbolsize)
		*symbolsize = end - kallsyms_addresses[lo];
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_name_offsets[lo];
}

/**
 * kallsyms_lookup_name - the address of a function
 * @name: its name
 *
 * Return: the address, or 0 when the table has no such function.
 */
unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < kallsyms_num_syms; i++)
		if (!strcmp(kallsyms_names + kallsyms_name_offsets[i], name))
			return kallsyms_addresses[i];
	return 0;
}

static int format_symbol(char *buf, unsigned long addr, bool with_offset)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup(addr, &size, &offset);

	if (!name)
		return snprintf(buf, KSYM_SYMBOL_LEN, "0x%08lx", addr);
	if (!with_offset)
		return snprintf(buf, KSYM_SYMBOL_LEN, "%.*s", KSYM_NAME_LEN - 1, name);
	return snprintf(buf, KSYM_SYMBOL_LEN, "%.*s+0x%lx/0x%lx", KSYM_NAME_LEN - 1, name, offset,
			size);
}

/**
 * sprint_symbol - format a code address as %pS does
 * @buf: at least KSYM_SYMBOL_LEN bytes
 * @addr: the address
 *
 * "name+0xoff/0xsize", or "0x%08lx" when no function holds @addr.
 * Return: the length written, without the NUL.
 */
int sprint_symbol(char *buf, unsigned long addr)
{
	return format_symbol(buf, addr, true);
}

/**
 * sprint_symbol_no_offset - format a code address as %ps does: the name alone
 * @buf: at least KSYM_SYMBOL_LEN bytes
 * @addr: the address
 *
 * Return: the length written, without the NUL.
 */
int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	return format_symbol(buf, addr, false);
}
