/*
 * Line editor for the UART shell: a state machine fed one received byte at a time, so
 * it runs (and is tested) without a terminal. Echo and erase sequences go through the
 * output callback. Lines longer than LINE_MAX are refused, never truncated silently.
 */
#ifndef LIB_LINE_EDITOR_H
#define LIB_LINE_EDITOR_H

#include <kernel/types.h>

#define LINE_MAX     256
#define HISTORY_SIZE 16
/* Parameter bytes an escape sequence may carry ("ESC [ 1 ; 5 A" has 3); more: not a key */
#define LE_ESC_MAX_PARAMS 16

enum le_result {
	LE_CONTINUE,	/* keep feeding */
	LE_LINE,	/* a complete line is in le->line */
	LE_CANCEL,	/* Ctrl-C: the line was abandoned */
	LE_TOOLONG,	/* Enter after more than LINE_MAX characters: refused */
};

struct line_editor {
	char line[LINE_MAX + 1];
	unsigned int len;
	bool overflow;		/* more than LINE_MAX characters were typed */
	bool last_cr;		/* swallow the LF of a CR LF pair */
	int esc;		/* escape state: 0 none, 1 ESC, 2 ESC [, 3 parameters seen */
	unsigned int esc_params;	/* parameter bytes of the current sequence */
	char history[HISTORY_SIZE][LINE_MAX + 1];
	unsigned int hist_count;	/* entries stored (<= HISTORY_SIZE) */
	unsigned int hist_next;		/* slot the next entry goes to */
	int hist_pos;			/* -1: editing a new line; else steps back from newest */
	void (*out)(const char *s, unsigned int n, void *ctx);
	void *ctx;
};

void le_init(struct line_editor *le, void (*out)(const char *, unsigned int, void *), void *ctx);
void le_reset(struct line_editor *le);
/* After LE_LINE the line stays in le->line until the caller's le_reset(). */
enum le_result le_feed(struct line_editor *le, char c);

#endif
