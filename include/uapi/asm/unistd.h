/*
 * System-call numbers of the Linux ARM EABI (r7 = number, svc 0): the ones this kernel
 * implements. Shared by the kernel (SYSCALL_DEFINE) and the user programs (user/).
 */
#ifndef UAPI_ASM_UNISTD_H
#define UAPI_ASM_UNISTD_H

#define __NR_exit	 1
#define __NR_fork	 2
#define __NR_read	 3
#define __NR_write	 4
#define __NR_getpid	 20
#define __NR_kill	 37
#define __NR_brk	 45
#define __NR_munmap	 91
#define __NR_wait4	 114
#define __NR_clone	 120
#define __NR_mprotect	 125
#define __NR_sched_yield 158
#define __NR_nanosleep	 162
#define __NR_mmap2	 192
#define __NR_exit_group	 248

#endif
