/*
 * printk for host tests: messages (without their KERN_ level prefix) are appended to a
 * buffer the tests search; HOST_PRINTK=1 echoes them to stderr. panic() aborts. Formats
 * go through the firmware's vscnprintf(); %pS prints a bare address, as Linux's does
 * without kallsyms (the host binary has no symbol table of ours).
 */
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm_host.h"

#define LOG_SIZE (1UL << 20)

int console_loglevel = 7;

static char log_buf[LOG_SIZE];
static size_t log_len;

int vprintk(const char *fmt, va_list args)
{
	char line[2048];
	int n = vscnprintf(line, sizeof(line), fmt, args);
	const char *s = printk_skip_level(line);
	size_t len;

	len = strlen(s);
	if (log_len + len < LOG_SIZE) {
		memcpy(log_buf + log_len, s, len + 1);
		log_len += len;
	}
	if (getenv("HOST_PRINTK"))
		fputs(s, stderr);
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

int sprint_symbol(char *buf, unsigned long addr)
{
	return snprintf(buf, KSYM_SYMBOL_LEN, "0x%08lx", addr);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	return sprint_symbol(buf, addr);
}

/* No frame walker of ours on the host: ASan reports carry the host's own backtraces. */
void dump_stack(void)
{
}

void panic(const char *fmt, ...)
{
	va_list ap;

	fputs("Kernel panic - not syncing: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void host_log_clear(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

const char *host_log(void)
{
	return log_buf;
}

bool host_log_contains(const char *needle)
{
	return strstr(log_buf, needle) != NULL;
}

unsigned int host_log_count(const char *needle)
{
	unsigned int n = 0;
	const char *p = log_buf;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}
