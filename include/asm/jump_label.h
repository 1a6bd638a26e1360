/*
 * Static branches on ARM (as Linux's arch/arm/include/asm/jump_label.h): the branch site
 * is one instruction, a no-op while the key is off and a branch to the unlikely block
 * while it is on, rewritten by arch_static_key_set() (arch/arm/kernel/jump_label.c).
 * Each site records (site, target, key) in the __jump_table section (linker.ld).
 */
#ifndef ASM_JUMP_LABEL_H
#define ASM_JUMP_LABEL_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct static_key {
	int enabled;
};

struct jump_entry {
	unsigned long code;   /* the no-op or branch */
	unsigned long target; /* where the branch goes */
	struct static_key *key;
};

static __always_inline bool arch_static_branch(struct static_key *key)
{
	__asm__ goto("1:\tmov r0, r0\n\t"
		     ".pushsection __jump_table, \"aw\"\n\t"
		     ".word 1b, %l[l_yes], %c0\n\t"
		     ".popsection"
		     :
		     : "i"(key)
		     :
		     : l_yes);
	return false;
l_yes:
	return true;
}

/* Turn @key on or off: rewrite every site of it. Sleeps not; masks interrupts. */
void arch_static_key_set(struct static_key *key, bool on);

#endif
