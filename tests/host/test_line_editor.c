/*
 * Host tests for lib/line_editor.c, the shell's byte-at-a-time line editor. Bytes are
 * fed as the UART would deliver them; what the editor echoes is captured through its
 * output callback. The editor is heap-allocated with its exact size so ASan reports any
 * write past it, and every feed checks the length invariant (len <= LINE_MAX, NUL
 * terminated).
 */
#include "harness/line_editor_fixture.h"

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

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

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
		cmocka_unit_test(test_null_output_callback_is_allowed),
	};

	return cmocka_run_group_tests_name("line_editor", tests, NULL, NULL);
}
