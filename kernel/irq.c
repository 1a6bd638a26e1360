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

void irq_set_chip(const struct irq_chip *c)
{
	chip = c;
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev)
{
	if (irq >= NR_IRQS || !handler || irq_desc[irq].handler || !chip)
		return -1;
	irq_desc[irq] = (struct irq_desc){ .handler = handler, .dev = dev, .name = name };
	chip->unmask(irq);
	return 0;
}

void free_irq(unsigned int irq)
{
	if (irq >= NR_IRQS || !chip)
		return;
	chip->mask(irq);
	irq_desc[irq].handler = NULL;
}

unsigned long irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].count : 0;
}

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

/*
 * The lines in use and their counts, in the format of Linux's /proc/interrupts (one CPU):
 * a header of CPU columns, then "irq: count chip hwirq name" per line, the irq column as
 * wide as the largest irq number needs (at least 3), then ARM's "Err:" line. Lines are
 * numbered by their controller input, so the hwirq is the irq number itself.
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
