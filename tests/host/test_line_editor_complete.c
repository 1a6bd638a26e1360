/*
 * Host tests for Tab completion in lib/line_editor.c: a test provider offers command
 * names, subcommands and long word lists; the editor completes a unique match, extends to
 * the common prefix, lists the candidates on a second Tab and never inserts a character
 * of its own. The fixture is tests/host/harness/line_editor_fixture.h.
 */
#include "harness/line_editor_fixture.h"

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
	};

	return cmocka_run_group_tests_name("line_editor_complete", tests, NULL, NULL);
}
