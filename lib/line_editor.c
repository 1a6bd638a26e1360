/*
 * Line editing state machine (see <lib/line_editor.h>): printable characters, backspace
 * (BS or DEL), Ctrl-U, Ctrl-C, CR/LF/CRLF, up/down history through "ESC [ A/B", and Tab
 * completion through a provider.
 * Invariant: le->line[0 .. le->len) is what the terminal shows after the prompt (unless
 * le->overflow), NUL-terminated, and a control key is never swallowed by an escape
 * sequence.
 */
#include <lib/line_editor.h>
#include <string.h>

#define CTRL(c) ((c)&0x1f)

static void emit(struct line_editor *le, const char *s, unsigned int n)
{
	if (le->out && n)
		le->out(s, n, le->ctx);
}

static void erase_chars(struct line_editor *le, unsigned int n)
{
	while (n--)
		emit(le, "\b \b", 3);
}

/**
 * le_reset - start a new, empty line (history is kept)
 * @le: the editor
 */
void le_reset(struct line_editor *le)
{
	le->len = 0;
	le->line[0] = '\0';
	le->overflow = false;
	le->esc = 0;
	le->last_tab = false;
	le->hist_pos = -1;
}

/**
 * le_init - set up a line editor
 * @le: the editor
 * @out: writes its echo and redraws
 * @ctx: passed to @out
 */
void le_init(struct line_editor *le, void (*out)(const char *, unsigned int, void *), void *ctx)
{
	memset(le, 0, sizeof(*le));
	le->out = out;
	le->ctx = ctx;
	le_reset(le);
}

/**
 * le_set_prompt - tell the editor the prompt, to redraw it after a candidate list
 * @le: the editor, after le_init()
 * @prompt: the prompt the caller prints before each line (kept, not copied); NULL: none
 */
void le_set_prompt(struct line_editor *le, const char *prompt)
{
	le->prompt = prompt;
}

/**
 * le_set_completion - give Tab a completion provider
 * @le: the editor, after le_init()
 * @complete: called with the words before the one at the end of the line, offers
 *            candidates with le_complete_add(); NULL turns Tab completion off
 * @ctx: passed to @complete
 */
void le_set_completion(struct line_editor *le, le_complete_fn complete, void *ctx)
{
	le->complete = complete;
	le->complete_ctx = ctx;
}

static void history_add(struct line_editor *le)
{
	unsigned int newest = (le->hist_next + HISTORY_SIZE - 1) % HISTORY_SIZE;

	if (le->len == 0)
		return;
	if (le->hist_count && !strcmp(le->history[newest], le->line))
		return; /* no duplicate of the previous line */
	memcpy(le->history[le->hist_next], le->line, le->len + 1);
	le->hist_next = (le->hist_next + 1) % HISTORY_SIZE;
	if (le->hist_count < HISTORY_SIZE)
		le->hist_count++;
}

/* Replace the visible line with history entry @pos (-1: an empty new line). */
static void history_show(struct line_editor *le, int pos)
{
	erase_chars(le, le->overflow ? LINE_MAX : le->len);
	le->overflow = false;
	le->hist_pos = pos;
	if (pos < 0) {
		le->len = 0;
		le->line[0] = '\0';
		return;
	}
	unsigned int slot = (le->hist_next + HISTORY_SIZE - 1 - (unsigned int)pos) % HISTORY_SIZE;

	le->len = (unsigned int)strlen(le->history[slot]);
	memcpy(le->line, le->history[slot], le->len + 1);
	emit(le, le->line, le->len);
}

/*
 * ESC [ / ESC O sequences (cursor keys): parameter and intermediate bytes (0x20-0x3f) are
 * skipped, a final byte (0x40-0x7e) ends the sequence; only a bare "A" (up) or "B" (down)
 * acts. A terminal sends a key's sequence in one burst, so a control byte, DEL or an 8-bit
 * byte inside one means the sequence was cut (a lost byte, a paste, a user typing ESC): it
 * is abandoned and that byte is handled as typed, so Enter, Ctrl-C, Ctrl-U, backspace and
 * Tab always act, and an ESC starts a new sequence. ESC followed by a printable byte other
 * than '[' or 'O' (Alt-<key>) keeps the printable. A parameter string longer than
 * LE_ESC_MAX_PARAMS is no key either: the byte past the limit and what follows are typed.
 * Return: true when @c was consumed by the sequence; false when @c is ordinary input.
 */
static bool handle_escape(struct line_editor *le, char c)
{
	unsigned char u = (unsigned char)c;

	if (u < 0x20 || u > 0x7e) {
		le->esc = 0;
		return false;
	}
	if (le->esc == 1) {
		le->esc = (c == '[' || c == 'O') ? 2 : 0;
		le->esc_params = 0;
		return le->esc == 2;
	}
	if (u <= 0x3f) {
		if (le->esc_params == LE_ESC_MAX_PARAMS) {
			le->esc = 0;
			return false;
		}
		le->esc_params++;
		le->esc = 3; /* parameters: the sequence is not a bare arrow key */
		return true;
	}
	if (le->esc == 2 && c == 'A' && le->hist_pos + 1 < (int)le->hist_count)
		history_show(le, le->hist_pos + 1);
	else if (le->esc == 2 && c == 'B' && le->hist_pos >= 0)
		history_show(le, le->hist_pos - 1);
	/* other final bytes (left/right, ...) are ignored: editing is at the end only */
	le->esc = 0;
	return true;
}

static void emit_spaces(struct line_editor *le, unsigned int n)
{
	static const char spaces[] = "                ";

	while (n) {
		unsigned int k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		emit(le, spaces, k);
		n -= k;
	}
}

/* Print @word (@n characters) as the next entry of the list, in columns. */
static void list_word(struct le_completion *c, const char *word, unsigned int n)
{
	unsigned int width = c->max_len + 2;
	unsigned int start = c->column ? (c->column / width + 1) * width : 0;

	if (c->column && start + c->max_len > LE_LIST_COLUMNS) {
		emit(c->list, "\r\n", 2);
		c->column = 0;
		start = 0;
	}
	emit_spaces(c->list, start - c->column);
	emit(c->list, word, n);
	c->column = start + n;
}

/**
 * le_complete_add - offer a candidate for the word being completed
 * @c: what the editor handed the provider
 * @word: a whole word (NUL-terminated); ignored when it does not start with the word
 *        typed so far, or is longer than a line
 *
 * Called by completion providers (see le_set_completion()), any number of times.
 */
void le_complete_add(struct le_completion *c, const char *word)
{
	unsigned int n, i;

	if (strncmp(word, c->prefix, c->prefix_len))
		return;
	n = (unsigned int)strlen(word);
	if (n > LINE_MAX)
		return;
	if (c->list) {
		list_word(c, word, n);
		return;
	}
	if (c->count == 0) {
		memcpy(c->common, word, n + 1);
		c->common_len = n;
	} else {
		/* word[n] is NUL, so the walk stops at the end of the shorter one */
		for (i = c->prefix_len; i < c->common_len && c->common[i] == word[i]; i++)
			;
		c->common_len = i;
		c->common[i] = '\0';
	}
	if (n > c->max_len)
		c->max_len = n;
	c->count++;
}

/* Append @n characters of @s, and a space when @space and it fits; all of @s or nothing. */
static void append(struct line_editor *le, const char *s, unsigned int n, bool space)
{
	unsigned int old = le->len;

	if (le->len + n > LINE_MAX)
		return;
	memcpy(le->line + le->len, s, n);
	le->len += n;
	if (space && le->len < LINE_MAX)
		le->line[le->len++] = ' ';
	le->line[le->len] = '\0';
	emit(le, le->line + old, le->len - old);
}

/*
 * Tab: complete the word at the end of the line (see <lib/line_editor.h>). @again: the
 * previous key was a Tab too, so candidates that cannot be narrowed are listed.
 */
static void complete(struct line_editor *le, bool again)
{
	const char *argv[LE_COMPLETE_MAX_WORDS];
	char words[LINE_MAX + 1];
	struct le_completion c;
	unsigned int start = le->len, i;
	int argc = 0;

	if (!le->complete || le->overflow)
		return;
	while (start && le->line[start - 1] != ' ')
		start--;
	/* the words before the one completed, split on a copy: the line stays intact */
	memcpy(words, le->line, start);
	words[start] = '\0';
	for (i = 0; i < start; i++) {
		if (words[i] == ' ') {
			words[i] = '\0';
			continue;
		}
		if (i && words[i - 1])
			continue;
		if (argc == LE_COMPLETE_MAX_WORDS)
			return; /* deeper than any provider looks */
		argv[argc++] = &words[i];
	}
	c.prefix = le->line + start;
	c.prefix_len = le->len - start;
	c.count = 0;
	c.common[0] = '\0';
	c.common_len = 0;
	c.max_len = 0;
	c.list = NULL;
	c.column = 0;
	le->complete(&c, argc, argv, le->complete_ctx);
	if (c.count == 0)
		return;
	if (c.count == 1 || c.common_len > c.prefix_len) {
		append(le, c.common + c.prefix_len, c.common_len - c.prefix_len, c.count == 1);
		return;
	}
	if (!again)
		return;
	emit(le, "\r\n", 2);
	c.list = le;
	le->complete(&c, argc, argv, le->complete_ctx);
	emit(le, "\r\n", 2);
	if (le->prompt)
		emit(le, le->prompt, (unsigned int)strlen(le->prompt));
	emit(le, le->line, le->len);
}

/**
 * le_feed - give the line editor one input byte
 * @le: the editor
 * @c: the byte
 *
 * Echoes and edits as the byte asks. After LE_LINE the line stays in @le->line until the
 * caller's le_reset().
 *
 * Return: LE_CONTINUE, LE_LINE (Enter), LE_CANCEL (Ctrl-C) or LE_TOOLONG.
 */
enum le_result le_feed(struct line_editor *le, char c)
{
	bool was_cr = le->last_cr;
	bool was_tab = le->last_tab;

	le->last_cr = false;
	le->last_tab = false;
	if (le->esc && handle_escape(le, c))
		return LE_CONTINUE;
	switch (c) {
	case '\n':
		if (was_cr)
			return LE_CONTINUE;
		/* fall through */
	case '\r':
		le->last_cr = (c == '\r');
		emit(le, "\r\n", 2);
		if (le->overflow) {
			le_reset(le);
			return LE_TOOLONG;
		}
		le->line[le->len] = '\0';
		history_add(le);
		le->hist_pos = -1;
		return LE_LINE;
	case CTRL('C'):
		emit(le, "^C\r\n", 4);
		le_reset(le);
		return LE_CANCEL;
	case CTRL('U'):
		erase_chars(le, le->overflow ? LINE_MAX : le->len);
		le_reset(le);
		return LE_CONTINUE;
	case '\b':
	case 0x7f:
		if (le->overflow)
			return LE_CONTINUE; /* the line is refused anyway; Ctrl-U clears it */
		if (le->len) {
			le->len--;
			le->line[le->len] = '\0';
			erase_chars(le, 1);
		}
		return LE_CONTINUE;
	case '\t':
		le->last_tab = true;
		complete(le, was_tab);
		return LE_CONTINUE;
	case 0x1b:
		le->esc = 1;
		return LE_CONTINUE;
	}
	if ((unsigned char)c < 0x20 || (unsigned char)c > 0x7e)
		return LE_CONTINUE; /* other control or 8-bit bytes: ignored */
	if (le->len == LINE_MAX) {
		le->overflow = true; /* not echoed: the terminal shows where the limit is */
		return LE_CONTINUE;
	}
	le->line[le->len++] = c;
	le->line[le->len] = '\0';
	emit(le, &c, 1);
	return LE_CONTINUE;
}
