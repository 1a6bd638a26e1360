/*
 * Page faults, as the architecture hands them to the portable core: the ARM fault
 * status decoded into flags, then handle_user_fault() (implemented by mm/memory.c) for
 * any fault on a user address, whether user code or a kernel copy_to_user() took it.
 */
#ifndef ASM_FAULT_H
#define ASM_FAULT_H

#include <asm/ptrace.h>

#define FAULT_FLAG_WRITE       0x01 /* a write (DFSR.WnR) */
#define FAULT_FLAG_INSTRUCTION 0x02 /* an instruction fetch (prefetch abort) */
#define FAULT_FLAG_USER	       0x04 /* user mode took it */
#define FAULT_FLAG_PRESENT     0x08 /* a permission fault: the page is mapped */

/* handle_user_fault() results besides 0 (resolved). */
#define VM_FAULT_SIGSEGV_MAPERR 1 /* no mapping there */
#define VM_FAULT_SIGSEGV_ACCERR 2 /* a mapping that forbids this access */
#define VM_FAULT_OOM		3 /* no memory for the page or its table */

/* Resolve a fault at user address @addr in the current address space */
int handle_user_fault(unsigned long addr, unsigned int flags);

/*
 * A kernel-mode translation fault in the KFENCE pool (mm/kfence.c): report it and map the
 * page so that the access completes. Return: false when @addr is not in the pool.
 */
bool kfence_handle_page_fault(unsigned long addr, bool is_write, struct pt_regs *regs);

/* A kernel-mode abort: resolve it if it is a user access */
bool do_kernel_user_fault(struct pt_regs *regs, u32 addr, u32 fsr);

#endif
