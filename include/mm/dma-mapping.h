/*
 * The DMA mapping API (Linux names and semantics) for a cache that is not coherent with
 * bus masters. Bus addresses are physical addresses on both boards (no IOMMU).
 *
 * Coherent buffers are remapped uncached in the vmalloc area, so neither side needs
 * cache maintenance. Streaming mappings keep the cached direct map and do the
 * maintenance at map/unmap: clean for DMA_TO_DEVICE, invalidate for DMA_FROM_DEVICE,
 * both for DMA_BIDIRECTIONAL. A buffer a device writes must own whole cache lines, or the
 * invalidate would throw away its neighbours' data: such buffers are refused.
 */
#ifndef MM_DMA_MAPPING_H
#define MM_DMA_MAPPING_H

#include <kernel/types.h>
#include <mm/gfp.h>

typedef u32 dma_addr_t;

#define DMA_MAPPING_ERROR (~(dma_addr_t)0)
#define DMA_BIT_MASK(n)	  (((n) >= 32) ? 0xffffffffu : ((1u << (n)) - 1))

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

struct device {
	const char *name;
	u32 dma_mask;	       /* streaming mappings must lie below this */
	u32 coherent_dma_mask; /* coherent buffers must lie below this */
};

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t handle);
dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir);

static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	return addr == DMA_MAPPING_ERROR;
}

#endif
