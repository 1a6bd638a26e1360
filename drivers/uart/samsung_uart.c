/*
 * Samsung S3C64xx UART console. Transmit polls the FIFO (or, with the FIFO off as some
 * loaders leave it, the holding register); receive drains the FIFO from the RX interrupt
 * into the console ring. The baud-rate generator divides PCLK by 16 * (UBRDIV + 1) and
 * stretches UDIVSLOT's set slots by one clock, giving a resolution of 1/16 of a divider
 * step.
 */
#include <asm/io.h>
#include <drivers/samsung_uart.h>
#include <drivers/samsung_uart_regs.h>
#include <kernel/console.h>
#include <kernel/irq.h>

/* Polls of UTRSTAT before a reconfiguration gives up waiting for the line to drain. */
#define DRAIN_POLLS 1000000

/*
 * UDIVSLOT for n of 16 slots stretched, spreading the stretched slots evenly (the
 * table from the S3C6410 manual's UART chapter).
 */
static const u16 udivslot_table[16] = {
	0x0000, 0x0080, 0x0808, 0x0888, 0x2222, 0x4924, 0x4a52, 0x54aa,
	0x5555, 0xd555, 0xd5d5, 0xddd5, 0xdddd, 0xdfdd, 0xdfdf, 0xffdf,
};

static void __iomem *uart;
static bool fifo_mode;

/**
 * samsung_uart_calc_divisor - UBRDIV/UDIVSLOT for @baud from a @clk_hz UART clock
 * @clk_hz: the clock the UART divides (PCLK here)
 * @baud: bits per second
 * @div: filled in on success
 *
 * Pure function. Return: 0, or -1 when @baud is 0 or too fast for @clk_hz.
 */
int samsung_uart_calc_divisor(u32 clk_hz, u32 baud, struct samsung_uart_divisor *div)
{
	u32 sixteenths;

	if (baud == 0 || clk_hz / baud < 32)
		return -1;
	/* clk / baud = 16 * (UBRDIV + 1) + stretched slots, rounded to the nearest slot. */
	sixteenths = (u32)(((u64)clk_hz + baud / 2) / baud);
	div->ubrdiv = sixteenths / 16 - 1;
	div->udivslot = udivslot_table[sixteenths % 16];
	return 0;
}

static void samsung_uart_putc(char c)
{
	if (fifo_mode)
		while (readl(uart + UFSTAT) & UFSTAT_TX_FULL)
			;
	else
		while (!(readl(uart + UTRSTAT) & UTRSTAT_TX_EMPTY))
			;
	writel((u8)c, uart + UTXH);
}

static bool samsung_uart_rx_ready(void)
{
	if (fifo_mode)
		return readl(uart + UFSTAT) & (UFSTAT_RX_COUNT | UFSTAT_RX_FULL);
	return readl(uart + UTRSTAT) & UTRSTAT_RX_READY;
}

static int samsung_uart_poll_getc(void)
{
	if (!samsung_uart_rx_ready())
		return -1;
	return (int)(readl(uart + URXH) & 0xff);
}

static void samsung_uart_rx_resume(void);

static const struct console_driver samsung_uart_console = {
	.name = "samsung-uart",
	.putc = samsung_uart_putc,
	.poll_getc = samsung_uart_poll_getc,
	.rx_resume = samsung_uart_rx_resume,
};

/**
 * samsung_uart_console_init - use a Samsung UART as the console, polled
 * @base: its mapped registers; may be called again with a new base
 *
 * Keeps the line settings the loader left, and polls the FIFO or the holding register as
 * UFCON says.
 */
void samsung_uart_console_init(void __iomem *base)
{
	uart = base;
	fifo_mode = readl(base + UFCON) & UFCON_FIFO_EN;
	console_register(&samsung_uart_console);
}

/**
 * samsung_uart_setup - program the console UART for 8N1 at @baud
 * @pclk_hz: the UART's clock (PCLK)
 * @baud: bits per second
 *
 * Waits for the transmitter to drain first, then sets PCLK as the clock, FIFOs on,
 * level-triggered interrupts, all masked.
 *
 * Return: 0, or -1 when @baud cannot be reached from @pclk_hz.
 */
int samsung_uart_setup(u32 pclk_hz, u32 baud)
{
	struct samsung_uart_divisor div;
	unsigned int polls = DRAIN_POLLS;

	if (samsung_uart_calc_divisor(pclk_hz, baud, &div))
		return -1;
	/* Changing the divider under a byte in flight garbles it: let the line drain. */
	while (!(readl(uart + UTRSTAT) & UTRSTAT_TX_DONE) && --polls)
		;
	writel(UINT_ALL, uart + UINTM);
	writel(ULCON_8N1, uart + ULCON);
	/* Level-triggered, PCLK: a vendor loader may have picked another clock source. */
	writel(UCON_RX_IRQ_POLL | UCON_TX_IRQ_POLL | UCON_RX_TIMEOUT | UCON_RX_LEVEL |
		       UCON_TX_LEVEL | UCON_CLK_PCLK,
	       uart + UCON);
	writel(UFCON_FIFO_EN | UFCON_RX_RESET | UFCON_TX_RESET, uart + UFCON);
	writel(0, uart + UMCON);
	writel(div.ubrdiv, uart + UBRDIV);
	writel(div.udivslot, uart + UDIVSLOT);
	writel(UINT_ALL, uart + UINTSP);
	writel(UINT_ALL, uart + UINTP);
	fifo_mode = true;
	return 0;
}

/*
 * The interrupt is level-triggered: it stays pending while bytes wait, so drain first
 * and acknowledge after. A byte arriving after the last check re-asserts the source
 * and the VIC brings us back. When the console ring is full, RXD is masked and the
 * bytes stay in the FIFO (a level source: unmasking brings the interrupt back); what
 * the FIFO then loses is flagged in UERSTAT and reported as an overrun.
 */
static void samsung_uart_drain_rx(void)
{
	while (samsung_uart_rx_ready()) {
		if (console_rx_full()) {
			writel(UINT_ALL, uart + UINTM);
			break;
		}
		if (readl(uart + UERSTAT) & UERSTAT_OVERRUN)
			console_rx_overrun(1);
		console_rx_char((u8)readl(uart + URXH));
	}
	writel(UINT_RXD | UINT_ERR, uart + UINTSP);
	writel(UINT_RXD | UINT_ERR, uart + UINTP);
}

static void samsung_uart_rx_interrupt(unsigned int irq, void *dev)
{
	samsung_uart_drain_rx();
}

static void samsung_uart_rx_resume(void)
{
	writel(UINT_ALL & ~UINT_RXD, uart + UINTM);
	samsung_uart_drain_rx();
}

/**
 * samsung_uart_enable_rx_irq - feed received bytes to the console from an interrupt
 * @irq: the UART's interrupt line
 *
 * Return: 0, or -1 when the line cannot be taken.
 */
int samsung_uart_enable_rx_irq(unsigned int irq)
{
	if (request_irq(irq, samsung_uart_rx_interrupt, "samsung-uart", NULL))
		return -1;
	writel(UINT_RXD | UINT_ERR, uart + UINTP);
	writel(UINT_ALL & ~UINT_RXD, uart + UINTM);
	console_set_rx_irq(true);
	return 0;
}
