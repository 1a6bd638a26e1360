/*
 * The console: one output driver (polled), and an input ring filled by the UART's
 * receive interrupt. Ctrl-C is also latched as a "stop" request for long commands.
 * Input flow control: a driver's RX interrupt asks console_rx_full() before taking each
 * byte; on true it masks its interrupt and leaves the bytes in the UART until the console
 * calls its rx_resume(). Lost bytes (hardware overruns) are counted, never hidden.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <kernel/types.h>

struct console_driver {
	const char *name;
	void (*putc)(char c);
	int (*poll_getc)(void); /* -1 when nothing is waiting */
	/*
	 * Unmask the RX interrupt masked when console_rx_full() said true, and drain what
	 * waits in the UART (an edge may have been consumed already). IRQs are masked.
	 */
	void (*rx_resume)(void);
};

void console_register(const struct console_driver *drv);
void console_set_rx_irq(bool enabled);		   /* the driver now feeds console_rx_char() */
void console_write(const char *s, unsigned int n); /* "\n" becomes "\r\n" */
void console_puts(const char *s);
bool console_rx_full(void);		 /* RX interrupt: true = stop, mask RX */
void console_rx_char(u8 c);		 /* called from the RX interrupt */
void console_rx_overrun(unsigned int n); /* the UART reported n lost bytes */
/*
 * How console_getc() waits for input, IRQs masked: wfi; once processes exist, the
 * scheduler's sched_idle_wait() (kernel/sched.c), so that they run meanwhile.
 */
extern void (*console_idle_wait)(void);
int console_getc(void);		/* blocks (wfi) until a byte arrives */
int console_trygetc(void);	/* -1 when nothing is waiting */
bool console_interrupted(void); /* Ctrl-C arrived since the last clear */
void console_clear_interrupted(void);
/* Input bytes lost since boot (ring overflow or UART overrun); only ever grows. */
unsigned int console_rx_lost(void);

#endif
