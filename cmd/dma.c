/*
 * `dma <bytes>`: copy between ZONE_DMA buffers with the board's DMA engine and verify,
 * once through coherent buffers and once through streaming mappings of cached memory.
 */
#include <asm/cacheflush.h>
#include <drivers/dmaengine.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <lib/parse.h>
#include <lib/prandom.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <string.h>

#define DMA_MAX_BYTES (PAGE_SIZE << (MAX_ORDER - 1))

static void fill_pattern(u32 *p, size_t bytes, u32 seed)
{
	struct rnd_state rnd;
	size_t i;

	prandom_seed_state(&rnd, seed);
	for (i = 0; i < bytes / 4; i++)
		p[i] = prandom_u32_state(&rnd); /* a different word everywhere */
}

/* Return: the first differing byte offset, or -1 when equal. */
static long first_difference(const void *a, const void *b, size_t bytes)
{
	const u8 *x = a, *y = b;
	size_t i;

	for (i = 0; i < bytes; i++)
		if (x[i] != y[i])
			return (long)i;
	return -1;
}

static int report(const char *kind, int err, long diff, size_t bytes)
{
	if (err)
		return shell_error("dma: %s copy of %u bytes failed (%d)", kind,
				   (unsigned int)bytes, err);
	if (diff >= 0)
		return shell_error("dma: %s copy of %u bytes differs at byte %ld", kind,
				   (unsigned int)bytes, diff);
	printk("dma: %s: %u bytes copied and verified\n", kind, (unsigned int)bytes);
	return 0;
}

static int dma_coherent_copy(struct dma_engine *eng, size_t bytes)
{
	dma_addr_t src_bus, dst_bus;
	void *src, *dst;
	int err, ret;

	src = dma_alloc_coherent(&eng->dev, bytes, &src_bus, GFP_KERNEL | __GFP_DMA);
	dst = dma_alloc_coherent(&eng->dev, bytes, &dst_bus, GFP_KERNEL | __GFP_DMA);
	if (!src || !dst) {
		ret = shell_error("dma: cannot allocate 2 x %u coherent bytes",
				  (unsigned int)bytes);
		goto out;
	}
	fill_pattern(src, bytes, 0x1234 + (u32)bytes);
	err = eng->memcpy(eng, dst_bus, src_bus, bytes);
	ret = report("coherent", err, err ? -1 : first_difference(src, dst, bytes), bytes);
out:
	if (src)
		dma_free_coherent(&eng->dev, bytes, src, src_bus);
	if (dst)
		dma_free_coherent(&eng->dev, bytes, dst, dst_bus);
	return ret;
}

static unsigned int bytes_order(size_t bytes)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

static int dma_streaming_copy(struct dma_engine *eng, size_t bytes)
{
	unsigned int order = bytes_order(bytes);
	unsigned long src = __get_free_pages(GFP_KERNEL | __GFP_DMA, order);
	unsigned long dst = __get_free_pages(GFP_KERNEL | __GFP_DMA, order);
	dma_addr_t src_bus, dst_bus;
	int err, ret;

	if (!src || !dst) {
		ret = shell_error("dma: cannot allocate 2 x %u bytes in ZONE_DMA",
				  (unsigned int)bytes);
		goto out;
	}
	/* Both buffers written through the cache: the maps must clean and invalidate. */
	fill_pattern((u32 *)src, bytes, 0x5678 + (u32)bytes);
	memset((void *)dst, 0xaa, bytes);
	/* The buffers own whole pages: map whole cache lines, as the API requires. */
	src_bus =
		dma_map_single(&eng->dev, (void *)src, ALIGN(bytes, L1_CACHE_BYTES), DMA_TO_DEVICE);
	dst_bus = dma_map_single(&eng->dev, (void *)dst, ALIGN(bytes, L1_CACHE_BYTES),
				 DMA_FROM_DEVICE);
	if (dma_mapping_error(&eng->dev, src_bus) || dma_mapping_error(&eng->dev, dst_bus)) {
		ret = shell_error("dma: streaming mapping failed");
		goto out;
	}
	err = eng->memcpy(eng, dst_bus, src_bus, bytes);
	dma_unmap_single(&eng->dev, src_bus, ALIGN(bytes, L1_CACHE_BYTES), DMA_TO_DEVICE);
	dma_unmap_single(&eng->dev, dst_bus, ALIGN(bytes, L1_CACHE_BYTES), DMA_FROM_DEVICE);
	ret = report("streaming", err, err ? -1 : first_difference((void *)src, (void *)dst, bytes),
		     bytes);
out:
	if (src)
		free_pages(src, order);
	if (dst)
		free_pages(dst, order);
	return ret;
}

static int cmd_dma(int argc, char **argv)
{
	struct dma_engine *eng = dma_engine_get();
	u32 bytes;

	if (parse_size(argv[1], &bytes) || !bytes)
		return shell_error("bad size '%s'", argv[1]);
	if (bytes & 3 || bytes > DMA_MAX_BYTES)
		return shell_error("size must be a multiple of 4, at most %lu bytes",
				   DMA_MAX_BYTES);
	if (!eng)
		return shell_error("this board has no DMA engine");
	printk("dma: engine %s\n", eng->name);
	if (dma_coherent_copy(eng, bytes))
		return -1;
	return dma_streaming_copy(eng, bytes);
}
SHELL_CMD(dma, "<bytes>",
	  "DMA-engine copy between ZONE_DMA buffers, coherent and streaming, verified", 1, 1,
	  cmd_dma);
