/*
 * ARM PL080 DMA controller and Samsung's PL080S variant (S3C64xx): same global registers,
 * different channel register layout, described by struct pl080_variant.
 */
#ifndef DRIVERS_PL080_H
#define DRIVERS_PL080_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct pl080_variant {
	const char *name;
	unsigned int nr_channels;
	unsigned int ch_base; /* first channel's registers */
	unsigned int ch_stride;
	unsigned int ch_control; /* control word (burst, width, increment, TC irq) */
	unsigned int ch_size;	 /* transfer-size register, or 0: size in CONTROL[11:0] */
	unsigned int ch_config;
	u32 max_transfers; /* per programmed transfer */
};

extern const struct pl080_variant pl080_variant_arm;
extern const struct pl080_variant pl080s_variant_samsung;

/* Register the controller at @base (mapped) as the memcpy DMA engine. Return: 0 or -1. */
int pl080_init(void __iomem *base, unsigned int irq, const struct pl080_variant *v);

#endif
