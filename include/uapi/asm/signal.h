/*
 * Signal numbers, Linux's (ARM): the ones this kernel sends or accepts in kill().
 * Shared by the kernel (include/kernel/task.h) and the user programs (user/).
 */
#ifndef UAPI_ASM_SIGNAL_H
#define UAPI_ASM_SIGNAL_H

#define SIGINT	2
#define SIGILL	4
#define SIGBUS	7
#define SIGKILL 9
#define SIGSEGV 11
#define SIGTERM 15

#endif
