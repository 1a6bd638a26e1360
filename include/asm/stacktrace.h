/*
 * Walking the call stack by frame pointers (arch/arm/kernel/stacktrace.c): the firmware is
 * built -marm -fno-omit-frame-pointer, so every function that calls another keeps a frame
 * record on the stack that links to its caller's.
 */
#ifndef ASM_STACKTRACE_H
#define ASM_STACKTRACE_H

#include <asm/ptrace.h>

/* One frame of a walk: the code address it is at and the frame pointer that goes with it. */
struct stackframe {
	unsigned long fp; /* r11 of this frame */
	unsigned long pc; /* where this frame is (the return address, for a caller) */
	unsigned long lr; /* r14 as the frame last saw it; used for the innermost only */
	bool innermost;	  /* the interrupted or current function itself */
};

/* Step from a frame to its caller's */
int unwind_frame(struct stackframe *frame);

/* The return addresses of the caller's callers, innermost first, after skipping @skipnr */
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr);

/* Where the interrupted function will return to */
unsigned long regs_return_address(const struct pt_regs *regs);

/* The same for the code @regs interrupted, its pc first */
unsigned int stack_trace_save_regs(const struct pt_regs *regs, unsigned long *store,
				   unsigned int size);

/* Print "Backtrace:" and one line per frame, as Linux's ARM oops does */
void dump_backtrace(const struct pt_regs *regs, const char *loglvl);

#endif
