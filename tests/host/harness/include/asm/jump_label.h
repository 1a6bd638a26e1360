/* Static branches for the host tests: a plain flag test (no code patching). */
#ifndef ASM_JUMP_LABEL_H
#define ASM_JUMP_LABEL_H

#include <kernel/types.h>

struct static_key {
	int enabled;
};

static inline bool arch_static_branch(struct static_key *key)
{
	return key->enabled;
}

static inline void arch_static_key_set(struct static_key *key, bool on)
{
	key->enabled = on;
}

#endif
