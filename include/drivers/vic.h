/*
 * ARM PrimeCell VIC: PL190 (QEMU versatilepb) and PL192 (S3C6410, two of them). Only the
 * registers the two share are used to find and mask sources; the PL192's ADDRESS
 * register is acknowledged when the hardware has it.
 */
#ifndef DRIVERS_VIC_H
#define DRIVERS_VIC_H

#include <kernel/compiler.h>

/* Add a VIC whose 32 lines become irqs @irq_base..@irq_base+31. Return: 0 or -1. */
int vic_init(void __iomem *base, unsigned int irq_base);

#endif
