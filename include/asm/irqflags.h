/* CPSR I-bit control (ARMv6 CPS instructions). */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#define PSR_I_BIT 0x80

static inline unsigned long arch_local_save_flags(void)
{
	unsigned long f;

	__asm__ __volatile__("mrs %0, cpsr" : "=r"(f)::"memory");
	return f;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long f = arch_local_save_flags();

	__asm__ __volatile__("cpsid i" ::: "memory");
	return f;
}

static inline void arch_local_irq_restore(unsigned long f)
{
	__asm__ __volatile__("msr cpsr_c, %0" ::"r"(f) : "memory", "cc");
}

static inline void arch_local_irq_enable(void)
{
	__asm__ __volatile__("cpsie i" ::: "memory");
}

static inline void arch_local_irq_disable(void)
{
	__asm__ __volatile__("cpsid i" ::: "memory");
}

static inline int arch_irqs_disabled_flags(unsigned long f)
{
	return (f & PSR_I_BIT) != 0;
}

/* Sleep until an interrupt is pending (the ARM1176 CP15 form of WFI). */
static inline void cpu_wait_for_interrupt(void)
{
	__asm__ __volatile__("mcr p15, 0, %0, c7, c0, 4" ::"r"(0) : "memory");
}

#endif
