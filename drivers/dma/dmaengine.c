/* The board's memory-to-memory DMA engine (see <drivers/dmaengine.h>). */
#include <drivers/dmaengine.h>

static struct dma_engine *engine;

void dma_engine_register(struct dma_engine *eng)
{
	engine = eng;
}

struct dma_engine *dma_engine_get(void)
{
	return engine;
}
