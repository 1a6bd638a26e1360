/*
 * The one "task" the firmware has: a command run from the shell. While it runs it is
 * killable: Ctrl-C at the console is its fatal signal, as SIGINT would be for a Linux
 * process sleeping in TASK_KILLABLE. Sleeping waits in the allocators (reclaim retries,
 * __GFP_NOFAIL, mempool and PKMAP waits) stop when fatal_signal_pending() and fail the
 * allocation, so the command can free what it holds and return. Outside a command
 * (boot, interrupt handlers, code that did not ask) nothing is ever pending and the
 * allocators keep Linux's semantics: __GFP_NOFAIL never fails.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/types.h>

/* Make the running context killable (true) or not; returns the previous setting. */
bool set_current_killable(bool killable);
/* True when the context is killable, not in an interrupt, and its kill has arrived. */
bool fatal_signal_pending(void);

#endif
