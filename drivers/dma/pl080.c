/*
 * PL080 / PL080S memory-to-memory copies on channel 0, interrupt on terminal count.
 * One copy at a time; a copy longer than the controller's transfer count is split.
 * QEMU quirk (docs/boards.md, section 6): the terminal-count interrupt reaches the VIC only after a
 * later write to a global register, so each transfer is followed by a DMACSync write.
 */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <kernel/preempt.h>
#include <drivers/pl080.h>
#include <errno.h>
#include <drivers/dmaengine.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/time.h>

#define DMAC_INT_TC_STATUS 0x004
#define DMAC_INT_TC_CLEAR  0x008
#define DMAC_INT_ERR_CLEAR 0x010
#define DMAC_RAW_INT_TC	   0x014
#define DMAC_RAW_INT_ERR   0x018
#define DMAC_ENBLD_CHNS	   0x01c
#define DMAC_CONFIG	   0x030
#define DMAC_SYNC	   0x034

#define CH_SRC 0x00
#define CH_DST 0x04
#define CH_LLI 0x08

#define CTRL_SB_4      (1 << 12) /* source burst: 4 transfers */
#define CTRL_DB_4      (1 << 15)
#define CTRL_SWIDTH_32 (2 << 18)
#define CTRL_DWIDTH_32 (2 << 21)
#define CTRL_SI	       (1 << 26) /* source increment */
#define CTRL_DI	       (1 << 27)
#define CTRL_TC_IRQ    (1u << 31)
#define CFG_ENABLE     (1 << 0)
#define CFG_IE	       (1 << 14) /* error interrupt unmasked */
#define CFG_ITC	       (1 << 15) /* terminal-count interrupt unmasked */
#define DMAC_ENABLE    (1 << 0)

#define DMA_TIMEOUT_TICKS HZ

const struct pl080_variant pl080_variant_arm = {
	.name = "pl080",
	.nr_channels = 8,
	.ch_base = 0x100,
	.ch_stride = 0x20,
	.ch_control = 0x0c,
	.ch_size = 0,
	.ch_config = 0x10,
	.max_transfers = 0xfff,
};

const struct pl080_variant pl080s_variant_samsung = {
	.name = "pl080s",
	.nr_channels = 8,
	.ch_base = 0x100,
	.ch_stride = 0x20,
	.ch_control = 0x0c,
	.ch_size = 0x10,
	.ch_config = 0x14,
	.max_transfers = 0x1ffffff,
};

struct pl080 {
	struct dma_engine engine;
	void __iomem *base;
	const struct pl080_variant *v;
	volatile bool done, error;
};

static struct pl080 pl080;

static void __iomem *ch0(struct pl080 *d, unsigned int reg)
{
	return d->base + d->v->ch_base + reg;
}

static void pl080_interrupt(unsigned int irq, void *dev)
{
	struct pl080 *d = dev;

	if (readl(d->base + DMAC_RAW_INT_ERR) & 1)
		d->error = true;
	if (readl(d->base + DMAC_RAW_INT_TC) & 1)
		d->done = true;
	writel(1, d->base + DMAC_INT_TC_CLEAR);
	writel(1, d->base + DMAC_INT_ERR_CLEAR);
}

/*
 * Wait for completion: the raw status is checked first (QEMU finishes memory-to-memory
 * copies inside the enabling write, and its interrupt may come late); otherwise sleep
 * until the terminal-count interrupt, up to DMA_TIMEOUT_TICKS.
 */
static int wait_done(struct pl080 *d)
{
	unsigned long start = jiffies, flags;

	writel(0, d->base + DMAC_SYNC); /* see the QEMU note above */
	while (!d->done && !d->error) {
		local_irq_save(flags);
		if ((readl(d->base + DMAC_RAW_INT_TC) | readl(d->base + DMAC_RAW_INT_ERR)) & 1)
			pl080_interrupt(0, d);
		local_irq_restore(flags);
		if (d->done || d->error)
			break;
		if (jiffies - start > DMA_TIMEOUT_TICKS)
			return -ETIMEDOUT;
		if (!irqs_disabled())
			cpu_wait_for_interrupt();
	}
	return d->error ? -EIO : 0;
}

static int pl080_transfer(struct pl080 *d, dma_addr_t dst, dma_addr_t src, u32 words)
{
	u32 ctrl = CTRL_SB_4 | CTRL_DB_4 | CTRL_SWIDTH_32 | CTRL_DWIDTH_32 | CTRL_SI | CTRL_DI |
		   CTRL_TC_IRQ;
	int err;

	d->done = d->error = false;
	writel(1, d->base + DMAC_INT_TC_CLEAR);
	writel(1, d->base + DMAC_INT_ERR_CLEAR);
	writel(src, ch0(d, CH_SRC));
	writel(dst, ch0(d, CH_DST));
	writel(0, ch0(d, CH_LLI));
	if (d->v->ch_size) {
		writel(ctrl, ch0(d, d->v->ch_control));
		writel(words, ch0(d, d->v->ch_size));
	} else {
		writel(ctrl | words, ch0(d, d->v->ch_control));
	}
	/* Memory to memory, flow controlled by the DMAC (FlowCntrl 000). */
	writel(CFG_ENABLE | CFG_IE | CFG_ITC, ch0(d, d->v->ch_config));
	err = wait_done(d);
	if (err) {
		writel(0, ch0(d, d->v->ch_config)); /* stop the channel */
		pr_err("%s: transfer of %u words 0x%08x -> 0x%08x failed: %s\n", d->v->name, words,
		       src, dst, err == -EIO ? "bus error" : "timeout");
	}
	return err;
}

static int pl080_memcpy(struct dma_engine *eng, dma_addr_t dst, dma_addr_t src, size_t len)
{
	struct pl080 *d = (struct pl080 *)eng;
	u32 words = (u32)(len / 4), chunk;
	int err = 0;

	if ((dst | src | len) & 3 || !len)
		return -EINVAL;
	while (words && !err) {
		chunk = words < d->v->max_transfers ? words : d->v->max_transfers;
		err = pl080_transfer(d, dst, src, chunk);
		dst += chunk * 4;
		src += chunk * 4;
		words -= chunk;
	}
	return err;
}

/**
 * pl080_init - register a PL080 or PL080S as the memcpy DMA engine
 * @base: its mapped registers
 * @irq: its interrupt line
 * @v: the channel register layout (pl080_variant_arm or pl080s_variant_samsung)
 *
 * Return: 0, or -1 when the interrupt line cannot be taken.
 */
int pl080_init(void __iomem *base, unsigned int irq, const struct pl080_variant *v)
{
	struct pl080 *d = &pl080;

	d->base = base;
	d->v = v;
	d->engine.name = v->name;
	d->engine.dev = (struct device){ .name = v->name,
					 .dma_mask = 0xffffffffu,
					 .coherent_dma_mask = 0xffffffffu };
	d->engine.memcpy = pl080_memcpy;
	writel(0xff, base + DMAC_INT_TC_CLEAR);
	writel(0xff, base + DMAC_INT_ERR_CLEAR);
	writel(DMAC_ENABLE, base + DMAC_CONFIG);
	if (request_irq(irq, pl080_interrupt, v->name, d))
		return -1;
	dma_engine_register(&d->engine);
	return 0;
}
