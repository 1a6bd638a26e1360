/*
 * Frame-pointer unwinding for GCC's ARM-mode code (-marm -fno-omit-frame-pointer, the
 * AAPCS frame, not the older APCS one that -mapcs-frame asks for). GCC gives a function
 * that calls others the prologue
 *
 *	push	{r4, ..., fp, lr}
 *	add	fp, sp, #4 * (registers pushed - 1)
 *
 * so fp points at the saved lr (the return address into the caller) and fp - 4 holds the
 * caller's fp. A leaf function saves fp alone ("str fp, [sp, #-4]!; add fp, sp, #0"): its
 * fp points at the caller's fp, and the return address is still in lr. GCC may schedule
 * other instructions before the "add fp" (at -O2 it often does), so until that has run
 * the frame is still the caller's. The innermost frame (an interrupted function) can be
 * any of these; its prologue is read to tell which. Every outer frame is in the middle of
 * a call, so has the full record.
 */
#include <asm/stacktrace.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

extern char svc_stack_base[], irq_stack_top[];

#define INSN_ADD_FP_SP	    0xe28db000u /* add fp, sp, #imm */
#define INSN_ADD_FP_SP_MASK 0xfffff000u
#define INSN_PUSH	    0xe92d0000u /* stmdb sp!, {reglist} */
#define INSN_PUSH_MASK	    0xffff0000u
#define PROLOGUE_MAX	    16 /* instructions searched for the frame set-up */

/* The SVC stack and the IRQ stack after it: where C code keeps its frames (boot/head.S). */
static bool on_stack(unsigned long addr)
{
	return addr >= (unsigned long)svc_stack_base && addr + 4 <= (unsigned long)irq_stack_top &&
	       !(addr & 3);
}

enum frame_kind {
	FRAME_NOT_SET_UP,
	FRAME_LEAF,
	FRAME_FULL
};

/* What the prologue of the function holding @pc has done by the time @pc runs. */
static enum frame_kind innermost_frame_kind(unsigned long pc)
{
	unsigned long offset;
	const u32 *insn;
	bool saves_lr = false;
	unsigned int i;

	if (!kallsyms_lookup(pc, NULL, &offset))
		return FRAME_FULL; /* not our code: assume the common case */
	insn = (const u32 *)(pc - offset);
	for (i = 0; i < PROLOGUE_MAX && &insn[i] < (const u32 *)pc; i++) {
		if ((insn[i] & INSN_PUSH_MASK) == INSN_PUSH && (insn[i] & (1u << 14)))
			saves_lr = true;
		if ((insn[i] & INSN_ADD_FP_SP_MASK) == INSN_ADD_FP_SP)
			return saves_lr ? FRAME_FULL : FRAME_LEAF;
	}
	return FRAME_NOT_SET_UP;
}

/**
 * unwind_frame - step from a frame to its caller's
 * @frame: the frame; rewritten as its caller's frame
 *
 * Reads only words inside the SVC and IRQ stacks, and stops at a frame pointer that does
 * not move up the stack, so a corrupted stack ends the walk rather than faulting.
 * Return: 0, or -1 when there is no caller to step to (the outermost frame, or a frame
 * that cannot be trusted).
 */
int unwind_frame(struct stackframe *frame)
{
	unsigned long fp = frame->fp, next_fp, ret;
	enum frame_kind kind = frame->innermost ? innermost_frame_kind(frame->pc) : FRAME_FULL;

	frame->innermost = false;
	if (kind == FRAME_NOT_SET_UP) {
		/* fp is still the caller's frame; lr the return address into it. */
		frame->pc = frame->lr;
		return kallsyms_lookup(frame->pc, NULL, NULL) ? 0 : -1;
	}
	if (kind == FRAME_LEAF) {
		if (!on_stack(fp))
			return -1;
		frame->fp = *(const unsigned long *)fp;
		frame->pc = frame->lr;
		return kallsyms_lookup(frame->pc, NULL, NULL) ? 0 : -1;
	}
	if (!on_stack(fp) || !on_stack(fp - 4))
		return -1;
	ret = *(const unsigned long *)fp;
	next_fp = *(const unsigned long *)(fp - 4);
	/* The outermost frame (start_kernel's) links to fp 0; a loop or a jump down is corrupt. */
	if (next_fp != 0 && (next_fp <= fp || !on_stack(next_fp)))
		return -1;
	if (!kallsyms_lookup(ret, NULL, NULL))
		return -1;
	frame->fp = next_fp;
	frame->pc = ret;
	return 0;
}

/**
 * stack_trace_save - the return addresses of the call stack, innermost first
 * @store: where to write them
 * @size: room in @store
 * @skipnr: how many return addresses to drop first
 *
 * As Linux's stack_trace_save(): the first address is the one into the caller of this
 * function (dropped with @skipnr 1, to start from the caller's caller), and so on
 * outwards. The walk stops at the outermost frame or at a frame it cannot trust; frames
 * outside the SVC and IRQ stacks (a process's kernel stack) end it.
 * Return: the number of addresses written.
 */
__noinline unsigned int stack_trace_save(unsigned long *store, unsigned int size,
					 unsigned int skipnr)
{
	struct stackframe frame = {
		.fp = (unsigned long)__builtin_frame_address(0),
		.pc = (unsigned long)stack_trace_save,
		.innermost = false,
	};
	unsigned int n = 0;

	while (n < size && unwind_frame(&frame) == 0) {
		if (skipnr)
			skipnr--;
		else
			store[n++] = frame.pc;
		if (!frame.fp)
			break;
	}
	return n;
}

/**
 * regs_return_address - where the interrupted function will return to
 * @regs: registers of the interrupted code
 *
 * r14 itself until the function's prologue saved it (GCC then often reuses r14 as a
 * scratch register), the saved copy in its frame record after that.
 * Return: the return address, or r14 when the frame cannot be read.
 */
unsigned long regs_return_address(const struct pt_regs *regs)
{
	struct stackframe frame = {
		.fp = regs->uregs[11],
		.pc = regs->pc,
		.lr = regs->lr,
		.innermost = true,
	};

	return unwind_frame(&frame) < 0 ? regs->lr : frame.pc;
}

/* Frames printed at most: a deeper stack is cut short with a note. */
#define BACKTRACE_MAX 32

static void walk_and_print(struct stackframe *frame, const char *loglvl)
{
	unsigned int depth;

	printk("%sBacktrace:\n", loglvl);
	for (depth = 0; depth < BACKTRACE_MAX; depth++) {
		unsigned long where = frame->pc;

		if (unwind_frame(frame) < 0) {
			printk("%s[<%08lx>] (%ps)\n", loglvl, where, (void *)where);
			return;
		}
		printk("%s[<%08lx>] (%ps) from [<%08lx>] (%pS)\n", loglvl, where, (void *)where,
		       frame->pc, (void *)frame->pc);
		if (!frame->fp)
			return;
	}
	printk("%s(backtrace cut short after %d frames)\n", loglvl, BACKTRACE_MAX);
}

/**
 * dump_backtrace - print "Backtrace:" and one line per frame, as Linux's ARM oops does
 * @regs: registers of the interrupted code, or NULL for the caller of dump_backtrace()
 * @loglvl: KERN_<LEVEL> of the lines
 */
void dump_backtrace(const struct pt_regs *regs, const char *loglvl)
{
	struct stackframe frame;

	if (regs) {
		frame.fp = regs->uregs[11];
		frame.pc = regs->pc;
		frame.lr = regs->lr;
		frame.innermost = true;
	} else {
		/* This function's own full frame, then its callers. */
		frame.fp = (unsigned long)__builtin_frame_address(0);
		frame.pc = (unsigned long)dump_backtrace;
		frame.lr = 0;
		frame.innermost = false;
		/* Report from our caller on: step over our own frame first. */
		if (unwind_frame(&frame) < 0)
			return;
	}
	walk_and_print(&frame, loglvl);
}

/**
 * dump_stack - print the backtrace of the caller ("Backtrace:", one line per frame)
 */
void dump_stack(void)
{
	dump_backtrace(NULL, KERN_DEFAULT);
}

/**
 * stack_trace_save_regs - save the call stack of interrupted code
 * @regs: its registers (an abort taken in SVC mode)
 * @store: the addresses, innermost first: the interrupted pc, then the return addresses
 * @size: entries @store holds
 *
 * Return: the number of entries stored.
 */
unsigned int stack_trace_save_regs(const struct pt_regs *regs, unsigned long *store,
				   unsigned int size)
{
	struct stackframe frame = {
		.fp = regs->uregs[11],
		.pc = regs->pc,
		.lr = regs->lr,
		.innermost = true,
	};
	unsigned int n = 0;

	if (size)
		store[n++] = regs->pc;
	while (n < size && unwind_frame(&frame) == 0) {
		store[n++] = frame.pc;
		if (!frame.fp)
			break;
	}
	return n;
}
