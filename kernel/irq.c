/*
 * Interrupt dispatch. Entered from the IRQ vector with interrupts masked (no nesting):
 * ask the chip for the pending line, run its handler, repeat until none is pending.
 */
#include <kernel/irq.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>

struct irq_desc {
	irq_handler_t handler;
	void *dev;
	const char *name;
	unsigned long count;
};

static const struct irq_chip *chip;
static struct irq_desc irq_desc[NR_IRQS];
static unsigned long irq_err_count; /* interrupts that had no handler (/proc/interrupts Err) */

/**
 * irq_set_chip - set the interrupt controller that handle_irq() asks
 * @c: its operations (mask, unmask, pending, eoi)
 */
void irq_set_chip(const struct irq_chip *c)
{
	chip = c;
}

/**
 * request_irq - install the handler of an interrupt line and unmask it
 * @irq: the line
 * @handler: called in interrupt context with @irq and @dev
 * @name: shown by the interrupts command
 * @dev: passed to @handler
 *
 * Return: 0, or -1 when @irq is out of range or already taken.
 */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev)
{
	if (irq >= NR_IRQS || !handler || irq_desc[irq].handler || !chip)
		return -1;
	irq_desc[irq] = (struct irq_desc){ .handler = handler, .dev = dev, .name = name };
	chip->unmask(irq);
	return 0;
}

/**
 * free_irq - release an interrupt line taken with request_irq()
 * @irq: the line; it is masked first
 */
void free_irq(unsigned int irq)
{
	if (irq >= NR_IRQS || !chip)
		return;
	chip->mask(irq);
	irq_desc[irq].handler = NULL;
}

/**
 * irq_count - how many times a line has been handled
 * @irq: the line
 *
 * Return: the count since boot (0 for an unused line).
 */
unsigned long irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].count : 0;
}

/**
 * handle_irq - dispatch pending interrupts, from the IRQ exception
 * @regs: the interrupted registers
 *
 * Asks the interrupt controller for each pending line, runs its handler in interrupt
 * context, counts it and ends it (eoi). A line without a handler is reported and masked.
 */
void handle_irq(struct pt_regs *regs)
{
	int irq;

	irq_enter();
	while (chip && (irq = chip->pending()) >= 0) {
		struct irq_desc *d = &irq_desc[irq];

		if ((unsigned int)irq < NR_IRQS && d->handler) {
			d->count++;
			d->handler((unsigned int)irq, d->dev);
		} else {
			irq_err_count++;
			printk(KERN_ERR "irq %d: no handler, masking it\n", irq);
			chip->mask((unsigned int)irq);
		}
		if (chip->eoi)
			chip->eoi((unsigned int)irq);
	}
	irq_exit();
}

/**
 * show_interrupts - print the lines in use and their counts, as Linux's /proc/interrupts
 *
 * One CPU: a header of CPU columns, then "irq: count chip hwirq name" per line, the irq
 * column as wide as the largest irq number needs (at least 3), then ARM's "Err:" line.
 * Lines are numbered by their controller input, so the hwirq is the irq number itself.
 */
void show_interrupts(void)
{
	int prec = 3, limit = 1000;
	unsigned int i;

	while (limit <= NR_IRQS) {
		prec++;
		limit *= 10;
	}
	printk("%*s%-11s\n", prec + 8, "", "CPU0");
	for (i = 0; i < NR_IRQS; i++)
		if (irq_desc[i].handler)
			printk("%*u: %10lu  %8s %*u  %s\n", prec, i, irq_desc[i].count, chip->name,
			       prec, i, irq_desc[i].name);
	printk("%*s: %10lu\n", prec, "Err", irq_err_count);
}
