/*
 * rng.h — the pseudo-random numbers of the unit programs' mutation tests:
 * xorshift32 (Marsaglia 2003).  Each test seeds it first, so that every run
 * makes the same mutations and a failure can be repeated.
 */
#ifndef PT_TEST_RNG_H
#define PT_TEST_RNG_H

#include <stdint.h>

static uint32_t rng_state = 1;

static inline void
rng_seed(uint32_t seed)
{
    rng_state = seed != 0 ? seed : 1;   /* 0 would stay 0 */
}

static inline uint32_t
rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

#endif
