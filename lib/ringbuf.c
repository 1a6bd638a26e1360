/* Lock-free SPSC byte ring: see <lib/ringbuf.h> for the concurrency rule. */
#include <lib/ringbuf.h>

/**
 * ringbuf_init - set up a ring over caller-provided storage
 * @size: a power of two, at least 2
 * Return: 0, or -1 when @size is not a power of two.
 */
int ringbuf_init(struct ringbuf *rb, u8 *storage, u32 size)
{
	if (size < 2 || (size & (size - 1)))
		return -1;
	rb->buf = storage;
	rb->size = size;
	rb->head = rb->tail = rb->dropped = 0;
	return 0;
}

/**
 * ringbuf_count - bytes waiting in a ring
 * @rb: the ring
 *
 * Head and tail run freely and wrap at 2^32; masking picks the slot.
 *
 * Return: head minus tail.
 */
u32 ringbuf_count(const struct ringbuf *rb)
{
	return rb->head - rb->tail;
}

/**
 * ringbuf_put - append one byte (producer side)
 * Return: false when the ring is full; the byte is counted in @dropped.
 */
bool ringbuf_put(struct ringbuf *rb, u8 c)
{
	u32 head = rb->head;

	if (head - rb->tail == rb->size) {
		rb->dropped++;
		return false;
	}
	rb->buf[head & (rb->size - 1)] = c;
	__asm__ __volatile__("" ::: "memory"); /* data before index */
	rb->head = head + 1;
	return true;
}

/**
 * ringbuf_get - take the oldest byte (consumer side)
 * Return: false when the ring is empty.
 */
bool ringbuf_get(struct ringbuf *rb, u8 *c)
{
	u32 tail = rb->tail;

	if (tail == rb->head)
		return false;
	*c = rb->buf[tail & (rb->size - 1)];
	__asm__ __volatile__("" ::: "memory");
	rb->tail = tail + 1;
	return true;
}
