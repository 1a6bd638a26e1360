/*
 * ARM page-fault decoding (arch/arm/kernel/entry-user.S and traps.c call in here). The
 * fault status is turned into portable FAULT_FLAG_* bits and handed to the mm core,
 * handle_user_fault(). What it cannot resolve kills the process - only the process -
 * with Linux's one-line report:
 *
 *   prog[pid]: segfault at <addr> pc <pc> sp <sp> error <n>
 *
 * The error bits are x86's, which that message format comes from: 1 the page was
 * present (a permission fault), 2 a write, 4 from user mode, 16 an instruction fetch.
 */
#include <asm/fault.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/uaccess.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/task.h>

#define FSR_WNR (1u << 11)

/* FS[4:0] of a DFSR/IFSR (FS[4] is bit 10). */
static unsigned int fsr_fs(u32 fsr)
{
	return (fsr & 0xf) | ((fsr >> 6) & 0x10);
}

static bool fsr_is_translation(u32 fsr)
{
	return fsr_fs(fsr) == 0x5 || fsr_fs(fsr) == 0x7;
}

static bool fsr_is_permission(u32 fsr)
{
	unsigned int fs = fsr_fs(fsr);

	return fs == 0xd || fs == 0xf || fs == 0x9 || fs == 0xb || fs == 0x3 || fs == 0x6;
}

static unsigned int fault_flags(u32 fsr, bool prefetch)
{
	unsigned int flags = 0;

	if (prefetch)
		flags |= FAULT_FLAG_INSTRUCTION;
	else if (fsr & FSR_WNR)
		flags |= FAULT_FLAG_WRITE;
	if (fsr_is_permission(fsr))
		flags |= FAULT_FLAG_PRESENT;
	return flags;
}

static void user_fault_kill(struct pt_regs *regs, u32 addr, unsigned int flags, int sig)
{
	unsigned int error = 4;

	error |= (flags & FAULT_FLAG_PRESENT) ? 1 : 0;
	error |= (flags & FAULT_FLAG_WRITE) ? 2 : 0;
	error |= (flags & FAULT_FLAG_INSTRUCTION) ? 16 : 0;
	printk(KERN_INFO "%s[%d]: segfault at %x pc %08x sp %08x error %x\n", current->comm,
	       current->pid, addr, regs->pc, regs->sp, error);
	send_sig(current, sig);
}

/* entry-user.S: a data (@prefetch false) or prefetch abort taken in user mode. */
void do_user_abort(struct pt_regs *regs, u32 addr, u32 fsr, int prefetch)
{
	unsigned int flags = fault_flags(fsr, prefetch) | FAULT_FLAG_USER;
	int ret;

	if (!fsr_is_translation(fsr) && !fsr_is_permission(fsr)) {
		/* Alignment, external aborts: no page can fix these. */
		user_fault_kill(regs, addr, flags, SIGBUS);
		return;
	}
	ret = addr < TASK_SIZE ? handle_user_fault(addr, flags) : VM_FAULT_SIGSEGV_ACCERR;
	if (ret == 0)
		return;
	if (ret == VM_FAULT_OOM) {
		send_sig(current, SIGKILL); /* the OOM killer chose it, or nothing was left */
		return;
	}
	user_fault_kill(regs, addr, flags, SIGSEGV);
}

/* entry-user.S: an undefined instruction in user mode (no VFP or coprocessor emulation). */
void do_user_undefinstr(struct pt_regs *regs)
{
	printk(KERN_INFO "%s[%d]: illegal instruction at pc %08x sp %08x\n", current->comm,
	       current->pid, regs->pc, regs->sp);
	send_sig(current, SIGILL);
}

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/**
 * search_exception_tables - the fixup for a fault at @pc in a user access
 * @pc: the faulting instruction
 *
 * Return: the fixup address (copy_to_user() and friends return a short count from
 * there), or 0 when @pc is not a user access and the fault is a kernel bug.
 */
unsigned long search_exception_tables(unsigned long pc)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == pc)
			return e->fixup;
	return 0;
}

/*
 * The last user-access fault, for the fixup to resolve (arch/arm/lib/uaccess.S). Repeats
 * count the same fault of the same task: another task's fault at the same address (a
 * second exec of the same program writing its arguments) is a new fault.
 */
static struct {
	u32 addr, fsr;
	int pid; /* a task slot is reused: the pid tells processes apart */
	unsigned int repeats;
} uaccess_fault;

/**
 * do_kernel_user_fault - a kernel-mode abort: resolve it if it is a user access
 * @regs: the kernel's registers at the abort
 * @addr: @fsr: fault address and status
 * @flags: FAULT_FLAG_* decoded from @fsr
 * Return: true when handled (the page is there now, or the pc moved to a fixup);
 * false for a real kernel fault, which the caller reports.
 */
bool do_kernel_user_fault(struct pt_regs *regs, u32 addr, u32 fsr)
{
	unsigned long fixup;

	if ((regs->cpsr & PSR_MODE_MASK) != PSR_SVC_MODE || in_interrupt())
		return false;
	fixup = search_exception_tables(regs->pc);
	if (!fixup)
		return false;
	if (uaccess_fault.addr == addr && uaccess_fault.fsr == fsr &&
	    uaccess_fault.pid == current->pid)
		uaccess_fault.repeats++;
	else
		uaccess_fault.repeats = 0;
	uaccess_fault.addr = addr;
	uaccess_fault.fsr = fsr;
	uaccess_fault.pid = current->pid;
	regs->pc = fixup;
	return true;
}

/**
 * uaccess_fault_resolve - called by a user-copy fixup, in the copying task's context
 *
 * Return: 0 when the page is now mapped as the access needs (retry it), nonzero when the
 * address is bad (the copy stops there and the system call returns -EFAULT).
 */
int uaccess_fault_resolve(void)
{
	u32 addr = uaccess_fault.addr, fsr = uaccess_fault.fsr;

	if (addr >= TASK_SIZE || !current->mm || uaccess_fault.repeats > 2)
		return -1;
	if (!fsr_is_translation(fsr) && !fsr_is_permission(fsr))
		return -1;
	return handle_user_fault(addr, fault_flags(fsr, false));
}
