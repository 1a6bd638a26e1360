/* The shell command's fatal signal: Ctrl-C at the console (see <kernel/sched.h>). */
#include <kernel/console.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>

static volatile bool current_killable;

bool set_current_killable(bool killable)
{
	bool old = current_killable;

	current_killable = killable;
	return old;
}

bool fatal_signal_pending(void)
{
	return current_killable && !in_interrupt() && console_interrupted();
}
