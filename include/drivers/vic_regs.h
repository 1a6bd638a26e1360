/*
 * ARM PrimeCell VIC registers that the PL190 and PL192 share (offsets from a VIC's base),
 * plus the PL192's vector registers. Shared by drivers/irq/vic.c and its host test.
 */
#ifndef DRIVERS_VIC_REGS_H
#define DRIVERS_VIC_REGS_H

#define VIC_IRQSTATUS	      0x000 /* RAWINTR & INTENABLE & ~INTSELECT */
#define VIC_RAWINTR	      0x008
#define VIC_INTSELECT	      0x00c /* 1: FIQ, 0: IRQ */
#define VIC_INTENABLE	      0x010 /* write 1 to set */
#define VIC_INTENCLEAR	      0x014 /* write 1 to clear */
#define VIC_SOFTINTCLR	      0x01c
#define VIC_PL192_VECTADDR(n) (0x100 + 4 * (n)) /* PL192 only: vector of line n */
#define VIC_PL192_ADDRESS     0xf00 /* PL192 only: read to acknowledge, written to end */
#define VIC_PERIPHID0	      0xfe0

#endif
