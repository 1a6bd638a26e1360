/*
 * Exceptions taken from user mode, the return to user mode, and the task switch.
 *
 * The vector page (arch/arm/kernel/entry.S) enters here first for SWI, aborts,
 * undefined instructions and IRQs; an exception taken from a privileged mode goes on to
 * entry.S's own path unchanged. One taken from user mode is moved to SVC mode at once
 * (Linux's vector_stub): r0, the return pc and the spsr are parked just below the
 * exception mode's sp, SVC mode builds struct pt_regs at the top of the task's kernel
 * stack, and the C handler runs there. So a process's whole kernel life - system calls,
 * faults, interrupts, being preempted or killed - happens on its own kernel stack, and
 * __switch_to() only swaps callee-saved registers.
 *
 * Invariant: while a task runs in user mode, sp_svc is the top of its kernel stack.
 */
#include <asm/ptrace.h>

	.text
	.arm

	/* From a privileged mode: the kernel path; from user mode: \user. */
	.macro	dispatch, kernel, user
	str	r0, [sp, #-4]			@ scratch below sp: IRQs are masked on entry
	mrs	r0, spsr
	tst	r0, #0xf			@ USR is 0x10, the only mode with [3:0] = 0
	ldr	r0, [sp, #-4]
	bne	\kernel
	b	\user
	.endm

	/* In an exception mode, from user: park r0, pc, spsr below sp; go to \svc_handler. */
	.macro	usr_stub, correction, svc_handler
	sub	lr, lr, #\correction
	stmdb	sp, {r0, lr}			@ [sp - 8] = r0, [sp - 4] = return pc
	mrs	lr, spsr
	str	lr, [sp, #-12]			@ [sp - 12] = user cpsr
	mov	r0, sp
	mrs	lr, cpsr
	bic	lr, lr, #PSR_MODE_MASK
	orr	lr, lr, #PSR_SVC_MODE		@ I stays set: IRQs masked in SVC too
	msr	spsr_cxsf, lr
	ldr	lr, =\svc_handler
	movs	pc, lr				@ SVC mode, r0 -> the parked words
	.endm

	/* In SVC mode, r0 from usr_stub: build pt_regs on the kernel stack, r0 = regs. */
	.macro	usr_entry
	sub	sp, sp, #S_SIZE
	stmib	sp, {r1-r12}
	ldmdb	r0, {r3-r5}			@ r3 = cpsr, r4 = r0, r5 = pc
	str	r4, [sp, #S_R0]
	str	r5, [sp, #S_PC]
	str	r3, [sp, #S_PSR]
	add	r0, sp, #S_SP
	stmia	r0, {sp, lr}^			@ the user sp and lr
	mov	r0, sp
	.endm

	.globl	__vector_und
__vector_und:
	dispatch __und_entry, __und_usr_stub
	.globl	__vector_swi
__vector_swi:
	dispatch __swi_entry, __swi_usr
	.globl	__vector_pabt
__vector_pabt:
	dispatch __pabt_entry, __pabt_usr_stub
	.globl	__vector_dabt
__vector_dabt:
	dispatch __dabt_entry, __dabt_usr_stub
	.globl	__vector_irq
__vector_irq:
	dispatch __irq_entry, __irq_usr_stub

__und_usr_stub:
	usr_stub 4, __und_usr
__pabt_usr_stub:
	usr_stub 4, __pabt_usr
__dabt_usr_stub:
	usr_stub 8, __dabt_usr
__irq_usr_stub:
	usr_stub 4, __irq_usr
	.ltorg

/* SWI from user: already in SVC mode on the task's kernel stack. EABI: r7 = number. */
__swi_usr:
	sub	sp, sp, #S_SIZE
	stmia	sp, {r0-r12}
	add	r8, sp, #S_SP
	stmia	r8, {sp, lr}^
	mrs	r8, spsr
	str	lr, [sp, #S_PC]
	str	r8, [sp, #S_PSR]
	mov	r0, sp
	cpsie	i				@ system calls run with interrupts on
	bl	do_syscall
	b	ret_to_user

__dabt_usr:
	usr_entry
	mrc	p15, 0, r1, c6, c0, 0		@ DFAR, read before IRQs can come
	mrc	p15, 0, r2, c5, c0, 0		@ DFSR
	mov	r3, #0
	cpsie	i
	bl	do_user_abort
	b	ret_to_user

__pabt_usr:
	usr_entry
	mrc	p15, 0, r1, c6, c0, 2		@ IFAR
	mrc	p15, 0, r2, c5, c0, 1		@ IFSR
	mov	r3, #1
	cpsie	i
	bl	do_user_abort
	b	ret_to_user

__und_usr:
	usr_entry
	cpsie	i
	bl	do_user_undefinstr
	b	ret_to_user

__irq_usr:
	usr_entry
	bl	handle_irq			@ IRQs stay masked, as in entry.S's path
	b	ret_to_user

/*
 * Back to user mode from the pt_regs at sp. ret_to_user_work() runs with IRQs masked and
 * returns with them masked, once nothing is pending: a fatal signal never comes back
 * (do_exit), a reschedule runs other tasks first.
 */
	.globl	ret_to_user
ret_to_user:
	cpsid	i
	mov	r0, sp
	bl	ret_to_user_work
	ldr	r1, [sp, #S_PSR]
	ldr	lr, [sp, #S_PC]
	msr	spsr_cxsf, r1
	add	r0, sp, #S_SP
	ldmia	r0, {sp, lr}^
	nop					@ no banked register access right after ldm ^
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_SIZE
	movs	pc, lr

/**
 * ret_from_kernel_thread - the first code a new task runs
 *
 * Calls fn(arg) from r4/r5 (set by task_create()), then returns to user mode through the
 * pt_regs fn filled in at the top of the task's kernel stack.
 */
	.globl	ret_from_kernel_thread
ret_from_kernel_thread:
	cpsie	i
	mov	r0, r5
	blx	r4
	b	ret_to_user

/**
 * __switch_to - save the running task's callee-saved registers and load another's
 * @prev: where the running task's r4-r11, sp and lr (its resume pc) go (r0)
 * @next: the task to resume (r1); it returns from its own earlier __switch_to()
 */
	.globl	__switch_to
__switch_to:
	stmia	r0, {r4-r11, sp, lr}
	ldmia	r1, {r4-r11, sp, pc}
