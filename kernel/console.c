/* Console output and the interrupt-fed input ring (see <kernel/console.h>). */
#include <asm/irqflags.h>
#include <kernel/console.h>
#include <lib/ringbuf.h>
#include <string.h>

static const struct console_driver *console;
static bool rx_irq;
static u8 rx_storage[1024];
static struct ringbuf rx_ring;
static volatile bool ctrl_c_seen;

void console_register(const struct console_driver *drv)
{
	if (!rx_ring.buf)
		ringbuf_init(&rx_ring, rx_storage, sizeof(rx_storage));
	console = drv;
}

void console_set_rx_irq(bool enabled)
{
	rx_irq = enabled;
}

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

void console_puts(const char *s)
{
	console_write(s, (unsigned int)strlen(s));
}

void console_rx_char(u8 c)
{
	if (c == 0x03)
		ctrl_c_seen = true;
	ringbuf_put(&rx_ring, c);
}

int console_trygetc(void)
{
	u8 c;

	if (!rx_irq)
		return console && console->poll_getc ? console->poll_getc() : -1;
	return ringbuf_get(&rx_ring, &c) ? c : -1;
}

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
		cpu_wait_for_interrupt();
		arch_local_irq_restore(flags);
	}
}

bool console_interrupted(void)
{
	return ctrl_c_seen;
}

void console_clear_interrupted(void)
{
	ctrl_c_seen = false;
}

unsigned int console_rx_dropped(void)
{
	return rx_ring.dropped;
}
