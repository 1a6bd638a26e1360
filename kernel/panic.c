/* panic: say why and where from, then stop with interrupts off (the caller printed any registers).
 */
#include <asm/irqflags.h>
#include <kernel/printk.h>

/**
 * panic - print why, then stop for good
 * @fmt: printf format of the reason
 *
 * Interrupts are masked and the CPU waits forever; never returns.
 */
void panic(const char *fmt, ...)
{
	va_list ap;

	arch_local_irq_disable();
	printk(KERN_EMERG "Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic ]---\n");
	for (;;)
		cpu_wait_for_interrupt();
}
