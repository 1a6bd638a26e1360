/*
 * DMA mapping for the ARM1176's non-coherent caches (see <mm/dma-mapping.h>).
 * Coherent buffers: a physically contiguous block below the device's mask, its cached
 * direct-map lines written back and discarded once, then an uncached (normal, non-
 * cacheable) alias in the vmalloc area that the CPU uses from then on.
 */
#include <asm/cacheflush.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmap_area.h>
#include <string.h>

/* The largest coherent buffer: one block of the page allocator's highest order. */
#define COHERENT_MAX_BYTES (PAGE_SIZE << (MAX_ORDER - 1))

/* The zone a device's mask allows: NORMAL when it reaches all of low memory. */
static int mask_gfp(struct device *dev, u32 mask, gfp_t *gfp)
{
	/* ZONE_DMA as the running system has it (the build setting only sizes it). */
	phys_addr_t dma_end =
		((phys_addr_t)zone_end_pfn(&contig_page_data.node_zones[ZONE_DMA]) << PAGE_SHIFT) -
		1;
	phys_addr_t low_end = PHYS_OFFSET + LOWMEM_SIZE - 1;

	if (mask < dma_end) {
		pr_err("dma: %s: mask 0x%08x cannot reach ZONE_DMA\n", dev->name, mask);
		return -1;
	}
	*gfp &= ~__GFP_HIGHMEM;
	if (mask < low_end)
		*gfp |= __GFP_DMA;
	return 0;
}

/**
 * dma_alloc_coherent - a zeroed buffer both the CPU and @dev see without maintenance
 * @handle: receives the bus address
 * Return: the CPU (uncached) address, or NULL.
 */
void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp)
{
	unsigned int order;
	struct vm_struct *area;
	struct page *page;
	unsigned long lowmem;

	/* Bounded first: get_order() of a size near SIZE_MAX would shift past the width. */
	if (!size || size > COHERENT_MAX_BYTES || mask_gfp(dev, dev->coherent_dma_mask, &gfp))
		return NULL;
	order = get_order(size);
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	lowmem = (unsigned long)page_address(page);
	/* No dirty line of the cached alias may be written back over DMA data later. */
	memset((void *)lowmem, 0, PAGE_SIZE << order);
	dmac_flush_range(lowmem, lowmem + (PAGE_SIZE << order));
	/* 64 KB alignment lets the remap use large pages. */
	area = get_vm_area_caller(PAGE_SIZE << order, order >= 4 ? SZ_64K : PAGE_SIZE,
				  VM_DMA_COHERENT, __builtin_return_address(0));
	if (!area)
		goto fail;
	area->phys_addr = page_to_phys(page);
	if (map_kernel_phys((unsigned long)area->addr, area->phys_addr, area->size, &PAGE_KERNEL_NC,
			    GFP_KERNEL)) {
		/* Nothing is mapped: release the range without unmapping it. */
		free_vmap_area(area->va);
		kfree(area);
		goto fail;
	}
	*handle = area->phys_addr;
	return area->addr;
fail:
	__free_pages(page, order);
	return NULL;
}

/**
 * dma_free_coherent - free a buffer from dma_alloc_coherent()
 * @dev: the device it was allocated for
 * @size: the size given to dma_alloc_coherent()
 * @cpu_addr: the CPU address it returned
 * @handle: the bus address it returned
 *
 * Unmaps the uncached alias and returns the pages to ZONE_DMA.
 */
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t handle)
{
	struct vm_struct *area = find_vm_area(cpu_addr);
	unsigned int order = size <= COHERENT_MAX_BYTES ? get_order(size) : MAX_ORDER;

	if (!area || area->addr != cpu_addr || !(area->flags & VM_DMA_COHERENT) ||
	    area->phys_addr != handle || area->size != (PAGE_SIZE << order)) {
		pr_err("dma_free_coherent: %s: 0x%08lx (handle 0x%08x, %u bytes) is not a "
		       "coherent buffer (caller %pS)\n",
		       dev->name, (unsigned long)cpu_addr, handle, (unsigned int)size,
		       __builtin_return_address(0));
		return;
	}
	kfree(remove_vm_area(cpu_addr));
	__free_pages(pfn_to_page(handle >> PAGE_SHIFT), order);
}

/* Refuse what cannot be mapped (or unmapped) safely; Return: 0 or -1 (reported by @who). */
static int check_streaming(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir,
			   const char *who)
{
	unsigned long a = (unsigned long)ptr;

	if (dir > DMA_FROM_DEVICE || !size || !virt_addr_valid(ptr) ||
	    !virt_addr_valid((void *)(a + size - 1))) {
		pr_err("%s: %s: bad buffer 0x%08lx+%u or direction %d\n", who, dev->name, a,
		       (unsigned int)size, dir);
		return -1;
	}
	if (dir != DMA_TO_DEVICE && ((a | size) & (L1_CACHE_BYTES - 1))) {
		pr_err("%s: %s: buffer 0x%08lx+%u for a device write is not "
		       "cache-line (%d byte) aligned: invalidating it would corrupt its "
		       "neighbours\n",
		       who, dev->name, a, (unsigned int)size, L1_CACHE_BYTES);
		return -1;
	}
	if (__pa(ptr) + size - 1 > dev->dma_mask) {
		pr_err("%s: %s: 0x%08x is beyond the device's mask 0x%08x\n", who, dev->name,
		       __pa(ptr), dev->dma_mask);
		return -1;
	}
	return 0;
}

/**
 * dma_map_single - hand a lowmem buffer to a device
 * Return: the bus address, or DMA_MAPPING_ERROR (reported) for a buffer that is not
 * direct-mapped, beyond the mask, or (device writes) not made of whole cache lines.
 */
dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir)
{
	unsigned long a = (unsigned long)ptr;

	if (check_streaming(dev, ptr, size, dir, "dma_map_single"))
		return DMA_MAPPING_ERROR;
	if (dir == DMA_TO_DEVICE)
		dmac_clean_range(a, a + size);
	else if (dir == DMA_FROM_DEVICE)
		dmac_inv_range(a, a + size);
	else
		dmac_flush_range(a, a + size);
	return __pa(ptr);
}

/**
 * dma_unmap_single - give a streaming buffer back to the CPU
 * @dev: the device
 * @addr: the bus address from dma_map_single()
 * @size: the size mapped
 * @dir: the direction it was mapped with
 *
 * For DMA_FROM_DEVICE and DMA_BIDIRECTIONAL the cache lines of the buffer are invalidated,
 * dropping any the CPU fetched while the device was writing.
 * What dma_map_single() would refuse is refused here too (reported), and nothing is
 * invalidated.
 */
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
	unsigned long a = (unsigned long)__va(addr);

	if (check_streaming(dev, (void *)a, size, dir, "dma_unmap_single"))
		return;
	if (dir != DMA_TO_DEVICE)
		dmac_inv_range(a, a + size);
}
