/*
 * copy_page() for the ARM1176: the copy-on-write fault's copy (mm/memory.c). The C
 * library's memcpy() takes about 2800 instructions for a 4 KB page; 8-register LDM/STM
 * bursts, one 32-byte cache line each, two lines per iteration, take about 330.
 */
	.syntax unified
	.text
	.arm

/**
 * copy_page - copy one 4 KB page
 * @to: the destination, page aligned (r0)
 * @from: the source, page aligned (r1)
 */
	.globl	copy_page
	.type	copy_page, %function
copy_page:
	push	{r4-r10, lr}
	mov	r2, #4096 / 64
1:	ldmia	r1!, {r3-r10}
	stmia	r0!, {r3-r10}
	ldmia	r1!, {r3-r10}
	stmia	r0!, {r3-r10}
	subs	r2, r2, #1
	bne	1b
	pop	{r4-r10, pc}
	.size	copy_page, . - copy_page
