/*
 * Writing kernel text: the image's text is mapped read-only (arch/arm/mm/mmu.c), so a
 * word is written with domain 0 switched to manager access for the one store (ARMv6
 * domains: no permission check), interrupts masked, then the data cache line cleaned and
 * the instruction cache and branch predictor invalidated so the CPU fetches the new word.
 *
 * Function-entry hooks (include/asm/patch.h) build on it. A trampoline slot lives in
 * .text (executable, written the same way) and holds the displaced first instruction
 * and a branch back; only an instruction that does not read or write pc may be moved.
 */
#include <asm/irqflags.h>
#include <kernel/preempt.h>
#include <asm/patch.h>
#include <kernel/printk.h>

#define HOOK_SLOTS 32

/* Two words per slot: the displaced instruction, a branch back. */
__asm__(".pushsection .text\n"
	".align 3\n"
	".global text_hook_slots\n"
	"text_hook_slots:\n"
	".rept 3 * 32\n"
	"	udf #0\n"
	".endr\n"
	".popsection\n");
extern u32 text_hook_slots[3 * HOOK_SLOTS]; /* insn, branch back, literal */
static unsigned int slots_used;

static void patch_text_word(u32 *addr, u32 insn)
{
	unsigned long flags;
	u32 dacr;

	local_irq_save(flags);
	__asm__ __volatile__("mrc p15, 0, %0, c3, c0, 0" : "=r"(dacr));
	__asm__ __volatile__("mcr p15, 0, %0, c3, c0, 0\n\t"
			     "mcr p15, 0, %1, c7, c5, 4" ::"r"(dacr | 3),
			     "r"(0)
			     : "memory");
	*(volatile u32 *)addr = insn;
	__asm__ __volatile__("mcr p15, 0, %0, c3, c0, 0\n\t"
			     "mcr p15, 0, %1, c7, c10, 1\n\t" /* clean the D-cache line */
			     "mcr p15, 0, %2, c7, c10, 4\n\t" /* drain the write buffer */
			     "mcr p15, 0, %1, c7, c5, 1\n\t"  /* invalidate the I-cache line */
			     "mcr p15, 0, %2, c7, c5, 6\n\t"  /* flush the branch predictor */
			     "mcr p15, 0, %2, c7, c5, 4"      /* flush the prefetch buffer */
			     ::"r"(dacr),
			     "r"(addr), "r"(0)
			     : "memory");
	local_irq_restore(flags);
}

/* An unconditional B from @from to @to. */
static u32 branch_insn(const void *from, const void *to)
{
	long off = ((long)to - ((long)from + 8)) >> 2;

	return 0xea000000u | ((u32)off & 0x00ffffffu);
}

/*
 * A literal load, "ldr rt, [pc, #+-imm12]" (rt not pc): GCC often starts a function with
 * one. It moves if the word it loads moves with it: the literal pool is read-only, so the
 * trampoline keeps a copy of the word and loads it from there.
 */
static bool insn_is_literal_load(u32 insn)
{
	return (insn & 0xff7f0000u) == 0xe51f0000u && ((insn >> 12) & 0xf) != 15;
}

static u32 literal_of(const u32 *at, u32 insn)
{
	unsigned long base = (unsigned long)at + 8, imm = insn & 0xfffu;

	return *(const u32 *)((insn & (1u << 23)) ? base + imm : base - imm);
}

/*
 * May @insn run at another address? Conditional-always, not a branch, and pc in none of
 * the register fields (a push, stmdb sp!, may list lr but not pc).
 */
static bool insn_relocatable(u32 insn)
{
	if ((insn >> 28) != 0xe || ((insn >> 25) & 7) == 5)
		return false;
	if ((insn & 0xffff0000u) == 0xe92d0000u) /* push {...} */
		return !(insn & (1u << 15));
	return ((insn >> 16) & 0xf) != 15 && ((insn >> 12) & 0xf) != 15 && (insn & 0xf) != 15;
}

/**
 * enable_text_hook - branch a function's entry to a wrapper
 * @h: target and wrapper set; on success @h->orig calls the original function
 * Return: 0, or -1 (reported) when the first instruction cannot be moved or the
 * trampoline slots are used up.
 */
int enable_text_hook(struct text_hook *h)
{
	u32 *target = h->target;

	if (h->on)
		return 0;
	if (!h->orig) {
		u32 *slot;

		if (!insn_relocatable(*target) && !insn_is_literal_load(*target)) {
			pr_err("patch: %pS starts with %08x, which cannot be moved\n",
			       (void *)target, *target);
			return -1;
		}
		if (slots_used == HOOK_SLOTS) {
			pr_err("patch: no trampoline slot left for %pS\n", (void *)target);
			return -1;
		}
		slot = &text_hook_slots[3 * slots_used++];
		h->saved = *target;
		if (insn_is_literal_load(h->saved)) {
			/* ldr rt, [pc, #0]: at slot[0], pc reads as slot[2], the copied word. */
			patch_text_word(&slot[2], literal_of(target, h->saved));
			patch_text_word(&slot[0], 0xe59f0000u | (h->saved & 0xf000u));
		} else {
			patch_text_word(&slot[0], h->saved);
		}
		patch_text_word(&slot[1], branch_insn(&slot[1], target + 1));
		h->orig = slot;
	}
	patch_text_word(target, branch_insn(target, h->wrapper));
	h->on = true;
	return 0;
}

/**
 * disable_text_hook - restore a hooked function's first instruction
 * @h: a hook; one that is off is left alone
 */
void disable_text_hook(struct text_hook *h)
{
	if (!h->on)
		return;
	patch_text_word(h->target, h->saved);
	h->on = false;
}
