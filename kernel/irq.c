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
			printk(KERN_ERR "irq %d: no handler, masking it\n", irq);
			chip->mask((unsigned int)irq);
		}
		if (chip->eoi)
			chip->eoi((unsigned int)irq);
	}
	irq_exit();
}

/* The lines in use and their counts, for the `interrupts` command (/proc/interrupts). */
void show_interrupts(void)
{
	unsigned int i;

	printk("     %10s  %-8s %s\n", "count", "chip", "name");
	for (i = 0; i < NR_IRQS; i++)
		if (irq_desc[i].handler)
			printk("%3u: %10lu  %-8s %s\n", i, irq_desc[i].count, chip->name,
			       irq_desc[i].name);
}
