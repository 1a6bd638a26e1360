/* GFP flag names: parsing for the shell and decoding for reports. */
#include <lib/parse.h>
#include <mm/gfp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct gfp_name {
	const char *name;
	gfp_t flags;
};

/* Composites first, widest first, so gfp_format() names a mask the way Linux would. */
static const struct gfp_name gfp_names[] = {
	{ "GFP_HIGHUSER", GFP_HIGHUSER },
	{ "GFP_USER", GFP_USER },
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_NOFS", GFP_NOFS },
	{ "GFP_NOIO", GFP_NOIO },
	{ "GFP_ATOMIC", GFP_ATOMIC },
	{ "GFP_DMA", GFP_DMA },
	{ "__GFP_DMA", __GFP_DMA },
	{ "__GFP_HIGHMEM", __GFP_HIGHMEM },
	{ "__GFP_WAIT", __GFP_WAIT },
	{ "__GFP_DIRECT_RECLAIM", __GFP_DIRECT_RECLAIM },
	{ "__GFP_HIGH", __GFP_HIGH },
	{ "__GFP_IO", __GFP_IO },
	{ "__GFP_FS", __GFP_FS },
	{ "__GFP_COLD", __GFP_COLD },
	{ "__GFP_NOWARN", __GFP_NOWARN },
	{ "__GFP_REPEAT", __GFP_REPEAT },
	{ "__GFP_NOFAIL", __GFP_NOFAIL },
	{ "__GFP_NORETRY", __GFP_NORETRY },
	{ "__GFP_ZERO", __GFP_ZERO },
	{ "__GFP_HARDWALL", __GFP_HARDWALL },
	{ "GFP_NOWAIT", GFP_NOWAIT },
};

static int gfp_lookup(const char *s, size_t len, u32 *out)
{
	size_t i;
	char *end;
	unsigned long v;

	for (i = 0; i < sizeof(gfp_names) / sizeof(gfp_names[0]); i++) {
		if (strlen(gfp_names[i].name) == len && !strncasecmp(s, gfp_names[i].name, len)) {
			*out = gfp_names[i].flags;
			return 0;
		}
	}
	/* A number: decimal or 0x hex, never octal (a leading zero is still decimal). */
	if (len > 0 && s[0] >= '0' && s[0] <= '9') {
		char tmp[16];
		int base = 10;

		if (len >= sizeof(tmp))
			return -1;
		memcpy(tmp, s, len);
		tmp[len] = '\0';
		if (len > 2 && (tmp[1] == 'x' || tmp[1] == 'X') && tmp[0] == '0')
			base = 16;
		v = strtoul(base == 16 ? tmp + 2 : tmp, &end, base);
		if (*end == '\0' && !(v & ~(unsigned long)__GFP_BITS_MASK) &&
		    (base == 10 || (tmp[2] != '-' && tmp[2] != '+' && tmp[2] != ' '))) {
			*out = (gfp_t)v;
			return 0;
		}
	}
	return -1;
}

/**
 * gfp_parse - parse flag names joined by '|', case-insensitive ("GFP_KERNEL|__GFP_ZERO")
 * Also accepts a number (decimal or 0x hex). Return: 0, or -1 on any unknown name.
 */
int gfp_parse(const char *s, gfp_t *out)
{
	return parse_flag_list(s, gfp_lookup, out);
}

/**
 * gfp_format - the flags as names, composites first ("GFP_KERNEL|__GFP_ZERO")
 * Return: @buf.
 */
char *gfp_format(gfp_t gfp, char *buf, size_t len)
{
	size_t i, n = 0;
	gfp_t left = gfp;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < sizeof(gfp_names) / sizeof(gfp_names[0]) && left; i++) {
		gfp_t f = gfp_names[i].flags;

		if (!f || (left & f) != f)
			continue;
		/* A composite is named only when all its bits are still unexplained. */
		n += snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? "|" : "",
			      gfp_names[i].name);
		left &= ~f;
	}
	if (left)
		n += snprintf(buf + n, n < len ? len - n : 0, "%s0x%x", n ? "|" : "", left);
	if (n == 0)
		snprintf(buf, len, "GFP_NOWAIT");
	return buf;
}
