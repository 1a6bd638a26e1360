/*
 * drivers/uart/samsung_uart.c against a fake UART0: the baud divisor (UBRDIV/UDIVSLOT)
 * for several PCLKs, 8N1/FIFO/clock set-up, transmit and receive with and without the
 * FIFO, and the receive interrupt's drain-then-acknowledge through the real console and
 * interrupt core.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include <asm/io.h>
#include <drivers/samsung_uart.h>
#include <drivers/samsung_uart_regs.h>
#include <kernel/console.h>
#include <kernel/irq.h>

#include "harness/host_irq_line.h"
#include "harness/host_regs.h"

#define UART_IRQ 37

/* The device behind the registers: a receive FIFO, a transmit log, busy counters. */
struct fake_uart {
	char rx[2048];
	unsigned int rx_head, rx_len;
	char tx[128];
	unsigned int tx_len;
	unsigned int tx_busy_polls; /* status reads that still report "busy" */
	bool rx_full;		    /* UFSTAT reports the 64-byte FIFO full, count 0 */
};

static struct fake_regs regs;
static struct fake_uart dev;

static unsigned int rx_waiting(void)
{
	return dev.rx_len - dev.rx_head;
}

static u32 uart_read(struct fake_regs *f, unsigned int offset)
{
	u32 v;

	switch (offset) {
	case UTRSTAT:
		v = rx_waiting() ? UTRSTAT_RX_READY : 0;
		if (dev.tx_busy_polls)
			dev.tx_busy_polls--;
		else
			v |= UTRSTAT_TX_EMPTY | UTRSTAT_TX_DONE;
		return v;
	case UFSTAT:
		/* A 64-byte FIFO: full reads as the full bit with count 0. */
		v = dev.rx_full || rx_waiting() >= 64 ? UFSTAT_RX_FULL : rx_waiting();
		if (dev.tx_busy_polls) {
			dev.tx_busy_polls--;
			v |= UFSTAT_TX_FULL;
		}
		return v;
	case URXH:
		dev.rx_full = false;
		return rx_waiting() ? (u8)dev.rx[dev.rx_head++] : 0;
	default:
		return f->reg[offset / 4];
	}
}

static void uart_write(struct fake_regs *f, unsigned int offset, u32 val)
{
	switch (offset) {
	case UTXH:
		assert_true(dev.tx_len < sizeof(dev.tx));
		dev.tx[dev.tx_len++] = (char)val;
		break;
	case UINTP:
	case UINTSP:
		f->reg[offset / 4] &= ~val; /* write 1 to clear */
		break;
	default:
		f->reg[offset / 4] = val;
	}
}

static void receive(const char *s)
{
	memcpy(dev.rx + dev.rx_len, s, strlen(s));
	dev.rx_len += (unsigned int)strlen(s);
}

/* The UART raises its line while UINTP & ~UINTM. */
static int uart_pending(void)
{
	if (fake_reg(&regs, UINTP) & ~fake_reg(&regs, UINTM) & 0xf)
		return UART_IRQ;
	return -1;
}

static int setup(void **state)
{
	fake_regs_attach(&regs);
	regs.read = uart_read;
	regs.write = uart_write;
	memset(&dev, 0, sizeof(dev));
	host_irq_line_install(uart_pending);
	console_set_rx_irq(false);
	return 0;
}

static int teardown(void **state)
{
	free_irq(UART_IRQ);
	console_set_rx_irq(false);
	fake_regs_detach_all();
	return 0;
}

static void expect_divisor(u32 clk, u32 baud, u32 ubrdiv, u32 udivslot)
{
	struct samsung_uart_divisor div;

	assert_int_equal(samsung_uart_calc_divisor(clk, baud, &div), 0);
	assert_int_equal(div.ubrdiv, ubrdiv);
	assert_int_equal(div.udivslot, udivslot);
}

/* docs/boards.md, UART: PCLK 66.5 MHz, 115200 baud -> UBRDIV 35 (0x23), UDIVSLOT 0x0080. */
static void test_divisor_115200_at_66_5mhz(void **state)
{
	expect_divisor(66500000, 115200, 35, 0x0080);
}

/* clk / baud = 16 * (UBRDIV + 1) + slots, rounded to the nearest sixteenth. */
static void test_divisor_other_clocks_and_rates(void **state)
{
	expect_divisor(40000000, 115200, 20, 0xddd5); /* the manual's example: 11 slots */
	expect_divisor(66000000, 115200, 34, 0xdfdd); /* 572.9 -> 573 = 16 * 35 + 13 */
	expect_divisor(50000000, 115200, 26, 0x0808);
	expect_divisor(12000000, 115200, 5, 0x5555);
	expect_divisor(66500000, 38400, 107, 0x2222); /* 1731.8 rounds up to 1732 */
	expect_divisor(66500000, 9600, 431, 0xffdf);
	expect_divisor(64000000, 125000, 31, 0x0000); /* exactly 512 = 16 * 32 */
	expect_divisor(3200000, 100000, 1, 0x0000);   /* the slowest divider: UBRDIV 1 */
}

static void test_divisor_rejects_impossible_rates(void **state)
{
	struct samsung_uart_divisor div = { 0xdead, 0xbeef };

	assert_int_equal(samsung_uart_calc_divisor(66500000, 0, &div), -1);
	assert_int_equal(samsung_uart_calc_divisor(1000000, 115200, &div), -1);
	assert_int_equal(samsung_uart_calc_divisor(3199999, 100000, &div), -1);
	assert_int_equal(div.ubrdiv, 0xdead);
}

static void test_setup_programs_8n1_pclk_fifo_and_divisor(void **state)
{
	u32 ucon;

	samsung_uart_console_init(regs.reg);
	assert_int_equal(samsung_uart_setup(66500000, 115200), 0);
	assert_int_equal(fake_reg(&regs, ULCON), 0x3);
	ucon = fake_reg(&regs, UCON);
	assert_int_equal(ucon & 0x3, 1);			   /* RX: interrupt or polling */
	assert_int_equal((ucon >> 2) & 0x3, 1);			   /* TX: interrupt or polling */
	assert_int_equal((ucon >> 10) & 0x3, 0);		   /* clock: PCLK */
	assert_true(ucon & (1 << 8));				   /* level-triggered RX */
	assert_int_equal(fake_regs_last_write(&regs, UFCON), 0x7); /* FIFO on, both reset */
	assert_int_equal(fake_reg(&regs, UBRDIV), 35);
	assert_int_equal(fake_reg(&regs, UDIVSLOT), 0x0080);
	assert_int_equal(fake_reg(&regs, UINTM), 0xf); /* every source masked */
}

static void test_setup_refuses_impossible_baud_without_touching_the_uart(void **state)
{
	samsung_uart_console_init(regs.reg);
	fake_regs_clear_log(&regs);
	assert_int_equal(samsung_uart_setup(1000000, 115200), -1);
	assert_int_equal(regs.nr_log, 0);
}

/* The divider changes only once the last byte has left the shifter. */
static void test_setup_waits_for_the_transmitter_to_drain(void **state)
{
	int brdiv, done_read;

	samsung_uart_console_init(regs.reg);
	fake_regs_clear_log(&regs);
	dev.tx_busy_polls = 5;
	assert_int_equal(samsung_uart_setup(66500000, 115200), 0);
	assert_int_equal(dev.tx_busy_polls, 0);
	brdiv = fake_regs_find_write(&regs, UBRDIV, 0);
	done_read = fake_regs_find_read(&regs, UTRSTAT, 5); /* the sixth access: "done" */
	assert_int_equal(done_read, 5);
	assert_true(done_read >= 0 && brdiv > done_read);
	assert_int_equal(fake_regs_find_write(&regs, ULCON, 0) > done_read, true);
}

static void test_putc_waits_while_the_tx_fifo_is_full(void **state)
{
	fake_reg_set(&regs, UFCON, 1); /* FIFO on, as after setup */
	samsung_uart_console_init(regs.reg);
	fake_regs_clear_log(&regs);
	dev.tx_busy_polls = 3;
	console_write("ok\n", 3);
	assert_int_equal(dev.tx_len, 4);
	assert_memory_equal(dev.tx, "ok\r\n", 4);
	/* Three "full" answers, a fourth poll, then the first byte. */
	assert_int_equal(fake_regs_find_read(&regs, UFSTAT, 3), 3);
	assert_int_equal(fake_regs_find_write(&regs, UTXH, 0), 4);
	assert_int_equal(fake_regs_find_read(&regs, UTRSTAT, 0), -1);
}

/* A loader may leave the FIFO off: then UTRSTAT, not UFSTAT, says when to write. */
static void test_putc_without_fifo_polls_the_holding_register(void **state)
{
	samsung_uart_console_init(regs.reg);
	fake_regs_clear_log(&regs);
	dev.tx_busy_polls = 2;
	console_write("x", 1);
	assert_int_equal(dev.tx_len, 1);
	assert_int_equal(dev.tx[0], 'x');
	assert_int_equal(fake_regs_find_read(&regs, UFSTAT, 0), -1);
	assert_int_equal(fake_regs_find_read(&regs, UTRSTAT, 2), 2);
	assert_int_equal(fake_regs_find_write(&regs, UTXH, 0), 3);
}

static void test_polled_receive_follows_the_fifo_count(void **state)
{
	fake_reg_set(&regs, UFCON, 1);
	samsung_uart_console_init(regs.reg);
	assert_int_equal(console_trygetc(), -1);
	assert_int_equal(fake_regs_find_read(&regs, URXH, 0), -1); /* empty: not read */
	receive("ab");
	assert_int_equal(console_trygetc(), 'a');
	assert_int_equal(console_trygetc(), 'b');
	assert_int_equal(console_trygetc(), -1);
}

/* A full FIFO reads count 0 with the full bit set: that is 64 bytes, not none. */
static void test_polled_receive_reads_a_full_fifo(void **state)
{
	fake_reg_set(&regs, UFCON, 1);
	samsung_uart_console_init(regs.reg);
	receive("z");
	dev.rx_full = true;
	assert_int_equal(console_trygetc(), 'z');
}

static void test_polled_receive_without_fifo_uses_rx_ready(void **state)
{
	samsung_uart_console_init(regs.reg);
	assert_int_equal(console_trygetc(), -1);
	receive("q");
	assert_int_equal(console_trygetc(), 'q');
	assert_int_equal(fake_regs_find_read(&regs, UFSTAT, 0), -1);
}

static void test_enable_rx_irq_unmasks_only_receive(void **state)
{
	samsung_uart_console_init(regs.reg);
	assert_int_equal(samsung_uart_setup(66500000, 115200), 0);
	fake_regs_clear_log(&regs);
	assert_int_equal(samsung_uart_enable_rx_irq(UART_IRQ), 0);
	assert_true(host_irq_line_enabled());
	assert_int_equal(fake_regs_last_write(&regs, UINTM), 0xe); /* RXD unmasked */
	/* Stale pending bits are cleared before the source is unmasked. */
	assert_true(fake_regs_find_write(&regs, UINTP, 0) < fake_regs_find_write(&regs, UINTM, 0));
	/* A second driver on the same line is refused. */
	assert_int_equal(samsung_uart_enable_rx_irq(UART_IRQ), -1);
}

/* Level-triggered: drain every byte, then acknowledge. */
static void test_rx_interrupt_drains_the_fifo_then_acknowledges(void **state)
{
	int last_rx = -1, ack;
	unsigned int i, reads = 0;

	samsung_uart_console_init(regs.reg);
	assert_int_equal(samsung_uart_setup(66500000, 115200), 0);
	assert_int_equal(samsung_uart_enable_rx_irq(UART_IRQ), 0);
	receive("hi\n");
	fake_reg_set(&regs, UINTP, 1); /* RXD pending */
	fake_reg_set(&regs, UINTSP, 1);
	fake_regs_clear_log(&regs);
	handle_irq(NULL);

	assert_int_equal(irq_count(UART_IRQ), 1);
	assert_int_equal(rx_waiting(), 0);
	for (i = 0; i < regs.nr_log; i++) {
		if (!regs.log[i].write && regs.log[i].offset == URXH) {
			last_rx = (int)i;
			reads++;
		}
	}
	assert_int_equal(reads, 3);
	ack = fake_regs_find_write(&regs, UINTP, 0);
	assert_true(ack > last_rx);
	assert_int_equal(fake_reg(&regs, UINTP), 0);
	assert_int_equal(fake_reg(&regs, UINTSP), 0);
	/* The bytes are in the console ring, in order. */
	assert_int_equal(console_trygetc(), 'h');
	assert_int_equal(console_trygetc(), 'i');
	assert_int_equal(console_trygetc(), '\n');
	assert_int_equal(console_trygetc(), -1);
}

/* Enough bytes to fill the console's 1 KB ring and then some (a paste). */
static void receive_pattern(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		dev.rx[dev.rx_len++] = (char)('a' + i % 26);
}

/* Empty the console ring (shared by every test of this program). */
static void flush_console(void)
{
	while (console_trygetc() >= 0)
		;
}

static void raise_rx(void)
{
	fake_reg_set(&regs, UINTP, 1);
	fake_reg_set(&regs, UINTSP, 1);
	handle_irq(NULL);
}

static void test_full_ring_masks_rx_and_leaves_bytes_in_the_uart(void **state)
{
	unsigned int lost = console_rx_lost(), i;
	int c;

	samsung_uart_console_init(regs.reg);
	assert_int_equal(samsung_uart_setup(66500000, 115200), 0);
	assert_int_equal(samsung_uart_enable_rx_irq(UART_IRQ), 0);
	flush_console();
	receive_pattern(1100);
	raise_rx();
	/* The ring took 1024 bytes; the rest waits in the UART with RXD masked. */
	assert_int_equal(rx_waiting(), 1100 - 1024);
	assert_int_equal(fake_reg(&regs, UINTM) & UINT_RXD, UINT_RXD);
	for (i = 0; i < 511; i++)
		assert_int_equal(console_trygetc(), 'a' + i % 26);
	assert_int_equal(fake_reg(&regs, UINTM) & UINT_RXD, UINT_RXD); /* not yet half empty */
	assert_int_equal(console_trygetc(), 'a' + 511 % 26);
	/* Half empty: RXD unmasked and what waited in the UART drained, in order. */
	assert_int_equal(fake_reg(&regs, UINTM) & UINT_RXD, 0);
	assert_int_equal(rx_waiting(), 0);
	for (i = 512; i < 1100; i++) {
		c = console_trygetc();
		assert_int_equal(c, 'a' + i % 26);
	}
	assert_int_equal(console_trygetc(), -1);
	assert_int_equal(console_rx_lost(), lost);
}

static void test_uart_overrun_is_counted_as_lost_input(void **state)
{
	unsigned int lost = console_rx_lost();

	samsung_uart_console_init(regs.reg);
	assert_int_equal(samsung_uart_setup(66500000, 115200), 0);
	assert_int_equal(samsung_uart_enable_rx_irq(UART_IRQ), 0);
	flush_console();
	receive("x");
	fake_reg_set(&regs, UERSTAT, UERSTAT_OVERRUN);
	raise_rx();
	fake_reg_set(&regs, UERSTAT, 0);
	assert_int_equal(console_trygetc(), 'x');
	assert_int_equal(console_rx_lost(), lost + 1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_divisor_115200_at_66_5mhz),
		cmocka_unit_test(test_divisor_other_clocks_and_rates),
		cmocka_unit_test(test_divisor_rejects_impossible_rates),
		T(test_setup_programs_8n1_pclk_fifo_and_divisor),
		T(test_setup_refuses_impossible_baud_without_touching_the_uart),
		T(test_setup_waits_for_the_transmitter_to_drain),
		T(test_putc_waits_while_the_tx_fifo_is_full),
		T(test_putc_without_fifo_polls_the_holding_register),
		T(test_polled_receive_follows_the_fifo_count),
		T(test_polled_receive_reads_a_full_fifo),
		T(test_polled_receive_without_fifo_uses_rx_ready),
		T(test_enable_rx_irq_unmasks_only_receive),
		T(test_rx_interrupt_drains_the_fifo_then_acknowledges),
		T(test_full_ring_masks_rx_and_leaves_bytes_in_the_uart),
		T(test_uart_overrun_is_counted_as_lost_input),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
