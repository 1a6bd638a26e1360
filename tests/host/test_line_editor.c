/*
 * Host tests for lib/line_editor.c, the shell's byte-at-a-time line editor. Bytes are
 * fed as the UART would deliver them; what the editor echoes is captured through its
 * output callback. The editor is heap-allocated with its exact size so ASan reports any
 * write past it, and every feed checks the length invariant (len <= LINE_MAX, NUL
 * terminated).
 */
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

static void test_typed_line_is_returned_on_cr(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "help md\r"), LE_LINE);
	assert_string_equal(f->le->line, "help md");
	assert_int_equal(f->le->len, 7);
}

static void test_typed_line_is_returned_on_lf(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "version\n"), LE_LINE);
	assert_string_equal(f->le->line, "version");
}

static void test_crlf_gives_one_line_not_two(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "md 0x0\r"), LE_LINE);
	assert_string_equal(f->le->line, "md 0x0");
	le_reset(f->le);
	assert_int_equal(le_feed(f->le, '\n'), LE_CONTINUE);
	assert_int_equal(f->le->len, 0);
	enter_line(f, "next");
}

static void test_empty_lines_with_crlf_count_once_each(void **state)
{
	struct fixture *f = *state;
	const char *s = "\r\n\r\n\r\n";
	int lines = 0;

	for (; *s; s++) {
		enum le_result r = le_feed(f->le, *s);

		if (r == LE_LINE) {
			assert_string_equal(f->le->line, "");
			lines++;
			le_reset(f->le);
		} else {
			assert_int_equal(r, LE_CONTINUE);
		}
	}
	assert_int_equal(lines, 3);
}

static void test_lf_after_other_input_ends_a_line(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "\r"), LE_LINE);
	le_reset(f->le);
	/* the LF is only swallowed right after CR */
	assert_int_equal(feed(f, "x\n"), LE_LINE);
	assert_string_equal(f->le->line, "x");
}

static void test_typed_characters_are_echoed_and_enter_echoes_crlf(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "abc\r"), LE_LINE);
	assert_string_equal(f->out.buf, "abc\r\n");
}

static void test_backspace_bs_removes_last_char_and_emits_erase(void **state)
{
	struct fixture *f = *state;

	feed(f, "versiox");
	clear_output(f);
	assert_int_equal(le_feed(f->le, '\b'), LE_CONTINUE);
	assert_string_equal(f->out.buf, ERASE);
	assert_string_equal(f->le->line, "versio");
	assert_int_equal(feed(f, "n\r"), LE_LINE);
	assert_string_equal(f->le->line, "version");
}

static void test_backspace_del_removes_last_char_and_emits_erase(void **state)
{
	struct fixture *f = *state;

	feed(f, "ab");
	clear_output(f);
	assert_int_equal(le_feed(f->le, 0x7f), LE_CONTINUE);
	assert_int_equal(le_feed(f->le, 0x7f), LE_CONTINUE);
	assert_string_equal(f->out.buf, ERASE ERASE);
	assert_int_equal(f->le->len, 0);
}

static void test_backspace_on_empty_line_does_nothing(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "\b\x7f\b"), LE_CONTINUE);
	assert_int_equal(f->out.len, 0);
	assert_int_equal(f->le->len, 0);
	feed(f, "a\b\b\x7f");
	assert_string_equal(f->out.buf, "a" ERASE);
	assert_int_equal(feed(f, "b\r"), LE_LINE);
	assert_string_equal(f->le->line, "b");
}

static void test_ctrl_u_clears_the_line(void **state)
{
	struct fixture *f = *state;

	feed(f, "abc");
	clear_output(f);
	assert_int_equal(le_feed(f->le, 0x15), LE_CONTINUE);
	assert_string_equal(f->out.buf, ERASE ERASE ERASE);
	assert_int_equal(f->le->len, 0);
	assert_int_equal(feed(f, "help\r"), LE_LINE);
	assert_string_equal(f->le->line, "help");
}

static void test_ctrl_c_returns_cancel_and_emits_caret_c(void **state)
{
	struct fixture *f = *state;

	feed(f, "versi");
	clear_output(f);
	assert_int_equal(le_feed(f->le, 0x03), LE_CANCEL);
	assert_non_null(strstr(f->out.buf, "^C"));
	assert_int_equal(f->le->len, 0);
	assert_string_equal(f->le->line, "");
	/* the next line starts empty */
	assert_int_equal(feed(f, "uptime\r"), LE_LINE);
	assert_string_equal(f->le->line, "uptime");
}

static void test_cancelled_line_is_not_added_to_history(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "first");
	feed(f, "abandoned");
	assert_int_equal(le_feed(f->le, 0x03), LE_CANCEL);
	assert_int_equal(feed(f, UP "\r"), LE_LINE);
	assert_string_equal(f->le->line, "first");
}

static void test_256_char_line_is_accepted(void **state)
{
	struct fixture *f = *state;
	char s[LINE_MAX + 1];

	memset(s, 'a', LINE_MAX);
	s[LINE_MAX] = '\0';
	assert_int_equal(feed(f, s), LE_CONTINUE);
	assert_int_equal(f->out.len, LINE_MAX);
	assert_int_equal(feed(f, "\r"), LE_LINE);
	assert_int_equal(f->le->len, LINE_MAX);
	assert_string_equal(f->le->line, s);
}

static void test_257_char_line_is_refused_on_enter(void **state)
{
	struct fixture *f = *state;
	char s[LINE_MAX + 2];

	memset(s, 'b', LINE_MAX + 1);
	s[LINE_MAX + 1] = '\0';
	assert_int_equal(feed(f, s), LE_CONTINUE);
	assert_int_equal(feed(f, "\r"), LE_TOOLONG);
	/* refused, and the editor is ready for a new line */
	assert_int_equal(f->le->len, 0);
	enter_line(f, "version");
}

static void test_very_long_line_never_overflows_the_buffer(void **state)
{
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < 10 * LINE_MAX; i++) {
		assert_int_equal(le_feed(f->le, (char)('!' + i % 90)), LE_CONTINUE);
		check_invariant(f->le);
	}
	/* only what fit was echoed */
	assert_int_equal(f->out.len, LINE_MAX);
	assert_int_equal(feed(f, "\n"), LE_TOOLONG);
	assert_int_equal(f->le->len, 0);
}

static void test_backspace_does_not_unrefuse_a_too_long_line(void **state)
{
	struct fixture *f = *state;
	char s[LINE_MAX + 6];

	memset(s, 'c', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	feed(f, s);
	/* five backspaces would bring the count back to 256, but the line is already lost */
	feed(f, "\b\b\b\b\b");
	assert_int_equal(feed(f, "\r"), LE_TOOLONG);
}

static void test_ctrl_u_clears_a_too_long_line(void **state)
{
	struct fixture *f = *state;
	char s[LINE_MAX + 10];

	memset(s, 'd', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	feed(f, s);
	assert_int_equal(le_feed(f->le, 0x15), LE_CONTINUE);
	enter_line(f, "ok");
}

static void test_too_long_line_is_not_added_to_history(void **state)
{
	struct fixture *f = *state;
	char s[LINE_MAX + 2];

	enter_line(f, "short");
	memset(s, 'e', LINE_MAX + 1);
	s[LINE_MAX + 1] = '\0';
	feed(f, s);
	assert_int_equal(feed(f, "\r"), LE_TOOLONG);
	assert_int_equal(feed(f, UP "\r"), LE_LINE);
	assert_string_equal(f->le->line, "short");
}

static void test_up_arrow_recalls_the_previous_line(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "version");
	clear_output(f);
	assert_int_equal(feed(f, UP), LE_CONTINUE);
	assert_string_equal(f->le->line, "version");
	assert_string_equal(f->out.buf, "version"); /* the recalled line is shown */
	assert_int_equal(feed(f, "\r"), LE_LINE);
	assert_string_equal(f->le->line, "version");
}

static void test_up_arrow_with_empty_history_does_nothing(void **state)
{
	struct fixture *f = *state;

	feed(f, "ab");
	clear_output(f);
	assert_int_equal(feed(f, UP), LE_CONTINUE);
	assert_int_equal(f->out.len, 0);
	assert_string_equal(f->le->line, "ab");
}

static void test_up_arrow_replaces_the_typed_text(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "uptime");
	feed(f, "xy");
	clear_output(f);
	feed(f, UP);
	assert_string_equal(f->out.buf, ERASE ERASE "uptime");
	assert_string_equal(f->le->line, "uptime");
}

static void test_up_and_down_walk_the_history_and_back_to_an_empty_line(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "one");
	enter_line(f, "two");
	enter_line(f, "three");
	feed(f, UP);
	assert_string_equal(f->le->line, "three");
	feed(f, UP);
	assert_string_equal(f->le->line, "two");
	feed(f, UP);
	assert_string_equal(f->le->line, "one");
	feed(f, UP); /* oldest: stays */
	assert_string_equal(f->le->line, "one");
	feed(f, DOWN);
	assert_string_equal(f->le->line, "two");
	feed(f, DOWN);
	assert_string_equal(f->le->line, "three");
	clear_output(f);
	feed(f, DOWN); /* past the newest: an empty new line, the recalled text erased */
	assert_string_equal(f->le->line, "");
	assert_int_equal(f->le->len, 0);
	assert_string_equal(f->out.buf, ERASE ERASE ERASE ERASE ERASE);
	clear_output(f);
	feed(f, DOWN); /* and no further */
	assert_int_equal(f->out.len, 0);
	assert_int_equal(feed(f, "\r"), LE_LINE);
	assert_string_equal(f->le->line, "");
}

static void test_recalled_line_can_be_edited(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "md 0x0");
	feed(f, UP);
	feed(f, "\x7f");
	assert_int_equal(feed(f, "4\r"), LE_LINE);
	assert_string_equal(f->le->line, "md 0x4");
	le_reset(f->le);
	feed(f, UP);
	assert_string_equal(f->le->line, "md 0x4");
	feed(f, UP);
	assert_string_equal(f->le->line, "md 0x0");
}

static void test_ss3_arrow_keys_also_walk_history(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "help");
	assert_int_equal(feed(f, "\x1bOA\r"), LE_LINE);
	assert_string_equal(f->le->line, "help");
}

static void test_repeated_line_is_stored_once(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "a");
	enter_line(f, "b");
	enter_line(f, "b");
	enter_line(f, "b");
	feed(f, UP);
	assert_string_equal(f->le->line, "b");
	feed(f, UP);
	assert_string_equal(f->le->line, "a");
	feed(f, UP);
	assert_string_equal(f->le->line, "a");
}

static void test_empty_line_is_not_stored_in_history(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "a");
	enter_line(f, "");
	enter_line(f, "");
	feed(f, UP);
	assert_string_equal(f->le->line, "a");
}

static void test_history_keeps_only_the_newest_history_size_lines(void **state)
{
	struct fixture *f = *state;
	char s[16];
	int i, total = HISTORY_SIZE + 5;

	for (i = 0; i < total; i++) {
		snprintf(s, sizeof(s), "cmd%d", i);
		enter_line(f, s);
	}
	for (i = total - 1; i >= total - HISTORY_SIZE; i--) {
		feed(f, UP);
		snprintf(s, sizeof(s), "cmd%d", i);
		assert_string_equal(f->le->line, s);
	}
	feed(f, UP); /* the oldest kept line is as far as it goes */
	snprintf(s, sizeof(s), "cmd%d", total - HISTORY_SIZE);
	assert_string_equal(f->le->line, s);
	for (i = 0; i < HISTORY_SIZE + 2; i++)
		feed(f, DOWN);
	assert_string_equal(f->le->line, "");
}

static void test_full_length_history_entry_is_recalled_whole(void **state)
{
	struct fixture *f = *state;
	char s[LINE_MAX + 1];

	memset(s, 'z', LINE_MAX);
	s[LINE_MAX] = '\0';
	enter_line(f, s);
	feed(f, UP);
	assert_int_equal(f->le->len, LINE_MAX);
	assert_string_equal(f->le->line, s);
}

static void test_other_escape_sequences_are_ignored(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "old");
	feed(f, "ab");
	clear_output(f);
	feed(f, "\x1b[C\x1b[D"); /* right, left */
	assert_int_equal(f->out.len, 0);
	assert_int_equal(feed(f, "c\r"), LE_LINE);
	assert_string_equal(f->le->line, "abc");
}

static void test_non_printable_bytes_are_ignored(void **state)
{
	struct fixture *f = *state;
	static const char junk[] = "\x00\x01\x02\x04\x07\x09\x0b\x0c\x0e\x10\x1a\x1c\x1f"
				   "\x80\x9b\xc3\xff";

	feed(f, "a");
	assert_int_equal(feed_n(f, junk, sizeof(junk) - 1), LE_CONTINUE);
	assert_string_equal(f->out.buf, "a");
	assert_int_equal(feed(f, "b\r"), LE_LINE);
	assert_string_equal(f->le->line, "ab");
}

static void test_every_printable_byte_is_kept(void **state)
{
	struct fixture *f = *state;
	char s[0x7f - 0x20 + 1];
	int c;

	for (c = 0x20; c < 0x7f; c++)
		s[c - 0x20] = (char)c;
	s[sizeof(s) - 1] = '\0';
	feed(f, s);
	assert_string_equal(f->out.buf, s);
	assert_int_equal(feed(f, "\r"), LE_LINE);
	assert_string_equal(f->le->line, s);
}

static void test_null_output_callback_is_allowed(void **state)
{
	struct line_editor *le = malloc(sizeof(*le));

	le_init(le, NULL, NULL);
	le_feed(le, 'a');
	le_feed(le, '\b');
	le_feed(le, 'b');
	le_feed(le, 0x15);
	le_feed(le, 'c');
	assert_int_equal(le_feed(le, '\r'), LE_LINE);
	assert_string_equal(le->line, "c");
	free(le);
}

static void test_lone_esc_does_not_eat_ctrl_c(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ab\x1b"), LE_CONTINUE);
	assert_int_equal(feed(f, "\x03"), LE_CANCEL);
}

static void test_lone_esc_does_not_eat_enter(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ab\x1b\r"), LE_LINE);
	assert_string_equal(f->le->line, "ab");
}

static void test_escape_sequence_with_parameters_is_swallowed_whole(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "version");
	/* Ctrl-Up: ESC [ 1 ; 5 A is not a bare up-arrow and must leave no residue. */
	assert_int_equal(feed(f, "x\x1b[1;5Ay\r"), LE_LINE);
	assert_string_equal(f->le->line, "xy");
}

/* Keys that end a line or edit it must survive a cut escape sequence (issue 10). */
static void test_cut_csi_does_not_eat_enter(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ab\x1b[\r"), LE_LINE);
	assert_string_equal(f->le->line, "ab");
}

static void test_cut_csi_with_parameters_does_not_eat_enter(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ab\x1b[1;5\r"), LE_LINE);
	assert_string_equal(f->le->line, "ab");
}

static void test_cut_csi_does_not_eat_lf(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ab\x1b[2\n"), LE_LINE);
	assert_string_equal(f->le->line, "ab");
}

static void test_cut_csi_does_not_eat_ctrl_c(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ab\x1b["), LE_CONTINUE);
	assert_int_equal(feed(f, "\x03"), LE_CANCEL);
	assert_int_equal(f->le->len, 0);
	enter_line(f, "next");
}

static void test_cut_ss3_does_not_eat_ctrl_c(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ab\x1bO"), LE_CONTINUE);
	assert_int_equal(feed(f, "\x03"), LE_CANCEL);
}

static void test_cut_csi_does_not_eat_ctrl_u(void **state)
{
	struct fixture *f = *state;

	feed(f, "abc\x1b[2");
	clear_output(f);
	assert_int_equal(feed(f, "\x15"), LE_CONTINUE);
	assert_string_equal(f->out.buf, ERASE ERASE ERASE);
	assert_int_equal(f->le->len, 0);
	enter_line(f, "x");
}

static void test_cut_csi_does_not_eat_backspace(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "abc\x1b[\x7f\x1b[1\b\r"), LE_LINE);
	assert_string_equal(f->le->line, "a");
}

static void test_esc_in_a_sequence_starts_a_new_one(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "version");
	/* the first sequence is cut by the ESC of a complete up-arrow */
	assert_int_equal(feed(f, "\x1b[\x1b[A\r"), LE_LINE);
	assert_string_equal(f->le->line, "version");
	le_reset(f->le);
	assert_int_equal(feed(f, "\x1b[1;\x1bOA\r"), LE_LINE);
	assert_string_equal(f->le->line, "version");
}

static void test_esc_esc_then_arrow_is_an_arrow(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "uptime");
	assert_int_equal(feed(f, "\x1b\x1b[A\r"), LE_LINE);
	assert_string_equal(f->le->line, "uptime");
}

static void test_esc_then_printable_keeps_the_printable(void **state)
{
	struct fixture *f = *state;

	/* Alt-x sends ESC x: the x is typed, the ESC dropped */
	assert_int_equal(feed(f, "a\x1bx\x1b \r"), LE_LINE);
	assert_string_equal(f->le->line, "ax ");
}

static void test_control_byte_in_a_sequence_ends_it(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "old");
	/* the A after the cut is typed, not taken as the final byte of an up-arrow */
	assert_int_equal(feed(f, "ab\x1b[\001A\r"), LE_LINE);
	assert_string_equal(f->le->line, "abA");
}

static void test_long_parameter_string_is_dropped_and_the_rest_typed(void **state)
{
	struct fixture *f = *state;
	char s[4 + 100 + 2];
	char want[2 + 100 + 1];

	strcpy(s, "ab\x1b[");
	memset(s + 4, '7', 100);
	strcpy(s + 104, "\r");
	/* at most LE_ESC_MAX_PARAMS bytes belong to the sequence: the rest is input */
	assert_int_equal(feed(f, s), LE_LINE);
	strcpy(want, "ab");
	memset(want + 2, '7', 100 - LE_ESC_MAX_PARAMS);
	want[2 + 100 - LE_ESC_MAX_PARAMS] = '\0';
	assert_string_equal(f->le->line, want);
}

static void test_longest_accepted_parameter_string_is_still_a_sequence(void **state)
{
	struct fixture *f = *state;
	char s[4 + LE_ESC_MAX_PARAMS + 3];

	strcpy(s, "ab\x1b[");
	memset(s + 4, '1', LE_ESC_MAX_PARAMS);
	strcpy(s + 4 + LE_ESC_MAX_PARAMS, "~\r");
	assert_int_equal(feed(f, s), LE_LINE);
	assert_string_equal(f->le->line, "ab");
}

static void test_cr_that_cuts_a_sequence_still_pairs_with_lf(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ab\x1b[\r"), LE_LINE);
	assert_string_equal(f->le->line, "ab");
	le_reset(f->le);
	/* the LF of the CR LF pair is swallowed: no empty second line */
	assert_int_equal(le_feed(f->le, '\n'), LE_CONTINUE);
	enter_line(f, "cd");
}

static void test_sequence_after_crlf_still_acts(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "help");
	assert_int_equal(le_feed(f->le, '\n'), LE_CONTINUE);
	assert_int_equal(feed(f, "\x1b[A\r"), LE_LINE);
	assert_string_equal(f->le->line, "help");
}

/*
 * Tab completion through a provider shaped like the shell's: command names first, then a
 * command's subcommands. Every call records the words it was given.
 */
static const char *const commands[] = { "help",	   "version", "vfree", "vmalloc", "vmallocinfo",
					"mempool", "md",      "mw",    NULL };
static const char *const mempool_subcmds[] = { "create", "alloc", "free", "destroy", "info", NULL };
static const char *const *many_words; /* what "many" offers (test of the list layout) */

static struct {
	int calls;
	int argc;
	char argv[LE_COMPLETE_MAX_WORDS][LINE_MAX + 1];
} seen;

static void add_all(struct le_completion *c, const char *const *w)
{
	for (; *w; w++)
		le_complete_add(c, *w);
}

static void test_provider(struct le_completion *c, int argc, const char *const *argv, void *ctx)
{
	int i;

	assert_ptr_equal(ctx, &seen);
	seen.calls++;
	seen.argc = argc;
	for (i = 0; i < argc; i++)
		strcpy(seen.argv[i], argv[i]);
	if (argc == 0)
		add_all(c, commands);
	else if (argc == 1 && !strcmp(argv[0], "help"))
		add_all(c, commands);
	else if (argc == 1 && !strcmp(argv[0], "mempool"))
		add_all(c, mempool_subcmds);
	else if (argc == 1 && !strcmp(argv[0], "many"))
		add_all(c, many_words);
}

static int setup_completion(void **state)
{
	struct fixture *f;

	setup(state);
	f = *state;
	memset(&seen, 0, sizeof(seen));
	le_set_prompt(f->le, "mm> ");
	le_set_completion(f->le, test_provider, &seen);
	return 0;
}

static void test_tab_completes_a_unique_command_and_adds_a_space(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ver\t"), LE_CONTINUE);
	assert_string_equal(f->le->line, "version ");
	assert_string_equal(f->out.buf, "version ");
	assert_int_equal(seen.argc, 0);
}

static void test_tab_after_a_whole_word_separates_the_next_one(void **state)
{
	struct fixture *f = *state;

	/* issue 10: this ran "helpmd" */
	assert_int_equal(feed(f, "help\tmd\r"), LE_LINE);
	assert_string_equal(f->le->line, "help md");
}

static void test_tab_completes_an_ambiguous_word_to_the_common_prefix(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "vm\t"), LE_CONTINUE);
	assert_string_equal(f->le->line, "vmalloc"); /* no space: vmallocinfo also matches */
	assert_string_equal(f->out.buf, "vmalloc");
}

static void test_first_tab_that_cannot_narrow_shows_nothing(void **state)
{
	struct fixture *f = *state;

	feed(f, "v");
	clear_output(f);
	assert_int_equal(feed(f, "\t"), LE_CONTINUE);
	assert_int_equal(f->out.len, 0);
	assert_string_equal(f->le->line, "v");
}

static void test_second_tab_lists_the_candidates_and_redraws_the_line(void **state)
{
	struct fixture *f = *state;

	feed(f, "v");
	clear_output(f);
	assert_int_equal(feed(f, "\t\t"), LE_CONTINUE);
	/* in columns as wide as the longest candidate plus two */
	assert_string_equal(f->out.buf, "\r\nversion      vfree        vmalloc      vmallocinfo\r\n"
					"mm> v");
	assert_string_equal(f->le->line, "v");
	assert_int_equal(feed(f, "free\r"), LE_LINE);
	assert_string_equal(f->le->line, "vfree");
}

static void test_tab_that_narrows_then_tab_lists(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "vm\t\t"), LE_CONTINUE);
	assert_string_equal(f->out.buf, "vmalloc\r\nvmalloc      vmallocinfo\r\nmm> vmalloc");
	assert_string_equal(f->le->line, "vmalloc");
}

static void test_tabs_apart_do_not_list(void **state)
{
	struct fixture *f = *state;

	feed(f, "v\t");
	clear_output(f);
	/* another key between the two Tabs: the second is a first Tab again */
	assert_int_equal(feed(f, "x\b\t"), LE_CONTINUE);
	assert_string_equal(f->out.buf, "x" ERASE);
	/* an escape sequence between them, too */
	clear_output(f);
	assert_int_equal(feed(f, "\x1b[C\t"), LE_CONTINUE);
	assert_int_equal(f->out.len, 0);
}

static void test_tab_with_no_candidate_changes_nothing(void **state)
{
	struct fixture *f = *state;

	feed(f, "xyz");
	clear_output(f);
	assert_int_equal(feed(f, "\t\t\t"), LE_CONTINUE);
	assert_int_equal(f->out.len, 0);
	assert_string_equal(f->le->line, "xyz");
	/* a command without completions of its arguments */
	le_reset(f->le);
	feed(f, "version ");
	clear_output(f);
	assert_int_equal(feed(f, "\t\t"), LE_CONTINUE);
	assert_int_equal(f->out.len, 0);
	assert_string_equal(f->le->line, "version ");
	assert_int_equal(feed(f, "\r"), LE_LINE);
	assert_string_equal(f->le->line, "version ");
}

static void test_tab_without_a_provider_inserts_nothing(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "he\t\tlp\r"), LE_LINE);
	assert_string_equal(f->le->line, "help");
	assert_string_equal(f->out.buf, "help\r\n");
}

static void test_tab_completes_a_subcommand(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "mempool cr\t"), LE_CONTINUE);
	assert_string_equal(f->le->line, "mempool create ");
	assert_int_equal(seen.argc, 1);
	assert_string_equal(seen.argv[0], "mempool");
	le_reset(f->le);
	feed(f, "help vmalloci\t");
	assert_string_equal(f->le->line, "help vmallocinfo ");
}

static void test_tab_lists_subcommands_after_the_command(void **state)
{
	struct fixture *f = *state;

	feed(f, "mempool");
	clear_output(f);
	/* the first Tab completes the word (a space), the second lists what may follow */
	assert_int_equal(feed(f, "\t\t"), LE_CONTINUE);
	assert_string_equal(f->out.buf,
			    " \r\ncreate   alloc    free     destroy  info\r\nmm> mempool ");
}

static void test_provider_is_given_the_words_before_the_last(void **state)
{
	struct fixture *f = *state;

	feed(f, "  mempool   info  x\t");
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.argc, 2);
	assert_string_equal(seen.argv[0], "mempool");
	assert_string_equal(seen.argv[1], "info");
	assert_string_equal(f->le->line, "  mempool   info  x");
}

static void test_tab_deeper_than_the_word_limit_asks_no_one(void **state)
{
	struct fixture *f = *state;
	char s[4 * LE_COMPLETE_MAX_WORDS + 8];
	int i;

	s[0] = '\0';
	for (i = 0; i < LE_COMPLETE_MAX_WORDS; i++)
		strcat(s, "md ");
	feed(f, s);
	feed(f, "\t");
	assert_int_equal(seen.calls, 1); /* LE_COMPLETE_MAX_WORDS words: still asked */
	assert_int_equal(seen.argc, LE_COMPLETE_MAX_WORDS);
	feed(f, "md \t\t");
	assert_int_equal(seen.calls, 1);
	assert_int_equal(f->le->len, strlen(s) + 3);
}

static void test_completion_that_does_not_fit_the_line_is_not_inserted(void **state)
{
	struct fixture *f = *state;
	char s[LINE_MAX + 1];

	/* "version" would end one past the limit */
	memset(s, ' ', LINE_MAX - 6);
	strcpy(s + LINE_MAX - 6, "ver");
	feed(f, s);
	clear_output(f);
	assert_int_equal(feed(f, "\t"), LE_CONTINUE);
	assert_int_equal(f->out.len, 0);
	assert_string_equal(f->le->line, s);
	le_reset(f->le);
	/* exactly to the limit: completed, with no room for the space */
	memset(s, ' ', LINE_MAX - 7);
	strcpy(s + LINE_MAX - 7, "ver");
	feed(f, s);
	clear_output(f);
	assert_int_equal(feed(f, "\t"), LE_CONTINUE);
	assert_string_equal(f->out.buf, "sion");
	assert_int_equal(f->le->len, LINE_MAX);
	assert_int_equal(feed(f, "\r"), LE_LINE);
}

static void test_tab_on_a_too_long_line_does_nothing(void **state)
{
	struct fixture *f = *state;
	char s[LINE_MAX + 2];

	memset(s, 'v', LINE_MAX + 1);
	s[LINE_MAX + 1] = '\0';
	feed(f, s);
	clear_output(f);
	assert_int_equal(feed(f, "\t\t"), LE_CONTINUE);
	assert_int_equal(f->out.len, 0);
	assert_int_equal(seen.calls, 0);
	assert_int_equal(feed(f, "\r"), LE_TOOLONG);
}

static void test_tab_in_a_cut_escape_sequence_completes(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "ver\x1b[\t\r"), LE_LINE);
	assert_string_equal(f->le->line, "version ");
}

static void test_tab_completes_a_recalled_line(void **state)
{
	struct fixture *f = *state;

	enter_line(f, "mempool in");
	assert_int_equal(feed(f, UP "\t\r"), LE_LINE);
	assert_string_equal(f->le->line, "mempool info ");
}

static void test_candidate_list_wraps_within_the_column_limit(void **state)
{
	static const char *const words[] = {
		"w00", "w01", "w02", "w03", "w04", "w05", "w06", "w07", "w08", "w09",
		"w10", "w11", "w12", "w13", "w14", "w15", "w16", "w17", "w18", "w19",
		"w20", "w21", "w22", "w23", "w24", "w25", "w26", "w27", "w28", "z29_is_the_longest",
		NULL
	};
	struct fixture *f = *state;
	char *line, *save = NULL;
	int found = 0, rows = 0;

	many_words = words;
	feed(f, "many ");
	clear_output(f);
	assert_int_equal(feed(f, "\t\t"), LE_CONTINUE);
	assert_memory_equal(f->out.buf, "\r\nw00 ", 6);
	for (line = strtok_r(f->out.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *w, *save2 = NULL;

		assert_true(strlen(line) <= LE_LIST_COLUMNS + 1); /* + the CR */
		for (w = strtok_r(line, " \r", &save2); w; w = strtok_r(NULL, " \r", &save2))
			if (w[0] == 'w' || w[0] == 'z')
				found++;
		rows++;
	}
	assert_int_equal(found, 30);
	/* the rest of the typed line, 8 rows of 4 entries 20 columns apart, the prompt */
	assert_int_equal(rows, 10);
	assert_string_equal(f->le->line, "many ");
}

static void test_prompt_may_be_left_unset(void **state)
{
	struct fixture *f = *state;

	le_set_prompt(f->le, NULL);
	feed(f, "vm\t");
	clear_output(f);
	feed(f, "\t");
	assert_string_equal(f->out.buf, "\r\nvmalloc      vmallocinfo\r\nvmalloc");
}

#define T(fn)  cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define TC(fn) cmocka_unit_test_setup_teardown(fn, setup_completion, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_typed_line_is_returned_on_cr),
		T(test_lone_esc_does_not_eat_ctrl_c),
		T(test_lone_esc_does_not_eat_enter),
		T(test_escape_sequence_with_parameters_is_swallowed_whole),
		T(test_typed_line_is_returned_on_lf),
		T(test_crlf_gives_one_line_not_two),
		T(test_empty_lines_with_crlf_count_once_each),
		T(test_lf_after_other_input_ends_a_line),
		T(test_typed_characters_are_echoed_and_enter_echoes_crlf),
		T(test_backspace_bs_removes_last_char_and_emits_erase),
		T(test_backspace_del_removes_last_char_and_emits_erase),
		T(test_backspace_on_empty_line_does_nothing),
		T(test_ctrl_u_clears_the_line),
		T(test_ctrl_c_returns_cancel_and_emits_caret_c),
		T(test_cancelled_line_is_not_added_to_history),
		T(test_256_char_line_is_accepted),
		T(test_257_char_line_is_refused_on_enter),
		T(test_very_long_line_never_overflows_the_buffer),
		T(test_backspace_does_not_unrefuse_a_too_long_line),
		T(test_ctrl_u_clears_a_too_long_line),
		T(test_too_long_line_is_not_added_to_history),
		T(test_up_arrow_recalls_the_previous_line),
		T(test_up_arrow_with_empty_history_does_nothing),
		T(test_up_arrow_replaces_the_typed_text),
		T(test_up_and_down_walk_the_history_and_back_to_an_empty_line),
		T(test_recalled_line_can_be_edited),
		T(test_ss3_arrow_keys_also_walk_history),
		T(test_repeated_line_is_stored_once),
		T(test_empty_line_is_not_stored_in_history),
		T(test_history_keeps_only_the_newest_history_size_lines),
		T(test_full_length_history_entry_is_recalled_whole),
		T(test_other_escape_sequences_are_ignored),
		T(test_non_printable_bytes_are_ignored),
		T(test_every_printable_byte_is_kept),
		T(test_cut_csi_does_not_eat_enter),
		T(test_cut_csi_with_parameters_does_not_eat_enter),
		T(test_cut_csi_does_not_eat_lf),
		T(test_cut_csi_does_not_eat_ctrl_c),
		T(test_cut_ss3_does_not_eat_ctrl_c),
		T(test_cut_csi_does_not_eat_ctrl_u),
		T(test_cut_csi_does_not_eat_backspace),
		T(test_esc_in_a_sequence_starts_a_new_one),
		T(test_esc_esc_then_arrow_is_an_arrow),
		T(test_esc_then_printable_keeps_the_printable),
		T(test_control_byte_in_a_sequence_ends_it),
		T(test_long_parameter_string_is_dropped_and_the_rest_typed),
		T(test_longest_accepted_parameter_string_is_still_a_sequence),
		T(test_cr_that_cuts_a_sequence_still_pairs_with_lf),
		T(test_sequence_after_crlf_still_acts),
		TC(test_tab_completes_a_unique_command_and_adds_a_space),
		TC(test_tab_after_a_whole_word_separates_the_next_one),
		TC(test_tab_completes_an_ambiguous_word_to_the_common_prefix),
		TC(test_first_tab_that_cannot_narrow_shows_nothing),
		TC(test_second_tab_lists_the_candidates_and_redraws_the_line),
		TC(test_tab_that_narrows_then_tab_lists),
		TC(test_tabs_apart_do_not_list),
		TC(test_tab_with_no_candidate_changes_nothing),
		T(test_tab_without_a_provider_inserts_nothing),
		TC(test_tab_completes_a_subcommand),
		TC(test_provider_is_given_the_words_before_the_last),
		TC(test_tab_lists_subcommands_after_the_command),
		TC(test_tab_deeper_than_the_word_limit_asks_no_one),
		TC(test_completion_that_does_not_fit_the_line_is_not_inserted),
		TC(test_tab_on_a_too_long_line_does_nothing),
		TC(test_tab_in_a_cut_escape_sequence_completes),
		TC(test_tab_completes_a_recalled_line),
		TC(test_candidate_list_wraps_within_the_column_limit),
		TC(test_prompt_may_be_left_unset),
		cmocka_unit_test(test_null_output_callback_is_allowed),
	};

	return cmocka_run_group_tests_name("line_editor", tests, NULL, NULL);
}
