/*
 * The fixture of the line-editor host tests (tests/host/test_line_editor*.c): an editor
 * heap-allocated with its exact size so ASan reports any write past it, its echo captured
 * through the output callback, and feed helpers that check the length invariant
 * (len <= LINE_MAX, NUL terminated) after every byte.
 */
#ifndef TESTS_HOST_LINE_EDITOR_FIXTURE_H
#define TESTS_HOST_LINE_EDITOR_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <lib/line_editor.h>

#define UP    "\x1b[A"
#define DOWN  "\x1b[B"
#define ERASE "\b \b"

struct capture {
	char buf[64 * 1024];
	size_t len;
};

struct fixture {
	struct line_editor *le;
	struct capture out;
};

static void capture_out(const char *s, unsigned int n, void *ctx)
{
	struct capture *c = ctx;

	assert_true(c->len + n < sizeof(c->buf));
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->le = malloc(sizeof(*f->le));
	le_init(f->le, capture_out, &f->out);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->le);
	free(f);
	return 0;
}

static void clear_output(struct fixture *f)
{
	f->out.len = 0;
	f->out.buf[0] = '\0';
}

static void check_invariant(const struct line_editor *le)
{
	assert_true(le->len <= LINE_MAX);
	assert_int_equal(le->line[le->len], '\0');
	assert_int_equal(strlen(le->line), le->len);
}

/*
 * Feed every byte of @s (length @n). All but the last must return LE_CONTINUE, unless a
 * result is reported earlier; returns the last result.
 */
static enum le_result feed_n(struct fixture *f, const char *s, size_t n)
{
	enum le_result r = LE_CONTINUE;
	size_t i;

	for (i = 0; i < n; i++) {
		r = le_feed(f->le, s[i]);
		check_invariant(f->le);
		if (i + 1 < n && r != LE_CONTINUE)
			fail_msg("byte %zu (0x%02x) of the input returned %d early", i,
				 (unsigned char)s[i], r);
	}
	return r;
}

static enum le_result feed(struct fixture *f, const char *s)
{
	return feed_n(f, s, strlen(s));
}

/* Type @s and Enter; expect a line equal to @s; reset for the next one, as the shell does. */
static void enter_line(struct fixture *f, const char *s)
{
	assert_int_equal(feed(f, s), LE_CONTINUE);
	assert_int_equal(feed(f, "\r"), LE_LINE);
	assert_string_equal(f->le->line, s);
	le_reset(f->le);
}

#endif
