/*
 * The console: one output driver (polled), and an input ring filled by the UART's
 * receive interrupt. Ctrl-C is also latched as a "stop" request for long commands.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <kernel/types.h>

struct console_driver {
	const char *name;
	void (*putc)(char c);
	int (*poll_getc)(void);	/* -1 when nothing is waiting */
};

void console_register(const struct console_driver *drv);
void console_set_rx_irq(bool enabled);	/* the driver now feeds console_rx_char() */
void console_write(const char *s, unsigned int n); /* "\n" becomes "\r\n" */
void console_puts(const char *s);
void console_rx_char(u8 c);		/* called from the RX interrupt */
int console_getc(void);			/* blocks (wfi) until a byte arrives */
int console_trygetc(void);		/* -1 when nothing is waiting */
bool console_interrupted(void);		/* Ctrl-C arrived since the last clear */
void console_clear_interrupted(void);
unsigned int console_rx_dropped(void);

#endif
