/*
 * Reset entry. Runs at the physical load address with the MMU off: enters SVC mode with
 * interrupts masked, turns off whatever MMU/cache state a loader left, clears BSS, builds
 * the boot translation table (identity map of this code, the PAGE_OFFSET direct map of
 * low memory in 1 MB sections, the console's section), turns on the MMU, caches and branch
 * prediction, and jumps to the link address. paging_init() then makes the permissions exact
 * and removes the identity map.
 */
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <asm/ptrace.h>
#ifdef BOARD_RESET_HOOK
#include <board_reset.h>	/* board/<name>/: board_reset_hook, run before any device access */
#endif

#define PV_DELTA	(PHYS_OFFSET - PAGE_OFFSET)
/* Boot sections: normal WBWA memory (TEX 001 C B), privileged RW, executable. */
#define SECT_MEM	(PMD_TYPE_SECT | PMD_SECT_B | PMD_SECT_C | (1 << PMD_SECT_AP_SHIFT) | \
			 (1 << PMD_SECT_TEX_SHIFT))
/* Boot device section: shared device (B), privileged RW, execute-never. */
#define SECT_DEV	(PMD_TYPE_SECT | PMD_SECT_B | PMD_SECT_XN | (1 << PMD_SECT_AP_SHIFT))
/* Table walks: inner cacheable (C), outer write-back write-allocate (RGN 01). */
#define TTB_FLAGS	0x09

	.section ".head.text", "ax"
	.arm
	.globl	stext
stext:
	cpsid	if, #PSR_SVC_MODE

	/*
	 * A loader (U-Boot "go") may have left caches and MMU on: write back, turn off. It
	 * may also have left vectored interrupts on (SCTLR.VE): every IRQ would then jump to
	 * whatever the VIC's VECTADDR holds instead of our vector at +0x18.
	 */
	mov	r1, #0
	mcr	p15, 0, r1, c7, c14, 0		@ clean+invalidate D-cache
	mcr	p15, 0, r1, c7, c10, 4		@ DSB
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(CR_M | CR_C)
	bic	r0, r0, #CR_I
	bic	r0, r0, #CR_VE
	mcr	p15, 0, r0, c1, c0, 0
	mcr	p15, 0, r1, c7, c5, 0		@ invalidate I-cache
	mcr	p15, 0, r1, c7, c6, 0		@ invalidate D-cache
	mcr	p15, 0, r1, c8, c7, 0		@ invalidate TLBs
	mcr	p15, 0, r1, c7, c5, 4		@ ISB

#ifdef BOARD_RESET_HOOK
	board_reset_hook			@ MMU off: physical device addresses
#endif

	ldr	r5, =PV_DELTA

	/*
	 * Clear BSS through its physical addresses, 32 bytes a store: caches are off here and
	 * BSS holds the log buffer and the task stacks (about 300 KB), so a word loop costs a
	 * third of the boot. linker.ld aligns both ends to 32 bytes.
	 */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_stop
	add	r0, r0, r5
	add	r1, r1, r5
	mov	r2, #0
	mov	r3, #0
	mov	r6, #0
	mov	r7, #0
	mov	r8, #0
	mov	r9, #0
	mov	r10, #0
	mov	r11, #0
1:	cmp	r0, r1
	stmloia	r0!, {r2, r3, r6 - r11}
	blo	1b

	/* r4 = physical address of swapper_pg_dir (16 KB below the kernel, as Linux). */
	ldr	r4, =swapper_pg_dir
	add	r4, r4, r5
	mov	r0, r4
	add	r1, r4, #0x4000
1:	str	r2, [r0], #4
	cmp	r0, r1
	blo	1b

	/* Identity map of the megabyte holding this code, for the jump after MMU-on. */
	ldr	r7, =SECT_MEM
	adr	r0, stext
	mov	r0, r0, lsr #20
	orr	r1, r7, r0, lsl #20
	str	r1, [r4, r0, lsl #2]

	/* Direct map: PAGE_OFFSET + n MB -> PHYS_OFFSET + n MB for all of low memory. */
	ldr	r1, =PHYS_OFFSET
	orr	r1, r1, r7
	add	r2, r4, #((PAGE_OFFSET >> SECTION_SHIFT) << 2)
	mov	r3, #LOWMEM_MB
1:	str	r1, [r2], #4
	add	r1, r1, #SECTION_SIZE
	subs	r3, r3, #1
	bne	1b

	/* The console's megabyte at EARLY_IO_VIRT, until the fixmap takes over. */
	ldr	r1, =EARLY_UART_PHYS
	mov	r1, r1, lsr #SECTION_SHIFT
	mov	r1, r1, lsl #SECTION_SHIFT
	ldr	r0, =SECT_DEV
	orr	r1, r1, r0
	ldr	r0, =(EARLY_IO_VIRT >> SECTION_SHIFT)
	str	r1, [r4, r0, lsl #2]

	/* Caches and TLBs clean, then TTBR0/DACR, then the MMU. */
	mov	r0, #0
	mcr	p15, 0, r0, c7, c7, 0		@ invalidate I+D caches
	mcr	p15, 0, r0, c8, c7, 0		@ invalidate TLBs
	mcr	p15, 0, r0, c7, c10, 4		@ DSB
	mcr	p15, 0, r0, c2, c0, 2		@ TTBCR = 0: TTBR0 translates everything
	orr	r0, r4, #TTB_FLAGS
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0
	mcr	p15, 0, r0, c2, c0, 1		@ TTBR1 (unused with TTBCR.N = 0)
	mov	r0, #DOMAIN_CLIENT
	mcr	p15, 0, r0, c3, c0, 0		@ DACR: domain 0 client
	mrc	p15, 0, r0, c1, c0, 0
	ldr	r1, =(CR_M | CR_C | CR_Z | CR_I | CR_V | CR_XP | CR_U)
	orr	r0, r0, r1
	bic	r0, r0, #CR_A
	bic	r0, r0, #(3 << 8)		@ legacy S/R protection bits off
	ldr	r1, =__mmap_switched
	mov	r2, #0
	mcr	p15, 0, r0, c1, c0, 0		@ MMU on
	mcr	p15, 0, r2, c7, c5, 4		@ ISB: next fetch is translated
	mov	pc, r1				@ to the link (virtual) address
	.ltorg

	.text
__mmap_switched:
	cps	#PSR_IRQ_MODE
	ldr	sp, =irq_stack_top
	cps	#PSR_ABT_MODE
	ldr	sp, =abt_stack_top
	cps	#PSR_UND_MODE
	ldr	sp, =und_stack_top
	cps	#PSR_FIQ_MODE
	ldr	sp, =fiq_stack_top
	cps	#PSR_SVC_MODE
	ldr	sp, =svc_stack_top
	mov	fp, #0
	bl	start_kernel
	b	.

	/* Exception-mode stacks. Only the SVC stack runs normal C code. */
	.section ".bss.stacks", "aw", %nobits
	.align	3
	.globl	svc_stack_base
svc_stack_base:
	.space	16384
	.globl	svc_stack_top
svc_stack_top:
	.globl	irq_stack_base
irq_stack_base:
	.space	8192
	.globl	irq_stack_top
irq_stack_top:
	.space	2048
abt_stack_top:
	.space	2048
und_stack_top:
	.space	512
fiq_stack_top:
