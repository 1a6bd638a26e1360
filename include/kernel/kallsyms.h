/*
 * kallsyms: the firmware's own symbol table, built into the image at link time
 * (scripts/link-firmware.sh, scripts/kallsyms.py), so that code addresses print as
 * Linux's %pS does: "function+0xoffset/0xsize".
 */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include <kernel/types.h>

#define KSYM_NAME_LEN 128
/* Room for "name+0xoffset/0xsize" and a NUL. */
#define KSYM_SYMBOL_LEN (KSYM_NAME_LEN + 24)

/**
 * kallsyms_lookup - the function an address lies in
 * @addr: a code address
 * @symbolsize: set to the function's size (up to the next symbol), may be NULL
 * @offset: set to @addr's offset in the function, may be NULL
 *
 * Return: the function's name, or NULL when @addr is outside the firmware's text.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize, unsigned long *offset);

/**
 * kallsyms_lookup_name - the address of a function
 * @name: its name
 *
 * Return: the address, or 0 when the table has no such function.
 */
unsigned long kallsyms_lookup_name(const char *name);

/**
 * sprint_symbol - format a code address as %pS does
 * @buf: at least KSYM_SYMBOL_LEN bytes
 * @addr: the address
 *
 * "name+0xoff/0xsize", or "0x%08lx" when no function holds @addr.
 * Return: the length written, without the NUL.
 */
int sprint_symbol(char *buf, unsigned long addr);

/**
 * sprint_symbol_no_offset - format a code address as %ps does: the name alone
 * @buf: at least KSYM_SYMBOL_LEN bytes
 * @addr: the address
 *
 * Return: the length written, without the NUL.
 */
int sprint_symbol_no_offset(char *buf, unsigned long addr);

#endif
