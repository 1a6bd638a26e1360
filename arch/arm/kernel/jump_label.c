/*
 * Patching static branch sites (include/asm/jump_label.h). The kernel text is mapped
 * read-only (arch/arm/mm/mmu.c), so each instruction is written through a writable
 * alias of its page at the FIX_TEXT_POKE fixmap slot, cleaned to memory, and the
 * instruction cache and branch predictor are invalidated before the new code runs.
 */
#include <asm/barrier.h>
#include <asm/fixmap.h>
#include <asm/irqflags.h>
#include <asm/jump_label.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <kernel/preempt.h>

#define ARM_NOP		0xe1a00000u /* mov r0, r0 */
#define ARM_B(from, to) (0xea000000u | ((((to) - ((from) + 8)) >> 2) & 0x00ffffffu))

extern struct jump_entry __start___jump_table[], __stop___jump_table[];

static const struct pt_attrs text_poke_attrs = { .type = MT_NORMAL, .ro = false, .xn = true };

static void patch_text(unsigned long addr, u32 insn)
{
	unsigned long alias = __fix_to_virt(FIX_TEXT_POKE) + (addr & ~PAGE_MASK);

	__set_fixmap(FIX_TEXT_POKE, __pa(addr & PAGE_MASK), &text_poke_attrs);
	*(volatile u32 *)alias = insn;
	__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" ::"r"(alias) : "memory");
	dsb();
	__set_fixmap(FIX_TEXT_POKE, 0, NULL);
	__asm__ __volatile__("mcr p15, 0, %0, c7, c5, 0\n\t"
			     "mcr p15, 0, %0, c7, c5, 6" ::"r"(0)
			     : "memory");
	isb();
}

/**
 * arch_static_key_set - switch a static key, rewriting each of its branch sites
 * @key: the key
 * @on: true: every site branches to its unlikely block; false: every site is a no-op
 */
void arch_static_key_set(struct static_key *key, bool on)
{
	struct jump_entry *e;
	unsigned long flags;

	local_irq_save(flags);
	key->enabled = on;
	for (e = __start___jump_table; e < __stop___jump_table; e++)
		if (e->key == key)
			patch_text(e->code, on ? ARM_B(e->code, e->target) : ARM_NOP);
	local_irq_restore(flags);
}
