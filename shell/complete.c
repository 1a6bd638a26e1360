/*
 * Tab completion for the shell (see <shell/complete.h>): the provider the line
 * editor calls. Command names come from the command table; a command's arguments from the
 * completer it registered with SHELL_COMPLETE(), found by name in the linker-built table.
 * Everything offered is read from the live tables, so it names only what exists now.
 */
#include <shell/shell.h>
#include <shell/complete.h>
#include <string.h>

extern const struct shell_cmd table_start(shell_cmds)[], table_end(shell_cmds)[];
extern const struct shell_completer table_start(shell_completers)[], table_end(shell_completers)[];

/**
 * shell_complete_words - offer each word of a list
 * @c: the completion being gathered
 * @words: NULL-terminated list of words
 */
void shell_complete_words(struct le_completion *c, const char *const *words)
{
	for (; *words; words++)
		le_complete_add(c, *words);
}

/**
 * shell_complete_commands - offer the name of every shell command
 * @c: the completion being gathered
 */
void shell_complete_commands(struct le_completion *c)
{
	const struct shell_cmd *cmd;

	for (cmd = table_start(shell_cmds); cmd < table_end(shell_cmds); cmd++)
		le_complete_add(c, cmd->name);
}

/**
 * shell_complete_caches - offer the name of every slab cache made by cache_create
 * @c: the completion being gathered
 */
void shell_complete_caches(struct le_completion *c)
{
	const char *name;
	unsigned int i;

	for (i = 0; (name = shell_slab_cache_name(i)); i++)
		le_complete_add(c, name);
}

/**
 * shell_complete_pools - offer the name of every pool made by `mempool create`
 * @c: the completion being gathered
 */
void shell_complete_pools(struct le_completion *c)
{
	const char *name;
	unsigned int i;

	for (i = 0; (name = shell_mempool_name(i)); i++)
		le_complete_add(c, name);
}

/**
 * shell_complete - the shell's completion provider (an le_complete_fn)
 * @c: the completion being gathered
 * @argc: the words typed before the one completed
 * @argv: those words
 * @ctx: unused
 *
 * The first word is a command name; later words are whatever the command's completer
 * offers (nothing when it registered none or does not know the command).
 */
void shell_complete(struct le_completion *c, int argc, const char *const *argv, void *ctx)
{
	const struct shell_completer *s;

	if (argc == 0) {
		shell_complete_commands(c);
		return;
	}
	for (s = table_start(shell_completers); s < table_end(shell_completers); s++) {
		if (!strcmp(s->cmd, argv[0])) {
			s->complete(c, argc, argv);
			return;
		}
	}
}

static void complete_help(struct le_completion *c, int argc, const char *const *argv)
{
	if (argc == 1)
		shell_complete_commands(c);
}
SHELL_COMPLETE(help, complete_help);
