/* What newlib may ask of the system, answered without a heap. */
#include <kernel/printk.h>
#include <stddef.h>

struct _reent;

/*
 * newlib's allocator must never run: the firmware's memory belongs to the mm core.
 * Defining the reentrant entry points keeps newlib's malloc out of the link, and any
 * library path that still asks for heap memory stops loudly here.
 */
void *_malloc_r(struct _reent *reent, size_t n)
{
	panic("newlib malloc(%u) called", (unsigned int)n);
}

void _free_r(struct _reent *reent, void *p)
{
	panic("newlib free(%p) called", p);
}

void *_realloc_r(struct _reent *reent, void *p, size_t n)
{
	panic("newlib realloc(%p, %u) called", p, (unsigned int)n);
}

void *_calloc_r(struct _reent *reent, size_t a, size_t b)
{
	panic("newlib calloc called");
}

void *_sbrk(ptrdiff_t incr)
{
	panic("newlib sbrk called");
}
