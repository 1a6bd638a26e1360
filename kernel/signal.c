/* The shell command's fatal signal: Ctrl-C at the console (see <kernel/sched.h>). */
#include <kernel/console.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>

static volatile bool current_killable;

/**
 * set_current_killable - make the running context killable by Ctrl-C, or not
 * @killable: the new setting
 *
 * Return: the previous setting.
 */
bool set_current_killable(bool killable)
{
	bool old = current_killable;

	current_killable = killable;
	return old;
}

/**
 * fatal_signal_pending - whether the running command has been killed
 *
 * Return: true when the context is killable (set_current_killable()), not in an interrupt
 * handler, and a Ctrl-C has arrived; always false outside a shell command.
 */
bool fatal_signal_pending(void)
{
	return current_killable && !in_interrupt() && console_interrupted();
}
