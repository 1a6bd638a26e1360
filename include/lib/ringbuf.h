/*
 * Single-producer / single-consumer byte ring. The producer is an interrupt handler and
 * the consumer a thread (or the reverse); each index is written by one side only, so no
 * lock is needed on a uniprocessor as long as the size is a power of two.
 */
#ifndef LIB_RINGBUF_H
#define LIB_RINGBUF_H

#include <kernel/types.h>

struct ringbuf {
	u8 *buf;
	u32 size;	      /* power of two */
	volatile u32 head;    /* next write, producer only */
	volatile u32 tail;    /* next read, consumer only */
	volatile u32 dropped; /* bytes lost because the ring was full */
};

int ringbuf_init(struct ringbuf *rb, u8 *storage, u32 size);
bool ringbuf_put(struct ringbuf *rb, u8 c);
bool ringbuf_get(struct ringbuf *rb, u8 *c);
u32 ringbuf_count(const struct ringbuf *rb);

#endif
