/*
 * Marsaglia's xorshift32 (shifts 13, 17, 5): every non-zero 32-bit state is visited once
 * in a period of 2^32 - 1, and zero is the one state it never leaves, so seeding keeps
 * the state non-zero. A few instructions per number on the ARM1176, no multiply.
 */
#include <lib/prandom.h>

/* A fixed non-zero state for the one seed that would fold to zero. */
#define PRANDOM_ZERO_SEED_STATE 0x2545f491u

/**
 * prandom_seed_state - start a sequence
 * @state: the generator to seed
 * @seed: any value; a seed below 2^32 becomes the state itself, a larger one is folded
 *        into 32 bits first
 *
 * The same @seed always gives the same sequence.
 */
void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	u32 s = (u32)seed ^ (u32)(seed >> 32);

	state->s = s ? s : PRANDOM_ZERO_SEED_STATE;
}

/**
 * prandom_u32_state - the next number of a sequence
 * @state: a generator seeded with prandom_seed_state()
 *
 * Return: a pseudo-random 32-bit number, never 0.
 */
u32 prandom_u32_state(struct rnd_state *state)
{
	u32 x = state->s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	state->s = x;
	return x;
}
