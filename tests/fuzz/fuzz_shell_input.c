/*
 * libFuzzer target: arbitrary bytes typed at the shell. Every byte goes through the line
 * editor; every completed line is split and each word is given to every argument parser
 * (number, size, address, GFP mask). Sanitizers catch any overflow; the asserts pin the
 * editor's bounds.
 */
#include <assert.h>
#include <lib/line_editor.h>
#include <lib/parse.h>
#include <mm/gfp.h>
#include <stdint.h>
#include <string.h>

static unsigned long echoed;

static void out(const char *s, unsigned int n, void *ctx)
{
	echoed += n;
}

static void parse_line(char *line)
{
	char *argv[17];
	int argc = split_args(line, argv, 16), i;
	u32 v;
	gfp_t g;
	char buf[160];

	for (i = 0; i < argc; i++) {
		parse_u32(argv[i], &v);
		parse_size(argv[i], &v);
		parse_addr(argv[i], &v);
		if (!gfp_parse(argv[i], &g))
			gfp_format(g, buf, sizeof(buf));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct line_editor le;
	size_t i;

	le_init(&le, out, NULL);
	for (i = 0; i < size; i++) {
		enum le_result r = le_feed(&le, (char)data[i]);

		assert(le.len <= LINE_MAX);
		if (r == LE_LINE) {
			assert(strlen(le.line) == le.len);
			parse_line(le.line);
		}
		if (r != LE_CONTINUE)
			le_reset(&le);
	}
	return 0;
}
