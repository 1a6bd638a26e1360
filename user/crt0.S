/*
 * Process entry. The kernel (mm/exec.c) leaves sp at argc, then argv[], NULL, envp[],
 * NULL, auxv (Linux's layout); .bss is already zero (demand-zero pages).
 */
	.section .text.start, "ax"
	.arm
	.globl	_start
_start:
	ldr	r0, [sp]			@ argc
	add	r1, sp, #4			@ argv
	mov	fp, #0
	bl	main
	bl	exit				@ newlib: atexit handlers, stdio flush, _exit
	b	.
