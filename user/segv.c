/*
 * segv <case>: one bad access of each kind; each must kill only this process, with the
 * kernel's "segfault at" line. Cases: null-read, null-write, kernel-read, kernel-write,
 * text-write, rodata-write, stack-exec, heap-exec, unmapped, vectors-write, badptr
 * (a bad pointer given to write(): -EFAULT, no kill), list.
 */
#include "syscall.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char rodata[] = "read-only";

static void seg_null_read(void)
{
	printf("%d\n", *(volatile int *)0);
}
static void seg_null_write(void)
{
	*(volatile int *)0 = 1;
}
static void seg_kernel_read(void)
{
	printf("%d\n", *(volatile int *)0xc0008000);
}
static void seg_kernel_write(void)
{
	*(volatile int *)0xc0100000 = 1;
}
static void seg_text_write(void)
{
	*(volatile int *)(void *)seg_text_write = 0;
}
static void seg_rodata_write(void)
{
	*(volatile char *)rodata = 'x';
}
static void seg_unmapped(void)
{
	printf("%d\n", *(volatile int *)0x30000000);
}
static void seg_vectors_write(void)
{
	*(volatile int *)0xffff0000 = 0;
}

static void jump_to(void *code)
{
	((void (*)(void))code)();
}

static void seg_stack_exec(void)
{
	volatile unsigned int insn[2] = { 0xe12fff1e, 0 }; /* bx lr */

	jump_to((void *)insn);
}

static void seg_heap_exec(void)
{
	unsigned int *insn = malloc(16);

	insn[0] = 0xe12fff1e;
	jump_to(insn);
}

static void seg_badptr(void)
{
	long r = syscall3(__NR_write, 1, 0xc0008000, 16);
	long r2 = syscall3(__NR_write, 1, 0x30000000, 16);

	printf("write(kernel pointer) = %ld, write(unmapped) = %ld\n", r, r2);
	exit(r == -14 && r2 == -14 ? 0 : 1);
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "null-read", seg_null_read },	    { "null-write", seg_null_write },
	{ "kernel-read", seg_kernel_read }, { "kernel-write", seg_kernel_write },
	{ "text-write", seg_text_write },   { "rodata-write", seg_rodata_write },
	{ "stack-exec", seg_stack_exec },   { "heap-exec", seg_heap_exec },
	{ "unmapped", seg_unmapped },	    { "vectors-write", seg_vectors_write },
	{ "badptr", seg_badptr },
};

int main(int argc, char **argv)
{
	unsigned int i;

	for (i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (!strcmp(argv[1], cases[i].name)) {
			printf("segv: %s\n", cases[i].name);
			fflush(stdout);
			cases[i].fn();
			printf("segv: %s survived\n", cases[i].name);
			return 2;
		}
	}
	printf("usage: segv <case>; cases:");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		printf(" %s", cases[i].name);
	printf("\n");
	return argc == 2 && !strcmp(argv[1], "list") ? 0 : 1;
}
