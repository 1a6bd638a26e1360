/* Strict number, size and address parsing for the shell (see <lib/parse.h>). */
#include <lib/parse.h>
#include <string.h>

static int digit_value(char c, unsigned int base)
{
	unsigned int v;

	if (c >= '0' && c <= '9')
		v = (unsigned int)(c - '0');
	else if (c >= 'a' && c <= 'f')
		v = (unsigned int)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'F')
		v = (unsigned int)(c - 'A' + 10);
	else
		return -1;
	return v < base ? (int)v : -1;
}

/* Parse digits of @s up to @end (exclusive); no prefix, no sign. */
static int parse_digits(const char *s, const char *end, unsigned int base, u32 *out)
{
	u64 acc = 0;
	int d;

	if (s == end)
		return -1;
	for (; s < end; s++) {
		d = digit_value(*s, base);
		if (d < 0)
			return -1;
		acc = acc * base + (unsigned int)d;
		if (acc > 0xffffffffull)
			return -1;
	}
	*out = (u32)acc;
	return 0;
}

static int parse_number_span(const char *s, const char *end, u32 *out)
{
	if (end - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_digits(s + 2, end, 16, out);
	return parse_digits(s, end, 10, out);
}

static const char *str_end(const char *s)
{
	while (*s)
		s++;
	return s;
}

/**
 * parse_u32 - parse a decimal or 0x-prefixed hex number
 * @s: the text; no sign, no octal (a leading zero is decimal)
 * @out: set on success
 *
 * Return: 0, or -1 when @s is not a number or does not fit in 32 bits.
 */
int parse_u32(const char *s, u32 *out)
{
	if (!s)
		return -1;
	return parse_number_span(s, str_end(s), out);
}

/**
 * parse_addr - parse an address typed at the shell
 * @s: the text, as parse_u32() takes it
 * @out: set on success
 *
 * Return: 0, or -1 when @s is not a 32-bit number.
 */
int parse_addr(const char *s, u32 *out)
{
	return parse_u32(s, out);
}

/**
 * parse_size - parse a size with an optional K or M suffix
 * @s: decimal or 0x hex, then K or M in either case
 * @out: set on success
 *
 * The result must fit in 32 bits. A hex digit is never taken as the suffix.
 *
 * Return: 0 or -1.
 */
int parse_size(const char *s, u32 *out)
{
	const char *end;
	unsigned int shift = 0;
	u32 v;

	if (!s || !*s)
		return -1;
	end = str_end(s);
	switch (end[-1]) {
	case 'k':
	case 'K':
		shift = 10;
		end--;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end--;
		break;
	}
	/* "0x10k" is fine; but a hex digit can't double as the suffix, so "0x1b" is a byte count.
	 */
	if (parse_number_span(s, end, &v))
		return -1;
	if (shift && v > (0xffffffffu >> shift))
		return -1;
	*out = v << shift;
	return 0;
}

/**
 * split_args - split a line in place into words
 * @line: the line; spaces and tabs become NULs
 * @argv: receives the words
 * @max: room in @argv
 *
 * Return: the number of words, or -1 when there are more than @max.
 */
int split_args(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			return argc;
		if (argc == max)
			return -1;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
}

/**
 * parse_flag_list - parse "NAME|NAME|..." and OR the values
 * @s: the list; an empty name (leading, trailing or doubled '|') is refused
 * @lookup: sets *flags for one name of @len characters; returns 0, or -1 when unknown
 * @out: set on success
 *
 * Return: 0 or -1.
 */
int parse_flag_list(const char *s, int (*lookup)(const char *tok, size_t len, u32 *flags), u32 *out)
{
	const char *bar;
	u32 acc = 0, f;
	size_t len;

	if (!s || !*s)
		return -1;
	for (;;) {
		bar = strchr(s, '|');
		len = bar ? (size_t)(bar - s) : strlen(s);
		if (!len || lookup(s, len, &f))
			return -1; /* "A||B", "|A", "A|": an empty name is a typo, not nothing */
		acc |= f;
		if (!bar)
			break;
		s = bar + 1;
	}
	*out = acc;
	return 0;
}
