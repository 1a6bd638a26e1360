/*
 * copy_to_user / copy_from_user (include/asm/uaccess.h). Every user access is an
 * unprivileged load or store (ldrbt/strbt): it is checked against the user permissions,
 * so even a kernel address that got past access_ok() faults instead of being read or
 * written, and a write to a read-only user page (the zero page, a copy-on-write page)
 * faults so the mm core can resolve it.
 *
 * Each such instruction has an __ex_table entry. The abort handler only records the
 * fault and resumes at the fixup (arch/arm/mm/fault.c, do_kernel_user_fault()), still in
 * the caller's SVC context: the fixup asks uaccess_fault_resolve() to bring the page in
 * (which may allocate and sleep, impossible in abort mode) and retries the access, or
 * returns the bytes left when the address is bad. An aborted ldrbt/strbt does not write
 * its base register back (ARMv6 base-restored aborts), so the retry is exact.
 */
	.text
	.arm

/**
 * __copy_to_user - copy @n bytes from the kernel to user space, with user permissions
 * @to: the user destination (r0)
 * @from: the kernel source (r1)
 * @n: bytes (r2)
 *
 * Each store is an unprivileged strbt, so the MMU checks the process's rights; a fault
 * is fixed up through the exception table (arch/arm/mm/fault.c).
 * Return: the bytes not copied (0 on success).
 */
	.globl	__copy_to_user
__copy_to_user:
	cmp	r2, #0
	beq	2f
1:	ldrb	r3, [r1]
10:	strbt	r3, [r0], #1
	add	r1, r1, #1
	subs	r2, r2, #1
	bne	1b
2:	mov	r0, r2
	bx	lr
20:	push	{r0-r4, lr}
	bl	uaccess_fault_resolve
	cmp	r0, #0
	pop	{r0-r4, lr}
	beq	1b				@ the page is there now: retry
	mov	r0, r2				@ bytes not copied, the faulting one included
	bx	lr

/**
 * __copy_from_user - copy @n bytes from user space to the kernel, with user permissions
 * @to: the kernel destination (r0)
 * @from: the user source (r1)
 * @n: bytes (r2)
 *
 * Each load is an unprivileged ldrbt; a fault is fixed up through the exception table.
 * Return: the bytes not copied (0 on success).
 */
	.globl	__copy_from_user
__copy_from_user:
	cmp	r2, #0
	beq	2f
11:	ldrbt	r3, [r1], #1
	strb	r3, [r0], #1
	subs	r2, r2, #1
	bne	11b
2:	mov	r0, r2
	bx	lr
21:	push	{r0-r4, lr}
	bl	uaccess_fault_resolve
	cmp	r0, #0
	pop	{r0-r4, lr}
	beq	11b
	mov	r0, r2
	bx	lr

	.pushsection __ex_table, "a"
	.align	2
	.long	10b, 20b
	.long	11b, 21b
	.popsection
