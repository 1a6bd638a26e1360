/*
 * Fake register blocks for host driver tests. A block is 4 KB of registers a driver is
 * given as its base; every readl()/writel() inside it is logged in order and passed to
 * the block's model, which may give a register hardware behaviour (write-1-to-set or
 * -clear, a FIFO behind a data register). Without a model a register is plain memory.
 */
#ifndef TESTS_HOST_HOST_REGS_H
#define TESTS_HOST_HOST_REGS_H

#include <kernel/types.h>

#define FAKE_REGS_SIZE 4096
#define FAKE_LOG_MAX   8192

struct fake_access {
	bool write;
	unsigned int offset;
	u32 val;
};

struct fake_regs {
	u32 reg[FAKE_REGS_SIZE / 4]; /* register contents, as the model keeps them */
	/* Optional: the value a read returns (default: reg[]). */
	u32 (*read)(struct fake_regs *f, unsigned int offset);
	/* Optional: the effect of a write (default: stored into reg[]). */
	void (*write)(struct fake_regs *f, unsigned int offset, u32 val);
	void *priv;
	struct fake_access log[FAKE_LOG_MAX];
	unsigned int nr_log;
};

/* Zero @f (registers, model, log) and route accesses to it; up to 4 blocks at once. */
void fake_regs_attach(struct fake_regs *f);
/* Forget every block: accessors become plain memory accesses again. */
void fake_regs_detach_all(void);
void fake_regs_clear_log(struct fake_regs *f);
/* The driver's address of the register at @offset. */
void *fake_regs_addr(struct fake_regs *f, unsigned int offset);
u32 fake_reg(struct fake_regs *f, unsigned int offset);
void fake_reg_set(struct fake_regs *f, unsigned int offset, u32 val);

/* Writes to @offset in log order: how many, and the values in @vals (up to @max). */
unsigned int fake_regs_writes(struct fake_regs *f, unsigned int offset, u32 *vals,
			      unsigned int max);
/* The last value written to @offset; fails the test if there was none. */
u32 fake_regs_last_write(struct fake_regs *f, unsigned int offset);
/* Log index of the first write to @offset at or after @from, or -1. */
int fake_regs_find_write(struct fake_regs *f, unsigned int offset, unsigned int from);
/* Log index of the first read of @offset at or after @from, or -1. */
int fake_regs_find_read(struct fake_regs *f, unsigned int offset, unsigned int from);

#endif
