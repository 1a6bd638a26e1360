/*
 * PL011 console. Transmit polls TXFF; receive drains the FIFO from the RX and RX-timeout
 * interrupts into the console ring. Baud rate and line settings stay as the loader (or
 * QEMU) left them: the board owns clocks.
 */
#include <asm/io.h>
#include <drivers/pl011.h>
#include <kernel/console.h>
#include <kernel/irq.h>

#define UARTDR	 0x00
#define UARTFR	 0x18
#define UARTLCRH 0x2c
#define UARTCR	 0x30
#define UARTIMSC 0x38
#define UARTICR	 0x44

#define DR_OE	   (1 << 11) /* overrun: the FIFO was full, a byte was lost before this one */
#define FR_RXFE	   (1 << 4)
#define FR_TXFF	   (1 << 5)
#define LCRH_FEN   (1 << 4)
#define LCRH_WLEN8 (3 << 5)
#define CR_UARTEN  (1 << 0)
#define CR_TXE	   (1 << 8)
#define CR_RXE	   (1 << 9)
#define INT_RX	   (1 << 4)
#define INT_RT	   (1 << 6)

static void __iomem *uart;

static void pl011_putc(char c)
{
	while (readl(uart + UARTFR) & FR_TXFF)
		;
	writel((u8)c, uart + UARTDR);
}

static int pl011_poll_getc(void)
{
	if (readl(uart + UARTFR) & FR_RXFE)
		return -1;
	return (int)(readl(uart + UARTDR) & 0xff);
}

static void pl011_rx_resume(void);

static const struct console_driver pl011_console = {
	.name = "pl011",
	.putc = pl011_putc,
	.poll_getc = pl011_poll_getc,
	.rx_resume = pl011_rx_resume,
};

/**
 * pl011_console_init - use a PL011 as the console, polled
 * @base: its mapped registers; may be called again with a new base
 *
 * Line settings and baud rate stay as the loader or QEMU left them.
 */
void pl011_console_init(void __iomem *base)
{
	uart = base;
	console_register(&pl011_console);
}

/*
 * Acknowledge first, then drain: a byte landing after the last empty check raises a new
 * interrupt. (Clearing after the drain could swallow the edge of a byte that arrived in
 * between, and QEMU's PL011 signals RX only when the FIFO goes from empty to one byte.)
 * When the console ring is full the bytes stay in the FIFO and RX is masked; QEMU then
 * stops reading its character backend, so the host holds the rest of a paste back.
 */
static void pl011_drain_rx(void)
{
	u32 dr;

	writel(INT_RX | INT_RT, uart + UARTICR);
	while (!(readl(uart + UARTFR) & FR_RXFE)) {
		if (console_rx_full()) {
			writel(0, uart + UARTIMSC);
			return;
		}
		dr = readl(uart + UARTDR);
		if (dr & DR_OE)
			console_rx_overrun(1);
		console_rx_char((u8)dr);
	}
}

static void pl011_rx_interrupt(unsigned int irq, void *dev)
{
	pl011_drain_rx();
}

/* The ring has room again: unmask, then drain by hand, since the edge may be gone. */
static void pl011_rx_resume(void)
{
	writel(INT_RX | INT_RT, uart + UARTIMSC);
	pl011_drain_rx();
}

/**
 * pl011_enable_rx_irq - feed received bytes to the console from an interrupt
 * @irq: the UART's interrupt line
 *
 * Return: 0, or -1 when the line cannot be taken.
 */
int pl011_enable_rx_irq(unsigned int irq)
{
	writel(readl(uart + UARTLCRH) | LCRH_FEN | LCRH_WLEN8, uart + UARTLCRH);
	writel(readl(uart + UARTCR) | CR_UARTEN | CR_TXE | CR_RXE, uart + UARTCR);
	if (request_irq(irq, pl011_rx_interrupt, "pl011", NULL))
		return -1;
	writel(INT_RX | INT_RT, uart + UARTIMSC);
	console_set_rx_irq(true);
	return 0;
}
