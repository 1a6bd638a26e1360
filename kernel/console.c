/*
 * Console output and the interrupt-fed input ring (see <kernel/console.h>).
 *
 * No input byte is dropped silently. When the ring is full the UART driver stops taking
 * bytes from its FIFO and masks its receive interrupt (console_rx_full() says so), so the
 * UART - or, under QEMU, the emulator and the host terminal behind it - holds the rest of
 * a paste back; the reader unmasks it once the ring is half empty. Bytes that are lost
 * all the same (a real UART without flow control overruns its FIFO) are counted and
 * reported by the shell at its next prompt.
 */
#include <asm/irqflags.h>
#include <kernel/console.h>
#include <lib/ringbuf.h>
#include <string.h>

static const struct console_driver *console;
static bool rx_irq;
static u8 rx_storage[1024];
static struct ringbuf rx_ring;
static volatile bool ctrl_c_seen;
static volatile bool rx_throttled;	  /* the driver masked its RX interrupt: ring full */
static volatile unsigned int rx_overruns; /* bytes the UART itself lost */

/**
 * console_register - make @drv the console
 * @drv: the UART driver; may replace an earlier one (boot window, then FIXMAP)
 *
 * The input ring is set up on the first call.
 */
void console_register(const struct console_driver *drv)
{
	if (!rx_ring.buf)
		ringbuf_init(&rx_ring, rx_storage, sizeof(rx_storage));
	console = drv;
}

/**
 * console_set_rx_irq - tell the console whether the receive interrupt fills the ring
 * @enabled: true once the driver's interrupt is running; false to poll
 */
void console_set_rx_irq(bool enabled)
{
	rx_irq = enabled;
}

/**
 * console_write - write bytes to the console
 * @s: the bytes
 * @n: how many; "\n" is sent as CR LF
 */
void console_write(const char *s, unsigned int n)
{
	if (!console)
		return;
	while (n--) {
		if (*s == '\n')
			console->putc('\r');
		console->putc(*s++);
	}
}

/**
 * console_puts - write a NUL-terminated string to the console
 * @s: the string; "\n" is sent as CR LF
 */
void console_puts(const char *s)
{
	console_write(s, (unsigned int)strlen(s));
}

/**
 * console_rx_full - may the RX interrupt take another byte from the UART?
 *
 * Called by a driver's receive interrupt before each byte. When it answers true the
 * driver must leave the byte in the UART and mask its receive interrupt: the console
 * calls the driver's rx_resume() once the reader has made room.
 */
bool console_rx_full(void)
{
	if (ringbuf_count(&rx_ring) < rx_ring.size)
		return false;
	rx_throttled = true;
	return true;
}

/**
 * console_rx_char - queue one received byte, from the UART's receive interrupt
 * @c: the byte; Ctrl-C also marks the console interrupted
 *
 * A byte that finds the ring full is counted as lost.
 */
void console_rx_char(u8 c)
{
	if (c == 0x03)
		ctrl_c_seen = true;
	ringbuf_put(&rx_ring, c); /* counted in rx_ring.dropped if a driver ignored rx_full */
}

/**
 * console_rx_overrun - count bytes the UART itself lost
 * @n: how many (a UART overrun flag counts as one)
 */
void console_rx_overrun(unsigned int n)
{
	rx_overruns += n;
}

/* Reader side, IRQs masked: give the driver its interrupt back once half the ring is free. */
static void rx_unthrottle(void)
{
	if (rx_throttled && ringbuf_count(&rx_ring) <= rx_ring.size / 2) {
		rx_throttled = false;
		if (console->rx_resume)
			console->rx_resume();
	}
}

/**
 * console_trygetc - take the next input byte without waiting
 *
 * Return: the byte, or -1 when none is waiting.
 */
int console_trygetc(void)
{
	unsigned long flags;
	bool got;
	u8 c;

	if (!rx_irq)
		return console && console->poll_getc ? console->poll_getc() : -1;
	flags = arch_local_irq_save();
	got = ringbuf_get(&rx_ring, &c);
	rx_unthrottle();
	arch_local_irq_restore(flags);
	return got ? c : -1;
}

static void wait_for_interrupt(void)
{
	cpu_wait_for_interrupt();
}

void (*console_idle_wait)(void) = wait_for_interrupt;

/**
 * console_getc - wait for the next input byte
 *
 * Sleeps (wfi) while the input ring is empty; before the receive interrupt is running it
 * polls the UART.
 *
 * Return: the byte.
 */
int console_getc(void)
{
	int c;

	/* Check, then sleep with IRQs masked: a byte arriving in between still wakes wfi. */
	for (;;) {
		unsigned long flags = arch_local_irq_save();

		c = console_trygetc();
		if (c >= 0 || !rx_irq) {
			arch_local_irq_restore(flags);
			if (c >= 0)
				return c;
			continue;
		}
		console_idle_wait();
		arch_local_irq_restore(flags);
	}
}

/**
 * console_interrupted - whether a Ctrl-C has arrived since the last clear
 *
 * Return: true after a Ctrl-C, until console_clear_interrupted().
 */
bool console_interrupted(void)
{
	return ctrl_c_seen;
}

/**
 * console_clear_interrupted - forget a Ctrl-C seen on the console
 */
void console_clear_interrupted(void)
{
	ctrl_c_seen = false;
}

/**
 * console_rx_lost - input bytes lost since boot
 *
 * Return: the number of bytes lost to a full ring or a UART overrun; it only grows.
 */
unsigned int console_rx_lost(void)
{
	return rx_ring.dropped + rx_overruns;
}
