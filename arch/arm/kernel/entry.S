/*
 * Exception vectors and entry/exit paths. The vector page at 0xffff0000 holds eight
 * "ldr pc, [pc, #24]" slots and, 32 bytes on, the absolute addresses of the handlers
 * below; paging_init() copies __vectors_start..__vectors_end there.
 *
 * Every entry builds a struct pt_regs on the current mode's stack (r0-r12, the
 * interrupted mode's sp and lr, the return pc, the saved cpsr) and calls a C handler
 * with it. The handler may rewrite pc/cpsr/r0/r1 (fault recovery); exit reloads them.
 */
#include <asm/ptrace.h>

	.macro	save_regs, correction
	.if	\correction
	sub	lr, lr, #\correction
	.endif
	sub	sp, sp, #S_SIZE
	stmia	sp, {r0-r12}
	str	lr, [sp, #S_PC]
	mrs	r4, spsr
	str	r4, [sp, #S_PSR]
	/* Peek at the interrupted mode's banked sp/lr (user mode is read through SYS). */
	and	r5, r4, #PSR_MODE_MASK
	cmp	r5, #PSR_USR_MODE
	moveq	r5, #PSR_SYS_MODE
	mrs	r6, cpsr
	bic	r7, r6, #PSR_MODE_MASK
	orr	r7, r7, r5
	orr	r7, r7, #(PSR_I_BIT | PSR_F_BIT)
	msr	cpsr_c, r7
	mov	r8, sp
	mov	r9, lr
	msr	cpsr_c, r6
	and	r7, r6, #PSR_MODE_MASK
	cmp	r5, r7				@ same mode: sp above is our frame
	addeq	r8, sp, #S_SIZE
	str	r8, [sp, #S_SP]
	str	r9, [sp, #S_LR]
	mov	r0, sp
	.endm

	.macro	restore_regs
	ldr	r0, [sp, #S_PSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #S_PC]
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_SIZE
	movs	pc, lr				@ pc = lr, cpsr = spsr
	.endm

	.text
	.arm
	.globl	__und_entry			@ entry-user.S comes here from privileged modes
__und_entry:					@ lr = faulting instruction + 4
	save_regs 4
	bl	do_undefinstr
	restore_regs

	.globl	__swi_entry			@ entry-user.S comes here from privileged modes
__swi_entry:					@ lr = next instruction; same mode (SVC)
	save_regs 0
	bl	do_swi
	restore_regs

	.globl	__pabt_entry			@ entry-user.S comes here from privileged modes
__pabt_entry:					@ lr = faulting instruction + 4
	save_regs 4
	bl	do_prefetch_abort
	restore_regs

	.globl	__dabt_entry			@ entry-user.S comes here from privileged modes
__dabt_entry:					@ lr = faulting instruction + 8
	save_regs 8
	bl	do_data_abort
	restore_regs

	.globl	__irq_entry			@ entry-user.S comes here from privileged modes
__irq_entry:					@ lr = next instruction + 4
	save_regs 4
	bl	handle_irq
	restore_regs

__fiq_entry:
	save_regs 4
	bl	do_bad_vector
	restore_regs

__reset_entry:
	mov	r0, #0
	bl	do_bad_vector
	b	.

	.section ".rodata.vectors", "a"
	.align	5
	.globl	__vectors_start
__vectors_start:
	ldr	pc, [pc, #24]			@ 0x00 reset
	ldr	pc, [pc, #24]			@ 0x04 undefined instruction
	ldr	pc, [pc, #24]			@ 0x08 SWI
	ldr	pc, [pc, #24]			@ 0x0c prefetch abort
	ldr	pc, [pc, #24]			@ 0x10 data abort
	ldr	pc, [pc, #24]			@ 0x14 reserved
	ldr	pc, [pc, #24]			@ 0x18 IRQ (QEMU ignores VE: always here)
	ldr	pc, [pc, #24]			@ 0x1c FIQ
	.word	__reset_entry
	.word	__vector_und			@ entry-user.S: user mode, else __und_entry
	.word	__vector_swi			@ entry-user.S: user mode, else __swi_entry
	.word	__vector_pabt			@ entry-user.S: user mode, else __pabt_entry
	.word	__vector_dabt			@ entry-user.S: user mode, else __dabt_entry
	.word	__reset_entry
	.word	__vector_irq			@ entry-user.S: user mode, else __irq_entry
	.word	__fiq_entry
	.globl	__vectors_end
__vectors_end:
