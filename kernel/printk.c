/*
 * printk: format with vscnprintf (newlib's vsnprintf plus %pS) into one buffer and write it to the console.
 * A leading KERN_<LEVEL> picks the level; messages above console_loglevel are dropped.
 * Interrupts are masked while the shared buffer is in use, so handlers may printk too.
 */
#include <asm/irqflags.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <stdio.h>

int console_loglevel = 7; /* everything up to KERN_INFO is shown; KERN_DEBUG is not */

static char printk_buf[512];

int vprintk(const char *fmt, va_list args)
{
	unsigned long flags = arch_local_irq_save();
	int level = LOGLEVEL_DEFAULT, level_char, n;
	const char *text;

	n = vscnprintf(printk_buf, sizeof(printk_buf), fmt, args);
	level_char = printk_get_level(printk_buf);
	if (level_char)
		level = level_char - '0';
	text = printk_skip_level(printk_buf);
	n -= text - printk_buf;
	if (level < console_loglevel && n > 0)
		console_write(text, (unsigned int)n);
	arch_local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
