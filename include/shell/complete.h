/*
 * Tab completion for the shell. The line editor (<lib/line_editor.h>) asks
 * shell_complete() for the words that may follow what is typed: the command names for the
 * first word; for the later words, the completer a command registers next to itself with
 * SHELL_COMPLETE(). A completer offers every word that fits the position (the editor keeps
 * those that match what was typed) with le_complete_add() or the helpers below.
 */
#ifndef KERNEL_SHELL_COMPLETE_H
#define KERNEL_SHELL_COMPLETE_H

#include <kernel/compiler.h>
#include <lib/line_editor.h>

struct shell_completer {
	const char *cmd; /* the command whose arguments it completes */
	/* offer the candidates for word @argc, after @argv[0 .. argc - 1] (the command first) */
	void (*complete)(struct le_completion *c, int argc, const char *const *argv);
};

#define SHELL_COMPLETE(_cmd, _fn)                                                          \
	static const struct shell_completer __shell_completer_##_cmd __used __table_entry( \
		shell_completers, _cmd) = {                                                \
		.cmd = #_cmd,                                                              \
		.complete = _fn,                                                           \
	}

void shell_complete(struct le_completion *c, int argc, const char *const *argv, void *ctx);
void shell_complete_words(struct le_completion *c, const char *const *words);
void shell_complete_commands(struct le_completion *c);
void shell_complete_caches(struct le_completion *c);
void shell_complete_pools(struct le_completion *c);

/* The name of the @i-th slab cache made by cache_create, or NULL past the last one. */
const char *shell_slab_cache_name(unsigned int i);
/* The name of the @i-th pool made by `mempool create`, or NULL past the last one. */
const char *shell_mempool_name(unsigned int i);

#endif
