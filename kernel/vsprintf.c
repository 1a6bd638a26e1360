/*
 * vscnprintf: newlib's vsnprintf plus the kernel's symbol pointers, %pS ("function+0xoff/
 * 0xsize") and %ps ("function"). newlib cannot be taught a conversion, so the format is
 * walked here one conversion at a time: each is handed to snprintf with its own argument,
 * taken from the va_list by the type its length modifier and conversion name, and %pS /
 * %ps are formatted by kallsyms instead. Every other conversion prints exactly as
 * vsnprintf would print it. Not a hot path: printk and reports only.
 */
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SPEC_MAX 24 /* "%-+ #0" flags, width, precision, length, conversion */

/* Append @n bytes of @s to @buf (@len used of @size), truncating; returns the new length. */
static size_t append(char *buf, size_t size, size_t len, const char *s, size_t n)
{
	if (len + 1 >= size)
		return len;
	if (n > size - 1 - len)
		n = size - 1 - len;
	memcpy(buf + len, s, n);
	buf[len + n] = '\0';
	return len + n;
}

/* snprintf's result clamped to what it actually wrote into @room bytes. */
static size_t written(int n, size_t room)
{
	if (n < 0 || room == 0)
		return 0;
	return (size_t)n < room ? (size_t)n : room - 1;
}

/**
 * vscnprintf - vsnprintf with the kernel's symbol pointers
 * @buf: where the text goes (always NUL-terminated when @size > 0)
 * @size: its size
 * @fmt: a printf format; %pS prints a code address as "function+0xoff/0xsize", %ps as
 *	 "function" (kallsyms), as Linux's do
 * @args: the arguments
 *
 * Return: the number of characters written into @buf, without the NUL.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	size_t len = 0;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	while (*fmt) {
		const char *start = fmt, *p;
		char spec[SPEC_MAX + 1], conv, lenmod = 0;
		int stars[2], nstars = 0, n = 0;
		size_t room;

		if (*fmt != '%') {
			p = strchr(fmt, '%');
			if (!p)
				p = fmt + strlen(fmt);
			len = append(buf, size, len, fmt, (size_t)(p - fmt));
			fmt = p;
			continue;
		}
		p = fmt + 1;
		while (*p && strchr("-+ #0", *p))
			p++;
		if (*p == '*') {
			stars[nstars++] = va_arg(args, int);
			p++;
		}
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '.') {
			p++;
			if (*p == '*') {
				stars[nstars++] = va_arg(args, int);
				p++;
			}
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == 'h' || *p == 'l') {
			lenmod = *p++;
			if (*p == lenmod) /* hh, ll */
				lenmod = (char)(*p++ == 'l' ? 'q' : 'H');
		} else if (*p && strchr("jztL", *p)) {
			lenmod = *p++;
		}
		conv = *p;
		if (!conv) { /* a lone '%' at the end: print it as is */
			len = append(buf, size, len, start, strlen(start));
			break;
		}
		fmt = p + 1;
		if (conv == 'p' && (*fmt == 'S' || *fmt == 's')) {
			char sym[KSYM_SYMBOL_LEN];
			unsigned long addr = (unsigned long)va_arg(args, void *);
			int k = *fmt++ == 'S' ? sprint_symbol(sym, addr)
					      : sprint_symbol_no_offset(sym, addr);

			len = append(buf, size, len, sym, (size_t)k);
			continue;
		}
		if (fmt - start > SPEC_MAX) { /* no real conversion is this long */
			len = append(buf, size, len, start, (size_t)(fmt - start));
			continue;
		}
		memcpy(spec, start, (size_t)(fmt - start));
		spec[fmt - start] = '\0';
		room = size - len;

/* One conversion of @spec with the '*' values taken above, then its argument. */
#define EMIT(arg)                                                       \
	(nstars == 0   ? snprintf(buf + len, room, spec, arg)           \
	 : nstars == 1 ? snprintf(buf + len, room, spec, stars[0], arg) \
		       : snprintf(buf + len, room, spec, stars[0], stars[1], arg))

		switch (conv) {
		case 'd':
		case 'i':
		case 'u':
		case 'o':
		case 'x':
		case 'X':
		case 'c':
			if (lenmod == 'q')
				n = EMIT(va_arg(args, long long));
			else if (lenmod == 'l')
				n = EMIT(va_arg(args, long));
			else if (lenmod == 'j')
				n = EMIT(va_arg(args, intmax_t));
			else if (lenmod == 'z')
				n = EMIT(va_arg(args, size_t));
			else if (lenmod == 't')
				n = EMIT(va_arg(args, ptrdiff_t));
			else
				n = EMIT(va_arg(args, int));
			break;
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
			if (lenmod == 'L')
				n = EMIT(va_arg(args, long double));
			else
				n = EMIT(va_arg(args, double));
			break;
		case 's':
		case 'p':
			n = EMIT(va_arg(args, void *));
			break;
		case 'n': /* would count within one conversion only: consumed, not written */
			(void)va_arg(args, void *);
			continue;
		case '%':
			n = (int)append(buf, size, len, "%", 1) - (int)len;
			break;
		default: /* unknown: printed literally, consumes nothing */
			len = append(buf, size, len, spec, strlen(spec));
			continue;
		}
#undef EMIT
		len += written(n, room);
	}
	return (int)len;
}
