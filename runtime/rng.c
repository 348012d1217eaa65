/*===- rng.c - splitmix64-seeded xoshiro256** -----------------------------===*
 *
 * The generator of https://prng.di.unimi.it/xoshiro256starstar.c, seeded
 * from one 64-bit value by splitmix64 as its authors recommend. Identical
 * on every platform, so a seed names the same numbers everywhere.
 *
 *===----------------------------------------------------------------------===*/

#include "internal.h"

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void plx_rng_seed(plx_rng *rng, uint64_t seed) {
  if (!rng)
    return;
  for (int i = 0; i < 4; ++i)
    rng->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t plx_rng_next(plx_rng *rng) {
  uint64_t *s = rng->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

/* The top 53 bits, as a multiple of 2^-53: exactly representable, < 1. */
double plx_rng_uniform(plx_rng *rng) {
  return (double)(plx_rng_next(rng) >> 11) * 0x1.0p-53;
}

uint64_t plx_rng_below(plx_rng *rng, uint64_t n) {
  return (uint64_t)(plx_rng_uniform(rng) * (double)n) % n;
}

void plx_shuffle(int64_t *order, int64_t n, plx_rng *rng) {
  for (int64_t i = n - 1; i > 0; --i) {
    int64_t j = (int64_t)plx_rng_below(rng, (uint64_t)i + 1);
    int64_t t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}
