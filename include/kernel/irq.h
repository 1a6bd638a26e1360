/* Interrupt core: one irq_chip (the board's interrupt controllers) and handlers per line. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <asm/ptrace.h>

#define NR_IRQS 64

typedef void (*irq_handler_t)(unsigned int irq, void *dev);

struct irq_chip {
	const char *name;
	void (*mask)(unsigned int irq);
	void (*unmask)(unsigned int irq);
	int (*pending)(void);	       /* highest-priority pending line, or -1 */
	void (*eoi)(unsigned int irq); /* optional end-of-interrupt */
};

void irq_set_chip(const struct irq_chip *chip);
/* Return: 0, or -1 when @irq is out of range or already taken. */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev);
void free_irq(unsigned int irq);
unsigned long irq_count(unsigned int irq);
/* Print the lines in use and their counts (/proc/interrupts). */
void show_interrupts(void);
void handle_irq(struct pt_regs *regs);

#endif
