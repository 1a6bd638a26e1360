/*
 * Host stand-in for <asm/irqflags.h>: a simulated CPSR I bit in host_cpsr, and a WFI that
 * runs the test's interrupt handler (tests/host/harness/host_irq.c) when interrupts are enabled,
 * as the real CPU would take the pending IRQ on wake-up.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#define PSR_I_BIT 0x80

/* Weak so that tests which never link host_irq.c still see interrupts enabled. */
__attribute__((weak)) unsigned long host_cpsr;

/* tests/host/harness/host_irq.c */
void host_wait_for_interrupt(void);

static inline unsigned long arch_local_save_flags(void)
{
	return host_cpsr;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long f = host_cpsr;

	host_cpsr |= PSR_I_BIT;
	return f;
}

static inline void arch_local_irq_restore(unsigned long f)
{
	host_cpsr = f;
}

static inline void arch_local_irq_enable(void)
{
	host_cpsr &= ~(unsigned long)PSR_I_BIT;
}

static inline void arch_local_irq_disable(void)
{
	host_cpsr |= PSR_I_BIT;
}

static inline int arch_irqs_disabled_flags(unsigned long f)
{
	return (f & PSR_I_BIT) != 0;
}

static inline void cpu_wait_for_interrupt(void)
{
	host_wait_for_interrupt();
}

#endif
