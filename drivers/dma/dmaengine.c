/* The board's memory-to-memory DMA engine (see <drivers/dmaengine.h>). */
#include <drivers/dmaengine.h>

static struct dma_engine *engine;

/**
 * dma_engine_register - register the board's DMA engine
 * @eng: the engine; a later call replaces it
 */
void dma_engine_register(struct dma_engine *eng)
{
	engine = eng;
}

/**
 * dma_engine_get - the registered memory-to-memory DMA engine
 *
 * Return: the engine, or NULL when the board registered none.
 */
struct dma_engine *dma_engine_get(void)
{
	return engine;
}
