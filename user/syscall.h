/* System calls of the user programs: Linux ARM EABI (r7 = number, svc 0, result in r0). */
#ifndef USER_SYSCALL_H
#define USER_SYSCALL_H

#define __NR_exit	 1
#define __NR_fork	 2
#define __NR_read	 3
#define __NR_write	 4
#define __NR_getpid	 20
#define __NR_kill	 37
#define __NR_brk	 45
#define __NR_munmap	 91
#define __NR_wait4	 114
#define __NR_mprotect	 125
#define __NR_sched_yield 158
#define __NR_nanosleep	 162
#define __NR_mmap2	 192
#define __NR_exit_group	 248

#define PROT_NONE     0x0
#define PROT_READ     0x1
#define PROT_WRITE    0x2
#define PROT_EXEC     0x4
#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20

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
