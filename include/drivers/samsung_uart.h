/*
 * Samsung S3C64xx UART: polled transmit, interrupt-driven receive into the console ring.
 * The register layout lives in <drivers/samsung_uart_regs.h>; the board passes the (mapped)
 * base, its PCLK and the interrupt line.
 */
#ifndef DRIVERS_SAMSUNG_UART_H
#define DRIVERS_SAMSUNG_UART_H

#include <kernel/compiler.h>
#include <kernel/types.h>

/* The baud-rate generator's two registers for one (clock, baud) pair. */
struct samsung_uart_divisor {
	u32 ubrdiv;   /* integer part of the divider, minus one */
	u32 udivslot; /* which of the 16 sample slots stretch by one clock */
};

/* UBRDIV/UDIVSLOT for @baud from a @clk_hz UART clock */
int samsung_uart_calc_divisor(u32 clk_hz, u32 baud, struct samsung_uart_divisor *div);

/*
 * Use @base as the console, polled, with the line settings the loader left. Safe to call
 * again with a new base (the boot window, then the ioremap'd registers).
 */
void samsung_uart_console_init(void __iomem *base);
/*
 * Program the console UART for @baud 8N1 from PCLK @pclk_hz, FIFOs on, interrupts
 * masked. Waits for the transmitter to drain first. Return: 0 or -1 (impossible baud).
 */
int samsung_uart_setup(u32 pclk_hz, u32 baud);
/* Route received bytes through @irq into the console. Return: 0 or -1. */
int samsung_uart_enable_rx_irq(unsigned int irq);

#endif
