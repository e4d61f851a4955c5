/* Monte Carlo generator: SplitMix64 seeding xoshiro256** 1.0, uniform and
 * standard normal draws. The logarithm and exponential (analysis_priv.h,
 * inlined into the draws) are computed from correctly rounded IEEE
 * operations (frexp/ldexp/floor are exact), so a seed gives the same draws
 * on every machine, whatever its libm. */
#include <math.h>
#include "analysis_priv.h"

uint64_t tc_rng_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void tc_rng_seed(tc_rng *g, uint64_t seed)
{
    uint64_t sm = seed;
    for (int i = 0; i < 4; i++)
        g->s[i] = tc_rng_splitmix64(&sm);
    g->spare = 0;
    g->has_spare = 0;
}

uint64_t tc_rng_next(tc_rng *g)
{
    return tc_rng_step(g);
}

double tc_rng_uniform(tc_rng *g)
{
    return tc_rng_unit(g);
}

double tc_rng_log(double x)
{
    return tc_rng_ln(x);
}

double tc_rng_exp(double x)
{
    return tc_rng_e(x);
}

/* Marsaglia's polar method: each accepted pair gives two normals; the
 * second is kept in the generator for the next call. */
double tc_rng_normal(tc_rng *g)
{
    if (g->has_spare) {
        g->has_spare = 0;
        return g->spare;
    }
    double u, v, s;
    do {
        u = 2 * tc_rng_uniform(g) - 1;
        v = 2 * tc_rng_uniform(g) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = sqrt(-2 * tc_rng_ln(s) / s);
    g->spare = v * f;
    g->has_spare = 1;
    return u * f;
}
