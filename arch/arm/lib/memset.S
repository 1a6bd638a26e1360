/*
 * memset() for the ARM1176, replacing the C library's word-at-a-time loop: the bulk is
 * written with 8-register STM bursts, one 32-byte cache line per instruction, four per
 * loop iteration, after word stores have brought the pointer to a line boundary. A 4 KB
 * page takes about 200 instructions instead of about 1800; get_zeroed_page(),
 * clear_highpage() and every other memset() of the tree come here.
 *
 * void *memset(void *s, int c, size_t n): returns @s; any alignment and length.
 */
	.syntax unified
	.text
	.arm
	.globl	memset
	.type	memset, %function
memset:
	mov	r3, r0			@ r3 walks, r0 is returned untouched
	and	r1, r1, #0xff
	orr	r1, r1, r1, lsl #8
	orr	r1, r1, r1, lsl #16	@ the byte in all four lanes
	cmp	r2, #64
	blo	.Lsmall
	/* Up to 3 bytes, then words, to a 32-byte line boundary (n >= 64 covers both). */
1:	tst	r3, #3
	strbne	r1, [r3], #1
	subne	r2, r2, #1
	bne	1b
2:	tst	r3, #31
	strne	r1, [r3], #4
	subne	r2, r2, #4
	bne	2b
	push	{r4-r9}
	mov	ip, r1
	mov	r4, r1
	mov	r5, r1
	mov	r6, r1
	mov	r7, r1
	mov	r8, r1
	mov	r9, r1
	subs	r2, r2, #128
	blo	4f
3:	stmia	r3!, {r1, r4-r9, ip}	@ 128 bytes: four whole lines
	stmia	r3!, {r1, r4-r9, ip}
	stmia	r3!, {r1, r4-r9, ip}
	stmia	r3!, {r1, r4-r9, ip}
	subs	r2, r2, #128
	bhs	3b
4:	adds	r2, r2, #128		@ 0..127 left
	beq	6f
5:	cmp	r2, #32
	blo	6f
	stmia	r3!, {r1, r4-r9, ip}
	sub	r2, r2, #32
	b	5b
6:	pop	{r4-r9}
.Lsmall:				@ under 64 bytes, or the tail: bytes to a word, words, bytes
	cmp	r2, #0
	bxeq	lr
10:	tst	r3, #3
	beq	11f
	strb	r1, [r3], #1
	subs	r2, r2, #1
	bne	10b
	bx	lr
11:	subs	r2, r2, #4
	blo	8f
7:	str	r1, [r3], #4
	subs	r2, r2, #4
	bhs	7b
8:	adds	r2, r2, #4
	bxeq	lr
9:	strb	r1, [r3], #1
	subs	r2, r2, #1
	bne	9b
	bx	lr
	.size	memset, . - memset
