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

/* The function an address lies in */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize, unsigned long *offset);

/* The address of a function */
unsigned long kallsyms_lookup_name(const char *name);

/* Format a code address as %pS does */
int sprint_symbol(char *buf, unsigned long addr);

/* Format a code address as %ps does: the name alone */
int sprint_symbol_no_offset(char *buf, unsigned long addr);

#endif
