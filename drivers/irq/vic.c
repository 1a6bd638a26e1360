/*
 * PL190/PL192 vectored interrupt controller, used non-vectored (SCTLR.VE is cleared at
 * reset): lines are masked through INTENCLEAR. Up to two controllers are chained in
 * irq-number order (the S3C6410 has VIC0 and VIC1).
 *
 * On the PL190 the source is found from IRQSTATUS. The PL192's priority logic wants a
 * handshake (docs/s3c6410-model.md, "PL192 handshake"): reading ADDRESS at entry returns
 * the vector of the highest-priority pending line and masks that priority and all lower
 * ones; writing ADDRESS at the end unmasks them. Each line's vector is its number, so the
 * read also names the source.
 */
#include <asm/io.h>
#include <drivers/vic.h>
#include <drivers/vic_regs.h>
#include <kernel/irq.h>

#define MAX_VICS 2

struct vic {
	void __iomem *base;
	unsigned int irq_base;
	bool pl192;
};

static struct vic vics[MAX_VICS];
static unsigned int nr_vics;

static struct vic *vic_of(unsigned int irq)
{
	unsigned int i;

	for (i = 0; i < nr_vics; i++)
		if (irq >= vics[i].irq_base && irq < vics[i].irq_base + 32)
			return &vics[i];
	return NULL;
}

static void vic_mask(unsigned int irq)
{
	struct vic *v = vic_of(irq);

	if (v)
		writel(1u << (irq - v->irq_base), v->base + VIC_INTENCLEAR);
}

static void vic_unmask(unsigned int irq)
{
	struct vic *v = vic_of(irq);

	if (v)
		writel(1u << (irq - v->irq_base), v->base + VIC_INTENABLE);
}

static int vic_pending(void)
{
	unsigned int i;
	u32 status, line;

	for (i = 0; i < nr_vics; i++) {
		status = readl(vics[i].base + VIC_IRQSTATUS);
		if (!status)
			continue;
		line = (unsigned int)__builtin_ctz(status);
		if (vics[i].pl192) {
			/* Acknowledge: vic_eoi() ends it. Trust the vector if it is pending. */
			u32 vector = readl(vics[i].base + VIC_PL192_ADDRESS);

			if (vector < 32 && (status & (1u << vector)))
				line = vector;
		}
		return (int)(vics[i].irq_base + line);
	}
	return -1;
}

/* The PL192 keeps lower priorities masked until its ADDRESS register is written. */
static void vic_eoi(unsigned int irq)
{
	struct vic *v = vic_of(irq);

	if (v && v->pl192)
		writel(0, v->base + VIC_PL192_ADDRESS);
}

static const struct irq_chip vic_chip = {
	.name = "VIC",
	.mask = vic_mask,
	.unmask = vic_unmask,
	.pending = vic_pending,
	.eoi = vic_eoi,
};

/**
 * vic_init - add a PL190 or PL192 VIC
 * @base: its mapped registers
 * @irq_base: the irq number of its line 0
 *
 * Its 32 lines become irqs @irq_base .. @irq_base + 31, all masked.
 *
 * Return: 0, or -1 when no VIC slot or irq numbers are left.
 */
int vic_init(void __iomem *base, unsigned int irq_base)
{
	struct vic *v;

	if (nr_vics == MAX_VICS || irq_base + 32 > NR_IRQS)
		return -1;
	v = &vics[nr_vics++];
	v->base = base;
	v->irq_base = irq_base;
	v->pl192 = (readl(base + VIC_PERIPHID0) & 0xff) == 0x92;
	writel(0xffffffff, base + VIC_INTENCLEAR); /* everything masked */
	writel(0, base + VIC_INTSELECT);	   /* all lines IRQ, none FIQ */
	writel(0xffffffff, base + VIC_SOFTINTCLR);
	if (v->pl192) {
		unsigned int line;

		for (line = 0; line < 32; line++)
			writel(line, base + VIC_PL192_VECTADDR(line));
		writel(0, base + VIC_PL192_ADDRESS); /* end any interrupt a loader left active */
	}
	irq_set_chip(&vic_chip);
	return 0;
}
