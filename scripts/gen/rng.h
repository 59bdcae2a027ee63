/*
 * scripts/gen/rng.h — the generator's only source of randomness: xoshiro256** seeded by splitmix64.
 *
 * Every report draws from its own generator, seeded from (run seed, report index), so a report's
 * bytes do not depend on how many reports come before it or which kinds are rendered.
 */
#ifndef GEN_RNG_H
#define GEN_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct rng { uint64_t s[4]; } rng;

static inline uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline void rng_seed(rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

static inline uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t x = s[1] * 5, result = ((x << 7) | (x >> 57)) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* Uniform integer in [lo, hi] (inclusive); lo when hi < lo. */
static inline int64_t rng_range(rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo) return lo;
    return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* 1 with probability p. */
static inline int rng_chance(rng *r, double p)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0) < p;
}

static inline double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* One of n strings. */
#define RNG_PICK(r, arr) ((arr)[rng_range((r), 0, (int64_t)(sizeof(arr) / sizeof((arr)[0])) - 1)])

#endif
