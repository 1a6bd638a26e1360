/* KTAP suite "dma": the DMA mapping API with the board's DMA engine. */
#include <asm/cacheflush.h>
#include <asm/mmu.h>
#include <drivers/dmaengine.h>
#include <kernel/kernel.h>
#include <kernel/ktap.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <string.h>

static void fill(u32 *p, size_t bytes, u32 seed)
{
	size_t i;

	for (i = 0; i < bytes / 4; i++)
		p[i] = seed ^ (u32)(i * 2654435761u);
}

/* Cleanup action for kmalloc'ed buffers. */
static void free_buffer(void *p)
{
	kfree(p);
}

/* A coherent buffer, static so that its cleanup action can find it after a fault. */
struct coherent_buf {
	struct device *dev;
	size_t size;
	void *cpu;
	dma_addr_t handle;
};

static struct coherent_buf coherent[2];

static void free_coherent(void *arg)
{
	struct coherent_buf *b = arg;

	if (b->cpu)
		dma_free_coherent(b->dev, b->size, b->cpu, b->handle);
	b->cpu = NULL;
}

/* dma_alloc_coherent() into @b, with its cleanup registered. Return: the CPU address. */
static void *alloc_coherent(struct ktap_test *t, struct coherent_buf *b, struct device *dev,
			    size_t size)
{
	b->dev = dev;
	b->size = size;
	b->cpu = dma_alloc_coherent(dev, size, &b->handle, GFP_KERNEL | __GFP_DMA);
	ktap_add_action(t, free_coherent, b);
	return b->cpu;
}

static void coherent_buffers_are_uncached_zeroed_and_copy(struct ktap_test *t)
{
	struct dma_engine *eng = dma_engine_get();
	size_t n = 16 * 1024;
	dma_addr_t sb, db;
	u32 *s, *d;
	struct pt_walk w;

	if (!eng)
		KTAP_SKIP(t, "no DMA engine on this board");
	s = alloc_coherent(t, &coherent[0], &eng->dev, n);
	d = alloc_coherent(t, &coherent[1], &eng->dev, n);
	sb = coherent[0].handle;
	db = coherent[1].handle;
	KTAP_ASSERT_TRUE(t, s && d);
	KTAP_EXPECT_TRUE(t, sb < PHYS_OFFSET + DMA_ZONE_MB * SZ_1M);
	KTAP_EXPECT_TRUE(t, pt_walk(swapper_pg_dir, (unsigned long)s, &w));
	KTAP_EXPECT_EQ(t, w.leaf->attrs.type, MT_NORMAL_NC);
	KTAP_EXPECT_EQ(t, w.phys, sb);
	KTAP_EXPECT_EQ(t, d[0] | d[n / 4 - 1], 0);
	fill(s, n, 0xdeadbeef);
	KTAP_EXPECT_EQ(t, eng->memcpy(eng, db, sb, n), 0);
	KTAP_EXPECT_TRUE(t, !memcmp(s, d, n));
}

static void streaming_mappings_copy_kmalloc_dma_buffers(struct ktap_test *t)
{
	struct dma_engine *eng = dma_engine_get();
	size_t n = 4096;
	u32 *s, *d;
	dma_addr_t sb, db;

	if (!eng)
		KTAP_SKIP(t, "no DMA engine on this board");
	s = kmalloc(n, GFP_KERNEL | GFP_DMA);
	d = kmalloc(n, GFP_KERNEL | GFP_DMA);
	ktap_add_action(t, free_buffer, s);
	ktap_add_action(t, free_buffer, d);
	KTAP_ASSERT_TRUE(t, s && d);
	fill(s, n, 0x600df00d);
	memset(d, 0x55, n);
	sb = dma_map_single(&eng->dev, s, n, DMA_TO_DEVICE);
	db = dma_map_single(&eng->dev, d, n, DMA_FROM_DEVICE);
	KTAP_ASSERT_TRUE(t, !dma_mapping_error(&eng->dev, sb) && !dma_mapping_error(&eng->dev, db));
	KTAP_EXPECT_EQ(t, sb, __pa(s));
	KTAP_EXPECT_EQ(t, eng->memcpy(eng, db, sb, n), 0);
	dma_unmap_single(&eng->dev, db, n, DMA_FROM_DEVICE);
	dma_unmap_single(&eng->dev, sb, n, DMA_TO_DEVICE);
	KTAP_EXPECT_TRUE(t, !memcmp(s, d, n));
}

static void device_write_buffers_must_own_whole_cache_lines(struct ktap_test *t)
{
	struct device dev = { .name = "test", .dma_mask = 0xffffffffu };
	u8 *buf = kmalloc(256, GFP_KERNEL);

	ktap_add_action(t, free_buffer, buf);
	KTAP_ASSERT_TRUE(t, buf);
	ktap_expect_report(t, "dma_map_single: two device-write buffers refused (not whole "
			      "cache lines), then a buffer outside the direct map");
	KTAP_EXPECT_TRUE(
		t, dma_mapping_error(&dev, dma_map_single(&dev, buf + 4, 64, DMA_FROM_DEVICE)));
	KTAP_EXPECT_TRUE(t,
			 dma_mapping_error(&dev, dma_map_single(&dev, buf, 33, DMA_BIDIRECTIONAL)));
	/* A device read has no such rule: cleaning never destroys data. */
	KTAP_EXPECT_TRUE(
		t, !dma_mapping_error(&dev, dma_map_single(&dev, buf + 4, 33, DMA_TO_DEVICE)));
	/* Not direct-mapped memory: refused. */
	KTAP_EXPECT_TRUE(t, dma_mapping_error(&dev, dma_map_single(&dev, (void *)0xfff00000, 32,
								   DMA_TO_DEVICE)));
}

static const struct ktap_case dma_cases[] = {
	KTAP_CASE(coherent_buffers_are_uncached_zeroed_and_copy),
	KTAP_CASE(streaming_mappings_copy_kmalloc_dma_buffers),
	KTAP_CASE(device_write_buffers_must_own_whole_cache_lines),
};
KTAP_SUITE(dma, dma_cases);
