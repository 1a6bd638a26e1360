/* Fake register blocks for host driver tests (see host_regs.h). */
#include <asm/io.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "host_regs.h"

#define MAX_BLOCKS 4

static struct fake_regs *blocks[MAX_BLOCKS];
static unsigned int nr_blocks;

static struct fake_regs *block_of(const volatile void *addr, unsigned int *offset)
{
	unsigned int i;

	for (i = 0; i < nr_blocks; i++) {
		const char *base = (const char *)blocks[i]->reg;
		const char *p = (const char *)addr;

		if (p >= base && p < base + FAKE_REGS_SIZE) {
			*offset = (unsigned int)(p - base);
			assert_int_equal(*offset % 4, 0); /* 32-bit registers only */
			return blocks[i];
		}
	}
	return NULL;
}

static void log_access(struct fake_regs *f, bool write, unsigned int offset, u32 val)
{
	assert_true(f->nr_log < FAKE_LOG_MAX);
	f->log[f->nr_log++] = (struct fake_access){ .write = write, .offset = offset, .val = val };
}

static bool fake_mmio_read(const volatile void *addr, u32 *val)
{
	unsigned int offset;
	struct fake_regs *f = block_of(addr, &offset);

	if (!f)
		return false;
	*val = f->read ? f->read(f, offset) : f->reg[offset / 4];
	log_access(f, false, offset, *val);
	return true;
}

static bool fake_mmio_write(volatile void *addr, u32 val)
{
	unsigned int offset;
	struct fake_regs *f = block_of(addr, &offset);

	if (!f)
		return false;
	log_access(f, true, offset, val);
	if (f->write)
		f->write(f, offset, val);
	else
		f->reg[offset / 4] = val;
	return true;
}

void fake_regs_attach(struct fake_regs *f)
{
	assert_true(nr_blocks < MAX_BLOCKS);
	memset(f, 0, sizeof(*f));
	blocks[nr_blocks++] = f;
	host_mmio_read = fake_mmio_read;
	host_mmio_write = fake_mmio_write;
}

void fake_regs_detach_all(void)
{
	nr_blocks = 0;
	host_mmio_read = NULL;
	host_mmio_write = NULL;
}

void fake_regs_clear_log(struct fake_regs *f)
{
	f->nr_log = 0;
}

void *fake_regs_addr(struct fake_regs *f, unsigned int offset)
{
	return (char *)f->reg + offset;
}

u32 fake_reg(struct fake_regs *f, unsigned int offset)
{
	return f->reg[offset / 4];
}

void fake_reg_set(struct fake_regs *f, unsigned int offset, u32 val)
{
	f->reg[offset / 4] = val;
}

unsigned int fake_regs_writes(struct fake_regs *f, unsigned int offset, u32 *vals, unsigned int max)
{
	unsigned int i, n = 0;

	for (i = 0; i < f->nr_log; i++) {
		if (!f->log[i].write || f->log[i].offset != offset)
			continue;
		if (vals && n < max)
			vals[n] = f->log[i].val;
		n++;
	}
	return n;
}

u32 fake_regs_last_write(struct fake_regs *f, unsigned int offset)
{
	unsigned int i = f->nr_log;

	while (i--)
		if (f->log[i].write && f->log[i].offset == offset)
			return f->log[i].val;
	fail_msg("no write to register 0x%03x", offset);
	return 0;
}

static int find_access(struct fake_regs *f, bool write, unsigned int offset, unsigned int from)
{
	unsigned int i;

	for (i = from; i < f->nr_log; i++)
		if (f->log[i].write == write && f->log[i].offset == offset)
			return (int)i;
	return -1;
}

int fake_regs_find_write(struct fake_regs *f, unsigned int offset, unsigned int from)
{
	return find_access(f, true, offset, from);
}

int fake_regs_find_read(struct fake_regs *f, unsigned int offset, unsigned int from)
{
	return find_access(f, false, offset, from);
}
