/*
 * fatal_signal_pending() for host tests: a test sets host_fatal_signal (for example from
 * its simulated interrupt) to play the user's Ctrl-C during an allocator's wait.
 */
#include <kernel/sched.h>
#include <kernel/time.h>

volatile unsigned long jiffies; /* advanced by tests that play the tick */

bool host_fatal_signal;

bool set_current_killable(bool killable)
{
	return false;
}

bool fatal_signal_pending(void)
{
	return host_fatal_signal;
}
