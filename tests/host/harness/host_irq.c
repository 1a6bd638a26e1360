/*
 * Simulated interrupts for host tests. host_raise_irq() enters "interrupt context" the
 * way the target's IRQ entry does (I bit set, hardirq count raised) and runs the test's
 * handler. cpu_wait_for_interrupt() with IRQs enabled takes one such interrupt; with IRQs
 * disabled it only counts the mistake, since the handler could not run.
 */
#include <kernel/preempt.h>

#include "mm_host.h"

/* host_cpsr is defined in asm/irqflags.h. */
void (*host_irq_hook)(void *arg);
void *host_irq_hook_arg;
unsigned long host_wfi_count;
unsigned long host_wfi_masked_count;
unsigned long host_irq_count;

void host_raise_irq(void)
{
	unsigned long saved = host_cpsr;

	host_cpsr |= PSR_I_BIT;
	irq_enter();
	host_irq_count++;
	if (host_irq_hook)
		host_irq_hook(host_irq_hook_arg);
	irq_exit();
	host_cpsr = saved;
}

void host_wait_for_interrupt(void)
{
	host_wfi_count++;
	if (host_cpsr & PSR_I_BIT) {
		host_wfi_masked_count++;
		return;
	}
	host_raise_irq();
}

void host_irq_reset(void)
{
	host_cpsr = 0;
	host_irq_hook = NULL;
	host_irq_hook_arg = NULL;
	host_wfi_count = 0;
	host_wfi_masked_count = 0;
	host_irq_count = 0;
	preempt_count = 0;
}
