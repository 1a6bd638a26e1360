/* ARMv6 barriers: the CP15 forms (DSB/DMB/ISB instructions arrived with ARMv7). */
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

#define dsb() __asm__ __volatile__("mcr p15, 0, %0, c7, c10, 4" ::"r"(0) : "memory")
#define dmb() __asm__ __volatile__("mcr p15, 0, %0, c7, c10, 5" ::"r"(0) : "memory")
#define isb() __asm__ __volatile__("mcr p15, 0, %0, c7, c5, 4" ::"r"(0) : "memory")
#define mb()  dsb()
#define wmb() dsb()
#define rmb() dsb()

#endif
