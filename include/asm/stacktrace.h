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

/**
 * unwind_frame - step from a frame to its caller's
 * @frame: the frame; rewritten as its caller's frame
 *
 * Reads only words inside the SVC and IRQ stacks, and stops at a frame pointer that does
 * not move up the stack, so a corrupted stack ends the walk rather than faulting.
 * Return: 0, or -1 when there is no caller to step to (the outermost frame, or a frame
 * that cannot be trusted).
 */
int unwind_frame(struct stackframe *frame);

/**
 * regs_return_address - where the interrupted function will return to
 * @regs: registers of the interrupted code
 *
 * r14 itself until the function's prologue saved it (GCC then often reuses r14 as a
 * scratch register), the saved copy in its frame record after that.
 * Return: the return address, or r14 when the frame cannot be read.
 */
unsigned long regs_return_address(const struct pt_regs *regs);

/**
 * dump_backtrace - print "Backtrace:" and one line per frame, as Linux's ARM oops does
 * @regs: registers of the interrupted code, or NULL for the caller of dump_backtrace()
 * @loglvl: KERN_<LEVEL> of the lines
 */
void dump_backtrace(const struct pt_regs *regs, const char *loglvl);

#endif
