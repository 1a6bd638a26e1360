/* Register frame saved by every exception entry (arch/arm/kernel/entry.S builds it). */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define PSR_MODE_MASK 0x1f
#define PSR_USR_MODE  0x10
#define PSR_FIQ_MODE  0x11
#define PSR_IRQ_MODE  0x12
#define PSR_SVC_MODE  0x13
#define PSR_ABT_MODE  0x17
#define PSR_UND_MODE  0x1b
#define PSR_SYS_MODE  0x1f
#define PSR_T_BIT     0x20
#define PSR_F_BIT     0x40
#define PSR_I_BIT     0x80

#define S_R0   0
#define S_SP   52
#define S_LR   56
#define S_PC   60
#define S_PSR  64
#define S_SIZE 72 /* multiple of 8: AAPCS stack alignment */

#ifndef __ASSEMBLER__
#include <kernel/types.h>

/* r0-r12, then the interrupted mode's sp and lr, the faulting pc, and the saved cpsr. */
struct pt_regs {
	u32 uregs[13];
	u32 sp;
	u32 lr;
	u32 pc;
	u32 cpsr;
	u32 pad;
};
_Static_assert(sizeof(struct pt_regs) == S_SIZE, "S_SIZE");
#endif

#endif
