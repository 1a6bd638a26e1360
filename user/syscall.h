/*
 * System calls of the user programs: Linux ARM EABI (r7 = number, svc 0, result in r0).
 * The numbers and flags are the kernel's own, from include/uapi/ (user.mk puts it on the
 * include path).
 */
#ifndef USER_SYSCALL_H
#define USER_SYSCALL_H

#include <asm-generic/mman-common.h>
#include <asm/signal.h>
#include <asm/unistd.h>
#include <linux/wait.h>

long syscall6(long nr, long a, long b, long c, long d, long e, long f);
#define syscall0(nr)	      syscall6(nr, 0, 0, 0, 0, 0, 0)
#define syscall1(nr, a)	      syscall6(nr, (long)(a), 0, 0, 0, 0, 0)
#define syscall2(nr, a, b)    syscall6(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define syscall3(nr, a, b, c) syscall6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* Raw calls: the result is the kernel's (a negative errno on failure). */
static inline long sys_mmap(void *addr, unsigned long len, int prot, int flags)
{
	return syscall6(__NR_mmap2, (long)addr, (long)len, prot, flags, -1, 0);
}
static inline long sys_munmap(void *addr, unsigned long len)
{
	return syscall2(__NR_munmap, addr, len);
}
static inline long sys_mprotect(void *addr, unsigned long len, int prot)
{
	return syscall3(__NR_mprotect, addr, len, prot);
}
static inline long sys_getpid(void)
{
	return syscall0(__NR_getpid);
}

#endif
