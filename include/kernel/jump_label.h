/*
 * Static keys (as Linux's <linux/jump_label.h>): a switch read on a hot path at the cost
 * of one no-op instruction while it is off. static_branch_unlikely() is the test;
 * static_branch_enable() / static_branch_disable() patch every site.
 */
#ifndef KERNEL_JUMP_LABEL_H
#define KERNEL_JUMP_LABEL_H

#include <asm/jump_label.h>

#define DEFINE_STATIC_KEY_FALSE(name) struct static_key name = { 0 }
#define static_branch_unlikely(key)   arch_static_branch(key)

static inline bool static_key_enabled(const struct static_key *key)
{
	return key->enabled;
}

static inline void static_branch_enable(struct static_key *key)
{
	if (!key->enabled)
		arch_static_key_set(key, true);
}

static inline void static_branch_disable(struct static_key *key)
{
	if (key->enabled)
		arch_static_key_set(key, false);
}

#endif
