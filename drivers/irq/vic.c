/*
 * PL190/PL192 vectored interrupt controller, used non-vectored: the source is found from
 * IRQSTATUS (QEMU ignores SCTLR.VE anyway), lines are masked through INTENCLEAR. Up to two
 * controllers are chained in irq-number order (the S3C6410 has VIC0 and VIC1).
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
	u32 status;

	for (i = 0; i < nr_vics; i++) {
		status = readl(vics[i].base + VIC_IRQSTATUS);
		if (status)
			return (int)(vics[i].irq_base + (unsigned int)__builtin_ctz(status));
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
	writel(0xffffffff, base + VIC_INTENCLEAR);	/* everything masked */
	writel(0, base + VIC_INTSELECT);		/* all lines IRQ, none FIQ */
	writel(0xffffffff, base + VIC_SOFTINTCLR);
	if (v->pl192)
		writel(0, base + VIC_PL192_ADDRESS);
	irq_set_chip(&vic_chip);
	return 0;
}
