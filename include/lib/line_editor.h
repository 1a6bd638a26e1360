/*
 * Line editor for the UART shell: a state machine fed one received byte at a time, so
 * it runs (and is tested) without a terminal. Echo and erase sequences go through the
 * output callback. Lines longer than LINE_MAX are refused, never truncated silently.
 *
 * Tab completes the word at the end of the line from the candidates a provider offers
 * (le_set_completion()): the editor splits the line, asks the provider, and keeps the
 * candidates that start with the word. One candidate: the word is completed, plus a
 * space. Several: the word grows to their longest common prefix; a Tab that cannot grow
 * it and follows another Tab lists them on a new line and redraws the prompt and the line.
 * No candidate: nothing happens. Tab never puts a character of its own into the line.
 */
#ifndef LIB_LINE_EDITOR_H
#define LIB_LINE_EDITOR_H

#include <kernel/types.h>

#define LINE_MAX     256
#define HISTORY_SIZE 16
/* Parameter bytes an escape sequence may carry ("ESC [ 1 ; 5 A" has 3); more: not a key */
#define LE_ESC_MAX_PARAMS 16
/* Words before the one completed that a completion provider is given; more: no candidate */
#define LE_COMPLETE_MAX_WORDS 8
/* Width the candidate list of a second Tab is laid out in */
#define LE_LIST_COLUMNS 80

enum le_result {
	LE_CONTINUE, /* keep feeding */
	LE_LINE,     /* a complete line is in le->line */
	LE_CANCEL,   /* Ctrl-C: the line was abandoned */
	LE_TOOLONG,  /* Enter after more than LINE_MAX characters: refused */
};

struct line_editor;

/**
 * struct le_completion - the candidates for one Tab, as the editor gathers them
 * @prefix: the word being completed (the end of the line; may be empty), not NUL-terminated
 * @prefix_len: its length
 * @count: candidates offered so far that start with @prefix
 * @common: the longest common prefix of those candidates (NUL-terminated)
 * @common_len: its length
 * @max_len: the longest of those candidates, for the list's columns
 * @list: non-NULL while the editor prints the list (a second Tab); the editor's own
 * @column: characters already printed on the current line of the list
 *
 * Providers only call le_complete_add() on it; the fields are the editor's.
 */
struct le_completion {
	const char *prefix;
	unsigned int prefix_len;
	unsigned int count;
	char common[LINE_MAX + 1];
	unsigned int common_len;
	unsigned int max_len;
	struct line_editor *list;
	unsigned int column;
};

/*
 * A completion provider: offer, with le_complete_add(), every word that may follow the
 * @argc words @argv (the complete words before the one being completed; none for the
 * first word). Offering words that do not match the prefix is fine: the editor filters.
 * The provider may be called twice for one Tab (count, then list): it must offer the same
 * words both times.
 */
typedef void (*le_complete_fn)(struct le_completion *c, int argc, const char *const *argv,
			       void *ctx);

struct line_editor {
	char line[LINE_MAX + 1];
	unsigned int len;
	bool overflow;		 /* more than LINE_MAX characters were typed */
	bool last_cr;		 /* swallow the LF of a CR LF pair */
	int esc;		 /* escape state: 0 none, 1 ESC, 2 ESC [, 3 parameters seen */
	unsigned int esc_params; /* parameter bytes of the current sequence */
	bool last_tab;		 /* the previous byte was a Tab: another one lists candidates */
	char history[HISTORY_SIZE][LINE_MAX + 1];
	unsigned int hist_count; /* entries stored (<= HISTORY_SIZE) */
	unsigned int hist_next;	 /* slot the next entry goes to */
	int hist_pos;		 /* -1: editing a new line; else steps back from newest */
	void (*out)(const char *s, unsigned int n, void *ctx);
	void *ctx;
	const char *prompt;	 /* redrawn after a candidate list; may be NULL */
	le_complete_fn complete; /* NULL: Tab does nothing */
	void *complete_ctx;
};

void le_init(struct line_editor *le, void (*out)(const char *, unsigned int, void *), void *ctx);
void le_reset(struct line_editor *le);
/* After LE_LINE the line stays in le->line until the caller's le_reset(). */
enum le_result le_feed(struct line_editor *le, char c);
void le_set_prompt(struct line_editor *le, const char *prompt);
void le_set_completion(struct line_editor *le, le_complete_fn complete, void *ctx);
void le_complete_add(struct le_completion *c, const char *word);

#endif
