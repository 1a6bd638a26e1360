/*
 * Host stand-in for <asm/barrier.h>: the ARMv6 CP15 barriers become full host fences, so
 * the mm core's ordering points still order the host's accesses.
 */
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

#define dsb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define dmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define isb() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define mb()  dsb()
#define wmb() dsb()
#define rmb() dsb()

#endif
