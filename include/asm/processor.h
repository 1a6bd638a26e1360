/*
 * The user/kernel split and what a task keeps of the CPU: the saved kernel context that
 * __switch_to() swaps, the user address-space limit, and the MMU context (ASID) of an
 * address space.
 *
 * Address space (TTBCR.N = 1): virtual addresses below TASK_SIZE (2 GB) are translated
 * through TTBR0, a per-process 8 KB first-level table that holds only user mappings; every
 * address from TASK_SIZE up goes through TTBR1, swapper_pg_dir, shared by all processes.
 * 0x80000000-0xbfffffff has no kernel mapping, so a user pointer the kernel dereferences
 * by mistake above TASK_SIZE still faults.
 */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#define TASK_SIZE	  0x80000000UL
#define TTBCR_N_USER	  1 /* TTBR0 covers 2^(32 - N) bytes */
#define USER_PGD_ORDER	  1 /* 8 KB: 2048 first-level entries, 8 KB aligned */
#define USER_PTRS_PER_PGD 2048
#define ASID_BITS	  8
#define ASID_MASK	  ((1u << ASID_BITS) - 1)

#ifndef __ASSEMBLER__
#include <kernel/types.h>

/* Callee-saved registers of a task switched out in the kernel (AAPCS: r4-r11, sp, pc). */
struct cpu_context {
	u32 r4, r5, r6, r7, r8, r9, r10, r11;
	u32 sp;
	u32 pc;
};

/*
 * An address space's MMU context: id holds the generation above ASID_BITS and the ASID
 * below; 0 means "never had one".
 */
typedef struct {
	u32 id;
} mm_context_t;

/* Save the running task's callee-saved registers, load another's */
void __switch_to(struct cpu_context *prev, struct cpu_context *next);

/* The first code a new task runs: fn(arg) from r4/r5, then the return to user mode. */
void ret_from_kernel_thread(void);

/* Switch the MMU to the TTBR0/TTBR1 split (TTBCR.N = 1) */
void cpu_init_user_split(void);

/* Load an address space: TTBR0 = @pgd_phys with its ASID */
void check_and_switch_context(mm_context_t *ctx, phys_addr_t pgd_phys);
/* Back to the kernel-only TTBR0 (swapper_pg_dir, ASID 0). IRQs disabled. */
void cpu_switch_to_kernel_mm(void);
/* ASID allocator counters for ps/tests: the current generation, and roll-overs so far. */
u32 asid_generation(void);
unsigned long asid_rollovers(void);

/* Drop the TLB entry of one user page of the address space @asid */
void flush_tlb_user_page(unsigned long va, unsigned int asid);
/* Drop every TLB entry of the address space @asid */
void flush_tlb_user_asid(unsigned int asid);
/* Drop the TLB entries of [start, end) of the address space @asid */
void flush_tlb_user_range(unsigned long start, unsigned long end, unsigned int asid);
/* Make new instructions written through a kernel alias visible: clean D, invalidate I. */
void flush_icache_user_page(void *kaddr);

#endif
#endif
