/*
 * Exception reporting and recovery. Code that may fault on purpose or by user request
 * (a shell command, a selftest) runs under catch_faults(): a fault inside it is reported
 * and unwinds back to catch_faults(), which returns -EFAULT-like status; the firmware
 * goes on. A fault anywhere else panics with the registers.
 */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/ptrace.h>
#include <kernel/types.h>

enum fault_kind {
	FAULT_NONE,
	FAULT_DATA_ABORT,
	FAULT_PREFETCH_ABORT,
	FAULT_UNDEFINED,
};

/* What the last recovered fault was, for callers that want to check it. */
struct fault_record {
	enum fault_kind kind;
	u32 addr; /* DFAR/IFAR, or the pc for undefined instructions */
	u32 fsr;  /* DFSR/IFSR */
	u32 pc;
};

/* run @fn(@arg) so that an abort or undefined instruction in it returns */
int catch_faults(int (*fn)(void *), void *arg, int *ret, struct fault_record *rec);
/* The same for faults that are expected (selftests): a one-line "# expected ..." note. */
int catch_faults_quiet(int (*fn)(void *), void *arg, int *ret, struct fault_record *rec);

/* Fault status decoding, ARMv6 DFSR/IFSR (FS[4] at bit 10, FS[3:0] at [3:0]). */
const char *fsr_name(u32 fsr);
void show_regs(const struct pt_regs *regs);

/* Number of SWI exceptions taken (the SWI handler only counts and returns). */
extern volatile unsigned int swi_count;

#endif
