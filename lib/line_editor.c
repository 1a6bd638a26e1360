/*
 * Line editing state machine (see <lib/line_editor.h>): printable characters, backspace
 * (BS or DEL), Ctrl-U, Ctrl-C, CR/LF/CRLF, and up/down history through "ESC [ A/B".
 * Invariant: le->line[0 .. le->len) is what the terminal shows after the prompt (unless
 * le->overflow), NUL-terminated, and a control key is never swallowed by an escape
 * sequence.
 */
#include <lib/line_editor.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

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

void le_reset(struct line_editor *le)
{
	le->len = 0;
	le->line[0] = '\0';
	le->overflow = false;
	le->esc = 0;
	le->hist_pos = -1;
}

void le_init(struct line_editor *le, void (*out)(const char *, unsigned int, void *), void *ctx)
{
	memset(le, 0, sizeof(*le));
	le->out = out;
	le->ctx = ctx;
	le_reset(le);
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

enum le_result le_feed(struct line_editor *le, char c)
{
	bool was_cr = le->last_cr;

	le->last_cr = false;
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
