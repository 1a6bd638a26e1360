/*
 * Hooking a function's entry at run time (arch/arm/kernel/patch.c), the mechanism behind
 * the kmem tracepoints (mm/kmem_trace.c): while a hook is off, the function is exactly
 * the code the compiler made, so a disabled event costs nothing at all.
 */
#ifndef ASM_PATCH_H
#define ASM_PATCH_H

#include <kernel/types.h>

/*
 * Enabled, the first instruction of @target becomes a branch to @wrapper (a function of
 * the same type: it is entered with the caller's lr, so its return address is the call
 * site). @wrapper calls the original through @orig: a trampoline of the displaced
 * instruction and a branch back to @target + 4.
 */
struct text_hook {
	void *target;
	void *wrapper;
	void *orig; /* the trampoline, once enable_text_hook() made it; call this */
	u32 saved;  /* the displaced instruction */
	bool on;
};

/* Install @h; 0, or -1 if the first instruction cannot be moved or no slot is left */
int enable_text_hook(struct text_hook *h);
/* Put the original first instruction back */
void disable_text_hook(struct text_hook *h);

#endif
