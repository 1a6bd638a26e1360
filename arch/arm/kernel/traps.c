/*
 * Exception handlers: decode and report aborts and undefined instructions, count SWIs,
 * and either unwind to the innermost catch_faults() or panic. The report names the kind,
 * the fault address, the decoded fault status, the registers with the functions pc and lr
 * are in, and a backtrace of the interrupted code, like Linux's oops.
 */
#include <asm/fault.h>
#include <asm/irqflags.h>
#include <asm/mmu.h>
#include <asm/stacktrace.h>
#include <asm/traps.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <setjmp.h>

struct fault_catcher {
	jmp_buf env;
	struct fault_catcher *prev;
	unsigned int preempt_count;
	unsigned long irqflags;
	bool quiet;
	struct fault_record rec;
};

#define FSR_TRANSLATION_PAGE 0x007 /* FS 0b00111 */
#define FSR_WRITE	     (1u << 11)

static struct fault_catcher *current_catcher;
volatile unsigned int swi_count;

/**
 * fsr_name - describe an ARMv6 fault status (DFSR or IFSR)
 * @fsr: the register; FS[4] is bit 10, FS[3:0] bits 3:0
 *
 * Return: a constant string such as "translation fault (section)".
 */
const char *fsr_name(u32 fsr)
{
	static const char *const names[32] = {
		[0x01] = "alignment fault",
		[0x02] = "debug event",
		[0x03] = "access flag fault (section)",
		[0x04] = "instruction cache maintenance fault",
		[0x05] = "translation fault (section)",
		[0x06] = "access flag fault (page)",
		[0x07] = "translation fault (page)",
		[0x08] = "precise external abort",
		[0x09] = "domain fault (section)",
		[0x0b] = "domain fault (page)",
		[0x0c] = "external abort on translation (first level)",
		[0x0d] = "permission fault (section)",
		[0x0e] = "external abort on translation (second level)",
		[0x0f] = "permission fault (page)",
		[0x16] = "imprecise external abort",
	};
	unsigned int fs = (fsr & 0xf) | ((fsr >> 6) & 0x10);

	return names[fs] ? names[fs] : "unknown fault status";
}

static const char *const mode_names[32] = {
	[PSR_USR_MODE & 0x1f] = "USR", [PSR_FIQ_MODE & 0x1f] = "FIQ", [PSR_IRQ_MODE & 0x1f] = "IRQ",
	[PSR_SVC_MODE & 0x1f] = "SVC", [PSR_ABT_MODE & 0x1f] = "ABT", [PSR_UND_MODE & 0x1f] = "UND",
	[PSR_SYS_MODE & 0x1f] = "SYS",
};

/**
 * show_regs - print the registers of an oops
 * @r: the saved registers
 */
void show_regs(const struct pt_regs *r)
{
	const char *mode = mode_names[r->cpsr & 0x1f];
	bool frames = (r->cpsr & PSR_MODE_MASK) == PSR_SVC_MODE ||
		      (r->cpsr & PSR_MODE_MASK) == PSR_IRQ_MODE;
	/* Only SVC- and IRQ-mode C code keeps frames on the stacks unwind_frame() reads. */
	unsigned long lr = frames ? regs_return_address(r) : r->lr;

	printk(KERN_EMERG "PC is at %pS\n", (void *)(unsigned long)r->pc);
	printk(KERN_EMERG "LR is at %pS\n", (void *)lr);
	printk(KERN_EMERG "pc : [<%08x>]    lr : [<%08lx>]    psr: %08x (%s%s%s)\n", r->pc, lr,
	       r->cpsr, mode ? mode : "???", (r->cpsr & PSR_I_BIT) ? ", IRQs off" : "",
	       (r->cpsr & PSR_T_BIT) ? ", Thumb" : "");
	printk(KERN_EMERG "sp : %08x  ip : %08x  fp : %08x\n", r->sp, r->uregs[12], r->uregs[11]);
	printk(KERN_EMERG "r10: %08x  r9 : %08x  r8 : %08x\n", r->uregs[10], r->uregs[9],
	       r->uregs[8]);
	printk(KERN_EMERG "r7 : %08x  r6 : %08x  r5 : %08x  r4 : %08x\n", r->uregs[7], r->uregs[6],
	       r->uregs[5], r->uregs[4]);
	printk(KERN_EMERG "r3 : %08x  r2 : %08x  r1 : %08x  r0 : %08x\n", r->uregs[3], r->uregs[2],
	       r->uregs[1], r->uregs[0]);
	if (lr != r->lr)
		printk(KERN_EMERG "r14: %08x (reused after the prologue saved lr)\n", r->lr);
	if (frames)
		dump_backtrace(r, KERN_EMERG);
}

/*
 * Unwind to the innermost catcher by making the exception return into longjmp() in SVC
 * mode. Possible only for a fault taken from SVC code outside interrupt context; anything
 * else has no safe place to return to.
 */
static void recover_or_panic(struct pt_regs *regs, enum fault_kind kind, u32 addr, u32 fsr,
			     const char *what)
{
	struct fault_catcher *c = current_catcher;
	unsigned long target = (unsigned long)longjmp;

	if (!c || (regs->cpsr & PSR_MODE_MASK) != PSR_SVC_MODE || in_interrupt())
		panic("Fatal exception: %s at 0x%08x", what, addr);
	c->rec = (struct fault_record){ .kind = kind, .addr = addr, .fsr = fsr, .pc = regs->pc };
	regs->uregs[0] = (u32)(unsigned long)c->env;
	regs->uregs[1] = 1;
	regs->cpsr = (regs->cpsr & ~(PSR_MODE_MASK | PSR_T_BIT)) | PSR_SVC_MODE | PSR_I_BIT;
	if (target & 1) /* a Thumb longjmp */
		regs->cpsr |= PSR_T_BIT;
	regs->pc = (u32)(target & ~1UL);
}

/* A catcher that expects faults (a selftest) gets a one-line note instead of the oops. */
static bool fault_is_expected(const struct pt_regs *regs)
{
	return current_catcher && current_catcher->quiet &&
	       (regs->cpsr & PSR_MODE_MASK) == PSR_SVC_MODE && !in_interrupt();
}

void do_data_abort(struct pt_regs *regs)
{
	u32 fsr = read_dfsr(), far = read_dfar();

	if (do_kernel_user_fault(regs, far, fsr)) /* a user access: arch/arm/mm/fault.c */
		return;
	/* A page of the KFENCE pool (mm/kfence.c): reported, then the access completes. */
	if ((fsr & 0x40f) == FSR_TRANSLATION_PAGE &&
	    kfence_handle_page_fault(far, fsr & FSR_WRITE, regs))
		return;
	if (fault_is_expected(regs))
		printk("    # expected data abort: %s at 0x%08x\n", fsr_name(fsr), far);
	else
		printk(KERN_ALERT
		       "Unable to handle kernel data abort: %s (fsr 0x%03x) at 0x%08x [%s]\n",
		       fsr_name(fsr), fsr & 0x40f, far, (fsr & (1 << 11)) ? "write" : "read");
	if (!fault_is_expected(regs))
		show_regs(regs);
	recover_or_panic(regs, FAULT_DATA_ABORT, far, fsr, "data abort");
}

void do_prefetch_abort(struct pt_regs *regs)
{
	u32 fsr = read_ifsr(), far = read_ifar();

	if (fault_is_expected(regs))
		printk("    # expected prefetch abort: %s at 0x%08x\n", fsr_name(fsr), far);
	else
		printk(KERN_ALERT
		       "Unable to handle kernel prefetch abort: %s (fsr 0x%03x) at 0x%08x\n",
		       fsr_name(fsr), fsr & 0x40f, far);
	if (!fault_is_expected(regs))
		show_regs(regs);
	recover_or_panic(regs, FAULT_PREFETCH_ABORT, far, fsr, "prefetch abort");
}

void do_undefinstr(struct pt_regs *regs)
{
	u32 insn = (regs->cpsr & PSR_T_BIT) ? *(u16 *)regs->pc : *(u32 *)regs->pc;

	if (fault_is_expected(regs)) {
		printk("    # expected undefined instruction 0x%08x at 0x%08x\n", insn, regs->pc);
	} else {
		printk(KERN_ALERT "Undefined instruction: 0x%08x at 0x%08x\n", insn, regs->pc);
		show_regs(regs);
	}
	recover_or_panic(regs, FAULT_UNDEFINED, regs->pc, 0, "undefined instruction");
}

/* No system calls here: an SWI is counted (selftests use it) and execution resumes. */
void do_swi(struct pt_regs *regs)
{
	swi_count++;
}

void do_bad_vector(struct pt_regs *regs)
{
	if (regs)
		show_regs(regs);
	panic("unexpected exception vector (reset or FIQ)");
}

static int __catch_faults(int (*fn)(void *), void *arg, int *ret, struct fault_record *rec,
			  bool quiet)
{
	struct fault_catcher c;
	int r;

	c.quiet = quiet;
	c.prev = current_catcher;
	c.preempt_count = preempt_count;
	c.irqflags = arch_local_save_flags();
	c.rec.kind = FAULT_NONE;
	if (setjmp(c.env) == 0) {
		current_catcher = &c;
		r = fn(arg);
		current_catcher = c.prev;
		if (ret)
			*ret = r;
		if (rec)
			rec->kind = FAULT_NONE;
		return 0;
	}
	/* Came back through longjmp from an exception handler. */
	current_catcher = c.prev;
	preempt_count = c.preempt_count;
	arch_local_irq_restore(c.irqflags);
	if (rec)
		*rec = c.rec;
	return 1;
}

/**
 * catch_faults - run @fn(@arg) so that an abort or undefined instruction in it returns
 * Return: 0 when @fn returned (its value in *@ret), 1 when a fault unwound it (the fault in
 * *@rec when @rec is not NULL). Nestable. Interrupt state and atomic-context counters are
 * restored to what they were at the call.
 */
int catch_faults(int (*fn)(void *), void *arg, int *ret, struct fault_record *rec)
{
	return __catch_faults(fn, arg, ret, rec, false);
}

/**
 * catch_faults_quiet - catch_faults() for faults a test expects
 * @fn: the function to run
 * @arg: its argument
 * @ret: set to @fn's return value when it returns
 * @rec: set to the fault when one ends @fn
 *
 * A fault prints a one-line "# expected ..." note instead of an oops.
 *
 * Return: 0 when @fn returned, non-zero when a fault abandoned it.
 */
int catch_faults_quiet(int (*fn)(void *), void *arg, int *ret, struct fault_record *rec)
{
	return __catch_faults(fn, arg, ret, rec, true);
}
