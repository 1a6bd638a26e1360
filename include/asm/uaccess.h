/*
 * Access to user memory from the kernel. Every instruction that may touch a user address
 * has an entry in the exception table (section __ex_table: faulting pc -> fixup pc); a
 * fault there that the mm core cannot resolve resumes at the fixup, which makes the copy
 * return the number of bytes not copied. A bad user pointer therefore gives -EFAULT to
 * the system call, never an oops.
 */
#ifndef ASM_UACCESS_H
#define ASM_UACCESS_H

#include <asm/processor.h>
#include <kernel/types.h>

struct exception_table_entry {
	unsigned long insn, fixup;
};

/* The fixup address for a fault at @pc, or 0 when @pc is not a user access. */
unsigned long search_exception_tables(unsigned long pc);

/* True when [@addr, @addr + @size) lies entirely in the user half. */
static inline bool access_ok(unsigned long addr, unsigned long size)
{
	return size <= TASK_SIZE && addr <= TASK_SIZE - size;
}

unsigned long __copy_to_user(void *to, const void *from, unsigned long n);
unsigned long __copy_from_user(void *to, const void *from, unsigned long n);

/**
 * copy_to_user - copy @n bytes from kernel @from to user @to
 * Return: the number of bytes that could not be copied (0 on success).
 */
static inline unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok((unsigned long)to, n))
		return n;
	return __copy_to_user(to, from, n);
}

/**
 * copy_from_user - copy @n bytes from user @from to kernel @to
 * Return: the number of bytes that could not be copied (0 on success).
 */
static inline unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok((unsigned long)from, n))
		return n;
	return __copy_from_user(to, from, n);
}

#endif
