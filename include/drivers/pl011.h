/* ARM PL011 UART: polled transmit, interrupt-driven receive into the console ring. */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <kernel/compiler.h>

/* Use @base (already mapped) as the console, polled. Safe to call again with a new base. */
void pl011_console_init(void __iomem *base);
/* Route received bytes through @irq into the console. Return: 0 or -1. */
int pl011_enable_rx_irq(unsigned int irq);

#endif
