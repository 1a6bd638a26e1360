/*
 * A memory-to-memory DMA engine, as a board registers it (one per firmware is enough
 * here). The copy works on bus addresses that the caller got from the DMA mapping API.
 */
#ifndef KERNEL_DMAENGINE_H
#define KERNEL_DMAENGINE_H

#include <mm/dma-mapping.h>

struct dma_engine {
	const char *name;
	struct device dev; /* masks for buffers this engine reads and writes */
	/* Copy @len bytes and wait for completion. Return: 0, -EIO, -ETIMEDOUT, -EINVAL. */
	int (*memcpy)(struct dma_engine *eng, dma_addr_t dst, dma_addr_t src, size_t len);
};

void dma_engine_register(struct dma_engine *eng);
struct dma_engine *dma_engine_get(void); /* NULL when the board has none */

#endif
