/*
 * Pseudo-random numbers for tests, benchmarks and the stress command: deterministic (a
 * seed always gives the same sequence, so a printed seed repeats a run), never for
 * anything that needs to be unpredictable. Linux's names; the generator is our own.
 */
#ifndef LIB_PRANDOM_H
#define LIB_PRANDOM_H

#include <kernel/types.h>

/* The generator's whole state: one non-zero word. */
struct rnd_state {
	u32 s;
};

void prandom_seed_state(struct rnd_state *state, u64 seed);
u32 prandom_u32_state(struct rnd_state *state);

#endif
